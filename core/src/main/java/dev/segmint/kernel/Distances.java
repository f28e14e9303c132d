package dev.segmint.kernel;

import dev.segmint.kernel.internal.DistanceKernel;
import dev.segmint.kernel.internal.KernelProvider;
import java.util.Objects;

/**
 * The squared Euclidean distance kernels that k-means runs on, in double precision. Exactly these callers use
 * them: k-means ({@code KMeans}: the nearest-centroid assignment with the second-closest distance that
 * Hamerly's and Elkan's bounds need, point-to-centroid block distances for Elkan's lower bounds, single pairs for
 * centroid moves and centroid-to-centroid distances), k-means++ seeding (block distances from packed points to
 * candidate centres), and the nearest-centre assignment of new customers ({@code CentroidClustering.predict},
 * {@code SegmentationModel.assign}); the CLI prints {@link #implementationName()} and {@link #selectionReason()}
 * under {@code --verbose}. Every k-means fit runs on them, including those inside k selection, stability and the
 * micro-clusters of two-stage hierarchical clustering.
 *
 * <p>DBSCAN, HDBSCAN, the hierarchical linkages and the silhouette do not use this class: they keep their own
 * loops (package-private {@code cluster.SquaredDistances} and {@code cluster.LinkageKernels}, and a loop in
 * {@code quality.Quality}), whose javadoc says why — in short, they need every distance summed in coordinate
 * order without fused multiply-add, so that results are bit-identical across indexes, threads, runtimes and the
 * reference implementations they are tested against, and they fuse work into the distance loop that these
 * kernels do not offer.
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
 * <p>Cold start: the Panama kernels run boxed and allocating until C2 has compiled them, so a short-lived process
 * would pay seconds before the fast path exists. Every call therefore runs on their scalar twin, plain Java code
 * that gives the Panama kernels' results bit for bit, until the process has done about half a second of kernel
 * work; after that, large calls run a few points on the Panama kernels (so that C2 compiles them) and move to them
 * once they are faster ({@link #runtimeState()} says where the calls are). Because the twin and the Panama
 * kernels agree bit for bit, no result depends on that timing. docs/performance.md ("The first fit in a fresh
 * JVM") has the reasoning.
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
 * Using the triangle inequality to accelerate k-means.
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

  /**
   * What the kernels do at this moment, for {@code --verbose} and benchmarks: with the Panama kernels, whether calls
   * still run on their scalar twin (the same results bit for bit, used until the Panama kernels are compiled) or
   * on the compiled Panama kernels, and when the switch happened; with the scalar kernels, {@code "scalar kernels"}.
   * Never affects a result.
   */
  public static String runtimeState() {
    return KernelProvider.state(Holder.IMPL);
  }

  // ---------------------------------------------------------------- pairs

  /**
   * Squared Euclidean distance {@code Σ (a[aOffset + j] - b[bOffset + j])²} of {@code a[aOffset, aOffset + d)}
   * and {@code b[bOffset, bOffset + d)}, e.g. two rows of row-major arrays. Time O(d). For many pairs prefer the
   * fused block kernels: a single pair pays a call, and below 2 × vector lanes coordinates (16 with AVX-512) the
   * Panama implementation runs the scalar loop.
   *
   * @throws IllegalArgumentException when {@code d < 1} or a range lies outside its array
   */
  public static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int d) {
    checkVector("a", a, aOffset, d);
    checkVector("b", b, bOffset, d);
    return Holder.IMPL.squaredDistance(a, aOffset, b, bOffset, d);
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

  // ---------------------------------------------------------------- argument checks

  static void checkDimension(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension d must be at least 1, got " + d);
    }
  }

  private static void checkVector(String name, double[] v, int offset, int d) {
    Objects.requireNonNull(v, name);
    checkDimension(d);
    if (offset < 0 || (long) offset + d > v.length) {
      throw new IllegalArgumentException(name + "[" + offset + ", " + ((long) offset + d) + ") is outside " + name
          + " of length " + v.length + "; check the offset and d = " + d);
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
    int length = v.length;
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
    int length = centroids.length;
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1 centroid, got " + k);
    }
    long need = (long) k * d;
    if (need > length) {
      throw new IllegalArgumentException("centroids needs k·d = " + k + " × " + d + " = " + need
          + " values but has " + length);
    }
  }

  /** {@code outSecond} may be null (no second-closest distances wanted). */
  private static void checkOutputs(int n, int[] outIndex, double[] outDist, double[] outSecond) {
    Objects.requireNonNull(outIndex, "outIndex");
    Objects.requireNonNull(outDist, "outDist");
    if (outIndex.length < n) {
      throw new IllegalArgumentException("outIndex has room for " + outIndex.length + " points, the block has " + n);
    }
    if (outDist.length < n) {
      throw new IllegalArgumentException("outDist has room for " + outDist.length + " points, the block has " + n);
    }
    if (outSecond != null && outSecond.length < n) {
      throw new IllegalArgumentException(
          "outSecond has room for " + outSecond.length + " points, the block has " + n + " (or pass null)");
    }
  }
}
