package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmint.cluster.RowDistance;
import dev.segmint.features.FeatureMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The silhouette under an algorithm's own distance: against the Euclidean path, and against a brute-force loop. */
class OwnDistanceSilhouetteTest {

  private static FeatureMatrix blobs(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[n][d];
    String[] ids = new String[n];
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      for (int j = 0; j < d; j++) {
        rows[i][j] = (i % 3) * 2.5 + r.nextGaussian();
      }
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  private static int[] labels(int n, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = i < k ? i : r.nextInt(k);
    }
    return l;
  }

  @Test
  void euclideanAsOwnDistanceIsTheEuclideanSilhouetteBitForBit() {
    FeatureMatrix m = blobs(700, 5, 7);
    double[] x = m.toFlatArray();
    int d = m.columns();
    RowDistance euclid = (i, j) -> {
      double acc = 0;
      for (int f = 0; f < d; f++) {
        double t = x[i * d + f] - x[j * d + f];
        acc += t * t;
      }
      return Math.sqrt(acc);
    };
    int[][] labelings = {labels(700, 3, 1), labels(700, 5, 2)};
    labelings[1][10] = -1;   // a noise point in one labeling
    for (int threads : new int[] {1, 2, 3}) {
      Silhouette[] exact = Quality.silhouettes(m, labelings, threads);
      Silhouette[] own = Quality.silhouettes(700, labelings, euclid, 10_000, 0, threads);
      Silhouette[] sampledE = Quality.silhouettesSampled(m, labelings, 300, 42, threads);
      Silhouette[] sampledO = Quality.silhouettes(700, labelings, euclid, 300, 42, threads);
      for (int q = 0; q < 2; q++) {
        assertEquals(exact[q].mean(), own[q].mean(), 0);
        assertArrayEquals(exact[q].perPoint(), own[q].perPoint(), 0);
        assertEquals(sampledE[q].mean(), sampledO[q].mean(), 0);
        assertEquals(300, sampledO[q].sampleSize());
      }
    }
  }

  @Test
  void mismatchDistanceAgainstBruteForce() {
    // customers described by one category; distance 0 when equal, 1 otherwise
    int[] level = {0, 0, 1, 1, 1, 2, 2, 0, 1, 2};
    int[] labels = {0, 0, 1, 1, 1, 2, 2, 2, 0, 2};
    RowDistance mismatch = (i, j) -> level[i] == level[j] ? 0 : 1;
    int n = level.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double a = 0;
      int own = 0;
      double[] other = new double[3];
      int[] size = new int[3];
      for (int j = 0; j < n; j++) {
        size[labels[j]]++;
        if (j != i) {
          if (labels[j] == labels[i]) {
            a += mismatch.between(i, j);
            own++;
          } else {
            other[labels[j]] += mismatch.between(i, j);
          }
        }
      }
      a /= own;
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        if (c != labels[i]) {
          b = Math.min(b, other[c] / size[c]);
        }
      }
      total += Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    }
    Silhouette s = Quality.silhouettes(n, new int[][] {labels}, mismatch, 10_000, 0, 2)[0];
    assertEquals(total / n, s.mean(), 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> Quality.silhouettes(n, new int[][] {new int[n]}, mismatch, 10_000, 0, 1));
  }
}
