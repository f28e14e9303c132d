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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * k-means on a {@code Dataset<Row>}: k-means‖ seeding (Bahmani et al. 2012) and Lloyd iterations with Segmint's
 * nearest-centroid kernel ({@link Distances#nearestCentroids(PackedPoints, int, int, double[], int, int[], double[],
 * double[])}) inside each partition, the settings of core's {@link KMeans.Options}, and core's iteration rules, so
 * that from the same initial centroids ({@link KMeans.Options#withInitialCentroids}) it gives
 * {@link KMeans#fit(FeatureMatrix, KMeans.Options)}'s labels, and its centroids and inertia up to the order of the
 * sums (within 1e-9 relative in the tests).
 *
 * <p>How: the feature columns are read once into blocks of up to 4,096 points per partition (row-major doubles,
 * packed once for the kernel) and persisted. Each Lloyd pass sends the k centroids in the task closure; every
 * partition returns its per-cluster sums, counts and cost; the driver adds the partitions' partials in partition
 * order. (Spark's {@code treeAggregate} combines partials in the order tasks finish, which would make the last bits
 * of the centroids, and so possibly a label, depend on timing; partition order keeps the same seed's result the
 * same for any number of executors and cores, given the same partitioning.) The iteration follows core's
 * template: update, stop when the total squared centroid shift is at most {@code tolerance} times the mean feature
 * variance (then one more assignment) or when no label changes (detected as an update that leaves every centroid
 * bit for bit where it was: the sums of unchanged labels are the same sums), at most {@code maxIter} updates; an
 * empty cluster takes the point farthest from its centroid (ties: lowest row number). Segments are renumbered by
 * size, largest first (ties: smaller centroid coordinates first), as core's.
 *
 * <p>k-means‖: one uniformly drawn point, then 5 rounds that each add every point with probability
 * {@code min(1, 2k · d²(x, C) / φ(C))}; the candidates, weighted by the points nearest to each, are clustered on
 * the driver by core's weighted k-means++ (Lloyd, the options' seed). Every draw derives from (seed, round, row
 * number), so the seeding does not depend on the partitioning.
 *
 * <p>Cost for n points, d features, k segments and P partitions: per Lloyd pass O(n·k·d) on the executors and
 * O(P·k·d) on the driver (the partials), no shuffle; seeding 11 passes plus the candidates' k-means on the driver;
 * memory: the persisted blocks, about 2 × 8·n·d bytes (row-major and packed) plus the ids. Limits: dense double
 * features only (no missing values: refused with the column and row), n &lt; 2³¹ per partition, at least k distinct
 * points. The options' {@code threads}, {@code algorithm} and {@code batchSize} do not apply (Lloyd, the
 * partitions are the parallelism).
 */
public final class SparkKMeans {
  private SparkKMeans() {}

  /** Points per block inside a partition. */
  static final int BLOCK = 4096;
  /** k-means‖ rounds (Bahmani et al. suggest a handful; the candidates' count is about rounds · 2k). */
  static final int ROUNDS = 5;

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
    private final KMeans.Options options;

    Result(String[] featureNames, double[] centroids, int k, long[] sizes, double inertia, int iterations,
        boolean converged, KMeans.Options options) {
      this.featureNames = featureNames;
      this.centroids = centroids;
      this.k = k;
      this.sizes = sizes;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
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
          + "algorithm=lloyd (spark)", k, options.seed(), options.nInit(), options.maxIter(), options.tolerance());
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
   * options: {@code k}, {@code seed}, {@code nInit} (best of that many seedings), {@code maxIter}, {@code tolerance}
   * and {@code initialCentroids} (when given, no seeding). Persists the points while it runs and releases them.
   *
   * @throws IllegalArgumentException when a column is missing, not numeric or has a missing value (named with its
   *     row), k exceeds the rows, there are fewer distinct points than k, or the initial centroids do not fit
   */
  public static Result fit(Dataset<Row> data, String[] featureColumns, KMeans.Options options) {
    Objects.requireNonNull(options, "options");
    String[] names = featureColumns.clone();
    Columns.requireNumeric(data, names);
    Columns.requireNoMissing(data, names);
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
    Column[] cols = new Column[d];
    for (int j = 0; j < d; j++) {
      cols[j] = col("`" + names[j] + "`").cast(DataTypes.DoubleType);
    }
    JavaRDD<Block> blocks = Block.of(data.select(cols).javaRDD().zipWithIndex(), d)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Partials stats = Partials.collect(blocks.map(b -> b.moments()), d + 1);
      long n = (long) stats.values[d];
      if (k > n) {
        throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of rows, " + n
            + "; choose k ≤ " + n);
      }
      double tolAbs = options.tolerance() * meanVariance(blocks, stats.values, n, d);
      Run best = null;
      java.util.SplittableRandom seeds = new java.util.SplittableRandom(options.seed());
      for (int r = 0; r < options.nInit(); r++) {
        long runSeed = seeds.nextLong();
        double[] start = given != null ? flatten(given, d) : kMeansParallel(blocks, n, d, k, runSeed);
        Run run = lloyd(blocks, d, k, start, options.maxIter(), tolAbs);
        if (best == null || run.inertia < best.inertia) {
          best = run;
        }
      }
      return best.result(names, options);
    } catch (Exception e) {
      throw Errors.unwrap(e);
    } finally {
      blocks.unpersist(false);
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

  // ---------------------------------------------------------------- Lloyd

  /** One run's outcome before renumbering. */
  private static final class Run {
    double[] centroids;
    double[] counts;
    double inertia;
    int iterations;
    boolean converged;
    int k;
    int d;

    Result result(String[] names, KMeans.Options options) {
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
      return new Result(names, cs, k, sizes, inertia, iterations, converged, options);
    }
  }

  private static Run lloyd(JavaRDD<Block> blocks, int d, int k, double[] start, int maxIter, double tolAbs) {
    double[] centroids = start;
    Partials pass = assign(blocks, centroids, d, k);
    int iterations = 0;
    boolean converged = false;
    boolean stale = false;
    for (int it = 1; it <= maxIter; it++) {
      double[] next = means(blocks, pass, centroids, d, k);
      if (it > 1 && Arrays.equals(next, centroids)) {
        // the last assignment changed no label (the same labels give the same sums): core stopped after it
        converged = true;
        break;
      }
      double shift = 0;
      for (int c = 0; c < k; c++) {
        double move = Math.sqrt(Distances.squaredDistance(next, c * d, centroids, c * d, d));
        shift += move * move;
      }
      centroids = next;
      iterations = it;
      if (shift <= tolAbs) {
        converged = true;
        stale = true;
        break;
      }
      pass = assign(blocks, centroids, d, k);
      if (it == maxIter && Arrays.equals(means(blocks, pass, centroids, d, k), centroids)) {
        converged = true;   // the last assignment changed no label
      }
    }
    if (stale) {
      pass = assign(blocks, centroids, d, k);
    }
    Run run = new Run();
    run.centroids = centroids;
    run.counts = Arrays.copyOfRange(pass.values, k * d, k * d + k);
    run.inertia = pass.values[k * d + k];
    run.iterations = iterations;
    run.converged = converged;
    run.k = k;
    run.d = d;
    return run;
  }

  /** One assignment pass: per cluster the sums (k·d) and counts (k), then the cost, reduced in partition order. */
  private static Partials assign(JavaRDD<Block> blocks, double[] centroids, int d, int k) {
    return Partials.collect(blocks.map(b -> b.lloyd(centroids, k)), k * d + k + 1);
  }

  /** The means of a pass; an empty cluster takes the point farthest from its centroid (ties: lowest row). */
  private static double[] means(JavaRDD<Block> blocks, Partials pass, double[] centroids, int d, int k) {
    double[] s = pass.values;
    double[] next = new double[k * d];
    int empty = 0;
    for (int c = 0; c < k; c++) {
      double w = s[k * d + c];
      if (w > 0) {
        for (int j = 0; j < d; j++) {
          next[c * d + j] = s[c * d + j] / w;
        }
      } else {
        empty++;
      }
    }
    if (empty > 0) {
      List<Far> far = blocks.flatMap(b -> b.farthest(centroids, k).iterator()).takeOrdered(empty, new FarOrder());
      int taken = 0;
      for (int c = 0; c < k; c++) {
        if (s[k * d + c] == 0) {
          System.arraycopy(far.get(taken++).point, 0, next, c * d, d);
        }
      }
    }
    return next;
  }

  /** Mean over features of the population variance: a second pass around the means of the first. */
  private static double meanVariance(JavaRDD<Block> blocks, double[] moments, long n, int d) {
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = moments[j] / n;
    }
    Partials ss = Partials.collect(blocks.map(b -> b.squaresAround(mean)), d);
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += ss.values[j] / n;
    }
    return total / d;
  }

  // ---------------------------------------------------------------- k-means||

  private static double[] kMeansParallel(JavaRDD<Block> blocks, long n, int d, int k, long seed) {
    // the first centre: the point with the smallest draw of round 0 (a uniform choice)
    Far first = blocks.map(b -> b.smallestDraw(seed)).reduce((a, b) -> a.compareTo(b) <= 0 ? a : b);
    List<double[]> chosen = new ArrayList<>();
    chosen.add(first.point);
    double l = 2.0 * k;
    for (int round = 1; round <= ROUNDS; round++) {
      double[] centres = flatten(chosen.toArray(double[][]::new), d);
      int m = chosen.size();
      double phi = Partials.collect(blocks.map(b -> b.cost(centres, m)), 1).values[0];
      if (!(phi > 0)) {
        break;   // every point is a candidate already
      }
      int r = round;
      List<double[]> drawn = blocks.flatMap(b -> b.sample(centres, m, l / phi, seed, r).iterator()).collect();
      chosen.addAll(drawn);
    }
    double[] candidates = flatten(chosen.toArray(double[][]::new), d);
    int m = chosen.size();
    double[] weights = Partials.collect(blocks.map(b -> b.nearestCounts(candidates, m)), m).values;
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

  // ---------------------------------------------------------------- partials and blocks

  /** Fixed-length double partials of each partition, added on the driver in partition order. */
  static final class Partials {
    final double[] values;

    private Partials(double[] values) {
      this.values = values;
    }

    static Partials collect(JavaRDD<double[]> perBlock, int length) {
      // one array per partition (its blocks added in order), collected in partition order
      List<double[]> parts = perBlock.mapPartitions((Iterator<double[]> it) -> {
        double[] acc = new double[length];
        while (it.hasNext()) {
          double[] v = it.next();
          for (int q = 0; q < length; q++) {
            acc[q] += v[q];
          }
        }
        List<double[]> one = new ArrayList<>(1);
        one.add(acc);
        return one.iterator();
      }).collect();
      double[] total = new double[length];
      for (double[] p : parts) {
        for (int q = 0; q < length; q++) {
          total[q] += p[q];
        }
      }
      return new Partials(total);
    }
  }

  /** A candidate for an empty cluster or the first centre: a point, its key and its row number. */
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

  /**
   * Up to {@link #BLOCK} consecutive rows of one partition: their first row number, the row-major values and (made
   * on first use in the executor that holds the block) the kernel's packed copy.
   */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    final long firstRow;
    final int size;
    final int d;
    final double[] x;
    private transient PackedPoints packed;

    Block(long firstRow, int size, int d, double[] x) {
      this.firstRow = firstRow;
      this.size = size;
      this.d = d;
      this.x = x;
    }

    static JavaRDD<Block> of(org.apache.spark.api.java.JavaPairRDD<Row, Long> rows, int d) {
      return rows.mapPartitions((Iterator<Tuple2<Row, Long>> it) -> {
        List<Block> out = new ArrayList<>();
        double[] buf = new double[BLOCK * d];
        int size = 0;
        long first = -1;
        while (it.hasNext()) {
          Tuple2<Row, Long> t = it.next();
          if (size == 0) {
            first = t._2();
          }
          Row r = t._1();
          for (int j = 0; j < d; j++) {
            buf[size * d + j] = r.getDouble(j);
          }
          if (++size == BLOCK) {
            out.add(new Block(first, size, d, buf.clone()));
            size = 0;
          }
        }
        if (size > 0) {
          out.add(new Block(first, size, d, Arrays.copyOf(buf, size * d)));
        }
        return out.iterator();
      });
    }

    private PackedPoints packed() {
      PackedPoints p = packed;
      if (p == null) {
        p = PackedPoints.of(x, 0, size, d);
        packed = p;
      }
      return p;
    }

    /** Per feature the sum of the block's values, then the number of points: [sums (d), count]. */
    double[] moments() {
      double[] m = new double[d + 1];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < d; j++) {
          m[j] += x[i * d + j];
        }
      }
      m[d] = size;
      return m;
    }

    double[] squaresAround(double[] mean) {
      double[] s = new double[d];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - mean[j];
          s[j] += t * t;
        }
      }
      return s;
    }

    /** Lloyd's partials of this block: sums (k·d), counts (k), cost. */
    double[] lloyd(double[] centroids, int k) {
      int[] idx = new int[size];
      double[] dist = new double[size];
      Distances.nearestCentroids(packed(), 0, size, centroids, k, idx, dist, null);
      double[] out = new double[k * d + k + 1];
      double cost = 0;
      for (int i = 0; i < size; i++) {
        int c = idx[i];
        out[k * d + c] += 1;
        for (int j = 0; j < d; j++) {
          out[c * d + j] += x[i * d + j];
        }
        cost += dist[i];
      }
      out[k * d + k] = cost;
      return out;
    }

    /** Every point as a candidate for an empty cluster: key = minus its distance to its nearest centroid. */
    List<Far> farthest(double[] centroids, int k) {
      int[] idx = new int[size];
      double[] dist = new double[size];
      Distances.nearestCentroids(packed(), 0, size, centroids, k, idx, dist, null);
      List<Far> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(new Far(-dist[i], firstRow + i, Arrays.copyOfRange(x, i * d, i * d + d)));
      }
      return out;
    }

    Far smallestDraw(long seed) {
      int best = 0;
      double u = Double.POSITIVE_INFINITY;
      for (int i = 0; i < size; i++) {
        double v = draw(seed, 0, firstRow + i);
        if (v < u) {
          u = v;
          best = i;
        }
      }
      return new Far(u, firstRow + best, Arrays.copyOfRange(x, best * d, best * d + d));
    }

    double[] cost(double[] centres, int m) {
      int[] idx = new int[size];
      double[] dist = new double[size];
      Distances.nearestCentroids(packed(), 0, size, centres, m, idx, dist, null);
      double s = 0;
      for (int i = 0; i < size; i++) {
        s += dist[i];
      }
      return new double[] {s};
    }

    List<double[]> sample(double[] centres, int m, double scale, long seed, int round) {
      int[] idx = new int[size];
      double[] dist = new double[size];
      Distances.nearestCentroids(packed(), 0, size, centres, m, idx, dist, null);
      List<double[]> out = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        if (dist[i] > 0 && draw(seed, round, firstRow + i) < scale * dist[i]) {
          out.add(Arrays.copyOfRange(x, i * d, i * d + d));
        }
      }
      return out;
    }

    double[] nearestCounts(double[] centres, int m) {
      int[] idx = new int[size];
      double[] dist = new double[size];
      Distances.nearestCentroids(packed(), 0, size, centres, m, idx, dist, null);
      double[] counts = new double[m];
      for (int i = 0; i < size; i++) {
        counts[idx[i]] += 1;
      }
      return counts;
    }
  }
}
