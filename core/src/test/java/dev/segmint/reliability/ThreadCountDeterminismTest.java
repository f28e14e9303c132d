package dev.segmint.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Silhouette;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same seed → identical output for 1, 2 and 8 threads, for the paths the algorithm tests did not cover yet:
 * hierarchical (every linkage, and the seeded two-stage ward), DBSCAN with eps auto, HDBSCAN with Prim's MST, k
 * selection, and the exact and sampled silhouettes. (k-means with every algorithm, DBSCAN with a given eps, HDBSCAN
 * with Borůvka, stability and profiles have their own thread tests.) Bit-for-bit equality, not a tolerance.
 */
class ThreadCountDeterminismTest {

  static final int[] THREADS = {1, 2, 8};

  /** Five gaussian blobs with a little noise, n points in d dimensions. */
  static FeatureMatrix blobs(int n, int d, long seed) {
    Random r = new Random(seed);
    String[] ids = new String[n];
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      int b = i % 5;
      for (int j = 0; j < d; j++) {
        x[i][j] = (i % 23 == 0 ? r.nextDouble() * 40 - 20 : 6 * b * (j % 2 == 0 ? 1 : -1)) + r.nextGaussian();
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, x);
  }

  static final FeatureMatrix DATA = blobs(3000, 4, 7);

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void hierarchicalEveryLinkage(Linkage linkage) {
    FeatureMatrix m = blobs(1500, 3, 11);
    Hierarchical.Result one = Hierarchical.fit(m, Hierarchical.Options.of(linkage, 5).withThreads(1));
    for (int t : THREADS) {
      Hierarchical.Result many = Hierarchical.fit(m, Hierarchical.Options.of(linkage, 5).withThreads(t));
      assertArrayEquals(one.dendrogram().toArray(), many.dendrogram().toArray(), linkage + " threads " + t);
      assertArrayEquals(one.labels(), many.labels(), linkage + " threads " + t);
    }
  }

  @Test
  void twoStageWardWithASeed() {
    Hierarchical.Options o = Hierarchical.Options.of(Linkage.WARD, 5).withMicroClusters(200).withSeed(42);
    Hierarchical.Result one = Hierarchical.fit(DATA, o.withThreads(1));
    assertEquals(true, one.isTwoStage());
    for (int t : THREADS) {
      Hierarchical.Result many = Hierarchical.fit(DATA, o.withThreads(t));
      assertArrayEquals(one.labels(), many.labels(), "threads " + t);
      assertArrayEquals(one.dendrogram().toArray(), many.dendrogram().toArray(), "threads " + t);
    }
  }

  @Test
  void dbscanWithEpsAuto() {
    Dbscan.Result one = Dbscan.fit(DATA, Dbscan.Options.autoEps(8).withThreads(1));
    for (int t : THREADS) {
      Dbscan.Result many = Dbscan.fit(DATA, Dbscan.Options.autoEps(8).withThreads(t));
      assertEquals(one.eps(), many.eps(), "threads " + t);
      assertArrayEquals(one.labels(), many.labels(), "threads " + t);
      assertEquals(one.coreCount(), many.coreCount());
    }
  }

  @Test
  void hdbscanWithPrim() {
    FeatureMatrix m = blobs(1200, 3, 5);
    Hdbscan.Options o = Hdbscan.Options.of(20).withMst(Hdbscan.MstAlgorithm.PRIM);
    Hdbscan.Result one = Hdbscan.fit(m, o.withThreads(1));
    for (int t : THREADS) {
      Hdbscan.Result many = Hdbscan.fit(m, o.withThreads(t));
      assertArrayEquals(one.labels(), many.labels(), "threads " + t);
      assertArrayEquals(one.probabilities(), many.probabilities(), "threads " + t);
      assertArrayEquals(one.outlierScores(), many.outlierScores(), "threads " + t);
    }
  }

  @Test
  void kSelection() {
    KSelection.Result one = KSelection.run(DATA, KSelection.Options.range(2, 7)
        .withKMeans(KMeans.Options.of(2).withSeed(3).withThreads(1)));
    for (int t : THREADS) {
      KSelection.Result many = KSelection.run(DATA, KSelection.Options.range(2, 7)
          .withKMeans(KMeans.Options.of(2).withSeed(3).withThreads(t)));
      assertEquals(one.k(), many.k(), "threads " + t);
      assertArrayEquals(one.best().labels(), many.best().labels(), "threads " + t);
      assertEquals(one.toString(), many.toString(), "the printed scores too");
    }
  }

  @Test
  void silhouetteExactAndSampled() {
    int[] labels = KMeans.fit(DATA, KMeans.Options.of(5).withSeed(1)).labels();
    Silhouette one = Quality.silhouette(DATA, labels, 1);
    Silhouette sampledOne = Quality.silhouetteSampled(DATA, labels, 500, 9L, 1);
    for (int t : THREADS) {
      Silhouette many = Quality.silhouette(DATA, labels, t);
      assertEquals(one.mean(), many.mean(), "threads " + t);
      assertArrayEquals(one.perSegment(), many.perSegment(), "threads " + t);
      Silhouette sampled = Quality.silhouetteSampled(DATA, labels, 500, 9L, t);
      assertEquals(sampledOne.mean(), sampled.mean(), "threads " + t);
    }
  }
}
