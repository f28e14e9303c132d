package dev.segmint.cluster;

/**
 * Complete and average linkage through the nearest-neighbour chain on a condensed distance matrix, as SciPy's
 * {@code nn_chain}: O(n²·d) time to fill the matrix, O(n²) for the chain, and n(n−1)/2 doubles of memory.
 *
 * <p>The matrix is stored as n−1 rows of decreasing length (row {@code i} holds the distances to points
 * {@code i+1 … n−1}), so it is not limited to the 2³¹ elements of one Java array. Distances are filled in
 * parallel by fixed blocks of rows (the values do not depend on the thread count); the chain itself is
 * sequential and performs the same floating-point operations as SciPy, in the same order: the same input
 * gives the same merge heights bit for bit, ties included, whenever the Euclidean distances agree.
 */
final class CondensedNnChain {
  private CondensedNnChain() {}

  /** Bytes of the condensed matrix for n points: 8·n(n−1)/2 plus one array header per row. */
  static long matrixBytes(long n) {
    return n < 2 ? 0 : 8L * (n * (n - 1) / 2) + 16L * (n - 1);
  }

  /** Allocates and fills the condensed Euclidean distance matrix. */
  static double[][] distances(double[] x, int n, int d, Blocks blocks) {
    double[][] rows = new double[Math.max(0, n - 1)][];
    for (int i = 0; i < n - 1; i++) {
      rows[i] = new double[n - 1 - i];
    }
    double[][] cols = LinkageKernels.toColumns(x, n, d, n);
    blocks.forEach(b -> {
      double[] tmp = new double[n];
      double[] q = new double[d];
      for (int i = blocks.from(b); i < Math.min(blocks.to(b), n - 1); i++) {
        for (int k = 0; k < d; k++) {
          q[k] = x[i * d + k];
        }
        LinkageKernels.distanceRow(cols, q, i, n, tmp);
        System.arraycopy(tmp, i + 1, rows[i], 0, n - 1 - i);
      }
    });
    return rows;
  }

  /** Runs the chain on a filled matrix (which it overwrites); {@code linkage} is COMPLETE or AVERAGE. */
  static Merges run(double[][] rows, int n, Linkage linkage) {
    Merges out = new Merges(n);
    boolean complete = linkage == Linkage.COMPLETE;
    int[] size = new int[n];
    int[] live = new int[n];
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
    }
    int m = n;
    int[] chain = new int[n];
    int len = 0;
    for (int step = 0; step < n - 1; step++) {
      if (len == 0) {
        chain[len++] = live[0];
      }
      int x;
      int y;
      double min;
      while (true) {
        x = chain[len - 1];
        int prev = len > 1 ? chain[len - 2] : -1;
        y = prev;
        min = prev >= 0 ? get(rows, x, prev) : Double.POSITIVE_INFINITY;
        int t = 0;
        for (; t < m && live[t] < x; t++) {
          int i = live[t];
          double v = rows[i][x - i - 1];
          if (v < min) {
            min = v;
            y = i;
          }
        }
        double[] rx = x < n - 1 ? rows[x] : null;
        for (t++; t < m; t++) {
          int i = live[t];
          double v = rx[i - x - 1];
          if (v < min) {
            min = v;
            y = i;
          }
        }
        if (y == prev) {
          break;
        }
        chain[len++] = y;
      }
      len -= 2;
      if (x > y) {
        int s = x;
        x = y;
        y = s;
      }
      int nx = size[x];
      int ny = size[y];
      out.add(x, y, min);
      size[x] = 0;
      size[y] = nx + ny;
      for (int t = 0; t < m; t++) {
        int i = live[t];
        if (i == x || i == y) {
          continue;
        }
        double dxi = get(rows, i, x);
        double dyi = get(rows, i, y);
        double v = complete ? Math.max(dxi, dyi) : (nx * dxi + ny * dyi) / (nx + ny);
        set(rows, i, y, v);
      }
      int at = java.util.Arrays.binarySearch(live, 0, m, x);
      System.arraycopy(live, at + 1, live, at, m - at - 1);
      m--;
    }
    return out;
  }

  private static double get(double[][] rows, int i, int j) {
    return i < j ? rows[i][j - i - 1] : rows[j][i - j - 1];
  }

  private static void set(double[][] rows, int i, int j, double v) {
    if (i < j) {
      rows[i][j - i - 1] = v;
    } else {
      rows[j][i - j - 1] = v;
    }
  }
}
