package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * RFM on the real UCI Online Retail export (541,909 rows), checked against a second, deliberately plain
 * implementation over the raw rows written here from the contract text.
 */
class RfmOnlineRetailTest {

  static Table raw;
  static RfmFeatures.Result result;
  static Reference ref;

  @BeforeAll
  static void load() {
    raw = RealData.onlineRetail();
    result = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build().run(raw);
    ref = new Reference(raw);
  }

  /** The contract, row by row, with plain collections: customer → dates, orders and amounts. */
  static final class Reference {
    final Map<String, Set<String>> orders = new HashMap<>();
    final Map<String, Double> monetary = new HashMap<>();
    final Map<String, LocalDate> lastPurchase = new HashMap<>();
    final Map<String, LocalDate> firstPurchase = new HashMap<>();
    int missingId;
    int returns;
    int zero;
    LocalDate latest = LocalDate.MIN;

    Reference(Table t) {
      StringColumn id = t.stringColumn("CustomerID");
      StringColumn inv = t.stringColumn("InvoiceNo");
      StringColumn date = t.stringColumn("InvoiceDate");
      IntColumn q = t.intColumn("Quantity");
      DoubleColumn p = t.doubleColumn("UnitPrice");
      for (int i = 0; i < t.rowCount(); i++) {
        String c = id.get(i);
        if (c == null || c.isEmpty()) {
          missingId++;
          continue;
        }
        double amount = q.get(i) * p.get(i);
        if (amount < 0) {
          returns++;
          continue;
        }
        if (amount == 0) {
          zero++;
          continue;
        }
        LocalDate d = LocalDate.parse(date.get(i).substring(0, 10));
        orders.computeIfAbsent(c, k -> new HashSet<>()).add(inv.get(i));
        monetary.merge(c, amount, Double::sum);
        lastPurchase.merge(c, d, (a, b) -> a.isAfter(b) ? a : b);
        firstPurchase.merge(c, d, (a, b) -> a.isBefore(b) ? a : b);
        if (d.isAfter(latest)) {
          latest = d;
        }
      }
    }
  }

  @Test
  void customersWithAPurchase() {
    assertEquals(4338, ref.orders.size(), "reference count of customers with a purchase");
    assertEquals(4338, result.table().rowCount());
    assertEquals(4338, result.report().customersOut());
  }

  @Test
  void dataQualityReportCountsEveryRow() {
    DataQualityReport dq = result.report();
    assertEquals(541_909, dq.rowsRead());
    assertEquals(ref.missingId, dq.rowsDropped(Reason.MISSING_CUSTOMER_ID));
    assertEquals(135_080, dq.rowsDropped(Reason.MISSING_CUSTOMER_ID));
    assertEquals(ref.returns, dq.rowsDropped(Reason.RETURN));
    assertEquals(ref.zero, dq.rowsDropped(Reason.ZERO_AMOUNT));
    assertEquals(0, dq.rowsDropped(Reason.UNPARSEABLE_TIMESTAMP));
    long dropped = 0;
    for (Reason r : Reason.values()) {
      dropped += dq.rowsDropped(r);
    }
    assertEquals(dq.rowsRead(), dq.rowsKept() + dropped, "every row is kept or counted once");
    // the first rows without a customer id in the file (1-based data rows)
    StringColumn id = raw.stringColumn("CustomerID");
    List<String> firstMissing = new ArrayList<>();
    for (int i = 0; i < raw.rowCount() && firstMissing.size() < 5; i++) {
      if (id.get(i).isEmpty()) {
        firstMissing.add(Integer.toString(i + 1));
      }
    }
    assertEquals(firstMissing, dq.examples(Reason.MISSING_CUSTOMER_ID));
    // customers with only returns are dropped and counted
    assertTrue(dq.customers(Reason.NO_PURCHASES) > 0);
    Table t = dq.toTable();
    assertEquals(List.of("reason", "unit", "count", "rows", "examples"), t.columnNames());
  }

  @Test
  void totalsMatchTheReference() {
    Table t = result.table();
    double refTotal = ref.monetary.values().stream().mapToDouble(Double::doubleValue).sum();
    double total = t.doubleColumn("monetary").sum();
    assertEquals(refTotal, total, 1e-6 * refTotal);
    assertEquals(8_911_407.904, total, 0.01);
    long refOrders = ref.orders.values().stream().mapToLong(Set::size).sum();
    assertEquals(refOrders, (long) t.intColumn("frequency").sum());
    assertEquals(LocalDate.of(2011, 12, 10), result.asOf());
    assertEquals(ref.latest.plusDays(1), result.asOf());
  }

