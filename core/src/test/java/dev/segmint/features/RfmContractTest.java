package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every rule of the RFM contract on a 13-row table whose expected values are worked out by hand in the
 * comments (as-of 2024-01-11 = day after the latest purchase, 2024-01-10).
 */
class RfmContractTest {

  //  row customer date        order amount   what it exercises
  //   1  A        2024-01-01  o1     10      two rows of one order: frequency counts it once
  //   2  A        2024-01-01  o1      5
  //   3  A        2024-01-05  o2     20
  //   4  A        2024-01-06  o3     -8      a return
  //   5  B        2024-01-03  o4     30
  //   6  (none)   2024-01-02  o5      7      missing id
  //   7  C        not a date  o6      9      unparseable timestamp
  //   8  C        2024-01-04  o7      0      zero amount
  //   9  D        2024-01-02  o8     -5      D has only a return: dropped customer
  //  10  E        2024-01-10  o9      4      E and F tie on recency, frequency and monetary
  //  11  F        2024-01-10  o10     4
  //  12  B        2024-01-08  o11   -40      a return larger than B's purchases (NET: monetary -10)
  //  13  C        2024-01-07  o12    12
  static Table transactions() {
    return Table.create("tx",
        StringColumn.create("customer", "A", "A", "A", "A", "B", "", "C", "C", "D", "E", "F", "B", "C"),
        StringColumn.create("date", "2024-01-01", "2024-01-01", "2024-01-05", "2024-01-06", "2024-01-03",
            "2024-01-02", "not a date", "2024-01-04", "2024-01-02", "2024-01-10", "2024-01-10 17:45:00",
            "2024-01-08", "2024-01-07"),
        StringColumn.create("order", "o1", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "o11", "o12"),
        DoubleColumn.create("amount", 10, 5, 20, -8, 30, 7, 9, 0, -5, 4, 4, -40, 12));
  }

  static RfmFeatures.Builder rfm() {
    return RfmFeatures.builder().customer("customer").timestamp("date").order("order").amount("amount");
  }

  @Test
  void excludeModeByHand() {
    RfmFeatures.Result res = rfm().build().run(transactions());
    Table t = res.table();
    assertEquals(LocalDate.of(2024, 1, 11), res.asOf());
    assertEquals(RfmFeatures.COLUMNS, t.columnNames());
    assertEquals(List.of("A", "B", "C", "E", "F"), t.stringColumn("customer_id").asList());
    // A: last purchase 01-05 → 6 days, orders o1 o2, 10+5+20, first 01-01 → 10 days
    assertEquals(List.of(6, 8, 4, 1, 1), t.intColumn("recency_days").asList());
    assertEquals(List.of(2, 1, 1, 1, 1), t.intColumn("frequency").asList());
    assertEquals(List.of(35.0, 30.0, 12.0, 4.0, 4.0), t.doubleColumn("monetary").asList());
    assertEquals(List.of(10, 8, 4, 1, 1), t.intColumn("tenure_days").asList());
    assertEquals(List.of(17.5, 30.0, 12.0, 4.0, 4.0), t.doubleColumn("avg_order_value").asList());
    // R: strictly larger recency: A 1 → 1+5·1/5=2, B 0 → 1, C 2 → 3, E and F 3 → 4 (tie shares the score)
    assertEquals(List.of(2, 1, 3, 4, 4), t.intColumn("r_score").asList());
    // F: strictly smaller frequency: A 4 → 5, the rest 0 → 1
    assertEquals(List.of(5, 1, 1, 1, 1), t.intColumn("f_score").asList());
    // M: strictly smaller monetary: A 4 → 5, B 3 → 4, C 2 → 3, E and F 0 → 1
    assertEquals(List.of(5, 4, 3, 1, 1), t.intColumn("m_score").asList());
    assertEquals(List.of("255", "114", "313", "411", "411"), t.stringColumn("rfm_code").asList());
    assertEquals(List.of("Can't Lose Them", "Hibernating", "About To Sleep", "Promising", "Promising"),
        t.stringColumn("rfm_segment").asList());

    DataQualityReport dq = res.report();
    assertEquals(13, dq.rowsRead());
    assertEquals(7, dq.rowsKept());
    assertEquals(1, dq.rowsDropped(Reason.MISSING_CUSTOMER_ID));
    assertEquals(List.of("6"), dq.examples(Reason.MISSING_CUSTOMER_ID));
    assertEquals(List.of("7"), dq.examples(Reason.UNPARSEABLE_TIMESTAMP));
    assertEquals(List.of("8"), dq.examples(Reason.ZERO_AMOUNT));
    assertEquals(3, dq.rowsDropped(Reason.RETURN));
    assertEquals(List.of("4", "9", "12"), dq.examples(Reason.RETURN));
    assertEquals(1, dq.customers(Reason.NO_PURCHASES));
    assertEquals(List.of("D"), dq.examples(Reason.NO_PURCHASES));
    assertEquals(0, dq.rowsDropped(Reason.NO_PURCHASES), "D's only row is already counted as a return");
    assertEquals(0, dq.customers(Reason.NON_POSITIVE_MONETARY));
    assertEquals(5, dq.customersOut());
    String text = dq.toString();
    assertTrue(text.contains("13 rows read, 7 kept, 6 dropped; 5 customers out"), text);
    assertTrue(text.contains("e.g. rows 4, 9, 12"), text);
    Table dqt = dq.toTable();
    assertEquals(5, dqt.rowCount());
    assertEquals("4 9 12", dqt.stringColumn("examples").get(dqt.stringColumn("reason").indexOf("return (amount < 0)")));
  }

