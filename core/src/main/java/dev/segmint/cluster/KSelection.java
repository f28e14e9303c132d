package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Threads;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Silhouette;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Chooses the number of k-means segments over a range of k, reporting every criterion so the choice can be checked:
 * inertia with its elbow (the knee of the normalised curve, Satopää et al. 2011), silhouette (exact up to
 * {@code silhouetteSample} points, else a seeded sample of that size), Calinski–Harabasz, Davies–Bouldin, and the
 * gap statistic (Tibshirani, Walther, Hastie 2001) with {@code gapReferences} uniform reference data sets drawn over
 * the data's bounding box.
 *
 * <p>Cost: one k-means fit per k (with the base options' nInit), plus {@code gapReferences} fits per k on reference
 * data of the same size, plus the silhouette, O(min(n, sample)²·d) per k.
 */
public final class KSelection {

  /** What decides the chosen k. */
  public enum Criterion {
    /** Highest mean silhouette (default). */
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
   * k-selection settings. As a {@link Clusterer} they fit the k-means clustering at the chosen k ({@link
   * Result#best()}); {@link KSelection#run} gives the criteria as well. Seed and threads are the k-means options'
   * (the seed also draws the silhouette sample and the gap statistic's reference data). No sample weights.
   *
   * @param kMin smallest k tried, ≥ 2
   * @param kMax largest k tried, ≥ kMin
   * @param kmeans options for every fit (its k is replaced)
   * @param criterion what decides
   * @param silhouetteSample points above which the silhouette is computed on a seeded sample of this size
   * @param gapReferences reference data sets for the gap statistic (0 = skip the gap statistic)
   */
  public record Options(int kMin, int kMax, KMeans.Options kmeans, Criterion criterion, int silhouetteSample,
      int gapReferences) implements Clusterer {
    public Options {
      if (kMin < 2) {
        throw new IllegalArgumentException("kMin must be at least 2 (the indices compare segments), got " + kMin);
      }
      if (kMax < kMin) {
        throw new IllegalArgumentException("kMax = " + kMax + " is below kMin = " + kMin);
      }
      Objects.requireNonNull(kmeans, "kmeans");
      Objects.requireNonNull(criterion, "criterion");
      if (silhouetteSample < 2) {
        throw new IllegalArgumentException("silhouetteSample must be at least 2, got " + silhouetteSample);
      }
      if (gapReferences < 0) {
        throw new IllegalArgumentException("gapReferences must be ≥ 0, got " + gapReferences);
      }
    }

    /** k from kMin to kMax, k-means with seed 0 and 4 seedings, silhouette criterion, sample 10,000, 5 gap references. */
    public static Options range(int kMin, int kMax) {
      return new Options(kMin, kMax, KMeans.Options.of(kMin).withNInit(4), Criterion.SILHOUETTE, 10_000, 5);
    }

    public Options withKMeans(KMeans.Options kmeans) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences);
    }

    public Options withCriterion(Criterion criterion) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences);
    }

    public Options withSilhouetteSample(int silhouetteSample) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences);
    }

    public Options withGapReferences(int gapReferences) {
      return new Options(kMin, kMax, kmeans, criterion, silhouetteSample, gapReferences);
    }

    /** {@code kmeans}: k selection fits k-means. */
    @Override
    public String name() {
      return "kmeans";
    }

    /**
     * The k-means clustering at the chosen k, {@code KSelection.run(m, this).best()}, carrying the selection
     * ({@link Clustering#selection()}). Unlike {@link KSelection#run}, a kMax above n - 1 is lowered to n - 1 (the
     * indices need k ≤ n - 1), so a range fits any data with more than kMin customers.
     *
     * @throws IllegalArgumentException when the data has kMin customers or fewer
     */
    @Override
    public KMeans.Result fit(FeatureMatrix m) {
      int top = Math.min(kMax, m.rows() - 1);
      if (top < kMin) {
        throw new IllegalArgumentException("k = auto in " + kMin + ".." + kMax + " needs more than " + kMin
            + " customers, the features have " + m.rows());
      }
      Result r = run(m, new Options(kMin, top, kmeans, criterion, silhouetteSample, gapReferences));
      return r.best().withSelection(r);
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

  /** The criteria per k, the chosen k and why. Immutable. */
  public static final class Result {
    private final int[] ks;
    private final double[] inertia;
    private final double[] silhouette;
    private final double[] ch;
    private final double[] db;
    private final double[] gap;
    private final double[] gapSd;
    private final int chosen;
    private final String reason;
    private final KMeans.Result best;
    private final int silhouetteSample;

    Result(int[] ks, double[] inertia, double[] silhouette, double[] ch, double[] db, double[] gap, double[] gapSd,
        int chosen, String reason, KMeans.Result best, int silhouetteSample) {
      this.ks = ks;
      this.inertia = inertia;
      this.silhouette = silhouette;
      this.ch = ch;
      this.db = db;
      this.gap = gap;
      this.gapSd = gapSd;
      this.chosen = chosen;
      this.reason = reason;
      this.best = best;
      this.silhouetteSample = silhouetteSample;
    }

    /** The chosen k. */
    public int k() {
      return chosen;
    }

    /** Why this k was chosen, in one sentence. */
    public String reason() {
      return reason;
    }

    /** The k-means fit at the chosen k. */
    public KMeans.Result best() {
      return best;
    }

    /** The k values tried. */
    public int[] ks() {
      return ks.clone();
    }

    public double[] inertia() {
      return inertia.clone();
    }

    public double[] silhouette() {
      return silhouette.clone();
    }

    public double[] calinskiHarabasz() {
      return ch.clone();
    }

    public double[] daviesBouldin() {
      return db.clone();
    }

    /** Gap statistic per k (NaN when skipped). */
    public double[] gap() {
      return gap.clone();
    }

    /** The gap's standard error s(k) = sd · sqrt(1 + 1/B) (NaN when skipped). */
    public double[] gapStandardError() {
      return gapSd.clone();
    }

    /** Silhouette sample size, or 0 when exact. */
    public int silhouetteSample() {
      return silhouetteSample;
    }

    /** One row per k with every criterion. */
    public Table toTable() {
      return Table.create("k selection", IntColumn.create("k", ks), DoubleColumn.create("inertia", inertia),
          DoubleColumn.create("silhouette", silhouette), DoubleColumn.create("calinski_harabasz", ch),
          DoubleColumn.create("davies_bouldin", db), DoubleColumn.create("gap", gap),
          DoubleColumn.create("gap_se", gapSd));
    }

    @Override
    public String toString() {
      Table t = toTable();
      for (int j = 1; j < t.columnCount(); j++) {
        DoubleColumn c = (DoubleColumn) t.column(j);
        t.replaceColumn(j, c.map(v -> Double.isNaN(v) ? v : Math.round(v * 1e4) / 1e4));
      }
      return "Chosen k = " + chosen + ": " + reason
          + (silhouetteSample > 0 ? String.format(Locale.ROOT, " (silhouette on a sample of %,d points)", silhouetteSample) : "")
          + "\n" + t.print();
    }
  }

  private KSelection() {}

  /** Fits k-means for each k in the range and chooses one. */
  public static Result run(FeatureMatrix m, Options options) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(options, "options");
    int n = m.rows();
    if (options.kMax() > n - 1) {
      throw new IllegalArgumentException("kMax = " + options.kMax() + " is too large for " + n
          + " customers: the indices need k ≤ n - 1 = " + (n - 1));
    }
    int count = options.kMax() - options.kMin() + 1;
    int[] ks = new int[count];
    double[] inertia = new double[count];
    double[] sil = new double[count];
    double[] ch = new double[count];
    double[] db = new double[count];
    double[] gap = new double[count];
    double[] gapSd = new double[count];
    KMeans.Result[] fits = new KMeans.Result[count];
    boolean sampled = n > options.silhouetteSample();
    KMeans.Options base = options.kmeans();
    int threads = Threads.resolve(base.threads());
    for (int q = 0; q < count; q++) {
      int k = options.kMin() + q;
      ks[q] = k;
      KMeans.Result r = KMeans.fit(m, base.withK(k));
      fits[q] = r;
      int[] labels = r.labels();
      inertia[q] = r.inertia();
      Silhouette s = sampled
          ? Quality.silhouetteSampled(m, labels, options.silhouetteSample(), base.seed(), threads)
          : Quality.silhouette(m, labels, threads);
      sil[q] = s.mean();
      ch[q] = Quality.calinskiHarabasz(m, labels);
      db[q] = Quality.daviesBouldin(m, labels);
    }
    if (options.gapReferences() > 0) {
      gap(m, base, ks, inertia, options.gapReferences(), gap, gapSd);
    } else {
      java.util.Arrays.fill(gap, Double.NaN);
      java.util.Arrays.fill(gapSd, Double.NaN);
    }
    int pick;
    String reason;
    switch (options.criterion()) {
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
    return new Result(ks, inertia, sil, ch, db, gap, gapSd, ks[pick], reason, fits[pick],
        sampled ? options.silhouetteSample() : 0);
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
      for (int q = 0; q < ks.length; q++) {
        logW[q][b] = Math.log(KMeans.fit(rm, base.withK(ks[q]).withNInit(1)).inertia());
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
