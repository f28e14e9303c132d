package dev.segmint.benchmarks.kmeans;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.kmeans.parallel.ParallelLloydKMeans;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.DoubleVector;
import elki.data.model.KMeansModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.logging.LoggingConfiguration;
import elki.utilities.random.RandomFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.DistanceMeasure;
import org.apache.commons.math3.random.Well19937c;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import smile.clustering.CentroidClustering;
import smile.util.AlgoStatus;
import smile.util.IterativeAlgorithmController;

/**
 * Segmint's k-means and its peers, each run the same way: k-means++ seeding, one initialisation, at most
 * {@link #MAX_ITER} iterations, tolerance {@link #TOLERANCE} where the peer has one, seed {@link #SEED}.
 *
 * <p>{@link #prepare} converts a {@link Workload} into the peer's own input format once (not timed);
 * {@link Prepared#fit()} is the timed body: one complete fit from that input, including whatever the peer does
 * to its input (Segmint copies it, Smile builds its BBD-tree, Tribuo converts examples to vectors).
 *
 * <table>
 *   <caption>Peers, their settings and what their iteration counts mean</caption>
 *   <tr><th>name</th><th>implementation</th><th>threads</th><th>stops when</th><th>iterations counted</th></tr>
 *   <tr><td>segmint</td><td>{@code dev.segmint.cluster.KMeans}, greedy k-means++</td><td>1 or 2</td>
 *       <td>squared centroid shift ≤ 1e-4 × mean feature variance (scikit-learn's tol)</td>
 *       <td>{@code Result.iterations()}: update steps</td></tr>
 *   <tr><td>smile</td><td>Smile 6.3 {@code smile.clustering.KMeans.fit} (BBD-tree filtering)</td>
 *       <td>common fork-join pool</td><td>drop of the mean squared distance ≤ 1e-4 (absolute)</td>
 *       <td>iterations reported to its controller</td></tr>
 *   <tr><td>commons-math3</td><td>{@code KMeansPlusPlusClusterer}, Euclidean</td><td>1</td>
 *       <td>no point changes cluster</td><td>update steps, derived from the distance evaluations</td></tr>
 *   <tr><td>elki-lloyd, elki-hamerly, elki-elkan</td><td>ELKI 0.8.0, squared Euclidean, k-means++</td><td>1</td>
 *       <td>no point changes cluster</td><td>ELKI's {@code .iterations} statistic: assignment passes</td></tr>
 *   <tr><td>elki-lloyd-parallel</td><td>ELKI 0.8.0 {@code ParallelLloydKMeans}</td><td>all cores</td>
 *       <td>no point changes cluster</td><td>ELKI's {@code .iterations} statistic</td></tr>
 *   <tr><td>tribuo</td><td>Tribuo 4.3 {@code KMeansTrainer}, L2, k-means++</td><td>2</td>
 *       <td>no point changes cluster</td><td>its "Iteration i completed" log records</td></tr>
 * </table>
 */
public final class Peers {

  /** Maximum iterations, for every peer. */
  public static final int MAX_ITER = 100;

  /** Convergence tolerance for the peers that have one (Segmint and scikit-learn: relative; Smile: absolute). */
  public static final double TOLERANCE = 1e-4;

  /** Seed of every fit. */
  public static final long SEED = 42L;

  /** Threads Tribuo is given. */
  public static final int TRIBUO_THREADS = 2;

  /** The peers {@link #prepare} knows, besides Segmint. */
  public static final List<String> NAMES = List.of("smile", "commons-math3", "elki-lloyd", "elki-hamerly",
      "elki-elkan", "elki-lloyd-parallel", "tribuo");

  /** ELKI's k-means variants among {@link #NAMES}: the peers that can start from given centroids. */
  public static final List<String> ELKI_NAMES = List.of("elki-lloyd", "elki-hamerly", "elki-elkan",
      "elki-lloyd-parallel");

  /** The default Segmint algorithm; other values go to {@code KMeans.Options.withAlgorithm} once it exists. */
  public static final String DEFAULT_ALGORITHM = "DEFAULT";

  private Peers() {}

