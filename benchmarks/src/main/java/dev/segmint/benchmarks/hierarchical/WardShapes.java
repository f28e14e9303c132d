package dev.segmint.benchmarks.hierarchical;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Ward's linkage on data of different shapes, through the public API: the best of 6 fits after a first one, and
 * the top merge height (so two jars can be compared for speed and checked for the same tree). For ward's pruned
 * searches, which depend on how clustered the data is (docs/benchmarks.md, "Runs of session 23").
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.segmint.benchmarks.hierarchical.WardShapes
 * [shape n d …]} (default: the shapes of that section). Shapes: {@code uniform} (uniform in the unit cube),
 * {@code grid} (integers 0–5, full of ties), {@code lognormal} (heavy-tailed), {@code blobs} (12 Gaussian
 * groups), {@code line} (1-D, ordered). Only public API: it runs against any Segmint jar.
 */
public final class WardShapes {
  private WardShapes() {}

  public static void main(String[] args) {
    String[] cases = args.length > 0 ? args : new String[] {"uniform", "10000", "8", "uniform", "10000", "3",
        "grid", "10000", "3", "lognormal", "10000", "4", "blobs", "10000", "8", "blobs", "10000", "16",
        "uniform", "10000", "32", "line", "8000", "1"};
    for (int c = 0; c + 2 < cases.length; c += 3) {
      run(cases[c], Integer.parseInt(cases[c + 1]), Integer.parseInt(cases[c + 2]));
    }
  }

  private static void run(String shape, int n, int d) {
    SplittableRandom r = new SplittableRandom(42);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        rows[i][k] = switch (shape) {
          case "uniform" -> r.nextDouble();
          case "grid" -> r.nextInt(6);
          case "lognormal" -> Math.exp(gaussian(r));
          case "line" -> i + 0.001 * r.nextDouble();
          case "blobs" -> (i % 12) * 3 * ((k % 2) * 2 - 1) + gaussian(r);
          default -> throw new IllegalArgumentException("unknown shape " + shape
              + ": use uniform, grid, lognormal, blobs or line");
        };
      }
    }
    String[] ids = new String[n];
    String[] names = new String[d];
    for (int i = 0; i < n; i++) {
      ids[i] = "p" + i;
    }
    for (int k = 0; k < d; k++) {
      names[k] = "x" + k;
    }
    FeatureMatrix m = FeatureMatrix.of(ids, names, rows);
    Hierarchical.Options options = Hierarchical.Options.of(Linkage.WARD).withThreads(1);
    double top = Hierarchical.fit(m, options).dendrogram().height(n - 2);
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < 6; rep++) {
      long t = System.nanoTime();
      Hierarchical.fit(m, options);
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf(Locale.ROOT, "%-9s n=%d d=%d  best of 6: %.1f ms  top height %.10g%n", shape, n, d,
        best / 1e6, top);
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
