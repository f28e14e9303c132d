package dev.segmint.cluster;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * HDBSCAN's condensed cluster tree, built from a mutual-reachability MST, with the {@code hdbscan} library's
 * numbering: points are {@code 0..n-1}, clusters {@code n} (the root) and up in breadth-first order of creation. Rows
 * are (parent cluster, child point or cluster, λ = 1/distance, child size). Every cluster has either no or exactly
 * two child clusters. Memory O(n).
 */
final class CondensedTree {
  final int n;
  /** Number of clusters, the root included. */
  final int clusters;
  final int[] rowParent;
  final int[] rowChild;
  final double[] rowLambda;
  final int[] rowSize;
  final int rows;
  /** Per cluster (index c − n): parent cluster (−1 for the root), birth λ, child clusters (−1 when none). */
  final int[] clusterParent;
  final double[] birth;
  final int[] childA;
  final int[] childB;
  final double[] stability;
  /** Largest λ of the rows directly under each cluster (the library's "deaths"). */
  final double[] maxLambdaDirect;
  /** Per point: the cluster it fell out of and the λ at which it did. */
  final int[] pointParent;
  final double[] pointLambda;

  private CondensedTree(int n, int clusters, int[] rowParent, int[] rowChild, double[] rowLambda, int[] rowSize,
      int rows) {
    this.n = n;
    this.clusters = clusters;
    this.rowParent = rowParent;
    this.rowChild = rowChild;
    this.rowLambda = rowLambda;
    this.rowSize = rowSize;
    this.rows = rows;
    clusterParent = new int[clusters];
    birth = new double[clusters];
    childA = new int[clusters];
    childB = new int[clusters];
    stability = new double[clusters];
    maxLambdaDirect = new double[clusters];
    pointParent = new int[n];
    pointLambda = new double[n];
    Arrays.fill(clusterParent, -1);
    Arrays.fill(childA, -1);
    Arrays.fill(childB, -1);
    for (int r = 0; r < rows; r++) {
      int child = rowChild[r];
      int p = rowParent[r] - n;
      if (child >= n) {
        int c = child - n;
        clusterParent[c] = rowParent[r];
        birth[c] = rowLambda[r];
        if (childA[p] < 0) {
          childA[p] = child;
        } else {
          childB[p] = child;
        }
      } else {
        pointParent[child] = rowParent[r];
        pointLambda[child] = rowLambda[r];
      }
    }
    for (int r = 0; r < rows; r++) {
      int p = rowParent[r] - n;
      stability[p] += (rowLambda[r] - birth[p]) * rowSize[r];
      maxLambdaDirect[p] = Math.max(maxLambdaDirect[p], rowLambda[r]);
    }
  }

