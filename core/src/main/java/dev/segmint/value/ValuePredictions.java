package dev.segmint.value;

import dev.segmint.internal.Numbers;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-customer predictions of a {@link ValueModel}: the summary columns and {@code p_alive},
 * {@code expected_purchases} (over the horizon), {@code expected_order_value} and {@code clv} (discounted monthly),
 * in the order of the summary. Immutable: accessors return copies.
 */
public final class ValuePredictions {
  /** The columns of {@link #toTable()}, as {@code segmint clv --out} writes them. */
  public static final List<String> COLUMNS = List.of("customer_id", "frequency", "recency", "T", "monetary",
      "p_alive", "expected_purchases", "expected_order_value", "clv");

  private final CalibrationSummary summary;
  private final double[] pAlive;
  private final double[] expectedPurchases;
  private final double[] expectedOrderValue;
  private final double[] clv;
  private final int horizonDays;
  private final double discount;

  ValuePredictions(CalibrationSummary summary, double[] pAlive, double[] expectedPurchases,
      double[] expectedOrderValue, double[] clv, int horizonDays, double discount) {
    this.summary = summary;
    this.pAlive = pAlive;
    this.expectedPurchases = expectedPurchases;
    this.expectedOrderValue = expectedOrderValue;
    this.clv = clv;
    this.horizonDays = horizonDays;
    this.discount = discount;
  }

  /** The summary predicted on. */
  public CalibrationSummary summary() {
    return summary;
  }

  /** The probability that each customer is alive at the end of the calibration period (a copy). */
  public double[] pAlive() {
    return pAlive.clone();
  }

  /** Expected purchases (purchase days) in the horizon after the calibration end (a copy). */
  public double[] expectedPurchases() {
    return expectedPurchases.clone();
  }

  /** Expected value of an order (a copy). */
  public double[] expectedOrderValue() {
    return expectedOrderValue.clone();
  }

  /** Lifetime value over the horizon, discounted monthly (a copy). */
  public double[] clv() {
    return clv.clone();
  }

  /** The horizon in days. */
  public int horizonDays() {
    return horizonDays;
  }

  /** The monthly discount rate. */
  public double discount() {
    return discount;
  }

  /** The sum of the customers' CLV. */
  public double totalClv() {
    double s = 0;
    for (double v : clv) {
      s += v;
    }
    return s;
  }

  /** The sum of the customers' expected purchases. */
  public double totalExpectedPurchases() {
    double s = 0;
    for (double v : expectedPurchases) {
      s += v;
    }
    return s;
  }

  /** One row per customer with the {@link #COLUMNS}. */
  public Table toTable() {
    Table t = summary.toTable().setName("customer value");
    return t.addColumns(DoubleColumn.create("p_alive", pAlive),
        DoubleColumn.create("expected_purchases", expectedPurchases),
        DoubleColumn.create("expected_order_value", expectedOrderValue),
        DoubleColumn.create("clv", clv));
  }

  @Override
  public String toString() {
    int n = pAlive.length;
    double alive = 0;
    for (double v : pAlive) {
      alive += v;
    }
    return "ValuePredictions[" + String.format("%,d", n) + " customers, horizon " + horizonDays + " days, discount "
        + Numbers.pct(discount) + " a month: expected purchases " + Numbers.num(totalExpectedPurchases())
        + ", total CLV " + Numbers.num(totalClv()) + ", mean p_alive " + Numbers.round(alive / n, 3) + "]\n"
        + toTable().print(10);
  }
}
