package dev.segmint.value;

import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import java.util.Arrays;

/**
 * Customers grouped by identical (x, u, v) triples, so that a likelihood is evaluated once per distinct triple and
 * weighted by its count (summaries in whole days share triples heavily), with the distinct x values numbered for
 * per-frequency tables. Cells are numbered in order of first appearance, so the grouping and every sum over cells
 * are independent of the thread count. O(n) expected time (open addressing), O(n) memory.
 */
final class Cells {
  /** Cells per block of a parallel sum; blocks are summed in block order. */
  static final int BLOCK = 4096;

  final int[] x;
  final double[] u;
  final double[] v;
  final double[] count;
  /** Per cell, the index of its x in {@link #xs}. */
  final int[] xIndex;
  /** The distinct x values, ascending. */
  final int[] xs;
  /** Per distinct x, the customers with it. */
  final double[] xCount;
  /** Per customer of the input, its cell. */
  final int[] cellOf;

  private Cells(int[] x, double[] u, double[] v, double[] count, int[] cellOf) {
    this.x = x;
    this.u = u;
    this.v = v;
    this.count = count;
    this.cellOf = cellOf;
    int[] sorted = x.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    xs = Arrays.copyOf(sorted, distinct);
    xIndex = new int[x.length];
    xCount = new double[distinct];
    for (int c = 0; c < x.length; c++) {
      xIndex[c] = Arrays.binarySearch(xs, x[c]);
      xCount[xIndex[c]] += count[c];
    }
  }

  int size() {
    return x.length;
  }

  /** The cells of the customers {@code i} with {@code keep == null || keep[i]}; u and v may be the same array. */
  static Cells group(int[] xIn, double[] uIn, double[] vIn, boolean[] keep) {
    int n = xIn.length;
    int cap = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
    int mask = cap - 1;
    int[] table = new int[cap];
    Arrays.fill(table, -1);
    int[] x = new int[16];
    double[] u = new double[16];
    double[] v = new double[16];
    double[] count = new double[16];
    int[] cellOf = new int[n];
    int cells = 0;
    for (int i = 0; i < n; i++) {
      if (keep != null && !keep[i]) {
        cellOf[i] = -1;
        continue;
      }
      int xi = xIn[i];
      double ui = uIn[i] + 0.0;   // -0.0 and 0.0 share a cell
      double vi = vIn[i] + 0.0;
      long h = xi * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(ui) * 0xC2B2AE3D27D4EB4FL
          + Double.doubleToLongBits(vi) * 0x165667B19E3779F9L;
      int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
      while (true) {
        int c = table[slot];
        if (c < 0) {
          if (cells == x.length) {
            int len = cells * 2;
            x = Arrays.copyOf(x, len);
            u = Arrays.copyOf(u, len);
            v = Arrays.copyOf(v, len);
            count = Arrays.copyOf(count, len);
          }
          x[cells] = xi;
          u[cells] = ui;
          v[cells] = vi;
          count[cells] = 1;
          table[slot] = cells;
          cellOf[i] = cells++;
          break;
        }
        if (x[c] == xi && u[c] == ui && v[c] == vi) {
          count[c]++;
          cellOf[i] = c;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return new Cells(Arrays.copyOf(x, cells), Arrays.copyOf(u, cells), Arrays.copyOf(v, cells),
        Arrays.copyOf(count, cells), cellOf);
  }

  /**
   * The distinct values of a column (ascending) and, per entry of the column, the index of its value among them:
   * a likelihood then takes a logarithm once per distinct value instead of once per cell (summaries in whole days
   * hold a few hundred distinct recencies and ages). O(m log m) for a column of m entries.
   */
  record Distinct(double[] values, int[] index) {
    static Distinct of(double[] column) {
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      int k = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[k++] = sorted[i];
        }
      }
      double[] values = Arrays.copyOf(sorted, k);
      int[] index = new int[column.length];
      for (int i = 0; i < column.length; i++) {
        index[i] = Arrays.binarySearch(values, column[i]);
      }
      return new Distinct(values, index);
    }
  }

  /** Work on the entries [from, to) of an array. */
  interface Range {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over [0, n) in blocks of {@link #BLOCK} entries, on up to {@code threads} threads when there
   * is more than one block. For element-wise work (each entry written by one block), so the result does not depend
   * on the thread count.
   */
  static void forBlocks(int n, int threads, Range body) {
    int blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
    int workers = Math.min(Threads.resolve(threads), blocks);
    if (workers <= 1) {
      body.run(0, n);
      return;
    }
    Runnable[] work = new Runnable[workers];
    for (int w = 0; w < workers; w++) {
      int first = w;
      work[w] = () -> {
        for (int k = first; k < blocks; k += workers) {
          body.run(k * BLOCK, Math.min(n, (k + 1) * BLOCK));
        }
      };
    }
    Workers.runAll("customer-value likelihood", work);
  }

  /** Sums of {@code width} quantities over a block of cells [from, to), added into {@code out}. */
  interface BlockSum {
    void sum(int from, int to, double[] out);
  }

  /**
   * Runs {@code body} over fixed blocks of {@link #BLOCK} cells on up to {@code threads} threads and adds the
   * block sums in block order: the result does not depend on the thread count.
   */
  double[] sum(int width, int threads, BlockSum body) {
    int n = size();
    int blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
    double[][] partial = new double[blocks][width];
    int workers = Math.min(Threads.resolve(threads), blocks);
    if (workers <= 1) {
      for (int k = 0; k < blocks; k++) {
        body.sum(k * BLOCK, Math.min(n, (k + 1) * BLOCK), partial[k]);
      }
    } else {
      Runnable[] work = new Runnable[workers];
      for (int w = 0; w < workers; w++) {
        int first = w;
        work[w] = () -> {
          for (int k = first; k < blocks; k += workers) {
            body.sum(k * BLOCK, Math.min(n, (k + 1) * BLOCK), partial[k]);
          }
        };
      }
      Workers.runAll("customer-value likelihood", work);
    }
    double[] total = new double[width];
    for (double[] p : partial) {
      for (int j = 0; j < width; j++) {
        total[j] += p[j];
      }
    }
    return total;
  }
}