  /**
   * A tree from its rows (as a saved model holds them): row r says that {@code rowChild[r]} (a point below n, or a
   * cluster n..n+clusters−1) left cluster {@code rowParent[r]} at λ = {@code rowLambda[r]} with {@code rowSize[r]}
   * points. Cluster n is the root.
   *
   * <p>The rows must form the tree a fit makes, since selection and prediction walk it by its numbering: ids in
   * range; every cluster numbered after its parent (so no cycle); every point and every cluster but the root
   * exactly once a child; each cluster with no or exactly two child clusters; a point's row of size 1; the sizes of
   * the rows under a cluster adding up to its own size (n for the root); and λ ≥ 0, never below the λ at which the
   * parent cluster was born. O(rows + clusters).
   *
   * @throws IllegalArgumentException when the arrays differ in length, an id is out of range, or the rows are not
   *     such a tree (the message names the row or cluster)
   */
  static CondensedTree of(int n, int clusters, int[] rowParent, int[] rowChild, double[] rowLambda, int[] rowSize) {
    int rows = rowParent.length;
    if (rowChild.length != rows || rowLambda.length != rows || rowSize.length != rows) {
      throw new IllegalArgumentException("the condensed tree's columns differ in length: " + rows + " parents, "
          + rowChild.length + " children, " + rowLambda.length + " lambdas, " + rowSize.length + " sizes");
    }
    if (n < 1 || clusters < 1) {
      throw new IllegalArgumentException("a condensed tree has at least one point and the root cluster, not " + n
          + " points and " + clusters + " clusters");
    }
    if ((long) n + clusters > Integer.MAX_VALUE || rows != n + clusters - 1L) {
      throw new IllegalArgumentException("a condensed tree of " + n + " points and " + clusters + " clusters has "
          + (n + clusters - 1L) + " rows (one per point and per cluster but the root), not " + rows);
    }
    int[] rowOf = new int[n + clusters];   // the row that names each point or cluster as a child, + 1
    int[] childClusters = new int[clusters];
    long[] sizeBelow = new long[clusters];
    for (int r = 0; r < rows; r++) {
      int p = rowParent[r];
      int c = rowChild[r];
      if (p < n || p >= n + clusters || c < 0 || c >= n + clusters || c == n || rowSize[r] < 1
          || !(rowLambda[r] >= 0)) {
        throw new IllegalArgumentException("condensed tree row " + r + " (" + p + " -> " + c + ", size " + rowSize[r]
            + ", λ " + rowLambda[r] + ") is out of range for " + n + " points and " + clusters + " clusters");
      }
      if (c >= n && c <= p) {
        throw new IllegalArgumentException("condensed tree row " + r + " makes cluster " + c + " a child of cluster "
            + p + ", but a cluster is numbered after its parent (breadth-first): the rows do not form a tree");
      }
      if (c < n && rowSize[r] != 1) {
        throw new IllegalArgumentException("condensed tree row " + r + " gives point " + c + " the size " + rowSize[r]
            + "; a point's row has size 1");
      }
      if (rowOf[c] != 0) {
        throw new IllegalArgumentException("condensed tree rows " + (rowOf[c] - 1) + " and " + r + " both place "
            + (c < n ? "point " : "cluster ") + c + "; each has exactly one parent");
      }
      rowOf[c] = r + 1;
      if (c >= n && ++childClusters[p - n] > 2) {
        throw new IllegalArgumentException("cluster " + p + " has more than two child clusters in the condensed tree "
            + "(row " + r + "); a split makes exactly two");
      }
      sizeBelow[p - n] += rowSize[r];
    }
    for (int i = 0; i < n + clusters; i++) {
      if (rowOf[i] == 0 && i != n) {
        throw new IllegalArgumentException((i < n ? "point " : "cluster ") + i + " has no row in the condensed tree");
      }
    }
    for (int c = 0; c < clusters; c++) {
      if (childClusters[c] == 1) {
        throw new IllegalArgumentException("cluster " + (n + c) + " has one child cluster in the condensed tree; a "
            + "split makes exactly two");
      }
      long size = c == 0 ? n : rowSize[rowOf[n + c] - 1];
      if (sizeBelow[c] != size) {
        throw new IllegalArgumentException("the rows under cluster " + (n + c) + " hold " + sizeBelow[c]
            + " points, but the cluster has " + size + (c == 0 ? " (the root holds every point)" : ""));
      }
    }
    for (int r = 0; r < rows; r++) {
      int p = rowParent[r];
      double born = p == n ? 0 : rowLambda[rowOf[p] - 1];
      if (rowLambda[r] < born) {
        throw new IllegalArgumentException("condensed tree row " + r + " has λ " + rowLambda[r] + ", below the λ "
            + born + " at which its cluster " + p + " was born; points and clusters leave a cluster after its birth");
      }
    }
    return new CondensedTree(n, clusters, rowParent.clone(), rowChild.clone(), rowLambda.clone(), rowSize.clone(),
        rows);
  }

