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
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Segments the bundled UCI Online Retail customers by RFM with k-means and writes a report: the quick way to
 * see what Segmint does.
 */
final class DemoCommand extends Subcommand {

  static final String DATA = "/dev/segmint/cli/data/online_retail.csv.gz";

  DemoCommand() {
    super("demo", "Segment the bundled real sample (UCI Online Retail) by RFM and write an HTML report.",
        "Segment the bundled real sample (UCI Online Retail, 541,909 transactions, CC BY 4.0) by RFM with k-means; "
            + "print named, explained segments (profiles, top features, checklist, stability) and write a "
            + "self-contained HTML report with charts.");
  }

  final Flag<Integer> k = flags.integer("--k", "N", "Number of segments (default: ${DEFAULT-VALUE}).").byDefault(5);

  final Flag<Long> seed = flags.longInteger("--seed", "S", "Random seed (default: ${DEFAULT-VALUE}).").byDefault(42L);

  final Flag<Integer> nInit = flags.integer("--n-init", "N", "k-means restarts (default: ${DEFAULT-VALUE}).")
      .byDefault(4);

  final Flag<Integer> threads = flags.integer("--threads", "T",
      "Worker threads (default: all processors; results do not depend on it).");

  final Flag<Path> report = flags.path("--report", "FILE.html", "HTML report to write (default: ${DEFAULT-VALUE}).")
      .byDefault(Path.of("segmint-demo-report.html"));

  final Flag<Path> out = flags.path("--out", "FILE.csv", "Also write customer_id,segment to this CSV file.");

  final Flag<Integer> replicates = flags.integer("--replicates", "N",
      "Bootstrap refits for the stability check (default: ${DEFAULT-VALUE}; 0 skips it).").byDefault(30);

  final RfmScoringFlags scoring = new RfmScoringFlags(flags);

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--rfm-map", scoring.map.get()).output("--report", report.get())
        .output("--out", out.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    PrintWriter o = stdout;
    if (replicates.get() < 0) {
      throw new BadInputException("--replicates must be 0 (no stability check) or a number of bootstrap refits, not "
          + replicates.get());
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
    KMeans.Options options = KMeans.Options.of(k.get()).withSeed(seed.get()).withNInit(nInit.get());
    if (threads.given()) {
      options = options.withThreads(threads.get());
    }
    // the curves for the report: k = 2..8 with the same settings (no gap statistic: it is not drawn); the fit at k
    // and its silhouette come from the same run (the same fit KMeans.fit(scaled, options) gives), not computed again
    KSelection.Result curves = KSelection.run(scaled, KSelection.Options.range(2, Math.max(8, k.get()))
        .withKMeans(options).withGapReferences(0));
    boolean tried = java.util.Arrays.stream(curves.ks()).anyMatch(c -> c == k.get());
    KMeans.Result km = tried ? curves.fitAt(k.get()) : KMeans.fit(scaled, options);
    int[] labels = km.labels();
    SegmentProfiles profiles = SegmentProfiles.of(customers, labels, SegmentProfiles.Options.defaults()
        .withColumns("recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "rfm_segment"));
    // reused when exact (as Indices.of computes it up to 10,000 customers); a sample would be drawn with another seed
    Indices indices = tried && curves.silhouetteSample() == 0
        ? Indices.of(scaled, labels, curves.silhouetteAt(k.get())) : Indices.of(scaled, labels);
    Stability.Result stability = null;
    if (replicates.get() > 0) {
      KMeans.Options refit = options.withThreads(1);
      stability = Stability.run(scaled, labels, (sample, s) -> KMeans.fit(sample, refit.withSeed(s)).labels(),
          Stability.Options.bootstrap(replicates.get()).withSeed(seed.get())
              .withThreads(threads.given() ? threads.get() : 0));
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
        .summary("algorithm", "k-means, k = " + k.get() + ", k-means++ seeding, " + nInit.get() + " restarts, seed "
            + seed.get())
        .summary("inertia", String.format("%.4f (%d iterations)", km.inertia(), km.iterations()))
        .indices(indices)
        .checklist(checklist)
        .stability(stability)
        .projection(scaled)
        .kCurves(curves.ks(), curves.inertia(), curves.silhouette(), k.get())
        .dendrogram(centroidTree(km.centroids(), km.sizes()), segmentLabels(profiles), "Ward's linkage of the "
            + k.get() + " segment centres in the scaled space, weighted by segment size: the segments that would "
            + "merge first if fewer were wanted.")
        .note(rfm.report().toString())
        .rules(rules.lines())
        .build();

    o.printf("Segmint demo: UCI Online Retail (%,d transactions), RFM as of %s, k-means k=%d%n",
        transactions.rowCount(), rfm.asOf(), k.get());
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
    outputs.save(this.report.get(), file -> report.write(file, Report.Format.HTML));
    if (out.given()) {
      Table t = Table.create("segments", customers.stringColumn("customer_id").copy(), IntColumn.create("segment", labels));
      outputs.write(out.get(), CsvIo.csv(t));
    }
    outputs.commit();
    o.printf("report: %s%n", this.report.get().toAbsolutePath());
    if (out.given()) {
      o.printf("segments: %s%n", out.get().toAbsolutePath());
    }
    stderr.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
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
