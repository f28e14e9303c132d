package dev.segmint.cluster;

import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A binary merge tree over {@code n} leaves, in SciPy's linkage-matrix layout: row {@code i} (0-based) merges
 * clusters {@code left(i)} and {@code right(i)} at {@code height(i)} into a new cluster whose id is
 * {@code n + i} and which holds {@code size(i)} observations. Leaves are clusters {@code 0 … n−1}.
 *
 * <p>Conventions, as {@code scipy.cluster.hierarchy.linkage} produces them: rows are sorted by height (stably,
 * so merges of equal height keep the order the algorithm found them); in each row {@code left < right}; the
 * size is the number of leaves below the merge, or their total weight when leaves carry weights (micro-clusters
 * of the two-stage path). {@link #toArray()} and {@link #toCsv()} give exactly SciPy's {@code Z}.
 *
 * <p>Cuts return one label per leaf, renumbered {@code 0 … k−1} by size (number of leaves), largest first; ties
 * go to the cluster whose first leaf comes first. {@link #cut(int)} undoes the last {@code k−1} merges
 * (SciPy's {@code cut_tree(Z, n_clusters=k)}, always exactly k clusters); {@link #cutAtHeight(double)} keeps
 * the merges of height ≤ h (SciPy's {@code fcluster(Z, h, criterion="distance")}). Both take O(n) time.
 *
 * <p>Immutable; accessors copy. Memory: 24 bytes per merge plus the leaf names. Deep trees (single linkage
 * often makes chains) are walked without recursion.
 */
public final class Dendrogram {

  private final int n;
  private final int[] left;
  private final int[] right;
  private final double[] height;
  private final double[] size;
  private final String[] leafNames;
  private final Linkage linkage;

  private Dendrogram(int n, int[] left, int[] right, double[] height, double[] size, String[] leafNames,
      Linkage linkage) {
    this.n = n;
    this.left = left;
    this.right = right;
    this.height = height;
    this.size = size;
    this.leafNames = leafNames;
    this.linkage = linkage;
  }

  /**
   * Finishes an algorithm's merge records as SciPy does: stable sort by height, then a union-find that names
   * each merged cluster {@code n + row} and puts the smaller id on the left.
   *
   * @param leafWeights the weight of each leaf (size column = sum of weights), or null for 1 each
   */
  static Dendrogram fromMerges(int n, Merges m, double[] leafWeights, String[] leafNames, Linkage linkage) {
    int rows = m.count;
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(m.height[p], m.height[q]));
    int[] parent = new int[Math.max(0, 2 * n - 1)];
    double[] weight = new double[parent.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      weight[i] = i < n ? (leafWeights == null ? 1.0 : leafWeights[i]) : 0;
    }
    int[] left = new int[rows];
    int[] right = new int[rows];
    double[] height = new double[rows];
    double[] size = new double[rows];
    for (int r = 0; r < rows; r++) {
      int o = order[r];
      int x = find(parent, m.a[o]);
      int y = find(parent, m.b[o]);
      int id = n + r;
      parent[x] = id;
      parent[y] = id;
      weight[id] = weight[x] + weight[y];
      left[r] = Math.min(x, y);
      right[r] = Math.max(x, y);
      height[r] = m.height[o];
      size[r] = weight[id];
    }
    return new Dendrogram(n, left, right, height, size, leafNames, linkage);
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) {
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }

  /**
   * A dendrogram from a SciPy linkage matrix {@code Z} ({@code n−1} rows of left, right, height, size), for
   * example one read back from {@link #toCsv()} or computed by SciPy.
   *
   * @throws IllegalArgumentException when a row is malformed, refers to a cluster that does not exist yet or was
   *     already merged, or heights decrease; the row is named
   */
  public static Dendrogram of(double[][] z) {
    return of(z, null);
  }

  /**
   * As {@link #of(double[][])}, with a name per leaf for {@link #toNewick()}.
   *
   * @param leafNames n names, or null for the leaf numbers
   */
  public static Dendrogram of(double[][] z, String[] leafNames) {
    Objects.requireNonNull(z, "z");
    int rows = z.length;
    int n = rows + 1;
    if (leafNames != null && leafNames.length != n) {
      throw new IllegalArgumentException(leafNames.length + " leaf names for a linkage matrix of " + rows
          + " rows, which has " + n + " leaves");
    }
    int[] left = new int[rows];
    int[] right = new int[rows];
    double[] height = new double[rows];
    double[] size = new double[rows];
    boolean[] used = new boolean[2 * n - 1];
    for (int r = 0; r < rows; r++) {
      double[] row = z[r];
      if (row == null || row.length != 4) {
        throw new IllegalArgumentException("linkage row " + r + " must have 4 values (left, right, height, size)");
      }
      int[] ids = new int[2];
      for (int c = 0; c < 2; c++) {
        double v = row[c];
        if (v != Math.rint(v) || v < 0 || v >= n + r) {
          throw new IllegalArgumentException("linkage row " + r + " refers to cluster " + v
              + ", which is not a leaf (0.." + (n - 1) + ") or a cluster formed by an earlier row");
        }
        ids[c] = (int) v;
        if (used[ids[c]]) {
          throw new IllegalArgumentException("linkage row " + r + " merges cluster " + ids[c]
              + " a second time; every cluster is merged once");
        }
        used[ids[c]] = true;
      }
      if (ids[0] == ids[1]) {
        throw new IllegalArgumentException("linkage row " + r + " merges cluster " + ids[0] + " with itself");
      }
      if (!(row[2] >= 0) || Double.isInfinite(row[2])) {
        throw new IllegalArgumentException("linkage row " + r + " has height " + row[2] + "; heights are finite and ≥ 0");
      }
      if (r > 0 && row[2] < height[r - 1]) {
        throw new IllegalArgumentException("linkage row " + r + " has height " + row[2] + " below the previous row's "
            + height[r - 1] + "; rows must be sorted by height");
      }
      if (!(row[3] > 0) || Double.isInfinite(row[3])) {
        throw new IllegalArgumentException("linkage row " + r + " has size " + row[3] + "; sizes are finite and > 0");
      }
      left[r] = ids[0];
      right[r] = ids[1];
      height[r] = row[2];
      size[r] = row[3];
    }
    return new Dendrogram(n, left, right, height, size, leafNames == null ? null : leafNames.clone(), null);
  }

  /** Number of leaves (observations or micro-clusters). */
  public int leaves() {
    return n;
  }

  /** Number of merges, {@code leaves() − 1}. */
  public int merges() {
    return left.length;
  }

  /** The linkage that built this tree, if known (empty for a tree read with {@link #of}). */
  public Optional<Linkage> linkage() {
    return Optional.ofNullable(linkage);
  }

  /** The smaller cluster id merged by row {@code i}. */
  public int left(int i) {
    return left[Objects.checkIndex(i, left.length)];
  }

  /** The larger cluster id merged by row {@code i}. */
  public int right(int i) {
    return right[Objects.checkIndex(i, right.length)];
  }

  /** The height of row {@code i}'s merge. */
  public double height(int i) {
    return height[Objects.checkIndex(i, height.length)];
  }

  /** Observations (or their total weight) in the cluster formed by row {@code i}. */
  public double size(int i) {
    return size[Objects.checkIndex(i, size.length)];
  }

  /** All merge heights in row order (non-decreasing). A copy. */
  public double[] heights() {
    return height.clone();
  }

  /** The leaf names (the customer ids for an exact fit; {@code m0, m1, …} for micro-clusters). A copy. */
  public String[] leafNames() {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = leafName(i);
    }
    return names;
  }

  private String leafName(int i) {
    return leafNames == null ? Integer.toString(i) : leafNames[i];
  }

  /** SciPy's linkage matrix {@code Z}: {@code n−1} rows of (left, right, height, size). A copy. */
  public double[][] toArray() {
    double[][] z = new double[left.length][];
    for (int r = 0; r < z.length; r++) {
      z[r] = new double[] {left[r], right[r], height[r], size[r]};
    }
    return z;
  }

  /**
   * Leaf labels for exactly {@code k} clusters: the first {@code n−k} merges are kept, the last {@code k−1}
   * undone. Labels {@code 0 … k−1} by number of leaves, largest first (ties: first leaf first).
   *
   * @throws IllegalArgumentException unless 1 ≤ k ≤ n
   */
  public int[] cut(int k) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("cannot cut a dendrogram of " + n + " leaves into k = " + k
          + " clusters; choose 1 ≤ k ≤ " + n);
    }
    return cutKeeping(n - k);
  }

  /**
   * Leaf labels after keeping the merges of height ≤ {@code h}: no two leaves of a cluster are further apart than
   * h in the tree (cophenetic distance). Labels by size as in {@link #cut(int)}.
   *
   * @throws IllegalArgumentException when h is NaN
   */
  public int[] cutAtHeight(double h) {
    if (Double.isNaN(h)) {
      throw new IllegalArgumentException("the cut height is NaN; give a number");
    }
    return cutKeeping(mergesAtOrBelow(h));
  }

  /** Number of clusters a cut at height {@code h} gives. */
  public int clustersAtHeight(double h) {
    if (Double.isNaN(h)) {
      throw new IllegalArgumentException("the cut height is NaN; give a number");
    }
    return n - mergesAtOrBelow(h);
  }

  private int mergesAtOrBelow(double h) {
    int lo = 0;
    int hi = height.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (height[mid] <= h) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Labels after keeping rows {@code 0 … kept−1}. */
  private int[] cutKeeping(int kept) {
    int k = n - kept;
    int[] cluster = new int[2 * n - 1];
    Arrays.fill(cluster, -1);
    int next = 0;
    if (kept == n - 1) {
      cluster[2 * n - 2] = next++;
    }
    for (int r = left.length - 1; r >= 0; r--) {
      int node = n + r;
      if (r >= kept) {
        for (int child : new int[] {left[r], right[r]}) {
          if (child < n + kept) {
            cluster[child] = next++;
          }
        }
      } else {
        cluster[left[r]] = cluster[node];
        cluster[right[r]] = cluster[node];
      }
    }
    int[] raw = Arrays.copyOf(cluster, n);
    return Labels.apply(raw, Labels.bySize(raw, k, null, 0));
  }

  /**
   * The leaves in the order a dendrogram plot draws them from left to right: depth first, left child before
   * right child (SciPy's {@code leaves_list}).
   */
  public int[] leafOrder() {
    int[] order = new int[n];
    int count = 0;
    int[] stack = new int[n + 1];
    int top = 0;
    stack[top++] = 2 * n - 2;
    while (top > 0) {
      int node = stack[--top];
      if (node < n) {
        order[count++] = node;
      } else {
        stack[top++] = right[node - n];
        stack[top++] = left[node - n];
      }
    }
    return order;
  }

  /**
   * The linkage matrix as CSV, SciPy's layout with a header: {@code left,right,height,size}, one row per merge.
   * Heights are written with full precision ({@link Double#toString}). Load it in Python with
   * {@code numpy.loadtxt(path, delimiter=",", skiprows=1)}.
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder(32 * (left.length + 1));
    sb.append("left,right,height,size\n");
    for (int r = 0; r < left.length; r++) {
      sb.append(left[r]).append(',').append(right[r]).append(',').append(height[r]).append(',');
      appendNumber(sb, size[r]);
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes {@link #toCsv()} to a file (UTF-8), atomically: never a partial file; the folder must exist, and a symbolic link, folder, device or pipe at the path is refused with an
   * {@code IllegalArgumentException} (see {@code docs/reliability.md}).
   */
  public void writeCsv(Path file) throws IOException {
    AtomicFiles.writeString(file, toCsv());
  }

  private static void appendNumber(StringBuilder sb, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
    } else {
      sb.append(v);
    }
  }

  /**
   * The tree in Newick format, leaves named by {@link #leafNames()} (quoted when they contain Newick's special
   * characters), branch lengths = parent height − child height (leaves at height 0), ending in {@code ;}.
   */
  public String toNewick() {
    StringBuilder sb = new StringBuilder(24 * n);
    if (n == 1) {
      return sb.append(quote(leafName(0))).append(';').toString();
    }
    // explicit stack of (node, state): 0 = enter, 1 = between children, 2 = leave
    int[] nodes = new int[2 * n];
    byte[] states = new byte[2 * n];
    int top = 0;
    nodes[top] = 2 * n - 2;
    states[top++] = 0;
    while (top > 0) {
      int node = nodes[top - 1];
      byte state = states[top - 1];
      if (node < n) {
        sb.append(quote(leafName(node)));
        top--;
        appendBranch(sb, node, top, nodes);
        continue;
      }
      int r = node - n;
      if (state == 0) {
        sb.append('(');
        states[top - 1] = 1;
        nodes[top] = left[r];
        states[top++] = 0;
      } else if (state == 1) {
        sb.append(',');
        states[top - 1] = 2;
        nodes[top] = right[r];
        states[top++] = 0;
      } else {
        sb.append(')');
        top--;
        appendBranch(sb, node, top, nodes);
      }
    }
    return sb.append(';').toString();
  }

  /** After {@code node} was written and popped: its branch length, if it has a parent (the node now on top). */
  private void appendBranch(StringBuilder sb, int node, int top, int[] nodes) {
    if (top == 0) {
      return;
    }
    double parentHeight = height[nodes[top - 1] - n];
    sb.append(':').append(parentHeight - (node < n ? 0.0 : height[node - n]));
  }

  /** Writes {@link #toNewick()} to a file (UTF-8), atomically like {@link #writeCsv}. */
  public void writeNewick(Path file) throws IOException {
    AtomicFiles.writeString(file, toNewick());
  }

  private static String quote(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ("()[]':;,".indexOf(c) >= 0 || Character.isWhitespace(c)) {
        return "'" + name.replace("'", "''") + "'";
      }
    }
    return name.isEmpty() ? "''" : name;
  }

  /** One row per merge: {@code left, right, height, size}. */
  public Table toTable() {
    return Table.create("dendrogram", IntColumn.create("left", left), IntColumn.create("right", right),
        DoubleColumn.create("height", height), DoubleColumn.create("size", size));
  }

  /** A short summary: leaves, height range, the top merges and the cluster sizes of the first cuts. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Dendrogram%s of %,d leaves, %,d merges", linkage == null ? ""
        : " (" + linkage.scipyName() + ")", n, left.length));
    if (left.length == 0) {
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, ", heights %.6g … %.6g%n", height[0], height[height.length - 1]));
    sb.append("top merges (row: left + right → id at height, size):\n");
    for (int r = left.length - 1; r >= Math.max(0, left.length - 5); r--) {
      sb.append(String.format(Locale.ROOT, "  %d: %d + %d → %d at %.6g, size %s%n", r, left[r], right[r], n + r,
          height[r], size[r] == Math.rint(size[r]) ? String.valueOf((long) size[r]) : String.valueOf(size[r])));
    }
    sb.append("leaves per cluster:");
    for (int k = 2; k <= Math.min(6, n); k++) {
      long[] counts = new long[k];
      for (int l : cut(k)) {
        counts[l]++;
      }
      sb.append(String.format(Locale.ROOT, "%n  k=%d: %s", k, Arrays.toString(counts)));
    }
    return sb.toString();
  }
}
