package dev.segmint.kernel.internal;

import java.util.Arrays;

/**
 * The tiled point layout that SIMD kernels read without transposing: points are grouped in tiles of
 * {@link #TILE} consecutive points ({@link #FLOAT_TILE} for {@code float}); inside a tile, coordinate {@code j}
 * of its points is stored contiguously.
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

  /** Points per float tile: 16 floats, one AVX-512 vector or two AVX2 vectors. */
  public static final int FLOAT_TILE = 16;

  /** Array index of coordinate 0 of point {@code i} in float tiles; coordinate {@code j} is {@code 16·j} further. */
  public static int baseFloat(int i, int d) {
    return (i >>> 4) * (FLOAT_TILE * d) + (i & (FLOAT_TILE - 1));
  }

  /** Length of the float-tiled array for {@code n} points of dimension {@code d}; may exceed an {@code int}. */
  public static long lengthFloat(int n, int d) {
    return ((n + (long) FLOAT_TILE - 1) / FLOAT_TILE) * FLOAT_TILE * d;
  }

  /** Packs row-major float points {@code src[from, to)} into a fresh float-tiled array. */
  public static float[] packFloat(float[] src, int from, int to, int d) {
    float[] out = new float[checkedFloatLength(to - from, d)];
    packFloatInto(src, from, to, d, out);
    return out;
  }

  /** Packs row-major double points {@code src[from, to)}, rounded to float, into a fresh float-tiled array. */
  public static float[] packFloat(double[] src, int from, int to, int d) {
    float[] out = new float[checkedFloatLength(to - from, d)];
    for (int i = 0; i < to - from; i++) {
      int o = baseFloat(i, d);
      int s = (from + i) * d;
      for (int j = 0; j < d; j++) {
        out[o + j * FLOAT_TILE] = (float) src[s + j];
      }
    }
    return out;
  }

  private static int checkedFloatLength(int n, int d) {
    long len = lengthFloat(n, d);
    if (len > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "too many values to pack: " + n + " points × " + d + " dimensions exceed one Java array");
    }
    return (int) len;
  }

  /** Packs row-major float {@code src[from, to)} into {@code dst}, which has room for them; clears the padding. */
  public static void packFloatInto(float[] src, int from, int to, int d, float[] dst) {
    int n = to - from;
    int full = n & ~(FLOAT_TILE - 1);
    for (int t = 0; t < full; t += FLOAT_TILE) {
      int tb = t * d;
      int sb = (from + t) * d;
      for (int l = 0; l < FLOAT_TILE; l++) {
        int s = sb + l * d;
        int o = tb + l;
        for (int j = 0; j < d; j++) {
          dst[o + j * FLOAT_TILE] = src[s + j];
        }
      }
    }
    if (full < n) {
      int tb = full * d;
      Arrays.fill(dst, tb, tb + FLOAT_TILE * d, 0f);
      for (int l = 0; l < n - full; l++) {
        int s = (from + full + l) * d;
        for (int j = 0; j < d; j++) {
          dst[tb + l + j * FLOAT_TILE] = src[s + j];
        }
      }
    }
  }
}
