package dev.segmint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmint.kernel.internal.KernelProvider;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body once on small data and checks its answer against an independent computation, so
 * that a benchmark never measures a wrong or dead computation.
 */
class BenchmarkSanityTest {

  /**
   * The Panama bodies need segmint-core as its multi-release jar (as in {@code mvn verify}, where the reactor
   * puts the packaged jar on the class path) and jdk.incubator.vector (added by this module's Surefire argLine).
   * Under {@code mvn test} core is a classes folder, so they are skipped, saying why.
   */
  static void requirePanama() {
    String location = String.valueOf(KernelProvider.class.getProtectionDomain().getCodeSource().getLocation());
    if (location.endsWith(".jar")) {
      assertTrue(KernelProvider.panamaAvailable(), "core is a jar here, so Panama must load: "
          + KernelProvider.panamaUnavailableReason());
    }
    assumeTrue(KernelProvider.panamaAvailable(),
        () -> "Panama benchmark bodies skipped: " + KernelProvider.panamaUnavailableReason());
  }

  static double naiveSum(double[] rows, double[] q, int n, int d) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Data.naiveSquared(rows, i * d, q, 0, d);
    }
    return s;
  }

  @Test
  void pairBenchmarks() {
    for (int d : new int[] {3, 16, 257}) {
      PairBenchmark b = new PairBenchmark();
      b.d = d;
      b.setup();
      double ref = naiveSum(b.rows, b.query, PairBenchmark.ROWS, d);
      double tol = 1e-12 * ref;
      assertEquals(ref, b.naiveSquaredDistance(), 0.0);
      assertEquals(ref, b.scalarSquaredDistance(), tol);
      assertEquals(ref, b.smileSquaredDistance(), tol);
      requirePanama();
      assertEquals(ref, b.panamaSquaredDistance(), tol);
    }
  }

  @Test
  void nearestCentroidBenchmarks() {
    for (int[] dk : new int[][] {{3, 4}, {16, 16}, {257, 8}}) {
      NearestCentroidBenchmark b = new NearestCentroidBenchmark();
      b.d = dk[0];
      b.k = dk[1];
      b.setup();
      int n = NearestCentroidBenchmark.N;
      int[] idx = new int[n];
      long expected = Data.naiveNearest(b.points, 0, n, b.d, b.centroids, b.k, idx, new double[n], new double[n]);
      assertTrue(expected > 0, "a trivial answer would not test anything");
      assertEquals(expected, b.scalar());
      assertArrayEquals(idx, b.idx);
      requirePanama();
      assertEquals(expected, b.panama(), "d=" + b.d + " k=" + b.k);
      assertEquals(expected, b.panamaPacked(), "d=" + b.d + " k=" + b.k);
    }
  }

  @Test
  void largeNearestCentroidBenchmarks() {
    LargeNearestCentroidBenchmark b = new LargeNearestCentroidBenchmark();
    LargeNearestCentroidBenchmark.Points p = new LargeNearestCentroidBenchmark.Points();
    p.n = 3001;
    p.d = 16;
    p.k = 16;
    p.setup();
    LargeNearestCentroidBenchmark.Out o = new LargeNearestCentroidBenchmark.Out();
    o.setup(p);
    int[] idx = new int[p.n];
    long expected = Data.naiveNearest(p.points, 0, p.n, p.d, p.centroids, p.k, idx, new double[p.n],
        new double[p.n]);
    LongSupplier[] scalarBodies = {() -> b.naive(p, o), () -> b.smile(p, o), () -> b.scalar(p, o),
        () -> b.scalarAllThreads(p, o)};
    for (LongSupplier body : scalarBodies) {
      assertEquals(expected, body.getAsLong());
      assertArrayEquals(idx, o.idx);
    }
    requirePanama();
    LongSupplier[] panamaBodies = {() -> b.panama(p, o), () -> b.panamaPacked(p, o),
        () -> b.panamaAllThreads(p, o), () -> b.panamaPackedAllThreads(p, o)};
    for (LongSupplier body : panamaBodies) {
      assertEquals(expected, body.getAsLong());
    }
  }

  @Test
  void blockBenchmarks() {
    for (int d : new int[] {3, 16, 257}) {
      BlockBenchmark b = new BlockBenchmark();
      b.d = d;
      b.setup();
      int bl = BlockBenchmark.BLOCK;
      double last = Data.naiveSquared(b.a, (bl - 1) * d, b.b, (bl - 1) * d, d);
      assertEquals(last, b.scalarBlockDistances(), 0.0);
      double[] expected = new double[bl * bl];
      for (int i = 0; i < bl; i++) {
        for (int j = 0; j < bl; j++) {
          expected[i * bl + j] = Data.naiveSquared(b.a, i * d, b.b, j * d, d);
        }
      }
      assertArrayEquals(expected, b.out, 0.0, "scalar block distances are the naive loop's bits");
      requirePanama();
      assertEquals(last, b.panamaBlockDistances(), 1e-12 * last);
      for (int q = 0; q < bl * bl; q++) {
        assertEquals(expected[q], b.out[q], 1e-12 * expected[q], "panama block distance " + q);
      }
    }
  }

  @Test
  void limitBenchmarks() {
    LimitsBenchmark b = new LimitsBenchmark();
    LimitsBenchmark.Stream s = new LimitsBenchmark.Stream();
    s.length = 4099;
    s.setup();
    double expected = 0;
    for (int i = 0; i < s.length; i++) {
      expected += i & 1023;
    }
    assertEquals(expected, b.streamOneThread(s), 0.0);
    assertEquals(expected, b.streamAllThreads(s), 0.0);
    // x ← 0.999999·x + 1e-7 from 1, 1000 steps, in 12 chains of lanes() lanes
    double x = 1;
    for (int i = 0; i < 1000; i++) {
      x = Math.fma(x, 0.999999, 1e-7);
    }
    assertEquals(12 * LimitsBenchmark.lanes() * x, LimitsBenchmark.fma(1000), 1e-9);
    assertTrue(b.fmaOneThread() > 0);
  }
}
