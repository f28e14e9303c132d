package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Threads;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Agglomerative hierarchical clustering with ward, complete, average or single linkage, exact and without
 * quadratic memory where the method allows it, plus an approximate two-stage path for very large data.
 *
 * <p>Exact algorithms (Euclidean distances; merge heights follow SciPy's {@code linkage}, see {@link Linkage}):
 * <ul>
 *   <li>{@link Linkage#SINGLE}: Prim's minimum spanning tree, O(n²·d) time, O(n·d) memory.</li>
 *   <li>{@link Linkage#WARD}: nearest-neighbour chain on centroids and sizes, O(n²·d) time, O(n·d) memory.</li>
 *   <li>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}: nearest-neighbour chain on a condensed distance matrix
 *       of n(n−1)/2 floats (exact: decisions within the floats' rounding are taken from exact values computed
 *       from the points, and the heights too; n = 10,000: 192 MiB; n = 20,000: 763 MiB; n = 50,000: 4.7 GiB),
 *       O(n²·d) time. Before allocating it the fit checks the free heap
 *       ({@link Runtime#maxMemory()} minus what is in use) and refuses with an {@link IllegalArgumentException}
 *       naming the memory needed when it does not fit.</li>
 * </ul>
 * The working memory of each method is {@link #memoryEstimate(Linkage, int, int)}. The chain and the tree are
 * sequential; the distance matrix is filled (and complete linkage's exact heights computed) in parallel in fixed
 * blocks, so results never depend on the thread count. On tie-free data the merges (left, right, height, size) are SciPy's; with exactly tied distances,
 * single, complete and average linkage still break ties as SciPy does (lowest index first), ward as SciPy's
 * chain would on the same floating-point values (except where clusters coincide up to rounding and a merged
 * centroid's rounding closes a cycle in the chain: ward then searches again from the repeated cluster, where
 * SciPy's loop would go on with a merged cluster in its chain).
 *
 * <p>Two-stage path (ward only, {@link Options#withMicroClusters(int)}, approximate): k-means with m clusters on a
 * uniform sample of 50·m customers, then every customer to its nearest sample centroid (O(n·m·d), in parallel);
 * these m groups, with their exact means and sizes, are the leaves of an exact weighted ward (O(m²·d)). Ward's
 * cost between unions of micro-clusters depends only on their centroids and sizes, so the tree above the
 * micro-clusters is exactly the ward tree of those groups; what is approximate is that customers of one
 * micro-cluster always stay together. The agreement with the exact method (adjusted Rand index, within-cluster
 * sum of squares) is measured in {@code docs/hierarchical.md}. The dendrogram then has m leaves named
 * {@code m0 … m(m−1)}, with sizes counting customers.
 *
 * <p>References: F. Murtagh (1983), A survey of recent advances in hierarchical clustering algorithms;
 * D. Müllner (2011), Modern hierarchical, agglomerative clustering algorithms, arXiv:1109.2378; J. C. Gower,
 * G. J. S. Ross (1969), Minimum spanning trees and single linkage cluster analysis; J. H. Ward (1963),
 * Hierarchical grouping to optimize an objective function; SciPy {@code scipy.cluster.hierarchy.linkage}.
 */
public final class Hierarchical {

  private Hierarchical() {}

  /** Micro-clusters used by {@link Options#withTwoStage()}. */
  public static final int DEFAULT_MICRO_CLUSTERS = 500;

  /** k-means iterations of the two-stage path's first stage. */
  static final int MICRO_MAX_ITER = 20;

  /** Sample points per micro-cluster for the two-stage path's k-means. */
  static final int MICRO_SAMPLE = 50;

  /**
   * Hierarchical clustering settings. Create with {@link #of(Linkage)} and adjust with the {@code withX} copies.
   *
   * @param linkage how clusters are compared
   * @param k segments for {@link Result#labels()} and {@link Result#toTable()}, or 0 for none (cut later)
   * @param microClusters 0 for the exact method, or m ≥ 2 for the two-stage path with m k-means micro-clusters
   *     (ward only; data with at most m points is clustered exactly)
   * @param seed random seed of the two-stage path's sample and k-means
   * @param threads worker threads: 0 for all available processors, n ≥ 1 for at most n (results do not depend on it)
   */
  public record Options(Linkage linkage, int k, int microClusters, long seed, int threads) implements Clusterer {
    public Options {
      Objects.requireNonNull(linkage, "linkage");
      if (k < 0) {
        throw new IllegalArgumentException("k must be at least 1 (or 0 for no cut), got " + k);
      }
      if (microClusters < 0 || microClusters == 1) {
        throw new IllegalArgumentException("microClusters must be 0 (exact) or at least 2, got " + microClusters);
      }
      if (microClusters > 0 && linkage != Linkage.WARD) {
        throw new IllegalArgumentException("the two-stage path (microClusters = " + microClusters
            + ") is only exact above the micro-clusters for ward linkage, not " + linkage.scipyName()
            + "; use Linkage.WARD or microClusters = 0");
      }
      Threads.check(threads);
    }

    /** The exact method, no k, seed 0, all processors (threads 0). */
    public static Options of(Linkage linkage) {
      return new Options(linkage, 0, 0, 0L, 0);
    }

    /** {@code hierarchical}. */
    @Override
    public String name() {
      return "hierarchical";
    }

    /**
     * {@link Hierarchical#fit(FeatureMatrix, Options)} with these options, which must have a k: a {@link
     * Clustering} has labels.
     *
     * @throws IllegalArgumentException when k is 0 (to fit a tree and cut it later, call {@code Hierarchical.fit})
     */
    @Override
    public Result fit(FeatureMatrix m) {
      return fit(m, null);
    }

    /**
     * {@link Hierarchical#fit(FeatureMatrix, double[], Options)} with these options (weights: ward only, each
     * finite and &gt; 0), which must have a k.
     *
     * @throws IllegalArgumentException when k is 0 (to fit a tree and cut it later, call {@code Hierarchical.fit})
     */
    @Override
    public Result fit(FeatureMatrix m, double[] weights) {
      if (k == 0) {
        throw new IllegalArgumentException("hierarchical clustering needs a number of segments to cut the tree into: "
            + "set it with Options.withK(k), or call Hierarchical.fit for a tree to cut later");
      }
      return Hierarchical.fit(m, weights, this);
    }

    /** True for ward linkage (a weight counts as that many copies of the point), false otherwise. */
    @Override
    public boolean supportsWeights() {
      return linkage == Linkage.WARD;
    }

    /** The exact method with k segments for {@link Result#labels()}. */
    public static Options of(Linkage linkage, int k) {
      return of(linkage).withK(k);
    }

    public Options withLinkage(Linkage linkage) {
      return new Options(linkage, k, linkage == Linkage.WARD ? microClusters : 0, seed, threads);
    }

    public Options withK(int k) {
      return new Options(linkage, k, microClusters, seed, threads);
    }

    /** The two-stage path with m micro-clusters (ward only); 0 returns to the exact method. */
    public Options withMicroClusters(int m) {
      return new Options(linkage, k, m, seed, threads);
    }

    /** The two-stage path with {@link #DEFAULT_MICRO_CLUSTERS} micro-clusters. */
    public Options withTwoStage() {
      return withMicroClusters(DEFAULT_MICRO_CLUSTERS);
    }

    public Options withSeed(long seed) {
      return new Options(linkage, k, microClusters, seed, threads);
    }

    public Options withThreads(int threads) {
      return new Options(linkage, k, microClusters, seed, threads);
    }
  }

  /**
   * Bytes of working memory the exact method needs for n points of d features, beyond the input matrix: for
   * complete and average linkage the condensed matrix of n(n−1)/2 {@code float}s (4 bytes each) in tiles of
   * 32 × 32 (about 32·n values more); plus for every method a row-major and a column-major copy of the data
   * (16·n·d) and O(n) arrays (merge records, sort, union-find, the finished dendrogram, and for complete and average
   * linkage the chain's neighbour lists, for complete also the member lists and the exact-height pass, for average
   * the merge tree and the replay's stacks). O(1) time.
   */
  public static long memoryEstimate(Linkage linkage, int n, int d) {
    long nn = n;
    long columns = 16L * nn * d;
    long perPoint = switch (linkage) {
      // size, slot, position, cost, chain (slot, cost, position), merge log, chunk bounds (≤ 1,024 chain
      // positions), the spatial order while it is built
      case WARD -> 8 + 4 + 4 + 8 + 4 + 8 + 4 + 4 + 16 + 4;
      case SINGLE -> 4 + 8 + 8;       // point, best, scratch
      case COMPLETE, AVERAGE -> 8 + CondensedNnChain.bytesPerPoint(linkage, d); // scratch, chain state
    };
    long records = (4 + 4 + 8) + (4 + 4 + 8 + 8) + 16 + 4 + 4 + 8; // merges, dendrogram, sort, union-find
    long matrix = linkage.needsDistanceMatrix() ? CondensedNnChain.matrixBytes(nn, linkage) : 0;
    return matrix + columns + nn * (perPoint + records);
  }

  /** Clusters the rows of {@code data}, each with weight 1. */
  public static Result fit(FeatureMatrix data, Options options) {
    return fit(data, null, options);
  }

  /**
   * Refuses k segments of fewer than k distinct points, as k-means does: the cut would split identical customers
   * between segments at height 0. Stops at the k-th distinct point: O(n·d) at worst.
   */
  private static void requireDistinct(FeatureMatrix data, int k) {
    int n = data.rows();
    int d = data.columns();
    java.util.Set<java.util.List<Double>> seen = new java.util.HashSet<>();
    for (int i = 0; i < n && seen.size() < k; i++) {
      Double[] row = new Double[d];
      for (int j = 0; j < d; j++) {
        double v = data.get(i, j);
        row[j] = v == 0 ? 0.0 : v;   // -0.0 and 0.0 are one point
      }
      seen.add(java.util.List.of(row));
    }
    if (seen.size() < k) {
      throw KMeans.tooFewDistinct(data.toFlatArray(), n, d, k);
    }
  }

  /**
   * Clusters the rows of {@code data}.
   *
   * @param weights for ward only: one finite weight &gt; 0 per row (a row of weight w counts as w copies of the
   *     point: sizes in the dendrogram are sums of weights), or null for 1 each
   * @throws IllegalArgumentException when the data is empty, k exceeds the number of customers, weights are
   *     given for another linkage or are not positive, or the distance matrix of complete or average linkage
   *     does not fit in the heap (the message names the memory needed)
   */
  public static Result fit(FeatureMatrix data, double[] weights, Options options) {
    Inputs.data(data, options);
    int n = data.rows();
    int d = data.columns();
    Linkage linkage = options.linkage();
    if (options.k() > n) {
      throw new IllegalArgumentException("k = " + options.k() + " segments cannot exceed the number of customers, "
          + n + "; choose k ≤ " + n);
    }
    double[] w = checkWeights(weights, n, linkage);
    if (options.k() > 1) {
      requireDistinct(data, options.k());
    }
    long start = System.nanoTime();
    String[] ids = data.ids();
    boolean twoStage = options.microClusters() > 0 && options.microClusters() < n;
    if (twoStage) {
      return twoStage(data, w, options, ids, start);
    }
    double[] x = data.toFlatArray();
    Merges merges;
    switch (linkage) {
      case SINGLE -> merges = PrimSingleLinkage.run(x, n, d);
      case WARD -> merges = WardNnChain.run(x, n, d, w);
      default -> {
        checkMatrixFits(linkage, n, d);
        try (Blocks blocks = new Blocks(n, options.threads())) {
          CondensedNnChain chain;
          try {
            chain = CondensedNnChain.fill(x, n, d, linkage, blocks);
          } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(memoryMessage(linkage, n, d, Runtime.getRuntime()), e);
          }
          merges = chain.run(blocks);
        }
      }
    }
    Dendrogram tree = Dendrogram.fromMerges(n, merges, w, ids, linkage);
    return new Result(ids, data.names(), x, w, null, tree, options, System.nanoTime() - start, 0);
  }

  private static Result twoStage(FeatureMatrix data, double[] w, Options options, String[] ids, long start) {
    int n = data.rows();
    int d = data.columns();
    int m = options.microClusters();
    // stage 1a: k-means (k-means++ seeding, Hamerly) on a uniform sample of MICRO_SAMPLE points per micro-cluster
    int sampleSize = (int) Math.min(n, (long) MICRO_SAMPLE * m);
    int[] sample = Inputs.sample(n, sampleSize, options.seed());
    double[] sw = null;
    if (w != null) {
      sw = new double[sampleSize];
      for (int i = 0; i < sampleSize; i++) {
        sw[i] = w[sample[i]];
      }
    }
    KMeans.Result km;
    try {
      km = KMeans.fit(sampleSize == n ? data : data.selectRows(sample), sw, KMeans.Options.of(m)
          .withSeed(options.seed()).withNInit(1).withMaxIter(MICRO_MAX_ITER).withThreads(options.threads()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the two-stage path could not form " + m + " micro-clusters from a sample of "
          + sampleSize + " customers (" + e.getMessage() + "); use fewer micro-clusters or the exact method", e);
    }
    // stage 1b: every point to its nearest sample centroid; micro-clusters = those groups, with their own
    // (weighted) means and total weights, so that ward sees the exact centroids and sizes of the partition
    double[] x = data.toFlatArray();
    int[] micro = MicroClusters.assign(x, n, d, km.centroids(), options.threads());
    double[] weight = new double[m];
    double[] sum = new double[m * d];
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      int c = micro[i];
      weight[c] += wi;
      for (int k = 0; k < d; k++) {
        sum[c * d + k] += wi * x[i * d + k];
      }
    }
    // micro-clusters left without points are dropped
    int[] keep = new int[m];
    int leaves = 0;
    for (int c = 0; c < m; c++) {
      keep[c] = weight[c] > 0 ? leaves++ : -1;
    }
    double[] cx = new double[leaves * d];
    double[] cw = new double[leaves];
    String[] names = new String[leaves];
    for (int c = 0; c < m; c++) {
      int l = keep[c];
      if (l >= 0) {
        for (int k = 0; k < d; k++) {
          cx[l * d + k] = sum[c * d + k] / weight[c];
        }
        cw[l] = weight[c];
        names[l] = "m" + l;
      }
    }
    int[] leafOf = new int[n];
    for (int i = 0; i < n; i++) {
      leafOf[i] = keep[micro[i]];
    }
    if (options.k() > leaves) {
      throw new IllegalArgumentException("k = " + options.k() + " segments exceed the " + leaves
          + " micro-clusters of the two-stage path; use more micro-clusters than segments");
    }
    long stage1 = System.nanoTime() - start;
    // stage 2: exact weighted ward on the micro-clusters
    Merges merges = WardNnChain.run(cx, leaves, d, cw);
    Dendrogram tree = Dendrogram.fromMerges(leaves, merges, cw, names, Linkage.WARD);
    return new Result(ids, data.names(), x, w, leafOf, tree, options, System.nanoTime() - start, stage1);
  }

  private static double[] checkWeights(double[] weights, int n, Linkage linkage) {
    if (weights != null && linkage != Linkage.WARD) {
      throw new IllegalArgumentException("sample weights are supported for ward linkage only (as cluster sizes), not "
          + linkage.scipyName() + "; drop the weights or use Linkage.WARD");
    }
    return Inputs.weights(weights, n, true);
  }

  /** Refuses complete or average linkage when the condensed matrix will not fit the free heap. */
  static void checkMatrixFits(Linkage linkage, int n, int d) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (memoryEstimate(linkage, n, d) > free) {
      throw new IllegalArgumentException(memoryMessage(linkage, n, d, rt));
    }
  }

  static String memoryMessage(Linkage linkage, int n, int d, Runtime rt) {
    long need = memoryEstimate(linkage, n, d);
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return String.format(Locale.ROOT, "%s linkage on %,d customers needs a condensed distance matrix of n(n−1)/2 = "
        + "%,d %s: %s in all, but the JVM heap has %s free (maximum %s); raise the heap (-Xmx%s or more), "
        + "use ward or single linkage (O(n) memory), or cluster a sample", linkage.scipyName(), n,
        (long) n * (n - 1) / 2, "floats", bytes(need),
        bytes(Math.max(0, free)), bytes(rt.maxMemory()),
        (need + (rt.maxMemory() - Math.max(0, free)) + (1L << 30) - 1) / (1L << 30) + "g");
  }

  static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
  }

  /**
   * A fitted hierarchy: the dendrogram and cuts of it, one label per customer. As a {@link Clustering} it is the cut
   * into the options' k segments; fitted without a k ({@code k() == 0}), its labels, sizes, centroids and tables
   * throw {@link IllegalStateException}. It has no {@link #predict} (see {@link Clustering}). Immutable; accessors
   * copy.
   */
  public static final class Result implements Clustering {
    private final String[] ids;
    private final String[] names;
    private final int[] leafOf;
    private final Dendrogram tree;
    private final Options options;
    private final long nanos;
    private final long stage1Nanos;
    /** The cut into the options' k segments and each segment's (weighted) mean, row-major; null without k. */
    private final int[] labels;
    private final double[] means;
    /** The k selection that chose k ({@link KSelection.HierarchicalOptions}), or null. */
    private final KSelection.Result selection;

    /**
     * @param x the training points, row-major, for the segment means
     * @param w the weights of the fit, or null
     */
    Result(String[] ids, String[] names, double[] x, double[] w, int[] leafOf, Dendrogram tree, Options options,
        long nanos, long stage1Nanos) {
      this(ids, names, x, w, leafOf, tree, options, nanos, stage1Nanos, null);
    }

    private Result(String[] ids, String[] names, double[] x, double[] w, int[] leafOf, Dendrogram tree,
        Options options, long nanos, long stage1Nanos, KSelection.Result selection) {
      this.selection = selection;
      this.ids = ids;
      this.names = names;
      this.leafOf = leafOf;
      this.tree = tree;
      this.options = options;
      this.nanos = nanos;
      this.stage1Nanos = stage1Nanos;
      int k = options.k();
      if (k > 0) {
        labels = cut(k);
        means = new double[k * names.length];
        double[][] rows = Labels.means(x, names.length, labels, k, w, null);
        for (int c = 0; c < k; c++) {
          System.arraycopy(rows[c], 0, means, c * names.length, names.length);
        }
      } else {
        labels = null;
        means = null;
      }
    }

    /** {@code hierarchical}. */
    @Override
    public String name() {
      return "hierarchical";
    }

    /**
     * This tree (fitted on {@code data}, without weights) cut into k segments, carrying the selection that chose k.
     */
    Result atK(int k, FeatureMatrix data, KSelection.Result selection) {
      return new Result(ids, names, data.toFlatArray(), null, leafOf, tree, options.withK(k), nanos, stage1Nanos,
          selection);
    }

    /** The same cut with this selection (used when k = 1 was forced). */
    Result withSelection(KSelection.Result selection) {
      return new Result(ids, names, null, null, leafOf, tree, options, nanos, stage1Nanos, selection, means, labels);
    }

    private Result(String[] ids, String[] names, double[] x, double[] w, int[] leafOf, Dendrogram tree,
        Options options, long nanos, long stage1Nanos, KSelection.Result selection, double[] means, int[] labels) {
      this.ids = ids;
      this.names = names;
      this.leafOf = leafOf;
      this.tree = tree;
      this.options = options;
      this.nanos = nanos;
      this.stage1Nanos = stage1Nanos;
      this.selection = selection;
      this.means = means;
      this.labels = labels;
    }

    /** The k selection that chose k ({@link KSelection.HierarchicalOptions}), or null when k was given. */
    @Override
    public KSelection.Result selection() {
      return selection;
    }

    /** The key numbers for a one-line summary. */
    @Override
    public String figures() {
      return String.format(Locale.ROOT, "top merge at height %.6g%s", tree.merges() == 0 ? 0.0
          : tree.height(tree.merges() - 1), isTwoStage() ? ", two-stage with " + tree.leaves() + " micro-clusters" : "");
    }

    /** {@code "hierarchical, ward linkage, k = 5, seed 0"}. */
    @Override
    public String settings() {
      return "hierarchical, " + options.linkage().scipyName() + " linkage, k = " + options.k() + ", seed "
          + options.seed();
    }

    /**
     * The segment of each customer for the k of the options, {@code 0 … k−1} by size, largest first. A copy.
     *
     * @throws IllegalStateException when the options had no k: use {@link #cut(int)}
     */
    @Override
    public int[] labels() {
      return requireK().clone();
    }

    private int[] requireK() {
      if (labels == null) {
        throw new IllegalStateException("this hierarchy was fitted without a number of segments: call cut(k) or "
            + "cutAtHeight(h), or fit with Options.withK(k)");
      }
      return labels;
    }

    /** The k of the options (0: none). */
    @Override
    public int k() {
      return options.k();
    }

    /**
     * Number of customers in each segment of {@link #labels()}.
     *
     * @throws IllegalStateException when the options had no k
     */
    @Override
    public long[] sizes() {
      return Labels.sizes(requireK(), options.k());
    }

    /** 0: hierarchical clustering has no noise. */
    @Override
    public int noiseCount() {
      return 0;
    }

    /** The feature names of the fitted data. A copy. */
    @Override
    public String[] featureNames() {
      return names.clone();
    }

    /**
     * The mean of each segment's customers ({@code k × d}; weighted when ward was fitted with weights), in the
     * training feature space. A copy.
     *
     * @throws IllegalStateException when the options had no k
     */
    @Override
    public double[][] centroids() {
      requireK();
      int d = names.length;
      double[][] out = new double[options.k()][];
      for (int c = 0; c < out.length; c++) {
        out[c] = Arrays.copyOfRange(means, c * d, c * d + d);
      }
      return out;
    }

    /** False: a merge tree has no rule for new customers (see {@link Clustering}). */
    @Override
    public boolean canPredict() {
      return false;
    }

    /**
     * Always throws: hierarchical clustering defines no rule for new customers.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public int[] predict(FeatureMatrix m) {
      throw new UnsupportedOperationException("hierarchical clustering (" + options.linkage().scipyName()
          + " linkage) cannot place new customers: its merge tree covers only the customers it was built from, and "
          + "each linkage would need its own rule; check canPredict() first, or use the nearest of centroids() "
          + "(the segment means)");
    }

    /** The fit time; the merges are not counted as iterations and distances are not counted. */
    @Override
    public Clustering.Diagnostics diagnostics() {
      return Clustering.Diagnostics.timeOnly(nanos);
    }

    /**
     * One row per segment of {@link #labels()}: size, share (percent) and the segment means.
     *
     * @throws IllegalStateException when the options had no k
     */
    @Override
    public Table summaryTable() {
      return Labels.addCoordinates(Labels.segmentTable("segments", sizes(), 0, ids.length, false), names, means,
          options.k());
    }

    /**
     * The segment of each customer when the tree is cut into k clusters ({@link Dendrogram#cut(int)}), numbered
     * by number of customers, largest first (ties: first customer first). O(n).
     */
    public int[] cut(int k) {
      if (k < 1 || k > tree.leaves()) {
        throw new IllegalArgumentException("cannot cut into k = " + k + " segments: choose 1 ≤ k ≤ " + tree.leaves()
            + (leafOf == null ? " (the number of customers)" : " (the number of micro-clusters)"));
      }
      return perCustomer(tree.cut(k), k);
    }

    /** The segment of each customer when the tree is cut at height h ({@link Dendrogram#cutAtHeight(double)}). */
    public int[] cutAtHeight(double h) {
      return perCustomer(tree.cutAtHeight(h), tree.clustersAtHeight(h));
    }

    private int[] perCustomer(int[] leafLabels, int k) {
      if (leafOf == null) {
        return leafLabels;
      }
      int[] raw = new int[leafOf.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = leafLabels[leafOf[i]];
      }
      return Labels.apply(raw, Labels.bySize(raw, k, null, 0));
    }

    /** The merge tree: over customers (exact) or over micro-clusters (two-stage). */
    @Override
    public Dendrogram dendrogram() {
      return tree;
    }

    /** True when the two-stage approximation ran (ward with fewer micro-clusters than customers). */
    public boolean isTwoStage() {
      return leafOf != null;
    }

    /** For the two-stage path, the dendrogram leaf (micro-cluster) of each customer; else each customer's row. */
    public int[] leafOf() {
      if (leafOf == null) {
        int[] identity = new int[ids.length];
        Arrays.setAll(identity, i -> i);
        return identity;
      }
      return leafOf.clone();
    }

    /** The linkage used. */
    public Linkage linkage() {
      return options.linkage();
    }

    /** The options used. */
    public Options options() {
      return options;
    }

    /** Total fit time in nanoseconds. */
    public long nanos() {
      return nanos;
    }

    /** One row per customer: {@code customer_id, segment} for the k of the options. */
    @Override
    public Table toTable() {
      return toTable(requireK());
    }

    /** One row per customer: {@code customer_id, segment} for k segments. */
    public Table toTable(int k) {
      return toTable(cut(k));
    }

    private Table toTable(int[] labels) {
      return Labels.customerTable("hierarchical", ids, labels);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "Hierarchical (%s, %s) n=%,d, %.1f ms", options.linkage().scipyName(),
          leafOf == null ? "exact" : "two-stage with " + tree.leaves() + " micro-clusters", ids.length, nanos / 1e6));
      if (leafOf != null) {
        sb.append(String.format(Locale.ROOT, " (micro-clusters %.1f ms)", stage1Nanos / 1e6));
      }
      sb.append(System.lineSeparator());
      if (options.k() > 0) {
        sb.append("segments (k=").append(options.k()).append("): ").append(SegmentSizes.of(sizes()))
            .append(System.lineSeparator());
      }
      return sb.append(tree).toString();
    }
  }
}
