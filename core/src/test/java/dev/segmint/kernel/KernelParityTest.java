package dev.segmint.kernel;

import static dev.segmint.kernel.Kernels.naiveSquared;
import static dev.segmint.kernel.Kernels.tolerance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.PackedLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel of each implementation against a naive reference written here, over odd dimensions and block
 * sizes that are not multiples of any lane count (and blocks that start off a tile boundary). The scalar
 * fused kernels must match the naive loop bit for bit; Panama within a tolerance that scales with d.
 */
class KernelParityTest {

  static final int[] DIMS = {1, 2, 3, 7, 8, 13, 31, 33, 127, 257, 1025};
  /** (from, to) blocks: sizes 1, 5, 13, 37, 67 and 2·8+3; starts 0, 3, 9 (off every vector boundary). */
  static final int[][] BLOCKS = {{0, 1}, {3, 8}, {0, 13}, {9, 46}, {3, 70}, {0, 19}};
  static final int[] KS = {1, 2, 3, 5, 13};
  static final int N = 70;

  static double[] random(SplittableRandom r, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = r.nextDouble(-2, 2);
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void pairKernels(String name) {
    DistanceKernel kernel = Kernels.kernel(name);
    SplittableRandom r = new SplittableRandom(1);
    for (int d : DIMS) {
      for (int rep = 0; rep < 5; rep++) {
        double[] a = random(r, d + 3);
        double[] b = random(r, d + 5);
        double ref = naiveSquared(a, 3, b, 5, d);
        double got = kernel.squaredDistance(a, 3, b, 5, d);
        assertEquals(ref, got, tolerance(d, ref), name + " squaredDistance d=" + d);
        assertEquals(0.0, kernel.squaredDistance(a, 3, a, 3, d), name + " distance to itself d=" + d);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void nearestCentroids(String name) {
    DistanceKernel kernel = Kernels.kernel(name);
    SplittableRandom r = new SplittableRandom(2);
    for (int d : DIMS) {
      double[] points = random(r, N * d);
      double[] packed = PackedLayout.pack(points, 0, N, d);
      for (int k : KS) {
        double[] centroids = random(r, k * d);
        if (k >= 3) {
          // an exact duplicate: the smaller index must win, and the second distance equals the best
          System.arraycopy(centroids, 0, centroids, 2 * d, d);
        }
        for (int[] block : BLOCKS) {
          for (boolean usePacked : new boolean[] {false, true}) {
            for (boolean withSecond : new boolean[] {true, false}) {
              int from = block[0];
              int to = block[1];
              int n = to - from;
              int[] idx = new int[n + 2];
              double[] dist = new double[n + 2];
              double[] second = withSecond ? new double[n + 2] : null;
              Arrays.fill(idx, -7);
              Arrays.fill(dist, -7);
              if (usePacked) {
                kernel.nearestCentroidsPacked(packed, from, to, d, centroids, k, idx, dist, second);
              } else {
                kernel.nearestCentroids(points, from, to, d, centroids, k, idx, dist, second);
              }
              String where = name + (usePacked ? " packed" : " row-major") + " d=" + d + " k=" + k + " block ["
                  + from + ", " + to + ")";
              assertEquals(-7, idx[n], where + ": wrote past the block");
              assertEquals(-7.0, dist[n + 1], where + ": wrote past the block");
              for (int i = from; i < to; i++) {
                checkNearest(name, where + " point " + i, points, i, d, centroids, k, idx[i - from],
                    dist[i - from], withSecond ? second[i - from] : Double.NaN);
              }
            }
          }
        }
      }
    }
  }

  private static void checkNearest(String name, String where, double[] points, int i, int d, double[] c, int k,
      int gotIndex, double gotDist, double gotSecond) {
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    int bestIndex = -1;
    for (int ci = 0; ci < k; ci++) {
      double s = naiveSquared(points, i * d, c, ci * d, d);
      if (s < best) {
        second = best;
        best = s;
        bestIndex = ci;
      } else if (s < second) {
        second = s;
      }
    }
    if (name.equals("scalar")) {
      assertEquals(bestIndex, gotIndex, where + ": index");
      assertEquals(best, gotDist, 0.0, where + ": scalar must equal the naive loop bit for bit");
      if (!Double.isNaN(gotSecond)) {
        assertEquals(second, gotSecond, 0.0, where + ": second, bit for bit");
      }
      return;
    }
    assertTrue(gotIndex >= 0 && gotIndex < k, where + ": index " + gotIndex + " out of range");
    double tol = tolerance(d, best);
    assertEquals(best, gotDist, tol, where + ": best distance");
    double ofChosen = naiveSquared(points, i * d, c, gotIndex * d, d);
    assertEquals(best, ofChosen, tol, where + ": chose " + gotIndex + " but " + bestIndex + " is closer");
    if (gotIndex != bestIndex) {
      assertTrue(Math.abs(ofChosen - best) <= tol, where + ": only a near-tie may change the index");
    }
    if (!Double.isNaN(gotSecond)) {
      if (Double.isInfinite(second)) {
        assertEquals(second, gotSecond, where + ": second with k = 1");
      } else {
        assertEquals(second, gotSecond, tolerance(d, second), where + ": second distance");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void duplicateCentroidsPickTheSmallestIndex(String name) {
    DistanceKernel kernel = Kernels.kernel(name);
    int d = 5;
    int k = 11;
    SplittableRandom r = new SplittableRandom(3);
    double[] points = random(r, N * d);
    double[] one = random(r, d);
    double[] centroids = new double[k * d];
    for (int ci = 0; ci < k; ci++) {
      System.arraycopy(one, 0, centroids, ci * d, d);
    }
    int[] idx = new int[N];
    double[] dist = new double[N];
    double[] second = new double[N];
    kernel.nearestCentroids(points, 0, N, d, centroids, k, idx, dist, second);
    for (int i = 0; i < N; i++) {
      assertEquals(0, idx[i], name + ": all centroids equal, index 0 must win");
      assertEquals(dist[i], second[i], 0.0, name + ": equal centroids, second = best");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void blockDistances(String name) {
    DistanceKernel kernel = Kernels.kernel(name);
    SplittableRandom r = new SplittableRandom(4);
    for (int d : DIMS) {
      double[] a = random(r, N * d);
      double[] b = random(r, N * d);
      for (int[] ab : BLOCKS) {
        for (int[] bb : new int[][] {{0, 1}, {3, 20}, {1, 70}}) {
          int na = ab[1] - ab[0];
          int nb = bb[1] - bb[0];
          double[] out = new double[na * nb + 3];
          Arrays.fill(out, Double.NaN);
          kernel.squaredDistances(a, ab[0], ab[1], b, bb[0], bb[1], d, out);
          for (int i = ab[0]; i < ab[1]; i++) {
            for (int j = bb[0]; j < bb[1]; j++) {
              double ref = naiveSquared(a, i * d, b, j * d, d);
              double got = out[(i - ab[0]) * nb + (j - bb[0])];
              String where = name + " squaredDistances d=" + d + " a" + Arrays.toString(ab) + " b"
                  + Arrays.toString(bb) + " (" + i + ", " + j + ")";
              if (name.equals("scalar")) {
                assertEquals(ref, got, 0.0, where + ": bit for bit");
              } else {
                assertEquals(ref, got, tolerance(d, ref), where);
              }
            }
          }
          for (int q = na * nb; q < out.length; q++) {
            assertTrue(Double.isNaN(out[q]), name + " squaredDistances wrote past na·nb");
          }
        }
      }
      // points × points on the same array: a zero diagonal
      double[] self = new double[13 * 13];
      kernel.squaredDistances(a, 0, 13, a, 0, 13, d, self);
      for (int i = 0; i < 13; i++) {
        assertEquals(0.0, self[i * 13 + i], name + " self distance d=" + d);
      }
    }
  }

  /**
   * Packed points × row-major rows, written row of b by row of b: every distance has the same bits as the
   * row-major block kernel of the same implementation gives for that pair (k-means++ relies on it), and nothing
   * is written past the block.
   */
  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void packedBlockDistancesMatchTheRowMajorKernelBitForBit(String name) {
    DistanceKernel kernel = Kernels.kernel(name);
    SplittableRandom r = new SplittableRandom(5);
    for (int d : DIMS) {
      double[] a = random(r, N * d);
      double[] b = random(r, N * d);
      double[] packed = PackedLayout.pack(a, 0, N, d);
      for (int[] ab : BLOCKS) {
        for (int[] bb : new int[][] {{0, 1}, {3, 8}, {2, 7}, {1, 70}}) {
          int na = ab[1] - ab[0];
          int nb = bb[1] - bb[0];
          double[] rowMajor = new double[na * nb];
          kernel.squaredDistances(a, ab[0], ab[1], b, bb[0], bb[1], d, rowMajor);
          double[] out = new double[na * nb + 3];
          Arrays.fill(out, Double.NaN);
          kernel.squaredDistancesPacked(packed, ab[0], ab[1], d, b, bb[0], bb[1], out);
          for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
              assertEquals(rowMajor[i * nb + j], out[j * na + i], 0.0, name + " squaredDistancesPacked d=" + d
                  + " a" + Arrays.toString(ab) + " b" + Arrays.toString(bb) + " (" + i + ", " + j + ")");
              if (name.equals("scalar")) {
                assertEquals(naiveSquared(a, (ab[0] + i) * d, b, (bb[0] + j) * d, d), out[j * na + i], 0.0);
              }
            }
          }
          for (int q = na * nb; q < out.length; q++) {
            assertTrue(Double.isNaN(out[q]), name + " squaredDistancesPacked wrote past na·nb");
          }
        }
      }
    }
  }
}