  @Test
  void netModeByHand() {
    RfmFeatures.Result res = rfm().returns(RfmFeatures.Returns.NET).build().run(transactions());
    Table t = res.table();
    assertEquals(LocalDate.of(2024, 1, 11), res.asOf(), "returns are not purchases: they do not move the as-of date");
    assertEquals(List.of("A", "B", "C", "E", "F"), t.stringColumn("customer_id").asList());
    assertEquals(List.of(6, 8, 4, 1, 1), t.intColumn("recency_days").asList());
    assertEquals(List.of(2, 1, 1, 1, 1), t.intColumn("frequency").asList(), "a return is never an order");
    assertEquals(List.of(27.0, -10.0, 12.0, 4.0, 4.0), t.doubleColumn("monetary").asList());
    assertEquals(List.of(13.5, -10.0, 12.0, 4.0, 4.0), t.doubleColumn("avg_order_value").asList());
    // M: A 4 smaller → 5, B 0 → 1, C 3 → 4, E and F 1 → 2
    assertEquals(List.of("255", "111", "314", "412", "412"), t.stringColumn("rfm_code").asList());
    DataQualityReport dq = res.report();
    assertEquals(9, dq.rowsKept());
    assertEquals(0, dq.rowsDropped(Reason.RETURN));
    assertEquals(List.of("D"), dq.examples(Reason.NO_PURCHASES));
    assertEquals(1, dq.rowsDropped(Reason.NO_PURCHASES), "D's return row is dropped with D");
    assertEquals(List.of("B"), dq.examples(Reason.NON_POSITIVE_MONETARY), "B stays in the output, flagged");
    assertEquals(13, dq.rowsKept() + dq.rowsDropped(Reason.MISSING_CUSTOMER_ID)
        + dq.rowsDropped(Reason.UNPARSEABLE_TIMESTAMP) + dq.rowsDropped(Reason.ZERO_AMOUNT)
        + dq.rowsDropped(Reason.NO_PURCHASES));
  }

