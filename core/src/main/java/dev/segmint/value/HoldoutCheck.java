package dev.segmint.value;

import dev.segmint.features.RfmFeatures;
import dev.segmint.internal.Numbers;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The calibration/holdout check of the BG/NBD papers (Fader, Hardie and Lee 2005, fig. 4): for the customers of the
 * calibration period, the repeat purchases predicted for the holdout period (calibration end, holdout end] against
 * the purchase days they really had in it, in total and by calibration frequency (0, 1, …, 6, 7+). Immutable.
 * O(purchases through the holdout end) plus one conditional expectation per customer.
 */
public final class HoldoutCheck {
  /** Frequencies from this one up share the last bucket ("7+"). */
  static final int LAST_BUCKET = 7;

  private final CalibrationSummary calibration;
  private final LocalDate holdoutEnd;
  private final double[] actual;
  private final double[] predicted;

  private HoldoutCheck(CalibrationSummary calibration, LocalDate holdoutEnd, double[] actual, double[] predicted) {
    this.calibration = calibration;
    this.holdoutEnd = holdoutEnd;
    this.actual = actual;
    this.predicted = predicted;
  }

  /**
   * Compares the model's predictions for the holdout period with the purchases in it.
   *
   * @param calibration the summary the model predicts from (built from transactions, so with its calibration end)
   * @param prepared the same transactions, read once
   * @throws IllegalArgumentException when the summary has no calibration end or the holdout end is not after it
   */
  public static HoldoutCheck of(ValueModel model, CalibrationSummary calibration, RfmFeatures.Prepared prepared,
      LocalDate holdoutEnd) {
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    LocalDate end = calibration.calibrationEnd();
    if (end == null) {
      throw new IllegalArgumentException("the holdout check needs a summary built from transactions (with a "
          + "calibration end)");
    }
    if (!holdoutEnd.isAfter(end)) {
      throw new IllegalArgumentException("the holdout end " + holdoutEnd + " must be after the calibration end "
          + end + "; give an earlier calibration end (e.g. three months before the last transaction)");
    }
    RfmFeatures.Purchases all = prepared.purchasesThrough(holdoutEnd);
    String[] ids = calibration.idArray();
    String[] allIds = all.customerIds();
    // both id lists are sorted: map each customer of the holdout purchases to the calibration row, or −1
    int[] row = new int[allIds.length];
    for (int k = 0, i = 0; k < allIds.length; k++) {
      while (i < ids.length && ids[i].compareTo(allIds[k]) < 0) {
        i++;
      }
      row[k] = i < ids.length && ids[i].equals(allIds[k]) ? i : -1;
    }
    int[] customer = all.customers();
    int[] day = all.epochDays();
    long from = end.toEpochDay();
    // distinct holdout days per calibration customer: sort (row, day) keys
    long[] key = new long[customer.length];
    int m = 0;
    for (int j = 0; j < customer.length; j++) {
      int r = row[customer[j]];
      if (r >= 0 && day[j] > from) {
        key[m++] = ((long) r << 32) | (day[j] - from);
      }
    }
    Arrays.sort(key, 0, m);
    double[] actual = new double[ids.length];
    for (int j = 0; j < m; j++) {
      if (j == 0 || key[j] != key[j - 1]) {
        actual[(int) (key[j] >>> 32)]++;
      }
    }
    double t = (holdoutEnd.toEpochDay() - from) / (double) calibration.period().days();
    BgNbd bg = model.purchases();
    bg.requirePeriod(calibration);
    int[] x = calibration.x();
    double[] tx = calibration.tx();
    double[] age = calibration.t();
    double[] predicted = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      predicted[i] = bg.expectedPurchases(t, x[i], tx[i], age[i]);
    }
    return new HoldoutCheck(calibration, holdoutEnd, actual, predicted);
  }

  /** The last day of the holdout period. */
  public LocalDate holdoutEnd() {
    return holdoutEnd;
  }

  /** Per calibration customer, the purchase days in the holdout period (a copy). */
  public double[] actual() {
    return actual.clone();
  }

  /** Per calibration customer, the predicted purchases in the holdout period (a copy). */
  public double[] predicted() {
    return predicted.clone();
  }

  /** The sum of {@link #actual()}. */
  public double totalActual() {
    return Arrays.stream(actual).sum();
  }

  /** The sum of {@link #predicted()}. */
  public double totalPredicted() {
    double s = 0;
    for (double v : predicted) {
      s += v;
    }
    return s;
  }

  /**
   * One row per calibration frequency bucket ({@code 0} … {@code 6}, {@code 7+}) and a row {@code all}:
   * {@code frequency, customers, actual_mean, predicted_mean, actual_total, predicted_total}.
   */
  public Table toTable() {
    int[] x = calibration.x();
    int buckets = LAST_BUCKET + 1;
    int[] n = new int[buckets + 1];
    double[] act = new double[buckets + 1];
    double[] pred = new double[buckets + 1];
    for (int i = 0; i < x.length; i++) {
      int b = Math.min(x[i], LAST_BUCKET);
      for (int k : new int[] {b, buckets}) {
        n[k]++;
        act[k] += actual[i];
        pred[k] += predicted[i];
      }
    }
    String[] label = new String[buckets + 1];
    double[] actMean = new double[buckets + 1];
    double[] predMean = new double[buckets + 1];
    for (int k = 0; k <= buckets; k++) {
      label[k] = k == buckets ? "all" : k == LAST_BUCKET ? LAST_BUCKET + "+" : Integer.toString(k);
      actMean[k] = n[k] == 0 ? Double.NaN : act[k] / n[k];
      predMean[k] = n[k] == 0 ? Double.NaN : pred[k] / n[k];
    }
    return Table.create("holdout check", StringColumn.create("frequency", label), IntColumn.create("customers", n),
        DoubleColumn.create("actual_mean", actMean), DoubleColumn.create("predicted_mean", predMean),
        DoubleColumn.create("actual_total", act), DoubleColumn.create("predicted_total", pred));
  }

  @Override
  public String toString() {
    Table t = toTable();
    StringBuilder s = new StringBuilder("Holdout ").append(calibration.calibrationEnd().plusDays(1)).append(" .. ")
        .append(holdoutEnd).append(": repeat purchase days per customer by calibration frequency\n")
        .append(String.format("%-10s %10s %12s %12s%n", "frequency", "customers", "actual", "predicted"));
    for (int r = 0; r < t.rowCount(); r++) {
      boolean empty = t.intColumn("customers").getInt(r) == 0;     // no customer: no mean ("-")
      s.append(String.format("%-10s %10s %12s %12s%n", t.stringColumn("frequency").get(r),
          String.format("%,d", t.intColumn("customers").getInt(r)),
          empty ? "-" : Double.toString(Numbers.round(t.doubleColumn("actual_mean").getDouble(r), 3)),
          empty ? "-" : Double.toString(Numbers.round(t.doubleColumn("predicted_mean").getDouble(r), 3))));
    }
    return s.append("total: actual ").append(Numbers.num(totalActual())).append(", predicted ")
        .append(Numbers.num(totalPredicted())).toString();
  }
}
