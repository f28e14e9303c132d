package dev.segmint.kernel.internal;

/**
 * Plain Java kernels whose results equal those of the Panama kernels ({@code PanamaDistanceKernel}) bit for bit, for
 * a given vector lane count and FMA use: the Panama kernels' arithmetic written out one lane at a time. Used by
 * {@link ColdStartKernel} until the Panama kernels are compiled (before that, the Vector API runs boxed and
 * allocating, several times slower than scalar code), so that which of the two ran a call never shows in a
 * result. Not API.
 *
 * <p>Why the bits are the same:
 * <ul>
 *   <li>Fused kernels (nearest centroid, block distances): Panama puts points in lanes and sums each squared
 *       distance in coordinate order in one lane, as {@code acc = fma(e, e, acc)} when it uses FMA, else
 *       {@code acc + e·e}; here the same sum, with {@link Math#fma} (the same single rounding). The nearest and
 *       second-nearest bookkeeping is the same comparison in the same centroid order (Panama's +∞ padding
 *       centroids never win or come second). Without FMA these are exactly the {@link ScalarDistanceKernel}'s
 *       fused kernels, which are used then.</li>
 *   <li>Single pair below {@code 2 × lanes} coordinates: Panama calls {@link ScalarDistanceKernel}; so does this.
 *       From {@code 2 × lanes}: Panama keeps four vector accumulators (coordinates {@code j ≡ l mod lanes} in lane
 *       {@code l}, blocks of {@code 4 × lanes} round-robin over the four), then one vector for what is left of
 *       whole vectors, adds the accumulators as {@code (a0 + a1) + (a2 + a3)}, the lanes in lane order, and the
 *       last {@code d mod lanes} terms one by one without FMA; here the same, lane by lane.</li>
 * </ul>
 * {@code KernelParityTest} checks the equality over odd sizes, blocks and dimensions.
 */
final class ScalarTwinKernel implements DistanceKernel {

  private static final ScalarDistanceKernel SCALAR = ScalarDistanceKernel.INSTANCE;
  private static final int T = PackedLayout.TILE;

  private final int lanes;
  private final boolean fma;

  /**
   * @param lanes the Panama kernels' double lanes: 2, 4 or 8
   * @param fma whether they use fused multiply-add
   */
  ScalarTwinKernel(int lanes, boolean fma) {
    if (lanes != 2 && lanes != 4 && lanes != 8) {
      throw new IllegalArgumentException("lanes must be 2, 4 or 8, got " + lanes);
    }
    this.lanes = lanes;
    this.fma = fma;
  }

  /** The Panama kernels' double lanes this twin repeats. */
  int lanes() {
    return lanes;
  }

  /** Whether this twin sums with fused multiply-add, as the Panama kernels it repeats. */
  boolean fma() {
    return fma;
  }

  /** Whether {@code other} computes exactly what this twin computes (the same lanes and FMA use). */
  boolean sameArithmetic(ScalarTwinKernel other) {
    return lanes == other.lanes && fma == other.fma;
  }

  /** Coordinates from which the Panama single-pair kernel runs vector code ({@code 2 × lanes}). */
  int pairVectorFrom() {
    return 2 * lanes;
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public String toString() {
    return "scalar twin of the Panama kernels (" + lanes + " lanes, " + (fma ? "FMA" : "no FMA") + ")";
  }

  // ---------------------------------------------------------------- single pairs

  @Override
  public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
    int l4 = 4 * lanes;
    if (d < 2 * lanes) {
      return SCALAR.squaredDistance(a, aOff, b, bOff, d);
    }
    int full = d / l4 * l4;
    int whole = full + (d - full) / lanes * lanes;
    double s = 0;
    for (int l = 0; l < lanes; l++) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = l;
      for (; j < full; j += l4) {
        double e0 = a[aOff + j] - b[bOff + j];
        double e1 = a[aOff + j + lanes] - b[bOff + j + lanes];
        double e2 = a[aOff + j + 2 * lanes] - b[bOff + j + 2 * lanes];
        double e3 = a[aOff + j + 3 * lanes] - b[bOff + j + 3 * lanes];
        s0 = sq(e0, s0);
        s1 = sq(e1, s1);
        s2 = sq(e2, s2);
        s3 = sq(e3, s3);
      }
      for (; j < whole; j += lanes) {
        double e = a[aOff + j] - b[bOff + j];
        s0 = sq(e, s0);
      }
      double v = (s0 + s1) + (s2 + s3);
      s = l == 0 ? v : s + v;
    }
    for (int j = whole; j < d; j++) {
      double e = a[aOff + j] - b[bOff + j];
      s += e * e;
    }
    return s;
  }

  private double sq(double e, double acc) {
    return fma ? Math.fma(e, e, acc) : acc + e * e;
  }

  /** Squared distance summed in coordinate order with fused multiply-add: one Panama lane's sum. */
  private static double sequentialFma(double[] a, int aOff, double[] b, int bOff, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = a[aOff + j] - b[bOff + j];
      s = Math.fma(e, e, s);
    }
    return s;
  }

  // ---------------------------------------------------------------- fused kernels

  @Override
  public void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    if (!fma) {
      SCALAR.nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    for (int i = from; i < to; i++) {
      nearestOne(points, i * d, d, centroids, k, i - from, outIndex, outDist, outSecond);
    }
  }

  @Override
  public void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    if (!fma) {
      SCALAR.nearestCentroidsPacked(packed, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    double[] row = new double[d];
    for (int i = from; i < to; i++) {
      unpack(packed, i, d, row);
      nearestOne(row, 0, d, centroids, k, i - from, outIndex, outDist, outSecond);
    }
  }

  private static void unpack(double[] packed, int i, int d, double[] row) {
    int o = PackedLayout.base(i, d);
    for (int j = 0; j < d; j++) {
      row[j] = packed[o + j * T];
    }
  }

  /** One point against all centroids with FMA, four centroids per pass (each coordinate loaded once). */
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
        s0 = Math.fma(e0, e0, s0);
        s1 = Math.fma(e1, e1, s1);
        s2 = Math.fma(e2, e2, s2);
        s3 = Math.fma(e3, e3, s3);
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
      double s = sequentialFma(p, po, c, ci * d, d);
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
    if (!fma) {
      SCALAR.squaredDistances(a, aFrom, aTo, b, bFrom, bTo, d, out);
      return;
    }
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
          s0 = Math.fma(e0, e0, s0);
          s1 = Math.fma(e1, e1, s1);
          s2 = Math.fma(e2, e2, s2);
          s3 = Math.fma(e3, e3, s3);
        }
        out[row + j] = s0;
        out[row + j + 1] = s1;
        out[row + j + 2] = s2;
        out[row + j + 3] = s3;
      }
      for (; j < bTo; j++) {
        out[row + j] = sequentialFma(a, ao, b, j * d, d);
      }
    }
  }

  @Override
  public void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out) {
    if (!fma) {
      SCALAR.squaredDistancesPacked(packed, from, to, d, b, bFrom, bTo, out);
      return;
    }
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
