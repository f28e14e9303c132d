package dev.segmint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.ValuePredictions;
import org.junit.jupiter.api.Test;

/** The benchmark bodies do the real work on the data they name. */
class CustomerValueBenchmarkTest {

  @Test
  void bodiesComputeTheRealThing() {
    CustomerValueBenchmark b = new CustomerValueBenchmark();
    b.setup();
    CalibrationSummary s = b.retailSummary();
    assertEquals(CustomerValueBenchmark.CALIBRATION_END, s.calibrationEnd());
    assertTrue(s.size() > 3000 && s.size() < 4338, "customers with a purchase by the calibration end: " + s.size());
    ValuePredictions p = b.retailWhole();
    assertEquals(s.size(), p.clv().length);
    assertTrue(p.totalClv() > 0);
    assertEquals(CustomerValueBenchmark.SIMULATED, b.simulated.size());
    // the whole target starts from transactions whose summary is the simulated one
    assertEquals(1_830_129, b.simulatedTransactions.rowCount());
    SimulatedTransactionsTest.assertSameSummary(b.simulated, b.simulatedSummary());
  }
}
