package dev.segmint.cluster;

import java.util.Arrays;

/**
 * Ward linkage through the nearest-neighbour chain on centroids and sizes: O(n²·d) time, O(n·d) memory, no
 * distance matrix (Murtagh 1983; Müllner 2011, section 3.2; fastcluster's {@code linkage_vector}).
 *
 * <p>The merge cost of clusters A and B is {@code |A||B|/(|A|+|B|) · ‖c_A − c_B‖²} (the increase of the
 * within-cluster sum of squares); the recorded height is SciPy's ward distance {@code √(2 · cost)}. Sizes may
 * be weights (micro-clusters of the two-stage path, or weighted customers): the cost is then the weighted
 * increase of the sum of squares.
 *
 * <p>The chain follows SciPy's {@code nn_chain} step for step: it starts at the lowest live slot, prefers the
 * previous chain element on ties and otherwise the lowest slot, merges the two mutual nearest neighbours into
 * the higher slot, and records the lower slot first. Slots (the points' indices) decide every tie; where a
 * cluster is kept (its position in the working arrays) does not.
 *
 * <p>Searches skip chunks that cannot hold the nearest cluster. The working arrays hold the clusters in a
 * spatial order (the leaves of a k-d tree, {@value LinkageKernels#CHUNK} to a chunk), and every chunk keeps a
 * bounding box of its centroids and its smallest size, which give a lower bound of the cost from any cluster to
 * the chunk's clusters. A search starts from an upper bound (the cost to the previous chain element, which the
 * chain knows) and computes, smallest lower bound first, only the chunks whose bound does not exceed the smallest
 * cost found so far; the costs it computes are the full scan's, bit for bit, and every chunk that could hold a cost
 * equal to the minimum is computed, so it finds the same cluster, ties included. When the chain falls back to a
 * cluster after a merge, its last search's per-chunk minima are lower bounds too (except for the clusters merged
 * since, whose costs are computed). A merged cluster's position is marked dead (its coordinates +∞, so its cost
 * is +∞); the live clusters are moved together, in order, when an eighth of the positions are dead.
 * Memory: O(n·d) for the points, O(n/512·d) for the boxes, one bound per chunk for each of the lowest
 * {@value #MEMO_DEPTH} chain positions.
 */
final class WardNnChain {
  /** Chain positions that keep their chunk bounds for the next search. */
  static final int MEMO_DEPTH = 1024;

  /** A box's lower bound is shrunk by this factor to stay below every cost rounded otherwise. */
  private static final double BOUND_MARGIN = 1 - 1e-9;

  private WardNnChain() {}

  /**
   * Runs on row-major points.
   *
   * @param weights one positive weight per point, or null for 1 each
   */
  static Merges run(double[] x, int n, int d, double[] weights) {
    return run(x, n, d, weights, true);
  }

  /**
   * As {@link #run(double[], int, int, double[])}; with {@code prune} false every search computes every live
   * cluster's cost (the tests compare the two).
   */
  static Merges run(double[] x, int n, int d, double[] weights, boolean prune) {
    return new WardNnChain.State(x, n, d, weights, prune).run();
  }

  private static final class State {
    final int n;
    final int d;
    final double[][] cols;
    final double[] size;
    final int[] slot;
    final int[] posOf;
    final double[] costs;
    final double[] chunkMin;
    final double[] q;
    final boolean prune;
    /** Per merge step: the slot that received the merged cluster. */
    final int[] changed;
    /**
     * Per chain position: its cluster's chunk lower bounds and the step of the search that left them (−1: none;
     * set back when the cluster leaves the position, so the bounds are always the current cluster's).
     */
    final double[][] bounds;
    final int[] boundsStep;
    /** Scratch lower bounds for chain positions without their own. */
    final double[] scratch;
    /** Per chunk: the search whose exact costs {@link #costs} holds. */
    final int[] fresh;
    /** Per chunk and coordinate: the bounding box of its live centroids; per chunk: its smallest size. */
    final double[] boxLo;
    final double[] boxHi;
    final double[] boxSize;
    /** Positions in use (live and dead), and live clusters. */
    int p;
    int live;
    int step;
    int search;
    double found;

