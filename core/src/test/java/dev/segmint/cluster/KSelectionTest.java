package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KSelection.Criterion;
import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

class KSelectionTest {

  @Test
  void everyCriterionFindsThreeSeparatedBlobs() {
    FeatureMatrix m = KMeansTest.blobs(1, 7, null);
    KSelection.Options o = KSelection.Options.range(2, 6).withKMeans(KMeans.Options.of(2).withSeed(1).withNInit(3));
    KSelection.Result r = KSelection.run(m, o);
    assertArrayEquals(new int[] {2, 3, 4, 5, 6}, r.ks());
    assertEquals(3, r.k(), r.toString());
    assertTrue(r.reason().startsWith("highest mean silhouette"), r.reason());
    assertEquals(3, r.best().k());
    for (Criterion c : Criterion.values()) {
      assertEquals(3, KSelection.run(m, o.withCriterion(c)).k(), c.toString());
    }
    assertTrue(r.toString().contains("Chosen k = 3"), r.toString());
  }

  @Test
  void kneeOfAHandMadeCurve() {
    // inertia falls steeply to k = 4, then flattens: the knee is k = 4
    assertEquals(2, KSelection.knee(new int[] {2, 3, 4, 5, 6, 7}, new double[] {100, 60, 20, 18, 16, 15}));
  }

  @Test
  void sampledSilhouetteIsReported() {
    FeatureMatrix m = KMeansTest.blobs(1, 7, null);
    KSelection.Result r = KSelection.run(m, KSelection.Options.range(2, 4).withSilhouetteSample(120).withGapReferences(0));
    assertEquals(120, r.silhouetteSample());
    assertTrue(Double.isNaN(r.gap()[0]));
    assertTrue(r.toString().contains("sample of 120 points"), r.toString());
  }
}
