package dev.segmint.cluster;

/**
 * A KD-tree over the rows of a flat row-major array, for the density methods. The rows are copied in tree order
 * ({@link #x}, with {@link #order} giving each tree position's original row), so every node covers a contiguous
 * range of positions and a leaf scan reads memory sequentially.
 *
 * <p>Construction: split the widest side of the node's bounding box at the median position (a deterministic
 * quickselect), until at most {@code leafSize} rows remain or all rows of the node are identical. O(n·log n·d) time,
 * the copy plus O(n) ints and O(n·d / leafSize) doubles of boxes.
 *
 * <p>Queries: range count with an early stop, range visit, and k nearest neighbours. A node whose whole box lies
 * within the radius is counted without computing distances. Effective for low and moderate dimensions; beyond about
 * 32 features (measured on clustered data; uniform data crosses earlier) the boxes stop pruning and
 * {@link SpatialIndex#bruteForce} is as fast.
 */
final class KdTree extends SpatialIndex {

  final int leafSize;
  /** Node ranges of tree positions: node {@code v} covers positions {@code lo[v]..hi[v]-1}. */
  final int[] lo;
  final int[] hi;
  /** Children, or -1 for a leaf. */
  final int[] left;
  final int[] right;
  /** Bounding boxes: {@code box[v·2d + j]} is the minimum of feature j, {@code box[v·2d + d + j]} the maximum. */
  final double[] box;
  final int nodes;

  private int next;

