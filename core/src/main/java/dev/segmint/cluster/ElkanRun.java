package dev.segmint.cluster;

import dev.segmint.kernel.Distances;
import java.util.Arrays;

/**
 * Elkan's k-means (C. Elkan 2003, Using the triangle inequality to accelerate k-means): per point an upper bound
 * on the distance to its centroid and one lower bound per centroid (O(n·k) memory), with the k × k
 * centroid-centroid distances. A centroid is examined for a point only when neither its lower bound nor half its
 * distance to the point's centroid rules it out. Gives exactly Lloyd's labels from the same seeding.
 */
final class ElkanRun extends KMeansRun {

  /** Upper bound on each point's distance to its centroid (plain distance, widened by {@link #SLACK}). */
  private double[] upper;
  /** Lower bounds on each point's distance to each centroid, {@code n × k}. */
  private double[] lower;
  /** Half the distance from each centroid to its nearest other centroid. */
  private double[] half;
  /** Centroid-centroid distances, {@code k × k}. */
  private double[] cc;

  ElkanRun(double[] x, double[] w, int n, int d, int k, Blocks blocks) {
    super(x, w, n, d, k, blocks, null);
  }

  @Override
  void allocateBounds() {
    upper = new double[n];
    lower = new double[n * k];
    half = new double[k];
    cc = new double[k * k];
  }

  /** Exact bounds: the upper from the first assignment, the k lower ones from all k distances of each point. */
  @Override
  void trim() {
    super.trim();
    upper = null;
    lower = null;
  }

  @Override
  void initBounds(Scratch s, int b, int from, int to) {
    double[] b1 = s.best;
    for (int i = from; i < to; i++) {
      upper[i] = Math.sqrt(b1[i - from]) * (1 + SLACK);
    }
    double[] all = new double[(to - from) * k];
    Distances.squaredDistances(x, from, to, centroids, 0, k, d, all);
    for (int i = from; i < to; i++) {
      for (int c = 0; c < k; c++) {
        lower[i * k + c] = Math.sqrt(all[(i - from) * k + c]) * (1 - SLACK);
      }
    }
    blockDistances[b] += (long) (to - from) * k;
  }

  @Override
  int assign(double[] move) {
    centroidSeparation(half, cc);
    int[] changed = new int[blocks.count];
    blocks.forEach(b -> {
      int ch = 0;
      long dcount = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        int a = labels[i];
        int lo = i * k;
        for (int c = 0; c < k; c++) {
          lower[lo + c] = (lower[lo + c] - move[c]) * (1 - SLACK);
        }
        double u = (upper[i] + move[a]) * (1 + SLACK);
        if (u < half[a]) {
          upper[i] = u;
          continue;
        }
        int xo = i * d;
        boolean tight = false;
        double best2 = 0;
        int start = a;
        for (int c = 0; c < k; c++) {
          if (c == a) {
            continue;
          }
          if (u < lower[lo + c] || u < 0.5 * cc[a * k + c]) {
            continue;
          }
          if (!tight) {
            best2 = dist2(x, xo, centroids, a * d, d);
            dcount++;
            u = Math.sqrt(best2) * (1 + SLACK);
            lower[lo + a] = Math.sqrt(best2) * (1 - SLACK);
            tight = true;
            if (u < lower[lo + c] || u < 0.5 * cc[a * k + c]) {
              continue;
            }
          }
          double dd = dist2(x, xo, centroids, c * d, d);
          dcount++;
          lower[lo + c] = Math.sqrt(dd) * (1 - SLACK);
          if (dd < best2 || (dd == best2 && c < a)) {
            a = c;
            best2 = dd;
            u = Math.sqrt(dd) * (1 + SLACK);
          }
        }
        upper[i] = u;
        if (a != start) {
          labels[i] = a;
          ch++;
        }
      }
      if (ch > 0) {
        sumBlock(b);
      }
      changed[b] = ch;
      blockDistances[b] += dcount;
    });
    countDistances();
    return Arrays.stream(changed).sum();
  }
}
