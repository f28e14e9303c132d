package dev.segmint.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Quality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Numerical robustness: values near ±1e300 and 1e-300, features 12 orders of magnitude apart, a zero-variance column,
 * many exact duplicates, n = 1 and n = k, through every algorithm, the quality indices and the profiles. Raw data
 * whose distances would overflow or underflow is refused with a message that says to scale; scaled data (and
 * everything else) gives results without NaN, within a time limit (no infinite loop).
 */
class NumericalRobustnessTest {

  static FeatureMatrix m(String name, double[][] rows) {
    String[] ids = new String[rows.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = name + i;
    }
    String[] names = new String[rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  /** Two well separated groups of 20, each coordinate scaled by scale[j]. */
  static double[][] twoGroups(double[] scale, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[40][scale.length];
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < scale.length; j++) {
        x[i][j] = ((i < 20 ? 0 : 10) + r.nextDouble()) * scale[j];
      }
    }
    return x;
  }

  static final Map<String, FeatureMatrix> DATA = new LinkedHashMap<>();

  static {
    DATA.put("near +1e300", m("big", twoGroups(new double[] {1e299, 1e299}, 1)));
    double[][] neg = twoGroups(new double[] {-1e299, 1e299}, 2);
    DATA.put("near -1e300 and +1e300", m("neg", neg));
    DATA.put("near 1e-300", m("tiny", twoGroups(new double[] {1e-301, 1e-301}, 3)));
    DATA.put("12 orders of magnitude apart", m("mix", twoGroups(new double[] {1e6, 1e-6}, 4)));
    double[][] zero = twoGroups(new double[] {1, 1}, 5);
    for (double[] row : zero) {
      row[1] = 3.5;
    }
    DATA.put("a zero-variance column", m("zv", zero));
    double[][] dup = new double[60][];
    for (int i = 0; i < 60; i++) {
      dup[i] = i < 30 ? new double[] {1, 1} : i < 55 ? new double[] {5, 5} : new double[] {9, 0};
    }
    DATA.put("many exact duplicates", m("dup", dup));
    DATA.put("n = k = 3", m("nk", new double[][] {{0, 0}, {1, 0}, {0, 1}}));
  }

  static void noNaN(String what, double... v) {
    for (double x : v) {
      assertFalse(Double.isNaN(x), () -> what + " has NaN: " + Arrays.toString(v));
    }
  }

  static void checkLabels(String what, int[] l, int n, int k, boolean noise) {
    assertEquals(n, l.length, what);
    for (int x : l) {
      assertTrue(x >= (noise ? -1 : 0) && x < k, () -> what + ": label " + x + " outside [" + (noise ? -1 : 0) + ", " + k + ")");
    }
  }

  /** Runs every method on x; asserts no NaN anywhere and one label per customer. */
  static void everyMethod(String name, FeatureMatrix x, Table original) {
    int n = x.rows();
    int k = Math.min(2, n);
    for (KMeans.Algorithm a : KMeans.Algorithm.values()) {
      KMeans.Result r = KMeans.fit(x, KMeans.Options.of(k).withSeed(1).withAlgorithm(a).withThreads(2));
      checkLabels(name + " k-means " + a, r.labels(), n, k, false);
      noNaN(name + " inertia", r.inertia());
      for (double[] c : r.centroids()) {
        noNaN(name + " centroid", c);
      }
    }
    if (n >= 3) {
      Dbscan.Result d = Dbscan.fit(x, Dbscan.Options.of(0.5 * typicalSpread(x), 3));
      checkLabels(name + " DBSCAN", d.labels(), n, d.k(), true);
      Hdbscan.Result h = Hdbscan.fit(x, Hdbscan.Options.of(Math.min(5, n)).withMinSamples(3));
      checkLabels(name + " HDBSCAN", h.labels(), n, h.k(), true);
      noNaN(name + " HDBSCAN probabilities", h.probabilities());
      noNaN(name + " HDBSCAN outlier scores", h.outlierScores());
    }
    for (Linkage l : Linkage.values()) {
      Hierarchical.Result h = Hierarchical.fit(x, Hierarchical.Options.of(l, k));
      checkLabels(name + " " + l, h.labels(), n, k, false);
      for (double[] merge : h.dendrogram().toArray()) {
        noNaN(name + " " + l + " merge", merge);
      }
    }
    int[] labels = KMeans.fit(x, KMeans.Options.of(k).withSeed(1)).labels();
    if (n > 2) {
      noNaN(name + " quality", Quality.silhouette(x, labels), Quality.calinskiHarabasz(x, labels),
          Quality.daviesBouldin(x, labels), Quality.inertia(x, labels));
    }
    String profiles = SegmentProfiles.of(original, labels, original.columnNames().toArray(String[]::new)).toString();
    assertFalse(profiles.contains("NaN"), profiles);
  }

