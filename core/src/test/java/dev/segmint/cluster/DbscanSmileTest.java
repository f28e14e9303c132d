package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Segmint's DBSCAN against Smile 6.3's (an independent implementation, KD-tree based). Smile's minPts does not
 * count the point itself (its range search leaves the query point out), so Smile runs with minPts − 1. Border points
 * may legitimately differ (Smile gives them to the first cluster that reaches them), so the check is on the core
 * set, the partition of the core points, and the noise set, which DBSCAN defines uniquely.
 */
@Tag("jdk25")
class DbscanSmileTest {

  private static void compare(FeatureMatrix m, double eps, int minPts) throws ReflectiveOperationException {
    smile.clustering.DBSCAN<double[]> peer = smile.clustering.DBSCAN.fit(m.toArray(), minPts - 1, eps);
    Field f = smile.clustering.DBSCAN.class.getDeclaredField("core");
    f.setAccessible(true);
    boolean[] smileCore = (boolean[]) f.get(peer);
    int[] group = peer.group();
    Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, minPts));
    String what = m.rows() + " × " + m.columns() + ", eps " + eps + ", minPts " + minPts;
    assertArrayEquals(smileCore, r.core(), what + ": core set");
    int[] labels = r.labels();
    boolean[] smileNoise = new boolean[group.length];
    boolean[] noise = new boolean[group.length];
    int n = labels.length;
    int cores = 0;
    for (int i = 0; i < n; i++) {
      smileNoise[i] = group[i] == smile.clustering.Clustering.OUTLIER;
      noise[i] = labels[i] < 0;
      if (r.core()[i]) {
        cores++;
      }
    }
    assertArrayEquals(smileNoise, noise, what + ": noise set");
    int[] a = new int[cores];
    int[] b = new int[cores];
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (r.core()[i]) {
        a[t] = labels[i];
        b[t] = group[i];
        t++;
      }
    }
    assertTrue(DbscanReference.samePartition(a, b), what + ": segments of the core points");
    assertTrue(cores > 0 && r.noiseCount() > 0, what + ": " + r);
  }

  @Test
  void realCustomerData() throws Exception {
    FeatureMatrix rfm = DensityData.onlineRetailRfm();
    compare(rfm, 0.2, 10);
    compare(rfm, 0.35, 25);
    FeatureMatrix mkt = DensityData.marketing();
    compare(mkt, 1.1, 6);
    compare(mkt, 1.7, 15);
  }

  @Test
  void synthetic2D3D8D() throws Exception {
    compare(DensityData.matrix(DensityData.blobs(3000, new double[] {0.3, 0.8, 1.5}, 1000, 2, 1)), 0.12, 8);
    compare(DensityData.matrix(DensityData.blobs(3000, new double[] {0.3, 0.8, 1.5}, 1000, 3, 2)), 0.3, 10);
    compare(DensityData.matrix(DensityData.blobs(2000, new double[] {0.3, 0.8, 1.5}, 1000, 8, 3)), 1.9, 6);
  }
}
