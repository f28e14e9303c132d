package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Smile 6.3's {@code HierarchicalClustering} as an independent reference on the full tie-free real data sets.
 *
 * <p>Smile keeps its proximity matrix in {@code float}, so its heights carry float rounding (relative error of
 * order 1e-7, more after many Lance–Williams updates): heights are compared to a relative 1e-5 here, and to a
 * relative 1e-9 against the double-precision naive reference in {@link HierarchicalReferenceTest}. Merge order,
 * left/right ids and every cut must be identical.
 */
@Tag("jdk25")
class HierarchicalSmileTest {

  static void compare(FeatureMatrix m, Linkage linkage, String what) {
    int n = m.rows();
    // Smile is used through SmileHierarchy only, so that the Java 17 run can load this class and skip it
    SmileHierarchy.Tree hc = SmileHierarchy.fit(m.toArray(), linkage, 12);
    Hierarchical.Result ours = Hierarchical.fit(m, Hierarchical.Options.of(linkage));
    Dendrogram tree = ours.dendrogram();
    int[][] merges = hc.tree();
    double[] heights = hc.heights();
    double worst = 0;
    for (int r = 0; r < n - 1; r++) {
      assertEquals(merges[r][0], tree.left(r), what + ": left of row " + r);
      assertEquals(merges[r][1], tree.right(r), what + ": right of row " + r);
      double rel = Math.abs(heights[r] - tree.height(r)) / tree.height(r);
      worst = Math.max(worst, rel);
    }
    assertTrue(worst < 1e-5, what + ": largest relative height difference to Smile's float heights " + worst);
    for (int k = 2; k <= 12; k++) {
      assertTrue(NaiveLinkage.samePartition(hc.partitions()[k], ours.cut(k)), what + ": cut k=" + k);
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void marketingCampaign(Linkage linkage) {
    FeatureMatrix m = HierarchicalData.tieFree(HierarchicalData.marketing());
    assertTrue(m.rows() > 2000, "tie-free subset keeps most of the 2,216 distinct customers: " + m.rows());
    compare(m, linkage, "marketing_campaign " + m.rows() + "×" + m.columns() + " " + linkage);
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void onlineRetailRfm(Linkage linkage) {
    FeatureMatrix m = HierarchicalData.tieFree(HierarchicalData.sample(HierarchicalData.rfm(), 2000, 5));
    assertTrue(m.rows() > 1500, "rows " + m.rows());
    compare(m, linkage, "Online Retail RFM " + m.rows() + "×" + m.columns() + " " + linkage);
  }
}
