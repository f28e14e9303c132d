package dev.segmint.cluster;

import java.util.Arrays;

/**
 * Test-scope oracle: Segmint's previous complete/average implementation, kept verbatim (only renamed) so that the
 * new chain can be checked bit for bit against it. It runs SciPy's {@code nn_chain} literally: every chain step
 * scans the whole row of the tip.
 *
 * <p>Original description: complete and average linkage through the nearest-neighbour chain on a condensed
 * distance matrix, as SciPy's {@code nn_chain}: O(n²·d) time to fill the matrix, O(n²) for the chain, and n(n−1)/2 doubles of memory.
 *
 * <p>Layout: row {@code i} of the upper triangle (the distances from point {@code i} to points {@code i+1 … n−1})
 * lies contiguously in one of a few large arrays ("chunks" of at least 2²³ doubles, 64 MiB, and 64 rows), so the matrix is
 * not limited to the 2³¹ elements of one Java array, and its arrays are large enough to be allocated directly
 * in the old generation: the collector never copies them. Entry (i, j), i &lt; j, is
 * {@code row[i][base[i] + j]}, where {@code row[i]} is the chunk holding row i.
 *
 * <p>Distances are filled in parallel by fixed blocks of rows (the values do not depend on the thread count); the
 * chain is sequential and performs the same floating-point operations as SciPy, in the same order: the same
 * input gives the same merge heights bit for bit, ties included, whenever the Euclidean distances agree.
 */
final class SciPyNnChain {
  private SciPyNnChain() {}

  /** Smallest chunk, in doubles. */
  static final int CHUNK_DOUBLES = 1 << 23;

  /** Doubles per chunk for n points: at least 64 rows, so that the slack at chunk ends stays under 1/64. */
  static int chunkCapacity(long n) {
    return (int) Math.min(1L << 30, Math.max(CHUNK_DOUBLES, 64L * n));
  }

  /** Bytes of the condensed matrix for n points: 8·n(n−1)/2 plus at most one row of slack per chunk. */
  static long matrixBytes(long n) {
    if (n < 2) {
      return 0;
    }
    long doubles = n * (n - 1) / 2;
    long chunks = (doubles + chunkCapacity(n) - 1) / chunkCapacity(n);
    return 8L * (doubles + chunks * (n - 1)) + 8L * n;
  }

  /** The condensed matrix: entry (i, j), i &lt; j, at {@code row[i][base[i] + j]}. */
  static final class Matrix {
    final int n;
    final double[][] row;
    final int[] base;

    Matrix(int n) {
      this.n = n;
      row = new double[n][];
      base = new int[n];
      int capacity = chunkCapacity(n);
      double[] chunk = null;
      int used = capacity;
      long remaining = (long) n * (n - 1) / 2;
      for (int i = 0; i < n - 1; i++) {
        int len = n - 1 - i;
        if (used + len > capacity) {
          chunk = new double[(int) Math.min(capacity, remaining)];
          used = 0;
        }
        row[i] = chunk;
        base[i] = used - i - 1;
        used += len;
        remaining -= len;
      }
    }

    double get(int i, int j) {
      return i < j ? row[i][base[i] + j] : row[j][base[j] + i];
    }
  }

  /** Allocates and fills the condensed Euclidean distance matrix. */
  static Matrix distances(double[] x, int n, int d, Blocks blocks) {
    Matrix matrix = new Matrix(n);
    double[][] cols = LinkageKernels.toColumns(x, n, d, n);
    blocks.forEach(b -> {
      double[] tmp = new double[n];
      double[] q = new double[d];
      for (int i = blocks.from(b); i < Math.min(blocks.to(b), n - 1); i++) {
        System.arraycopy(x, i * d, q, 0, d);
        LinkageKernels.distanceRow(cols, q, i, n, tmp);
        System.arraycopy(tmp, i + 1, matrix.row[i], matrix.base[i] + i + 1, n - 1 - i);
      }
    });
    return matrix;
  }

  /** Runs the chain on a filled matrix (which it overwrites); {@code linkage} is COMPLETE or AVERAGE. */
  static Merges run(Matrix matrix, Linkage linkage) {
    int n = matrix.n;
    double[][] row = matrix.row;
    int[] base = matrix.base;
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
        // SciPy's search: start from the previous chain element, replace only on a strictly smaller distance,
        // scanning live slots in increasing order
        x = chain[len - 1];
        int prev = len > 1 ? chain[len - 2] : -1;
        y = prev;
        min = prev >= 0 ? matrix.get(x, prev) : Double.POSITIVE_INFINITY;
        int t = 0;
        for (; t < m && live[t] < x; t++) {
          int i = live[t];
          double v = row[i][base[i] + x];
          if (v < min) {
            min = v;
            y = i;
          }
        }
        double[] rx = row[x];
        int bx = base[x];
        for (t++; t < m; t++) {
          int i = live[t];
          double v = rx[bx + i];
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
      // Lance–Williams update of row/column y; i < x reads column x, x < i < y row x, i > y rows x and y
      double[] rx = row[x];
      int bx = base[x];
      double[] ry = row[y];
      int by = base[y];
      for (int t = 0; t < m; t++) {
        int i = live[t];
        if (i < x) {
          double[] ri = row[i];
          int b = base[i];
          ri[b + y] = combine(complete, ri[b + x], ri[b + y], nx, ny);
        } else if (i > x && i < y) {
          double[] ri = row[i];
          int b = base[i];
          ri[b + y] = combine(complete, rx[bx + i], ri[b + y], nx, ny);
        } else if (i > y) {
          ry[by + i] = combine(complete, rx[bx + i], ry[by + i], nx, ny);
        }
      }
      int at = Arrays.binarySearch(live, 0, m, x);
      System.arraycopy(live, at + 1, live, at, m - at - 1);
      m--;
    }
    return out;
  }

  /** SciPy's Lance–Williams step for complete ({@code max}) or average (size-weighted mean) linkage. */
  private static double combine(boolean complete, double dxi, double dyi, int nx, int ny) {
    return complete ? Math.max(dxi, dyi) : (nx * dxi + ny * dyi) / (nx + ny);
  }
}
