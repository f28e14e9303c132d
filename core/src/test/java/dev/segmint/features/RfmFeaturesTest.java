package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** RFM on a hand-built 10-row table; every expected value below was computed by hand (see the comments). */
class RfmFeaturesTest {

  /*
   * row customer date        order qty price  amount  fate (EXCLUDE)
   *  1  A        2024-01-01  o1     2  10      20     purchase
   *  2  A        2024-01-01  o1     1   5       5     purchase (same order o1)
   *  3  A        2024-01-10  o2     1  30      30     purchase
   *  4  B        2024-01-05  o3     3  10      30     purchase
   *  5  B        2024-01-07  C4    -1  10     -10     return: dropped
   *  6  (none)   2024-01-08  o5     1 100     100     missing id: dropped
   *  7  C        not-a-date  o6     1  10      10     bad timestamp: dropped
   *  8  C        2024-01-09  o7     5   2      10     purchase
   *  9  D        2024-01-03  C8    -2   5     -10     return: dropped -> D has no purchases
   * 10  E        2024-01-02  o9     1   0       0     zero amount: dropped -> E has no purchases
   *
   * as-of = day after the last purchase (2024-01-10) = 2024-01-11.
   * A: recency 1, tenure 10, frequency 2 (o1, o2), monetary 55, aov 27.5
   * B: recency 6, tenure 6, frequency 1, monetary 30, aov 30
   * C: recency 2, tenure 2, frequency 1, monetary 10, aov 10
   * R (worse = larger recency): A 1 worse of {6,2} -> 2 -> 1+floor(10/3)=4; B 0 -> 1; C 1 -> 1+floor(5/3)=2
   * F (worse = smaller):        A 2 -> 4; B 0 -> 1; C 0 -> 1
   * M:                          A 2 -> 4; B 1 (C) -> 2; C 0 -> 1
   * segments: A (R4,F4) Loyal Customers; B (R1,F1) Hibernating; C (R2,F1) Hibernating
   */
  static Table transactions() {
    return Table.create("tx",
        StringColumn.create("customer", "A", "A", "A", "B", "B", "", "C", "C", "D", "E"),
        StringColumn.create("date", "2024-01-01", "2024-01-01 09:30:00", "2024-01-10 23:59:59", "2024-01-05",
            "2024-01-07", "2024-01-08", "not-a-date", "2024-01-09", "2024-01-03", "2024-01-02"),
        StringColumn.create("order", "o1", "o1", "o2", "o3", "C4", "o5", "o6", "o7", "C8", "o9"),
        DoubleColumn.create("qty", 2, 1, 1, 3, -1, 1, 1, 5, -2, 1),
        DoubleColumn.create("price", 10, 5, 30, 10, 10, 100, 10, 2, 5, 0));
  }

  static RfmFeatures.Builder builder() {
    return RfmFeatures.builder().customer("customer").timestamp("date").order("order").quantity("qty").price("price");
  }

