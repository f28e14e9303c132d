package dev.segmint.cli;

import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cycle.SegmentRules;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Indices;
import dev.segmint.quality.Stability;
import dev.segmint.report.HtmlReport;
import dev.segmint.report.Report;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Segments the bundled UCI Online Retail customers by RFM with k-means and writes a report: the quick way to
 * see what Segmint does.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Segment the bundled real sample (UCI Online Retail) by RFM and write an HTML report.",
    description = "Segment the bundled real sample (UCI Online Retail, 541,909 transactions, CC BY 4.0) by RFM "
        + "with k-means; print named, explained segments (profiles, top features, checklist, stability) and write a "
        + "self-contained HTML report with charts.")
final class DemoCommand implements Callable<Integer> {

  static final String DATA = "/dev/segmint/cli/data/online_retail.csv.gz";

  @Option(names = "--k", defaultValue = "5", description = "Number of segments (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--n-init", defaultValue = "4", description = "k-means restarts (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--threads", description = "Worker threads (default: all processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--report", defaultValue = "segmint-demo-report.html",
      description = "HTML report to write (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--out", description = "Also write customer_id,segment to this CSV file.")
  Path out;

  @Option(names = "--replicates", defaultValue = "30",
      description = "Bootstrap refits for the stability check (default: ${DEFAULT-VALUE}; 0 skips it).")
  int replicates;

