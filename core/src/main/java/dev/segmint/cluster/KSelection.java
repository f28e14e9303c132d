package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Numbers;
import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Silhouette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Chooses the number of segments over a range of k and reports every criterion so that the choice can be checked.
 *
 * <p><b>The default rule</b> ({@link Criterion#ELIGIBLE_SILHOUETTE}, Segmint's contract "Choosing k"): k from 3 to 10
 * ({@link Options#defaults()}), at most n/2 and at most the number of distinct customers. A k is <i>eligible</i> when
 * every segment holds at least 2 % of the customers ({@link Options#minShare()}) and at least 2 customers. Among the
 * eligible k the largest mean silhouette wins (exact up to 10,000 customers, else on a sample of 10,000 drawn with
 * the k-means seed); ties go to the smaller k. When no k is eligible the largest silhouette wins and {@link
 * Result#reason()} says so. One call: {@code KSelection.choose(matrix)}.
 *
 * <p>Edge cases: all customers identical (one distinct feature vector) gives k = 1, one segment, an empty table and a
 * reason saying so, rather than an error (a pipeline over many data sets keeps going and the output says why there
 * is one segment); fewer distinct customers than kMin (but at least 2) tries only k = that number; fewer than
 * 2·kMin customers (a range that n/2 caps below kMin) is refused with an {@link IllegalArgumentException}. Small data
 * (n &lt; 100, so 2 % is below 2 customers) is handled by the same rule: the 2-customer minimum decides eligibility
 * and the silhouette is exact; below 30 customers the reason adds that the choice rests on few customers.
 *
 * <p>Other criteria ({@link Options#withCriterion}): plain silhouette, the elbow of the inertia curve (the knee of
 * the normalised curve, Satopää et al. 2011), Calinski–Harabasz, Davies–Bouldin, and the gap statistic (Tibshirani,
 * Walther, Hastie 2001) with {@code gapReferences} uniform reference data sets over the data's bounding box.
 *
 * <p>Hierarchical clustering ({@link HierarchicalOptions}, {@link #runHierarchical}): one tree, cut at every k of the
 * range; the same eligibility; among eligible cuts the largest <i>relative gap</i> between consecutive merge heights
 * wins (defined at {@link HierarchicalOptions}).
 *
 * <p>Cost (k-means): one k-means fit per k (with the base options' nInit; the ks side by side on the shared workers,
 * see {@link #fitAll}), plus {@code gapReferences} fits per k on reference data of the same size, plus the
 * silhouettes of every k in one pass over the pairs ({@link Quality#silhouettes}): O(s²·d) distance work once plus
 * O(s²) additions per k, s = min(n, sample). The result keeps every k's fit ({@link Result#fitAt}) and silhouette
 * ({@link Result#silhouetteAt}), so a caller that also needs them at some k does not compute them again.
 */
public final class KSelection {

  /** The default smallest segment share of an eligible k: 2 % of the customers. */
  public static final double DEFAULT_MIN_SHARE = 0.02;

  /** The smallest segment of an eligible k, in customers, whatever the share. */
  public static final int MIN_SEGMENT_CUSTOMERS = 2;

  /** Below this many customers the reason says that the choice rests on few customers. */
  static final int FEW_CUSTOMERS = 30;

  /** What decides the chosen k. */
  public enum Criterion {
    /**
     * Largest mean silhouette among the eligible k (every segment ≥ minShare of the customers and ≥ 2 customers),
     * ties to the smaller k; the largest silhouette when none is eligible (default).
     */
    ELIGIBLE_SILHOUETTE,
    /** Highest mean silhouette, whatever the segment sizes. */
    SILHOUETTE,
    /** The knee of the inertia curve. */
    ELBOW,
    /** Highest Calinski–Harabasz index. */
    CALINSKI_HARABASZ,
    /** Lowest Davies–Bouldin index. */
    DAVIES_BOULDIN,
    /** Smallest k with gap(k) ≥ gap(k+1) − s(k+1) (Tibshirani's rule); the largest gap if none. */
    GAP
  }

  /**
   * k-selection settings for k-means. As a {@link Clusterer} they fit the k-means clustering at the chosen k ({@link
   * Result#best()}, carrying the selection); {@link KSelection#run} gives the criteria as well. Seed and threads are
   * the k-means options' (the seed also draws the silhouette sample and the gap statistic's reference data). No
   * sample weights.
   *
   * @param kMin smallest k tried, ≥ 2
   * @param kMax largest k tried, ≥ kMin (lowered at fit to n/2 and to the number of distinct customers, and said)
   * @param kmeans options for every fit (its k is replaced)
   * @param criterion what decides
   * @param silhouetteSample points above which the silhouette is computed on a seeded sample of this size
   * @param gapReferences reference data sets for the gap statistic (0 = skip the gap statistic)
   * @param minShare smallest segment share of an eligible k, in [0, 1) (default 0.02)
   */
  public record Options(int kMin, int kMax, KMeans.Options kmeans, Criterion criterion, int silhouetteSample,
      int gapReferences, double minShare) implements Clusterer {
    public Options {
      checkRange(kMin, kMax);
      Objects.requireNonNull(kmeans, "kmeans");
      Objects.requireNonNull(criterion, "criterion");
      if (silhouetteSample < 2) {
        throw new IllegalArgumentException("silhouetteSample must be at least 2, got " + silhouetteSample);
      }
      if (gapReferences < 0) {
        throw new IllegalArgumentException("gapReferences must be ≥ 0, got " + gapReferences);
      }
      checkShare(minShare);
    }

    /**
     * The contract's rule: k from 3 to 10, eligible silhouette, k-means with seed 0 and 4 seedings, silhouette sample
     * 10,000, minimum share 2 %, no gap statistic.
     */
    public static Options defaults() {
      return range(3, 10).withGapReferences(0);
    }

    /**
     * k from kMin to kMax by the contract's rule ({@link Criterion#ELIGIBLE_SILHOUETTE}), k-means with seed 0 and 4
     * seedings, silhouette sample 10,000, minimum share 2 %, 5 gap references (for the table; they do not decide).
     */
    public static Options range(int kMin, int kMax) {
      return new Options(kMin, kMax, KMeans.Options.of(kMin).withNInit(4), Criterion.ELIGIBLE_SILHOUETTE, 10_000, 5,
          DEFAULT_MIN_SHARE);
    }

    /** These settings with k from kMin to kMax. */
    public Options withRange(int kMin, int kMax) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    public Options withKMeans(KMeans.Options kmeans) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    public Options withCriterion(Criterion criterion) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    public Options withSilhouetteSample(int silhouetteSample) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    public Options withGapReferences(int gapReferences) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    /** These settings with the smallest segment share of an eligible k (0.02 = 2 %). */
    public Options withMinShare(double minShare) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences, minShare);
    }

    /** {@code kmeans}: k selection fits k-means. */
    @Override
    public String name() {
      return "kmeans";
    }

    /**
     * The k-means clustering at the chosen k, {@code KSelection.run(m, this).best()}, carrying the selection
     * ({@link Clustering#selection()}).
     *
     * @throws IllegalArgumentException when the data has fewer than 2·kMin customers (and more than one distinct)
     */
    @Override
    public KMeans.Result fit(FeatureMatrix m) {
      Result r = run(m, this);
      return r.best().withSelection(r.tableOnly());
    }

    /** The k-means options' seed. */
    @Override
    public long seed() {
      return kmeans.seed();
    }

    /** These settings with the k-means options' seed replaced. */
    @Override
    public Options withSeed(long seed) {
      return withKMeans(kmeans.withSeed(seed));
    }

    /** The k-means options' threads (also used for the silhouettes). */
    @Override
    public int threads() {
      return kmeans.threads();
    }

    /** These settings with the k-means options' threads replaced. */
    @Override
    public Options withThreads(int threads) {
      return withKMeans(kmeans.withThreads(threads));
    }
  }

  /**
   * k selection for hierarchical clustering: one tree ({@link Hierarchical#fit}), cut into every k of the range
   * (capped at fit as for k-means, and below the number of dendrogram leaves), the same eligibility as {@link
   * Options}, and among the eligible cuts the largest <b>relative gap</b> wins (ties to the smaller k; the largest
   * gap when none is eligible, said in the reason).
   *
   * <p>Relative gap: with the L − 1 merge heights of the tree sorted ascending, {@code h[0] ≤ … ≤ h[L−2]} (L leaves:
   * customers, or micro-clusters for the two-stage path), cutting into k clusters undoes the last k − 1 merges; the
   * merge that would take k clusters to k − 1 is at {@code h[L−k]} and the merge that made the k clusters at
   * {@code h[L−k−1]}. The relative gap of k is {@code (h[L−k] − h[L−k−1]) / h[L−k−1]}: how much higher the tree must
   * climb to lose one of the k clusters, relative to the height at which they formed. When {@code h[L−k−1] = 0}
   * (identical customers) it is +∞ if {@code h[L−k] > 0}, else 0.
   *
   * <p>The table also holds the silhouette (sampled as for k-means, with the hierarchical seed), Calinski–Harabasz,
   * Davies–Bouldin and the within-segment sum of squares of each cut: they inform, the gap decides. Cost: one tree
   * (see {@link Hierarchical}), then O(n) per cut plus the silhouettes of every cut in one pass over the pairs, O(s²·d)
   * once plus O(s²) per k with s = min(n, sample). No sample weights.
   *
   * @param hierarchical the tree's settings (its k is ignored)
   * @param kMin smallest k tried, ≥ 2
   * @param kMax largest k tried, ≥ kMin
   * @param minShare smallest segment share of an eligible k, in [0, 1)
   * @param silhouetteSample points above which the silhouette is computed on a seeded sample of this size
   */
  public record HierarchicalOptions(Hierarchical.Options hierarchical, int kMin, int kMax, double minShare,
      int silhouetteSample) implements Clusterer {
    public HierarchicalOptions {
      Objects.requireNonNull(hierarchical, "hierarchical");
      checkRange(kMin, kMax);
      checkShare(minShare);
      if (silhouetteSample < 2) {
        throw new IllegalArgumentException("silhouetteSample must be at least 2, got " + silhouetteSample);
      }
    }

    /** The exact tree with this linkage, k from 3 to 10, minimum share 2 %, silhouette sample 10,000. */
    public static HierarchicalOptions of(Linkage linkage) {
      return new HierarchicalOptions(Hierarchical.Options.of(linkage), 3, 10, DEFAULT_MIN_SHARE, 10_000);
    }

    /** These settings with k from kMin to kMax. */
    public HierarchicalOptions withRange(int kMin, int kMax) {
      return new HierarchicalOptions(hierarchical, kMin, kMax, minShare, silhouetteSample);
    }

    /** These settings with the tree's options replaced (their k is ignored). */
    public HierarchicalOptions withHierarchical(Hierarchical.Options hierarchical) {
      return new HierarchicalOptions(hierarchical, kMin, kMax, minShare, silhouetteSample);
    }

    public HierarchicalOptions withMinShare(double minShare) {
      return new HierarchicalOptions(hierarchical, kMin, kMax, minShare, silhouetteSample);
    }

    public HierarchicalOptions withSilhouetteSample(int silhouetteSample) {
      return new HierarchicalOptions(hierarchical, kMin, kMax, minShare, silhouetteSample);
    }

    /** {@code hierarchical}. */
    @Override
    public String name() {
      return "hierarchical";
    }

    /** The hierarchical clustering cut at the chosen k ({@link #runHierarchical}), carrying the selection. */
    @Override
    public Hierarchical.Result fit(FeatureMatrix m) {
      Result r = runHierarchical(m, this);
      return ((Hierarchical.Result) r.clustering()).withSelection(r.tableOnly());
    }

    @Override
    public long seed() {
      return hierarchical.seed();
    }

    @Override
    public HierarchicalOptions withSeed(long seed) {
      return withHierarchical(hierarchical.withSeed(seed));
    }

    @Override
    public int threads() {
      return hierarchical.threads();
    }

    @Override
    public HierarchicalOptions withThreads(int threads) {
      return withHierarchical(hierarchical.withThreads(threads));
    }
  }

  private static void checkRange(int kMin, int kMax) {
    if (kMin < 2) {
      throw new IllegalArgumentException("kMin must be at least 2 (the indices compare segments), got " + kMin);
    }
    if (kMax < kMin) {
      throw new IllegalArgumentException("kMax = " + kMax + " is below kMin = " + kMin);
    }
  }

  private static void checkShare(double minShare) {
    if (!(minShare >= 0 && minShare < 1)) {
      throw new IllegalArgumentException("minShare must be a share in [0, 1) such as 0.02 for 2 %, got " + minShare);
    }
  }

  /**
   * k chosen in a range for an algorithm with its own distance — k-prototypes or k-medoids on mixed data ({@link
   * Clustering#distances}): the algorithm is fitted at every k, the silhouettes of all k are computed under its
   * distance in one pass over the pairs (exact up to {@code silhouetteSample} customers, else on a sample of that
   * size drawn with the algorithm's seed), and the contract's rule chooses: among the k whose segments all hold at
   * least {@code minShare} of the customers (and 2 customers), the largest silhouette, ties to the smaller k. The
   * Euclidean indices (Calinski–Harabasz, Davies–Bouldin, inertia) are not defined for these distances and are
   * NaN in the {@link Result}.
   *
   * <p>Cost: one fit per k, plus s(s − 1)/2 distances, s = min(n, silhouetteSample).
   *
   * @param algorithm the algorithm with every setting but k
   */
  public record MixedOptions(KClusterer algorithm, int kMin, int kMax, double minShare, int silhouetteSample)
      implements Clusterer {
    public MixedOptions {
      Objects.requireNonNull(algorithm, "algorithm");
      if (!algorithm.takesCategories()) {
        throw new IllegalArgumentException(algorithm.name() + " measures customers by the Euclidean distance; choose "
            + "its k with KSelection.Options (k-means) instead");
      }
      if (kMin < 2 || kMax < kMin) {
        throw new IllegalArgumentException("the k range must satisfy 2 ≤ kMin ≤ kMax, got " + kMin + ".." + kMax);
      }
      checkShare(minShare);
      if (silhouetteSample < 2) {
        throw new IllegalArgumentException("silhouetteSample must be at least 2, got " + silhouetteSample);
      }
    }

    /** The contract's defaults: k in 3..10, segments of at least 2 %, silhouette on at most 10,000 customers. */
    public static MixedOptions of(KClusterer algorithm) {
      return new MixedOptions(algorithm, 3, 10, 0.02, 10_000);
    }

    public MixedOptions withRange(int kMin, int kMax) {
      return new MixedOptions(algorithm, kMin, kMax, minShare, silhouetteSample);
    }

    @Override
    public String name() {
      return algorithm.name();
    }

    @Override
    public boolean takesCategories() {
      return true;
    }

    /**
     * The chosen k's clustering, carrying the selection's table ({@link Clustering#selection()}, with the chosen k's
     * silhouette; {@link KSelection#runMixed} keeps every k's fit and silhouette).
     */
    @Override
    public Clustering fit(FeatureMatrix m) {
      Result r = runMixed(m, this);
      Clustering c = r.clustering();
      return c instanceof SelectionCarrier s ? s.withSelection(r.tableOnly()) : c;
    }

    @Override
    public long seed() {
      return algorithm.seed();
    }

    @Override
    public MixedOptions withSeed(long seed) {
      return new MixedOptions((KClusterer) algorithm.withSeed(seed), kMin, kMax, minShare, silhouetteSample);
    }

    @Override
    public int threads() {
      return algorithm.threads();
    }

    @Override
    public MixedOptions withThreads(int threads) {
      return new MixedOptions((KClusterer) algorithm.withThreads(threads), kMin, kMax, minShare, silhouetteSample);
    }
  }

  /**
   * Fits the mixed-data algorithm of {@code options} at every k of the range (capped as the class comment says) and
   * chooses one by the silhouette under its own distance ({@link MixedOptions}).
   *
   * @throws IllegalArgumentException when the data has fewer than 2·kMin customers, or the algorithm refuses it
   */
  public static Result runMixed(FeatureMatrix m, MixedOptions options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    if (m.rows() == 0) {
      throw new IllegalArgumentException("cannot cluster an empty feature matrix (0 customers)");
    }
    int n = m.rows();
    KClusterer base = options.algorithm();
    String method = base.name();
    Range range = range(m, options.kMin(), options.kMax(), Integer.MAX_VALUE, "");
    if (range.distinct() == 1) {
      Clustering one = base.withK(1).fit(m);
      return oneSegment(method, n, options.kMin(), options.kMax(), one, options.minShare());
    }
    int count = range.hi() - range.lo() + 1;
    int[] ks = new int[count];
    Clustering[] fits = new Clustering[count];
    int[][] labelings = new int[count][];
    for (int q = 0; q < count; q++) {
      ks[q] = range.lo() + q;
      fits[q] = base.withK(ks[q]).fit(m);
      labelings[q] = fits[q].labels();
    }
    RowDistance distance = fits[0].distances(m);
    if (distance == null) {
      throw new IllegalArgumentException(method + " has no distance of its own; choose its k with KSelection.Options");
    }
    boolean sampled = n > options.silhouetteSample();
    Silhouette[] details = Quality.silhouettes(n, labelings, distance, options.silhouetteSample(), base.seed(),
        Threads.resolve(base.threads()));
    double[] sil = new double[count];
    double[] smallest = new double[count];
    double[] largest = new double[count];
    boolean[] eligible = new boolean[count];
    for (int q = 0; q < count; q++) {
      sil[q] = details[q].mean();
      eligible[q] = shares(labelings[q], ks[q], options.minShare(), smallest, largest, q);
    }
    int pick = argBestEligible(sil, eligible);
    String reason = eligibleReason(ks, sil, "silhouette", eligible, smallest, pick, options.minShare(), n);
    double[] nan = new double[count];
    Arrays.fill(nan, Double.NaN);
    return new Result(method, ks, nan, sil, nan.clone(), nan.clone(), nan.clone(), nan.clone(), nan.clone(),
        nan.clone(), smallest, largest, eligible, ks[pick], reason, range.notes(), fits[pick],
        sampled ? options.silhouetteSample() : 0, options.minShare(), null, details);
  }

  /** The criteria per k, the chosen k and why. Immutable; accessors copy. */
  public static final class Result {
    private final String method;
    private final int[] ks;
    private final double[] inertia;
    private final double[] silhouette;
    private final double[] ch;
    private final double[] db;
    private final double[] gap;
    private final double[] gapSd;
    private final double[] height;
    private final double[] relativeGap;
    private final double[] smallest;
    private final double[] largest;
    private final boolean[] eligible;
    private final int chosen;
    private final String reason;
    private final List<String> notes;
    private final Clustering best;
    private final int silhouetteSample;
    private final double minShare;
    /** k-means: the fit per k (null for hierarchical, and once the result is attached to a clustering). */
    private final KMeans.Result[] fits;
    /** The silhouette per k (entries null once the result is attached to a clustering, except the chosen k's). */
    private final Silhouette[] details;

    private Result(String method, int[] ks, double[] inertia, double[] silhouette, double[] ch, double[] db,
        double[] gap, double[] gapSd, double[] height, double[] relativeGap, double[] smallest, double[] largest,
        boolean[] eligible, int chosen, String reason, List<String> notes, Clustering best, int silhouetteSample,
        double minShare) {
      this(method, ks, inertia, silhouette, ch, db, gap, gapSd, height, relativeGap, smallest, largest, eligible,
          chosen, reason, notes, best, silhouetteSample, minShare, null, new Silhouette[ks.length]);
    }

    private Result(String method, int[] ks, double[] inertia, double[] silhouette, double[] ch, double[] db,
        double[] gap, double[] gapSd, double[] height, double[] relativeGap, double[] smallest, double[] largest,
        boolean[] eligible, int chosen, String reason, List<String> notes, Clustering best, int silhouetteSample,
        double minShare, KMeans.Result[] fits, Silhouette[] details) {
      this.fits = fits;
      this.details = details;
      this.method = method;
      this.ks = ks;
      this.inertia = inertia;
      this.silhouette = silhouette;
      this.ch = ch;
      this.db = db;
      this.gap = gap;
      this.gapSd = gapSd;
      this.height = height;
      this.relativeGap = relativeGap;
      this.smallest = smallest;
      this.largest = largest;
      this.eligible = eligible;
      this.chosen = chosen;
      this.reason = reason;
      this.notes = List.copyOf(notes);
      this.best = best;
      this.silhouetteSample = silhouetteSample;
      this.minShare = minShare;
    }

    /** The chosen k. */
    public int k() {
      return chosen;
    }

    /** Why this k was chosen, in one sentence. */
    public String reason() {
      return reason;
    }

    /**
     * What changed the range or the data seen, one sentence each (the range capped at n/2 or at the number of
     * distinct customers); empty when nothing did.
     */
    public List<String> notes() {
      return notes;
    }

    /** {@code kmeans} or {@code hierarchical}: the method whose k was chosen. */
    public String method() {
      return method;
    }

    /** The clustering at the chosen k: a {@link KMeans.Result} or a {@link Hierarchical.Result}. */
    public Clustering clustering() {
      return best;
    }

    /**
     * The k-means fit at the chosen k.
     *
     * @throws IllegalStateException for a hierarchical selection: use {@link #clustering()}
     */
    public KMeans.Result best() {
      if (best instanceof KMeans.Result r) {
        return r;
      }
      throw new IllegalStateException("this k selection cut a " + method + " tree, not k-means: use clustering()");
    }

    /**
     * The k-means fit at one of the tried k, the same fit {@link KMeans#fit} gives with the selection's k-means options
     * at that k: reuse it instead of fitting again. Kept by the result of {@link KSelection#run}; the selection a
     * clustering carries ({@link Clustering#selection()}) keeps only the table.
     *
     * @throws IllegalArgumentException when k was not tried
     * @throws IllegalStateException for a hierarchical selection, k = 1 forced, or a selection carried by a clustering
     */
    public KMeans.Result fitAt(int k) {
      int q = indexOf(k);
      if (fits == null || fits[q] == null) {
        throw new IllegalStateException("the k-means fits per k are kept only by the result of KSelection.run"
            + (hierarchical() ? " (this selection cut a hierarchical tree: use clustering())" : ""));
      }
      return fits[q];
    }

    /**
     * The silhouette (per point, per segment and mean) of the labels at one of the tried k, as {@link #silhouette()}
     * gives its mean: exact, or on the sample of {@link #silhouetteSample()} points. The labels are k-means' {@code
     * fitAt(k).labels()}, or the hierarchical tree's {@code cut(k)} (whose segment numbers may differ from the
     * chosen clustering's). The selection a clustering carries keeps only the chosen k's.
     *
     * @throws IllegalArgumentException when k was not tried
     * @throws IllegalStateException when this result does not keep it (see above; none for k = 1 forced)
     */
    public Silhouette silhouetteAt(int k) {
      int q = indexOf(k);
      if (details[q] == null) {
        throw new IllegalStateException(chosen == 1 ? "no silhouette: all customers form one segment"
            : "a selection carried by a clustering keeps only the chosen k's silhouette, k = " + chosen
            + "; KSelection.run keeps every k's");
      }
      return details[q];
    }

    private int indexOf(int k) {
      for (int q = 0; q < ks.length; q++) {
        if (ks[q] == k) {
          return q;
        }
      }
      throw new IllegalArgumentException("k = " + k + " was not tried; the tried k are " + Arrays.toString(ks));
    }

    /** The same table without the per-k fits and silhouettes (the chosen k's silhouette stays). */
    Result tableOnly() {
      Silhouette[] kept = new Silhouette[ks.length];
      for (int q = 0; q < ks.length; q++) {
        if (ks[q] == chosen) {
          kept[q] = details[q];
        }
      }
      return new Result(method, ks, inertia, silhouette, ch, db, gap, gapSd, height, relativeGap, smallest, largest,
          eligible, chosen, reason, notes, best, silhouetteSample, minShare, null, kept);
    }

    /** The k values tried ({@code {1}} when all customers are identical and k = 1 was forced). */
    public int[] ks() {
      return ks.clone();
    }

    /** Within-segment sum of squares per k (k-means: the inertia of the fit; hierarchical: of the cut). */
    public double[] inertia() {
      return inertia.clone();
    }

    /** Mean silhouette per k (sampled above {@link #silhouetteSample()} customers). */
    public double[] silhouette() {
      return silhouette.clone();
    }

    public double[] calinskiHarabasz() {
      return ch.clone();
    }

    public double[] daviesBouldin() {
      return db.clone();
    }

    /** Gap statistic per k (NaN when skipped or hierarchical). */
    public double[] gap() {
      return gap.clone();
    }

    /** The gap's standard error s(k) = sd · sqrt(1 + 1/B) (NaN when skipped or hierarchical). */
    public double[] gapStandardError() {
      return gapSd.clone();
    }

    /** Hierarchical: the height of the merge that would take k clusters to k − 1, per k; k-means: NaN. */
    public double[] mergeHeight() {
      return height.clone();
    }

    /** Hierarchical: the relative gap per k ({@link HierarchicalOptions}); k-means: NaN. */
    public double[] relativeGap() {
      return relativeGap.clone();
    }

    /** The smallest segment's share of the customers per k, in [0, 1]. */
    public double[] smallestShare() {
      return smallest.clone();
    }

    /** The largest segment's share of the customers per k, in [0, 1]. */
    public double[] largestShare() {
      return largest.clone();
    }

    /** Whether each k is eligible: every segment ≥ {@link #minShare()} of the customers and ≥ 2 customers. */
    public boolean[] eligible() {
      return eligible.clone();
    }

    /** The smallest segment share of an eligible k. */
    public double minShare() {
      return minShare;
    }

    /** Silhouette sample size, or 0 when exact. */
    public int silhouetteSample() {
      return silhouetteSample;
    }

    private boolean hierarchical() {
      return method.equals("hierarchical");
    }

    /** A k selection of an algorithm with its own distance ({@link MixedOptions}): no Euclidean indices. */
    private boolean ownDistance() {
      return !hierarchical() && !method.equals("kmeans");
    }

    /**
     * One row per k: k, (hierarchical: merge_height, relative_gap), inertia, silhouette, calinski_harabasz,
     * davies_bouldin, (k-means: gap, gap_se), smallest_share, largest_share, eligible.
     */
    public Table toTable() {
      Table t = Table.create("k selection", IntColumn.create("k", ks));
      if (hierarchical()) {
        t.addColumns(DoubleColumn.create("merge_height", height), DoubleColumn.create("relative_gap", relativeGap));
      }
      t.addColumns(DoubleColumn.create("inertia", inertia), DoubleColumn.create("silhouette", silhouette),
          DoubleColumn.create("calinski_harabasz", ch), DoubleColumn.create("davies_bouldin", db));
      if (!hierarchical()) {
        t.addColumns(DoubleColumn.create("gap", gap), DoubleColumn.create("gap_se", gapSd));
      }
      BooleanColumn e = BooleanColumn.create("eligible");
      for (boolean b : eligible) {
        e.append(b);
      }
      return t.addColumns(DoubleColumn.create("smallest_share", smallest), DoubleColumn.create("largest_share",
          largest), e);
    }

    /**
     * The table as aligned text, 4 significant digits, shares in percent: k, (hierarchical: merge height, relative
     * gap), silhouette, Calinski–Harabasz, Davies–Bouldin, (gap when computed), smallest and largest segment share,
     * eligible; one line per k. Empty when k = 1 was forced (identical customers: no index is defined).
     */
    public String tableText() {
      if (chosen == 1) {
        return "";
      }
      List<String> head = new ArrayList<>(List.of("k"));
      boolean withGap = !hierarchical() && gap.length > 0 && !Double.isNaN(gap[0]);
      if (hierarchical()) {
        head.addAll(List.of("height", "rel. gap"));
      }
      head.add("silhouette");
      if (!ownDistance()) {
        head.addAll(List.of("Calinski-H.", "Davies-B."));
      }
      if (withGap) {
        head.add("gap");
      }
      head.addAll(List.of("smallest", "largest", "eligible"));
      List<List<String>> rows = new ArrayList<>();
      for (int q = 0; q < ks.length; q++) {
        List<String> r = new ArrayList<>(List.of(Integer.toString(ks[q])));
        if (hierarchical()) {
          r.add(Numbers.sig4(height[q]));
          r.add(Numbers.sig4(relativeGap[q]));
        }
        r.add(Numbers.sig4(silhouette[q]));
        if (!ownDistance()) {
          r.add(Numbers.sig4(ch[q]));
          r.add(Numbers.sig4(db[q]));
        }
        if (withGap) {
          r.add(Numbers.sig4(gap[q]));
        }
        r.add(Numbers.sig4(100 * smallest[q]) + " %");
        r.add(Numbers.sig4(100 * largest[q]) + " %");
        r.add(eligible[q] ? (ks[q] == chosen ? "yes  <- chosen" : "yes") : (ks[q] == chosen ? "no   <- chosen" : "no"));
        rows.add(r);
      }
      int[] w = new int[head.size()];
      for (int j = 0; j < w.length; j++) {
        w[j] = head.get(j).length();
        for (List<String> r : rows) {
          w[j] = Math.max(w[j], r.get(j).length());
        }
      }
      StringBuilder sb = new StringBuilder();
      appendRow(sb, head, w);
      for (List<String> r : rows) {
        appendRow(sb, r, w);
      }
      return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < cells.size(); j++) {
        String c = cells.get(j);
        if (j == cells.size() - 1) {
          line.append(c);
        } else {
          line.append(" ".repeat(w[j] - c.length())).append(c).append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * A heading line (method, range, silhouette sample), the {@link #tableText()}, {@code Chosen k = K: reason} and
     * one {@code note:} line per {@link #notes()} entry.
     */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (chosen > 1) {
        sb.append(String.format(Locale.ROOT, "k selection (%s, k = %d..%d, eligible: every segment ≥ %s %% of "
            + "customers and ≥ %d customers%s%s):%n", hierarchical() ? "hierarchical" : method.equals("kmeans")
            ? "k-means" : method, ks[0], ks[ks.length - 1], Numbers.sig4(100 * minShare), MIN_SEGMENT_CUSTOMERS,
            silhouetteSample > 0 ? String.format(Locale.ROOT, "; silhouette on a sample of %,d points",
            silhouetteSample) : "", ownDistance() ? "; silhouette under the algorithm's own distance" : ""));
        sb.append(tableText().replace("\n", System.lineSeparator()));
      }
      sb.append("Chosen k = ").append(chosen).append(": ").append(reason);
      for (String n : notes) {
        sb.append(System.lineSeparator()).append("note: ").append(n);
      }
      return sb.toString();
    }
  }

  private KSelection() {}

  /** The contract's choice in one call: {@code run(m, Options.defaults())}. */
  public static Result choose(FeatureMatrix m) {
    return run(m, Options.defaults());
  }

  /** The range to try after the caps, and why it changed; or k = 1 for identical customers. */
  private record Range(int lo, int hi, int distinct, List<String> notes) {}

  /**
   * Caps kMin..kMax at n/2, at the number of distinct customers and at {@code treeLimit}; {@code lo = hi = 1} when
   * all customers are identical.
   */
  private static Range range(FeatureMatrix m, int kMin, int kMax, int treeLimit, String limitWhat) {
    int n = m.rows();
    int distinct = distinct(m, kMax);
    List<String> notes = new ArrayList<>();
    if (distinct == 1) {
      return new Range(1, 1, 1, notes);
    }
    int hi = kMax;
    if (n / 2 < hi) {
      hi = n / 2;
      notes.add(String.format(Locale.ROOT, "the k range %d..%d was capped at %d: at most n/2 = %d for %,d customers "
          + "(every segment needs at least %d customers)", kMin, kMax, hi, n / 2, n, MIN_SEGMENT_CUSTOMERS));
    }
    if (distinct < hi) {
      notes.add(String.format(Locale.ROOT, "the k range was capped at %d: the customers have only %d distinct "
          + "feature vectors", distinct, distinct));
      hi = distinct;
    }
    if (treeLimit < hi) {
      notes.add(String.format(Locale.ROOT, "the k range was capped at %d: %s", treeLimit, limitWhat));
      hi = treeLimit;
    }
    int lo = kMin;
    if (hi < lo) {
      if (distinct < kMin && distinct >= 2 && distinct <= n / 2 && distinct <= treeLimit) {
        notes.add(String.format(Locale.ROOT, "only k = %d was tried: the customers have only %d distinct feature "
            + "vectors, fewer than kMin = %d", distinct, distinct, kMin));
        return new Range(distinct, distinct, distinct, notes);
      }
      throw new IllegalArgumentException(String.format(Locale.ROOT, "k = auto in %d..%d needs at least %d customers "
          + "(%d segments of at least %d customers each), the features have %,d; give k yourself or lower kMin to "
          + "at most %d", kMin, kMax, 2 * kMin, kMin, MIN_SEGMENT_CUSTOMERS, n, Math.max(2, Math.min(n / 2,
          treeLimit))));
    }
    return new Range(lo, hi, distinct, notes);
  }

  /** Distinct rows of m (numeric values and level codes), counting up to {@code limit + 1} at most. O(n·(d + c)). */
  static int distinct(FeatureMatrix m, int limit) {
    int n = m.rows();
    int d = m.columns();
    int c = m.categoricalColumns();
    Set<List<Double>> seen = new HashSet<>();
    for (int i = 0; i < n && seen.size() <= limit; i++) {
      Double[] row = new Double[d + c];
      for (int j = 0; j < d; j++) {
        double v = m.get(i, j);
        row[j] = v == 0 ? 0.0 : v;
      }
      for (int j = 0; j < c; j++) {
        row[d + j] = (double) m.code(i, j);
      }
      seen.add(List.of(row));
    }
    return seen.size();
  }

  /**
   * The result for identical customers: one row, k = 1 (inertia 0, one segment holding everyone, eligible; the indices
   * are undefined: NaN).
   */
  private static Result oneSegment(String method, int n, int kMin, int kMax, Clustering one, double minShare) {
    double[] nan = {Double.NaN};
    return new Result(method, new int[] {1}, new double[] {0}, nan, nan.clone(), nan.clone(), nan.clone(),
        nan.clone(), nan.clone(), nan.clone(), new double[] {1}, new double[] {1}, new boolean[] {true}, 1,
        identical(n, kMin, kMax), List.of(), one, 0, minShare);
  }

  private static String identical(int n, int kMin, int kMax) {
    return String.format(Locale.ROOT, "all %,d customers have identical features, so they form one segment: no k in "
        + "%d..%d can split them (check for constant or wrongly read feature columns)", n, kMin, kMax);
  }

  /** Fits k-means for each k in the range (capped as the class comment says) and chooses one. */
  public static Result run(FeatureMatrix m, Options options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    Inputs.data(m, options);
    int n = m.rows();
    KMeans.Options base = options.kmeans();
    Range range = range(m, options.kMin(), options.kMax(), Integer.MAX_VALUE, "");
    if (range.distinct() == 1) {
      KMeans.Result one = KMeans.fit(m, base.withK(1));
      return oneSegment("kmeans", n, options.kMin(), options.kMax(), one, options.minShare());
    }
    int count = range.hi() - range.lo() + 1;
    int[] ks = new int[count];
    double[] inertia = new double[count];
    double[] sil = new double[count];
    double[] ch = new double[count];
    double[] db = new double[count];
    double[] gap = new double[count];
    double[] gapSd = new double[count];
    double[] smallest = new double[count];
    double[] largest = new double[count];
    boolean[] eligible = new boolean[count];
    boolean sampled = n > options.silhouetteSample();
    int threads = Threads.resolve(base.threads());
    for (int q = 0; q < count; q++) {
      ks[q] = range.lo() + q;
    }
    KMeans.Result[] fits = fitAll(m, base, ks, threads);
    int[][] labelings = new int[count][];
    for (int q = 0; q < count; q++) {
      labelings[q] = fits[q].labels();
      inertia[q] = fits[q].inertia();
    }
    // one pass over the pairs for every k: the distances do not depend on k
    Silhouette[] details = sampled
        ? Quality.silhouettesSampled(m, labelings, options.silhouetteSample(), base.seed(), threads)
        : Quality.silhouettes(m, labelings, threads);
    for (int q = 0; q < count; q++) {
      int[] labels = labelings[q];
      sil[q] = details[q].mean();
      ch[q] = Quality.calinskiHarabasz(m, labels);
      db[q] = Quality.daviesBouldin(m, labels);
      eligible[q] = shares(labels, ks[q], options.minShare(), smallest, largest, q);
    }
    if (options.gapReferences() > 0) {
      gap(m, base, ks, inertia, options.gapReferences(), gap, gapSd);
    } else {
      Arrays.fill(gap, Double.NaN);
      Arrays.fill(gapSd, Double.NaN);
    }
    int pick;
    String reason;
    switch (options.criterion()) {
      case ELIGIBLE_SILHOUETTE -> {
        pick = argBestEligible(sil, eligible);
        reason = eligibleReason(ks, sil, "silhouette", eligible, smallest, pick, options.minShare(), n);
      }
      case SILHOUETTE -> {
        pick = argBest(sil, true);
        reason = String.format(Locale.ROOT, "highest mean silhouette, %.4f", sil[pick]);
      }
      case CALINSKI_HARABASZ -> {
        pick = argBest(ch, true);
        reason = String.format(Locale.ROOT, "highest Calinski–Harabasz index, %.1f", ch[pick]);
      }
      case DAVIES_BOULDIN -> {
        pick = argBest(db, false);
        reason = String.format(Locale.ROOT, "lowest Davies–Bouldin index, %.4f", db[pick]);
      }
      case ELBOW -> {
        pick = knee(ks, inertia);
        reason = String.format(Locale.ROOT, "knee of the inertia curve (inertia %.6g)", inertia[pick]);
      }
      case GAP -> {
        if (options.gapReferences() == 0) {
          throw new IllegalArgumentException("the GAP criterion needs gapReferences > 0");
        }
        pick = -1;
        for (int q = 0; q + 1 < count; q++) {
          if (gap[q] >= gap[q + 1] - gapSd[q + 1]) {
            pick = q;
            break;
          }
        }
        if (pick < 0) {
          pick = argBest(gap, true);
          reason = String.format(Locale.ROOT, "largest gap, %.4f (no k met Tibshirani's rule)", gap[pick]);
        } else {
          reason = String.format(Locale.ROOT, "smallest k with gap(k) ≥ gap(k+1) − s(k+1): %.4f ≥ %.4f", gap[pick],
              gap[pick + 1] - gapSd[pick + 1]);
        }
      }
      default -> throw new IllegalStateException();
    }
    double[] nan = new double[count];
    Arrays.fill(nan, Double.NaN);
    return new Result("kmeans", ks, inertia, sil, ch, db, gap, gapSd, nan, nan.clone(), smallest, largest, eligible,
        ks[pick], reason, range.notes(), fits[pick], sampled ? options.silhouetteSample() : 0, options.minShare(), fits,
        details);
  }

  /**
   * Fits one hierarchical tree, cuts it at each k of the range (capped as the class comment says, and below the
   * number of dendrogram leaves) and chooses the eligible cut with the largest relative gap ({@link
   * HierarchicalOptions}).
   *
   * @throws IllegalArgumentException when the data has fewer than 2·kMin customers (and more than one distinct), or
   *     the tree cannot be fitted (see {@link Hierarchical#fit})
   */
  public static Result runHierarchical(FeatureMatrix m, HierarchicalOptions options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    Inputs.data(m, options);
    int n = m.rows();
    Hierarchical.Options tree = options.hierarchical();
    int leavesBound = tree.microClusters() > 0 && tree.microClusters() < n ? tree.microClusters() : n;
    int d0 = distinct(m, options.kMax());
    if (d0 == 1) {
      Hierarchical.Result one = Hierarchical.fit(m, tree.withK(1));
      return oneSegment("hierarchical", n, options.kMin(), options.kMax(), one, options.minShare());
    }
    Hierarchical.Result fit = Hierarchical.fit(m, tree.withK(0));
    int leaves = fit.dendrogram().leaves();
    // a relative gap needs the merge below the cut: k ≤ leaves − 1
    Range range = range(m, options.kMin(), options.kMax(), Math.min(leavesBound, leaves) - 1,
        "the relative gap of k needs k < the " + leaves + " leaves of the tree");
    double[] h = fit.dendrogram().heights();
    int count = range.hi() - range.lo() + 1;
    int[] ks = new int[count];
    double[] inertia = new double[count];
    double[] sil = new double[count];
    double[] ch = new double[count];
    double[] db = new double[count];
    double[] height = new double[count];
    double[] rel = new double[count];
    double[] smallest = new double[count];
    double[] largest = new double[count];
    boolean[] eligible = new boolean[count];
    boolean sampled = n > options.silhouetteSample();
    int threads = Threads.resolve(tree.threads());
    int[][] labelings = new int[count][];
    for (int q = 0; q < count; q++) {
      ks[q] = range.lo() + q;
      labelings[q] = fit.cut(ks[q]);
    }
    // one pass over the pairs for every cut
    Silhouette[] details = sampled
        ? Quality.silhouettesSampled(m, labelings, options.silhouetteSample(), tree.seed(), threads)
        : Quality.silhouettes(m, labelings, threads);
    for (int q = 0; q < count; q++) {
      int k = ks[q];
      int[] labels = labelings[q];
      inertia[q] = withinSumOfSquares(m, labels, k);
      sil[q] = details[q].mean();
      ch[q] = Quality.calinskiHarabasz(m, labels);
      db[q] = Quality.daviesBouldin(m, labels);
      eligible[q] = shares(labels, k, options.minShare(), smallest, largest, q);
      height[q] = h[leaves - k];
      rel[q] = relativeGap(h[leaves - k], h[leaves - k - 1]);
    }
    int pick = argBestEligible(rel, eligible);
    String reason = eligibleReason(ks, rel, "relative gap between merge heights", eligible, smallest, pick,
        options.minShare(), n);
    double[] nan = new double[count];
    Arrays.fill(nan, Double.NaN);
    Result r = new Result("hierarchical", ks, inertia, sil, ch, db, nan, nan.clone(), height, rel, smallest, largest,
        eligible, ks[pick], reason, range.notes(), null, sampled ? options.silhouetteSample() : 0,
        options.minShare(), null, details);
    return withClustering(r, fit.atK(ks[pick], m, null));
  }

  private static Result withClustering(Result r, Clustering c) {
    return new Result(r.method, r.ks, r.inertia, r.silhouette, r.ch, r.db, r.gap, r.gapSd, r.height, r.relativeGap,
        r.smallest, r.largest, r.eligible, r.chosen, r.reason, r.notes, c, r.silhouetteSample, r.minShare, r.fits,
        r.details);
  }

  /**
   * k-means at every k of {@code ks} with {@code base} (its k replaced). With more than one thread the ks run side by
   * side on the shared workers, largest k first, each fit on {@code threads / workers} threads (its result still
   * records {@code base}'s count); a fit's labels depend only on its options and the data, so the results are those of
   * fitting one k after the other, whatever the thread count. Side by side only when that many fits' working memory
   * fits in half the free heap; else one after the other, each on all the threads.
   */
  static KMeans.Result[] fitAll(FeatureMatrix m, KMeans.Options base, int[] ks, int threads) {
    int count = ks.length;
    KMeans.Result[] fits = new KMeans.Result[count];
    int t = Math.min(threads, count);
    if (t > 1) {
      int kMax = Arrays.stream(ks).max().getAsInt();
      KMeans.Algorithm algorithm = base.algorithm() == KMeans.Algorithm.AUTO
          ? KMeans.chooseAlgorithm(m.rows(), m.columns(), kMax) : base.algorithm();
      long perFit = KMeans.memoryEstimate(m.rows(), m.columns(), kMax, algorithm, base.nInit());
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (perFit > free / 2 / t) {
        t = 1;
      }
    }
    if (t <= 1) {
      for (int q = 0; q < count; q++) {
        fits[q] = KMeans.fit(m, base.withK(ks[q]));
      }
      return fits;
    }
    int each = Math.max(1, threads / t);
    AtomicInteger next = new AtomicInteger();
    RuntimeException[] failed = new RuntimeException[count];
    Runnable[] work = new Runnable[t];
    for (int w = 0; w < t; w++) {
      work[w] = () -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          int q = count - 1 - i;
          try {
            fits[q] = KMeans.fit(m, null, base.withK(ks[q]), each);
          } catch (RuntimeException e) {
            failed[q] = e;
          }
        }
      };
    }
    Workers.runAll("fitting k-means for every k", work);
    // the smallest failing k's error, as one fit after the other would throw it
    for (RuntimeException e : failed) {
      if (e != null) {
        throw e;
      }
    }
    return fits;
  }

  /** (upper − lower) / lower; +∞ when lower is 0 and upper is not, 0 when both are. */
  static double relativeGap(double upper, double lower) {
    if (lower == 0) {
      return upper > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return (upper - lower) / lower;
  }

  /** Sum of squared distances of each row to its segment's mean. O(n·d). */
  static double withinSumOfSquares(FeatureMatrix m, int[] labels, int k) {
    int n = m.rows();
    int d = m.columns();
    double[] sum = new double[k * d];
    long[] size = new long[k];
    for (int i = 0; i < n; i++) {
      size[labels[i]]++;
      for (int j = 0; j < d; j++) {
        sum[labels[i] * d + j] += m.get(i, j);
      }
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      for (int j = 0; j < d; j++) {
        double diff = m.get(i, j) - sum[c * d + j] / size[c];
        ss += diff * diff;
      }
    }
    return ss;
  }

  /** Records the smallest and largest share of labels into slot q; true when every segment is large enough. */
  private static boolean shares(int[] labels, int k, double minShare, double[] smallest, double[] largest, int q) {
    long[] sizes = Labels.sizes(labels, k);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long s : sizes) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    int n = labels.length;
    smallest[q] = (double) min / n;
    largest[q] = (double) max / n;
    return largeEnough(min, n, minShare);
  }

  /**
   * The eligibility rule for one segment: at least {@link #MIN_SEGMENT_CUSTOMERS} customers and at least
   * {@code minShare} of the {@code customers} (with a relative slack of 10⁻⁹, so that a share that is exactly the
   * limit in decimal counts as reached: 7 of 100 at 7 %, where {@code 0.07 · 100} is 7.000000000000001). Used by
   * the k selections and by the CLI's note on small segments of a chosen k.
   */
  public static boolean largeEnough(long size, long customers, double minShare) {
    return size >= MIN_SEGMENT_CUSTOMERS && size >= minShare * customers - 1e-9 * customers;
  }

  /** The index of the largest value among eligible entries (ties: first), or among all when none is eligible. */
  static int argBestEligible(double[] v, boolean[] eligible) {
    int best = -1;
    for (int q = 0; q < v.length; q++) {
      if (eligible[q] && (best < 0 || v[q] > v[best])) {
        best = q;
      }
    }
    return best >= 0 ? best : argBest(v, true);
  }

  private static String eligibleReason(int[] ks, double[] v, String what, boolean[] eligible, double[] smallest,
      int pick, double minShare, int n) {
    String rule = String.format(Locale.ROOT, "every segment at least %s %% of the customers and at least %d customers",
        Numbers.sig4(100 * minShare), MIN_SEGMENT_CUSTOMERS);
    int countEligible = 0;
    int runnerUp = -1;
    for (int q = 0; q < ks.length; q++) {
      if (eligible[q]) {
        countEligible++;
        if (q != pick && (runnerUp < 0 || v[q] > v[runnerUp])) {
          runnerUp = q;
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    if (countEligible == 0) {
      sb.append(String.format(Locale.ROOT, "no k in %d..%d is eligible (%s), so k = %d has the largest %s, %s, and "
          + "its smallest segment holds %s %% of the customers", ks[0], ks[ks.length - 1], rule, ks[pick], what,
          Numbers.sig4(v[pick]), Numbers.sig4(100 * smallest[pick])));
    } else if (countEligible == 1) {
      sb.append(String.format(Locale.ROOT, "k = %d is the only eligible k in %d..%d (%s); its %s is %s", ks[pick],
          ks[0], ks[ks.length - 1], rule, what, Numbers.sig4(v[pick])));
    } else {
      sb.append(String.format(Locale.ROOT, "k = %d has the largest %s among the %d eligible k (%s), %s, ahead of "
          + "k = %d with %s", ks[pick], what, countEligible, rule, Numbers.sig4(v[pick]), ks[runnerUp], Numbers.sig4(v[runnerUp])));
    }
    if (countEligible > 0) {
      int beaten = -1;
      for (int q = 0; q < ks.length; q++) {
        if (!eligible[q] && v[q] > v[pick] && (beaten < 0 || v[q] > v[beaten])) {
          beaten = q;
        }
      }
      if (beaten >= 0) {
        sb.append(String.format(Locale.ROOT, "; k = %d scored higher, %s, but its smallest segment holds only %s %%",
            ks[beaten], Numbers.sig4(v[beaten]), Numbers.sig4(100 * smallest[beaten])));
      }
    }
    if (countEligible > 1 && pick == ks.length - 1 && ks[pick] < n / 2) {
      // the best at the top of the range: the curve may still rise beyond it
      sb.append(String.format(Locale.ROOT, "; k = %d is the largest k tried, so a wider range may find a higher %s",
          ks[pick], what));
    }
    if (n < FEW_CUSTOMERS) {
      sb.append(String.format(Locale.ROOT, "; with only %d customers the choice rests on few points", n));
    }
    return sb.toString();
  }

  private static int argBest(double[] v, boolean max) {
    int best = 0;
    for (int q = 1; q < v.length; q++) {
      if (max ? v[q] > v[best] : v[q] < v[best]) {
        best = q;
      }
    }
    return best;
  }

  /** Kneedle on a decreasing convex curve (see {@link #knee(double[], double[])}). */
  static int knee(int[] ks, double[] y) {
    double[] xs = new double[ks.length];
    for (int q = 0; q < ks.length; q++) {
      xs[q] = ks[q];
    }
    return knee(xs, y);
  }

  /**
   * Kneedle (Satopää et al. 2011) for a convex curve, decreasing (an inertia curve) or increasing (a sorted
   * k-distance curve): both axes are scaled to [0, 1] and the knee is the point farthest below the chord that joins
   * the first and the last point. Ties go to the first such point; fewer than 3 points or a flat curve give 0.
   *
   * @param xs increasing abscissae
   * @param y the curve
   */
  static int knee(double[] xs, double[] y) {
    int n = xs.length;
    if (n < 3) {
      return 0;
    }
    double x0 = xs[0];
    double x1 = xs[n - 1];
    double yMax = y[0];
    double yMin = y[0];
    for (double v : y) {
      yMax = Math.max(yMax, v);
      yMin = Math.min(yMin, v);
    }
    if (yMax == yMin || x1 == x0) {
      return 0;
    }
    double first = (y[0] - yMin) / (yMax - yMin);
    double last = (y[n - 1] - yMin) / (yMax - yMin);
    int best = 0;
    double bestDiff = Double.NEGATIVE_INFINITY;
    for (int q = 0; q < n; q++) {
      double xn = (xs[q] - x0) / (x1 - x0);
      double yn = (y[q] - yMin) / (yMax - yMin);
      double diff = first + (last - first) * xn - yn;
      if (diff > bestDiff) {
        bestDiff = diff;
        best = q;
      }
    }
    return best;
  }

  private static void gap(FeatureMatrix m, KMeans.Options base, int[] ks, double[] inertia, int refs, double[] gap,
      double[] gapSd) {
    int n = m.rows();
    int d = m.columns();
    double[] lo = new double[d];
    double[] hi = new double[d];
    for (int j = 0; j < d; j++) {
      double[] c = m.column(j);
      lo[j] = Double.POSITIVE_INFINITY;
      hi[j] = Double.NEGATIVE_INFINITY;
      for (double v : c) {
        lo[j] = Math.min(lo[j], v);
        hi[j] = Math.max(hi[j], v);
      }
    }
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
    }
    double[][] logW = new double[ks.length][refs];
    SplittableRandom rnd = new SplittableRandom(base.seed() ^ 0x5DEECE66DL);
    for (int b = 0; b < refs; b++) {
      double[] ref = new double[n * d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          ref[i * d + j] = lo[j] + rnd.nextDouble() * (hi[j] - lo[j]);
        }
      }
      FeatureMatrix rm = FeatureMatrix.ofFlat(ids, m.names(), null, ref);
      KMeans.Result[] fits = fitAll(rm, base.withNInit(1), ks, Threads.resolve(base.threads()));
      for (int q = 0; q < ks.length; q++) {
        logW[q][b] = Math.log(fits[q].inertia());
      }
    }
    for (int q = 0; q < ks.length; q++) {
      double mean = 0;
      for (double v : logW[q]) {
        mean += v;
      }
      mean /= refs;
      double ss = 0;
      for (double v : logW[q]) {
        ss += (v - mean) * (v - mean);
      }
      gap[q] = mean - Math.log(inertia[q]);
      gapSd[q] = Math.sqrt(ss / refs) * Math.sqrt(1 + 1.0 / refs);
    }
  }
}
