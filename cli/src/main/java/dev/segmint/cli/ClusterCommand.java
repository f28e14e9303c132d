package dev.segmint.cli;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.SegmentSizes;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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

  @Option(names = "--exclude", split = ",", paramLabel = "a,b",
      description = "Columns to leave out of the features (e.g. a numeric code column).")
  List<String> exclude;

  @Option(names = "--scale", defaultValue = "standard", paramLabel = "standard|robust|minmax|none",
      description = "Scaling after --log (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--log", split = ",", paramLabel = "a,b",
      description = "Columns to transform with sign(x)·log(1+|x|) before scaling (e.g. frequency,monetary).")
  List<String> log;

  @Mixin
  AlgorithmFlags flags;

  @Option(names = "--dendrogram", paramLabel = "FILE.csv",
      description = "Hierarchical: also write the merge tree as SciPy's linkage matrix (left,right,height,size).")
  Path dendrogram;

  @Mixin
  SegmentsOut io;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--input", input).output("--out", io.out).output("--dendrogram",
        dendrogram).check()) {
      this.outputs = outputs;
      return run();
    }
  }

  /** Set by {@link #call()} for the run. */
  private Outputs outputs;

  private Integer run() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String alg = flags.name();
    flags.checkRequired();
    Scaler.Kind kind = SegmentCommand.scaleKind(scale);
    CsvInput in = CsvInput.open(input, io.options());
    String idColumn = in.column(id);
    List<String> named = in.columns(features);
    List<String> logged = in.columns(log);
    Set<String> excluded = new LinkedHashSet<>(exclude == null ? List.of() : in.columns(exclude));
    Table table = in.read(Set.of(idColumn));
    if (table.rowCount() == 0) {
      throw new BadInputException(input + " has a header but no customer rows");
    }
    List<String> cols = new ArrayList<>();
    if (named != null) {
      for (String f : named) {
        if (excluded.contains(f)) {
          throw new BadInputException("column '" + f + "' is named by both --features and --exclude; keep it in one");
        }
        in.requireNumbers(f, c -> "; fix that value or leave the column out of --features");
        cols.add(f);
      }
    } else {
      Set<String> leaveOut = new HashSet<>(excluded);
      leaveOut.add(idColumn);
      cols.addAll(in.numericColumns(leaveOut, c -> "; fix that value, leave the column out with --exclude " + c
          + ", or name the features with --features"));
    }
    if (cols.isEmpty()) {
      throw new BadInputException("table '" + in.tableName() + "' has no numeric column besides the id column '"
          + idColumn + "'" + (excluded.isEmpty() ? "" : " and the columns left out with --exclude " + excluded)
          + "; name the feature columns with --features or convert them to numbers");
    }
    FeatureMatrix m = FeatureMatrix.fromTable(table, idColumn, cols.toArray(String[]::new));
    if (logged != null && !logged.isEmpty()) {
      m = m.withLog1p(logged.toArray(String[]::new));
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
    KMeans.Options options = flags.kmeansOptions();
    KMeans.Result result;
    if (flags.autoK()) {
      int kMax = Math.min(10, scaled.rows() - 1);
      if (kMax < 2) {
        throw new BadInputException("--k auto needs at least 3 customers, " + input + " has " + scaled.rows());
      }
      KSelection.Result sel = KSelection.run(scaled, KSelection.Options.range(2, kMax).withKMeans(options));
      err.println(sel);
      result = sel.best();
    } else {
      result = KMeans.fit(scaled, options);
    }
    int[] labels = result.labels();
    write(scaled, labels);
    err.printf(Locale.ROOT, "k-means (%s): %d segments of %,d customers %s, inertia %.6g, %d iterations%s; written to %s%n",
        result.algorithm(), result.k(), labels.length, SegmentSizes.of(result.sizes()), result.inertia(),
        result.iterations(), result.converged() ? "" : " (not converged: raise maxIter)", io.out);
    return 0;
  }

  private Integer dbscan(FeatureMatrix scaled, PrintWriter err) throws Exception {
    Dbscan.Options options = flags.dbscanOptions(scaled.columns());
    int mp = options.minPts();
    if (mp > scaled.rows()) {
      throw new BadInputException("--min-pts " + mp + " exceeds the number of customers in " + input + ", "
          + scaled.rows() + "; choose --min-pts <= " + scaled.rows());
    }
    Dbscan.Result result = Dbscan.fit(scaled, options);
    if (result.kDistance() != null) {
      err.println("eps auto: " + result.kDistance());
    }
    write(scaled, result.labels());
    err.printf(Locale.ROOT, "DBSCAN eps=%.6g minPts=%d (%s index): %d segments %s, %,d core, %,d border, %,d noise "
        + "(segment -1) of %,d customers; written to %s%n", result.eps(), mp, result.index(), result.k(),
        SegmentSizes.of(result.sizes()), result.coreCount(), result.borderCount(), result.noiseCount(),
        scaled.rows(), io.out);
    return 0;
  }

  private Integer hdbscan(FeatureMatrix scaled, PrintWriter err) throws Exception {
    Hdbscan.Options options = flags.hdbscanOptions();
    int mcs = options.minClusterSize();
    if (options.effectiveMinSamples() > scaled.rows()) {
      throw new BadInputException("HDBSCAN min samples " + options.effectiveMinSamples() + " exceeds the number of "
          + "customers in " + input + ", " + scaled.rows() + "; lower --min-cluster-size or --min-pts");
    }
    Hdbscan.Result result = Hdbscan.fit(scaled, options);
    write(scaled, result.labels());
    err.printf(Locale.ROOT, "HDBSCAN minClusterSize=%d minSamples=%d: %d segments %s, %,d noise (segment -1) of %,d "
        + "customers; written to %s%n", mcs, options.effectiveMinSamples(), result.k(),
        SegmentSizes.of(result.sizes()), result.noiseCount(), scaled.rows(), io.out);
    return 0;
  }

  private void write(FeatureMatrix scaled, int[] labels) throws Exception {
    outputs.write(io.out, SegmentCommand.segments(scaled.ids(), labels));
    outputs.commit();
  }

  /** {@code --algorithm hierarchical}: cut the tree into --k segments; optionally write the linkage matrix. */
  private int hierarchical(FeatureMatrix scaled, PrintWriter err) throws java.io.IOException {
    Hierarchical.Options options = flags.hierarchicalOptions();
    int kk = options.k();
    Hierarchical.Result result = Hierarchical.fit(scaled, options);
    int[] labels = result.labels();
    outputs.write(io.out, CsvIo.csv(result.toTable()));
    if (dendrogram != null) {
      outputs.save(dendrogram, result.dendrogram()::writeCsv);
    }
    outputs.commit();
    long[] sizes = new long[kk];
    for (int l : labels) {
      sizes[l]++;
    }
    err.printf(Locale.ROOT, "hierarchical (%s%s): %d segments of %,d customers %s, top merge at height %.6g; written to "
        + "%s%s%n", result.linkage().scipyName(), result.isTwoStage() ? ", two-stage with "
        + result.dendrogram().leaves() + " micro-clusters" : "", kk, labels.length, SegmentSizes.of(sizes),
        result.dendrogram().merges() == 0 ? 0.0 : result.dendrogram().height(result.dendrogram().merges() - 1), io.out,
        dendrogram == null ? "" : " (linkage matrix: " + dendrogram + ")");
    return 0;
  }
}