  @picocli.CommandLine.Mixin
  RfmScoringFlags scoring;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--rfm-map", scoring.map).output("--report", report)
        .output("--out", out).check()) {
      return run(outputs);
    }
  }

  private Integer run(Outputs outputs) throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (replicates < 0) {
      throw new BadInputException("--replicates must be 0 (no stability check) or a number of bootstrap refits, not "
          + replicates);
    }
    long t0 = System.nanoTime();
    Table transactions = CsvInput.open("online_retail.csv.gz", DemoCommand::openData, true,
        new CsvInput.Options(',', false, false))
        .read(Set.of("InvoiceNo", "CustomerID", "InvoiceDate"),
            Set.of("InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice"));
    RfmFeatures.Result rfm = scoring.apply(RfmFeatures.builder()
        .customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice"))
        .build().run(transactions);
    Table customers = rfm.table();
    // the feature path of cluster and segment: signed log1p, then standard scaling
    List<String> rfmColumns = SegmentCommand.RFM_FEATURES;
    FeatureSpec.Builder features = FeatureSpec.builder().columns("customer_id", rfmColumns.toArray(String[]::new));
    rfmColumns.forEach(c -> features.add(NumericFeature.of(c).withLog1p().withScale(Scaler.Kind.STANDARD)));
    FeatureMatrix scaled = features.build().fitAndApply(FeatureInputs.ofCustomers(customers)).matrix();
    KMeans.Options options = KMeans.Options.of(k).withSeed(seed).withNInit(nInit);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    // the curves for the report: k = 2..8 with the same settings (no gap statistic: it is not drawn); the fit at k
    // and its silhouette come from the same run (the same fit KMeans.fit(scaled, options) gives), not computed again
    KSelection.Result curves = KSelection.run(scaled, KSelection.Options.range(2, Math.max(8, k))
        .withKMeans(options).withGapReferences(0));
    boolean tried = java.util.Arrays.stream(curves.ks()).anyMatch(c -> c == k);
    KMeans.Result km = tried ? curves.fitAt(k) : KMeans.fit(scaled, options);
    int[] labels = km.labels();
    SegmentProfiles profiles = SegmentProfiles.of(customers, labels, SegmentProfiles.Options.defaults()
        .withColumns("recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "rfm_segment"));
    // reused when exact (as Indices.of computes it up to 10,000 customers); a sample would be drawn with another seed
    Indices indices = tried && curves.silhouetteSample() == 0 ? Indices.of(scaled, labels, curves.silhouetteAt(k))
        : Indices.of(scaled, labels);
    Stability.Result stability = null;
    if (replicates > 0) {
      KMeans.Options refit = options.withThreads(1);
      stability = Stability.run(scaled, labels, (sample, s) -> KMeans.fit(sample, refit.withSeed(s)).labels(),
          Stability.Options.bootstrap(replicates).withSeed(seed).withThreads(threads == null ? 0 : threads));
    }
    Checklist checklist = Checklist.of(profiles, scaled, stability, indices.details());
    // each segment as a filter on the RFM columns, for tools that build audiences from conditions (docs/cycle.md)
    SegmentRules rules = SegmentRules.fit(customers, labels, profiles.names(),
        List.of("recency_days", "frequency", "monetary", "tenure_days", "avg_order_value"));

    Report report = HtmlReport.builder(profiles)
        .title("Segmint demo: Online Retail customers by RFM")
        .summary("data", "UCI Online Retail (CC BY 4.0), " + String.format("%,d", transactions.rowCount()) + " transactions")
        .summary("RFM as of", rfm.asOf())
        .summary("features", "recency_days, frequency, monetary; signed log1p, then standard scaling")
        .clusteredOn(rfmColumns.toArray(String[]::new))
        .summary("algorithm", "k-means, k = " + k + ", k-means++ seeding, " + nInit + " restarts, seed " + seed)
        .summary("inertia", String.format("%.4f (%d iterations)", km.inertia(), km.iterations()))
        .indices(indices)
        .checklist(checklist)
        .stability(stability)
        .projection(scaled)
        .kCurves(curves.ks(), curves.inertia(), curves.silhouette(), k)
        .dendrogram(centroidTree(km.centroids(), km.sizes()), segmentLabels(profiles), "Ward's linkage of the "
            + k + " segment centres in the scaled space, weighted by segment size: the segments that would merge "
            + "first if fewer were wanted.")
        .note(rfm.report().toString())
        .rules(rules.lines())
        .build();

    o.printf("Segmint demo: UCI Online Retail (%,d transactions), RFM as of %s, k-means k=%d%n",
        transactions.rowCount(), rfm.asOf(), k);
    o.printf("customers: %d%n", customers.rowCount());
    o.printf("k-means: inertia %.4f, %d iterations, %s, features log1p + standard scaled (recency_days, frequency, monetary)%n",
        km.inertia(), km.iterations(), km.converged() ? "converged" : "not converged");
    o.printf("quality: %s%n", indices);
    o.println();
    o.println("Segments and what to do (name — customers — action — in plain words)");
    for (dev.segmint.profile.SegmentProfile s : profiles.segments()) {
      o.printf("  %-5s %s%n", s.label(), s.decision());
    }
    o.println();
    o.print(profiles);
    o.println();
    o.println("Segment checklist:");
    o.print(checklist);
    if (stability != null) {
      o.println();
      o.print(stability);
    }
    o.println();
    o.print(rfm.report());
    outputs.save(this.report, file -> report.write(file, Report.Format.HTML));
    if (out != null) {
      Table t = Table.create("segments", customers.stringColumn("customer_id").copy(), IntColumn.create("segment", labels));
      outputs.write(out, CsvIo.csv(t));
    }
    outputs.commit();
    o.printf("report: %s%n", this.report.toAbsolutePath());
    if (out != null) {
      o.printf("segments: %s%n", out.toAbsolutePath());
    }
    err.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /**
   * Ward's linkage of the segment centroids weighted by their sizes, as a SciPy linkage matrix: which segments
   * would merge first if fewer were wanted. The Ward distance of clusters u and v is √(2·n_u·n_v / (n_u + n_v))
   * · ‖c_u − c_v‖, SciPy's convention; the size column counts customers. O(k³) for k segments.
   */
  static double[][] centroidTree(double[][] centroids, long[] sizes) {
    int k = centroids.length;
    double[][] c = new double[2 * k - 1][];
    double[] n = new double[2 * k - 1];
    boolean[] alive = new boolean[2 * k - 1];
    for (int i = 0; i < k; i++) {
      c[i] = centroids[i].clone();
      n[i] = sizes[i];
      alive[i] = true;
    }
    double[][] z = new double[k - 1][];
    for (int step = 0; step < k - 1; step++) {
      int ba = -1;
      int bb = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < k + step; a++) {
        for (int b = a + 1; b < k + step; b++) {
          if (alive[a] && alive[b]) {
            double dd = 0;
            for (int j = 0; j < c[a].length; j++) {
              dd += (c[a][j] - c[b][j]) * (c[a][j] - c[b][j]);
            }
            double w = Math.sqrt(2 * n[a] * n[b] / (n[a] + n[b]) * dd);
            if (w < best) {
              best = w;
              ba = a;
              bb = b;
            }
          }
        }
      }
      int id = k + step;
      n[id] = n[ba] + n[bb];
      c[id] = new double[c[ba].length];
      for (int j = 0; j < c[id].length; j++) {
        c[id][j] = (n[ba] * c[ba][j] + n[bb] * c[bb][j]) / n[id];
      }
      alive[ba] = false;
      alive[bb] = false;
      alive[id] = true;
      z[step] = new double[] {ba, bb, best, n[id]};
    }
    return z;
  }

  private static String[] segmentLabels(SegmentProfiles profiles) {
    return profiles.segments().stream().filter(p -> !p.isNoise()).map(p -> p.segment() + " · " + p.name())
        .toArray(String[]::new);
  }

  static InputStream openData() {
    InputStream in = DemoCommand.class.getResourceAsStream(DATA);
    if (in == null) {
      throw new IllegalStateException("the bundled sample " + DATA + " is missing from the jar; rebuild with mvn package");
    }
    return in;
  }
}
