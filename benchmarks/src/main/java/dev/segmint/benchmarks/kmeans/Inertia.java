package dev.segmint.benchmarks.kmeans;

/** The k-means objective, computed the same way for every peer: each point to its nearest given centroid. */
final class Inertia {
  private Inertia() {}

  /**
   * Sum over the points of the squared Euclidean distance to the nearest of {@code centroids}. O(n·k·d).
   *
   * @param x points, row-major, {@code d} values each
   */
  static double atCentroids(double[] x, int d, double[][] centroids) {
    int n = x.length / d;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] c : centroids) {
        if (c.length != d) {
          throw new IllegalArgumentException("a centroid has " + c.length + " coordinates, the data " + d);
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - c[j];
          s += t * t;
        }
        best = Math.min(best, s);
      }
      total += best;
    }
    return total;
  }
}
