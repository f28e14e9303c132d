package dev.segmint.cluster;

import java.util.SplittableRandom;

/**
 * Mini-batch k-means (D. Sculley 2010, Web-scale k-means clustering): each step draws a batch of points (with
 * replacement, on the driving thread), assigns it in parallel, and moves each centroid toward its batch points with
 * rate 1 / (weight it has seen). Approximate; replaces the exact variants' template with its batch loop and ends
 * with one full assignment.
 */
final class MiniBatchRun extends KMeansRun {

  private final int batchSize;
  private final SplittableRandom rnd;

  /**
   * @param batchSize points per batch (at most n are drawn)
   * @param rnd the batch draws' source, used on the driving thread only
   */
  MiniBatchRun(double[] x, double[] w, int n, int d, int k, Blocks blocks, int batchSize, SplittableRandom rnd) {
    super(x, w, n, d, k, blocks, null);
    this.batchSize = batchSize;
    this.rnd = rnd;
  }

  /**
   * {@code passes} passes of n / batch steps each, until a pass moves the centroids by at most {@code tolAbs}
   * (total squared shift); then a full assignment and the inertia.
   */
  @Override
  void iterate(int passes, double tolAbs) {
    int batch = Math.min(batchSize, n);
    int steps = Math.max(1, n / batch);
    double[] seen = new double[k];
    int[] idx = new int[batch];
    int[] lab = new int[batch];
    for (int pass = 1; pass <= passes; pass++) {
      double[] before = centroids.clone();
      for (int s = 0; s < steps; s++) {
        for (int q = 0; q < batch; q++) {
          idx[q] = rnd.nextInt(n);
        }
        blocks.forEach(KMeansRun::newScratch, (scratch, b) -> {
          // the batch is split into as many pieces as the data has blocks; each point's label is independent
          int from = (int) ((long) b * batch / blocks.count);
          int to = (int) ((long) (b + 1) * batch / blocks.count);
          if (to == from) {
            return;
          }
          double[] rows = scratch.rows(to - from, d);
          for (int q = from; q < to; q++) {
            System.arraycopy(x, idx[q] * d, rows, (q - from) * d, d);
          }
          nearest(scratch, rows, 0, to - from, false);
          System.arraycopy(scratch.index, 0, lab, from, to - from);
        });
        distances += (long) batch * k;
        for (int q = 0; q < batch; q++) {
          int c = lab[q];
          double wi = weight(idx[q]);
          if (wi == 0) {
            continue;
          }
          seen[c] += wi;
          double eta = wi / seen[c];
          int co = c * d;
          int xo = idx[q] * d;
          for (int j = 0; j < d; j++) {
            centroids[co + j] += eta * (x[xo + j] - centroids[co + j]);
          }
        }
      }
      iterations = pass;
      double shift = 0;
      for (int q = 0; q < centroids.length; q++) {
        double t = centroids[q] - before[q];
        shift += t * t;
      }
      if (shift <= tolAbs) {
        converged = true;
        break;
      }
    }
    assign(null);
    finish();
  }

  /** The final labels: a full pass over the data ({@code move} is unused). */
  @Override
  int assign(double[] move) {
    return assignAll();
  }
}
