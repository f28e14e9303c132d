package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * k-prototypes against hand-computed cases, k-means (γ = 0), an independent plain k-modes (only categorical
 * features), itself across threads and with and without bounds, and its error messages.
 */
class KPrototypesTest {

  static final List<String> CITY = List.of("Paris", "Lyon", "Marseille");
  static final List<String> CHANNEL = List.of("web", "store");

  /**
   * Six customers: income 0, 1, 2 | 10, 11, 12; city P L L | M L (missing); channel web store web | store web store.
   */
  static FeatureMatrix six() {
    return FeatureMatrix.mixed(new String[] {"a", "b", "c", "d", "e", "f"}, new String[] {"income"},
        new double[] {0, 1, 2, 10, 11, 12}, null, new String[] {"city", "channel"}, List.of(CITY, CHANNEL),
        new short[] {0, 0, 1, 1, 1, 0, 2, 1, 1, 0, -1, 1});
  }

  static KPrototypes.Options sixOptions() {
    return KPrototypes.Options.of(2).withGamma(1).withInitialPrototypes(new double[][] {{1}, {11}},
        new String[][] {{"Paris", "web"}, {"Marseille", "store"}});
  }

  /**
   * By hand (γ = 1). First assignment: a, b, c to prototype 0 (costs 1, 2, 2), d, e, f to prototype 1 (1, 2, 2; f's
   * missing city is a mismatch). Update: prototype 0 = (1; Lyon 2 of 3, web 2 of 3); prototype 1 = (11; Lyon and
   * Marseille tie 1–1 as f is missing: Lyon, the first level in encoding order; store 2 of 3). Reassignment keeps
   * every label: costs a 1+1, b 0+1, c 1+0, d 1+1 (Marseille ≠ Lyon), e 0+1, f 1+1 (missing): numeric 4,
   * categorical 5, total 9.
   */
  @Test
  void handComputedCostModesTieAndMissing() {
    for (boolean bounds : new boolean[] {true, false}) {
      KPrototypes.Result r = sixOptions().withBounds(bounds).fit(six());
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, r.labels());
      assertArrayEquals(new double[][] {{1}, {11}}, r.centroids());
      assertArrayEquals(new String[][] {{"Lyon", "web"}, {"Lyon", "store"}}, r.modeLevels());
      assertArrayEquals(new int[][] {{1, 0}, {1, 1}}, r.modes());
      assertEquals(4, r.numericCost(), 0);
      assertEquals(5, r.categoricalCost(), 0);
      assertEquals(9, r.cost(), 0);
      assertEquals(1, r.diagnostics().iterations());
      assertEquals("cost 9.00000 (numeric 44 %, categorical 56 %), γ = 1, converged", r.figures());
      assertArrayEquals(new String[] {"income", "city", "channel"}, r.featureNames());
    }
    // γ = 3 weighs each mismatch three times: the same segments here, categorical cost 15
    KPrototypes.Result g3 = sixOptions().withGamma(3).fit(six());
    assertEquals(15, g3.categoricalCost(), 0);
    assertEquals(4, g3.numericCost(), 0);
  }

  /**
   * An empty segment is re-seeded as k-means does, by hand (γ = 1): prototype 2 at income 1000 gets no customer; the
   * customers' costs to their own prototypes are a 1, b 2, c 2, d 1, e 2, f 2, so it takes b (the farthest, lowest
   * index among the ties): (1; Lyon, store). Next: a, c to prototype 0 (now 1; Lyon, web), b to 2 (cost 0), d, e, f
   * to 1. Update: prototype 0 = (1; Paris and Lyon tie 1–1: Paris, web). Reassignment: c costs 2 to prototype 0 and
   * 2 to prototype 2: the lower prototype keeps it. Costs a 1, b 0, c 2, d 2, e 1, f 2 = 8 (numeric 4).
   */
  @Test
  void emptySegmentTakesTheFarthestCustomer() {
    for (boolean bounds : new boolean[] {true, false}) {
      KPrototypes.Result r = KPrototypes.Options.of(3).withGamma(1).withBounds(bounds).withInitialPrototypes(
          new double[][] {{1}, {11}, {1000}},
          new String[][] {{"Paris", "web"}, {"Marseille", "store"}, {"Paris", "web"}}).fit(six());
      assertArrayEquals(new int[] {1, 2, 1, 0, 0, 0}, r.labels());
      assertArrayEquals(new double[][] {{11}, {1}, {1}}, r.centroids());
      assertArrayEquals(new String[][] {{"Lyon", "store"}, {"Paris", "web"}, {"Lyon", "store"}}, r.modeLevels());
      assertEquals(4, r.numericCost(), 0);
      assertEquals(8, r.cost(), 0);
      assertEquals(2, r.diagnostics().iterations());
    }
  }

  @Test
  void distanceIsEuclideanInTheImplicitSpace() {
    KPrototypes.Result r = sixOptions().withGamma(2).fit(six());
    FeatureMatrix m = six();
    // a (0, Paris, web) – f (12, missing, store): 144 + 2 × 2 mismatches
    assertEquals(Math.sqrt(144 + 4), r.distance(m, 0, 5), 0);
    // b (1, Lyon, store) – e (11, Lyon, web): 100 + 2 × 1
    assertEquals(Math.sqrt(102), r.distances(m).between(1, 4), 0);
    // a customer with a missing level is not at distance 0 from itself on that feature: missing mismatches everything
    assertEquals(Math.sqrt(2), r.distance(m, 5, 5), 0);
    assertEquals(0, r.distance(m, 0, 0), 0);
  }

  @Test
  void defaultGammaIsTwiceTheMeanVariance() {
    // column u: 1, 3, 1, 3 (sd 1); column v: 0, 0, 0, 4 (mean 1, variance 12 / 4 = 3)
    FeatureMatrix m = FeatureMatrix.mixed(new String[] {"a", "b", "c", "d"}, new String[] {"u", "v"},
        new double[] {1, 0, 3, 0, 1, 0, 3, 4}, null, new String[] {"g"}, List.of(List.of("x", "y")),
        new short[] {0, 1, 0, 1});
    assertEquals(2 * (1 + 3) / 2.0, KPrototypes.defaultGamma(m), 1e-15);
    KPrototypes.Result r = KPrototypes.Options.of(2).withSeed(3).fit(m);
    assertEquals(KPrototypes.defaultGamma(m), r.gamma(), 0);
    assertTrue(r.settings().startsWith("k-prototypes, k = 2, γ = 4 (default), seed 3, 4 restarts"),
        r.settings());
    // no numeric features: 1
    FeatureMatrix cat = FeatureMatrix.mixed(new String[] {"a", "b"}, new String[0], new double[0], null,
        new String[] {"g"}, List.of(List.of("x", "y")), new short[] {0, 1});
    assertEquals(1, KPrototypes.defaultGamma(cat), 0);
  }

  // ------------------------------------------------------------------------------------------------ references

  /**
   * n customers in `groups` groups: d numeric features around group centres 3 apart (sd 1) and c categorical ones
   * whose level is the group's with probability 0.7, else uniform over `levels`; about 2 % of levels missing.
   */
  static FeatureMatrix mixedData(int n, int d, int c, int levels, int groups, long seed) {
    Random r = new Random(seed);
    String[] ids = new String[n];
    double[] x = new double[n * d];
    short[] codes = new short[n * c];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      int g = r.nextInt(groups);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = 3 * ((g + j) % groups) + r.nextGaussian();
      }
      for (int j = 0; j < c; j++) {
        int level = r.nextDouble() < 0.7 ? (g + j) % levels : r.nextInt(levels);
        codes[i * c + j] = (short) (r.nextDouble() < 0.02 ? -1 : level);
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    String[] cat = new String[c];
    List<List<String>> lv = new ArrayList<>();
    for (int j = 0; j < c; j++) {
      cat[j] = "cat" + j;
      List<String> l = new ArrayList<>();
      for (int q = 0; q < levels; q++) {
        l.add("L" + j + "_" + q);
      }
      lv.add(l);
    }
    return FeatureMatrix.mixed(ids, names, x, null, cat, lv, codes);
  }

  @Test
  void gammaZeroIsKMeansOnTheNumericPartFromTheSameStart() {
    FeatureMatrix m = mixedData(3000, 3, 2, 4, 4, 11);
    FeatureMatrix numeric = FeatureMatrix.ofFlat(m.ids(), m.names(), null, m.toFlatArray());
    int[] start = {5, 700, 1400, 2100};
    double[][] centers = new double[4][];
    String[][] modes = new String[4][];
    for (int p = 0; p < 4; p++) {
      centers[p] = m.row(start[p]);
      modes[p] = new String[] {"L0_0", "L1_1"};
    }
    KMeans.Result km = KMeans.Options.of(4).withInitialCentroids(centers).withAlgorithm(KMeans.Algorithm.LLOYD)
        .withNInit(1).fit(numeric);
    for (boolean bounds : new boolean[] {true, false}) {
      KPrototypes.Result kp = KPrototypes.Options.of(4).withGamma(0).withBounds(bounds)
          .withInitialPrototypes(centers, modes).fit(m);
      assertArrayEquals(km.labels(), kp.labels(), "bounds " + bounds);
      double[][] a = km.centroids();
      double[][] b = kp.centroids();
      for (int p = 0; p < 4; p++) {
        assertArrayEquals(a[p], b[p], 1e-12);
      }
      assertEquals(km.inertia(), kp.numericCost(), 1e-9 * km.inertia());
      assertEquals(0, kp.categoricalCost(), 0);
      assertEquals(km.iterations(), kp.diagnostics().iterations());
    }
  }

  /**
   * Huang's k-modes, written plainly: assign every customer to the mode with the fewest mismatches (a missing level
   * mismatches; ties: the lower mode), recompute each mode as the most frequent level of its members (ties: the
   * lower code; no member with a level: keep it), until no label changes. Returns the labels; {@code modes} is
   * updated in place.
   */
  static int[] plainKModes(short[] codes, int n, int c, int k, int[] levels, int[][] modes) {
    int[] labels = assignModes(codes, n, c, k, modes);
    while (true) {
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < c; j++) {
          int[] count = new int[levels[j]];
          for (int i = 0; i < n; i++) {
            if (labels[i] == p && codes[i * c + j] >= 0) {
              count[codes[i * c + j]]++;
            }
          }
          int best = -1;
          for (int l = 0; l < levels[j]; l++) {
            if (count[l] > 0 && (best < 0 || count[l] > count[best])) {
              best = l;
            }
          }
          if (best >= 0) {
            modes[p][j] = best;
          }
        }
      }
      int[] next = assignModes(codes, n, c, k, modes);
      if (Arrays.equals(next, labels)) {
        return labels;
      }
      labels = next;
    }
  }

  static int[] assignModes(short[] codes, int n, int c, int k, int[][] modes) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      int bestMis = Integer.MAX_VALUE;
      for (int p = 0; p < k; p++) {
        int mis = 0;
        for (int j = 0; j < c; j++) {
          if (codes[i * c + j] < 0 || codes[i * c + j] != modes[p][j]) {
            mis++;
          }
        }
        if (mis < bestMis) {
          bestMis = mis;
          best = p;
        }
      }
      labels[i] = best;
    }
    return labels;
  }

  @Test
  void onlyCategoricalFeaturesIsHuangsKModesFixedPoint() {
    FeatureMatrix m = mixedData(4000, 0, 6, 5, 3, 21);
    int n = m.rows();
    int c = 6;
    int k = 3;
    short[] codes = m.toCodeArray();
    int[] levels = new int[c];
    Arrays.fill(levels, 5);
    int[] start = {10, 20, 30};
    int[][] modes = new int[k][c];
    String[][] modeNames = new String[k][c];
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < c; j++) {
        modes[p][j] = codes[start[p] * c + j];
        modeNames[p][j] = m.level(start[p], j);
      }
    }
    int[] ref = plainKModes(codes, n, c, k, levels, modes);
    for (boolean bounds : new boolean[] {true, false}) {
      KPrototypes.Result r = KPrototypes.Options.of(k).withTolerance(0).withBounds(bounds)
          .withInitialPrototypes(new double[k][0], modeNames).fit(m);
      int[] labels = r.labels();
      // the same partition and modes, up to the renumbering by size
      int[] map = new int[k];
      Arrays.fill(map, -1);
      for (int i = 0; i < n; i++) {
        if (map[ref[i]] < 0) {
          map[ref[i]] = labels[i];
        }
        assertEquals(map[ref[i]], labels[i], "customer " + i + ", bounds " + bounds);
      }
      assertEquals(k, Arrays.stream(map).distinct().count());
      for (int p = 0; p < k; p++) {
        assertArrayEquals(modes[p], r.modes()[map[p]], "mode of reference segment " + p);
      }
      assertEquals(0, r.numericCost(), 0);
      long mismatches = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < c; j++) {
          mismatches += codes[i * c + j] < 0 || codes[i * c + j] != modes[ref[i]][j] ? 1 : 0;
        }
      }
      assertEquals(mismatches, r.categoricalCost(), 0, "γ = 1 without numeric features: cost = mismatches");
    }
  }

  // ------------------------------------------------------------------------------------------------ determinism

  static final FeatureMatrix LARGE = mixedData(12_000, 4, 4, 6, 5, 31);

  @Test
  void sameResultForOneTwoAndThreeThreads() {
    KPrototypes.Options o = KPrototypes.Options.of(5).withSeed(7).withNInit(2);
    KPrototypes.Result one = o.withThreads(1).fit(LARGE);
    for (int t : new int[] {2, 3}) {
      KPrototypes.Result r = o.withThreads(t).fit(LARGE);
      assertArrayEquals(one.labels(), r.labels(), t + " threads");
      assertArrayEquals(one.centroids(), r.centroids(), t + " threads");
      assertArrayEquals(one.modes(), r.modes(), t + " threads");
      assertEquals(one.cost(), r.cost(), 0);
      assertEquals(one.diagnostics().distanceComputations(), r.diagnostics().distanceComputations());
    }
  }

  @Test
  void boundsGiveThePlainLoopsLabelsWithFewerCosts() {
    KPrototypes.Options o = KPrototypes.Options.of(6).withSeed(2).withNInit(1).withThreads(2);
    KPrototypes.Result fast = o.fit(LARGE);
    KPrototypes.Result plain = o.withBounds(false).fit(LARGE);
    assertArrayEquals(plain.labels(), fast.labels());
    assertArrayEquals(plain.modes(), fast.modes());
    assertArrayEquals(plain.centroids(), fast.centroids());
    assertEquals(plain.cost(), fast.cost(), 0);
    assertEquals(plain.diagnostics().iterations(), fast.diagnostics().iterations());
    assertTrue(plain.diagnostics().iterations() >= 3, "enough iterations for the bounds to work: " + plain);
    assertEquals(0, plain.distancesSaved());
    assertTrue(fast.distancesSaved() > 0, fast.toString());
    assertTrue(fast.diagnostics().distanceComputations() < plain.diagnostics().distanceComputations(),
        fast.diagnostics() + " vs " + plain.diagnostics());
  }

  @Test
  void everyRunIsTheLowestCostCustomerAssignment() {
    KPrototypes.Result r = KPrototypes.Options.of(5).withSeed(1).fit(LARGE);
    // labels are the least-cost prototype, by brute force over the reported prototypes
    double[][] centers = r.centroids();
    int[][] modes = r.modes();
    int[] labels = r.labels();
    double gamma = r.gamma();
    double num = 0;
    long mis = 0;
    for (int i = 0; i < LARGE.rows(); i++) {
      int best = -1;
      double bc = Double.POSITIVE_INFINITY;
      double bn = 0;
      int bm = 0;
      for (int p = 0; p < 5; p++) {
        double s = 0;
        for (int j = 0; j < LARGE.columns(); j++) {
          double t = LARGE.get(i, j) - centers[p][j];
          s += t * t;
        }
        int mm = 0;
        for (int j = 0; j < LARGE.categoricalColumns(); j++) {
          mm += LARGE.code(i, j) < 0 || LARGE.code(i, j) != modes[p][j] ? 1 : 0;
        }
        if (s + gamma * mm < bc) {
          bc = s + gamma * mm;
          best = p;
          bn = s;
          bm = mm;
        }
      }
      assertEquals(best, labels[i], "customer " + i);
      num += bn;
      mis += bm;
    }
    assertEquals(num, r.numericCost(), 1e-9 * num);
    assertEquals(gamma * mis, r.categoricalCost(), 1e-9 * gamma * mis);
    // sizes by label, largest first; the groups are recovered (5 groups of about 2,400)
    long[] sizes = r.sizes();
    for (int p = 0; p + 1 < 5; p++) {
      assertTrue(sizes[p] >= sizes[p + 1]);
    }
    assertTrue(sizes[4] > 2000, Arrays.toString(sizes));
  }

  // ------------------------------------------------------------------------------------------------ predict

  @Test
  void predictMatchesFeaturesAndLevelsByName() {
    KPrototypes.Result r = KPrototypes.Options.of(5).withSeed(4).fit(LARGE);
    assertArrayEquals(r.labels(), r.predict(LARGE));
    // the same customers with the columns in another order and every level list reversed (codes renumbered)
    int n = LARGE.rows();
    int d = LARGE.columns();
    int c = LARGE.categoricalColumns();
    String[] names = LARGE.names();
    String[] cat = LARGE.categoricalNames();
    String[] rNames = new String[d];
    double[] rx = new double[n * d];
    for (int j = 0; j < d; j++) {
      rNames[j] = names[d - 1 - j];
      for (int i = 0; i < n; i++) {
        rx[i * d + j] = LARGE.get(i, d - 1 - j);
      }
    }
    String[] rCat = new String[c];
    List<List<String>> rLevels = new ArrayList<>();
    short[] rCodes = new short[n * c];
    for (int j = 0; j < c; j++) {
      int src = c - 1 - j;
      rCat[j] = cat[src];
      List<String> l = new ArrayList<>(LARGE.levels(src));
      java.util.Collections.reverse(l);
      rLevels.add(l);
      for (int i = 0; i < n; i++) {
        int code = LARGE.code(i, src);
        rCodes[i * c + j] = (short) (code < 0 ? -1 : l.size() - 1 - code);
      }
    }
    FeatureMatrix shuffled = FeatureMatrix.mixed(LARGE.ids(), rNames, rx, null, rCat, rLevels, rCodes);
    assertArrayEquals(r.labels(), r.predict(shuffled));
    assertEquals(r.distance(LARGE, 3, 99), r.distance(shuffled, 3, 99), 1e-12);

    // an unseen level mismatches every mode: the customer goes where the rest of its features put it
    FeatureMatrix one = FeatureMatrix.mixed(new String[] {"new"}, names, LARGE.row(0), null, cat,
        List.of(List.of("never seen"), LARGE.levels(1), LARGE.levels(2), LARGE.levels(3)),
        new short[] {0, (short) LARGE.code(0, 1), (short) LARGE.code(0, 2), (short) LARGE.code(0, 3)});
    FeatureMatrix missing = FeatureMatrix.mixed(new String[] {"new"}, names, LARGE.row(0), null, cat,
        List.of(LARGE.levels(0), LARGE.levels(1), LARGE.levels(2), LARGE.levels(3)),
        new short[] {-1, (short) LARGE.code(0, 1), (short) LARGE.code(0, 2), (short) LARGE.code(0, 3)});
    assertArrayEquals(r.predict(missing), r.predict(one));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.predict(FeatureMatrix.ofFlat(LARGE.ids(), names, null, LARGE.toFlatArray())));
    assertTrue(e.getMessage().contains("do not match the model's") && e.getMessage().contains("cat0"),
        e.getMessage());
  }

  // ------------------------------------------------------------------------------------------------ printing

  @Test
  void tablesAndTextAgreeWithTheLabels() {
    KPrototypes.Result r = sixOptions().fit(six());
    Table t = r.toTable();
    assertArrayEquals(new String[] {"a", "b", "c", "d", "e", "f"}, t.stringColumn("customer_id").asObjectArray());
    assertArrayEquals(r.labels(), t.intColumn("segment").asIntArray());
    Table s = r.summaryTable();
    assertEquals(List.of("segment", "size", "share %", "income", "city", "channel"), s.columnNames());
    assertEquals("store", s.stringColumn("channel").get(1));
    assertEquals(50.0, s.doubleColumn("share %").getDouble(0), 0);
    String text = r.toString();
    assertTrue(text.startsWith("KPrototypes k=2, n=6, cost 9.00000 (numeric 44 %, categorical 56 %), γ = 1, "
        + "converged, 1 iterations"), text);
    assertTrue(text.contains("Lyon") && text.contains("store"), text);
    int[] labels = r.labels();
    labels[0] = 1;
    assertEquals(0, r.labels()[0], "labels() is a copy");
    assertEquals("kprototypes", r.name());
    assertEquals(0, r.noiseCount());
  }

  // ------------------------------------------------------------------------------------------------ errors

  @Test
  void errorsNameTheFix() {
    FeatureMatrix numeric = FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x"}, new double[][] {{1}, {2}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KPrototypes.Options.of(2).fit(numeric));
    assertEquals("k-prototypes needs at least one categorical feature, but the matrix has only the numeric features "
        + "[x]: cluster it with k-means (KMeans.Options, --algorithm kmeans), or keep the category columns as "
        + "categories (FeatureMatrix.mixed or fromTable with categorical columns, CategoricalFeature.levels, "
        + "--categorical COL)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KPrototypes.Options.of(7).fit(six()));
    assertEquals("k = 7 segments cannot exceed the number of customers, 6; choose k ≤ 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KPrototypes.Options.of(2).withGamma(-0.5));
    assertTrue(e.getMessage().startsWith("gamma (γ, the weight of one categorical mismatch) must be a finite number "
        + "≥ 0, got -0.5; give γ ≥ 0, or NaN for the default"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KPrototypes.Options.of(2).withInitialPrototypes(
        new double[][] {{1}, {2}}, new String[][] {{"Paris", "web"}, {"Nice", "web"}}).fit(six()));
    assertEquals("initial mode 'Nice' of prototype 1 is not a level of categorical feature 'city' (levels [Paris, "
        + "Lyon, Marseille]); give one of its levels", e.getMessage());
    // four identical customers cannot make two segments
    FeatureMatrix same = FeatureMatrix.mixed(new String[] {"a", "b", "c"}, new String[] {"x"},
        new double[] {1, 1, 1}, null, new String[] {"g"}, List.of(List.of("u")), new short[] {0, 0, 0});
    e = assertThrows(IllegalArgumentException.class, () -> KPrototypes.Options.of(2).fit(same));
    assertTrue(e.getMessage().contains("fewer than k = 2 segments; choose a smaller k"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KPrototypes.Options.of(2).withThreads(-1));
    assertTrue(e.getMessage().contains("threads must be 0 (all available processors) or more, got -1"));
  }

  /** The checks of {@link ClustererContractTest} that apply to a mixed-data clusterer (its data there is numeric). */
  @Test
  void keepsTheClustererContract() {
    Clusterer cl = KPrototypes.Options.of(5).withSeed(3).withNInit(2);
    Clustering r = cl.fit(LARGE);
    assertEquals(cl.name(), r.name());
    assertTrue(cl.name().matches("[a-z]+"));
    assertArrayEquals(r.labels(), cl.fit(LARGE, null).labels(), "null weights are no weights");
    double[] ones = new double[LARGE.rows()];
    Arrays.fill(ones, 1);
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> cl.fit(LARGE, ones));
    assertTrue(w.getMessage().contains("kprototypes does not take sample weights; drop the weights"), w.getMessage());
    assertEquals(99, cl.withSeed(99).seed());
    assertEquals(2, cl.withThreads(2).threads());
    // labels 0..k-1 by size, largest first; sizes add up; the centres are the segment means
    int[] labels = r.labels();
    long[] sizes = r.sizes();
    assertEquals(LARGE.rows(), Arrays.stream(sizes).sum());
    double[][] mean = new double[r.k()][LARGE.columns()];
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < LARGE.columns(); j++) {
        mean[labels[i]][j] += LARGE.get(i, j);
      }
    }
    double[][] centres = r.centroids();
    for (int p = 0; p < r.k(); p++) {
      if (p + 1 < r.k()) {
        assertTrue(sizes[p] >= sizes[p + 1]);
      }
      for (int j = 0; j < LARGE.columns(); j++) {
        assertEquals(mean[p][j] / sizes[p], centres[p][j], 1e-12);
      }
    }
    Clustering.Diagnostics diag = r.diagnostics();
    assertTrue(diag.iterations() >= 1 && diag.distanceComputations() > 0 && diag.nanos() > 0, diag.toString());
    String text = r.toString();
    for (long size : sizes) {
      assertTrue(text.contains(Long.toString(size)), text);
    }
    assertTrue(text.contains("n=12,000") && text.contains("k=5"), text);
  }

  @Test
  void optionsAreValuesWithCopies() {
    KPrototypes.Options o = KPrototypes.Options.of(3);
    assertEquals(4, o.nInit());
    assertTrue(Double.isNaN(o.gamma()));
    assertEquals(0, o.threads());
    assertEquals(o, KPrototypes.Options.of(3));
    assertEquals(9, o.withSeed(9).seed());
    KPrototypes.Options given = sixOptions();
    given.initialCenters()[0][0] = 99;
    assertEquals(1, given.initialCenters()[0][0], 0);
    assertEquals(given, sixOptions());
    assertEquals("kprototypes", o.name());
    assertEquals(o.fit(six()).labels().length, 6);
  }
}
