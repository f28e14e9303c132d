package dev.segmint.kernel;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.KernelProvider;
import java.util.Objects;

/**
 * Euclidean distance kernels: the hot path of k-means, k-means++ seeding and model assignment. (DBSCAN, HDBSCAN,
 * silhouette and the linkages run fused loops of their own, package-private in {@code cluster} and {@code quality};
 * the pair, radius and dot kernels here serve callers and the JMH kernel benchmarks.)
 * Double precision throughout, plus single-precision pair and nearest-centroid kernels ({@code float[]}
 * overloads, {@link PackedFloatPoints}) for large data where float rounding is acceptable.
 *
 * <p>This facade checks every argument (with a message that names the array and the numbers) and delegates to
 * one implementation chosen once, when this class is first used: the Panama Vector API kernels when the
 * runtime is Java 25+ and {@code jdk.incubator.vector} is readable ({@code --add-modules
 * jdk.incubator.vector}), else tuned scalar Java kernels. {@code -Dsegmint.kernel=auto|scalar|panama} forces
 * the choice; {@code panama} falls back to scalar with a warning when it is unavailable. The choice is logged
 * once on the {@link System.Logger} {@code dev.segmint.kernel} at DEBUG (so an embedding application's log
 * stays quiet unless it asks for that logger), or at WARNING when a forced choice could not be honoured, and is
 * returned by {@link #implementationName()} and {@link #selectionReason()}.
 *
 * <p>Data layout: points are row-major flat arrays (point {@code i} at {@code [i·d, i·d + d)}, as
 * {@code FeatureMatrix.toFlatArray()} returns), addressed by a half-open block {@code [from, to)} of point
 * indices. Block kernels write block-relative results: point {@code i} of {@code [from, to)} at index
 * {@code i - from}. Algorithms that scan the same points many times should pack them once into
 * {@link PackedPoints} and use those overloads.
 *
 * <p>Numerics: inputs must be finite (NaN gives unspecified but in-range results). Squared distances are sums
 * of {@code d} non-negative terms, so their relative error is at most about {@code d·2⁻⁵²}; the scalar and
 * Panama implementations may differ in the last bits (Panama uses fused multiply-add where the CPU has it), so
 * an arg-min can differ between them only between centroids whose distances are equal to that precision.
 * Every call is deterministic for a given implementation and does not depend on threads: the kernels never
 * split one result across threads. All methods are thread-safe (they only write the caller's buffers).
 *
 * <p>References: Apache Lucene's {@code VectorUtil} / {@code VectorizationProvider} (runtime-selected SIMD);
 * JEP 508 (Vector API, tenth incubator, Java 25); G. Hamerly (2010), Making k-means even faster; C. Elkan (2003),
 * Using the triangle inequality to accelerate k-means; M. Ester et al. (1996), A density-based algorithm for
 * discovering clusters (DBSCAN).
 */
public final class Distances {

  private static final System.Logger LOG = System.getLogger("dev.segmint.kernel");

  private Distances() {}

  /** Lazy holder: the implementation is chosen and logged once, at the first kernel call. */
  private static final class Holder {
    static final KernelProvider.Selection SELECTION = KernelProvider.select();
    static final DistanceKernel IMPL = SELECTION.kernel();

    static {
      LOG.log(SELECTION.warning() ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
          "Segmint distance kernels: {0} ({1})", IMPL.name(), SELECTION.reason());
    }
  }

  /** The implementation in use: {@code "panama"} or {@code "scalar"}. */
  public static String implementationName() {
    return Holder.IMPL.name();
  }

  /** Why {@link #implementationName()} was chosen, and how to get the Panama kernels when they are off. */
  public static String selectionReason() {
    return Holder.SELECTION.reason();
  }

  // ---------------------------------------------------------------- pairs

  /**
   * Squared Euclidean distance {@code Σ (a[j] - b[j])²}. Time O(d).
   *
   * @throws IllegalArgumentException when the lengths differ ("vector dimensions differ: 3 != 4")
   */
  public static double squaredDistance(double[] a, double[] b) {
    checkSameLength(a, b);
    return Holder.IMPL.squaredDistance(a, 0, b, 0, a.length);
  }

