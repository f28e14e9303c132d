package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import dev.segmint.kernel.Distances;
import dev.segmint.kernel.PackedPoints;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * k-means clustering: exact Lloyd iterations, accelerated by Hamerly's or Elkan's distance bounds, or mini-batch
 * updates for very large data; greedy k-means++, k-means|| or random seeding; optional sample weights.
 *
 * <p>Minimises the (weighted) inertia, the sum over points of {@code w_i · ‖x_i − c(x_i)‖²}. Each of
 * {@code nInit} runs seeds centroids, then alternates assignment and centroid update until the total squared
 * centroid shift is at most {@code tolerance} times the mean per-feature variance of the data (scikit-learn's
 * meaning), no label changes, or {@code maxIter} updates were made. The run with the lowest inertia is kept.
 * A cluster left empty is re-seeded with the point farthest from its centroid (ties: lowest index).
 *
 * <p>Algorithms. {@link Algorithm#LLOYD} computes all n·k distances per iteration. {@link Algorithm#HAMERLY} keeps
 * one upper and one lower bound per point (O(n) memory) and {@link Algorithm#ELKAN} one upper and k lower bounds
 * (O(n·k) memory); both skip distance computations the triangle inequality proves unnecessary, and give exactly
 * Lloyd's labels from the same seeding. {@link Algorithm#MINI_BATCH} (Sculley 2010) updates centroids from random
 * batches with per-centroid learning rates; it is approximate, for data in the tens of millions.
 * {@link Algorithm#AUTO} picks an exact method (see {@link #chooseAlgorithm}).
 *
 * <p>Determinism: points are processed in fixed blocks whose partial results are reduced in block order, and all
 * random draws are made on one thread or derived from (seed, point index); the same seed gives the same labels,
 * centroids and inertia bit for bit with any number of threads.
 *
 * <p>Cost: seeding O(n·k·d·(3 + ln k)); Lloyd O(n·k·d) per iteration; Hamerly and Elkan the same in the worst case,
 * typically far less after the first iterations. Memory: the data is read in place; Lloyd keeps one copy of it in
 * the kernels' packed layout (so that no pass repacks points); plus O(n) (Elkan O(n·k)), per-thread buffers of one
 * block, and the per-block partial centroid sums, ⌈n / 2048⌉·k·(d + 1) doubles (1 MB at n = 10⁶, k = d = 16): at
 * 1,000,000 × 16, k = 16, about 1.2 × the data beyond it (Lloyd). Fits whose Lloyd pass is under
 * 2¹⁸ multiply-adds (n·k·d) do not split a pass between threads (a second thread cannot pay there); with
 * {@code nInit > 1} their seedings run side by side instead, one per thread, each with its own copy of the packed
 * points. Each seeding's random draws come from its own seed (drawn in order from the options' seed), and the first
 * seeding with the lowest inertia wins, so the result is the same on any number of threads.
 *
 * <p>Layout (ELKI's pattern: one run template, one class per variant). This class holds the public API: the
 * settings ({@link Options}), the result ({@link Result}), and the driver: argument checks, the memory check,
 * the choice of variant and of threads, seeding and the restarts, keeping the run with the lowest inertia. One
 * seeding and its iterations are a package-private {@code KMeansRun}: the run's state (points, weights, blocks,
 * centroids, labels, per-block centroid sums, the kernels' scratch), the iteration template and the steps every
 * variant shares (first full assignment, centroid update with empty clusters re-seeded, full Lloyd pass, final
 * inertia). {@code LloydRun}, {@code HamerlyRun} and {@code ElkanRun} add only their bounds and their assignment
 * step; {@code MiniBatchRun} replaces the template with its batch loop. Seeding is in {@code Seeding}.
 *
 * <p>References: S. Lloyd (1982), Least squares quantization in PCM; D. Arthur, S. Vassilvitskii (2007),
 * k-means++; B. Bahmani et al. (2012), Scalable k-means++ (k-means||); G. Hamerly (2010), Making k-means even
 * faster; C. Elkan (2003), Using the triangle inequality to accelerate k-means; D. Sculley (2010), Web-scale
 * k-means clustering.
 */
public final class KMeans {

  private KMeans() {}

  /** How each iteration assigns points. */
  public enum Algorithm {
    /** The measured fastest exact method for the data's shape (see {@link #chooseAlgorithm}). */
    AUTO,
    /** Plain Lloyd: all n·k distances every iteration. */
    LLOYD,
    /** Hamerly's bounds: one upper and one lower bound per point. */
    HAMERLY,
    /** Elkan's bounds: one upper and k lower bounds per point. */
    ELKAN,
    /** Mini-batch k-means (approximate): maxIter counts passes over the data. */
    MINI_BATCH
  }

  /** How the initial centroids are chosen (ignored when initial centroids are given). */
  public enum Init {
    /** Greedy k-means++: D²-weighted sampling, best of 2 + ⌊ln k⌋ candidates per step (scikit-learn's default). */
    K_MEANS_PLUS_PLUS,
    /** k-means|| (scalable k-means++): 5 rounds of oversampling by 2k, then weighted k-means++ on the candidates. */
    K_MEANS_PARALLEL,
    /** k distinct random points. */
    RANDOM
  }

  /**
   * k-means settings. Create with {@link #of(int)} and adjust with the {@code withX} copies.
   *
   * @param k number of segments, 1 ≤ k ≤ n
   * @param seed random seed
   * @param nInit number of seedings; the lowest inertia wins
   * @param maxIter maximum centroid updates per seeding (mini-batch: passes over the data)
   * @param tolerance convergence threshold on the total squared centroid shift, relative to the mean feature variance
   * @param threads worker threads: 0 for all available processors, n ≥ 1 for at most n (results do not depend on it)
   * @param init seeding method
   * @param algorithm assignment method
   * @param batchSize mini-batch size (used by {@link Algorithm#MINI_BATCH})
   * @param initialCentroids {@code k × d} starting centroids, or {@code null} to seed with {@code init}
   */
  public record Options(int k, long seed, int nInit, int maxIter, double tolerance, int threads, Init init,
      Algorithm algorithm, int batchSize, double[][] initialCentroids) implements KClusterer {
    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, got " + k);
      }
      if (nInit < 1) {
        throw new IllegalArgumentException("nInit must be at least 1, got " + nInit);
      }
      if (maxIter < 1) {
        throw new IllegalArgumentException("maxIter must be at least 1, got " + maxIter);
      }
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException("tolerance must be a finite number ≥ 0, got " + tolerance);
      }
      Threads.check(threads);
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      Objects.requireNonNull(init, "init");
      Objects.requireNonNull(algorithm, "algorithm");
      if (initialCentroids != null) {
        if (initialCentroids.length != k) {
          throw new IllegalArgumentException("initialCentroids has " + initialCentroids.length + " rows but k = " + k);
        }
        double[][] copy = new double[k][];
        for (int c = 0; c < k; c++) {
          copy[c] = initialCentroids[c].clone();
          for (double v : copy[c]) {
            if (!Double.isFinite(v)) {
              throw new IllegalArgumentException("initial centroid " + c + " has a non-finite value " + v);
            }
          }
        }
        initialCentroids = copy;
      }
    }

    /**
     * k segments; seed 0, 1 seeding, 300 iterations, tolerance 1e-4, all processors (threads 0), k-means++, {@link
     * Algorithm#AUTO}, batch size 1024.
     */
    public static Options of(int k) {
      return new Options(k, 0L, 1, 300, 1e-4, 0, Init.K_MEANS_PLUS_PLUS, Algorithm.AUTO, 1024, null);
    }

    /** {@code kmeans}. */
    @Override
    public String name() {
      return "kmeans";
    }

    /** {@link KMeans#fit(FeatureMatrix, Options)} with these options. */
    @Override
    public Result fit(FeatureMatrix m) {
      return KMeans.fit(m, this);
    }

    /** {@link KMeans#fit(FeatureMatrix, double[], Options)} with these options: weights finite, ≥ 0, not all 0. */
    @Override
    public Result fit(FeatureMatrix m, double[] weights) {
      return KMeans.fit(m, weights, this);
    }

    /** True: k-means takes sample weights. */
    @Override
    public boolean supportsWeights() {
      return true;
    }

    /** A copy of the initial centroids, or null. */
    @Override
    public double[][] initialCentroids() {
      if (initialCentroids == null) {
        return null;
      }
      double[][] copy = new double[initialCentroids.length][];
      for (int c = 0; c < copy.length; c++) {
        copy[c] = initialCentroids[c].clone();
      }
      return copy;
    }

    public Options withK(int k) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, null);
    }

    public Options withSeed(long seed) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withNInit(int nInit) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withMaxIter(int maxIter) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withTolerance(double tolerance) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withThreads(int threads) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withInit(Init init) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withAlgorithm(Algorithm algorithm) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    public Options withBatchSize(int batchSize) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, initialCentroids);
    }

    /** Starts from these centroids ({@code k × d}); with them, every seeding is the same, so nInit = 1 suffices. */
    public Options withInitialCentroids(double[][] centroids) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize, centroids);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options p && k == p.k && seed == p.seed && nInit == p.nInit && maxIter == p.maxIter
          && Double.compare(tolerance, p.tolerance) == 0 && threads == p.threads && init == p.init
          && algorithm == p.algorithm && batchSize == p.batchSize && Arrays.deepEquals(initialCentroids, p.initialCentroids);
    }

    @Override
    public int hashCode() {
      return Objects.hash(k, seed, nInit, maxIter, tolerance, threads, init, algorithm, batchSize)
          + 31 * Arrays.deepHashCode(initialCentroids);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "k=%d, seed=%d, nInit=%d, maxIter=%d, tolerance=%g, threads=%s, init=%s, "
          + "algorithm=%s%s%s", k, seed, nInit, maxIter, tolerance, Threads.text(threads), init, algorithm,
          algorithm == Algorithm.MINI_BATCH ? ", batchSize=" + batchSize : "",
          initialCentroids != null ? ", given initial centroids" : "");
    }
  }

  /**
   * The exact algorithm {@link Algorithm#AUTO} runs for n points, d features and k segments: {@link Algorithm#HAMERLY}
   * when {@code k ≥ 32}, or when {@code k ≥ 16} and {@code d ≥ 32}; {@link Algorithm#LLOYD} otherwise. Never Elkan.
   *
   * <p>Measured crossovers (docs/kmeans.md has the table): one thread, Panama kernels, overlapping Gaussian blobs,
   * n = 10,000 / 100,000 / 1,000,000, d = 2 / 8 / 16 / 64, k = 4 / 16 / 64, CPU time per iteration from the same
   * k-means++ seeding. Lloyd's fused nearest-centroid kernel is fastest up to k = 16 for d ≤ 16 (Hamerly's bound
   * pass and the point gather cost more than the distances they save when most points move); Hamerly is fastest at
   * k = 64 and at d = 64 from k = 16 (up to 3.4× faster than Lloyd at 100,000 × 64 × 64); Elkan was never the
   * fastest (its n·k bounds cost more memory traffic than they save). n did not move the crossovers, so it is not
   * used; the thresholds sit between the measured grid points. Over the 35 measured shapes this rule is at worst
   * 1.29× slower per iteration than the best of the three (10,000 × 16 × 16, 0.4 ms), and within 5 % elsewhere.
   */
  public static Algorithm chooseAlgorithm(int n, int d, int k) {
    return k >= 32 || (k >= 16 && d >= 32) ? Algorithm.HAMERLY : Algorithm.LLOYD;
  }

  /** Clusters the rows of {@code data} with equal weights. */
  public static Result fit(FeatureMatrix data, Options options) {
    return fit(data, null, options);
  }

  /**
   * Clusters the rows of {@code data}, each with a weight (e.g. customer value): a point with weight 2 counts as
   * two copies of it in seeding, centroid updates and inertia.
   *
   * @param weights one finite weight ≥ 0 per row, not all zero; {@code null} for equal weights
   * @throws IllegalArgumentException when k exceeds the number of points, there are fewer distinct points than k,
   *     or the weights or initial centroids do not fit the data
   */
  public static Result fit(FeatureMatrix data, double[] weights, Options options) {
    return fit(data, weights, options, options.threads());
  }

  /**
   * {@link #fit(FeatureMatrix, double[], Options)} on at most {@code threads} threads (0 for all processors) instead
   * of the options' count, which the result still records: for callers that run several fits side by side (k
   * selection). The result does not depend on the thread count.
   */
  static Result fit(FeatureMatrix data, double[] weights, Options options, int threads) {
    Inputs.data(data, options);
    int n = data.rows();
    int d = data.columns();
    int k = options.k();
    if (k > n) {
      throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of customers, " + n
          + "; choose k ≤ " + n);
    }
    double[] w = Inputs.weights(weights, n, false);
    double[][] given = options.initialCentroids();
    if (given != null) {
      for (int c = 0; c < k; c++) {
        if (given[c].length != d) {
          throw new IllegalArgumentException("initial centroid " + c + " has " + given[c].length
              + " values but the data has " + d + " features");
        }
      }
    }
    Algorithm algorithm = options.algorithm() == Algorithm.AUTO ? chooseAlgorithm(n, d, k) : options.algorithm();
    Runtime rt = Runtime.getRuntime();
    checkMemory(n, d, k, algorithm, options.nInit(), rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()),
        rt.maxMemory());
    long start = System.nanoTime();
    // read in place, never written: a copy would add 8·n·d bytes to the working memory
    double[] x = MatrixValues.shared(data);
    double tolAbs = options.tolerance() * meanVariance(x, n, d);
    SplittableRandom seeds = new SplittableRandom(options.seed());
    int nInit = options.nInit();
    long[] runSeeds = new long[nInit];
    for (int r = 0; r < nInit; r++) {
      runSeeds[r] = seeds.nextLong();
    }
    // a fit too small for parallel passes runs its seedings side by side instead, each on one thread
    int fitThreads = threadsFor(n, d, k, threads);
    int lanes = fitThreads == 1 ? Math.max(1, Math.min(nInit, Threads.resolve(threads))) : 1;
    KMeansRun[] laneBest = new KMeansRun[lanes];
    int[] laneBestRun = new int[lanes];
    long[] laneDistances = new long[lanes];
    long[] laneInitNanos = new long[lanes];
    long[] laneIterNanos = new long[lanes];
    Runnable[] work = new Runnable[lanes];
    for (int l = 0; l < lanes; l++) {
      int lane = l;
      work[l] = () -> {
        try (Blocks blocks = new Blocks(n, lanes == 1 ? fitThreads : 1)) {
          // Lloyd scans every point every iteration: pack each block once (on its first pass) instead of every pass
          PackedPoints[] packed = new PackedPoints[blocks.count];
          for (int r = lane; r < nInit; r += lanes) {
            long runSeed = runSeeds[r];
            KMeansRun run = switch (algorithm) {
              case LLOYD -> new LloydRun(x, w, n, d, k, blocks, packed);
              case HAMERLY -> new HamerlyRun(x, w, n, d, k, blocks);
              case ELKAN -> new ElkanRun(x, w, n, d, k, blocks);
              case MINI_BATCH -> new MiniBatchRun(x, w, n, d, k, blocks, options.batchSize(),
                  new SplittableRandom(runSeed ^ 0x9E3779B97F4A7C15L));
              case AUTO -> throw new IllegalStateException("AUTO is resolved above");
            };
            long t0 = System.nanoTime();
            if (given != null) {
              for (int c = 0; c < k; c++) {
                System.arraycopy(given[c], 0, run.centroids, c * d, d);
              }
            } else {
              Seeding.seed(options.init(), run, new SplittableRandom(runSeed), runSeed);
            }
            long t1 = System.nanoTime();
            run.iterate(options.maxIter(), tolAbs);
            laneInitNanos[lane] += t1 - t0;
            laneIterNanos[lane] += System.nanoTime() - t1;
            laneDistances[lane] += run.distances;
            // only the labels and centroids of the lane's best run so far stay beside the next one
            run.trim();
            if (laneBest[lane] == null || run.inertia < laneBest[lane].inertia) {
              laneBest[lane] = run;
              laneBestRun[lane] = r;
            }
          }
        }
      };
    }
    Workers.runAll("k-means seedings", work);
    // the first seeding with the lowest inertia, as one seeding after the other finds it
    KMeansRun best = null;
    int bestRun = -1;
    long distances = 0;
    long initNanos = 0;
    long iterNanos = 0;
    for (int l = 0; l < lanes; l++) {
      KMeansRun run = laneBest[l];
      if (best == null || run.inertia < best.inertia || (run.inertia == best.inertia && laneBestRun[l] < bestRun)) {
        best = run;
        bestRun = laneBestRun[l];
      }
      distances += laneDistances[l];
      initNanos += laneInitNanos[l];
      iterNanos += laneIterNanos[l];
    }
    int[] map = Labels.bySize(best.labels, k, best.centroids, d);
    int[] labels = Labels.apply(best.labels, map);
    double[] centroids = Labels.permuteRows(best.centroids, map, d);
    return new Result(data.ids(), data.names(), labels, centroids, k, d, best.inertia, best.iterations,
        best.converged, distances, initNanos, iterNanos, algorithm, options);
  }

  /**
   * Threads worth using for one fit: one when a Lloyd pass over the data, n·k·d multiply-adds, is below
   * {@link #PARALLEL_MIN_WORK} (handing blocks to another thread and waiting for it costs more than it saves),
   * otherwise {@code requested}. Results do not depend on it.
   */
  static int threadsFor(int n, int d, int k, int requested) {
    return (long) n * k * d < PARALLEL_MIN_WORK ? 1 : requested;
  }

  /**
   * Work per pass below which k-means stays on the calling thread: 2¹⁸ multiply-adds, ~40 µs of one core at the
   * kernel's ~7 G distance-coordinates/s; below it, handing blocks to a pool thread and joining it every pass is a
   * large share of the pass (the Online Retail RFM fit, 4,338 × 3 × 5 = 65,070, stays on one thread;
   * 100,000 × 8 × 8 runs in parallel). An estimate, not a measured crossover.
   */
  static final long PARALLEL_MIN_WORK = 1L << 18;

  /**
   * Bytes a fit allocates beyond the caller's matrix, by the arrays it holds at its peak. The data is read in place
   * (no copy); Lloyd keeps one packed copy of it for the kernels (the other variants none); per point a label, a
   * distance and the k-means++ closest distance, plus the bounds (Hamerly two, Elkan 1 + k); with
   * {@code nInit > 1} the best run's labels beside the running one (a finished run keeps only its labels and
   * centroids). Per-thread buffers, blocks and centroids are O(threads·2048·d + k·d·blocks) and left out. At
   * 1,000,000 × 16, k = 16 (128 MB of data), Lloyd: 148 MB, 1.16 × the data.
   */
  static long memoryEstimate(int n, int d, int k, Algorithm algorithm, int nInit) {
    long copies = algorithm == Algorithm.LLOYD ? (long) n * d * Double.BYTES : 0;
    long perPoint = Integer.BYTES + 2L * Double.BYTES;
    if (algorithm == Algorithm.HAMERLY) {
      perPoint += 2L * Double.BYTES;
    } else if (algorithm == Algorithm.ELKAN) {
      perPoint += (1L + k) * Double.BYTES;
    }
    return copies + perPoint * n + (nInit > 1 ? (long) Integer.BYTES * n : 0);
  }

  /** Refuses, before allocating, a fit whose {@link #memoryEstimate} exceeds the free heap. */
  static void checkMemory(int n, int d, int k, Algorithm algorithm, int nInit, long freeBytes, long maxBytes) {
    long need = memoryEstimate(n, d, k, algorithm, nInit);
    if (need > freeBytes) {
      long gib = 1L << 30;
      throw new IllegalArgumentException(String.format(Locale.ROOT, "k-means (%s) on %,d customers × %d features "
          + "needs about %s of working memory beyond the data, but the JVM heap has %s free (maximum %s); raise "
          + "the heap (-Xmx%dg or more)%s, or cluster a sample",
          algorithm.name().toLowerCase(Locale.ROOT), n, d, Hierarchical.bytes(need),
          Hierarchical.bytes(Math.max(0, freeBytes)), Hierarchical.bytes(maxBytes),
          (need + maxBytes - Math.max(0, freeBytes) + gib - 1) / gib,
          algorithm == Algorithm.ELKAN ? ", choose Hamerly or Lloyd (Elkan keeps k bounds per customer)"
              : algorithm == Algorithm.MINI_BATCH ? "" : ", use mini-batch k-means (Algorithm.MINI_BATCH)"));
    }
  }

  /** Mean over features of the population variance; each column summed in row order. One pass for the means. */
  static double meanVariance(double[] x, int n, int d) {
    if (d >= 5 && d <= 8) {
      return meanVariance5to8(x, n, d);
    }
    double[] mean = new double[d];
    for (int i = 0, o = 0; i < n; i++, o += d) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[o + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] ss = new double[d];
    for (int i = 0, o = 0; i < n; i++, o += d) {
      for (int j = 0; j < d; j++) {
        double t = x[o + j] - mean[j];
        ss[j] += t * t;
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += ss[j] / n;
    }
    return total / d;
  }

  /**
   * {@link #meanVariance} for 5 ≤ d ≤ 8 with each column's sums in a local instead of an array slot: the same
   * additions in the same order (each column over the rows, then the columns in order), so the same bits, in about
   * two thirds of the time (0.93 → 0.62 ms at 100,000 × 8, in a probe not kept). Lanes past the last column read the last column again
   * and are dropped.
   */
  private static double meanVariance5to8(double[] x, int n, int d) {
    int last = d - 1;
    int i5 = Math.min(5, last);
    int i6 = Math.min(6, last);
    int i7 = Math.min(7, last);
    int end = n * d;
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    for (int o = 0; o < end; o += d) {
      a0 += x[o];
      a1 += x[o + 1];
      a2 += x[o + 2];
      a3 += x[o + 3];
      a4 += x[o + 4];
      a5 += x[o + i5];
      a6 += x[o + i6];
      a7 += x[o + i7];
    }
    double c0 = a0 / n;
    double c1 = a1 / n;
    double c2 = a2 / n;
    double c3 = a3 / n;
    double c4 = a4 / n;
    double c5 = a5 / n;
    double c6 = a6 / n;
    double c7 = a7 / n;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    for (int o = 0; o < end; o += d) {
      double t0 = x[o] - c0;
      double t1 = x[o + 1] - c1;
      double t2 = x[o + 2] - c2;
      double t3 = x[o + 3] - c3;
      double t4 = x[o + 4] - c4;
      double t5 = x[o + i5] - c5;
      double t6 = x[o + i6] - c6;
      double t7 = x[o + i7] - c7;
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
      s4 += t4 * t4;
      s5 += t5 * t5;
      s6 += t6 * t6;
      s7 += t7 * t7;
    }
    double[] ss = {s0, s1, s2, s3, s4, s5, s6, s7};
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += ss[j] / n;
    }
    return total / d;
  }

  /** A fitted k-means clustering. Immutable; accessors return copies. */
  public static final class Result implements Clustering {
    private final String[] ids;
    private final String[] names;
    private final int[] labels;
    private final double[] centroids;
    private final int k;
    private final int d;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final long distanceComputations;
    private final long initNanos;
    private final long iterationNanos;
    private final Algorithm algorithm;
    private final Options options;
    private final KSelection.Result selection;

    Result(String[] ids, String[] names, int[] labels, double[] centroids, int k, int d, double inertia, int iterations,
        boolean converged, long distanceComputations, long initNanos, long iterationNanos, Algorithm algorithm,
        Options options) {
      this.ids = ids;
      this.names = names;
      this.labels = labels;
      this.centroids = centroids;
      this.k = k;
      this.d = d;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
      this.distanceComputations = distanceComputations;
      this.initNanos = initNanos;
      this.iterationNanos = iterationNanos;
      this.algorithm = algorithm;
      this.options = options;
      this.selection = null;
    }

    private Result(Result r, KSelection.Result selection) {
      this.ids = r.ids;
      this.names = r.names;
      this.labels = r.labels;
      this.centroids = r.centroids;
      this.k = r.k;
      this.d = r.d;
      this.inertia = r.inertia;
      this.iterations = r.iterations;
      this.converged = r.converged;
      this.distanceComputations = r.distanceComputations;
      this.initNanos = r.initNanos;
      this.iterationNanos = r.iterationNanos;
      this.algorithm = r.algorithm;
      this.options = r.options;
      this.selection = selection;
    }

    /** This clustering with the k selection that chose its k. */
    Result withSelection(KSelection.Result selection) {
      return new Result(this, selection);
    }

    /** The k selection that chose k ({@link KSelection.Options#fit}), or null when k was given. */
    @Override
    public KSelection.Result selection() {
      return selection;
    }

    /** The key numbers for a one-line summary. */
    @Override
    public String figures() {
      return String.format(Locale.ROOT, "inertia %.6g, %s (%s)", inertia, converged ? "converged"
          : "not converged: raise maxIter", algorithm);
    }

    /**
     * {@code "k-means, k = 5, seed 42, 4 restarts"}; with k chosen, {@code "k-means, k = 3 (auto in 3..10), seed 42,
     * 4 restarts"} (why that k: {@link #selection()}{@code .reason()}).
     */
    @Override
    public String settings() {
      String kText = selection == null ? "k = " + options.k() : "k = " + k + " (auto in " + selection.ks()[0] + ".."
          + selection.ks()[selection.ks().length - 1] + ")";
      return "k-means, " + kText + ", seed " + options.seed() + ", " + options.nInit() + " restarts";
    }

    /** {@code kmeans}. */
    @Override
    public String name() {
      return "kmeans";
    }

    /** Segment of each input row, {@code 0..k-1}, numbered by size (largest first). A copy. */
    @Override
    public int[] labels() {
      return labels.clone();
    }

    /** Number of segments. */
    @Override
    public int k() {
      return k;
    }

    /** The feature names the model was fitted on. */
    @Override
    public String[] featureNames() {
      return names.clone();
    }

    /** The centroids, {@code k × d}, row {@code c} for segment {@code c}. A copy. */
    @Override
    public double[][] centroids() {
      double[][] c = new double[k][];
      for (int i = 0; i < k; i++) {
        c[i] = Arrays.copyOfRange(centroids, i * d, i * d + d);
      }
      return c;
    }

    /** Sum over points of the (weighted) squared distance to the assigned centroid. */
    public double inertia() {
      return inertia;
    }

    /** Centroid updates of the winning seeding (mini-batch: passes over the data). */
    public int iterations() {
      return iterations;
    }

    /** True when the winning run met the tolerance or stopped changing before {@code maxIter}. */
    public boolean converged() {
      return converged;
    }

    /** Point-to-centroid distance computations over all seedings and phases (as ELKI counts them). */
    public long distanceComputations() {
      return distanceComputations;
    }

    /** The algorithm that ran (AUTO resolved). */
    public Algorithm algorithm() {
      return algorithm;
    }

    /** Time spent seeding, over all seedings, in nanoseconds. */
    public long initNanos() {
      return initNanos;
    }

    /** Time spent iterating, over all seedings, in nanoseconds. */
    public long iterationNanos() {
      return iterationNanos;
    }

    /** Total fit time in nanoseconds. */
    public long nanos() {
      return initNanos + iterationNanos;
    }

    /** The options used. */
    public Options options() {
      return options;
    }

    /** Number of points in each segment. */
    @Override
    public long[] sizes() {
      return Labels.sizes(labels, k);
    }

    /** 0: k-means has no noise. */
    @Override
    public int noiseCount() {
      return 0;
    }

    /** Iterations of the winning seeding, distance computations over all seedings and the fit time. */
    @Override
    public Clustering.Diagnostics diagnostics() {
      return new Clustering.Diagnostics(iterations, distanceComputations, nanos());
    }

    /**
     * The nearest centroid's segment for each row of {@code points} (same features, same scaling; ties: the lower
     * segment). O(m·k·d).
     *
     * @throws IllegalArgumentException for a point with another number of features or a non-finite value
     */
    public int[] predict(double[][] points) {
      int[] out = new int[points.length];
      for (int i = 0; i < points.length; i++) {
        double[] p = points[i];
        Inputs.point(p, i, names);
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double dd = KMeansRun.dist2(p, 0, centroids, c * d, d);
          if (dd < bestD) {
            bestD = dd;
            best = c;
          }
        }
        out[i] = best;
      }
      return out;
    }

    /** The nearest centroid's segment for each customer of {@code m}, whose features must match by name. */
    @Override
    public int[] predict(FeatureMatrix m) {
      Inputs.sameFeatures(m, names);
      int n = m.rows();
      int[] out = new int[n];
      // the fused kernel: the rule (and the last bits) every saved k-means model has assigned with
      Distances.nearestCentroids(m.toFlatArray(), 0, n, d, centroids, k, out, new double[n], null);
      return out;
    }

    /** One row per customer: {@code customer_id, segment}. */
    @Override
    public Table toTable() {
      return Labels.customerTable("kmeans", ids, labels);
    }

    /** One row per segment: size, share (percent) and centroid coordinates. */
    public Table centroidTable() {
      return Labels.addCoordinates(Labels.segmentTable("centroids", sizes(), 0, labels.length, false), names,
          centroids, k);
    }

    /** {@link #centroidTable()}: one row per segment with size, share and centroid coordinates. */
    @Override
    public Table summaryTable() {
      return centroidTable();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "KMeans (%s) k=%d, n=%,d, inertia=%.6g, %d iterations (%s), %,d distances, "
          + "%.1f ms%n%s", algorithm, k, labels.length, inertia, iterations, converged ? "converged" : "not converged",
          distanceComputations, nanos() / 1e6, centroidTable().print());
    }
  }

  /** Checks that at least {@code k} distinct rows exist; called when seeding runs out of positive distances. */
  static IllegalArgumentException tooFewDistinct(double[] x, int n, int d, int k) {
    Set<List<Double>> set = new HashSet<>();
    for (int i = 0; i < n && set.size() <= k; i++) {
      Double[] row = new Double[d];
      for (int j = 0; j < d; j++) {
        row[j] = x[i * d + j];
      }
      set.add(List.of(row));
    }
    return new IllegalArgumentException("the data has only " + set.size() + " distinct points, fewer than k = " + k
        + " segments; choose a smaller k or check for constant or duplicated features");
  }
}
