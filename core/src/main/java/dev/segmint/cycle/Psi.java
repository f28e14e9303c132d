package dev.segmint.cycle;

import java.util.Arrays;

/**
 * Population stability index of one feature between an earlier and a later sample (the tracking contract):
 * 10 bins cut at the earlier sample's deciles, empty bins smoothed with 0.5 counts, and
 * {@code PSI = Σ (p_i − q_i) · ln(p_i / q_i)} with p, q the earlier and later shares of each bin.
 *
 * <p>Bins: the cut points are the 9 deciles {@code d_j = e[ceil(j·n/10) − 1]} (j = 1..9) of the sorted earlier
 * values e (the inverse of the empirical distribution function); bin 1 is {@code x ≤ d_1}, bin j is
 * {@code d_{j−1} < x ≤ d_j}, bin 10 is {@code x > d_9}. Equal cut points (ties, e.g. many customers with one
 * order) merge their bins, so such a feature has fewer than 10 bins. Shares are the (smoothed) counts over the sum
 * of the smoothed counts of the sample; a bin empty in both samples is left out (smoothing it would give equal
 * distributions a drift). O((n + m) log n) time, O(n) memory.
 *
 * <p>Reading (the usual convention): below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 ({@link #FLAG}) a
 * shift large enough to re-examine the segments. Reference: N. Siddiqi (2006), <i>Credit Risk Scorecards</i>,
 * Wiley, ch. 8; B. Yurdakul (2018), "Statistical properties of population stability index", Western Michigan
 * University.
 */
public final class Psi {
  /** The flag threshold of the contract: a feature drifts when its PSI is above 0.25. */
  public static final double FLAG = 0.25;
  /** The number of bins before ties merge them. */
  public static final int BINS = 10;
  /** The count given to an empty bin. */
  public static final double SMOOTHING = 0.5;

  private Psi() {}

  /** The cut points (distinct, ascending) at the deciles of {@code earlier}. */
  static double[] cuts(double[] earlier) {
    double[] e = earlier.clone();
    Arrays.sort(e);
    int n = e.length;
    double[] cuts = new double[BINS - 1];
    int k = 0;
    for (int j = 1; j < BINS; j++) {
      int idx = (int) Math.max(0, (j * (long) n + BINS - 1) / BINS - 1);   // ceil(j n / 10) - 1
      double d = e[idx];
      if (k == 0 || d > cuts[k - 1]) {
        cuts[k++] = d;
      }
    }
    return Arrays.copyOf(cuts, k);
  }

  /** Counts per bin: bin b holds cuts[b-1] < x ≤ cuts[b]. */
  static long[] counts(double[] cuts, double[] values) {
    long[] c = new long[cuts.length + 1];
    for (double x : values) {
      int lo = 0;
      int hi = cuts.length;   // first cut ≥ x
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cuts[mid] < x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      c[lo]++;
    }
    return c;
  }

  /**
   * The PSI of {@code later} against {@code earlier}.
   *
   * @throws IllegalArgumentException when either sample is empty or holds NaN
   */
  public static double of(double[] earlier, double[] later) {
    if (earlier.length == 0 || later.length == 0) {
      throw new IllegalArgumentException("the population stability index needs values in both samples (earlier "
          + earlier.length + ", later " + later.length + ")");
    }
    for (double[] a : new double[][] {earlier, later}) {
      for (double x : a) {
        if (Double.isNaN(x)) {
          throw new IllegalArgumentException("the population stability index needs numbers, not NaN");
        }
      }
    }
    double[] cuts = cuts(earlier);
    long[] ce = counts(cuts, earlier);
    long[] cl = counts(cuts, later);
    // a bin empty in both samples says nothing; smoothing it would make equal distributions drift
    int used = 0;
    for (int b = 0; b < ce.length; b++) {
      if (ce[b] > 0 || cl[b] > 0) {
        ce[used] = ce[b];
        cl[used++] = cl[b];
      }
    }
    double[] p = shares(java.util.Arrays.copyOf(ce, used));
    double[] q = shares(java.util.Arrays.copyOf(cl, used));
    double psi = 0;
    for (int b = 0; b < p.length; b++) {
      psi += (p[b] - q[b]) * Math.log(p[b] / q[b]);
    }
    return psi;
  }

  private static double[] shares(long[] counts) {
    double[] s = new double[counts.length];
    double total = 0;
    for (int b = 0; b < counts.length; b++) {
      s[b] = counts[b] == 0 ? SMOOTHING : counts[b];
      total += s[b];
    }
    for (int b = 0; b < s.length; b++) {
      s[b] /= total;
    }
    return s;
  }
}
