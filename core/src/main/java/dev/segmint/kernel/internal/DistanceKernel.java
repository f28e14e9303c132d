package dev.segmint.kernel.internal;

/**
 * One implementation of Segmint's distance kernels. Not API: use {@link dev.segmint.kernel.Distances}, which
 * checks every argument and then calls exactly one implementation chosen at class-load. It holds exactly the
 * kernels the library runs on (k-means assignment and bounds, k-means++ seeding, model assignment); the JMH
 * kernel benchmarks call the implementations directly to compare them in one run.
 *
 * <p>Implementations trust their arguments (ranges, lengths, {@code d ≥ 1}, {@code k ≥ 1}); passing
 * unchecked arguments can throw {@link ArrayIndexOutOfBoundsException} or return garbage. Row-major arrays
 * hold point {@code i} at {@code [i·d, i·d + d)}; packed arrays use the {@link PackedLayout} tile layout.
 * Outputs of block kernels are block-relative: the result for point {@code i} of {@code [from, to)} goes to
 * index {@code i - from}.
 *
 * <p>Every method is deterministic: the same inputs give the same bits on the same implementation, whatever
 * the thread. Two implementations may differ in the last bits (one may use fused multiply-add).
 */
public interface DistanceKernel {

  /** Short name: {@code "scalar"} or {@code "panama"}. */
  String name();

  /**
   * Plain Java kernels that give this implementation's results bit for bit, for every method and input: they run
   * at full speed from the first call (no Vector API to compile), so {@link ColdStartKernel} can use them while
   * this implementation is not yet compiled without changing any result. The scalar kernels are their own twin.
   */
  default DistanceKernel scalarTwin() {
    return this;
  }

  /** Squared Euclidean distance of {@code a[aOff, aOff+d)} and {@code b[bOff, bOff+d)}. */
  double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d);

  /**
   * For each row-major point {@code i} in {@code [from, to)}: the index of the closest of the {@code k}
   * row-major centroids (the smallest index among equals), its squared distance and the squared distance of
   * the second closest ({@code +∞} when {@code k == 1}). {@code outSecond} may be {@code null}.
   */
  void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k, int[] outIndex,
      double[] outDist, double[] outSecond);

  /** As {@link #nearestCentroids} for points stored in the {@link PackedLayout}. */
  void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond);

  /**
   * Squared distances of every row-major point of {@code a[aFrom, aTo)} to every row-major point of
   * {@code b[bFrom, bTo)}, written row-major to {@code out[(i - aFrom)·(bTo - bFrom) + (j - bFrom)]}.
   */
  void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d, double[] out);

  /**
   * Squared distances of the points {@code [from, to)} stored in the {@link PackedLayout} to the row-major rows
   * {@code b[bFrom, bTo)}, written one row of {@code b} after the other:
   * {@code out[(j - bFrom)·(to - from) + (i - from)]}. Each distance has the same bits as in {@link
   * #squaredDistances} and {@link #nearestCentroids}.
   */
  void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out);
}
