package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Hand-computed indices on the 1-D points 0, 1 | 5, 6 (and a noise point at 100). */
class QualityTest {

  static FeatureMatrix points(double... v) {
    String[] ids = new String[v.length];
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      ids[i] = "p" + i;
      rows[i] = new double[] {v[i]};
    }
    return FeatureMatrix.of(ids, new String[] {"x"}, rows);
  }

  @Test
  void silhouetteByHand() {
    // s(0) = (5.5 - 1) / 5.5, s(1) = (4.5 - 1) / 4.5, symmetric for 5 and 6
    double s0 = 4.5 / 5.5;
    double s1 = 3.5 / 4.5;
    Silhouette s = Quality.silhouette(points(0, 1, 5, 6), new int[] {0, 0, 1, 1}, 2);
    assertEquals((s0 + s1) / 2, s.mean(), 1e-15);
    assertArrayEquals(new double[] {s0, s1, s1, s0}, s.perPoint(), 1e-15);
    assertArrayEquals(new double[] {(s0 + s1) / 2, (s0 + s1) / 2}, s.perSegment(), 1e-15);
    // a singleton segment scores 0 (scikit-learn): points 0 | 1 | 5, 6
    Silhouette single = Quality.silhouette(points(0, 1, 5, 6), new int[] {0, 1, 2, 2}, 1);
    assertEquals(0.0, single.perPoint()[0]);
  }

  @Test
  void noiseIsLeftOutAndSaid() {
    Silhouette s = Quality.silhouette(points(0, 1, 5, 6, 100), new int[] {0, 0, 1, 1, -1}, 1);
    assertEquals((4.5 / 5.5 + 3.5 / 4.5) / 2, s.mean(), 1e-15);
    assertEquals(1, s.noiseLeftOut());
    assertTrue(Double.isNaN(s.perPoint()[4]));
    assertTrue(s.toString().contains("1 noise points left out"), s.toString());
    assertEquals(50.0, Quality.calinskiHarabasz(points(0, 1, 5, 6, 100), new int[] {0, 0, 1, 1, -1}), 1e-12);
  }

  @Test
  void calinskiHarabaszAndDaviesBouldinByHand() {
    // centroids 0.5 and 5.5, overall mean 3: between = 4 · 2.5² = 25, within = 4 · 0.25 = 1, CH = 25 · 2 / 1 = 50
    assertEquals(50.0, Quality.calinskiHarabasz(points(0, 1, 5, 6), new int[] {0, 0, 1, 1}), 1e-12);
    // mean distance to centroid 0.5 in both; centroid distance 5: DB = (0.5 + 0.5) / 5
    assertEquals(0.2, Quality.daviesBouldin(points(0, 1, 5, 6), new int[] {0, 0, 1, 1}), 1e-15);
    assertEquals(1.0, Quality.inertia(points(0, 1, 5, 6), new int[] {0, 0, 1, 1}), 1e-15);
  }

  @Test
  void sampledSilhouetteIsSeededAndSaysSo() {
    double[] v = new double[400];
    int[] labels = new int[400];
    for (int i = 0; i < 400; i++) {
      v[i] = (i % 2) * 10 + (i % 7) * 0.1;
      labels[i] = i % 2;
    }
    FeatureMatrix m = points(v);
    Silhouette a = Quality.silhouetteSampled(m, labels, 100, 7, 2);
    Silhouette b = Quality.silhouetteSampled(m, labels, 100, 7, 1);
    assertEquals(a.mean(), b.mean(), 0.0);
    assertEquals(100, a.sampleSize());
    assertEquals(Quality.silhouette(m, labels), a.mean(), 0.01);
    assertTrue(a.toString().contains("sample of 100 points, seed 7"), a.toString());
  }

  @Test
  void undefinedCasesAreExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quality.silhouette(points(0, 1, 2), new int[] {0, 0, 0}));
    assertTrue(e.getMessage().contains("between 2 and n - 1"), e.getMessage());
  }
}
