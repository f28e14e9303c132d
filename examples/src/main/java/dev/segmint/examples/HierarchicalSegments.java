package dev.segmint.examples;

import dev.segmint.cluster.Dendrogram;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Ward hierarchical clustering of the Online Retail customers (log RFM, standardised): the full merge tree, k read
 * off the largest jump in the top merge heights (from k = 3 on), the cut, the profiles, and the dendrogram written
 * as a SciPy linkage CSV and drawn (SVG) in a self-contained HTML report.
 *
 * <pre>{@code java -cp cli/target/segmint.jar:examples/target/classes \
 *     dev.segmint.examples.HierarchicalSegments data out}</pre>
 */
public final class HierarchicalSegments {
  private HierarchicalSegments() {}

  /** What the example found: the clustered space, the tree, the chosen k, its labels, profiles and files. */
  public record Result(FeatureMatrix features, Hierarchical.Result tree, int k, int[] labels,
      SegmentProfiles profiles, Path dendrogramCsv, Path report) {}

  public static void main(String[] args) {
    run(Datasets.dir(args), Path.of(args.length > 1 ? args[1] : "."), System.out);
  }

  /** Runs the example on the data folder {@code dir}, writing its two files into {@code outDir}. */
  public static Result run(Path dir, Path outDir, PrintStream out) {
    Table rfm = Datasets.onlineRetailRfm(dir);
    FeatureMatrix scaled = Datasets.logScaledRfm(rfm);
    // tag::ward[]
    Hierarchical.Result hc = Hierarchical.fit(scaled, Hierarchical.Options.of(Linkage.WARD));
    Dendrogram tree = hc.dendrogram();          // n − 1 merges, SciPy linkage rows: left, right, height, size
    out.println(hc);
    // end::ward[]

    // tag::choose-k[]
    double[] h = tree.heights();                // ascending for ward; the last merge joins everything
    int n = tree.leaves();
    Table jumps = Table.create("top merges: cutting below merge n − k leaves k segments",
        IntColumn.create("k"), DoubleColumn.create("height joining k into k - 1"), DoubleColumn.create("jump"));
    int k = 3;                                  // k = 2 nearly always has the largest jump: look from 3 on
    for (int c = 2; c <= 8; c++) {
      double jump = h[n - c] - h[n - c - 1];    // how much higher the merge above the cut is than the one below
      jumps.intColumn(0).append(c);
      jumps.doubleColumn(1).append(Math.round(h[n - c] * 1000) / 1000.0);
      jumps.doubleColumn(2).append(Math.round(jump * 1000) / 1000.0);
      if (c > 3 && jump > h[n - k] - h[n - k - 1]) {
        k = c;
      }
    }
    out.println(jumps.print());
    int[] labels = hc.cut(k);
    // end::choose-k[]
    out.println("largest jump for k ≥ 3: k = " + k);

    // tag::profile-and-files[]
    SegmentProfiles profiles = SegmentProfiles.of(rfm, labels, "recency_days", "frequency", "monetary",
        "rfm_segment");
    out.println(profiles);
    Path csv = outDir.resolve("online-retail-ward.csv");
    Path html = outDir.resolve("online-retail-ward.html");
    try {
      Files.createDirectories(outDir);
      tree.writeCsv(csv);                       // left,right,height,size: numpy.loadtxt(..., skiprows=1) in SciPy
      Report.builder(profiles).title("Online Retail: ward hierarchy, " + k + " segments")
          .dendrogram(tree.toArray(), scaled.ids(), "Ward linkage on log RFM, standardised.")
          .build().write(html);                 // self-contained page with the dendrogram as inline SVG
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // end::profile-and-files[]
    out.println("dendrogram: " + csv + " (" + (n - 1) + " merges), report: " + html);
    return new Result(scaled, hc, k, labels, profiles, csv, html);
  }
}
