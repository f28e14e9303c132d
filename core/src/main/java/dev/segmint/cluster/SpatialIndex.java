package dev.segmint.cluster;

/**
 * Neighbour search over a fixed set of rows, for the density methods: a {@link KdTree} or blocked brute force
 * ({@link #bruteForce}). The rows live in {@link #x} in the index's own order ("positions"); {@link #order} maps a
 * position back to the caller's row. Queries take a point anywhere (an indexed row or a new one) and report
 * positions. Thread-safe for concurrent queries once built.
 */
abstract class SpatialIndex {

  /** Receives the rows found by a range query: their position and squared distance. */
  interface Visitor {
    void visit(int position, double dist2);
  }

  final int n;
  final int d;
  /** The rows in index order, row-major. */
  final double[] x;
  /** {@code order[p]} = the caller's row at position p. */
  final int[] order;

  SpatialIndex(int n, int d) {
    this.n = n;
    this.d = d;
    this.x = new double[n * d];
    this.order = new int[n];
  }

  /** Number of rows within squared distance r2 of the query (the query row itself included), stopping at limit. */
  abstract int count(double[] q, int qo, double r2, int limit);

  /** Visits every row at a position ≥ minPosition within squared distance r2 of the query. */
  abstract void range(double[] q, int qo, double r2, int minPosition, Visitor visitor);

  /** Offers every row that could be among the heap's k nearest to the query. */
  abstract void knn(double[] q, int qo, Heap heap);

  /** Blocked brute force: positions are the caller's rows; every query scans all rows. */
  static SpatialIndex bruteForce(double[] data, int n, int d) {
    return new Brute(data, n, d);
  }

  private static final class Brute extends SpatialIndex {
    Brute(double[] data, int n, int d) {
      super(n, d);
      System.arraycopy(data, 0, x, 0, n * d);
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }

    @Override
    int count(double[] q, int qo, double r2, int limit) {
      return SquaredDistances.countWithin(q, qo, x, 0, n, d, r2, 0, limit);
    }

    @Override
    void range(double[] q, int qo, double r2, int minPosition, Visitor visitor) {
      for (int p = Math.max(0, minPosition); p < n; p++) {
        double d2 = SquaredDistances.between(q, qo, x, p * d, d);
        if (d2 <= r2) {
          visitor.visit(p, d2);
        }
      }
    }

    @Override
    void knn(double[] q, int qo, Heap heap) {
      for (int p = 0; p < n; p++) {
        double d2 = SquaredDistances.between(q, qo, x, p * d, d);
        if (d2 <= heap.bound()) {
          heap.offer(d2, p);
        }
      }
    }
  }

  /**
   * The k smallest (squared distance, position) pairs offered, ties broken by the smaller position. A binary
   * max-heap; reusable with {@link #clear()}.
   */
  static final class Heap {
    final int k;
    final double[] dist2;
    final int[] position;
    int size;

    Heap(int k) {
      this.k = k;
      this.dist2 = new double[k];
      this.position = new int[k];
    }

    void clear() {
      size = 0;
    }

    /** Offers with a squared distance above this never enter. */
    double bound() {
      return size < k ? Double.POSITIVE_INFINITY : dist2[0];
    }

    private boolean above(int a, int b) {
      return dist2[a] > dist2[b] || (dist2[a] == dist2[b] && position[a] > position[b]);
    }

    void offer(double d2, int p) {
      if (size < k) {
        int i = size++;
        dist2[i] = d2;
        position[i] = p;
        while (i > 0) {
          int parent = (i - 1) >>> 1;
          if (!above(i, parent)) {
            break;
          }
          swap(i, parent);
          i = parent;
        }
        return;
      }
      if (d2 > dist2[0] || (d2 == dist2[0] && p >= position[0])) {
        return;
      }
      dist2[0] = d2;
      position[0] = p;
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          break;
        }
        int m = l + 1 < size && above(l + 1, l) ? l + 1 : l;
        if (!above(m, i)) {
          break;
        }
        swap(i, m);
        i = m;
      }
    }

    private void swap(int a, int b) {
      double t = dist2[a];
      dist2[a] = dist2[b];
      dist2[b] = t;
      int u = position[a];
      position[a] = position[b];
      position[b] = u;
    }

    /** The largest of the k smallest squared distances (the k-th nearest), or +∞ when fewer than k were offered. */
    double kth() {
      return size < k ? Double.POSITIVE_INFINITY : dist2[0];
    }

    /** The entries sorted by (squared distance, position); writes positions into {@code outPos}, returns distances². */
    double[] sorted(int[] outPos) {
      Integer[] idx = new Integer[size];
      for (int i = 0; i < size; i++) {
        idx[i] = i;
      }
      java.util.Arrays.sort(idx, (a, b) -> dist2[a] != dist2[b] ? Double.compare(dist2[a], dist2[b])
          : Integer.compare(position[a], position[b]));
      double[] out = new double[size];
      for (int i = 0; i < size; i++) {
        out[i] = dist2[idx[i]];
        outPos[i] = position[idx[i]];
      }
      return out;
    }
  }
}
