package dev.segmint.benchmarks.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Every benchmark body gives the answer its peers give, on a small shape of the same data. */
class DensityBenchmarksTest {

  @Test
  void everyDbscanPeerFindsTheSameNoise() {
    double[][] rows = DensityBenchData.rows(4000, 3);
    FeatureMatrix m = DensityBenchData.matrix(rows);
    double eps = DensityBenchData.eps(m);
    int minPts = DensityBenchData.MIN_PTS;
    Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, minPts));
    int noise = r.noiseCount();
    assertTrue(r.k() >= 5 && noise > 0 && noise < 1000, r.toString());
    assertEquals(noise, DensityPeers.smileDbscan(rows, eps, minPts), "Smile");
    assertEquals(noise, DensityPeers.commonsMathDbscan(DensityPeers.doublePoints(rows), eps, minPts), "commons-math3");
    assertEquals(noise, DensityPeers.elkiDbscan(DensityPeers.elkiRelation(rows), eps, minPts), "ELKI");
    DbscanBenchmark b = new DbscanBenchmark();
    b.shape = "4000x3";
    for (String peer : new String[] {"segmint", "segmint1", "smile", "commonsMath", "elki"}) {
      b.peer = peer;
      b.setup();
      assertEquals(noise, b.dbscan(), peer);
    }
    // the median k-distance: half the sampled points core, so far more noise, and still every peer agrees
    double median = DensityBenchData.eps(m, "4000x3:q50");
    assertTrue(median < eps, median + " vs knee " + eps);
    b.shape = "4000x3:q50";
    b.peer = "smile";
    b.setup();
    int smileNoise = b.dbscan();
    assertEquals(Dbscan.fit(m, Dbscan.Options.of(median, minPts)).noiseCount(), smileNoise);
    assertTrue(smileNoise > noise, smileNoise + " noise at the median vs " + noise + " at the knee");
    for (String peer : new String[] {"segmint", "segmint1", "commonsMath", "elki"}) {
      b.peer = peer;
      b.setup();
      assertEquals(smileNoise, b.dbscan(), peer);
    }
  }

  @Test
  void hdbscanBodiesRun() {
    HdbscanBenchmark b = new HdbscanBenchmark();
    b.shape = "3000x3";
    b.peer = "segmint";
    b.setup();
    int k = b.hdbscan();
    assertTrue(k >= 5, "segments: " + k);
    b.peer = "segmint1";
    assertEquals(k, b.hdbscan());
    b.peer = "smile";
    b.setup();
    assertTrue(b.hdbscan() >= 2);
    b.peer = "elki";
    b.setup();
    assertEquals(3000, b.hdbscan(), "ELKI's merge history covers all n points");
    assertEquals(k, Hdbscan.fit(DensityBenchData.matrix(DensityBenchData.rows(3000, 3)), Hdbscan.Options.of(10)).k());
  }

  @Test
  void indexBenchmarkAgreesAcrossIndexes() {
    DbscanIndexBenchmark b = new DbscanIndexBenchmark();
    b.n = 1000;
    b.d = 3;
    int first = -1;
    for (String index : new String[] {"GRID", "KD_TREE", "BRUTE_FORCE"}) {
      b.index = index;
      b.setup();
      int noise = b.dbscan();
      if (first < 0) {
        first = noise;
      }
      assertEquals(first, noise, index);
    }
  }
}
