package dev.segmint.cluster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * DBSCAN on a uniform grid, for low dimensions (Gan and Tao's cell graph, exact). Cells have side
 * {@code eps/√d} (shrunk by a relative 1e-5 so that rounding can never put two points more than eps apart in one
 * cell), so every cell holding at least minPts points is all core, and all core points of a cell belong to one
 * cluster. Clusters are the connected components of the graph on cells with core points, where two such cells are
 * joined when some pair of their core points lies within eps: a union–find over cells, with a pair search that
 * stops at the first pair found and is skipped when the cells are already joined.
 *
 * <p>Layout: every point gets the packed key of its cell (feature 0 least significant); a least-significant-digit
 * radix sort of the point indices by key (11 bits per pass) puts the points
 * cell by cell, so the cells are numbered in key order and kept as a sorted key array (ints when the keys fit)
 * and start offsets; no hash table. The cells a point can reach within eps are the offsets o with
 * Σ max(|o_j| − 1, 0)²·side² ≤ eps² (24 in 2-D, 124 in 3-D, 624 in 4-D), grouped in "rows" that share the offsets
 * of features 1..d−1: the cells of one row are one contiguous key range, found by a per-thread cursor that only
 * moves forward while the cells are visited in key order (galloping search when it has far to go).
 *
 * <p>Memory beyond the caller's data: the point copy in cell order (n·d doubles), an int per point for the order
 * and one for the result (which also holds the core flags and the union–find over cells, see {@link #run}), and
 * 8 bytes per cell (key and start; 12 when the keys need longs). Before the copy is made, the sort needs 24 bytes
 * per point (the order, the keys and their radix buffers), less than the run.
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
  /** Bits per radix-sort pass. */
  private static final int RADIX_BITS = 11;

  /** Neighbour classes for {@link Cursor#neighbours}: adjacent cells (every |o_j| ≤ 1), the others, or both. */
  static final int NEAR = 1;
  static final int FAR = 2;
  static final int ALL = NEAR | FAR;
  /** Flag for {@link Cursor#neighbours}: only cells after the given one (larger keys). */
  static final int FORWARD = 4;

  final int n;
  final int d;
  /** The points in cell order, row-major. */
  final double[] x;
  /** {@code order[p]} = the caller's row at position p. */
  final int[] order;
  final int cells;
  /** Positions of cell c: {@code cellStart[c] .. cellStart[c + 1] - 1}. */
  final int[] cellStart;
  /** Sorted cell keys: ints when every key fits, else longs. */
  private final int[] keys32;
  private final long[] keys64;
  /** Neighbour rows: key offset of features 1..d−1, reach in feature 0, all |o_j| ≤ 1 for j ≥ 1. */
  private final long[] rowDelta;
  private final int[] rowReach;
  private final boolean[] rowAdjacent;
  private final int maxNeighbours;

  private DbscanGrid(int n, int d, double[] x, int[] order, int cells, int[] cellStart, int[] keys32, long[] keys64,
      long[] rowDelta, int[] rowReach, boolean[] rowAdjacent) {
    this.n = n;
    this.d = d;
    this.x = x;
    this.order = order;
    this.cells = cells;
    this.cellStart = cellStart;
    this.keys32 = keys32;
    this.keys64 = keys64;
    this.rowDelta = rowDelta;
    this.rowReach = rowReach;
    this.rowAdjacent = rowAdjacent;
    int m = -1;
    for (int w : rowReach) {
      m += 2 * w + 1;
    }
    this.maxNeighbours = m;
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

  /** Packed cell key of row i. */
  private static long key(Coordinates data, int i, int d, double[] min, double side, int r, long[] stride) {
    long k = 0;
    for (int j = 0; j < d; j++) {
      long c = (long) Math.floor((data.get(i, j) - min[j]) / side);
      k += (c + r) * stride[j];
    }
    return k;
  }

  /**
   * The grid for these points and eps, or null when the packed cell coordinates would not fit in a long (the data
   * span is too large relative to eps), d is 0 or above {@link #MAX_DIM}. Reads the data through {@code data} and
   * keeps only its own copy in cell order. O(n·(d + ⌈bits/11⌉)) for the sort, where bits is the key width.
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
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, s - 1));
    // radix sort of the rows by cell key, stable: within a cell the rows stay in ascending order. The keys are
    // computed once and move with the rows (4 longs per point at most here, less than the run needs later).
    int[] order = new int[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      keys[i] = key(data, i, d, min, side, r, stride);
    }
    int[] tmp = new int[n];
    long[] tmpKeys = new long[n];
    int[] count = new int[1 << RADIX_BITS];
    int digitMask = (1 << RADIX_BITS) - 1;
    for (int shift = 0; shift < bits; shift += RADIX_BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (keys[i] >>> shift) & digitMask]++;
      }
      int sum = 0;
      for (int b = 0; b < count.length; b++) {
        int c = count[b];
        count[b] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int to = count[(int) (keys[i] >>> shift) & digitMask]++;
        tmp[to] = order[i];
        tmpKeys[to] = keys[i];
      }
      int[] t = order;
      order = tmp;
      tmp = t;
      long[] tk = keys;
      keys = tmpKeys;
      tmpKeys = tk;
    }
    tmp = null;
    tmpKeys = null;
    count = null;
    // cells in key order
    int cells = 0;
    for (int p = 0; p < n; p++) {
      if (p == 0 || keys[p] != keys[p - 1]) {
        cells++;
      }
    }
    boolean narrow = s - 1 <= Integer.MAX_VALUE;
    int[] keys32 = narrow ? new int[cells] : null;
    long[] keys64 = narrow ? null : new long[cells];
    int[] cellStart = new int[cells + 1];
    int c = -1;
    for (int p = 0; p < n; p++) {
      if (p == 0 || keys[p] != keys[p - 1]) {
        c++;
        if (narrow) {
          keys32[c] = (int) keys[p];
        } else {
          keys64[c] = keys[p];
        }
        cellStart[c] = p;
      }
    }
    cellStart[cells] = n;
    keys = null;
    double[] x = new double[n * d];
    for (int p = 0; p < n; p++) {
      int row = order[p];
      for (int j = 0; j < d; j++) {
        x[p * d + j] = data.get(row, j);
      }
    }
    // neighbour rows: offsets o_1..o_{d-1} in [-r, r] whose gap leaves room, each with its reach w in feature 0
    double reachSq = (eps / side) * (eps / side);
    int rowsMax = (int) Math.pow(2 * r + 1, d - 1);
    long[] delta = new long[rowsMax];
    int[] reachW = new int[rowsMax];
    boolean[] adjacent = new boolean[rowsMax];
    int rows = 0;
    int[] o = new int[d];
    Arrays.fill(o, 1, d, -r);
    while (true) {
      double gap = 0;
      long dl = 0;
      boolean adj = true;
      for (int j = 1; j < d; j++) {
        double g = Math.max(Math.abs(o[j]) - 1.001, 0);
        gap += g * g;
        dl += o[j] * stride[j];
        adj &= Math.abs(o[j]) <= 1;
      }
      if (gap <= reachSq) {
        int w = 1;
        while (w < r && sq(Math.max(w + 1 - 1.001, 0)) + gap <= reachSq) {
          w++;
        }
        delta[rows] = dl;
        reachW[rows] = w;
        adjacent[rows] = adj;
        rows++;
      }
      int j = 1;
      while (j < d && o[j] == r) {
        o[j] = -r;
        j++;
      }
      if (j >= d) {
        break;
      }
      o[j]++;
    }
    return new DbscanGrid(n, d, x, order, cells, cellStart, keys32, keys64, Arrays.copyOf(delta, rows),
        Arrays.copyOf(reachW, rows), Arrays.copyOf(adjacent, rows));
  }

  private static double sq(double v) {
    return v * v;
  }

  long key(int c) {
    return keys32 != null ? keys32[c] : keys64[c];
  }

  /** Most neighbour cells a cell can have (24 in 2-D, 124 in 3-D, 624 in 4-D). */
  int maxNeighbours() {
    return maxNeighbours;
  }

  /**
   * Finds the existing neighbour cells of cells visited in ascending order (one per thread and pass). Rows come in
   * ascending key order and their ranges do not overlap, so one query walks the key array forward; each row's
   * search starts from the larger of two lower bounds, where the previous row ended and where this row started
   * for the previous cell (positions only move forward), with a galloping search over the cells in between.
   */
  final class Cursor {
    private final int[] pos = new int[rowDelta.length];
    private final int[] far = new int[maxNeighbours];
    private long last = Long.MIN_VALUE;
    /** How many of the cells the last {@link #neighbours} call wrote are adjacent ones (they come first). */
    int adjacent;

    /**
     * Writes the existing neighbour cells of cell c of the given class ({@link #NEAR}, {@link #FAR} or
     * {@link #ALL}, adjacent ones first) into out from index {@code at}; returns how many.
     */
    int neighbours(int c, int which, int[] out, int at) {
      long k = key(c);
      if (k < last) {
        Arrays.fill(pos, 0);
      }
      last = k;
      int m = at;
      int f = 0;
      boolean forward = (which & FORWARD) != 0;
      int p = 0;
      for (int t = 0; t < rowDelta.length; t++) {
        // rows below the cell's own hold only smaller keys: |delta| exceeds the reach in feature 0
        if (((which & FAR) == 0 && !rowAdjacent[t]) || (forward && rowDelta[t] < 0)) {
          continue;
        }
        long base = k + rowDelta[t];
        int w = rowReach[t];
        // both the row's position for the previous cell and the end of the previous row are lower bounds
        p = advance(Math.max(pos[t], p), base - w);
        pos[t] = p;
        long hi = base + w;
        for (; p < cells; p++) {
          int q = p;
          long kq = key(q);
          if (kq > hi) {
            break;
          }
          if (q <= c && (forward || q == c)) {
            continue;
          }
          long o0 = kq - base;
          if (rowAdjacent[t] && o0 >= -1 && o0 <= 1) {
            if ((which & NEAR) != 0) {
              out[m++] = q;
            }
          } else if ((which & FAR) != 0) {
            far[f++] = q;
          }
        }
      }
      System.arraycopy(far, 0, out, m, f);
      adjacent = m - at;
      return m + f - at;
    }

    /** The first cell at or after p with key ≥ lo, given that every cell before p has a smaller key. */
    private int advance(int p, long lo) {
      if (p >= cells || key(p) >= lo) {
        return p;
      }
      int step = 1;
      int probe = p + 1;
      while (probe < cells && key(probe) < lo) {
        p = probe;
        step <<= 1;
        probe = p + step;
      }
      int a = p + 1;
      int b = Math.min(probe, cells);
      while (a < b) {
        int mid = (a + b) >>> 1;
        if (key(mid) < lo) {
          a = mid + 1;
        } else {
          b = mid;
        }
      }
      return a;
    }
  }

  /**
   * Runs DBSCAN. Returns, by position (cell order, see {@link #order}), a code per point: a value ≥ 0 for a core
   * point (its cluster's representative cell), -1 for noise, and {@code -2 - c} for a border point whose nearest
   * core point is in cluster c. Call once: it reorders the points inside each cell (core points first).
   *
   * <p>The code array is the only per-point working memory. Its sign says "core" from the first pass on and never
   * changes, so concurrent readers always see the right class. After the first pass the core points of each cell
   * are moved to its front, so a cell has core points exactly when its first code is ≥ 0, and that first code
   * holds the cell's parent in a lock-free union–find over cells (a root links under the smaller root by
   * compare-and-set; the components do not depend on the order of unions).
   */
  int[] run(double r2, int minPts, int threads) {
    int[] code = new int[n];
    int[] ends = cellStart;
    try (Blocks blocks = new Blocks(cells, threads)) {
      countCore(code, blocks, r2, minPts);
      // core points to the front of their cell (stable), and every cell with core points its own set
      blocks.forEach(b -> {
        double[] bufX = new double[0];
        int[] bufRow = new int[0];
        int[] bufCode = new int[0];
        for (int c = blocks.from(b); c < blocks.to(b); c++) {
          int from = ends[c];
          int to = ends[c + 1];
          int size = to - from;
          if (size < minPts) {
            if (bufRow.length < size) {
              bufRow = new int[size];
              bufCode = new int[size];
              bufX = new double[size * d];
            }
            int w = from;
            int rest = 0;
            for (int p = from; p < to; p++) {
              if (code[p] >= 0) {
                if (w != p) {
                  order[w] = order[p];
                  System.arraycopy(x, p * d, x, w * d, d);
                  code[w] = code[p];
                }
                w++;
              } else {
                bufRow[rest] = order[p];
                bufCode[rest] = code[p];
                System.arraycopy(x, p * d, bufX, rest * d, d);
                rest++;
              }
            }
            for (int t = 0; t < rest; t++) {
              order[w + t] = bufRow[t];
              System.arraycopy(bufX, t * d, x, (w + t) * d, d);
              code[w + t] = bufCode[t];
            }
          }
          if (code[from] >= 0) {
            code[from] = c;
          }
        }
      });
      // 2. join cells with core points that have a pair of core points within eps: adjacent cells first (their
      // pairs are found at once), then the farther ones, most of which are joined by then and skipped
      for (int which : new int[] {NEAR, FAR}) {
        blocks.forEach(b -> {
          int[] nb = new int[maxNeighbours];
          Cursor cursor = new Cursor();
          for (int a = blocks.from(b); a < blocks.to(b); a++) {
            if (code[ends[a]] < 0) {
              continue;
            }
            int m = cursor.neighbours(a, which | FORWARD, nb, 0);
            int ra = find(code, a);
            for (int t = 0; t < m; t++) {
              int c = nb[t];
              if (code[ends[c]] < 0) {
                continue;
              }
              // sets only merge: a root seen once for a is still in a's set
              int rc = find(code, c);
              if (rc == ra || rc == (ra = find(code, a))) {
                continue;
              }
              if (corePair(a, c, code, r2)) {
                union(code, a, c);
                ra = find(code, a);
              }
            }
          }
        });
      }
      // 3. core points take their cell's root (for a cell's first point: its parent, compressed to the root);
      // border points the root of their nearest core point's cell
      blocks.forEach(b -> {
        int[] nb = new int[maxNeighbours];
        Cursor cursor = new Cursor();
        for (int c = blocks.from(b); c < blocks.to(b); c++) {
          int from = ends[c];
          int to = ends[c + 1];
          int root = code[from] >= 0 ? find(code, c) : -1;
          // the neighbour cells the cell's points need: none, the adjacent ones or all
          int need = 0;
          for (int p = from; p < to && need != ALL; p++) {
            need |= code[p] == -1 ? ALL : code[p] == NEAR_ONLY ? NEAR : 0;
          }
          int m = need == 0 ? 0 : cursor.neighbours(c, need, nb, 0);
          for (int p = from; p < to; p++) {
            if (code[p] >= 0) {
              code[p] = root;
              continue;
            }
            if (code[p] == ALONE) {
              code[p] = -1;
              continue;
            }
            double best = Double.POSITIVE_INFINITY;
            int bestRow = Integer.MAX_VALUE;
            int bestCell = -1;
            for (int t = -1; t < m; t++) {
              int e = t < 0 ? c : nb[t];
              // core points first in every cell: stop at the first non-core one
              for (int q = ends[e]; q < ends[e + 1] && code[q] >= 0; q++) {
                double d2 = SquaredDistances.between(x, p * d, x, q * d, d);
                if (d2 <= r2 && (d2 < best || (d2 == best && order[q] < bestRow))) {
                  best = d2;
                  bestRow = order[q];
                  bestCell = e;
                }
              }
            }
            code[p] = bestCell < 0 ? -1 : -2 - find(code, bestCell);
          }
        }
      });
    }
    return code;
  }

  /** Code of a non-core point with no other point within eps: noise, without a border search. */
  private static final int ALONE = Integer.MIN_VALUE;
  /** Code of a non-core point whose points within eps all lie in its own or adjacent cells. */
  private static final int NEAR_ONLY = Integer.MIN_VALUE + 1;

  /**
   * Core pass: a cell with ≥ minPts points is all core; every other point counts the adjacent cells first, then
   * the farther ones, and stops at minPts. A cell's neighbour cells are listed once: the adjacent ones, and the
   * farther ones when a point needs them. Where small neighbourhoods make most points need them (the previous
   * cell of the block did), all are listed in one walk (the adjacent ones still come first, so the counts stop
   * at the same cells), instead of walking the adjacent rows twice. A point that is not core was counted in full,
   * so the pass also records where its points within eps are, for the border search: {@link #ALONE} (none),
   * {@link #NEAR_ONLY} (all in its own or adjacent cells) or -1 (some farther). Core points get 0.
   */
  private void countCore(int[] code, Blocks blocks, double r2, int minPts) {
    int[] ends = cellStart;
    blocks.forEach(b -> {
      int[] nb = new int[maxNeighbours];
      Cursor cursor = new Cursor();
      boolean farLast = false;
      for (int c = blocks.from(b); c < blocks.to(b); c++) {
        int from = ends[c];
        int to = ends[c + 1];
        int size = to - from;
        if (size >= minPts) {
          continue;
        }
        int near = -1;
        int all = -1;
        if (farLast) {
          all = cursor.neighbours(c, ALL, nb, 0);
          near = cursor.adjacent;
        }
        farLast = false;
        for (int p = from; p < to; p++) {
          if (near < 0) {
            near = cursor.neighbours(c, NEAR, nb, 0);
          }
          int nearCount = countIn(p, nb, 0, near, size, r2, minPts);
          int count = nearCount;
          if (count < minPts) {
            farLast = true;
            if (all < 0) {
              all = near + cursor.neighbours(c, FAR, nb, near);
            }
            count = countIn(p, nb, near, all, count, r2, minPts);
          }
          if (count < minPts) {
            code[p] = count == 1 ? ALONE : count == nearCount ? NEAR_ONLY : -1;
          }
        }
      }
    });
  }

  private static final VarHandle CODE = MethodHandles.arrayElementVarHandle(int[].class);

  /** Parent of cell c in the union–find kept in the first code of each cell with core points. */
  private int parent(int[] code, int c) {
    return (int) CODE.getVolatile(code, cellStart[c]);
  }

  /** Root of cell c's set, halving the path. */
  private int find(int[] code, int c) {
    int p = parent(code, c);
    while (p != c) {
      int g = parent(code, p);
      if (g != p) {
        CODE.compareAndSet(code, cellStart[c], p, g);
      }
      c = p;
      p = g;
    }
    return c;
  }

  /** Joins the sets of cells a and b: the larger root links under the smaller one, if it still is a root. */
  private void union(int[] code, int a, int b) {
    while (true) {
      int ra = find(code, a);
      int rb = find(code, b);
      if (ra == rb) {
        return;
      }
      if (ra < rb) {
        int t = ra;
        ra = rb;
        rb = t;
      }
      if (CODE.compareAndSet(code, cellStart[ra], ra, rb)) {
        return;
      }
    }
  }

  /** Adds the points within r2 of position p in cells nb[from..to) to count, stopping at limit. */
  private int countIn(int p, int[] nb, int from, int to, int count, double r2, int limit) {
    for (int t = from; t < to && count < limit; t++) {
      count = SquaredDistances.countWithin(x, p * d, x, cellStart[nb[t]], cellStart[nb[t] + 1], d, r2, count, limit);
    }
    return count;
  }

  /** Whether some core point of cell a lies within r2 of some core point of cell c (core points come first). */
  private boolean corePair(int a, int c, int[] code, double r2) {
    for (int p = cellStart[a]; p < cellStart[a + 1] && code[p] >= 0; p++) {
      for (int q = cellStart[c]; q < cellStart[c + 1] && code[q] >= 0; q++) {
        if (SquaredDistances.between(x, p * d, x, q * d, d) <= r2) {
          return true;
        }
      }
    }
    return false;
  }
}
