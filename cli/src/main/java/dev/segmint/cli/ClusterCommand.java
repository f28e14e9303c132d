package dev.segmint.cli;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code segmint cluster}: segments the customers of a feature CSV (one row per customer). */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Cluster the customers of a feature CSV (one row per customer) and write customer_id,segment.",
        "Features are optionally log-transformed, then scaled; segments are numbered by size, largest first."})
final class ClusterCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Feature CSV, one row per customer.")
  Path input;

  @Option(names = "--id", required = true, paramLabel = "COL", description = "Customer id column (kept as text).")
  String id;

  @Option(names = "--features", split = ",", paramLabel = "a,b,c",
      description = "Feature columns (default: every numeric column except the id).")
  List<String> features;

  @Option(names = "--scale", defaultValue = "standard", paramLabel = "standard|robust|minmax|none",
      description = "Scaling after --log (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--log", split = ",", paramLabel = "a,b",
      description = "Columns to transform with sign(x)·log(1+|x|) before scaling (e.g. frequency,monetary).")
  List<String> log;

  @Option(names = "--algorithm", required = true, paramLabel = "kmeans|dbscan|hdbscan|hierarchical",
      description = "Clustering algorithm: kmeans, dbscan, hdbscan or hierarchical (the density methods write -1 for noise).")
  String algorithm;

  @Option(names = "--k", paramLabel = "N|auto", description = "Number of segments, or auto to choose 2..10 by silhouette.")
  String k;

  @Option(names = "--n-init", defaultValue = "4", paramLabel = "N", description = "k-means seedings (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--eps", paramLabel = "X|auto",
      description = "DBSCAN radius in the scaled feature space, or auto for the knee of the k-distance curve.")
  String eps;

  @Option(names = "--min-pts", paramLabel = "N",
      description = "DBSCAN: points within eps, the customer included, that make a core point (default: 2 x features). "
          + "HDBSCAN: min samples for the core distance (default: --min-cluster-size).")
  Integer minPts;

  @Option(names = "--min-cluster-size", paramLabel = "N", description = "HDBSCAN: smallest segment (default: 15).")
  Integer minClusterSize;

  @Option(names = "--linkage", defaultValue = "ward", paramLabel = "ward|complete|average|single",
      description = "Hierarchical linkage; heights as SciPy's linkage (default: ${DEFAULT-VALUE}).")
  String linkage;

  @Option(names = "--dendrogram", paramLabel = "FILE.csv",
      description = "Hierarchical: also write the merge tree as SciPy's linkage matrix (left,right,height,size).")
  Path dendrogram;

  @Option(names = "--micro-clusters", paramLabel = "M",
      description = "Hierarchical ward on very large data: k-means to M micro-clusters first (approximate).")
  Integer microClusters;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all; results do not depend on it).")
  Integer threads;

  @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (default: detected; \\t for tab).")
  String delimiter;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output: customer_id,segment.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String alg = algorithm.toLowerCase(Locale.ROOT);
    if (!alg.equals("kmeans") && !alg.equals("dbscan") && !alg.equals("hdbscan") && !alg.equals("hierarchical")) {
      throw new BadInputException("--algorithm '" + algorithm + "' is not available; use kmeans, dbscan, hdbscan "
          + "or hierarchical");
    }
    if ((alg.equals("kmeans") || alg.equals("hierarchical")) && k == null) {
      throw new BadInputException(alg.equals("kmeans") ? "k-means needs --k N (a number of segments) or --k auto"
          : "hierarchical clustering needs --k N (the number of segments to cut the tree into)");
    }
    if (alg.equals("dbscan") && eps == null) {
      throw new BadInputException("DBSCAN needs --eps X (a radius in the scaled feature space) or --eps auto");
    }
    Scaler.Kind kind = switch (scale.toLowerCase(Locale.ROOT)) {
      case "standard" -> Scaler.Kind.STANDARD;
      case "robust" -> Scaler.Kind.ROBUST;
      case "minmax" -> Scaler.Kind.MINMAX;
      case "none" -> Scaler.Kind.NONE;
      default -> throw new BadInputException("--scale must be standard, robust, minmax or none, not '" + scale + "'");
    };
    Table table = CsvIo.read(input, RfmCommand.delimiter(delimiter), Set.of(id));
    if (table.rowCount() == 0) {
      throw new BadInputException(input + " has a header but no customer rows");
    }
    String[] cols = features == null ? new String[0] : features.stream().map(String::strip).toArray(String[]::new);
    FeatureMatrix m = FeatureMatrix.fromTable(table, id, cols);
    if (log != null && !log.isEmpty()) {
      m = m.withLog1p(log.stream().map(String::strip).toArray(String[]::new));
    }
    Scaler scaler = Scaler.fit(m, kind);
    FeatureMatrix scaled = scaler.transform(m);
    int code = switch (alg) {
      case "dbscan" -> dbscan(scaled, err);
      case "hdbscan" -> hdbscan(scaled, err);
      case "hierarchical" -> hierarchical(scaled, err);
      default -> kmeans(scaled, err);
    };
    // after the work, so that a failure prints one sentence only
    if (!scaler.constantColumns().isEmpty()) {
      err.println("note: constant columns carry no information and were left at 0: " + scaler.constantColumns());
    }
    return code;
  }

  private int kmeans(FeatureMatrix scaled, PrintWriter err) throws Exception {
    KMeans.Options options = KMeans.Options.of(2).withSeed(seed).withNInit(nInit);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    KMeans.Result result;
    if (k.equalsIgnoreCase("auto")) {
      int kMax = Math.min(10, scaled.rows() - 1);
      if (kMax < 2) {
        throw new BadInputException("--k auto needs at least 3 customers, " + input + " has " + scaled.rows());
      }
      KSelection.Result sel = KSelection.run(scaled, KSelection.Options.range(2, kMax).withKMeans(options));
      err.println(sel);
      result = sel.best();
    } else {
      int kk;
      try {
        kk = Integer.parseInt(k.strip());
      } catch (NumberFormatException e) {
        throw new BadInputException("--k must be a whole number or auto, not '" + k + "'");
      }
      if (kk < 1) {
        throw new BadInputException("--k must be at least 1 (the number of segments), not " + kk);
      }
      result = KMeans.fit(scaled, options.withK(kk));
    }
    int[] labels = result.labels();
    Table t = Table.create("segments", StringColumn.create("customer_id", scaled.ids()),
        IntColumn.create("segment", labels));
    CsvIo.write(t, out);
    err.printf(Locale.ROOT, "k-means (%s): %d segments of %,d customers %s, inertia %.6g, %d iterations%s; written to %s%n",
        result.algorithm(), result.k(), labels.length, Arrays.toString(result.sizes()), result.inertia(),
        result.iterations(), result.converged() ? "" : " (not converged: raise maxIter)", out);
    return 0;
  }

  private Integer dbscan(FeatureMatrix scaled, PrintWriter err) throws Exception {
    int mp = minPts != null ? minPts : Math.max(2, 2 * scaled.columns());
    if (mp < 1) {
      throw new BadInputException("--min-pts must be at least 1 (it counts the customer itself), not " + mp);
    }
    if (mp > scaled.rows()) {
      throw new BadInputException("--min-pts " + mp + " exceeds the number of customers in " + input + ", "
          + scaled.rows() + "; choose --min-pts <= " + scaled.rows());
    }
    Dbscan.Options options;
    if (eps.strip().equalsIgnoreCase("auto")) {
      options = Dbscan.Options.autoEps(mp);
    } else {
      double e;
      try {
        e = Double.parseDouble(eps.strip());
      } catch (NumberFormatException ex) {
        throw new BadInputException("--eps must be a positive number or auto, not '" + eps + "'");
      }
      if (!(e > 0) || Double.isInfinite(e)) {
        throw new BadInputException("--eps must be a finite distance > 0, not '" + eps + "'");
      }
      options = Dbscan.Options.of(e, mp);
    }
    if (threads != null) {
      options = options.withThreads(threads);
    }
    Dbscan.Result result = Dbscan.fit(scaled, options);
    if (result.kDistance() != null) {
      err.println("eps auto: " + result.kDistance());
    }
    write(scaled, result.labels());
    err.printf(Locale.ROOT, "DBSCAN eps=%.6g minPts=%d (%s index): %d segments %s, %,d core, %,d border, %,d noise "
        + "(segment -1) of %,d customers; written to %s%n", result.eps(), mp, result.index(), result.k(),
        Arrays.toString(result.sizes()), result.coreCount(), result.borderCount(), result.noiseCount(),
        scaled.rows(), out);
    return 0;
  }

  private Integer hdbscan(FeatureMatrix scaled, PrintWriter err) throws Exception {
    int mcs = minClusterSize != null ? minClusterSize : 15;
    if (mcs < 2) {
      throw new BadInputException("--min-cluster-size must be at least 2, not " + mcs);
    }
    if (minPts != null && minPts < 1) {
      throw new BadInputException("--min-pts must be at least 1 (it counts the customer itself), not " + minPts);
    }
    Hdbscan.Options options = Hdbscan.Options.of(mcs);
    if (minPts != null) {
      options = options.withMinSamples(minPts);
    }
    if (options.effectiveMinSamples() > scaled.rows()) {
      throw new BadInputException("HDBSCAN min samples " + options.effectiveMinSamples() + " exceeds the number of "
          + "customers in " + input + ", " + scaled.rows() + "; lower --min-cluster-size or --min-pts");
    }
    if (threads != null) {
      options = options.withThreads(threads);
    }
    Hdbscan.Result result = Hdbscan.fit(scaled, options);
    write(scaled, result.labels());
    err.printf(Locale.ROOT, "HDBSCAN minClusterSize=%d minSamples=%d: %d segments %s, %,d noise (segment -1) of %,d "
        + "customers; written to %s%n", mcs, options.effectiveMinSamples(), result.k(),
        Arrays.toString(result.sizes()), result.noiseCount(), scaled.rows(), out);
    return 0;
  }

  private void write(FeatureMatrix scaled, int[] labels) throws Exception {
    Table t = Table.create("segments", StringColumn.create("customer_id", scaled.ids()),
        IntColumn.create("segment", labels));
    CsvIo.write(t, out);
  }

  /** {@code --algorithm hierarchical}: cut the tree into --k segments; optionally write the linkage matrix. */
  private int hierarchical(FeatureMatrix scaled, PrintWriter err) throws java.io.IOException {
    int kk;
    try {
      kk = Integer.parseInt(k.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException("--k must be a whole number for hierarchical clustering, not '" + k + "'");
    }
    if (kk < 1) {
      throw new BadInputException("--k must be at least 1 (the number of segments to cut the tree into), not " + kk);
    }
    Hierarchical.Options options = Hierarchical.Options.of(Linkage.parse(linkage), kk).withSeed(seed)
        .withMicroClusters(microClusters == null ? 0 : microClusters);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    Hierarchical.Result result = Hierarchical.fit(scaled, options);
    int[] labels = result.labels();
    CsvIo.write(result.toTable(), out);
    if (dendrogram != null) {
      CsvIo.writeText(result.dendrogram().toCsv(), dendrogram);
    }
    long[] sizes = new long[kk];
    for (int l : labels) {
      sizes[l]++;
    }
    err.printf(Locale.ROOT, "hierarchical (%s%s): %d segments of %,d customers %s, top merge at height %.6g; written to "
        + "%s%s%n", result.linkage().scipyName(), result.isTwoStage() ? ", two-stage with "
        + result.dendrogram().leaves() + " micro-clusters" : "", kk, labels.length, Arrays.toString(sizes),
        result.dendrogram().merges() == 0 ? 0.0 : result.dendrogram().height(result.dendrogram().merges() - 1), out,
        dendrogram == null ? "" : " (linkage matrix: " + dendrogram + ")");
    return 0;
  }
}
