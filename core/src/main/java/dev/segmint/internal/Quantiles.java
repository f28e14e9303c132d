package dev.segmint.internal;

/**
 * The one linear interpolation of quantiles (type 7, numpy's "linear") of the library and the Spark module: feature
 * fills and scalers, profile summaries, and distributed quantiles found by a sort. Not API.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile of ascending-sorted values: position {@code q·(n − 1)}, interpolated between its two neighbours.
   * O(1). {@code sorted} must not be empty and q must be in [0, 1] (not checked).
   */
  public static double ofSorted(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return interpolate(sorted[lo], sorted[hi], pos - lo);
  }

  /**
   * {@code a + frac·(b − a)}, computed in halves when the difference of two finite neighbours overflows (a column
   * from −1e308 to 1e308), so that any finite data gives a finite quantile.
   */
  public static double interpolate(double a, double b, double frac) {
    double diff = b - a;
    if (Double.isInfinite(diff) && Double.isFinite(a) && Double.isFinite(b)) {
      return 2 * (a / 2 + frac * (b / 2 - a / 2));
    }
    return a + frac * diff;
  }
}