  /** Single linkage on the MST edges sorted by (weight, smaller row, larger row), then condensation. */
  static CondensedTree build(MutualReachabilityMst mst, int n, int minClusterSize) {
    int m = n - 1;
    int[] a = new int[m];
    int[] b = new int[m];
    for (int e = 0; e < m; e++) {
      a[e] = Math.min(mst.from[e], mst.to[e]);
      b[e] = Math.max(mst.from[e], mst.to[e]);
    }
    double[] w = mst.weight;
    int[] idx = new int[m];
    for (int e = 0; e < m; e++) {
      idx[e] = e;
    }
    mergeSort(idx, new int[m], 0, m, w, a, b);
    // single-linkage hierarchy: merge k creates node n + k
    int[] left = new int[m];
    int[] right = new int[m];
    double[] dist = new double[m];
    int[] size = new int[m];
    int[] parent = new int[n];
    int[] setSize = new int[n];
    int[] node = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      setSize[i] = 1;
      node[i] = i;
    }
    for (int k = 0; k < m; k++) {
      int e = idx[k];
      int ra = find(parent, a[e]);
      int rb = find(parent, b[e]);
      left[k] = node[ra];
      right[k] = node[rb];
      dist[k] = w[e];
      size[k] = setSize[ra] + setSize[rb];
      if (setSize[ra] < setSize[rb]) {
        int t = ra;
        ra = rb;
        rb = t;
      }
      parent[rb] = ra;
      setSize[ra] += setSize[rb];
      node[ra] = n + k;
    }
    parent = null;
    setSize = null;
    node = null;
    // condense, breadth-first from the root
    int total = 2 * n - 1;
    int root = total - 1;
    int[] relabel = new int[total];
    boolean[] ignore = new boolean[total];
    int[] queue = new int[total];
    int[] stack = new int[total];
    int head = 0;
    int tail = 0;
    queue[tail++] = root;
    Rows rows = new Rows(n + 2 * (n / Math.max(2, minClusterSize)) + 4);
    relabel[root] = n;
    int nextLabel = n + 1;
    if (n == 1) {
      rows.add(n, 0, Double.POSITIVE_INFINITY, 1);
      return new CondensedTree(n, 1, rows.parent, rows.child, rows.lambda, rows.size, rows.count);
    }
    while (head < tail) {
      int v = queue[head++];
      if (v >= n) {
        queue[tail++] = left[v - n];
        queue[tail++] = right[v - n];
      }
      if (v < n || ignore[v]) {
        continue;
      }
      int k = v - n;
      int l = left[k];
      int r = right[k];
      double lambda = dist[k] > 0 ? 1 / dist[k] : Double.POSITIVE_INFINITY;
      int lc = l >= n ? size[l - n] : 1;
      int rc = r >= n ? size[r - n] : 1;
      int label = relabel[v];
      boolean split = dist[k] > 0;
      if (split && lc >= minClusterSize && rc >= minClusterSize) {
        relabel[l] = nextLabel++;
        rows.add(label, relabel[l], lambda, lc);
        relabel[r] = nextLabel++;
        rows.add(label, relabel[r], lambda, rc);
      } else if (!split || (lc < minClusterSize && rc < minClusterSize)) {
        fallOut(l, n, left, right, ignore, stack, rows, label, lambda);
        fallOut(r, n, left, right, ignore, stack, rows, label, lambda);
      } else if (lc < minClusterSize) {
        relabel[r] = label;
        fallOut(l, n, left, right, ignore, stack, rows, label, lambda);
      } else {
        relabel[l] = label;
        fallOut(r, n, left, right, ignore, stack, rows, label, lambda);
      }
    }
    return new CondensedTree(n, nextLabel - n, rows.parent, rows.child, rows.lambda, rows.size, rows.count);
  }

  private static void fallOut(int top, int n, int[] left, int[] right, boolean[] ignore, int[] stack, Rows rows,
      int label, double lambda) {
    int sp = 0;
    stack[sp++] = top;
    while (sp > 0) {
      int v = stack[--sp];
      ignore[v] = true;
      if (v < n) {
        rows.add(label, v, lambda, 1);
      } else {
        stack[sp++] = right[v - n];
        stack[sp++] = left[v - n];
      }
    }
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static void mergeSort(int[] idx, int[] tmp, int from, int to, double[] w, int[] a, int[] b) {
    if (to - from < 32) {
      for (int i = from + 1; i < to; i++) {
        int t = idx[i];
        int j = i - 1;
        while (j >= from && MutualReachabilityMst.before(w[t], a[t], b[t], w[idx[j]], a[idx[j]], b[idx[j]])) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = t;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(idx, tmp, from, mid, w, a, b);
    mergeSort(idx, tmp, mid, to, w, a, b);
    int i = from;
    int j = mid;
    int o = from;
    while (i < mid && j < to) {
      int p = idx[i];
      int q = idx[j];
      if (MutualReachabilityMst.before(w[q], a[q], b[q], w[p], a[p], b[p])) {
        tmp[o++] = q;
        j++;
      } else {
        tmp[o++] = p;
        i++;
      }
    }
    while (i < mid) {
      tmp[o++] = idx[i++];
    }
    while (j < to) {
      tmp[o++] = idx[j++];
    }
    System.arraycopy(tmp, from, idx, from, to - from);
  }

  /** Growable rows. */
  private static final class Rows {
    int[] parent;
    int[] child;
    double[] lambda;
    int[] size;
    int count;

    Rows(int capacity) {
      parent = new int[capacity];
      child = new int[capacity];
      lambda = new double[capacity];
      size = new int[capacity];
    }

    void add(int p, int c, double l, int s) {
      if (count == parent.length) {
        int cap = count * 2;
        parent = Arrays.copyOf(parent, cap);
        child = Arrays.copyOf(child, cap);
        lambda = Arrays.copyOf(lambda, cap);
        size = Arrays.copyOf(size, cap);
      }
      parent[count] = p;
      child[count] = c;
      lambda[count] = l;
      size[count] = s;
      count++;
    }
  }

  /** The selected clusters and what follows from them. */
  static final class Clusters {
    /** Selected cluster ids, ascending. */
    int[] selected;
    int count;
    /** Per point: index into {@link #selected}, or −1. */
    int[] labels;
    double[] probabilities;
    /** Per cluster (index c − n): the selected cluster at or above it, or −1. */
    int[] selectedAncestor;
    /** Per cluster: maxLambdaDirect (for prediction). */
    double[] maxLambda;
  }

  Clusters select(Hdbscan.Selection method) {
    boolean[] isCluster = new boolean[clusters];
    if (method == Hdbscan.Selection.LEAF) {
      for (int c = 1; c < clusters; c++) {
        isCluster[c] = childA[c] < 0;
      }
    } else {
      double[] stab = stability.clone();
      Arrays.fill(isCluster, 1, clusters, true);
      int[] stack = new int[clusters];
      for (int c = clusters - 1; c >= 1; c--) {
        if (childA[c] < 0) {
          continue;
        }
        double sub = stab[childA[c] - n] + stab[childB[c] - n];
        if (sub > stab[c]) {
          isCluster[c] = false;
          stab[c] = sub;
        } else {
          int sp = 0;
          stack[sp++] = childA[c] - n;
          stack[sp++] = childB[c] - n;
          while (sp > 0) {
            int s = stack[--sp];
            isCluster[s] = false;
            if (childA[s] >= 0) {
              stack[sp++] = childA[s] - n;
              stack[sp++] = childB[s] - n;
            }
          }
        }
      }
    }
    Clusters out = new Clusters();
    int[] index = new int[clusters];
    Arrays.fill(index, -1);
    int count = 0;
    for (int c = 0; c < clusters; c++) {
      if (isCluster[c]) {
        index[c] = count++;
      }
    }
    out.count = count;
    out.selected = new int[count];
    for (int c = 0; c < clusters; c++) {
      if (index[c] >= 0) {
        out.selected[index[c]] = c + n;
      }
    }
    out.selectedAncestor = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      int p = clusterParent[c];
      out.selectedAncestor[c] = isCluster[c] ? c + n : (p < 0 ? -1 : out.selectedAncestor[p - n]);
    }
    out.maxLambda = maxLambdaDirect.clone();
    out.labels = new int[n];
    out.probabilities = new double[n];
    for (int i = 0; i < n; i++) {
      int s = out.selectedAncestor[pointParent[i] - n];
      if (s < 0) {
        out.labels[i] = -1;
        continue;
      }
      out.labels[i] = index[s - n];
      double max = maxLambdaDirect[s - n];
      double l = pointLambda[i];
      out.probabilities[i] = max == 0 || !Double.isFinite(l) ? 1 : Math.min(l, max) / max;
    }
    return out;
  }

  /** GLOSH: 1 − λ_p / λ_max(C), C the cluster the point fell out of, λ_max the largest λ in C's subtree. */
  double[] outlierScores() {
    double[] deaths = maxLambdaDirect.clone();
    for (int c = clusters - 1; c >= 1; c--) {
      int p = clusterParent[c] - n;
      deaths[p] = Math.max(deaths[p], deaths[c]);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double max = deaths[pointParent[i] - n];
      double l = pointLambda[i];
      out[i] = max == 0 || !Double.isFinite(l) ? 0 : 1 - l / max;
    }
    return out;
  }

  Table toTable() {
    return Table.create("condensed tree", IntColumn.create("parent", Arrays.copyOf(rowParent, rows)),
        IntColumn.create("child", Arrays.copyOf(rowChild, rows)),
        DoubleColumn.create("lambda", Arrays.copyOf(rowLambda, rows)),
        IntColumn.create("child_size", Arrays.copyOf(rowSize, rows)));
  }
}
