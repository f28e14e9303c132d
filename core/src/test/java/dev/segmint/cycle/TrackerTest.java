package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport.Reason;
import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TrackerTest {

  static final RfmFeatures RFM = RfmFeatures.builder().customer("customer").timestamp("date").order("order")
      .amount("amount").build();

  static Table transactions(String... rows) {
    List<String> c = new ArrayList<>();
    List<String> d = new ArrayList<>();
    List<String> o = new ArrayList<>();
    List<Double> a = new ArrayList<>();
    for (String r : rows) {
      String[] f = r.split(",");
      c.add(f[0]);
      d.add(f[1]);
      o.add(f[2]);
      a.add(Double.parseDouble(f[3]));
    }
    return Table.create("tx", StringColumn.create("customer", c), StringColumn.create("date", d),
        StringColumn.create("order", o), DoubleColumn.create("amount", a.stream().mapToDouble(x -> x).toArray()));
  }

  @Test
  void handComputedTwoSnapshots() {
    Table tx = transactions(
        "c1,2011-01-05,o1,10", "c1,2011-02-10,o2,20", "c2,2011-01-20,o3,5", "c3,2011-02-15,o4,7",
        "c3,2011-03-01,o5,9");
    Tracking t = Tracker.builder().rfm(RFM).asOf(LocalDate.of(2011, 2, 1), LocalDate.of(2011, 3, 1)).build().run(tx);
    // D1 = 2011-02-01: c1 recency 27, c2 recency 12 -> R 1 and 3; F 1, 1 -> Hibernating, About To Sleep
    Tracking.Snapshot s1 = t.snapshots().get(0);
    assertArrayEquals(new String[] {"c1", "c2"}, s1.customers());
    assertArrayEquals(new int[] {27, 12}, s1.features().intColumn("recency_days").asIntArray());
    assertEquals(List.of("Hibernating", "About To Sleep"), names(t, s1));
    // D2 = 2011-03-01 (the row dated 2011-03-01 is left out): c1 rec 19 F2 -> R2 F4 At Risk; c2 rec 40 -> R1 F1
    // Hibernating; c3 rec 14 -> R4 F1 Promising
    Tracking.Snapshot s2 = t.snapshots().get(1);
    assertArrayEquals(new int[] {19, 40, 14}, s2.features().intColumn("recency_days").asIntArray());
    assertArrayEquals(new int[] {2, 1, 1}, s2.features().intColumn("frequency").asIntArray());
    assertArrayEquals(new double[] {30, 5, 7}, s2.features().doubleColumn("monetary").asDoubleArray());
    assertArrayEquals(new int[] {55, 40, 14}, s2.features().intColumn("tenure_days").asIntArray());
    assertEquals(List.of("At Risk", "Hibernating", "Promising"), names(t, s2));
    assertEquals(1, s2.dataQuality().rowsDropped(Reason.AFTER_AS_OF));
    assertEquals(List.of("5"), s2.dataQuality().examples(Reason.AFTER_AS_OF));

    Table mig = t.migrationTable();
    assertEquals(List.of("from_date", "to_date", "from_segment", "to_segment", "customers", "share_of_from"),
        mig.columnNames());
    assertEquals(List.of("About To Sleep", "Hibernating", "new"), mig.stringColumn("from_segment").asList());
    assertEquals(List.of("Hibernating", "At Risk", "Promising"), mig.stringColumn("to_segment").asList());
    assertArrayEquals(new int[] {1, 1, 1}, mig.intColumn("customers").asIntArray());
    assertEquals("2011-02-01", mig.stringColumn("from_date").get(0));
    assertEquals("2011-03-01", mig.stringColumn("to_date").get(0));
    Table movers = t.moversTable();
    assertEquals(List.of("customer_id", "from_date", "to_date", "from_segment", "to_segment"), movers.columnNames());
    assertEquals(List.of("c1", "c2", "c3"), movers.stringColumn("customer_id").asList());
    assertEquals(List.of("Hibernating", "About To Sleep", "new"), movers.stringColumn("from_segment").asList());
    assertEquals(List.of("At Risk", "Hibernating", "Promising"), movers.stringColumn("to_segment").asList());
    List<String> flows = t.migrations().get(0).flows().stream().map(Tracking.Flow::sentence).toList();
    assertTrue(flows.contains("1 Hibernating became At Risk"), flows.toString());
    assertTrue(flows.contains("1 new customers became Promising"), flows.toString());
  }

  private static List<String> names(Tracking t, Tracking.Snapshot s) {
    List<String> out = new ArrayList<>();
    for (int seg : s.segments()) {
      out.add(t.segmentNames().get(seg));
    }
    return out;
  }

  /** An RFM result with the drift features only (values do not matter for the matrix). */
  private static RfmFeatures.Result rfm(LocalDate d, int n) {
    double[] x = new double[n];
    int[] xi = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      xi[i] = i + 1;
    }
    Table tab = Table.create("rfm", IntColumn.create("recency_days", xi), IntColumn.create("frequency", xi),
        DoubleColumn.create("monetary", x), IntColumn.create("tenure_days", xi), DoubleColumn.create("avg_order_value", x));
    return new RfmFeatures.Result(tab, null, d);
  }

  @Test
  void handComputedMatrixWithNewCustomersAnEmptySegmentAndAGoneCustomer() {
    LocalDate d1 = LocalDate.of(2020, 1, 1);
    LocalDate d2 = LocalDate.of(2020, 4, 1);
    // segments A=0, B=1, C=2 (C empty at both dates); u6 only at d1 (gone), u4 and u5 only at d2 (new)
    Tracking.Snapshot s1 = new Tracking.Snapshot(d1, rfm(d1, 4), new String[] {"u1", "u2", "u3", "u6"},
        new int[] {0, 0, 1, 1}, 3);
    Tracking.Snapshot s2 = new Tracking.Snapshot(d2, rfm(d2, 5), new String[] {"u1", "u2", "u3", "u4", "u5"},
        new int[] {0, 1, 1, 0, 1}, 3);
    Tracking t = new Tracking(Tracking.Mode.MODEL, List.of("0", "1", "2"), List.of("A", "B", "C"), List.of(s1, s2));
    Tracking.Migration m = t.migrations().get(0);
    assertTrue(m.hasGone());
    assertArrayEquals(new long[][] {
        {1, 1, 0, 0},    // A: u1 stays, u2 -> B
        {0, 1, 0, 1},    // B: u3 stays, u6 gone
        {0, 0, 0, 0},    // C: empty
        {1, 1, 0, 0}},   // new: u4 -> A, u5 -> B
        m.counts());
    Table mig = t.migrationTable();
    assertEquals(List.of("0", "0", "1", "1", "new", "new"), mig.stringColumn("from_segment").asList());
    assertEquals(List.of("0", "1", "1", "gone", "0", "1"), mig.stringColumn("to_segment").asList());
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, mig.doubleColumn("share_of_from").asDoubleArray());
    Table movers = t.moversTable();
    assertEquals(List.of("u2", "u4", "u5"), movers.stringColumn("customer_id").asList());
    assertEquals(List.of("0", "new", "new"), movers.stringColumn("from_segment").asList());
    assertEquals(List.of("1", "0", "1"), movers.stringColumn("to_segment").asList());
    // shares: A 2/4 -> 2/5, B 2/4 -> 3/5; C is never present, so it has no share change
    assertEquals(2, t.shareChanges().size());
    assertEquals(-10.0, t.shareChanges().get(0).points(), 1e-9);
    assertEquals(10.0, t.shareChanges().get(1).points(), 1e-9);
    Table seg = t.segmentsTable();
    assertEquals(List.of("customer_id", "as_of", "segment", "segment_name"), seg.columnNames());
    assertEquals(9, seg.rowCount());
    assertEquals(seg.stringColumn("customer_id").asList(), t.toTable().stringColumn("customer_id").asList());
    assertEquals(List.of("u1", "u2", "u3", "u6", "u1", "u2", "u3", "u4", "u5"), seg.stringColumn("customer_id").asList());
    assertEquals(List.of("A", "A", "B", "B", "A", "B", "B", "A", "B"), seg.stringColumn("segment_name").asList());
  }

  @Test
  void noRefitWhenNothingMoves() {
    LocalDate d1 = LocalDate.of(2020, 1, 1);
    LocalDate d2 = LocalDate.of(2020, 4, 1);
    String[] ids = {"u1", "u2", "u3", "u4"};
    int[] seg = {0, 0, 1, 1};
    Tracking t = new Tracking(Tracking.Mode.RFM, List.of("A", "B"), List.of("A", "B"), List.of(
        new Tracking.Snapshot(d1, rfm(d1, 4), ids, seg, 2), new Tracking.Snapshot(d2, rfm(d2, 4), ids, seg, 2)));
    assertFalse(t.refitRecommended());
    assertEquals("no refit needed: between 2020-01-01 and 2020-04-01, the PSI of recency_days, frequency, monetary is "
        + "at most 0.25 (largest: recency_days, 0.000) and every segment's share moved by at most 10 points "
        + "(largest: A, +0.0 points)", t.refitReason());
    assertTrue(t.movers().get(0).isEmpty());
    assertTrue(t.migrations().get(0).flows().isEmpty());
    assertArrayEquals(new long[][] {{2, 0}, {0, 2}, {0, 0}}, t.migrations().get(0).counts());
  }

  @Test
  void conservationOnRandomTables() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 40; trial++) {
      int rows = 20 + rnd.nextInt(300);
      int customers = 2 + rnd.nextInt(60);
      String[] lines = new String[rows];
      LocalDate start = LocalDate.of(2020, 1, 1);
      for (int i = 0; i < rows; i++) {
        double amount = rnd.nextInt(10) == 0 ? -5 : rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(100);
        lines[i] = "k" + rnd.nextInt(customers) + "," + start.plusDays(rnd.nextInt(365)) + ",o" + rnd.nextInt(rows / 2 + 1)
            + "," + amount;
      }
      Table tx = transactions(lines);
      LocalDate first = RFM.prepare(tx).firstPurchaseDate();
      Tracking t = Tracker.builder().rfm(RFM)
          .every(Tracker.Every.MONTH, first.plusDays(1 + rnd.nextInt(30)), LocalDate.of(2021, 1, 15)).build().run(tx);
      int k = t.segments().size();
      for (int i = 0; i < t.migrations().size(); i++) {
        Tracking.Snapshot a = t.snapshots().get(i);
        Tracking.Snapshot b = t.snapshots().get(i + 1);
        long[][] c = t.migrations().get(i).counts();
        assertFalse(t.migrations().get(i).hasGone(), "RFM customers never leave");
        long[] ca = a.counts();
        long[] cb = b.counts();
        long newCustomers = 0;
        for (int r = 0; r <= k; r++) {
          long sum = 0;
          for (long v : c[r]) {
            sum += v;
          }
          if (r < k) {
            assertEquals(ca[r], sum, "trial " + trial + " row " + r);
          } else {
            newCustomers = sum;
          }
        }
        assertEquals(b.size() - a.size(), newCustomers, "trial " + trial + ": new = later − earlier customers");
        for (int col = 0; col < k; col++) {
          long sum = 0;
          for (long[] row : c) {
            sum += row[col];
          }
          assertEquals(cb[col], sum, "trial " + trial + " column " + col);
        }
      }
    }
  }

  /** Snapshot D = RfmFeatures as of D − 1 (rows dated ≤ D − 1) with recency and tenure one day longer. */
  static void assertSnapshotMatchesRfm(RfmFeatures settings, Table tx, Tracking.Snapshot s) {
    LocalDate d = s.asOf();
    Table want = RfmFeatures.builder().customer(settings.customer()).timestamp(settings.timestamp())
        .order(settings.order()).amount(settings.amount()).quantity(settings.quantity()).price(settings.price())
        .returns(settings.returns()).asOf(d.minusDays(1)).build().compute(tx);
    Table got = s.features();
    assertEquals(want.stringColumn("customer_id").asList(), got.stringColumn("customer_id").asList(), "ids at " + d);
    int[] wr = want.intColumn("recency_days").asIntArray();
    int[] wt = want.intColumn("tenure_days").asIntArray();
    for (int i = 0; i < wr.length; i++) {
      wr[i]++;
      wt[i]++;
    }
    assertArrayEquals(wr, got.intColumn("recency_days").asIntArray());
    assertArrayEquals(wt, got.intColumn("tenure_days").asIntArray());
    for (String c : List.of("frequency", "r_score", "f_score", "m_score")) {
      assertArrayEquals(want.intColumn(c).asIntArray(), got.intColumn(c).asIntArray(), c + " at " + d);
    }
    double[] wm = want.doubleColumn("monetary").asDoubleArray();
    double[] gm = got.doubleColumn("monetary").asDoubleArray();
    for (int i = 0; i < wm.length; i++) {
      assertEquals(Double.doubleToRawLongBits(wm[i]), Double.doubleToRawLongBits(gm[i]), "monetary bit for bit");
    }
    assertEquals(want.stringColumn("rfm_segment").asList(), got.stringColumn("rfm_segment").asList());
  }

  @Test
  void snapshotsEqualRfmFeaturesOnRandomTablesWithReturns() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      String[] lines = new String[200];
      for (int i = 0; i < lines.length; i++) {
        double amount = rnd.nextInt(8) == 0 ? -(1 + rnd.nextInt(30)) : 0.01 * (1 + rnd.nextInt(10000));
        lines[i] = "k" + rnd.nextInt(40) + "," + LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(200)) + ",o"
            + rnd.nextInt(120) + "," + amount;
      }
      Table tx = transactions(lines);
      RfmFeatures net = RfmFeatures.builder().customer("customer").timestamp("date").order("order").amount("amount")
          .returns(RfmFeatures.Returns.NET).build();
      for (RfmFeatures settings : List.of(RFM, net)) {
        Tracking t = Tracker.builder().rfm(settings)
            .asOf(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 5, 17), LocalDate.of(2020, 9, 1)).build().run(tx);
        for (Tracking.Snapshot s : t.snapshots()) {
          assertSnapshotMatchesRfm(settings, tx, s);
        }
      }
    }
  }

  @Test
  void datesEveryQuarterAndMonth() {
    Tracker q = Tracker.builder().rfm(RFM).every(Tracker.Every.QUARTER, LocalDate.of(2011, 1, 1),
        LocalDate.of(2011, 12, 1)).build();
    assertEquals(List.of(LocalDate.of(2011, 1, 1), LocalDate.of(2011, 4, 1), LocalDate.of(2011, 7, 1),
        LocalDate.of(2011, 10, 1)), q.dates());
    Tracker m = Tracker.builder().rfm(RFM).every(Tracker.Every.MONTH, LocalDate.of(2011, 1, 31),
        LocalDate.of(2011, 3, 31)).build();
    assertEquals(List.of(LocalDate.of(2011, 1, 31), LocalDate.of(2011, 2, 28), LocalDate.of(2011, 3, 31)), m.dates());
  }

  @Test
  void badSettingsAreRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tracker.builder().rfm(RFM)
        .every(Tracker.Every.MONTH, LocalDate.of(2011, 6, 1), LocalDate.of(2011, 1, 1)).build());
    assertEquals("the start date 2011-06-01 is after the end date 2011-01-01; give the earlier date first",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tracker.builder().rfm(RFM)
        .asOf(LocalDate.of(2011, 6, 1), LocalDate.of(2011, 1, 1)).build());
    assertEquals("the as-of dates must increase, but 2011-01-01 follows 2011-06-01; list each date once, in date order",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tracker.builder().rfm(RFM)
        .asOf(LocalDate.of(2011, 6, 1)).build());
    assertTrue(e.getMessage().startsWith("tracking needs at least two as-of dates, but only 2011-06-01 was given"));
    e = assertThrows(IllegalArgumentException.class, () -> Tracker.builder()
        .asOf(LocalDate.of(2011, 6, 1), LocalDate.of(2011, 7, 1)).build());
    assertTrue(e.getMessage().startsWith("give the RFM settings"), e.getMessage());
    Table tx = transactions("c1,2011-01-05,o1,10", "c2,2011-02-05,o2,10");
    e = assertThrows(IllegalArgumentException.class, () -> Tracker.builder().rfm(RFM)
        .asOf(LocalDate.of(2011, 1, 5), LocalDate.of(2011, 3, 1)).build().run(tx));
    assertEquals("the first as-of date, 2011-01-05, is on or before the first purchase (2011-01-05): a snapshot holds "
        + "the transactions dated strictly before its as-of date, so it would have no customer; start the dates after "
        + "2011-01-05", e.getMessage());
  }

  @Test
  void refitVerdictNamesTheDriftingFeature() {
    // 30 customers buy once in January; at the second date 30 more buy in late March: recency and tenure shift
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add("a" + i + ",2011-01-" + String.format("%02d", 1 + i % 28) + ",o" + i + "," + (10 + i));
      lines.add("b" + i + ",2011-03-" + String.format("%02d", 1 + i % 28) + ",p" + i + "," + (10 + i));
    }
    Tracking t = Tracker.builder().rfm(RFM).asOf(LocalDate.of(2011, 2, 1), LocalDate.of(2011, 4, 1)).build()
        .run(transactions(lines.toArray(String[]::new)));
    assertTrue(t.refitRecommended());
    assertTrue(t.refitReason().startsWith("refit recommended: between 2011-02-01 and 2011-04-01, the PSI of recency_days"),
        t.refitReason());
    Map<String, Double> psi = new HashMap<>();
    t.drift().forEach(d -> psi.put(d.feature(), d.psi()));
    assertEquals(0.0, psi.get("frequency"), 0.0, "everyone has one order at both dates");
    assertTrue(t.toString().contains("refit recommended"), t.toString());
  }
}
