package dev.segmint.cluster;

import java.util.Arrays;

/**
 * DBSCAN on a uniform grid, for low dimensions (Gan and Tao's cell graph, exact). Cells have side
 * {@code eps/√d} (shrunk by a relative 1e-5 so that rounding can never put two points more than eps apart in one
 * cell), so every cell holding at least minPts points is all core, and all core points of a cell belong to one
 * cluster. Clusters are the connected components of the graph on cells with core points, where two such cells are
 * joined when some pair of their core points lies within eps: a union–find over cells, with a pair search that
 * stops at the first pair found and is skipped when the cells are already joined.
 *
 * <p>Cells are found through a hash of their packed coordinates; points are stored cell by cell. The cells a point
 * can reach within eps are the offsets o with Σ max(|o_j| − 1, 0)²·side² ≤ eps² (24 in 2-D, 124 in 3-D, 624 in 4-D),
 * which is why the grid only pays in low dimensions. Memory O(n): the point copy in cell order, a few ints per
 * point and per cell.
 *
 * <p>References: J. Gan, Y. Tao (2015), DBSCAN revisited: mis-claim, un-fixability, and approximation (SIGMOD);
 * A. Gunawan (2013), A faster algorithm for DBSCAN (master's thesis, TU Eindhoven).
 */
final class DbscanGrid {

  /** Largest dimension the grid accepts (4-D already has 624 neighbour cells per cell). */
  static final int MAX_DIM = 4;
  /** Relative shrink of the cell side: far above the rounding error of a cell coordinate below 2^30. */
  private static final double SHRINK = 1e-5;
  /** Largest cell coordinate allowed per feature; beyond it the grid is not used. */
  private static final double MAX_CELLS_PER_DIM = 1 << 30;

  final int n;
  final int d;
  final double[] x;
  final int[] order;
  final int cells;
  final int[] cellStart;
  /** Neighbour cell offsets, the 3^d − 1 adjacent ones first. */
  private final long[] offsets;
  private final int adjacentOffsets;
  private final long[] tableKeys;
  private final int[] tableCells;
  private final int mask;
  private final long[] cellKey;
  /** An int per point, free after construction: reused for the cluster output. */
  private int[] scratch;

  private DbscanGrid(int n, int d, double[] x, int[] order, int cells, int[] cellStart, long[] cellKey,
      long[] offsets, int adjacentOffsets, long[] tableKeys, int[] tableCells, int[] scratch) {
    this.scratch = scratch;
    this.adjacentOffsets = adjacentOffsets;
    this.n = n;
    this.d = d;
    this.x = x;
    this.order = order;
    this.cells = cells;
    this.cellStart = cellStart;
    this.cellKey = cellKey;
    this.offsets = offsets;
    this.tableKeys = tableKeys;
    this.tableCells = tableCells;
    this.mask = tableKeys.length - 1;
  }

  /** The cell side used for a radius eps in d dimensions. */
  static double side(double eps, int d) {
    return eps / Math.sqrt(d) * (1 - SHRINK);
  }

  /** Reach in cells per feature. */
  private static int reach(int d) {
    return 1 + (int) Math.floor(Math.sqrt(d) / (1 - SHRINK) + 1e-3);
  }

  /** Reads coordinate j of row i of the caller's data. */
  interface Coordinates {
    double get(int i, int j);
  }

