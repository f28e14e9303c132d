package dev.segmint.cluster;

/**
 * The distance work of hierarchical clustering (Prim's single linkage, Ward's and the condensed nearest-neighbour
 * chains, the micro-clusters of the two-stage path).
 *
 * <p>Points are stored by column ("structure of arrays"): coordinate {@code k} of the point in slot {@code j} is
 * {@code cols[k][j]}. The loops run over slots innermost, which the JIT compiles to SIMD instructions,
 * while each value is still summed over coordinates in order {@code k = 0, 1, …, d−1}: every squared distance is
 * bit for bit the one a plain row-major loop (and SciPy's {@code pdist}) computes, whatever the vector width.
 *
 * <p>Why not {@code kernel.Distances}: the linkages compare costs with {@code ==} to break exact ties as SciPy does
 * ({@code HierarchicalReferenceTest.exactTiesAreBrokenAsSciPyDoes}), which needs those exact bits, not the Panama
 * kernels' fused multiply-add rounding; and each search is fused with its update — {@link #relax} keeps Prim's
 * running minimum and {@link #wardCosts} the Ward cost, both with per-chunk minima, over columns that the merges
 * rewrite in place (a merged centroid, a dead slot swapped with the last live one), where the kernels read
 * immutable rows or {@code PackedPoints}.
 */
final class LinkageKernels {
  private LinkageKernels() {}

  /** Slots per chunk: keeps the accumulators of a chunk in the L1 cache while the coordinates stream by. */
  static final int CHUNK = 512;

