package dev.segmint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.kernel.internal.KernelProvider;
import org.junit.jupiter.api.Test;

/** Selection rules of the provider, in whatever runtime this run is. */
class KernelProviderTest {

  @Test
  void scalarCanAlwaysBeForced() {
    KernelProvider.Selection s = KernelProvider.select("scalar");
    assertEquals("scalar", s.kernel().name());
    assertFalse(s.warning());
    assertTrue(s.reason().contains("-Dsegmint.kernel=scalar"), s.reason());
  }

  @Test
  void autoTakesPanamaExactlyWhenAvailable() {
    KernelProvider.Selection s = KernelProvider.select("auto");
    assertEquals(KernelProvider.panamaAvailable() ? "panama" : "scalar", s.kernel().name(), s.reason());
    if (Kernels.EXPECTED.equals("panama")) {
      assertTrue(KernelProvider.panamaAvailable(), KernelProvider.panamaUnavailableReason());
      assertEquals("panama", s.kernel().name(), s.reason());
    }
    if (Kernels.EXPECTED.equals("scalar")) {
      assertFalse(KernelProvider.panamaAvailable(), "Panama must not load in this run");
      String why = KernelProvider.panamaUnavailableReason();
      assertTrue(why.contains("Java 25 or newer") || why.contains("--add-modules jdk.incubator.vector"), why);
    }
  }

  @Test
  void forcedPanamaFallsBackWithAWarningWhenUnavailable() {
    KernelProvider.Selection s = KernelProvider.select("PANAMA");
    if (KernelProvider.panamaAvailable()) {
      assertEquals("panama", s.kernel().name());
      assertFalse(s.warning());
    } else {
      assertEquals("scalar", s.kernel().name());
      assertTrue(s.warning());
      assertTrue(s.reason().contains("was requested but the Panama kernels are unavailable"), s.reason());
    }
  }

  @Test
  void unknownValuesAreTreatedAsAutoWithAWarning() {
    KernelProvider.Selection s = KernelProvider.select("simd");
    assertTrue(s.warning());
    assertTrue(s.reason().startsWith("unknown -Dsegmint.kernel=simd"), s.reason());
    assertEquals(KernelProvider.select("auto").kernel().name(), s.kernel().name());
  }
}
