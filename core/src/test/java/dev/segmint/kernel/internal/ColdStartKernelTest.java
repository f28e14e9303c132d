package dev.segmint.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cold start: calls go to the scalar twin until the warm-up has seen the Panama kernels run compiled, then to
 * the Panama kernels, with the same results before and after; a small amount of work never starts the warm-up.
 */
class ColdStartKernelTest {

  @Test
  void callsMoveToThePanamaKernelsOnceTheyAreCompiledWithTheSameResults() {
    assumeTrue(KernelProvider.panamaAvailable(), () -> "needs the Panama kernels: "
        + KernelProvider.panamaUnavailableReason());
    ColdStartKernel kernel = new ColdStartKernel(KernelProvider.panama());
    SplittableRandom r = new SplittableRandom(5);
    int n = 300;
    int d = 6;
    int k = 7;
    double[] points = new double[n * d];
    for (int i = 0; i < points.length; i++) {
      points[i] = r.nextDouble(-3, 3);
    }
    double[] centroids = java.util.Arrays.copyOf(points, k * d);
    int[] coldIndex = new int[n];
    double[] coldDist = new double[n];
    // 300 × 7 × 6 = 12,600 multiply-adds: far below the warm-up threshold, so no thread starts
    kernel.nearestCentroids(points, 0, n, d, centroids, k, coldIndex, coldDist, null);
    assertFalse(kernel.hot(), kernel.state());
    assertTrue(kernel.state().contains("scalar twin"), kernel.state());
    kernel.warmUp();   // on this thread, to completion
    assertTrue(kernel.hot(), "the Panama kernels never ran compiled: " + kernel.state());
    assertTrue(kernel.state().startsWith("Panama kernels compiled after"), kernel.state());
    int[] hotIndex = new int[n];
    double[] hotDist = new double[n];
    kernel.nearestCentroids(points, 0, n, d, centroids, k, hotIndex, hotDist, null);
    assertArrayEquals(coldIndex, hotIndex);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(coldDist[i]), Double.doubleToRawLongBits(hotDist[i]), "point " + i);
    }
    // the labels are the nearest centroids (the first k points are the centroids themselves)
    for (int c = 0; c < k; c++) {
      assertEquals(c, hotIndex[c]);
      assertEquals(0.0, hotDist[c]);
    }
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