  /**
   * One peer with its input ready. {@link #fit()} is the benchmark body; {@link #lastOutcome()} describes the
   * last fit (not timed).
   *
   * @param <R> the peer's own result type
   */
  public abstract static class Prepared<R> {
    final Workload workload;
    final String peer;
    final String threads;
    private R last;

    Prepared(Workload workload, String peer, String threads) {
      this.workload = workload;
      this.peer = peer;
      this.threads = threads;
    }

    /** One complete fit; the result is kept for {@link #lastOutcome()}. */
    public final R fit() {
      R r = run();
      last = r;
      return r;
    }

    abstract R run();

    abstract double[][] centroids(R r);

    abstract int iterations(R r);

    double reportedInertia(R r) {
      return Double.NaN;
    }

    int labelled(R r) {
      return workload.n();
    }

    public String peer() {
      return peer;
    }

    /** The centroids of the last fit, one row each, in the peer's order. */
    public double[][] lastCentroids() {
      if (last == null) {
        throw new IllegalStateException(peer + " has not been fitted yet");
      }
      return centroids(last);
    }

    /** Describes the last fit: iterations and the inertia at its centroids. O(n·k·d). */
    public Outcome lastOutcome() {
      if (last == null) {
        throw new IllegalStateException(peer + " has not been fitted yet");
      }
      return new Outcome(workload.name(), peer, threads, workload.n(), labelled(last), iterations(last),
          Inertia.atCentroids(workload.flat(), workload.d(), centroids(last)), reportedInertia(last));
    }
  }

  /** The workload as Segmint's input: ids "0".."n−1", features "x0".."x(d−1)", the points not copied twice. */
  static FeatureMatrix matrix(Workload w) {
    String[] ids = new String[w.n()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.toString(i);
    }
    String[] names = new String[w.d()];
    for (int j = 0; j < names.length; j++) {
      names[j] = "x" + j;
    }
    return FeatureMatrix.ofFlat(ids, names, null, w.flat());
  }

  /** Segmint's k-means with {@code threads} threads and the given algorithm ({@link #DEFAULT_ALGORITHM} or a name). */
  public static Prepared<KMeans.Result> segmint(Workload w, int threads, String algorithm) {
    return segmint(w, threads, algorithm, null);
  }

  /**
   * Segmint's k-means as {@link #segmint(Workload, int, String)}, but started from {@code start} ({@code k × d},
   * {@code KMeans.Options.withInitialCentroids}) instead of its own seeding when {@code start} is not null.
   */
  public static Prepared<KMeans.Result> segmint(Workload w, int threads, String algorithm, double[][] start) {
    FeatureMatrix m = matrix(w);
    KMeans.Options seeded = withAlgorithm(KMeans.Options.of(w.k()).withSeed(SEED).withNInit(1)
        .withMaxIter(MAX_ITER).withTolerance(TOLERANCE).withThreads(threads), algorithm);
    KMeans.Options options = start == null ? seeded : seeded.withInitialCentroids(start);
    String label = DEFAULT_ALGORITHM.equals(algorithm) ? "segmint" : "segmint-" + algorithm.toLowerCase(Locale.ROOT);
    return new Prepared<>(w, label, Integer.toString(threads)) {
      @Override
      KMeans.Result run() {
        return KMeans.fit(m, options);
      }

      @Override
      double[][] centroids(KMeans.Result r) {
        return r.centroids();
      }

      @Override
      int iterations(KMeans.Result r) {
        return r.iterations();
      }

      @Override
      double reportedInertia(KMeans.Result r) {
        return r.inertia();
      }

      @Override
      int labelled(KMeans.Result r) {
        return r.labels().length;
      }
    };
  }

