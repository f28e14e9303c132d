package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Smile 6.3 (GPL, test scope only, needs Java 25) as an independent reference for the agreement indices. Smile has
 * no silhouette, Calinski–Harabasz or Davies–Bouldin, and commons-math3 has none of these indices, so those stay
 * checked by hand in {@link QualityTest}.
 */
@Tag("jdk25")
class AgreementSmileTest {

  @Test
  void ariNmiAndAmiAgreeWithSmile() {
    Random rnd = new Random(21);
    for (int trial = 0; trial < 5; trial++) {
      int n = 200 + 50 * trial;
      int[] a = new int[n];
      int[] b = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = rnd.nextInt(3 + trial);
        b[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : a[i] % 4;   // related but not identical
      }
      assertEquals(smile.validation.metric.AdjustedRandIndex.of(a, b), Agreement.adjustedRandIndex(a, b), 1e-12);
      // scikit-learn's default normaliser is the arithmetic mean of the entropies: Smile's "sum" method
      assertEquals(smile.validation.metric.NormalizedMutualInformation.sum(a, b),
          Agreement.normalizedMutualInfo(a, b), 1e-12);
      assertEquals(smile.validation.metric.AdjustedMutualInformation.sum(a, b), Agreement.adjustedMutualInfo(a, b),
          1e-9);
    }
  }
}
