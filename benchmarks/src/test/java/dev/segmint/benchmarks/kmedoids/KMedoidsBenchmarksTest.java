package dev.segmint.benchmarks.kmedoids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMedoids;
import dev.segmint.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** Every benchmark body gives the answer its peers give, on a small shape of the same data. */
class KMedoidsBenchmarksTest {

  @Test
  void segmintAndElkiReachTheSameCostFromTheSameStart() {
    FeatureMatrix m = MixedWorkload.customers(800);
    KMedoids.Result r = KMedoids.fit(m, MixedWorkload.options(0));
    double elki = MixedWorkload.elkiCost(MixedWorkload.elki(m));
    assertEquals(elki, r.cost(), 1e-9 * elki);
    assertTrue(r.swaps() > 0 && r.k() == MixedWorkload.K, r.figures());
    KMedoidsBenchmark b = new KMedoidsBenchmark();
    b.customers = 800;
    for (String peer : new String[] {"segmint", "segmint1", "segmint-sampled", "elki"}) {
      b.peer = peer;
      b.setup();
      // 800 customers are below the sample size, so the sampled peer takes the same path
      assertEquals(r.cost(), b.fit(), 1e-9 * elki, peer);
      assertEquals(String.format(java.util.Locale.ROOT, "kmedoids-outcome customers=800 peer=%s cost=%.10g", peer,
          b.fit()), b.outcome());
    }
  }
}
