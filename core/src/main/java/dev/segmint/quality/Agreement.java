package dev.segmint.quality;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.special.Gamma;

/**
 * Agreement between two labelings of the same points, with scikit-learn's definitions: the adjusted Rand index
 * (Hubert and Arabie 1985), normalised mutual information and adjusted mutual information (Vinh, Epps, Bailey
 * 2010), both with the arithmetic mean of the entropies as normaliser. Label values are only names: permuting them
 * changes nothing. Noise ({@code -1}) counts as one more label, as in scikit-learn.
 *
 * <p>Cost: O(n) to build the contingency table; AMI's expected mutual information adds O(R·C·min(n, max size)).
 */
public final class Agreement {
  private Agreement() {}

  /** Adjusted Rand index in [−1, 1]: 1 for identical partitions, about 0 for independent ones. */
  public static double adjustedRandIndex(int[] a, int[] b) {
    Table t = new Table(a, b);
    double sumSquares = 0;
    for (long v : t.cells.values()) {
      sumSquares += (double) v * v;
    }
    double rowSq = 0;
    for (long v : t.rows) {
      rowSq += (double) v * v;
    }
    double colSq = 0;
    for (long v : t.cols) {
      colSq += (double) v * v;
    }
    double n = t.n;
    double tp = sumSquares - n;
    double fp = colSq - sumSquares;
    double fn = rowSq - sumSquares;
    double tn = n * n - fp - fn - sumSquares;
    if (fn == 0 && fp == 0) {
      return 1.0;
    }
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
  }

  /** Normalised mutual information, MI / mean(H(a), H(b)), in [0, 1]. */
  public static double normalizedMutualInfo(int[] a, int[] b) {
    Table t = new Table(a, b);
    if ((t.rows.length == 1 && t.cols.length == 1)) {
      return 1.0;
    }
    double mi = t.mutualInfo();
    if (mi == 0) {
      return 0.0;
    }
    double norm = 0.5 * (entropy(t.rows, t.n) + entropy(t.cols, t.n));
    return mi / norm;
  }

  /** Adjusted mutual information, (MI − E[MI]) / (mean(H(a), H(b)) − E[MI]): 1 for identical, about 0 by chance. */
  public static double adjustedMutualInfo(int[] a, int[] b) {
    Table t = new Table(a, b);
    if ((t.rows.length == 1 && t.cols.length == 1)) {
      return 1.0;
    }
    double mi = t.mutualInfo();
    double emi = expectedMutualInfo(t.rows, t.cols, t.n);
    double norm = 0.5 * (entropy(t.rows, t.n) + entropy(t.cols, t.n));
    double denominator = norm - emi;
    double eps = Math.ulp(1.0);
    denominator = denominator < 0 ? Math.min(denominator, -eps) : Math.max(denominator, eps);
    return (mi - emi) / denominator;
  }

  static double entropy(long[] sizes, long n) {
    double h = 0;
    for (long s : sizes) {
      if (s > 0) {
        double p = (double) s / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  /** E[MI] under the hypergeometric model of random labelings with these sizes (Vinh et al. 2010, eq. 24a). */
  static double expectedMutualInfo(long[] rows, long[] cols, long n) {
    double lgN = Gamma.logGamma(n + 1.0);
    double emi = 0;
    for (long ai : rows) {
      for (long bj : cols) {
        long start = Math.max(1, ai + bj - n);
        long end = Math.min(ai, bj);
        double fixed = Gamma.logGamma(ai + 1.0) + Gamma.logGamma(bj + 1.0) + Gamma.logGamma(n - ai + 1.0)
            + Gamma.logGamma(n - bj + 1.0) - lgN;
        for (long nij = start; nij <= end; nij++) {
          double term1 = (double) nij / n * Math.log((double) n * nij / ((double) ai * bj));
          double logP = fixed - Gamma.logGamma(nij + 1.0) - Gamma.logGamma(ai - nij + 1.0)
              - Gamma.logGamma(bj - nij + 1.0) - Gamma.logGamma(n - ai - bj + nij + 1.0);
          emi += term1 * Math.exp(logP);
        }
      }
    }
    return emi;
  }

  /** A sparse contingency table. */
  private static final class Table {
    final long n;
    final long[] rows;
    final long[] cols;
    final Map<Long, Long> cells = new HashMap<>();

    Table(int[] a, int[] b) {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
      if (a.length != b.length) {
        throw new IllegalArgumentException("the labelings differ in length: " + a.length + " and " + b.length
            + "; they must label the same points");
      }
      if (a.length == 0) {
        throw new IllegalArgumentException("the labelings are empty");
      }
      Map<Integer, Integer> ra = new HashMap<>();
      Map<Integer, Integer> cb = new HashMap<>();
      for (int i = 0; i < a.length; i++) {
        ra.putIfAbsent(a[i], ra.size());
        cb.putIfAbsent(b[i], cb.size());
      }
      rows = new long[ra.size()];
      cols = new long[cb.size()];
      for (int i = 0; i < a.length; i++) {
        int r = ra.get(a[i]);
        int c = cb.get(b[i]);
        rows[r]++;
        cols[c]++;
        cells.merge(((long) r << 32) | c, 1L, Long::sum);
      }
      n = a.length;
    }

    double mutualInfo() {
      double mi = 0;
      for (Map.Entry<Long, Long> e : cells.entrySet()) {
        int r = (int) (e.getKey() >>> 32);
        int c = (int) (e.getKey() & 0xffffffffL);
        double nij = e.getValue();
        mi += nij / n * Math.log(nij * n / ((double) rows[r] * cols[c]));
      }
      return Math.max(mi, 0);
    }
  }
}