  /** The largest standard deviation of a column: a length scale for eps. */
  static double typicalSpread(FeatureMatrix x) {
    double s = 0;
    for (double c : Scaler.fit(x, Scaler.Kind.STANDARD).scales()) {
      s = Math.max(s, c);
    }
    return s;
  }

  static Table table(FeatureMatrix m) {
    Table t = Table.create("t");
    for (int j = 0; j < m.columns(); j++) {
      double[] col = new double[m.rows()];
      for (int i = 0; i < m.rows(); i++) {
        col[i] = m.get(i, j);
      }
      t.addColumns(DoubleColumn.create(m.names()[j], col));
    }
    return t;
  }

  static final Set<String> REFUSED_RAW = Set.of("near +1e300", "near -1e300 and +1e300", "near 1e-300");

  @TestFactory
  Stream<DynamicTest> everyMethodOnExtremeData() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : DATA.entrySet()) {
      FeatureMatrix raw = e.getValue();
      tests.add(DynamicTest.dynamicTest(e.getKey() + ", raw", () -> assertTimeoutPreemptively(LIMIT, () -> {
        if (REFUSED_RAW.contains(e.getKey())) {
          String why = e.getKey().contains("-300") ? "every distance underflows to 0" : "distances overflow";
          for (Executable fit : List.<Executable>of(() -> KMeans.fit(raw, KMeans.Options.of(2)),
              () -> Dbscan.fit(raw, Dbscan.Options.autoEps(3)), () -> Hdbscan.fit(raw, Hdbscan.Options.of(5)),
              () -> Hierarchical.fit(raw, Hierarchical.Options.of(Linkage.WARD, 2)),
              () -> Quality.silhouette(raw, new int[raw.rows()]))) {
            String m = assertThrows(IllegalArgumentException.class, fit).getMessage();
            assertTrue(m.contains(why) && m.contains("scale the features first"), m);
          }
        } else {
          everyMethod(e.getKey(), raw, table(raw));
        }
      })));
      tests.add(DynamicTest.dynamicTest(e.getKey() + ", standard-scaled", () -> assertTimeoutPreemptively(LIMIT, () -> {
        FeatureMatrix x = Scaler.fit(raw, Scaler.Kind.STANDARD).transform(raw);
        everyMethod(e.getKey() + " (scaled)", x, table(raw));
        if (raw.rows() == 40) {
          // the two groups of 20 are found whatever the magnitudes
          assertArrayEquals(new long[] {20, 20}, KMeans.fit(x, KMeans.Options.of(2).withSeed(1)).sizes(), e.getKey());
          int[] ward = Hierarchical.fit(x, Hierarchical.Options.of(Linkage.WARD, 2)).labels();
          for (int i = 0; i < 40; i++) {
            assertEquals(ward[0] == 0 ? (i < 20 ? 0 : 1) : (i < 20 ? 1 : 0), ward[i], e.getKey());
          }
        }
      })));
    }
    return tests.stream();
  }

  static final Duration LIMIT = Duration.ofSeconds(30);

  /** n = 1 and n = k: one segment per customer, inertia 0, every height finite. */
  @Test
  @Timeout(30)
  void oneCustomerAndOneCustomerPerSegment() {
    FeatureMatrix one = m("one", new double[][] {{3, 4}});
    KMeans.Result k1 = KMeans.fit(one, KMeans.Options.of(1));
    assertArrayEquals(new int[] {0}, k1.labels());
    assertEquals(0.0, k1.inertia());
    assertArrayEquals(new int[] {0}, Dbscan.fit(one, Dbscan.Options.of(1, 1)).labels());
    assertArrayEquals(new int[] {0}, Hierarchical.fit(one, Hierarchical.Options.of(Linkage.WARD, 1)).labels());
    assertEquals(0, Hierarchical.fit(one, Hierarchical.Options.of(Linkage.WARD, 1)).dendrogram().merges());
    assertThrows(IllegalArgumentException.class, () -> Hdbscan.fit(one, Hdbscan.Options.of(2)),
        "HDBSCAN needs at least minClusterSize ≥ 2 customers");

    FeatureMatrix three = m("nk", new double[][] {{0, 0}, {1, 0}, {0, 1}});
    for (KMeans.Algorithm a : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY,
        KMeans.Algorithm.ELKAN}) {
      KMeans.Result r = KMeans.fit(three, KMeans.Options.of(3).withAlgorithm(a));
      assertArrayEquals(new long[] {1, 1, 1}, r.sizes(), a.toString());
      assertEquals(0.0, r.inertia(), a.toString());
    }
    for (Linkage l : Linkage.values()) {
      int[] labels = Hierarchical.fit(three, Hierarchical.Options.of(l, 3)).labels();
      assertEquals(3, Arrays.stream(labels).distinct().count(), l.toString());
    }
  }
}
