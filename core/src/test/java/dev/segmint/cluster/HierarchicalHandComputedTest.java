package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Merges worked out by hand (and shown in the comments) on tiny data sets, for every linkage. Heights follow
 * SciPy: single/complete/average on plain distances, ward = √(2·|A||B|/(|A|+|B|))·‖c_A − c_B‖.
 */
class HierarchicalHandComputedTest {

  static FeatureMatrix points(double[][] rows) {
    String[] ids = new String[rows.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = String.valueOf((char) ('a' + i));
    }
    String[] names = new String[rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "x" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  /** Points 0, 1, 3, 7, 15 on a line. */
  static final double[][] LINE = {{0}, {1}, {3}, {7}, {15}};

  static double[][] lineExpected(Linkage linkage) {
    return switch (linkage) {
      // gaps 1, 2, 4, 8: each point joins the growing cluster at its gap
      case SINGLE -> new double[][] {{0, 1, 1, 2}, {2, 5, 2, 3}, {3, 6, 4, 4}, {4, 7, 8, 5}};
      // {0,1}; 3 to {0,1}: max(3, 2) = 3 < 4; 7 to {0,1,3}: 7 < 8; 15: 15
      case COMPLETE -> new double[][] {{0, 1, 1, 2}, {2, 5, 3, 3}, {3, 6, 7, 4}, {4, 7, 15, 5}};
      // 3 to {0,1}: (3+2)/2; 7 to {0,1,3}: (7+6+4)/3 = 17/3 < 8; 15: (15+14+12+8)/4 = 49/4
      case AVERAGE -> new double[][] {{0, 1, 1, 2}, {2, 5, 2.5, 3}, {3, 6, 17.0 / 3, 4}, {4, 7, 49.0 / 4, 5}};
      // centroids 0.5, 4/3, 11/4; heights √(2·|A||B|/(|A|+|B|))·gap: √(2·2/3)·2.5, √(2·3/4)·17/3, √(2·4/5)·12.25
      case WARD -> new double[][] {{0, 1, 1, 2}, {2, 5, Math.sqrt(4.0 / 3) * 2.5, 3},
          {3, 6, Math.sqrt(1.5) * 17 / 3, 4}, {4, 7, Math.sqrt(1.6) * 12.25, 5}};
    };
  }

  /**
   * Three pairs in the plane: a(0,0) b(0,1) | c(4,0) d(5,2) | e(11,0) f(11,3). Within pairs: 1, √5, 3. All 15
   * distances differ (no ties).
   */
  static final double[][] PAIRS = {{0, 0}, {0, 1}, {4, 0}, {5, 2}, {11, 0}, {11, 3}};

  static double[][] pairsExpected(Linkage linkage) {
    double s5 = Math.sqrt(5);
    return switch (linkage) {
      // MST edges 1, √5, 3, then a–c = 4 joins the first two pairs, d–f = √37 the third
      case SINGLE -> new double[][] {{0, 1, 1, 2}, {2, 3, s5, 2}, {4, 5, 3, 2}, {6, 7, 4, 4},
          {8, 9, Math.sqrt(37), 6}};
      // pair 1 to pair 2: max(4, √29, √17, √26) = √29; then a–f = √130 is the largest distance
      case COMPLETE -> new double[][] {{0, 1, 1, 2}, {2, 3, s5, 2}, {4, 5, 3, 2}, {6, 7, Math.sqrt(29), 4},
          {8, 9, Math.sqrt(130), 6}};
      // pair 1 to pair 2: mean of 4, √17, √26, √29; last: mean of the 8 distances from e, f to a, b, c, d
      case AVERAGE -> new double[][] {{0, 1, 1, 2}, {2, 3, s5, 2}, {4, 5, 3, 2},
          {6, 7, (4 + Math.sqrt(17) + Math.sqrt(29) + Math.sqrt(26)) / 4, 4},
          {8, 9, (11 + Math.sqrt(130) + Math.sqrt(122) + Math.sqrt(125) + 7 + Math.sqrt(58) + Math.sqrt(40)
              + Math.sqrt(37)) / 8, 6}};
      // centroids (0,.5), (4.5,1), (11,1.5): pair 1–pair 2 √(2·1)·√20.5 = √41; then (2.25,.75) to (11,1.5):
      // √(2·8/6 · 77.125) = √(617/3)
      case WARD -> new double[][] {{0, 1, 1, 2}, {2, 3, s5, 2}, {4, 5, 3, 2}, {6, 7, Math.sqrt(41), 4},
          {8, 9, Math.sqrt(617.0 / 3), 6}};
    };
  }

  static void assertLinkage(double[][] expected, Dendrogram tree) {
    double[][] z = tree.toArray();
    assertEquals(expected.length, z.length);
    for (int r = 0; r < z.length; r++) {
      assertEquals(expected[r][0], z[r][0], "left of row " + r);
      assertEquals(expected[r][1], z[r][1], "right of row " + r);
      assertEquals(expected[r][2], z[r][2], 1e-12 * expected[r][2], "height of row " + r);
      assertEquals(expected[r][3], z[r][3], "size of row " + r);
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void fivePointsOnALine(Linkage linkage) {
    Hierarchical.Result r = Hierarchical.fit(points(LINE), Hierarchical.Options.of(linkage, 2));
    assertLinkage(lineExpected(linkage), r.dendrogram());
    // every linkage ends with 15 joining last: k = 2 separates it
    assertArrayEquals(new int[] {0, 0, 0, 0, 1}, r.labels());
    assertArrayEquals(new int[] {0, 0, 0, 1, 2}, r.cut(3));
    assertArrayEquals(new int[] {4, 3, 2, 0, 1}, r.dendrogram().leafOrder());
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void threePairsInThePlane(Linkage linkage) {
    Hierarchical.Result r = Hierarchical.fit(points(PAIRS), Hierarchical.Options.of(linkage, 3));
    assertLinkage(pairsExpected(linkage), r.dendrogram());
    // the three pairs, equal sizes: numbered by first occurrence
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, r.labels());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, r.cut(2));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, r.cut(1));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, r.cut(6));
    // below 2.5 only a–b and c–d (√5) have merged: sizes 2, 2, 1, 1
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 3}, r.cutAtHeight(2.5));
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, r.cutAtHeight(3.0), "merges at exactly h are kept");
    // SciPy's leaves_list: root = (pair 3, pairs 1+2), left first
    assertArrayEquals(new int[] {4, 5, 0, 1, 2, 3}, r.dendrogram().leafOrder());
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void newickOfThreePairs(Linkage linkage) {
    Dendrogram t = Hierarchical.fit(points(PAIRS), Hierarchical.Options.of(linkage)).dendrogram();
    double[] h = t.heights();
    String expected = "((e:3.0,f:3.0):" + (h[4] - 3.0) + ",((a:1.0,b:1.0):" + (h[3] - 1.0) + ",(c:" + h[1] + ",d:"
        + h[1] + "):" + (h[3] - h[1]) + "):" + (h[4] - h[3]) + ");";
    assertEquals(expected, t.toNewick());
  }
}
