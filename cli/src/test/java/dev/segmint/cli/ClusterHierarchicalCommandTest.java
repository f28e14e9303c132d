package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code segmint cluster --algorithm hierarchical}: one row per customer, the linkage matrix, errors. */
class ClusterHierarchicalCommandTest {

  @TempDir
  Path dir;

  /** Blobs of 60, 40 and 20 customers in (spend, visits), far apart; ids with leading zeros. */
  Path blobs() throws Exception {
    Random rnd = new Random(8);
    double[][] centers = {{100, 2}, {500, 10}, {900, 30}};
    int[] sizes = {60, 40, 20};
    List<String> lines = new ArrayList<>();
    lines.add("id,spend,visits");
    int id = 0;
    for (int b = 0; b < 3; b++) {
      for (int i = 0; i < sizes[b]; i++) {
        lines.add(String.format(Locale.ROOT, "%04d,%.3f,%.3f", id++, centers[b][0] + rnd.nextGaussian() * 10,
            centers[b][1] + rnd.nextGaussian()));
      }
    }
    Path f = dir.resolve("customers.csv");
    Files.write(f, lines);
    return f;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ward", "complete", "average", "single"})
  void writesSegmentsAndTheLinkageMatrix(String linkage) throws Exception {
    Path out = dir.resolve("segments.csv");
    Path tree = dir.resolve("tree.csv");
    Run r = ClusterCommandTest.segmint("cluster", "--input", blobs().toString(), "--id", "id",
        "--algorithm", "hierarchical", "--linkage", linkage, "--k", "3", "--dendrogram", tree.toString(),
        "--threads", "2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("segments: hierarchical, " + linkage + " linkage, k = 3, seed 0: 3 segments of 120 "
        + "customers [60, 40, 20]; top merge at height "), r.err());
    assertTrue(r.err().contains("\nlinkage matrix written to " + tree), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("customer_id,segment", lines.get(0));
    assertEquals(121, lines.size(), "one row per customer");
    Map<String, Integer> seg = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] p = l.split(",");
      seg.put(p[0], Integer.parseInt(p[1]));
    }
    for (int i = 0; i < 120; i++) {
      assertEquals(i < 60 ? 0 : i < 100 ? 1 : 2, seg.get(String.format("%04d", i)), "customer " + i);
    }
    List<String> z = Files.readAllLines(tree);
    assertEquals("left,right,height,size", z.get(0));
    assertEquals(120, z.size(), "119 merges");
    String[] root = z.get(119).split(",");
    assertEquals("237", root[1], "the root's right child is the merge just before it (ids n + row, larger right)");
    assertEquals("120", root[3], "the root holds every customer");
  }

  /** Issue 17: hierarchical --k auto cuts the tree at the largest relative gap among the eligible k, and says why. */
  @ParameterizedTest
  @ValueSource(strings = {"ward", "average"})
  void kAutoCutsAtTheLargestRelativeGap(String linkage) throws Exception {
    Path out = dir.resolve("segments.csv");
    Run r = ClusterCommandTest.segmint("cluster", "--input", blobs().toString(), "--id", "id",
        "--algorithm", "hierarchical", "--linkage", linkage, "--k", "auto", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("k selection (hierarchical, k = 3..10, eligible: every segment ≥ 2 % of customers "
        + "and ≥ 2 customers):\n k  height  rel. gap  silhouette"), r.err());
    assertTrue(r.err().contains("\nChosen k = 3: k = 3 has the largest relative gap between merge heights among the "),
        r.err());
    assertTrue(r.err().contains("segments: hierarchical, " + linkage + " linkage, k = 3, seed 0: 3 segments of 120 "
        + "customers [60, 40, 20]"), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(121, lines.size());
    for (int i = 0; i < 120; i++) {
      assertEquals((i < 60 ? 0 : i < 100 ? 1 : 2), Integer.parseInt(lines.get(i + 1).split(",")[1]), "customer " + i);
    }
  }

  @Test
  void twoStageWard() throws Exception {
    Path out = dir.resolve("segments.csv");
    Run r = ClusterCommandTest.segmint("cluster", "--input", blobs().toString(), "--id", "id",
        "--algorithm", "hierarchical", "--k", "3", "--micro-clusters", "30", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("segments: hierarchical, ward linkage, k = 3, seed 0: 3 segments of 120 "
        + "customers [60, 40, 20]; top merge at height ") && r.err().lines().findFirst().orElseThrow()
        .endsWith(", two-stage with 30 micro-clusters"), r.err());
    assertEquals(121, Files.readAllLines(out).size());
  }

  @Test
  void badInputExitsWithTwo() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("o.csv");
    Run r = ClusterCommandTest.segmint("cluster", "--input", in.toString(), "--id", "id",
        "--algorithm", "hierarchical", "--linkage", "median", "--k", "3", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown linkage 'median'; use ward, complete, average or single"), r.err());
    r = ClusterCommandTest.segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hierarchical",
        "--k", "many", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--k must be a whole number or auto for hierarchical clustering"), r.err());
    r = ClusterCommandTest.segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hierarchical",
        "--linkage", "single", "--micro-clusters", "10", "--k", "3", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("only exact above the micro-clusters for ward linkage"), r.err());
    assertFalse(Files.exists(out), "no partial output");
    assertFalse(r.err().contains("\tat "));
    // without --k the tree is cut by --k auto (the default)
    r = ClusterCommandTest.segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hierarchical",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("k selection (hierarchical"), r.err());
  }
}
