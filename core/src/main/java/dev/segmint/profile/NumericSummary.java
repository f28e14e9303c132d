package dev.segmint.profile;

import dev.segmint.internal.Quantiles;
import java.util.Locale;

/**
 * Summary statistics of one numeric feature over a set of customers, in the feature's original units. Quantiles use
 * linear interpolation between order statistics (R's type 7, numpy's and pandas' default): the p-quantile of
 * sorted x<sub>0..n−1</sub> is x<sub>⌊h⌋</sub> + (h − ⌊h⌋)(x<sub>⌊h⌋+1</sub> − x<sub>⌊h⌋</sub>) with h = (n − 1)p.
 * The standard deviation is the sample one (divisor n − 1). All statistics are NaN when no value is present.
 *
 * @param count values present
 * @param missing values missing (not counted in any statistic)
 * @param mean arithmetic mean
 * @param sd sample standard deviation (NaN below 2 values)
 * @param min smallest value
 * @param p05 5th percentile (the box plots' lower whisker)
 * @param q1 first quartile
 * @param median median
 * @param q3 third quartile
 * @param p95 95th percentile (the box plots' upper whisker)
 * @param max largest value
 */
public record NumericSummary(long count, long missing, double mean, double sd, double min, double p05, double q1,
    double median, double q3, double p95, double max) {

  /** Summary of ascending-sorted values with the mean and sd given (computed by the caller's accumulator). */
  static NumericSummary ofSorted(double[] sorted, long missing, double mean, double sd) {
    int n = sorted.length;
    if (n == 0) {
      double nan = Double.NaN;
      return new NumericSummary(0, missing, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
    return new NumericSummary(n, missing, mean, sd, sorted[0], quantile(sorted, 0.05), quantile(sorted, 0.25),
        quantile(sorted, 0.5), quantile(sorted, 0.75), quantile(sorted, 0.95), sorted[n - 1]);
  }

  /** The p-quantile of ascending-sorted values, type 7 (linear interpolation). */
  public static double quantile(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (p < 0 || p > 1 || Double.isNaN(p)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
    }
    return Quantiles.ofSorted(sorted, p);
  }

  /** Interquartile range q3 − q1. */
  public double iqr() {
    return q3 - q1;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "n %d, mean %.4g, sd %.4g, min %.4g, q1 %.4g, median %.4g, q3 %.4g, max %.4g",
        count, mean, sd, min, q1, median, q3, max);
  }
}
