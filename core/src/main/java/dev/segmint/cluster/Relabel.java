package dev.segmint.cluster;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Renumbers segments {@code 0..k-1} by size, largest first, as Segmint's label contract says. Ties go to the
 * lexicographically smaller centroid (centroid methods) or to the earlier first occurrence (others). Noise
 * ({@code -1}) stays {@code -1}.
 */
final class Relabel {
  private Relabel() {}

  /**
   * Returns {@code map} with {@code map[old] = new}.
   *
   * @param labels old labels in {@code -1..k-1}
   * @param centroids row-major {@code k × d} centroids for tie-breaking, or {@code null} to break ties by first
   *     occurrence
   */
  static int[] bySize(int[] labels, int k, double[] centroids, int d) {
    long[] size = new long[k];
    int[] firstSeen = new int[k];
    Arrays.fill(firstSeen, Integer.MAX_VALUE);
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l >= 0) {
        size[l]++;
        if (firstSeen[l] == Integer.MAX_VALUE) {
          firstSeen[l] = i;
        }
      }
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Comparator<Integer> cmp = Comparator.comparingLong(c -> -size[c]);
    if (centroids != null) {
      cmp = cmp.thenComparing((a, b) -> Arrays.compare(centroids, a * d, a * d + d, centroids, b * d, b * d + d));
    }
    cmp = cmp.thenComparingInt(c -> firstSeen[c]).thenComparingInt(c -> c);
    Arrays.sort(order, cmp);
    int[] map = new int[k];
    for (int r = 0; r < k; r++) {
      map[order[r]] = r;
    }
    return map;
  }

  static int[] apply(int[] labels, int[] map) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] < 0 ? labels[i] : map[labels[i]];
    }
    return out;
  }

  static double[] permuteRows(double[] rows, int[] map, int d) {
    double[] out = new double[rows.length];
    for (int old = 0; old < map.length; old++) {
      System.arraycopy(rows, old * d, out, map[old] * d, d);
    }
    return out;
  }
}
