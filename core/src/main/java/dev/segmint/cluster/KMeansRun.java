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
  /** Squared distance of each point to its centroid after the final assignment. */
  final double[] dist2;
  final long[] blockDistances;
  long distances;
  double inertia;
  int iterations;
  boolean converged;
  // per-block scratch for the fused nearest-centroid kernel (block-relative results)
  final int[][] scratchIndex;
  final double[][] scratchBest;
  final double[][] scratchSecond;
  final double[][] scratchRows;
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
    this.scratchIndex = new int[blocks.count][];
    this.scratchBest = new double[blocks.count][];
    this.scratchSecond = new double[blocks.count][];
    this.scratchRows = new double[blocks.count][];
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
   * Initialises the variant's bounds of block {@code b}'s points [{@code from}, {@code to}) after the first
   * assignment, from the block's scratch: nearest and second-nearest squared distances (none by default). Runs on
   * a block thread; counts its own distances in {@code blockDistances[b]}.
   */
  void initBounds(int b, int from, int to) {}

  /**
   * One assignment step after the centroids moved by {@code move} (plain distances, per centroid): brings the
   * labels and the block sums up to date; returns the number of changed labels.
   */
  abstract int assign(double[] move);

  // ---------------------------------------------------------------- shared steps

  /** First assignment: every distance, through the fused kernel; the variant's bounds initialised exactly. */
  final void assignFull() {
    blocks.forEach(b -> {
      int from = blocks.from(b);
      int to = blocks.to(b);
      nearestInBlock(b, true);
      int[] idx = scratchIndex[b];
      double[] b1 = scratchBest[b];
      for (int i = from; i < to; i++) {
        labels[i] = idx[i - from];
        dist2[i] = b1[i - from];
      }
      blockDistances[b] += (long) (to - from) * k;
      initBounds(b, from, to);
      sumBlock(b);
    });
    countDistances();
  }

  /** A full Lloyd pass: every point's nearest centroid and its squared distance; returns the changed labels. */
  final int assignAll() {
    int[] changed = new int[blocks.count];
    blocks.forEach(b -> {
      int from = blocks.from(b);
      int to = blocks.to(b);
      nearestInBlock(b, false);
      int[] idx = scratchIndex[b];
      double[] b1 = scratchBest[b];
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

  /** Empty clusters take, in cluster order, the points farthest from their current centroid (ties: lowest index). */
  private void reseedEmpty(double[] next, double[] weights) {
    double[] far = new double[n];
    for (int i = 0; i < n; i++) {
      far[i] = weight(i) > 0 ? dist2(x, i * d, centroids, labels[i] * d, d) : -1;
    }
    distances += n;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> {
      int cmp = Double.compare(far[q], far[p]);
      return cmp != 0 ? cmp : Integer.compare(p, q);
    });
    int taken = 0;
    for (int c = 0; c < k; c++) {
      if (weights[c] == 0) {
        int p = idx[taken++];
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
    // d = 2, 3, 4 written out: an inner loop of 2–4 trips cost twice the adds themselves (RFM features, d = 3).
    // Every case does the general loop's operations in its order, so the bits are the same.
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

  /** The fused kernel on rows [from, to) of {@code rows}: nearest index, its squared distance and the second. */
  final void nearest(int b, double[] rows, int from, int to, boolean second) {
    int len = to - from;
    if (scratchIndex[b] == null || scratchIndex[b].length < len) {
      int cap = Math.max(len, Math.min(Blocks.SIZE, n));
      scratchIndex[b] = new int[cap];
      scratchBest[b] = new double[cap];
      scratchSecond[b] = new double[cap];
    }
    Distances.nearestCentroids(rows, from, to, d, centroids, k, scratchIndex[b], scratchBest[b],
        second ? scratchSecond[b] : null);
  }

  /** {@link #nearest} on block {@code b}'s own points, through its packed copy when this run keeps one. */
  final void nearestInBlock(int b, boolean second) {
    int from = blocks.from(b);
    int to = blocks.to(b);
    if (packed == null) {
      nearest(b, x, from, to, second);
      return;
    }
    if (packed[b] == null) {
      packed[b] = PackedPoints.of(x, from, to, d);
    }
    int len = to - from;
    if (scratchIndex[b] == null || scratchIndex[b].length < len) {
      scratchIndex[b] = new int[len];
      scratchBest[b] = new double[len];
      scratchSecond[b] = new double[len];
    }
    Distances.nearestCentroids(packed[b], 0, len, centroids, k, scratchIndex[b], scratchBest[b],
        second ? scratchSecond[b] : null);
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
