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
 */
final class WardNnChain {
  private WardNnChain() {}

  /**
   * Runs on row-major points.
   *
   * @param weights one positive weight per point, or null for 1 each
   */
  static Merges run(double[] x, int n, int d, double[] weights) {
    return new WardNnChain.State(x, n, d, weights).run();
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
    int m;
    double found;

    State(double[] x, int n, int d, double[] weights) {
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
      m = n;
    }

    Merges run() {
      Merges out = new Merges(n);
      int[] chain = new int[n];
      int len = 0;
      int lowest = 0;
      for (int step = 0; step < n - 1; step++) {
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
          ys = nearest(xs, prev);
          cost = found;
          if (ys == prev) {
            break;
          }
          chain[len++] = ys;
        }
        len -= 2;
        int a = Math.min(xs, ys);
        int b = Math.max(xs, ys);
        out.add(a, b, Math.sqrt(2 * cost));
        merge(a, b);
      }
      return out;
    }

    /** The live cluster nearest to slot {@code xs} by ward cost (ties: {@code prev}, then the lowest slot). */
    int nearest(int xs, int prev) {
      int px = posOf[xs];
      for (int k = 0; k < d; k++) {
        q[k] = cols[k][px];
      }
      LinkageKernels.wardCosts(cols, q, size[px], size, m, costs, chunkMin);
      costs[px] = Double.POSITIVE_INFINITY;
      int cx = px / LinkageKernels.CHUNK;
      chunkMin[cx] = LinkageKernels.min(costs, cx * LinkageKernels.CHUNK, Math.min(m, (cx + 1) * LinkageKernels.CHUNK));
      int chunks = (m + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK;
      double min = LinkageKernels.min(chunkMin, 0, chunks);
      found = min;
      if (prev >= 0 && costs[posOf[prev]] == min) {
        return prev;
      }
      int best = Integer.MAX_VALUE;
      for (int c = 0; c < chunks; c++) {
        if (chunkMin[c] != min) {
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
      m--;
      if (pa != m) {
        for (double[] c : cols) {
          c[pa] = c[m];
        }
        size[pa] = size[m];
        slot[pa] = slot[m];
        posOf[slot[pa]] = pa;
      }
      posOf[a] = -1;
    }
  }
}
