package dev.segmint.kernel.internal;

import java.util.Arrays;

/**
 * The tiled point layout that SIMD kernels read without transposing: points are grouped in tiles of
 * {@link #TILE} consecutive points; inside a tile, coordinate {@code j} of its points is stored contiguously.
 * Point {@code i}, coordinate {@code j} lives at {@code (i / TILE)·TILE·d + j·TILE + i % TILE}. The last tile
 * is padded with zeros, so any vector of up to {@code TILE} lanes that starts at a lane index divisible by its
 * length stays inside the array. Not API.
 */
public final class PackedLayout {

  /** Points per tile: 8 doubles, one AVX-512 vector or two AVX2 vectors. */
  public static final int TILE = 8;

  private PackedLayout() {}

  /** Array index of coordinate 0 of point {@code i}; coordinate {@code j} is {@code TILE·j} further. */
  public static int base(int i, int d) {
    return (i >>> 3) * (TILE * d) + (i & (TILE - 1));
  }

  /** Length of the packed array for {@code n} points of dimension {@code d}; may exceed an {@code int}. */
  public static long length(int n, int d) {
    return ((n + (long) TILE - 1) / TILE) * TILE * d;
  }

  /**
   * Packs row-major points {@code src[from, to)} into a fresh tiled array; packed point {@code 0} is
   * {@code from}.
   */
  public static double[] pack(double[] src, int from, int to, int d) {
    long len = length(to - from, d);
    if (len > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "too many values to pack: " + (to - from) + " points × " + d + " dimensions exceed one Java array");
    }
    double[] out = new double[(int) len];
    packInto(src, from, to, d, out);
    return out;
  }

  /** Packs row-major {@code src[from, to)} into {@code dst}, which has room for them; clears the padding. */
  public static void packInto(double[] src, int from, int to, int d, double[] dst) {
    int n = to - from;
    int full = n & ~(TILE - 1);
    for (int t = 0; t < full; t += TILE) {
      int tb = t * d;
      int sb = (from + t) * d;
      for (int l = 0; l < TILE; l++) {
        int s = sb + l * d;
        int o = tb + l;
        for (int j = 0; j < d; j++) {
          dst[o + j * TILE] = src[s + j];
        }
      }
    }
    if (full < n) {
      int tb = full * d;
      Arrays.fill(dst, tb, tb + TILE * d, 0.0);
      for (int l = 0; l < n - full; l++) {
        int s = (from + full + l) * d;
        for (int j = 0; j < d; j++) {
          dst[tb + l + j * TILE] = src[s + j];
        }
      }
    }
  }
}
