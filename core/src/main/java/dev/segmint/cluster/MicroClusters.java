package dev.segmint.cluster;

/**
 * Nearest-centroid assignment for the two-stage path: every point to the closest of m centroids (ties: the
 * lowest centroid), in fixed blocks of points on a thread pool; each label depends only on its point, so the
 * result is the same for any thread count. O(n·m·d) time through {@link LinkageKernels}, O(m·d) extra memory
 * per thread.
 */
final class MicroClusters {
  private MicroClusters() {}

  static int[] assign(double[] x, int n, int d, double[][] centroids, int threads) {
    int m = centroids.length;
    double[] flat = new double[m * d];
    for (int c = 0; c < m; c++) {
      System.arraycopy(centroids[c], 0, flat, c * d, d);
    }
    double[][] cols = LinkageKernels.toColumns(flat, m, d, m);
    int[] labels = new int[n];
    try (Blocks blocks = new Blocks(n, threads)) {
      blocks.forEach(b -> {
        double[] dist = new double[m];
        double[] q = new double[d];
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          System.arraycopy(x, i * d, q, 0, d);
          LinkageKernels.squaredDistances(cols, q, 0, m, dist);
          int best = 0;
          double bestD = dist[0];
          for (int c = 1; c < m; c++) {
            if (dist[c] < bestD) {
              bestD = dist[c];
              best = c;
            }
          }
          labels[i] = best;
        }
      });
    }
    return labels;
  }
}
