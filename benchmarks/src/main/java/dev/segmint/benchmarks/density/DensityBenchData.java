package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Dbscan;
import dev.segmint.features.FeatureMatrix;
import java.util.SplittableRandom;

/**
 * The synthetic customer-like data of the density benchmarks: 12 Gaussian blobs of different spreads (0.5 to 3) and
 * sizes in [0, 100]^d plus 5 % uniform noise, fixed by (n, d, seed 42). eps is the knee of the k-distance curve
 * (Segmint's {@link Dbscan#kDistance}, k = minPts − 1, a 20,000-point sample), the same for every peer.
 */
public final class DensityBenchData {
  private DensityBenchData() {}

  /** minPts (Segmint's and ELKI's convention: the point itself counts) used by every DBSCAN benchmark. */
  public static final int MIN_PTS = 10;

  /** Parses "50000x3" (or "50000x3:q50", see {@link #eps(FeatureMatrix, String)}) into {n, d}. */
  public static int[] shape(String s) {
    String[] p = s.split(":")[0].split("x");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
  }

  public static double[][] rows(int n, int d) {
    SplittableRandom r = new SplittableRandom(42);
    int blobs = 12;
    double[][] centre = new double[blobs][d];
    double[] spread = new double[blobs];
    double[] weight = new double[blobs];
    double total = 0;
    for (int b = 0; b < blobs; b++) {
      for (int j = 0; j < d; j++) {
        centre[b][j] = r.nextDouble(10, 90);
      }
      spread[b] = 0.5 + 2.5 * b / (blobs - 1.0);
      weight[b] = 1 + r.nextDouble(3);
      total += weight[b];
    }
    double[][] out = new double[n][d];
    int noise = n / 20;
    for (int i = 0; i < n; i++) {
      if (i < noise) {
        for (int j = 0; j < d; j++) {
          out[i][j] = r.nextDouble(0, 100);
        }
        continue;
      }
      double u = r.nextDouble(total);
      int b = 0;
      while (b < blobs - 1 && u >= weight[b]) {
        u -= weight[b];
        b++;
      }
      for (int j = 0; j < d; j++) {
        out[i][j] = centre[b][j] + spread[b] * gaussian(r);
      }
    }
    // shuffle so that noise is not all at the front
    for (int i = n - 1; i > 0; i--) {
      int k = r.nextInt(i + 1);
      double[] t = out[i];
      out[i] = out[k];
      out[k] = t;
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  public static FeatureMatrix matrix(double[][] rows) {
    String[] ids = new String[rows.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.toString(i);
    }
    String[] names = new String[rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "x" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  /** The eps every peer uses for this data: the knee of the k-distance curve. */
  public static double eps(FeatureMatrix m) {
    return Dbscan.kDistance(m, MIN_PTS, 20_000, Runtime.getRuntime().availableProcessors()).eps();
  }

  /**
   * The eps for a shape: the knee for "50000x3"; for "50000x3:qP" the P-th percentile of the same k-distance curve
   * (e.g. q50, the median: P % of the sampled points are core), a smaller eps with smaller neighbourhoods.
   */
  public static double eps(FeatureMatrix m, String shape) {
    int colon = shape.indexOf(':');
    if (colon < 0) {
      return eps(m);
    }
    String q = shape.substring(colon + 1);
    if (!q.matches("q\\d{1,2}")) {
      throw new IllegalArgumentException("shape suffix must be qP with P a percentile 0-99, got " + q);
    }
    double[] kd = Dbscan.kDistance(m, MIN_PTS, 20_000, Runtime.getRuntime().availableProcessors()).distances();
    return kd[(int) Math.round(Integer.parseInt(q.substring(1)) / 100.0 * (kd.length - 1))];
  }
}
