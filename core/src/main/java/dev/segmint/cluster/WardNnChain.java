package dev.segmint.cluster;

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
 * the higher slot, and records the lower slot first. Clusters leave the working arrays by swapping with the
 * last live one, so every search reads only live clusters, contiguously, through {@link LinkageKernels}.
 *
 * <p>Searches again after a merge skip what cannot have changed. When the chain falls back to a cluster after a
 * merge (about a third of all searches), the costs from that cluster to every other are the ones of its last
 * search except for the clusters merged or moved since. Its last search left one lower bound per chunk of
 * {@value LinkageKernels#CHUNK} slots (the chunk's smallest cost); the new search computes the changed clusters'
 * costs, lowers their chunks' bounds to them, and recomputes, smallest bound first, only the chunks whose bound
 * does not exceed the smallest cost found so far. Every cost it compares is computed as the full search computes
 * it, bit for bit, and every chunk that could hold a cost equal to the minimum is recomputed, so it finds the same
 * cluster, ties included; on the workloads of docs/benchmarks.md it reads one or two chunks instead of all.
 * Memory: one bound per chunk for each of the lowest {@value #MEMO_DEPTH} chain positions (deeper ones search in
 * full).
 */
final class WardNnChain {
  /** Chain positions that keep their chunk bounds for the next search. */
  static final int MEMO_DEPTH = 1024;

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
   * As {@link #run(double[], int, int, double[])}; with {@code reuse} false every search reads all live clusters
   * (the tests compare the two).
   */
  static Merges run(double[] x, int n, int d, double[] weights, boolean reuse) {
    return new WardNnChain.State(x, n, d, weights, reuse).run();
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
    final boolean reuse;
    /** Per merge step: the slot that received the merged cluster, and the slot moved into the freed position. */
    final int[] changed;
    final int[] moved;
    /** Per chain position: its cluster's chunk lower bounds, their slot and step (−1: none). */
    final double[][] bounds;
    final int[] boundsSlot;
    final int[] boundsStep;
    /** Per chunk: the search whose exact costs {@link #costs} holds. */
    final int[] fresh;
    int m;
    int step;
    int search;
    double found;

    State(double[] x, int n, int d, double[] weights, boolean reuse) {
      this.n = n;
      this.d = d;
      cols = LinkageKernels.toColumns(x, n, d, n);
      size = new double[n];
      slot = new int[n];
      posOf = new int[n];
      for (int i = 0; i < n; i++) {
        size[i] = weights == null ? 1.0 : weights[i];
        slot[i] = i;
        posOf[i] = i;
      }
      costs = new double[n];
      chunkMin = new double[(n + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK];
      q = new double[d];
      this.reuse = reuse;
      changed = new int[n];
      moved = new int[n];
      int depth = Math.min(n, MEMO_DEPTH);
      bounds = new double[depth][];
      boundsSlot = new int[depth];
      boundsStep = new int[depth];
      java.util.Arrays.fill(boundsStep, -1);
      fresh = new int[chunkMin.length];
      m = n;
    }

    Merges run() {
      Merges out = new Merges(n);
      int[] chain = new int[n];
      int len = 0;
      int lowest = 0;
      for (step = 0; step < n - 1; step++) {
        if (len == 0) {
          while (posOf[lowest] < 0) {
            lowest++;
          }
          chain[len++] = lowest;
        }
        int xs;
        int ys;
        double cost;
        while (true) {
          xs = chain[len - 1];
          int prev = len > 1 ? chain[len - 2] : -1;
          ys = nearest(xs, prev, len - 1);
          cost = found;
          if (ys == prev) {
            break;
          }
          chain[len++] = ys;
        }
        len -= 2;
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
     * {@code prev}, then the lowest slot).
     */
    int nearest(int xs, int prev, int depth) {
      int px = posOf[xs];
      for (int k = 0; k < d; k++) {
        q[k] = cols[k][px];
      }
      int chunks = (m + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK;
      search++;
      double[] lb = null;
      if (reuse && depth < bounds.length) {
        lb = bounds[depth];
        if (lb == null) {
          lb = new double[chunkMin.length];
          bounds[depth] = lb;
        }
      }
      double min;
      if (lb != null && boundsSlot[depth] == xs && boundsStep[depth] >= 0
          && (step - boundsStep[depth]) * 8L < m) {
        min = searchChanged(xs, px, lb, boundsStep[depth], chunks);
      } else {
        LinkageKernels.wardCosts(cols, q, size[px], size, 0, m, costs, chunkMin);
        exclude(px);
        java.util.Arrays.fill(fresh, 0, chunks, search);
        min = LinkageKernels.min(chunkMin, 0, chunks);
        if (lb != null) {
          System.arraycopy(chunkMin, 0, lb, 0, chunks);
        }
      }
      if (lb != null) {
        boundsSlot[depth] = xs;
        boundsStep[depth] = step;
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
        for (int j = c * LinkageKernels.CHUNK, e = Math.min(m, j + LinkageKernels.CHUNK); j < e; j++) {
          if (costs[j] == min && slot[j] < best) {
            best = slot[j];
          }
        }
      }
      return best;
    }

    /**
     * The search of a cluster whose last search, at step {@code since}, left the chunk lower bounds {@code lb}:
     * the clusters merged or moved since get their exact costs and lower their chunks' bounds; then the chunks
     * whose bound is at most the smallest cost found so far are recomputed, smallest bound first, and their
     * bounds become exact. Returns the smallest cost; the recomputed chunks are marked {@link #fresh}.
     */
    double searchChanged(int xs, int px, double[] lb, int since, int chunks) {
      double sq = size[px];
      double ub = Double.POSITIVE_INFINITY;
      for (int st = since; st < step; st++) {
        for (int which = 0; which < 2; which++) {
          int c = which == 0 ? changed[st] : moved[st];
          if (c < 0 || c == xs || posOf[c] < 0) {
            continue;
          }
          int pc = posOf[c];
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
      }
      double min = Double.POSITIVE_INFINITY;
      while (true) {
        int next = -1;
        double low = Double.POSITIVE_INFINITY;
        for (int c = 0; c < chunks; c++) {
          if (fresh[c] != search && (next < 0 || lb[c] < low)) {
            next = c;
            low = lb[c];
          }
        }
        if (next < 0 || low > ub) {
          return min;
        }
        int from = next * LinkageKernels.CHUNK;
        LinkageKernels.wardCosts(cols, q, sq, size, from, Math.min(m, from + LinkageKernels.CHUNK), costs, chunkMin);
        if (px / LinkageKernels.CHUNK == next) {
          exclude(px);
        }
        fresh[next] = search;
        lb[next] = chunkMin[next];
        min = Math.min(min, chunkMin[next]);
        ub = Math.min(ub, min);
      }
    }

    /** Sets the query's own cost to +∞ and its chunk's minimum accordingly. */
    void exclude(int px) {
      costs[px] = Double.POSITIVE_INFINITY;
      int cx = px / LinkageKernels.CHUNK;
      chunkMin[cx] = LinkageKernels.min(costs, cx * LinkageKernels.CHUNK, Math.min(m, (cx + 1) * LinkageKernels.CHUNK));
    }

    /** Drops the chunk bounds of chain position {@code depth} (its cluster was merged). */
    void forget(int depth) {
      if (depth < boundsStep.length) {
        boundsStep[depth] = -1;
      }
    }

    /** Merges slot {@code a} into slot {@code b} (a &lt; b): weighted centroid and summed size go to b. */
    void merge(int a, int b) {
      int pa = posOf[a];
      int pb = posOf[b];
      double sa = size[pa];
      double sb = size[pb];
      double s = sa + sb;
      for (double[] c : cols) {
        c[pb] = (sa * c[pa] + sb * c[pb]) / s;
      }
      size[pb] = s;
      changed[step] = b;
      moved[step] = -1;
      m--;
      if (pa != m) {
        for (double[] c : cols) {
          c[pa] = c[m];
        }
        size[pa] = size[m];
        slot[pa] = slot[m];
        posOf[slot[pa]] = pa;
        moved[step] = slot[pa];
      }
      posOf[a] = -1;
    }
  }
}
