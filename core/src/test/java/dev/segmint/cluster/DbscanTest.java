package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan.Index;
import dev.segmint.features.FeatureMatrix;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DbscanTest {

  private static final Index[] INDEXES = {Index.GRID, Index.KD_TREE, Index.BRUTE_FORCE};

  private static Dbscan.Result fit(double[][] rows, double eps, int minPts, Index index) {
    return Dbscan.fit(DensityData.matrix(rows), Dbscan.Options.of(eps, minPts).withIndex(index).withThreads(2));
  }

  private static double[][] line(double... xs) {
    double[][] rows = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      rows[i] = new double[] {xs[i], 0};
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(value = Index.class, names = {"GRID", "KD_TREE", "BRUTE_FORCE"})
  void coreBorderAndNoise(Index index) {
    // eps 1, minPts 3: 0 has {0,1} (border), 1 and 2 are core, 3 has {2,3} (border), 10 is alone (noise)
    Dbscan.Result r = fit(line(0, 1, 2, 3, 10), 1.0, 3, index);
    assertArrayEquals(new boolean[] {false, true, true, false, false}, r.core());
    assertArrayEquals(new int[] {0, 0, 0, 0, -1}, r.labels());
    assertEquals(1, r.k());
    assertEquals(2, r.coreCount());
    assertEquals(2, r.borderCount());
    assertEquals(1, r.noiseCount());
  }

  @ParameterizedTest
  @EnumSource(value = Index.class, names = {"GRID", "KD_TREE", "BRUTE_FORCE"})
  void pointsAtExactlyEpsAreNeighbours(Index index) {
    // 3-4-5 triangle: distance exactly 5 counts; 5 + 1 ulp does not
    double[][] rows = {{0, 0}, {3, 4}, {0, 100}, {Math.nextUp(5.0), 100}};
    Dbscan.Result r = fit(rows, 5.0, 2, index);
    assertArrayEquals(new boolean[] {true, true, false, false}, r.core());
    assertArrayEquals(new int[] {0, 0, -1, -1}, r.labels());
    // 0.5 apart on a line with eps 0.5
    assertArrayEquals(new int[] {0, 0}, fit(line(0, 0.5), 0.5, 2, index).labels());
    assertArrayEquals(new int[] {-1, -1}, fit(line(0, Math.nextUp(0.5)), 0.5, 2, index).labels());
  }

  @ParameterizedTest
  @EnumSource(value = Index.class, names = {"GRID", "KD_TREE", "BRUTE_FORCE"})
  void borderPointJoinsItsNearestCorePointAndTiesGoToTheSmallerRow(Index index) {
    // minPts 4, eps 2: only 0 and 4 are core; 2 is a border point exactly 2 from both
    Dbscan.Result r = fit(line(-0.2, -0.1, 0, 4, 4.1, 4.2, 2), 2.0, 4, index);
    assertArrayEquals(new boolean[] {false, false, true, true, false, false, false}, r.core());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0}, r.labels(), "tie: core 0 (row 2) comes before core 4 (row 3)");
    r = fit(line(4, 4.1, 4.2, -0.2, -0.1, 0, 2), 2.0, 4, index);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0}, r.labels(), "tie: core 4 (row 0) comes first now");
    // not a tie: 1.9 is nearer to 0 even though the core point 4 comes first
    r = fit(line(4, 4.1, 4.2, -0.2, -0.1, 0, 1.9, 5.5), 2.0, 4, index);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 0}, r.labels());
  }

  @ParameterizedTest
  @EnumSource(value = Index.class, names = {"GRID", "KD_TREE", "BRUTE_FORCE"})
  void duplicatesCountAsSeparatePoints(Index index) {
    double[][] five = {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {9, 9}};
    Dbscan.Result r = fit(five, 0.1, 5, index);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, -1}, r.labels());
    r = fit(five, 0.1, 6, index);
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1}, r.labels());
  }

  @ParameterizedTest
  @EnumSource(value = Index.class, names = {"GRID", "KD_TREE", "BRUTE_FORCE"})
  void allIdenticalPointsMakeOneSegment(Index index) {
    double[][] rows = new double[3000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {2.5, -1, 7};
    }
    Dbscan.Result r = fit(rows, 1e-9, 10, index);
    assertEquals(1, r.k());
    assertEquals(3000, r.coreCount());
    assertTrue(Arrays.stream(r.labels()).allMatch(l -> l == 0));
    assertEquals(-1, fit(rows, 1e-9, 3001, index).labels()[0]);
  }

  @Test
  void minPtsOneMakesEveryPointCore() {
    Dbscan.Result r = fit(line(0, 5, 5.5, 20), 1, 1, Index.AUTO);
    assertEquals(3, r.k());
    assertEquals(0, r.noiseCount());
    assertArrayEquals(new int[] {1, 0, 0, 2}, r.labels(), "sizes 2, 1, 1; ties by first occurrence");
  }

  static Stream<Arguments> synthetic() {
    return Stream.of(Arguments.of(2, 0.35, 5), Arguments.of(3, 0.6, 8), Arguments.of(8, 2.2, 6),
        Arguments.of(2, 0.2, 1), Arguments.of(3, 1.0, 25));
  }

  @ParameterizedTest
  @MethodSource("synthetic")
  void everyIndexMatchesTheQuadraticReference(int d, double eps, int minPts) {
    double[][] rows = DensityData.blobs(500, new double[] {0.3, 0.8, 1.5}, 300, d, 11 + d);
    DbscanReference ref = new DbscanReference(rows, eps, minPts);
    for (Index index : INDEXES) {
      Dbscan.Result r = fit(rows, eps, minPts, index);
      assertArrayEquals(ref.core, r.core(), index + ": core set");
      assertTrue(DbscanReference.samePartition(ref.cluster, r.labels()), index + ": segments and noise");
    }
  }

  @Test
  void realDataMatchesTheQuadraticReference() throws IOException {
    FeatureMatrix rfm = DensityData.onlineRetailRfm();
    FeatureMatrix mkt = DensityData.marketing();
    Object[][] cases = {{rfm, 0.2, 10}, {rfm, 0.35, 25}, {mkt, 1.1, 6}, {mkt, 1.7, 15}};
    for (Object[] c : cases) {
      FeatureMatrix m = (FeatureMatrix) c[0];
      double eps = (double) c[1];
      int minPts = (int) c[2];
      DbscanReference ref = new DbscanReference(m.toArray(), eps, minPts);
      for (Index index : new Index[] {Index.AUTO, Index.KD_TREE}) {
        Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, minPts).withIndex(index));
        String what = m.columns() + " features, eps " + eps + ", minPts " + minPts + ", " + r.index();
        assertArrayEquals(ref.core, r.core(), what + ": core set");
        assertTrue(DbscanReference.samePartition(ref.cluster, r.labels()), what + ": segments and noise");
        assertTrue(r.k() >= 1 && r.noiseCount() > 0, what + ": " + r);
      }
    }
  }

  @Test
  void labelsAreIdenticalForOneTwoAndEightThreads() {
    double[][] rows2 = DensityData.blobs(6000, new double[] {0.3, 0.6, 1.2, 2}, 3000, 2, 5);
    double[][] rows5 = DensityData.blobs(4000, new double[] {0.3, 0.6, 1.2}, 2000, 5, 6);
    double[][] small = DensityData.blobs(1500, new double[] {0.3, 0.6, 1.2}, 500, 3, 7);
    for (Object[] c : new Object[][] {{rows2, 0.15, 8}, {rows5, 0.9, 10}, {small, 0.4, 6}}) {
      FeatureMatrix m = DensityData.matrix((double[][]) c[0]);
      Index[] indexes = m.rows() > 10_000 ? new Index[] {Index.GRID, Index.KD_TREE} : INDEXES;
      for (Index index : indexes) {
        Dbscan.Options o = Dbscan.Options.of((double) c[1], (int) c[2]).withIndex(index);
        Dbscan.Result one = Dbscan.fit(m, o.withThreads(1));
        assertTrue(one.k() >= 3, one.toString());
        for (int t : new int[] {2, 8}) {
          Dbscan.Result many = Dbscan.fit(m, o.withThreads(t));
          assertArrayEquals(one.labels(), many.labels(), index + " with " + t + " threads");
          assertArrayEquals(one.core(), many.core(), index + " with " + t + " threads");
        }
      }
    }
  }

  /**
   * Small neighbourhoods (eps at the median k-distance, as the {@code :q50} benchmark shape): about half the points
   * are not core, and the grid's shortcuts for them all occur (a point with no other point within eps skips the
   * border search; one whose points within eps all lie in adjacent cells searches those only; the others search
   * every neighbour cell). Checked against the O(n²) reference with one and two threads, over several cell blocks.
   */
  @ParameterizedTest
  @MethodSource("smallNeighbourhoods")
  void gridWithSmallNeighbourhoodsMatchesTheQuadraticReference(int d, int perBlob, int noise) {
    int minPts = 10;
    double[][] rows = DensityData.blobs(perBlob, new double[] {0.4, 0.8, 1.5, 3}, noise, d, 40 + d);
    int n = rows.length;
    double[] kth = new double[n];
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dist[j] = DbscanReference.dist(rows[i], rows[j]);
      }
      Arrays.sort(dist);
      kth[i] = dist[minPts - 1];
    }
    Arrays.sort(kth);
    double eps = kth[n / 2];
    DbscanReference ref = new DbscanReference(rows, eps, minPts);
    // the kinds of non-core points, by the grid's cells (side eps/√d from the smallest value of each feature)
    double side = DbscanGrid.side(eps, d);
    double[] min = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], row[j]);
      }
    }
    int alone = 0;
    int adjacentOnly = 0;
    int farther = 0;
    int nonCore = 0;
    for (int i = 0; i < n; i++) {
      if (ref.core[i]) {
        continue;
      }
      nonCore++;
      int others = 0;
      boolean far = false;
      for (int j = 0; j < n; j++) {
        if (j != i && DbscanReference.dist(rows[i], rows[j]) <= eps) {
          others++;
          for (int f = 0; f < d; f++) {
            far |= Math.abs(Math.floor((rows[i][f] - min[f]) / side) - Math.floor((rows[j][f] - min[f]) / side)) > 1;
          }
        }
      }
      if (others == 0) {
        alone++;
      } else if (far) {
        farther++;
      } else {
        adjacentOnly++;
      }
    }
    String kinds = nonCore + " of " + n + " not core: " + alone + " alone, " + adjacentOnly + " adjacent cells only, "
        + farther + " farther";
    assertTrue(nonCore > n / 3 && alone > 20 && adjacentOnly > 20 && farther > 20, kinds);
    FeatureMatrix m = DensityData.matrix(rows);
    for (int threads : new int[] {1, 2}) {
      Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, minPts).withIndex(Index.GRID).withThreads(threads));
      String what = d + "-D, eps " + eps + ", " + threads + " threads (" + kinds + ")";
      assertEquals(Index.GRID, r.index(), what);
      assertArrayEquals(ref.core, r.core(), what + ": core set");
      assertTrue(DbscanReference.samePartition(ref.cluster, r.labels()), what + ": segments, border points and noise");
    }
  }

  static Stream<Arguments> smallNeighbourhoods() {
    // more than one block of 2,048 cells in 2-D and 3-D, so that two threads share the passes
    return Stream.of(Arguments.of(2, 1200, 1200), Arguments.of(3, 1000, 1000), Arguments.of(4, 600, 400));
  }

  @Test
  void predictGivesTrainingPointsTheirOwnSegmentAndFarPointsNoise() {
    double[][] rows = DensityData.blobs(400, new double[] {0.3, 0.5}, 100, 3, 3);
    Dbscan.Result r = fit(rows, 0.5, 6, Index.AUTO);
    assertArrayEquals(r.labels(), r.predict(rows), "core points keep their segment, border points too (same rule)");
    assertArrayEquals(new int[] {-1}, r.predict(new double[][] {{1e6, 0, 0}}));
    assertThrows(IllegalArgumentException.class, () -> r.predict(new double[][] {{1, 2}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.predict(new double[][] {{1, Double.NaN, 2}}));
    assertTrue(e.getMessage().contains("f1"), e.getMessage());
  }

  @Test
  void kDistanceKneeSeparatesBlobsFromNoise() {
    double[][] rows = DensityData.blobs(1000, new double[] {0.2, 0.3, 0.25}, 150, 2, 8);
    FeatureMatrix m = DensityData.matrix(rows);
    Dbscan.KDistance kd = Dbscan.kDistance(m, 5, 20_000, 2);
    assertEquals(4, kd.k());
    assertEquals(rows.length, kd.sampleSize());
    // the k-distance of a point is the smallest eps that makes it core: check against the reference
    double[] ref = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double[] dist = new double[rows.length];
      for (int j = 0; j < rows.length; j++) {
        dist[j] = DbscanReference.dist(rows[i], rows[j]);
      }
      Arrays.sort(dist);
      ref[i] = dist[4];
    }
    Arrays.sort(ref);
    assertArrayEquals(ref, kd.distances(), 0);
    double share = kd.coreShare();
    assertTrue(share > 0.85 && share < 0.999, kd.toString());
    Dbscan.Result auto = Dbscan.fit(m, Dbscan.Options.autoEps(5).withThreads(2));
    assertEquals(kd.eps(), auto.eps());
    assertEquals(3, auto.k(), auto.toString());
    assertTrue(auto.toString().contains("eps auto"), auto.toString());
    Dbscan.KDistance sampled = Dbscan.kDistance(m, 5, 1000, 1);
    assertEquals(788, sampled.sampleSize(), "every 4th of 3,150 rows");
  }

  @Test
  void badInputIsRejectedWithTheValueNamed() {
    for (double eps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.Options.of(eps, 5));
      assertTrue(e.getMessage().contains("eps must be a finite distance > 0, got " + eps), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.Options.of(1, 0));
    assertTrue(e.getMessage().contains("minPts must be at least 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dbscan.Options.of(1, 2).withThreads(-1));
    assertTrue(e.getMessage().contains("threads must be 0 (all available processors) or more, got -1"),
        e.getMessage());
    assertEquals(0, Dbscan.Options.of(1, 2).withThreads(0).threads(), "0 means all available processors");
    e = assertThrows(IllegalArgumentException.class, () -> DensityData.matrix(new double[][] {{1, 2}, {Double.NaN, 0}}));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dbscan.fit(DensityData.matrix(line(0, 1)),
        Dbscan.Options.autoEps(3)));
    assertTrue(e.getMessage().contains("minPts = 3 exceeds the number of customers, 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dbscan.fit(DensityData.matrix(line(1, 1, 1, 1)),
        Dbscan.Options.autoEps(2)));
    assertTrue(e.getMessage().contains("k-distance of 0"), e.getMessage());
  }

  @Test
  void resultPrintsAndConvertsToATable() {
    Dbscan.Result r = fit(line(0, 1, 2, 3, 10), 1.0, 3, Index.AUTO);
    assertEquals("customer_id", r.toTable().column(0).name());
    assertEquals(5, r.toTable().rowCount());
    assertEquals(-1, r.toTable().intColumn("segment").get(4));
    String s = r.toString();
    assertTrue(s.contains("1 segments") && s.contains("1 noise"), s);
    assertEquals(2, r.summaryTable().rowCount());
    assertFalse(r.core()[0]);
    assertEquals(Index.BRUTE_FORCE, r.index(), "tiny data uses brute force");
    assertEquals(Index.GRID, Dbscan.chooseIndex(10_000, 2));
    assertEquals(Index.GRID, Dbscan.chooseIndex(1_000, 4));
    assertEquals(Index.GRID, Dbscan.chooseIndex(20_000, 4));
    assertEquals(Index.KD_TREE, Dbscan.chooseIndex(1_000, 5));
    assertEquals(Index.KD_TREE, Dbscan.chooseIndex(10_000, 8));
    assertEquals(Index.KD_TREE, Dbscan.chooseIndex(10_000, 32));
    assertEquals(Index.BRUTE_FORCE, Dbscan.chooseIndex(10_000, 40));
  }

  @Test
  void gridFallsBackToTheTreeWhenEpsIsTinyNextToTheSpan() {
    // the widest span distances allow (FeatureMatrix.MAX_DISTANCE_SAFE) next to a tiny eps: too many grid cells
    double[][] rows = {{0, 0}, {1e-151, 0}, {1e150, 1e150}};
    Dbscan.Result r = fit(rows, 1e-149, 2, Index.GRID);
    assertEquals(Index.KD_TREE, r.index());
    assertArrayEquals(new int[] {0, 0, -1}, r.labels());
    assertEquals(Index.KD_TREE, fit(DensityData.blobs(50, new double[] {1}, 0, 6, 1), 1, 3, Index.GRID).index(),
        "no grid above " + DbscanGrid.MAX_DIM + " features");
  }
}
