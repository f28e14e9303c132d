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
  void theChosenClusteringCarriesItsSelection() {
    KSelection.MixedOptions o = KSelection.MixedOptions.of(KPrototypes.Options.of(2).withSeed(7)).withRange(3, 5);
    KSelection.Result r = KSelection.runMixed(DATA.matrix, o);
    Clustering c = o.fit(DATA.matrix);
    assertArrayEquals(r.clustering().labels(), c.labels());
    assertEquals(r.k(), c.selection().k());
    assertArrayEquals(r.silhouette(), c.selection().silhouette(), 0);
    assertEquals(r.silhouette()[r.k() - 3], c.selection().silhouetteAt(r.k()).mean(), 0);
    assertTrue(c.settings().startsWith("k-prototypes, k = 4 (auto in 3..5), γ = "), c.settings());
    assertTrue(c.settings().endsWith(" (default), seed 7, 4 restarts"), c.settings());
    KSelection.MixedOptions m = new KSelection.MixedOptions(KMedoids.Options.of(2).withSeed(3), 3, 5, 0.02, 300);
    Clustering medoids = m.fit(DATA.matrix);
    assertEquals(4, medoids.selection().k());
    assertEquals("k-medoids (FasterPAM, Gower distance), k = 4 (auto in 3..5), seed 3", medoids.settings());
    // a k given, not chosen: no selection
    assertEquals(null, KMedoids.Options.of(4).withSeed(3).fit(DATA.matrix).selection());
  }

  @Test
  void euclideanAlgorithmsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> KSelection.MixedOptions.of(KMeans.Options.of(3)));
  }
}
