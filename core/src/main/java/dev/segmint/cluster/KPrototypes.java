package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Threads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * k-prototypes clustering (Huang 1998) of customers with numeric and categorical features, e.g. income and spend
 * next to education, marital status and channel, without one-hot encoding.
 *
 * <p>Each segment has a prototype: the mean of its members' numeric features and the mode (most frequent level) of
 * each categorical feature. The cost of customer i to prototype p is
 * {@code ‖x_i − μ_p‖² + γ · (number of categorical features where i's level differs from p's mode)}; the fit
 * minimises the total cost of every customer to its own prototype. γ weighs one mismatched category against squared
 * numeric units: the default ({@link #defaultGamma}) is 2 × the mean variance of the numeric features as given,
 * which weighs a category as k-means weighs 0/1 one-hot columns next to standard-scaled numbers. With only categorical features this is Huang's k-modes;
 * with γ = 0 it is k-means on the numeric part.
 *
 * <p>Missing values: a missing level ({@code -1}) counts as a mismatch with every mode. It adds the same γ to a
 * customer's cost for every segment, so it never moves an assignment, and it does not count towards any mode. A mode
 * is "no level" only when no member of a segment has a level for that feature (a prototype seeded from a customer
 * with a missing level, until members with levels join); it mismatches every customer.
 *
 * <p>Algorithm: greedy k-means++ seeding with the mixed cost; batch (Lloyd-style) iterations: assign every customer
 * to the prototype of least cost (ties: the lower prototype), then recompute every prototype (mode ties: the first
 * level in encoding order; a feature no member has keeps its mode); stop when no label changes, the total squared
 * prototype shift is at most {@code tolerance} × the mean variance of the numeric features, or after {@code maxIter}
 * updates. A segment left empty takes the customer farthest from its own prototype (ties: lowest index), as k-means.
 * The run of {@code nInit} with the lowest cost wins. Labels are renumbered by size, largest first.
 *
 * <p>Bounds: the cost is the squared Euclidean distance in an implicit space where every categorical value is a
 * one-hot vector scaled by √(γ/2) (so two different levels are √γ apart), so the triangle inequality holds for
 * √cost and Hamerly's bounds (one upper and one lower bound per customer) skip costs that cannot change a label.
 * They give exactly the labels of the plain loop ({@link Options#withBounds}{@code (false)}); the result counts the
 * costs computed ({@link Result#diagnostics()}) and those saved ({@link Result#distancesSaved()}). The one-hot
 * space is never built: level codes are read as {@code short}s.
 *
 * <p>Determinism: numeric sums per fixed block reduced in block order, level counts as exact integers, draws on one
 * thread: the same seed gives the same labels and prototypes bit for bit for any thread count.
 *
 * <p>Cost: seeding O(n·k·(2 + ln k)·(d + c)); an iteration O(n·k·(d + c)) without bounds, typically far less with
 * them after the first iterations (d numeric, c categorical features). Memory beyond the matrix (read in place):
 * per customer a label, two bounds and during seeding one cost, 28 bytes (28 MB at 10⁶ customers; with
 * {@code nInit > 1} the best run's labels, 4 more); per block k·d sums; per thread k × (total levels) counts.
 *
 * <p>References: Z. Huang (1998), Extensions to the k-means algorithm for clustering large data sets with categorical
 * values, Data Mining and Knowledge Discovery 2; G. Hamerly (2010), Making k-means even faster; D. Arthur, S.
 * Vassilvitskii (2007), k-means++.
 */
public final class KPrototypes {

  private KPrototypes() {}

  /**
   * k-prototypes settings. Create with {@link #of(int)} and adjust with the {@code withX} copies.
   *
   * @param k number of segments, 1 ≤ k ≤ n
   * @param gamma weight of one categorical mismatch, ≥ 0; NaN for the default {@link KPrototypes#defaultGamma}
   * @param seed random seed
   * @param nInit number of seedings; the lowest cost wins
   * @param maxIter maximum prototype updates per seeding
   * @param tolerance convergence threshold on the total squared prototype shift, relative to the mean variance of
   *     the numeric features (0 with no numeric features: stop when nothing moves)
   * @param threads worker threads: 0 for all available processors, n ≥ 1 for at most n (results do not depend on it)
   * @param bounds whether Hamerly's bounds skip costs (same labels; {@code false} runs the plain loop)
   * @param initialCenters {@code k × d} starting numeric centres, or {@code null} to seed with k-means++
   * @param initialModes {@code k × c} starting modes as level names ({@code null} entries: no level), given with
   *     {@code initialCenters}
   */
  public record Options(int k, double gamma, long seed, int nInit, int maxIter, double tolerance, int threads,
      boolean bounds, double[][] initialCenters, String[][] initialModes) implements KClusterer {
    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1, got " + k);
      }
      if (gamma < 0 || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("gamma (γ, the weight of one categorical mismatch) must be a finite number "
            + "≥ 0, got " + gamma + "; give γ ≥ 0, or NaN for the default 2 × the mean variance of the "
            + "numeric features");
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
      if ((initialCenters == null) != (initialModes == null)) {
        throw new IllegalArgumentException("give initial numeric centres and initial modes together "
            + "(withInitialPrototypes), or neither");
      }
      if (initialCenters != null) {
        if (initialCenters.length != k || initialModes.length != k) {
          throw new IllegalArgumentException("initial prototypes: " + initialCenters.length + " centres and "
              + initialModes.length + " mode rows for k = " + k + "; give one of each per segment");
        }
        double[][] cc = new double[k][];
        String[][] mc = new String[k][];
        for (int p = 0; p < k; p++) {
          cc[p] = initialCenters[p].clone();
          mc[p] = initialModes[p].clone();
          for (double v : cc[p]) {
            if (!Double.isFinite(v)) {
              throw new IllegalArgumentException("initial centre " + p + " has a non-finite value " + v);
            }
          }
        }
        initialCenters = cc;
        initialModes = mc;
      }
    }

    /**
     * k segments; the default γ (NaN), seed 0, 4 seedings (the command line's default), 300 iterations, tolerance
     * 1e-4, all processors (threads 0), bounds on.
     */
    public static Options of(int k) {
      return new Options(k, Double.NaN, 0L, 4, 300, 1e-4, 0, true, null, null);
    }

    /** {@code kprototypes}. */
    @Override
    public boolean takesCategories() {
      return true;
    }

    @Override
    public String name() {
      return "kprototypes";
    }

    /** {@link KPrototypes#fit(FeatureMatrix, Options)} with these options. */
    @Override
    public Result fit(FeatureMatrix m) {
      return KPrototypes.fit(m, this);
    }

    /** A copy of the initial numeric centres, or null. */
    @Override
    public double[][] initialCenters() {
      return initialCenters == null ? null : Arrays.stream(initialCenters).map(double[]::clone).toArray(double[][]::new);
    }

    /** A copy of the initial modes (level names), or null. */
    @Override
    public String[][] initialModes() {
      return initialModes == null ? null : Arrays.stream(initialModes).map(String[]::clone).toArray(String[][]::new);
    }

    public Options withK(int k) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, null, null);
    }

    /** The weight of one categorical mismatch, ≥ 0 (NaN: the default). */
    public Options withGamma(double gamma) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    @Override
    public Options withSeed(long seed) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    public Options withNInit(int nInit) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    public Options withMaxIter(int maxIter) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    public Options withTolerance(double tolerance) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    @Override
    public Options withThreads(int threads) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    /** With {@code false}, every iteration computes all n·k costs (the plain loop; same labels, for checking). */
    public Options withBounds(boolean bounds) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, initialCenters, initialModes);
    }

    /**
     * Starts from these prototypes instead of k-means++ (one run, whatever nInit): {@code centers} {@code k × d} in
     * the matrix's numeric column order, {@code modes} {@code k × c} level names in its categorical column order
     * ({@code null}: no level).
     */
    public Options withInitialPrototypes(double[][] centers, String[][] modes) {
      return new Options(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds, centers, modes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options p && k == p.k && Double.compare(gamma, p.gamma) == 0 && seed == p.seed
          && nInit == p.nInit && maxIter == p.maxIter && Double.compare(tolerance, p.tolerance) == 0
          && threads == p.threads && bounds == p.bounds && Arrays.deepEquals(initialCenters, p.initialCenters)
          && Arrays.deepEquals(initialModes, p.initialModes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(k, gamma, seed, nInit, maxIter, tolerance, threads, bounds)
          + 31 * Arrays.deepHashCode(initialCenters) + 17 * Arrays.deepHashCode(initialModes);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "k=%d, gamma=%s, seed=%d, nInit=%d, maxIter=%d, tolerance=%g, threads=%s, "
          + "bounds=%s%s", k, Double.isNaN(gamma) ? "default" : Double.toString(gamma), seed, nInit, maxIter,
          tolerance, Threads.text(threads), bounds, initialCenters != null ? ", given initial prototypes" : "");
    }
  }

  /**
   * The default γ: 2 × the mean over numeric features of their (population) variance, as the features are given — 2
   * on standard-scaled numbers, where a mismatch then weighs what it weighs for k-means on 0/1 one-hot columns
   * (two customers with different levels are squared distance 2 apart there), and the same relative weight on
   * unscaled numbers. Huang's suggestion, 0.5 × the mean standard deviation (the Python kmodes package's default),
   * gave categories a quarter of that weight and lost to k-means on one-hot columns on every generated data set of
   * {@code docs/mixed.md}; pass it with {@code withGamma} to reproduce kmodes. 1 when there are no numeric
   * features (k-modes: any γ &gt; 0 gives the same segments) or all of them are constant. O(n·d).
   */
  public static double defaultGamma(FeatureMatrix m) {
    Objects.requireNonNull(m, "m");
    int n = m.rows();
    int d = m.columns();
    if (d == 0 || n == 0) {
      return 1;
    }
    double[] x = MatrixValues.shared(m);
    double total = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + j];
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double t = x[i * d + j] - mean;
        ss += t * t;
      }
      total += ss / n;
    }
    double variance = total / d;
    return variance > 0 ? 2 * variance : 1;
  }

  /**
   * Clusters the customers of {@code m}, which needs at least one categorical feature (made with {@link
   * FeatureMatrix#mixed}, {@link FeatureMatrix#fromTable(Table, String, List, List)} or a pipeline with {@code
   * CategoricalFeature.levels}); it may have no numeric features (then this is k-modes).
   *
   * @throws IllegalArgumentException for a matrix without categorical features (use k-means), k larger than the
   *     number of customers, fewer distinct customers than k, initial prototypes that do not fit the matrix, or
   *     numeric values whose squared distances would overflow
   */
  public static Result fit(FeatureMatrix m, Options options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    int n = m.rows();
    int d = m.columns();
    int c = m.categoricalColumns();
    int k = options.k();
    if (c == 0) {
      throw new IllegalArgumentException("k-prototypes needs at least one categorical feature, but the matrix has only "
          + "the numeric features " + Arrays.toString(m.names()) + ": cluster it with k-means (KMeans.Options, "
          + "--algorithm kmeans), or keep the category columns as categories (FeatureMatrix.mixed or fromTable with "
          + "categorical columns, CategoricalFeature.levels, --categorical COL)");
    }
    if (n == 0) {
      throw new IllegalArgumentException("cannot cluster an empty feature matrix (0 customers)");
    }
    if (d > 0) {
      m.requireDistanceRange();
    }
    if (k > n) {
      throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of customers, " + n
          + "; choose k ≤ " + n);
    }
    boolean defaultGamma = Double.isNaN(options.gamma());
    double gamma = defaultGamma ? defaultGamma(m) : options.gamma();
    int[] levelSize = new int[c];
    for (int j = 0; j < c; j++) {
      levelSize[j] = m.levels(j).size();
    }
    double[] initCenters = null;
    int[] initModes = null;
    if (options.initialCenters != null) {
      initCenters = new double[k * d];
      initModes = new int[k * c];
      String[] catNames = m.categoricalNames();
      for (int p = 0; p < k; p++) {
        double[] cp = options.initialCenters[p];
        String[] mp = options.initialModes[p];
        if (cp.length != d || mp.length != c) {
          throw new IllegalArgumentException("initial prototype " + p + " has " + cp.length + " numeric values and "
              + mp.length + " modes but the matrix has " + d + " numeric and " + c + " categorical features");
        }
        System.arraycopy(cp, 0, initCenters, p * d, d);
        for (int j = 0; j < c; j++) {
          initModes[p * c + j] = mp[j] == null ? -1 : m.levels(j).indexOf(mp[j]);
          if (mp[j] != null && initModes[p * c + j] < 0) {
            throw new IllegalArgumentException("initial mode '" + mp[j] + "' of prototype " + p + " is not a level of "
                + "categorical feature '" + catNames[j] + "' (levels " + m.levels(j) + "); give one of its levels");
          }
        }
      }
    }
    long start = System.nanoTime();
    double[] x = MatrixValues.shared(m);
    short[] codes = MatrixValues.sharedCodes(m);
    double tolAbs = d == 0 ? 0 : options.tolerance() * KMeans.meanVariance(x, n, d);
    int runs = initCenters != null ? 1 : options.nInit();
    try (Blocks blocks = new Blocks(n, KMeans.threadsFor(n, d + c, k, options.threads()))) {
      SplittableRandom seeds = new SplittableRandom(options.seed());
      KPrototypesRun best = null;
      long distances = 0;
      long saved = 0;
      for (int r = 0; r < runs; r++) {
        long runSeed = seeds.nextLong();
        KPrototypesRun run = new KPrototypesRun(x, codes, n, d, c, levelSize, k, gamma, blocks, options.bounds());
        if (initCenters != null) {
          run.centers = initCenters.clone();
          run.modes = initModes.clone();
        } else {
          run.seed(new SplittableRandom(runSeed));
        }
        run.iterate(options.maxIter(), tolAbs);
        distances += run.distances;
        saved += run.saved;
        run.trim();
        if (best == null || run.cost() < best.cost()) {
          best = run;
        }
      }
      int[] map = Labels.bySize(best.labels, k, best.centers, d);
      int[] labels = Labels.apply(best.labels, map);
      double[] centers = Labels.permuteRows(best.centers, map, d);
      int[] modes = new int[k * c];
      for (int old = 0; old < k; old++) {
        System.arraycopy(best.modes, old * c, modes, map[old] * c, c);
      }
      List<List<String>> levels = new ArrayList<>(c);
      for (int j = 0; j < c; j++) {
        levels.add(m.levels(j));
      }
      String settings = String.format(Locale.ROOT, "k-prototypes, k = %d, γ = %s%s, seed %d, %d restart%s", k,
          gammaText(gamma), defaultGamma ? " (default)" : "", options.seed(), runs, runs == 1 ? "" : "s");
      return new Result(m.ids(), m.names(), m.categoricalNames(), levels, labels, Labels.sizes(labels, k), centers,
          modes, gamma, best.numericCost, best.categoricalCost, best.iterations, best.converged, distances, saved,
          System.nanoTime() - start, settings, options);
    }
  }

  static String gammaText(double gamma) {
    return String.format(Locale.ROOT, "%.4g", gamma).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }


  /**
   * A fitted k-prototypes clustering, or one restored from a model file (then without training labels). Immutable;
   * accessors return copies.
   */
  public static final class Result implements Clustering, SelectionCarrier {
    private final String[] ids;
    private final String[] numNames;
    private final String[] catNames;
    private final List<List<String>> levels;
    private final int[] labels;
    private final long[] sizes;
    private final double[] centers;
    private final int[] modes;
    private final int k;
    private final int d;
    private final int c;
    private final double gamma;
    private final double numericCost;
    private final double categoricalCost;
    private final int iterations;
    private final boolean converged;
    private final long distances;
    private final long saved;
    private final long nanos;
    private final String settings;
    private final Options options;
    /** The k selection that chose k ({@link KSelection.MixedOptions#fit}), or null when k was given. */
    private final KSelection.Result selection;

    Result(String[] ids, String[] numNames, String[] catNames, List<List<String>> levels, int[] labels, long[] sizes,
        double[] centers, int[] modes, double gamma, double numericCost, double categoricalCost, int iterations,
        boolean converged, long distances, long saved, long nanos, String settings, Options options) {
      this.ids = ids;
      this.numNames = numNames;
      this.catNames = catNames;
      this.levels = List.copyOf(levels);
      this.labels = labels;
      this.sizes = sizes;
      this.centers = centers;
      this.modes = modes;
      this.k = sizes.length;
      this.d = numNames.length;
      this.c = catNames.length;
      this.gamma = gamma;
      this.numericCost = numericCost;
      this.categoricalCost = categoricalCost;
      this.iterations = iterations;
      this.converged = converged;
      this.distances = distances;
      this.saved = saved;
      this.nanos = nanos;
      this.settings = settings;
      this.options = options;
      this.selection = null;
    }

    private Result(Result r, KSelection.Result selection) {
      this.ids = r.ids;
      this.numNames = r.numNames;
      this.catNames = r.catNames;
      this.levels = r.levels;
      this.labels = r.labels;
      this.sizes = r.sizes;
      this.centers = r.centers;
      this.modes = r.modes;
      this.k = r.k;
      this.d = r.d;
      this.c = r.c;
      this.gamma = r.gamma;
      this.numericCost = r.numericCost;
      this.categoricalCost = r.categoricalCost;
      this.iterations = r.iterations;
      this.converged = r.converged;
      this.distances = r.distances;
      this.saved = r.saved;
      this.nanos = r.nanos;
      this.settings = SelectionCarrier.autoK(r.settings, r.k, selection);
      this.options = r.options;
      this.selection = selection;
    }

    /** This clustering with the k selection that chose its k; the settings text says the k was chosen. */
    @Override
    public Result withSelection(KSelection.Result selection) {
      return new Result(this, selection);
    }

    /** The k selection that chose k ({@link KSelection.MixedOptions#fit}), or null when k was given. */
    @Override
    public KSelection.Result selection() {
      return selection;
    }

    /**
     * A clustering restored from saved state (a model file): prototypes, γ and sizes, no training labels ({@link
     * #labels()} and {@link #toTable()} throw). It predicts exactly as the fit it was saved from.
     *
     * @param numericNames the numeric features, in the order of the centres' columns
     * @param categoricalNames the categorical features, in the order of the modes' columns
     * @param levels per categorical feature its training levels (the modes are among them)
     * @param centers {@code k × d} numeric centres
     * @param modeLevels {@code k × c} modes as level names ({@code null}: no level)
     * @param sizes training customers per segment
     * @param gamma the weight of one categorical mismatch
     * @param settings the fit's settings text, or null
     * @throws IllegalArgumentException when the shapes do not fit, γ is negative, or a mode is not a level
     */
    public static Result restore(String[] numericNames, String[] categoricalNames, List<List<String>> levels,
        double[][] centers, String[][] modeLevels, long[] sizes, double gamma, String settings) {
      int d = numericNames.length;
      int c = categoricalNames.length;
      int k = sizes.length;
      if (k == 0 || centers.length != k || modeLevels.length != k || levels.size() != c || c == 0) {
        throw new IllegalArgumentException("a k-prototypes model needs at least one segment, one centre and one mode "
            + "row per segment and at least one categorical feature with its levels; got " + k + " sizes, "
            + centers.length + " centres, " + modeLevels.length + " mode rows, " + c + " categorical features and "
            + levels.size() + " level lists");
      }
      if (!(gamma >= 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("γ of a k-prototypes model must be a finite number ≥ 0, not " + gamma);
      }
      double[] cs = new double[k * d];
      int[] ms = new int[k * c];
      for (int p = 0; p < k; p++) {
        if (centers[p].length != d || modeLevels[p].length != c) {
          throw new IllegalArgumentException("prototype " + p + " has " + centers[p].length + " numeric values and "
              + modeLevels[p].length + " modes, not " + d + " and " + c);
        }
        System.arraycopy(centers[p], 0, cs, p * d, d);
        for (int j = 0; j < c; j++) {
          String level = modeLevels[p][j];
          ms[p * c + j] = level == null ? -1 : levels.get(j).indexOf(level);
          if (level != null && ms[p * c + j] < 0) {
            throw new IllegalArgumentException("mode '" + level + "' of segment " + p + " is not a level of '"
                + categoricalNames[j] + "' " + levels.get(j));
          }
        }
      }
      List<List<String>> lv = new ArrayList<>();
      for (List<String> l : levels) {
        lv.add(List.copyOf(l));
      }
      return new Result(null, numericNames.clone(), categoricalNames.clone(), lv, null, sizes.clone(), cs, ms, gamma,
          Double.NaN, Double.NaN, Clustering.Diagnostics.NOT_KEPT, true, Clustering.Diagnostics.NOT_KEPT, 0, 0,
          settings, null);
    }

    /** {@code kprototypes}. */
    @Override
    public String name() {
      return "kprototypes";
    }

    /** {@code "k-prototypes, k = 5, γ = 0.5 (default), seed 42, 4 restarts"}. */
    @Override
    public String settings() {
      return settings == null ? "k-prototypes, k = " + k + ", γ = " + gammaText(gamma) : settings;
    }

    /** The settings text as given to {@link #restore} (null when none), or the fit's. */
    public String savedSettings() {
      return settings;
    }

    /** {@code "cost 123.4 (numeric 61 %, categorical 39 %), γ = 0.5, converged"}. */
    @Override
    public String figures() {
      if (labels == null) {
        return "γ = " + gammaText(gamma) + " (restored from a model file)";
      }
      double total = cost();
      return String.format(Locale.ROOT, "cost %.6g (numeric %.0f %%, categorical %.0f %%), γ = %s, %s", total,
          total > 0 ? 100 * numericCost / total : 0, total > 0 ? 100 * categoricalCost / total : 0, gammaText(gamma),
          converged ? "converged" : "not converged: raise maxIter");
    }

    /** Segment of each training customer, {@code 0..k-1}, by size (largest first). A copy. */
    @Override
    public int[] labels() {
      if (labels == null) {
        throw new UnsupportedOperationException("kprototypes clustering restored from a model file keeps no training "
            + "labels");
      }
      return labels.clone();
    }

    @Override
    public int k() {
      return k;
    }

    @Override
    public long[] sizes() {
      return sizes.clone();
    }

    /** 0: every customer is in a segment. */
    @Override
    public int noiseCount() {
      return 0;
    }

    /** The numeric feature names, then the categorical ones. */
    @Override
    public String[] featureNames() {
      String[] all = Arrays.copyOf(numNames, d + c);
      System.arraycopy(catNames, 0, all, d, c);
      return all;
    }

    /** The numeric feature names, in the order of the centres' columns. */
    public String[] numericNames() {
      return numNames.clone();
    }

    /** The categorical feature names, in the order of the modes' columns. */
    public String[] categoricalNames() {
      return catNames.clone();
    }

    /** The training levels of categorical feature j, in code order (the codes of {@link #modes()}). */
    public List<String> levels(int j) {
      return levels.get(Objects.checkIndex(j, c));
    }

    /** The numeric centres, {@code k × d}: each segment's mean. A copy. */
    @Override
    public double[][] centroids() {
      double[][] out = new double[k][];
      for (int p = 0; p < k; p++) {
        out[p] = Arrays.copyOfRange(centers, p * d, p * d + d);
      }
      return out;
    }

    /** The modes, {@code k × c}, as codes of {@link #levels(int)} ({@code -1}: no member has a level). A copy. */
    public int[][] modes() {
      int[][] out = new int[k][];
      for (int p = 0; p < k; p++) {
        out[p] = Arrays.copyOfRange(modes, p * c, p * c + c);
      }
      return out;
    }

    /** The modes, {@code k × c}, as level names ({@code null}: no member has a level). */
    public String[][] modeLevels() {
      String[][] out = new String[k][c];
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < c; j++) {
          int code = modes[p * c + j];
          out[p][j] = code < 0 ? null : levels.get(j).get(code);
        }
      }
      return out;
    }

    /** The weight of one categorical mismatch used by the fit. */
    public double gamma() {
      return gamma;
    }

    /** Total cost: {@link #numericCost()} + {@link #categoricalCost()} (NaN when restored). */
    public double cost() {
      return numericCost + categoricalCost;
    }

    /** Sum over customers of the squared Euclidean distance to their segment's numeric centre. */
    public double numericCost() {
      return numericCost;
    }

    /** γ × the number of mismatched categorical values over all customers (a missing value is one). */
    public double categoricalCost() {
      return categoricalCost;
    }

    /** True when the winning run stopped changing or met the tolerance before {@code maxIter}. */
    public boolean converged() {
      return converged;
    }

    /** Costs the bounds saved over all seedings: the plain loop's n·k per assignment step minus those computed. */
    public long distancesSaved() {
      return saved;
    }

    /** The options of the fit (null when restored). */
    public Options options() {
      return options;
    }

    /** Iterations of the winning run, costs computed over all runs (as ELKI counts distances), fit time. */
    @Override
    public Clustering.Diagnostics diagnostics() {
      return new Clustering.Diagnostics(iterations, distances, nanos);
    }

    /**
     * The segment of least cost for each customer of {@code m} (ties: the lower segment), which must have the
     * model's numeric and categorical features by name (in any order; numeric ones scaled as in training). Levels
     * are matched by name, so {@code m} may number them differently; a level the model has not seen, or a missing
     * one, mismatches every mode. O(n·k·(d + c)).
     *
     * @throws IllegalArgumentException when the features do not match the model's
     */
    @Override
    public int[] predict(FeatureMatrix m) {
      Objects.requireNonNull(m, "m");
      int[][] cols = columns(m);
      int n = m.rows();
      double[] x = new double[n * d];
      short[] codes = new short[n * c];
      double[] mx = MatrixValues.shared(m);
      short[] mc = MatrixValues.sharedCodes(m);
      int md = m.columns();
      int mcc = m.categoricalColumns();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          x[i * d + j] = mx[i * md + cols[0][j]];
        }
      }
      for (int j = 0; j < c; j++) {
        int jm = cols[1][j];
        Map<String, Integer> own = new HashMap<>();
        for (int l = 0; l < levels.get(j).size(); l++) {
          own.put(levels.get(j).get(l), l);
        }
        List<String> theirs = m.levels(jm);
        short[] translate = new short[theirs.size()];
        for (int l = 0; l < theirs.size(); l++) {
          translate[l] = (short) (int) own.getOrDefault(theirs.get(l), -1);
        }
        for (int i = 0; i < n; i++) {
          int code = mc[i * mcc + jm];
          codes[i * c + j] = code < 0 ? -1 : translate[code];
        }
      }
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bc = Double.POSITIVE_INFINITY;
        for (int p = 0; p < k; p++) {
          double cp = KPrototypesRun.cost(x, codes, i, centers, modes, p, d, c, gamma);
          if (cp < bc) {
            bc = cp;
            best = p;
          }
        }
        out[i] = best;
      }
      return out;
    }

    /**
     * The distance between customers i and j of {@code m} in this model's space, {@code sqrt(‖x_i − x_j‖² + γ ·
     * mismatches)} (a missing level mismatches everything, so a customer with one is √γ per missing level from itself), for silhouettes and other distance-based checks. One
     * call checks the features; for many pairs use {@link #distances(FeatureMatrix)}.
     */
    public double distance(FeatureMatrix m, int i, int j) {
      return distances(m).between(i, j);
    }

    /**
     * {@link #distance(FeatureMatrix, int, int)} for many pairs of {@code m}: the features are matched by name once.
     * Each pair costs O(d + c). The matrix is read in place, not copied.
     *
     * @throws IllegalArgumentException when the features do not match the model's
     */
    @Override
    public RowDistance distances(FeatureMatrix m) {
      Objects.requireNonNull(m, "m");
      int[][] cols = columns(m);
      int[] num = cols[0];
      int[] cat = cols[1];
      double[] mx = MatrixValues.shared(m);
      short[] mc = MatrixValues.sharedCodes(m);
      int md = m.columns();
      int mcc = m.categoricalColumns();
      int n = m.rows();
      double g = gamma;
      return (a, b) -> {
        Objects.checkIndex(a, n);
        Objects.checkIndex(b, n);
        double s = 0;
        for (int q : num) {
          double t = mx[a * md + q] - mx[b * md + q];
          s += t * t;
        }
        int mis = 0;
        for (int q : cat) {
          int ca = mc[a * mcc + q];
          if (ca < 0 || ca != mc[b * mcc + q]) {
            mis++;
          }
        }
        return Math.sqrt(s + g * mis);
      };
    }

    /** The columns of {@code m} holding the model's numeric ([0]) and categorical ([1]) features, by name. */
    private int[][] columns(FeatureMatrix m) {
      String[] mNum = m.names();
      String[] mCat = m.categoricalNames();
      int[] num = new int[d];
      int[] cat = new int[c];
      List<String> numList = Arrays.asList(mNum);
      List<String> catList = Arrays.asList(mCat);
      boolean ok = mNum.length == d && mCat.length == c;
      for (int j = 0; j < d && ok; j++) {
        num[j] = numList.indexOf(numNames[j]);
        ok = num[j] >= 0;
      }
      for (int j = 0; j < c && ok; j++) {
        cat[j] = catList.indexOf(catNames[j]);
        ok = cat[j] >= 0;
      }
      if (!ok) {
        throw new IllegalArgumentException("features " + Arrays.toString(mNum) + " (numeric) and "
            + Arrays.toString(mCat) + " (categorical) do not match the model's " + Arrays.toString(numNames) + " and "
            + Arrays.toString(catNames) + "; give the customers the features the model was fitted on, by name");
      }
      return new int[][] {num, cat};
    }

    /** One row per training customer: {@code customer_id, segment}. */
    @Override
    public Table toTable() {
      if (labels == null) {
        throw new UnsupportedOperationException("kprototypes clustering restored from a model file keeps no training "
            + "rows");
      }
      return Labels.customerTable("kprototypes", ids, labels);
    }

    /** One row per segment: size, share (percent), numeric centres, then the mode of each categorical feature. */
    @Override
    public Table summaryTable() {
      long n = 0;
      for (long s : sizes) {
        n += s;
      }
      Table t = Labels.addCoordinates(Labels.segmentTable("prototypes", sizes, 0, (int) n, false), numNames, centers,
          k);
      String[][] ml = modeLevels();
      for (int j = 0; j < c; j++) {
        StringColumn col = StringColumn.create(catNames[j]);
        for (int p = 0; p < k; p++) {
          col.append(ml[p][j] == null ? "(no level)" : ml[p][j]);
        }
        t.addColumns(col);
      }
      return t;
    }

    @Override
    public String toString() {
      if (labels == null) {
        return settings() + ": " + k + " segments, sizes " + SegmentSizes.of(sizes) + " (restored from a model file)"
            + System.lineSeparator() + summaryTable().print();
      }
      return String.format(Locale.ROOT, "KPrototypes k=%d, n=%,d, %s, %d iterations, %,d distances (%,d saved by "
          + "bounds), %.1f ms%n%s", k, labels.length, figures(), iterations, distances, saved, nanos / 1e6,
          summaryTable().print());
    }
  }
}
