package dev.segmint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.cycle.Tracking;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The benchmark bodies do the real work: 8 snapshots, the last one equal to the plain RFM's customers. */
class TrackerBenchmarkTest {

  @Test
  void bodiesComputeTheRealThing() {
    TrackerBenchmark b = new TrackerBenchmark();
    b.setup();
    Tracking t = b.track8Quarters();
    assertEquals(8, t.snapshots().size());
    assertEquals(LocalDate.of(2012, 10, 1), t.snapshots().get(7).asOf());
    assertEquals(4338, t.snapshots().get(7).size(), "after the data end, every customer of the plain RFM");
    assertEquals(4338, b.rfmOnce().table().rowCount());
    assertEquals(7, t.migrations().size());
  }
}
