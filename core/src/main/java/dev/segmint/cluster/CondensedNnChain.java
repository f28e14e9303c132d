package dev.segmint.cluster;

import dev.segmint.internal.Workers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Complete and average linkage through SciPy's nearest-neighbour chain ({@code nn_chain}) on a condensed distance
 * matrix, with a short list of nearest neighbours per row: O(n²·d) time to fill the matrix, O(n²) for the chain,
 * {@link #matrixBytes} of memory (a {@code float}, 4 bytes, per pair) plus O(n).
 *
 * <p><b>Same merges, same heights.</b> The chain visits the clusters in SciPy's order and makes SciPy's choices
 * (the tip's nearest live cluster, the previous chain element on a tie, otherwise the lowest slot; the merged
 * cluster takes the higher slot), and the Lance–Williams updates are SciPy's operations in SciPy's order, so the
 * merges and heights are SciPy's bit for bit, ties included: the same as those of the literal chain that scans a
 * whole row at every step ({@code SciPyNnChain} in the tests, Segmint's previous implementation). The one
 * exception is complete linkage on data without ties: its chain runs in another order, proven to give SciPy's
 * dendrogram ({@link Complete}), and falls back to SciPy's order at the first tie.
 *
 * <p><b>Short lists instead of row scans.</b> SciPy scans the tip's whole row at every chain step, about three
 * rows per merge, and half of each row is a column of the triangle: one cache line, and without tiles one page,
 * per element. Here every row keeps up to {@link #K} live slots with their current values and a bound below which
 * no other slot's value lies; while the list's smallest value is below the bound, the list names the nearest
 * neighbour (lowest slot on ties). The fill computes the lists exactly; every merge keeps them: the rows that list x
 * or y (found through per-slot watcher lists, not by a pass) drop x and take y's new value, a row whose new value to y
 * falls below its bound (average linkage: a mean can be smaller than before) takes y in, and the merged row's list
 * comes from the Lance–Williams pass itself. A row is rescanned only when its list no longer decides (measured on
 * 10,000 Gaussian points in 8 dimensions: 0.17 rescans per merge for average linkage, 0.37 for complete, where
 * SciPy scans about 3 rows per merge), so the merge pass, n²/2 updates in all, is most of the chain's work.
 *
 * <p><b>Complete linkage in {@code float}.</b> Every complete-linkage value is one original distance (a maximum of
 * them), and rounding to {@code float} is monotone, so the matrix holds {@code (float) d} and the update
 * {@code max} commutes with the rounding: a strictly smaller {@code float} is a strictly smaller distance. When
 * {@code float}s tie where a decision depends on them, the exact distances are recomputed from the points of the two
 * clusters (the largest distance over their pairs; members kept as linked lists), and the merge heights are
 * recomputed exactly at the end, in parallel, as the largest pairwise distance between the two merged clusters: one
 * more pass over the n(n−1)/2 pairs, in leaf order so that every cluster is a contiguous range. On data whose
 * distances differ only below {@code float} resolution (relative 6·10⁻⁸) or exceed {@code Float.MAX_VALUE} every
 * decision needs these exact values and the chain slows down accordingly; the results stay exact.
 *
 * <p><b>Average linkage in {@code float}.</b> Its values are SciPy's rounded weighted means, which a {@code float}
 * cannot hold; the matrix keeps them to {@code float} precision with a proven error bound ({@link Average}), every
 * decision that the bound leaves open (two values that may hide equal exact ones) is taken on exact values, and
 * every height is exact: SciPy's {@code double} recurrence replayed from the points for the two clusters
 * ({@link Replay}; O(|A|·|B|·d) for clusters A and B, each pair of points once over all merges, in parallel at the
 * end; two clusters of at most {@link Replay#DENSE_PAIRS} pairs in one block of all their pairs, row and column
 * combinations of the clusters the chain still held, in the order it made them). At 10,000 points on one thread
 * the replay takes about 0.15 s of CPU time (0.32–0.37 s with blocks of 4,096 pairs that combined whole rows and
 * columns, alternated in one JVM; 0.67 s with a walk per point and subtree, measured on a loaded machine): average
 * linkage trades little speed for half the memory. On data with deep trees (a tree height h widens the bound to
 * about 2h·6·10⁻⁸ relative) more decisions need exact values and the chain slows down; the results stay exact.
 *
 * <p><b>Positions and slots.</b> Row and column p of the matrix hold point {@code logical[p]}: the points are laid
 * out in a spatial order ({@link #spatialOrder}), so that clusters the chain merges have near rows and columns, or,
 * for average linkage in up to {@link ChainOrder#MAX_DIMENSIONS} dimensions, in the order in which a rehearsal of
 * the chain predicts their first merges ({@link ChainOrder}, {@link #fillInChainOrder}), so that the merges move
 * along the rows. The
 * chain runs on positions; every choice SciPy makes by slot (where a chain starts, the lowest slot among equal
 * values, the merged cluster taking the higher slot) is made on the logical slots, which are the input's indices,
 * so the merges are those of SciPy's chain on the input order, whatever the layout. (Complete linkage without ties
 * starts its chains at the lowest live position instead: {@link Complete}.)
 *
 * <p><b>Layout.</b> The upper triangle is cut into tiles of 32 × 32 values (one 4 KiB page of {@code float}s),
 * row-major inside a tile; the tiles (I, J), J ≥ I, of tile-row I lie one after the other
 * in one of a few large arrays ("chunks" of at least 64 MiB and 64 tile-rows, each holding whole tile-rows), so the
 * matrix is not limited to the 2³¹ elements of one Java array and its arrays are allocated directly in the old
 * generation. Entry (i, j), i &lt; j, is {@code row[i][base[i] + col(j)]}. A column of the triangle (the values
 * from slot j to the slots below it), which SciPy's layout spreads over one page per slot, touches one page per 32
 * slots, read at a fixed 128-byte stride that the hardware prefetches; a row touches one page per 32 slots too.
 *
 * <p><b>Threads.</b> Distances and the initial lists are computed in parallel by chunks of rows ({@link #rows}), each row on
 * its own; the exact complete heights by any thread (a maximum does not depend on order). The chain's decisions are
 * sequential, but its two O(m) passes over the m live slots, the merge pass and the rescans, run in one range per
 * thread (ranges of equal estimated cost, {@link #COLUMN_WEIGHT}, once {@link #PART_SLOTS} live slots per thread
 * are live) that the chain thread and {@code threads − 1} helper
 * threads (from {@code Workers}' pool, alive while the chain runs) claim one at a time. Every slot's update depends only on its
 * own values; each range keeps its own K+1 smallest values and its own list of rows whose lists must take the new
 * value, and these are combined, and the rows relaxed, in range order, that is in slot order, afterwards: the same
 * lists, bounds, watchers, merges and heights as one sequential pass, for any thread count and any assignment of
 * ranges to threads. Helpers spin for up to {@link #SPIN_NANOS} between passes, then park; a helper that does not
 * get a core leaves its ranges to the others.
 */
abstract class CondensedNnChain {

  /** Smallest chunk, in bytes. */
  static final int CHUNK_BYTES = 1 << 26;

  /** Bytes per stored value: 4 ({@code float}) for complete and average linkage. */
  static int elementBytes(Linkage linkage) {
    return 4;
  }

  /** Side of the square tiles of the layout: 32 × 32 floats are one 4 KiB page. */
  static final int TILE = 32;

  /** Tiles per side for n points. */
  static long tiles(long n) {
    return (n + TILE - 1) / TILE;
  }

  /** Values of tile-row {@code I} for n points: the tiles (I, J), J ≥ I. */
  static long tileRowLength(long n, long tileRow) {
    return (tiles(n) - tileRow) * TILE * TILE;
  }

  /** Values per chunk for n points: at least 64 tile-rows, so that the slack at chunk ends stays under 1/64. */
  static int chunkCapacity(long n, int elementBytes) {
    return (int) Math.min(1L << 30, Math.max(CHUNK_BYTES / elementBytes, 64L * tileRowLength(n, 0)));
  }

  /**
   * Bytes of the matrix for n points: {@code e} bytes ({@code e} = 4 for complete, 8 for average) for each value of
   * the T(T+1)/2 tiles of 32 × 32 on and above the diagonal (T = ⌈n/32⌉; that is n(n−1)/2 values plus the unused
   * lower halves of the diagonal tiles and the padding of the last tile column, about 32·n values more), plus the
   * row index (a base offset and a chunk reference per row). Exact: the chunks hold whole tile-rows, no slack.
   */
  static long matrixBytes(long n, Linkage linkage) {
    if (n < 2) {
      return 0;
    }
    long t = tiles(n);
    return elementBytes(linkage) * (t * (t + 1) / 2 * TILE * TILE) + 12L * n;
  }

  /** Offset of column j within a row: tile column j/32 (4 KiB apart for floats), position j mod 32 in it. */
  static int col(int j) {
    return ((j >>> 5) << 10) | (j & (TILE - 1));
  }

  /** Bytes of the O(n) state of the chain per point, beyond the matrix (see {@link Hierarchical#memoryEstimate}). */
  static long bytesPerPoint(Linkage linkage, int d) {
    // size, live, chain; the list (K slots, K values, length, bound); watchers (an array of K to start with, its
    // header and reference, count, dedup stamp, and twice as much again as they grow: rescans register again);
    // the fill's row scratch (2 threads); the spatial order, each position's logical slot and each slot's position
    long common = 4 + 4 + 4 + 4 * K + 8 * K + 4 + 8 + (3 * 4 * K + 16 + 8 + 4 + 4) + 16 + 4 + 4 + 4;
    if (linkage != Linkage.COMPLETE) {
      // the merge tree (children, size, height, first, next per node: 2n nodes), the slots' nodes, the tree laid
      // out for the final heights (lowest rank and inner index per node, the leaf per rank, two children and three
      // sizes per inner node; the points by rank), the replay's stacks (8 + 2 · 17 bytes per point) on the chain
      // thread and on 2 threads, which also hold a value per node (2n doubles)
      // and, before the matrix, the fill's first pass in the rehearsal's order (K+1 squares and points, the
      // points by coordinate; ChainOrder's lists and scratch)
      return common + 2 * 6 * 4 + 4 + (2 * 8 + 4 + 2 * 4 + 3 * 8) + 8L * d + 3 * (8 + 2 * 17) + 2 * 2 * 8
          + (K + 1) * 12L + 4 + 8L * d + ChainOrder.bytesPerPoint(d);
    }
    // member lists (head, tail, next); exact heights: two nodes per point (parent, size, start), children,
    // slot-to-node, leaf order, the running maxima and the points again in leaf order; the spatial order kept for a
    // second run, and the run in spatial order's records of heights (table of up to 4 slots per merge, float bits,
    // link, two sides, exact height)
    return common + 12 + 2 * 12 + 8 + 4 + 4 + 8 + 8L * d + 4 + (16 + 4 + 4 + 16 + 8);
  }

  /** Neighbours kept per row. */
  static final int K = 8;

  final int n;
  /**
   * The logical slot (SciPy's) of the cluster stored at each position: the rows and columns of the matrix are the
   * points in {@link #spatialOrder}, not in input order, and every decision that SciPy takes by slot order (the
   * chain's start, the lowest slot among equal values, which slot the merged cluster takes) is taken on these.
   */
  final int[] logical;
  /** The position of each live logical slot, −1 once the slot is merged away. */
  final int[] position;
  /** The lowest logical slot that may still be live (the chain starts at the lowest live one). */
  private int lowestLive;
  /** Row offsets: entry (i, j), i &lt; j, at {@code base[i] + col(j)} of row i's chunk. */
  final int[] base;
  /** Live positions, ascending; {@code m} of them. */
  final int[] live;
  int m;
  final int[] size;
  /**
   * Each row's short list: up to {@link #K} live slots ({@code listSlot[i·K …]}) with their current values
   * ({@code listValue}, as stored: complete linkage's floats widened), and a bound: every live slot not on the list
   * has a value ≥ {@code bound[i]}. A list whose smallest value is below its bound names the row's nearest neighbour.
   */
  final int[] listSlot;
  final double[] listValue;
  final int[] listLength;
  final double[] bound;
  /** Scratch of the merge and the rescans: the K+1 smallest (value, slot) pairs so far, ascending. */
  private final double[] topValue = new double[K + 1];
  private final int[] topSlot = new int[K + 1];

  /**
   * Back to the state before {@link #fillMatrix} (every slot live, alone and unwatched), for a second run; the
   * watchers keep their arrays, the merge count goes on (stamps of the first run stay below it).
   */
  final void reset() {
    for (int i = 0; i < n; i++) {
      live[i] = i;
      size[i] = 1;
      watcherCount[i] = 0;
    }
    m = n;
    lowestLive = 0;
    tiedSearch = false;
  }

  private CondensedNnChain(int n) {
    this.n = n;
    base = new int[n];
    live = new int[n];
    size = new int[n];
    listSlot = new int[n * K];
    listValue = new double[n * K];
    listLength = new int[n];
    bound = new double[n];
    logical = new int[n];
    position = new int[n];
    watchers = new int[n][];
    watcherCount = new int[n];
    keptAt = new int[n];
    for (int i = 0; i < n; i++) {
      watchers[i] = new int[K];
      live[i] = i;
      size[i] = 1;
    }
    m = n;
  }

  /**
   * Lays the rows out in chunks and sets {@link #base}: returns the chunk of each row (row n−1, which is empty, and
   * every row when n &lt; 2 get chunk 0) and, as the last element, the number of chunks; {@code lengths} receives
   * the length of each chunk.
   */
  final int[] layout(int elementBytes, int[] lengths) {
    int[] chunkOf = new int[n + 1];
    if (n < 2) {
      return chunkOf;
    }
    int capacity = chunkCapacity(n, elementBytes);
    int t = (int) tiles(n);
    int used = capacity;
    int chunks = 0;
    for (int tr = 0; tr < t; tr++) {
      int len = (int) tileRowLength(n, tr);
      if (used + len > capacity) {
        if (chunks > 0) {
          lengths[chunks - 1] = used;      // each chunk exactly as long as its tile-rows
        }
        chunks++;
        used = 0;
      }
      // entry (i, j), i < j, of tile (I, J): used + (J − I)·1024 + (i mod 32)·32 + j mod 32 = base[i] + col(j)
      for (int i = tr * TILE; i < Math.min(n, (tr + 1) * TILE); i++) {
        chunkOf[i] = chunks - 1;
        base[i] = used - tr * TILE * TILE + (i & (TILE - 1)) * TILE;
      }
      used += len;
    }
    lengths[chunks - 1] = used;
    chunkOf[n] = chunks;
    return chunkOf;
  }

  /**
   * The matrix of {@code float}s: lays the rows out ({@link #layout}) and allocates the chunks, spread over the
   * threads of {@code blocks} (the JVM zeroes an array, and the system maps its pages, on the thread that allocates
   * it); returns each row's chunk.
   */
  final float[][] floatRows(Blocks blocks) {
    int[] lengths = new int[maxChunks(4)];
    int[] chunkOf = layout(4, lengths);
    float[][] chunks = new float[Math.max(1, chunkOf[n])][];
    blocks.forEach(b -> {
      for (int c = b; c < chunks.length; c += blocks.count) {
        chunks[c] = new float[lengths[c]];
      }
    });
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = chunks[chunkOf[i]];
    }
    return rows;
  }

  /** Chunks at most: one per row, or the values over the smallest chunk, plus one. */
  final int maxChunks(int elementBytes) {
    // every chunk but the last is more than half full (a tile-row is at most 1/64 of a chunk)
    long t = tiles(n);
    long values = t * (t + 1) / 2 * TILE * TILE;
    return (int) Math.min(t + 1, 2 * values / chunkCapacity(n, elementBytes) + 2);
  }

  /**
   * Allocates the matrix for {@code linkage} (COMPLETE or AVERAGE) and fills it with the Euclidean distances of the
   * row-major points {@code x} ({@code n × d}), with every row's short list.
   */
  static CondensedNnChain fill(double[] x, int n, int d, Linkage linkage, Blocks blocks) {
    boolean complete = linkage == Linkage.COMPLETE;
    if (!complete && d <= ChainOrder.MAX_DIMENSIONS) {
      return fillInChainOrder(x, n, d, blocks);
    }
    int[] order = spatialOrder(x, n, d);
    CondensedNnChain chain = complete ? new Complete(x, order, n, d, blocks) : new Average(x, order, n, d, blocks);
    boolean tied = chain.fillMatrix(x, order, d, blocks, complete);
    // complete linkage on points without a tie that the fill sees runs in the spatial order (see Complete)
    chain.spatialStart = complete && !tied;
    return chain;
  }

  /**
   * Average linkage with the rows in {@link ChainOrder}: a first pass computes every point's whole row of distances
   * and keeps its K+1 smallest (the short lists, as {@link #fillMatrix} does), the rehearsal orders the points from
   * their K nearest, and a second pass, in that order, computes and stores each row's distances to the rows after
   * it. The second pass repeats half of the first pass's distances (at 10,000 points in 8 dimensions about 0.01 s
   * on 2 threads), which the chain repays many times ({@link ChainOrder}). The lists are the first pass's: the same
   * values as the matrix holds (a pair's squares are summed in coordinate order either way), at the new positions.
   */
  static Average fillInChainOrder(double[] x, int n, int d, Blocks blocks) {
    int w = K + 1;
    double[] nearSquare = new double[n * w];
    int[] nearPoint = new int[n * w];
    int[] nearCount = new int[n];
    double[][] byPoint = byCoordinate(x, null, n, d);
    rows(n, blocks, () -> {
      RowScratch r = new RowScratch(n, d);
      return i -> {
        System.arraycopy(x, i * d, r.q, 0, d);
        LinkageKernels.squaredDistances(byPoint, r.q, 0, n, r.tmp);
        int c = smallest(r.tmp, i, n, r.tv, r.ts);
        System.arraycopy(r.tv, 0, nearSquare, i * w, c);
        System.arraycopy(r.ts, 0, nearPoint, i * w, c);
        nearCount[i] = c;
      };
    });
    int[] order = ChainOrder.of(x, n, d, nearPoint, nearSquare, nearCount, w);
    Average chain = new Average(x, order, n, d, blocks);
    double[][] cols = chain.place(x, order, d);
    rows(n, blocks, () -> {
      RowScratch r = new RowScratch(n, d);
      return p -> {
        int i = order[p];
        System.arraycopy(x, i * d, r.q, 0, d);
        if (p + 1 < n) {
          LinkageKernels.squaredDistances(cols, r.q, p + 1, n, r.tmp);
        }
        chain.store(p, r.tmp);
        int c = nearCount[i];
        for (int t = 0; t < c; t++) {
          r.tv[t] = chain.stored(Math.sqrt(nearSquare[i * w + t]));
          r.ts[t] = chain.position[nearPoint[i * w + t]];
        }
        chain.setList(p, r.tv, r.ts, c, false);
      };
    });
    for (int p = 0; p < n; p++) {
      for (int t = 0; t < chain.listLength[p]; t++) {
        chain.watch(chain.listSlot[p * K + t], p);
      }
    }
    return chain;
  }

  /**
   * Row p holds point {@code order[p]}: sets {@link #logical} and {@link #position}, and returns the points by
   * coordinate in that order (for the fill's kernel).
   */
  final double[][] place(double[] x, int[] order, int d) {
    for (int p = 0; p < n; p++) {
      logical[p] = order[p];
      position[order[p]] = p;
    }
    return byCoordinate(x, order, n, d);
  }

  /**
   * The row-major points {@code x} by coordinate: {@code [k][p]} is coordinate k of point {@code order[p]} (of
   * point p when {@code order} is null).
   */
  static double[][] byCoordinate(double[] x, int[] order, int n, int d) {
    double[][] cols = new double[d][n];
    for (int p = 0; p < n; p++) {
      int i = order == null ? p : order[p];
      for (int k = 0; k < d; k++) {
        cols[k][p] = x[i * d + k];
      }
    }
    return cols;
  }

  /** One thread's scratch of a fill: a row of squared distances, a point, the K+1 smallest pairs. */
  static final class RowScratch {
    final double[] tmp;
    final double[] q;
    final double[] tv = new double[K + 1];
    final int[] ts = new int[K + 1];

    RowScratch(int n, int d) {
      tmp = new double[n];
      q = new double[d];
    }
  }

  /** Rows per claim of {@link #rows}. */
  static final int ROW_CHUNK = 128;

  /**
   * Runs a row body for every row 0 … n−1 on the threads of {@code blocks}, in chunks of {@link #ROW_CHUNK} rows
   * claimed one at a time (finer than the blocks, so that the threads finish together); each thread makes its body
   * (and its scratch) once. Each row's work must depend on the row alone.
   */
  static void rows(int n, Blocks blocks, java.util.function.Supplier<java.util.function.IntConsumer> body) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      java.util.function.IntConsumer row = body.get();
      for (int c = next.getAndIncrement(); c * ROW_CHUNK < n; c = next.getAndIncrement()) {
        for (int i = c * ROW_CHUNK, e = Math.min(n, i + ROW_CHUNK); i < e; i++) {
          row.accept(i);
        }
      }
    };
    Runnable[] work = new Runnable[blocks.threads()];
    Arrays.fill(work, worker);
    Workers.runAll("filling the distance matrix", work);
  }

  /**
   * The K+1 smallest values of {@code tmp[0 … n)} but the i-th, ascending (on equal values the lower index first),
   * into tv and ts; returns how many (K+1, or n − 1 when fewer). Four values are tested with one branch, and one by
   * one only when one of them is below the threshold (few are).
   */
  static int smallest(double[] tmp, int i, int n, double[] tv, int[] ts) {
    double self = tmp[i];
    tmp[i] = Double.POSITIVE_INFINITY;
    int c = 0;
    int j = 0;
    for (; j < n && c <= K; j++) {
      if (j != i) {
        c = offer(tv, ts, c, tmp[j], j);
      }
    }
    double thr = c > K ? tv[K] : Double.POSITIVE_INFINITY;
    for (; j + 4 <= n; j += 4) {
      if (tmp[j] < thr | tmp[j + 1] < thr | tmp[j + 2] < thr | tmp[j + 3] < thr) {
        for (int u = j; u < j + 4; u++) {
          if (tmp[u] < thr && u != i) {
            c = offer(tv, ts, c, tmp[u], u);
            thr = tv[K];
          }
        }
      }
    }
    for (; j < n; j++) {
      if (tmp[j] < thr && j != i) {
        c = offer(tv, ts, c, tmp[j], j);
        thr = tv[K];
      }
    }
    tmp[i] = self;
    return c;
  }

  /**
   * Fills the matrix and every row's short list from the points {@code x}, row and column p being point
   * {@code order[p]}; with {@code findTies}, returns true when the points show a tie that a chain in spatial order
   * would meet: a point whose two nearest are at the same distance, or two pairs of mutually nearest points at the
   * same distance (every chain merges such a pair at that height, so two heights tie). O(n²·d) time; O(n) memory
   * beyond the matrix (the scratch of each thread; with {@code findTies}, each row's nearest).
   */
  final boolean fillMatrix(double[] x, int[] order, int d, Blocks blocks, boolean findTies) {
    CondensedNnChain chain = this;
    double[][] cols = place(x, order, d);
    // a row whose two nearest tie (read in row order afterwards: the same for any thread count)
    boolean[] tied = findTies ? new boolean[n] : null;
    int[] nearestOf = findTies ? new int[n] : null;
    double[] nearestAt = findTies ? new double[n] : null;
    rows(n, blocks, () -> {
      RowScratch r = new RowScratch(n, d);
      double[] tmp = r.tmp;
      double[] tv = r.tv;
      int[] ts = r.ts;
      return i -> {
        // the whole row of squared distances (both triangles hold the same values: (a − b)² = (b − a)²); the list
        // takes K+1 smallest squares: every other distance is at least the (K+1)-th (√ is monotone), which is
        // all the list needs, even where √ rounds different squares to one distance
        System.arraycopy(x, order[i] * d, r.q, 0, d);
        LinkageKernels.squaredDistances(cols, r.q, 0, n, tmp);
        int c = smallest(tmp, i, n, tv, ts);
        if (findTies) {
          // the exact distances: square roots of the same sums as Complete#exact
          tied[i] = c >= 2 && Math.sqrt(tv[0]) == Math.sqrt(tv[1]);
          nearestOf[i] = c > 0 ? ts[0] : -1;
          nearestAt[i] = c > 0 ? Math.sqrt(tv[0]) : 0;
        }
        for (int t = 0; t < c; t++) {
          tv[t] = chain.stored(Math.sqrt(tv[t]));
        }
        chain.store(i, tmp);
        chain.setList(i, tv, ts, c, false);
      };
    });
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < chain.listLength[i]; t++) {
        chain.watch(chain.listSlot[i * K + t], i);
      }
    }
    boolean any = false;
    if (findTies) {
      for (boolean t : tied) {
        any |= t;
      }
    }
    return findTies && (any || mutualTie(nearestOf, nearestAt));
  }

  /**
   * True when two pairs of mutually nearest points (p's nearest is q and q's is p) are at the same distance.
   * O(n log n).
   */
  static boolean mutualTie(int[] nearestOf, double[] nearestAt) {
    int n = nearestOf.length;
    double[] at = new double[n];
    int c = 0;
    for (int p = 0; p < n; p++) {
      int q = nearestOf[p];
      if (q > p && nearestOf[q] == p) {
        at[c++] = nearestAt[p];
      }
    }
    Arrays.sort(at, 0, c);
    for (int t = 1; t < c; t++) {
      if (at[t] == at[t - 1]) {
        return true;
      }
    }
    return false;
  }

  /** Points per leaf of {@link #spatialOrder}: smaller ranges are not split further. */
  static final int ORDER_LEAF = 8;

  /**
   * The positions of the points in the matrix: a k-d order (the points split at the median of their widest
   * coordinate, recursively, down to {@link #ORDER_LEAF} points), so that near points, which the chain merges with
   * each other, have near rows and columns: a merge then mostly reads the two columns of x and y in the same cache
   * lines (a column read costs a line per live row). Measured on 10,000 Gaussian points in 8 dimensions (one
   * thread, fill and chain, CPU time, alternated with the input order in one JVM, machine at load 5–6, median
   * (min) of 4): complete linkage 1.69 (1.54) s → 1.29 (1.15) s, average 1.78 (1.75) s → 1.51 (1.36) s. Only the
   * speed depends on it: the results are SciPy's ({@link #logical}). Deterministic (ties by index); O(n·d·log n)
   * expected time (quickselect; O(n²) at worst, below the chain's O(n²)), O(n) memory.
   */
  static int[] spatialOrder(double[] x, int n, int d) {
    return spatialOrder(x, n, d, ORDER_LEAF, 1);
  }

  /**
   * {@link #spatialOrder(double[], int, int)} with leaves of at most {@code leaf} points and every split at a
   * multiple of {@code align} positions from the range's start, the one nearest the median (ward's chunks:
   * {@code leaf = align = }{@link LinkageKernels#CHUNK}, so that every chunk is one leaf); {@code align = 1} splits at
   * the median.
   */
  static int[] spatialOrder(double[] x, int n, int d, int leaf, int align) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    splitOrder(x, d, order, new double[n], 0, n, leaf, align);
    return order;
  }

  /** Orders {@code order[from … to)} ({@link #spatialOrder}). */
  private static void splitOrder(double[] x, int d, int[] order, double[] key, int from, int to, int leaf,
      int align) {
    while (to - from > leaf) {
      int widest = 0;
      double spread = -1;
      for (int k = 0; k < d; k++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
          double v = x[order[t] * d + k];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        if (hi - lo > spread) {
          spread = hi - lo;
          widest = k;
        }
      }
      for (int t = from; t < to; t++) {
        key[t] = x[order[t] * d + widest];
      }
      int mid = (from + to) >>> 1;
      if (align > 1) {
        int blocks = (to - from + align - 1) / align;
        mid = from + Math.max(1, Math.min(blocks - 1, (int) Math.round((to - from) / 2.0 / align))) * align;
      }
      select(key, order, from, to, mid);
      splitOrder(x, d, order, key, from, mid, leaf, align);
      from = mid;
    }
  }

  /**
   * Rearranges the pairs (key[t], order[t]), t in [from, to), so that the pair at k is the one that sorts there by
   * (key, index), with no larger pair before it and no smaller after it: quickselect, pivot the median of three.
   */
  static void select(double[] key, int[] order, int from, int to, int k) {
    int lo = from;
    int hi = to - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // the median of lo, mid, hi to hi, as the pivot
      if (before(key, order, mid, lo)) {
        swap(key, order, mid, lo);
      }
      if (before(key, order, hi, lo)) {
        swap(key, order, hi, lo);
      }
      if (before(key, order, mid, hi)) {
        swap(key, order, mid, hi);
      }
      int store = lo;
      for (int t = lo; t < hi; t++) {
        if (before(key, order, t, hi)) {
          swap(key, order, t, store++);
        }
      }
      swap(key, order, store, hi);
      if (store == k) {
        return;
      }
      if (store < k) {
        lo = store + 1;
      } else {
        hi = store - 1;
      }
    }
  }

  private static boolean before(double[] key, int[] order, int a, int b) {
    int c = Double.compare(key[a], key[b]);
    return c < 0 || c == 0 && order[a] < order[b];
  }

  private static void swap(double[] key, int[] order, int a, int b) {
    double k = key[a];
    key[a] = key[b];
    key[b] = k;
    int o = order[a];
    order[a] = order[b];
    order[b] = o;
  }

  /**
   * Inserts (v, j) into the ascending pairs {@code tv, ts} (c of them, at most K+1; on equal values the earlier
   * offer stays first), dropping the largest when full; returns the new count.
   */
  static int offer(double[] tv, int[] ts, int c, double v, int j) {
    if (c == K + 1) {
      if (!(v < tv[K])) {
        return c;
      }
      c--;
    }
    int p = c;
    while (p > 0 && v < tv[p - 1]) {
      tv[p] = tv[p - 1];
      ts[p] = ts[p - 1];
      p--;
    }
    tv[p] = v;
    ts[p] = j;
    return c + 1;
  }

  /**
   * Row i's list from its c smallest pairs (ascending stored values): the first K, the bound from the next;
   * registers i with each listed slot's watchers when {@code watch} is set.
   */
  final void setList(int i, double[] tv, int[] ts, int c, boolean watch) {
    int len = Math.min(c, K);
    for (int t = 0; t < len; t++) {
      listValue[i * K + t] = tv[t];
      listSlot[i * K + t] = ts[t];
      if (watch) {
        watch(ts[t], i);
      }
    }
    listLength[i] = len;
    bound[i] = c > K ? tv[K] : Double.POSITIVE_INFINITY;
  }

  /**
   * Watchers: the rows that listed slot s ({@code watchers[s][0 … watcherCount[s])}), possibly with rows that no
   * longer do (checked when used): a merge of x and y revisits only the rows that list x or y.
   */
  private final int[][] watchers;
  private final int[] watcherCount;
  /** The merge that last kept a row among y's watchers (deduplication). */
  private final int[] keptAt;
  private int merges;

  final void watch(int s, int i) {
    int c = watcherCount[s];
    if (c == watchers[s].length) {
      watchers[s] = Arrays.copyOf(watchers[s], Math.max(4, 2 * c));
    }
    watchers[s][c] = i;
    watcherCount[s] = c + 1;
  }

  /** After the merge of x into y: every row that listed x or y is relaxed; y keeps the rows that still list it. */
  final void relaxWatchers(int x, int y) {
    merges++;
    for (int w = 0; w < 2; w++) {
      int s = w == 0 ? x : y;
      int[] list = watchers[s];
      for (int c = 0, e = watcherCount[s]; c < e; c++) {
        int i = list[c];
        if (i != x && i != y && size[i] > 0) {
          relax(i, x, y, get(i, y));
        }
      }
    }
    watchers[x] = new int[0];
    watcherCount[x] = 0;
    int[] list = watchers[y];
    int kept = 0;
    for (int c = 0, e = watcherCount[y]; c < e; c++) {
      int i = list[c];
      if (i != y && size[i] > 0 && keptAt[i] != merges && lists(i, y)) {
        keptAt[i] = merges;
        list[kept++] = i;
      }
    }
    watcherCount[y] = kept;
  }

  /** True when row i's list holds slot s. */
  final boolean lists(int i, int s) {
    for (int t = 0; t < listLength[i]; t++) {
      if (listSlot[i * K + t] == s) {
        return true;
      }
    }
    return false;
  }

  /** The value as the matrix stores it (rounded to float; average: scaled first), widened to double. */
  abstract double stored(double exact);

  /**
   * The largest stored value whose exact value may equal that of a slot with the stored value {@code min}: min
   * itself when the order of stored values is the order of exact values (complete linkage), more where stored
   * values carry rounding errors (average).
   */
  double reach(double min) {
    return min;
  }

  /** True when slots with stored values a and b may have equal exact values. */
  boolean mayTie(double a, double b) {
    return a == b;
  }

  /** Stores row i of the distances, the square roots of {@code tmp[i+1 … n−1]}. */
  abstract void store(int i, double[] tmp);

  /** The stored value of (i, j), i ≠ j, widened. */
  abstract double get(int i, int j);

  /**
   * Scans row x and returns its nearest live neighbour (lowest slot among the exact minima), refreshing its list.
   * The scan runs in parts over ranges of the live slots (see {@link #pass}).
   */
  final int rescan(int x) {
    passX = x;
    passTx = Arrays.binarySearch(live, 0, m, x);
    combine(pass(SCAN));
    return endScan(x);
  }

  /**
   * One part of a rescan of row {@link #passX}: offers the values of the live slots {@code live[from … to)} (except
   * x's own, at {@link #passTx}) to {@code p}, in ascending order.
   */
  abstract void scanRange(Part p, int from, int to);

  /**
   * One part of the merge pass of {@link #passX} into {@link #passY}: the Lance–Williams update of the live slots
   * {@code live[from … to)} (except x's and y's own, at {@link #passTx} and {@link #passTy}), in ascending order,
   * each value offered to {@code p}. The rows whose lists must take the new value are the watchers of x and y
   * ({@link #relaxWatchers}): a row that lists neither has values to x and y at or above its bound, and so has the
   * new value (their maximum, or their weighted mean, rounded to {@code float}: see {@link Average}).
   */
  abstract void mergeRange(Part p, int from, int to);

  /**
   * The nearest neighbour among the positions {@code slots[0 … count)} whose stored values may tie with the row's
   * minimum (within {@link #reach}; any order): the smallest exact value, the lowest logical slot among equal ones.
   */
  abstract int amongTies(int x, int[] slots, int count);

  /** True when (x, p) ties exactly with x's nearest neighbour {@code y} (p ≠ y, stored values {@link #mayTie}). */
  abstract boolean tiesExactly(int x, int p, int y);

  /** The stored height of merging x and y, or NaN when {@link #finish} computes it. */
  abstract double height(int x, int y);

  /**
   * The Lance–Williams update of row and column y after merging x &lt; y (sizes nx and ny) into slot y, keeping every
   * live row's list ({@link #relax}) and building y's. x is still in {@link #live}. The update runs in parts over
   * ranges of the live slots ({@link #pass}); the parts' smallest values are combined in slot order afterwards: the
   * same lists, bounds and watchers as one sequential pass in slot order.
   */
  final void merge(int x, int y, int nx, int ny) {
    passX = x;
    passY = y;
    passNx = nx;
    passNy = ny;
    passTx = Arrays.binarySearch(live, 0, m, x);
    passTy = Arrays.binarySearch(live, 0, m, y);
    combine(pass(MERGE));
    endMerged(x, y);
    merged(x, y);
  }

  /** After a merge of x into y: what the subclass keeps beyond the matrix (complete linkage: the member lists). */
  void merged(int x, int y) {}

  /** The kinds of pass. */
  static final int SCAN = 0;
  static final int MERGE = 1;

  /** The current pass: row x (a rescan), or x merged into y with sizes nx, ny; tx, ty their indices in live. */
  int passX;
  int passY;
  int passNx;
  int passNy;
  int passTx;
  int passTy;

  /** Ranges of a pass at most. */
  static final int MAX_PARTS = 16;

  /**
   * Live slots per thread for a parallel pass: a pass over fewer than twice as many runs in one range on the chain
   * thread, and a pass has at most m / PART_SLOTS ranges (cut at equal cost, {@link #COLUMN_WEIGHT}, so that a range
   * may hold fewer slots). A pass has at most one range per thread: more, smaller ranges cost more than they balance.
   * Measured (average linkage, 10,000 Gaussian points in 8 dimensions, 2 threads, chain phase, medians of 6, three
   * runs alternated in separate JVMs on a 2-vCPU AMD EPYC; {@code HierarchicalPhases}): ranges of at least 512 slots
   * and up to 16 per pass 0.48–0.71 s; one range per thread of at least 1,024 slots 0.43–0.52 s, of at least 2,048
   * 0.43–0.75 s (noisier machine). At 5,000 points 0.16–0.17 s against 0.11–0.13 s (one thread: 0.12 s).
   */
  static final int PART_SLOTS = 1024;

  /**
   * What a live slot below x costs a pass against one above y (above x for a rescan), for cutting a pass into
   * ranges of equal cost: below x the pass reads columns of the triangle, a cache line per value (two for a merge),
   * above y rows, sixteen values per line. Measured (average linkage, 10,000 points, 2 threads, chain phase,
   * medians of 10 rounds of each weight alternated in one JVM by a probe that set the weight, not kept in the
   * repository; 2-vCPU AMD EPYC): weight 1 (equal counts) 0.556 s,
   * 2 0.508 s, 3 0.495 s, 4 0.495 s; in another run 1: 0.544 and 0.557 s, 2: 0.507 and 0.478 s.
   */
  static final int COLUMN_WEIGHT = 3;

  /** Scratch of each part. */
  final Part[] parts = new Part[MAX_PARTS];

  {
    for (int p = 0; p < MAX_PARTS; p++) {
      parts[p] = new Part();
    }
  }

  /** The threads of {@link #run}, or null for one thread. */
  private Team team;

  /**
   * Runs a pass of the given kind over the live slots: in one range on this thread, or with a team and at least
   * 2·{@link #PART_SLOTS} live slots in one range per thread (at most {@link #MAX_PARTS}, of equal estimated cost:
   * {@link #COLUMN_WEIGHT}) claimed by the team's threads. Returns the
   * number of ranges; their results are {@code parts[0 …)}, in ascending order of slots.
   */
  final int pass(int kind) {
    if (team == null || m < 2 * PART_SLOTS) {
      work(kind, 0, 0, m);
      return 1;
    }
    return team.run(kind);
  }

  /** Runs one part of a pass. */
  final void work(int kind, int part, int from, int to) {
    Part p = parts[part];
    p.start();
    if (kind == MERGE) {
      mergeRange(p, from, to);
    } else {
      scanRange(p, from, to);
    }
  }

  /**
   * The K+1 smallest pairs of the parts ({@link #topValue}, {@link #topSlot}): offered part by part, each in its
   * order, that is in ascending slot order, the same pairs as one sequential scan keeps (the K+1 smallest by value,
   * then slot).
   */
  private void combine(int count) {
    int c = 0;
    for (int p = 0; p < count; p++) {
      Part part = parts[p];
      for (int t = 0; t < part.topCount; t++) {
        c = offer(topValue, topSlot, c, part.topValue[t], part.topSlot[t]);
      }
    }
    topCount = c;
  }

  /**
   * Positions per live slot up to which the rows part of a merge pass (average's and complete's {@code mergeRows})
   * runs over every position, dead ones included, instead of over the live slots. Measured (10,000 points, chain
   * phase, medians of 8 rounds alternated in one JVM): average linkage 0.52 s against 0.57 s on one thread, 0.375 s
   * against 0.396 s on two (a probe that set the value, not kept in the repository); complete linkage 0.35–0.48 s
   * (median 0.375 s) against 0.45–0.54 s (0.478 s) on two ({@code HierarchicalPhases phases 10000 COMPLETE 8 2},
   * five pairs of jars alternated).
   */
  static final int DENSE_ROWS = 2;

  /**
   * True when the live slots {@code live[start … to)}, at least one, fill at least 1/{@link #DENSE_ROWS} of the
   * positions they span: the rows part of a merge pass then runs over every position ({@code mergeRows}).
   */
  final boolean denseRows(int start, int to) {
    return start < to && (long) DENSE_ROWS * (to - start) >= live[to - 1] - live[start] + 1;
  }

  /**
   * Offers the values {@code r[o + k]} of the live positions k in {@code [j, e)} (one tile's run of a row) to
   * {@code p}, in ascending order: the offers of a merge pass's dense rows part ({@link #DENSE_ROWS}). Returns
   * the new threshold.
   */
  final double offerLive(Part p, double thr, float[] r, int o, int j, int e) {
    int[] size = this.size;
    for (int k = j; k < e; k++) {
      float v = r[o + k];
      if ((v < thr || p.open()) && size[k] > 0) {
        thr = p.offer(v, k);
      }
    }
    return thr;
  }

  /** Scratch of one part of a pass: its K+1 smallest (value, slot) pairs. */
  static final class Part {
    final double[] topValue = new double[K + 1];
    final int[] topSlot = new int[K + 1];
    int topCount;

    void start() {
      topCount = 0;
    }

    /** Offers (v, i) (ascending slots within a part); returns the new threshold for offers. */
    double offer(double v, int i) {
      topCount = CondensedNnChain.offer(topValue, topSlot, topCount, v, i);
      return topCount > K ? topValue[K] : Double.POSITIVE_INFINITY;
    }

    /** True while fewer than K+1 pairs are kept: every value is offered. */
    boolean open() {
      return topCount <= K;
    }
  }

  /**
   * The chain's helper threads. A pass is cut into one range per thread, of equal estimated cost
   * ({@link #COLUMN_WEIGHT}); the chain thread and the helpers claim ranges one at a time, so a helper that is not running (a loaded
   * machine) only leaves its share to the chain thread instead of holding it up. Helpers wait for a pass by
   * spinning for a while (passes follow each other within microseconds), then by parking. The result does not
   * depend on which thread runs which range.
   */
  private final class Team {
    final int[] from = new int[MAX_PARTS];
    final int[] to = new int[MAX_PARTS];
    final Helper[] helpers;
    /** Generation of the current pass in the high 32 bits, the next unclaimed range in the low 32. */
    final AtomicLong claim = new AtomicLong();
    /** Ranges of the current pass finished. */
    final AtomicInteger finished = new AtomicInteger();
    /** Generation of the current pass; a helper works when it sees a new one. */
    volatile int go;
    volatile boolean stop;
    volatile Throwable failure;
    int kind;
    int count;

    Team(int helperCount) {
      helpers = new Helper[helperCount];
      for (int h = 0; h < helperCount; h++) {
        helpers[h] = new Helper();
      }
    }

    /** Runs a pass of the given kind (chain thread); returns the number of parts. */
    int run(int kind) {
      int c = Math.min(Math.min(MAX_PARTS, helpers.length + 1), m / PART_SLOTS);
      int w = COLUMN_WEIGHT;
      int a = passTx;
      int b = kind == MERGE ? passTy : passTx;
      // the ranges cost the same: a slot below x costs w, between x and y (w + 1) / 2, above y 1 (in halves)
      long below = 2L * w * a;
      long upToY = below + (long) (w + 1) * (b - a);
      long total = upToY + 2L * (m - b);
      from[0] = 0;
      for (int p = 1; p < c; p++) {
        long target = total * p / c;
        int at;
        if (target <= below) {
          at = (int) (target / (2L * w));
        } else if (target <= upToY) {
          at = a + (int) ((target - below) / (w + 1));
        } else {
          at = b + (int) ((target - upToY) / 2);
        }
        at = Math.max(from[p - 1], Math.min(m, at));
        to[p - 1] = at;
        from[p] = at;
      }
      to[c - 1] = m;
      this.kind = kind;
      count = c;
      int g = go + 1;
      finished.set(0);
      claim.set((long) g << 32);
      go = g;
      for (Helper h : helpers) {
        wake(h);
      }
      drain(g);
      int spins = 0;
      while (finished.get() != c) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable f = failure;
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error err) {
        throw err;
      }
      return c;
    }

    /** Claims and runs ranges of pass g until none is left. */
    private void drain(int g) {
      while (true) {
        long v = claim.get();
        if ((int) (v >>> 32) != g) {
          return;
        }
        int p = (int) v;
        if (p >= count || !claim.compareAndSet(v, v + 1)) {
          if (p >= count) {
            return;
          }
          continue;
        }
        try {
          work(kind, p, from[p], to[p]);
        } catch (RuntimeException | Error e) {
          failure = e;
        } finally {
          finished.incrementAndGet();
        }
      }
    }

    private void wake(Helper h) {
      Thread t = h.thread;
      if (h.parked && t != null) {
        LockSupport.unpark(t);
      }
    }

    /** Ends the helpers' loops. */
    void stop() {
      stop = true;
      go = go + 1;
      for (Helper h : helpers) {
        wake(h);
      }
    }

    /** A helper's loop: ranges of every pass until {@link #stop}. */
    void serve(int index) {
      Helper h = helpers[index];
      h.thread = Thread.currentThread();
      int seen = 0;
      while (true) {
        int g;
        long idleSince = 0;
        int spins = 0;
        while ((g = go) == seen) {
          if ((++spins & 1023) != 0) {
            Thread.onSpinWait();
          } else if (idleSince == 0) {
            idleSince = System.nanoTime();
          } else if (System.nanoTime() - idleSince > SPIN_NANOS) {
            h.parked = true;
            if (go == seen && !stop) {
              LockSupport.park(this);
            }
            h.parked = false;
            idleSince = 0;
          }
        }
        seen = g;
        if (stop) {
          return;
        }
        drain(g);
      }
    }
  }

  /** Spins of the chain thread waiting for a helper's range before it yields. */
  static final int SPINS = 1 << 12;

  /** How long a helper spins for the next pass before it parks. */
  static final long SPIN_NANOS = 200_000;

  /** A helper's state, written by it and read by the chain thread. */
  static final class Helper {
    volatile boolean parked;
    volatile Thread thread;
  }

  /** Fills in the heights that {@link #height} left open. */
  abstract void finish(Merges out, Blocks blocks);

  /** Row x's nearest live neighbour: from its list when the list decides, else by a rescan. */
  final int nearest(int x) {
    int o = x * K;
    int len = listLength[x];
    double min = Double.POSITIVE_INFINITY;
    int arg = -1;
    int ties = 0;
    for (int t = 0; t < len; t++) {
      double v = listValue[o + t];
      int s = listSlot[o + t];
      if (arg < 0 || v < min) {
        min = v;
        arg = s;
        ties = 1;
      } else if (v == min) {
        ties++;
        if (logical[s] < logical[arg]) {
          arg = s;
        }
      }
    }
    if (arg < 0) {
      return rescan(x);
    }
    double r = reach(min);
    if (!(r < bound[x])) {
      return rescan(x);
    }
    if (r != min) {
      ties = 0;
      for (int t = 0; t < len; t++) {
        if (listValue[o + t] <= r) {
          ties++;
        }
      }
    }
    if (ties == 1) {
      return arg;
    }
    int[] tied = new int[ties];
    int c = 0;
    for (int t = 0; t < len; t++) {
      if (listValue[o + t] <= r) {
        tied[c++] = listSlot[o + t];
      }
    }
    return amongTies(x, tied, c);
  }

  /**
   * Row i after its value to the merged y became v (x merged into y): x leaves the list; y's value is updated, or y
   * joins the list when it is below the bound (evicting the largest entry into the bound when full).
   */
  final void relax(int i, int x, int y, double v) {
    int o = i * K;
    int len = listLength[i];
    int at = -1;
    for (int t = 0; t < len; ) {
      int s = listSlot[o + t];
      if (s == x) {
        len--;
        listSlot[o + t] = listSlot[o + len];
        listValue[o + t] = listValue[o + len];
      } else {
        if (s == y) {
          at = t;
        }
        t++;
      }
    }
    if (at >= 0) {
      listValue[o + at] = v;
    } else if (v < bound[i]) {
      if (len < K) {
        listSlot[o + len] = y;
        listValue[o + len] = v;
        len++;
        watch(y, i);
      } else {
        int worst = 0;
        for (int t = 1; t < K; t++) {
          if (listValue[o + t] > listValue[o + worst]) {
            worst = t;
          }
        }
        if (v < listValue[o + worst]) {
          bound[i] = listValue[o + worst];
          listSlot[o + worst] = y;
          listValue[o + worst] = v;
          watch(y, i);
        } else {
          bound[i] = v;
        }
      }
    }
    listLength[i] = len;
  }

  /** The count of the combined smallest pairs in {@link #topValue}, {@link #topSlot}. */
  private int topCount;

  /** Ends the scan of the merged row y: its list; then the rows that listed x or y. */
  final void endMerged(int x, int y) {
    setList(y, topValue, topSlot, topCount, true);
    relaxWatchers(x, y);
  }

  /** Ends a rescan of x: sets its list and returns its nearest (exact ties resolved by the subclass). */
  final int endScan(int x) {
    setList(x, topValue, topSlot, topCount, true);
    if (topCount == 0) {
      return -1;
    }
    double min = topValue[0];
    double r = reach(min);
    int ties = 1;
    while (ties < topCount && topValue[ties] <= r) {
      ties++;
    }
    if (ties == 1) {
      return topSlot[0];
    }
    return tiedMinimum(x, min, ties, topCount);
  }

  /** The slots of the combined smallest pairs (ascending values; read-only). */
  final int[] topSlotsOf() {
    return topSlot;
  }

  /**
   * Row x's smallest {@code count} stored values, the first {@code ties} of them within {@link #reach} of the
   * minimum {@code min} (ties ≥ 2): its nearest among all positions within reach (the lowest logical slot among
   * equal exact values).
   */
  abstract int tiedMinimum(int x, double min, int ties, int count);

  /** How {@link #run} found the merges: the chain in SciPy's order, from the start. */
  static final int SCIPY_ORDER = 0;
  /** How {@link #run} found the merges: complete linkage in spatial order, every merge strict, heights distinct. */
  static final int SPATIAL_ORDER = 1;
  /** How {@link #run} found the merges: a tie ended the run in spatial order, the chain ran again in SciPy's. */
  static final int SPATIAL_THEN_SCIPY = 2;

  /**
   * Complete linkage only: the chain starts at the lowest live position instead of SciPy's lowest live slot and
   * ends (returning null) at the first tie ({@link Complete}); set by {@link #fill}.
   */
  boolean spatialStart;
  /** Set by a search for a nearest neighbour that found two or more live slots at the exact minimum. */
  boolean tiedSearch;
  /** How the last {@link #run} went: {@link #SCIPY_ORDER}, {@link #SPATIAL_ORDER} or {@link #SPATIAL_THEN_SCIPY}. */
  int path;
  /** Merges made by a run in spatial order before it ended at a tie (0 when it did not end early). */
  int abandonedAfter;

  /**
   * Runs the chain (overwriting the matrix) and returns the merges: in the order found, or, when the chain ran in
   * spatial order ({@link #spatialStart}), merges that {@link Dendrogram#fromMerges} turns into the same dendrogram.
   */
  final Merges run(Blocks blocks) {
    Merges out = runChain(blocks);
    path = spatialStart ? SPATIAL_ORDER : SCIPY_ORDER;
    if (out == null) {
      // a tie: the matrix filled again and the chain run again in SciPy's order
      path = SPATIAL_THEN_SCIPY;
      ((Complete) this).restartInSciPyOrder(blocks);
      out = runChain(blocks);
    }
    finish(out, blocks);
    return out;
  }

  /** Runs {@link #chain} on the threads of {@code blocks}. */
  final Merges runChain(Blocks blocks) {
    int threads = blocks.threads();
    Merges out;
    if (threads <= 1) {
      out = chain();
    } else {
      Team t = new Team(threads - 1);
      team = t;
      Merges[] result = new Merges[1];
      Runnable[] work = new Runnable[threads];
      work[0] = () -> {
        try {
          result[0] = chain();
        } finally {
          t.stop();
        }
      };
      for (int h = 1; h < threads; h++) {
        int index = h;
        work[h] = () -> t.serve(index - 1);
      }
      try {
        Workers.runAll("linkage", work);
      } finally {
        team = null;
      }
      out = result[0];
    }
    return out;
  }

  /** The chain itself: the merges in the order found (heights NaN where {@link #finish} computes them). */
  private Merges chain() {
    Merges out = new Merges(n);
    int[] chain = new int[n];
    int len = 0;
    for (int step = 0; step < n - 1; step++) {
      if (len == 0) {
        if (spatialStart) {
          chain[len++] = live[0];
        } else {
          while (position[lowestLive] < 0) {
            lowestLive++;
          }
          chain[len++] = position[lowestLive];
        }
      }
      int x;
      int y;
      while (true) {
        // SciPy's search: the nearest live slot, the previous chain element when it ties with it
        x = chain[len - 1];
        int prev = len > 1 ? chain[len - 2] : -1;
        y = nearest(x);
        if (spatialStart && tiedSearch) {
          abandonedAfter = step;
          return null;
        }
        if (prev >= 0 && y != prev && mayTie(get(x, prev), get(x, y)) && tiesExactly(x, prev, y)) {
          y = prev;
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
      // x, y are positions, x < y: the merged cluster is stored at y and takes the higher logical slot
      int nx = size[x];
      int ny = size[y];
      int lo = Math.min(logical[x], logical[y]);
      int hi = Math.max(logical[x], logical[y]);
      if (spatialStart && !((Complete) this).heightIsNew(x, y, step)) {
        abandonedAfter = step;
        return null;
      }
      out.add(lo, hi, height(x, y));
      size[x] = 0;
      size[y] = nx + ny;
      merge(x, y, nx, ny);
      logical[y] = hi;
      position[hi] = y;
      position[lo] = -1;
      listLength[x] = 0;
      int at = Arrays.binarySearch(live, 0, m, x);
      System.arraycopy(live, at + 1, live, at, m - at - 1);
      m--;
      assert m > CHECKED_LIVE || listsHold();
    }
    return out;
  }

  /** With assertions on (the tests), the lists are checked after every merge that leaves at most this many live. */
  static final int CHECKED_LIVE = 300;

  /**
   * True when every live row's list holds live slots at their stored values and every other live slot's value is at
   * or above the row's bound (the invariant that {@link #nearest} relies on); an {@link AssertionError} naming the
   * row otherwise. O(m²): for assertions only.
   */
  final boolean listsHold() {
    for (int t = 0; t < m; t++) {
      int i = live[t];
      for (int u = 0; u < m; u++) {
        int j = live[u];
        if (j == i) {
          continue;
        }
        double v = get(i, j);
        if (lists(i, j)) {
          for (int c = 0; c < listLength[i]; c++) {
            if (listSlot[i * K + c] == j && listValue[i * K + c] != v) {
              throw new AssertionError("row " + i + " lists " + j + " at " + listValue[i * K + c] + ", not " + v);
            }
          }
        } else if (v < bound[i]) {
          throw new AssertionError("row " + i + ": " + j + " at " + v + " is below the bound " + bound[i]);
        }
      }
      for (int c = 0; c < listLength[i]; c++) {
        if (size[listSlot[i * K + c]] == 0) {
          throw new AssertionError("row " + i + " lists the merged-away " + listSlot[i * K + c]);
        }
      }
    }
    return true;
  }

  /**
   * Average linkage on {@code float}s: the matrix holds {@code (float) (D·2^e)} for the value D that SciPy's
   * recurrence (in {@code double}s) gives, computed by the same recurrence on the stored {@code float}s (in
   * {@code double} arithmetic, the weights |x|/|x ∪ y| and |y|/|x ∪ y| rounded once per merge, so that the pass
   * multiplies instead of dividing; the result rounded to {@code float}); 2^e scales the largest distance near
   * 2¹⁰⁰, so that no value overflows a {@code float}. Every step of the recurrence is a weighted mean of two
   * positive values, which does not enlarge their relative errors, and adds one rounding to {@code float} and at
   * most three to {@code double} (the weight, the product, the sum: within 2⁻⁴⁹ together): a
   * stored value of two clusters of tree heights a and b is within a factor (1 + 2⁻²⁴ + 2⁻⁴⁹)^(a+b+1) of
   * D·2^e, plus 2⁻¹¹⁹ for values in the subnormal range ({@link #reach}). Where two values may tie within that
   * bound, the decision takes the exact values D, replayed from the points ({@link Replay}); the heights are
   * replayed at the end, in parallel.
   *
   * <p>A row's bound survives a merge of two slots it does not list: both values are at or above the bound B (a
   * {@code float}), their computed mean is at least B·(1 − 3·2⁻⁵³), and rounding that to the nearest {@code float}
   * gives B or more (the {@code float} below B is at least B·2⁻²⁴ away; in the subnormal range, 2⁻¹⁴⁹). So only the
   * rows that list x or y (their watchers) can change after a merge.
   */
  static final class Average extends CondensedNnChain {
    final float[][] row;
    final double[] x;
    final int d;
    /** Stored value = (float) (D · scale), scale = 2^e. */
    final double scale;
    /** The merge tree so far, shared with {@link Replay}. */
    final Tree tree;
    /** Node of the cluster at each position (point p is node p, merge k is node n + k). */
    final int[] nodeOf;
    /** Largest tree height of a cluster so far, and the factor of {@link #reach} for it. */
    int maxHeight;
    double reachFactor;
    private final Replay replay;

    Average(double[] x, int[] order, int n, int d, Blocks blocks) {
      super(n);
      this.x = x;
      this.d = d;
      scale = Math.scalb(1.0, scaleExponent(x, n, d));
      row = floatRows(blocks);
      tree = new Tree(x, n, d);
      nodeOf = new int[n];
      for (int i = 0; i < n; i++) {
        nodeOf[i] = order[i];
      }
      reachFactor = reachFactor(0);
      replay = new Replay(tree, false);
    }

    /**
     * The exponent e of 2^e that brings an upper bound of every distance (the largest coordinate range times
     * √d) to [2¹⁰⁰, 2¹⁰¹): every scaled distance, and so every mean of them, is a finite {@code float}.
     */
    static int scaleExponent(double[] x, int n, int d) {
      double range = 0;
      for (int k = 0; k < d; k++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          lo = Math.min(lo, x[i * d + k]);
          hi = Math.max(hi, x[i * d + k]);
        }
        if (n > 0) {
          range = Math.max(range, hi - lo);
        }
      }
      double bound = range * Math.sqrt(d);
      if (bound == 0) {
        return 0;
      }
      int exponent = Double.isInfinite(bound) ? Double.MAX_EXPONENT + 1 : Math.getExponent(bound);
      return Math.max(-1000, Math.min(1000, 100 - exponent));
    }

    /** Per step of the recurrence, a stored value's relative error grows by a factor of at most 1 + STEP. */
    static final double STEP = 0x1p-24 + 0x1p-49;

    /** Absolute slack for values in the subnormal range of {@code float} (2⁻¹⁵⁰ per step, for 2³⁰ steps and more). */
    static final double TINY = 0x1p-100;

    /**
     * The factor between two stored values that may still hide equal exact values when every cluster has a tree
     * height of at most h: each value is within (1 + STEP)^(2h+1) of the exact one, so twice that, with slack for
     * the rounding of this factor and of the product with it.
     */
    static double reachFactor(int h) {
      return Math.pow(1 + STEP, 2.0 * (2 * h + 1)) * (1 + 0x1p-40);
    }

    @Override
    double reach(double min) {
      return min * reachFactor + TINY;
    }

    @Override
    boolean mayTie(double a, double b) {
      return a <= reach(b) && b <= reach(a);
    }

    @Override
    double stored(double exact) {
      return (float) (exact * scale);
    }

    @Override
    void store(int i, double[] tmp) {
      float[] r = row[i];
      int b = base[i];
      double sc = scale;
      // one tile at a time: inside a tile the columns are contiguous (a loop the JIT vectorizes)
      for (int j = i + 1; j < n; ) {
        int e = Math.min(n, (j | (TILE - 1)) + 1);
        int o = b + col(j) - j;
        for (; j < e; j++) {
          r[o + j] = (float) (Math.sqrt(tmp[j]) * sc);
        }
      }
    }

    @Override
    double get(int i, int j) {
      return i < j ? row[i][base[i] + col(j)] : row[j][base[j] + col(i)];
    }

    /** The exact value of slots a and b: SciPy's recurrence replayed from the points. */
    double exact(int a, int b) {
      return replay.value(nodeOf[a], nodeOf[b]);
    }

    @Override
    void scanRange(Part p, int from, int to) {
      int x = passX;
      int tx = passTx;
      double thr = Double.POSITIVE_INFINITY;
      int cx = col(x);
      for (int t = from, e = Math.min(to, tx); t < e; t++) {
        int i = live[t];
        double v = row[i][base[i] + cx];
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      float[] rx = row[x];
      int bx = base[x];
      for (int t = Math.max(from, tx + 1); t < to; t++) {
        int i = live[t];
        double v = rx[bx + col(i)];
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
    }

    @Override
    int tiedMinimum(int x, double min, int ties, int count) {
      if (ties < count || count <= K) {
        // the list holds every live slot whose value may tie with the minimum
        int[] slots = Arrays.copyOf(topSlotsOf(), ties);
        Arrays.sort(slots);
        return amongTies(x, slots, ties);
      }
      // more candidates than the list holds: every live slot within reach, in ascending order
      double r = reach(min);
      int arg = -1;
      double best = 0;
      for (int t = 0; t < m; t++) {
        int i = live[t];
        if (i != x && get(x, i) <= r) {
          double e = exact(x, i);
          if (arg < 0 || e < best || e == best && logical[i] < logical[arg]) {
            best = e;
            arg = i;
          }
        }
      }
      return arg;
    }

    @Override
    int amongTies(int x, int[] slots, int count) {
      int arg = slots[0];
      double best = exact(x, arg);
      for (int c = 1; c < count; c++) {
        double e = exact(x, slots[c]);
        if (e < best || e == best && logical[slots[c]] < logical[arg]) {
          best = e;
          arg = slots[c];
        }
      }
      return arg;
    }

    @Override
    boolean tiesExactly(int x, int p, int y) {
      return exact(x, p) == exact(x, y);
    }

    @Override
    double height(int x, int y) {
      return Double.NaN;
    }

    @Override
    void mergeRange(Part p, int from, int to) {
      int x = passX;
      int y = passY;
      double nx = passNx;
      double ny = passNy;
      int tx = passTx;
      int ty = passTy;
      double s = passNx + passNy;
      double wx = nx / s;
      double wy = ny / s;
      float[] rx = row[x];
      int bx = base[x];
      float[] ry = row[y];
      int by = base[y];
      int cx = col(x);
      int cy = col(y);
      double thr = Double.POSITIVE_INFINITY;
      // i < x: column x and column y; x < i < y: row x and column y; i > y: rows x and y
      for (int t = from, e = Math.min(to, tx); t < e; t++) {
        int i = live[t];
        float[] ri = row[i];
        int b = base[i];
        float v = (float) (wx * ri[b + cx] + wy * ri[b + cy]);
        ri[b + cy] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      for (int t = Math.max(from, tx + 1), e = Math.min(to, ty); t < e; t++) {
        int i = live[t];
        int ci = col(i);
        float[] ri = row[i];
        int b = base[i];
        float v = (float) (wx * rx[bx + ci] + wy * ri[b + cy]);
        ri[b + cy] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      int start = Math.max(from, ty + 1);
      if (denseRows(start, to)) {
        mergeRows(p, live[start], live[to - 1] + 1, thr, wx, wy, rx, bx, ry, by);
        return;
      }
      for (int t = start; t < to; t++) {
        int i = live[t];
        int ci = col(i);
        float v = (float) (wx * rx[bx + ci] + wy * ry[by + ci]);
        ry[by + ci] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
    }

    /**
     * The part of a merge pass above y, over the positions {@code [first, end)} (every one, dead or live): one loop
     * per tile over contiguous values of rows x and y (no index through the live slots), then the live slots' values offered
     * in ascending order, as the pass over the live slots offers them. A dead position's value in row y is
     * overwritten with a mean of two stale values; no live slot reads it again. The same stored values, offers and
     * lists as the loop over the live slots.
     */
    private void mergeRows(Part p, int first, int end, double thr, double wx, double wy, float[] rx, int bx,
        float[] ry, int by) {
      for (int j = first; j < end; ) {
        int e = Math.min(end, (j | (TILE - 1)) + 1);
        int ox = bx + col(j) - j;
        int oy = by + col(j) - j;
        for (int k = j; k < e; k++) {
          ry[oy + k] = (float) (wx * rx[ox + k] + wy * ry[oy + k]);
        }
        thr = offerLive(p, thr, ry, oy, j, e);
        j = e;
      }
    }

    @Override
    void merged(int x, int y) {
      // the lower logical slot's cluster on the left (SciPy's x)
      int v = logical[x] < logical[y] ? tree.join(nodeOf[x], nodeOf[y]) : tree.join(nodeOf[y], nodeOf[x]);
      nodeOf[y] = v;
      if (tree.height[v] > maxHeight) {
        maxHeight = tree.height[v];
        reachFactor = reachFactor(maxHeight);
      }
    }

    @Override
    void finish(Merges out, Blocks blocks) {
      double[] h = tree.heights(blocks);
      System.arraycopy(h, 0, out.height, 0, out.count);
    }
  }

  /**
   * The merge tree of average linkage: node v's children (the lower slot's cluster on the left), size, tree height,
   * and its subtree in post-order (children before parents), as a run of a linked list from {@code first[v]} to v.
   */
  static final class Tree {
    final double[] x;
    final int n;
    final int d;
    final int[] left;
    final int[] right;
    final int[] size;
    final int[] height;
    final int[] first;
    final int[] next;
    int nodes;

    Tree(double[] x, int n, int d) {
      this.x = x;
      this.n = n;
      this.d = d;
      int all = Math.max(1, 2 * n - 1);
      left = new int[all];
      right = new int[all];
      size = new int[all];
      height = new int[all];
      first = new int[all];
      next = new int[all];
      for (int i = 0; i < n; i++) {
        size[i] = 1;
        first[i] = i;
        next[i] = -1;
      }
      nodes = n;
    }

    /** Adds the node that joins a (the lower slot's cluster) and b; returns it. O(1). */
    int join(int a, int b) {
      int v = nodes++;
      left[v] = a;
      right[v] = b;
      size[v] = size[a] + size[b];
      height[v] = 1 + Math.max(height[a], height[b]);
      first[v] = first[a];
      next[a] = first[b];
      next[b] = v;
      next[v] = -1;
      return v;
    }

    /** Euclidean distance of points p and q, summed in coordinate order: the fill's value bit for bit. */
    double distance(int p, int q) {
      int pp = p * d;
      int qq = q * d;
      double s = 0;
      for (int k = 0; k < d; k++) {
        double t = x[pp + k] - x[qq + k];
        s += t * t;
      }
      return Math.sqrt(s);
    }

    /**
     * The finished tree laid out for {@link Replay#sweepFlat} (built by {@link #flatten}). Leaves are ranked left
     * to right (post-order), inner nodes numbered in post-order; a value slot {@code r} is leaf rank r when
     * r &lt; n, inner node r − n otherwise. {@code lowRank[v]}: rank of v's leftmost leaf (its leaves are ranks
     * [lowRank, lowRank + size)); {@code innerIndex[v]}: v's number among the inner nodes (its subtree's inner
     * nodes are [innerIndex − size + 2, innerIndex]); per inner node c: the value slots of its children and the
     * sizes of its left part, right part and its own, as doubles.
     */
    int[] lowRank;
    int[] innerIndex;
    int[] leafAt;
    int[] innerNode;
    int[] childLeft;
    int[] childRight;
    double[] sizeLeft;
    double[] sizeRight;
    double[] sizeAll;
    /** The points by coordinate, in leaf rank order. */
    double[][] cols;

    /** Lays the finished tree out for {@link Replay#sweepFlat}: O(n·d). */
    void flatten() {
      int all = nodes;
      int inner = all - n;
      lowRank = new int[all];
      innerIndex = new int[all];
      leafAt = new int[n];
      innerNode = new int[inner];
      childLeft = new int[inner];
      childRight = new int[inner];
      sizeLeft = new double[inner];
      sizeRight = new double[inner];
      sizeAll = new double[inner];
      cols = new double[d][n];
      int root = all - 1;
      int rank = 0;
      int c = 0;
      for (int v = first[root]; ; v = next[v]) {
        if (v < n) {
          lowRank[v] = rank;
          leafAt[rank] = v;
          for (int k = 0; k < d; k++) {
            cols[k][rank] = x[v * d + k];
          }
          rank++;
        } else {
          // post-order: both children are laid out already
          int l = left[v];
          int r = right[v];
          lowRank[v] = lowRank[l];
          innerIndex[v] = c;
          innerNode[c] = v;
          childLeft[c] = l < n ? lowRank[l] : n + innerIndex[l];
          childRight[c] = r < n ? lowRank[r] : n + innerIndex[r];
          sizeLeft[c] = size[l];
          sizeRight[c] = size[r];
          sizeAll[c] = size[v];
          c++;
        }
        if (v == root) {
          break;
        }
      }
    }

    /**
     * The exact height of every merge, replayed ({@link Replay}): O(n²·d) in all (every pair of points once, every
     * update of the chain once), merges claimed by the threads of {@code blocks} largest first.
     */
    double[] heights(Blocks blocks) {
      int rows = nodes - n;
      double[] h = new double[rows];
      if (rows == 0) {
        return h;
      }
      flatten();
      Integer[] order = new Integer[rows];
      for (int k = 0; k < rows; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Long.compare(
          (long) size[left[n + b]] * size[right[n + b]], (long) size[left[n + a]] * size[right[n + a]]));
      AtomicInteger claim = new AtomicInteger();
      blocks.forEach(() -> new Replay(this, true), (replay, b) -> {
        for (int c = claim.getAndIncrement(); c < rows; c = claim.getAndIncrement()) {
          int k = order[c];
          h[k] = replay.value(left[n + k], right[n + k]);
        }
      });
      return h;
    }
  }

  /**
   * SciPy's average-linkage value of two clusters, bit for bit, from the points: when the younger cluster Y was
   * made of L and R, the chain set the value of Y and the other cluster O to {@code (|L|·D(O, L) + |R|·D(O, R)) /
   * |Y|}, with the values D(O, L) and D(O, R) of that moment, which were set the same way when the younger of each
   * pair was made; down to two points, whose value is their distance. A point against a subtree is one walk over
   * the subtree in post-order; the rest recurses on an explicit stack (tree heights can reach n), splitting the
   * younger cluster, and on the finished tree stops at two clusters of at most {@link #DENSE_PAIRS} pairs, which
   * are replayed on the block of all their pairs ({@link #dense}). O(|A|·|B|·d) for clusters A and B.
   */
  static final class Replay {
    final Tree t;
    final double[] stack;
    final int[] frameOther;
    final int[] frameYounger;
    final double[] frameFirst;
    final boolean[] frameSecond;
    /**
     * With the finished tree's layout ({@link Tree#flatten}): values by slot (leaf ranks, then inner nodes); also
     * {@link #dense}'s scratch for a row of distances (by leaf rank).
     */
    final double[] values;
    final double[] point;
    /**
     * Scratch of {@link #dense}: the block of values by row (row i, of the smaller side, allocated when first used with
     * room for the {@link #DENSE_PAIRS}/(i + 1) columns that a block of more than i rows can have, and for no more than
     * n: 695 KiB at most), the inner nodes of both sides by age, the live rows and each row's place among them, each
     * point's column and each live column's point (the larger side has at most {@link #DENSE_PAIRS}/2 points: both
     * sides are inner nodes, of two points at least).
     */
    final double[][] block;
    final int[] order;
    final int[] liveRows;
    final int[] rowAt;
    final int[] colOf;
    final int[] colLeaf;

    Replay(Tree t, boolean flat) {
      this.t = t;
      stack = new double[t.n + 1];
      frameOther = new int[2 * t.n + 1];
      frameYounger = new int[2 * t.n + 1];
      frameFirst = new double[2 * t.n + 1];
      frameSecond = new boolean[2 * t.n + 1];
      values = flat ? new double[Math.max(1, 2 * t.n - 1)] : null;
      point = new double[t.d];
      block = flat ? new double[DENSE_SIDE][] : null;
      order = flat ? new int[Math.min(DENSE_PAIRS, t.n) + 1] : null;
      liveRows = flat ? new int[DENSE_SIDE] : null;
      rowAt = flat ? new int[DENSE_SIDE] : null;
      colOf = flat ? new int[Math.min(DENSE_PAIRS / 2, t.n)] : null;
      colLeaf = flat ? new int[Math.min(DENSE_PAIRS / 2, t.n)] : null;
    }

    /** The value of point p and the cluster of node q: q's subtree combined bottom-up. */
    double sweep(int p, int q) {
      int n = t.n;
      if (q < n) {
        return t.distance(p, q);
      }
      if (values != null) {
        return sweepFlat(p, q);
      }
      int[] next = t.next;
      int[] size = t.size;
      int[] left = t.left;
      int[] right = t.right;
      double[] st = stack;
      int sp = 0;
      for (int v = t.first[q]; ; v = next[v]) {
        if (v < n) {
          st[sp++] = t.distance(p, v);
        } else {
          double b = st[--sp];
          double a = st[sp - 1];
          st[sp - 1] = ((double) size[left[v]] * a + (double) size[right[v]] * b) / size[v];
        }
        if (v == q) {
          return st[0];
        }
      }
    }

    /** Leaves of a subtree from which {@link #sweepFlat} computes the distances in one vectorized pass. */
    static final int VECTOR_SWEEP = 24;

    /**
     * {@link #sweep} on the finished tree: the distances from p to q's leaves first (for large subtrees in one
     * vectorized pass over their ranks, the fill's kernel; every way gives the same bits), then q's inner nodes in
     * post-order, each from its children's value slots. The same operations on the same operands as the stack of
     * {@link #sweep}, so the same bits, but no branch per node and no chain of dependencies through a stack
     * pointer: the divisions of independent subtrees overlap.
     */
    private double sweepFlat(int p, int q) {
      int n = t.n;
      int lo = t.lowRank[q];
      int hi = lo + t.size[q];
      double[] val = values;
      if (hi - lo >= VECTOR_SWEEP) {
        System.arraycopy(t.x, p * t.d, point, 0, t.d);
        LinkageKernels.squaredDistances(t.cols, point, lo, hi, val);
        for (int j = lo; j < hi; j++) {
          val[j] = Math.sqrt(val[j]);
        }
      } else {
        int[] leafAt = t.leafAt;
        for (int j = lo; j < hi; j++) {
          val[j] = t.distance(p, leafAt[j]);
        }
      }
      int last = t.innerIndex[q];
      int[] cl = t.childLeft;
      int[] cr = t.childRight;
      double[] wl = t.sizeLeft;
      double[] wr = t.sizeRight;
      double[] ws = t.sizeAll;
      for (int c = last - (hi - lo) + 2; c <= last; c++) {
        val[n + c] = (wl[c] * val[cl[c]] + wr[c] * val[cr[c]]) / ws[c];
      }
      return val[n + last];
    }

    /**
     * Pairs of points up to which {@link #value} replays two clusters in one block ({@link #dense}): 128 KiB of
     * values, within a core's L2 cache. Larger blocks mean fewer and squarer calls, less recursion and less setup
     * and sorting per pair. Measured on the 10,000-point workload's heights (one thread, CPU time, two sizes
     * alternated in one JVM): 1,024 pairs take 1.3× the time of 4,096, 4,096 pairs 1.4× that of 16,384; 65,536
     * pairs 0.83× that of 16,384, but with blocks of up to 512 KiB and row arrays of up to 3.1 MiB per thread.
     */
    static final int DENSE_PAIRS = 16384;

    /** Points of the smaller side of {@link #dense} at most: √{@link #DENSE_PAIRS}. */
    static final int DENSE_SIDE = 128;

    /**
     * The value of the disjoint clusters of inner nodes a and b, replayed on the block of all their pairs of
     * points (finished tree only): the distances first, then the inner nodes of both sides oldest first, each
     * combining two rows (a's side, the smaller) or two columns (b's side) of the block as the chain combined them
     * when it made that node: {@code (|L|·D(·, L) + |R|·D(·, R)) / |L ∪ R|}. The recurrence's operations and
     * operands are those of {@link #sweep} and the recursion of {@link #value}, so the bits are the same.
     *
     * <p>Only live clusters are combined: a row combination runs over the live columns, a column combination over
     * the live rows (one per cluster of that side not yet merged into a younger one at that point of the chain):
     * the live columns are kept in a prefix of the rows (the column that a combination frees takes the last live
     * one), the live rows in a list. About |a|·|b| combinations in all, where whole rows and columns would be about
     * 2·|a|·|b| (measured on the 10,000-point workload's heights: 49 M against 90 M). Each row is an array of its
     * own, so that the distances (the fill's kernel) and the row combinations are loops over one index that the
     * JIT vectorizes. O(|a|·|b|·d).
     */
    private double dense(int a, int b) {
      if (t.size[a] > t.size[b]) {
        // the larger side along the rows (contiguous); the value does not depend on which side is which
        int s = a;
        a = b;
        b = s;
      }
      int sa = t.size[a];
      int sb = t.size[b];
      int loA = t.lowRank[a];
      int loB = t.lowRank[b];
      double[][] m = block;
      double[][] cols = t.cols;
      double[] q = point;
      double[] tmp = values;
      // the distances, each pair's squares summed in coordinate order, as the fill: row i is point loA + i, column j
      // point loB + j
      for (int i = 0; i < sa; i++) {
        if (m[i] == null) {
          // allocated when first used: the most columns a block of more than i rows can have
          m[i] = new double[Math.min(DENSE_PAIRS / (i + 1), t.n)];
        }
        for (int k = 0; k < q.length; k++) {
          q[k] = cols[k][loA + i];
        }
        LinkageKernels.squaredDistances(cols, q, loB, loB + sb, tmp);
        for (int j = loB; j < loB + sb; j++) {
          tmp[j] = Math.sqrt(tmp[j]);
        }
        System.arraycopy(tmp, loB, m[i], 0, sb);
      }
      // the inner nodes of both subtrees, oldest (lowest node) first: children before parents, and every node of
      // one side placed against the other side's as the chain made them
      int[] nodes = order;
      int c = 0;
      for (int k = t.innerIndex[a] - sa + 2; k <= t.innerIndex[a]; k++) {
        nodes[c++] = t.innerNode[k];
      }
      for (int k = t.innerIndex[b] - sb + 2; k <= t.innerIndex[b]; k++) {
        nodes[c++] = t.innerNode[k];
      }
      Arrays.sort(nodes, 0, c);
      // a cluster of a's side is the row of its leftmost point (row i: point loA + i); liveRows[0 … rows) lists the
      // live rows, rowAt[i] is row i's place there. A cluster of b's side is the column colOf[its leftmost point −
      // loB]; colLeaf names the point of each live column
      int[] liveRows = this.liveRows;
      int[] rowAt = this.rowAt;
      int[] colOf = this.colOf;
      int[] colLeaf = this.colLeaf;
      for (int i = 0; i < sa; i++) {
        liveRows[i] = i;
        rowAt[i] = i;
      }
      for (int j = 0; j < sb; j++) {
        colOf[j] = j;
        colLeaf[j] = j;
      }
      int rows = sa;
      int columns = sb;
      int[] left = t.left;
      int[] right = t.right;
      int[] size = t.size;
      int[] low = t.lowRank;
      for (int k = 0; k < c; k++) {
        int v = nodes[k];
        int l = left[v];
        int r = right[v];
        double wl = size[l];
        double wr = size[r];
        double ws = size[v];
        int rl = low[l];
        int rr = low[r];
        if (rl >= loA && rl < loA + sa) {
          // a's side: the row of l ← combination of the rows of l and r over the live columns; r's row dies
          double[] x = m[rl - loA];
          double[] z = m[rr - loA];
          for (int j = 0; j < columns; j++) {
            x[j] = (wl * x[j] + wr * z[j]) / ws;
          }
          int at = rowAt[rr - loA];
          int moved = liveRows[--rows];
          liveRows[at] = moved;
          rowAt[moved] = at;
        } else {
          // b's side: the column of l ← combination of the columns of l and r over the live rows; r's column
          // dies and takes the last live column
          int x = colOf[rl - loB];
          int z = colOf[rr - loB];
          int last = --columns;
          for (int e = 0; e < rows; e++) {
            double[] ri = m[liveRows[e]];
            ri[x] = (wl * ri[x] + wr * ri[z]) / ws;
            ri[z] = ri[last];
          }
          int leaf = colLeaf[last];
          colLeaf[z] = leaf;
          colOf[leaf] = z;
        }
      }
      // one live row (a's leftmost point's) and one live column (the first): the clusters a and b
      return m[0][0];
    }

    /** The value of the clusters of nodes a and b. */
    double value(int a, int b) {
      int n = t.n;
      int depth = 0;
      int o = a;
      int y = b;
      while (true) {
        double result;
        if (o < n || y < n) {
          result = o < n ? sweep(o, y) : sweep(y, o);
        } else if (block != null && (long) t.size[o] * t.size[y] <= DENSE_PAIRS) {
          result = dense(o, y);
        } else {
          // split the younger cluster (the higher node); its left part first
          int younger = Math.max(o, y);
          int other = Math.min(o, y);
          frameOther[depth] = other;
          frameYounger[depth] = younger;
          frameSecond[depth] = false;
          depth++;
          o = other;
          y = t.left[younger];
          continue;
        }
        // return the result to the frames above: a left part waits for its right part, a right part completes
        while (true) {
          if (depth == 0) {
            return result;
          }
          int f = depth - 1;
          int younger = frameYounger[f];
          if (!frameSecond[f]) {
            frameFirst[f] = result;
            frameSecond[f] = true;
            o = frameOther[f];
            y = t.right[younger];
            break;
          }
          result = ((double) t.size[t.left[younger]] * frameFirst[f] + (double) t.size[t.right[younger]] * result)
              / t.size[younger];
          depth--;
        }
      }
    }
  }

  /**
   * Complete linkage on {@code float}s: {@code (float) D} for every value D; exact values from the member points
   * where {@code float}s tie, exact heights at the end.
   *
   * <p><b>The chain in spatial order.</b> SciPy restarts an empty chain at the lowest live slot (input index);
   * with the points in spatial order those slots lie anywhere in the matrix, so the merges land at random positions
   * and the merge pass reads mostly columns of the triangle (one cache line per value). Restarted at the lowest live
   * <em>position</em> instead, the chain sweeps the triangle from its first rows, and a merge pass reads mostly
   * rows (16 values per cache line). On data without ties this builds SciPy's dendrogram, by the following argument;
   * at the first tie the run stops and the chain runs again in SciPy's order ({@link #restartInSciPyOrder}).
   *
   * <p><i>Claim.</i> Let R be a run of the chain, in any order, in which every merge (X, Z) was strict in the state
   * S (the live clusters) in which it was made: D(X, Z) &lt; D(X, W) and D(Z, X) &lt; D(Z, W) for every other W of
   * S, on exact values. Let T be R's tree. Then every nearest-neighbour chain R′ (SciPy's order and tie rules, or
   * any other) merges only pairs whose union is a node of T, hence builds T. <i>Proof.</i> Complete linkage is
   * monotone: A′ ⊆ A gives D(A′, B) ≤ D(A, B), since a maximum over fewer pairs is not larger. A chain merges X and
   * Y only when each is a nearest live cluster of the other. Suppose R′ merges X and Y with X ∪ Y not in T, the
   * first such merge. All clusters of R′ so far are nodes of T, so T's nodes being nested or disjoint, a node of T
   * is the union of the live clusters of R′ inside it unless a live cluster of R′ contains it. Let P = X ∪ Z be X's
   * parent in T, made by R from the strict pair (X, Z) in state S, whose clusters are nodes of T covering all points;
   * Y ≠ Z. No live cluster of R′ contains Z (it would contain P ⊇ X), so Z is the union of live clusters Z₁, …
   * of R′. Y, a node of T disjoint from X, is either a union of clusters of S or lies strictly inside one. (a) A
   * union: one of its clusters is some W ≠ Z (as Y ≠ Z), and D(X, Y) ≥ D(X, W) &gt; D(X, Z) ≥ D(X, Z₁): Y is not
   * X's nearest. (b) Strictly inside a cluster V of S (V ≠ X): Y's parent Q = Y ∪ U in T lies in V, so R made it
   * before S, from the strict pair (Y, U) in an earlier state S_Q, whose clusters cover X; take one, X₁ ⊆ X
   * (disjoint from V ⊇ Q). No live cluster of R′ contains U (it would contain Q ⊇ Y), so U is the union of live
   * clusters U₁, … of R′, and D(Y, X) ≥ D(Y, X₁) &gt; D(Y, U) ≥ D(Y, U₁): X is not Y's nearest. Both contradict
   * the merge. ∎
   *
   * <p>Each height is the complete-linkage distance of the node's two children, the same in every run. SciPy sorts
   * its merges stably by height and numbers the clusters in that order ({@link Dendrogram#fromMerges}); when all
   * heights differ, that order depends on T and the heights only, so the dendrogram is SciPy's bit for bit, for
   * any tie rule and any start. The argument needs exact values and fails for average linkage: Segmint reproduces
   * SciPy's rounded means, whose rounding depends on the order of the run, so average keeps SciPy's order.
   *
   * <p><i>What the run checks.</i> Every nearest-neighbour search of the run is strict (a unique {@code float}
   * minimum below the row's bound, or, where {@code float}s tie, a unique exact minimum; an exact tie sets
   * {@link #tiedSearch}). Both searches of a merged pair are among them, and strictness survives the merges made
   * between a search and the merge: a merge of other clusters A and B gives D(Z, A ∪ B) = max(D(Z, A), D(Z, B))
   * &gt; D(Z, X). Every height is new ({@link #heightIsNew}). The fill already sends data with ties to SciPy's
   * order ({@link #fillMatrix}: a point whose two nearest tie, or two pairs of mutually nearest points at one
   * distance, which every chain merges at that height), so integer scores and duplicated rows pay no second run.
   */
  static final class Complete extends CondensedNnChain {
    final float[][] row;
    final double[] x;
    final int d;
    /** Member lists: the points of the cluster at position s are head[s], next[head[s]], … (−1 ends). */
    final int[] head;
    final int[] tail;
    final int[] next;
    /** The point at each position (the spatial order), for a second run ({@link #restartInSciPyOrder}). */
    final int[] order;

    /** A chain on the points {@code x} at the positions {@code order}, its matrix allocated, not filled. */
    Complete(double[] x, int[] order, int n, int d, Blocks blocks) {
      super(n);
      this.x = x;
      this.d = d;
      this.order = order;
      row = floatRows(blocks);
      head = new int[n];
      tail = new int[n];
      next = new int[n];
      members();
    }

    /** Every position's member list: its point alone. */
    private void members() {
      for (int i = 0; i < n; i++) {
        head[i] = order[i];
        tail[i] = order[i];
        next[i] = -1;
      }
    }

    @Override
    double stored(double exact) {
      return (float) exact;
    }

    @Override
    void store(int i, double[] tmp) {
      float[] r = row[i];
      int b = base[i];
      for (int j = i + 1; j < n; ) {
        int e = Math.min(n, (j | (TILE - 1)) + 1);
        int o = b + col(j) - j;
        for (; j < e; j++) {
          r[o + j] = (float) Math.sqrt(tmp[j]);
        }
      }
    }

    @Override
    double get(int i, int j) {
      return i < j ? row[i][base[i] + col(j)] : row[j][base[j] + col(i)];
    }

    /** The complete-linkage distance of slots a and b: the largest distance between their points, exactly. */
    double exact(int a, int b) {
      return exact(head[a], size[a], head[b], size[b]);
    }

    /**
     * The largest distance between the {@code na} points of the member list from {@code ha} and the {@code nb}
     * from {@code hb}, exactly: O(na·nb·d). A run of a member list stays linked as it was when a merge joined it
     * to another (a merge only links a list's last point to the next list), so a past cluster is a run.
     */
    double exact(int ha, int na, int hb, int nb) {
      double best = 0;
      for (int p = ha, i = 0; i < na; p = next[p], i++) {
        int pp = p * d;
        for (int q = hb, j = 0; j < nb; q = next[q], j++) {
          int qq = q * d;
          double s = 0;
          for (int k = 0; k < d; k++) {
            double t = x[pp + k] - x[qq + k];
            s += t * t;
          }
          if (s > best) {
            best = s;
          }
        }
      }
      return Math.sqrt(best);
    }

    @Override
    void scanRange(Part p, int from, int to) {
      int x = passX;
      int tx = passTx;
      double thr = Double.POSITIVE_INFINITY;
      int cx = col(x);
      for (int t = from, e = Math.min(to, tx); t < e; t++) {
        int i = live[t];
        double v = row[i][base[i] + cx];
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      float[] rx = row[x];
      int bx = base[x];
      for (int t = Math.max(from, tx + 1); t < to; t++) {
        int i = live[t];
        double v = rx[bx + col(i)];
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
    }

    @Override
    int tiedMinimum(int x, double min, int ties, int count) {
      // every live slot whose float is the minimum, in ascending order: the exact smallest, lowest slot first
      int arg = -1;
      double best = 0;
      boolean tie = false;
      for (int t = 0; t < m; t++) {
        int i = live[t];
        if (i != x && get(x, i) == min) {
          double e = exact(x, i);
          tie = arg >= 0 && e == best || tie && !(e < best);
          if (arg < 0 || e < best || e == best && logical[i] < logical[arg]) {
            best = e;
            arg = i;
          }
        }
      }
      tiedSearch |= tie;
      return arg;
    }

    @Override
    int amongTies(int x, int[] slots, int count) {
      int arg = slots[0];
      double best = exact(x, arg);
      boolean tie = false;
      for (int c = 1; c < count; c++) {
        double e = exact(x, slots[c]);
        tie = e == best || tie && !(e < best);
        if (e < best || e == best && logical[slots[c]] < logical[arg]) {
          best = e;
          arg = slots[c];
        }
      }
      tiedSearch |= tie;
      return arg;
    }

    @Override
    boolean tiesExactly(int x, int p, int y) {
      return exact(x, p) == exact(x, y);
    }

    @Override
    double height(int x, int y) {
      return Double.NaN;
    }

    @Override
    void mergeRange(Part p, int from, int to) {
      int x = passX;
      int y = passY;
      int tx = passTx;
      int ty = passTy;
      float[] rx = row[x];
      int bx = base[x];
      float[] ry = row[y];
      int by = base[y];
      int cx = col(x);
      int cy = col(y);
      double thr = Double.POSITIVE_INFINITY;
      for (int t = from, e = Math.min(to, tx); t < e; t++) {
        int i = live[t];
        float[] ri = row[i];
        int b = base[i];
        float fx = ri[b + cx];
        float fy = ri[b + cy];
        float v = fx > fy ? fx : fy;
        ri[b + cy] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      for (int t = Math.max(from, tx + 1), e = Math.min(to, ty); t < e; t++) {
        int i = live[t];
        int ci = col(i);
        float[] ri = row[i];
        int b = base[i];
        float fx = rx[bx + ci];
        float fy = ri[b + cy];
        float v = fx > fy ? fx : fy;
        ri[b + cy] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
      int start = Math.max(from, ty + 1);
      if (denseRows(start, to)) {
        mergeRows(p, live[start], live[to - 1] + 1, thr, rx, bx, ry, by);
        return;
      }
      for (int t = start; t < to; t++) {
        int i = live[t];
        int ci = col(i);
        float fx = rx[bx + ci];
        float fy = ry[by + ci];
        float v = fx > fy ? fx : fy;
        ry[by + ci] = v;
        if (v < thr || p.open()) {
          thr = p.offer(v, i);
        }
      }
    }

    /**
     * The part of a merge pass above y over every position of {@code [first, end)}, dead ones included, as
     * {@link Average}'s: one loop per tile over contiguous values of rows x and y, then the live slots' values
     * offered in ascending order. A dead position's value in row y becomes the larger of two stale values; no live
     * slot reads it again. The same stored values, offers and lists as the loop over the live slots.
     */
    private void mergeRows(Part p, int first, int end, double thr, float[] rx, int bx, float[] ry, int by) {
      for (int j = first; j < end; ) {
        int e = Math.min(end, (j | (TILE - 1)) + 1);
        int ox = bx + col(j) - j;
        int oy = by + col(j) - j;
        for (int k = j; k < e; k++) {
          ry[oy + k] = Math.max(rx[ox + k], ry[oy + k]);
        }
        thr = offerLive(p, thr, ry, oy, j, e);
        j = e;
      }
    }

    @Override
    void merged(int x, int y) {
      // the members of x join y
      next[tail[y]] = head[x];
      tail[y] = tail[x];
      head[x] = -1;
    }

    /**
     * The merges of a run in spatial order so far, by the {@code float} of their heights: an open-addressing table
     * from the float's bits to the latest merge with that float ({@code heightSlot}: merge + 1, 0 when empty), the
     * earlier ones with the same float linked by {@code sameFloat}; per merge its two sides as runs of member lists
     * and, once computed, its exact height. Allocated by the first merge.
     */
    private int[] heightSlot;
    private int[] heightBits;
    private int[] sameFloat;
    private int[] sideHeadA;
    private int[] sideSizeA;
    private int[] sideHeadB;
    private int[] sideSizeB;
    private double[] exactHeight;

    /**
     * Records merge k of x and y (a run in spatial order) and returns false when its height equals that of an
     * earlier merge exactly. Equal exact heights have equal {@code float}s (rounding is monotone), so only merges
     * whose floats collide compare exact heights, each computed once ({@link #exact}): O(1) expected per merge
     * without collisions; with them, at most O(|A|·|B|·d) for merge k of A and B plus one comparison per earlier
     * merge with the same float.
     */
    boolean heightIsNew(int x, int y, int k) {
      if (heightSlot == null) {
        int rows = Math.max(1, n - 1);
        heightSlot = new int[Integer.highestOneBit(Math.max(1, 2 * rows - 1)) << 1];
        heightBits = new int[rows];
        sameFloat = new int[rows];
        sideHeadA = new int[rows];
        sideSizeA = new int[rows];
        sideHeadB = new int[rows];
        sideSizeB = new int[rows];
        exactHeight = new double[rows];
      }
      int bits = Float.floatToRawIntBits((float) get(x, y));
      heightBits[k] = bits;
      sideHeadA[k] = head[x];
      sideSizeA[k] = size[x];
      sideHeadB[k] = head[y];
      sideSizeB[k] = size[y];
      exactHeight[k] = Double.NaN;
      int mask = heightSlot.length - 1;
      int at = (bits * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(heightSlot.length));
      while (heightSlot[at] != 0 && heightBits[heightSlot[at] - 1] != bits) {
        at = (at + 1) & mask;
      }
      int latest = heightSlot[at] - 1;
      if (latest >= 0) {
        double e = exactHeight(k);
        for (int j = latest; j >= 0; j = sameFloat[j]) {
          if (exactHeight(j) == e) {
            return false;
          }
        }
      }
      sameFloat[k] = latest;
      heightSlot[at] = k + 1;
      return true;
    }

    /** The exact height of recorded merge k, computed at its first use. */
    private double exactHeight(int k) {
      if (Double.isNaN(exactHeight[k])) {
        exactHeight[k] = exact(sideHeadA[k], sideSizeA[k], sideHeadB[k], sideSizeB[k]);
      }
      return exactHeight[k];
    }

    /**
     * After a run in spatial order that ended at a tie: the state of a new chain in SciPy's order, with the matrix
     * filled again (the run overwrote part of it) in the same arrays and positions. O(n²·d) time, no new memory
     * beyond the fill's scratch; the records of the heights are released.
     */
    void restartInSciPyOrder(Blocks blocks) {
      spatialStart = false;
      heightSlot = null;
      heightBits = null;
      sameFloat = null;
      sideHeadA = null;
      sideSizeA = null;
      sideHeadB = null;
      sideSizeB = null;
      exactHeight = null;
      reset();
      members();
      fillMatrix(x, order, d, blocks, false);
    }

    @Override
    void finish(Merges out, Blocks blocks) {
      double[] h = exactHeights(out, x, n, d, blocks);
      System.arraycopy(h, 0, out.height, 0, out.count);
    }
  }

  /**
   * The exact complete-linkage height of every merge (slots in {@code out.a}, {@code out.b}, the merged cluster in
   * {@code out.b}): the largest distance between a point of one side and a point of the other. With the leaves in
   * tree order every cluster is a contiguous range, and the pairs (p, q), p &lt; q, of the merge whose sides p and q
   * are on are exactly q in the right-hand range of an ancestor of p whose left side holds p: one pass over the
   * n(n−1)/2 pairs, in parallel blocks of points, maxima combined atomically (order-independent).
   */
  static double[] exactHeights(Merges out, double[] x, int n, int d, Blocks blocks) {
    int rows = out.count;
    int nodes = n + rows;
    int[] nodeOf = new int[n];
    int[] left = new int[rows];
    int[] right = new int[rows];
    int[] parent = new int[nodes];
    int[] size = new int[nodes];
    int[] start = new int[nodes];
    for (int i = 0; i < n; i++) {
      nodeOf[i] = i;
      size[i] = 1;
    }
    parent[nodes - 1] = -1;
    for (int k = 0; k < rows; k++) {
      int l = nodeOf[out.a[k]];
      int r = nodeOf[out.b[k]];
      left[k] = l;
      right[k] = r;
      parent[l] = n + k;
      parent[r] = n + k;
      size[n + k] = size[l] + size[r];
      nodeOf[out.b[k]] = n + k;
    }
    for (int k = rows - 1; k >= 0; k--) {
      start[left[k]] = start[n + k];
      start[right[k]] = start[n + k] + size[left[k]];
    }
    int[] leafAt = new int[n];
    for (int i = 0; i < n; i++) {
      leafAt[start[i]] = i;
    }
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        cols[k][start[i]] = x[i * d + k];
      }
    }
    AtomicLongArray best = new AtomicLongArray(rows);
    blocks.forEach(b -> {
      double[] tmp = new double[n];
      double[] q = new double[d];
      for (int p = blocks.from(b); p < Math.min(blocks.to(b), n - 1); p++) {
        int leaf = leafAt[p];
        System.arraycopy(x, leaf * d, q, 0, d);
        LinkageKernels.squaredDistances(cols, q, p + 1, n, tmp);
        for (int c = leaf; parent[c] >= 0; c = parent[c]) {
          int v = parent[c];
          int k = v - n;
          if (left[k] != c) {
            continue;
          }
          double max = 0;
          for (int j = start[right[k]], e = start[v] + size[v]; j < e; j++) {
            if (tmp[j] > max) {
              max = tmp[j];
            }
          }
          // squared distances are ≥ +0, so their bits order as the values do
          long bits = Double.doubleToRawLongBits(max);
          long cur = best.get(k);
          while (bits > cur && !best.compareAndSet(k, cur, bits)) {
            cur = best.get(k);
          }
        }
      }
    });
    double[] h = new double[rows];
    for (int k = 0; k < rows; k++) {
      h[k] = Math.sqrt(Double.longBitsToDouble(best.get(k)));
    }
    return h;
  }
}
