package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * k-means clustering (Lloyd's algorithm) with greedy k-means++ initialisation.
 *
 * <p>Minimises the inertia, the sum over points of the squared Euclidean distance to the assigned centroid.
 * Each of {@code nInit} runs starts from a greedy k-means++ seeding (2 + ⌊ln k⌋ candidates per step, as in
 * scikit-learn) and iterates until the total squared centroid shift is at most {@code tolerance} times the mean
 * per-feature variance of the data (scikit-learn's meaning), or {@code maxIter} is reached. The run with the
 * lowest inertia is kept. A cluster that becomes empty is re-seeded with the point farthest from its centroid.
 *
 * <p>Determinism: points are processed in fixed blocks whose partial sums are reduced in block order, so the
 * same seed gives the same labels, centroids and inertia bit for bit with any number of threads.
 *
 * <p>Cost: O(n·k·d) time per iteration, O(n + k·d) memory beyond a copy of the data.
 *
 * <p>References: S. Lloyd (1982), Least squares quantization in PCM; D. Arthur, S. Vassilvitskii (2007),
 * k-means++: the advantages of careful seeding.
 */
public final class KMeans {

  /** Points per block: the unit of parallel work and of the deterministic reduction. */
  static final int BLOCK = 2048;

  private KMeans() {}

  /**
   * k-means settings.
   *
   * @param k number of segments, ≥ 1 and ≤ the number of points
   * @param seed random seed for the initialisation
   * @param nInit number of initialisations; the lowest inertia wins
   * @param maxIter maximum Lloyd iterations per initialisation
   * @param tolerance convergence threshold on the total squared centroid shift, relative to the mean feature
   *     variance
   * @param threads worker threads (results do not depend on it)
   */
  public record Options(int k, long seed, int nInit, int maxIter, double tolerance, int threads) {
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
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    /** k segments, seed 0, 1 initialisation, 300 iterations, tolerance 1e-4, all available processors. */
    public static Options of(int k) {
      return new Options(k, 0L, 1, 300, 1e-4, Runtime.getRuntime().availableProcessors());
    }

    public Options withSeed(long seed) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads);
    }

    public Options withNInit(int nInit) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads);
    }

    public Options withMaxIter(int maxIter) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads);
    }

    public Options withTolerance(double tolerance) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads);
    }

    public Options withThreads(int threads) {
      return new Options(k, seed, nInit, maxIter, tolerance, threads);
    }
  }

  /**
   * Clusters the rows of {@code data}.
   *
   * @throws IllegalArgumentException when k exceeds the number of points, or there are fewer distinct points
   *     than k
   */
  public static Result fit(FeatureMatrix data, Options options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    int n = data.rows();
    int d = data.columns();
    int k = options.k();
    if (n == 0) {
      throw new IllegalArgumentException("cannot cluster an empty feature matrix (0 customers)");
    }
    if (k > n) {
      throw new IllegalArgumentException("k = " + k + " segments cannot exceed the number of customers, " + n
          + "; choose k ≤ " + n);
    }
    long start = System.nanoTime();
    double[] x = data.toFlatArray();
    double tolAbs = options.tolerance() * meanVariance(x, n, d);
    int threads = Math.min(options.threads(), Math.max(1, (n + BLOCK - 1) / BLOCK));
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "segmint-kmeans");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      SplittableRandom seeds = new SplittableRandom(options.seed());
      Run best = null;
      long distances = 0;
      for (int run = 0; run < options.nInit(); run++) {
        Run r = new Run(x, n, d, k, pool, threads);
        r.init(new SplittableRandom(seeds.nextLong()));
        r.iterate(options.maxIter(), tolAbs);
        distances += r.distances;
        if (best == null || r.inertia < best.inertia) {
          best = r;
        }
      }
      int[] map = Relabel.bySize(best.labels, k, best.centroids, d);
      int[] labels = Relabel.apply(best.labels, map);
      double[] centroids = Relabel.permuteRows(best.centroids, map, d);
      return new Result(data.ids(), data.names(), labels, centroids, k, d, best.inertia, best.iterations,
          best.converged, distances, System.nanoTime() - start, options);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  static double meanVariance(double[] x, int n, int d) {
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
    return total / d;
  }

  /** One initialisation and its Lloyd iterations. */
  private static final class Run {
    final double[] x;
    final int n;
    final int d;
    final int k;
    final ExecutorService pool;
    final int threads;
    final int blocks;
    double[] centroids;
    final int[] labels;
    final double[] dist2;
    double inertia;
    int iterations;
    boolean converged;
    long distances;

    Run(double[] x, int n, int d, int k, ExecutorService pool, int threads) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.k = k;
      this.pool = pool;
      this.threads = threads;
      this.blocks = (n + BLOCK - 1) / BLOCK;
      this.labels = new int[n];
      this.dist2 = new double[n];
    }

    /** Greedy k-means++ seeding. */
    void init(SplittableRandom rnd) {
      centroids = new double[k * d];
      int first = rnd.nextInt(n);
      System.arraycopy(x, first * d, centroids, 0, d);
      double[] closest = new double[n];
      for (int i = 0; i < n; i++) {
        closest[i] = dist(x, i * d, centroids, 0, d);
      }
      distances += n;
      double potential = sum(closest);
      int trials = 2 + (int) Math.log(k);
      double[] candidateClosest = new double[n];
      double[] bestClosest = new double[n];
      for (int c = 1; c < k; c++) {
        if (!(potential > 0)) {
          throw new IllegalArgumentException("the data has only " + distinctRows() + " distinct points, fewer than k = "
              + k + " segments; choose a smaller k or check for constant or duplicated features");
        }
        int bestCandidate = -1;
        double bestPotential = Double.POSITIVE_INFINITY;
        for (int t = 0; t < trials; t++) {
          int cand = sampleProportional(closest, potential, rnd);
          double p = 0;
          for (int i = 0; i < n; i++) {
            double dd = Math.min(closest[i], dist(x, i * d, x, cand * d, d));
            candidateClosest[i] = dd;
            p += dd;
          }
          distances += n;
          if (p < bestPotential) {
            bestPotential = p;
            bestCandidate = cand;
            System.arraycopy(candidateClosest, 0, bestClosest, 0, n);
          }
        }
        System.arraycopy(x, bestCandidate * d, centroids, c * d, d);
        System.arraycopy(bestClosest, 0, closest, 0, n);
        potential = bestPotential;
      }
    }

    private int distinctRows() {
      java.util.Set<List<Double>> set = new java.util.HashSet<>();
      for (int i = 0; i < n && set.size() <= k; i++) {
        List<Double> row = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
          row.add(x[i * d + j]);
        }
        set.add(row);
      }
      return set.size();
    }

    private int sampleProportional(double[] w, double total, SplittableRandom rnd) {
      double r = rnd.nextDouble() * total;
      double acc = 0;
      int last = -1;
      for (int i = 0; i < n; i++) {
        if (w[i] > 0) {
          acc += w[i];
          last = i;
          if (acc > r) {
            return i;
          }
        }
      }
      return last;
    }

    void iterate(int maxIter, double tolAbs) {
      double[] sums = new double[k * d];
      long[] counts = new long[k];
      for (int it = 1; it <= maxIter; it++) {
        assignAndAccumulate(sums, counts);
        iterations = it;
        double[] next = new double[k * d];
        for (int c = 0; c < k; c++) {
          if (counts[c] > 0) {
            for (int j = 0; j < d; j++) {
              next[c * d + j] = sums[c * d + j] / counts[c];
            }
          }
        }
        reseedEmpty(next, counts);
        double shift = 0;
        for (int q = 0; q < next.length; q++) {
          double t = next[q] - centroids[q];
          shift += t * t;
        }
        centroids = next;
        if (shift <= tolAbs) {
          converged = true;
          break;
        }
      }
      // final assignment to the final centroids: labels and inertia agree with the returned centroids
      assignAndAccumulate(sums, counts);
      inertia = 0;
      for (int i = 0; i < n; i++) {
        inertia += dist2[i];
      }
    }

    /** Empty clusters take, in cluster order, the points farthest from their centroid (ties: lowest index). */
    private void reseedEmpty(double[] next, long[] counts) {
      int empty = 0;
      for (long c : counts) {
        if (c == 0) {
          empty++;
        }
      }
      if (empty == 0) {
        return;
      }
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> {
        int cmp = Double.compare(dist2[b], dist2[a]);
        return cmp != 0 ? cmp : Integer.compare(a, b);
      });
      int taken = 0;
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          int p = idx[taken++];
          System.arraycopy(x, p * d, next, c * d, d);
        }
      }
    }

    /** Assigns every point to its nearest centroid; fills sums and counts, reduced in block order. */
    private void assignAndAccumulate(double[] sums, long[] counts) {
      double[][] blockSums = new double[blocks][];
      long[][] blockCounts = new long[blocks][];
      if (pool == null) {
        for (int b = 0; b < blocks; b++) {
          blockSums[b] = new double[k * d];
          blockCounts[b] = new long[k];
          assignBlock(b, blockSums[b], blockCounts[b]);
        }
      } else {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          final int worker = t;
          futures.add(pool.submit(() -> {
            for (int b = worker; b < blocks; b += threads) {
              blockSums[b] = new double[k * d];
              blockCounts[b] = new long[k];
              assignBlock(b, blockSums[b], blockCounts[b]);
            }
          }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("k-means was interrupted", e);
          } catch (ExecutionException e) {
            throw new IllegalStateException("k-means worker failed: " + e.getCause(), e.getCause());
          }
        }
      }
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int b = 0; b < blocks; b++) {
        for (int q = 0; q < sums.length; q++) {
          sums[q] += blockSums[b][q];
        }
        for (int c = 0; c < k; c++) {
          counts[c] += blockCounts[b][c];
        }
      }
      distances += (long) n * k;
    }

    private void assignBlock(int b, double[] bSums, long[] bCounts) {
      int from = b * BLOCK;
      int to = Math.min(n, from + BLOCK);
      for (int i = from; i < to; i++) {
        int best = 0;
        double bestD = dist(x, i * d, centroids, 0, d);
        for (int c = 1; c < k; c++) {
          double dd = dist(x, i * d, centroids, c * d, d);
          if (dd < bestD) {
            bestD = dd;
            best = c;
          }
        }
        labels[i] = best;
        dist2[i] = bestD;
        bCounts[best]++;
        int off = best * d;
        for (int j = 0; j < d; j++) {
          bSums[off + j] += x[i * d + j];
        }
      }
    }
  }

  static double dist(double[] a, int ao, double[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[ao + j] - b[bo + j];
      s += t * t;
    }
    return s;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** A fitted k-means clustering. Immutable; accessors return copies. */
  public static final class Result {
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
    private final long nanos;
    private final Options options;

    Result(String[] ids, String[] names, int[] labels, double[] centroids, int k, int d, double inertia,
        int iterations, boolean converged, long distanceComputations, long nanos, Options options) {
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
      this.nanos = nanos;
      this.options = options;
    }

    /** Segment of each input row, {@code 0..k-1}, numbered by size (largest first). A copy. */
    public int[] labels() {
      return labels.clone();
    }

    /** Number of segments. */
    public int k() {
      return k;
    }

    /** The centroids, {@code k × d}, row {@code c} for segment {@code c}. A copy. */
    public double[][] centroids() {
      double[][] c = new double[k][];
      for (int i = 0; i < k; i++) {
        c[i] = Arrays.copyOfRange(centroids, i * d, i * d + d);
      }
      return c;
    }

    /** Sum over points of the squared distance to the assigned centroid. */
    public double inertia() {
      return inertia;
    }

    /** Lloyd iterations of the winning initialisation. */
    public int iterations() {
      return iterations;
    }

    /** True when the winning run met the tolerance before {@code maxIter}. */
    public boolean converged() {
      return converged;
    }

    /** Point-to-centroid distance computations over all initialisations (as ELKI counts them). */
    public long distanceComputations() {
      return distanceComputations;
    }

    /** Wall time of the fit in nanoseconds. */
    public long nanos() {
      return nanos;
    }

    /** The options used. */
    public Options options() {
      return options;
    }

    /** Number of points in each segment. */
    public long[] sizes() {
      long[] s = new long[k];
      for (int l : labels) {
        s[l]++;
      }
      return s;
    }

    /** The nearest centroid's segment for each row of {@code points} (same features, same scaling). O(m·k·d). */
    public int[] predict(double[][] points) {
      int[] out = new int[points.length];
      for (int i = 0; i < points.length; i++) {
        double[] p = points[i];
        if (p.length != d) {
          throw new IllegalArgumentException("point " + i + " has " + p.length + " features but the model has " + d);
        }
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double dd = dist(p, 0, centroids, c * d, d);
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
    public int[] predict(FeatureMatrix m) {
      if (!Arrays.equals(m.names(), names)) {
        throw new IllegalArgumentException("features " + Arrays.toString(m.names()) + " do not match the model's "
            + Arrays.toString(names));
      }
      return predict(m.toArray());
    }

    /** One row per customer: {@code customer_id, segment}. */
    public Table toTable() {
      return Table.create("kmeans", StringColumn.create("customer_id", ids), IntColumn.create("segment", labels));
    }

    /** One row per segment: size, share and centroid coordinates. */
    public Table centroidTable() {
      long[] sizes = sizes();
      Table t = Table.create("centroids");
      IntColumn seg = IntColumn.create("segment");
      IntColumn size = IntColumn.create("size");
      DoubleColumn share = DoubleColumn.create("share");
      for (int c = 0; c < k; c++) {
        seg.append(c);
        size.append((int) sizes[c]);
        share.append(Math.round(1000.0 * sizes[c] / labels.length) / 10.0);
      }
      t.addColumns(seg, size, share);
      for (int j = 0; j < d; j++) {
        DoubleColumn col = DoubleColumn.create(names[j]);
        for (int c = 0; c < k; c++) {
          col.append(centroids[c * d + j]);
        }
        t.addColumns(col);
      }
      return t;
    }

    @Override
    public String toString() {
      return String.format("KMeans k=%d, n=%d, inertia=%.6g, %d iterations (%s), %,d distances, %.1f ms%n%s", k,
          labels.length, inertia, iterations, converged ? "converged" : "not converged", distanceComputations,
          nanos / 1e6, centroidTable().print());
    }
  }
}
