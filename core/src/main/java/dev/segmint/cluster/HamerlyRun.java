package dev.segmint.cluster;

import java.util.Arrays;

/**
 * Hamerly's k-means (G. Hamerly 2010, Making k-means even faster): per point an upper bound on the distance to its
 * centroid and one lower bound on the distance to every other centroid (O(n) memory). A point whose upper bound is
 * below the larger of its lower bound and half the distance from its centroid to the nearest other centroid keeps
 * its label without a distance; the others are tightened with one distance, and those still in doubt are gathered
 * and sent through the fused nearest-centroid kernel. Gives exactly Lloyd's labels from the same seeding.
 */
final class HamerlyRun extends KMeansRun {

  /** Upper bound on each point's distance to its centroid (plain distance, widened by {@link #SLACK}). */
  private double[] upper;
  /** Lower bound on each point's distance to any other centroid. */
  private double[] lower;
  /** Half the distance from each centroid to its nearest other centroid. */
  private double[] half;

  HamerlyRun(double[] x, double[] w, int n, int d, int k, Blocks blocks) {
    super(x, w, n, d, k, blocks, null);
  }

  @Override
  void allocateBounds() {
    upper = new double[n];
    lower = new double[n];
    half = new double[k];
  }

  /** Exact bounds from the nearest and second-nearest distances of the first assignment. */
  @Override
  void trim() {
    super.trim();
    upper = null;
    lower = null;
  }

  @Override
  void initBounds(Scratch s, int b, int from, int to) {
    double[] b1 = s.best;
    double[] b2 = s.second;
    for (int i = from; i < to; i++) {
      upper[i] = Math.sqrt(b1[i - from]) * (1 + SLACK);
      lower[i] = Math.sqrt(b2[i - from]) * (1 - SLACK);
    }
  }

  @Override
  int assign(double[] move) {
    centroidSeparation(half, null);
    int maxMove = 0;
    for (int c = 1; c < k; c++) {
      if (move[c] > move[maxMove]) {
        maxMove = c;
      }
    }
    double secondMove = 0;
    for (int c = 0; c < k; c++) {
      if (c != maxMove) {
        secondMove = Math.max(secondMove, move[c]);
      }
    }
    final int argMax = maxMove;
    final double max1 = move[maxMove];
    final double max2 = secondMove;
    int[] changed = new int[blocks.count];
    blocks.forEach(KMeansRun::newScratch, (s, b) -> {
      int from = blocks.from(b);
      int to = blocks.to(b);
      int ch = 0;
      long dc = 0;
      double[] rows = s.rows(to - from, d);
      int[] todo = s.todo;
      int count = 0;
      for (int i = from; i < to; i++) {
        int a = labels[i];
        double u = (upper[i] + move[a]) * (1 + SLACK);
        double l = (lower[i] - (a == argMax ? max2 : max1)) * (1 - SLACK);
        double m = Math.max(half[a], l);
        upper[i] = u;
        lower[i] = l;
        if (u < m) {
          continue;
        }
        // one-off bound tightening: a plain loop (SquaredDistances) costs less than the facade's checks and set-up
        u = Math.sqrt(SquaredDistances.between(x, i * d, centroids, a * d, d)) * (1 + SLACK);
        dc++;
        upper[i] = u;
        if (u < m) {
          continue;
        }
        todo[count++] = i;
      }
      if (count > 0) {
        for (int q = 0; q < count; q++) {
          System.arraycopy(x, todo[q] * d, rows, q * d, d);
        }
        nearest(s, rows, 0, count, true);
        int[] idx = s.index;
        double[] b1 = s.best;
        double[] b2 = s.second;
        for (int q = 0; q < count; q++) {
          int i = todo[q];
          if (idx[q] != labels[i]) {
            ch++;
            labels[i] = idx[q];
          }
          upper[i] = Math.sqrt(b1[q]) * (1 + SLACK);
          lower[i] = Math.sqrt(b2[q]) * (1 - SLACK);
        }
        dc += (long) count * k;
      }
      if (ch > 0) {
        sumBlock(b);
      }
      changed[b] = ch;
      blockDistances[b] += dc;
    });
    countDistances();
    return Arrays.stream(changed).sum();
  }
}