  /** Squared Euclidean distance of {@code a[aOffset, aOffset + d)} and {@code b[bOffset, bOffset + d)}. */
  public static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int d) {
    checkVector("a", a, aOffset, d);
    checkVector("b", b, bOffset, d);
    return Holder.IMPL.squaredDistance(a, aOffset, b, bOffset, d);
  }

  /**
   * Dot product {@code Σ a[j]·b[j]}. Time O(d).
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double dot(double[] a, double[] b) {
    checkSameLength(a, b);
    return Holder.IMPL.dot(a, 0, b, 0, a.length);
  }

  /** Dot product of {@code a[aOffset, aOffset + d)} and {@code b[bOffset, bOffset + d)}. */
  public static double dot(double[] a, int aOffset, double[] b, int bOffset, int d) {
    checkVector("a", a, aOffset, d);
    checkVector("b", b, bOffset, d);
    return Holder.IMPL.dot(a, aOffset, b, bOffset, d);
  }

  // ---------------------------------------------------------------- nearest centroid

  /**
   * For each point {@code i} of the row-major block {@code [from, to)}: the index of the closest of {@code k}
   * row-major centroids (the smallest index among equal distances) into {@code outIndex[i - from]}, its squared
   * distance into {@code outDist[i - from]}, and the squared distance of the second-closest centroid into
   * {@code outSecond[i - from]} ({@code +∞} when {@code k == 1}) — the bounds Hamerly's and Elkan's k-means
   * keep. Time O((to - from)·k·d); the Panama kernels also copy the block into a small tiled buffer (O(d) per
   * point) — use the {@link PackedPoints} overload when the same points are scanned repeatedly.
   *
   * @param outSecond may be {@code null} when the second-closest distance is not needed
   * @throws IllegalArgumentException when a range, {@code d}, {@code k} or an output length does not fit
   */
  public static void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    checkBlock("points", points, from, to, d);
    checkCentroids(centroids, k, d);
    checkOutputs(to - from, outIndex, outDist, outSecond);
    if (to > from) {
      Holder.IMPL.nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist, outSecond);
    }
  }

  /**
   * As {@link #nearestCentroids(double[], int, int, int, double[], int, int[], double[], double[])} for the
   * packed points {@code [from, to)}; the centroids are row-major with {@code points.dimension()} columns.
   */
  public static void nearestCentroids(PackedPoints points, int from, int to, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    Objects.requireNonNull(points, "points");
    checkPackedBlock(points, from, to);
    int d = points.dimension();
    checkCentroids(centroids, k, d);
    checkOutputs(to - from, outIndex, outDist, outSecond);
    if (to > from) {
      Holder.IMPL.nearestCentroidsPacked(points.data(), from, to, d, centroids, k, outIndex, outDist, outSecond);
    }
  }

  // ---------------------------------------------------------------- block × block

  /**
   * Squared distances of every point of the row-major block {@code a[aFrom, aTo)} to every point of the
   * row-major block {@code b[bFrom, bTo)} (points × points, or points × centroids), written row-major into
   * the caller's buffer: {@code out[(i - aFrom)·(bTo - bFrom) + (j - bFrom)]}. {@code a} and {@code b} may be
   * the same array. Time O(na·nb·d); memory O(min(nb, 512)·d) scratch. Choose blocks so that
   * {@code na·nb} fits the buffer (e.g. 256 × 256).
   *
   * @throws IllegalArgumentException when a range, {@code d} or the buffer length does not fit
   */
  public static void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d,
      double[] out) {
    checkBlock("a", a, aFrom, aTo, d);
    checkBlock("b", b, bFrom, bTo, d);
    checkOut(out, aTo - aFrom, bTo - bFrom);
    Holder.IMPL.squaredDistances(a, aFrom, aTo, b, bFrom, bTo, d, out);
  }

  /**
   * Squared distances of the packed points {@code [from, to)} to the row-major rows {@code b[bFrom, bTo)} (e.g. a
   * few k-means++ candidates), written one row of {@code b} after the other, points in lanes:
   * {@code out[(j - bFrom)·(to - from) + (i - from)]}. Each distance has the same bits as the row-major
   * {@link #squaredDistances(double[], int, int, double[], int, int, int, double[])} gives for that pair. Time
   * O((to - from)·(bTo - bFrom)·d), scratch of at most 4 vectors; faster than the row-major overload when there are fewer rows of
   * {@code b} than vector lanes, which that overload puts in the lanes.
   *
   * @throws IllegalArgumentException when a range or the buffer length does not fit
   */
  public static void squaredDistances(PackedPoints points, int from, int to, double[] b, int bFrom, int bTo,
      double[] out) {
    Objects.requireNonNull(points, "points");
    checkPackedBlock(points, from, to);
    int d = points.dimension();
    checkBlock("b", b, bFrom, bTo, d);
    checkOut(out, to - from, bTo - bFrom);
    if (to > from) {
      Holder.IMPL.squaredDistancesPacked(points.data(), from, to, d, b, bFrom, bTo, out);
    }
  }

  // ---------------------------------------------------------------- range queries

  /**
   * How many points of the row-major block {@code [from, to)} lie within Euclidean distance {@code radius}
   * of the query {@code query[queryOffset, queryOffset + d)}, boundary included (squared distance ≤
   * {@code radius²}). The query itself counts if it is in the block, as DBSCAN's {@code minPts} expects.
   * Time O((to - from)·d).
   *
   * @throws IllegalArgumentException when a range is wrong or {@code radius} is negative or NaN
   */
  public static int countWithinRadius(double[] points, int from, int to, int d, double[] query, int queryOffset,
      double radius) {
    checkBlock("points", points, from, to, d);
    checkVector("query", query, queryOffset, d);
    double r2 = radiusSquared(radius);
    return Holder.IMPL.withinRadius(points, from, to, d, query, queryOffset, r2, null);
  }

  /**
   * Collects the points of the row-major block {@code [from, to)} within distance {@code radius} of the query
   * (as {@link #countWithinRadius(double[], int, int, int, double[], int, double)}): their absolute indices,
   * in increasing order, into {@code out[0, count)}; returns the count.
   *
   * @param out room for at least {@code to - from} indices
   */
  public static int withinRadius(double[] points, int from, int to, int d, double[] query, int queryOffset,
      double radius, int[] out) {
    checkBlock("points", points, from, to, d);
    checkVector("query", query, queryOffset, d);
    double r2 = radiusSquared(radius);
    checkIndexBuffer(out, to - from);
    return Holder.IMPL.withinRadius(points, from, to, d, query, queryOffset, r2, out);
  }

  /** As {@link #countWithinRadius(double[], int, int, int, double[], int, double)} for packed points. */
  public static int countWithinRadius(PackedPoints points, int from, int to, double[] query, int queryOffset,
      double radius) {
    Objects.requireNonNull(points, "points");
    checkPackedBlock(points, from, to);
    checkVector("query", query, queryOffset, points.dimension());
    double r2 = radiusSquared(radius);
    return Holder.IMPL.withinRadiusPacked(points.data(), from, to, points.dimension(), query, queryOffset, r2,
        null);
  }

  /**
   * As {@link #withinRadius(double[], int, int, int, double[], int, double, int[])} for packed points; the
   * indices written are packed point indices.
   */
  public static int withinRadius(PackedPoints points, int from, int to, double[] query, int queryOffset,
      double radius, int[] out) {
    Objects.requireNonNull(points, "points");
    checkPackedBlock(points, from, to);
    checkVector("query", query, queryOffset, points.dimension());
    double r2 = radiusSquared(radius);
    checkIndexBuffer(out, to - from);
    return Holder.IMPL.withinRadiusPacked(points.data(), from, to, points.dimension(), query, queryOffset, r2,
        out);
  }

  // ---------------------------------------------------------------- single precision

  /**
   * Single-precision squared Euclidean distance, summed in {@code float} (relative error up to about
   * {@code d·6·10⁻⁸}). Time O(d).
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static float squaredDistance(float[] a, float[] b) {
    checkSameLength(a, b);
    return Holder.IMPL.squaredDistance(a, 0, b, 0, a.length);
  }

  /** Single-precision squared distance of {@code a[aOffset, aOffset + d)} and {@code b[bOffset, bOffset + d)}. */
  public static float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int d) {
    checkVector("a", a, aOffset, d);
    checkVector("b", b, bOffset, d);
    return Holder.IMPL.squaredDistance(a, aOffset, b, bOffset, d);
  }

  /**
   * Single-precision dot product, summed in {@code float}. Time O(d).
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static float dot(float[] a, float[] b) {
    checkSameLength(a, b);
    return Holder.IMPL.dot(a, 0, b, 0, a.length);
  }

  /** Single-precision dot product of {@code a[aOffset, aOffset + d)} and {@code b[bOffset, bOffset + d)}. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int d) {
    checkVector("a", a, aOffset, d);
    checkVector("b", b, bOffset, d);
    return Holder.IMPL.dot(a, aOffset, b, bOffset, d);
  }

  /**
   * Single-precision {@link #nearestCentroids(double[], int, int, int, double[], int, int[], double[], double[])
   * nearest centroid} for row-major float points and centroids: same contract, distances summed in
   * {@code float}. Twice the SIMD lanes and half the memory traffic of the double kernel; use it where float
   * rounding is acceptable (e.g. the assignment step of k-means on large data, with centroids updated in double).
   */
  public static void nearestCentroids(float[] points, int from, int to, int d, float[] centroids, int k,
      int[] outIndex, float[] outDist, float[] outSecond) {
    Objects.requireNonNull(points, "points");
    checkBlock("points", points.length, from, to, d);
    checkCentroids(centroids, k, d);
    checkOutputs(to - from, outIndex, outDist, outSecond);
    if (to > from) {
      Holder.IMPL.nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist, outSecond);
    }
  }

  /** As the float row-major overload, for {@link PackedFloatPoints} {@code [from, to)}. */
  public static void nearestCentroids(PackedFloatPoints points, int from, int to, float[] centroids, int k,
      int[] outIndex, float[] outDist, float[] outSecond) {
    Objects.requireNonNull(points, "points");
    if (from < 0 || to < from || to > points.size()) {
      throw new IllegalArgumentException("points block [" + from + ", " + to + ") is outside the " + points.size()
          + " packed points; need 0 ≤ from ≤ to ≤ " + points.size());
    }
    int d = points.dimension();
    checkCentroids(centroids, k, d);
    checkOutputs(to - from, outIndex, outDist, outSecond);
    if (to > from) {
      Holder.IMPL.nearestCentroidsPacked(points.data(), from, to, d, centroids, k, outIndex, outDist, outSecond);
    }
  }

  // ---------------------------------------------------------------- argument checks

  static void checkDimension(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension d must be at least 1, got " + d);
    }
  }

  private static void checkSameLength(double[] a, double[] b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    checkSameLength(a.length, b.length);
  }

  private static void checkSameLength(float[] a, float[] b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    checkSameLength(a.length, b.length);
  }

  private static void checkSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("vector dimensions differ: " + a + " != " + b);
    }
  }

  private static void checkVector(String name, double[] v, int offset, int d) {
    Objects.requireNonNull(v, name);
    checkVector(name, v.length, offset, d);
  }

  private static void checkVector(String name, float[] v, int offset, int d) {
    Objects.requireNonNull(v, name);
    checkVector(name, v.length, offset, d);
  }

  private static void checkVector(String name, int length, int offset, int d) {
    checkDimension(d);
    if (offset < 0 || (long) offset + d > length) {
      throw new IllegalArgumentException(name + "[" + offset + ", " + ((long) offset + d) + ") is outside " + name
          + " of length " + length + "; check the offset and d = " + d);
    }
  }

  /** {@code out} must hold {@code rowsA × rowsB} distances. */
  private static void checkOut(double[] out, int rowsA, int rowsB) {
    Objects.requireNonNull(out, "out");
    long need = (long) rowsA * rowsB;
    if (out.length < need) {
      throw new IllegalArgumentException("out has room for " + out.length + " distances but the blocks need "
          + rowsA + " × " + rowsB + " = " + need + "; pass a larger buffer or smaller blocks");
    }
  }

  static void checkBlock(String name, double[] v, int from, int to, int d) {
    Objects.requireNonNull(v, name);
    checkBlock(name, v.length, from, to, d);
  }

  static void checkBlock(String name, int length, int from, int to, int d) {
    checkDimension(d);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(name + " block [" + from + ", " + to + ") is not a valid range of point"
          + " indices; need 0 ≤ from ≤ to");
    }
    long need = (long) to * d;
    if (need > length) {
      throw new IllegalArgumentException(name + " block [" + from + ", " + to + ") with d = " + d + " needs "
          + need + " values but " + name + " has " + length + " (" + (length / d) + " points)");
    }
  }

  private static void checkPackedBlock(PackedPoints p, int from, int to) {
    if (from < 0 || to < from || to > p.size()) {
      throw new IllegalArgumentException("points block [" + from + ", " + to + ") is outside the " + p.size()
          + " packed points; need 0 ≤ from ≤ to ≤ " + p.size());
    }
  }

  private static void checkCentroids(double[] centroids, int k, int d) {
    Objects.requireNonNull(centroids, "centroids");
    checkCentroids(centroids.length, k, d);
  }

  private static void checkCentroids(float[] centroids, int k, int d) {
    Objects.requireNonNull(centroids, "centroids");
    checkCentroids(centroids.length, k, d);
  }

  private static void checkCentroids(int length, int k, int d) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1 centroid, got " + k);
    }
    long need = (long) k * d;
    if (need > length) {
      throw new IllegalArgumentException("centroids needs k·d = " + k + " × " + d + " = " + need
          + " values but has " + length);
    }
  }

  private static void checkOutputs(int n, int[] outIndex, double[] outDist, double[] outSecond) {
    Objects.requireNonNull(outDist, "outDist");
    checkOutputs(n, outIndex, outDist.length, outSecond == null ? -1 : outSecond.length);
  }

  private static void checkOutputs(int n, int[] outIndex, float[] outDist, float[] outSecond) {
    Objects.requireNonNull(outDist, "outDist");
    checkOutputs(n, outIndex, outDist.length, outSecond == null ? -1 : outSecond.length);
  }

  /** {@code secondLength} is -1 when there is no second-distance buffer. */
  private static void checkOutputs(int n, int[] outIndex, int distLength, int secondLength) {
    Objects.requireNonNull(outIndex, "outIndex");
    if (outIndex.length < n) {
      throw new IllegalArgumentException("outIndex has room for " + outIndex.length + " points, the block has " + n);
    }
    if (distLength < n) {
      throw new IllegalArgumentException("outDist has room for " + distLength + " points, the block has " + n);
    }
    if (secondLength >= 0 && secondLength < n) {
      throw new IllegalArgumentException(
          "outSecond has room for " + secondLength + " points, the block has " + n + " (or pass null)");
    }
  }

  private static void checkIndexBuffer(int[] out, int n) {
    Objects.requireNonNull(out, "out");
    if (out.length < n) {
      throw new IllegalArgumentException(
          "out has room for " + out.length + " indices, the block has " + n + " points; pass at least " + n);
    }
  }

  private static double radiusSquared(double radius) {
    if (!(radius >= 0)) {
      throw new IllegalArgumentException("radius must be ≥ 0 (a plain, not squared, distance), got " + radius);
    }
    return radius * radius;
  }
}
