package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cached-nearest-neighbour chain (complete and average linkage on floats, decisions within the floats' rounding
 * and the heights from exact values)
 * against two references: the literal SciPy chain that scans every row at every step ({@link SciPyNnChain}, the
 * previous implementation), merge for merge and bit for bit, ties included; and the naive O(n³) algorithm of
 * {@link NaiveLinkage}. Data: continuous Gaussian blobs (no ties), integer grid points (many exact ties, duplicates
 * at distance 0), and points whose distances differ below float resolution (every float ties, the exact values do
 * not). Sizes cross the 2,048-point blocks of the fill and the chunks of the matrix.
 */
class CondensedNnChainTest {

  static double[] gaussian(int n, int d, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int blob = rnd.nextInt(5);
      for (int k = 0; k < d; k++) {
        x[i * d + k] = 2.5 * blob * (k % 2 == 0 ? 1 : -1) + rnd.nextGaussian();
      }
    }
    return x;
  }

  /** Integer points in [0, side)^d: many equal distances, and duplicates when n is large enough. */
  static double[] grid(int n, int d, int side, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextInt(side);
    }
    return x;
  }

  /**
   * Points on a line (d = 1) with gaps 1 + k·2⁻⁴⁰ (k random in 0..7): as floats all gaps are 1, as doubles they
   * differ, so every decision needs the exact values.
   */
  static double[] nearTies(int n, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n];
    for (int i = 1; i < n; i++) {
      x[i] = x[i - 1] + 1 + rnd.nextInt(8) * 0x1p-40;
    }
    // shuffle the slots so that the chain order is not the line order
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }

  /** Merges as {@link CondensedNnChain#run} returns them, and how it found them ({@code CondensedNnChain.path}). */
  record Run(Merges merges, int path, int abandonedAfter) {}

  static Run run(double[] x, int n, int d, Linkage linkage, int threads) {
    try (Blocks blocks = new Blocks(n, threads)) {
      CondensedNnChain chain = CondensedNnChain.fill(x, n, d, linkage, blocks);
      Merges merges = chain.run(blocks);
      return new Run(merges, chain.path, chain.abandonedAfter);
    }
  }

  /**
   * Two copies of the same m points in d dimensions (coordinates multiples of 2⁻²⁰ in [0, 1), so that the copy
   * shifted by 64 in every coordinate is exact): every distance inside a copy occurs twice, bit for bit, so the
   * heights tie although no point's two nearest do (but the mutually nearest pairs of the copies do).
   */
  static double[] shiftedCopies(int m, int d, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[2 * m * d];
    for (int i = 0; i < m * d; i++) {
      x[i] = rnd.nextInt(1 << 20) * 0x1p-20;
      x[m * d + i] = x[i] + 64;
    }
    return x;
  }

  /**
   * Six points in the plane, (0, 0), (1, 0), (5, 0) and (100, 0), (100, 2), (104, −1), moved by (dx, 0): complete
   * linkage merges (0, 0)–(1, 0) at 1 and (100, 0)–(100, 2) at 2, then each pair with its third point at 5
   * (‖(5, 0) − (0, 0)‖ = 5 = ‖(104, −1) − (100, 2)‖), every search strict, and no point's two nearest and no two
   * mutually nearest pairs at the same distance: only the two heights of 5 tie.
   */
  static double[] twoHeightsOfFive(double dx) {
    return new double[] {dx, 0, dx + 1, 0, dx + 5, 0, dx + 100, 0, dx + 100, 2, dx + 104, -1};
  }

  static Merges ours(double[] x, int n, int d, Linkage linkage, int threads) {
    return run(x, n, d, linkage, threads).merges();
  }

  static Merges literal(double[] x, int n, int d, Linkage linkage) {
    try (Blocks blocks = new Blocks(n, 2)) {
      return SciPyNnChain.run(SciPyNnChain.distances(x, n, d, blocks), linkage);
    }
  }

  static void assertSameMerges(Merges expected, Merges actual, String what) {
    assertEquals(expected.count, actual.count, what);
    for (int r = 0; r < expected.count; r++) {
      assertEquals(expected.a[r], actual.a[r], what + ": merge " + r + " left slot");
      assertEquals(expected.b[r], actual.b[r], what + ": merge " + r + " right slot");
      assertEquals(Double.doubleToRawLongBits(expected.height[r]), Double.doubleToRawLongBits(actual.height[r]),
          what + ": merge " + r + " height " + actual.height[r] + " vs " + expected.height[r]);
    }
  }

  /**
   * The dendrograms that users see ({@link Dendrogram#fromMerges}: rows sorted stably by height, clusters
   * relabelled), row by row: children, size, and height bit for bit.
   */
  static void assertSameDendrogram(Merges expected, Merges actual, int n, String what) {
    Dendrogram e = Dendrogram.fromMerges(n, expected, null, null, Linkage.COMPLETE);
    Dendrogram a = Dendrogram.fromMerges(n, actual, null, null, Linkage.COMPLETE);
    assertEquals(e.merges(), a.merges(), what);
    for (int r = 0; r < e.merges(); r++) {
      assertEquals(e.left(r), a.left(r), what + ": row " + r + " left");
      assertEquals(e.right(r), a.right(r), what + ": row " + r + " right");
      assertEquals(e.size(r), a.size(r), what + ": row " + r + " size");
      assertEquals(Double.doubleToRawLongBits(e.height(r)), Double.doubleToRawLongBits(a.height(r)),
          what + ": row " + r + " height " + a.height(r) + " vs " + e.height(r));
    }
  }

  /**
   * Our run against the literal chain's merges: merge for merge when ours ran in SciPy's order (average linkage,
   * complete linkage with ties), the same dendrogram when complete linkage ran in spatial order; returns the run.
   */
  static Run checkRun(Merges expected, double[] x, int n, int d, Linkage linkage, int threads, String what) {
    Run r = run(x, n, d, linkage, threads);
    if (r.path() == CondensedNnChain.SPATIAL_ORDER) {
      assertEquals(Linkage.COMPLETE, linkage, what);
      assertSameDendrogram(expected, r.merges(), n, what + " (spatial order)");
    } else {
      assertSameMerges(expected, r.merges(), what + " (SciPy's order, path " + r.path() + ")");
    }
    return r;
  }

  /** {@link #checkRun} on 1 and 3 threads (the same path on both); returns the path. */
  static int check(double[] x, int n, int d, Linkage linkage, String what) {
    Merges expected = literal(x, n, d, linkage);
    int one = checkRun(expected, x, n, d, linkage, 1, what + " " + linkage + " (1 thread)").path();
    int three = checkRun(expected, x, n, d, linkage, 3, what + " " + linkage + " (3 threads)").path();
    assertEquals(one, three, what + ": the same path on 1 and 3 threads");
    return one;
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesAsTheLiteralChainOnContinuousData(Linkage linkage) {
    int[][] shapes = {{2, 1}, {3, 2}, {5, 3}, {17, 8}, {100, 4}, {301, 8}, {1000, 2}, {2049, 8}, {2500, 3}};
    for (int[] s : shapes) {
      int path = check(gaussian(s[0], s[1], 7L * s[0] + s[1]), s[0], s[1], linkage, "gaussian " + s[0] + "×" + s[1]);
      // continuous data has no ties: complete linkage runs in spatial order, average always in SciPy's
      assertEquals(linkage == Linkage.COMPLETE ? CondensedNnChain.SPATIAL_ORDER : CondensedNnChain.SCIPY_ORDER, path,
          "gaussian " + s[0] + "×" + s[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesAsTheLiteralChainOnGridsWithTies(Linkage linkage) {
    int[][] shapes = {{16, 2, 4}, {50, 2, 3}, {200, 2, 10}, {300, 3, 4}, {700, 2, 30}, {2100, 2, 40}, {2100, 4, 5}};
    for (int[] s : shapes) {
      int path = check(grid(s[0], s[1], s[2], 11L * s[0] + s[2]), s[0], s[1], linkage,
          "grid " + s[0] + "×" + s[1] + " in 0.." + (s[2] - 1));
      // these grids have points whose two nearest are at the same distance: SciPy's order from the start
      assertEquals(CondensedNnChain.SCIPY_ORDER, path, "grid " + s[0] + "×" + s[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesWhereFloatsTieButDistancesDoNot(Linkage linkage) {
    for (int n : new int[] {10, 120, 800}) {
      check(nearTies(n, n), n, 1, linkage, "near ties " + n);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesWhereDistancesOverflowFloat(Linkage linkage) {
    // grid points scaled by 10³⁸: most distances exceed Float.MAX_VALUE (3.4·10³⁸), so complete linkage stores +∞
    // for them and decides every such choice from the exact distances
    for (int n : new int[] {60, 300}) {
      double[] x = grid(n, 2, 12, 5L * n);
      for (int i = 0; i < x.length; i++) {
        x[i] *= 1e38;
      }
      check(x, n, 2, linkage, "grid × 10³⁸, n = " + n);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesOnDeepTreesOverAWideRange(Linkage linkage) {
    // points 3^i on a line (shuffled): every point joins the cluster of all smaller ones, a tree of height n − 1
    // (average linkage's float bound widens with it), and the distances span 3^(n−1): scaled so that the largest is
    // near 2^100, most of them are subnormal floats or 0, so their order comes from the exact values
    for (int n : new int[] {60, 200}) {
      Random rnd = new Random(n);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.pow(3, i);
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
      }
      check(x, n, 1, linkage, "3^i, n = " + n);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void sameMergesForAnyThreadCount(Linkage linkage) {
    // 4,500 points are 3 blocks, so 2 and 3 threads run the merge passes and rescans in ranges of live slots claimed
    // by the chain thread and its helpers (one range per thread) while 2,048 or more slots are live (about 2,450
    // merges); the grid's exact ties fall across range boundaries, where the parts' smallest values are combined
    int n = 4500;
    assertEquals(3, new Blocks(n, 3).threads());
    // the third: Gaussian points with the six of twoHeightsOfFive far off, which end the spatial order late; they
    // take slots 0–5, the triple at x ≈ 1100 first: SciPy's chain, which starts at slot 0, makes its height 5
    // before the other triple's, the spatial order (by coordinates) the other way round
    double[] late = gaussian(n, 2, 97);
    double[] six = twoHeightsOfFive(1000);
    System.arraycopy(six, 6, late, 0, 6);
    System.arraycopy(six, 0, late, 6, 6);
    double[][] data = {grid(n, 2, 30, 99), gaussian(n, 8, 98), late};
    int[] dims = {2, 8, 2};
    String[] names = {"grid ", "gaussian ", "gaussian with two heights of 5 "};
    for (int k = 0; k < data.length; k++) {
      Merges expected = literal(data[k], n, dims[k], linkage);
      Merges first = null;
      for (int threads : new int[] {1, 2, 3}) {
        String what = names[k] + n + "×" + dims[k] + " " + linkage + ", " + threads + " threads";
        // and the raw merges themselves are the same bits for any thread count, whichever order the chain ran in
        Run r = checkRun(expected, data[k], n, dims[k], linkage, threads, what);
        Merges raw = r.merges();
        if (linkage == Linkage.COMPLETE) {
          int[] paths = {CondensedNnChain.SCIPY_ORDER, CondensedNnChain.SPATIAL_ORDER,
              CondensedNnChain.SPATIAL_THEN_SCIPY};
          assertEquals(paths[k], r.path(), what);
        }
        if (first == null) {
          first = raw;
        } else {
          assertSameMerges(first, raw, what + " against 1 thread");
        }
      }
    }
  }

  @Test
  void completeLinkageInSpatialOrderBuildsSciPysDendrogram() {
    // many seeds and sizes: continuous points take the spatial order; points with ties (integer grids, duplicated
    // points, copies whose heights repeat) take SciPy's order, from the start or after a tie; the dendrogram is
    // the literal chain's every time (and the merges too, when the chain ran in SciPy's order)
    int[] paths = new int[3];
    for (int n : new int[] {2, 3, 4, 7, 20, 60, 150, 400}) {
      for (int seed = 0; seed < 10; seed++) {
        int d = 1 + seed % 5;
        String what = "n = " + n + ", d = " + d + ", seed " + seed;
        assertEquals(CondensedNnChain.SPATIAL_ORDER,
            check(gaussian(n, d, seed), n, d, Linkage.COMPLETE, "gaussian " + what), "gaussian " + what);
        int grid = check(grid(n, d, 3 + seed % 4, seed), n, d, Linkage.COMPLETE, "grid " + what);
        paths[grid]++;
        if (n >= 20) {
          assertTrue(grid != CondensedNnChain.SPATIAL_ORDER, "grid " + what + " has ties");
        }
        // a third of the points twice (each copy's nearest is its twin; the others' nearest may be either twin)
        double[] twins = gaussian(n, d, seed + 1000);
        for (int i = 0; i + 2 < n; i += 3) {
          System.arraycopy(twins, i * d, twins, (i + 1) * d, d);
        }
        int dup = check(twins, n, d, Linkage.COMPLETE, "twins " + what);
        paths[dup]++;
        if (n >= 20) {
          assertTrue(dup != CondensedNnChain.SPATIAL_ORDER, "twins " + what + " have equal heights (0)");
        }
        if (n >= 4) {
          int m = n / 2;
          assertEquals(CondensedNnChain.SCIPY_ORDER,
              check(shiftedCopies(m, d, seed), 2 * m, d, Linkage.COMPLETE, "shifted copies " + what),
              "shifted copies " + what + ": mutually nearest pairs at equal distances, found by the fill");
        }
      }
    }
    // the fill finds most ties; some are met by the run in spatial order, which then ends
    assertTrue(paths[CondensedNnChain.SCIPY_ORDER] > 20, Arrays.toString(paths));
    assertTrue(paths[CondensedNnChain.SPATIAL_THEN_SCIPY] > 0, Arrays.toString(paths));
  }

  @Test
  void equalHeightsEndTheSpatialOrder() {
    // twoHeightsOfFive, its points in several input orders: the fill sees no tie, the run in spatial order meets
    // the second height of 5 after at least three merges (1, 2 and the first 5) and ends; SciPy's order decides
    // which of the two rows of height 5 comes first
    double[] points = twoHeightsOfFive(0);
    int[][] orders = {{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {3, 0, 4, 1, 5, 2}, {2, 5, 1, 4, 0, 3}};
    for (int[] order : orders) {
      double[] x = new double[12];
      for (int i = 0; i < 6; i++) {
        x[2 * i] = points[2 * order[i]];
        x[2 * i + 1] = points[2 * order[i] + 1];
      }
      String what = "six points in order " + Arrays.toString(order);
      Run r = checkRun(literal(x, 6, 2, Linkage.COMPLETE), x, 6, 2, Linkage.COMPLETE, 1, what);
      assertEquals(CondensedNnChain.SPATIAL_THEN_SCIPY, r.path(), what);
      assertTrue(r.abandonedAfter() >= 3, what + ": ended after " + r.abandonedAfter() + " merges");
      double[] h = Arrays.copyOf(r.merges().height, 5);
      Arrays.sort(h);
      assertEquals(1.0, h[0], what);
      assertEquals(2.0, h[1], what);
      assertEquals(5.0, h[2], what);
      assertEquals(5.0, h[3], what);
      assertEquals(Math.sqrt(104.0 * 104 + 1), h[4], what + ": (0, 0) to (104, −1)");
    }
  }

  @Test
  void aTieBetweenClustersEndsTheSpatialOrder() {
    // points -2, 0, 1, 3 on a line and 8 Gaussian points near (1000, 1000), shuffled: no point's two nearest tie
    // and no two mutually nearest pairs do (0–1 at 1 is the only such pair on the line), so the chain starts in
    // spatial order; after {0, 1} (at 1), {0, 1} is at 3 from both -2 and 3, and the first search that meets this
    // tie ends the spatial run. SciPy's chain takes -2 or 3 depending on where it comes from, which depends on the
    // input order; the layout does not follow the input order, so a spatial run that went on would miss SciPy's
    // choice for some of these orders
    Random rnd = new Random(12);
    int n = 12;
    boolean[] partner = new boolean[2];
    for (int shuffle = 0; shuffle < 24; shuffle++) {
      double[] pts = new double[2 * n];
      double[] line = {-2, 0, 1, 3};
      for (int i = 0; i < 4; i++) {
        pts[2 * i] = line[i];
      }
      for (int i = 4; i < n; i++) {
        pts[2 * i] = 1000 + rnd.nextGaussian();
        pts[2 * i + 1] = 1000 + rnd.nextGaussian();
      }
      int[] slotOf = new int[n];
      for (int i = 0; i < n; i++) {
        slotOf[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = slotOf[i];
        slotOf[i] = slotOf[j];
        slotOf[j] = t;
      }
      double[] x = new double[2 * n];
      for (int i = 0; i < n; i++) {
        x[2 * slotOf[i]] = pts[2 * i];
        x[2 * slotOf[i] + 1] = pts[2 * i + 1];
      }
      String what = "line and blob, shuffle " + shuffle;
      Merges expected = literal(x, n, 2, Linkage.COMPLETE);
      Run r = checkRun(expected, x, n, 2, Linkage.COMPLETE, 1, what);
      assertEquals(CondensedNnChain.SPATIAL_THEN_SCIPY, r.path(), what);
      assertTrue(r.abandonedAfter() >= 1, what + ": {0, 1} merged in spatial order before the tie");
      for (int k = 0; k < expected.count; k++) {
        if (expected.height[k] == 3.0) {
          partner[expected.a[k] == slotOf[0] || expected.b[k] == slotOf[0] ? 0 : 1] = true;
        }
      }
    }
    assertTrue(partner[0] && partner[1], "SciPy's chain joins {0, 1} with -2 for some orders, with 3 for others");
  }

  @Test
  void matricesSpanningSeveralChunks() {
    // 2²⁴ floats per chunk, 6,000 points need 17,997,000
    assertTrue(6000L * 5999 / 2 > CondensedNnChain.chunkCapacity(6000, 4));
    check(gaussian(6000, 3, 5), 6000, 3, Linkage.COMPLETE, "gaussian 6000×3");
    check(grid(6000, 2, 80, 6), 6000, 2, Linkage.AVERAGE, "grid 6000×2");
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void matchesTheNaiveAlgorithm(Linkage linkage) {
    // without ties: the naive greedy algorithm builds the same tree; complete heights are original distances
    // (bit for bit), average heights agree to rounding (the naive algorithm updates in another order)
    for (int[] s : new int[][] {{40, 3}, {257, 8}, {300, 5}}) {
      int n = s[0];
      int d = s[1];
      double[] x = gaussian(n, d, 3L * n + d);
      double[][] z = NaiveLinkage.linkage(x, n, d, linkage);
      Dendrogram tree = Dendrogram.fromMerges(n, ours(x, n, d, linkage, 2), null, null, linkage);
      HierarchicalReferenceTest.assertSameTree(z, tree, "gaussian " + n + "×" + d + " " + linkage);
      if (linkage == Linkage.COMPLETE) {
        double[] h = tree.heights();
        for (int r = 0; r < n - 1; r++) {
          assertEquals(z[r][2], h[r], "complete height of row " + r);
        }
      }
    }
    // with exact ties the tree is not unique: the greedy algorithm breaks ties by the globally lowest pair, the
    // chain by its own order (SciPy's), so on grids the reference is the literal chain and the definition below
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"COMPLETE", "AVERAGE"})
  void heightsFollowTheDefinitionOnGridsWithTies(Linkage linkage) {
    // every merge's height from its definition on the two sides' points: complete = the largest distance (exactly,
    // which checks the exact-height pass), average = the mean distance (to 1e-10: SciPy's recurrence rounds
    // differently from one sum of up to 10⁶ terms)
    for (int[] s : new int[][] {{400, 3, 9}, {2100, 2, 25}}) {
      int n = s[0];
      int d = s[1];
      double[] x = grid(n, d, s[2], 21L * n);
      Merges m = ours(x, n, d, linkage, 2);
      int[][] members = new int[n][];
      for (int i = 0; i < n; i++) {
        members[i] = new int[] {i};
      }
      for (int r = 0; r < m.count; r++) {
        int[] a = members[m.a[r]];
        int[] b = members[m.b[r]];
        double max = 0;
        double sum = 0;
        for (int p : a) {
          for (int q : b) {
            double e = NaiveLinkage.euclidean(x, p, q, d);
            max = Math.max(max, e);
            sum += e;
          }
        }
        if (linkage == Linkage.COMPLETE) {
          assertEquals(max, m.height[r], "grid " + n + ": merge " + r);
        } else {
          double mean = sum / ((double) a.length * b.length);
          assertEquals(mean, m.height[r], 1e-10 * mean, "grid " + n + ": merge " + r);
        }
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        members[m.b[r]] = joined;
        members[m.a[r]] = null;
      }
    }
  }

  @Test
  void blocksOfPairsReplayTheSameBitsAsTheWalkPerPoint() {
    // the final heights replay two clusters of at most DENSE_PAIRS pairs on one block of their distances; the walk
    // per point and subtree (what decisions during the chain use) is the reference, merge by merge, on Gaussian
    // blobs in 5 and 1 dimensions and a grid full of exact ties
    double[][] data = {gaussian(900, 5, 41), gaussian(700, 1, 42), grid(800, 2, 9, 43)};
    int[] dims = {5, 1, 2};
    for (int k = 0; k < data.length; k++) {
      int n = data[k].length / dims[k];
      CondensedNnChain.Average chain;
      Merges merges;
      try (Blocks blocks = new Blocks(n, 1)) {
        chain = (CondensedNnChain.Average) CondensedNnChain.fill(data[k], n, dims[k], Linkage.AVERAGE, blocks);
        merges = chain.run(blocks);
      }
      CondensedNnChain.Tree tree = chain.tree;
      CondensedNnChain.Replay blocked = new CondensedNnChain.Replay(tree, true);
      CondensedNnChain.Replay walk = new CondensedNnChain.Replay(tree, false);
      int dense = 0;
      for (int r = 0; r < n - 1; r++) {
        int a = tree.left[n + r];
        int b = tree.right[n + r];
        double expected = walk.value(a, b);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(blocked.value(a, b)),
            "data " + k + ", merge " + r);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(merges.height[r]),
            "data " + k + ", height " + r);
        if (a >= n && b >= n && (long) tree.size[a] * tree.size[b] <= CondensedNnChain.Replay.DENSE_PAIRS) {
          dense++;
        }
      }
      assertTrue(dense > 20, "data " + k + " has merges of two clusters replayed on one block: " + dense);
    }
  }

  @Test
  void blocksOfEveryShapeReplayTheSameBitsAsTheWalk() {
    // one block holds up to DENSE_PAIRS pairs: from 2 points against DENSE_PAIRS / 2 to √DENSE_PAIRS against as
    // many, each row of the smaller side an array of its own sized for the most columns it can have; pairs of
    // disjoint clusters of the tree at the edges of those shapes, both ways round, against the walk per point
    int n = 6000;
    double[] x = gaussian(n, 3, 44);
    CondensedNnChain.Average chain;
    try (Blocks blocks = new Blocks(n, 1)) {
      chain = (CondensedNnChain.Average) CondensedNnChain.fill(x, n, 3, Linkage.AVERAGE, blocks);
      chain.run(blocks);
    }
    CondensedNnChain.Tree tree = chain.tree;
    CondensedNnChain.Replay blocked = new CondensedNnChain.Replay(tree, true);
    CondensedNnChain.Replay walk = new CondensedNnChain.Replay(tree, false);
    int pairs = CondensedNnChain.Replay.DENSE_PAIRS;
    int widest = 0;
    int squarest = 0;
    int checked = 0;
    for (int a = n; a < tree.nodes; a++) {
      int sa = tree.size[a];
      if (sa > CondensedNnChain.Replay.DENSE_SIDE) {
        continue;
      }
      // the largest cluster disjoint from a that fits one block with it
      int best = -1;
      for (int b = n; b < tree.nodes; b++) {
        boolean disjoint = tree.lowRank[b] + tree.size[b] <= tree.lowRank[a]
            || tree.lowRank[a] + sa <= tree.lowRank[b];
        if (disjoint && (long) sa * tree.size[b] <= pairs && (best < 0 || tree.size[b] > tree.size[best])) {
          best = b;
        }
      }
      if (best < 0 || tree.size[best] < sa && sa > 2) {
        continue;
      }
      long expected = Double.doubleToRawLongBits(walk.value(a, best));
      assertEquals(expected, Double.doubleToRawLongBits(blocked.value(a, best)), "nodes " + a + ", " + best);
      assertEquals(expected, Double.doubleToRawLongBits(blocked.value(best, a)), "nodes " + best + ", " + a);
      widest = Math.max(widest, Math.max(sa, tree.size[best]));
      squarest = Math.max(squarest, Math.min(sa, tree.size[best]));
      checked++;
    }
    assertTrue(widest >= pairs / 8 && squarest >= CondensedNnChain.Replay.DENSE_SIDE / 2 && checked > 100,
        "shapes up to " + squarest + " × " + widest + " in " + checked + " blocks");
  }

  @Test
  void theSpatialOrderPutsNearPointsAtNearPositions() {
    // 64 points in 2 dimensions, shuffled: 16 each around (0, 0), (100, 0), (0, 1000), (100, 1000), within ±1.
    // The widest coordinate is the second (range ~1000): the first split separates y ≈ 0 from y ≈ 1000, the next
    // ones x ≈ 0 from x ≈ 100, so every corner's 16 points take 16 consecutive positions, corners in the order
    // (0, 0), (100, 0), (0, 1000), (100, 1000) (lower medians first)
    Random rnd = new Random(7);
    int n = 64;
    double[] x = new double[2 * n];
    int[] corner = new int[n];
    for (int i = 0; i < n; i++) {
      corner[i] = i % 4;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = corner[i];
      corner[i] = corner[j];
      corner[j] = t;
    }
    for (int i = 0; i < n; i++) {
      x[2 * i] = 100 * (corner[i] % 2) + 2 * rnd.nextDouble() - 1;
      x[2 * i + 1] = 1000 * (corner[i] / 2) + 2 * rnd.nextDouble() - 1;
    }
    int[] order = CondensedNnChain.spatialOrder(x, n, 2);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "a permutation");
    }
    for (int p = 0; p < n; p++) {
      assertEquals(p / 16, corner[order[p]], "position " + p);
    }
    // the leaves of at most 8 points are split at medians of their widest coordinate: inside corner 0 the first
    // 8 positions hold the 8 points with the smaller value of that corner's widest coordinate
    int widest = 0;
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int p = 0; p < 16; p++) {
      for (int k = 0; k < 2; k++) {
        lo[k] = Math.min(lo[k], x[2 * order[p] + k]);
        hi[k] = Math.max(hi[k], x[2 * order[p] + k]);
      }
    }
    if (hi[1] - lo[1] > hi[0] - lo[0]) {
      widest = 1;
    }
    double maxFirst = Double.NEGATIVE_INFINITY;
    double minSecond = Double.POSITIVE_INFINITY;
    for (int p = 0; p < 16; p++) {
      double v = x[2 * order[p] + widest];
      if (p < 8) {
        maxFirst = Math.max(maxFirst, v);
      } else {
        minSecond = Math.min(minSecond, v);
      }
    }
    assertTrue(maxFirst < minSecond, maxFirst + " < " + minSecond);
    // 40 equal points: ties by index, so the splits (40 → 20 → 10 → leaves of 5) put indices 0–9 at positions
    // 0–9, 10–19 at 10–19, and so on
    int[] same = CondensedNnChain.spatialOrder(new double[3 * 40], 40, 3);
    for (int p = 0; p < 40; p++) {
      assertEquals(p / 10, same[p] / 10, "position " + p);
    }
  }

  /** The points in the order of their first merge in the chain's merges (time order), as {@link ChainOrder} does. */
  static int[] firstMergeOrder(Merges merges, int n) {
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int p = 0;
    for (int k = 0; k < merges.count; k++) {
      for (int s : new int[] {merges.a[k], merges.b[k]}) {
        if (!seen[s]) {
          seen[s] = true;
          order[p++] = s;
        }
      }
    }
    assertEquals(n, p, "every point merges");
    return order;
  }

  @Test
  void theRehearsalIsSciPysChainWhenItKnowsEveryValue() {
    // up to K + 1 = 9 points every point's 8 nearest are all the others: the rehearsal knows every value (no cap,
    // nothing missing) and runs SciPy's average-linkage chain, so its order is the order of the true first merges
    for (int n = 2; n <= ChainOrder.NEIGHBOURS + 1; n++) {
      for (long seed = 1; seed <= 5; seed++) {
        double[] x = gaussian(n, 3, seed);
        int[] order;
        try (Blocks blocks = new Blocks(n, 1)) {
          order = CondensedNnChain.fillInChainOrder(x, n, 3, blocks).logical.clone();
        }
        Merges truth = literal(x, n, 3, Linkage.AVERAGE);
        assertEquals(Arrays.toString(firstMergeOrder(truth, n)), Arrays.toString(order), "n=" + n + " seed " + seed);
      }
    }
  }

  @Test
  void theRehearsalsOrderIsCloseToTheChainsOnBlobs() {
    // the point of the order (ChainOrder's javadoc): positions near the time of each point's first merge. Measured
    // as the mean |position − rank of the first merge| over the points, against the same for the spatial order (on
    // these three data sets: 465–661 against 999–1,177 at 3,000 points): at most two thirds of it
    int n = 3000;
    int d = 8;
    for (long seed = 11; seed <= 13; seed++) {
      double[] x = gaussian(n, d, seed);
      int[] rehearsed;
      try (Blocks blocks = new Blocks(n, 2)) {
        rehearsed = CondensedNnChain.fillInChainOrder(x, n, d, blocks).logical.clone();
      }
      int[] truth = firstMergeOrder(literal(x, n, d, Linkage.AVERAGE), n);
      double ours = rankDistance(rehearsed, truth);
      double spatial = rankDistance(CondensedNnChain.spatialOrder(x, n, d), truth);
      assertTrue(3 * ours < 2 * spatial, "seed " + seed + ": rehearsed " + ours + " against spatial " + spatial);
    }
  }

  /** Mean over the points of |position in a − position in b|. */
  static double rankDistance(int[] a, int[] b) {
    int n = a.length;
    int[] inA = new int[n];
    int[] inB = new int[n];
    for (int p = 0; p < n; p++) {
      inA[a[p]] = p;
      inB[b[p]] = p;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.abs(inA[i] - inB[i]);
    }
    return sum / n;
  }

  @Test
  void theTwoPassFillStoresWhatOnePassWould() {
    // fillInChainOrder's second pass against fillMatrix in the same order: every stored value bit for bit, every
    // row's list (slots, values) and bound; 2,500 points cross the fill's chunks of rows and blocks
    int n = 2500;
    int d = 5;
    double[] x = gaussian(n, d, 3);
    try (Blocks blocks = new Blocks(n, 2)) {
      CondensedNnChain.Average two = CondensedNnChain.fillInChainOrder(x, n, d, blocks);
      int[] order = two.logical.clone();
      CondensedNnChain.Average one = new CondensedNnChain.Average(x, order, n, d, blocks);
      one.fillMatrix(x, order, d, blocks, false);
      for (int i = 0; i < n; i++) {
        assertEquals(one.logical[i], two.logical[i]);
        for (int j = i + 1; j < n; j++) {
          if (Double.doubleToRawLongBits(one.get(i, j)) != Double.doubleToRawLongBits(two.get(i, j))) {
            assertEquals(one.get(i, j), two.get(i, j), "(" + i + ", " + j + ")");
          }
        }
        assertEquals(one.listLength[i], two.listLength[i], "row " + i);
        assertEquals(one.bound[i], two.bound[i], "row " + i + " bound");
        for (int t = 0; t < one.listLength[i]; t++) {
          assertEquals(one.listSlot[i * CondensedNnChain.K + t], two.listSlot[i * CondensedNnChain.K + t], "row " + i);
          assertEquals(one.listValue[i * CondensedNnChain.K + t], two.listValue[i * CondensedNnChain.K + t], "row " + i);
        }
      }
    }
  }

  @Test
  void averageLinkageAboveTheRehearsalsDimensionsKeepsTheSpatialOrder() {
    // beyond ChainOrder.MAX_DIMENSIONS the fill keeps the spatial order (one pass); the merges are SciPy's either way
    int n = 700;
    int d = ChainOrder.MAX_DIMENSIONS + 1;
    double[] x = gaussian(n, d, 5);
    try (Blocks blocks = new Blocks(n, 2)) {
      CondensedNnChain chain = CondensedNnChain.fill(x, n, d, Linkage.AVERAGE, blocks);
      assertEquals(Arrays.toString(CondensedNnChain.spatialOrder(x, n, d)), Arrays.toString(chain.logical));
    }
    assertSameMerges(literal(x, n, d, Linkage.AVERAGE), ours(x, n, d, Linkage.AVERAGE, 2), "d=" + d);
    // and at the limit the rehearsal's order
    int e = ChainOrder.MAX_DIMENSIONS;
    double[] y = gaussian(n, e, 5);
    try (Blocks blocks = new Blocks(n, 2)) {
      CondensedNnChain chain = CondensedNnChain.fill(y, n, e, Linkage.AVERAGE, blocks);
      assertTrue(!Arrays.equals(CondensedNnChain.spatialOrder(y, n, e), chain.logical), "the rehearsal's order");
    }
    assertSameMerges(literal(y, n, e, Linkage.AVERAGE), ours(y, n, e, Linkage.AVERAGE, 2), "d=" + e);
  }

  @Test
  void memoryOfTheLayout() {
    // 313 × 314 / 2 tiles of 32 × 32 floats at 10,000 points (4 bytes each, complete and average) and 12 bytes of
    // index per row: n(n−1)/2 values and 0.65 % more
    long tiles = 313L * 314 / 2 * 1024;
    assertEquals(4 * tiles + 120_000, CondensedNnChain.matrixBytes(10_000, Linkage.COMPLETE));
    assertEquals(4 * tiles + 120_000, CondensedNnChain.matrixBytes(10_000, Linkage.AVERAGE));
    assertEquals(201_281_536 + 120_000, CondensedNnChain.matrixBytes(10_000, Linkage.COMPLETE));
    // what is allocated is what matrixBytes says (the chunks hold whole tile-rows; two chunks at these sizes)
    for (Linkage linkage : new Linkage[] {Linkage.COMPLETE, Linkage.AVERAGE}) {
      int n = 6000;
      CondensedNnChain chain = CondensedNnChain.fill(new double[n], n, 1, linkage, new Blocks(n, 1));
      long values = 0;
      java.util.Set<Object> chunks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (int i = 0; i < n; i++) {
        Object r = chain instanceof CondensedNnChain.Complete c ? c.row[i] : ((CondensedNnChain.Average) chain).row[i];
        if (chunks.add(r)) {
          values += r instanceof float[] f ? f.length : ((double[]) r).length;
        }
      }
      long t = CondensedNnChain.tiles(n);
      assertEquals(t * (t + 1) / 2 * 1024, values, linkage.toString());
      assertEquals(2, chunks.size(), linkage.toString());
    }
    // the whole working set of complete and average linkage at 10,000 × 8 stays far under fastcluster's 382 MiB:
    // the matrix's 192 MiB and the per-point state (average: also the fill's first pass and the rehearsal, 6 MiB)
    assertTrue(Hierarchical.memoryEstimate(Linkage.COMPLETE, 10_000, 8) < 200L << 20);
    assertTrue(Hierarchical.memoryEstimate(Linkage.AVERAGE, 10_000, 8) < 210L << 20);
  }
}
