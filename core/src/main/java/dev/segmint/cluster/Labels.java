package dev.segmint.cluster;

import java.util.Arrays;
import java.util.Comparator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Segment labels, the one place every algorithm of the package counts and renumbers them: renumbering
 * {@code 0..k-1} by size, largest first, as Segmint's label contract says (ties go to the lexicographically smaller
 * centroid for centroid methods, else to the earlier first row), sizes, noise, segment means and the tables every
 * {@link Clustering} prints. Noise ({@code -1}) stays {@code -1}.
 */
final class Labels {
  private Labels() {}

  /**
   * Returns {@code map} with {@code map[old] = new}.
   *
   * @param labels old labels in {@code -1..k-1}
   * @param centroids row-major {@code k × d} centroids for tie-breaking, or {@code null} to break ties by first
   *     occurrence
   */
  static int[] bySize(int[] labels, int k, double[] centroids, int d) {
    return bySize(labels, k, centroids, d, null);
  }

  /**
   * {@link #bySize(int[], int, double[], int)} for labels kept in another order than the rows: {@code labels[p]} is
   * the label of row {@code rowOf[p]} (null: of row p), and ties go to the segment with the smaller first row.
   */
  static int[] bySize(int[] labels, int k, double[] centroids, int d, int[] rowOf) {
    long[] size = new long[k];
    int[] firstSeen = new int[k];
    Arrays.fill(firstSeen, Integer.MAX_VALUE);
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l >= 0) {
        size[l]++;
        firstSeen[l] = Math.min(firstSeen[l], rowOf == null ? i : rowOf[i]);
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

  /** A copy of {@code labels} with {@code map} applied (noise stays). */
  static int[] apply(int[] labels, int[] map) {
    int[] out = labels.clone();
    applyInPlace(out, map);
    return out;
  }

  /** Applies {@code map} to {@code labels} in place (noise stays). */
  static void applyInPlace(int[] labels, int[] map) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        labels[i] = map[labels[i]];
      }
    }
  }

  static double[] permuteRows(double[] rows, int[] map, int d) {
    double[] out = new double[rows.length];
    for (int old = 0; old < map.length; old++) {
      System.arraycopy(rows, old * d, out, map[old] * d, d);
    }
    return out;
  }

  /**
   * Numbers the labels in use {@code 0..k-1} in the order they first occur in {@code in} (noise, any negative label,
   * becomes -1), writes them to {@code out} (which may be {@code in}) and returns k.
   *
   * @param map filled with {@code map[old] = new}, -1 for labels not in use; its length bounds the old labels
   */
  static int compact(int[] in, int[] out, int[] map) {
    Arrays.fill(map, -1);
    int k = 0;
    for (int i = 0; i < in.length; i++) {
      int c = in[i];
      if (c < 0) {
        out[i] = -1;
        continue;
      }
      if (map[c] < 0) {
        map[c] = k++;
      }
      out[i] = map[c];
    }
    return k;
  }

  /** Number of labels equal to each segment {@code 0..k-1} (noise not counted). */
  static long[] sizes(int[] labels, int k) {
    long[] s = new long[k];
    for (int l : labels) {
      if (l >= 0) {
        s[l]++;
      }
    }
    return s;
  }

  /** Number of noise labels (-1). */
  static int noiseCount(int[] labels) {
    int c = 0;
    for (int l : labels) {
      if (l < 0) {
        c++;
      }
    }
    return c;
  }

  /**
   * The (weighted) mean of each segment's rows, {@code k × d}, summed in row order; noise left out. A segment
   * without rows (or weight) has a NaN mean.
   *
   * @param x the points, row-major, by position
   * @param labels the label of each position
   * @param weights the weight of each row, or null for 1 each
   * @param positionOfRow the position of each row, or null when positions are rows
   */
  static double[][] means(double[] x, int d, int[] labels, int k, double[] weights, int[] positionOfRow) {
    double[][] sum = new double[k][d];
    double[] total = new double[k];
    for (int i = 0; i < labels.length; i++) {
      int p = positionOfRow == null ? i : positionOfRow[i];
      int l = labels[p];
      if (l < 0) {
        continue;
      }
      double w = weights == null ? 1 : weights[i];
      total[l] += w;
      for (int j = 0; j < d; j++) {
        sum[l][j] += weights == null ? x[p * d + j] : w * x[p * d + j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        sum[c][j] /= total[c];
      }
    }
    return sum;
  }

  /** Positions by row: the inverse of a {@code rowOf} permutation. */
  static int[] positionOfRow(int[] rowOf) {
    int[] out = new int[rowOf.length];
    for (int p = 0; p < rowOf.length; p++) {
      out[rowOf[p]] = p;
    }
    return out;
  }

  /** One row per customer: {@code customer_id, segment}. */
  static Table customerTable(String name, String[] ids, int[] labels) {
    return Table.create(name, StringColumn.create("customer_id", ids), IntColumn.create("segment", labels));
  }

  /**
   * One row per segment {@code 0..k-1} ({@code segment}, {@code size}, {@code share %} of all n rows, to 0.1),
   * then, when {@code noiseRow}, one for noise ({@code -1}). Callers add their columns in the same row order.
   */
  static Table segmentTable(String name, long[] sizes, int noise, int n, boolean noiseRow) {
    IntColumn seg = IntColumn.create("segment");
    IntColumn size = IntColumn.create("size");
    DoubleColumn share = DoubleColumn.create("share %");
    int rows = sizes.length + (noiseRow ? 1 : 0);
    for (int r = 0; r < rows; r++) {
      boolean isNoise = r == sizes.length;
      long s = isNoise ? noise : sizes[r];
      seg.append(isNoise ? -1 : r);
      size.append((int) s);
      share.append(Math.round(1000.0 * s / n) / 10.0);
    }
    return Table.create(name, seg, size, share);
  }

  /** Adds one column per feature with each segment's coordinate to 4 decimals ({@code k × d}, row-major). */
  static Table addCoordinates(Table t, String[] names, double[] centres, int k) {
    int d = names.length;
    for (int j = 0; j < d; j++) {
      DoubleColumn col = DoubleColumn.create(names[j]);
      for (int c = 0; c < k; c++) {
        col.append(Math.round(centres[c * d + j] * 1e4) / 1e4);
      }
      t.addColumns(col);
    }
    return t;
  }
}
