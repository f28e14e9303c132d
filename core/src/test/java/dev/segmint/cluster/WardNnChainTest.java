package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ward's chain that skips chunks by their lower bounds (bounding boxes, the last search's minima) must merge exactly
 * as the chain that computes every live cluster's cost: same pairs in the same order, same heights bit for bit.
 * The data sets are chosen to stress the bounds: many exact ties (integer grids with duplicates, where a bound
 * equal to the minimum must still be searched), heavy weights that move merged centroids out of their chunk's
 * box, gaps at chunk boundaries, several chunks, and a chain deeper than the positions that keep bounds.
 */
class WardNnChainTest {

  private static void assertSameMerges(double[] x, int n, int d, double[] w, String what) {
    Merges full = WardNnChain.run(x, n, d, w, false);
    Merges reused = WardNnChain.run(x, n, d, w, true);
    assertEquals(n - 1, reused.count, what);
    assertArrayEquals(full.a, reused.a, what + ": first slots");
    assertArrayEquals(full.b, reused.b, what + ": second slots");
    for (int r = 0; r < n - 1; r++) {
      assertEquals(Double.doubleToLongBits(full.height[r]), Double.doubleToLongBits(reused.height[r]),
          what + ": height of merge " + r);
    }
  }

  @Test
  void integerGridWithDuplicatesAndTies() {
    // 3,000 points on a 6 × 6 × 6 grid: every point has duplicates, and costs tie everywhere
    SplittableRandom rnd = new SplittableRandom(7);
    int n = 3000;
    int d = 3;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextInt(6);
    }
    assertSameMerges(x, n, d, null, "grid");
  }

  @Test
  void gaussianBlobsWithWeights() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 2600;
    int d = 8;
    double[] x = new double[n * d];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int blob = rnd.nextInt(5);
      for (int k = 0; k < d; k++) {
        x[i * d + k] = 4 * blob * (k % 2 == 0 ? 1 : -1) + gaussian(rnd);
      }
      w[i] = 0.25 + 3 * rnd.nextDouble();
    }
    assertSameMerges(x, n, d, null, "blobs");
    assertSameMerges(x, n, d, w, "weighted blobs");
  }

  @Test
  void integerWeightsOnAGrid() {
    // equal weights on duplicated points: ties between clusters of equal size and position
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 1800;
    int d = 2;
    double[] x = new double[n * d];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * d] = rnd.nextInt(8);
      x[i * d + 1] = rnd.nextInt(8);
      w[i] = 1 + rnd.nextInt(3);
    }
    assertSameMerges(x, n, d, w, "weighted grid");
  }

  @Test
  void chainDeeperThanThePositionsThatKeepBounds() {
    // points on a line, each gap shorter than the one before: the chain from slot 0 runs to the last point
    int n = WardNnChain.MEMO_DEPTH + 500;
    double[] x = new double[n];
    double gap = 1.0;
    for (int i = 1; i < n; i++) {
      x[i] = x[i - 1] + gap;
      gap *= 0.9995;
    }
    Merges full = WardNnChain.run(x, n, 1, null, false);
    assertEquals(n - 2, full.a[0], "the first merge is at the far end of the chain");
    assertSameMerges(x, n, 1, null, "line");
  }

  @Test
  void logNormalValuesOverNineChunks() {
    // heavy-tailed values (log-normal) rounded to 0.1, so some exact duplicates; 4,100 points fill 9 chunks
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 4100;
    int d = 4;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i * d + k] = Math.rint(10 * Math.exp(gaussian(rnd))) / 10;
      }
    }
    assertSameMerges(x, n, d, null, "log-normal");
  }

  @Test
  void wardCostsAreThoseOfThePlainRowByRowLoopBitForBit() {
    // the kernel's passes (4, 2 or 1 coordinates, the last two fused with the cost) must add in coordinate order
    SplittableRandom rnd = new SplittableRandom(13);
    for (int d = 1; d <= 13; d++) {
      int n = 2 * LinkageKernels.CHUNK + 77;
      double[] x = new double[n * d];
      double[] sizes = new double[n];
      for (int i = 0; i < x.length; i++) {
        x[i] = 100 * gaussian(rnd) + rnd.nextDouble() * 1e-3;
      }
      for (int j = 0; j < n; j++) {
        sizes[j] = 1 + rnd.nextInt(9) + rnd.nextDouble();
      }
      double[][] cols = LinkageKernels.toColumns(x, n, d, n);
      double[] q = new double[d];
      for (int k = 0; k < d; k++) {
        q[k] = 50 * gaussian(rnd);
      }
      double sq = 2.5;
      double[] out = new double[n];
      double[] chunkMin = new double[3];
      java.util.Arrays.fill(out, -1);
      LinkageKernels.wardCosts(cols, q, sq, sizes, LinkageKernels.CHUNK, n, out, chunkMin);
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (j < LinkageKernels.CHUNK) {
          assertEquals(-1.0, out[j], "d=" + d + ": slot " + j + " before from is not written");
          continue;
        }
        double dist = 0;
        for (int k = 0; k < d; k++) {
          double t = x[j * d + k] - q[k];
          dist += t * t;
        }
        double s = sizes[j];
        double expected = sq * s / (sq + s) * dist;
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[j]), "d=" + d + ", slot " + j);
        if (j >= 2 * LinkageKernels.CHUNK) {
          min = Math.min(min, expected);
        }
      }
      assertEquals(min, chunkMin[2], "d=" + d + ": minimum of the last, partial chunk");
    }
  }

  @Test
  void manySmallDataSetsWithHeavyWeightsAndGaps() {
    // heavy-tailed weights pull merged centroids far from where their clusters were, across chunk boundaries
    // and out of the chunks' boxes; gaps between groups put chunk boundaries at the gaps
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 600 + rnd.nextInt(1500);
      int d = 1 + seed % 3;
      int groups = 2 + rnd.nextInt(6);
      double[] x = new double[n * d];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        int g = rnd.nextInt(groups);
        for (int k = 0; k < d; k++) {
          x[i * d + k] = 40 * g * (k == 0 ? 1 : 0.3) + (seed % 2 == 0 ? gaussian(rnd) : rnd.nextInt(4));
        }
        w[i] = Math.exp(2 * gaussian(rnd));
      }
      assertSameMerges(x, n, d, w, "seed " + seed + ", " + n + " × " + d);
      assertSameMerges(x, n, d, null, "seed " + seed + " unweighted");
    }
  }

  @Test
  void spatialOrderIsAPermutationWithChunkAlignedLeaves() {
    SplittableRandom rnd = new SplittableRandom(17);
    int n = 5 * LinkageKernels.CHUNK + 123;
    double[] x = new double[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble();
    }
    int[] order = CondensedNnChain.spatialOrder(x, n, 2, LinkageKernels.CHUNK, LinkageKernels.CHUNK);
    boolean[] seen = new boolean[n];
    for (int i : order) {
      assertTrue(!seen[i], "each point once: " + i);
      seen[i] = true;
    }
    // the first split halves the points at a chunk boundary: every point of chunks 0-2 lies on one side of every
    // point of chunks 3-5 on one coordinate
    boolean separated = false;
    for (int k = 0; k < 2; k++) {
      double leftMax = Double.NEGATIVE_INFINITY;
      double rightMin = Double.POSITIVE_INFINITY;
      for (int r = 0; r < n; r++) {
        double v = x[order[r] * 2 + k];
        if (r < 3 * LinkageKernels.CHUNK) {
          leftMax = Math.max(leftMax, v);
        } else {
          rightMin = Math.min(rightMin, v);
        }
      }
      separated |= leftMax <= rightMin;
    }
    assertTrue(separated, "the first split is at position 3 × CHUNK");
  }


  private static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