    State(double[] x, int n, int d, double[] weights, boolean prune) {
      this.n = n;
      this.d = d;
      this.prune = prune;
      int[] order = prune
          ? CondensedNnChain.spatialOrder(x, n, d, LinkageKernels.CHUNK, LinkageKernels.CHUNK) : null;
      cols = new double[d][n];
      size = new double[n];
      slot = new int[n];
      posOf = new int[n];
      for (int r = 0; r < n; r++) {
        int i = order == null ? r : order[r];
        for (int k = 0; k < d; k++) {
          cols[k][r] = x[i * d + k];
        }
        size[r] = weights == null ? 1.0 : weights[i];
        slot[r] = i;
        posOf[i] = r;
      }
      costs = new double[n];
      int chunks = (n + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK;
      chunkMin = new double[chunks];
      q = new double[d];
      changed = new int[n];
      int depth = prune ? Math.min(n, MEMO_DEPTH) : 0;
      bounds = new double[depth][];
      boundsStep = new int[depth];
      Arrays.fill(boundsStep, -1);
      scratch = new double[chunks];
      fresh = new int[chunks];
      boxLo = new double[chunks * d];
      boxHi = new double[chunks * d];
      boxSize = new double[chunks];
      p = n;
      live = n;
      if (prune) {
        boxes();
      }
    }

    Merges run() {
      Merges out = new Merges(n);
      int[] chain = new int[n];
      double[] chainCost = new double[n];
      // per slot: its chain position + 1, or 0
      int[] inChain = new int[n];
      int len = 0;
      int lowest = 0;
      for (step = 0; step < n - 1; step++) {
        if (len == 0) {
          while (posOf[lowest] < 0) {
            lowest++;
          }
          inChain[lowest] = 1;
          chain[len++] = lowest;
        }
        int xs;
        int ys;
        double cost;
        while (true) {
          xs = chain[len - 1];
          int prev = len > 1 ? chain[len - 2] : -1;
          ys = nearest(xs, prev, len - 1, len > 1 ? chainCost[len - 1] : Double.POSITIVE_INFINITY);
          cost = found;
          if (ys == prev) {
            break;
          }
          int z = inChain[ys] - 1;
          if (z >= 0) {
            // a cycle: ys is deeper in the chain. In exact arithmetic a merged cluster is never nearer to a chain
            // element than that element's neighbour was (Ward's reducibility), but when clusters coincide up to
            // rounding, a merged centroid's rounding can make it so. The chain goes back to ys and searches from
            // there again, with the current costs (SciPy's loop would go on with a merged cluster in the chain).
            for (int u = z + 1; u < len; u++) {
              inChain[chain[u]] = 0;
              forget(u);
            }
            len = z + 1;
            continue;
          }
          chainCost[len] = cost;
          inChain[ys] = len + 1;
          chain[len++] = ys;
        }
        len -= 2;
        inChain[xs] = 0;
        inChain[ys] = 0;
        forget(len);
        forget(len + 1);
        int a = Math.min(xs, ys);
        int b = Math.max(xs, ys);
        out.add(a, b, Math.sqrt(2 * cost));
        merge(a, b);
      }
      return out;
    }

    /**
     * The live cluster nearest to slot {@code xs}, at chain position {@code depth}, by ward cost (ties:
     * {@code prev}, then the lowest slot); {@code prevCost} is the cost to {@code prev} (+∞ without one).
     */
    int nearest(int xs, int prev, int depth, double prevCost) {
      int px = posOf[xs];
      for (int k = 0; k < d; k++) {
        q[k] = cols[k][px];
      }
      int chunks = (p + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK;
      search++;
      double min;
      if (!prune) {
        LinkageKernels.wardCosts(cols, q, size[px], size, 0, p, costs, chunkMin);
        exclude(px);
        Arrays.fill(fresh, 0, chunks, search);
        min = LinkageKernels.min(chunkMin, 0, chunks);
      } else {
        double[] lb = scratch;
        boolean remembered = false;
        if (depth < bounds.length) {
          if (bounds[depth] == null) {
            bounds[depth] = new double[chunkMin.length];
          }
          lb = bounds[depth];
          remembered = boundsStep[depth] >= 0 && (step - boundsStep[depth]) * 8L < live;
        }
        double ub = prevCost;
        double sq = size[px];
        if (remembered) {
          ub = Math.min(ub, changedSince(xs, lb, boundsStep[depth]));
          for (int c = 0; c < chunks; c++) {
            lb[c] = Math.max(lb[c], boxBound(c, sq));
          }
        } else {
          for (int c = 0; c < chunks; c++) {
            lb[c] = boxBound(c, sq);
          }
        }
        min = scanChunks(px, lb, ub, chunks);
        if (min == Double.POSITIVE_INFINITY) {
          // no bound admitted a chunk (cannot happen while the bounds hold): compute them all
          Arrays.fill(lb, 0, chunks, Double.NEGATIVE_INFINITY);
          min = scanChunks(px, lb, Double.POSITIVE_INFINITY, chunks);
        }
        if (depth < bounds.length) {
          boundsStep[depth] = step;
        }
      }
      found = min;
      if (prev >= 0) {
        int pp = posOf[prev];
        if (fresh[pp / LinkageKernels.CHUNK] == search && costs[pp] == min) {
          return prev;
        }
      }
      int best = Integer.MAX_VALUE;
      for (int c = 0; c < chunks; c++) {
        if (fresh[c] != search || chunkMin[c] != min) {
          continue;
        }
        for (int j = c * LinkageKernels.CHUNK, e = Math.min(p, j + LinkageKernels.CHUNK); j < e; j++) {
          if (costs[j] == min && slot[j] < best) {
            best = slot[j];
          }
        }
      }
      return best;
    }

    /**
     * The exact costs of the clusters merged since step {@code since} (their chunks' bounds {@code lb} lowered to
     * them); returns the smallest.
     */
    double changedSince(int xs, double[] lb, int since) {
      double sq = size[posOf[xs]];
      double ub = Double.POSITIVE_INFINITY;
      for (int st = since; st < step; st++) {
        int c = changed[st];
        int pc = posOf[c];
        if (c == xs || pc < 0) {
          continue;
        }
        double dist = 0;
        for (int k = 0; k < d; k++) {
          double t = cols[k][pc] - q[k];
          dist += t * t;
        }
        double s = size[pc];
        double v = sq * s / (sq + s) * dist;
        int cc = pc / LinkageKernels.CHUNK;
        if (v < lb[cc]) {
          lb[cc] = v;
        }
        if (v < ub) {
          ub = v;
        }
      }
      return ub;
    }

    /**
     * Computes, smallest bound first, the chunks whose lower bound {@code lb} is at most the smallest cost found
     * so far (at first {@code ub}); their bounds become their minima. Returns the smallest cost; the computed
     * chunks are marked {@link #fresh}.
     */
    double scanChunks(int px, double[] lb, double ub, int chunks) {
      double sq = size[px];
      double min = Double.POSITIVE_INFINITY;
      while (true) {
        int next = -1;
        double low = Double.POSITIVE_INFINITY;
        for (int c = 0; c < chunks; c++) {
          if (fresh[c] != search && lb[c] != Double.POSITIVE_INFINITY && (next < 0 || lb[c] < low)) {
            next = c;
            low = lb[c];
          }
        }
        if (next < 0 || low > ub) {
          return min;
        }
        int from = next * LinkageKernels.CHUNK;
        LinkageKernels.wardCosts(cols, q, sq, size, from, Math.min(p, from + LinkageKernels.CHUNK), costs, chunkMin);
        if (px / LinkageKernels.CHUNK == next) {
          exclude(px);
        }
        fresh[next] = search;
        lb[next] = chunkMin[next];
        min = Math.min(min, chunkMin[next]);
        ub = Math.min(ub, min);
      }
    }

    /** A lower bound of the cost from the query (size {@code sq}, centroid {@link #q}) to chunk c's clusters. */
    double boxBound(int c, double sq) {
      double dist = 0;
      int base = c * d;
      for (int k = 0; k < d; k++) {
        double v = q[k];
        double lo = boxLo[base + k];
        double hi = boxHi[base + k];
        double g = v < lo ? lo - v : v > hi ? v - hi : 0;
        dist += g * g;
      }
      double s = boxSize[c];
      return sq * s / (sq + s) * dist * BOUND_MARGIN;
    }

    /** Sets the query's own cost to +∞ and its chunk's minimum accordingly. */
    void exclude(int px) {
      costs[px] = Double.POSITIVE_INFINITY;
      int cx = px / LinkageKernels.CHUNK;
      chunkMin[cx] = LinkageKernels.min(costs, cx * LinkageKernels.CHUNK, Math.min(p, (cx + 1) * LinkageKernels.CHUNK));
    }

    /** Drops the chunk bounds of chain position {@code depth} (its cluster was merged). */
    void forget(int depth) {
      if (depth < boundsStep.length) {
        boundsStep[depth] = -1;
      }
    }

    /** The bounding boxes and smallest sizes of the live clusters of every chunk in use (empty: +∞ bounds). */
    void boxes() {
      int chunks = (p + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK;
      Arrays.fill(boxLo, 0, chunks * d, Double.POSITIVE_INFINITY);
      Arrays.fill(boxHi, 0, chunks * d, Double.NEGATIVE_INFINITY);
      Arrays.fill(boxSize, 0, chunks, Double.POSITIVE_INFINITY);
      for (int r = 0; r < p; r++) {
        if (posOf[slot[r]] == r) {
          widen(r);
          int c = r / LinkageKernels.CHUNK;
          boxSize[c] = Math.min(boxSize[c], size[r]);
        }
      }
    }

    /** Widens the box of position r's chunk to hold its centroid. */
    void widen(int r) {
      int base = r / LinkageKernels.CHUNK * d;
      for (int k = 0; k < d; k++) {
        double v = cols[k][r];
        boxLo[base + k] = Math.min(boxLo[base + k], v);
        boxHi[base + k] = Math.max(boxHi[base + k], v);
      }
    }

    /**
     * Merges slot {@code a} into slot {@code b} (a &lt; b): weighted centroid and summed size go to b; a's
     * position is marked dead.
     */
    void merge(int a, int b) {
      int pa = posOf[a];
      int pb = posOf[b];
      double sa = size[pa];
      double sb = size[pb];
      double s = sa + sb;
      for (double[] c : cols) {
        c[pb] = (sa * c[pa] + sb * c[pb]) / s;
        c[pa] = Double.POSITIVE_INFINITY;
      }
      size[pb] = s;
      changed[step] = b;
      posOf[a] = -1;
      live--;
      if (!prune) {
        return;
      }
      widen(pb);
      if ((p - live) * 8L > p && p > LinkageKernels.CHUNK) {
        compact();
      }
    }

    /** Moves the live clusters together, in order; recomputes the boxes; drops every chain position's bounds. */
    void compact() {
      int w = 0;
      for (int r = 0; r < p; r++) {
        int sl = slot[r];
        if (posOf[sl] != r) {
          continue;
        }
        if (w != r) {
          for (double[] c : cols) {
            c[w] = c[r];
          }
          size[w] = size[r];
          slot[w] = sl;
          posOf[sl] = w;
        }
        w++;
      }
      p = w;
      boxes();
      Arrays.fill(boundsStep, -1);
    }
  }
}
