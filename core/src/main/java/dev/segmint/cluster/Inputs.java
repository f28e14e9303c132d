package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Sampling;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The checks every algorithm of the package makes on what it is given (data, weights, threads, new points), the one
 * meaning of threads, and the one way rows are sampled. Messages name the value and say how to fix it.
 */
final class Inputs {
  private Inputs() {}

  /**
   * Checks a fit's data and options: both present, numeric features only, distances representable, at least one row.
   *
   * @throws IllegalArgumentException for an empty matrix, categorical features, or values whose squared distances
   *     would overflow
   */
  static void data(FeatureMatrix data, Object options) {
    Objects.requireNonNull(data, "data");
    data.requireNumericOnly(options instanceof Clusterer c ? c.name() : "clustering");
    data.requireDistanceRange();
    Objects.requireNonNull(options, "options");
    if (data.rows() == 0) {
      throw new IllegalArgumentException("cannot cluster an empty feature matrix (0 customers)");
    }
  }

  /**
   * Checks sample weights and returns a copy, or null for none.
   *
   * @param positive true when every weight must be &gt; 0 (hierarchical), false when 0 is allowed as long as one is
   *     positive (k-means)
   */
  static double[] weights(double[] weights, int n, boolean positive) {
    if (weights == null) {
      return null;
    }
    if (weights.length != n) {
      throw new IllegalArgumentException("there are " + weights.length + " weights for " + n
          + " customers; give one weight per row");
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(positive ? w > 0 : w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight " + w + " at row " + i + (positive
            ? " is not a finite number > 0; hierarchical clustering needs positive weights (drop zero-weight rows)"
            : " is not a finite number ≥ 0"));
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("all weights are zero; at least one customer needs a positive weight");
    }
    return weights.clone();
  }

  /** Checks that new customers have the model's features, by name and order. */
  static void sameFeatures(FeatureMatrix m, String[] names) {
    if (!Arrays.equals(m.names(), names)) {
      throw new IllegalArgumentException("features " + Arrays.toString(m.names()) + " do not match the model's "
          + Arrays.toString(names));
    }
  }

  /** Checks new point {@code i}: one finite value per feature of the model. */
  static void point(double[] p, int i, String[] names) {
    int d = names.length;
    if (p.length != d) {
      throw new IllegalArgumentException("point " + i + " has " + p.length + " features but the model has " + d);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(p[j])) {
        throw new IllegalArgumentException("point " + i + " has a non-finite value " + p[j] + " in feature '"
            + names[j] + "'");
      }
    }
  }

  /**
   * {@code size} distinct row indices out of n drawn uniformly (partial Fisher–Yates), in increasing order. O(n).
   */
  static int[] sample(int n, int size, long seed) {
    if (size < n) {
      return Sampling.sortedSample(n, size, new SplittableRandom(seed ^ 0x5DEECE66DL));
    }
    int[] all = new int[size];
    for (int i = 0; i < Math.min(n, size); i++) {
      all[i] = i;
    }
    Arrays.sort(all);
    return all;
  }
}
