package dev.segmint.benchmarks.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sanity of the hierarchical benchmarks: every peer computes the same dendrogram heights as Segmint. */
class HierarchicalBenchmarksTest {

  static final int N = 1200;

  static List<String> cases() {
    return HierarchicalPeers.CASES;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyPeerComputesSegmintsHeights(String peer) {
    Linkage linkage = HierarchicalPeers.linkage(peer);
    double[] ours = HierarchicalPeers.prepare("segmint-" + linkage.scipyName(), N, 2).get();
    double[] theirs = HierarchicalPeers.prepare(peer, N, 2).get();
    assertEquals(N - 1, theirs.length);
    // Smile keeps float distances; ELKI and Segmint doubles
    double tolerance = peer.startsWith("smile-") ? 1e-5 : 1e-9;
    for (int r = 0; r < N - 1; r++) {
      double rel = Math.abs(ours[r] - theirs[r]) / ours[r];
      assertTrue(rel <= tolerance, peer + ": height " + r + " " + theirs[r] + " vs Segmint " + ours[r]);
    }
  }

  @Test
  void workloadIsReproducibleAndTieFree() {
    double[] a = HierarchicalWorkload.points(500);
    assertArrayEquals(a, HierarchicalWorkload.points(500));
    double[] h = HierarchicalPeers.prepare("segmint-single", 500, 1).get();
    for (int r = 1; r < h.length; r++) {
      assertTrue(h[r] > h[r - 1], "distinct MST edge lengths");
    }
  }

  @Test
  void largeBenchmarkRunsItsWorkloads() {
    HierarchicalLargeBenchmark b = new HierarchicalLargeBenchmark();
    for (String w : new String[] {"ward-3000", "single-3000", "ward-two-stage-5000"}) {
      b.workload = w;
      b.prepare();
      b.resetPeak();
      int[] labels = b.fit();
      assertEquals(Integer.parseInt(w.substring(w.lastIndexOf('-') + 1)), labels.length);
      assertTrue(PeakHeap.line(w).startsWith("hierarchical-memory " + w + " peakMiB="));
    }
  }

  @Test
  void exportWritesDataAndSciPyLayout(@TempDir Path dir) throws Exception {
    ExportHierarchical.main(new String[] {dir.toString(), "300"});
    List<String> data = Files.readAllLines(dir.resolve("hierarchical-300x8.csv"));
    assertEquals(300, data.size());
    assertEquals(8, data.get(0).split(",").length);
    List<String> z = Files.readAllLines(dir.resolve("segmint-ward-300.csv"));
    assertEquals("left,right,height,size", z.get(0));
    assertEquals(300, z.size());
    assertTrue(z.get(299).endsWith(",300"));
    assertEquals(Hierarchical.fit(HierarchicalWorkload.matrix(300), Hierarchical.Options.of(Linkage.WARD))
        .dendrogram().toCsv(), String.join("\n", z) + "\n");
  }
}
