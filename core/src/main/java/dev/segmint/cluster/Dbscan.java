package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Threads;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * DBSCAN (Ester, Kriegel, Sander, Xu 1996): segments of any shape made of dense regions, and noise.
 *
 * <p>Contract (Segmint's DESIGN): {@code minPts} counts the point itself (scikit-learn's {@code min_samples}); a
 * point is <em>core</em> when at least {@code minPts} points lie within distance ≤ {@code eps} of it (Euclidean, not
 * squared, compared exactly as {@code Math.sqrt(d²) <= eps}); core points within eps of each other are in one
 * segment; a non-core point within eps of some core point is a <em>border</em> point and joins the segment of its
 * <b>nearest</b> core point (ties: the core point with the smallest row index), so the result does not depend on
 * the visiting order; every other point is noise, {@code -1}. Segments are numbered {@code 0..k-1} by size, largest
 * first (ties by first occurrence).
 *
 * <p>Neighbour search ({@link Index}): a uniform grid with cells of side eps/√d for low dimensions (a whole cell
 * is core at once when it holds minPts points, and cells are joined by the first core pair found), a KD-tree for
 * moderate dimensions, and blocked brute force beyond, where trees stop pruning.
 * {@link Index#AUTO} picks by dimension and size from measured crossovers ({@link #chooseIndex}; docs/density.md).
 *
 * <p>Memory O(n) beyond the data: a copy of the points in index order, a core flag, a union–find array over points
 * (or cells) and the labels. Neighbourhoods are never stored: core detection counts neighbours and stops at minPts;
 * segments are the connected components of core points, found by a lock-free union–find; border points look for
 * their nearest core point in a third pass.
 *
 * <p>Parallelism: all three passes run over fixed blocks of points (or cells) on {@code threads} workers. Core flags
 * and border choices do not depend on the order of work, and the components of a union–find do not depend on the
 * order of unions, so labels are identical for any thread count.
 *
 * <p>Cost: with an index, about O(n·(log n + m)) distance computations where m is the typical neighbourhood size
 * (the grid: O(n·m) with far smaller constants); brute force O(n²·d). Choosing eps: {@link #kDistance} computes the
 * sorted k-distance curve (k = minPts − 1 other points) and its knee; {@link Options#autoEps} uses it.
 *
 * <p>References: M. Ester et al. (1996), A density-based algorithm for discovering clusters in large spatial
 * databases with noise (KDD); E. Schubert et al. (2017), DBSCAN revisited, revisited (ACM TODS); J. Gan, Y. Tao
 * (2015), DBSCAN revisited (SIGMOD); V. Satopää et al. (2011), Finding a "kneedle" in a haystack.
 */
public final class Dbscan {

  private Dbscan() {}

  /** Neighbour search structure. */
  public enum Index {
    /** Chosen by dimension and size ({@link Dbscan#chooseIndex}). */
    AUTO,
    /**
     * Uniform grid of side eps/√d: fastest for 1–3 features. Falls back to the KD-tree above 4 features or when eps
     * is so tiny next to the data's span that cell coordinates would overflow.
     */
    GRID,
    /** KD-tree with median splits. */
    KD_TREE,
    /** Blocked brute force: every query scans all points. */
    BRUTE_FORCE
  }

  /**
   * DBSCAN settings. Create with {@link #of(double, int)} or {@link #autoEps(int)}; adjust with the {@code withX}
   * copies. As a {@link Clusterer}: no sample weights, and no seed (DBSCAN draws no random numbers; eps auto takes
   * every ⌈n/sample⌉-th row).
   *
   * @param eps neighbourhood radius, a plain Euclidean distance &gt; 0 (ignored when {@code autoEps})
   * @param autoEps choose eps at the knee of the k-distance curve ({@link Dbscan#kDistance})
   * @param minPts points within eps (the point itself included) that make a point core, ≥ 1
   * @param threads worker threads: 0 for all available processors, n ≥ 1 for at most n (results do not depend on it)
   * @param index neighbour search structure
   * @param kDistanceSample points whose k-distance is computed for {@code autoEps} (all when n is smaller)
   */
  public record Options(double eps, boolean autoEps, int minPts, int threads, Index index, int kDistanceSample)
      implements Clusterer {
    public Options {
      if (!autoEps && !(eps > 0 && Double.isFinite(eps))) {
        throw new IllegalArgumentException("eps must be a finite distance > 0, got " + eps
            + "; pick it from the k-distance curve (Dbscan.kDistance) or use eps auto");
      }
      if (minPts < 1) {
        throw new IllegalArgumentException("minPts must be at least 1 (it counts the point itself), got " + minPts);
      }
      Threads.check(threads);
      Objects.requireNonNull(index, "index");
      if (kDistanceSample < 3) {
        throw new IllegalArgumentException("kDistanceSample must be at least 3, got " + kDistanceSample);
      }
    }

    /** Radius eps and minPts; all processors (threads 0), {@link Index#AUTO}. */
    public static Options of(double eps, int minPts) {
      return new Options(eps, false, minPts, 0, Index.AUTO, 20_000);
    }

    /** minPts with eps chosen at the knee of the k-distance curve of up to 20,000 points; all processors. */
    public static Options autoEps(int minPts) {
      return new Options(Double.NaN, true, minPts, 0, Index.AUTO, 20_000);
    }

    /** {@code dbscan}. */
    @Override
    public String name() {
      return "dbscan";
    }

    /** {@link Dbscan#fit} with these options. DBSCAN takes no sample weights. */
    @Override
    public Result fit(FeatureMatrix m) {
      return Dbscan.fit(m, this);
    }

    public Options withEps(double eps) {
      return new Options(eps, false, minPts, threads, index, kDistanceSample);
    }

    public Options withMinPts(int minPts) {
      return new Options(eps, autoEps, minPts, threads, index, kDistanceSample);
    }

    public Options withThreads(int threads) {
      return new Options(eps, autoEps, minPts, threads, index, kDistanceSample);
    }

    public Options withIndex(Index index) {
      return new Options(eps, autoEps, minPts, threads, index, kDistanceSample);
    }

    public Options withKDistanceSample(int kDistanceSample) {
      return new Options(eps, autoEps, minPts, threads, index, kDistanceSample);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "eps=%s, minPts=%d, threads=%s, index=%s", autoEps ? "auto" : fmt(eps),
          minPts, Threads.text(threads), index);
    }
  }

  /** Largest dimension for which {@link Index#AUTO} uses the grid (measured: docs/density.md). */
  static final int GRID_MAX_DIM = 4;
  /** Largest dimension for which {@link Index#AUTO} uses the KD-tree (measured: docs/density.md). */
  static final int KD_TREE_MAX_DIM = 32;
  /** Below this many points {@link Index#AUTO} uses brute force (an index does not pay). */
  static final int BRUTE_FORCE_MAX_N = 256;

  /**
   * The index {@link Index#AUTO} uses for n points with d features: brute force for fewer than 256 points; the grid
   * up to 4 features; the KD-tree up to 32 features; brute force beyond. Measured with {@code DbscanIndexBenchmark}
   * (docs/density.md, quiet machine): the grid wins by 6–21× at 2–3 features and by 2–7× at 4 features (1,000 and
   * 20,000 points); the grid handles at most 4 features; on clustered data the tree still beats brute
   * force at 32 features. The grid falls back to the KD-tree when eps is so small next to the data's span that cell
   * coordinates would overflow.
   */
  public static Index chooseIndex(int n, int d) {
    if (n < BRUTE_FORCE_MAX_N) {
      return Index.BRUTE_FORCE;
    }
    if (d <= GRID_MAX_DIM) {
      return Index.GRID;
    }
    if (d <= KD_TREE_MAX_DIM) {
      return Index.KD_TREE;
    }
    return Index.BRUTE_FORCE;
  }

  /**
   * Clusters the rows of {@code data}.
   *
   * @throws IllegalArgumentException for an empty matrix
   */
  public static Result fit(FeatureMatrix data, Options options) {
    Inputs.data(data, options);
    int n = data.rows();
    int d = data.columns();
    long start = System.nanoTime();
    KDistance kd = null;
    double eps = options.eps();
    if (options.autoEps()) {
      kd = kDistance(data.toFlatArray(), n, d, options.minPts(), options.kDistanceSample(), options.threads());
      eps = kd.eps();
      if (!(eps > 0)) {
        throw new IllegalArgumentException("eps auto found a k-distance of 0 at the knee (minPts = " + options.minPts()
            + "): more than that many customers share identical features; raise minPts or give eps");
      }
    }
    double r2 = SquaredDistances.threshold(eps);
    int minPts = options.minPts();
    Index index = options.index() == Index.AUTO ? chooseIndex(n, d) : options.index();
    Index used = index;
    // the points are copied once, in the index's order ("positions"); the result keeps that copy for predict
    double[] points;
    int[] rowOf;
    int[] code;
    int representatives;
    DbscanGrid grid = index == Index.GRID ? DbscanGrid.build(data::get, n, d, eps) : null;
    if (index == Index.GRID && grid == null) {
      used = Index.KD_TREE;
    }
    if (grid != null) {
      code = grid.run(r2, minPts, options.threads());
      points = grid.x;
      rowOf = grid.order;
      representatives = grid.cells;
    } else {
      double[] x = data.toFlatArray();
      SpatialIndex si = used == Index.KD_TREE ? new KdTree(x, n, d, 16) : SpatialIndex.bruteForce(x, n, d);
      x = null;
      code = runIndexed(si, r2, minPts, options.threads());
      points = si.x;
      rowOf = si.order;
      representatives = n;
    }
    grid = null;
    // decode in place: core flags, and every point's cluster representative (or -1)
    boolean[] core = new boolean[n];
    for (int p = 0; p < n; p++) {
      int c = code[p];
      if (c >= 0) {
        core[p] = true;
      } else if (c < -1) {
        code[p] = -2 - c;
      }
    }
    int k = renumber(code, representatives, rowOf);
    return new Result(data.ids(), data.names(), points, rowOf, d, code, core, k, eps, options, used, kd,
        System.nanoTime() - start);
  }

  /**
   * Renumbers cluster representatives {@code 0..representatives-1} in place to {@code 0..k-1} by size, largest
   * first, ties by the smallest row; returns k. Labels are by position, {@code rowOf} maps positions to rows.
   */
  private static int renumber(int[] labels, int representatives, int[] rowOf) {
    int k = Labels.compact(labels, labels, new int[representatives]);
    Labels.applyInPlace(labels, Labels.bySize(labels, k, null, 0, rowOf));
    return k;
  }

  /**
   * DBSCAN through a KD-tree or brute force: point-level union–find. Returns a code per position, as
   * {@link DbscanGrid#run}: ≥ 0 core (representative position), -1 noise, {@code -2 - c} border.
   */
  static int[] runIndexed(SpatialIndex si, double r2, int minPts, int threads) {
    int n = si.n;
    int d = si.d;
    double[] x = si.x;
    int[] code = new int[n];
    try (Blocks blocks = new Blocks(n, threads)) {
      blocks.forEach(b -> {
        for (int p = blocks.from(b); p < blocks.to(b); p++) {
          code[p] = si.count(x, p * d, r2, minPts) >= minPts ? 0 : -1;
        }
      });
      ConcurrentUnionFind uf = new ConcurrentUnionFind(n);
      blocks.forEach(b -> {
        for (int p = blocks.from(b); p < blocks.to(b); p++) {
          if (code[p] >= 0) {
            final int from = p;
            si.range(x, p * d, r2, p + 1, (q, d2) -> {
              if (code[q] >= 0) {
                uf.union(from, q);
              }
            });
          }
        }
      });
      // the sign of code[] stays "core or not" while it is rewritten, so concurrent readers see the right class
      blocks.forEach(b -> {
        Nearest nearest = new Nearest(si.order, code);
        for (int p = blocks.from(b); p < blocks.to(b); p++) {
          if (code[p] >= 0) {
            code[p] = uf.find(p);
          } else {
            nearest.reset();
            si.range(x, p * d, r2, 0, nearest);
            code[p] = nearest.position < 0 ? -1 : -2 - uf.find(nearest.position);
          }
        }
      });
    }
    return code;
  }

  /** Range visitor keeping the nearest core point (ties: smallest row). */
  static final class Nearest implements SpatialIndex.Visitor {
    private final int[] rowOf;
    private final int[] code;
    double dist2;
    int row;
    int position;

    /** Positions map to rows through {@code rowOf}; {@code code[q] >= 0} marks core positions (null: all). */
    Nearest(int[] rowOf, int[] code) {
      this.rowOf = rowOf;
      this.code = code;
      reset();
    }

    void reset() {
      dist2 = Double.POSITIVE_INFINITY;
      row = Integer.MAX_VALUE;
      position = -1;
    }

    @Override
    public void visit(int q, double d2) {
      if ((code == null || code[q] >= 0) && (d2 < dist2 || (d2 == dist2 && rowOf[q] < row))) {
        dist2 = d2;
        row = rowOf[q];
        position = q;
      }
    }
  }

  /**
   * The k-distance curve for choosing eps: for each of up to {@code sample} points (every ⌈n/sample⌉-th row), the
   * distance to its (minPts − 1)-th nearest other point, i.e. the smallest eps that makes it core. Sorted ascending,
   * with the knee (Kneedle) as the suggested eps.
   *
   * <p>Cost: a KD-tree (or brute force above 32 features) and one k-nearest-neighbour query per sampled point,
   * O(sample·log n) for low d. Memory: the tree, O(n).
   *
   * @param threads 0 for all available processors, n ≥ 1 for at most n (the curve does not depend on it)
   */
  public static KDistance kDistance(FeatureMatrix data, int minPts, int sample, int threads) {
    Objects.requireNonNull(data, "data");
    if (minPts < 1) {
      throw new IllegalArgumentException("minPts must be at least 1 (it counts the point itself), got " + minPts);
    }
    if (sample < 3) {
      throw new IllegalArgumentException("sample must be at least 3, got " + sample);
    }
    Threads.check(threads);
    if (data.rows() == 0) {
      throw new IllegalArgumentException("cannot compute k-distances of an empty feature matrix (0 customers)");
    }
    return kDistance(data.toFlatArray(), data.rows(), data.columns(), minPts, sample, threads);
  }

  static KDistance kDistance(double[] x, int n, int d, int minPts, int sample, int threads) {
    if (minPts > n) {
      throw new IllegalArgumentException("minPts = " + minPts + " exceeds the number of customers, " + n
          + ": no point can be core; choose minPts ≤ " + n);
    }
    int stride = Math.max(1, (n + sample - 1) / sample);
    int m = (n + stride - 1) / stride;
    double[] kd = new double[m];
    SpatialIndex si = d <= KD_TREE_MAX_DIM ? new KdTree(x, n, d, 16) : SpatialIndex.bruteForce(x, n, d);
    try (Blocks blocks = new Blocks(m, threads)) {
      blocks.forEach(b -> {
        SpatialIndex.Heap heap = new SpatialIndex.Heap(minPts);
        for (int s = blocks.from(b); s < blocks.to(b); s++) {
          heap.clear();
          si.knn(x, s * stride * d, heap);
          kd[s] = Math.sqrt(heap.kth());
        }
      });
    }
    Arrays.sort(kd);
    double[] ranks = new double[m];
    for (int s = 0; s < m; s++) {
      ranks[s] = s;
    }
    int knee = KSelection.knee(ranks, kd);
    return new KDistance(minPts - 1, kd, knee, stride);
  }

  /**
   * The sorted k-distance curve and its knee. Immutable.
   */
  public static final class KDistance {
    private final int k;
    private final double[] sorted;
    private final int knee;
    private final int stride;

    KDistance(int k, double[] sorted, int knee, int stride) {
      this.k = k;
      this.sorted = sorted;
      this.knee = knee;
      this.stride = stride;
    }

    /** k = minPts − 1: the neighbour (not counting the point itself) whose distance is taken. */
    public int k() {
      return k;
    }

    /** The k-distances of the sampled points, ascending. A copy. */
    public double[] distances() {
      return sorted.clone();
    }

    /** Index of the knee in {@link #distances()}. */
    public int kneeIndex() {
      return knee;
    }

    /** The suggested eps: the k-distance at the knee. */
    public double eps() {
      return sorted[knee];
    }

    /** Share of the sampled points that are core with the suggested eps (their k-distance is at most eps). */
    public double coreShare() {
      double e = eps();
      int c = 0;
      for (double v : sorted) {
        if (v <= e) {
          c++;
        }
      }
      return c / (double) sorted.length;
    }

    /** Number of sampled points (every {@code stride}-th row). */
    public int sampleSize() {
      return sorted.length;
    }

    /** One row per sampled point: rank and k-distance (for plotting the curve). */
    public Table toTable() {
      int[] rank = new int[sorted.length];
      for (int i = 0; i < rank.length; i++) {
        rank[i] = i;
      }
      return Table.create("k-distance (k = " + k + ")", IntColumn.create("rank", rank),
          DoubleColumn.create("k_distance", sorted));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "k-distance curve, k = %d, %,d points%s: knee at rank %,d (%.1f %%), "
          + "eps = %s (%.1f %% of points core)%n", k, sorted.length, stride > 1 ? " (every " + stride + "th row)" : "",
          knee, 100.0 * knee / Math.max(1, sorted.length - 1), fmt(eps()), 100 * coreShare()));
      sb.append("quantiles:");
      for (double q : new double[] {0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1}) {
        sb.append(String.format(Locale.ROOT, " %d%%=%s", Math.round(q * 100),
            fmt(sorted[(int) Math.round(q * (sorted.length - 1))])));
      }
      return sb.toString();
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * A DBSCAN clustering: labels (−1 = noise), core flags, sizes, and {@link #predict} for new customers. Immutable;
   * arrays are copied out.
   */
  public static final class Result implements Clustering {
    private final String[] ids;
    private final String[] names;
    private final int d;
    /** Labels and core flags by position (the index's order); {@code rowOf[p]} is the row at position p. */
    private final int[] labels;
    private final boolean[] core;
    private final int k;
    private final double eps;
    private final Options options;
    private final Index index;
    private final KDistance kDistance;
    private final long nanos;
    /** All points in index order and the row of each (the fit's own copy), for predict. */
    private final double[] points;
    private final int[] rowOf;
    private final int coreCount;
    private volatile SpatialIndex coreIndex;
    /** By position in {@link #coreIndex}: the core point's row and label. */
    private int[] coreRows;
    private int[] coreLabels;

    Result(String[] ids, String[] names, double[] points, int[] rowOf, int d, int[] labels, boolean[] core, int k,
        double eps, Options options, Index index, KDistance kDistance, long nanos) {
      this.ids = ids;
      this.names = names;
      this.d = d;
      this.labels = labels;
      this.core = core;
      this.k = k;
      this.eps = eps;
      this.options = options;
      this.index = index;
      this.kDistance = kDistance;
      this.nanos = nanos;
      this.points = points;
      this.rowOf = rowOf;
      int c = 0;
      for (boolean b : core) {
        if (b) {
          c++;
        }
      }
      this.coreCount = c;
    }

    /** {@code dbscan}. */
    @Override
    public String name() {
      return "dbscan";
    }

    /** Segment of each input row, {@code 0..k-1} by size (largest first), or {@code -1} for noise. A copy. */
    @Override
    public int[] labels() {
      int[] out = new int[labels.length];
      for (int p = 0; p < labels.length; p++) {
        out[rowOf[p]] = labels[p];
      }
      return out;
    }

    /** Whether each input row is a core point. A copy. */
    public boolean[] core() {
      boolean[] out = new boolean[core.length];
      for (int p = 0; p < core.length; p++) {
        out[rowOf[p]] = core[p];
      }
      return out;
    }

    /** Number of segments (noise excluded). */
    @Override
    public int k() {
      return k;
    }

    /** The eps used (the chosen one when it was automatic). */
    public double eps() {
      return eps;
    }

    public int minPts() {
      return options.minPts();
    }

    /** The key numbers for a one-line summary. */
    @Override
    public String figures() {
      return String.format(Locale.ROOT, "%,d core, %,d border (%s index)", coreCount(), borderCount(), index);
    }

    /** {@code "DBSCAN, eps = 0.500000, minPts = 10"} ({@code (auto)} after an automatic eps). */
    @Override
    public String settings() {
      return String.format(Locale.ROOT, "DBSCAN, eps = %.6g%s, minPts = %d", eps(), kDistance() != null ? " (auto)" : "",
          minPts());
    }

    /** The k-distance curve when eps was automatic, else null. */
    @Override
    public KDistance kDistance() {
      return kDistance;
    }

    /** The index that ran (AUTO resolved; GRID may have fallen back to KD_TREE). */
    public Index index() {
      return index;
    }

    public Options options() {
      return options;
    }

    /** Fit time in nanoseconds. */
    public long nanos() {
      return nanos;
    }


    public int coreCount() {
      return coreCount;
    }

    /** The fit time; DBSCAN has no iterations and does not count its distances. 0 for {@link #ofCorePoints}. */
    @Override
    public Clustering.Diagnostics diagnostics() {
      return Clustering.Diagnostics.timeOnly(nanos);
    }

    /**
     * The mean of each segment's points ({@code k × d}, noise left out; for {@link #ofCorePoints} the core points').
     * Descriptive only: {@link #predict} compares with core points, and a curved segment's mean may lie outside
     * it. O(n·d).
     */
    @Override
    public double[][] centroids() {
      return Labels.means(points, d, labels, k, null, Labels.positionOfRow(rowOf));
    }

    /** Points that are in a segment but not core. */
    public int borderCount() {
      return labels.length - coreCount() - noiseCount();
    }

    /**
     * The segment of each new point: that of its nearest core point within eps (ties: the core point with the
     * smallest row), or -1 (noise). Points must have the training features, scaled the same way. O(log c) per
     * point for low d (a KD-tree over the c core points, built on first use).
     */
    public int[] predict(double[][] points) {
      Objects.requireNonNull(points, "points");
      SpatialIndex si = coreIndex();
      int[] coreLabels = this.coreLabels;
      double r2 = SquaredDistances.threshold(eps);
      int[] out = new int[points.length];
      Nearest nearest = new Nearest(coreRows, null);
      for (int i = 0; i < points.length; i++) {
        double[] p = points[i];
        Inputs.point(p, i, names);
        nearest.reset();
        si.range(p, 0, r2, 0, nearest);
        out[i] = nearest.position < 0 ? -1 : coreLabels[nearest.position];
      }
      return out;
    }

    /**
     * The core points, one row each in input row order (the points {@link #predict} compares new points with). A
     * copy; O(c·d) memory for c core points.
     */
    public double[][] corePoints() {
      double[][] out = new double[coreCount][d];
      int[] posOfRow = Labels.positionOfRow(rowOf);
      int t = 0;
      for (int i = 0; i < labels.length; i++) {
        if (core[posOfRow[i]]) {
          System.arraycopy(points, posOfRow[i] * d, out[t++], 0, d);
        }
      }
      return out;
    }

    /** The segment of each core point, in the order of {@link #corePoints()} (training row order). A copy. */
    public int[] coreLabels() {
      boolean[] coreOfRow = core();
      int[] labelOfRow = labels();
      int[] out = new int[coreCount];
      int t = 0;
      for (int i = 0; i < labelOfRow.length; i++) {
        if (coreOfRow[i]) {
          out[t++] = labelOfRow[i];
        }
      }
      return out;
    }

    /** The feature names of the fitted data. A copy. */
    @Override
    public String[] featureNames() {
      return names.clone();
    }

    /**
     * A result that holds only core points, for {@link #predict} on new points (as a saved model restores it): its
     * rows are the core points, all core, with their segments. {@code predict} gives the same segments as that of
     * the fit the core points came from.
     *
     * @param featureNames the feature names, one per column
     * @param corePoints the core points in their original row order (ties in predict go to the earliest)
     * @param coreLabels the segment of each core point, {@code 0..k-1}
     * @throws IllegalArgumentException for ragged or non-finite points, negative labels, or eps/minPts out of range
     */
    public static Result ofCorePoints(String[] featureNames, double[][] corePoints, int[] coreLabels, double eps,
        int minPts) {
      Options options = Options.of(eps, minPts);
      int d = featureNames.length;
      int c = corePoints.length;
      if (coreLabels.length != c) {
        throw new IllegalArgumentException(c + " core points but " + coreLabels.length + " core labels");
      }
      double[] flat = new double[c * d];
      int[] rowOf = new int[c];
      boolean[] core = new boolean[c];
      int k = 0;
      for (int i = 0; i < c; i++) {
        if (corePoints[i].length != d) {
          throw new IllegalArgumentException("core point " + i + " has " + corePoints[i].length + " values but there are "
              + d + " features");
        }
        for (int j = 0; j < d; j++) {
          if (!Double.isFinite(corePoints[i][j])) {
            throw new IllegalArgumentException("core point " + i + " has a non-finite value in feature '"
                + featureNames[j] + "'");
          }
        }
        if (coreLabels[i] < 0) {
          throw new IllegalArgumentException("core point " + i + " has segment " + coreLabels[i]
              + "; core points belong to a segment 0..k-1");
        }
        System.arraycopy(corePoints[i], 0, flat, i * d, d);
        rowOf[i] = i;
        core[i] = true;
        k = Math.max(k, coreLabels[i] + 1);
      }
      String[] ids = new String[c];
      for (int i = 0; i < c; i++) {
        ids[i] = "core-" + i;
      }
      return new Result(ids, featureNames.clone(), flat, rowOf, d, coreLabels.clone(), core, k, eps, options,
          d <= KD_TREE_MAX_DIM ? Index.KD_TREE : Index.BRUTE_FORCE, null, 0);
    }

    /** {@link #predict(double[][])} for the customers of {@code m}, whose features must match by name. */
    @Override
    public int[] predict(FeatureMatrix m) {
      Inputs.sameFeatures(m, names);
      return predict(m.toArray());
    }

    private SpatialIndex coreIndex() {
      SpatialIndex si = coreIndex;
      if (si == null) {
        synchronized (this) {
          si = coreIndex;
          if (si == null) {
            // the core points with their rows (ties in predict go to the smallest row) and labels
            double[] corePoints = new double[coreCount * d];
            int[] rows = new int[coreCount];
            int[] cl = new int[coreCount];
            int t = 0;
            for (int p = 0; p < core.length; p++) {
              if (core[p]) {
                System.arraycopy(points, p * d, corePoints, t * d, d);
                rows[t] = rowOf[p];
                cl[t++] = labels[p];
              }
            }
            si = d <= KD_TREE_MAX_DIM ? new KdTree(corePoints, coreCount, d, 16)
                : SpatialIndex.bruteForce(corePoints, coreCount, d);
            int[] r = new int[coreCount];
            int[] l = new int[coreCount];
            for (int q = 0; q < coreCount; q++) {
              r[q] = rows[si.order[q]];
              l[q] = cl[si.order[q]];
            }
            coreRows = r;
            coreLabels = l;
            coreIndex = si;
          }
        }
      }
      return si;
    }

    /** One row per customer: {@code customer_id, segment} (-1 for noise). */
    @Override
    public Table toTable() {
      return Labels.customerTable("dbscan", ids, labels());
    }

    /** One row per segment (and one for noise, segment -1): size, share, core and border points. */
    @Override
    public Table summaryTable() {
      long[] sizes = sizes();
      int[] cr = new int[k + 1];
      for (int i = 0; i < labels.length; i++) {
        if (core[i]) {
          cr[labels[i] + 1]++;
        }
      }
      IntColumn cores = IntColumn.create("core");
      IntColumn border = IntColumn.create("border");
      for (int c = 0; c <= k; c++) {
        int s = c == k ? 0 : c + 1;
        cores.append(cr[s]);
        border.append(s == 0 ? 0 : (int) sizes[c] - cr[s]);
      }
      return Labels.segmentTable("segments", sizes, noiseCount(), labels.length, true).addColumns(cores, border);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "DBSCAN eps=%s minPts=%d (%s index): %d segments, n=%,d: %,d core, %,d border, "
          + "%,d noise (%.1f %%), %.1f ms%n%s%s", fmt(eps), options.minPts(), index, k, labels.length, coreCount(),
          borderCount(), noiseCount(), 100.0 * noiseCount() / labels.length, nanos / 1e6,
          kDistance == null ? "" : "eps auto: " + kDistance + "\n", summaryTable().print());
    }
  }
}
