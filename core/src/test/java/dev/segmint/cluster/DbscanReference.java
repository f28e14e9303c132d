package dev.segmint.cluster;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A deliberately straightforward O(n²) DBSCAN for tests, written from the definitions and sharing no code with
 * {@link Dbscan}: distances by Math.sqrt compared with eps, core = at least minPts points within eps (itself
 * included), clusters = connected components of core points by breadth-first search, border points to the nearest
 * core point (ties: smallest row).
 */
final class DbscanReference {
  final boolean[] core;
  /** Cluster of each point as the smallest row index of a core point in it; -1 for noise. */
  final int[] cluster;

  DbscanReference(double[][] p, double eps, int minPts) {
    int n = p.length;
    core = new boolean[n];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < n; j++) {
        if (dist(p[i], p[j]) <= eps) {
          c++;
        }
      }
      core[i] = c >= minPts;
    }
    cluster = new int[n];
    Arrays.fill(cluster, -1);
    for (int s = 0; s < n; s++) {
      if (!core[s] || cluster[s] >= 0) {
        continue;
      }
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(s);
      cluster[s] = s;
      while (!queue.isEmpty()) {
        int i = queue.poll();
        for (int j = 0; j < n; j++) {
          if (core[j] && cluster[j] < 0 && dist(p[i], p[j]) <= eps) {
            cluster[j] = s;
            queue.add(j);
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      int bestJ = -1;
      for (int j = 0; j < n; j++) {
        if (core[j]) {
          double dd = dist(p[i], p[j]);
          if (dd <= eps && dd < best) {
            best = dd;
            bestJ = j;
          }
        }
      }
      cluster[i] = bestJ < 0 ? -1 : cluster[bestJ];
    }
  }

  static double dist(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /** True when two labelings define the same partition (with -1 as its own fixed class). */
  static boolean samePartition(int[] a, int[] b) {
    if (a.length != b.length) {
      return false;
    }
    java.util.Map<Integer, Integer> ab = new java.util.HashMap<>();
    java.util.Map<Integer, Integer> ba = new java.util.HashMap<>();
    for (int i = 0; i < a.length; i++) {
      if ((a[i] < 0) != (b[i] < 0)) {
        return false;
      }
      if (a[i] < 0) {
        continue;
      }
      Integer x = ab.putIfAbsent(a[i], b[i]);
      Integer y = ba.putIfAbsent(b[i], a[i]);
      if ((x != null && x != b[i]) || (y != null && y != a[i])) {
        return false;
      }
    }
    return true;
  }
}