  /** Builds a tree over {@code n} rows of {@code data} (not modified; the tree keeps its own copy in tree order). */
  KdTree(double[] data, int n, int d, int leafSize) {
    super(n, d);
    this.leafSize = Math.max(1, leafSize);
    int half = Math.max(1, (this.leafSize + 1) / 2);
    int capacity = 2 * (n / half + 2) + 1;
    lo = new int[capacity];
    hi = new int[capacity];
    left = new int[capacity];
    right = new int[capacity];
    box = new double[capacity * 2 * d];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n > 0) {
      build(data, idx, 0, n);
    }
    nodes = next;
    for (int p = 0; p < n; p++) {
      order[p] = idx[p];
      System.arraycopy(data, idx[p] * d, x, p * d, d);
    }
  }

  private int build(double[] data, int[] idx, int from, int to) {
    int v = next++;
    lo[v] = from;
    hi[v] = to;
    int b = v * 2 * d;
    for (int j = 0; j < d; j++) {
      box[b + j] = Double.POSITIVE_INFINITY;
      box[b + d + j] = Double.NEGATIVE_INFINITY;
    }
    for (int p = from; p < to; p++) {
      int o = idx[p] * d;
      for (int j = 0; j < d; j++) {
        double t = data[o + j];
        if (t < box[b + j]) {
          box[b + j] = t;
        }
        if (t > box[b + d + j]) {
          box[b + d + j] = t;
        }
      }
    }
    int dim = 0;
    double widest = -1;
    for (int j = 0; j < d; j++) {
      double w = box[b + d + j] - box[b + j];
      if (w > widest) {
        widest = w;
        dim = j;
      }
    }
    if (to - from <= leafSize || !(widest > 0)) {
      left[v] = -1;
      right[v] = -1;
      return v;
    }
    int mid = (from + to) >>> 1;
    select(data, idx, from, to - 1, mid, dim);
    int l = build(data, idx, from, mid);
    int r = build(data, idx, mid, to);
    left[v] = l;
    right[v] = r;
    return v;
  }

  /** Quickselect: afterwards idx[k] holds the row with the k-th smallest value of feature dim in idx[a..b]. */
  private void select(double[] data, int[] idx, int a, int b, int k, int dim) {
    while (b > a) {
      int m = (a + b) >>> 1;
      // median of three as the pivot, deterministic
      double va = data[idx[a] * d + dim];
      double vm = data[idx[m] * d + dim];
      double vb = data[idx[b] * d + dim];
      double pivot = Math.max(Math.min(va, vm), Math.min(Math.max(va, vm), vb));
      int i = a;
      int j = b;
      while (i <= j) {
        while (data[idx[i] * d + dim] < pivot) {
          i++;
        }
        while (data[idx[j] * d + dim] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = idx[i];
          idx[i] = idx[j];
          idx[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        b = j;
      } else if (k >= i) {
        a = i;
      } else {
        return;
      }
    }
  }

  /** Squared distance from the query to the nearest point of node v's box (0 inside). */
  double minDist2(int v, double[] q, int qo) {
    int b = v * 2 * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = q[qo + j];
      double lowGap = box[b + j] - t;
      double highGap = t - box[b + d + j];
      double g = lowGap > 0 ? lowGap : (highGap > 0 ? highGap : 0);
      s += g * g;
    }
    return s;
  }

  /** Squared distance from the query to the farthest corner of node v's box. */
  double maxDist2(int v, double[] q, int qo) {
    int b = v * 2 * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = q[qo + j];
      double g = Math.max(t - box[b + j], box[b + d + j] - t);
      s += g * g;
    }
    return s;
  }

  @Override
  int count(double[] q, int qo, double r2, int limit) {
    return n == 0 ? 0 : count(0, q, qo, r2, 0, limit);
  }

  private int count(int v, double[] q, int qo, double r2, int acc, int limit) {
    if (minDist2(v, q, qo) > r2) {
      return acc;
    }
    if (maxDist2(v, q, qo) <= r2) {
      return acc + (hi[v] - lo[v]);
    }
    if (left[v] < 0) {
      return SquaredDistances.countWithin(q, qo, x, lo[v], hi[v], d, r2, acc, limit);
    }
    int a = left[v];
    int c = right[v];
    if (minDist2(c, q, qo) < minDist2(a, q, qo)) {
      int t = a;
      a = c;
      c = t;
    }
    acc = count(a, q, qo, r2, acc, limit);
    if (acc >= limit) {
      return acc;
    }
    return count(c, q, qo, r2, acc, limit);
  }

  @Override
  void range(double[] q, int qo, double r2, int minPosition, Visitor visitor) {
    if (n > 0) {
      range(0, q, qo, r2, minPosition, visitor);
    }
  }

  private void range(int v, double[] q, int qo, double r2, int minPosition, Visitor visitor) {
    if (hi[v] <= minPosition || minDist2(v, q, qo) > r2) {
      return;
    }
    if (left[v] < 0) {
      for (int p = Math.max(lo[v], minPosition); p < hi[v]; p++) {
        double d2 = SquaredDistances.between(q, qo, x, p * d, d);
        if (d2 <= r2) {
          visitor.visit(p, d2);
        }
      }
      return;
    }
    range(left[v], q, qo, r2, minPosition, visitor);
    range(right[v], q, qo, r2, minPosition, visitor);
  }

  @Override
  void knn(double[] q, int qo, Heap heap) {
    if (n > 0) {
      knn(0, q, qo, heap);
    }
  }

  private void knn(int v, double[] q, int qo, Heap heap) {
    if (left[v] < 0) {
      for (int p = lo[v]; p < hi[v]; p++) {
        double d2 = SquaredDistances.between(q, qo, x, p * d, d);
        if (d2 <= heap.bound()) {
          heap.offer(d2, p);
        }
      }
      return;
    }
    int a = left[v];
    int c = right[v];
    double da = minDist2(a, q, qo);
    double dc = minDist2(c, q, qo);
    if (dc < da) {
      int t = a;
      a = c;
      c = t;
      double td = da;
      da = dc;
      dc = td;
    }
    if (da <= heap.bound()) {
      knn(a, q, qo, heap);
    }
    if (dc <= heap.bound()) {
      knn(c, q, qo, heap);
    }
  }
}
