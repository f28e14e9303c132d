package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Hdbscan.MstAlgorithm;
import dev.segmint.cluster.Hdbscan.Selection;
import dev.segmint.features.FeatureMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HdbscanTest {

  /** Share of points whose label agrees with the truth under the best one-to-one matching of two clusters or more. */
  static double agreement(int[] truth, int[] labels, int k) {
    int[][] table = new int[k][];
    int kl = Arrays.stream(labels).max().orElse(-1) + 1;
    for (int t = 0; t < k; t++) {
      table[t] = new int[Math.max(1, kl)];
    }
    for (int i = 0; i < truth.length; i++) {
      if (labels[i] >= 0) {
        table[truth[i]][labels[i]]++;
      }
    }
    int agree = 0;
    boolean[] used = new boolean[Math.max(1, kl)];
    for (int t = 0; t < k; t++) {
      int best = -1;
      for (int l = 0; l < kl; l++) {
        if (!used[l] && (best < 0 || table[t][l] > table[t][best])) {
          best = l;
        }
      }
      if (best >= 0) {
        used[best] = true;
        agree += table[t][best];
      }
    }
    return agree / (double) truth.length;
  }

  @Test
  void moonsAreRecovered() {
    int[] truth = new int[1000];
    FeatureMatrix m = DensityData.matrix(DensityData.moons(1000, 0.06, 4, truth));
    Hdbscan.Result r = Hdbscan.fit(m, Hdbscan.Options.of(20).withThreads(2));
    assertEquals(2, r.k(), r.toString());
    assertTrue(agreement(truth, r.labels(), 2) > 0.95, r.toString());
    assertTrue(r.noiseCount() < 50, r.toString());
  }

  @Test
  void blobsOfVaryingDensityAreRecoveredWhereOneEpsCannot() {
    double[][] rows = DensityData.blobs(400, new double[] {0.15, 0.6, 1.5}, 0, 2, 21);
    int[] truth = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      truth[i] = i / 400;
    }
    FeatureMatrix m = DensityData.matrix(rows);
    for (MstAlgorithm alg : new MstAlgorithm[] {MstAlgorithm.PRIM, MstAlgorithm.BORUVKA}) {
      Hdbscan.Result r = Hdbscan.fit(m, Hdbscan.Options.of(25).withMst(alg).withThreads(2));
      assertEquals(3, r.k(), r.toString());
      assertTrue(agreement(truth, r.labels(), 3) > 0.9, r.toString());
      assertEquals(alg, r.mstAlgorithm());
    }
  }

  @Test
  void primAndBoruvkaGiveTheSameTreeAndLabels() {
    for (int d : new int[] {2, 3, 6}) {
      double[][] rows = DensityData.blobs(1500, new double[] {0.3, 0.7, 1.2}, 500, d, 30 + d);
      // duplicates and ties
      for (int i = 0; i < 200; i++) {
        rows[rows.length - 1 - i] = rows[i].clone();
      }
      FeatureMatrix m = DensityData.matrix(rows);
      double[] x = m.toFlatArray();
      int n = rows.length;
      double[] core = Hdbscan.fit(m, Hdbscan.Options.of(10).withThreads(2)).coreDistances();
      MutualReachabilityMst prim = MutualReachabilityMst.prim(x, n, d, core, 2);
      MutualReachabilityMst bor = MutualReachabilityMst.boruvka(new KdTree(x, n, d, 16), core, 2);
      assertEquals(edgeSet(prim), edgeSet(bor), d + "-D");
      Hdbscan.Result a = Hdbscan.fit(m, Hdbscan.Options.of(10).withMst(MstAlgorithm.PRIM).withThreads(2));
      Hdbscan.Result b = Hdbscan.fit(m, Hdbscan.Options.of(10).withMst(MstAlgorithm.BORUVKA).withThreads(2));
      assertArrayEquals(a.labels(), b.labels());
      assertArrayEquals(a.probabilities(), b.probabilities());
      assertArrayEquals(a.outlierScores(), b.outlierScores());
    }
  }

  private static java.util.Set<String> edgeSet(MutualReachabilityMst mst) {
    java.util.Set<String> s = new java.util.TreeSet<>();
    for (int e = 0; e < mst.from.length; e++) {
      s.add(Math.min(mst.from[e], mst.to[e]) + "-" + Math.max(mst.from[e], mst.to[e]) + ":" + mst.weight[e]);
    }
    return s;
  }

  @Test
  void coreDistancesAndTreeWeightMatchAQuadraticReference() {
    double[][] rows = DensityData.blobs(150, new double[] {0.5, 1}, 60, 3, 9);
    int n = rows.length;
    int minSamples = 7;
    FeatureMatrix m = DensityData.matrix(rows);
    Hdbscan.Result r = Hdbscan.fit(m, Hdbscan.Options.of(10).withMinSamples(minSamples));
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      double[] dist = new double[n];
      for (int j = 0; j < n; j++) {
        dist[j] = DbscanReference.dist(rows[i], rows[j]);
      }
      Arrays.sort(dist);
      core[i] = dist[minSamples - 1];
    }
    assertArrayEquals(core, r.coreDistances(), 0);
    // Kruskal on all pairs
    Integer[] pairs = new Integer[n * n];
    double[] w = new double[n * n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        w[i * n + j] = Math.max(Math.max(core[i], core[j]), DbscanReference.dist(rows[i], rows[j]));
        pairs[c++] = i * n + j;
      }
    }
    Integer[] sorted = Arrays.copyOf(pairs, c);
    Arrays.sort(sorted, (p, q) -> Double.compare(w[p], w[q]));
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    double total = 0;
    for (int p : sorted) {
      int a = root(parent, p / n);
      int b = root(parent, p % n);
      if (a != b) {
        parent[a] = b;
        total += w[p];
      }
    }
    for (MstAlgorithm alg : new MstAlgorithm[] {MstAlgorithm.PRIM, MstAlgorithm.BORUVKA}) {
      double[] x = m.toFlatArray();
      MutualReachabilityMst mst = alg == MstAlgorithm.PRIM ? MutualReachabilityMst.prim(x, n, 3, core, 1)
          : MutualReachabilityMst.boruvka(new KdTree(x, n, 3, 8), core, 1);
      assertEquals(total, Arrays.stream(mst.weight).sum(), 1e-9 * total, alg.toString());
    }
  }

  private static int root(int[] parent, int x) {
    while (parent[x] != x) {
      x = parent[x];
    }
    return x;
  }

  @Test
  void resultsAreIdenticalForOneTwoAndEightThreads() {
    FeatureMatrix m = DensityData.matrix(DensityData.blobs(5000, new double[] {0.2, 0.5, 1.0, 1.5}, 2000, 3, 17));
    Hdbscan.Options o = Hdbscan.Options.of(30);
    Hdbscan.Result one = Hdbscan.fit(m, o.withThreads(1));
    assertEquals(MstAlgorithm.BORUVKA, one.mstAlgorithm());
    assertTrue(one.k() >= 3, one.toString());
    for (int t : new int[] {2, 8}) {
      Hdbscan.Result many = Hdbscan.fit(m, o.withThreads(t));
      assertArrayEquals(one.labels(), many.labels());
      assertArrayEquals(one.probabilities(), many.probabilities());
      assertArrayEquals(one.outlierScores(), many.outlierScores());
    }
  }

  @Test
  void leafSelectionIsAtLeastAsFineAsExcessOfMass() {
    FeatureMatrix m = DensityData.matrix(DensityData.blobs(300, new double[] {0.2, 0.2, 0.8, 0.3}, 100, 2, 2));
    Hdbscan.Result eom = Hdbscan.fit(m, Hdbscan.Options.of(15));
    Hdbscan.Result leaf = Hdbscan.fit(m, Hdbscan.Options.of(15).withSelection(Selection.LEAF));
    assertTrue(leaf.k() >= eom.k(), eom + "\n" + leaf);
    // every leaf segment lies inside one EOM segment (or noise)
    int[] e = eom.labels();
    int[] l = leaf.labels();
    int[] host = new int[leaf.k()];
    Arrays.fill(host, Integer.MIN_VALUE);
    for (int i = 0; i < l.length; i++) {
      if (l[i] >= 0 && e[i] >= 0) {
        assertTrue(host[l[i]] == Integer.MIN_VALUE || host[l[i]] == e[i]);
        host[l[i]] = e[i];
      }
    }
  }

  @Test
  void probabilitiesOutlierScoresAndPrediction() {
    double[][] rows = DensityData.blobs(500, new double[] {0.3, 0.5}, 0, 2, 12);
    double[][] withOutlier = Arrays.copyOf(rows, rows.length + 1);
    withOutlier[rows.length] = new double[] {40, 40};
    FeatureMatrix m = DensityData.matrix(withOutlier);
    Hdbscan.Result r = Hdbscan.fit(m, Hdbscan.Options.of(20));
    assertEquals(2, r.k(), r.toString());
    int[] labels = r.labels();
    double[] p = r.probabilities();
    double[] s = r.outlierScores();
    assertEquals(-1, labels[rows.length]);
    for (int i = 0; i < p.length; i++) {
      assertTrue(p[i] >= 0 && p[i] <= 1 && s[i] >= 0 && s[i] <= 1, i + ": " + p[i] + " " + s[i]);
      assertEquals(labels[i] < 0, p[i] == 0, "noise has probability 0, members more");
    }
    double maxScore = Arrays.stream(s).max().orElseThrow();
    assertEquals(maxScore, s[rows.length], "the far point is the most outlying");
    assertTrue(maxScore > 0.9);
    Hdbscan.Prediction pr = r.approximatePredict(rows);
    int same = 0;
    for (int i = 0; i < rows.length; i++) {
      if (pr.labels()[i] == labels[i]) {
        same++;
      }
    }
    assertTrue(same > 0.97 * rows.length, same + " of " + rows.length);
    Hdbscan.Prediction far = r.approximatePredict(new double[][] {{-50, 50}});
    assertArrayEquals(new int[] {-1}, far.labels());
    assertEquals(0, far.probabilities()[0]);
    assertThrows(IllegalArgumentException.class, () -> r.approximatePredict(new double[][] {{1, 2, 3}}));
    assertTrue(r.condensedTree().rowCount() >= withOutlier.length);
    assertEquals(2, r.stabilities().length);
    assertTrue(r.toDetailedTable().columnNames().contains("outlier_score"));
    assertTrue(r.toString().contains("2 segments"), r.toString());
  }

  @Test
  void identicalPointsAreNeverSplit() {
    double[][] rows = new double[200][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i < 100 ? new double[] {0, 0} : new double[] {5, 5};
    }
    Hdbscan.Result r = Hdbscan.fit(DensityData.matrix(rows), Hdbscan.Options.of(10));
    assertEquals(2, r.k(), r.toString());
    assertEquals(0, r.noiseCount());
    double[][] same = new double[50][];
    Arrays.fill(same, new double[] {1, 2});
    Hdbscan.Result one = Hdbscan.fit(DensityData.matrix(same), Hdbscan.Options.of(5));
    assertEquals(0, one.k(), "the root is never a segment (scikit-learn's allow_single_cluster=False)");
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdbscan.Options.of(1));
    assertTrue(e.getMessage().contains("minClusterSize must be at least 2, got 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Hdbscan.Options.of(5).withMinSamples(-1));
    assertTrue(e.getMessage().contains("minSamples"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Hdbscan.Options.of(5).withThreads(-1));
    assertTrue(e.getMessage().contains("threads must be 0 (all available processors) or more, got -1"),
        e.getMessage());
    assertEquals(0, Hdbscan.Options.of(5).withThreads(0).threads(), "0 means all available processors");
    e = assertThrows(IllegalArgumentException.class,
        () -> Hdbscan.fit(DensityData.matrix(new double[][] {{1}, {2}}), Hdbscan.Options.of(5)));
    assertTrue(e.getMessage().contains("minSamples = 5 exceeds the number of customers, 2"), e.getMessage());
  }
}
