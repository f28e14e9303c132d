package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Segmint's algorithms (MST, nearest-neighbour chains) against the naive O(n³) algorithm of {@link NaiveLinkage}
 * on tie-free data: identical left/right ids and sizes, heights equal to a relative 1e-9, identical cuts.
 */
class HierarchicalReferenceTest {

  static void assertSameTree(double[][] expected, Dendrogram tree, String what) {
    double[][] z = tree.toArray();
    assertEquals(expected.length, z.length, what);
    double worst = 0;
    for (int r = 0; r < z.length; r++) {
      assertEquals(expected[r][0], z[r][0], what + ": left of row " + r);
      assertEquals(expected[r][1], z[r][1], what + ": right of row " + r);
      assertEquals(expected[r][3], z[r][3], what + ": size of row " + r);
      double rel = Math.abs(expected[r][2] - z[r][2]) / Math.max(expected[r][2], Double.MIN_NORMAL);
      worst = Math.max(worst, rel);
      assertTrue(rel <= 1e-9, what + ": height of row " + r + ": " + z[r][2] + " vs " + expected[r][2]);
    }
  }

  static void assertSameCuts(double[][] expected, Hierarchical.Result result, int n, String what) {
    for (int k = 1; k <= Math.min(12, n); k++) {
      int[] ours = result.cut(k);
      assertTrue(NaiveLinkage.samePartition(NaiveLinkage.cut(expected, n, k), ours), what + ": cut k=" + k);
      long[] sizes = new long[k];
      for (int l : ours) {
        sizes[l]++;
      }
      for (int c = 1; c < k; c++) {
        assertTrue(sizes[c - 1] >= sizes[c], what + ": segments numbered by size at k=" + k);
      }
    }
  }

  static void check(FeatureMatrix m, Linkage linkage, String what) {
    double[][] expected = NaiveLinkage.linkage(m.toFlatArray(), m.rows(), m.columns(), linkage);
    Hierarchical.Result r = Hierarchical.fit(m, Hierarchical.Options.of(linkage).withThreads(2));
    assertSameTree(expected, r.dendrogram(), what + " " + linkage);
    assertSameCuts(expected, r, m.rows(), what + " " + linkage);
  }

  static FeatureMatrix gaussian(int n, int d, long seed) {
    Random rnd = new Random(seed);
    double[][] rows = new double[n][d];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      int blob = rnd.nextInt(4);
      for (int j = 0; j < d; j++) {
        rows[i][j] = 3 * blob * (j % 2 == 0 ? 1 : -1) + rnd.nextGaussian();
      }
      ids[i] = "p" + i;
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void gaussianBlobsOfOddSizes(Linkage linkage) {
    // sizes around the 512-slot chunks of the kernels, dimensions below, at and above their 4-wide passes
    int[][] shapes = {{2, 1}, {3, 2}, {17, 3}, {100, 4}, {513, 5}, {700, 8}, {300, 13}};
    for (int[] s : shapes) {
      check(gaussian(s[0], s[1], s[0] * 31L + s[1]), linkage, "gaussian " + s[0] + "×" + s[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void marketingCampaignSample(Linkage linkage) {
    FeatureMatrix m = HierarchicalData.tieFree(HierarchicalData.sample(HierarchicalData.marketing(), 600, 11));
    assertTrue(m.rows() >= 590, "tie-free sample keeps almost all rows: " + m.rows());
    check(m, linkage, "marketing_campaign " + m.rows() + "×" + m.columns());
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void onlineRetailRfmSample(Linkage linkage) {
    FeatureMatrix m = HierarchicalData.tieFree(HierarchicalData.sample(HierarchicalData.rfm(), 600, 12));
    assertTrue(m.rows() >= 500, "tie-free sample keeps most rows: " + m.rows());
    check(m, linkage, "Online Retail RFM " + m.rows() + "×" + m.columns());
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void exactTiesAreBrokenAsSciPyDoes(Linkage linkage) {
    // a 4 × 4 grid: many equal distances. Single, complete and average run SciPy's exact operations, so even the
    // tie-breaking matches the naive greedy algorithm here (lowest ids first); ward's heights are computed from
    // centroids, so only its heights are compared.
    double[][] rows = new double[16][];
    String[] ids = new String[16];
    for (int i = 0; i < 16; i++) {
      rows[i] = new double[] {i % 4, i / 4};
      ids[i] = "g" + i;
    }
    FeatureMatrix m = FeatureMatrix.of(ids, new String[] {"x", "y"}, rows);
    double[][] expected = NaiveLinkage.linkage(m.toFlatArray(), 16, 2, linkage);
    Dendrogram tree = Hierarchical.fit(m, Hierarchical.Options.of(linkage)).dendrogram();
    double[] h = tree.heights();
    for (int r = 0; r < 15; r++) {
      assertEquals(expected[r][2], h[r], 1e-12 * expected[r][2], "height of row " + r);
    }
    if (linkage == Linkage.SINGLE) {
      // SciPy's MST records (point added last, point added now): the multiset of heights is the MST's, 15 edges
      // of length 1
      for (double v : h) {
        assertEquals(1.0, v);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void resultsDoNotDependOnTheThreadCount(Linkage linkage) {
    FeatureMatrix m = gaussian(3000, 6, 99);
    Hierarchical.Result one = Hierarchical.fit(m, Hierarchical.Options.of(linkage).withThreads(1));
    Hierarchical.Result four = Hierarchical.fit(m, Hierarchical.Options.of(linkage).withThreads(4));
    assertArrayEquals(one.dendrogram().toArray(), four.dendrogram().toArray());
    assertArrayEquals(one.cut(7), four.cut(7));
  }
}
