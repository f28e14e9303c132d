package dev.segmint.kernel.internal;

/**
 * Distance kernels in plain Java 17, tuned for the JIT: several independent accumulators (unrolled by four) so
 * that the CPU overlaps the additions, and fused kernels that reuse each loaded coordinate for four centroids
 * or four points. Used when the Panama Vector API is not available, and as the reference the Panama kernels
 * are tested against. Not API.
 *
 * <p>The fused kernels (nearest centroid, block distances) sum each squared distance in coordinate order with
 * one accumulator per pair, so their results are bit-identical to the naive loop
 * {@code s += (x[j] - y[j]) * (x[j] - y[j])}; the single-pair {@link #squaredDistance} uses four interleaved
 * accumulators and may differ from it in the last bits.
 */
public final class ScalarDistanceKernel implements DistanceKernel {

  /** The one instance. */
  public static final ScalarDistanceKernel INSTANCE = new ScalarDistanceKernel();

  private ScalarDistanceKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (int ub = d & ~3; j < ub; j += 4) {
      double e0 = a[aOff + j] - b[bOff + j];
      double e1 = a[aOff + j + 1] - b[bOff + j + 1];
      double e2 = a[aOff + j + 2] - b[bOff + j + 2];
      double e3 = a[aOff + j + 3] - b[bOff + j + 3];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; j < d; j++) {
      double e = a[aOff + j] - b[bOff + j];
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Sequential squared distance with one accumulator: the naive loop's exact bits. */
  static double sequential(double[] a, int aOff, double[] b, int bOff, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = a[aOff + j] - b[bOff + j];
      s += e * e;
    }
    return s;
  }

  /** Copies packed point i into row-major {@code row[0, d)} (the JIT optimises unit-stride loops best). */
  private static void unpack(double[] packed, int i, int d, double[] row) {
    int o = PackedLayout.base(i, d);
    for (int j = 0; j < d; j++) {
      row[j] = packed[o + j * PackedLayout.TILE];
    }
  }

  @Override
  public void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    for (int i = from; i < to; i++) {
      nearestOne(points, i * d, d, centroids, k, i - from, outIndex, outDist, outSecond);
    }
  }

  @Override
  public void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    double[] row = new double[d];
    for (int i = from; i < to; i++) {
      unpack(packed, i, d, row);
      nearestOne(row, 0, d, centroids, k, i - from, outIndex, outDist, outSecond);
    }
  }

  /** One point against all centroids, four centroids per pass so that each coordinate is loaded once. */
  private static void nearestOne(double[] p, int po, int d, double[] c, int k, int out, int[] outIndex,
      double[] outDist, double[] outSecond) {
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    int bestIndex = 0;
    int ci = 0;
    for (; ci + 4 <= k; ci += 4) {
      int o0 = ci * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int j = 0; j < d; j++) {
        double x = p[po + j];
        double e0 = x - c[o0 + j];
        double e1 = x - c[o1 + j];
        double e2 = x - c[o2 + j];
        double e3 = x - c[o3 + j];
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
      if (s0 < best) {
        second = best;
        best = s0;
        bestIndex = ci;
      } else if (s0 < second) {
        second = s0;
      }
      if (s1 < best) {
        second = best;
        best = s1;
        bestIndex = ci + 1;
      } else if (s1 < second) {
        second = s1;
      }
      if (s2 < best) {
        second = best;
        best = s2;
        bestIndex = ci + 2;
      } else if (s2 < second) {
        second = s2;
      }
      if (s3 < best) {
        second = best;
        best = s3;
        bestIndex = ci + 3;
      } else if (s3 < second) {
        second = s3;
      }
    }
    for (; ci < k; ci++) {
      double s = sequential(p, po, c, ci * d, d);
      if (s < best) {
        second = best;
        best = s;
        bestIndex = ci;
      } else if (s < second) {
        second = s;
      }
    }
    outIndex[out] = bestIndex;
    outDist[out] = best;
    if (outSecond != null) {
      outSecond[out] = second;
    }
  }

  @Override
  public void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d,
      double[] out) {
    int nb = bTo - bFrom;
    for (int i = aFrom; i < aTo; i++) {
      int ao = i * d;
      int row = (i - aFrom) * nb - bFrom;
      int j = bFrom;
      for (; j + 4 <= bTo; j += 4) {
        int o0 = j * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int q = 0; q < d; q++) {
          double x = a[ao + q];
          double e0 = x - b[o0 + q];
          double e1 = x - b[o1 + q];
          double e2 = x - b[o2 + q];
          double e3 = x - b[o3 + q];
          s0 += e0 * e0;
          s1 += e1 * e1;
          s2 += e2 * e2;
          s3 += e3 * e3;
        }
        out[row + j] = s0;
        out[row + j + 1] = s1;
        out[row + j + 2] = s2;
        out[row + j + 3] = s3;
      }
      for (; j < bTo; j++) {
        out[row + j] = sequential(a, ao, b, j * d, d);
      }
    }
  }

  @Override
  public void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out) {
    // each point unpacked to a row, then the row-major kernel (four rows of b per pass), scattered by column
    int m = to - from;
    int nb = bTo - bFrom;
    double[] row = new double[d];
    double[] dist = new double[nb];
    for (int i = from; i < to; i++) {
      unpack(packed, i, d, row);
      squaredDistances(row, 0, 1, b, bFrom, bTo, d, dist);
      for (int j = 0, o = i - from; j < nb; j++, o += m) {
        out[o] = dist[j];
      }
    }
  }
}
