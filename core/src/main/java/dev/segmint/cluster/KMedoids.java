package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Sampling;
import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import dev.segmint.kernel.internal.SwapSums;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * k-medoids clustering of customers with numeric and categorical features under {@link Gower} distance, by FasterPAM
 * (E. Schubert, P. J. Rousseeuw 2021, Fast and eager k-medoids clustering: O(k) runtime improvement of the PAM, CLARA,
 * and CLARANS algorithms, Information Systems 101).
 *
 * <p>Minimises the cost, the sum over customers of the Gower distance to the nearest medoid; every segment's centre is
 * one of its customers (a medoid), so it is a real profile, categorical levels included.
 *
 * <p>Algorithm. Start: k distinct customers drawn at random from the seed, as FasterPAM's authors recommend: with
 * eager swaps a random start reaches the quality of a BUILD start (their experiments), while BUILD alone costs
 * O(n²·k) distances, more than a swap pass. Swaps: customers are visited in row order; for candidate h, one pass over
 * all customers with the nearest and second-nearest medoid distances kept per customer gives, for all k medoids at
 * once, the change in cost of swapping h in (the "removal loss" array plus the gain of h: O(n) per candidate, not
 * O(n·k)); the best improving swap is made at once (eager) and the loss array refreshed. A pass that makes no swap ends
 * the fit; a later pass stops at the customer of the last swap (a whole round without a swap). Large data: for n above
 * {@code sampleSize}, FasterPAM first runs on a random sample of that many customers, and its medoids start the
 * swaps on all customers (CLARA's idea, used only as a start), which saves most of the expensive full passes.
 *
 * <p>Two paths, one result. When the float triangle of all pairwise distances fits the budget (below), it is
 * computed once ({@code n(n − 1)/2} Gower distances, in parallel tiles) and every pass reads candidates' rows from it,
 * as ELKI's FasterPAM reads its precomputed matrix; otherwise each pass computes the rows on the fly with the blocked
 * Gower kernel (O(n) memory). On the triangle path a candidate's change in cost is first estimated from the floats:
 * its row is copied from the triangle already grouped by the customers' nearest medoids, and branch-free sums over
 * each group are added up in float lanes (on the Panama Vector API when the JVM has {@code jdk.incubator.vector} and
 * 256- or 512-bit vectors, else in plain Java, with the same bits). The estimate comes with a proven bound on its error (the
 * float rounding of the distances and of the sums, {@code (2⁻¹⁹ + (n + 64)·2⁻⁴⁸)·Σ (dn + ds) + n·2⁻³⁶}, more than
 * twice the worst case derived in {@code estimate}); a candidate whose estimate minus the bound is not an improving
 * swap is passed over, and any other has its row computed in double and is evaluated exactly as on the fly.
 * Near-ties are therefore decided in double, and both paths make the same swaps: the same medoids, labels and cost,
 * bit for bit (tested on data with missing levels, uneven weights, many exact ties and swaps that gain less than the
 * floats' rounding).
 *
 * <p>Determinism: candidates are processed in blocks whose distance rows are computed (or read) in parallel, then
 * scanned in row order on the calling thread; the evaluation of a candidate is a pure function of the current medoids
 * (after a swap the rest of the block is evaluated again), so the same seed gives the same medoids, labels and cost
 * bit for bit with any number of threads, on either path.
 *
 * <p>Cost: on the fly, each pass evaluates up to n² Gower distances (O(n²·(d + c)) time); with the triangle, the
 * n(n − 1)/2 distances are computed once and a pass is O(n²) reads and additions, plus O(n·(d + c)) per exact check
 * (about one per swap). Fits typically take 2–5 passes (plus the sample's passes).
 *
 * <p>Memory and the budget. The triangle takes about {@code 2·n·(n + 64)} bytes (4-byte floats in panels of 64
 * columns, {@code triangleBytes}): 50.6 MB at 5,000 customers, 802.6 MB at 20,000 (plus, while it is filled, a copy
 * of the features, {@code 8·n·(d + c)} bytes; {@code triangleMemoryEstimate}). It is built when that is at most
 * {@link Options#matrixBytes()} (default {@link #DEFAULT_MATRIX_BYTES}, 1 GiB, so up to 23,138 customers) and at
 * most half of {@link Runtime#maxMemory()} together with the triangles of the fits running at the same time (e.g. a
 * stability check's parallel refits); beyond it, or with {@code matrixBytes} 0, distances are computed on the
 * fly, with the same result. On the fly: the customers in Gower's layout ({@code 8·n·(d + c + 1)} bytes), per customer the two nearest
 * medoids and their distances (24 bytes), the medoids' distance rows ({@code 8·k·n} bytes) and one block of
 * candidate rows (at most 2²⁰ doubles, 8 MiB): about 27 MiB at 100,000 customers × (8 numeric + 4 categorical), k =
 * 10 ({@code memoryEstimate}), where the triangle (20 GB) is never built. One path serves the whole fit: the sampled
 * start's fit uses the triangle only when the full data's triangle fits the budget, so a fit on the fly never holds
 * a triangle.
 */
public final class KMedoids {

  private KMedoids() {}

  /** Customers {@link Result#predict} places per block (k distance rows of this length). */
  static final int PREDICT_BLOCK = 4096;

  /** Candidate rows computed per block: at most 2²⁰ doubles, and between 2 and 256 rows. */
  static int blockRows(int n) {
    return Math.max(2, Math.min(256, (1 << 20) / Math.max(1, n)));
  }

  /** The default {@link Options#matrixBytes()}: 1 GiB, the float triangle of 23,138 customers. */
  public static final long DEFAULT_MATRIX_BYTES = 1L << 30;

  /**
   * Bytes of the precomputed float distances of n customers: the lower triangle with the 64 × 64 squares on its
   * diagonal, in panels of 64 columns ({@code 4·Σ_p 64·(n − 64p)}, about {@code 2·n·(n + 64)}): 802.6 MB at 20,000.
   */
  static long triangleBytes(int n) {
    long total = 0;
    for (long b0 = 0; b0 < n; b0 += PANEL) {
      total += 4L * Math.min(PANEL, n - b0) * (n - b0);
    }
    return total;
  }

  /**
   * Whether a fit on n customers precomputes the float distance triangle: when {@link #triangleBytes} is at most
   * {@code matrixBytes} and at most half of {@link Runtime#maxMemory()}.
   */
  static boolean usesTriangle(int n, long matrixBytes) {
    long bytes = triangleBytes(n);
    return n >= 2 && bytes <= matrixBytes && bytes <= Runtime.getRuntime().maxMemory() / 2;
  }

  /**
   * Floats per candidate row on the triangle path: the customers grouped by nearest medoid, each group padded to a
   * multiple of {@link SwapSums#LANES} ({@code ≤ n + 31·k}), rounded up to 16 (64-byte rows).
   */
  static int stride(int n, int k) {
    long s = (long) n + (long) (SwapSums.LANES - 1) * k;
    return (int) ((s + 15) / 16 * 16);
  }

  /** Candidates per panel of the precomputed distances, and per block of the swap passes that read them. */
  static final int PANEL = 64;

  /**
   * Bytes a fit on the triangle path allocates beyond the caller's matrix: the panels ({@link #triangleBytes}), the
   * Gower layout, the per-customer arrays (with the grouping by nearest medoid), the medoid rows, one block of 64 float
   * candidate rows and one double row for the exact checks, and while the panels are filled a copy of the features,
   * one array each ({@code 8·n·(d + c)} bytes), and one row of sums per thread: about 770 MiB at 20,000 × (8 + 4),
   * k = 6.
   */
  static long triangleMemoryEstimate(int n, int d, int c, int k, int threads) {
    long layout = 8L * n * (d + c + 1);
    long stride = stride(n, k);
    long perCustomer = (long) n * (2 * Integer.BYTES + 2 * Double.BYTES + 1) + (long) n * Integer.BYTES
        + 2L * Float.BYTES * stride;
    long medoidRows = 8L * k * n;
    int block = Math.min(n, PANEL);
    long rows = 4L * block * stride + 8L * n + 3L * 8 * block;
    long fill = 8L * n * (d + c) + threads * (8L * n + 8L * (d + c));
    return triangleBytes(n) + 16L * (n / PANEL + 1) + layout + perCustomer + medoidRows + rows
        + (long) n * Integer.BYTES + fill;
  }

  /**
   * Bytes a fit on the on-the-fly path allocates beyond the caller's matrix, by the arrays it holds at its peak (see
   * the class comment): at 100,000 × (8 + 4), k = 10 about 27 MiB.
   */
  static long memoryEstimate(int n, int d, int c, int k) {
    long layout = 8L * n * (d + c + 1);
    long perCustomer = (long) n * (2 * Integer.BYTES + 2 * Double.BYTES + 1);
    long medoidRows = 8L * k * n;
    long block = 8L * blockRows(n) * n + 2L * 8 * blockRows(n);
    return layout + perCustomer + medoidRows + block + (long) n * Integer.BYTES;
  }

  /**
   * k-medoids settings. Create with {@link #of(int)} and adjust with the {@code withX} copies.
   *
   * @param k number of segments, 1 ≤ k ≤ n
   * @param weights Gower weight of each named feature (finite, ≥ 0); features not named weigh 1
   * @param maxIter maximum swap passes over the customers
   * @param seed seed of the random start (and of the sample)
   * @param threads worker threads: 0 for all available processors, n ≥ 1 for at most n (results do not depend on it)
   * @param sampleSize above this many customers the start comes from FasterPAM on a sample of this size; 0 never
   *     samples
   * @param matrixBytes the most memory the precomputed distance triangle may take (in bytes, about {@code 2·n·(n +
   *     64)} for n customers); it is built only when it also fits half of {@link Runtime#maxMemory()}; 0 never builds
   *     it (distances on the fly). The medoids, labels and cost are the same either way; only the time differs
   */
  public record Options(int k, Map<String, Double> weights, int maxIter, long seed, int threads, int sampleSize,
      long matrixBytes) implements KClusterer {
    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, got " + k);
      }
      if (maxIter < 1) {
        throw new IllegalArgumentException("maxIter must be at least 1, got " + maxIter);
      }
      Threads.check(threads);
      if (sampleSize < 0) {
        throw new IllegalArgumentException("sampleSize must be 0 (never sample) or a number of customers, got "
            + sampleSize);
      }
      if (matrixBytes < 0) {
        throw new IllegalArgumentException("matrixBytes must be 0 (never precompute the distances) or a number of "
            + "bytes, got " + matrixBytes);
      }
      Objects.requireNonNull(weights, "weights");
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        Double w = Objects.requireNonNull(e.getValue(), "weight of " + e.getKey());
        if (!(w >= 0) || w.isInfinite()) {
          throw new IllegalArgumentException("the weight of feature '" + e.getKey() + "' is " + w + "; weights are "
              + "finite numbers ≥ 0 (0 leaves the feature out)");
        }
      }
      weights = Map.copyOf(weights);
    }

    /**
     * k segments; equal weights, 100 passes, seed 0, all processors, sampled start above 10,000 customers, distance
     * triangle up to {@link #DEFAULT_MATRIX_BYTES} (1 GiB: 23,138 customers).
     */
    public static Options of(int k) {
      return new Options(k, Map.of(), 100, 0L, 0, 10_000, DEFAULT_MATRIX_BYTES);
    }

    /** {@code kmedoids}. */
    @Override
    public boolean takesCategories() {
      return true;
    }

    @Override
    public String name() {
      return "kmedoids";
    }

    /** {@link KMedoids#fit(FeatureMatrix, Options)} with these options. */
    @Override
    public Result fit(FeatureMatrix m) {
      return KMedoids.fit(m, this);
    }

    public Options withK(int k) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    /** These Gower weights by feature name (replacing any given before); features not named weigh 1. */
    public Options withWeights(Map<String, Double> weights) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    public Options withMaxIter(int maxIter) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    @Override
    public Options withSeed(long seed) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    @Override
    public Options withThreads(int threads) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    public Options withSampleSize(int sampleSize) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    /**
     * The most memory the precomputed float distance triangle may take (about {@code 2·n·(n + 64)} bytes); 0 computes
     * the distances on the fly in every pass (O(n) memory). Results do not depend on it.
     */
    public Options withMatrixBytes(long matrixBytes) {
      return new Options(k, weights, maxIter, seed, threads, sampleSize, matrixBytes);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "k=%d, weights=%s, maxIter=%d, seed=%d, threads=%s, sampleSize=%s, "
          + "matrixBytes=%s", k, weights.isEmpty() ? "equal" : new TreeMap<>(weights), maxIter, seed,
          Threads.text(threads), sampleSize == 0 ? "never" : String.format(Locale.ROOT, "%,d", sampleSize),
          matrixBytes == 0 ? "never" : String.format(Locale.ROOT, "%,d", matrixBytes));
    }
  }

  /**
   * Clusters the customers of {@code m} (numeric and categorical features) into {@code options.k()} segments.
   *
   * @throws IllegalArgumentException when k exceeds the number of customers, a weight names no feature, every
   *     weight is 0, or a customer has no feature to compare (all its categorical values missing and no numeric
   *     feature weighs anything), naming the customer
   */
  public static Result fit(FeatureMatrix m, Options options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    int n = m.rows();
    int k = options.k();
    if (n == 0) {
      throw new IllegalArgumentException("cannot cluster an empty feature matrix (0 customers)");
    }
    if (k > n) {
      throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of customers, " + n
          + "; choose k ≤ " + n);
    }
    long start = System.nanoTime();
    Gower g = Gower.fit(m, options.weights());
    Gower.Rows rows = g.rows(m);
    for (int i = 0; i < n; i++) {
      if (!g.hasFeatures(rows, i)) {
        throw new IllegalArgumentException("customer " + m.id(i) + " (row " + (i + 1) + ") has no feature to compare: "
            + "every categorical value is missing and no numeric feature has a positive weight; impute its values "
            + "(--missing impute) or drop it");
      }
    }
    int threads = Threads.resolve(options.threads());
    // one path for the whole fit: the sample's fit uses the triangle only when the full data's does, so that the
    // memory of a fit on the fly stays O(n)
    long reserved = usesTriangle(n, options.matrixBytes()) ? reserveTriangle(triangleBytes(n)) : 0;
    try {
      return fit(m, options, g, rows, k, n, threads, reserved > 0, start);
    } finally {
      releaseTriangle(reserved);
    }
  }

  /** Gives back what {@link #reserveTriangle} reserved. */
  static void releaseTriangle(long bytes) {
    TRIANGLES_RESERVED.addAndGet(-bytes);
  }

  /**
   * The bytes of the float triangles that fits running at this moment hold, across threads (e.g. the parallel
   * refits of a stability check). A fit builds its triangle only when the total stays within half of {@link
   * Runtime#maxMemory()}; otherwise it computes distances on the fly, with the same result.
   */
  private static final java.util.concurrent.atomic.AtomicLong TRIANGLES_RESERVED =
      new java.util.concurrent.atomic.AtomicLong();

  /** Reserves {@code bytes} for a triangle if the fits running now leave room for it: the bytes, or 0. */
  static long reserveTriangle(long bytes) {
    long limit = Runtime.getRuntime().maxMemory() / 2;
    while (true) {
      long now = TRIANGLES_RESERVED.get();
      if (now + bytes > limit) {
        return 0;
      }
      if (TRIANGLES_RESERVED.compareAndSet(now, now + bytes)) {
        return bytes;
      }
    }
  }

  private static Result fit(FeatureMatrix m, Options options, Gower g, Gower.Rows rows, int k, int n, int threads,
      boolean triangle, long start) {
    SplittableRandom rnd = new SplittableRandom(options.seed());
    int[] initial;
    long distances = 0;
    int swaps = 0;
    int sampled = 0;
    if (options.sampleSize() > 0 && n > options.sampleSize() && options.sampleSize() >= k) {
      int[] sample = Sampling.sortedSample(n, options.sampleSize(), rnd);
      Run sub = new Run(g, g.select(rows, sample), k, threads, triangle);
      sub.start(Sampling.sortedSample(sample.length, k, rnd));
      sub.swap(options.maxIter());
      initial = new int[k];
      for (int j = 0; j < k; j++) {
        initial[j] = sample[sub.medoids[j]];
      }
      distances += sub.distances;
      swaps += sub.swaps;
      sampled = sample.length;
    } else {
      initial = Sampling.sortedSample(n, k, rnd);
    }
    Run run = new Run(g, rows, k, threads, triangle);
    run.start(initial);
    run.swap(options.maxIter());
    double cost = 0;
    for (int i = 0; i < n; i++) {
      cost += run.dn[i];
    }
    int[] segmentOf = Labels.bySize(run.near, k, null, 0);
    int[] labels = Labels.apply(run.near, segmentOf);
    int d = g.numeric();
    int c = g.categorical();
    double[] x = MatrixValues.shared(m);
    short[] codes = MatrixValues.sharedCodes(m);
    double[][] values = new double[k][];
    int[][] medoidCodes = new int[k][];
    String[] medoidIds = new String[k];
    for (int j = 0; j < k; j++) {
      int row = run.medoids[j];
      values[j] = Arrays.copyOfRange(x, row * d, row * d + d);
      medoidCodes[j] = new int[c];
      for (int f = 0; f < c; f++) {
        medoidCodes[j][f] = codes[row * c + f];
      }
      medoidIds[j] = m.id(row);
    }
    return new Result(m.ids(), labels, Labels.sizes(labels, k), g, run.medoids.clone(), medoidIds, values,
        medoidCodes, segmentOf, cost, run.swaps + swaps, run.passes, run.converged, run.distances + distances,
        sampled, System.nanoTime() - start, options, settingsText(options, k));
  }

  private static String settingsText(Options o, int k) {
    return "k-medoids (FasterPAM, Gower distance), k = " + k + ", seed " + o.seed()
        + (o.weights().isEmpty() ? "" : ", weights " + new TreeMap<>(o.weights()));
  }

  /**
   * One FasterPAM optimisation: the medoids, each customer's nearest and second-nearest medoid with their distances,
   * the medoids' distance rows, and the removal-loss array; with or without the precomputed distance triangle.
   */
  private static final class Run {
    final Gower g;
    final Gower.Rows r;
    final int n;
    final int k;
    final int threads;
    final int[] medoids;
    /** Fit index of the medoid at each customer, -1 for a non-medoid. */
    final int[] medoidAt;
    final int[] near;
    final int[] second;
    final double[] dn;
    final double[] ds;
    final double[] medoidRows;
    final double[] loss;
    final int block;
    /** On-the-fly path: the block's candidate rows in double; null with the triangle. */
    final double[] buf;
    /**
     * Triangle path: panel p holds the distances of customers {@code 64p..64p+63} (its columns) to every customer o
     * from 64p on, at {@code [(o − 64p)·width + column]}, as floats; null on the fly. Together the lower triangle (and
     * the 64 × 64 squares on the diagonal), laid out so that a block of 64 candidates reads contiguous runs.
     */
    final float[][] tri;
    /**
     * Triangle path: the block's candidate rows read from the triangle, {@link #stride} floats each, already in the
     * grouped order of {@link #pos} (customer o at {@code pos[o]}); the padding places hold stale distances (≥ 0),
     * which add exactly 0 since dn = ds = 0 there.
     */
    final float[] fbuf;
    /** Triangle path: floats per row of {@link #fbuf}. */
    final int stride;
    /** Triangle path: a candidate's row recomputed in double by the Gower kernel (the exact check). */
    final double[] exact;
    /**
     * Triangle path: the customers grouped by nearest medoid: medoid j's customers at places {@code first[j]} on (in
     * row order), its group padded with zeros up to {@code first[j + 1]}, a multiple of {@link SwapSums#LANES}
     * places; customer o at place {@code pos[o]}; dn and ds as floats at those places (0 in the padding), so that a
     * candidate's estimate reads everything contiguously.
     */
    final int[] pos;
    final int[] first;
    final int[] groupSize;
    final float[] dnF;
    final float[] dsF;
    /** Triangle path, k ≥ 2: the bound on |float estimate − exact change in cost| for the current medoids. */
    double estimateBound;
    /** Best medoid and change in cost per block slot; slot {@code block} holds the exact check. */
    final int[] bestOf;
    final double[] gainOf;
    /** Triangle path: a bound on |float estimate − exact change in cost| per block slot. */
    final double[] boundOf;
    long distances;
    int swaps;
    int passes;
    boolean converged;
    double total;
    /** Σ (dn + ds) over the customers: scales the bound on rounding in the float estimates. */
    double spread;
    /** Candidates whose float estimate could not rule out an improving swap, so their row was computed exactly. */
    long exactChecks;

    Run(Gower g, Gower.Rows r, int k, int threads, boolean matrix) {
      this.g = g;
      this.r = r;
      this.n = r.n;
      this.k = k;
      this.threads = threads;
      medoids = new int[k];
      medoidAt = new int[n];
      near = new int[n];
      second = new int[n];
      dn = new double[n];
      ds = new double[n];
      medoidRows = new double[k * n];
      loss = new double[k];
      block = Math.min(n, matrix ? PANEL : blockRows(n));
      bestOf = new int[block + 1];
      gainOf = new double[block + 1];
      if (matrix) {
        buf = null;
        tri = new float[(n + PANEL - 1) / PANEL][];
        stride = stride(n, k);
        fbuf = new float[block * stride];
        exact = new double[n];
        boundOf = new double[block];
        pos = new int[n];
        first = new int[k + 1];
        groupSize = new int[k];
        dnF = new float[stride];
        dsF = new float[stride];
        fillTriangle();
      } else {
        buf = new double[block * n];
        tri = null;
        stride = 0;
        fbuf = null;
        exact = null;
        boundOf = null;
        pos = null;
        first = null;
        groupSize = null;
        dnF = null;
        dsF = null;
      }
    }

    /**
     * The panels ({@link Gower#panel}), dealt to the threads in turn; each value is a pure function of the two
     * customers, so they do not depend on the split.
     */
    private void fillTriangle() {
      double[][] cols = Gower.columns(r);
      int panels = tri.length;
      int parts = Math.max(1, Math.min(threads, panels));
      Runnable[] tasks = new Runnable[parts];
      for (int t = 0; t < parts; t++) {
        int part = t;
        tasks[t] = () -> {
          for (int p = part; p < panels; p += parts) {
            int b0 = p * PANEL;
            int width = Math.min(PANEL, n - b0);
            float[] panel = new float[(n - b0) * width];
            g.panel(r, cols, b0, width, panel, 1);
            tri[p] = panel;
          }
        };
      }
      Workers.runAll("k-medoids", tasks);
      distances += (long) n * (n - 1) / 2;
    }

    void start(int[] initial) {
      Arrays.fill(medoidAt, -1);
      for (int j = 0; j < k; j++) {
        medoids[j] = initial[j];
        medoidAt[initial[j]] = j;
      }
      parallel(k, (from, to) -> {
        for (int j = from; j < to; j++) {
          g.row(r, medoids[j], r, 0, n, medoidRows, j * n, 1);
        }
      });
      distances += (long) k * n;
      assignAll();
      total = 0;
      for (int o = 0; o < n; o++) {
        total += dn[o];
      }
    }

    /** Splits {@code count} items into contiguous chunks over the threads; each chunk writes its own slots. */
    void parallel(int count, Chunk work) {
      int parts = Math.min(threads, count);
      if (parts <= 1) {
        work.run(0, count);
        return;
      }
      Runnable[] tasks = new Runnable[parts];
      for (int p = 0; p < parts; p++) {
        int from = (int) ((long) count * p / parts);
        int to = (int) ((long) count * (p + 1) / parts);
        tasks[p] = () -> work.run(from, to);
      }
      Workers.runAll("k-medoids", tasks);
    }

    interface Chunk {
      void run(int from, int to);
    }

    /** Nearest and second-nearest medoid of every customer (ties: the earlier medoid; a medoid is its own nearest). */
    void assignAll() {
      for (int o = 0; o < n; o++) {
        int self = medoidAt[o];
        int a = -1;
        int b = -1;
        double da = Double.POSITIVE_INFINITY;
        double db = Double.POSITIVE_INFINITY;
        if (self >= 0) {
          a = self;
          da = medoidRows[self * n + o];
        }
        for (int j = 0; j < k; j++) {
          if (j == self) {
            continue;
          }
          double v = medoidRows[j * n + o];
          if (self < 0 && v < da) {
            b = a;
            db = da;
            a = j;
            da = v;
          } else if (v < db) {
            b = j;
            db = v;
          }
        }
        near[o] = a;
        second[o] = b;
        dn[o] = da;
        ds[o] = db;
      }
      if (pos != null) {
        group();
      }
    }

    /** Triangle path: {@link #pos} and the arrays that go with it, from the nearest medoids (a counting sort). */
    void group() {
      Arrays.fill(groupSize, 0);
      for (int o = 0; o < n; o++) {
        groupSize[near[o]]++;
      }
      int lanes = SwapSums.LANES;
      first[0] = 0;
      for (int j = 0; j < k; j++) {
        first[j + 1] = first[j] + (groupSize[j] + lanes - 1) / lanes * lanes;
      }
      int[] next = Arrays.copyOf(first, k);
      Arrays.fill(dnF, 0f);
      Arrays.fill(dsF, 0f);
      for (int o = 0; o < n; o++) {
        int at = next[near[o]]++;
        pos[o] = at;
        dnF[at] = (float) dn[o];
        dsF[at] = (float) ds[o];
      }
    }

    /** loss[j]: the cost of removing medoid j, its customers moving to their second-nearest medoid. */
    void computeLoss() {
      Arrays.fill(loss, 0);
      double sp = 0;
      if (k == 1) {
        for (int o = 0; o < n; o++) {
          sp += dn[o];
        }
        spread = sp;
        return;
      }
      for (int o = 0; o < n; o++) {
        loss[near[o]] += ds[o] - dn[o];
        sp += dn[o] + ds[o];
      }
      spread = sp;
      estimateBound = (0x1p-19 + (n + 64) * 0x1p-48) * sp + n * 0x1p-36;
    }

    /**
     * The best swap for the candidate whose distance row is {@code row[off..off+n)}: medoid and change in cost into
     * {@code bestOf[slot]} and {@code gainOf[slot]}. The exact evaluation, on double distances.
     */
    void evaluate(double[] row, int off, int slot, double[] cost) {
      if (k == 1) {
        double sum = 0;
        for (int o = 0; o < n; o++) {
          sum += row[off + o];
        }
        bestOf[slot] = 0;
        gainOf[slot] = sum - total;
        return;
      }
      System.arraycopy(loss, 0, cost, 0, k);
      double acc = 0;
      for (int o = 0; o < n; o++) {
        double dho = row[off + o];
        double dno = dn[o];
        if (dho < dno) {
          acc += dho - dno;
          cost[near[o]] += dno - ds[o];
        } else if (dho < ds[o]) {
          cost[near[o]] += dho - ds[o];
        }
      }
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (cost[j] < cost[best]) {
          best = j;
        }
      }
      bestOf[slot] = best;
      gainOf[slot] = cost[best] + acc;
    }

    /**
     * The estimate of {@link #evaluate} from the float row in block slot {@code s} of the triangle path (grouped by
     * nearest medoid, {@link #pos}), and in {@code boundOf[s]} a bound on its distance from {@link #evaluate}'s result
     * on the candidate's double row.
     *
     * <p>What is estimated: per customer o with nearest medoid j(o), let {@code a = min(d − dn, 0)} (the change in
     * o's distance when h joins the medoids) and {@code b = min(d, ds) − ds} (the change when h also replaces j(o));
     * both are ≤ 0 and 1-Lipschitz in d, dn and ds. Replacing medoid j changes the cost by {@code V_j = loss_j + Σ_{j(o)
     * = j} b + Σ_{j(o) ≠ j} a} (as {@link #evaluate}'s branches: for d &lt; dn, b − a = dn − ds); the gain is
     * {@code min_j V_j}. The sums per group, {@code A_j = Σ a} and {@code B_j = Σ b}, come from {@link SwapSums} in
     * float lanes; then {@code V_j = loss_j + B_j + (Σ A − A_j)} in double.
     *
     * <p>Bound (k ≥ 2; u = 2⁻²⁴, the float rounding; S = Σ (dn + ds), {@link #spread}). Assumption: each float
     * distance d̃ is within {@code 4u·d + 2⁻⁴⁰} of the double distance d that {@code Gower.row} gives (the float rounding
     * of the panel kernel's double value, which differs from the row kernel's only by the rounding of sums of
     * non-negative terms; tested to 2⁻²³). (1) Inputs and per-customer arithmetic: with x = min(d, ds), |x̃ − x| ≤
     * |fl(ds) − ds| + |min(d̃, ds) − min(d, ds)| ≤ 5.0001u·ds + 2⁻³⁸ (the second term is 0 unless d or d̃ is below ds,
     * and then at most 4u·ds/(1 − 4u) + 2⁻³⁹); a = min(x − dn, 0) since dn ≤ ds, so with the rounding of dn (u·dn) and
     * of the subtraction (u·dn: it matters only when x̃ &lt; dn), |ã − a| ≤ 5.0001u·ds + 2.0001u·dn + 2⁻³⁷; likewise
     * |b̃ − b| ≤ 7.0002u·ds + 2⁻³⁷. Each customer enters V_j through one of a, b: at most 7.0002u·S + n·2⁻³⁷. (2)
     * Float sums: at most 8 terms per lane before they go to double, so each float sum is within γ₇ ≤ 7.0001u of the
     * sum of its terms' magnitudes; |ã| ≤ fl(dn), |b̃| ≤ fl(ds), and A_j's own error cancels in Σ A − A_j, so V_j moves
     * by at most 7.0002u·S. (3) Double roundings, here (≤ n/256 + 32 + k + 3 per V_j) and in {@link #evaluate} (≤ 2n + k
     * + 2), each at most 2⁻⁵³ of a partial sum ≤ 2S (|loss_j| ≤ S): at most (n + 64)·2⁻⁴⁹·S; and |min_j V̂_j − min_j
     * V_j| ≤ max_j |V̂_j − V_j|. Total ≤ 14.0004u·S + (n + 64)·2⁻⁴⁹·S + n·2⁻³⁷; the bound used is {@code (2⁻¹⁹ + (n +
     * 64)·2⁻⁴⁸)·S + n·2⁻³⁶} ({@link #estimateBound}), more than twice that. With k = 1 the estimate is Σ d in double
     * (2⁻²¹·Σ d + n·2⁻⁴⁸·(Σ d + S), as before).
     */
    void estimate(int s, double[] cost, SwapSums ss, double[] part) {
      int off = s * stride;
      float[] row = fbuf;
      if (k == 1) {
        double sum = 0;
        for (int o = 0; o < n; o++) {
          sum += row[off + o];      // one group: customer o at place o
        }
        bestOf[s] = 0;
        gainOf[s] = sum - total;
        boundOf[s] = 0x1p-21 * sum + n * 0x1p-48 * (sum + spread);
        return;
      }
      double all = 0;
      for (int j = 0; j < k; j++) {
        ss.sums(row, off, dnF, dsF, first[j], first[j + 1], part, 2 * j);
        all += part[2 * j];
      }
      int best = 0;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double c = loss[j] + part[2 * j + 1] + (all - part[2 * j]);
        if (c < bestCost) {
          bestCost = c;
          best = j;
        }
      }
      bestOf[s] = best;
      gainOf[s] = bestCost;
      boundOf[s] = estimateBound;
    }

    /**
     * Triangle path: copies the rows of the candidates in block slots {@code s0..s1-1} (candidate {@code b0 + s} in
     * slot s; the block is panel {@code b0 / 64}) into {@link #fbuf}, customer o at place {@code pos[o]} (the grouped
     * order, so the copy does the permutation and the estimate reads contiguously). Customers before the block: a
     * run of 64 floats from each earlier panel; from the block on: the block's own panel, customer by customer for all
     * the slots (measured faster than tiles of 16 customers). Writes only the slots' rows.
     */
    void extract(int b0, int s0, int s1) {
      int p = b0 / PANEL;
      float[] own = tri[p];
      int width = Math.min(PANEL, n - b0);
      int[] at = pos;
      int w = stride;
      float[] out = fbuf;
      for (int q = 0; q < p; q++) {
        float[] panel = tri[q];
        int c0 = q * PANEL;
        for (int s = s0; s < s1; s++) {
          int src = (b0 + s - c0) * PANEL;
          int dst = s * w;
          for (int u = 0; u < PANEL; u++) {
            out[dst + at[c0 + u]] = panel[src + u];
          }
        }
      }
      for (int o = b0; o < n; o++) {
        int base = (o - b0) * width;
        int po = at[o];
        for (int s = s0; s < s1; s++) {
          out[s * w + po] = own[base + s];
        }
      }
    }

    /** Slots a thread copies and then estimates at a time on the triangle path (a whole block on one thread: measured faster than 16). */
    static final int SLOTS = 64;

    /**
     * Evaluates (or estimates, on the triangle path) the candidates in block slots {@code from..to-1}, in parallel
     * over the slots; on the triangle path each thread copies ({@link #extract}) and estimates up to {@value
     * #SLOTS} slots at a time, while their rows are in the cache.
     */
    void evaluateAll(int start, int from, int to) {
      int count = to - from;
      if (tri == null) {
        parallel(count, (a, b) -> {
          double[] cost = new double[k];
          for (int s = from + a; s < from + b; s++) {
            evaluate(buf, s * n, s, cost);
          }
        });
        return;
      }
      int per = Math.max(1, Math.min(SLOTS, (count + threads - 1) / threads));
      int groups = (count + per - 1) / per;
      parallel(groups, (a, b) -> {
        double[] cost = new double[k];
        SwapSums ss = SwapSums.select();       // one per thread and block: Panama once the process is warm
        double[] part = new double[2 * k];
        for (int g = a; g < b; g++) {
          int s0 = from + g * per;
          int s1 = Math.min(to, s0 + per);
          extract(start, s0, s1);
          for (int s = s0; s < s1; s++) {
            estimate(s, cost, ss, part);
          }
        }
      });
    }

    /**
     * Swap passes. Candidates in row order, a block at a time: their rows are computed (on the fly) or read from the
     * triangle in parallel, evaluated, then scanned in order; the first improving swap is made at once and the rest
     * of the block evaluated again. On the triangle path the float estimate only rules candidates out: one whose
     * estimate minus its bound does not reach the threshold cannot improve; any other has its row computed in double
     * and evaluated exactly, and that evaluation decides, as on the fly. So both paths make the same swaps.
     */
    void swap(int maxIter) {
      int lastSwap = -1;
      double[] cost = new double[k];
      double[] scratch = g.scratch();
      while (passes < maxIter) {
        passes++;
        int before = swaps;
        computeLoss();
        boolean stop = false;
        for (int b0 = 0; b0 < n && !stop; b0 += block) {
          int b1 = Math.min(n, b0 + block);
          int start = b0;
          if (tri != null) {
            evaluateAll(b0, 0, b1 - b0);
          } else {
            parallel(b1 - b0, (a, b) -> {
              double[] c = new double[k];
              double[] sc = g.scratch();
              for (int s = a; s < b; s++) {
                g.row(r, start + s, r, 0, n, buf, s * n, 1, sc);
                evaluate(buf, s * n, s, c);
              }
            });
          }
          if (tri == null) {
            distances += (long) (b1 - b0) * n;
          }
          for (int s = 0; s < b1 - b0; s++) {
            int h = b0 + s;
            if (h == lastSwap) {
              stop = true;
              break;
            }
            double threshold = -1e-12 * total;
            if (medoidAt[h] >= 0) {
              continue;
            }
            double[] row;
            int off;
            int slot;
            if (tri == null) {
              row = buf;
              off = s * n;
              slot = s;
            } else {
              if (!(gainOf[s] - boundOf[s] < threshold)) {
                continue;
              }
              g.row(r, h, r, 0, n, exact, 0, 1, scratch);
              distances += n;
              exactChecks++;
              evaluate(exact, 0, block, cost);
              row = exact;
              off = 0;
              slot = block;
            }
            if (!(gainOf[slot] < threshold)) {
              continue;
            }
            replace(bestOf[slot], h, row, off);
            total += gainOf[slot];
            swaps++;
            lastSwap = h;
            computeLoss();
            if (s + 1 < b1 - b0) {
              evaluateAll(b0, s + 1, b1 - b0);
            }
          }
        }
        if (swaps == before) {
          converged = true;
          return;
        }
      }
    }

    /** Medoid {@code j} leaves, the customer {@code h} (its double distance row at {@code row[off..]}) takes over. */
    void replace(int j, int h, double[] row, int off) {
      medoidAt[medoids[j]] = -1;
      medoids[j] = h;
      medoidAt[h] = j;
      System.arraycopy(row, off, medoidRows, j * n, n);
      assignAll();
    }
  }

  /**
   * A fitted k-medoids clustering. Segments are numbered by size, largest first (ties: the segment with the earlier
   * first customer). Immutable; accessors return copies. A result read from a model file keeps no training customers:
   * its {@link #labels()}, {@link #toTable()} and {@link #medoidRows()} throw.
   */
  public static final class Result implements Clustering, SelectionCarrier {
    private final String[] ids;
    private final int[] labels;
    private final long[] sizes;
    private final Gower gower;
    // medoids in fit order (the order nearest-medoid ties are broken in), with their segment
    private final int[] medoidRows;
    private final String[] medoidIds;
    private final double[][] values;
    private final int[][] codes;
    private final int[] segmentOf;
    private final double cost;
    private final int swaps;
    private final int passes;
    private final boolean converged;
    private final long distanceComputations;
    private final int sampled;
    private final long nanos;
    private final Options options;
    private final String settings;
    private final Gower.Rows medoidLayout;
    /** The k selection that chose k ({@link KSelection.MixedOptions#fit}), or null when k was given. */
    private final KSelection.Result selection;
    private volatile Laid laid;

    /** The last matrix {@link #distance} laid out, with its layout (one reference, so both change together). */
    private record Laid(FeatureMatrix m, Gower.Pairs pairs) {}

    Result(String[] ids, int[] labels, long[] sizes, Gower gower, int[] medoidRows, String[] medoidIds,
        double[][] values, int[][] codes, int[] segmentOf, double cost, int swaps, int passes, boolean converged,
        long distanceComputations, int sampled, long nanos, Options options, String settings) {
      this(ids, labels, sizes, gower, medoidRows, medoidIds, values, codes, segmentOf, cost, swaps, passes, converged,
          distanceComputations, sampled, nanos, options, settings, null);
    }

    private Result(String[] ids, int[] labels, long[] sizes, Gower gower, int[] medoidRows, String[] medoidIds,
        double[][] values, int[][] codes, int[] segmentOf, double cost, int swaps, int passes, boolean converged,
        long distanceComputations, int sampled, long nanos, Options options, String settings,
        KSelection.Result selection) {
      this.selection = selection;
      this.ids = ids;
      this.labels = labels;
      this.sizes = sizes;
      this.gower = gower;
      this.medoidRows = medoidRows;
      this.medoidIds = medoidIds;
      this.values = values;
      this.codes = codes;
      this.segmentOf = segmentOf;
      this.cost = cost;
      this.swaps = swaps;
      this.passes = passes;
      this.converged = converged;
      this.distanceComputations = distanceComputations;
      this.sampled = sampled;
      this.nanos = nanos;
      this.options = options;
      this.settings = settings;
      this.medoidLayout = gower.rows(values, codes);
    }

    /**
     * A clustering restored from saved state (a model file): the Gower distance, and per segment {@code 0..k-1} its
     * medoid's id, numeric values and level names (null for missing), its place in the tie order (segments tie-break
     * nearest-medoid ties by it, as the fit did) and its training size.
     *
     * @throws IllegalArgumentException for sizes that do not match, a non-finite value, an unknown level name or a
     *     tie order that is not a permutation of 0..k-1
     */
    public static Result restore(String settings, Gower gower, String[] medoidIds, double[][] medoidValues,
        String[][] medoidLevels, int[] tieOrder, long[] sizes, double cost) {
      int k = medoidIds.length;
      int d = gower.numeric();
      int c = gower.categorical();
      if (medoidValues.length != k || medoidLevels.length != k || tieOrder.length != k || sizes.length != k) {
        throw new IllegalArgumentException("a k-medoids model needs one id, value row, level row, tie rank and size "
            + "per segment; got " + k + ", " + medoidValues.length + ", " + medoidLevels.length + ", "
            + tieOrder.length + " and " + sizes.length);
      }
      boolean[] seen = new boolean[k];
      double[][] values = new double[k][];
      int[][] codes = new int[k][];
      String[] ids = new String[k];
      int[] segmentOf = new int[k];
      for (int s = 0; s < k; s++) {
        int j = tieOrder[s];
        if (j < 0 || j >= k || seen[j]) {
          throw new IllegalArgumentException("the tie order " + Arrays.toString(tieOrder) + " is not a permutation "
              + "of 0.." + (k - 1));
        }
        seen[j] = true;
        if (medoidValues[s].length != d || medoidLevels[s].length != c) {
          throw new IllegalArgumentException("medoid " + s + " has " + medoidValues[s].length + " numeric values and "
              + medoidLevels[s].length + " levels but the model has " + d + " numeric and " + c
              + " categorical features");
        }
        for (int f = 0; f < d; f++) {
          if (!Double.isFinite(medoidValues[s][f])) {
            throw new IllegalArgumentException("medoid " + s + " has the non-finite value " + medoidValues[s][f]
                + " in feature '" + gower.numericNames()[f] + "'");
          }
        }
        codes[j] = new int[c];
        for (int f = 0; f < c; f++) {
          String level = medoidLevels[s][f];
          codes[j][f] = level == null ? -1 : gower.levels(f).indexOf(level);
          if (level != null && codes[j][f] < 0) {
            throw new IllegalArgumentException("medoid " + s + " has level '" + level + "' of feature '"
                + gower.categoricalNames()[f] + "', which is not among its levels " + gower.levels(f));
          }
        }
        values[j] = medoidValues[s].clone();
        ids[j] = Objects.requireNonNull(medoidIds[s], "medoid id");
        segmentOf[j] = s;
      }
      return new Result(null, null, sizes.clone(), gower, null, ids, values, codes, segmentOf, cost, 0, 0, true,
          Diagnostics.NOT_KEPT, 0, 0, null, settings);
    }

    /** {@code kmedoids}. */
    @Override
    public String name() {
      return "kmedoids";
    }

    /** This clustering with the k selection that chose its k; the settings text says the k was chosen. */
    @Override
    public Result withSelection(KSelection.Result selection) {
      return new Result(ids, labels, sizes, gower, medoidRows, medoidIds, values, codes, segmentOf, cost, swaps,
          passes, converged, distanceComputations, sampled, nanos, options,
          SelectionCarrier.autoK(settings, sizes.length, selection), selection);
    }

    /** The k selection that chose k ({@link KSelection.MixedOptions#fit}), or null when k was given. */
    @Override
    public KSelection.Result selection() {
      return selection;
    }

    /** {@code "k-medoids (FasterPAM, Gower distance), k = 5, seed 42"}, with the weights when given. */
    @Override
    public String settings() {
      return settings;
    }

    /** Cost, mean distance to the medoid, swaps and passes. */
    @Override
    public String figures() {
      long n = 0;
      for (long s : sizes) {
        n += s;
      }
      return String.format(Locale.ROOT, "cost %.6g (mean Gower distance to the medoid %.4g), %d swaps", cost,
          cost / n, swaps) + (labels == null ? "" : " in " + passes + (passes == 1 ? " pass" : " passes") + (converged ? "" : " (not converged: "
          + "raise maxIter)"));
    }

    @Override
    public int[] labels() {
      requireTraining("labels");
      return labels.clone();
    }

    @Override
    public int k() {
      return sizes.length;
    }

    @Override
    public long[] sizes() {
      return sizes.clone();
    }

    /** 0: every customer has a segment. */
    @Override
    public int noiseCount() {
      return 0;
    }

    /** The numeric feature names, then the categorical ones. */
    @Override
    public String[] featureNames() {
      String[] num = gower.numericNames();
      String[] cat = gower.categoricalNames();
      String[] all = Arrays.copyOf(num, num.length + cat.length);
      System.arraycopy(cat, 0, all, num.length, cat.length);
      return all;
    }

    /** The fitted Gower distance (training ranges, levels and weights). */
    public Gower gower() {
      return gower;
    }

    /** The sum over customers of the Gower distance to their medoid. */
    public double cost() {
      return cost;
    }

    /** Swaps made (the sample's and the full data's). */
    public int swaps() {
      return swaps;
    }

    /** Swap passes over all customers (not counting the sample's). */
    public int passes() {
      return passes;
    }

    /** True when the last pass made no swap (false: maxIter passes were not enough). */
    public boolean converged() {
      return converged;
    }

    /** Customers in the sample whose FasterPAM gave the start, or 0 when the start was drawn from all customers. */
    public int sampled() {
      return sampled;
    }

    /** The options of the fit, or null for a result read from a model file. */
    public Options options() {
      return options;
    }

    private int[] bySegment() {
      int[] fitIndex = new int[segmentOf.length];
      for (int j = 0; j < segmentOf.length; j++) {
        fitIndex[segmentOf[j]] = j;
      }
      return fitIndex;
    }

    /** The training row of each segment's medoid, segment order. */
    public int[] medoidRows() {
      requireTraining("medoid rows");
      int[] at = bySegment();
      int[] out = new int[at.length];
      for (int s = 0; s < at.length; s++) {
        out[s] = medoidRows[at[s]];
      }
      return out;
    }

    /** The customer id of each segment's medoid, segment order. */
    public String[] medoidIds() {
      int[] at = bySegment();
      String[] out = new String[at.length];
      for (int s = 0; s < at.length; s++) {
        out[s] = medoidIds[at[s]];
      }
      return out;
    }

    /**
     * The medoids' numeric feature values, {@code k × d} (segment order): the numeric part of each segment's centre,
     * a real customer's values. Their categorical part is {@link #medoidLevels()}.
     */
    @Override
    public double[][] centroids() {
      int[] at = bySegment();
      double[][] out = new double[at.length][];
      for (int s = 0; s < at.length; s++) {
        out[s] = values[at[s]].clone();
      }
      return out;
    }

    /** The medoids' categorical levels, {@code k × c} (segment order), null where the medoid's value is missing. */
    public String[][] medoidLevels() {
      int[] at = bySegment();
      int c = gower.categorical();
      String[][] out = new String[at.length][c];
      for (int s = 0; s < at.length; s++) {
        for (int f = 0; f < c; f++) {
          int code = codes[at[s]][f];
          out[s][f] = code < 0 ? null : gower.levels(f).get(code);
        }
      }
      return out;
    }

    /** The rank of each segment's medoid in the order nearest-medoid ties are broken in (for model files). */
    public int[] tieOrder() {
      return bySegment();
    }

    /**
     * The segment of the nearest medoid by Gower distance on the TRAINING scale for each customer of {@code m}
     * (features matched by name, levels by name; ties: the medoid the fit ranked first), or -1 for a customer with no
     * feature to compare. On the training customers it gives the training labels (unless two medoids are identical
     * customers). O(m·k·(d + c)).
     *
     * @throws IllegalArgumentException when {@code m} lacks a model feature or has another one
     */
    @Override
    public int[] predict(FeatureMatrix m) {
      Gower.Rows rows = gower.rows(m);
      int k = segmentOf.length;
      int n = rows.n;
      int[] out = new int[n];
      // blocks of customers against all medoids, in the kernel and the orientation the fit used (medoid first)
      int block = Math.min(Math.max(n, 1), PREDICT_BLOCK);
      double[] dist = new double[k * block];
      double[] scratch = gower.scratch();
      for (int i0 = 0; i0 < n; i0 += block) {
        int len = Math.min(block, n - i0);
        for (int j = 0; j < k; j++) {
          gower.row(medoidLayout, j, rows, i0, i0 + len, dist, j * block, 1, scratch);
        }
        for (int t = 0; t < len; t++) {
          if (!gower.hasFeatures(rows, i0 + t)) {
            out[i0 + t] = -1;
            continue;
          }
          int best = 0;
          for (int j = 1; j < k; j++) {
            if (dist[j * block + t] < dist[best * block + t]) {
              best = j;
            }
          }
          out[i0 + t] = segmentOf[best];
        }
      }
      return out;
    }

    /**
     * The Gower distance between customers {@code i} and {@code j} of {@code m} on the training scale (NaN when they
     * have no feature in common): the distance silhouettes of this clustering use. The matrix is laid out once
     * ({@link Gower#pairs}) and kept for the next calls with the same matrix, so each call is O(d + c) after the first
     * (O(n·(d + c))).
     */
    @Override
    public RowDistance distances(FeatureMatrix m) {
      var pairs = gower.pairs(m);
      return (i, j) -> {
        double v = pairs.distance(i, j);
        return Double.isNaN(v) ? 1 : v;     // nothing to compare: counted as 1, as the fit counts it
      };
    }

    public double distance(FeatureMatrix m, int i, int j) {
      Laid last = laid;
      if (last == null || last.m() != m) {
        last = new Laid(m, gower.pairs(m));
        laid = last;
      }
      return last.pairs().distance(i, j);
    }

    @Override
    public Table toTable() {
      requireTraining("customers");
      return Labels.customerTable("kmedoids", ids, labels);
    }

    /** One row per segment: size, share, the medoid's id, its numeric values and its levels. */
    @Override
    public Table summaryTable() {
      long n = 0;
      for (long s : sizes) {
        n += s;
      }
      int k = sizes.length;
      Table t = Labels.segmentTable("medoids", sizes, 0, (int) n, false);
      t.addColumns(StringColumn.create("medoid", medoidIds()));
      double[][] v = centroids();
      double[] flat = new double[k * gower.numeric()];
      for (int s = 0; s < k; s++) {
        System.arraycopy(v[s], 0, flat, s * gower.numeric(), gower.numeric());
      }
      Labels.addCoordinates(t, gower.numericNames(), flat, k);
      String[][] lv = medoidLevels();
      String[] cat = gower.categoricalNames();
      for (int f = 0; f < cat.length; f++) {
        String[] col = new String[k];
        for (int s = 0; s < k; s++) {
          col[s] = lv[s][f];
        }
        t.addColumns(StringColumn.create(cat[f], col));
      }
      return t;
    }

    /** Swaps as iterations, Gower distance evaluations and the fit time. */
    @Override
    public Diagnostics diagnostics() {
      return labels == null ? new Diagnostics(Diagnostics.NOT_KEPT, Diagnostics.NOT_KEPT, 0)
          : new Diagnostics(swaps, distanceComputations, nanos);
    }

    private void requireTraining(String what) {
      if (labels == null) {
        throw new UnsupportedOperationException("k-medoids clustering restored from a model file keeps no training "
            + what + "; predict(matrix) places customers");
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "KMedoids (FasterPAM, Gower) k=%d, %s%s%n%s%n%s", k(), figures(),
          labels == null ? ", restored from a model file" : String.format(Locale.ROOT, ", n=%,d, %,d distance "
              + "computations, %.1f ms", labels.length, distanceComputations, nanos / 1e6), gower,
          summaryTable().print());
    }
  }
}
