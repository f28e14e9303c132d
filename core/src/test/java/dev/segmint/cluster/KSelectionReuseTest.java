package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.quality.Indices;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Silhouette;
import org.junit.jupiter.api.Test;

/**
 * A k selection keeps what it computed per k (the fit and the silhouette), and those are bit for bit what fitting and
 * scoring that k on its own gives, whatever the thread count (the ks run side by side, the silhouettes in one pass).
 */
class KSelectionReuseTest {

  private static final KMeans.Options BASE = KMeans.Options.of(3).withSeed(4).withNInit(2);

  @Test
  void everyKIsTheFitAndSilhouetteOfItsOwnRunOnAnyThreadCount() {
    FeatureMatrix m = KSelectionData.separated(5, 17, null);
    KSelection.Options o = KSelection.Options.range(3, 8).withKMeans(BASE).withGapReferences(2);
    KSelection.Result one = KSelection.run(m, o.withThreads(1));
    KSelection.Result two = KSelection.run(m, o.withThreads(2));
    KSelection.Result three = KSelection.run(m, o.withThreads(3));
    assertEquals(5, one.k(), one.toString());
    for (KSelection.Result r : new KSelection.Result[] {two, three}) {
      assertArrayEquals(one.inertia(), r.inertia(), 0.0);
      assertArrayEquals(one.silhouette(), r.silhouette(), 0.0);
      assertArrayEquals(one.calinskiHarabasz(), r.calinskiHarabasz(), 0.0);
      assertArrayEquals(one.daviesBouldin(), r.daviesBouldin(), 0.0);
      assertArrayEquals(one.gap(), r.gap(), 0.0);
      assertEquals(one.toString(), r.toString());
    }
    int[] ks = one.ks();
    for (int q = 0; q < ks.length; q++) {
      int k = ks[q];
      KMeans.Result alone = KMeans.fit(m, BASE.withK(k).withThreads(1));
      for (KSelection.Result r : new KSelection.Result[] {one, two, three}) {
        KMeans.Result kept = r.fitAt(k);
        assertArrayEquals(alone.labels(), kept.labels(), "k = " + k);
        assertEquals(Double.doubleToLongBits(alone.inertia()), Double.doubleToLongBits(kept.inertia()));
        assertEquals(k, kept.options().k());
        Silhouette s = r.silhouetteAt(k);
        Silhouette own = Quality.silhouette(m, alone.labels(), 1);
        assertEquals(Double.doubleToLongBits(own.mean()), Double.doubleToLongBits(s.mean()), "k = " + k);
        assertArrayEquals(own.perPoint(), s.perPoint(), 0.0);
        assertEquals(Double.doubleToLongBits(own.mean()), Double.doubleToLongBits(r.silhouette()[q]));
      }
      // the fit records the selection's options (their thread count), not the count it ran on
      assertEquals(2, two.fitAt(k).options().threads());
    }
    assertThrows(IllegalArgumentException.class, () -> one.fitAt(9));
  }

  @Test
  void sampledSilhouettesAreTheSampledSilhouetteOfEachK() {
    FeatureMatrix m = KSelectionData.separated(4, 5, null);
    KSelection.Result r = KSelection.run(m, KSelection.Options.range(3, 6).withKMeans(BASE).withGapReferences(0)
        .withSilhouetteSample(250));
    assertEquals(250, r.silhouetteSample());
    for (int k : r.ks()) {
      Silhouette own = Quality.silhouetteSampled(m, r.fitAt(k).labels(), 250, BASE.seed(), 1);
      Silhouette s = r.silhouetteAt(k);
      assertEquals(250, s.sampleSize());
      assertEquals(Double.doubleToLongBits(own.mean()), Double.doubleToLongBits(s.mean()), "k = " + k);
      assertArrayEquals(own.perSegment(), s.perSegment(), 0.0);
    }
  }

  @Test
  void aSelectionCarriedByAClusteringKeepsOnlyTheTableAndTheChosenSilhouette() {
    FeatureMatrix m = KSelectionData.separated(3, 9, null);
    KSelection.Options o = KSelection.Options.range(2, 5).withKMeans(BASE).withGapReferences(0);
    KSelection.Result run = KSelection.run(m, o);
    KMeans.Result fit = o.fit(m);
    KSelection.Result carried = fit.selection();
    assertEquals(3, carried.k());
    assertArrayEquals(run.silhouette(), carried.silhouette(), 0.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> carried.fitAt(3));
    assertTrue(e.getMessage().contains("KSelection.run"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> carried.silhouetteAt(4));
    assertArrayEquals(run.silhouetteAt(3).perPoint(), carried.silhouetteAt(3).perPoint(), 0.0);
    assertArrayEquals(fit.labels(), run.fitAt(3).labels());
    // the kept silhouette stands for the chosen labels' own
    Indices reused = Indices.of(m, fit.labels(), carried.silhouetteAt(3));
    Indices computed = Indices.of(m, fit.labels());
    assertEquals(computed.silhouette(), reused.silhouette(), 0.0);
    assertEquals(computed.calinskiHarabasz(), reused.calinskiHarabasz(), 0.0);
    assertEquals(computed.daviesBouldin(), reused.daviesBouldin(), 0.0);
    assertEquals(computed.toString(), reused.toString());
  }

  @Test
  void hierarchicalCutsKeepTheirSilhouettes() {
    FeatureMatrix m = KSelectionData.separated(4, 3, null);
    KSelection.HierarchicalOptions o = KSelection.HierarchicalOptions.of(Linkage.WARD).withRange(2, 6);
    KSelection.Result r = KSelection.runHierarchical(m, o);
    Hierarchical.Result tree = Hierarchical.fit(m, o.hierarchical().withK(0));
    for (int k : r.ks()) {
      Silhouette own = Quality.silhouette(m, tree.cut(k), 1);
      assertEquals(Double.doubleToLongBits(own.mean()), Double.doubleToLongBits(r.silhouetteAt(k).mean()), "k = " + k);
    }
    assertThrows(IllegalStateException.class, () -> r.fitAt(r.k()));
  }

  @Test
  void aSilhouetteOfOtherLabelsIsRefused() {
    FeatureMatrix m = KSelectionData.separated(3, 9, null);
    int[] labels = KMeans.fit(m, BASE).labels();
    Silhouette s = Quality.silhouette(m, labels, 1);
    int[] renamed = labels.clone();
    for (int i = 0; i < renamed.length; i++) {
      renamed[i] = renamed[i] == 0 ? 1 : renamed[i] == 1 ? 0 : renamed[i];
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Indices.of(m, renamed, s));
    assertTrue(e.getMessage().contains("another partition"), e.getMessage());
    int[] moved = labels.clone();
    moved[0] = (moved[0] + 1) % 3;
    assertThrows(IllegalArgumentException.class, () -> s.requireOf(moved));
    assertThrows(IllegalArgumentException.class, () -> s.requireOf(java.util.Arrays.copyOf(labels, 10)));
    assertTrue(s == s.requireOf(labels));
  }
}
