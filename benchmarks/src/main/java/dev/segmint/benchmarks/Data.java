package dev.segmint.benchmarks;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.KernelProvider;
import java.util.SplittableRandom;

/** Shared benchmark data and kernel handles. */
final class Data {

  /** JVM flag that the Panama benchmarks (and only they, plus the SIMD limit loops) fork with. */
  static final String VECTOR = "--add-modules=jdk.incubator.vector";

  static final DistanceKernel SCALAR = KernelProvider.scalar();

  private Data() {}

  /** The Panama kernels; touching this class without {@link #VECTOR} fails with the reason. */
  static final class Panama {
    static final DistanceKernel KERNEL = KernelProvider.panama();

    private Panama() {}
  }

  /** n·d uniform values in [-2, 2), the same for a given seed. */
  static double[] random(long seed, int len) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = r.nextDouble(-2, 2);
    }
    return v;
  }

  /** Row-major flat array to rows (what Smile's API takes). */
  static double[][] rows(double[] flat, int n, int d) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * d, i * d + d);
    }
    return rows;
  }

  /** The naive peer: a plain Java double loop, one pair at a time. */
  static double naiveSquared(double[] a, int ao, double[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = a[ao + j] - b[bo + j];
      s += e * e;
    }
    return s;
  }

  /** Naive nearest centroid for points [from, to) of a flat array; returns a checksum of the indices. */
  static long naiveNearest(double[] points, int from, int to, int d, double[] c, int k, int[] idx, double[] dist,
      double[] second) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      double best = Double.POSITIVE_INFINITY;
      double sec = Double.POSITIVE_INFINITY;
      int bi = 0;
      for (int ci = 0; ci < k; ci++) {
        double s = naiveSquared(points, i * d, c, ci * d, d);
        if (s < best) {
          sec = best;
          best = s;
          bi = ci;
        } else if (s < sec) {
          sec = s;
        }
      }
      idx[i - from] = bi;
      dist[i - from] = best;
      second[i - from] = sec;
      sum += bi;
    }
    return sum;
  }

  /** Smile peer: MathEx.squaredDistance per (point, centroid) pair on double[][] rows. */
  static long smileNearest(double[][] points, double[][] c, int[] idx, double[] dist, double[] second) {
    long sum = 0;
    for (int i = 0; i < points.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      double sec = Double.POSITIVE_INFINITY;
      int bi = 0;
      double[] p = points[i];
      for (int ci = 0; ci < c.length; ci++) {
        double s = smile.math.MathEx.squaredDistance(p, c[ci]);
        if (s < best) {
          sec = best;
          best = s;
          bi = ci;
        } else if (s < sec) {
          sec = s;
        }
      }
      idx[i] = bi;
      dist[i] = best;
      second[i] = sec;
      sum += bi;
    }
    return sum;
  }

  static long checksum(int[] idx, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += idx[i];
    }
    return sum;
  }
}
