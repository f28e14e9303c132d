package dev.segmint.cluster;

import dev.segmint.kernel.Distances;
import dev.segmint.kernel.PackedPoints;
import java.util.Arrays;

/**
 * The state of one k-means seeding and its iterations (ELKI's "instance" pattern): the data, the centroids, the
 * labels, the per-block partial centroid sums and the kernels' scratch, with the iteration template
 * {@link #iterate} and the steps every variant shares (the first full assignment, the centroid update with empty
 * clusters re-seeded, a full Lloyd pass, the final inertia). A variant supplies only its bounds and its
 * assignment step: {@link LloydRun}, {@link HamerlyRun}, {@link ElkanRun}; {@link MiniBatchRun} replaces the
 * template with its batch loop. {@link KMeans#fit} chooses the variant, seeds the centroids ({@link Seeding}) and
 * keeps the best run.
 *
 * <p>Work is done block by block ({@link Blocks}); variants dispatch once per block or per iteration, never per
 * point. Every distance computed is counted in {@link #distances} (as ELKI counts them).
 *
 * <p>Not thread-safe: one thread drives a run; its block bodies run on the block threads and write only their own
 * block's points and slots.
 */
abstract class KMeansRun {

  /** Bounds are widened by this relative margin so that rounding can never make a skip wrong. */
  static final double SLACK = 1e-12;

  final double[] x;
  final double[] w;
  final int n;
  final int d;
  final int k;
  final Blocks blocks;
  double[] centroids;
  final int[] labels;
  /** Squared distance of each point to its centroid after the final assignment; null after {@link #trim}. */
  double[] dist2;
  final long[] blockDistances;
  long distances;
  double inertia;
  int iterations;
  boolean converged;
  // per-block partial sums of the current assignment: w·x per cluster (k·d) and w per cluster (k). A block's
  // partials are recomputed in the assignment pass that changed one of its labels (its points are still in
  // cache) and reused unchanged otherwise; reducing them in block order gives the same bits as summing afresh.
  final double[][] blockSums;
  final double[][] blockWeights;
  /**
   * Each block's points in the kernels' packed layout, built on the block's first pass (by k-means++ seeding or
   * the first assignment) and shared by the runs of one fit: null entries are not packed yet; a null array (every
   * variant but {@link LloydRun} on the fit's data) scans the row-major data.
   */
  final PackedPoints[] packed;

  /**
   * A run over the {@code n × d} row-major points {@code x} with weights {@code w} (null: all 1) and {@code k}
   * centroids, all 0 until seeded.
   */
  KMeansRun(double[] x, double[] w, int n, int d, int k, Blocks blocks, PackedPoints[] packed) {
    this.x = x;
    this.w = w;
    this.n = n;
    this.d = d;
    this.k = k;
    this.blocks = blocks;
    this.packed = packed;
    this.centroids = new double[k * d];
    this.labels = new int[n];
    this.dist2 = new double[n];
    this.blockDistances = new long[blocks.count];
    this.blockSums = new double[blocks.count][];
    this.blockWeights = new double[blocks.count][];
  }

  // ---------------------------------------------------------------- the template and the variants' steps

  /**
   * The iteration template: a full assignment, then up to {@code maxIter} centroid updates each followed by the
   * variant's {@link #assign} step, until the total squared centroid shift is at most {@code tolAbs} (the labels
   * are then brought up to date with one more step) or no label changes; then {@link #finish}.
   */
  void iterate(int maxIter, double tolAbs) {
    allocateBounds();
    assignFull();
    double[] move = new double[k];
    boolean stale = false;   // labels belong to the centroids before the last update
    for (int it = 1; it <= maxIter; it++) {
      double[] next = weightedMeans();
      double shift = 0;
      for (int c = 0; c < k; c++) {
        move[c] = Math.sqrt(dist2(next, c * d, centroids, c * d, d));
        shift += move[c] * move[c];
      }
      centroids = next;
      iterations = it;
      if (shift <= tolAbs) {
        converged = true;
        stale = true;
        break;
      }
      if (assign(move) == 0) {
        converged = true;   // strict convergence: the centroids are the means of these labels
        break;
      }
    }
    if (stale) {
      assign(move);
    }
    finish();
  }

