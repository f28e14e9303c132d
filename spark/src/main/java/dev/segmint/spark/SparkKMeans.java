package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;

import dev.segmint.cluster.CentroidClustering;
import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.kernel.Distances;
import dev.segmint.kernel.PackedPoints;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * k-means on a {@code Dataset<Row>}: k-means‖ seeding (Bahmani et al. 2012) and Lloyd's iterations, by default
 * with Hamerly's bounds (G. Hamerly 2010, Making k-means even faster), with Segmint's nearest-centroid kernel
 * ({@link Distances}) inside each partition, the settings of core's {@link KMeans.Options}, and core's iteration
 * rules, so that from the same initial centroids ({@link KMeans.Options#withInitialCentroids}) it gives
 * {@link KMeans#fit(FeatureMatrix, KMeans.Options)}'s labels, and its centroids and inertia up to the order of the
 * sums (within 1e-9 relative in the tests).
 *
 * <p>How: one pass reads the feature columns into blocks of up to 4,096 consecutive rows of one partition (the
 * row-major doubles and the kernel's packed copy) and persists them deserialized; the same pass counts the rows,
 * the missing values and the moments. Each block also keeps, from one pass to the next, its points' labels, its
 * per-cluster sums and (Hamerly) one upper and one lower distance bound per point. A pass is one Spark job whose
 * closure holds the centroids (and the previous ones, their moves and separations): a block brings its labels up to
 * date — with Hamerly, a point whose bounds prove its centroid is still the nearest costs no distance, the others
 * one distance or the fused kernel; a block in which no label changed sends its kept sums — and each task returns
 * the sums, counts and changed labels of its chunks of 64 blocks. The driver adds the chunks in (partition, chunk)
 * order. (Spark's {@code treeAggregate} combines partials in the order tasks finish, which would make the last bits
 * of the centroids, and so possibly a label, depend on timing.) When the input has more partitions than Spark has
 * cores, the passes run on the persisted blocks coalesced to one task per core (no shuffle): a chunk never spans
 * tasks, so the sums, and every result, are the same whatever the number of executors, cores or tasks; they depend
 * only on the input's partitioning (the block boundaries).
 *
 * <p>A block's kept state is only a shortcut: each block records which run and which centroids (pass number) its
 * labels belong to, and a block that lost them (recomputed from the lineage after an executor was lost, read back
 * from disk, or read remotely) assigns its points to the previous and the current centroids from scratch, which
 * gives the same labels, sums and changed count. A repeated task finds its blocks already at the pass and sends
 * the same sums. The labels are Lloyd's in both variants (Hamerly's bounds are widened by 1e-12 relative so that
 * rounding never makes a skip wrong, as core's).
 *
 * <p>The iteration is core's template: a full assignment; then updates until the total squared centroid shift is
 * at most {@code tolerance} times the mean feature variance (then one more assignment), or an assignment changes
 * no label, or {@code maxIter} updates; an empty cluster takes the point farthest from its centroid (ties: lowest
 * row number). Segments are renumbered by size, largest first (ties: smaller centroid coordinates first), as core's.
 *
 * <p>k-means‖: one uniformly drawn point, then 5 rounds that each add every point with probability
 * {@code min(1, 2k · d²(x, C) / φ(C))}; the candidates (in row order), weighted by the points nearest to each, are
 * clustered on the driver by core's weighted k-means++ (Lloyd, the options' seed). Every draw derives from (seed,
 * round, row number), so the seeding does not depend on the partitioning.
 *
 * <p>Cost for n points, d features, k segments and P partitions: one Spark job per pass, no shuffle; per Lloyd pass
 * O(n·k·d) on the executors, per Hamerly pass O(n) plus O(k·d) for each point whose bounds fail (few once the
 * centroids settle), plus O(n·d) for the sums of blocks in which a label changed; O(k²·d + chunks·k·d) on the
 * driver. Set-up: one pass over the input; seeding 12 passes plus the candidates' k-means on the driver; the final
 * inertia one pass unless known. Memory on the executors: about {@code n·(16·d + 20)} bytes (row-major and packed
 * points, labels, bounds), {@code n·(16·d + 4)} with Lloyd. Limits: dense double features only (no missing
 * values: refused with the column and the first row), fewer than 2³¹ rows per partition, at least k distinct
 * points. The options' {@code algorithm}: {@code LLOYD} runs plain Lloyd (every distance every pass); {@code AUTO},
 * {@code HAMERLY} and {@code ELKAN} run Hamerly (Elkan's k bounds per point are not kept on Spark; the labels are
 * the same); {@code MINI_BATCH} is refused. {@code threads} and {@code batchSize} do not apply (the partitions are
 * the parallelism).
 */
public final class SparkKMeans {
  private SparkKMeans() {}

  /** Points per block inside a partition. */
  static final int BLOCK = 4096;
  /** Blocks per chunk: the unit whose partial sums the driver adds in a fixed order. */
  static final int CHUNK = 64;
  /** k-means‖ rounds (Bahmani et al. suggest a handful; the candidates' count is about rounds · 2k). */
  static final int ROUNDS = 5;
  /** Bounds are widened by this relative margin so that rounding can never make a skip wrong (core's value). */
  static final double SLACK = 1e-12;

  /**
   * A fitted k-means model: the centroids (segments renumbered by size), the training sizes, inertia, iterations.
   * Immutable; accessors return copies. The labels of the training rows come from {@link #assign}.
   */
  public static final class Result {
    private final String[] featureNames;
    private final double[] centroids;
    private final int k;
    private final long[] sizes;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final boolean bounded;
    private final KMeans.Options options;

    Result(String[] featureNames, double[] centroids, int k, long[] sizes, double inertia, int iterations,
        boolean converged, boolean bounded, KMeans.Options options) {
      this.featureNames = featureNames;
      this.centroids = centroids;
      this.k = k;
      this.sizes = sizes;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
      this.bounded = bounded;
      this.options = options;
    }

    /** The feature columns, in order. */
    public String[] featureNames() {
      return featureNames.clone();
    }

    /** The centroids, {@code k × d}, segment 0 the largest. */
    public double[][] centroids() {
      int d = featureNames.length;
      double[][] out = new double[k][];
      for (int c = 0; c < k; c++) {
        out[c] = Arrays.copyOfRange(centroids, c * d, c * d + d);
      }
      return out;
    }

    /** The number of segments. */
    public int k() {
      return k;
    }

    /** Training rows per segment. */
    public long[] sizes() {
      return sizes.clone();
    }

    /** Sum of squared distances of the training rows to their centroids. */
    public double inertia() {
      return inertia;
    }

    /** Centroid updates made. */
    public int iterations() {
      return iterations;
    }

    /** Whether the run stopped by the tolerance or with no label change (not by {@code maxIter}). */
    public boolean converged() {
      return converged;
    }

    /** The options of the fit. */
    public KMeans.Options options() {
      return options;
    }

    /**
     * The clustering as core's model file stores a k-means one ({@code cluster.algorithm = "kmeans"}: centroids,
     * sizes, settings): what {@code SegmentationModel} saves, so a model fitted here assigns with core's rule.
     */
    public CentroidClustering clustering() {
      return new CentroidClustering("kmeans", settings(), featureNames, centroids(), sizes, true);
    }

    /** The settings text, as core's k-means writes it. */
    public String settings() {
      return String.format(Locale.ROOT, "k=%d, seed=%d, nInit=%d, maxIter=%d, tolerance=%s, init=k-means||, "
          + "algorithm=%s (spark)", k, options.seed(), options.nInit(), options.maxIter(), options.tolerance(),
          bounded ? "hamerly" : "lloyd");
    }

    /**
     * {@code data} with an int column {@code segment} (the nearest centroid, ties to the lower segment) appended;
     * lazy, one pass, no shuffle. The feature columns must be numeric without missing values.
     *
     * @throws IllegalArgumentException when a feature column is missing from {@code data} or {@code segment} exists
     */
    public Dataset<Row> assign(Dataset<Row> data, String segment) {
      Objects.requireNonNull(segment, "segment");
      if (Arrays.asList(data.columns()).contains(segment)) {
        throw new IllegalArgumentException("column '" + segment + "' is already in the data; name the segment "
            + "column differently");
      }
      Columns.requireNumeric(data, featureNames);
      return assignNearest(data, segment, featureNames, centroids, k);
    }

    @Override
    public String toString() {
      return "SparkKMeans.Result[k=" + k + ", sizes=" + Arrays.toString(sizes) + ", inertia=" + inertia
          + ", iterations=" + iterations + (converged ? ", converged" : "") + "]";
    }
  }

  /**
   * Fits k-means on the rows of {@code data} with the numeric {@code featureColumns} (no missing values), with core's
   * options: {@code k}, {@code seed}, {@code nInit} (best of that many seedings), {@code maxIter}, {@code tolerance},
   * {@code algorithm} (see the class comment) and {@code initialCentroids} (when given, no seeding). Persists the
   * points while it runs and releases them.
   *
   * @throws IllegalArgumentException when a column is missing, not numeric or has a missing value (named with its
   *     first row), k exceeds the rows, there are fewer distinct points than k, the initial centroids do not fit,
   *     or the algorithm is mini-batch
   */
  public static Result fit(Dataset<Row> data, String[] featureColumns, KMeans.Options options) {
    return fit(data, featureColumns, options, data.sparkSession().sparkContext().defaultParallelism());
  }

  /** {@link #fit(Dataset, String[], KMeans.Options)} with the passes on at most {@code maxTasks} tasks. */
  static Result fit(Dataset<Row> data, String[] featureColumns, KMeans.Options options, int maxTasks) {
    Objects.requireNonNull(options, "options");
    String[] names = featureColumns.clone();
    Columns.requireNumeric(data, names);
    if (options.algorithm() == KMeans.Algorithm.MINI_BATCH) {
      throw new IllegalArgumentException("mini-batch k-means is not available on Spark (it would read a sample per "
          + "step, one Spark job each); choose Algorithm.AUTO (Hamerly) or LLOYD");
    }
    boolean bounded = options.algorithm() != KMeans.Algorithm.LLOYD;
    int d = names.length;
    int k = options.k();
    double[][] given = options.initialCentroids();
    if (given != null) {
      for (int c = 0; c < k; c++) {
        if (given[c].length != d) {
          throw new IllegalArgumentException("initial centroid " + c + " has " + given[c].length
              + " values but the data has " + d + " features");
        }
      }
    }
    Points points = null;
    try {
      points = Points.read(data, names, bounded, maxTasks);
      if (k > points.n) {
        throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of rows, " + points.n
            + "; choose k ≤ " + points.n);
      }
      double tolAbs = options.tolerance() * points.meanVariance;
      Run best = null;
      java.util.SplittableRandom seeds = new java.util.SplittableRandom(options.seed());
      for (int r = 0; r < options.nInit(); r++) {
        long runSeed = seeds.nextLong();
        double[] start = given != null ? flatten(given, d) : kMeansParallel(points, k, runSeed);
        Run run = lloyd(points, k, start, options.maxIter(), tolAbs, bounded);
        if (best == null || run.inertia < best.inertia) {
          best = run;
        }
      }
      return best.result(names, bounded, options);
    } catch (Exception e) {
      throw Errors.unwrap(e);
    } finally {
      if (points != null) {
        points.cached.unpersist(false);
      }
    }
  }

  /** {@code data} with the nearest of the row-major centroids in a new int column; static: ships no Result. */
  static Dataset<Row> assignNearest(Dataset<Row> data, String segment, String[] names, double[] centroids, int k) {
    int d = names.length;
    List<String> columns = Arrays.asList(data.columns());
    int width = columns.size();
    int[] at = new int[d];
    for (int j = 0; j < d; j++) {
      at[j] = columns.indexOf(names[j]);
    }
    JavaRDD<Row> out = data.javaRDD().mapPartitions((Iterator<Row> it) -> {
      double[] x = new double[d];
      int[] idx = new int[1];
      double[] dist = new double[1];
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          Row r = it.next();
          for (int j = 0; j < d; j++) {
            x[j] = Columns.number(r, at[j], names[j]);
          }
          Distances.nearestCentroids(x, 0, 1, d, centroids, k, idx, dist, null);
          Object[] values = new Object[width + 1];
          for (int q = 0; q < width; q++) {
            values[q] = r.get(q);
          }
          values[width] = idx[0];
          return RowFactory.create(values);
        }
      };
    });
    StructType schema = data.schema().add(segment, DataTypes.IntegerType, false);
    return data.sparkSession().createDataFrame(out, schema);
  }

  // ---------------------------------------------------------------- the persisted points

  /**
   * The persisted blocks of one fit and what the reading pass learned: the rows, each partition's first row number,
   * the mean feature variance. {@link #work} is the RDD the passes run on: the blocks themselves, or, when there are
   * more partitions than cores, the blocks coalesced to one task per core.
   */
  static final class Points {
    final JavaRDD<Block> cached;
    final JavaRDD<Block> work;
    final long n;
    final int d;
    final long[] partitionStart;
    final double meanVariance;

    private Points(JavaRDD<Block> cached, JavaRDD<Block> work, long n, int d, long[] partitionStart,
        double meanVariance) {
      this.cached = cached;
      this.work = work;
      this.n = n;
      this.d = d;
      this.partitionStart = partitionStart;
      this.meanVariance = meanVariance;
    }

    /**
     * Reads the feature columns (cast to double) into persisted blocks in one job, which also returns per partition
     * the rows, the missing values (with the first one's row) and the moments; refuses missing values. The passes
     * run on at most {@code maxTasks} tasks (the blocks coalesced when there are more partitions).
     */
    static Points read(Dataset<Row> data, String[] names, boolean bounded, int maxTasks) {
      int d = names.length;
      Column[] cols = new Column[d];
      for (int j = 0; j < d; j++) {
        cols[j] = col("`" + names[j] + "`").cast(DataTypes.DoubleType);
      }
      // the internal rows of the plan: no Row objects, no boxing (the rows may be reused: read at once)
      JavaRDD<InternalRow> rows = data.select(cols).queryExecution().toRdd().toJavaRDD();
      JavaRDD<Block> cached = rows.mapPartitionsWithIndex((Integer p, Iterator<InternalRow> it) ->
          Block.read(p, it, d, bounded), true).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return summarise(cached, names, maxTasks);
      } catch (RuntimeException e) {
        cached.unpersist(false);
        throw e;
      }
    }

    private static Points summarise(JavaRDD<Block> cached, String[] names, int maxTasks) {
      int d = names.length;
      // per partition: [rows, sums (d), squares around the partition's means (d), missing (d), first missing (d)]
      List<double[]> parts = cached.mapPartitions((Iterator<Block> it) -> {
        List<Block> blocks = new ArrayList<>();
        it.forEachRemaining(blocks::add);
        List<double[]> one = new ArrayList<>(1);
        one.add(Block.moments(blocks, d));
        return one.iterator();
      }).collect();
      int partitions = parts.size();
      long[] start = new long[partitions];
      long n = 0;
      long[] missing = new long[d];
      long[] firstMissing = new long[d];
      Arrays.fill(firstMissing, -1);
      double[] sums = new double[d];
      for (int p = 0; p < partitions; p++) {
        double[] s = parts.get(p);
        start[p] = n;
        for (int j = 0; j < d; j++) {
          if (s[1 + 2 * d + j] > 0) {
            if (firstMissing[j] < 0) {
              firstMissing[j] = n + (long) s[1 + 3 * d + j];
            }
            missing[j] += (long) s[1 + 2 * d + j];
          }
          sums[j] += s[1 + j];
        }
        n += (long) s[0];
      }
      for (int j = 0; j < d; j++) {
        if (missing[j] > 0) {
          throw Columns.missingValues(names[j], missing[j], firstMissing[j]);
        }
      }
      // the population variance of each feature from the partitions' counts, means and squares (Chan et al.)
      double total = 0;
      for (int j = 0; j < d; j++) {
        double mean = sums[j] / n;
        double m2 = 0;
        for (double[] s : parts) {
          if (s[0] > 0) {
            double delta = s[1 + j] / s[0] - mean;
            m2 += s[1 + d + j] + s[0] * delta * delta;
          }
        }
        total += m2 / n;
      }
      JavaRDD<Block> work = partitions > maxTasks ? cached.coalesce(Math.max(1, maxTasks), false) : cached;
      return new Points(cached, work, n, d, start, n == 0 ? 0 : total / d);
    }

    /**
     * The sum over all blocks of {@code f}'s {@code length} partials: each task adds its blocks chunk by chunk (64
     * consecutive blocks of one input partition) and the driver adds the chunks in (partition, chunk) order, so the
     * bits do not depend on how blocks are grouped into tasks or on when tasks finish.
     */
    double[] sum(BlockSum f, int length) {
      // SparkContext.runJob with a plain function object: one job on the persisted (or coalesced) blocks, no new RDD
      // and no closure to clean per pass
      Object parts = work.context().runJob(work.rdd(), new ChunkSums(f, length),
          scala.reflect.ClassTag$.MODULE$.apply(ChunkSums.Partials.class));
      List<long[]> keys = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (Object o : (Object[]) parts) {
        ChunkSums.Partials p = (ChunkSums.Partials) o;
        for (int c = 0; c < p.keys.length; c++) {
          keys.add(new long[] {p.keys[c], values.size()});
          values.add(p.sums[c]);
        }
      }
      keys.sort(Comparator.comparingLong(key -> key[0]));
      double[] total = new double[length];
      for (long[] key : keys) {
        double[] v = values.get((int) key[1]);
        for (int q = 0; q < length; q++) {
          total[q] += v[q];
        }
      }
      return total;
    }
  }

  /**
   * A task of {@link Points#sum}: adds {@link BlockSum}'s partials of its blocks chunk by chunk. A named function
   * object rather than a lambda, so that Spark's closure cleaner has no class file to read for it on every pass.
   */
  static final class ChunkSums extends scala.runtime.AbstractFunction2<TaskContext, scala.collection.Iterator<Block>,
      ChunkSums.Partials> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final BlockSum f;
    private final int length;

    ChunkSums(BlockSum f, int length) {
      this.f = f;
      this.length = length;
    }

    /** One task's chunks: their keys (partition, chunk) and partial sums, in the order met. */
    static final class Partials implements Serializable {
      private static final long serialVersionUID = 1L;
      final long[] keys;
      final double[][] sums;

      Partials(long[] keys, double[][] sums) {
        this.keys = keys;
        this.sums = sums;
      }
    }

    @Override
    public Partials apply(TaskContext context, scala.collection.Iterator<Block> it) {
      List<Long> keys = new ArrayList<>();
      List<double[]> sums = new ArrayList<>();
      long key = -1;
      double[] acc = null;
      while (it.hasNext()) {
        Block b = it.next();
        long kk = b.chunk();
        if (acc == null || kk != key) {
          key = kk;
          acc = new double[length];
          keys.add(key);
          sums.add(acc);
        }
        f.addTo(b, acc);
      }
      return new Partials(keys.stream().mapToLong(Long::longValue).toArray(), sums.toArray(double[][]::new));
    }
  }

  /** What a pass adds to its chunk's partials for one block. */
  @FunctionalInterface
  interface BlockSum extends Serializable {
    void addTo(Block b, double[] acc);
  }

  // ---------------------------------------------------------------- Lloyd and Hamerly

  /** One run's outcome before renumbering. */
  private static final class Run {
    double[] centroids;
    double[] counts;
    double inertia;
    int iterations;
    boolean converged;
    int k;
    int d;

    Result result(String[] names, boolean bounded, KMeans.Options options) {
      Integer[] order = new Integer[k];
      for (int c = 0; c < k; c++) {
        order[c] = c;
      }
      Comparator<Integer> bySize = Comparator.comparingDouble(c -> -counts[c]);
      Arrays.sort(order, bySize.thenComparing((a, b) -> Arrays.compare(centroids, a * d, a * d + d, centroids,
          b * d, b * d + d)).thenComparingInt(c -> c));
      double[] cs = new double[k * d];
      long[] sizes = new long[k];
      for (int r = 0; r < k; r++) {
        System.arraycopy(centroids, order[r] * d, cs, r * d, d);
        sizes[r] = (long) counts[order[r]];
      }
      return new Result(names, cs, k, sizes, inertia, iterations, converged, bounded, options);
    }
  }

  /**
   * Core's iteration template on the blocks: a full assignment, then updates each followed by an assignment pass
   * until the shift is within {@code tolAbs} (one more pass), no label changes, or {@code maxIter} updates.
   */
  private static Run lloyd(Points points, int k, double[] start, int maxIter, double tolAbs, boolean bounded) {
    int d = points.d;
    long token = ThreadLocalRandom.current().nextLong();
    double[] centroids = start;
    double[] previous = null;
    double[] pass = pass(points, new Step(token, 0, k, d, centroids, null, bounded, false));
    int iterations = 0;
    boolean converged = false;
    boolean stale = false;
    boolean costKnown = false;
    for (int it = 1; it <= maxIter; it++) {
      double[] next = means(points, pass, centroids, k);
      double shift = 0;
      for (int c = 0; c < k; c++) {
        double move = Math.sqrt(Distances.squaredDistance(next, c * d, centroids, c * d, d));
        shift += move * move;
      }
      previous = centroids;
      centroids = next;
      iterations = it;
      if (shift <= tolAbs) {
        converged = true;
        stale = true;
        break;
      }
      // the pass after the last update is the last one: it also sums the cost
      boolean last = it == maxIter;
      pass = pass(points, new Step(token, it, k, d, centroids, previous, bounded, last));
      costKnown = last;
      if (pass[k * d + k] == 0) {
        converged = true;   // strict convergence: the centroids are the means of these labels
        break;
      }
    }
    if (stale) {
      pass = pass(points, new Step(token, iterations, k, d, centroids, previous, bounded, true));
      costKnown = true;
    } else if (!costKnown) {
      // the blocks are at this pass already: they only add their points' distances
      pass = pass(points, new Step(token, iterations, k, d, centroids, null, bounded, true));
    }
    Run run = new Run();
    run.centroids = centroids;
    run.counts = Arrays.copyOfRange(pass, k * d, k * d + k);
    run.inertia = pass[k * d + k + 1];
    run.iterations = iterations;
    run.converged = converged;
    run.k = k;
    run.d = d;
    return run;
  }

  /** One pass: per cluster the sums (k·d) and counts (k), the changed labels, the cost (when asked). */
  private static double[] pass(Points points, Step step) {
    int length = step.k * step.d + step.k + 2;
    return points.sum((b, acc) -> b.step(step, acc), length);
  }

  /** The means of a pass; an empty cluster takes the point farthest from its centroid (ties: lowest row). */
  private static double[] means(Points points, double[] pass, double[] centroids, int k) {
    int d = points.d;
    double[] next = new double[k * d];
    int empty = 0;
    for (int c = 0; c < k; c++) {
      double w = pass[k * d + c];
      if (w > 0) {
        for (int j = 0; j < d; j++) {
          next[c * d + j] = pass[c * d + j] / w;
        }
      } else {
        empty++;
      }
    }
    if (empty > 0) {
      int e = empty;
      long[] starts = points.partitionStart;
      List<Far> far = points.work.flatMap(b -> b.farthest(centroids, k, e, starts).iterator())
          .takeOrdered(empty, new FarOrder());
      int taken = 0;
      for (int c = 0; c < k; c++) {
        if (pass[k * d + c] == 0) {
          System.arraycopy(far.get(taken++).point, 0, next, c * d, d);
        }
      }
    }
    return next;
  }

  /**
   * What every block needs for one pass: the run, the pass number and its centroids; the previous pass's centroids
   * (to rebuild lost state); with Hamerly each centroid's move, half the distance to its nearest other centroid and
   * the largest two moves; whether to add the points' squared distances (the cost).
   */
  static final class Step implements Serializable {
    private static final long serialVersionUID = 1L;
    final long token;
    final int version;
    final int k;
    final int d;
    final double[] centroids;
    final double[] previous;
    final boolean bounded;
    final boolean cost;
    final double[] move;
    final double[] half;
    final int argMax;
    final double max1;
    final double max2;

    Step(long token, int version, int k, int d, double[] centroids, double[] previous, boolean bounded,
        boolean cost) {
      this.token = token;
      this.version = version;
      this.k = k;
      this.d = d;
      this.centroids = centroids;
      this.previous = previous;
      this.bounded = bounded;
      this.cost = cost;
      if (bounded && previous != null) {
        move = new double[k];
        for (int c = 0; c < k; c++) {
          move[c] = Math.sqrt(Distances.squaredDistance(centroids, c * d, previous, c * d, d));
        }
        half = new double[k];
        Arrays.fill(half, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
          for (int c = a + 1; c < k; c++) {
            double dd = Math.sqrt(Distances.squaredDistance(centroids, a * d, centroids, c * d, d));
            half[a] = Math.min(half[a], 0.5 * dd);
            half[c] = Math.min(half[c], 0.5 * dd);
          }
        }
        int top = 0;
        for (int c = 1; c < k; c++) {
          if (move[c] > move[top]) {
            top = c;
          }
        }
        double second = 0;
        for (int c = 0; c < k; c++) {
          if (c != top) {
            second = Math.max(second, move[c]);
          }
        }
        argMax = top;
        max1 = move[top];
        max2 = second;
      } else {
        move = null;
        half = null;
        argMax = 0;
        max1 = 0;
        max2 = 0;
      }
    }
  }

  // ---------------------------------------------------------------- k-means||

  private static double[] kMeansParallel(Points points, int k, long seed) {
    int d = points.d;
    long[] starts = points.partitionStart;
    JavaRDD<Block> blocks = points.work;
    // the first centre: the point with the smallest draw of round 0 (a uniform choice)
    Far first = blocks.map(b -> b.smallestDraw(seed, starts)).reduce((a, b) -> a.compareTo(b) <= 0 ? a : b);
    List<double[]> chosen = new ArrayList<>();
    chosen.add(first.point);
    double l = 2.0 * k;
    for (int round = 1; round <= ROUNDS; round++) {
      double[] centres = flatten(chosen.toArray(double[][]::new), d);
      int m = chosen.size();
      double phi = points.sum((b, acc) -> acc[0] += b.cost(centres, m), 1)[0];
      if (!(phi > 0)) {
        break;   // every point is a candidate already
      }
      int r = round;
      List<Far> drawn = new ArrayList<>(blocks.flatMap(b -> b.sample(centres, m, l / phi, seed, r, starts)
          .iterator()).collect());
      drawn.sort(Comparator.comparingLong(f -> f.row));   // row order, whatever the tasks
      for (Far f : drawn) {
        chosen.add(f.point);
      }
    }
    double[] candidates = flatten(chosen.toArray(double[][]::new), d);
    int m = chosen.size();
    double[] weights = points.sum((b, acc) -> b.nearestCounts(candidates, m, acc), m);
    // the candidates, weighted by the points nearest to each, clustered by core's weighted k-means++ on the driver
    String[] ids = new String[m];
    String[] names = new String[d];
    for (int i = 0; i < m; i++) {
      ids[i] = Integer.toString(i);
    }
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    int distinct = (int) chosen.stream().map(Arrays::toString).distinct().count();
    if (distinct < k) {
      throw new IllegalArgumentException("k-means|| found " + distinct + " distinct points for k = " + k
          + "; the data has fewer distinct points than segments: choose k ≤ " + distinct);
    }
    KMeans.Result local = KMeans.fit(FeatureMatrix.of(ids, names, chosen.toArray(double[][]::new)), weights,
        KMeans.Options.of(k).withSeed(seed).withThreads(1).withAlgorithm(KMeans.Algorithm.LLOYD));
    return flatten(local.centroids(), d);
  }

  static double[] flatten(double[][] rows, int d) {
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  /** The uniform draw in [0, 1) of (seed, round, row): SplitMix64 finalisers of the three. */
  static double draw(long seed, int round, long row) {
    long z = mix(seed ^ mix(round * 0x9E3779B97F4A7C15L + row));
    return (z >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---------------------------------------------------------------- candidates and blocks

  /** A candidate for an empty cluster, the first centre or k-means‖: a point, its key and its row number. */
  static final class Far implements Serializable, Comparable<Far> {
    private static final long serialVersionUID = 1L;
    final double key;
    final long row;
    final double[] point;

    Far(double key, long row, double[] point) {
      this.key = key;
      this.row = row;
      this.point = point;
    }

    /** Smaller key first, then lower row. */
    @Override
    public int compareTo(Far o) {
      int c = Double.compare(key, o.key);
      return c != 0 ? c : Long.compare(row, o.row);
    }
  }

  /** Farthest first (keys are negated distances), then the lowest row. */
  static final class FarOrder implements Comparator<Far>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Far a, Far b) {
      return a.compareTo(b);
    }
  }

  /** Per task thread, the kernels' output buffers for one block (reused block after block). */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    int[] index = new int[BLOCK];
    double[] best = new double[BLOCK];
    double[] second = new double[BLOCK];
    int[] todo = new int[BLOCK];
    double[] rows = new double[0];

    double[] rows(int len, int d) {
      if (rows.length < len * d) {
        rows = new double[len * d];
      }
      return rows;
    }
  }

  /**
   * Up to {@link #BLOCK} consecutive rows of one input partition: where they are (partition, block number, first
   * row in the partition), the row-major values and the kernel's packed copy, and the state one run keeps from pass
   * to pass (labels, per-cluster sums, Hamerly's bounds). The state is transient and only a shortcut: a block
   * without it (after a recomputation, a read from disk or from another executor) rebuilds it from the previous
   * pass's centroids. Passes on one block are serialised by its lock.
   */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    final int partition;
    final int index;
    final int first;
    final int size;
    final int d;
    final double[] x;
    private transient PackedPoints packed;
    private transient long token;
    private transient int version = -1;
    private transient int[] labels;
    private transient double[] upper;
    private transient double[] lower;
    private transient double[] sums;
    private transient int changed;

    Block(int partition, int index, int first, int size, int d, double[] x, boolean bounded) {
      this.partition = partition;
      this.index = index;
      this.first = first;
      this.size = size;
      this.d = d;
      this.x = x;
      // made now, so that Spark's storage accounting counts them with the block
      this.packed = PackedPoints.of(x, 0, size, d);
      this.labels = new int[size];
      if (bounded) {
        this.upper = new double[size];
        this.lower = new double[size];
      }
    }

    /** The rows of partition {@code p} as blocks; a null is read as NaN (refused after the reading pass). */
    static Iterator<Block> read(int p, Iterator<InternalRow> it, int d, boolean bounded) {
      List<Block> out = new ArrayList<>();
      double[] buf = new double[BLOCK * d];
      int size = 0;
      long rows = 0;
      while (it.hasNext()) {
        InternalRow r = it.next();
        if (rows == Integer.MAX_VALUE) {
          throw new IllegalArgumentException("partition " + p + " has more than " + Integer.MAX_VALUE
              + " rows; repartition the data into more partitions");
        }
        for (int j = 0; j < d; j++) {
          buf[size * d + j] = r.isNullAt(j) ? Double.NaN : r.getDouble(j);
        }
        size++;
        rows++;
        if (size == BLOCK) {
          out.add(new Block(p, out.size(), (int) (rows - size), size, d, buf.clone(), bounded));
          size = 0;
        }
      }
      if (size > 0) {
        out.add(new Block(p, out.size(), (int) (rows - size), size, d, Arrays.copyOf(buf, size * d), bounded));
      }
      return out.iterator();
    }

    /**
     * A partition's [rows, sums (d), squares around the partition's means (d), missing (d), first missing row in
     * the partition (d)].
     */
    static double[] moments(List<Block> blocks, int d) {
      double[] m = new double[1 + 4 * d];
      Arrays.fill(m, 1 + 3 * d, 1 + 4 * d, -1);
      long rows = 0;
      for (Block b : blocks) {
        for (int i = 0; i < b.size; i++) {
          for (int j = 0; j < d; j++) {
            double v = b.x[i * d + j];
            if (Double.isNaN(v)) {
              if (m[1 + 2 * d + j]++ == 0) {
                m[1 + 3 * d + j] = b.first + i;
              }
            } else {
              m[1 + j] += v;
            }
          }
        }
        rows += b.size;
      }
      m[0] = rows;
      for (Block b : blocks) {
        for (int i = 0; i < b.size; i++) {
          for (int j = 0; j < d; j++) {
            double t = b.x[i * d + j] - m[1 + j] / rows;
            m[1 + d + j] += t * t;
          }
        }
      }
      return m;
    }

    /** The reduction chunk: (input partition, block number / {@link #CHUNK}). */
    long chunk() {
      return ((long) partition << 32) | (index / CHUNK);
    }

    private PackedPoints packed() {
      PackedPoints p = packed;
      if (p == null) {
        p = PackedPoints.of(x, 0, size, d);
        packed = p;
      }
      return p;
    }

    /**
     * Brings the labels to {@code s}'s centroids and adds the block's sums, counts and changed labels (and, when
     * asked, its points' squared distances to their centroids) to {@code acc}. Idempotent for a pass.
     */
    synchronized void step(Step s, double[] acc) {
      int k = s.k;
      if (labels == null || labels.length != size) {
        labels = new int[size];
        version = -1;
      }
      if (s.bounded && (upper == null || upper.length != size)) {
        upper = new double[size];
        lower = new double[size];
        version = -1;
      }
      if (sums == null || sums.length != k * d + k) {
        sums = new double[k * d + k];
        version = -1;
      }
      if (token != s.token || version != s.version) {
        Scratch sc = SCRATCH.get();
        boolean follows = s.previous != null && token == s.token && version == s.version - 1;
        if (follows) {
          changed = s.bounded ? hamerly(s, sc) : full(s.centroids, k, false, sc);
        } else if (s.previous != null) {
          // lost state: the previous pass's labels first, so that the changed count is the same
          full(s.previous, k, false, sc);
          changed = full(s.centroids, k, s.bounded, sc);
        } else {
          full(s.centroids, k, s.bounded, sc);
          changed = size;
        }
        if (changed > 0 || !follows) {
          sum(k);
        }
        token = s.token;
        version = s.version;
      }
      int kd = k * d;
      for (int q = 0; q < kd + k; q++) {
        acc[q] += sums[q];
      }
      acc[kd + k] += changed;
      if (s.cost) {
        acc[kd + k + 1] += cost(s.centroids);
      }
    }

    /** Every point's nearest centroid (and, with bounds, its exact bounds); returns the labels changed. */
    private int full(double[] centroids, int k, boolean bounds, Scratch sc) {
      Distances.nearestCentroids(packed(), 0, size, centroids, k, sc.index, sc.best, bounds ? sc.second : null);
      int ch = 0;
      for (int i = 0; i < size; i++) {
        if (labels[i] != sc.index[i]) {
          ch++;
          labels[i] = sc.index[i];
        }
      }
      if (bounds) {
        for (int i = 0; i < size; i++) {
          upper[i] = Math.sqrt(sc.best[i]) * (1 + SLACK);
          lower[i] = Math.sqrt(sc.second[i]) * (1 - SLACK);
        }
      }
      return ch;
    }

    /**
     * Hamerly's step (core's HamerlyRun.assign on one block): a point whose upper bound is below the larger of its
     * lower bound and half the distance from its centroid to the nearest other one keeps its label; the others get
     * one distance, and those still in doubt go through the fused kernel.
     */
    private int hamerly(Step s, Scratch sc) {
      int k = s.k;
      double[] c = s.centroids;
      double[] move = s.move;
      double[] half = s.half;
      int[] todo = sc.todo;
      int count = 0;
      for (int i = 0; i < size; i++) {
        int a = labels[i];
        double u = (upper[i] + move[a]) * (1 + SLACK);
        double l = (lower[i] - (a == s.argMax ? s.max2 : s.max1)) * (1 - SLACK);
        double m = Math.max(half[a], l);
        upper[i] = u;
        lower[i] = l;
        if (u < m) {
          continue;
        }
        double t = 0;
        int xo = i * d;
        int co = a * d;
        for (int j = 0; j < d; j++) {
          double e = x[xo + j] - c[co + j];
          t += e * e;
        }
        u = Math.sqrt(t) * (1 + SLACK);
        upper[i] = u;
        if (u < m) {
          continue;
        }
        todo[count++] = i;
      }
      if (count == 0) {
        return 0;
      }
      double[] rows = sc.rows(count, d);
      for (int q = 0; q < count; q++) {
        System.arraycopy(x, todo[q] * d, rows, q * d, d);
      }
      Distances.nearestCentroids(rows, 0, count, d, c, k, sc.index, sc.best, sc.second);
      int ch = 0;
      for (int q = 0; q < count; q++) {
        int i = todo[q];
        if (sc.index[q] != labels[i]) {
          ch++;
          labels[i] = sc.index[q];
        }
        upper[i] = Math.sqrt(sc.best[q]) * (1 + SLACK);
        lower[i] = Math.sqrt(sc.second[q]) * (1 - SLACK);
      }
      return ch;
    }

    /** Per-cluster sums and counts of the current labels, in point order. */
    private void sum(int k) {
      Arrays.fill(sums, 0);
      int kd = k * d;
      for (int i = 0; i < size; i++) {
        int c = labels[i];
        sums[kd + c] += 1;
        int so = c * d;
        int xo = i * d;
        for (int j = 0; j < d; j++) {
          sums[so + j] += x[xo + j];
        }
      }
    }

    /** The points' squared distances to their centroids, in point order. */
    private double cost(double[] centroids) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        int xo = i * d;
        int co = labels[i] * d;
        double t = 0;
        for (int j = 0; j < d; j++) {
          double e = x[xo + j] - centroids[co + j];
          t += e * e;
        }
        total += t;
      }
      return total;
    }

    private long row(long[] starts, int i) {
      return starts[partition] + first + i;
    }

    /** The {@code e} points farthest from their nearest centroid (key = minus that distance), farthest first. */
    List<Far> farthest(double[] centroids, int k, int e, long[] starts) {
      Scratch sc = SCRATCH.get();
      Distances.nearestCentroids(packed(), 0, size, centroids, k, sc.index, sc.best, null);
      List<Far> out = new ArrayList<>(e + 1);
      for (int i = 0; i < size; i++) {
        double key = -sc.best[i];
        if (out.size() == e && Double.compare(key, out.get(e - 1).key) >= 0) {
          continue;   // not ahead of the e-th (an equal key has a higher row)
        }
        Far f = new Far(key, row(starts, i), Arrays.copyOfRange(x, i * d, i * d + d));
        int at = out.size();
        while (at > 0 && f.compareTo(out.get(at - 1)) < 0) {
          at--;
        }
        out.add(at, f);
        if (out.size() > e) {
          out.remove(e);
        }
      }
      return out;
    }

    Far smallestDraw(long seed, long[] starts) {
      int best = 0;
      double u = Double.POSITIVE_INFINITY;
      for (int i = 0; i < size; i++) {
        double v = draw(seed, 0, row(starts, i));
        if (v < u) {
          u = v;
          best = i;
        }
      }
      return new Far(u, row(starts, best), Arrays.copyOfRange(x, best * d, best * d + d));
    }

    double cost(double[] centres, int m) {
      Scratch sc = SCRATCH.get();
      Distances.nearestCentroids(packed(), 0, size, centres, m, sc.index, sc.best, null);
      double s = 0;
      for (int i = 0; i < size; i++) {
        s += sc.best[i];
      }
      return s;
    }

    List<Far> sample(double[] centres, int m, double scale, long seed, int round, long[] starts) {
      Scratch sc = SCRATCH.get();
      Distances.nearestCentroids(packed(), 0, size, centres, m, sc.index, sc.best, null);
      List<Far> out = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        long row = row(starts, i);
        if (sc.best[i] > 0 && draw(seed, round, row) < scale * sc.best[i]) {
          out.add(new Far(0, row, Arrays.copyOfRange(x, i * d, i * d + d)));
        }
      }
      return out;
    }

    void nearestCounts(double[] centres, int m, double[] counts) {
      Scratch sc = SCRATCH.get();
      Distances.nearestCentroids(packed(), 0, size, centres, m, sc.index, sc.best, null);
      for (int i = 0; i < size; i++) {
        counts[sc.index[i]] += 1;
      }
    }
  }
}
