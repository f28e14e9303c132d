package dev.segmint.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform sampling without replacement, the one way every sampled step draws its rows (sampled silhouette,
 * subsampling stability, the report's projection, the cluster package's row samples). Internal to Segmint (not API).
 * Each caller seeds its own {@link SplittableRandom}, so the same seed gives the same rows whatever the threads.
 */
public final class Sampling {
  private Sampling() {}

  /**
   * {@code size} distinct values of {@code pool} drawn uniformly by a partial Fisher–Yates shuffle of a copy (the
   * first {@code size} swaps, {@code size} calls of {@code rnd.nextInt}), returned in increasing order.
   * O(|pool| + size · log size) time, O(|pool|) memory.
   *
   * @throws IllegalArgumentException when size is negative or larger than the pool
   */
  public static int[] sortedSample(int[] pool, int size, SplittableRandom rnd) {
    if (size < 0 || size > pool.length) {
      throw new IllegalArgumentException("cannot draw " + size + " of " + pool.length + " rows");
    }
    int[] idx = pool.clone();
    for (int i = 0; i < size; i++) {
      int j = i + rnd.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, size);
    Arrays.sort(out);
    return out;
  }

  /** {@link #sortedSample(int[], int, SplittableRandom)} of the rows 0..n-1. */
  public static int[] sortedSample(int n, int size, SplittableRandom rnd) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return sortedSample(rows, size, rnd);
  }
}
