package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.kernel.PackedPoints;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Greedy k-means++ picks the same rows it picked before its pass was fused (one pass per step that folds the
 * previous centroid into the closest distances and keeps no per-candidate arrays): the indices below were
 * recorded with the earlier implementation (a full candidates × points array per step), with the scalar and the
 * Panama kernels alike. They must not change with the thread count or with the packed (Lloyd) or row-major
 * (Hamerly, Elkan) kernel path.
 */
class KMeansSeedingTest {

  @Test
  void unweightedSeedingPicksThePinnedRows() {
    check(KMeansAlgorithmsTest.gaussian(5000, 5, 8, 7), null, 10, 7,
        new int[] {4696, 2915, 2342, 4793, 4291, 3792, 2134, 4513, 277, 1432});
  }

  @Test
  void weightedSeedingPicksThePinnedRows() {
    double[] w = new double[5000];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + i % 3;
    }
    check(KMeansAlgorithmsTest.gaussian(5000, 17, 8, 8), w, 7, 8, new int[] {3092, 3466, 1868, 1799, 2241, 2994, 319});
  }

  private static void check(FeatureMatrix m, double[] w, int k, long seed, int[] pinned) {
    int n = m.rows();
    int d = m.columns();
    double[] x = m.toFlatArray();
    double[] expected = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(x, pinned[c] * d, expected, c * d, d);
    }
    for (int threads : new int[] {1, 3}) {
      for (boolean packed : new boolean[] {false, true}) {
        try (Blocks blocks = new Blocks(n, threads)) {
          KMeansRun run = new LloydRun(x, w, n, d, k, blocks, packed ? new PackedPoints[blocks.count] : null);
          Seeding.plusPlus(run, new SplittableRandom(seed));
          String where = "threads=" + threads + ", packed=" + packed;
          assertArrayEquals(expected, run.centroids, 0.0, where + ": " + Arrays.toString(run.centroids));
          // first distances, then per step the candidates and the previous centroid (folded once per point)
          int trials = 2 + (int) Math.log(k);
          assertEquals((long) n + (long) (k - 1) * n * trials + (long) (k - 2) * n, run.distances, where);
          if (packed) {
            for (int b = 0; b < blocks.count; b++) {
              assertEquals(x[blocks.from(b) * d + d - 1], run.packed[b].get(0, d - 1), 0.0, "block " + b + " packed");
            }
          }
        }
      }
    }
  }
}
