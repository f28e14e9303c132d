package dev.segmint.value;

import dev.segmint.features.DataQualityReport;
import dev.segmint.internal.Numbers;
import java.time.LocalDate;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The calibration summary of the customer-value models, one row per customer, as lifetimes'
 * {@code summary_data_from_transaction_data}: {@code frequency} x (repeat purchase days), {@code recency} t_x (from
 * the first to the last purchase day), {@code T} (from the first purchase day to the end of the calibration period)
 * and {@code monetary} (mean daily purchase total of the repeat purchase days, 0 when x = 0), with recency and T in
 * the {@link Period} of the model. Built from transactions by {@link CustomerValue#summarize}, or from arrays by
 * {@link #of} (e.g. simulated customers). Immutable: accessors return copies. Memory O(n).
 */
public final class CalibrationSummary {
  private final String[] ids;
  private final int[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] monetary;
  private final Period period;
  private final LocalDate calibrationEnd;
  private final DataQualityReport report;

  private CalibrationSummary(String[] ids, int[] frequency, double[] recency, double[] age, double[] monetary,
      Period period, LocalDate calibrationEnd, DataQualityReport report) {
    this.ids = ids;
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetary = monetary;
    this.period = period;
    this.calibrationEnd = calibrationEnd;
    this.report = report;
  }

  /** Trusted constructor for {@link CustomerValue}: the arrays are owned by the summary and already valid. */
  static CalibrationSummary owned(String[] ids, int[] frequency, double[] recency, double[] age, double[] monetary,
      Period period, LocalDate calibrationEnd, DataQualityReport report) {
    return new CalibrationSummary(ids, frequency, recency, age, monetary, period, calibrationEnd, report);
  }

  /**
   * A summary from arrays (copied), e.g. simulated customers or a summary computed elsewhere. O(n).
   *
   * @param ids customer ids (distinct is not checked), or null for {@code c1, c2, …}
   * @param frequency repeat purchases x ≥ 0
   * @param recency t_x with 0 ≤ t_x ≤ T, and t_x = 0 when x = 0
   * @param age T ≥ 0
   * @param monetary mean repeat order value, &gt; 0 when x &gt; 0 and 0 when x = 0
   * @throws IllegalArgumentException for different lengths, no customer, or a value out of range, naming the
   *     customer and the value
   */
  public static CalibrationSummary of(String[] ids, int[] frequency, double[] recency, double[] age,
      double[] monetary, Period period) {
    Objects.requireNonNull(period, "period");
    int n = frequency.length;
    if (recency.length != n || age.length != n || monetary.length != n || (ids != null && ids.length != n)) {
      throw new IllegalArgumentException("frequency, recency, T, monetary" + (ids != null ? " and ids" : "")
          + " need one value per customer; got lengths " + n + ", " + recency.length + ", " + age.length + ", "
          + monetary.length + (ids != null ? ", " + ids.length : ""));
    }
    if (n == 0) {
      throw new IllegalArgumentException("the summary has no customer; the models need at least one");
    }
    String[] id = new String[n];
    for (int i = 0; i < n; i++) {
      id[i] = ids == null ? "c" + (i + 1) : Objects.requireNonNull(ids[i], "id of customer " + (i + 1));
      int x = frequency[i];
      double tx = recency[i];
      double t = age[i];
      double m = monetary[i];
      String who = "customer '" + id[i] + "' (row " + (i + 1) + ")";
      if (x < 0) {
        throw new IllegalArgumentException(who + " has frequency " + x + "; repeat purchases are counted from 0");
      }
      if (!(t >= 0) || Double.isInfinite(t)) {
        throw new IllegalArgumentException(who + " has T = " + t + "; T is a finite age of at least 0");
      }
      if (!(tx >= 0 && tx <= t)) {
        throw new IllegalArgumentException(who + " has recency " + tx + " outside [0, T = " + t
            + "]; the last purchase lies between the first purchase and the end of the calibration period");
      }
      if (x == 0 && (tx != 0 || m != 0)) {
        throw new IllegalArgumentException(who + " has frequency 0 but recency " + tx + " and monetary " + m
            + "; without repeat purchases both are 0");
      }
      if (x > 0 && !(m > 0 && m < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(who + " has frequency " + x + " but monetary " + m
            + "; the mean repeat order value is a finite amount above 0");
      }
    }
    return new CalibrationSummary(id, frequency.clone(), recency.clone(), age.clone(), monetary.clone(), period,
        null, null);
  }

  /** The number of customers. */
  public int size() {
    return frequency.length;
  }

  /** The customer ids, sorted by id when built from transactions (a copy). */
  public String[] ids() {
    return ids.clone();
  }

  /** Repeat purchase days x (a copy). */
  public int[] frequency() {
    return frequency.clone();
  }

  /** t_x in {@link #period()} units (a copy). */
  public double[] recency() {
    return recency.clone();
  }

  /** T in {@link #period()} units (a copy). */
  public double[] age() {
    return age.clone();
  }

  /** Mean daily purchase total of the repeat purchase days, 0 when x = 0 (a copy). */
  public double[] monetary() {
    return monetary.clone();
  }

  /** The unit of recency and T. */
  public Period period() {
    return period;
  }

  /** The last day of the calibration period (inclusive), or null for a summary built from arrays. */
  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  /** What happened to every transaction row and customer, or null for a summary built from arrays. */
  public DataQualityReport report() {
    return report;
  }

  /** The customers with at least one repeat purchase (those the Gamma-Gamma model is fitted on). */
  public int repeatCustomers() {
    int k = 0;
    for (int x : frequency) {
      if (x > 0) {
        k++;
      }
    }
    return k;
  }

  // package-private views without copies, for the fits and predictions
  int[] x() {
    return frequency;
  }

  double[] tx() {
    return recency;
  }

  double[] t() {
    return age;
  }

  double[] m() {
    return monetary;
  }

  String[] idArray() {
    return ids;
  }

  /** {@code customer_id, frequency, recency, T, monetary}, one row per customer. */
  public Table toTable() {
    return Table.create("calibration summary",
        StringColumn.create("customer_id", ids),
        IntColumn.create("frequency", frequency),
        DoubleColumn.create("recency", recency),
        DoubleColumn.create("T", age),
        DoubleColumn.create("monetary", monetary));
  }

  @Override
  public String toString() {
    int n = size();
    double sumX = 0;
    double sumT = 0;
    for (int i = 0; i < n; i++) {
      sumX += frequency[i];
      sumT += age[i];
    }
    int repeat = repeatCustomers();
    StringBuilder s = new StringBuilder("CalibrationSummary[").append(String.format("%,d", n)).append(" customers")
        .append(calibrationEnd == null ? "" : ", calibration through " + calibrationEnd).append(", period ")
        .append(period.label()).append(", ").append(Numbers.pct(repeat / (double) n)).append(" with repeat purchases")
        .append(", mean frequency ").append(Numbers.num(sumX / n)).append(", mean T ").append(Numbers.num(sumT / n))
        .append(" ").append(period.label()).append("s]\n");
    if (report != null) {
      s.append(report);
    }
    return s.append(toTable().print(10)).toString();
  }
}