  /**
   * Applies {@code KMeans.Options.withAlgorithm(KMeans.Algorithm.valueOf(algorithm))}, looked up by reflection so
   * that this module compiles against a Segmint without it; {@link #DEFAULT_ALGORITHM} leaves the options as they are.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static KMeans.Options withAlgorithm(KMeans.Options options, String algorithm) {
    if (algorithm == null || DEFAULT_ALGORITHM.equals(algorithm)) {
      return options;
    }
    Class<?> algorithms;
    try {
      algorithms = Class.forName("dev.segmint.cluster.KMeans$Algorithm");
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("algorithm=" + algorithm + " needs KMeans.Algorithm, which this Segmint "
          + "does not have; use algorithm=" + DEFAULT_ALGORITHM, e);
    }
    try {
      Object value = Enum.valueOf((Class) algorithms, algorithm);
      return (KMeans.Options) KMeans.Options.class.getMethod("withAlgorithm", algorithms).invoke(options, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'; KMeans.Algorithm has "
          + java.util.Arrays.toString(algorithms.getEnumConstants()), e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("KMeans.Options.withAlgorithm(" + algorithm + ") failed: " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("this Segmint has no KMeans.Options.withAlgorithm(KMeans.Algorithm)", e);
    }
  }

  /** The peer of that name (one of {@link #NAMES}) with its input converted from {@code w}. */
  public static Prepared<?> prepare(String name, Workload w) {
    return switch (name) {
      case "smile" -> smile(w);
      case "commons-math3" -> commonsMath(w);
      case "elki-lloyd", "elki-hamerly", "elki-elkan", "elki-lloyd-parallel" -> elki(name, w);
      case "tribuo" -> tribuo(w);
      default -> throw new IllegalArgumentException("unknown peer '" + name + "'; use one of " + NAMES);
    };
  }

  // ---------------------------------------------------------------- Smile

  /** Smile's fit and the iterations its controller saw. */
  record SmileFit(CentroidClustering<double[], double[]> clustering, int iterations) {}

  /** Counts Smile's iterations: Smile submits one status per iteration. */
  private static final class SmileIterations extends IterativeAlgorithmController<AlgoStatus> {
    int iterations;

    @Override
    public void submit(AlgoStatus status) {
      iterations = status.iteration();
    }
  }

  private static Prepared<SmileFit> smile(Workload w) {
    double[][] rows = w.rows();
    return new Prepared<>(w, "smile", "common pool") {
      @Override
      SmileFit run() {
        // Smile draws its k-means++ seeds from a per-thread generator: seed it for the same start every fit
        smile.math.MathEx.setSeed(SEED);
        try (SmileIterations counter = new SmileIterations()) {
          var options = new smile.clustering.Clustering.Options(w.k(), MAX_ITER, TOLERANCE, counter);
          return new SmileFit(smile.clustering.KMeans.fit(rows, options), counter.iterations);
        }
      }

      @Override
      double[][] centroids(SmileFit r) {
        return r.clustering().centers();
      }

      @Override
      int iterations(SmileFit r) {
        return r.iterations();
      }

      @Override
      double reportedInertia(SmileFit r) {
        // distortion() is the mean squared distance (WCSS / n) in Smile 6
        return r.clustering().distortion() * w.n();
      }
    };
  }

  // ---------------------------------------------------------------- commons-math3

  /** Euclidean distance (as commons-math3's) that counts its evaluations. */
  private static final class CountingEuclidean implements DistanceMeasure {
    private static final long serialVersionUID = 1L;
    long evaluations;