  /**
   * The grid for these points and eps, or null when the packed cell coordinates would not fit in a long (the data
   * span is too large relative to eps), d is 0 or above {@link #MAX_DIM}. Reads the data through {@code data} and
   * keeps only its own copy in cell order: besides that copy, building needs an int per point and a hash table of
   * about 24 bytes per cell.
   */
  static DbscanGrid build(Coordinates data, int n, int d, double eps) {
    if (d == 0 || n == 0 || d > MAX_DIM) {
      return null;
    }
    double side = side(eps, d);
    int r = reach(d);
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double t = data.get(i, j);
        min[j] = Math.min(min[j], t);
        max[j] = Math.max(max[j], t);
      }
    }
    long[] stride = new long[d];
    double total = 1;
    long s = 1;
    for (int j = 0; j < d; j++) {
      double cellsJ = Math.floor((max[j] - min[j]) / side) + 1;
      if (!(cellsJ < MAX_CELLS_PER_DIM) || Math.abs(max[j]) / side > MAX_CELLS_PER_DIM
          || Math.abs(min[j]) / side > MAX_CELLS_PER_DIM) {
        return null;
      }
      stride[j] = s;
      double padded = cellsJ + 2.0 * r;
      total *= padded;
      if (total > 0x1p62) {
        return null;
      }
      s *= (long) padded;
    }
    // cells numbered in order of first appearance; the table grows as cells appear
    Table table = new Table(1024);
    int[] cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      long k = 0;
      for (int j = 0; j < d; j++) {
        long c = (long) Math.floor((data.get(i, j) - min[j]) / side);
        k += (c + r) * stride[j];
      }
      cellOf[i] = table.intern(k);
    }
    int cells = table.size;
    int[] cellStart = new int[cells + 1];
    for (int i = 0; i < n; i++) {
      cellStart[cellOf[i] + 1]++;
    }
    for (int c = 0; c < cells; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    int[] order = new int[n];
    double[] x = new double[n * d];
    int[] fill = Arrays.copyOf(cellStart, cells);
    for (int i = 0; i < n; i++) {
      int p = fill[cellOf[i]]++;
      order[p] = i;
      for (int j = 0; j < d; j++) {
        x[p * d + j] = data.get(i, j);
      }
    }
    fill = null;
    // neighbour offsets: cells that may hold a point within eps (excluding the cell itself)
    double reachSq = (eps / side) * (eps / side);
    long[] offs = new long[(int) Math.pow(2 * r + 1, d)];
    long[] far = new long[offs.length];
    int count = 0;
    int farCount = 0;
    int[] o = new int[d];
    Arrays.fill(o, -r);
    while (true) {
      double gap = 0;
      boolean zero = true;
      long delta = 0;
      for (int j = 0; j < d; j++) {
        double g = Math.max(Math.abs(o[j]) - 1.001, 0);
        gap += g * g;
        zero &= o[j] == 0;
        delta += o[j] * stride[j];
      }
      if (!zero && gap <= reachSq) {
        boolean adjacent = true;
        for (int j = 0; j < d; j++) {
          adjacent &= Math.abs(o[j]) <= 1;
        }
        if (adjacent) {
          offs[count++] = delta;
        } else {
          far[farCount++] = delta;
        }
      }
      int j = 0;
      while (j < d && o[j] == r) {
        o[j] = -r;
        j++;
      }
      if (j == d) {
        break;
      }
      o[j]++;
    }
    int adjacent = count;
    System.arraycopy(far, 0, offs, count, farCount);
    count += farCount;
    return new DbscanGrid(n, d, x, order, cells, cellStart, Arrays.copyOf(table.cellKey, cells),
        Arrays.copyOf(offs, count), adjacent, table.keys, table.cells, cellOf);
  }

  /** Open-addressing map from packed cell coordinates to cell ids, growing at half load. */
  private static final class Table {
    long[] keys;
    int[] cells;
    long[] cellKey;
    int size;

    Table(int capacity) {
      keys = new long[capacity];
      cells = new int[capacity];
      Arrays.fill(cells, -1);
      cellKey = new long[capacity / 2];
    }

    int intern(long key) {
      int mask = keys.length - 1;
      int h = hash(key) & mask;
      while (cells[h] >= 0) {
        if (keys[h] == key) {
          return cells[h];
        }
        h = (h + 1) & mask;
      }
      int id = size++;
      keys[h] = key;
      cells[h] = id;
      if (id == cellKey.length) {
        cellKey = Arrays.copyOf(cellKey, cellKey.length * 2);
      }
      cellKey[id] = key;
      if (size * 2 > keys.length) {
        grow();
      }
      return id;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldCells = cells;
      keys = new long[oldKeys.length * 2];
      cells = new int[oldKeys.length * 2];
      Arrays.fill(cells, -1);
      int mask = keys.length - 1;
      for (int t = 0; t < oldKeys.length; t++) {
        if (oldCells[t] >= 0) {
          int h = hash(oldKeys[t]) & mask;
          while (cells[h] >= 0) {
            h = (h + 1) & mask;
          }
          keys[h] = oldKeys[t];
          cells[h] = oldCells[t];
        }
      }
    }
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static int lookup(long[] keys, int[] vals, int mask, long key) {
    int h = hash(key) & mask;
    while (vals[h] >= 0) {
      if (keys[h] == key) {
        return vals[h];
      }
      h = (h + 1) & mask;
    }
    return -1;
  }

  /** Writes the ids of the existing neighbour cells of cell c into out; returns how many. */
  int neighbours(int c, int[] out) {
    return neighbours(c, 0, offsets.length, out);
  }

  /** The existing cells at offsets from..to-1 of cell c. */
  int neighbours(int c, int from, int to, int[] out) {
    long k = cellKey[c];
    int m = 0;
    for (int t = from; t < to; t++) {
      int b = lookup(tableKeys, tableCells, mask, k + offsets[t]);
      if (b >= 0) {
        out[m++] = b;
      }
    }
    return m;
  }

  int maxNeighbours() {
    return offsets.length;
  }

  /**
   * Runs DBSCAN. Writes {@code core[row]} and returns {@code cluster[row]} (a representative id per cluster, equal
   * for rows of one cluster, or -1 for noise), indexed by the caller's rows. Call once.
   */
  int[] run(double r2, int minPts, int threads, boolean[] core) {
    int[] cluster = scratch;
    scratch = null;
    boolean[] corePos = new boolean[n];
    int[] coreInCell = new int[cells];
    try (Blocks blocks = new Blocks(cells, threads)) {
      // 1. core points
      blocks.forEach(b -> {
        int[] nb = new int[maxNeighbours()];
        for (int c = blocks.from(b); c < blocks.to(b); c++) {
          int from = cellStart[c];
          int to = cellStart[c + 1];
          int size = to - from;
          if (size >= minPts) {
            Arrays.fill(corePos, from, to, true);
            coreInCell[c] = size;
            continue;
          }
          int m = neighbours(c, nb);
          int cores = 0;
          for (int p = from; p < to; p++) {
            int count = size;
            for (int t = 0; t < m && count < minPts; t++) {
              count = SquaredDistances.countWithin(x, p * d, x, cellStart[nb[t]], cellStart[nb[t] + 1], d, r2,
                  count, minPts);
            }
            if (count >= minPts) {
              corePos[p] = true;
              cores++;
            }
          }
          coreInCell[c] = cores;
        }
      });
      // 2. join cells with core points that have a pair of core points within eps: adjacent cells first (their
      // pairs are found at once), then the farther ones, most of which are joined by then and skipped
      ConcurrentUnionFind uf = new ConcurrentUnionFind(cells);
      for (int sweep = 0; sweep < 2; sweep++) {
        final int from = sweep == 0 ? 0 : adjacentOffsets;
        final int to = sweep == 0 ? adjacentOffsets : offsets.length;
        blocks.forEach(b -> {
          int[] nb = new int[maxNeighbours()];
          for (int a = blocks.from(b); a < blocks.to(b); a++) {
            if (coreInCell[a] == 0) {
              continue;
            }
            int m = neighbours(a, from, to, nb);
            for (int t = 0; t < m; t++) {
              int c = nb[t];
              if (c < a || coreInCell[c] == 0 || uf.same(a, c)) {
                continue;
              }
              if (corePair(a, c, corePos, r2)) {
                uf.union(a, c);
              }
            }
          }
        });
      }
      // 3. labels: core points by their cell, border points by their nearest core point
      blocks.forEach(b -> {
        int[] nb = new int[maxNeighbours()];
        for (int c = blocks.from(b); c < blocks.to(b); c++) {
          int from = cellStart[c];
          int to = cellStart[c + 1];
          int m = -1;
          for (int p = from; p < to; p++) {
            int row = order[p];
            core[row] = corePos[p];
            if (corePos[p]) {
              cluster[row] = uf.find(c);
              continue;
            }
            if (m < 0) {
              m = neighbours(c, nb);
            }
            double best = Double.POSITIVE_INFINITY;
            int bestRow = Integer.MAX_VALUE;
            int bestCell = -1;
            for (int t = -1; t < m; t++) {
              int e = t < 0 ? c : nb[t];
              if (coreInCell[e] == 0) {
                continue;
              }
              for (int q = cellStart[e]; q < cellStart[e + 1]; q++) {
                if (!corePos[q]) {
                  continue;
                }
                double d2 = SquaredDistances.between(x, p * d, x, q * d, d);
                if (d2 <= r2 && (d2 < best || (d2 == best && order[q] < bestRow))) {
                  best = d2;
                  bestRow = order[q];
                  bestCell = e;
                }
              }
            }
            cluster[row] = bestCell < 0 ? -1 : uf.find(bestCell);
          }
        }
      });
    }
    return cluster;
  }

  private boolean corePair(int a, int c, boolean[] corePos, double r2) {
    for (int p = cellStart[a]; p < cellStart[a + 1]; p++) {
      if (!corePos[p]) {
        continue;
      }
      for (int q = cellStart[c]; q < cellStart[c + 1]; q++) {
        if (corePos[q] && SquaredDistances.between(x, p * d, x, q * d, d) <= r2) {
          return true;
        }
      }
    }
    return false;
  }
}
