package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport;
import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The calibration summary on a tiny table, every value computed by hand below. */
class CustomerValueTest {

  /**
   * A: 15 on Jan 1 (two rows, one day), 20 and a return of −4 on Jan 3, 7 on Jan 10, 100 on Jan 20. B: 8 on Jan 5 and
   * a zero amount. C: only Jan 16. D: only a return. One row without a customer id.
   */
  static Table transactions() {
    return Table.create("tx",
        StringColumn.create("customer", "A", "A", "A", "A", "A", "A", "B", "B", "C", "", "D"),
        StringColumn.create("date", "2024-01-01", "2024-01-01", "2024-01-03", "2024-01-03", "2024-01-10",
            "2024-01-20", "2024-01-05", "2024-01-05", "2024-01-16", "2024-01-02", "2024-01-02"),
        DoubleColumn.create("amount", 10, 5, 20, -4, 7, 100, 8, 0, 9, 3, -3));
  }

  private static CustomerValue.Builder builder() {
    return CustomerValue.builder().customer("customer").timestamp("date").amount("amount");
  }

  @Test
  void summaryAtACalibrationEnd() {
    CalibrationSummary s = builder().calibrationEnd(LocalDate.of(2024, 1, 15)).build().summarize(transactions());
    // A: purchase days Jan 1, 3, 10 → x = 2, t_x = 9, T = 14, monetary = (20 + 7) / 2 (the return is dropped);
    // B: one purchase day → x = 0, T = 10; C (only after the end) and D (only a return) have no purchase
    assertArrayEquals(new String[] {"A", "B"}, s.ids());
    assertArrayEquals(new int[] {2, 0}, s.frequency());
    assertArrayEquals(new double[] {9, 0}, s.recency());
    assertArrayEquals(new double[] {14, 10}, s.age());
    assertArrayEquals(new double[] {13.5, 0}, s.monetary());
    assertEquals(LocalDate.of(2024, 1, 15), s.calibrationEnd());
    DataQualityReport r = s.report();
    assertEquals(11, r.rowsRead());
    assertEquals(5, r.rowsKept());
    assertEquals(1, r.rowsDropped(Reason.MISSING_CUSTOMER_ID));
    assertEquals(2, r.rowsDropped(Reason.RETURN));
    assertEquals(1, r.rowsDropped(Reason.ZERO_AMOUNT));
    assertEquals(2, r.rowsDropped(Reason.AFTER_AS_OF));
    assertEquals(2, r.customers(Reason.NO_PURCHASES));
    assertEquals(java.util.List.of("C", "D"), r.examples(Reason.NO_PURCHASES));
  }

  @Test
  void defaultCalibrationEndIsTheLatestPurchaseDay() {
    CalibrationSummary s = builder().build().summarize(transactions());
    // end Jan 20: A buys on Jan 1, 3, 10, 20 → x = 3, t_x = 19, T = 19, monetary = (20 + 7 + 100) / 3;
    // B: T = 15; C: one purchase on Jan 16 → x = 0, T = 4
    assertArrayEquals(new String[] {"A", "B", "C"}, s.ids());
    assertArrayEquals(new int[] {3, 0, 0}, s.frequency());
    assertArrayEquals(new double[] {19, 0, 0}, s.recency());
    assertArrayEquals(new double[] {19, 15, 4}, s.age());
    assertArrayEquals(new double[] {127.0 / 3, 0, 0}, s.monetary());
    assertEquals(0, s.report().rowsDropped(Reason.AFTER_AS_OF));
  }

  @Test
  void weeksDivideTheDayCounts() {
    CalibrationSummary s = builder().calibrationEnd(LocalDate.of(2024, 1, 15)).period(Period.WEEK).build()
        .summarize(transactions());
    assertArrayEquals(new int[] {2, 0}, s.frequency());
    assertArrayEquals(new double[] {9 / 7.0, 0}, s.recency());
    assertArrayEquals(new double[] {2, 10 / 7.0}, s.age());
    assertEquals(Period.WEEK, s.period());
  }

  @Test
  void quantityTimesPriceAndTheTable() {
    Table t = Table.create("tx", StringColumn.create("id", "x", "x", "y"),
        StringColumn.create("day", "2024-03-01", "2024-03-04", "2024-03-02"),
        DoubleColumn.create("qty", 2, 3, 1), DoubleColumn.create("price", 2.5, 4, 9));
    CalibrationSummary s = CustomerValue.builder().customer("id").timestamp("day").quantity("qty").price("price")
        .build().summarize(t);
    assertArrayEquals(new double[] {12, 0}, s.monetary());
    Table out = s.toTable();
    assertEquals(java.util.List.of("customer_id", "frequency", "recency", "T", "monetary"), out.columnNames());
    assertEquals(3.0, out.doubleColumn("T").get(0));
    assertTrue(s.toString().contains("2 customers"), s.toString());
  }

  @Test
  void refusesMissingColumnsAndTablesWithoutPurchases() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CustomerValue.builder().customer("customer").timestamp("when").amount("amount").build()
            .summarize(transactions()));
    assertTrue(e.getMessage().contains("when"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> builder().calibrationEnd(LocalDate.of(2023, 12, 31)).build().summarize(transactions()));
    assertThrows(IllegalArgumentException.class, () -> CalibrationSummary.of(null, new int[] {1},
        new double[] {5}, new double[] {4}, new double[] {3}, Period.DAY));   // recency beyond T
  }
}
