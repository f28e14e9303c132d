package dev.segmint.cluster;

/**
 * The distance arithmetic of the density methods ({@link Dbscan}, {@link Hdbscan} and their indexes), also used by
 * Hamerly's k-means for its one-off bound tightening, where a plain loop costs less than the kernels' set-up.
 *
 * <p>Every squared Euclidean distance is summed over the features in ascending order with one accumulator, so the
 * same pair of rows gives the same value bit for bit whichever method, index or thread computes it, on every JVM,
 * and {@code between(a, b) == between(b, a)} exactly. That is what lets the grid, the k-d tree, brute force and the
 * test references agree on points lying exactly at {@code eps} ({@code DbscanTest.pointsAtExactlyEpsAreNeighbours}).
 *
 * <p>Why not {@code kernel.Distances}: its Panama kernels use fused multiply-add and its single-pair scalar kernel
 * four interleaved accumulators, so a distance there may differ in the last bit from this sum, and which kernel
 * runs depends on the JVM — a point at exactly {@code eps} would be a neighbour on one runtime and not on
 * another. {@link #countWithin} also stops as soon as the count reaches {@code minPts}; a kernel call always computes
 * its whole block.
 */
final class SquaredDistances {
  private SquaredDistances() {}

  /** Squared distance between row {@code ao / d} of {@code a} and row {@code bo / d} of {@code b} (offsets in values). */
  static double between(double[] a, int ao, double[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[ao + j] - b[bo + j];
      s += t * t;
    }
    return s;
  }

  /**
   * Counts the rows {@code from..to-1} of {@code x} whose squared distance to the point at {@code q[qo..qo+d)} is at
   * most {@code r2}, adding them to {@code count} and stopping as soon as the total reaches {@code limit}.
   */
  static int countWithin(double[] q, int qo, double[] x, int from, int to, int d, double r2, int count, int limit) {
    int c = count;
    for (int p = from; p < to && c < limit; p++) {
      if (between(q, qo, x, p * d, d) <= r2) {
        c++;
      }
    }
    return c;
  }

  /**
   * The squared distance threshold that matches "distance ≤ eps" exactly: the largest double {@code t} with
   * {@code Math.sqrt(t) <= eps}. Comparing squared distances with it gives the same answer as comparing
   * {@code Math.sqrt(dist2)} with eps, without a square root per pair.
   */
  static double threshold(double eps) {
    if (!(eps < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("eps must be a finite distance, got " + eps + "; scale the features so that "
          + "distances stay finite");
    }
    double t = eps * eps;
    while (Math.sqrt(t) > eps) {
      t = Math.nextDown(t);
    }
    while (Math.sqrt(Math.nextUp(t)) <= eps) {
      t = Math.nextUp(t);
    }
    return t;
  }
}
