package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Issue 17: HDBSCAN's default smallest segment grows with the number of customers (docs/density.md). */
class HdbscanDefaultsTest {

  @Test
  void theRule() {
    assertEquals(15, Hdbscan.Options.defaultMinClusterSize(10));
    assertEquals(15, Hdbscan.Options.defaultMinClusterSize(3_000));
    assertEquals(16, Hdbscan.Options.defaultMinClusterSize(3_100));      // 15.5 rounds up
    assertEquals(22, Hdbscan.Options.defaultMinClusterSize(4_338));
    assertEquals(118, Hdbscan.Options.defaultMinClusterSize(23_500));
    assertEquals(250, Hdbscan.Options.defaultMinClusterSize(50_000));
    Hdbscan.Options d = Hdbscan.Options.defaults();
    assertEquals(0, d.minClusterSize());
    assertEquals(15, d.effectiveMinSamples());
    assertEquals(new Hdbscan.Options(250, 15, Hdbscan.Selection.EOM, Hdbscan.MstAlgorithm.AUTO, 0),
        d.resolvedFor(50_000));
    // a given minSamples is kept; given options are not changed
    assertEquals(7, d.withMinSamples(7).resolvedFor(50_000).minSamples());
    assertEquals(Hdbscan.Options.of(30), Hdbscan.Options.of(30).resolvedFor(50_000));
    assertThrows(IllegalArgumentException.class, () -> Hdbscan.Options.of(0));
    assertThrows(IllegalArgumentException.class, () -> Hdbscan.Options.of(1));
  }

  /** 50,000 customers in 5 generated groups with 5 % noise: 15 splits them into 9 segments, the default finds 5. */
  @Test
  void largeDataIsNotFragmented() {
    double[][] rows = DensityData.blobs(50_000 * 95 / 100 / 5, new double[] {0.5, 0.8, 1.0, 1.2, 1.5},
        50_000 * 5 / 100, 3, 11);
    FeatureMatrix m = DensityData.matrix(rows);
    Hdbscan.Result before = Hdbscan.fit(m, Hdbscan.Options.of(15));
    Hdbscan.Result after = Hdbscan.Options.defaults().fit(m);
    assertEquals(9, before.k());
    assertEquals(5, after.k());
    // the noise shares docs/density.md gives for this data: 4.6 % before, 4.8 % with the rule
    assertEquals(0.046, before.noiseCount() / (double) m.rows(), 0.0005);
    assertEquals(0.048, after.noiseCount() / (double) m.rows(), 0.0005);
    assertEquals(250, after.options().minClusterSize());
    assertEquals(15, after.options().minSamples());
    assertEquals("HDBSCAN, minClusterSize = 250, minSamples = 15", after.settings());
  }
}
