package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.quality.Agreement;
import dev.segmint.quality.Quality;
import org.junit.jupiter.api.Test;

/** k chosen for the mixed-data algorithms by the silhouette under their own distance, on data with known groups. */
class MixedSelectionTest {

  // 4 well-separated groups: numeric separation 4, categorical purity 0.9, plus a 30-level uninformative column
  private static final MixedData DATA = MixedData.generate(600, 4, 3, 4.0, 3, 4, 0.9, 30, 20261202L);

  @Test
  void kPrototypesFindsTheFourGroups() {
    KSelection.Result r = KSelection.runMixed(DATA.matrix,
        KSelection.MixedOptions.of(KPrototypes.Options.of(2).withSeed(7)).withRange(2, 6));
    assertEquals(4, r.k(), r.toString());
    assertTrue(Agreement.adjustedRandIndex(DATA.truth, r.clustering().labels()) > 0.9, r.toString());
    // each k's silhouette is the one computed on its own fit under the model's distance
    KPrototypes.Result at3 = KPrototypes.Options.of(3).withSeed(7).fit(DATA.matrix);
    double expected = Quality.silhouettes(600, new int[][] {at3.labels()}, at3.distances(DATA.matrix), 10_000, 7,
        1)[0].mean();
    assertEquals(expected, r.silhouette()[1], 0);
    assertTrue(Double.isNaN(r.calinskiHarabasz()[0]));
    assertTrue(r.toString().contains("silhouette under the algorithm's own distance"), r.toString());
  }

  @Test
  void kMedoidsFindsTheFourGroupsAndSamplesTheSilhouette() {
    KSelection.Result r = KSelection.runMixed(DATA.matrix,
        new KSelection.MixedOptions(KMedoids.Options.of(2).withSeed(3), 3, 5, 0.02, 300));
    assertEquals(4, r.k(), r.toString());
    assertEquals(300, r.silhouetteSample());
    assertArrayEquals(new int[] {3, 4, 5}, r.ks());
    assertTrue(Agreement.adjustedRandIndex(DATA.truth, r.clustering().labels()) > 0.9, r.toString());
  }

  @Test
  void euclideanAlgorithmsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> KSelection.MixedOptions.of(KMeans.Options.of(3)));
  }
}
