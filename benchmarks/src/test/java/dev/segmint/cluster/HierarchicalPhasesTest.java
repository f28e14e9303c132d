package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The phase harness runs, times every phase, and finds the same merges in all three layouts
 * (and complete linkage's SciPy-order runs in both of theirs). */
class HierarchicalPhasesTest {

  @Test
  void phasesAreTimed() {
    double[][] t = HierarchicalPhases.phases(400, Linkage.AVERAGE, 2, 2);
    assertEquals(2, t.length);
    for (double[] round : t) {
      assertTrue(round[1] > 0 && round[2] > 0 && round[3] > 0, "fill, chain and heights take time");
      assertEquals(round[0] + round[1] + round[2] + round[3], round[4], 1e-6);
    }
  }

  @Test
  void layoutsMergeTheSamePairs() {
    List<String> lines = HierarchicalPhases.layouts(400, 1);
    assertEquals(4, lines.size());
    assertEquals("same merges in every layout: true", lines.get(3));
    assertTrue(lines.get(2).contains("first-merge (oracle)"), lines.get(2));
  }

  @Test
  void completeLinkageInSciPyOrderMergesTheSamePairsInBothLayouts() {
    List<String> lines = HierarchicalPhases.completeOrders(400, 1);
    assertEquals(5, lines.size());
    assertEquals("SciPy-order runs merge the same: true", lines.get(4));
    assertTrue(lines.get(2).contains("rehearsal, SciPy order"), lines.get(2));
  }
}
