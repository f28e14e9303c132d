package dev.segmint.cluster;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The minimum spanning tree of the mutual-reachability graph, {@code mr(a, b) = max(core(a), core(b), ‖a − b‖)},
 * for {@link Hdbscan}. Edges are ordered strictly by (weight, smaller row, larger row), so the tree is unique and
 * both algorithms here return the same edges whatever the thread count:
 * <ul>
 *   <li>{@link #prim}: Prim's algorithm on the implicit complete graph, O(n²·d) time and O(n) memory, parallel over
 *       fixed blocks for large n. For small n, and for many features where trees do not prune.</li>
 *   <li>{@link #boruvka}: Borůvka's algorithm with a KD-tree (McInnes and Healy 2017): each round, every point looks
 *       for its best edge to another component; a node is skipped when all its points are in the query's component
 *       or when its lower bound max(core(p), min core in the node, box distance) exceeds the best edge already
 *       known for the component. O(log n) rounds, O(n) memory beyond the tree.</li>
 * </ul>
 * Edges are returned as arrays {@code from, to, weight} (rows of the caller's data), n − 1 of them, unsorted.
 */
final class MutualReachabilityMst {
  final int[] from;
  final int[] to;
  final double[] weight;

  private MutualReachabilityMst(int n) {
    int m = Math.max(0, n - 1);
    from = new int[m];
    to = new int[m];
    weight = new double[m];
  }

  /** True when edge (w, a, b) comes before edge (v, c, e) in the strict order (weight, min row, max row). */
  static boolean before(double w, int a, int b, double v, int c, int e) {
    if (w != v) {
      return w < v;
    }
    int lo1 = Math.min(a, b);
    int lo2 = Math.min(c, e);
    if (lo1 != lo2) {
      return lo1 < lo2;
    }
    return Math.max(a, b) < Math.max(c, e);
  }

  /** Prim's algorithm over the rows of x (row-major, n × d) with core distances {@code core}. */
  static MutualReachabilityMst prim(double[] x, int n, int d, double[] core, int threads) {
    MutualReachabilityMst mst = new MutualReachabilityMst(n);
    if (n < 2) {
      return mst;
    }
    boolean[] inTree = new boolean[n];
    double[] key = new double[n];
    int[] keyFrom = new int[n];
    Arrays.fill(key, Double.POSITIVE_INFINITY);
    Arrays.fill(keyFrom, -1);
    int current = 0;
    inTree[0] = true;
    int useThreads = n >= 8192 ? threads : 1;
    try (Blocks blocks = new Blocks(n, useThreads)) {
      double[] blockW = new double[blocks.count];
      int[] blockV = new int[blocks.count];
      for (int e = 0; e < n - 1; e++) {
        final int c = current;
        final double cc = core[c];
        blocks.forEach(b -> {
          double bw = Double.POSITIVE_INFINITY;
          int bv = -1;
          for (int v = blocks.from(b); v < blocks.to(b); v++) {
            if (inTree[v]) {
              continue;
            }
            double w = Math.max(Math.max(cc, core[v]), Math.sqrt(SquaredDistances.between(x, c * d, x, v * d, d)));
            if (keyFrom[v] < 0 || before(w, c, v, key[v], keyFrom[v], v)) {
              key[v] = w;
              keyFrom[v] = c;
            }
            if (bv < 0 || before(key[v], keyFrom[v], v, bw, keyFrom[bv], bv)) {
              bw = key[v];
              bv = v;
            }
          }
          blockW[b] = bw;
          blockV[b] = bv;
        });
        int best = -1;
        for (int b = 0; b < blocks.count; b++) {
          int v = blockV[b];
          if (v >= 0 && (best < 0 || before(key[v], keyFrom[v], v, key[best], keyFrom[best], best))) {
            best = v;
          }
        }
        mst.from[e] = keyFrom[best];
        mst.to[e] = best;
        mst.weight[e] = key[best];
        inTree[best] = true;
        current = best;
      }
    }
    return mst;
  }

  /** Borůvka's algorithm on a KD-tree; {@code coreRow[row]} are the core distances by the caller's rows. */
  static MutualReachabilityMst boruvka(KdTree tree, double[] coreRow, int threads) {
    int n = tree.n;
    int d = tree.d;
    MutualReachabilityMst mst = new MutualReachabilityMst(n);
    if (n < 2) {
      return mst;
    }
    double[] x = tree.x;
    int[] order = tree.order;
    double[] core = new double[n];
    for (int p = 0; p < n; p++) {
      core[p] = coreRow[order[p]];
    }
    int nodes = tree.nodes;
    double[] nodeMinCore = new double[nodes];
    for (int v = nodes - 1; v >= 0; v--) {
      if (tree.left[v] < 0) {
        double m = Double.POSITIVE_INFINITY;
        for (int p = tree.lo[v]; p < tree.hi[v]; p++) {
          m = Math.min(m, core[p]);
        }
        nodeMinCore[v] = m;
      } else {
        nodeMinCore[v] = Math.min(nodeMinCore[tree.left[v]], nodeMinCore[tree.right[v]]);
      }
    }
    ConcurrentUnionFind uf = new ConcurrentUnionFind(n);
    int[] comp = new int[n];
    for (int p = 0; p < n; p++) {
      comp[p] = p;
    }
    int[] nodeComp = new int[nodes];
    double[] bestW = new double[n];
    int[] bestTo = new int[n];
    AtomicLongArray bound = new AtomicLongArray(n);
    int edges = 0;
    try (Blocks blocks = new Blocks(n, threads)) {
      while (edges < n - 1) {
        // components of the nodes (children have larger ids than their parent)
        for (int v = nodes - 1; v >= 0; v--) {
          if (tree.left[v] < 0) {
            int c = comp[tree.lo[v]];
            for (int p = tree.lo[v] + 1; p < tree.hi[v] && c >= 0; p++) {
              if (comp[p] != c) {
                c = -1;
              }
            }
            nodeComp[v] = c;
          } else {
            int a = nodeComp[tree.left[v]];
            nodeComp[v] = a >= 0 && a == nodeComp[tree.right[v]] ? a : -1;
          }
        }
        for (int p = 0; p < n; p++) {
          bound.set(p, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
        }
        blocks.forEach(b -> {
          Query q = new Query(tree, core, comp, nodeComp, nodeMinCore, bound);
          for (int p = blocks.from(b); p < blocks.to(b); p++) {
            q.run(p);
            bestW[p] = q.w;
            bestTo[p] = q.to;
          }
        });
        // the best edge of every component (the order is strict, so the scan order does not matter)
        int[] compBest = new int[n];
        Arrays.fill(compBest, -1);
        for (int p = 0; p < n; p++) {
          if (bestTo[p] < 0) {
            continue;
          }
          int c = comp[p];
          int e = compBest[c];
          if (e < 0 || before(bestW[p], order[p], order[bestTo[p]], bestW[e], order[e], order[bestTo[e]])) {
            compBest[c] = p;
          }
        }
        for (int c = 0; c < n; c++) {
          int p = compBest[c];
          if (p >= 0 && uf.union(p, bestTo[p])) {
            mst.from[edges] = order[p];
            mst.to[edges] = order[bestTo[p]];
            mst.weight[edges] = bestW[p];
            edges++;
          }
        }
        for (int p = 0; p < n; p++) {
          comp[p] = uf.find(p);
        }
      }
    }
    return mst;
  }

  /** One point's search for its best edge to another component. */
  private static final class Query {
    final KdTree tree;
    final double[] x;
    final int d;
    final int[] order;
    final double[] core;
    final int[] comp;
    final int[] nodeComp;
    final double[] nodeMinCore;
    final AtomicLongArray bound;
    int p;
    int c;
    double cp;
    double w;
    int to;

    Query(KdTree tree, double[] core, int[] comp, int[] nodeComp, double[] nodeMinCore, AtomicLongArray bound) {
      this.tree = tree;
      this.x = tree.x;
      this.d = tree.d;
      this.order = tree.order;
      this.core = core;
      this.comp = comp;
      this.nodeComp = nodeComp;
      this.nodeMinCore = nodeMinCore;
      this.bound = bound;
    }

    double limit() {
      return Math.min(w, Double.longBitsToDouble(bound.get(c)));
    }

    void run(int point) {
      p = point;
      c = comp[p];
      cp = core[p];
      w = Double.POSITIVE_INFINITY;
      to = -1;
      if (cp > Double.longBitsToDouble(bound.get(c))) {
        return;
      }
      visit(0);
      if (to >= 0) {
        long bits = Double.doubleToRawLongBits(w);
        while (true) {
          long old = bound.get(c);
          if (Double.longBitsToDouble(old) <= w || bound.compareAndSet(c, old, bits)) {
            break;
          }
        }
      }
    }

    private double lowerBound(int v) {
      return Math.max(Math.max(cp, nodeMinCore[v]), Math.sqrt(tree.minDist2(v, x, p * d)));
    }

    private void visit(int v) {
      if (nodeComp[v] == c || lowerBound(v) > limit()) {
        return;
      }
      if (tree.left[v] < 0) {
        for (int q = tree.lo[v]; q < tree.hi[v]; q++) {
          if (comp[q] == c) {
            continue;
          }
          double m = Math.max(cp, core[q]);
          if (m > limit()) {
            continue;
          }
          double mr = Math.max(m, Math.sqrt(SquaredDistances.between(x, p * d, x, q * d, d)));
          if (to < 0 ? mr <= limit() : before(mr, order[p], order[q], w, order[p], order[to])) {
            w = mr;
            to = q;
          }
        }
        return;
      }
      int a = tree.left[v];
      int b = tree.right[v];
      double la = lowerBound(a);
      double lb = lowerBound(b);
      if (lb < la) {
        int t = a;
        a = b;
        b = t;
      }
      visit(a);
      visit(b);
    }
  }
}
