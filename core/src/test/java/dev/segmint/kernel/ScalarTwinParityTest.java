package dev.segmint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.KernelProvider;
import dev.segmint.kernel.internal.PackedLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Panama kernels' scalar twin (what the library runs until the Panama kernels are compiled) must give the
 * Panama kernels' results bit for bit, for every method, dimension, block and k — otherwise a fit's results would
 * depend on when C2 compiled the kernels. Also checks that the Panama kernels themselves give the same bits cold
 * (the Vector API's Java fallback) and compiled, and that the comparison can fail: with FMA the twin differs from
 * the plain scalar kernels somewhere in these inputs.
 */
class ScalarTwinParityTest {

  static final int[] DIMS = {1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 16, 17, 24, 31, 32, 33, 40, 47, 63, 64, 65, 127, 257};
  static final int[][] BLOCKS = {{0, 1}, {3, 8}, {0, 13}, {9, 46}, {3, 70}, {0, 19}, {0, 70}};
  static final int[] KS = {1, 2, 3, 4, 5, 8, 13};
  static final int N = 70;

  private static String bits(double v) {
    return v + " (0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + ")";
  }

  private static void same(double want, double got, String where) {
    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
        () -> where + ": Panama " + bits(want) + ", twin " + bits(got));
  }

  /** Values spread over several magnitudes, so that rounding differences show. */
  private static double[] values(SplittableRandom r, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = r.nextDouble(-2, 2) * Math.pow(10, r.nextInt(-3, 4));
    }
    return v;
  }

  /** Counts results where the twin differs from the plain scalar kernels (with FMA, some must). */
  private int differsFromScalar;

  @Test
  void twinGivesThePanamaBitsForEveryMethod() {
    DistanceKernel panama = Kernels.kernel("panama");
    DistanceKernel twin = panama.scalarTwin();
    DistanceKernel scalar = KernelProvider.scalar();
    SplittableRandom r = new SplittableRandom(11);
    for (int d : DIMS) {
      double[] points = values(r, N * d);
      double[] packed = PackedLayout.pack(points, 0, N, d);
      for (int rep = 0; rep < 4; rep++) {
        int ao = r.nextInt(N) * d;
        int bo = r.nextInt(N) * d;
        double want = panama.squaredDistance(points, ao, points, bo, d);
        same(want, twin.squaredDistance(points, ao, points, bo, d), "squaredDistance d=" + d);
        if (want != scalar.squaredDistance(points, ao, points, bo, d)) {
          differsFromScalar++;
        }
      }
      for (int k : KS) {
        double[] centroids = values(r, k * d);
        if (k >= 3) {
          System.arraycopy(centroids, 0, centroids, 2 * d, d);   // a tie: the smaller index wins in both
        }
        for (int[] block : BLOCKS) {
          int from = block[0];
          int to = block[1];
          for (boolean usePacked : new boolean[] {false, true}) {
            int m = to - from;
            int[] i1 = new int[m];
            int[] i2 = new int[m];
            double[] d1 = new double[m];
            double[] d2 = new double[m];
            double[] s1 = new double[m];
            double[] s2 = new double[m];
            double[] plain = new double[m];
            if (usePacked) {
              panama.nearestCentroidsPacked(packed, from, to, d, centroids, k, i1, d1, s1);
              twin.nearestCentroidsPacked(packed, from, to, d, centroids, k, i2, d2, s2);
              scalar.nearestCentroidsPacked(packed, from, to, d, centroids, k, new int[m], plain, null);
            } else {
              panama.nearestCentroids(points, from, to, d, centroids, k, i1, d1, s1);
              twin.nearestCentroids(points, from, to, d, centroids, k, i2, d2, s2);
              scalar.nearestCentroids(points, from, to, d, centroids, k, new int[m], plain, null);
            }
            String where = (usePacked ? "packed" : "row-major") + " nearest d=" + d + " k=" + k + " [" + from + ", "
                + to + ") point ";
            for (int q = 0; q < m; q++) {
              assertEquals(i1[q], i2[q], where + (from + q) + ": index");
              same(d1[q], d2[q], where + (from + q) + ": distance");
              same(s1[q], s2[q], where + (from + q) + ": second distance");
              if (d1[q] != plain[q]) {
                differsFromScalar++;
              }
            }
          }
          int nb = Math.min(k + 2, N);
          double[] o1 = new double[(to - from) * nb];
          double[] o2 = new double[o1.length];
          panama.squaredDistances(points, from, to, points, 1, 1 + nb, d, o1);
          twin.squaredDistances(points, from, to, points, 1, 1 + nb, d, o2);
          for (int q = 0; q < o1.length; q++) {
            same(o1[q], o2[q], "block distances d=" + d + " [" + from + ", " + to + ") × " + nb + " entry " + q);
          }
          panama.squaredDistancesPacked(packed, from, to, d, centroids, 0, k, o1);
          twin.squaredDistancesPacked(packed, from, to, d, centroids, 0, k, o2);
          for (int q = 0; q < (to - from) * k; q++) {
            same(o1[q], o2[q], "packed block distances d=" + d + " [" + from + ", " + to + ") × " + k + " entry " + q);
          }
        }
      }
    }
    if (panama.toString().contains("fused multiply-add")) {
      assertTrue(differsFromScalar > 0, "with FMA the twin must differ from the plain scalar kernels somewhere here,"
          + " or this test could not tell the two apart");
    }
  }

  /**
   * The same call many times, from its first (cold, the Vector API's Java fallback) to compiled: always the same
   * bits. Before the lanes were added in a fixed order, a 4-lane (AVX2) pair distance changed its last bit when C2
   * compiled {@code reduceLanes}.
   */
  @Test
  void panamaGivesTheSameBitsColdAndCompiled() {
    DistanceKernel panama = Kernels.kernel("panama");
    DistanceKernel twin = panama.scalarTwin();
    SplittableRandom r = new SplittableRandom(12);
    int d = 37;
    double[][] a = new double[64][];
    double[][] b = new double[64][];
    double[] want = new double[64];
    for (int t = 0; t < 64; t++) {
      a[t] = values(r, d);
      b[t] = values(r, d);
      want[t] = twin.squaredDistance(a[t], 0, b[t], 0, d);
    }
    double[] points = values(r, 19 * d);
    double[] centroids = values(r, 5 * d);
    int[] idx = new int[19];
    double[] dist = new double[19];
    int[] wantIdx = new int[19];
    double[] wantDist = new double[19];
    twin.nearestCentroids(points, 0, 19, d, centroids, 5, wantIdx, wantDist, null);
    for (int rep = 0; rep < 20_000; rep++) {
      int t = rep & 63;
      same(want[t], panama.squaredDistance(a[t], 0, b[t], 0, d), "pair " + t + ", call " + rep);
      if (rep % 16 == 0) {
        panama.nearestCentroids(points, 0, 19, d, centroids, 5, idx, dist, null);
        for (int q = 0; q < 19; q++) {
          assertEquals(wantIdx[q], idx[q], "nearest index, call " + rep);
          same(wantDist[q], dist[q], "nearest distance of point " + q + ", call " + rep);
        }
      }
    }
  }
}
