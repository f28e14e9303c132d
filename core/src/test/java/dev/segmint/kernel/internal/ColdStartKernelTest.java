package dev.segmint.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cold start: calls split between a Panama probe and the scalar twin give exactly the Panama kernels' results
 * in every state; small calls never probe; three timed wins in a row (and only in a row) switch an entry point.
 */
class ColdStartKernelTest {

  private static ColdStartKernel kernel() {
    assumeTrue(KernelProvider.panamaAvailable(), () -> "needs the Panama kernels: "
        + KernelProvider.panamaUnavailableReason());
    return new ColdStartKernel(KernelProvider.panama());
  }

  private static double[] values(SplittableRandom r, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = r.nextDouble(-3, 3);
    }
    return v;
  }

  private static void sameBits(double[] want, double[] got, int len, String what) {
    for (int i = 0; i < len; i++) {
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + " " + i);
    }
  }

  /**
   * The selection reads the vector shape with a plain call: the Java 25 {@code PanamaShape} from the packaged
   * multi-release jar (the panama runs), its Java 17 stand-in from a classes folder or on Java 17 (the default runs).
   */
  @Test
  void theShapeComesFromTheVersionTheClassPathServes() {
    int bits = PanamaShape.preferredBits();
    if ("panama".equals(System.getProperty("segmint.expect.kernel"))) {
      String expect = System.getProperty("segmint.expect.vectorBits");
      if (expect != null) {
        assertEquals(Integer.parseInt(expect), bits);
      } else {
        assertTrue(bits == 128 || bits == 256 || bits == 512, "preferred bits " + bits);
      }
      ScalarTwinKernel twin = (ScalarTwinKernel) KernelProvider.select("auto").kernel().scalarTwin();
      assertEquals(bits / Double.SIZE, twin.lanes());
    } else {
      assertEquals(PanamaShape.NOT_COMPILED, bits);
      assertEquals(0, bits);
    }
  }

  @Test
  void theDescriptionNamesBitsLanesAndFma() {
    assertEquals("Panama Vector API, 512-bit vectors, 8 double lanes, fused multiply-add",
        KernelProvider.describe(8, true));
    assertEquals("Panama Vector API, 256-bit vectors, 4 double lanes, separate multiply and add (no fast FMA)",
        KernelProvider.describe(4, false));
  }

  @Test
  void everyCallGivesThePanamaBitsWhateverRanIt() {
    ColdStartKernel cold = kernel();
    cold.addColdWork(ColdStartKernel.PROBE_AFTER);   // past the threshold: large calls probe the Panama kernels
    DistanceKernel panama = KernelProvider.panama();
    SplittableRandom r = new SplittableRandom(5);
    int d = 6;
    int k = 7;
    int n = 300;
    double[] points = values(r, n * d);
    double[] packed = PackedLayout.pack(points, 0, n, d);
    double[] centroids = values(r, k * d);
    int from = 5;
    int to = 263;
    int m = to - from;
    int[] wantIndex = new int[m];
    double[] wantDist = new double[m];
    double[] wantSecond = new double[m];
    panama.nearestCentroidsPacked(packed, from, to, d, centroids, k, wantIndex, wantDist, wantSecond);
    double[] wantBlock = new double[m * k];
    panama.squaredDistances(points, from, to, centroids, 0, k, d, wantBlock);
    double[] wantPackedBlock = new double[m * k];
    panama.squaredDistancesPacked(packed, from, to, d, centroids, 0, k, wantPackedBlock);
    // many calls: cold (probe + twin) at first, on Panama once they win; the same bits throughout
    for (int call = 0; call < 400; call++) {
      int[] idx = new int[m];
      double[] dist = new double[m];
      double[] second = new double[m];
      cold.nearestCentroidsPacked(packed, from, to, d, centroids, k, idx, dist, second);
      assertArrayEquals(wantIndex, idx, "packed nearest, call " + call);
      sameBits(wantDist, dist, m, "packed nearest distance, call " + call + ", point");
      sameBits(wantSecond, second, m, "packed nearest second, call " + call + ", point");
      cold.nearestCentroids(points, from, to, d, centroids, k, idx, dist, null);
      assertArrayEquals(wantIndex, idx, "row-major nearest, call " + call);
      sameBits(wantDist, dist, m, "row-major nearest distance, call " + call + ", point");
      double[] block = new double[m * k];
      cold.squaredDistances(points, from, to, centroids, 0, k, d, block);
      sameBits(wantBlock, block, m * k, "block distances, call " + call + ", entry");
      cold.squaredDistancesPacked(packed, from, to, d, centroids, 0, k, block);
      sameBits(wantPackedBlock, block, m * k, "packed block distances, call " + call + ", entry");
      double p = cold.squaredDistance(points, 0, points, 40 * d, 40);
      assertEquals(Double.doubleToRawLongBits(panama.squaredDistance(points, 0, points, 40 * d, 40)),
          Double.doubleToRawLongBits(p), "pair, call " + call);
    }
  }

  @Test
  void smallCallsNeverProbeAndOnlyWinsInARowSwitch() {
    ColdStartKernel cold = kernel();
    cold.addColdWork(ColdStartKernel.PROBE_AFTER);
    SplittableRandom r = new SplittableRandom(6);
    int d = 3;
    int k = 4;
    double[] points = values(r, 32 * d);
    double[] centroids = values(r, k * d);
    for (int call = 0; call < 2_000; call++) {
      cold.nearestCentroids(points, 0, 32, d, centroids, k, new int[32], new double[32], null);
    }
    assertFalse(cold.hot(ColdStartKernel.NEAREST), "a call of 2 × PROBE points or fewer is never timed");
    assertTrue(cold.state().contains("on the scalar twin: nearest centroid"), cold.state());
    cold.record(ColdStartKernel.NEAREST_PACKED, true);
    cold.record(ColdStartKernel.NEAREST_PACKED, true);
    cold.record(ColdStartKernel.NEAREST_PACKED, false);
    cold.record(ColdStartKernel.NEAREST_PACKED, true);
    cold.record(ColdStartKernel.NEAREST_PACKED, true);
    assertFalse(cold.hot(ColdStartKernel.NEAREST_PACKED), "a loss resets the count");
    cold.record(ColdStartKernel.NEAREST_PACKED, true);
    assertTrue(cold.hot(ColdStartKernel.NEAREST_PACKED), "three wins in a row switch");
    assertTrue(cold.state().contains("compiled: nearest centroid (packed)"), cold.state());
  }

  @Test
  void theSelectionLoadsThePanamaKernelsOnlyAtTheFirstProbe() {
    KernelProvider.Selection s = KernelProvider.select("panama");
    assumeTrue(s.kernel() instanceof ColdStartKernel, () -> "needs the Panama kernels: " + s.reason());
    ColdStartKernel cold = (ColdStartKernel) s.kernel();
    DistanceKernel panama = KernelProvider.panama();
    // the twin built from the vector shape alone is the twin of the kernels that load later
    assertTrue(((ScalarTwinKernel) cold.scalarTwin()).sameArithmetic((ScalarTwinKernel) panama.scalarTwin()),
        cold.scalarTwin() + " against " + panama.scalarTwin());
    assertEquals(panama.toString() + "; " + cold.state(), cold.toString());
    SplittableRandom r = new SplittableRandom(7);
    int d = 5;
    int k = 6;
    int n = 200;
    double[] points = values(r, n * d);
    double[] centroids = values(r, k * d);
    int[] wantIndex = new int[n];
    double[] wantDist = new double[n];
    panama.nearestCentroids(points, 0, n, d, centroids, k, wantIndex, wantDist, null);
    int[] idx = new int[n];
    double[] dist = new double[n];
    cold.nearestCentroids(points, 0, n, d, centroids, k, idx, dist, null);
    assertFalse(cold.loaded(), "below the work threshold the Panama kernels are not even loaded");
    assertArrayEquals(wantIndex, idx);
    sameBits(wantDist, dist, n, "twin distance");
    cold.addColdWork(ColdStartKernel.PROBE_AFTER);
    cold.nearestCentroids(points, 0, n, d, centroids, k, idx, dist, null);
    assertTrue(cold.loaded(), "the first probe loads them");
    assertArrayEquals(wantIndex, idx);
    sameBits(wantDist, dist, n, "probed distance");
  }

  @Test
  void theSelectedPanamaKernelsStartOnTheirTwin() {
    KernelProvider.Selection s = KernelProvider.select("auto");
    if (s.kernel().name().equals("panama")) {
      assertTrue(s.kernel() instanceof ColdStartKernel, s.kernel().getClass().getName());
      assertTrue(s.reason().contains("scalar twin (same results bit for bit)"), s.reason());
    } else {
      assertTrue(s.kernel() instanceof ScalarDistanceKernel);
      assertFalse(s.reason().contains("twin"), s.reason());
    }
  }
}