    @Override
    public double compute(double[] a, double[] b) {
      evaluations++;
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        double t = a[j] - b[j];
        s += t * t;
      }
      return Math.sqrt(s);
    }
  }

  /** commons-math3's clusters and the number of distance evaluations it made. */
  record CommonsMathFit(List<CentroidCluster<DoublePoint>> clusters, long evaluations) {}

  private static Prepared<CommonsMathFit> commonsMath(Workload w) {
    double[][] rows = w.rows();
    List<DoublePoint> points = new ArrayList<>(rows.length);
    for (double[] r : rows) {
      points.add(new DoublePoint(r));
    }
    return new Prepared<>(w, "commons-math3", "1") {
      @Override
      CommonsMathFit run() {
        CountingEuclidean distance = new CountingEuclidean();
        var clusterer = new KMeansPlusPlusClusterer<DoublePoint>(w.k(), MAX_ITER, distance, new Well19937c(SEED));
        return new CommonsMathFit(clusterer.cluster(points), distance.evaluations);
      }

      @Override
      double[][] centroids(CommonsMathFit r) {
        return r.clusters().stream().map(c -> c.getCenter().getPoint()).toArray(double[][]::new);
      }

      /**
       * Its seeding evaluates n − m distances after the m-th centre (m = 1 … k−1, the taken points skipped); then
       * every assignment pass evaluates n·k. Update steps = assignment passes − 1. (Re-seeding an empty cluster
       * adds fewer than n·k evaluations and is absorbed by the floor.)
       */
      @Override
      int iterations(CommonsMathFit r) {
        long n = w.n();
        long k = w.k();
        long seeding = 0;
        for (long m = 1; m < k; m++) {
          seeding += n - m;
        }
        long passes = (r.evaluations() - seeding) / (n * k);
        return (int) (passes - 1);
      }
    };
  }

  // ---------------------------------------------------------------- ELKI

  /**
   * Reads the iteration counts ELKI's k-means variants log: the {@code <class>.iterations} statistic at the end of
   * a run, or, for {@code ParallelLloydKMeans} which logs none, its iteration progress (one step per assignment
   * pass). Statistics and progress are enabled for {@code elki.clustering.kmeans} only and go to this handler,
   * not the console.
   */
  static final class ElkiIterations extends Handler {
    static final ElkiIterations INSTANCE = new ElkiIterations();
    // JUL keeps loggers weakly: hold it so that its level and handler stay
    private static final Logger KMEANS_LOGGER = Logger.getLogger("elki.clustering.kmeans");

    private volatile int statistic = -1;
    private volatile elki.logging.progress.Progress progress;

    /** (Re-)applies the logging set-up (a LogManager reset elsewhere would drop it), then forgets the last run. */
    void reset() {
      LoggingConfiguration.assertConfigured();
      int low = Math.min(elki.logging.Logging.Level.STATISTICS.intValue(),
          elki.logging.Logging.Level.VERBOSE.intValue());
      if (KMEANS_LOGGER.getLevel() == null || KMEANS_LOGGER.getLevel().intValue() > low) {
        KMEANS_LOGGER.setLevel(low == elki.logging.Logging.Level.STATISTICS.intValue()
            ? elki.logging.Logging.Level.STATISTICS : elki.logging.Logging.Level.VERBOSE);
      }
      KMEANS_LOGGER.setUseParentHandlers(false);
      if (!java.util.Arrays.asList(KMEANS_LOGGER.getHandlers()).contains(this)) {
        KMEANS_LOGGER.addHandler(this);
      }
      statistic = -1;
      progress = null;
    }

    @Override
    public void publish(LogRecord record) {
      if (record instanceof elki.logging.progress.ProgressLogRecord p) {
        progress = p.getProgress();
        return;
      }
      String m = record.getMessage();
      int at = m == null ? -1 : m.indexOf(".iterations: ");
      if (at >= 0) {
        statistic = Integer.parseInt(m.substring(at + ".iterations: ".length()).trim());
      }
    }

    /** Iterations of the last run, or -1 when ELKI logged none. */
    int last() {
      if (statistic >= 0) {
        return statistic;
      }
      return progress instanceof elki.logging.progress.AbstractProgress p ? p.getProcessed() : -1;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** ELKI's clustering and its iteration statistic. */
  record ElkiFit(Clustering<KMeansModel> clustering, int iterations) {}

  private static Prepared<ElkiFit> elki(String name, Workload w) {
    return elki(name, w, null);
  }

  /**
   * ELKI's variant {@code name} (one of {@link #ELKI_NAMES}) started from {@code start} ({@code k × d}, ELKI's
   * {@code Predefined} initialisation, given a fresh copy every fit) instead of its k-means++ seeding.
   */
  public static Prepared<?> elkiFrom(String name, Workload w, double[][] start) {
    if (!ELKI_NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown ELKI variant '" + name + "'; use one of " + ELKI_NAMES);
    }
    return elki(name, w, java.util.Objects.requireNonNull(start, "start"));
  }

  private static Prepared<ElkiFit> elki(String name, Workload w, double[][] start) {
    ElkiIterations log = ElkiIterations.INSTANCE;
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(w.rows()));
    db.initialize();
    Relation<DoubleVector> relation = db.getRelation(TypeUtil.DOUBLE_VECTOR_FIELD);
    SquaredEuclideanDistance distance = SquaredEuclideanDistance.STATIC;
    String threads = name.equals("elki-lloyd-parallel") ? "all cores" : "1";
    return new Prepared<>(w, name, threads) {
      @Override
      ElkiFit run() {
        log.reset();
        KMeansInitialization init = start == null ? new KMeansPlusPlus<DoubleVector>(new RandomFactory(SEED))
            : new Predefined(copy(start));
        Clustering<KMeansModel> c = switch (name) {
          case "elki-lloyd" -> new LloydKMeans<DoubleVector>(distance, w.k(), MAX_ITER, init).run(relation);
          case "elki-hamerly" -> new HamerlyKMeans<DoubleVector>(distance, w.k(), MAX_ITER, init, false).run(relation);
          case "elki-elkan" -> new ElkanKMeans<DoubleVector>(distance, w.k(), MAX_ITER, init, false).run(relation);
          case "elki-lloyd-parallel" -> new ParallelLloydKMeans<DoubleVector>(distance, w.k(), MAX_ITER, init)
              .run(relation);
          default -> throw new IllegalArgumentException(name);
        };
        return new ElkiFit(c, log.last());
      }

      @Override
      double[][] centroids(ElkiFit r) {
        return r.clustering().getAllClusters().stream().map(c -> c.getModel().getMean()).toArray(double[][]::new);
      }

      @Override
      int iterations(ElkiFit r) {
        return r.iterations();
      }

      @Override
      int labelled(ElkiFit r) {
        int total = 0;
        for (Cluster<KMeansModel> c : r.clustering().getAllClusters()) {
          total += c.size();
        }
        return total;
      }
    };
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  // ---------------------------------------------------------------- Tribuo

  /** Counts the "Iteration i completed" records Tribuo's trainer logs, and keeps them off the console. */
  static final class TribuoIterations extends Handler {
    static final TribuoIterations INSTANCE = new TribuoIterations();
    // JUL keeps loggers weakly: hold it so that its level and handler stay
    private static final Logger TRAINER_LOGGER = Logger.getLogger(KMeansTrainer.class.getName());

    private volatile int count;

    /** (Re-)applies the logging set-up (ELKI, for one, resets JUL when it loads), then zeroes the count. */
    void reset() {
      TRAINER_LOGGER.setLevel(java.util.logging.Level.INFO);
      TRAINER_LOGGER.setUseParentHandlers(false);
      if (!java.util.Arrays.asList(TRAINER_LOGGER.getHandlers()).contains(this)) {
        TRAINER_LOGGER.addHandler(this);
      }
      count = 0;
    }

    @Override
    public void publish(LogRecord record) {
      String m = record.getMessage();
      if (m != null && m.startsWith("Iteration ") && m.contains(" completed")) {
        count++;
      }
    }

    int count() {
      return count;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Tribuo's model and its iteration count. */
  record TribuoFit(org.tribuo.clustering.kmeans.KMeansModel model, int iterations) {}

  private static Prepared<TribuoFit> tribuo(Workload w) {
    TribuoIterations log = TribuoIterations.INSTANCE;
    ClusteringFactory factory = new ClusteringFactory();
    MutableDataset<ClusterID> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(w.name(), factory), factory);
    // zero-padded names: Tribuo orders features by name, so this keeps the columns in order
    String[] names = new String[w.d()];
    for (int j = 0; j < names.length; j++) {
      names[j] = String.format(Locale.ROOT, "x%04d", j);
    }
    for (double[] row : w.rows()) {
      dataset.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
    }
    return new Prepared<>(w, "tribuo", Integer.toString(TRIBUO_THREADS)) {
      @Override
      TribuoFit run() {
        log.reset();
        var trainer = new KMeansTrainer(w.k(), MAX_ITER, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS,
            TRIBUO_THREADS, SEED);
        return new TribuoFit(trainer.train(dataset), log.count());
      }

      @Override
      double[][] centroids(TribuoFit r) {
        DenseVector[] c = r.model().getCentroidVectors();
        double[][] out = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
          out[i] = c[i].toArray();
        }
        return out;
      }

      @Override
      int iterations(TribuoFit r) {
        return r.iterations();
      }
    };
  }
}
