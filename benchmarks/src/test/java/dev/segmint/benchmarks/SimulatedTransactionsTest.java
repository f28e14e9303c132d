package dev.segmint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.value.BgNbd;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.GammaGamma;
import dev.segmint.value.Period;
import dev.segmint.value.Simulation;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SimulatedTransactionsTest {
  private static final LocalDate END = LocalDate.of(2024, 6, 30);

  /** Per customer of {@code back} (ids c1..cn, sorted as text), the same customer of {@code sim}. */
  static void assertSameSummary(CalibrationSummary sim, CalibrationSummary back) {
    assertEquals(sim.size(), back.size());
    String[] ids = back.ids();
    int[] x = sim.frequency();
    double[] tx = sim.recency();
    double[] t = sim.age();
    double[] m = sim.monetary();
    int[] bx = back.frequency();
    double[] btx = back.recency();
    double[] bt = back.age();
    double[] bm = back.monetary();
    for (int j = 0; j < ids.length; j++) {
      int i = Integer.parseInt(ids[j].substring(1)) - 1;
      String who = ids[j];
      assertEquals(x[i], bx[j], who);
      assertEquals(tx[i], btx[j], who);
      assertEquals(t[i], bt[j], who);
      assertEquals(m[i], bm[j], 1e-12 * m[i], who);
    }
  }

  @Test
  void theSummaryOfTheTransactionsIsTheSimulatedSummary() {
    CalibrationSummary sim = Simulation.simulate(3_000, BgNbd.of(0.5, 10, 0.8, 2.5, Period.DAY),
        GammaGamma.of(6.25, 3.74, 15.44), 365, true, 5);
    Table t = SimulatedTransactions.of(sim, END, 7);
    int repeatDays = 0;
    for (int v : sim.frequency()) {
      repeatDays += v;
    }
    assertTrue(repeatDays > 3_000, "customers with many repeat days: " + repeatDays);
    assertEquals(3_000 + repeatDays, t.rowCount());
    CalibrationSummary back = CustomerValue.builder().customer("customer").timestamp("date").amount("amount")
        .calibrationEnd(END).build().summarize(t);
    assertEquals((long) t.rowCount(), back.report().rowsKept());
    assertSameSummary(sim, back);
    // another seed moves the repeat days in between, not the summary
    assertSameSummary(sim, CustomerValue.builder().customer("customer").timestamp("date").amount("amount")
        .calibrationEnd(END).build().summarize(SimulatedTransactions.of(sim, END, 8)));
  }

  @Test
  void refusesFractionalDaysAndWeeks() {
    CalibrationSummary fractional = CalibrationSummary.of(null, new int[] {1}, new double[] {2.5}, new double[] {4},
        new double[] {10}, Period.DAY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatedTransactions.of(fractional, END, 1));
    assertTrue(e.getMessage().contains("customer 'c1' has recency 2.5"), e.getMessage());
    CalibrationSummary weeks = CalibrationSummary.of(null, new int[] {1}, new double[] {2}, new double[] {4},
        new double[] {10}, Period.WEEK);
    assertThrows(IllegalArgumentException.class, () -> SimulatedTransactions.of(weeks, END, 1));
    CalibrationSummary crowded = CalibrationSummary.of(null, new int[] {3}, new double[] {2}, new double[] {4},
        new double[] {10}, Period.DAY);
    e = assertThrows(IllegalArgumentException.class, () -> SimulatedTransactions.of(crowded, END, 1));
    assertTrue(e.getMessage().contains("3 repeat days within a recency of 2 days"), e.getMessage());
  }
}
