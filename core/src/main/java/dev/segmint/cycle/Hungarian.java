package dev.segmint.cycle;

import java.util.Arrays;

/**
 * The Hungarian (Kuhn–Munkres) assignment with potentials: the one-to-one matching of rows to columns of a
 * count matrix that maximises the total count. O(n³) time and O(n²) memory for n = max(rows, columns); a
 * rectangular matrix is padded with zeros, and rows or columns matched to padding are unmatched. Deterministic:
 * the same matrix always gives the same matching.
 *
 * <p>Reference: H. W. Kuhn (1955), "The Hungarian method for the assignment problem", Naval Research Logistics
 * Quarterly 2; J. Munkres (1957), J. SIAM 5(1). The shortest augmenting path form with row and column potentials.
 */
final class Hungarian {
  private Hungarian() {}

  /**
   * The column matched to each row ({@code -1}: none), maximising the sum of the matched counts.
   *
   * @param counts a rectangular matrix of non-negative counts (rows × columns, either may be 0)
   */
  static int[] maximise(long[][] counts) {
    int rows = counts.length;
    int cols = rows == 0 ? 0 : counts[0].length;
    int[] match = new int[rows];
    Arrays.fill(match, -1);
    if (rows == 0 || cols == 0) {
      return match;
    }
    int n = Math.max(rows, cols);
    long max = 0;
    for (long[] r : counts) {
      if (r.length != cols) {
        throw new IllegalArgumentException("the count matrix is ragged: " + r.length + " columns, not " + cols);
      }
      for (long v : r) {
        if (v < 0) {
          throw new IllegalArgumentException("counts must be non-negative, not " + v);
        }
        max = Math.max(max, v);
      }
    }
    // minimise cost = max - count (padding costs max: matching it gains nothing); 1-based as in the classic form
    long[] u = new long[n + 1];
    long[] v = new long[n + 1];
    int[] p = new int[n + 1];      // p[j] = row matched to column j
    int[] way = new int[n + 1];
    long[] minv = new long[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Long.MAX_VALUE);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        long delta = Long.MAX_VALUE;
        int j1 = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            long cost = max - (i0 <= rows && j <= cols ? counts[i0 - 1][j - 1] : 0);
            long cur = cost - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    for (int j = 1; j <= cols; j++) {
      if (p[j] >= 1 && p[j] <= rows) {
        match[p[j] - 1] = j - 1;
      }
    }
    return match;
  }
}
