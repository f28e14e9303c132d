package dev.segmint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.features.RfmFeatures;
import org.junit.jupiter.api.Test;

/** The benchmark bodies give the right answers (so the timed work is the real work). */
class RfmBenchmarkTest {

  @Test
  void bodiesComputeTheRealThing() {
    RfmBenchmark b = new RfmBenchmark();
    b.setup();
    assertEquals(541_909, b.transactions.rowCount());
    RfmFeatures.Result r = b.rfm();
    assertEquals(4338, r.table().rowCount());
    assertEquals(8_911_407.904, r.table().doubleColumn("monetary").sum(), 0.01);
    assertEquals(541_909, r.report().rowsRead());
  }
}
