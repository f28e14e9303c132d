package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KSelection.Criterion;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Numbers;
import dev.segmint.quality.Agreement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KSelectionTest {

  /** One segment's eligibility: 2 customers at least, and the share, reached exactly despite the rounding. */
  @org.junit.jupiter.api.Test
  void largeEnoughIsTheSharedRule() {
    assertTrue(KSelection.largeEnough(7, 100, 0.07), "0.07 · 100 rounds to 7.000000000000001");
    assertFalse(KSelection.largeEnough(6, 100, 0.07));
    assertTrue(KSelection.largeEnough(2, 100, KSelection.DEFAULT_MIN_SHARE));
    assertFalse(KSelection.largeEnough(1, 100, KSelection.DEFAULT_MIN_SHARE));
    assertFalse(KSelection.largeEnough(1, 10, KSelection.DEFAULT_MIN_SHARE), "under 2 customers, whatever the share");
    assertTrue(KSelection.largeEnough(200, 10_000, KSelection.DEFAULT_MIN_SHARE));
    assertFalse(KSelection.largeEnough(199, 10_000, KSelection.DEFAULT_MIN_SHARE));
  }

  @Test
  void everyCriterionFindsThreeSeparatedBlobs() {
    FeatureMatrix m = KMeansTest.blobs(1, 7, null);
    KSelection.Options o = KSelection.Options.range(2, 6).withKMeans(KMeans.Options.of(2).withSeed(1).withNInit(3));
    KSelection.Result r = KSelection.run(m, o);
    assertArrayEquals(new int[] {2, 3, 4, 5, 6}, r.ks());
    assertEquals(3, r.k(), r.toString());
    assertTrue(r.reason().startsWith("k = 3 has the largest silhouette among the 5 eligible k"), r.reason());
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

  /** The best k at the top of the range says that a wider range may do better; inside the range it does not. */
  @Test
  void aChoiceAtTheTopOfTheRangeSaysSo() {
    FeatureMatrix twelve = KSelectionData.separated(12, 17, null);
    KSelection.Result top = KSelection.choose(twelve);
    assertEquals(10, top.k(), top.toString());
    assertTrue(top.reason().endsWith("; k = 10 is the largest k tried, so a wider range may find a higher silhouette"),
        top.reason());
    KSelection.Result wider = KSelection.run(twelve, KSelection.Options.range(3, 14));
    assertEquals(12, wider.k(), wider.toString());
    assertTrue(!wider.reason().contains("largest k tried"), wider.reason());
    KSelection.Result eight = KSelection.choose(KSelectionData.separated(8, 17, null));
    assertTrue(!eight.reason().contains("largest k tried"), eight.reason());
  }

  /** The contract's default (3..10, eligible silhouette) recovers 3, 5 and 8 well-separated groups exactly. */
  @ParameterizedTest
  @ValueSource(ints = {3, 5, 8})
  void defaultsRecoverTheNumberOfSeparatedGroups(int groups) {
    int[] truth = new int[KSelectionData.customers(groups)];
    FeatureMatrix m = KSelectionData.separated(groups, 17, truth);
    KSelection.Result r = KSelection.choose(m);
    assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 10}, r.ks());
    assertEquals(groups, r.k(), r.toString());
    assertEquals(1.0, Agreement.adjustedRandIndex(truth, r.best().labels()), 1e-12);
    assertTrue(r.notes().isEmpty(), r.notes().toString());
    // the eligibility column, recomputed from a fit at each k with the same settings
    KMeans.Options base = KSelection.Options.defaults().kmeans();
    for (int q = 0; q < r.ks().length; q++) {
      long[] sizes = KMeans.fit(m, base.withK(r.ks()[q])).sizes();
      long min = Long.MAX_VALUE;
      for (long s : sizes) {
        min = Math.min(min, s);
      }
      assertEquals(min / (double) m.rows(), r.smallestShare()[q], 1e-15);
      assertEquals(min >= 0.02 * m.rows() && min >= 2, r.eligible()[q], "k = " + r.ks()[q]);
    }
    // the chosen k has the largest silhouette among the eligible k
    for (int q = 0; q < r.ks().length; q++) {
      if (r.eligible()[q]) {
        assertTrue(r.silhouette()[q] <= r.silhouette()[groups - 3], "k = " + r.ks()[q]);
      }
    }
    // as a Clusterer, the same choice, carrying the selection
    Clustering c = KSelection.Options.defaults().fit(m);
    assertEquals(groups, c.k());
    assertEquals(r.toString(), c.selection().toString());
  }

  /** Hierarchical k = auto (ward): the largest relative gap among the eligible cuts recovers 3, 5 and 8 groups. */
  @ParameterizedTest
  @ValueSource(ints = {3, 5, 8})
  void hierarchicalAutoRecoversTheNumberOfSeparatedGroups(int groups) {
    int[] truth = new int[KSelectionData.customers(groups)];
    FeatureMatrix m = KSelectionData.separated(groups, 17, truth);
    KSelection.Result r = KSelection.runHierarchical(m, KSelection.HierarchicalOptions.of(Linkage.WARD));
    assertEquals(groups, r.k(), r.toString());
    assertEquals("hierarchical", r.method());
    Clustering c = r.clustering();
    assertEquals(groups, c.k());
    assertEquals(1.0, Agreement.adjustedRandIndex(truth, c.labels()), 1e-12);
    assertEquals(r.toString(), KSelection.HierarchicalOptions.of(Linkage.WARD).fit(m).selection().toString());
    // the relative gaps, from the merge heights of an independent fit
    double[] h = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD)).dendrogram().heights();
    int leaves = m.rows();
    for (int q = 0; q < r.ks().length; q++) {
      int k = r.ks()[q];
      assertEquals(h[leaves - k], r.mergeHeight()[q], 0.0);
      assertEquals((h[leaves - k] - h[leaves - k - 1]) / h[leaves - k - 1], r.relativeGap()[q], 1e-12);
    }
    assertThrows(IllegalStateException.class, r::best);
    assertTrue(r.toString().contains("rel. gap"), r.toString());
  }

  /**
   * Two groups of 300 and a far group of 5 (0.8 % of 605): every k in 3..5 keeps a segment below 2 %, so none is
   * eligible; the largest silhouette wins and the reason says so.
   */
  @Test
  void noEligibleKFallsBackToTheLargestSilhouetteAndSaysSo() {
    double[][] rows = new double[605][];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < 605; i++) {
      double cx = i < 300 ? 0 : i < 600 ? 10 : 100;
      rows[i] = new double[] {cx + DensityData.gaussian(rnd), DensityData.gaussian(rnd)};
    }
    FeatureMatrix m = DensityData.matrix(rows);
    KSelection.Result r = KSelection.run(m, KSelection.Options.defaults().withRange(3, 5));
    assertArrayEquals(new boolean[] {false, false, false}, r.eligible());
    int best = 0;
    for (int q = 1; q < 3; q++) {
      best = r.silhouette()[q] > r.silhouette()[best] ? q : best;
    }
    assertEquals(r.ks()[best], r.k());
    assertEquals(5.0 / 605, r.smallestShare()[best], 1e-15);
    assertTrue(r.reason().startsWith("no k in 3..5 is eligible (every segment at least 2 % of the customers and at "
        + "least 2 customers), so k = " + r.k() + " has the largest silhouette"), r.reason());
    assertTrue(r.reason().contains("its smallest segment holds 0.8264 % of the customers"), r.reason());
    // a minimum share no partition into 3 or more can meet: none eligible either
    KSelection.Result strict = KSelection.run(KMeansTest.blobs(1, 7, null), KSelection.Options.defaults()
        .withRange(3, 4).withMinShare(0.5));
    assertArrayEquals(new boolean[] {false, false}, strict.eligible());
    assertTrue(strict.reason().startsWith("no k in 3..4 is eligible (every segment at least 50 %"), strict.reason());
  }

  /** An ineligible k with a higher silhouette is named in the reason. */
  @Test
  void theReasonNamesAHigherScoringIneligibleK() {
    // three groups of 300 in a row and a group of 5 beyond them: k = 3 puts the 5 with their neighbours (eligible),
    // k = 4 isolates them (a higher silhouette, a 0.55 % segment)
    double[][] rows = new double[905][];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int i = 0; i < 905; i++) {
      double cx = i < 300 ? 0 : i < 600 ? 12 : i < 900 ? 24 : 40;
      rows[i] = new double[] {cx + DensityData.gaussian(rnd), DensityData.gaussian(rnd)};
    }
    KSelection.Result r = KSelection.run(DensityData.matrix(rows), KSelection.Options.defaults().withRange(3, 5));
    assertFalse(r.eligible()[1], r.toString());
    assertTrue(r.reason().contains("k = 4 scored higher"), r.reason());
    assertTrue(r.reason().contains("but its smallest segment holds only 0.5525 %"), r.reason());
  }

  @Test
  void tiesGoToTheSmallerKAndIneligibleKAreSkipped() {
    assertEquals(1, KSelection.argBestEligible(new double[] {0.9, 0.5, 0.5, 0.4}, new boolean[] {false, true, true,
        true}));
    assertEquals(1, KSelection.argBestEligible(new double[] {0.3, 0.5, 0.5}, new boolean[] {false, false, false}));
    assertEquals(0, KSelection.argBestEligible(new double[] {0.5, 0.5}, new boolean[] {true, true}));
  }

  /**
   * Fewer than 30 customers: the same rule; the range is capped at n/2 and says so, the 2-customer minimum decides
   * eligibility (2 % of 12 is below 1), and the reason says the choice rests on few customers.
   */
  @Test
  void smallDataCapsTheRangeAtHalfTheCustomers() {
    double[][] rows = new double[12][];
    for (int i = 0; i < 12; i++) {
      rows[i] = new double[] {10 * (i / 4) + 0.1 * (i % 4), 0.1 * (i % 2)};
    }
    FeatureMatrix m = DensityData.matrix(rows);
    KSelection.Result r = KSelection.choose(m);
    assertArrayEquals(new int[] {3, 4, 5, 6}, r.ks());
    assertEquals(3, r.k(), r.toString());
    assertEquals(List.of("the k range 3..10 was capped at 6: at most n/2 = 6 for 12 customers (every segment needs "
        + "at least 2 customers)"), r.notes());
    assertTrue(r.reason().endsWith("; with only 12 customers the choice rests on few points"), r.reason());
    assertTrue(r.toString().contains("note: the k range 3..10 was capped at 6"), r.toString());
    // 5 customers cannot make 3 segments of 2: refused, naming the need
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KSelection.choose(DensityData.matrix(java.util.Arrays.copyOf(rows, 5))));
    assertEquals("k = auto in 3..10 needs at least 6 customers (3 segments of at least 2 customers each), the "
        + "features have 5; give k yourself or lower kMin to at most 2", e.getMessage());
  }

  /** All customers identical: one segment, k = 1, a one-row table that is not printed, and a reason that says why (k-means and hierarchical). */
  @Test
  void identicalCustomersFormOneSegment() {
    double[][] rows = new double[40][];
    for (int i = 0; i < 40; i++) {
      rows[i] = new double[] {2.5, -1};
    }
    FeatureMatrix m = DensityData.matrix(rows);
    KSelection.Result r = KSelection.choose(m);
    assertEquals(1, r.k());
    assertArrayEquals(new int[] {1}, r.ks());
    assertArrayEquals(new double[] {0}, r.inertia());
    assertTrue(Double.isNaN(r.silhouette()[0]));
    assertArrayEquals(new double[] {1}, r.smallestShare());
    assertEquals("all 40 customers have identical features, so they form one segment: no k in 3..10 can split them "
        + "(check for constant or wrongly read feature columns)", r.reason());
    assertArrayEquals(new long[] {40}, r.best().sizes());
    assertEquals("Chosen k = 1: " + r.reason(), r.toString());
    Clustering km = KSelection.Options.defaults().fit(m);
    assertEquals(1, km.k());
    assertEquals(r.reason(), km.selection().reason());
    assertEquals("k-means, k = 1 (auto in 1..1), seed 0, 4 restarts", km.settings());
    Clustering tree = KSelection.HierarchicalOptions.of(Linkage.WARD).fit(m);
    assertEquals(1, tree.k());
    assertArrayEquals(new int[40], tree.labels());
    assertEquals(r.reason(), tree.selection().reason());
  }

  /** Two distinct feature vectors and kMin 3: only k = 2 can be tried, and the note says why. */
  @Test
  void fewerDistinctCustomersThanKMinTriesThatMany() {
    double[][] rows = new double[20][];
    for (int i = 0; i < 20; i++) {
      rows[i] = i < 10 ? new double[] {0, 0} : new double[] {5, 5};
    }
    KSelection.Result r = KSelection.choose(DensityData.matrix(rows));
    assertArrayEquals(new int[] {2}, r.ks());
    assertEquals(2, r.k());
    assertTrue(r.notes().contains("only k = 2 was tried: the customers have only 2 distinct feature vectors, fewer "
        + "than kMin = 3"), r.notes().toString());
  }

  @Test
  void relativeGapDefinition() {
    assertEquals(1.5, KSelection.relativeGap(5, 2), 0);
    assertEquals(Double.POSITIVE_INFINITY, KSelection.relativeGap(1, 0), 0);
    assertEquals(0, KSelection.relativeGap(0, 0), 0);
  }

  @Test
  void fourSignificantDigits() {
    assertEquals("0.4123", Numbers.sig4(0.412345));
    assertEquals("2346", Numbers.sig4(2345.678));
    assertEquals("12.5", Numbers.sig4(12.5));
    assertEquals("-0.01235", Numbers.sig4(-0.0123456));
    assertEquals("1.235e+06", Numbers.sig4(1234567));
    assertEquals("-", Numbers.sig4(Double.NaN));
  }

  @Test
  void optionsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> KSelection.Options.range(1, 4));
    assertThrows(IllegalArgumentException.class, () -> KSelection.Options.range(5, 3));
    assertThrows(IllegalArgumentException.class, () -> KSelection.Options.defaults().withMinShare(1.0));
    assertThrows(IllegalArgumentException.class, () -> KSelection.HierarchicalOptions.of(Linkage.WARD)
        .withRange(4, 3));
    assertEquals(3, KSelection.Options.defaults().kMin());
    assertEquals(10, KSelection.Options.defaults().kMax());
    assertEquals(0.02, KSelection.Options.defaults().minShare(), 0);
    assertEquals(Criterion.ELIGIBLE_SILHOUETTE, KSelection.Options.defaults().criterion());
  }
}