  @Test
  void handComputedExclude() {
    RfmFeatures.Result r = builder().build().run(transactions());
    Table t = r.table();
    assertEquals(RfmFeatures.COLUMNS, t.columnNames());
    assertEquals(LocalDate.of(2024, 1, 11), r.asOf());
    assertEquals(List.of("A", "B", "C"), t.stringColumn("customer_id").asList());
    assertEquals(List.of(1, 6, 2), t.intColumn("recency_days").asList());
    assertEquals(List.of(2, 1, 1), t.intColumn("frequency").asList());
    assertEquals(List.of(55.0, 30.0, 10.0), t.doubleColumn("monetary").asList());
    assertEquals(List.of(10, 6, 2), t.intColumn("tenure_days").asList());
    assertEquals(List.of(27.5, 30.0, 10.0), t.doubleColumn("avg_order_value").asList());
    assertEquals(List.of(4, 1, 2), t.intColumn("r_score").asList());
    assertEquals(List.of(4, 1, 1), t.intColumn("f_score").asList());
    assertEquals(List.of(4, 2, 1), t.intColumn("m_score").asList());
    assertEquals(List.of("444", "112", "211"), t.stringColumn("rfm_code").asList());
    assertEquals(List.of("Loyal Customers", "Hibernating", "Hibernating"), t.stringColumn("rfm_segment").asList());

    DataQualityReport q = r.report();
    assertEquals(10, q.rowsRead());
    assertEquals(5, q.rowsKept());
    assertEquals(1, q.rowsDropped(Reason.MISSING_CUSTOMER_ID));
    assertEquals(1, q.rowsDropped(Reason.UNPARSEABLE_TIMESTAMP));
    assertEquals(2, q.rowsDropped(Reason.RETURN));
    assertEquals(1, q.rowsDropped(Reason.ZERO_AMOUNT));
    assertEquals(2, q.customers(Reason.NO_PURCHASES));
    assertEquals(3, q.customersOut());
    assertEquals(q.rowsRead(), q.rowsKept() + q.rowsDropped(Reason.MISSING_CUSTOMER_ID)
        + q.rowsDropped(Reason.UNPARSEABLE_TIMESTAMP) + q.rowsDropped(Reason.RETURN) + q.rowsDropped(Reason.ZERO_AMOUNT)
        + q.rowsDropped(Reason.NO_PURCHASES));
    assertEquals(List.of("6"), q.entries().get(0).examples());
    assertTrue(q.toString().contains("customer has no purchases"), q.toString());
  }

  @Test
  void handComputedNet() {
    // NET keeps the returns: B's -10 reduces monetary to 20; D's return is kept but D has no purchase.
    RfmFeatures.Result r = builder().returns(RfmFeatures.Returns.NET).build().run(transactions());
    Table t = r.table();
    assertEquals(List.of(55.0, 20.0, 10.0), t.doubleColumn("monetary").asList());
    assertEquals(List.of(2, 1, 1), t.intColumn("frequency").asList(), "returns never count as orders");
    assertEquals(List.of(27.5, 20.0, 10.0), t.doubleColumn("avg_order_value").asList());
    assertEquals(List.of(4, 2, 1), t.intColumn("m_score").asList());
    DataQualityReport q = r.report();
    assertEquals(0, q.rowsDropped(Reason.RETURN));
    assertEquals(1, q.rowsDropped(Reason.NO_PURCHASES), "D's kept return row goes with D");
    assertEquals(6, q.rowsKept());
    assertEquals(2, q.customers(Reason.NO_PURCHASES));
  }

  @Test
  void negativeMonetaryIsKeptAndFlagged() {
    Table tx = Table.create("tx",
        StringColumn.create("customer", "F", "F", "G"),
        StringColumn.create("date", "2024-03-01", "2024-03-02", "2024-03-02"),
        DoubleColumn.create("amount", 10, -15, 7));
    RfmFeatures.Result r = RfmFeatures.builder().customer("customer").timestamp("date").amount("amount")
        .returns(RfmFeatures.Returns.NET).build().run(tx);
    assertEquals(List.of(-5.0, 7.0), r.table().doubleColumn("monetary").asList());
    assertEquals(1, r.report().customers(Reason.NON_POSITIVE_MONETARY));
    assertEquals(2, r.table().rowCount());
  }

  @Test
  void explicitAsOfAndPattern() {
    Table tx = Table.create("tx",
        StringColumn.create("customer", "A", "A", "B"),
        StringColumn.create("date", "01-02-2024", "15-02-2024", "20-02-2024"),
        DoubleColumn.create("amount", 10, 20, 5));
    RfmFeatures.Result r = RfmFeatures.builder().customer("customer").timestamp("date").timestampFormat("dd-MM-yyyy")
        .amount("amount").asOf(LocalDate.of(2024, 2, 16)).build().run(tx);
    // B's purchase is after the as-of date: dropped and counted, so B has no purchases.
    assertEquals(List.of("A"), r.table().stringColumn("customer_id").asList());
    assertEquals(List.of(1), r.table().intColumn("recency_days").asList());
    assertEquals(List.of(15), r.table().intColumn("tenure_days").asList());
    assertEquals(1, r.report().rowsDropped(Reason.AFTER_AS_OF));
    assertEquals(1, r.report().customers(Reason.NO_PURCHASES));
    // B bought, only later: not a customer of "only returns or zero amounts"
    assertTrue(r.report().toString().contains("  customer has no purchase before the as-of date" + " ".repeat(22)
        + "1 customers (0 rows)  e.g. B"), r.report().toString());
    assertEquals("customer has no purchase before the calibration end",
        r.report().withCutoffName("calibration end").describe(Reason.NO_PURCHASES));
  }

