package dev.segmint.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.KernelProvider;

/** Test helpers: which kernels this run must exercise, and naive references. */
final class Kernels {

  /** Set by the Surefire executions: "scalar" (no Panama here) or "panama" (Panama must be selected). */
  static final String EXPECTED = System.getProperty("segmint.expect.kernel", "");

  private Kernels() {}

  /**
   * The kernel named {@code name}. For "panama": skips (with the reason) when it is unavailable in this run,
   * but fails when this run is the one that must exercise it.
   */
  static DistanceKernel kernel(String name) {
    if (name.equals("scalar")) {
      return KernelProvider.scalar();
    }
    if (EXPECTED.equals("panama")) {
      assertTrue(KernelProvider.panamaAvailable(),
          "this run must exercise the Panama kernels but they are unavailable: "
              + KernelProvider.panamaUnavailableReason());
    } else if (!KernelProvider.panamaAvailable() && EXPECTED.isEmpty()) {
      // an IDE run without the flag: say why the Panama half is skipped
      System.err.println("Panama parity tests skipped: " + KernelProvider.panamaUnavailableReason());
    }
    assumeTrue(KernelProvider.panamaAvailable(),
        () -> "Panama parity test skipped: " + KernelProvider.panamaUnavailableReason());
    return KernelProvider.panama();
  }

  static double naiveSquared(double[] a, int ao, double[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double e = a[ao + j] - b[bo + j];
      s += e * e;
    }
    return s;
  }

  /** Error bound for a sum of d non-negative rounded terms, relative to the sum: a few units per term. */
  static double tolerance(int d, double magnitude) {
    return 4.0 * (d + 2) * Math.ulp(1.0) * magnitude + Double.MIN_NORMAL;
  }
}