  /** Copies row-major points ({@code n × d}) into one array per coordinate, each of length {@code length ≥ n}. */
  static double[][] toColumns(double[] x, int n, int d, int length) {
    double[][] cols = new double[d][length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        cols[k][i] = x[i * d + k];
      }
    }
    return cols;
  }

  /**
   * {@code out[j] = Σ_k (cols[k][j] − q[k])²} for {@code j} in {@code [from, to)}, summed in coordinate order.
   */
  static void squaredDistances(double[][] cols, double[] q, int from, int to, double[] out) {
    for (int c = from; c < to; c += CHUNK) {
      int e = Math.min(to, c + CHUNK);
      partial(cols, q, c, e, out, cols.length);
    }
  }

  /**
   * Prim's relaxation: {@code best[j] = min(best[j], ‖point j − q‖²)} for {@code j} in {@code [0, to)}, using
   * {@code tmp} as scratch. Writes the smallest {@code best[j]} of chunk {@code c} ({@code [c·CHUNK, (c+1)·CHUNK)})
   * to {@code chunkMin[c]} and returns the smallest overall.
   */
  static double relax(double[][] cols, double[] q, int to, double[] tmp, double[] best, double[] chunkMin) {
    double min = Double.POSITIVE_INFINITY;
    for (int c = 0; c < to; c += CHUNK) {
      int e = Math.min(to, c + CHUNK);
      partial(cols, q, c, e, tmp, cols.length);
      double cm = Double.POSITIVE_INFINITY;
      for (int j = c; j < e; j++) {
        double v = Math.min(best[j], tmp[j]);
        best[j] = v;
        cm = Math.min(cm, v);
      }
      chunkMin[c / CHUNK] = cm;
      min = Math.min(min, cm);
    }
    return min;
  }

  /**
   * Ward's merge costs of a cluster of size {@code sq} and centroid {@code q} with every cluster in
   * {@code [from, to)}: {@code out[j] = sq·s[j]/(sq + s[j]) · ‖c_j − q‖²} (half the squared SciPy ward distance).
   * Writes the smallest value of chunk {@code c} to {@code chunkMin[c]} (chunks as in {@link #relax};
   * {@code from} is a multiple of {@link #CHUNK}).
   */
  static void wardCosts(double[][] cols, double[] q, double sq, double[] sizes, int from, int to, double[] out,
      double[] chunkMin) {
    int d = cols.length;
    for (int c = from; c < to; c += CHUNK) {
      int e = Math.min(to, c + CHUNK);
      // the distances of all but the last (up to) two coordinates, then those two with the cost and the minimum
      // in one loop: a loop that also divides and reduces must stay small for the JIT to vectorize it
      int k = 0;
      if (d > 2) {
        k = partial(cols, q, c, e, out, d - 2);
      }
      double cm = Double.POSITIVE_INFINITY;
      if (d - k == 2) {
        double q0 = q[k];
        double q1 = q[k + 1];
        double[] c0 = cols[k];
        double[] c1 = cols[k + 1];
        if (k == 0) {
          for (int j = c; j < e; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            double s = sizes[j];
            double v = sq * s / (sq + s) * (t0 * t0 + t1 * t1);
            out[j] = v;
            cm = Math.min(cm, v);
          }
        } else {
          for (int j = c; j < e; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            double s = sizes[j];
            double v = sq * s / (sq + s) * (out[j] + t0 * t0 + t1 * t1);
            out[j] = v;
            cm = Math.min(cm, v);
          }
        }
      } else {
        // d = 1
        double q0 = q[0];
        double[] c0 = cols[0];
        for (int j = c; j < e; j++) {
          double t0 = c0[j] - q0;
          double s = sizes[j];
          double v = sq * s / (sq + s) * (t0 * t0);
          out[j] = v;
          cm = Math.min(cm, v);
        }
      }
      chunkMin[c / CHUNK] = cm;
    }
  }

  /**
   * {@code out[j] = Σ_{k < upTo} (cols[k][j] − q[k])²} over one chunk, summed in coordinate order, in passes of
   * four, two or one coordinates (the first pass initialises the sums); returns {@code upTo}. One array per
   * coordinate and the same index everywhere let the JIT vectorize each pass.
   */
  private static int partial(double[][] cols, double[] q, int from, int to, double[] out, int upTo) {
    int k = 0;
    while (k < upTo) {
      int r = upTo - k;
      if (r >= 4) {
        double q0 = q[k];
        double q1 = q[k + 1];
        double q2 = q[k + 2];
        double q3 = q[k + 3];
        double[] c0 = cols[k];
        double[] c1 = cols[k + 1];
        double[] c2 = cols[k + 2];
        double[] c3 = cols[k + 3];
        if (k == 0) {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            double t2 = c2[j] - q2;
            double t3 = c3[j] - q3;
            out[j] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
          }
        } else {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            double t2 = c2[j] - q2;
            double t3 = c3[j] - q3;
            out[j] = out[j] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
          }
        }
        k += 4;
      } else if (r >= 2) {
        double q0 = q[k];
        double q1 = q[k + 1];
        double[] c0 = cols[k];
        double[] c1 = cols[k + 1];
        if (k == 0) {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            out[j] = t0 * t0 + t1 * t1;
          }
        } else {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            double t1 = c1[j] - q1;
            out[j] = out[j] + t0 * t0 + t1 * t1;
          }
        }
        k += 2;
      } else {
        double q0 = q[k];
        double[] c0 = cols[k];
        if (k == 0) {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            out[j] = t0 * t0;
          }
        } else {
          for (int j = from; j < to; j++) {
            double t0 = c0[j] - q0;
            out[j] = out[j] + t0 * t0;
          }
        }
        k += 1;
      }
    }
    return k;
  }

  /** Smallest of {@code values[from, to)}, or +∞ for an empty range. */
  static double min(double[] values, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int j = from; j < to; j++) {
      m = Math.min(m, values[j]);
    }
    return m;
  }

  /** Euclidean distances from point {@code i} to points {@code i+1 … n−1}: SciPy's {@code pdist} row {@code i}. */
  static void distanceRow(double[][] cols, double[] q, int i, int n, double[] out) {
    squaredDistances(cols, q, i + 1, n, out);
    for (int j = i + 1; j < n; j++) {
      out[j] = Math.sqrt(out[j]);
    }
  }
}
