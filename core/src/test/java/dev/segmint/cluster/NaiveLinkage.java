package dev.segmint.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The textbook O(n³) agglomerative algorithm, written independently of the library as a reference: a full
 * distance matrix, the globally closest pair merged at every step (lowest row, then lowest column on ties),
 * and SciPy's Lance–Williams updates on (unsquared) distances. Produces SciPy's linkage matrix directly,
 * since merges come out in order of height and are numbered n, n+1, … as they happen.
 */
final class NaiveLinkage {
  private NaiveLinkage() {}

  static double euclidean(double[] x, int i, int j, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      double t = x[i * d + k] - x[j * d + k];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /** SciPy's linkage matrix Z (n−1 rows of left, right, height, size) of row-major points. */
  static double[][] linkage(double[] x, int n, int d, Linkage method) {
    double[][] dist = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dist[i][j] = i == j ? 0 : euclidean(x, i, j, d);
      }
    }
    boolean[] alive = new boolean[n];
    int[] size = new int[n];
    int[] id = new int[n];
    for (int i = 0; i < n; i++) {
      alive[i] = true;
      size[i] = 1;
      id[i] = i;
    }
    double[][] z = new double[n - 1][];
    for (int step = 0; step < n - 1; step++) {
      int bi = -1;
      int bj = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!alive[i]) {
          continue;
        }
        for (int j = i + 1; j < n; j++) {
          if (alive[j] && dist[i][j] < best) {
            best = dist[i][j];
            bi = i;
            bj = j;
          }
        }
      }
      int ni = size[bi];
      int nj = size[bj];
      z[step] = new double[] {Math.min(id[bi], id[bj]), Math.max(id[bi], id[bj]), best, ni + nj};
      for (int k = 0; k < n; k++) {
        if (!alive[k] || k == bi || k == bj) {
          continue;
        }
        double dik = dist[bi][k];
        double djk = dist[bj][k];
        int nk = size[k];
        double v = switch (method) {
          case SINGLE -> Math.min(dik, djk);
          case COMPLETE -> Math.max(dik, djk);
          case AVERAGE -> (ni * dik + nj * djk) / (ni + nj);
          case WARD -> Math.sqrt(((nk + ni) * dik * dik + (nk + nj) * djk * djk - nk * best * best) / (ni + nj + nk));
        };
        dist[bj][k] = v;
        dist[k][bj] = v;
      }
      alive[bi] = false;
      size[bj] = ni + nj;
      id[bj] = n + step;
    }
    return z;
  }

  /** Flat clusters after applying the first n−k rows of Z: one raw label per leaf (not renumbered). */
  static int[] cut(double[][] z, int n, int k) {
    int[] parent = new int[2 * n - 1];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int r = 0; r < n - k; r++) {
      parent[(int) z[r][0]] = n + r;
      parent[(int) z[r][1]] = n + r;
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int root = i;
      while (parent[root] != root) {
        root = parent[root];
      }
      labels[i] = root;
    }
    return labels;
  }

  /** True when the two labelings induce the same partition. */
  static boolean samePartition(int[] a, int[] b) {
    if (a.length != b.length) {
      return false;
    }
    Map<Integer, Integer> ab = new HashMap<>();
    Map<Integer, Integer> ba = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      Integer x = ab.putIfAbsent(a[i], b[i]);
      Integer y = ba.putIfAbsent(b[i], a[i]);
      if ((x != null && x != b[i]) || (y != null && y != a[i])) {
        return false;
      }
    }
    return true;
  }

  /** Adjusted Rand index (Hubert and Arabie 1985), as scikit-learn's adjusted_rand_score. */
  static double adjustedRand(int[] a, int[] b) {
    int n = a.length;
    Map<Long, Long> joint = new HashMap<>();
    Map<Integer, Long> ca = new HashMap<>();
    Map<Integer, Long> cb = new HashMap<>();
    for (int i = 0; i < n; i++) {
      joint.merge((long) a[i] << 32 | (b[i] & 0xffffffffL), 1L, Long::sum);
      ca.merge(a[i], 1L, Long::sum);
      cb.merge(b[i], 1L, Long::sum);
    }
    double index = 0;
    for (long c : joint.values()) {
      index += c * (c - 1) / 2.0;
    }
    double sa = 0;
    for (long c : ca.values()) {
      sa += c * (c - 1) / 2.0;
    }
    double sb = 0;
    for (long c : cb.values()) {
      sb += c * (c - 1) / 2.0;
    }
    double total = n * (n - 1L) / 2.0;
    double expected = sa * sb / total;
    double max = (sa + sb) / 2;
    if (max == expected) {
      return 1.0;
    }
    return (index - expected) / (max - expected);
  }
}
