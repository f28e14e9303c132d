package dev.segmint.benchmarks.hierarchical;

import dev.segmint.features.FeatureMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The synthetic data every hierarchical peer gets: n points in d = 8 dimensions around 12 Gaussian blobs.
 *
 * <p>Centres are drawn uniformly from {@code [-5, 5]^d}; each point picks a centre uniformly and adds independent
 * standard normal noise to every coordinate, so blobs overlap as customer segments do and no two distances are
 * equal (continuous data: tie-free with probability one). Reproducible bit for bit on any JVM
 * ({@link SplittableRandom}, Box–Muller with {@link StrictMath}). The same points are written to CSV for the
 * SciPy/fastcluster script by {@link ExportHierarchical}.
 */
public final class HierarchicalWorkload {

  /** Dimensions of every workload. */
  public static final int D = 8;
  /** Blobs of every workload. */
  public static final int BLOBS = 12;
  /** Seed of every workload. */
  public static final long SEED = 20260707L;

  private HierarchicalWorkload() {}

  /** Row-major {@code n × D} points. */
  public static double[] points(int n) {
    SplittableRandom rnd = new SplittableRandom(SEED);
    double[] centres = new double[BLOBS * D];
    for (int q = 0; q < centres.length; q++) {
      centres[q] = 10 * rnd.nextDouble() - 5;
    }
    double[] x = new double[n * D];
    double spare = 0;
    boolean hasSpare = false;
    for (int i = 0; i < n; i++) {
      int c = rnd.nextInt(BLOBS);
      for (int j = 0; j < D; j++) {
        double z;
        if (hasSpare) {
          z = spare;
          hasSpare = false;
        } else {
          double r = StrictMath.sqrt(-2 * StrictMath.log(1.0 - rnd.nextDouble()));
          double a = 2 * StrictMath.PI * rnd.nextDouble();
          spare = r * StrictMath.sin(a);
          hasSpare = true;
          z = r * StrictMath.cos(a);
        }
        x[i * D + j] = centres[c * D + j] + z;
      }
    }
    return x;
  }

  /** The points as rows (for peers that take {@code double[][]}). */
  public static double[][] rows(int n) {
    double[] x = points(n);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(x, i * D, i * D + D);
    }
    return rows;
  }

  /** The points as a Segmint feature matrix, ids {@code 0 … n−1}, features {@code f0 … f7}. */
  public static FeatureMatrix matrix(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
    }
    String[] names = new String[D];
    for (int j = 0; j < D; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.ofFlat(ids, names, null, points(n));
  }

  /** Writes the points as CSV without a header, full precision ({@link Double#toString}), one row per point. */
  public static void writeCsv(int n, Path file) throws IOException {
    double[] x = points(n);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.setLength(0);
        for (int j = 0; j < D; j++) {
          if (j > 0) {
            sb.append(',');
          }
          sb.append(x[i * D + j]);
        }
        w.write(sb.append('\n').toString());
      }
    }
  }
}
