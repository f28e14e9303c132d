package dev.segmint.profile;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Numbers;
import dev.segmint.internal.Threads;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Silhouette;
import dev.segmint.quality.Stability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The segment checklist marketers use (Kotler's criteria for effective segmentation, made measurable): each
 * segment passes or fails each criterion, with the number behind it.
 *
 * <ul>
 *   <li><b>measurable</b> — big enough to act on: size ≥ {@code minSize} and share ≥ {@code minShare}. Number: the
 *       share.
 *   <li><b>distinct</b> — its customers sit closer to each other than to other segments: the segment's mean
 *       silhouette in the clustering space ≥ {@code minSilhouette} (0.25: below it, Kaufman and Rousseeuw find "no
 *       substantial structure"). Number: the silhouette; the detail also gives the nearest segment and the
 *       separation d(c<sub>i</sub>, c<sub>j</sub>) / (s<sub>i</sub> + s<sub>j</sub>) (centroid distance over the sum
 *       of mean distances to the centroids, the inverse of a Davies–Bouldin term: above 1 the two segments'
 *       typical radii do not overlap).
 *   <li><b>stable</b> — it comes back when the data are resampled: the mean bootstrap Jaccard ≥ {@code minJaccard}
 *       (0.75, Hennig 2007). Number: the Jaccard. "not run" without a {@link Stability.Result}.
 *   <li><b>actionable</b> — something specific sets it apart: at least one feature with an adjusted p-value below
 *       α and |d| ≥ {@code minEffect} (0.5, a medium effect). Number: the largest such |d|.
 * </ul>
 *
 * <p>Noise ({@code -1}) is not a segment and gets no row. Cost: the silhouette, O(n²·d) exact up to
 * {@code silhouetteSample} points, else on a seeded sample; the rest is O(n·d).
 */
public final class Checklist {

  /** The outcome of one criterion. */
  public enum Status {
    PASS, FAIL, NOT_RUN;

    @Override
    public String toString() {
      return this == PASS ? "pass" : this == FAIL ? "FAIL" : "not run";
    }
  }

  /**
   * One criterion for one segment.
   *
   * @param status pass, fail or not run
   * @param value the number behind it (NaN when not run)
   * @param detail a short explanation with the threshold
   */
  public record Check(Status status, double value, String detail) {
    /** Whether it passed. */
    public boolean passed() {
      return status == Status.PASS;
    }
  }

  /** The four checks of one segment. */
  public record Row(int segment, String name, Check measurable, Check distinct, Check stable, Check actionable) {
    /** Whether every criterion that was run passed. */
    public boolean passedAll() {
      for (Check c : List.of(measurable, distinct, stable, actionable)) {
        if (c.status() == Status.FAIL) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Thresholds.
   *
   * @param minSize smallest segment size (30)
   * @param minShare smallest share of all customers (0.02)
   * @param minSilhouette smallest per-segment mean silhouette (0.25)
   * @param minJaccard smallest mean bootstrap Jaccard (0.75)
   * @param minEffect smallest |d| of a significant feature (0.5)
   * @param silhouetteSample points above which the silhouette is computed on a seeded sample of this size (10,000)
   * @param seed the sample's seed
   * @param threads worker threads for the silhouette (0 = all processors; results never depend on it)
   */
  public record Options(int minSize, double minShare, double minSilhouette, double minJaccard, double minEffect,
      int silhouetteSample, long seed, int threads) {
    public Options {
      if (minSize < 1) {
        throw new IllegalArgumentException("minSize must be at least 1, got " + minSize);
      }
      if (!(minShare >= 0 && minShare < 1)) {
        throw new IllegalArgumentException("minShare must be in [0, 1), got " + minShare);
      }
      if (!(minSilhouette >= -1 && minSilhouette <= 1)) {
        throw new IllegalArgumentException("minSilhouette must be in [-1, 1], got " + minSilhouette);
      }
      if (!(minJaccard >= 0 && minJaccard <= 1)) {
        throw new IllegalArgumentException("minJaccard must be in [0, 1], got " + minJaccard);
      }
      if (!(minEffect >= 0)) {
        throw new IllegalArgumentException("minEffect must be ≥ 0, got " + minEffect);
      }
      if (silhouetteSample < 2) {
        throw new IllegalArgumentException("silhouetteSample must be at least 2, got " + silhouetteSample);
      }
      Threads.check(threads);
    }

    /** size ≥ 30, share ≥ 2%, silhouette ≥ 0.25, Jaccard ≥ 0.75, |d| ≥ 0.5; exact silhouette up to 10,000 points. */
    public static Options defaults() {
      return new Options(30, 0.02, 0.25, 0.75, 0.5, 10_000, 0, 0);
    }

    public Options withMinSize(int minSize) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }

    public Options withMinShare(double minShare) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }

    public Options withMinSilhouette(double minSilhouette) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }

    public Options withMinJaccard(double minJaccard) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }

    public Options withMinEffect(double minEffect) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }

    public Options withThreads(int threads) {
      return new Options(minSize, minShare, minSilhouette, minJaccard, minEffect, silhouetteSample, seed, threads);
    }
  }

  private final List<Row> rows;
  private final Options options;

  private Checklist(List<Row> rows, Options options) {
    this.rows = List.copyOf(rows);
    this.options = options;
  }

  /** Measurable and actionable only (distinct and stable are "not run"). */
  public static Checklist of(SegmentProfiles profiles) {
    return of(profiles, null, null, null, Options.defaults());
  }

  /**
   * All four criteria, with the profiles' own labels.
   *
   * @param space the points the segments were found in (e.g. the scaled features), one row per profiled customer
   * @param stability the stability run, or {@code null} (then "stable" is not run)
   */
  public static Checklist of(SegmentProfiles profiles, FeatureMatrix space, Stability.Result stability) {
    if (!profiles.hasLabels()) {
      throw new IllegalArgumentException("these profiles were made from an accumulator and carry no labels; use "
          + "Checklist.of(profiles, space, labels, stability, options)");
    }
    return of(profiles, space, profiles.labels(), stability, Options.defaults());
  }

  /**
   * All four criteria, with the profiles' own labels and a silhouette already computed on them in {@code space}
   * (for example {@code Indices.details()}), so the O(n²·d) pass is not repeated. The silhouette is checked against
   * the labels ({@link Silhouette#requireOf}); it stands for the one {@link Options#defaults()} would compute (exact
   * up to 10,000 points).
   *
   * @throws IllegalArgumentException when the silhouette was computed on other labels
   */
  public static Checklist of(SegmentProfiles profiles, FeatureMatrix space, Stability.Result stability,
      Silhouette silhouette) {
    Objects.requireNonNull(silhouette, "silhouette");
    if (!profiles.hasLabels()) {
      throw new IllegalArgumentException("these profiles were made from an accumulator and carry no labels; use "
          + "Checklist.of(profiles, space, labels, stability, options)");
    }
    return of(profiles, space, profiles.labels(), stability, Options.defaults(), silhouette);
  }

  /**
   * The checklist with explicit labels and thresholds.
   *
   * @param space the clustering space, or {@code null} (then "distinct" is not run)
   * @param labels the labels of the rows of {@code space} (ignored when {@code space} is null)
   * @param stability the stability run, or {@code null}
   */
  public static Checklist of(SegmentProfiles profiles, FeatureMatrix space, int[] labels, Stability.Result stability,
      Options options) {
    return of(profiles, space, labels, stability, options, null);
  }

  private static Checklist of(SegmentProfiles profiles, FeatureMatrix space, int[] labels, Stability.Result stability,
      Options options, Silhouette known) {
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(options, "options");
    double[] silhouette = null;
    int[] silSegments = null;
    double[][] centroids = null;
    double[] radius = null;
    int[] ids = null;
    if (space != null) {
      Objects.requireNonNull(labels, "labels");
      if (labels.length != space.rows()) {
        throw new IllegalArgumentException("there are " + labels.length + " labels for " + space.rows()
            + " points in the clustering space; give one label per row");
      }
      if (space.rows() != profiles.customers()) {
        throw new IllegalArgumentException("the clustering space has " + space.rows() + " rows but " + profiles.customers()
            + " customers were profiled; pass the matrix the segments were found in");
      }
      long segments = java.util.Arrays.stream(labels).filter(l -> l >= 0).distinct().count();
      long points = java.util.Arrays.stream(labels).filter(l -> l >= 0).count();
      if (segments < 2 || segments > points - 1) {
        space = null;   // the silhouette is undefined: "distinct" is not run
      }
    }
    if (space != null) {
      int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
      Silhouette s = known != null ? known.requireOf(labels) : space.rows() > options.silhouetteSample()
          ? Quality.silhouetteSampled(space, labels, options.silhouetteSample(), options.seed(), threads)
          : Quality.silhouette(space, labels, threads);
      silhouette = s.perSegment();
      silSegments = s.segments();
      ids = silSegments;
      int k = ids.length;
      int d = space.columns();
      centroids = new double[k][d];
      long[] sizes = new long[k];
      int[] dense = dense(labels, ids);
      for (int i = 0; i < space.rows(); i++) {
        int c = dense[i];
        if (c >= 0) {
          sizes[c]++;
          for (int j = 0; j < d; j++) {
            centroids[c][j] += space.get(i, j);
          }
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          centroids[c][j] /= sizes[c];
        }
      }
      radius = new double[k];
      for (int i = 0; i < space.rows(); i++) {
        int c = dense[i];
        if (c >= 0) {
          double dd = 0;
          for (int j = 0; j < d; j++) {
            double t = space.get(i, j) - centroids[c][j];
            dd += t * t;
          }
          radius[c] += Math.sqrt(dd);
        }
      }
      for (int c = 0; c < k; c++) {
        radius[c] /= sizes[c];
      }
    }
    List<Row> rows = new ArrayList<>();
    for (SegmentProfile p : profiles.segments()) {
      if (p.isNoise()) {
        continue;
      }
      boolean bigEnough = p.size() >= options.minSize() && p.share() >= options.minShare();
      Check measurable = new Check(bigEnough ? Status.PASS : Status.FAIL, p.share(), String.format(Locale.ROOT,
          "%,d customers, %.1f%% (needs ≥ %d and ≥ %.1f%%)", p.size(), 100 * p.share(), options.minSize(),
          100 * options.minShare()));

      Check distinct;
      int c = ids == null ? -1 : indexOf(ids, p.segment());
      if (c < 0) {
        distinct = new Check(Status.NOT_RUN, Double.NaN, space == null
            ? "needs the clustering space and at least two segments" : "segment not in the clustering space");
      } else {
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int o = 0; o < ids.length; o++) {
          if (o != c) {
            double dist = distance(centroids[c], centroids[o]);
            if (dist < best) {
              best = dist;
              nearest = o;
            }
          }
        }
        double separation = nearest < 0 ? Double.NaN : best / (radius[c] + radius[nearest]);
        double sil = silhouette[c];
        distinct = new Check(sil >= options.minSilhouette() ? Status.PASS : Status.FAIL, sil, String.format(Locale.ROOT,
            "silhouette %.2f (needs ≥ %.2f); nearest segment %s, separation %.2f", sil, options.minSilhouette(),
            nearest < 0 ? "none" : Integer.toString(ids[nearest]), separation));
      }

      Check stable;
      int[] stabSegs = stability == null ? null : stability.segments();
      int sc = stabSegs == null ? -1 : indexOf(stabSegs, p.segment());
      if (sc < 0) {
        stable = new Check(Status.NOT_RUN, Double.NaN, stability == null ? "needs a stability run"
            : "segment not in the stability run");
      } else {
        double j = stability.meanJaccard()[sc];
        stable = new Check(j >= options.minJaccard() ? Status.PASS : Status.FAIL, j, String.format(Locale.ROOT,
            "mean Jaccard %.2f over %d resamples, %s (needs ≥ %.2f)", j, stability.replicates(),
            Stability.Result.verdict(j), options.minJaccard()));
      }

      FeatureEffect strongest = null;
      for (FeatureEffect e : p.distinguishing()) {
        if (e.significant(profiles.options().alpha()) && Profiler.magnitude(e.effectSize()) >= options.minEffect()
            && (strongest == null || Math.abs(e.effectSize()) > Math.abs(strongest.effectSize()))) {
          strongest = e;
        }
      }
      Check actionable = strongest == null
          ? new Check(Status.FAIL, 0, String.format(Locale.ROOT, "no significant feature with |d| ≥ %.1f",
              options.minEffect()))
          : new Check(Status.PASS, Math.abs(strongest.effectSize()), String.format(Locale.ROOT,
              "%s: %s, d = %+.2f (needs |d| ≥ %.1f, p adj < %s)", strongest.feature()
                  + (strongest.level() == null ? "" : " = " + strongest.level()), strongest.phrase(),
              strongest.effectSize(), options.minEffect(), Numbers.pValue(profiles.options().alpha())));
      rows.add(new Row(p.segment(), p.name(), measurable, distinct, stable, actionable));
    }
    return new Checklist(rows, options);
  }

  private static int[] dense(int[] labels, int[] ids) {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    int[] map = new int[max + 2];
    java.util.Arrays.fill(map, -1);
    for (int c = 0; c < ids.length; c++) {
      map[ids[c]] = c;
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] < 0 ? -1 : map[labels[i]];
    }
    return out;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  /** One row per segment (noise excluded), by label. */
  public List<Row> rows() {
    return rows;
  }

  /** The row of one segment. */
  public Row row(int segment) {
    for (Row r : rows) {
      if (r.segment() == segment) {
        return r;
      }
    }
    throw new IllegalArgumentException("no segment " + segment + " in the checklist; segments are "
        + rows.stream().map(Row::segment).toList());
  }

  /** The thresholds used. */
  public Options options() {
    return options;
  }

  /**
   * One row per segment: {@code segment, name}, then per criterion "pass 26.7%" / "FAIL 0.18" / "not run" with the
   * number behind it.
   */
  public Table toTable() {
    StringColumn seg = StringColumn.create("segment");
    StringColumn name = StringColumn.create("name");
    StringColumn m = StringColumn.create("measurable");
    StringColumn d = StringColumn.create("distinct");
    StringColumn s = StringColumn.create("stable");
    StringColumn a = StringColumn.create("actionable");
    for (Row r : rows) {
      seg.append(Integer.toString(r.segment()));
      name.append(r.name());
      m.append(cell(r.measurable(), true));
      d.append(cell(r.distinct(), false));
      s.append(cell(r.stable(), false));
      a.append(cell(r.actionable(), false));
    }
    return Table.create("segment checklist", seg, name, m, d, s, a);
  }

  private static String cell(Check c, boolean percent) {
    if (c.status() == Status.NOT_RUN) {
      return "not run";
    }
    return c.status() + " " + (percent ? String.format(Locale.ROOT, "%.1f%%", 100 * c.value())
        : String.format(Locale.ROOT, "%.2f", c.value()));
  }

  /** The table, then one line per segment with the details behind each number. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(toTable().printAll()).append('\n');
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "  %d: measurable: %s; distinct: %s; stable: %s; actionable: %s%n",
          r.segment(), r.measurable().detail(), r.distinct().detail(), r.stable().detail(), r.actionable().detail()));
    }
    return sb.toString();
  }
}
