package dev.segmint.benchmarks.hierarchical;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the benchmark workload and Segmint's linkage matrices for it, for
 * {@code benchmarks/scripts/scipy_hierarchical.py} (SciPy and fastcluster on the same points, heights compared):
 * {@code <dir>/hierarchical-<n>x8.csv} and {@code <dir>/segmint-<linkage>-<n>.csv} (SciPy layout, with header).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.segmint.benchmarks.hierarchical.ExportHierarchical
 * DIR [n …]} (default n: 10000 20000). Complete and average need a heap of 2 GiB or more at 20,000.
 */
public final class ExportHierarchical {
  private ExportHierarchical() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ExportHierarchical DIR [n ...]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    int[] sizes = args.length > 1 ? new int[args.length - 1] : new int[] {10_000, 20_000};
    for (int a = 1; a < args.length; a++) {
      sizes[a - 1] = Integer.parseInt(args[a]);
    }
    for (int n : sizes) {
      HierarchicalWorkload.writeCsv(n, dir.resolve("hierarchical-" + n + "x8.csv"));
      FeatureMatrix m = HierarchicalWorkload.matrix(n);
      for (Linkage linkage : Linkage.values()) {
        long t = System.nanoTime();
        Hierarchical.Result r = Hierarchical.fit(m, Hierarchical.Options.of(linkage));
        double s = (System.nanoTime() - t) / 1e9;
        r.dendrogram().writeCsv(dir.resolve("segmint-" + linkage.scipyName() + "-" + n + ".csv"));
        System.out.printf(Locale.ROOT, "segmint %s n=%d: %.3f s (one run, JIT warming up)%n", linkage.scipyName(), n, s);
      }
    }
  }
}
