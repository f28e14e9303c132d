package dev.segmint.kernel;

import dev.segmint.kernel.internal.PackedLayout;
import java.util.Objects;

/**
 * An immutable copy of points in the tiled layout that the SIMD kernels read directly: tiles of 8 consecutive
 * points, and inside a tile each coordinate of the 8 points stored contiguously. Pack once, then call the
 * {@code PackedPoints} overloads of {@link Distances} many times (k-means packs each block of points once, for
 * k-means++ seeding and every iteration after it): they skip the transposition that the row-major overloads do
 * on every call (nearest centroid on 1M × 16 × 16 measured 1.5× faster, up to 3× at small k; see
 * docs/performance.md).
 *
 * <p>Cost: {@code O(n·d)} time and {@code 8·d·⌈n/8⌉·8} bytes. Packed point {@code i} is row {@code from + i} of
 * the source. Limit: {@code n·d} (rounded up to whole tiles) must fit in one Java array.
 */
public final class PackedPoints {

  private final double[] data;
  private final int n;
  private final int d;

  private PackedPoints(double[] data, int n, int d) {
    this.data = data;
    this.n = n;
    this.d = d;
  }

  /**
   * Packs rows {@code [from, to)} of a row-major array (row {@code i} at {@code [i·d, i·d + d)}), for example
   * {@code FeatureMatrix.toFlatArray()}.
   *
   * @throws IllegalArgumentException when the range or the dimension does not fit the array
   */
  public static PackedPoints of(double[] points, int from, int to, int d) {
    Objects.requireNonNull(points, "points");
    Distances.checkBlock("points", points, from, to, d);
    return new PackedPoints(PackedLayout.pack(points, from, to, d), to - from, d);
  }

  /** Packs all rows of a row-major array of {@code points.length / d} rows. */
  public static PackedPoints of(double[] points, int d) {
    Objects.requireNonNull(points, "points");
    Distances.checkDimension(d);
    if (points.length % d != 0) {
      throw new IllegalArgumentException("points has " + points.length + " values, not a multiple of d = " + d
          + "; pass row-major rows of d values");
    }
    return of(points, 0, points.length / d, d);
  }

  /** Number of points. */
  public int size() {
    return n;
  }

  /** Number of coordinates per point. */
  public int dimension() {
    return d;
  }

  /** Coordinate {@code j} of point {@code i}. */
  public double get(int i, int j) {
    Objects.checkIndex(i, n);
    Objects.checkIndex(j, d);
    return data[PackedLayout.base(i, d) + j * PackedLayout.TILE];
  }

  /** The packed array itself, for the kernels; never exposed. */
  double[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "PackedPoints[" + n + " points × " + d + " dimensions]";
  }
}
