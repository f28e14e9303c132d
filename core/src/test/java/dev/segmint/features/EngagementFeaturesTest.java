package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Engagement features from counters and from an event log, with the smoothed rates worked out by hand. */
class EngagementFeaturesTest {

  static Table counters() {
    return Table.create("counters",
        StringColumn.create("id", "a", "b", "c"),
        IntColumn.create("sends", 10, 0, 10),
        IntColumn.create("opens", 5, 0, 0),
        IntColumn.create("clicks", 1, 0, 0),
        DoubleColumn.create("visits", 4, 2, 6),
        IntColumn.create("recency", 3, 10, 30),
        IntColumn.create("cmp1", 1, 0, 1),
        IntColumn.create("cmp2", 0, 0, 1),
        IntColumn.create("web", 2, 0, 8),
        IntColumn.create("store", 6, 0, 0),
        IntColumn.create("catalog", 2, 0, 2));
  }

  static EngagementFeatures.Builder builder() {
    return EngagementFeatures.builder().customer("id").emails("sends", "opens", "clicks").webVisitsPerMonth("visits")
        .daysSinceLastActivity("recency").campaigns("cmp1", "cmp2")
        .channel("web", "web").channel("store", "store").channel("catalog", "catalog");
  }

  @Test
  void countersWithSmoothedRates() {
    // pooled priors: open 5/20 = 0.25, click 1/20 = 0.05, click-to-open 1/5 = 0.2; web 10/20, store 6/20, catalog 4/20
    EngagementFeatures.Result r = builder().build().run(counters());
    Table t = r.table();
    assertEquals(List.of("customer_id", "email_sends", "open_rate", "click_rate", "click_to_open_rate",
        "web_visits_per_month", "days_since_last_activity", "campaigns_accepted", "channel_purchases", "share_web",
        "share_store", "share_catalog"), t.columnNames());
    // (k + 10 p) / (n + 10): a (5 + 2.5)/20, b has no sends → 2.5/10 = the prior, c 2.5/20
    assertArrayEquals(new double[] {0.375, 0.25, 0.125}, t.doubleColumn("open_rate").asDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.075, 0.05, 0.025}, t.doubleColumn("click_rate").asDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.2, 0.2, 0.2}, t.doubleColumn("click_to_open_rate").asDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {4, 2, 6}, t.doubleColumn("web_visits_per_month").asDoubleArray());
    assertArrayEquals(new double[] {3, 10, 30}, t.doubleColumn("days_since_last_activity").asDoubleArray());
    assertArrayEquals(new double[] {1, 0, 2}, t.doubleColumn("campaigns_accepted").asDoubleArray());
    assertArrayEquals(new double[] {10, 0, 10}, t.doubleColumn("channel_purchases").asDoubleArray());
    assertArrayEquals(new double[] {0.35, 0.5, 0.65}, t.doubleColumn("share_web").asDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.45, 0.3, 0.15}, t.doubleColumn("share_store").asDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.2, 0.2, 0.2}, t.doubleColumn("share_catalog").asDoubleArray(), 1e-12);
    assertEquals(Map.of("open_rate", 0.25, "click_rate", 0.05, "click_to_open_rate", 0.2, "share_web", 0.5,
        "share_store", 0.3, "share_catalog", 0.2), r.priors());
  }

  @Test
  void fittedPriorsApplyToNewCustomers() {
    EngagementFeatures fitted = builder().build().fit(counters());
    Table fresh = Table.create("new",
        StringColumn.create("id", "d"), IntColumn.create("sends", new int[] {0}), IntColumn.create("opens", new int[] {0}),
        IntColumn.create("clicks", new int[] {0}), DoubleColumn.create("visits", new double[] {1}), IntColumn.create("recency", new int[] {5}),
        IntColumn.create("cmp1", new int[] {0}), IntColumn.create("cmp2", new int[] {0}), IntColumn.create("web", new int[] {1}),
        IntColumn.create("store", new int[] {0}), IntColumn.create("catalog", new int[] {0}));
    Table t = fitted.compute(fresh);
    assertEquals(0.25, t.doubleColumn("open_rate").getDouble(0), 1e-12, "the fitted prior, not this table's 0/0");
    assertEquals((1 + 5) / 11.0, t.doubleColumn("share_web").getDouble(0), 1e-12);
  }

  @Test
  void withoutSmoothingAZeroDenominatorGivesThePrior() {
    Table t = builder().priorStrength(0).build().compute(counters());
    assertArrayEquals(new double[] {0.5, 0.25, 0}, t.doubleColumn("open_rate").asDoubleArray(), 1e-12);
  }

  @Test
  void eventLog() {
    Table events = Table.create("events",
        StringColumn.create("customer", "x", "x", "x", "x", "y", "y", "z"),
        StringColumn.create("type", "send", "open", "click", "visit", "send", "send", "visit"),
        StringColumn.create("time", "2024-01-01", "2024-01-02 10:00:00", "2024-01-02", "2024-01-20", "2024-01-01",
            "2024-02-01", "2024-03-01"));
    EngagementFeatures.Result r = EngagementFeatures.builder().customer("customer").events("type", "time", null)
        .build().run(events);
    Table t = r.table();
    assertEquals(LocalDate.of(2024, 3, 2), r.asOf());
    // window 2024-01-01 .. 2024-03-02 = 61 days = 61 / 30.4375 months
    double months = 61 / 30.4375;
    assertArrayEquals(new double[] {1 / months, 0, 1 / months}, t.doubleColumn("web_visits_per_month").asDoubleArray(),
        1e-12);
    // x last active 01-20 → 42 days; y only received sends → the whole window, 61; z 03-01 → 1
    assertArrayEquals(new double[] {42, 61, 1}, t.doubleColumn("days_since_last_activity").asDoubleArray());
    assertArrayEquals(new double[] {1, 2, 0}, t.doubleColumn("email_sends").asDoubleArray());
    // pooled open 1/3: x (1 + 10/3) / 11, y (10/3) / 12, z the prior
    assertArrayEquals(new double[] {13 / 33.0, 10 / 36.0, 1 / 3.0}, t.doubleColumn("open_rate").asDoubleArray(), 1e-12);
  }

  @Test
  void badInputs() {
    Table neg = counters();
    neg.intColumn("opens").set(1, -2);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> builder().build().run(neg));
    assertEquals("counter column 'opens' is -2 at row 2 (customer b); counts cannot be negative: fix or remove that row",
        ex.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> EngagementFeatures.builder().customer("id").build());
    assertEquals("no engagement column configured: call emails, webVisitsPerMonth, daysSinceLastActivity, "
        + "lastActivity, campaigns, channel or events", none.getMessage());
    IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
        () -> EngagementFeatures.builder().customer("id").webVisitsPerMonth("visit").build().run(counters()));
    assertEquals("column 'visit' not found in table 'counters' (did you mean 'visits'?); columns are [id, sends, "
        + "opens, clicks, visits, recency, cmp1, cmp2, web, store, catalog]", col.getMessage());
  }
}