  @Test
  void perCustomerValuesAndPandasStyleIdsKeptAsText() {
    Table t = result.table();
    StringColumn ids = t.stringColumn("customer_id");
    assertTrue(ids.contains("17850.0"), "ids are kept exactly as written, e.g. 17850.0");
    for (int r = 0; r < t.rowCount(); r += 97) {
      String c = ids.get(r);
      assertEquals(ref.orders.get(c).size(), t.intColumn("frequency").getInt(r), c);
      assertEquals(ref.monetary.get(c), t.doubleColumn("monetary").get(r), 1e-6, c);
      assertEquals(result.asOf().toEpochDay() - ref.lastPurchase.get(c).toEpochDay(),
          t.intColumn("recency_days").getInt(r), c);
      assertEquals(result.asOf().toEpochDay() - ref.firstPurchase.get(c).toEpochDay(),
          t.intColumn("tenure_days").getInt(r), c);
    }
  }

  @Test
  void segmentCountsMatchTheReferenceScores() {
    // reference scores by brute force: count strictly worse customers one by one (O(n²), fine for 4,338)
    List<String> cs = new ArrayList<>(ref.orders.keySet());
    int n = cs.size();
    double[] rec = new double[n];
    double[] freq = new double[n];
    double[] mon = new double[n];
    for (int i = 0; i < n; i++) {
      String c = cs.get(i);
      rec[i] = ref.latest.plusDays(1).toEpochDay() - ref.lastPurchase.get(c).toEpochDay();
      freq[i] = ref.orders.get(c).size();
      mon[i] = ref.monetary.get(c);
    }
    Map<String, Integer> expected = new TreeMap<>();
    Map<String, String> expectedCode = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int worseR = 0;
      int worseF = 0;
      int worseM = 0;
      for (int j = 0; j < n; j++) {
        worseR += rec[j] > rec[i] ? 1 : 0;
        worseF += freq[j] < freq[i] ? 1 : 0;
        worseM += mon[j] < mon[i] ? 1 : 0;
      }
      int r = 1 + 5 * worseR / n;
      int f = 1 + 5 * worseF / n;
      int m = 1 + 5 * worseM / n;
      String seg = RfmSegment.of(r, f).label();
      expected.merge(seg, 1, Integer::sum);
      expectedCode.put(cs.get(i), "" + r + f + m);
    }
    Map<String, Integer> actual = new TreeMap<>();
    Table t = result.table();
    for (int r = 0; r < t.rowCount(); r++) {
      actual.merge(t.stringColumn("rfm_segment").get(r), 1, Integer::sum);
      assertEquals(expectedCode.get(t.stringColumn("customer_id").get(r)), t.stringColumn("rfm_code").get(r));
    }
    assertEquals(expected, actual);
    assertEquals(10, actual.size(), "every named segment occurs on Online Retail: " + actual);
  }

  @Test
  void extrasAreAddedAfterTheContractColumns() {
    RfmFeatures.Result extra = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").meanDaysBetweenPurchases().purchasesInLastDays(30, 90).build().run(raw);
    Table t = extra.table();
    List<String> expectedNames = new ArrayList<>(RfmFeatures.COLUMNS);
    expectedNames.addAll(List.of("mean_days_between_purchases", "purchases_last_30d", "purchases_last_90d"));
    assertEquals(expectedNames, t.columnNames());
    assertEquals(result.table().columnNames(), RfmFeatures.COLUMNS, "default columns unchanged");
    StringColumn ids = t.stringColumn("customer_id");
    for (int r = 0; r < t.rowCount(); r += 131) {
      String c = ids.get(r);
      int f = ref.orders.get(c).size();
      double gap = t.doubleColumn("mean_days_between_purchases").getDouble(r);
      if (f == 1) {
        assertTrue(Double.isNaN(gap));
      } else {
        double span = ref.lastPurchase.get(c).toEpochDay() - ref.firstPurchase.get(c).toEpochDay();
        assertEquals(span / (f - 1), gap, 1e-12, c);
      }
      assertTrue(t.intColumn("purchases_last_30d").get(r) <= t.intColumn("purchases_last_90d").get(r));
      assertTrue(t.intColumn("purchases_last_90d").get(r) <= f);
      assertEquals(t.intColumn("recency_days").get(r) <= 30, t.intColumn("purchases_last_30d").get(r) > 0, c);
    }
  }

  @Test
  void netModeKeepsReturnsInMonetaryButNotInFrequency() {
    RfmFeatures.Result net = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").returns(RfmFeatures.Returns.NET).build().run(raw);
    assertEquals(4338, net.table().rowCount());
    assertEquals(0, net.report().rowsDropped(Reason.RETURN));
    assertEquals((long) result.table().intColumn("frequency").sum(), (long) net.table().intColumn("frequency").sum());
    assertTrue(net.table().doubleColumn("monetary").sum() < result.table().doubleColumn("monetary").sum());
    assertTrue(net.report().customers(Reason.NON_POSITIVE_MONETARY) > 0, net.report().toString());
    assertFalse(Arrays.asList(net.report().toString().split("\n")).isEmpty());
  }
}