  /** Allocates the variant's bounds before the first assignment (none by default). */
  void allocateBounds() {}

  /**
   * Drops what a finished run no longer needs — the per-point distances and the variant's bounds — so that a fit
   * with several seedings keeps only the best run's labels and centroids beside the running one. The run's
   * labels, centroids, inertia and counts stay.
   */
  void trim() {
    dist2 = null;
  }

  /**
   * Initialises the variant's bounds of block {@code b}'s points [{@code from}, {@code to}) after the first
   * assignment, from the thread's scratch {@code s} holding the block's nearest and second-nearest squared
   * distances (none by default). Runs on a block thread; counts its own distances in {@code blockDistances[b]}.
   */
  void initBounds(Scratch s, int b, int from, int to) {}

  /**
   * One thread's buffers for the fused nearest-centroid kernel (block-relative results) and for gathering points,
   * reused for every block the thread takes in one pass: O(block size · d) per thread, not O(n). Carries no
   * result from one block to the next.
   */
  static final class Scratch {
    int[] index = new int[0];
    double[] best = new double[0];
    double[] second = new double[0];
    double[] rows = new double[0];
    int[] todo = new int[0];

    /** Room for the results of {@code len} points. */
    void ensure(int len) {
      if (index.length < len) {
        index = new int[len];
        best = new double[len];
        second = new double[len];
      }
    }

    /** Room for {@code len} gathered rows of {@code d} values and their indices. */
    double[] rows(int len, int d) {
      if (rows.length < len * d) {
        rows = new double[len * d];
        todo = new int[len];
      }
      return rows;
    }
  }

  /** A fresh scratch for one thread's blocks (sized on first use). */
  static Scratch newScratch() {
    return new Scratch();
  }

  /**
   * One assignment step after the centroids moved by {@code move} (plain distances, per centroid): brings the
   * labels and the block sums up to date; returns the number of changed labels.
   */
  abstract int assign(double[] move);

  // ---------------------------------------------------------------- shared steps

  /** First assignment: every distance, through the fused kernel; the variant's bounds initialised exactly. */
  final void assignFull() {
    blocks.forEach(KMeansRun::newScratch, (s, b) -> {
      int from = blocks.from(b);
      int to = blocks.to(b);
      nearestInBlock(s, b, true);
      int[] idx = s.index;
      double[] b1 = s.best;
      for (int i = from; i < to; i++) {
        labels[i] = idx[i - from];
        dist2[i] = b1[i - from];
      }
      blockDistances[b] += (long) (to - from) * k;
      initBounds(s, b, from, to);
      sumBlock(b);
    });
    countDistances();
  }

  /** A full Lloyd pass: every point's nearest centroid and its squared distance; returns the changed labels. */
  final int assignAll() {
    int[] changed = new int[blocks.count];
    blocks.forEach(KMeansRun::newScratch, (s, b) -> {
      int from = blocks.from(b);
      int to = blocks.to(b);
      nearestInBlock(s, b, false);
      int[] idx = s.index;
      double[] b1 = s.best;
      int ch = 0;
      for (int i = from; i < to; i++) {
        if (labels[i] != idx[i - from]) {
          ch++;
          labels[i] = idx[i - from];
        }
        dist2[i] = b1[i - from];
      }
      if (ch > 0) {
        sumBlock(b);
      }
      changed[b] = ch;
      blockDistances[b] += (long) (to - from) * k;
    });
    countDistances();
    return Arrays.stream(changed).sum();
  }

