package dev.segmint.cluster;

/**
 * The layout of average linkage's matrix: the points in the order in which SciPy's chain is predicted to merge them
 * first, from a cheap rehearsal of that chain on a sparse graph. Only the speed depends on it: the chain's decisions
 * are taken on logical slots ({@link CondensedNnChain#logical}), so the merges and heights are SciPy's in any layout.
 *
 * <p><b>Why.</b> A merge of the clusters at positions x &lt; y reads, for every live slot k below x, the column
 * values (k, x) and (k, y) (a cache line each), and above y the row values (16 to a cache line). SciPy's chain
 * restarts at the lowest live <em>input index</em> and walks from nearest neighbour to nearest neighbour, so in a
 * spatial layout its merges land at random positions. With the rows in the order of first merges, the merges move
 * along the positions: below a merge lie the clusters made so far (few, each having absorbed others), above it the
 * points not yet touched, read as rows, and consecutive merges share the column lines they read. Measured on
 * 10,000 Gaussian points in 8 dimensions (average linkage, 2 threads, chain phase, alternated in one JVM on a
 * 2-vCPU AMD EPYC, with probes not kept in the repository): the spatial order 0.45–0.54 s, the order of the
 * chain's true first merges (known only after a run) 0.24–0.29 s, this rehearsal's order 0.28–0.31 s with a missing
 * value taken as the side's largest known one, 0.02 s less with the estimate below (on uniform points 0.05 s less,
 * on skewed RFM-like points 0.09 s less).
 *
 * <p><b>The rehearsal.</b> Each point's {@link #NEIGHBOURS} nearest neighbours (from the first pass of the fill,
 * which finds them for the chain's short lists anyway), made symmetric, are the only values a cluster knows, at most
 * {@link #CAP} of them (the smallest). The chain runs as SciPy's: it starts at the lowest live index, extends to the
 * tip's nearest known cluster (the previous chain element on a tie with it, otherwise the lowest index), and merges
 * two mutual nearest, the merged cluster taking the higher index; a merge gives each known neighbour the
 * size-weighted mean of its values to the two clusters, where a value missing on one side is estimated as the root
 * mean square distance of the two clusters' points (from each cluster's size, sum and sum of squared norms). A
 * cluster that knows no other (a finished component of the graph) leaves the chain. The
 * order lists the points by their first merge, then the points never merged in input order.
 *
 * <p>O(n·{@link #CAP}·(CAP + d)) time at worst (about 0.03 s at 10,000 points in 8 dimensions), one thread,
 * deterministic;
 * {@link #bytesPerPoint} bytes per point, released before the matrix is allocated.
 */
final class ChainOrder {

  private ChainOrder() {}

  /** Nearest neighbours found per point. */
  static final int NEIGHBOURS = 8;

  /**
   * Known neighbours per cluster at most. Measured as above (with the largest known value for a missing one): 8
   * neighbours without a cap, 16 without a cap and 8 with a cap of 64 gave chains within each other's noise
   * (0.28–0.31 s); a cap of 32 0.35–0.36 s.
   */
  static final int CAP = 64;

  /**
   * Dimensions up to which average linkage uses this order: its fill computes half of the distances twice
   * ({@link CondensedNnChain#fillInChainOrder}), a cost that grows with d while the chain's gain does not.
   */
  static final int MAX_DIMENSIONS = 32;

  /**
   * Bytes per point of {@link #of}'s transient state in d dimensions: the lists, the rehearsal's chain, scratch and
   * order, each cluster's sum and sum of squares.
   */
  static long bytesPerPoint(int d) {
    // slots and values; size, placed, done, chain, stamp, toLo, toHi, length, order; squares and sums
    return CAP * (4L + 4) + 4 + 1 + 1 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + 8L * d;
  }

  /**
   * The positions of the points: {@code order[p]} is the point at row p. Point i's nearest are
   * {@code nearPoint[i·w …]}, {@code count[i]} of them, ascending, with their squared distances {@code nearSquare};
   * the first {@link #NEIGHBOURS} of them are used.
   */
  static int[] of(double[] x, int n, int d, int[] nearPoint, double[] nearSquare, int[] count, int w) {
    int[] slot = new int[n * CAP];
    float[] value = new float[n * CAP];
    int[] length = new int[n];
    for (int i = 0; i < n; i++) {
      for (int c = 0, e = Math.min(count[i], NEIGHBOURS); c < e; c++) {
        int j = nearPoint[i * w + c];
        if (!contains(slot, length, i, j)) {
          link(slot, value, length, i, j, (float) Math.sqrt(nearSquare[i * w + c]));
        }
      }
    }
    return rehearse(x, n, d, slot, value, length);
  }

