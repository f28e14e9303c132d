package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans.Algorithm;
import dev.segmint.features.FeatureMatrix;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The assignment passes keep per-block partial sums and recompute only the blocks whose labels changed; k-means++
 * samples through per-block masses. These tests check both against plain recomputation from scratch.
 */
class KMeansBlockSumsTest {

  /**
   * With tolerance 0 a run stops only when no label changes, so its centroids must be the weighted means of its
   * final labels, computed here naively over all points. A block whose partial sums were not refreshed after a
   * label change would leave a whole point's weight in the wrong centroid.
   */
  @ParameterizedTest(name = "{0}, d = {1}")
  @MethodSource("algorithmsAndDimensions")
  void centroidsAreTheWeightedMeansOfTheFinalLabels(Algorithm algorithm, int d) {
    int n = 9000;   // five blocks, the last one partial
    FeatureMatrix m = KMeansAlgorithmsTest.gaussian(n, d, 40, 11);   // 40 overlapping centres for 6 clusters: many passes
    double[] w = new double[n];
    Random rnd = new Random(5);
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + rnd.nextInt(4);
    }
    for (int threads : new int[] {1, 3}) {
      KMeans.Result r = KMeans.fit(m, w, KMeans.Options.of(6).withSeed(9).withTolerance(0).withMaxIter(500)
          .withThreads(threads).withAlgorithm(algorithm));
      assertTrue(r.converged(), algorithm + " should reach a fixed point");
      assertTrue(r.iterations() > 3, "the test needs label changes after the first pass: " + r.iterations());
      int[] labels = r.labels();
      double[][] centroids = r.centroids();
      double[][] sums = new double[6][d];
      double[] weights = new double[6];
      for (int i = 0; i < n; i++) {
        double[] row = m.row(i);
        weights[labels[i]] += w[i];
        for (int j = 0; j < d; j++) {
          sums[labels[i]][j] += w[i] * row[j];
        }
      }
      double inertia = 0;
      for (int i = 0; i < n; i++) {
        double[] row = m.row(i);
        for (int j = 0; j < d; j++) {
          double t = row[j] - centroids[labels[i]][j];
          inertia += w[i] * t * t;
        }
      }
      for (int c = 0; c < 6; c++) {
        for (int j = 0; j < d; j++) {
          assertEquals(sums[c][j] / weights[c], centroids[c][j], 1e-12 * (1 + Math.abs(centroids[c][j])),
              algorithm + " threads=" + threads + " centroid " + c + " feature " + j);
        }
      }
      assertEquals(inertia, r.inertia(), 1e-10 * inertia, algorithm + " threads=" + threads + " inertia");
    }
  }

  /** Every algorithm with d = 2 to 8 (the block sums' written-out loops) and 9 (the general loop). */
  static Stream<Arguments> algorithmsAndDimensions() {
    return Stream.of(Algorithm.LLOYD, Algorithm.HAMERLY, Algorithm.ELKAN)
        .flatMap(a -> IntStream.rangeClosed(2, 9).mapToObj(d -> Arguments.of(a, d)));
  }

  /** Skipping whole blocks by their mass picks exactly the index a scan over all points picks. */
  @Test
  void blockSamplingPicksWhatTheFullScanPicks() {
    int n = 3 * Blocks.SIZE + 123;
    double[] x = new double[n];
    double[] dist = new double[n];
    double[] w = new double[n];
    Random rnd = new Random(3);
    for (int i = 0; i < n; i++) {
      // small integers: every partial sum is exact, so both walks see the same running totals
      dist[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(9);
      w[i] = rnd.nextInt(3);
    }
    try (Blocks blocks = new Blocks(n, 1)) {
      KMeansRun run = new LloydRun(x, w, n, 1, 2, blocks, null);
      double[] mass = new double[blocks.count];
      double total = 0;
      for (int b = 0; b < blocks.count; b++) {
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          mass[b] += w[i] * dist[i];
        }
        total += mass[b];
      }
      SplittableRandom a = new SplittableRandom(17);
      SplittableRandom b = new SplittableRandom(17);
      int[] perBlock = new int[blocks.count];
      for (int draw = 0; draw < 5000; draw++) {
        int fast = Seeding.sampleWeighted(run, dist, mass, total, a);
        int full = Seeding.sampleWeighted(run, dist, null, total, b);
        assertEquals(full, fast, "draw " + draw);
        assertTrue(w[fast] * dist[fast] > 0, "a point without mass was drawn: " + fast);
        perBlock[fast / Blocks.SIZE]++;
      }
      for (int c : perBlock) {
        assertTrue(c > 20, "every block (the last has 123 points) should be drawn from: " + java.util.Arrays.toString(perBlock));
      }
    }
  }
}
