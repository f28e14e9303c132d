package dev.segmint.spark.bench;

import dev.segmint.cluster.KMeans;
import dev.segmint.spark.SparkKMeans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Segmint's {@link SparkKMeans} against Spark MLlib's k-means (RDD API) on the same points, from the same initial
 * centroids (MLlib's {@code setInitialModel}), tolerance 0 / epsilon 0. Not a unit test: the lead runs it on a
 * quiet machine.
 *
 * <pre>
 * mvn -o -pl spark -am test-compile
 * mvn -o -pl spark dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * SPARK_LOCAL_IP=127.0.0.1 java -Xmx12g [Spark's --add-opens list: the argLine of spark/pom.xml] \
 *   -cp "spark/target/test-classes:spark/target/classes:core/target/classes:$(cat spark/cp.txt)" \
 *   dev.segmint.spark.bench.SparkKMeansBenchmark 'local[2]' 1000000x16 10000000x8 [--partitions 2,8,32]
 *   [--iterations 20] [--k 8] [--algorithms auto,lloyd] [--only segmint|mllib]
 * </pre>
 *
 * <p>Heap: at 10,000,000 × 8 the cached inputs (the generated points, the Dataset's columnar cache, MLlib's
 * vectors and its norms) and Segmint's blocks (row-major and packed, labels and bounds) together take about
 * 5 GB; {@code -Xmx12g} leaves Spark's storage fraction room for them. 1,000,000 × 16 needs about 1.5 GB.
 *
 * <p>The points are generated inside Spark, every row from its own row number (8 boxes of noise around corners
 * 3 apart in every third coordinate and 1.5 in the others, the box of a row drawn from the row number), so every
 * partition count sees the same points and the same start (rows 0..k-1), and both libraries reach the same
 * inertia. Both read cached input: Segmint a cached {@code Dataset<Row>} of double columns (what a user passes),
 * MLlib a cached {@code RDD<Vector>} of the same points. The inertia printed is that of the final centroids for
 * both (for MLlib computed after the timing; its {@code trainingCost} is the cost before its last update).
 *
 * <p>Time per iteration is measured by difference, the same way for both: a fit capped at 1 iteration and a fit
 * capped at {@code iterations}, so per iteration = (long − short) / (iterations of long − iterations of short),
 * free of each library's set-up (reading the input, caching its own copy, the first assignment, the final cost).
 * When set-up varies more than the iterations cost (large n, few iterations, a busy machine) the difference is
 * noisy: each line also has the median wall time of the long fit's Spark jobs, which, as both libraries run one job
 * per iteration and the iterations are most of the jobs, is a job of an iteration (driver work between jobs left
 * out). One warm-up fit of each library on the first configuration runs before anything is timed. Each line also has
 * the jobs and tasks the fit ran, the tasks' summed run and GC time (from a {@link SparkListener}), and the CPU per
 * iteration (by the same difference) of the whole JVM and of the tasks alone, so a line shows whether the time went
 * to computing or to Spark's per-job work, and stays readable on a busy machine.
 */
public final class SparkKMeansBenchmark {
  private SparkKMeansBenchmark() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    List<String> shapes = new ArrayList<>();
    int[] partitionCounts = {2, 8, 32};
    int iterations = 20;
    int k = 8;
    List<KMeans.Algorithm> algorithms = List.of(KMeans.Algorithm.AUTO);
    String only = "";
    for (int a = 1; a < args.length; a++) {
      switch (args[a]) {
        case "--partitions" -> partitionCounts = Arrays.stream(args[++a].split(",")).mapToInt(Integer::parseInt)
            .toArray();
        case "--iterations" -> iterations = Integer.parseInt(args[++a]);
        case "--k" -> k = Integer.parseInt(args[++a]);
        case "--only" -> only = args[++a];
        case "--algorithms" -> algorithms = Arrays.stream(args[++a].split(","))
            .map(s -> KMeans.Algorithm.valueOf(s.toUpperCase(Locale.ROOT))).toList();
        default -> shapes.add(args[a]);
      }
    }
    if (shapes.isEmpty()) {
      shapes.add("1000000x16");
    }
    SparkSession spark = SparkSession.builder().appName("segmint-kmeans-benchmark").master(master)
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Tally tally = new Tally();
    spark.sparkContext().addSparkListener(tally);
    System.out.printf(Locale.ROOT, "master %s, %d cores for Spark, Java %s, heap %d MiB, segmint kernels: %s%n",
        master, spark.sparkContext().defaultParallelism(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, dev.segmint.kernel.Distances.implementationName());
    boolean warm = false;
    try {
      for (String shape : shapes) {
        int n = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
        int d = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
        for (int partitions : partitionCounts) {
          new Case(spark, tally, n, d, k, partitions).run(iterations, algorithms, !warm, only);
          warm = true;
        }
      }
    } finally {
      spark.stop();
    }
  }

  /** Jobs, tasks and the tasks' run and GC time since the last {@link #reset}. */
  static final class Tally extends SparkListener {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong runMillis = new AtomicLong();
    final AtomicLong gcMillis = new AtomicLong();
    final AtomicLong cpuNanos = new AtomicLong();
    final java.util.Map<Integer, Long> jobStart = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Long> jobMillis = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The median wall time of the jobs since the last reset, in seconds (NaN when none). */
    double medianJobSeconds() {
      List<Long> sorted;
      synchronized (jobMillis) {
        sorted = new ArrayList<>(jobMillis);
      }
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      java.util.Collections.sort(sorted);
      int m = sorted.size();
      return (m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2.0) / 1e3;
    }

    void reset() {
      jobStart.clear();
      jobMillis.clear();
      jobs.set(0);
      tasks.set(0);
      runMillis.set(0);
      gcMillis.set(0);
      cpuNanos.set(0);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      jobs.incrementAndGet();
      jobStart.put(start.jobId(), start.time());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      Long t0 = jobStart.remove(end.jobId());
      if (t0 != null) {
        jobMillis.add(end.time() - t0);
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      tasks.incrementAndGet();
      if (end.taskMetrics() != null) {
        runMillis.addAndGet(end.taskMetrics().executorRunTime());
        gcMillis.addAndGet(end.taskMetrics().jvmGCTime());
        cpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
      }
    }
  }

  /** One size and partition count: the cached inputs of both libraries. */
  static final class Case {
    final SparkSession spark;
    final Tally tally;
    final int n;
    final int d;
    final int k;
    final int partitions;

    Case(SparkSession spark, Tally tally, int n, int d, int k, int partitions) {
      this.spark = spark;
      this.tally = tally;
      this.n = n;
      this.d = d;
      this.k = k;
      this.partitions = partitions;
    }

    void run(int iterations, List<KMeans.Algorithm> algorithms, boolean warmUp, String only) {
      boolean segmint = !only.equals("mllib");
      boolean mllib = !only.equals("segmint");
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      JavaRDD<double[]> points = generate(jsc, n, d, k, partitions).persist(StorageLevel.MEMORY_ONLY());
      double[][] start = points.take(k).toArray(double[][]::new);
      StructType schema = new StructType();
      String[] names = new String[d];
      for (int j = 0; j < d; j++) {
        names[j] = "x" + j;
        schema = schema.add(names[j], DataTypes.DoubleType, false);
      }
      Dataset<Row> frame = spark.createDataFrame(points.map(x -> {
        Object[] v = new Object[x.length];
        for (int j = 0; j < x.length; j++) {
          v[j] = x[j];
        }
        return RowFactory.create(v);
      }), schema).persist(StorageLevel.MEMORY_ONLY());
      frame.count();
      JavaRDD<Vector> vectors = points.map(Vectors::dense).persist(StorageLevel.MEMORY_ONLY());
      vectors.count();
      points.unpersist(true);

      if (warmUp && segmint) {
        timed(() -> segmint(frame, names, start, 2, algorithms.get(0)));
      }
      if (warmUp && mllib) {
        timed(() -> mllib(vectors, start, 2));
      }
      for (KMeans.Algorithm algorithm : segmint ? algorithms : List.<KMeans.Algorithm>of()) {
        Fit s1 = timed(() -> segmint(frame, names, start, 1, algorithm));
        Fit s2 = timed(() -> segmint(frame, names, start, iterations, algorithm));
        print("segmint/" + algorithm.name().toLowerCase(Locale.ROOT), s1, s2);
      }
      if (mllib) {
        Fit m1 = timed(() -> mllib(vectors, start, 1));
        Fit m2 = timed(() -> mllib(vectors, start, iterations));
        print("mllib", m1, m2);
      }
      vectors.unpersist(true);
      frame.unpersist(true);
    }

    Fit segmint(Dataset<Row> frame, String[] names, double[][] start, int maxIter, KMeans.Algorithm algorithm) {
      SparkKMeans.Result r = SparkKMeans.fit(frame, names, KMeans.Options.of(k).withInitialCentroids(start)
          .withMaxIter(maxIter).withTolerance(0).withAlgorithm(algorithm));
      return new Fit(r.iterations(), r.inertia());
    }

    Fit mllib(JavaRDD<Vector> vectors, double[][] start, int maxIter) {
      Vector[] initial = new Vector[k];
      for (int c = 0; c < k; c++) {
        initial[c] = Vectors.dense(start[c]);
      }
      KMeansModel model = new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(maxIter)
          .setEpsilon(0).setInitialModel(new KMeansModel(initial)).run(vectors.rdd());
      // MLlib's trainingCost is the cost before its last update: the final centroids' cost is computed after the
      // timing, as Segmint's inertia is of the final centroids
      Fit f = new Fit(model.numIter(), Double.NaN);
      f.finalCost = () -> model.computeCost(vectors.rdd());
      return f;
    }

    Fit timed(Supplier<Fit> fit) {
      System.gc();
      tally.reset();
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      Fit f = fit.get();
      f.seconds = (System.nanoTime() - t0) / 1e9;
      f.cpuSeconds = (processCpuNanos() - c0) / 1e9;
      f.taskCpuSeconds = tally.cpuNanos.get() / 1e9;
      // the listener bus delivers job ends asynchronously: give it a moment before reading the median
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      f.medianJobSeconds = tally.medianJobSeconds();
      if (f.finalCost != null) {
        f.inertia = f.finalCost.get();
      }
      f.jobs = tally.jobs.get();
      f.tasks = tally.tasks.get();
      f.taskSeconds = tally.runMillis.get() / 1e3;
      f.gcSeconds = tally.gcMillis.get() / 1e3;
      return f;
    }

    void print(String lib, Fit shortFit, Fit longFit) {
      int extra = longFit.iterations - shortFit.iterations;
      double perIteration = extra > 0 ? (longFit.seconds - shortFit.seconds) / extra : Double.NaN;
      double perJob = extra > 0 ? (longFit.jobs - shortFit.jobs) / (double) extra : Double.NaN;
      double cpuPerIteration = extra > 0 ? (longFit.cpuSeconds - shortFit.cpuSeconds) / extra : Double.NaN;
      double taskCpuPerIteration = extra > 0 ? (longFit.taskCpuSeconds - shortFit.taskCpuSeconds) / extra
          : Double.NaN;
      System.out.printf(Locale.ROOT, "%-16s n=%,d d=%d k=%d partitions=%d: %.3f s per iteration (%d - %d "
          + "iterations: %.2f s - %.2f s total), median job %.3f s, jobs per iteration %.1f, CPU per iteration "
          + "%.3f s (in tasks %.3f s); long fit: %d jobs, %d tasks, task time %.2f s, GC %.2f s; inertia %.9e%n",
          lib, n, d, k, partitions, perIteration, longFit.iterations, shortFit.iterations, longFit.seconds,
          shortFit.seconds, longFit.medianJobSeconds, perJob, cpuPerIteration, taskCpuPerIteration, longFit.jobs,
          longFit.tasks, longFit.taskSeconds, longFit.gcSeconds, longFit.inertia);
    }
  }

  /** CPU time of this JVM so far (every thread: tasks, driver, GC, Spark's own), or 0 when not measurable. */
  static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  /** A fit's iterations, inertia, time and Spark work. */
  static final class Fit {
    final int iterations;
    double inertia;
    Supplier<Double> finalCost;
    double seconds;
    long jobs;
    long tasks;
    double taskSeconds;
    double gcSeconds;
    double cpuSeconds;
    double taskCpuSeconds;
    double medianJobSeconds;

    Fit(int iterations, double inertia) {
      this.iterations = iterations;
      this.inertia = inertia;
    }
  }

  /** n points in d dimensions, each from its own row number: independent of the partitioning. */
  static JavaRDD<double[]> generate(JavaSparkContext jsc, int n, int d, int k, int partitions) {
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    long per = ((long) n + partitions - 1) / partitions;
    return jsc.parallelize(parts, partitions).flatMap(p -> {
      long from = Math.min(n, p * per);
      long to = Math.min(n, from + per);
      List<double[]> out = new ArrayList<>((int) (to - from));
      for (long i = from; i < to; i++) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + i * 0x9E3779B97F4A7C15L);
        double[] x = new double[d];
        int box = r.nextInt(k);
        for (int j = 0; j < d; j++) {
          x[j] = box * (j % 3 == 0 ? 3.0 : -1.5) + r.nextDouble() * 2;
        }
        out.add(x);
      }
      return out.iterator();
    });
  }
}