  private static boolean contains(int[] slot, int[] length, int i, int j) {
    for (int t = i * CAP, e = t + length[i]; t < e; t++) {
      if (slot[t] == j) {
        return true;
      }
    }
    return false;
  }

  /** Adds the edge (i, j) at value v to both lists; where a list is full, the edge replaces its largest if smaller. */
  private static void link(int[] slot, float[] value, int[] length, int i, int j, float v) {
    if (!makeRoom(slot, value, length, i, v) || !makeRoom(slot, value, length, j, v)) {
      return;
    }
    append(slot, value, length, i, j, v);
    append(slot, value, length, j, i, v);
  }

  /** True when list i has room for a value v, evicting (both ways) its largest value if full and larger than v. */
  private static boolean makeRoom(int[] slot, float[] value, int[] length, int i, float v) {
    if (length[i] < CAP) {
      return true;
    }
    int o = i * CAP;
    int worst = o;
    for (int t = o + 1; t < o + CAP; t++) {
      if (value[t] > value[worst]) {
        worst = t;
      }
    }
    if (!(v < value[worst])) {
      return false;
    }
    int k = slot[worst];
    relink(slot, value, length, i, k, k, Float.NaN);
    relink(slot, value, length, k, i, i, Float.NaN);
    return true;
  }

  private static void append(int[] slot, float[] value, int[] length, int i, int j, float v) {
    int t = i * CAP + length[i]++;
    slot[t] = j;
    value[t] = v;
  }

  /**
   * In one pass over list k: the first entry of lo or hi becomes (hi, v), any other leaves; with v NaN all leave
   * (lo = hi = j: removes j).
   */
  private static void relink(int[] slot, float[] value, int[] length, int k, int lo, int hi, float v) {
    int o = k * CAP;
    int e = o + length[k];
    boolean placed = Float.isNaN(v);
    for (int t = o; t < e; ) {
      int s = slot[t];
      if (s != lo && s != hi) {
        t++;
      } else if (!placed) {
        slot[t] = hi;
        value[t] = v;
        placed = true;
        t++;
      } else {
        e--;
        slot[t] = slot[e];
        value[t] = value[e];
      }
    }
    length[k] = e - o;
    if (!placed) {
      append(slot, value, length, k, hi, v);
    }
  }