  /** Exact squared distances to the assigned centroids, and the inertia. */
  void finish() {
    inertia = blocks.sum(b -> {
      double s = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        double dd = dist2(x, i * d, centroids, labels[i] * d, d);
        dist2[i] = dd;
        s += weight(i) * dd;
      }
      blockDistances[b] += blocks.to(b) - blocks.from(b);
      return s;
    });
    countDistances();
  }

  /** The inertia from {@link #dist2} as it stands (the last pass computed every point's distance). */
  final double inertiaOfDist2() {
    return blocks.sum(b -> {
      double s = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        s += weight(i) * dist2[i];
      }
      return s;
    });
  }

  /**
   * Weighted means of the current assignment (the block partials kept by the assignment passes, reduced in block
   * order); empty clusters re-seeded from the farthest points.
   */
  final double[] weightedMeans() {
    double[] sums = new double[k * d];
    double[] weights = new double[k];
    for (int b = 0; b < blocks.count; b++) {
      double[] bs = blockSums[b];
      for (int q = 0; q < sums.length; q++) {
        sums[q] += bs[q];
      }
      double[] bw = blockWeights[b];
      for (int c = 0; c < k; c++) {
        weights[c] += bw[c];
      }
    }
    double[] next = new double[k * d];
    boolean empty = false;
    for (int c = 0; c < k; c++) {
      if (weights[c] > 0) {
        for (int j = 0; j < d; j++) {
          next[c * d + j] = sums[c * d + j] / weights[c];
        }
      } else {
        empty = true;
      }
    }
    if (empty) {
      reseedEmpty(next, weights);
    }
    return next;
  }

  /**
   * Empty clusters take, in cluster order, the points farthest from their current centroid (ties: lowest index;
   * points of weight 0 count as distance -1). One pass keeps the {@code e} farthest in a small sorted list (e = the
   * number of empty clusters): O(n·e) time and O(e) memory, where sorting all n points needed O(n) boxed indices.
   */
  private void reseedEmpty(double[] next, double[] weights) {
    int e = 0;
    for (int c = 0; c < k; c++) {
      if (weights[c] == 0) {
        e++;
      }
    }
    int[] top = new int[e];
    double[] topFar = new double[e];
    int size = 0;
    for (int i = 0; i < n; i++) {
      double f = weight(i) > 0 ? dist2(x, i * d, centroids, labels[i] * d, d) : -1;
      // after every kept point at least as far (an equal one has a lower index, so it stays ahead)
      int at = size;
      while (at > 0 && Double.compare(topFar[at - 1], f) < 0) {
        at--;
      }
      if (at == e) {
        continue;
      }
      int last = Math.min(size, e - 1);
      System.arraycopy(top, at, top, at + 1, last - at);
      System.arraycopy(topFar, at, topFar, at + 1, last - at);
      top[at] = i;
      topFar[at] = f;
      size = Math.min(size + 1, e);
    }
    distances += n;
    int taken = 0;
    for (int c = 0; c < k; c++) {
      if (weights[c] == 0) {
        int p = top[taken++];
        System.arraycopy(x, p * d, next, c * d, d);
      }
    }
  }

  /**
   * Half the distance from each centroid to its nearest other centroid into {@code half}, and, when {@code cc} is
   * not null, every centroid-centroid distance into it ({@code k × k}).
   */
  final void centroidSeparation(double[] half, double[] cc) {
    Arrays.fill(half, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      for (int c = a + 1; c < k; c++) {
        double dd = Math.sqrt(dist2(centroids, a * d, centroids, c * d, d));
        if (cc != null) {
          cc[a * k + c] = dd;
          cc[c * k + a] = dd;
        }
        half[a] = Math.min(half[a], 0.5 * dd);
        half[c] = Math.min(half[c], 0.5 * dd);
      }
    }
    distances += (long) k * (k - 1) / 2;
  }

  // ---------------------------------------------------------------- block helpers

  /** Recomputes block {@code b}'s partial sums from the current labels. */
  final void sumBlock(int b) {
    double[] s = blockSums[b];
    double[] wt = blockWeights[b];
    if (s == null) {
      s = new double[k * d];
      wt = new double[k];
      blockSums[b] = s;
      blockWeights[b] = wt;
    } else {
      Arrays.fill(s, 0);
      Arrays.fill(wt, 0);
    }
    int from = blocks.from(b);
    int to = blocks.to(b);
    int[] lab = labels;
    double[] px = x;
    // d = 2 to 8 written out: an inner loop of 2–8 trips cost about as much again as the adds themselves (RFM
    // features, d = 3; at d = 8 a pass over 100,000 points took 0.56 ms with the loop, 0.30 ms written out, in a
    // probe not kept; the whole fit's phases: benchmarks' kmeans.FitPhases, docs/benchmarks.md; a loop
    // over written-out groups of 8 columns was slower than the plain loop, so d > 8 keeps it). Every case does the
    // general loop's operations in its order, so the bits are the same.
    switch (d) {
      case 2 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 2;
          int xo = i * 2;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
        }
      }
      case 3 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 3;
          int xo = i * 3;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
        }
      }
      case 4 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 4;
          int xo = i * 4;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
          s[off + 3] += wi * px[xo + 3];
        }
      }
      case 5 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 5;
          int xo = i * 5;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
          s[off + 3] += wi * px[xo + 3];
          s[off + 4] += wi * px[xo + 4];
        }
      }
      case 6 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 6;
          int xo = i * 6;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
          s[off + 3] += wi * px[xo + 3];
          s[off + 4] += wi * px[xo + 4];
          s[off + 5] += wi * px[xo + 5];
        }
      }
      case 7 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 7;
          int xo = i * 7;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
          s[off + 3] += wi * px[xo + 3];
          s[off + 4] += wi * px[xo + 4];
          s[off + 5] += wi * px[xo + 5];
          s[off + 6] += wi * px[xo + 6];
        }
      }
      case 8 -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * 8;
          int xo = i * 8;
          double wi = weight(i);
          wt[c] += wi;
          s[off] += wi * px[xo];
          s[off + 1] += wi * px[xo + 1];
          s[off + 2] += wi * px[xo + 2];
          s[off + 3] += wi * px[xo + 3];
          s[off + 4] += wi * px[xo + 4];
          s[off + 5] += wi * px[xo + 5];
          s[off + 6] += wi * px[xo + 6];
          s[off + 7] += wi * px[xo + 7];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          int c = lab[i];
          int off = c * d;
          int xo = i * d;
          double wi = weight(i);
          wt[c] += wi;
          for (int j = 0; j < d; j++) {
            s[off + j] += wi * px[xo + j];
          }
        }
      }
    }
  }

  /**
   * The fused kernel on rows [from, to) of {@code rows}: nearest index, its squared distance and the second, into
   * {@code s} (block-relative).
   */
  final void nearest(Scratch s, double[] rows, int from, int to, boolean second) {
    s.ensure(Math.max(to - from, Math.min(Blocks.SIZE, n)));
    Distances.nearestCentroids(rows, from, to, d, centroids, k, s.index, s.best, second ? s.second : null);
  }

  /** {@link #nearest} on block {@code b}'s own points, through its packed copy when this run keeps one. */
  final void nearestInBlock(Scratch s, int b, boolean second) {
    int from = blocks.from(b);
    int to = blocks.to(b);
    if (packed == null) {
      nearest(s, x, from, to, second);
      return;
    }
    if (packed[b] == null) {
      packed[b] = PackedPoints.of(x, from, to, d);
    }
    int len = to - from;
    s.ensure(Math.max(len, Math.min(Blocks.SIZE, n)));
    Distances.nearestCentroids(packed[b], 0, len, centroids, k, s.index, s.best, second ? s.second : null);
  }

  final double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  /** Adds the block threads' distance counts to {@link #distances} (on the driving thread, after a pass). */
  final void countDistances() {
    for (int b = 0; b < blockDistances.length; b++) {
      distances += blockDistances[b];
      blockDistances[b] = 0;
    }
  }

  /** Squared Euclidean distance through the vectorized kernels. */
  static double dist2(double[] a, int ao, double[] b, int bo, int d) {
    return Distances.squaredDistance(a, ao, b, bo, d);
  }
}
