package dev.segmint.benchmarks.mixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KPrototypes;
import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** The benchmark body does the real work: a fit to convergence, with and without bounds alike. */
class KPrototypesBenchmarkTest {

  @Test
  void bodyFitsTheGeneratedGroups() {
    KPrototypesBenchmark b = new KPrototypesBenchmark();
    b.n = 20_000;
    b.threads = 2;
    b.bounds = true;
    b.setUp();
    KPrototypes.Result fast = b.fit();
    b.bounds = false;
    b.setUp();
    KPrototypes.Result plain = b.fit();
    assertArrayEquals(plain.labels(), fast.labels());
    assertEquals(plain.diagnostics().iterations(), fast.diagnostics().iterations());
    assertTrue(fast.distancesSaved() > 0, KPrototypesBenchmark.outcome(fast));
    // from customers 0, n/8, 2n/8, ... (not one per group) it takes several iterations to a local optimum
    assertTrue(fast.diagnostics().iterations() >= 3, KPrototypesBenchmark.outcome(fast));
    assertEquals(20_000, java.util.Arrays.stream(fast.sizes()).sum());
    assertEquals(plain.cost(), fast.cost(), 0);
    FeatureMatrix again = KPrototypesBenchmark.generate(20_000);
    assertArrayEquals(again.toCodeArray(), KPrototypesBenchmark.generate(20_000).toCodeArray());
    assertEquals(8, again.columns());
    assertEquals(4, again.categoricalColumns());
  }
}