  @Test
  void explicitAsOfDropsLaterRowsAndTheirOnlyCustomers() {
    RfmFeatures.Result res = rfm().asOf(LocalDate.of(2024, 1, 9)).build().run(transactions());
    Table t = res.table();
    assertEquals(List.of("A", "B", "C"), t.stringColumn("customer_id").asList());
    assertEquals(List.of(4, 6, 2), t.intColumn("recency_days").asList());
    assertEquals(List.of("10", "11"), res.report().examples(Reason.AFTER_AS_OF));
    assertEquals(List.of("D", "E", "F"), res.report().examples(Reason.NO_PURCHASES));
  }

  @Test
  void withoutAnOrderColumnEachPurchaseRowIsAnOrder() {
    Table t = RfmFeatures.builder().customer("customer").timestamp("date").amount("amount").build()
        .compute(transactions());
    assertEquals(List.of(3, 1, 1, 1, 1), t.intColumn("frequency").asList());
  }

  @Test
  void extrasByHand() {
    Table t = rfm().meanDaysBetweenPurchases().purchasesInLastDays(5, 10).build().compute(transactions());
    // A: orders on 01-01 and 01-05 → (4 days) / (2 − 1); one-order customers have no gap
    DoubleColumn gap = t.doubleColumn("mean_days_between_purchases");
    assertEquals(4.0, gap.getDouble(0));
    assertTrue(gap.isMissing(1) && gap.isMissing(4));
    // as-of 01-11: the last 5 days are 01-06..01-10: C (01-07), E, F; the last 10 days are 01-01..01-10: both
    // of A's orders (11 − 1 = 10 days before as-of counts) and B's
    assertEquals(List.of(0, 0, 1, 1, 1), t.intColumn("purchases_last_5d").asList());
    assertEquals(List.of(2, 1, 1, 1, 1), t.intColumn("purchases_last_10d").asList());
  }

  @Test
  void dateAndDateTimeColumnsAndPatterns() {
    Table typed = Table.create("typed",
        StringColumn.create("c", "x", "y"),
        DateColumn.create("d", LocalDate.of(2020, 2, 28), LocalDate.of(2020, 3, 1)),
        DoubleColumn.create("amount", 1, 2));
    Table t = RfmFeatures.builder().customer("c").timestamp("d").amount("amount").build().compute(typed);
    assertEquals(List.of(3, 1), t.intColumn("recency_days").asList(), "2020 is a leap year");
    Table text = Table.create("text",
        StringColumn.create("c", "x", "y"),
        StringColumn.create("d", "28-02-2020", "01-03-2020"),
        DoubleColumn.create("amount", 1, 2));
    Table t2 = RfmFeatures.builder().customer("c").timestamp("d").timestampFormat("dd-MM-yyyy").amount("amount")
        .build().compute(text);
    assertEquals(t.intColumn("recency_days").asList(), t2.intColumn("recency_days").asList());
  }

  @Test
  void rowOrderDoesNotChangeTheResult() {
    Table tx = transactions();
    int[] reversed = new int[tx.rowCount()];
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = reversed.length - 1 - i;
    }
    Table a = rfm().build().compute(tx);
    Table b = rfm().build().compute(tx.rows(reversed));
    assertEquals(a.toString(), b.toString());
  }

  @Test
  void everyCellOfTheSegmentMap() {
    String[] expected = {
      //        F=1              F=2                    F=3                    F=4                F=5
      "Hibernating",    "Hibernating",          "At Risk",             "At Risk",          "Can't Lose Them",   // R=1
      "Hibernating",    "Hibernating",          "At Risk",             "At Risk",          "Can't Lose Them",   // R=2
      "About To Sleep", "About To Sleep",       "Need Attention",      "Loyal Customers",  "Loyal Customers",   // R=3
      "Promising",      "Potential Loyalists",  "Potential Loyalists", "Loyal Customers",  "Loyal Customers",   // R=4
      "New Customers",  "Potential Loyalists",  "Potential Loyalists", "Champions",        "Champions"};        // R=5
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        assertEquals(expected[(r - 1) * 5 + f - 1], RfmSegment.of(r, f).label(), "R=" + r + " F=" + f);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> RfmSegment.of(0, 3));
  }
}
