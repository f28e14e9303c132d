package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans.Algorithm;
import dev.segmint.cluster.KMeans.Init;
import dev.segmint.features.FeatureMatrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KMeansAlgorithmsTest {

  /** Overlapping Gaussian blobs: many label changes per iteration, so the bounds are really exercised. */
  static FeatureMatrix gaussian(int n, int d, int centers, long seed) {
    Random rnd = new Random(seed);
    double[][] mu = new double[centers][d];
    for (double[] m : mu) {
      for (int j = 0; j < d; j++) {
        m[j] = rnd.nextGaussian() * 3;
      }
    }
    double[][] rows = new double[n][d];
    String[] ids = new String[n];
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    for (int i = 0; i < n; i++) {
      double[] m = mu[rnd.nextInt(centers)];
      for (int j = 0; j < d; j++) {
        rows[i][j] = m[j] + rnd.nextGaussian();
      }
      ids[i] = Integer.toString(i);
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  @Test
  void hamerlyAndElkanGiveExactlyLloydsLabels() {
    for (int d : new int[] {2, 5, 17}) {
      FeatureMatrix m = gaussian(6000, d, 12, d);
      KMeans.Options o = KMeans.Options.of(10).withSeed(3).withMaxIter(200).withTolerance(0);
      KMeans.Result seeded = KMeans.fit(m, o.withAlgorithm(Algorithm.LLOYD).withMaxIter(1));
      // start all three from the same k-means++ centroids, so distance counts cover the iterations only
      double[][] start = new double[10][];
      int[] labels = seeded.labels();
      for (int c = 0; c < 10; c++) {
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] == c) {
            start[c] = m.row(i);
            break;
          }
        }
      }
      o = o.withInitialCentroids(start);
      KMeans.Result lloyd = KMeans.fit(m, o.withAlgorithm(Algorithm.LLOYD));
      for (Algorithm a : new Algorithm[] {Algorithm.HAMERLY, Algorithm.ELKAN}) {
        KMeans.Result r = KMeans.fit(m, o.withAlgorithm(a));
        assertArrayEquals(lloyd.labels(), r.labels(), a + " labels, d=" + d);
        assertEquals(lloyd.iterations(), r.iterations(), a + " iterations, d=" + d);
        assertEquals(lloyd.inertia(), r.inertia(), 1e-9 * lloyd.inertia(), a + " inertia, d=" + d);
        assertTrue(r.distanceComputations() < lloyd.distanceComputations() / 2,
            a + " should skip most distances: " + r.distanceComputations() + " vs " + lloyd.distanceComputations());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"LLOYD", "HAMERLY", "ELKAN", "MINI_BATCH"})
  void sameSeedSameResultWithOneTwoOrEightThreads(Algorithm algorithm) {
    FeatureMatrix m = gaussian(20_000, 4, 6, 9);
    for (Init init : Init.values()) {
      KMeans.Options o = KMeans.Options.of(6).withSeed(11).withAlgorithm(algorithm).withInit(init).withNInit(2);
      KMeans.Result one = KMeans.fit(m, o.withThreads(1));
      for (int threads : new int[] {2, 8}) {
        KMeans.Result many = KMeans.fit(m, o.withThreads(threads));
        assertArrayEquals(one.labels(), many.labels(), algorithm + "/" + init + " with " + threads + " threads");
        assertEquals(Double.doubleToLongBits(one.inertia()), Double.doubleToLongBits(many.inertia()));
      }
    }
  }

  @Test
  void integerWeightsEqualDuplicatedRows() {
    FeatureMatrix m = gaussian(500, 3, 4, 21);
    double[] w = new double[500];
    int total = 0;
    for (int i = 0; i < 500; i++) {
      w[i] = 1 + i % 3;
      total += (int) w[i];
    }
    double[][] dup = new double[total][];
    String[] ids = new String[total];
    int r = 0;
    for (int i = 0; i < 500; i++) {
      for (int c = 0; c < w[i]; c++) {
        dup[r] = m.row(i);
        ids[r] = i + "#" + c;
        r++;
      }
    }
    FeatureMatrix duplicated = FeatureMatrix.of(ids, m.names(), dup);
    double[][] start = {m.row(0), m.row(1), m.row(2), m.row(3)};
    for (Algorithm a : new Algorithm[] {Algorithm.LLOYD, Algorithm.HAMERLY, Algorithm.ELKAN}) {
      KMeans.Options o = KMeans.Options.of(4).withInitialCentroids(start).withAlgorithm(a).withTolerance(0);
      KMeans.Result weighted = KMeans.fit(m, w, o);
      KMeans.Result copies = KMeans.fit(duplicated, o);
      assertEquals(copies.inertia(), weighted.inertia(), 1e-9 * copies.inertia(), a.toString());
      for (int c = 0; c < 4; c++) {
        assertArrayEquals(copies.centroids()[c], weighted.centroids()[c], 1e-9, a + " centroid " + c);
      }
    }
    // seeding with weights samples like duplicated rows too: same potential ordering on a separable case
    assertTrue(KMeans.fit(m, w, KMeans.Options.of(4).withSeed(1)).inertia() > 0);
  }

  @Test
  void emptyClusterIsReseededFromTheFarthestPointLowestIndexFirst() {
    // 1-D points 0, 2, 10, 10.5, 11; start {1}, {10.5}, {100}: the third cluster is empty after the first
    // assignment. Farthest from their centroids are 0 and 2 (distance 1 each): the lower index, 0, re-seeds it.
    // Then {0}, {2}, {10, 10.5, 11}: numbered by size, ties by centroid value.
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b", "c", "d", "e"}, new String[] {"x"},
        new double[][] {{0}, {2}, {10}, {10.5}, {11}});
    for (Algorithm a : new Algorithm[] {Algorithm.LLOYD, Algorithm.HAMERLY, Algorithm.ELKAN}) {
      KMeans.Result r = KMeans.fit(m, KMeans.Options.of(3).withAlgorithm(a)
          .withInitialCentroids(new double[][] {{1}, {10.5}, {100}}));
      assertArrayEquals(new int[] {1, 2, 0, 0, 0}, r.labels(), a.toString());
      assertEquals(0.5, r.inertia(), 1e-12);
      assertArrayEquals(new double[] {10.5}, r.centroids()[0]);
      assertArrayEquals(new double[] {0}, r.centroids()[1]);
      assertArrayEquals(new double[] {2}, r.centroids()[2]);
    }
  }

  @Test
  void miniBatchAndKMeansParallelReachLloydQuality() {
    FeatureMatrix m = gaussian(30_000, 4, 5, 33);
    double lloyd = KMeans.fit(m, KMeans.Options.of(5).withSeed(2).withNInit(3).withAlgorithm(Algorithm.LLOYD)).inertia();
    double parallel = KMeans.fit(m, KMeans.Options.of(5).withSeed(2).withNInit(3).withInit(Init.K_MEANS_PARALLEL))
        .inertia();
    double mini = KMeans.fit(m, KMeans.Options.of(5).withSeed(2).withNInit(3).withAlgorithm(Algorithm.MINI_BATCH)
        .withMaxIter(20)).inertia();
    assertEquals(lloyd, parallel, 0.001 * lloyd, "k-means|| seeding then Lloyd");
    assertTrue(mini < 1.02 * lloyd && mini >= lloyd * 0.999, "mini-batch inertia " + mini + " vs Lloyd " + lloyd);
  }

  /** AUTO follows the measured crossovers (docs/kmeans.md): Lloyd for small k and d, Hamerly for large k or d. */
  @Test
  void autoFollowsTheMeasuredCrossovers() {
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(1_000_000, 16, 16));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(50_000_000, 16, 16));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(100_000, 8, 8));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(1_000_000, 64, 4));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(4_338, 3, 5));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(100_000, 16, 31));
    assertEquals(Algorithm.HAMERLY, KMeans.chooseAlgorithm(100_000, 2, 32));
    assertEquals(Algorithm.HAMERLY, KMeans.chooseAlgorithm(1_000_000, 8, 64));
    assertEquals(Algorithm.HAMERLY, KMeans.chooseAlgorithm(100_000, 64, 16));
    assertEquals(Algorithm.HAMERLY, KMeans.chooseAlgorithm(100_000, 32, 16));
    assertEquals(Algorithm.LLOYD, KMeans.chooseAlgorithm(100_000, 31, 16));
    FeatureMatrix small = gaussian(3000, 2, 4, 1);
    KMeans.Result lloyd = KMeans.fit(small, KMeans.Options.of(4).withSeed(2));
    assertEquals(Algorithm.LLOYD, lloyd.algorithm());
    KMeans.Result hamerly = KMeans.fit(small, KMeans.Options.of(40).withSeed(2));
    assertEquals(Algorithm.HAMERLY, hamerly.algorithm());
    assertArrayEquals(KMeans.fit(small, KMeans.Options.of(40).withSeed(2).withAlgorithm(Algorithm.LLOYD)).labels(),
        hamerly.labels(), "AUTO's Hamerly gives Lloyd's labels");
  }
}
