package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** The range check names the first value of the largest magnitude, and passes values inside the range. */
  @Test
  void theRangeMessageNamesTheFirstLargestValue() {
    String[] ids = {"a", "b", "c", "d", "e"};
    FeatureMatrix big = FeatureMatrix.of(ids, new String[] {"x", "y"},
        new double[][] {{0, 1}, {3e149, 5}, {1, -2e150}, {2e150, 0}, {1, 1}});
    assertEquals("feature 'y' is -2.0E150 for customer c; distances overflow for values beyond ±1e150: scale the "
        + "features first (Scaler, --scale standard) or change their unit",
        assertThrows(IllegalArgumentException.class, big::requireDistanceRange).getMessage());
    FeatureMatrix tiny = FeatureMatrix.of(ids, new String[] {"x", "y"},
        new double[][] {{0, 1e-160}, {0, 0}, {-3e-151, 0}, {0, 3e-151}, {0, 0}});
    assertTrue(assertThrows(IllegalArgumentException.class, tiny::requireDistanceRange).getMessage()
        .startsWith("every feature value is smaller than 1e-150 in magnitude (the largest is -3.0E-151, feature 'x')"));
    FeatureMatrix.of(ids, new String[] {"x"}, new double[][] {{1e150}, {-1e-150}, {0}, {0}, {0}}).requireDistanceRange();
    FeatureMatrix.of(ids, new String[] {"x"}, new double[][] {{0}, {0}, {0}, {0}, {0}}).requireDistanceRange();
  }

  /** The tolerance's scale: the same bits as summing each column over the rows, then the columns in order. */
  @Test
  void meanVarianceHasTheBitsOfTheRowByRowSums() {
    Random r = new Random(11);
    for (int d : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13}) {
      for (int n : new int[] {1, 2, 37, 1001}) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
          x[i] = (r.nextGaussian() * 1e3 + 17) * (1 + (i % d));
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            mean[j] += x[i * d + j];
          }
        }
        double[] ss = new double[d];
        for (int j = 0; j < d; j++) {
          mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double t = x[i * d + j] - mean[j];
            ss[j] += t * t;
          }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
          total += ss[j] / n;
        }
        assertEquals(total / d, KMeans.meanVariance(x, n, d), 0.0, "d=" + d + " n=" + n);
      }
    }
    // a hand-computed case: columns (1, 3) and (2, 6): variances 1 and 4, mean 2.5
    assertEquals(2.5, KMeans.meanVariance(new double[] {1, 2, 3, 6}, 2, 2), 0.0);
  }

  /** Three blobs of 150, 100 and 50 points around (0,0), (20,0), (0,20), radius ≤ 1. */
  static final double[][] CENTERS = {{0, 0}, {20, 0}, {0, 20}};
  static final int[] SIZES = {150, 100, 50};

  static FeatureMatrix blobs(int scale, long seed, int[] truthOut) {
    Random rnd = new Random(seed);
    int n = 0;
    for (int s : SIZES) {
      n += s * scale;
    }
    double[][] rows = new double[n][];
    String[] ids = new String[n];
    int i = 0;
    for (int b = 0; b < 3; b++) {
      for (int p = 0; p < SIZES[b] * scale; p++) {
        double angle = rnd.nextDouble() * 2 * Math.PI;
        double r = rnd.nextDouble();
        rows[i] = new double[] {CENTERS[b][0] + r * Math.cos(angle), CENTERS[b][1] + r * Math.sin(angle)};
        ids[i] = "c" + i;
        if (truthOut != null) {
          truthOut[i] = b;
        }
        i++;
      }
    }
    return FeatureMatrix.of(ids, new String[] {"x", "y"}, rows);
  }

  @Test
  void recoversSeparatedBlobsExactly() {
    int[] truth = new int[300];
    FeatureMatrix m = blobs(1, 7, truth);
    KMeans.Result r = KMeans.fit(m, KMeans.Options.of(3).withSeed(1));
    // sizes 150 > 100 > 50, so segments are numbered like the blobs
    assertArrayEquals(truth, r.labels());
    assertArrayEquals(new long[] {150, 100, 50}, r.sizes());
    assertTrue(r.converged());
    // inertia = sum of squared distances to each blob's own mean, computed independently here
    double expected = 0;
    for (int b = 0; b < 3; b++) {
      double mx = 0;
      double my = 0;
      int c = 0;
      for (int i = 0; i < 300; i++) {
        if (truth[i] == b) {
          mx += m.get(i, 0);
          my += m.get(i, 1);
          c++;
        }
      }
      mx /= c;
      my /= c;
      assertEquals(mx, r.centroids()[b][0], 1e-12);
      assertEquals(my, r.centroids()[b][1], 1e-12);
      for (int i = 0; i < 300; i++) {
        if (truth[i] == b) {
          expected += (m.get(i, 0) - mx) * (m.get(i, 0) - mx) + (m.get(i, 1) - my) * (m.get(i, 1) - my);
        }
      }
    }
    assertEquals(expected, r.inertia(), 1e-9 * expected);
    assertArrayEquals(new int[] {0, 1, 2}, r.predict(new double[][] {{0.5, 0.5}, {19, 1}, {-1, 21}}));
  }

  @Test
  void sameSeedSameResultWhateverTheThreadCount() {
    // 30,000 points: several blocks, so threads really split the work
    FeatureMatrix m = blobs(100, 3, null);
    KMeans.Result one = KMeans.fit(m, KMeans.Options.of(8).withSeed(5).withNInit(2).withThreads(1));
    for (int threads : new int[] {2, 8}) {
      KMeans.Result many = KMeans.fit(m, KMeans.Options.of(8).withSeed(5).withNInit(2).withThreads(threads));
      assertArrayEquals(one.labels(), many.labels(), "labels with " + threads + " threads");
      assertEquals(Double.doubleToLongBits(one.inertia()), Double.doubleToLongBits(many.inertia()),
          "inertia bit for bit with " + threads + " threads");
      for (int c = 0; c < 8; c++) {
        assertArrayEquals(one.centroids()[c], many.centroids()[c], 0.0);
      }
    }
  }

  @Test
  void smallFitsRunTheirSeedingsSideBySideWithTheSameResult() {
    // 1,500 uniform points, k = 9: under PARALLEL_MIN_WORK, so the seedings, not the passes, go to the threads;
    // uniform data has many local optima, so the seedings end at different inertias and the winner matters
    Random rnd = new Random(11);
    double[][] rows = new double[1500][];
    String[] ids = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};
      ids[i] = "c" + i;
    }
    FeatureMatrix m = FeatureMatrix.of(ids, new String[] {"x", "y"}, rows);
    assertTrue((long) 1500 * 9 * 2 < KMeans.PARALLEL_MIN_WORK);
    for (long seed : new long[] {1, 2, 3}) {
      KMeans.Options o = KMeans.Options.of(9).withSeed(seed).withNInit(7);
      KMeans.Result one = KMeans.fit(m, o.withThreads(1));
      // the winner is the lowest inertia of the seedings, each fitted alone from the same starting centroids
      double lowest = Double.POSITIVE_INFINITY;
      java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
      for (int r = 0; r < 7; r++) {
        long runSeed = seeds.nextLong();
        double[] x = dev.segmint.internal.MatrixValues.shared(m);
        KMeansRun run = new LloydRun(x, Inputs.weights(null, 1500, false), 1500, 2, 9, new Blocks(1500, 1),
            new dev.segmint.kernel.PackedPoints[1]);
        Seeding.seed(KMeans.Init.K_MEANS_PLUS_PLUS, run, new java.util.SplittableRandom(runSeed), runSeed);
        run.iterate(o.maxIter(), o.tolerance() * KMeans.meanVariance(x, 1500, 2));
        lowest = Math.min(lowest, run.inertia);
      }
      assertEquals(lowest, one.inertia(), 0.0, "seed " + seed);
      for (int threads : new int[] {2, 3, 8}) {
        KMeans.Result many = KMeans.fit(m, o.withThreads(threads));
        assertArrayEquals(one.labels(), many.labels(), "labels with " + threads + " threads, seed " + seed);
        assertEquals(Double.doubleToLongBits(one.inertia()), Double.doubleToLongBits(many.inertia()));
        assertEquals(one.iterations(), many.iterations());
        assertEquals(one.distanceComputations(), many.distanceComputations(), "over all seedings");
        for (int c = 0; c < 9; c++) {
          assertArrayEquals(one.centroids()[c], many.centroids()[c], 0.0);
        }
      }
    }
  }

  @Test
  void labelsAreNumberedBySizeLargestFirst() {
    FeatureMatrix m = blobs(1, 11, null);
    long[] sizes = KMeans.fit(m, KMeans.Options.of(5).withSeed(3)).sizes();
    for (int c = 1; c < sizes.length; c++) {
      assertTrue(sizes[c - 1] >= sizes[c], java.util.Arrays.toString(sizes));
    }
  }

  @Test
  void resultsAreCopies() {
    KMeans.Result r = KMeans.fit(blobs(1, 7, null), KMeans.Options.of(3));
    r.labels()[0] = 99;
    r.centroids()[0][0] = 99;
    assertEquals(0, r.labels()[0]);
    assertTrue(r.centroids()[0][0] < 2);
  }

  @Test
  void badInputIsNamed() {
    FeatureMatrix m = blobs(1, 7, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(m, KMeans.Options.of(301)));
    assertTrue(e.getMessage().contains("k = 301") && e.getMessage().contains("300"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(0));
    assertTrue(e.getMessage().contains("k must be at least 1"), e.getMessage());
    FeatureMatrix same = FeatureMatrix.of(new String[] {"a", "b", "c"}, new String[] {"x"},
        new double[][] {{1}, {1}, {1}});
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(same, KMeans.Options.of(2)));
    assertTrue(e.getMessage().contains("only 1 distinct points"), e.getMessage());
  }
}
