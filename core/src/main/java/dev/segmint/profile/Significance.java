package dev.segmint.profile;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The significance tests and effect sizes behind segment profiles, on plain arrays so they can be checked by hand:
 *
 * <ul>
 *   <li>{@link #welch} — Welch's unequal-variance t-test (two-sided), from summary statistics, through commons-math3's
 *       {@link TTest}.
 *   <li>{@link #mannWhitney} — the Mann–Whitney U test (two-sided), normal approximation with the tie-corrected
 *       variance and no continuity correction (scipy's {@code mannwhitneyu(x, y, use_continuity=False,
 *       method="asymptotic")}). commons-math3's {@code MannWhitneyUTest} omits the tie correction, which makes its
 *       p-values too large on data with many ties (counts, scores).
 *   <li>{@link #kruskalWallis} — the Kruskal–Wallis H test with the tie correction (Kruskal and Wallis 1952), χ²
 *       approximation with k − 1 degrees of freedom; effect size ε² = H / (N − 1) (Tomczak and Tomczak 2014).
 *       commons-math3 has no Kruskal–Wallis test.
 *   <li>{@link #anova} — one-way ANOVA F test from group summaries (same value as commons-math3's
 *       {@code OneWayAnova}), effect size η² = SS<sub>between</sub> / SS<sub>total</sub>.
 *   <li>{@link #chiSquare} — Pearson's χ² test of independence on a contingency table (commons-math3's
 *       {@link ChiSquareTest}), with Cramér's V; all-zero rows and columns are dropped first.
 *   <li>{@link #benjaminiHochberg} — Benjamini–Hochberg (1995) adjusted p-values (false discovery rate), the same
 *       as R's {@code p.adjust(p, "BH")}.
 *   <li>{@link #cohensD} — the standardised mean difference with the pooled standard deviation (Cohen 1988).
 * </ul>
 *
 * <p>Upper-tail probabilities are computed with regularised incomplete gamma and beta functions, not as
 * {@code 1 − cdf}, so very small p-values keep their precision. Rank tests cost O(N log N) for the sort.
 */
public final class Significance {
  private Significance() {}

  /** A test statistic, its degrees of freedom (NaN when not applicable), its two-sided p-value and an effect size. */
  public record Result(double statistic, double df, double pValue, double effectSize) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "statistic %.6g, df %.6g, p %.4g, effect %.4g", statistic, df,
          pValue, effectSize);
    }
  }

  /**
   * Welch's t-test of two samples given by their summaries; NaN when either has fewer than 2 values or both have
   * zero variance. O(1).
   */
  public static double welch(long n1, double mean1, double variance1, long n2, double mean2, double variance2) {
    if (n1 < 2 || n2 < 2 || (variance1 == 0 && variance2 == 0) || !Double.isFinite(variance1)
        || !Double.isFinite(variance2)) {
      return Double.NaN;
    }
    return new TTest().tTest(new StatisticalSummaryValues(mean1, variance1, n1, Double.NaN, Double.NaN, Double.NaN),
        new StatisticalSummaryValues(mean2, variance2, n2, Double.NaN, Double.NaN, Double.NaN));
  }

  /** Welch's t-test (two-sided p-value) of two samples. */
  public static double welch(double[] x, double[] y) {
    return welch(x.length, mean(x), variance(x), y.length, mean(y), variance(y));
  }

  /**
   * Cohen's d: (mean1 − mean2) / pooled standard deviation, where the pooled variance is
   * ((n1 − 1)·var1 + (n2 − 1)·var2) / (n1 + n2 − 2). NaN when it is undefined (fewer than 3 values in all, or a pooled
   * deviation of 0).
   */
  public static double cohensD(long n1, double mean1, double variance1, long n2, double mean2, double variance2) {
    if (n1 < 1 || n2 < 1 || n1 + n2 < 3) {
      return Double.NaN;
    }
    double pooled = ((n1 - 1) * variance1 + (n2 - 1) * variance2) / (n1 + n2 - 2);
    if (!(pooled > 0)) {
      return Double.NaN;
    }
    return (mean1 - mean2) / Math.sqrt(pooled);
  }

  /**
   * The Mann–Whitney U test of x against y (two-sided p-value, tie-corrected normal approximation, no continuity
   * correction). The statistic is U of x; the effect size is the rank-biserial correlation 2U/(n1·n2) − 1.
   */
  public static Result mannWhitney(double[] x, double[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    Ranks r = Ranks.of(all);
    double rx = 0;
    for (int i = 0; i < x.length; i++) {
      rx += r.rank[i];
    }
    return mannWhitney(rx, x.length, all.length, r.tieSum);
  }

  /**
   * The Mann–Whitney test from the rank sum of one group within the whole sample: {@code rankSum} of the
   * {@code n1} values of the group, {@code n} values in all, and Σ(t³ − t) over tie groups of the whole sample.
   * This is how profiles test every segment against the rest after ranking each feature once.
   */
  public static Result mannWhitney(double rankSum, long n1, long n, double tieSum) {
    long n2 = n - n1;
    if (n1 < 1 || n2 < 1) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double u = rankSum - n1 * (n1 + 1) / 2.0;
    double mean = n1 * (double) n2 / 2.0;
    double var = n1 * (double) n2 / 12.0 * ((n + 1) - tieSum / ((double) n * (n - 1)));
    double effect = 2 * u / (n1 * (double) n2) - 1;
    if (!(var > 0)) {
      return new Result(u, Double.NaN, Double.NaN, effect);
    }
    double z = (u - mean) / Math.sqrt(var);
    return new Result(u, Double.NaN, twoSidedNormal(z), effect);
  }

  /** Two-sided normal tail probability 2·(1 − Φ(|z|)), precise for large |z|. */
  static double twoSidedNormal(double z) {
    return Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  /**
   * The Kruskal–Wallis H test across groups (tie-corrected). Groups with no values are ignored.
   *
   * @return H, df = (non-empty groups − 1), the χ² p-value and ε² = H / (N − 1); NaN p when fewer than two
   *     non-empty groups or all values tie
   */
  public static Result kruskalWallis(double[]... groups) {
    Objects.requireNonNull(groups, "groups");
    int total = 0;
    for (double[] g : groups) {
      total += g.length;
    }
    double[] all = new double[total];
    int[] group = new int[total];
    int p = 0;
    for (int gi = 0; gi < groups.length; gi++) {
      for (double v : groups[gi]) {
        all[p] = v;
        group[p++] = gi;
      }
    }
    Ranks r = Ranks.of(all);
    double[] rankSums = new double[groups.length];
    long[] sizes = new long[groups.length];
    for (int i = 0; i < total; i++) {
      rankSums[group[i]] += r.rank[i];
      sizes[group[i]]++;
    }
    return kruskalWallis(rankSums, sizes, r.tieSum);
  }

  /** Kruskal–Wallis from the rank sums and sizes of the groups within one ranking and its Σ(t³ − t). */
  public static Result kruskalWallis(double[] rankSums, long[] sizes, double tieSum) {
    long n = 0;
    int k = 0;
    double s = 0;
    for (int g = 0; g < sizes.length; g++) {
      if (sizes[g] > 0) {
        n += sizes[g];
        k++;
        s += rankSums[g] * rankSums[g] / sizes[g];
      }
    }
    if (k < 2) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double nn = n;
    double h = 12.0 / (nn * (nn + 1)) * s - 3 * (nn + 1);
    double correction = 1 - tieSum / (nn * nn * nn - nn);
    if (!(correction > 0)) {
      return new Result(Double.NaN, k - 1, Double.NaN, Double.NaN);
    }
    h /= correction;
    h = Math.max(h, 0);
    return new Result(h, k - 1, chiSquareUpperTail(h, k - 1), h / (nn - 1));
  }

  /** P(χ²_df ≥ x). */
  static double chiSquareUpperTail(double x, double df) {
    if (!(x > 0)) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(df / 2, x / 2);
  }

  /**
   * One-way ANOVA from group sizes, means and (sample) variances; groups with no values are ignored.
   *
   * @return F, df = (k − 1) between (the within df is N − k), the p-value and η²; NaN when fewer than two groups,
   *     N ≤ k, or no variance at all
   */
  public static Result anova(long[] sizes, double[] means, double[] variances) {
    long n = 0;
    int k = 0;
    double grand = 0;
    for (int g = 0; g < sizes.length; g++) {
      if (sizes[g] > 0) {
        n += sizes[g];
        k++;
        grand += sizes[g] * means[g];
      }
    }
    if (k < 2 || n <= k) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    grand /= n;
    double between = 0;
    double within = 0;
    for (int g = 0; g < sizes.length; g++) {
      if (sizes[g] > 0) {
        double d = means[g] - grand;
        between += sizes[g] * d * d;
        within += sizes[g] > 1 ? (sizes[g] - 1) * variances[g] : 0;
      }
    }
    double dfb = k - 1;
    double dfw = n - k;
    if (!(within > 0)) {
      return new Result(Double.NaN, dfb, Double.NaN, between > 0 ? 1.0 : Double.NaN);
    }
    double f = (between / dfb) / (within / dfw);
    // P(F ≥ f) = I_{dfw / (dfw + dfb f)}(dfw / 2, dfb / 2)
    double p = Beta.regularizedBeta(dfw / (dfw + dfb * f), dfw / 2, dfb / 2);
    return new Result(f, dfb, p, between / (between + within));
  }

  /** One-way ANOVA on the values of each group. */
  public static Result anova(double[]... groups) {
    long[] sizes = new long[groups.length];
    double[] means = new double[groups.length];
    double[] vars = new double[groups.length];
    for (int g = 0; g < groups.length; g++) {
      sizes[g] = groups[g].length;
      means[g] = mean(groups[g]);
      vars[g] = variance(groups[g]);
    }
    return anova(sizes, means, vars);
  }

  /**
   * Pearson's χ² test of independence of a contingency table (rows × columns of counts), after dropping rows and
   * columns that are all zero; the effect size is Cramér's V = √(χ² / (N · (min(r, c) − 1))). NaN when fewer than two
   * rows or columns remain.
   */
  public static Result chiSquare(long[][] counts) {
    Objects.requireNonNull(counts, "counts");
    int rows = counts.length;
    int cols = rows == 0 ? 0 : counts[0].length;
    boolean[] keepRow = new boolean[rows];
    boolean[] keepCol = new boolean[cols];
    int kr = 0;
    int kc = 0;
    long n = 0;
    for (int i = 0; i < rows; i++) {
      if (counts[i].length != cols) {
        throw new IllegalArgumentException("row " + i + " of the contingency table has " + counts[i].length
            + " cells, row 0 has " + cols);
      }
      for (int j = 0; j < cols; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException("count " + counts[i][j] + " at (" + i + ", " + j + ") is negative");
        }
        if (counts[i][j] > 0) {
          keepRow[i] = true;
          keepCol[j] = true;
        }
        n += counts[i][j];
      }
    }
    for (boolean b : keepRow) {
      kr += b ? 1 : 0;
    }
    for (boolean b : keepCol) {
      kc += b ? 1 : 0;
    }
    if (kr < 2 || kc < 2) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[][] t = new long[kr][kc];
    int ri = 0;
    for (int i = 0; i < rows; i++) {
      if (!keepRow[i]) {
        continue;
      }
      int ci = 0;
      for (int j = 0; j < cols; j++) {
        if (keepCol[j]) {
          t[ri][ci++] = counts[i][j];
        }
      }
      ri++;
    }
    double chi2 = new ChiSquareTest().chiSquare(t);
    double df = (kr - 1.0) * (kc - 1.0);
    double v = Math.sqrt(chi2 / (n * (Math.min(kr, kc) - 1.0)));
    return new Result(chi2, df, chiSquareUpperTail(chi2, df), v);
  }

  /**
   * Benjamini–Hochberg adjusted p-values: for the i-th smallest of m p-values, min over j ≥ i of m·p<sub>(j)</sub>/j,
   * capped at 1, returned in the input order. NaN entries stay NaN and do not count in m. O(m log m).
   */
  public static double[] benjaminiHochberg(double[] p) {
    Objects.requireNonNull(p, "p");
    int m = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) {
        if (v < 0 || v > 1) {
          throw new IllegalArgumentException("p-value " + v + " is outside [0, 1]");
        }
        m++;
      }
    }
    Integer[] order = new Integer[m];
    int q = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        order[q++] = i;
      }
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(p[a], p[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 1.0;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      running = Math.min(running, p[i] * m / (r + 1));
      out[i] = running;
    }
    return out;
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  static double variance(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }

  /** Mid-ranks (1-based, ties share their average rank) and Σ(t³ − t) over tie groups. */
  static final class Ranks {
    final double[] rank;
    final double tieSum;

    private Ranks(double[] rank, double tieSum) {
      this.rank = rank;
      this.tieSum = tieSum;
    }

    static Ranks of(double[] values) {
      int n = values.length;
      int[] idx = sortedIndex(values);
      double[] rank = new double[n];
      double tieSum = 0;
      int i = 0;
      while (i < n) {
        int j = i;
        while (j + 1 < n && values[idx[j + 1]] == values[idx[i]]) {
          j++;
        }
        double mid = (i + j) / 2.0 + 1;
        for (int q = i; q <= j; q++) {
          rank[idx[q]] = mid;
        }
        double t = j - i + 1;
        tieSum += t * t * t - t;
        i = j + 1;
      }
      return new Ranks(rank, tieSum);
    }
  }

  /** Indices that sort {@code values} ascending (stable). */
  static int[] sortedIndex(double[] values) {
    int n = values.length;
    // a primitive, stable merge sort of indices by value (no boxing)
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int[] tmp = new int[n];
    mergeSort(idx, tmp, 0, n, values);
    return idx;
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] v) {
    if (hi - lo < 24) {
      for (int i = lo + 1; i < hi; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= lo && Double.compare(v[a[j]], v[x]) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, v);
    mergeSort(a, tmp, mid, hi, v);
    if (Double.compare(v[a[mid - 1]], v[a[mid]]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && Double.compare(v[tmp[i]], v[tmp[j]]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