  @Test
  void scoresFollowTheFormulaWithTies() {
    // values 1,1,2,3: worse counts (smaller) 0,0,2,3 -> 1+floor(5*c/4) = 1,1,3,4
    assertEquals(List.of(1, 1, 3, 4), List.of(boxed(RfmFeatures.scores(new double[] {1, 1, 2, 3}, false))));
    // recency 1,1,2,3: worse counts (larger) 2,2,1,0 -> 3,3,2,1
    assertEquals(List.of(3, 3, 2, 1), List.of(boxed(RfmFeatures.scores(new double[] {1, 1, 2, 3}, true))));
  }

  @Test
  void segmentMapCoversAll25Cells() {
    assertEquals(RfmSegment.CHAMPIONS, RfmSegment.of(5, 4));
    assertEquals(RfmSegment.LOYAL_CUSTOMERS, RfmSegment.of(3, 5));
    assertEquals(RfmSegment.POTENTIAL_LOYALISTS, RfmSegment.of(4, 2));
    assertEquals(RfmSegment.NEW_CUSTOMERS, RfmSegment.of(5, 1));
    assertEquals(RfmSegment.PROMISING, RfmSegment.of(4, 1));
    assertEquals(RfmSegment.NEED_ATTENTION, RfmSegment.of(3, 3));
    assertEquals(RfmSegment.ABOUT_TO_SLEEP, RfmSegment.of(3, 2));
    assertEquals(RfmSegment.CANT_LOSE_THEM, RfmSegment.of(2, 5));
    assertEquals(RfmSegment.AT_RISK, RfmSegment.of(1, 3));
    assertEquals(RfmSegment.HIBERNATING, RfmSegment.of(2, 2));
    int cells = 0;
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        RfmSegment.of(r, f);
        cells++;
      }
    }
    assertEquals(25, cells);
  }

  @Test
  void missingColumnIsNamedWithASuggestion() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RfmFeatures.builder().customer("custmer").timestamp("date").amount("qty").build().run(transactions()));
    assertTrue(e.getMessage().contains("column 'custmer' not found") && e.getMessage().contains("did you mean 'customer'"),
        e.getMessage());
  }

  @Test
  void unreadableTimestampsAskForAPattern() {
    Table tx = Table.create("tx", StringColumn.create("c", "A"), StringColumn.create("d", "12/1/2010 8:26"),
        DoubleColumn.create("a", 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RfmFeatures.builder().customer("c").timestamp("d").amount("a").build().run(tx));
    assertTrue(e.getMessage().contains("'12/1/2010 8:26'") && e.getMessage().contains("timestampFormat(\"M/d/yyyy H:mm\")"),
        e.getMessage());
  }

  @Test
  void aDateMillionsOfYearsAwayIsRefusedNotWrapped() {
    // year 999,999,999 reads as a date with the pattern u-MM-dd, but its epoch day does not fit an int: refused with
    // its row, not turned into another day
    Table tx = Table.create("tx", StringColumn.create("c", "A", "B"),
        StringColumn.create("d", "2011-12-01", "999999999-12-31"), DoubleColumn.create("a", 1.0, 2.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RfmFeatures.builder().customer("c").timestamp("d").timestampFormat("u-MM-dd").amount("a").build()
            .run(tx));
    assertTrue(e.getMessage().startsWith("the timestamp at row 2 ('999999999-12-31') is millions of years away"),
        e.getMessage());
  }

  private static Integer[] boxed(int[] a) {
    Integer[] b = new Integer[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
