package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StabilityTest {

  /** Three well-separated 2-D blobs of 150, 100 and 50 points. */
  static FeatureMatrix blobs(long seed) {
    Random rnd = new Random(seed);
    double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
    int[] sizes = {150, 100, 50};
    int n = 300;
    String[] ids = new String[n];
    double[][] rows = new double[n][];
    int i = 0;
    for (int b = 0; b < 3; b++) {
      for (int j = 0; j < sizes[b]; j++, i++) {
        ids[i] = "c" + i;
        rows[i] = new double[] {centres[b][0] + rnd.nextGaussian(), centres[b][1] + rnd.nextGaussian()};
      }
    }
    return FeatureMatrix.of(ids, new String[] {"x", "y"}, rows);
  }

  static final KMeans.Options K3 = KMeans.Options.of(3).withNInit(3).withThreads(1);

  static Stability.Refit kmeans(KMeans.Options o) {
    return (sample, seed) -> KMeans.fit(sample, o.withSeed(seed)).labels();
  }

  @Test
  void aStableThreeBlobSolutionHasJaccardOne() {
    FeatureMatrix m = blobs(1);
    int[] ref = KMeans.fit(m, K3.withSeed(0)).labels();
    Stability.Result r = Stability.run(m, ref, kmeans(K3), Stability.Options.bootstrap(20).withSeed(5));
    assertArrayEquals(new int[] {0, 1, 2}, r.segments());
    for (double j : r.meanJaccard()) {
      assertEquals(1.0, j, 1e-12);
    }
    for (double a : r.ari()) {
      assertEquals(1.0, a, 1e-12);
    }
    assertArrayEquals(new int[] {20, 20, 20}, r.recovered());
    assertArrayEquals(new int[] {0, 0, 0}, r.dissolved());
    assertEquals("highly stable", Stability.Result.verdict(r.meanJaccard(0)));
    // a bootstrap sample holds about 1 − 1/e ≈ 63% distinct points
    assertTrue(Math.abs(r.meanDistinct() / 300 - 0.632) < 0.05, "distinct share " + r.meanDistinct() / 300);
    assertTrue(r.toString().contains("20 bootstrap refits on 300 points"), r.toString());
    assertEquals(3, r.toTable().rowCount());
  }

  @Test
  void oneCallWithAClustererEqualsTheExplicitReferenceRefitAndOptions() {
    FeatureMatrix m = blobs(3);
    KMeans.Options o = KMeans.Options.of(3).withNInit(2).withSeed(11);
    Stability.Result one = Stability.run(m, o, 15);
    int[] ref = KMeans.fit(m, o).labels();
    Stability.Result explicit = Stability.run(m, ref, kmeans(o.withThreads(1)),
        Stability.Options.bootstrap(15).withSeed(11));
    assertArrayEquals(explicit.ari(), one.ari());
    assertArrayEquals(explicit.meanJaccard(), one.meanJaccard());
    assertTrue(one.toString().contains("15 bootstrap refits on 300 points"), one.toString());
    // any clusterer: DBSCAN has no seed and the same call works
    Stability.Result db = Stability.run(m, Dbscan.Options.of(1.0, 4), 5);
    assertEquals(5, db.ari().length);
    assertThrows(IllegalArgumentException.class, () -> Stability.run(m, o, 0));
  }

  @Test
  void sameResultWhateverTheThreadCount() {
    Random rnd = new Random(2);
    double[][] rows = new double[400][];
    String[] ids = new String[400];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = Integer.toString(i);
      rows[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};   // no structure: k = 4 is not stable
    }
    FeatureMatrix m = FeatureMatrix.of(ids, new String[] {"a", "b"}, rows);
    KMeans.Options k4 = KMeans.Options.of(4).withNInit(1).withThreads(1);
    int[] ref = KMeans.fit(m, k4.withSeed(0)).labels();
    Stability.Options o = Stability.Options.subsample(12, 0.7).withSeed(9);
    Stability.Result one = Stability.run(m, ref, kmeans(k4), o.withThreads(1));
    Stability.Result three = Stability.run(m, ref, kmeans(k4), o.withThreads(3));
    assertArrayEquals(one.ari(), three.ari());
    double[][] a = one.jaccard();
    double[][] b = three.jaccard();
    for (int r = 0; r < a.length; r++) {
      assertArrayEquals(a[r], b[r]);
    }
    assertEquals(280, one.meanDistinct(), 1e-12, "subsamples hold ⌈0.7·n⌉ distinct points");
    double worst = 1;
    for (double j : one.meanJaccard()) {
      worst = Math.min(worst, j);
    }
    assertTrue(worst < 0.99, "uniform noise cut in four is less stable than separated blobs: " + worst);
  }

  @Test
  void refitNoiseDissolvesSegmentsAndBadRefitsAreNamed() {
    FeatureMatrix m = blobs(3);
    int[] ref = KMeans.fit(m, K3.withSeed(0)).labels();
    Stability.Result allNoise = Stability.run(m, ref, (s, seed) -> {
      int[] l = new int[s.rows()];
      java.util.Arrays.fill(l, -1);
      return l;
    }, Stability.Options.bootstrap(3));
    for (double j : allNoise.meanJaccard()) {
      assertEquals(0.0, j);
    }
    assertArrayEquals(new int[] {3, 3, 3}, allNoise.dissolved());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Stability.run(m, ref, (s, seed) -> new int[3], Stability.Options.bootstrap(2).withThreads(1)));
    assertTrue(e.getMessage().contains("one label per sample row"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Stability.Options.subsample(5, 1.0));
  }
}
