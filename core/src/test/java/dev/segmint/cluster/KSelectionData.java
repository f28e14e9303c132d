package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import java.util.SplittableRandom;

/** Data with a known number of well-separated groups, for the k-selection tests and the tables of docs/kmeans.md. */
final class KSelectionData {
  private KSelectionData() {}

  /**
   * {@code groups} Gaussian groups (standard deviation 1) in 2-D, centred on a grid of spacing 10 (three per row), of
   * 100, 150, 200, 250, 100, … customers; {@code truth} (if not null) receives each customer's group.
   */
  static FeatureMatrix separated(int groups, long seed, int[] truth) {
    int n = 0;
    for (int g = 0; g < groups; g++) {
      n += size(g);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[n][];
    String[] ids = new String[n];
    int i = 0;
    for (int g = 0; g < groups; g++) {
      double cx = 10.0 * (g % 3);
      double cy = 10.0 * (g / 3);
      for (int p = 0; p < size(g); p++, i++) {
        rows[i] = new double[] {cx + DensityData.gaussian(r), cy + DensityData.gaussian(r)};
        ids[i] = "c" + i;
        if (truth != null) {
          truth[i] = g;
        }
      }
    }
    return FeatureMatrix.of(ids, new String[] {"x", "y"}, rows);
  }

  static int size(int group) {
    return 100 + 50 * (group % 4);
  }

  static int customers(int groups) {
    int n = 0;
    for (int g = 0; g < groups; g++) {
      n += size(g);
    }
    return n;
  }
}
