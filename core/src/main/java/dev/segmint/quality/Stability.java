package dev.segmint.quality;

import dev.segmint.cluster.Clusterer;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Sampling;
import dev.segmint.internal.Threads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How stable is each segment when the data are resampled? Hennig's clusterboot (2007): draw B bootstrap samples (or
 * subsamples), refit the clustering on each, and for every segment C of the reference solution take the Jaccard
 * similarity |C ∩ D| / |C ∪ D| with the most similar refitted cluster D, both restricted to the distinct points
 * of the sample. A segment's stability is the mean Jaccard over the samples that contain it. Hennig's reading: a
 * mean of 0.5 or below means the segment "dissolves"; 0.6–0.75 indicates a pattern but doubtful membership; 0.75
 * and above is stable; 0.85 and above highly stable. Each refit is also compared with the reference as a whole by
 * the adjusted Rand index (on the sample's distinct points), giving the ARI distribution.
 *
 * <p>The clustering is passed as a {@link Refit} function so this package need not know the algorithms. For k-means:
 * <pre>{@code
 * KMeans.Options o = KMeans.Options.of(5).withNInit(4).withThreads(1);
 * Stability.Result st = Stability.run(scaled, km.labels(),
 *     (sample, seed) -> KMeans.fit(sample, o.withSeed(seed)).labels(),
 *     Stability.Options.bootstrap(50).withSeed(7));
 * }</pre>
 *
 * <p>Noise: reference points labelled {@code -1} belong to no segment and get no stability; refitted points
 * labelled {@code -1} belong to no cluster D (so they lower the Jaccard of the segment they came from); in the ARI
 * noise counts as one more label, as in {@link Agreement}.
 *
 * <p>Determinism: sample r uses a seed drawn in order from a {@link SplittableRandom} seeded with the options'
 * seed, and results are stored by sample index, so the result is the same whatever the thread count (provided the
 * refit function is itself deterministic for a given seed).
 *
 * <p>Cost: B refits of the clustering on a sample of n (bootstrap) or ⌈f·n⌉ (subsample) points, plus O(n + k·k')
 * per sample to match; {@link Result#nanos()} reports the wall time. Memory: one sample matrix per worker.
 *
 * <p>Reference: C. Hennig, "Cluster-wise assessment of cluster stability", Computational Statistics &amp; Data
 * Analysis 52 (2007) 258–271; R package fpc, function {@code clusterboot}.
 */
public final class Stability {
  private Stability() {}

  /** Refits a clustering on a sample. Must be thread-safe when {@link Options#threads()} &gt; 1. */
  @FunctionalInterface
  public interface Refit {
    /**
     * Clusters the sample.
     *
     * @param sample the resampled rows (bootstrap repeats have ids suffixed with {@code #2}, {@code #3}, …)
     * @param seed a seed for this sample's fit
     * @return one label per row of {@code sample} ({@code -1} for noise)
     */
    int[] fit(FeatureMatrix sample, long seed);
  }

  /** How samples are drawn. */
  public enum Scheme {
    /** n draws with replacement (clusterboot's default); about 63% distinct points per sample. */
    BOOTSTRAP,
    /** ⌈fraction·n⌉ distinct points without replacement. */
    SUBSAMPLE
  }

  /**
   * Stability settings.
   *
   * @param scheme bootstrap or subsample
   * @param replicates number of samples B (clusterboot uses 100; 20–50 give a usable estimate)
   * @param fraction subsample fraction in (0, 1) (ignored for bootstrap)
   * @param seed random seed
   * @param threads samples refitted in parallel (0 = all processors; results never depend on it)
   */
  public record Options(Scheme scheme, int replicates, double fraction, long seed, int threads) {
    public Options {
      Objects.requireNonNull(scheme, "scheme");
      if (replicates < 1) {
        throw new IllegalArgumentException("replicates must be at least 1, got " + replicates);
      }
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
      }
      Threads.check(threads);
    }

    /** B bootstrap samples, seed 0, all processors. */
    public static Options bootstrap(int replicates) {
      return new Options(Scheme.BOOTSTRAP, replicates, 0.8, 0, 0);
    }

    /** B subsamples of the given fraction, seed 0, all processors. */
    public static Options subsample(int replicates, double fraction) {
      return new Options(Scheme.SUBSAMPLE, replicates, fraction, 0, 0);
    }

    public Options withSeed(long seed) {
      return new Options(scheme, replicates, fraction, seed, threads);
    }

    public Options withThreads(int threads) {
      return new Options(scheme, replicates, fraction, seed, threads);
    }

    public Options withReplicates(int replicates) {
      return new Options(scheme, replicates, fraction, seed, threads);
    }
  }

  /**
   * The stability of what {@code clusterer} finds on {@code data}, in one call: fits the reference segments, then
   * refits on {@code replicates} bootstrap samples with seeds drawn from the clusterer's seed, in parallel on all
   * processors (each refit on one thread, so the result does not depend on the thread count). For other schemes,
   * seeds or a reference fitted elsewhere, use {@link #run(FeatureMatrix, int[], Refit, Options)}.
   * <pre>{@code
   * Stability.Result st = Stability.run(scaled, KMeans.Options.of(5).withSeed(1), 30);
   * }</pre>
   *
   * <p>Cost: {@code replicates + 1} fits of the clusterer on n points, plus the matching.
   *
   * @param data the points to segment
   * @param clusterer the algorithm and its settings (any {@link Clusterer}: k-means, k selection, DBSCAN, ...)
   * @param replicates the number of bootstrap samples B (20–50 give a usable estimate)
   * @throws IllegalArgumentException when {@code replicates < 1} or the clusterer finds no segment
   */
  public static Result run(FeatureMatrix data, Clusterer clusterer, int replicates) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(clusterer, "clusterer");
    int[] reference = clusterer.fit(data).labels();
    Clusterer single = clusterer.withThreads(1);
    return run(data, reference, (sample, seed) -> single.withSeed(seed).fit(sample).labels(),
        Options.bootstrap(replicates).withSeed(clusterer.seed()));
  }

  /**
   * Runs the stability assessment.
   *
   * @param data the points the reference solution was fitted on
   * @param reference the reference labels, one per row ({@code -1} = noise)
   * @param refit the clustering to repeat on each sample
   * @throws IllegalArgumentException when the labels do not match the rows or there is no segment
   */
  public static Result run(FeatureMatrix data, int[] reference, Refit refit, Options options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(refit, "refit");
    Objects.requireNonNull(options, "options");
    Quality.Labels ref = Quality.Labels.of(data, reference);
    if (ref.k == 0) {
      throw new IllegalArgumentException("the reference labeling has no segment (all points are noise)");
    }
    int[] refLabels = reference.clone();
    int n = data.rows();
    long[] seeds = new long[options.replicates()];
    SplittableRandom master = new SplittableRandom(options.seed());
    for (int r = 0; r < seeds.length; r++) {
      seeds[r] = master.nextLong();
    }
    int b = options.replicates();
    double[][] jaccard = new double[b][];
    double[] ari = new double[b];
    int[] distinct = new int[b];
    int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
    int t = Math.max(1, Math.min(threads, b));
    String[] ids = data.ids();
    Set<String> idSet = new HashSet<>(Arrays.asList(ids));
    long t0 = System.nanoTime();
    Runnable[] work = new Runnable[t];
    for (int w = 0; w < t; w++) {
      final int worker = w;
      work[w] = () -> {
        for (int r = worker; r < b; r += t) {
          SplittableRandom rnd = new SplittableRandom(seeds[r]);
          int[] rows = draw(options, n, rnd);
          FeatureMatrix sample = sampleOf(data, rows, ids, idSet);
          int[] fitted = refit.fit(sample, rnd.nextLong());
          if (fitted == null || fitted.length != rows.length) {
            throw new IllegalStateException("the refit function returned " + (fitted == null ? "null" : fitted.length
                + " labels") + " for a sample of " + rows.length + " rows; it must return one label per sample row");
          }
          Match m = match(refLabels, ref, rows, fitted, n);
          jaccard[r] = m.jaccard;
          ari[r] = m.ari;
          distinct[r] = m.distinct;
        }
      };
    }
    dev.segmint.internal.Workers.runAll("stability refits", work);
    long nanos = System.nanoTime() - t0;
    return new Result(ref.segmentIds, ref.sizes, jaccard, ari, distinct, options, n, nanos);
  }

  private static int[] draw(Options o, int n, SplittableRandom rnd) {
    if (o.scheme() == Scheme.BOOTSTRAP) {
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = rnd.nextInt(n);
      }
      return rows;
    }
    int m = (int) Math.ceil(o.fraction() * n);
    m = Math.max(2, Math.min(m, n));
    return Sampling.sortedSample(n, m, rnd);
  }

  private static FeatureMatrix sampleOf(FeatureMatrix data, int[] rows, String[] ids, Set<String> idSet) {
    int d = data.columns();
    double[] all = MatrixValues.shared(data);
    double[] x = new double[rows.length * d];
    String[] sIds = new String[rows.length];
    int[] copies = new int[data.rows()];
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      System.arraycopy(all, i * d, x, r * d, d);
      int c = ++copies[i];
      if (c == 1) {
        sIds[r] = ids[i];
      } else {
        String id = ids[i] + "#" + c;
        while (idSet.contains(id)) {
          id = id + "#" + c;
        }
        sIds[r] = id;
      }
    }
    return FeatureMatrix.ofFlat(sIds, data.names(), data.provenance(), x);
  }

  /** Jaccard of each reference segment with its best refitted cluster, on the distinct sampled points. */
  private static Match match(int[] reference, Quality.Labels ref, int[] rows, int[] fitted, int n) {
    int[] labelOf = new int[n];
    Arrays.fill(labelOf, Integer.MIN_VALUE);
    int distinct = 0;
    for (int r = 0; r < rows.length; r++) {
      if (labelOf[rows[r]] == Integer.MIN_VALUE) {
        labelOf[rows[r]] = fitted[r];
        distinct++;
      }
    }
    int[] pointsIn = new int[distinct];
    int[] a = new int[distinct];
    int[] bLab = new int[distinct];
    int q = 0;
    int maxFit = -1;
    for (int i = 0; i < n; i++) {
      if (labelOf[i] != Integer.MIN_VALUE) {
        if (labelOf[i] < -1) {
          throw new IllegalStateException("the refit function returned label " + labelOf[i]
              + "; labels are ≥ 0, or -1 for noise");
        }
        pointsIn[q] = i;
        a[q] = reference[i];
        bLab[q] = labelOf[i];
        maxFit = Math.max(maxFit, labelOf[i]);
        q++;
      }
    }
    int k = ref.k;
    int kf = maxFit + 1;
    long[][] both = new long[k][Math.max(kf, 1)];
    long[] refSize = new long[k];
    long[] fitSize = new long[Math.max(kf, 1)];
    for (int p = 0; p < distinct; p++) {
      int c = ref.dense[pointsIn[p]];
      int f = bLab[p];
      if (c >= 0) {
        refSize[c]++;
      }
      if (f >= 0) {
        fitSize[f]++;
      }
      if (c >= 0 && f >= 0) {
        both[c][f]++;
      }
    }
    double[] jac = new double[k];
    for (int c = 0; c < k; c++) {
      if (refSize[c] == 0) {
        jac[c] = Double.NaN;
        continue;
      }
      double best = 0;
      for (int f = 0; f < kf; f++) {
        long inter = both[c][f];
        long union = refSize[c] + fitSize[f] - inter;
        if (union > 0) {
          best = Math.max(best, (double) inter / union);
        }
      }
      jac[c] = best;
    }
    return new Match(jac, Agreement.adjustedRandIndex(a, bLab), distinct);
  }

  private record Match(double[] jaccard, double ari, int distinct) {}


  /** Per-segment Jaccard stability and the ARI distribution. Immutable; arrays are copied out. */
  public static final class Result {
    private final int[] segments;
    private final long[] sizes;
    private final double[][] jaccard;
    private final double[] ari;
    private final int[] distinct;
    private final Options options;
    private final int n;
    private final long nanos;

    Result(int[] segments, long[] sizes, double[][] jaccard, double[] ari, int[] distinct, Options options, int n,
        long nanos) {
      this.segments = segments.clone();
      this.sizes = sizes.clone();
      this.jaccard = jaccard;
      this.ari = ari;
      this.distinct = distinct;
      this.options = options;
      this.n = n;
      this.nanos = nanos;
    }

    /** The segment labels assessed (noise excluded), increasing. */
    public int[] segments() {
      return segments.clone();
    }

    /** Number of samples (refits). */
    public int replicates() {
      return ari.length;
    }

    /** The options used. */
    public Options options() {
      return options;
    }

    /** Wall time of all refits and matching, in nanoseconds. */
    public long nanos() {
      return nanos;
    }

    /** Points in the data. */
    public int points() {
      return n;
    }

    /** Mean number of distinct points per sample. */
    public double meanDistinct() {
      double s = 0;
      for (int d : distinct) {
        s += d;
      }
      return s / distinct.length;
    }

    /** Jaccard of every segment in every sample: {@code [replicate][segment index]}; NaN when absent. */
    public double[][] jaccard() {
      double[][] c = new double[jaccard.length][];
      for (int r = 0; r < c.length; r++) {
        c[r] = jaccard[r].clone();
      }
      return c;
    }

    /** Mean Jaccard of each segment over the samples containing it, in the order of {@link #segments()}. */
    public double[] meanJaccard() {
      double[] m = new double[segments.length];
      for (int c = 0; c < segments.length; c++) {
        double s = 0;
        int cnt = 0;
        for (double[] row : jaccard) {
          if (!Double.isNaN(row[c])) {
            s += row[c];
            cnt++;
          }
        }
        m[c] = cnt == 0 ? Double.NaN : s / cnt;
      }
      return m;
    }

    /** The mean Jaccard of one segment by label. */
    public double meanJaccard(int segment) {
      for (int c = 0; c < segments.length; c++) {
        if (segments[c] == segment) {
          return meanJaccard()[c];
        }
      }
      throw new IllegalArgumentException("segment " + segment + " is not in the stability result; segments are "
          + Arrays.toString(segments));
    }

    /** Per segment, the number of samples in which its Jaccard was ≤ 0.5 (dissolved, Hennig's bootbrd). */
    public int[] dissolved() {
      return count(v -> v <= 0.5);
    }

    /** Per segment, the number of samples in which its Jaccard was ≥ 0.75 (recovered, Hennig's bootrecover). */
    public int[] recovered() {
      return count(v -> v >= 0.75);
    }

    private int[] count(java.util.function.DoublePredicate p) {
      int[] out = new int[segments.length];
      for (double[] row : jaccard) {
        for (int c = 0; c < row.length; c++) {
          if (!Double.isNaN(row[c]) && p.test(row[c])) {
            out[c]++;
          }
        }
      }
      return out;
    }

    /** The ARI between the reference and each refit (on the sample's distinct points). */
    public double[] ari() {
      return ari.clone();
    }

    /** min, first quartile, median, third quartile and max of the ARI (type-7 quantiles). */
    public double[] ariQuartiles() {
      double[] s = ari.clone();
      Arrays.sort(s);
      return new double[] {s[0], q(s, 0.25), q(s, 0.5), q(s, 0.75), s[s.length - 1]};
    }

    private static double q(double[] s, double p) {
      double h = (s.length - 1) * p;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, s.length - 1);
      return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Hennig's reading of a mean Jaccard: "dissolved", "unstable", "doubtful", "stable" or "highly stable". */
    public static String verdict(double jaccard) {
      if (Double.isNaN(jaccard)) {
        return "not assessed";
      }
      return jaccard >= 0.85 ? "highly stable" : jaccard >= 0.75 ? "stable" : jaccard >= 0.6 ? "doubtful"
          : jaccard > 0.5 ? "unstable" : "dissolved";
    }

    /** What was run and what it cost, in one line. */
    public String cost() {
      return String.format(Locale.ROOT, "%d %s refits on %,d points (%s%,.0f distinct points each on average), %.2f s",
          replicates(), options.scheme() == Scheme.BOOTSTRAP ? "bootstrap" : "subsample", n,
          options.scheme() == Scheme.SUBSAMPLE ? String.format(Locale.ROOT, "fraction %.2f, ", options.fraction()) : "",
          meanDistinct(), nanos / 1e9);
    }

    /** One row per segment: verdict, mean Jaccard, sd, min, dissolved and recovered counts, size. */
    public Table toTable() {
      IntColumn seg = IntColumn.create("segment");
      IntColumn size = IntColumn.create("size");
      DoubleColumn mean = DoubleColumn.create("jaccard");
      DoubleColumn sd = DoubleColumn.create("sd");
      DoubleColumn min = DoubleColumn.create("min");
      IntColumn dis = IntColumn.create("dissolved");
      IntColumn rec = IntColumn.create("recovered");
      StringColumn verdict = StringColumn.create("verdict");
      double[] m = meanJaccard();
      int[] d = dissolved();
      int[] r = recovered();
      for (int c = 0; c < segments.length; c++) {
        double s2 = 0;
        double lo = Double.POSITIVE_INFINITY;
        int cnt = 0;
        for (double[] row : jaccard) {
          if (!Double.isNaN(row[c])) {
            s2 += (row[c] - m[c]) * (row[c] - m[c]);
            lo = Math.min(lo, row[c]);
            cnt++;
          }
        }
        seg.append(segments[c]);
        size.append((int) sizes[c]);
        mean.append(round(m[c]));
        sd.append(cnt > 1 ? round(Math.sqrt(s2 / (cnt - 1))) : Double.NaN);
        min.append(cnt > 0 ? round(lo) : Double.NaN);
        dis.append(d[c]);
        rec.append(r[c]);
        verdict.append(verdict(m[c]));
      }
      return Table.create("stability", seg, verdict, mean, sd, min, dis, rec, size);
    }

    private static double round(double v) {
      return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }

    @Override
    public String toString() {
      double[] q = ariQuartiles();
      return String.format(Locale.ROOT, "Stability (Hennig's clusterboot): %s%nARI vs reference: min %.3f, q1 %.3f, "
          + "median %.3f, q3 %.3f, max %.3f%n", cost(), q[0], q[1], q[2], q[3], q[4]) + toTable().printAll();
    }
  }
}