  /** SciPy's chain on the lists; returns the points by first merge, then the rest in input order. */
  private static int[] rehearse(double[] points, int n, int d, int[] slot, float[] value, int[] length) {
    int[] size = new int[n];
    // each cluster's sum of points and sum of squared norms, for the values a merge does not know (rms)
    double[] sum = points.clone();
    double[] squares = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 0;
      for (int k = 0; k < d; k++) {
        t += points[i * d + k] * points[i * d + k];
      }
      squares[i] = t;
    }
    // the points in the order of their first merge; placed[i] once point i is in it
    int[] order = new int[n];
    boolean[] placed = new boolean[n];
    int p = 0;
    for (int i = 0; i < n; i++) {
      size[i] = 1;
    }
    boolean[] done = new boolean[n];
    int[] chain = new int[n];
    int len = 0;
    int lowest = 0;
    int merges = 0;
    // scratch of a merge: each neighbour's value to lo, to hi (NaN: unknown), stamped by merge
    int[] stamp = new int[n];
    float[] toLo = new float[n];
    float[] toHi = new float[n];
    int[] union = new int[2 * CAP];
    double[] combined = new double[2 * CAP];
    while (true) {
      if (len == 0) {
        while (lowest < n && (size[lowest] == 0 || done[lowest])) {
          lowest++;
        }
        if (lowest == n) {
          break;
        }
        chain[len++] = lowest;
      }
      int x = chain[len - 1];
      int prev = len > 1 ? chain[len - 2] : -1;
      int o = x * CAP;
      int y = -1;
      float min = Float.POSITIVE_INFINITY;
      float toPrev = Float.NaN;
      for (int t = o, e = o + length[x]; t < e; t++) {
        int s = slot[t];
        float v = value[t];
        if (v < min || v == min && s < y) {
          min = v;
          y = s;
        }
        if (s == prev) {
          toPrev = v;
        }
      }
      if (y < 0) {
        // knows no other cluster: its component is finished
        done[x] = true;
        len--;
        continue;
      }
      if (prev >= 0 && toPrev == min) {
        y = prev;
      }
      if (y != prev) {
        chain[len++] = y;
        continue;
      }
      len -= 2;
      int lo = Math.min(x, y);
      int hi = Math.max(x, y);
      if (!placed[lo]) {
        placed[lo] = true;
        order[p++] = lo;
      }
      if (!placed[hi]) {
        placed[hi] = true;
        order[p++] = hi;
      }
      merges++;
      int count = join(lo, hi, size, slot, value, length, stamp, merges, toLo, toHi, union, combined, sum, squares, d);
      // the CAP smallest stay; the others forget lo and hi
      if (count > CAP) {
        // the CAP smallest by (value, slot) to the front
        CondensedNnChain.select(combined, union, 0, count, CAP - 1);
        for (int c = CAP; c < count; c++) {
          relink(slot, value, length, union[c], lo, hi, Float.NaN);
        }
        count = CAP;
      }
      for (int c = 0; c < count; c++) {
        relink(slot, value, length, union[c], lo, hi, (float) combined[c]);
      }
      length[lo] = 0;
      int oh = hi * CAP;
      for (int c = 0; c < count; c++) {
        slot[oh + c] = union[c];
        value[oh + c] = (float) combined[c];
      }
      length[hi] = count;
      size[hi] += size[lo];
      size[lo] = 0;
      for (int k = 0; k < d; k++) {
        sum[hi * d + k] += sum[lo * d + k];
      }
      squares[hi] += squares[lo];
    }
    for (int i = 0; i < n; i++) {
      if (!placed[i]) {
        order[p++] = i;
      }
    }
    return order;
  }

  /**
   * The known neighbours of the merge of lo and hi (neither of them) into {@code union[0 … count)}, each with the
   * size-weighted mean of its values to lo and hi, a missing one estimated by {@link #rms}; returns count.
   */
  private static int join(int lo, int hi, int[] size, int[] slot, float[] value, int[] length, int[] stamp, int mark,
      float[] toLo, float[] toHi, int[] union, double[] combined, double[] sum, double[] squares, int d) {
    int count = 0;
    for (int side = 0; side < 2; side++) {
      int c = side == 0 ? lo : hi;
      float[] to = side == 0 ? toLo : toHi;
      for (int t = c * CAP, e = t + length[c]; t < e; t++) {
        int k = slot[t];
        if (k == lo || k == hi) {
          continue;
        }
        if (stamp[k] != mark) {
          stamp[k] = mark;
          toLo[k] = Float.NaN;
          toHi[k] = Float.NaN;
          union[count++] = k;
        }
        to[k] = value[t];
      }
    }
    double wl = size[lo];
    double wh = size[hi];
    double all = wl + wh;
    for (int c = 0; c < count; c++) {
      int k = union[c];
      double a = Float.isNaN(toLo[k]) ? rms(k, lo, size, sum, squares, d) : toLo[k];
      double b = Float.isNaN(toHi[k]) ? rms(k, hi, size, sum, squares, d) : toHi[k];
      combined[c] = (float) ((wl * a + wh * b) / all);  // as the lists keep it
    }
    return count;
  }

  /**
   * The root mean square distance between the points of clusters a and b, from their sizes, sums and sums of
   * squared norms: √(Σ‖p‖²/|a| + Σ‖q‖²/|b| − 2·(Σp)·(Σq)/(|a|·|b|)), at least the mean distance that average
   * linkage uses, and close to it for compact clusters. O(d).
   */
  static double rms(int a, int b, int[] size, double[] sum, double[] squares, int d) {
    double na = size[a];
    double nb = size[b];
    double dot = 0;
    for (int k = 0; k < d; k++) {
      dot += sum[a * d + k] * sum[b * d + k];
    }
    return Math.sqrt(Math.max(0, squares[a] / na + squares[b] / nb - 2 * dot / (na * nb)));
  }
}
