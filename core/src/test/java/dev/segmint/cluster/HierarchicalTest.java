package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The public API of {@link Hierarchical} and {@link Dendrogram}: validation, memory refusal, two-stage, weights, I/O. */
class HierarchicalTest {

  static FeatureMatrix line(double... v) {
    double[][] rows = new double[v.length][];
    String[] ids = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
      ids[i] = "c" + i;
    }
    return FeatureMatrix.of(ids, new String[] {"x"}, rows);
  }

  @Test
  void refusesACondensedMatrixThatCannotFitAndNamesTheMemory() {
    int n = 200_000;
    double[][] rows = new double[n][1];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      rows[i][0] = i;
      ids[i] = Integer.toString(i);
    }
    FeatureMatrix m = FeatureMatrix.of(ids, new String[] {"x"}, rows);
    for (Linkage linkage : new Linkage[] {Linkage.COMPLETE, Linkage.AVERAGE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Hierarchical.fit(m, Hierarchical.Options.of(linkage)));
      String msg = e.getMessage();
      String head = linkage.scipyName() + " linkage on 200,000 customers needs a condensed distance matrix of "
          + "n(n−1)/2 = 19,999,900,000 floats: ";
      assertTrue(msg.startsWith(head), msg);
      // 4 · 19,999,900,000 bytes = 74.5 GiB, plus the tiles' padding (about 32·n values), the row index and the
      // O(n) arrays
      double gib = Double.parseDouble(msg.substring(head.length(), msg.indexOf(" GiB in all")));
      double matrix = 74.5;
      assertTrue(gib >= matrix && gib < matrix * (1 + 1.0 / 32), msg);
      assertTrue(msg.contains("-Xmx") && msg.contains("use ward or single linkage"), msg);
    }
    long pairs = 19_999_900_000L;
    long average = CondensedNnChain.matrixBytes(n, Linkage.AVERAGE);
    long complete = CondensedNnChain.matrixBytes(n, Linkage.COMPLETE);
    assertTrue(average >= 4 * pairs && average <= 4 * pairs * 33 / 32);
    assertTrue(complete >= 4 * pairs && complete <= 4 * pairs * 33 / 32);
  }

  @Test
  void wardAndSingleNeedLinearMemory() {
    assertTrue(Hierarchical.memoryEstimate(Linkage.WARD, 100_000, 8) < 32L << 20);
    assertTrue(Hierarchical.memoryEstimate(Linkage.SINGLE, 100_000, 8) < 32L << 20);
    assertTrue(Hierarchical.memoryEstimate(Linkage.AVERAGE, 20_000, 8) > 3L << 28);
    assertTrue(Hierarchical.memoryEstimate(Linkage.COMPLETE, 20_000, 8) > 3L << 28);
  }

  @Test
  void badInputIsRefusedWithClearMessages() {
    FeatureMatrix m = line(0, 1, 2);
    assertEquals("k = 4 segments cannot exceed the number of customers, 3; choose k ≤ 3",
        assertThrows(IllegalArgumentException.class, () -> Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD, 4)))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Hierarchical.Options.of(Linkage.AVERAGE).withMicroClusters(100)).getMessage()
        .contains("only exact above the micro-clusters for ward linkage"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Hierarchical.fit(m, new double[] {1, 1, 1}, Hierarchical.Options.of(Linkage.SINGLE))).getMessage()
        .contains("ward linkage only"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Hierarchical.fit(m, new double[] {1, 0, 1}, Hierarchical.Options.of(Linkage.WARD))).getMessage()
        .contains("weight 0.0 at row 1"));
    assertEquals("unknown linkage 'median'; use ward, complete, average or single",
        assertThrows(IllegalArgumentException.class, () -> Linkage.parse("median")).getMessage());
    Hierarchical.Result r = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.SINGLE));
    assertTrue(assertThrows(IllegalStateException.class, r::labels).getMessage().contains("cut(k)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> r.cut(4)).getMessage().contains("1 ≤ k ≤ 3"));
    assertThrows(IllegalArgumentException.class,
        () -> Hierarchical.fit(line(), Hierarchical.Options.of(Linkage.WARD)));
  }

  @Test
  void oneAndTwoCustomers() {
    Hierarchical.Result one = Hierarchical.fit(line(5), Hierarchical.Options.of(Linkage.WARD, 1));
    assertEquals(0, one.dendrogram().merges());
    assertArrayEquals(new int[] {0}, one.labels());
    assertEquals("c0;", one.dendrogram().toNewick());
    assertArrayEquals(new int[] {0}, one.dendrogram().leafOrder());
    for (Linkage l : Linkage.values()) {
      Hierarchical.Result two = Hierarchical.fit(line(1, 4), Hierarchical.Options.of(l, 2));
      assertArrayEquals(new double[][] {{0, 1, 3, 2}}, two.dendrogram().toArray());
      assertArrayEquals(new int[] {0, 1}, two.labels());
    }
  }

  @Test
  void identicalPointsMergeAtHeightZero() {
    for (Linkage l : Linkage.values()) {
      Dendrogram t = Hierarchical.fit(line(2, 2, 2, 2), Hierarchical.Options.of(l)).dendrogram();
      assertArrayEquals(new double[] {0, 0, 0}, t.heights());
    }
  }

  @Test
  void weightsActAsCopiesOfAPoint() {
    // ward with integer weights = ward on the data with each point repeated w times, once the zero-height merges
    // of the copies are left out
    Random rnd = new Random(3);
    int n = 40;
    double[][] rows = new double[n][2];
    double[] w = new double[n];
    List<double[]> copies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {rnd.nextGaussian() * 3, rnd.nextGaussian()};
      w[i] = 1 + rnd.nextInt(3);
      for (int c = 0; c < w[i]; c++) {
        copies.add(rows[i]);
      }
    }
    String[] ids = new String[n];
    Arrays.setAll(ids, i -> "w" + i);
    Dendrogram weighted = Hierarchical.fit(FeatureMatrix.of(ids, new String[] {"a", "b"}, rows), w,
        Hierarchical.Options.of(Linkage.WARD)).dendrogram();
    String[] cids = new String[copies.size()];
    Arrays.setAll(cids, i -> "c" + i);
    Dendrogram copied = Hierarchical.fit(FeatureMatrix.of(cids, new String[] {"a", "b"}, copies.toArray(double[][]::new)),
        Hierarchical.Options.of(Linkage.WARD)).dendrogram();
    double[] h = Arrays.stream(copied.heights()).filter(v -> v > 0).toArray();
    assertEquals(n - 1, h.length);
    for (int r = 0; r < n - 1; r++) {
      assertEquals(h[r], weighted.height(r), 1e-9 * h[r]);
    }
    assertEquals(Arrays.stream(w).sum(), weighted.size(n - 2));
  }

  @Test
  void weightedWardOnCoincidingPointsCompletes() {
    // many customers share their feature values, with very unequal weights: merged centroids equal their parts up
    // to rounding, which broke the chain (a cycle through a merged cluster, then an exception) before session 23
    Random rnd = new Random(5);
    int n = 1900;
    double[][] rows = new double[n][3];
    double[] w = new double[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      int g = rnd.nextInt(6);
      rows[i] = new double[] {40 * g + rnd.nextInt(4), 12 * g + rnd.nextInt(4), 12 * g + rnd.nextInt(4)};
      w[i] = Math.exp(2 * rnd.nextGaussian());
      ids[i] = "c" + i;
    }
    Hierarchical.Result r = Hierarchical.fit(FeatureMatrix.of(ids, new String[] {"a", "b", "c"}, rows), w,
        Hierarchical.Options.of(Linkage.WARD));
    Dendrogram t = r.dendrogram();
    assertEquals(n - 1, t.heights().length);
    assertEquals(Arrays.stream(w).sum(), t.size(n - 2), 1e-9 * Arrays.stream(w).sum());
    // the 6 groups are 30 or more apart, and nothing inside a group is 6 apart: the cut at 6 finds them
    int[] six = r.cut(6);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < Math.min(n, i + 50); j++) {
        boolean sameGroup = Math.abs(rows[i][0] - rows[j][0]) < 20;
        assertEquals(sameGroup, six[i] == six[j], "customers " + i + " and " + j);
      }
    }
  }

  @Test
  void twoStageAgreesWithExactWardOnBlobs() {
    FeatureMatrix m = HierarchicalReferenceTest.gaussian(6000, 4, 17);
    Hierarchical.Result exact = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD, 4));
    Hierarchical.Result approx = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD, 4).withMicroClusters(300)
        .withSeed(1));
    assertTrue(approx.isTwoStage());
    assertFalse(exact.isTwoStage());
    Dendrogram t = approx.dendrogram();
    assertEquals(300, t.leaves());
    assertEquals(6000.0, t.size(t.merges() - 1), "sizes count customers");
    assertEquals("m0", t.leafNames()[0]);
    int[] labels = approx.labels();
    assertEquals(6000, labels.length);
    long[] sizes = new long[4];
    for (int l : labels) {
      sizes[l]++;
    }
    assertTrue(sizes[0] >= sizes[1] && sizes[1] >= sizes[2] && sizes[2] >= sizes[3], Arrays.toString(sizes));
    double ari = NaiveLinkage.adjustedRand(exact.labels(), labels);
    assertTrue(ari > 0.95, "ARI two-stage vs exact " + ari);
    // same seed, any thread count: the same result
    Hierarchical.Result again = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD, 4).withMicroClusters(300)
        .withSeed(1).withThreads(1));
    assertArrayEquals(t.toArray(), again.dendrogram().toArray());
    assertArrayEquals(labels, again.labels());
    // fewer distinct customers than micro-clusters: a clear refusal
    double[] repeated = new double[50];
    Arrays.fill(repeated, 25, 50, 1.0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Hierarchical.fit(line(repeated),
        Hierarchical.Options.of(Linkage.WARD).withMicroClusters(10))).getMessage()
        .startsWith("the two-stage path could not form 10 micro-clusters from a sample of 50 customers"));
    // more micro-clusters than customers: exact
    assertFalse(Hierarchical.fit(line(1, 2, 4), Hierarchical.Options.of(Linkage.WARD).withMicroClusters(5)).isTwoStage());
  }

  @Test
  void csvIsSciPysLayoutAndReadsBack() {
    Dendrogram t = Hierarchical.fit(HierarchicalHandComputedTest.points(HierarchicalHandComputedTest.LINE),
        Hierarchical.Options.of(Linkage.AVERAGE)).dendrogram();
    assertEquals("left,right,height,size\n0,1,1.0,2\n2,5,2.5,3\n3,6,5.666666666666667,4\n4,7,12.25,5\n", t.toCsv());
    String[] lines = t.toCsv().split("\n");
    double[][] z = new double[lines.length - 1][];
    for (int i = 1; i < lines.length; i++) {
      z[i - 1] = Arrays.stream(lines[i].split(",")).mapToDouble(Double::parseDouble).toArray();
    }
    Dendrogram back = Dendrogram.of(z);
    assertArrayEquals(t.toArray(), back.toArray());
    assertArrayEquals(t.cut(3), back.cut(3));
    assertArrayEquals(t.leafOrder(), back.leafOrder());
    Table table = t.toTable();
    assertEquals(4, table.rowCount());
    assertEquals(List.of("left", "right", "height", "size"), table.columnNames());
  }

  @Test
  void linkageMatricesAreValidated() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Dendrogram.of(new double[][] {{0, 1, 1, 2}, {1, 2, 2, 3}})).getMessage()
        .contains("merges cluster 1 a second time"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Dendrogram.of(new double[][] {{0, 3, 1, 2}, {1, 2, 2, 3}})).getMessage()
        .contains("refers to cluster 3.0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Dendrogram.of(new double[][] {{0, 1, 2, 2}, {2, 3, 1, 3}})).getMessage()
        .contains("rows must be sorted by height"));
  }

  @Test
  void newickQuotesSpecialNames() {
    FeatureMatrix m = FeatureMatrix.of(new String[] {"plain", "O'Brien, Ann", "x"}, new String[] {"v"},
        new double[][] {{0}, {1}, {5}});
    String newick = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.SINGLE)).dendrogram().toNewick();
    assertEquals("(x:4.0,(plain:1.0,'O''Brien, Ann':1.0):3.0);", newick);
  }

  @Test
  void printsAndTabulates() {
    FeatureMatrix m = HierarchicalReferenceTest.gaussian(200, 3, 5);
    Hierarchical.Result r = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD, 4));
    String s = r.toString();
    assertTrue(s.startsWith("Hierarchical (ward, exact) n=200"), s);
    assertTrue(s.contains("segments (k=4): ["), s);
    assertTrue(s.contains("Dendrogram (ward) of 200 leaves, 199 merges"), s);
    assertTrue(s.contains("k=3: ["), s);
    Table t = r.toTable();
    assertEquals(200, t.rowCount());
    assertEquals(List.of("customer_id", "segment"), t.columnNames());
    assertEquals("p0", t.stringColumn("customer_id").get(0));
    assertArrayEquals(r.labels(), t.intColumn("segment").asIntArray());
    assertArrayEquals(r.cut(6), r.toTable(6).intColumn("segment").asIntArray());
    // cutAtHeight between two merge heights gives the matching number of clusters
    Dendrogram d = r.dendrogram();
    double between = (d.height(d.merges() - 5) + d.height(d.merges() - 4)) / 2;
    assertEquals(5, d.clustersAtHeight(between));
    assertArrayEquals(r.cut(5), r.cutAtHeight(between));
  }
}
