package dev.segmint.cycle;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The statistics behind {@link CampaignResults}, each a small pure function of counts or moments: Wilson score
 * intervals, Newcombe's hybrid score interval of a difference of proportions, the two-sided p-value of a 2 × 2 table
 * (Fisher's exact test when an expected cell is below 5, else the pooled two-proportion z-test),
 * Benjamini–Hochberg q-values, the Welch interval of a difference of means, and the customers per group needed
 * for a two-proportion test. Undefined results are {@code NaN}. Every function is O(1) except Fisher's test
 * (O(min(row, column totals))) and Benjamini–Hochberg (O(m log m)).
 */
final class CampaignStatistics {
  private CampaignStatistics() {}

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  /** Φ⁻¹(0.975), the two-sided 95 % normal quantile (1.959963984540054, not 1.96). */
  static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);
  /** Φ⁻¹(0.8), the normal quantile for 80 % power. */
  static final double Z_80 = STANDARD_NORMAL.inverseCumulativeProbability(0.8);
  /** The smallest expected cell count for which the z-test is used. */
  static final double MIN_EXPECTED = 5;
  /** Relative tolerance when Fisher's test compares table probabilities with the observed one (as R's fisher.test). */
  static final double FISHER_TOLERANCE = 1e-7;

  /** The Wilson score interval {low, high} of {@code x} successes in {@code n} trials at normal quantile z; NaNs for n = 0. */
  static double[] wilson(long x, long n, double z) {
    if (n <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p = (double) x / n;
    double z2 = z * z;
    double centre = p + z2 / (2.0 * n);
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    double denom = 1 + z2 / n;
    double lo = (centre - half) / denom;
    double hi = (centre + half) / denom;
    // exact bounds at the edges (no rounding below 0 or above 1)
    return new double[] {x == 0 ? 0 : Math.max(0, lo), x == n ? 1 : Math.min(1, hi)};
  }

  /**
   * Newcombe's (1998) hybrid score interval, his method 10, of p1 − p2 = x1/n1 − x2/n2: from the Wilson intervals
   * (l1, u1) and (l2, u2), low = d − √((p1 − l1)² + (u2 − p2)²) and high = d + √((u1 − p1)² + (p2 − l2)²).
   * NaNs when a group is empty.
   */
  static double[] newcombe(long x1, long n1, long x2, long n2, double z) {
    if (n1 <= 0 || n2 <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double[] w1 = wilson(x1, n1, z);
    double[] w2 = wilson(x2, n2, z);
    double d = p1 - p2;
    double lo = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
    double hi = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
    return new double[] {lo, hi};
  }

  /** The smallest expected cell count of the 2 × 2 table {x1, n1 − x1; x2, n2 − x2} under independence. */
  static double minExpected(long x1, long n1, long x2, long n2) {
    double n = n1 + n2;
    long conv = x1 + x2;
    long non = n1 + n2 - conv;
    double smallRow = Math.min(n1, n2);
    double smallCol = Math.min(conv, non);
    return smallRow * smallCol / n;
  }

  /**
   * The two-sided p-value of x1/n1 against x2/n2: Fisher's exact test when {@link #minExpected} is below 5, else the
   * pooled two-proportion z-test. NaN when a group is empty.
   */
  static double pValue(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Double.NaN;
    }
    return usesFisher(x1, n1, x2, n2) ? fisher(x1, n1, x2, n2) : zTest(x1, n1, x2, n2);
  }

  /** Whether {@link #pValue} uses Fisher's exact test for this table. */
  static boolean usesFisher(long x1, long n1, long x2, long n2) {
    return minExpected(x1, n1, x2, n2) < MIN_EXPECTED;
  }

  /** The pooled two-proportion z-test, two-sided: 2 Φ(−|z|); 1 when the pooled rate is 0 or 1. */
  static double zTest(long x1, long n1, long x2, long n2) {
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (!(se > 0)) {
      return 1;
    }
    double z = ((double) x1 / n1 - (double) x2 / n2) / se;
    return Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
  }

  /**
   * Fisher's exact test, two-sided: the probability, under the hypergeometric distribution with the table's margins,
   * of every table no more likely than the observed one (within a relative tolerance of 1e-7, as R's
   * {@code fisher.test}). O(min(n1 + n2, x1 + x2) − max(0, ...)) time.
   */
  static double fisher(long x1, long n1, long x2, long n2) {
    long k = x1 + x2;   // conversions: the draws
    long n = n1 + n2;
    long lo = Math.max(0, k - n2);
    long hi = Math.min(k, n1);
    double observed = logHyper(x1, n1, n2, k);
    double bound = observed + Math.log1p(FISHER_TOLERANCE);
    double max = Double.NEGATIVE_INFINITY;
    for (long a = lo; a <= hi; a++) {
      max = Math.max(max, logHyper(a, n1, n2, k));
    }
    double sum = 0;
    double total = 0;
    for (long a = lo; a <= hi; a++) {
      double lp = logHyper(a, n1, n2, k);
      double w = Math.exp(lp - max);
      total += w;
      if (lp <= bound) {
        sum += w;
      }
    }
    return Math.min(1, sum / total);
  }

  /** log P(A = a) for A hypergeometric: a of the k draws from the n1 treatment customers, n2 control customers. */
  private static double logHyper(long a, long n1, long n2, long k) {
    return logChoose(n1, a) + logChoose(n2, k - a) - logChoose(n1 + n2, k);
  }

  private static double logChoose(long n, long r) {
    return Gamma.logGamma(n + 1.0) - Gamma.logGamma(r + 1.0) - Gamma.logGamma(n - r + 1.0);
  }

  /**
   * Benjamini–Hochberg adjusted p-values (q-values) of {@code p}; NaN entries are left out of the count m and stay
   * NaN. q_(i) = min over j ≥ i of m p_(j) / j, at most 1. O(m log m).
   */
  static double[] benjaminiHochberg(double[] p) {
    int m = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) {
        m++;
      }
    }
    Integer[] order = new Integer[m];
    int c = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        order[c++] = i;
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    double[] q = new double[p.length];
    Arrays.fill(q, Double.NaN);
    double running = 1;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      running = Math.min(running, p[i] * m / (r + 1));
      q[i] = running;
    }
    return q;
  }

  /**
   * The Welch interval {diff, low, high} of mean1 − mean2 at 95 %: diff ± t(0.975, ν) · se with se² = v1/n1 + v2/n2
   * and the Welch–Satterthwaite ν = se⁴ / ((v1/n1)²/(n1 − 1) + (v2/n2)²/(n2 − 1)), where v are the sample variances
   * (n − 1 denominator). The interval is NaN when a group has fewer than 2 customers; when both variances are 0 it is
   * the single point diff. diff is NaN only when a group is empty.
   */
  static double[] welch(double mean1, double var1, long n1, double mean2, double var2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double diff = mean1 - mean2;
    if (n1 < 2 || n2 < 2) {
      return new double[] {diff, Double.NaN, Double.NaN};
    }
    double a = var1 / n1;
    double b = var2 / n2;
    double se2 = a + b;
    if (!(se2 > 0)) {
      return new double[] {diff, diff, diff};
    }
    double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
    double t = new TDistribution(null, df).inverseCumulativeProbability(0.975);
    double half = t * Math.sqrt(se2);
    return new double[] {diff, diff - half, diff + half};
  }

  /**
   * Customers per group needed to detect p1 − p2 with a two-sided test at α = 0.05 and 80 % power, two-proportion
   * formula without continuity correction: n = (z_{α/2} √(2 p̄ (1 − p̄)) + z_β √(p1 (1 − p1) + p2 (1 − p2)))² /
   * (p1 − p2)² with p̄ = (p1 + p2)/2, rounded up. NaN when p1 = p2 or either is NaN.
   */
  static double customersPerGroup(double p1, double p2) {
    if (Double.isNaN(p1) || Double.isNaN(p2) || p1 == p2) {
      return Double.NaN;
    }
    double pBar = (p1 + p2) / 2;
    double num = Z_975 * Math.sqrt(2 * pBar * (1 - pBar)) + Z_80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    double n = num * num / sq(p1 - p2);
    // a ratio just above a whole number by rounding error is that whole number
    double r = Math.rint(n);
    return Math.abs(n - r) <= 1e-9 * Math.max(1, r) ? r : Math.ceil(n);
  }

  private static double sq(double v) {
    return v * v;
  }
}
