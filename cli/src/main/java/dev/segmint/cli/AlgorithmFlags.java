package dev.segmint.cli;

import dev.segmint.Segmentation;
import dev.segmint.cluster.Clusterer;
import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KClusterer;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KMedoids;
import dev.segmint.cluster.KPrototypes;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The clustering flags of {@code cluster}, {@code segment} and {@code track --refit}: the algorithm and its settings,
 * seed and threads; {@link #configure} turns them into the choice of a {@link Segmentation.Builder}.
 */
final class AlgorithmFlags {

  final Flag<String> algorithm;
  final Flag<String> k;
  final Flag<String> kRange;
  final Flag<Integer> nInit;
  final Flag<Double> gamma;
  final Flag<String> eps;
  final Flag<Integer> minPts;
  final Flag<Integer> minClusterSize;
  final Flag<String> linkage;
  final Flag<Integer> microClusters;
  final Flag<Long> seed;
  final Flag<Integer> threads;

  /** Declares the flags into the command's set, in this order. */
  AlgorithmFlags(FlagSet flags) {
    List<String> words = ALGORITHMS.stream().map(Algorithm::word).toList();
    algorithm = flags.text("--algorithm", "NAME", "Clustering algorithm: " + String.join(", ", words)
        + " (default: ${DEFAULT-VALUE}; the density methods write -1 for noise; kprototypes and kmedoids keep text and "
        + "--categorical columns as categories).").byDefault("kmeans");
    k = flags.text("--k", "N|auto", "Number of segments, or auto (the default) to choose one in --k-range: k-means, "
        + "k-prototypes and k-medoids take the largest silhouette (the latter two under their own distance) among the "
        + "k whose segments all hold at least 2 % of the customers, hierarchical the largest relative gap between "
        + "merge heights among those k; the table and the reason are printed.");
    kRange = flags.text("--k-range", "MIN..MAX", "With --k auto: the k to try (default: 3..10; capped at half the "
        + "customers, which is then said).");
    nInit = flags.integer("--n-init", "N",
        "k-means and k-prototypes seedings; the lowest cost wins (default: ${DEFAULT-VALUE}).").byDefault(4);
    gamma = flags.decimal("--gamma", "X", "k-prototypes: the cost of one mismatched category, in squared scaled "
        + "numeric units (default: 2 x the mean variance of the scaled numeric features, the weight 0/1 one-hot "
        + "columns give).");
    eps = flags.text("--eps", "X|auto",
        "DBSCAN radius in the scaled feature space, or auto for the knee of the k-distance curve.");
    minPts = flags.integer("--min-pts", "N", "DBSCAN: points within eps, the customer included, that make a core "
        + "point (default: 2 x features). HDBSCAN: min samples for the core distance (default: --min-cluster-size "
        + "when given, else 15).");
    minClusterSize = flags.integer("--min-cluster-size", "N", "HDBSCAN: smallest segment (default: max(15, 0.5 % of "
        + "the customers), with --min-pts 15).");
    linkage = flags.text("--linkage", "ward|complete|average|single",
        "Hierarchical linkage; heights as SciPy's linkage (default: ${DEFAULT-VALUE}).").byDefault("ward");
    microClusters = flags.integer("--micro-clusters", "M",
        "Hierarchical ward on very large data: k-means to M micro-clusters first (approximate).");
    seed = flags.longInteger("--seed", "S", "Random seed (default: ${DEFAULT-VALUE}).").byDefault(0L);
    threads = flags.integer("--threads", "T",
        "Worker threads: 0 or absent for all processors (results do not depend on it).");
  }

  /** Whether any of these flags was given (track: they go with --refit). */
  boolean anyGiven() {
    for (Flag<?> f : List.of(algorithm, k, kRange, nInit, gamma, eps, minPts, minClusterSize, linkage, microClusters,
        seed, threads)) {
      if (f.given()) {
        return true;
      }
    }
    return false;
  }

  /** The flags that belong to some algorithms only; every algorithm takes --algorithm, --seed and --threads. */
  private static final List<String> SPECIFIC = List.of("--k", "--k-range", "--n-init", "--gamma", "--eps", "--min-pts",
      "--min-cluster-size", "--linkage", "--micro-clusters");

  /**
   * One command-line algorithm: its {@code --algorithm} word, the check that its required flags are given (before any
   * file is read), the {@link Clusterer} its flags make, whether it keeps categorical columns as categories, and the
   * flags of {@link #SPECIFIC} it takes (any other of them given is refused).
   */
  private record Algorithm(String word, Consumer<AlgorithmFlags> requires, Factory make, boolean categories,
      List<String> flags) {
    Algorithm(String word, Consumer<AlgorithmFlags> requires, Factory make, List<String> flags) {
      this(word, requires, make, false, flags);
    }
  }

  /** Makes the clusterer of the flags; {@code customers} is -1 when not known yet. */
  @FunctionalInterface
  private interface Factory {
    Clusterer make(AlgorithmFlags flags, int features, int gapReferences, int customers, Object source);
  }

  /**
   * The registry of the command line's algorithms, in the order {@code --help} lists them: adding an algorithm to the
   * command line is one line here (and its flags above, if it has new ones).
   */
  private static final List<Algorithm> ALGORITHMS = List.of(
      new Algorithm("kmeans", f -> { }, AlgorithmFlags::kmeans, List.of("--k", "--k-range", "--n-init")),
      new Algorithm("kprototypes", f -> { }, AlgorithmFlags::kprototypes, true,
          List.of("--k", "--k-range", "--n-init", "--gamma")),
      new Algorithm("kmedoids", f -> { }, AlgorithmFlags::kmedoids, true, List.of("--k", "--k-range")),
      new Algorithm("dbscan", f -> f.require(f.eps.given(),
          "DBSCAN needs --eps X (a radius in the scaled feature space) or --eps auto"), AlgorithmFlags::dbscan,
          List.of("--eps", "--min-pts")),
      new Algorithm("hdbscan", f -> { }, AlgorithmFlags::hdbscan, List.of("--min-pts", "--min-cluster-size")),
      new Algorithm("hierarchical", f -> { }, AlgorithmFlags::hierarchical,
          List.of("--k", "--k-range", "--linkage", "--micro-clusters")));

  /** The chosen algorithm, checked: {@code --algorithm} names one of {@link #ALGORITHMS}, ignoring case. */
  private Algorithm chosen() {
    String word = algorithm.get().toLowerCase(Locale.ROOT);
    for (Algorithm a : ALGORITHMS) {
      if (a.word().equals(word)) {
        return a;
      }
    }
    List<String> words = ALGORITHMS.stream().map(Algorithm::word).toList();
    throw new BadInputException("--algorithm '" + algorithm.get() + "' is not available; use "
        + String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1));
  }

  private void require(boolean given, String message) {
    if (!given) {
      throw new BadInputException(message);
    }
  }

  /**
   * Whether the chosen algorithm clusters categorical columns as categories (k-prototypes, k-medoids) rather than
   * as one-hot columns.
   */
  boolean takesCategories() {
    return chosen().categories();
  }

  /**
   * Checks that the chosen algorithm has its required flags (--eps) and none that belong to other algorithms (e.g.
   * --gamma with kmeans), before any file is read.
   */
  void checkRequired() {
    Algorithm a = chosen();
    for (String flag : SPECIFIC) {
      if (given(flag) && !a.flags().contains(flag)) {
        List<String> takers = ALGORITHMS.stream().filter(o -> o.flags().contains(flag)).map(Algorithm::word).toList();
        String list = takers.size() == 1 ? takers.get(0)
            : String.join(", ", takers.subList(0, takers.size() - 1)) + " or " + takers.get(takers.size() - 1);
        throw new BadInputException(flag + " does not apply to --algorithm " + a.word() + "; drop " + flag
            + ", or use --algorithm " + list + ", which take" + (takers.size() == 1 ? "s" : "") + " it");
      }
    }
    a.requires().accept(this);
    if (threads.given() && threads.get() < 0) {
      throw new BadInputException("--threads must be 0 (all available processors) or more, not " + threads.get());
    }
    if (kRange.given()) {
      kRange();
      if (!autoK()) {
        throw new BadInputException("--k-range " + kRange.get().strip() + " only applies with --k auto; drop "
            + "--k-range or use --k auto");
      }
    }
  }

  /** The default --k-range. */
  static final int[] DEFAULT_K_RANGE = {3, 10};

  /** --k-range as {min, max}, checked; the default 3..10 when absent. */
  int[] kRange() {
    if (!kRange.given()) {
      return DEFAULT_K_RANGE.clone();
    }
    java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\s*(\\d{1,6})\\s*\\.\\.\\s*(\\d{1,6})\\s*")
        .matcher(kRange.get());
    if (!mt.matches()) {
      throw new BadInputException("--k-range must be MIN..MAX in whole numbers, such as 3..10, not '" + kRange.get()
          + "'");
    }
    int lo = Integer.parseInt(mt.group(1));
    int hi = Integer.parseInt(mt.group(2));
    if (lo < 2) {
      throw new BadInputException("--k-range " + lo + ".." + hi + " starts below 2: --k auto compares at least two "
          + "segments; start at 2 or more, e.g. --k-range 2.." + Math.max(2, hi));
    }
    if (hi < lo) {
      throw new BadInputException("--k-range " + lo + ".." + hi + " is empty because MIN is above MAX; write it "
          + "smallest first, e.g. --k-range " + hi + ".." + lo);
    }
    return new int[] {lo, hi};
  }

  /** Whether the flag of {@link #SPECIFIC} called {@code name} was given. */
  private boolean given(String name) {
    for (Flag<?> f : List.of(k, kRange, nInit, gamma, eps, minPts, minClusterSize, linkage, microClusters)) {
      if (f.name.equals(name)) {
        return f.given();
      }
    }
    throw new IllegalArgumentException("no algorithm flag " + name);
  }

  /** Whether --k is auto. */
  boolean autoK() {
    return !k.given() || k.get().strip().equalsIgnoreCase("auto");
  }

  /** The k-means options from --k (a number), --n-init, --seed and --threads. */
  KMeans.Options kmeansOptions() {
    checkRequired();
    if (nInit.get() < 1) {
      throw new BadInputException("--n-init must be at least 1, not " + nInit.get());
    }
    int kk = autoK() ? 2 : whole("--k", k.get());
    if (kk < 1) {
      throw new BadInputException("--k must be at least 1 (the number of segments), not " + kk);
    }
    KMeans.Options o = KMeans.Options.of(kk).withSeed(seed.get()).withNInit(nInit.get());
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  /**
   * The DBSCAN options from --eps, --min-pts and --threads.
   *
   * @param features the number of features (the default minPts is twice that, at least 2)
   */
  Dbscan.Options dbscanOptions(int features) {
    checkRequired();
    int mp = minPts.given() ? minPts.get() : Math.max(2, 2 * features);
    if (mp < 1) {
      throw new BadInputException("--min-pts must be at least 1 (it counts the customer itself), not " + mp);
    }
    Dbscan.Options o;
    if (eps.get().strip().equalsIgnoreCase("auto")) {
      o = Dbscan.Options.autoEps(mp);
    } else {
      double e;
      try {
        e = Double.parseDouble(eps.get().strip());
      } catch (NumberFormatException ex) {
        throw new BadInputException("--eps must be a positive number or auto, not '" + eps.get() + "'");
      }
      if (!(e > 0) || Double.isInfinite(e)) {
        throw new BadInputException("--eps must be a finite distance > 0, not '" + eps.get() + "'");
      }
      o = Dbscan.Options.of(e, mp);
    }
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  /**
   * The HDBSCAN options from --min-cluster-size (absent: {@link Hdbscan.Options#defaults()}, which grows with the
   * number of customers), --min-pts and --threads.
   */
  Hdbscan.Options hdbscanOptions() {
    checkRequired();
    if (minClusterSize.given() && minClusterSize.get() < 2) {
      throw new BadInputException("--min-cluster-size must be at least 2, not " + minClusterSize.get());
    }
    if (minPts.given() && minPts.get() < 1) {
      throw new BadInputException("--min-pts must be at least 1 (it counts the customer itself), not "
          + minPts.get());
    }
    Hdbscan.Options o = minClusterSize.given() ? Hdbscan.Options.of(minClusterSize.get()) : Hdbscan.Options.defaults();
    o = minPts.given() ? o.withMinSamples(minPts.get()) : o;
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  /**
   * The hierarchical options from --k (a number; 0 with --k auto, the selection cuts the tree), --linkage,
   * --micro-clusters, --seed and --threads.
   */
  Hierarchical.Options hierarchicalOptions() {
    checkRequired();
    int kk;
    if (autoK()) {
      kk = 0;
    } else {
      try {
        kk = Integer.parseInt(k.get().strip());
      } catch (NumberFormatException e) {
        throw new BadInputException("--k must be a whole number or auto for hierarchical clustering, not '" + k.get()
            + "'");
      }
      if (kk < 1) {
        throw new BadInputException("--k must be at least 1, not " + kk);
      }
    }
    Hierarchical.Options o = Hierarchical.Options.of(Linkage.parse(linkage.get())).withK(kk).withSeed(seed.get())
        .withMicroClusters(microClusters.given() ? microClusters.get() : 0);
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  /**
   * The one place that maps the flags to an algorithm: the {@link Clusterer} of --algorithm with its settings, seed
   * and threads ({@code --k auto}: k selection in --k-range, default 3..10).
   *
   * @param features the number of features (DBSCAN's default minPts is twice that)
   * @param gapReferences reference data sets of the gap statistic for {@code --k auto} (0 skips it)
   */
  Clusterer clusterer(int features, int gapReferences) {
    return clusterer(features, gapReferences, -1, null);
  }

  /**
   * {@link #clusterer(int, int)}, and checks that the settings fit the number of customers before the fit (DBSCAN's
   * --min-pts, HDBSCAN's min samples, --k auto's range), naming {@code source} in the message.
   *
   * @param customers the number of customers to cluster, or -1 when not known yet (no check)
   * @param source the file the customers come from, for the messages
   */
  Clusterer clusterer(int features, int gapReferences, int customers, Object source) {
    checkRequired();
    return chosen().make().make(this, features, gapReferences, customers, source);
  }

  private Clusterer kmeans(int features, int gapReferences, int customers, Object source) {
    if (!autoK()) {
      return kmeansOptions();
    }
    int[] r = autoRange(customers, source);
    return KSelection.Options.range(r[0], r[1]).withKMeans(kmeansOptions()).withGapReferences(gapReferences);
  }

  /** The number of segments of --k for k-prototypes and k-medoids (2 with --k auto: the selection replaces it). */
  private int mixedK() {
    int kk = autoK() ? 2 : whole("--k", k.get());
    if (kk < 1) {
      throw new BadInputException("--k must be at least 1 (the number of segments), not " + kk);
    }
    return kk;
  }

  /** The k-prototypes options from --k (a number), --gamma, --n-init, --seed and --threads. */
  KPrototypes.Options kprototypesOptions() {
    checkRequired();
    if (nInit.get() < 1) {
      throw new BadInputException("--n-init must be at least 1, not " + nInit.get());
    }
    KPrototypes.Options o = KPrototypes.Options.of(mixedK()).withSeed(seed.get()).withNInit(nInit.get());
    if (gamma.given()) {
      if (!(gamma.get() >= 0) || gamma.get().isInfinite()) {
        throw new BadInputException("--gamma must be a finite number >= 0 (the cost of one mismatched category), not "
            + gamma.get());
      }
      o = o.withGamma(gamma.get());
    }
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  /** The k-medoids options from --k (a number), --seed and --threads. */
  KMedoids.Options kmedoidsOptions() {
    checkRequired();
    KMedoids.Options o = KMedoids.Options.of(mixedK()).withSeed(seed.get());
    return threads.given() ? o.withThreads(threads.get()) : o;
  }

  private Clusterer kprototypes(int features, int gapReferences, int customers, Object source) {
    return mixed(kprototypesOptions(), customers, source);
  }

  private Clusterer kmedoids(int features, int gapReferences, int customers, Object source) {
    return mixed(kmedoidsOptions(), customers, source);
  }

  /** {@code o}, or with --k auto the k selection over --k-range by the silhouette under o's own distance. */
  private Clusterer mixed(KClusterer o, int customers, Object source) {
    if (!autoK()) {
      return o;
    }
    int[] r = autoRange(customers, source);
    return KSelection.MixedOptions.of(o).withRange(r[0], r[1]);
  }

  private Clusterer hierarchical(int features, int gapReferences, int customers, Object source) {
    Hierarchical.Options o = hierarchicalOptions();
    if (!autoK()) {
      return o;
    }
    int[] r = autoRange(customers, source);
    return KSelection.HierarchicalOptions.of(o.linkage()).withHierarchical(o).withRange(r[0], r[1]);
  }

  /** --k-range, checked against the number of customers when known (segments of at least 2 customers). */
  private int[] autoRange(int customers, Object source) {
    int[] r = kRange();
    if (customers >= 0 && customers < 2 * r[0]) {
      throw new BadInputException("--k auto in " + r[0] + ".." + r[1] + " needs at least " + 2 * r[0]
          + " customers (segments of at least 2), " + source + " has " + customers + "; give --k N"
          + (customers >= 4 ? " or lower the range's start, e.g. --k-range 2.." + Math.max(2, customers / 2) : ""));
    }
    return r;
  }

  private Clusterer dbscan(int features, int gapReferences, int customers, Object source) {
    Dbscan.Options o = dbscanOptions(features);
    if (customers >= 0 && o.minPts() > customers) {
      throw new BadInputException("--min-pts " + o.minPts() + " exceeds the number of customers in " + source
          + ", " + customers + "; choose --min-pts <= " + customers);
    }
    return o;
  }

  private Clusterer hdbscan(int features, int gapReferences, int customers, Object source) {
    Hdbscan.Options o = hdbscanOptions();
    if (customers >= 0) {
      o = o.resolvedFor(customers);
    }
    if (customers >= 0 && o.effectiveMinSamples() > customers) {
      throw new BadInputException("HDBSCAN min samples " + o.effectiveMinSamples() + " exceeds the number of "
          + "customers in " + source + ", " + customers + "; lower --min-cluster-size or --min-pts");
    }
    return o;
  }

  /**
   * Chooses the clusterer of the flags on {@code b} ({@link #clusterer}; {@code --k auto} without the gap statistic).
   *
   * @param features the number of features (DBSCAN's default minPts is twice that)
   */
  Segmentation.Builder configure(Segmentation.Builder b, int features) {
    return b.clusterer(clusterer(features, 0));
  }

  /** More segments than this, or more noise than {@link #FRAGMENTED_NOISE}, make a density result fragmented. */
  static final int FRAGMENTED_SEGMENTS = 20;

  /** The noise share above which a density result is fragmented. */
  static final double FRAGMENTED_NOISE = 0.20;

  /**
   * One line when a DBSCAN or HDBSCAN result is fragmented (more than 20 segments or more than 20 % noise), naming
   * the flag to change and a value to try; null otherwise. HDBSCAN: too many segments → a larger --min-cluster-size
   * (twice the current, at least 1 % of the customers); only too much noise → a smaller --min-pts (a third of the
   * current min samples, at least 1). DBSCAN: a larger --eps (1.5 × the current), which merges small segments and
   * takes in noise.
   */
  static String fragmentation(Clustering c) {
    long n = c.labels().length;   // the segments' sizes and the noise add up to it
    double noise = n == 0 ? 0 : (double) c.noiseCount() / n;
    boolean many = c.k() > FRAGMENTED_SEGMENTS;
    boolean noisy = noise > FRAGMENTED_NOISE;
    if (!many && !noisy || n == 0) {
      return null;
    }
    String what = (many ? c.k() + " segments" : "") + (many && noisy ? " and " : "")
        + (noisy ? String.format(Locale.ROOT, "%.1f %% of the customers as noise", 100 * noise) : "");
    String fix;
    if (c instanceof Hdbscan.Result h) {
      int mcs = h.options().minClusterSize();
      int ms = h.options().effectiveMinSamples();
      if (many) {
        fix = String.format(Locale.ROOT, "raise --min-cluster-size (now %d), e.g. --min-cluster-size %d", mcs,
            Math.max(2L * mcs, Math.round(0.01 * n)));
      } else {
        fix = String.format(Locale.ROOT, "lower --min-pts (HDBSCAN's min samples, now %d), e.g. --min-pts %d", ms,
            Math.max(1, ms / 3));
      }
    } else if (c instanceof Dbscan.Result d) {
      fix = String.format(Locale.ROOT, "raise --eps (now %s), e.g. --eps %s", fourDigits(d.eps()),
          fourDigits(1.5 * d.eps()));
    } else {
      return null;
    }
    return String.format(Locale.ROOT, "note: fragmented result: %s (more than %d segments or %d %% noise is hard to "
        + "act on); %s", what, FRAGMENTED_SEGMENTS, Math.round(100 * FRAGMENTED_NOISE), fix);
  }

  /**
   * One line when a result of a k the user chose ({@code --k} a number: no k selection) has segments that
   * {@code --k auto} would not accept: under {@link KSelection#DEFAULT_MIN_SHARE} of the customers or under
   * {@link KSelection#MIN_SEGMENT_CUSTOMERS} customers; their sizes, and what to try. Null otherwise, and for the
   * density methods, whose small segments {@link #fragmentation} speaks of. Average, complete and single linkage
   * isolate outliers by nature, so the line names Ward's linkage for them.
   */
  static String smallSegments(Clustering c) {
    if (c.selection() != null || c instanceof Dbscan.Result || c instanceof Hdbscan.Result) {
      return null;
    }
    long[] sizes = c.sizes();
    long n = c.labels().length;
    List<Long> small = new ArrayList<>();
    for (long s : sizes) {
      if (!KSelection.largeEnough(s, n, KSelection.DEFAULT_MIN_SHARE)) {
        small.add(s);
      }
    }
    if (small.isEmpty()) {
      return null;
    }
    small.sort(Comparator.reverseOrder());
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < small.size(); i++) {
      list.append(i == 0 ? "" : i == small.size() - 1 ? " and " : ", ")
          .append(String.format(Locale.ROOT, "%,d", small.get(i)));
    }
    String linkage = c instanceof Hierarchical.Result h && h.linkage() != Linkage.WARD
        ? "; " + h.linkage().scipyName() + " linkage splits off outliers as segments of their own, --linkage ward "
            + "gives segments of more even sizes"
        : "";
    long percent = Math.round(100 * KSelection.DEFAULT_MIN_SHARE);
    return String.format(Locale.ROOT, "note: %d of %d segments %s under %d %% of the customers (%s %s): too few "
        + "to act on; try a smaller --k, or --k auto, which only picks a k whose every segment holds at least %d %%%s",
        small.size(), sizes.length, small.size() == 1 ? "holds" : "hold", percent, list,
        small.size() == 1 && small.get(0) == 1 ? "customer" : "customers", percent, linkage);
  }

  /** x with 4 significant digits, plain notation. */
  static String fourDigits(double x) {
    return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static int whole(String flag, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException(flag + " must be a whole number or auto, not '" + v + "'");
    }
  }
}
