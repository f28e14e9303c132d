package dev.segmint.benchmarks.kmeans;

import java.util.SplittableRandom;

/**
 * Seeded Gaussian blobs, the synthetic k-means workload every peer gets.
 *
 * <p>{@code k} centres are drawn uniformly from {@code [-halfWidth, halfWidth]^d}; each of the {@code n} points
 * picks a centre uniformly at random and adds independent normal noise with standard deviation {@code std} to
 * every coordinate (as scikit-learn's {@code make_blobs}, but with its own generator). The defaults (half-width
 * 2, std 1) make overlapping blobs, so that k-means needs tens of iterations as on real customer data; a large
 * half-width gives separated blobs whose optimum every peer should reach.
 *
 * <p>Bit-for-bit reproducible on any JVM: the stream comes from {@link SplittableRandom} and the normal
 * variates from the Box–Muller transform computed with {@link StrictMath}. Time O(n·d), memory one
 * {@code double[n·d]}.
 */
public final class GaussianBlobs {

  /** Half-width of the box the centres are drawn from, for the benchmark workloads. */
  public static final double OVERLAPPING_HALF_WIDTH = 2.0;

  /** Half-width that keeps blobs of standard deviation 1 far apart (sanity tests). */
  public static final double SEPARATED_HALF_WIDTH = 50.0;

  /** Seed of the benchmark workloads. */
  public static final long SEED = 20260501L;

  private GaussianBlobs() {}

  /**
   * Generates the points, row-major.
   *
   * @param truth if not null (length n), receives the blob of each point
   * @return {@code n·d} coordinates, point {@code i} at {@code [i·d, i·d + d)}
   */
  public static double[] generate(int n, int d, int k, long seed, double halfWidth, double std, int[] truth) {
    if (n < 1 || d < 1 || k < 1 || k > n) {
      throw new IllegalArgumentException("blobs need n ≥ k ≥ 1 and d ≥ 1, got n=" + n + ", d=" + d + ", k=" + k);
    }
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("n·d = " + (long) n * d + " does not fit one Java array; use a smaller n");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] centres = new double[k * d];
    for (int q = 0; q < centres.length; q++) {
      centres[q] = halfWidth * (2 * rnd.nextDouble() - 1);
    }
    double[] x = new double[n * d];
    Normal normal = new Normal(rnd);
    for (int i = 0; i < n; i++) {
      int c = rnd.nextInt(k);
      if (truth != null) {
        truth[i] = c;
      }
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c * d + j] + std * normal.next();
      }
    }
    return x;
  }

  /** Standard normal variates, two per pair of uniforms (Box–Muller), with StrictMath for reproducibility. */
  private static final class Normal {
    private final SplittableRandom rnd;
    private double spare;
    private boolean hasSpare;

    Normal(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u1 = 1.0 - rnd.nextDouble(); // (0, 1]: log is finite
      double u2 = rnd.nextDouble();
      double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double a = 2.0 * StrictMath.PI * u2;
      spare = r * StrictMath.sin(a);
      hasSpare = true;
      return r * StrictMath.cos(a);
    }
  }
}
