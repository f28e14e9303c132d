package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Actual holdout purchase days counted by hand; predictions are the model's conditional expectations. */
class HoldoutCheckTest {

  @Test
  void countsHoldoutPurchaseDaysOfCalibrationCustomers() {
    // calibration through Jan 15, holdout Jan 16..31. A: Jan 1, 3, 10, then Jan 20 (two rows), Jan 25, Jan 31 and
    // Feb 2 (after the holdout) → 3 holdout days; B: Jan 5 only → 0; C: first buys in the holdout → not checked
    Table t = Table.create("tx",
        StringColumn.create("c", "A", "A", "A", "A", "A", "A", "A", "A", "B", "C"),
        StringColumn.create("d", "2024-01-01", "2024-01-03", "2024-01-10", "2024-01-20", "2024-01-20", "2024-01-25",
            "2024-01-31", "2024-02-02", "2024-01-05", "2024-01-18"),
        DoubleColumn.create("v", 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
    CustomerValue cv = CustomerValue.builder().customer("c").timestamp("d").amount("v")
        .calibrationEnd(LocalDate.of(2024, 1, 15)).build();
    RfmFeatures.Prepared prepared = cv.reading().prepare(t);
    CalibrationSummary s = cv.summarize(prepared);
    ValueModel model = new ValueModel(BgNbd.of(0.5, 10, 0.8, 2.5, Period.DAY), GammaGamma.of(6, 4, 15));
    HoldoutCheck h = HoldoutCheck.of(model, s, prepared, LocalDate.of(2024, 1, 31));
    assertArrayEquals(new double[] {3, 0}, h.actual());
    double a = model.purchases().expectedPurchases(16, 2, 9, 14);
    double b = model.purchases().expectedPurchases(16, 0, 0, 10);
    assertArrayEquals(new double[] {a, b}, h.predicted());
    Table table = h.toTable();
    assertEquals("2", table.stringColumn("frequency").get(2));
    assertEquals(1, table.intColumn("customers").get(2));
    assertEquals(3.0, table.doubleColumn("actual_mean").get(2));
    assertEquals("all", table.stringColumn("frequency").get(8));
    assertEquals(2, table.intColumn("customers").get(8));
    assertEquals(a + b, table.doubleColumn("predicted_total").get(8), 1e-15);
    // buckets without customers print "-" (they once stopped the CLI with a NullPointerException)
    assertTrue(h.toString().contains(String.format("%-10s %10s %12s %12s%n", "1", "0", "-", "-")), h.toString());
    assertTrue(h.toString().contains(String.format("%-10s %10s %12s %12s%n", "2", "1", "3.0",
        Double.toString(Math.round(a * 1000) / 1000.0))), h.toString());
    assertThrows(IllegalArgumentException.class, () -> HoldoutCheck.of(model, s, prepared, LocalDate.of(2024, 1, 15)));
  }
}
