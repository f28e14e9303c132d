package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FasterPAM with Gower distance against independent references: an exact brute force over all k-subsets with a
 * Gower distance written here from daisy's formula, threads, the sampled start, predict, errors and memory.
 */
class KMedoidsTest {

  static final String[] COLOURS = {"red", "green", "blue", "black"};
  static final String[] CHANNELS = {"web", "store", "phone"};

  /**
   * n customers in three overlapping groups: two numeric features (group centre + gaussian noise, sd 1.5), a colour
   * (the group's colour with probability 0.7, else any) and a channel (uniform), 8 % of the categorical values
   * missing.
   */
  static FeatureMatrix mixedData(int n, long seed) {
    Random r = new Random(seed);
    String[] ids = new String[n];
    double[] x = new double[n * 2];
    short[] codes = new short[n * 2];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      int group = r.nextInt(3);
      x[i * 2] = 4 * group + 1.5 * r.nextGaussian();
      x[i * 2 + 1] = 100 - 30 * group + 1.5 * r.nextGaussian();
      codes[i * 2] = (short) (r.nextDouble() < 0.7 ? group : r.nextInt(COLOURS.length));
      codes[i * 2 + 1] = (short) r.nextInt(CHANNELS.length);
      for (int f = 0; f < 2; f++) {
        if (r.nextDouble() < 0.08) {
          codes[i * 2 + f] = -1;
        }
      }
    }
    return FeatureMatrix.mixed(ids, new String[] {"spend", "recency"}, x, null, new String[] {"colour", "channel"},
        List.of(List.of(COLOURS), List.of(CHANNELS)), codes);
  }

  /** Gower distances from daisy's formula on the raw values (no code of Gower): the full matrix. */
  static double[][] referenceDistances(FeatureMatrix m, double[] weights) {
    int n = m.rows();
    int d = m.columns();
    int c = m.categoricalColumns();
    double[] range = new double[d];
    for (int f = 0; f < d; f++) {
      double[] col = m.column(f);
      range[f] = Arrays.stream(col).max().getAsDouble() - Arrays.stream(col).min().getAsDouble();
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double num = 0;
        double den = 0;
        for (int f = 0; f < d; f++) {
          num += weights[f] * (range[f] == 0 ? 0 : Math.abs(m.get(i, f) - m.get(j, f)) / range[f]);
          den += weights[f];
        }
        for (int f = 0; f < c; f++) {
          String a = m.level(i, f);
          String b = m.level(j, f);
          if (a != null && b != null) {
            num += weights[d + f] * (a.equals(b) ? 0 : 1);
            den += weights[d + f];
          }
        }
        out[i][j] = num / den;
      }
    }
    return out;
  }

  static double cost(double[][] dist, int[] medoids) {
    double total = 0;
    for (double[] row : dist) {
      double best = Double.POSITIVE_INFINITY;
      for (int m : medoids) {
        best = Math.min(best, row[m]);
      }
      total += best;
    }
    return total;
  }

  /** The least cost over all k-subsets (exact PAM by enumeration). */
  static double bruteForce(double[][] dist, int k) {
    int n = dist.length;
    int[] pick = new int[k];
    for (int j = 0; j < k; j++) {
      pick[j] = j;
    }
    double best = Double.POSITIVE_INFINITY;
    while (true) {
      best = Math.min(best, cost(dist, pick));
      int j = k - 1;
      while (j >= 0 && pick[j] == n - k + j) {
        j--;
      }
      if (j < 0) {
        return best;
      }
      pick[j]++;
      for (int t = j + 1; t < k; t++) {
        pick[t] = pick[t - 1] + 1;
      }
    }
  }

  /** The least cost over all single swaps of a medoid for a non-medoid, from {@code medoids}. */
  static double bestSwap(double[][] dist, int[] medoids) {
    double best = cost(dist, medoids);
    for (int j = 0; j < medoids.length; j++) {
      for (int h = 0; h < dist.length; h++) {
        int[] tried = medoids.clone();
        tried[j] = h;
        best = Math.min(best, cost(dist, tried));
      }
    }
    return best;
  }

  /**
   * Classic PAM (Kaufman and Rousseeuw 1990): BUILD adds greedily the customer that lowers the cost most (ties: the
   * first), SWAP then makes the best of all k·n swaps while it lowers the cost.
   */
  static double pam(double[][] dist, int k) {
    int n = dist.length;
    int[] medoids = new int[0];
    for (int j = 0; j < k; j++) {
      int best = -1;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int h = 0; h < n; h++) {
        int[] tried = Arrays.copyOf(medoids, j + 1);
        tried[j] = h;
        double c = cost(dist, tried);
        if (c < bestCost) {
          bestCost = c;
          best = h;
        }
      }
      medoids = Arrays.copyOf(medoids, j + 1);
      medoids[j] = best;
    }
    double current = cost(dist, medoids);
    while (true) {
      int[] bestSet = null;
      double bestCost = current;
      for (int j = 0; j < k; j++) {
        for (int h = 0; h < n; h++) {
          int[] tried = medoids.clone();
          tried[j] = h;
          double c = cost(dist, tried);
          if (c < bestCost - 1e-12) {
            bestCost = c;
            bestSet = tried;
          }
        }
      }
      if (bestSet == null) {
        return current;
      }
      medoids = bestSet;
      current = bestCost;
    }
  }

  /**
   * FasterPAM is a local search like PAM's SWAP: every fit ends where no single swap lowers the cost (checked by
   * trying all k·n swaps); on 12 small data sets the best of four seeds is never worse than classic PAM, and 44 of the
   * 48 fits reach the exact optimum over all k-subsets (the other 4: one data set where PAM's BUILD + SWAP reaches
   * the optimum and the four random starts end in the same local optimum, 2.5 % above it).
   */
  @Test
  void reachesTheExactOptimumOnSmallData() {
    int runs = 0;
    int exactRuns = 0;
    for (int n : new int[] {12, 15}) {
      for (long dataSeed = 1; dataSeed <= 3; dataSeed++) {
        FeatureMatrix m = mixedData(n, dataSeed);
        double[][] dist = referenceDistances(m, new double[] {1, 1, 1, 1});
        for (int k = 2; k <= 3; k++) {
          double exact = bruteForce(dist, k);
          double bestOfSeeds = Double.POSITIVE_INFINITY;
          for (long seed = 0; seed < 4; seed++) {
            KMedoids.Result r = KMedoids.Options.of(k).withSeed(seed).fit(m);
            String what = "n " + n + ", data " + dataSeed + ", k " + k + ", seed " + seed;
            // the reported cost is the cost of the reported medoids under the reference distances
            assertEquals(cost(dist, r.medoidRows()), r.cost(), 1e-12, what);
            assertEquals(r.cost(), bestSwap(dist, r.medoidRows()), 1e-12, what + ": a swap lowers the cost");
            assertTrue(r.cost() >= exact - 1e-12, what);
            bestOfSeeds = Math.min(bestOfSeeds, r.cost());
            exactRuns += Math.abs(r.cost() - exact) < 1e-12 ? 1 : 0;
            runs++;
          }
          String set = "n " + n + ", data " + dataSeed + ", k " + k;
          double classic = pam(dist, k);
          assertTrue(classic >= exact - 1e-12, set);
          assertTrue(bestOfSeeds <= classic * 1.03, set + ": best of seeds " + bestOfSeeds + ", PAM " + classic);
        }
      }
    }
    assertEquals(48, runs);
    assertTrue(exactRuns >= 44, exactRuns + " of 48 fits reach the exact optimum");
  }

  @Test
  void weightsChangeTheDistanceTheOptimumIsTakenIn() {
    FeatureMatrix m = mixedData(14, 9);
    double[][] dist = referenceDistances(m, new double[] {3, 0.5, 2, 0});
    KMedoids.Result r = KMedoids.Options.of(3).withWeights(Map.of("spend", 3.0, "recency", 0.5, "colour", 2.0,
        "channel", 0.0)).fit(m);
    assertEquals(bruteForce(dist, 3), r.cost(), 1e-12);
    assertEquals(dist[2][7], r.distance(m, 2, 7), 1e-15);
    assertTrue(r.settings().contains("weights {channel=0.0, colour=2.0, recency=0.5, spend=3.0}"), r.settings());
  }

  @Test
  void labelsAreTheNearestMedoidsAndNumberedBySize() {
    FeatureMatrix m = mixedData(600, 4);
    KMedoids.Result r = KMedoids.Options.of(3).withSeed(2).fit(m);
    double[][] dist = referenceDistances(m, new double[] {1, 1, 1, 1});
    int[] medoids = r.medoidRows();
    int[] labels = r.labels();
    long[] sizes = r.sizes();
    for (int s = 0; s + 1 < 3; s++) {
      assertTrue(sizes[s] >= sizes[s + 1], Arrays.toString(sizes));
    }
    double total = 0;
    for (int i = 0; i < m.rows(); i++) {
      double own = dist[i][medoids[labels[i]]];
      for (int s = 0; s < 3; s++) {
        assertTrue(own <= dist[i][medoids[s]] + 1e-12, "customer " + i + " is nearer to medoid " + s);
      }
      total += own;
    }
    assertEquals(total, r.cost(), 1e-9);
    for (int s = 0; s < 3; s++) {
      assertEquals(s, labels[medoids[s]], "a medoid is in its own segment");
      assertEquals(m.id(medoids[s]), r.medoidIds()[s]);
      assertArrayEquals(m.row(medoids[s]), r.centroids()[s], 0);
      assertEquals(m.level(medoids[s], 0), r.medoidLevels()[s][0]);
    }
    assertArrayEquals(labels, r.predict(m), "predict on the training customers");
    assertArrayEquals(new String[] {"spend", "recency", "colour", "channel"}, r.featureNames());
    // 600 customers: the precomputed triangle, n(n − 1)/2 distances, plus the medoids' rows and the exact checks
    assertTrue(r.diagnostics().distanceComputations() >= 600L * 599 / 2, r.diagnostics().toString());
    String text = r.toString();
    assertTrue(text.contains("n=600") && text.contains("colour") && text.contains(r.medoidIds()[0]), text);
    assertEquals(600, r.toTable().rowCount());
  }

  @Test
  void sameResultForOneTwoAndThreeThreads() {
    // 2,500 customers: blocks of 256 candidate rows, split over the threads
    FeatureMatrix m = mixedData(2500, 5);
    KMedoids.Result one = KMedoids.Options.of(4).withSeed(7).withThreads(1).fit(m);
    assertTrue(one.swaps() > 0 && one.passes() >= 2 && one.converged(), one.figures());
    for (int t : new int[] {2, 3}) {
      KMedoids.Result r = KMedoids.Options.of(4).withSeed(7).withThreads(t).fit(m);
      assertArrayEquals(one.labels(), r.labels(), t + " threads");
      assertArrayEquals(one.medoidRows(), r.medoidRows(), t + " threads");
      assertEquals(one.cost(), r.cost(), 0, t + " threads");
      assertEquals(one.swaps(), r.swaps());
      assertEquals(one.diagnostics().distanceComputations(), r.diagnostics().distanceComputations());
      // the distances computed on the fly in every pass, split over the threads in blocks: the same result again
      KMedoids.Result fly = KMedoids.Options.of(4).withSeed(7).withThreads(t).withMatrixBytes(0).fit(m);
      assertArrayEquals(one.labels(), fly.labels(), t + " threads on the fly");
      assertEquals(one.cost(), fly.cost(), 0, t + " threads on the fly");
    }
  }

  /** The on-the-fly path and the precomputed-triangle path of one fit: everything but the work must agree. */
  static void assertSamePaths(FeatureMatrix m, KMedoids.Options o, String what) {
    KMedoids.Result fly = o.withMatrixBytes(0).fit(m);
    KMedoids.Result tri = o.withMatrixBytes(KMedoids.DEFAULT_MATRIX_BYTES).fit(m);
    int n = m.rows();
    assertTrue(KMedoids.usesTriangle(n, KMedoids.DEFAULT_MATRIX_BYTES), what);
    assertArrayEquals(fly.medoidRows(), tri.medoidRows(), what + ": medoids");
    assertArrayEquals(fly.labels(), tri.labels(), what + ": labels");
    assertEquals(fly.cost(), tri.cost(), 0, what + ": cost");
    assertEquals(fly.swaps(), tri.swaps(), what + ": swaps");
    assertEquals(fly.passes(), tri.passes(), what + ": passes");
    assertEquals(fly.converged(), tri.converged(), what);
    // the work differs: every pass computes n² distances on the fly, the panels n(n − 1)/2 once
    long triangle = (long) n * (n - 1) / 2;
    assertTrue(fly.diagnostics().distanceComputations() >= (long) fly.passes() * n * Math.min(n, 2),
        what + ": " + fly.diagnostics());
    assertTrue(tri.diagnostics().distanceComputations() >= triangle, what + ": " + tri.diagnostics());
    assertTrue(tri.diagnostics().distanceComputations() <= triangle + (long) n * (o.k() + tri.swaps() + n / 4 + 1),
        what + ": " + tri.diagnostics());
  }

  /**
   * The float triangle only rules out candidates whose estimate is clearly not an improving swap; every other
   * candidate is decided on its double distances, as on the fly. So both paths make the same swaps: the same
   * medoids, labels and cost to the last bit, on data with missing levels, uneven weights (whose sums round), many
   * exact ties (duplicate customers and equal distances), pairs with nothing in common, k = 1, and any thread count.
   */
  @Test
  void triangleAndOnTheFlyPathsGiveTheSameResult() {
    for (long seed = 1; seed <= 3; seed++) {
      FeatureMatrix m = mixedData(700, 20 + seed);
      for (int k : new int[] {1, 3, 7}) {
        assertSamePaths(m, KMedoids.Options.of(k).withSeed(seed).withThreads(1), "missing levels, k " + k);
      }
      assertSamePaths(m, KMedoids.Options.of(5).withSeed(seed).withThreads(3).withWeights(Map.of("spend", 0.3,
          "recency", 1.7, "colour", 0.9, "channel", 2.3)), "uneven weights, seed " + seed);
    }
    // ties: 600 customers on a grid of 3 × 3 numeric values and 2 × 2 levels, so most customers have duplicates
    // (swapping a medoid for its duplicate changes the cost by exactly 0, so many float estimates sit on the
    // threshold); 1,600 such customers, whose groups span several chunks of the float sums (256 customers); and the
    // grid moved by up to 10⁻⁶ of the range, so that many swaps improve the cost by less than the floats' rounding
    // (without the bound, the float estimates pass some of them over: tested by setting it to 0)
    for (int n : new int[] {600, 1600, -600}) {
      double jitter = n < 0 ? 2e-5 : 0;
      n = Math.abs(n);
      Random r = new Random(5);
      double[] x = new double[n * 2];
      short[] codes = new short[n * 2];
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "t" + i;
        x[i * 2] = r.nextInt(3) + jitter * r.nextDouble();
        x[i * 2 + 1] = 10 * r.nextInt(3);
        codes[i * 2] = (short) r.nextInt(2);
        codes[i * 2 + 1] = (short) (r.nextDouble() < 0.05 ? -1 : r.nextInt(2));
      }
      FeatureMatrix ties = FeatureMatrix.mixed(ids, new String[] {"spend", "recency"}, x, null,
          new String[] {"colour", "channel"}, List.of(List.of("red", "green"), List.of("web", "store")), codes);
      for (int k : n == 1600 ? new int[] {3} : new int[] {2, 4, 9}) {
        assertSamePaths(ties, KMedoids.Options.of(k).withSeed(k), "ties, n " + n + ", jitter " + jitter + ", k " + k);
      }
    }
    // categorical only (numeric weights 0), levels missing: some pairs have nothing in common and count as 1
    FeatureMatrix m = mixedData(900, 31);
    int[] someLevel = java.util.stream.IntStream.range(0, m.rows()).filter(i -> m.code(i, 0) >= 0
        || m.code(i, 1) >= 0).toArray();
    FeatureMatrix catOnly = m.selectRows(someLevel);
    Gower g = Gower.fit(catOnly, Map.of("spend", 0.0, "recency", 0.0));
    assertTrue(java.util.stream.IntStream.range(0, catOnly.rows()).anyMatch(i -> Double.isNaN(g.distance(catOnly,
        i, catOnly, (i + 1) % catOnly.rows()))), "some pair has nothing in common");
    assertSamePaths(catOnly, KMedoids.Options.of(4).withSeed(2).withWeights(Map.of("spend", 0.0, "recency", 0.0)),
        "categorical only");
  }

  /**
   * The panels' floats are the Gower distances (as daisy's formula gives them, {@link #referenceDistances}) to float
   * precision: within 2⁻²³ relative, 1 for pairs with nothing in common, 0 on the diagonal; the estimate's bound
   * relies on it. 300 customers: four full panels of 64 columns and one of 44.
   */
  @Test
  void panelsHoldTheGowerDistancesAsFloats() {
    FeatureMatrix m = mixedData(300, 41);
    for (Map<String, Double> w : List.of(Map.<String, Double>of(), Map.of("spend", 0.3, "recency", 1.7, "colour",
        0.9, "channel", 2.3), Map.of("spend", 0.0, "recency", 0.0))) {
      Gower g = Gower.fit(m, w);
      Gower.Rows rows = g.rows(m);
      double[][] cols = Gower.columns(rows);
      int n = m.rows();
      double[][] ref = referenceDistances(m, new double[] {w.getOrDefault("spend", 1.0), w.getOrDefault("recency",
          1.0), w.getOrDefault("colour", 1.0), w.getOrDefault("channel", 1.0)});
      int undefined = 0;
      int checked = 0;
      for (int b0 = 0; b0 < n; b0 += KMedoids.PANEL) {
        int width = Math.min(KMedoids.PANEL, n - b0);
        float[] panel = new float[(n - b0) * width];
        g.panel(rows, cols, b0, width, panel, 1);
        for (int o = b0; o < n; o++) {
          for (int s = 0; s < width; s++) {
            int j = b0 + s;
            float got = panel[(o - b0) * width + s];
            double want = ref[o][j];
            String what = "pair " + o + ", " + j + ", weights " + w;
            if (o == j) {
              assertEquals(0f, got, what);
            } else if (Double.isNaN(want)) {
              undefined++;
              assertEquals(1f, got, what + " has nothing in common");
            } else {
              assertEquals(want, got, 0x1p-23 * want + 1e-15, what);
            }
            checked++;
          }
        }
      }
      assertEquals(KMedoids.triangleBytes(n), 4L * checked);
      boolean categoricalOnly = w.getOrDefault("spend", 1.0) == 0;
      assertTrue(categoricalOnly ? undefined > 0 : undefined == 0, "undefined pairs " + undefined);
    }
  }

  @Test
  void fitsRunningAtOnceShareTheTriangleBudget() {
    FeatureMatrix m = MixedData.generate(300, 3, 2, 2.0, 2, 3, 0.8, 0, 0, 7).standardized().matrix;
    KMedoids.Options o = KMedoids.Options.of(3).withSeed(1);
    KMedoids.Result alone = o.fit(m);
    long half = Runtime.getRuntime().maxMemory() / 2;
    // another fit holds all but one byte too few for this fit's triangle: this one computes distances on the fly
    long others = half - KMedoids.triangleBytes(m.rows()) + 1;
    assertEquals(others, KMedoids.reserveTriangle(others));
    try {
      KMedoids.Result crowded = o.fit(m);
      assertArrayEquals(alone.medoidRows(), crowded.medoidRows());
      assertArrayEquals(alone.labels(), crowded.labels());
      assertEquals(alone.cost(), crowded.cost(), 0);
      assertTrue(crowded.diagnostics().distanceComputations() > alone.diagnostics().distanceComputations(),
          crowded.diagnostics() + " against " + alone.diagnostics());
      assertEquals(0, KMedoids.reserveTriangle(KMedoids.triangleBytes(m.rows())));
    } finally {
      KMedoids.releaseTriangle(others);
    }
    assertEquals(alone.diagnostics().distanceComputations(), o.fit(m).diagnostics().distanceComputations());
    assertEquals(0, KMedoids.reserveTriangle(half + 1));
  }

  @Test
  void theTriangleIsBuiltWithinItsBudget() {
    assertTrue(KMedoids.usesTriangle(1000, KMedoids.triangleBytes(1000)));
    assertTrue(!KMedoids.usesTriangle(1000, KMedoids.triangleBytes(1000) - 1));
    assertTrue(!KMedoids.usesTriangle(1000, 0));
    assertEquals(802_557_952L, KMedoids.triangleBytes(20_000));
    // 100,000 customers: 20 GB, far above the default 1 GiB, so the distances are computed on the fly, in the
    // 29,300,160 bytes docs/mixed.md states
    assertEquals(29_300_160L, KMedoids.memoryEstimate(100_000, 8, 4, 10));
    assertTrue(!KMedoids.usesTriangle(100_000, KMedoids.DEFAULT_MATRIX_BYTES));
    assertTrue(!KMedoids.usesTriangle(23_139, KMedoids.DEFAULT_MATRIX_BYTES));
    assertTrue(KMedoids.triangleBytes(23_138) <= KMedoids.DEFAULT_MATRIX_BYTES);
    assertEquals("k=3, weights=equal, maxIter=100, seed=0, threads=all, sampleSize=10,000, matrixBytes=never",
        KMedoids.Options.of(3).withMatrixBytes(0).toString());
    assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(2).withMatrixBytes(-1));
  }

  /**
   * The sampled start (FasterPAM on 600 of 4,000 customers, then swaps on all) ends within 0.5 % of the cost of
   * FasterPAM from a random start on all customers, with fewer distance evaluations.
   */
  @Test
  void sampledStartIsWithinHalfAPercentOfTheFullFit() {
    FeatureMatrix m = mixedData(4000, 6);
    for (long seed = 1; seed <= 2; seed++) {
      KMedoids.Result full = KMedoids.Options.of(3).withSeed(seed).withSampleSize(0).fit(m);
      KMedoids.Result sampled = KMedoids.Options.of(3).withSeed(seed).withSampleSize(600).fit(m);
      assertEquals(0, full.sampled());
      assertEquals(600, sampled.sampled());
      assertEquals(full.cost(), sampled.cost(), 0.005 * full.cost(), "seed " + seed);
      assertTrue(sampled.passes() <= full.passes(), sampled.passes() + " against " + full.passes() + " passes");
      if (seed == 1) {
        // the sampled path is as deterministic as the full one
        KMedoids.Result one = KMedoids.Options.of(3).withSeed(seed).withSampleSize(600).withThreads(1).fit(m);
        KMedoids.Result three = KMedoids.Options.of(3).withSeed(seed).withSampleSize(600).withThreads(3).fit(m);
        assertArrayEquals(sampled.labels(), one.labels());
        assertArrayEquals(sampled.labels(), three.labels());
        assertEquals(sampled.cost(), three.cost(), 0);
      }
    }
  }

  @Test
  void oneSegmentIsTheCustomerNearestToAllOthers() {
    FeatureMatrix m = mixedData(40, 8);
    double[][] dist = referenceDistances(m, new double[] {1, 1, 1, 1});
    KMedoids.Result r = KMedoids.Options.of(1).withSeed(3).fit(m);
    assertEquals(bruteForce(dist, 1), r.cost(), 1e-12);
    assertArrayEquals(new long[] {40}, r.sizes());
  }

  @Test
  void predictMatchesLevelsByName() {
    FeatureMatrix m = mixedData(300, 10);
    KMedoids.Result r = KMedoids.Options.of(3).withSeed(1).fit(m);
    // the same customers with the colour levels numbered in reverse order: the same segments
    short[] codes = m.toCodeArray();
    List<String> reversed = new ArrayList<>(List.of(COLOURS));
    java.util.Collections.reverse(reversed);
    for (int i = 0; i < m.rows(); i++) {
      if (codes[i * 2] >= 0) {
        codes[i * 2] = (short) (COLOURS.length - 1 - codes[i * 2]);
      }
    }
    FeatureMatrix renumbered = FeatureMatrix.mixed(m.ids(), m.names(), m.toFlatArray(), null, m.categoricalNames(),
        List.of(reversed, List.of(CHANNELS)), codes);
    assertArrayEquals(r.labels(), r.predict(renumbered));
    // a customer with nothing to compare (no numeric feature weighs anything, both levels missing) matches no segment
    KMedoids.Result catOnly = KMedoids.Options.of(2).withSeed(1).withWeights(Map.of("spend", 0.0, "recency", 0.0))
        .fit(m.selectRows(rowsWithBothLevels(m)));
    FeatureMatrix blank = FeatureMatrix.mixed(new String[] {"x"}, m.names(), new double[] {1, 2}, null,
        m.categoricalNames(), List.of(List.of(COLOURS), List.of(CHANNELS)), new short[] {-1, -1});
    assertArrayEquals(new int[] {-1}, catOnly.predict(blank));
  }

  static int[] rowsWithBothLevels(FeatureMatrix m) {
    return java.util.stream.IntStream.range(0, m.rows()).filter(i -> m.code(i, 0) >= 0 && m.code(i, 1) >= 0)
        .toArray();
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    FeatureMatrix m = mixedData(12, 1);
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(13).fit(m));
    assertTrue(big.getMessage().contains("k = 13 segments cannot exceed the number of customers, 12"),
        big.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> KMedoids.Options.of(2).withWeights(Map.of("colour ", 2.0)).fit(m));
    assertTrue(name.getMessage().contains("'colour '") && name.getMessage().contains("[spend, recency, colour, "
        + "channel]"), name.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> KMedoids.Options.of(2).withWeights(Map.of("spend", 0.0, "recency", 0.0, "colour", 0.0, "channel", 0.0))
            .fit(m));
    assertTrue(none.getMessage().contains("every feature has weight 0"), none.getMessage());
    // a customer whose every feature is missing or weighs 0
    FeatureMatrix blank = FeatureMatrix.mixed(new String[] {"a", "b", "c"}, new String[0], new double[0], null,
        new String[] {"colour"}, List.of(List.of("red", "blue")), new short[] {0, -1, 1});
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> KMedoids.Options.of(2).fit(blank));
    assertTrue(empty.getMessage().contains("customer b (row 2) has no feature to compare"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(0));
    assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(2).withMaxIter(0));
    assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(2).withWeights(Map.of("spend", -1.0)));
    assertThrows(IllegalArgumentException.class, () -> KMedoids.Options.of(2).withSampleSize(-1));
  }

  /**
   * Memory: with one thread, everything a fit allocates is allocated on the calling thread, so the thread's
   * allocation counter bounds the fit's working memory (peak ≤ total allocated) against {@link
   * KMedoids#memoryEstimate}; and the estimate at 100,000 customers × (8 + 4) features, k = 10, is under 32 MiB.
   */
  @Test
  void workingMemoryIsBoundedWithoutAnNByNMatrix() {
    FeatureMatrix m = mixedData(3000, 11);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    KMedoids.Options o = KMedoids.Options.of(4).withSeed(1).withThreads(1).withMatrixBytes(0);
    o.fit(m);   // warm up class loading
    long before = bean.getCurrentThreadAllocatedBytes();
    KMedoids.Result r = o.fit(m);
    long allocated = bean.getCurrentThreadAllocatedBytes() - before;
    long estimate = KMedoids.memoryEstimate(3000, 2, 2, 4);
    long matrix = 8L * 3000 * 3000;
    assertTrue(allocated < estimate + (2L << 20), allocated + " bytes allocated, estimate " + estimate);
    assertTrue(allocated < matrix / 4, allocated + " bytes: far below an n × n matrix of " + matrix);
    assertTrue(r.cost() > 0);
    long at100k = KMedoids.memoryEstimate(100_000, 8, 4, 10);
    assertTrue(at100k < 32L << 20 && at100k > 20L << 20, at100k + " bytes at 100,000 customers");
    // the triangle path: the float triangle (2·n·(n − 1) bytes) and little else
    KMedoids.Options t = o.withMatrixBytes(KMedoids.DEFAULT_MATRIX_BYTES);
    t.fit(m);
    long before2 = bean.getCurrentThreadAllocatedBytes();
    KMedoids.Result r2 = t.fit(m);
    long allocated2 = bean.getCurrentThreadAllocatedBytes() - before2;
    long estimate2 = KMedoids.triangleMemoryEstimate(3000, 2, 2, 4, 1);
    assertTrue(allocated2 > KMedoids.triangleBytes(3000) && allocated2 < estimate2 + (2L << 20), allocated2
        + " bytes allocated, estimate " + estimate2);
    assertEquals(r.cost(), r2.cost(), 0);
  }
}
