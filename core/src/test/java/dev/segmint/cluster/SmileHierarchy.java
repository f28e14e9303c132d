package dev.segmint.cluster;

import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.CompleteLinkage;
import smile.clustering.linkage.SingleLinkage;
import smile.clustering.linkage.UPGMALinkage;
import smile.clustering.linkage.WardLinkage;

/**
 * Smile 6.3's hierarchical clustering behind plain Java types. Smile's classes need Java 25; keeping every use of
 * them in this helper (which no test engine scans) lets the Java 17 test run link and list
 * {@link HierarchicalSmileTest}, whose tag then skips it.
 */
final class SmileHierarchy {
  private SmileHierarchy() {}

  /**
   * Smile's merges, heights and partitions.
   *
   * @param tree one row {smaller id, larger id} per merge, ids n + i for merged clusters
   * @param heights merge heights, in merge order
   * @param partitions {@code partitions[k]} is Smile's partition into k clusters, for k = 2 … maxK
   */
  record Tree(int[][] tree, double[] heights, int[][] partitions) {}

  static Tree fit(double[][] x, Linkage linkage, int maxK) {
    HierarchicalClustering hc = switch (linkage) {
      case WARD -> HierarchicalClustering.fit(WardLinkage.of(x));
      case COMPLETE -> HierarchicalClustering.fit(CompleteLinkage.of(x));
      case AVERAGE -> HierarchicalClustering.fit(UPGMALinkage.of(x));
      case SINGLE -> HierarchicalClustering.fit(SingleLinkage.of(x));
    };
    int[][] partitions = new int[maxK + 1][];
    for (int k = 2; k <= maxK; k++) {
      partitions[k] = hc.partition(k);
    }
    return new Tree(hc.tree(), hc.height(), partitions);
  }
}
