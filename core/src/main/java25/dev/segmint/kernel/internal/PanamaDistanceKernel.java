package dev.segmint.kernel.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Distance kernels on the Panama Vector API ({@code jdk.incubator.vector}), compiled for Java 25 into
 * {@code META-INF/versions/25} and loaded reflectively by {@link KernelProvider}. Not API.
 *
 * <p>Layout (chosen by measurement, see docs/performance.md): the fused kernels put <em>points</em> in the
 * vector lanes. Points are read from the {@link PackedLayout} tiles, where coordinate {@code j} of
 * {@value PackedLayout#TILE} consecutive points is one contiguous run; row-major input is packed on the fly, 16 points
 * at a time. Each coordinate of a centroid (or of a row of the other block) is broadcast and subtracted from a
 * whole vector of points, so a squared distance is summed in coordinate order in one lane, with no horizontal
 * reduction, and the arg-min over centroids is lane-wise. The nearest-centroid kernel works on two vectors of
 * points and four centroids at a time (eight independent accumulators) to hide the fused multiply-add latency.
 * The single-pair kernel puts coordinates in the lanes, with four accumulators, and falls back to the scalar
 * loop below {@code 2 × lanes} coordinates.
 *
 * <p>Fused multiply-add is used when the JVM says the CPU has it ({@code -XX:+UseFMA}); squared distances are
 * then rounded once per coordinate instead of twice, so they may differ from the scalar kernels in the last
 * bits (never by more than the usual floating-point error bound for a sum of {@code d} terms).
 */
final class PanamaDistanceKernel implements DistanceKernel {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int T = PackedLayout.TILE;
  private static final int PAIR_THRESHOLD = 2 * L;
  private static final boolean FMA = KernelProvider.fmaIsFast();
  private static final DistanceKernel SCALAR = ScalarDistanceKernel.INSTANCE;

  PanamaDistanceKernel() {
    if (S.vectorBitSize() < 128 || L < 2 || T % L != 0) {
      throw new UnsupportedOperationException("the preferred vector size of this CPU/JVM is " + S.vectorBitSize()
          + " bits; the Panama kernels need at least 128-bit vectors");
    }
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public String toString() {
    return KernelProvider.describe(L, FMA);
  }

  private static DoubleVector sq(DoubleVector e, DoubleVector acc) {
    return FMA ? e.fma(e, acc) : acc.add(e.mul(e));
  }

  // ---------------------------------------------------------------- single pairs: lanes over coordinates

  @Override
  public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
    // kept tiny so that it inlines into the caller's loop; the vector body is a separate method
    return d < PAIR_THRESHOLD ? SCALAR.squaredDistance(a, aOff, b, bOff, d)
        : squaredDistanceVector(a, aOff, b, bOff, d);
  }

  private static double squaredDistanceVector(double[] a, int aOff, double[] b, int bOff, int d) {
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = acc0;
    DoubleVector acc2 = acc0;
    DoubleVector acc3 = acc0;
    int j = 0;
    for (; j + 4 * L <= d; j += 4 * L) {
      DoubleVector e0 = DoubleVector.fromArray(S, a, aOff + j).sub(DoubleVector.fromArray(S, b, bOff + j));
      DoubleVector e1 =
          DoubleVector.fromArray(S, a, aOff + j + L).sub(DoubleVector.fromArray(S, b, bOff + j + L));
      DoubleVector e2 =
          DoubleVector.fromArray(S, a, aOff + j + 2 * L).sub(DoubleVector.fromArray(S, b, bOff + j + 2 * L));
      DoubleVector e3 =
          DoubleVector.fromArray(S, a, aOff + j + 3 * L).sub(DoubleVector.fromArray(S, b, bOff + j + 3 * L));
      acc0 = sq(e0, acc0);
      acc1 = sq(e1, acc1);
      acc2 = sq(e2, acc2);
      acc3 = sq(e3, acc3);
    }
    for (; j + L <= d; j += L) {
      DoubleVector e = DoubleVector.fromArray(S, a, aOff + j).sub(DoubleVector.fromArray(S, b, bOff + j));
      acc0 = sq(e, acc0);
    }
    double s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
    for (; j < d; j++) {
      double e = a[aOff + j] - b[bOff + j];
      s += e * e;
    }
    return s;
  }

  /**
   * The lanes of {@code v} added in lane order, {@code ((v₀ + v₁) + v₂) + …}. Not {@code reduceLanes(ADD)}: its
   * order is unspecified, and in practice differs between the interpreter (lane order) and C2 (a tree, whose shape
   * depends on the CPU and the vector size): with 4 lanes (AVX2) 286 of 1,000 random sums differed in the last bit
   * between a cold and a compiled call, which made a distance, and so a k-means result, depend on JIT timing.
   * {@code ScalarTwinKernel} repeats this order.
   */
  private static double sumLanes(DoubleVector v) {
    double s = v.lane(0) + v.lane(1);
    if (L > 2) {
      s += v.lane(2);
      s += v.lane(3);
    }
    if (L > 4) {
      s += v.lane(4);
      s += v.lane(5);
      s += v.lane(6);
      s += v.lane(7);
    }
    return s;
  }

  /** Scalar kernels with this implementation's results bit for bit: its lane count, its FMA use. */
  @Override
  public DistanceKernel scalarTwin() {
    return new ScalarTwinKernel(L, FMA);
  }

  // ---------------------------------------------------------------- fused kernels: lanes over points

  /** Points of b per packed chunk in block distances: the chunk stays around 16 KiB (in L1), reused by all rows. */
  private static int chunk(int d) {
    return Math.max(2 * T, Math.min(512, (2048 / d) & ~(2 * T - 1)));
  }

  @Override
  public void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    // 16 points at a time: packing small pieces keeps the hardware prefetcher streaming the next rows while
    // this piece is computed (measured: 256-point chunks were 1.6× slower at d = 16, k = 16)
    int ch = 2 * T;
    double[] scratch = new double[(int) PackedLayout.length(Math.min(ch, to - from), d)];
    double[] tmp = new double[L];
    double[] c = padded(centroids, k, d);
    int kp = c.length / d;
    for (int cs = from; cs < to; cs += ch) {
      int m = Math.min(ch, to - cs);
      PackedLayout.packInto(points, cs, cs + m, d, scratch);
      nearest(scratch, 0, m, d, c, kp, outIndex, outDist, outSecond, cs - from, tmp);
    }
  }

  /**
   * The centroids with rows of +∞ appended up to a multiple of four: their distances are +∞, never below a best
   * or second-best distance, so the results are those of the k real centroids, and the fused kernels need no
   * loop for a last one to three centroids. (Such a loop, holding six more vectors, made the JIT give up
   * inlining the vector operations at k = 5, d = 3: the kernel then ran the Vector API's boxed fallback.)
   */
  private static double[] padded(double[] centroids, int k, int d) {
    int kp = (k + 3) & ~3;
    if (kp == k) {
      return centroids;
    }
    double[] c = java.util.Arrays.copyOf(centroids, kp * d);
    java.util.Arrays.fill(c, k * d, kp * d, Double.POSITIVE_INFINITY);
    return c;
  }

  @Override
  public void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    double[] c = padded(centroids, k, d);
    nearest(packed, from, to, d, c, c.length / d, outIndex, outDist, outSecond, 0, new double[L]);
  }

  /** Packed points [from, to); the result of point i goes to out[outBase + i - from]. */
  private static void nearest(double[] t, int from, int to, int d, double[] c, int k, int[] oi, double[] od,
      double[] os, int outBase, double[] tmp) {
    int p = from - from % L;
    if (p < from) {
      nearest1(t, p, from, to, d, c, k, oi, od, os, outBase, tmp);
      p += L;
    }
    for (; p + 2 * L <= to; p += 2 * L) {
      nearest2(t, PackedLayout.base(p, d), PackedLayout.base(p + L, d), d, c, k, oi, od, os,
          outBase + p - from, tmp);
    }
    for (; p < to; p += L) {
      nearest1(t, p, from, to, d, c, k, oi, od, os, outBase, tmp);
    }
  }

  /** Two full vectors of points (2L points starting at the out position), four centroids per pass; k % 4 == 0. */
  private static void nearest2(double[] t, int b0, int b1, int d, double[] c, int k, int[] oi, double[] od,
      double[] os, int out, double[] tmp) {
    DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector vb = inf;
    DoubleVector vs = inf;
    DoubleVector vi = DoubleVector.zero(S);
    DoubleVector wb = inf;
    DoubleVector ws = inf;
    DoubleVector wi = vi;
    int ci = 0;
    for (; ci + 4 <= k; ci += 4) {
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      DoubleVector e0 = a0;
      DoubleVector e1 = a0;
      DoubleVector e2 = a0;
      DoubleVector e3 = a0;
      int o0 = ci * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      for (int j = 0; j < d; j++) {
        DoubleVector x = DoubleVector.fromArray(S, t, b0 + j * T);
        DoubleVector y = DoubleVector.fromArray(S, t, b1 + j * T);
        double c0 = c[o0 + j];
        double c1 = c[o1 + j];
        double c2 = c[o2 + j];
        double c3 = c[o3 + j];
        a0 = sq(x.sub(c0), a0);
        a1 = sq(x.sub(c1), a1);
        a2 = sq(x.sub(c2), a2);
        a3 = sq(x.sub(c3), a3);
        e0 = sq(y.sub(c0), e0);
        e1 = sq(y.sub(c1), e1);
        e2 = sq(y.sub(c2), e2);
        e3 = sq(y.sub(c3), e3);
      }
      VectorMask<Double> m1 = a0.lt(vb);
      vs = vs.blend(a0, a0.lt(vs)).blend(vb, m1);
      vb = vb.blend(a0, m1);
      vi = vi.blend(ci, m1);
      m1 = a1.lt(vb);
      vs = vs.blend(a1, a1.lt(vs)).blend(vb, m1);
      vb = vb.blend(a1, m1);
      vi = vi.blend(ci + 1, m1);
      m1 = a2.lt(vb);
      vs = vs.blend(a2, a2.lt(vs)).blend(vb, m1);
      vb = vb.blend(a2, m1);
      vi = vi.blend(ci + 2, m1);
      m1 = a3.lt(vb);
      vs = vs.blend(a3, a3.lt(vs)).blend(vb, m1);
      vb = vb.blend(a3, m1);
      vi = vi.blend(ci + 3, m1);
      m1 = e0.lt(wb);
      ws = ws.blend(e0, e0.lt(ws)).blend(wb, m1);
      wb = wb.blend(e0, m1);
      wi = wi.blend(ci, m1);
      m1 = e1.lt(wb);
      ws = ws.blend(e1, e1.lt(ws)).blend(wb, m1);
      wb = wb.blend(e1, m1);
      wi = wi.blend(ci + 1, m1);
      m1 = e2.lt(wb);
      ws = ws.blend(e2, e2.lt(ws)).blend(wb, m1);
      wb = wb.blend(e2, m1);
      wi = wi.blend(ci + 2, m1);
      m1 = e3.lt(wb);
      ws = ws.blend(e3, e3.lt(ws)).blend(wb, m1);
      wb = wb.blend(e3, m1);
      wi = wi.blend(ci + 3, m1);
    }
    vb.intoArray(od, out);
    wb.intoArray(od, out + L);
    if (os != null) {
      vs.intoArray(os, out);
      ws.intoArray(os, out + L);
    }
    vi.intoArray(tmp, 0);
    for (int l = 0; l < L; l++) {
      oi[out + l] = (int) tmp[l];
    }
    wi.intoArray(tmp, 0);
    for (int l = 0; l < L; l++) {
      oi[out + L + l] = (int) tmp[l];
    }
  }

  /** One vector of points at the aligned point p, k % 4 == 0; only lanes inside [from, to) are written. */
  private static void nearest1(double[] t, int p, int from, int to, int d, double[] c, int k, int[] oi,
      double[] od, double[] os, int outBase, double[] tmp) {
    int b0 = PackedLayout.base(p, d);
    DoubleVector vb = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector vs = vb;
    DoubleVector vi = DoubleVector.zero(S);
    int ci = 0;
    for (; ci + 4 <= k; ci += 4) {
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      int o0 = ci * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      for (int j = 0; j < d; j++) {
        DoubleVector x = DoubleVector.fromArray(S, t, b0 + j * T);
        a0 = sq(x.sub(c[o0 + j]), a0);
        a1 = sq(x.sub(c[o1 + j]), a1);
        a2 = sq(x.sub(c[o2 + j]), a2);
        a3 = sq(x.sub(c[o3 + j]), a3);
      }
      VectorMask<Double> m1 = a0.lt(vb);
      vs = vs.blend(a0, a0.lt(vs)).blend(vb, m1);
      vb = vb.blend(a0, m1);
      vi = vi.blend(ci, m1);
      m1 = a1.lt(vb);
      vs = vs.blend(a1, a1.lt(vs)).blend(vb, m1);
      vb = vb.blend(a1, m1);
      vi = vi.blend(ci + 1, m1);
      m1 = a2.lt(vb);
      vs = vs.blend(a2, a2.lt(vs)).blend(vb, m1);
      vb = vb.blend(a2, m1);
      vi = vi.blend(ci + 2, m1);
      m1 = a3.lt(vb);
      vs = vs.blend(a3, a3.lt(vs)).blend(vb, m1);
      vb = vb.blend(a3, m1);
      vi = vi.blend(ci + 3, m1);
    }
    int out = outBase + p - from;
    VectorMask<Double> valid = S.indexInRange(p - from, to - from);
    vb.intoArray(od, out, valid);
    if (os != null) {
      vs.intoArray(os, out, valid);
    }
    vi.intoArray(tmp, 0);
    int lo = Math.max(from - p, 0);
    int hi = Math.min(to - p, L);
    for (int l = lo; l < hi; l++) {
      oi[out + l] = (int) tmp[l];
    }
  }

  @Override
  public void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d,
      double[] out) {
    int nb = bTo - bFrom;
    if (nb == 0 || aTo == aFrom) {
      return;
    }
    int ch = chunk(d);
    double[] scratch = new double[(int) PackedLayout.length(Math.min(ch, nb), d)];
    for (int cs = bFrom; cs < bTo; cs += ch) {
      int m = Math.min(ch, bTo - cs);
      PackedLayout.packInto(b, cs, cs + m, d, scratch);
      int col = cs - bFrom;
      int i = aFrom;
      for (; i + 4 <= aTo; i += 4) {
        rows4(a, i * d, d, scratch, m, out, (i - aFrom) * nb + col, nb);
      }
      for (; i < aTo; i++) {
        rows1(a, i * d, d, scratch, m, out, (i - aFrom) * nb + col);
      }
    }
  }

  /** Four consecutive rows of a (starting at ao) against the m packed points of t. */
  private static void rows4(double[] a, int ao, int d, double[] t, int m, double[] out, int o, int nb) {
    int a1o = ao + d;
    int a2o = a1o + d;
    int a3o = a2o + d;
    for (int v = 0; v < m; v += L) {
      int tb = PackedLayout.base(v, d);
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = s0;
      DoubleVector s2 = s0;
      DoubleVector s3 = s0;
      for (int j = 0; j < d; j++) {
        DoubleVector x = DoubleVector.fromArray(S, t, tb + j * T);
        s0 = sq(x.sub(a[ao + j]), s0);
        s1 = sq(x.sub(a[a1o + j]), s1);
        s2 = sq(x.sub(a[a2o + j]), s2);
        s3 = sq(x.sub(a[a3o + j]), s3);
      }
      if (v + L <= m) {
        s0.intoArray(out, o + v);
        s1.intoArray(out, o + nb + v);
        s2.intoArray(out, o + 2 * nb + v);
        s3.intoArray(out, o + 3 * nb + v);
      } else {
        VectorMask<Double> valid = S.indexInRange(v, m);
        s0.intoArray(out, o + v, valid);
        s1.intoArray(out, o + nb + v, valid);
        s2.intoArray(out, o + 2 * nb + v, valid);
        s3.intoArray(out, o + 3 * nb + v, valid);
      }
    }
  }

  /** One row of a against the m packed points of t, two vectors at a time. */
  private static void rows1(double[] a, int ao, int d, double[] t, int m, double[] out, int o) {
    int v = 0;
    for (; v + 2 * L <= m; v += 2 * L) {
      int tb = PackedLayout.base(v, d);
      int tc = PackedLayout.base(v + L, d);
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = s0;
      for (int j = 0; j < d; j++) {
        double x = a[ao + j];
        s0 = sq(DoubleVector.fromArray(S, t, tb + j * T).sub(x), s0);
        s1 = sq(DoubleVector.fromArray(S, t, tc + j * T).sub(x), s1);
      }
      s0.intoArray(out, o + v);
      s1.intoArray(out, o + v + L);
    }
    for (; v < m; v += L) {
      int tb = PackedLayout.base(v, d);
      DoubleVector s0 = DoubleVector.zero(S);
      for (int j = 0; j < d; j++) {
        s0 = sq(DoubleVector.fromArray(S, t, tb + j * T).sub(a[ao + j]), s0);
      }
      s0.intoArray(out, o + v, S.indexInRange(v, m));
    }
  }

  @Override
  public void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out) {
    int m = to - from;
    double[] tmp = null;
    for (int p = from - from % L; p < to; p += L) {
      int t0 = PackedLayout.base(p, d);
      boolean whole = p >= from && p + L <= to;
      if (!whole && tmp == null) {
        tmp = new double[4 * L];
      }
      int j = bFrom;
      for (; j + 4 <= bTo; j += 4) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int o0 = j * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        for (int q = 0; q < d; q++) {
          DoubleVector x = DoubleVector.fromArray(S, packed, t0 + q * T);
          s0 = sq(x.sub(b[o0 + q]), s0);
          s1 = sq(x.sub(b[o1 + q]), s1);
          s2 = sq(x.sub(b[o2 + q]), s2);
          s3 = sq(x.sub(b[o3 + q]), s3);
        }
        int o = (j - bFrom) * m + p - from;
        if (whole) {
          s0.intoArray(out, o);
          s1.intoArray(out, o + m);
          s2.intoArray(out, o + 2 * m);
          s3.intoArray(out, o + 3 * m);
        } else {
          s0.intoArray(tmp, 0);
          s1.intoArray(tmp, L);
          s2.intoArray(tmp, 2 * L);
          s3.intoArray(tmp, 3 * L);
          copyLanes(tmp, 4, p, from, to, out, o, m);
        }
      }
      for (; j < bTo; j++) {
        DoubleVector s0 = DoubleVector.zero(S);
        int o0 = j * d;
        for (int q = 0; q < d; q++) {
          s0 = sq(DoubleVector.fromArray(S, packed, t0 + q * T).sub(b[o0 + q]), s0);
        }
        int o = (j - bFrom) * m + p - from;
        if (whole) {
          s0.intoArray(out, o);
        } else {
          s0.intoArray(tmp, 0);
          copyLanes(tmp, 1, p, from, to, out, o, m);
        }
      }
    }
  }

  /** Copies the lanes of {@code rows} vectors in {@code tmp} whose points p + l lie in [from, to) to out. */
  private static void copyLanes(double[] tmp, int rows, int p, int from, int to, double[] out, int o, int m) {
    int lo = Math.max(from - p, 0);
    int hi = Math.min(to - p, L);
    for (int r = 0; r < rows; r++) {
      for (int l = lo; l < hi; l++) {
        out[o + r * m + l] = tmp[r * L + l];
      }
    }
  }
}
