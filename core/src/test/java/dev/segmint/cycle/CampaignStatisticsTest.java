package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** The campaign statistics against published worked examples, hand computations and independent computations. */
class CampaignStatisticsTest {

  private static final double Z = CampaignStatistics.Z_975;

  @Test
  void zIsTheNormalQuantileNotOnePointNineSix() {
    assertEquals(1.959963984540054, Z, 1e-15);
    assertEquals(0.8416212335729143, CampaignStatistics.Z_80, 1e-15);
  }

  /** Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score), to four decimals. */
  @Test
  void newcombeTableTwoMethodTen() {
    double[][] cases = {
        // x1, n1, x2, n2, low, high
        {56, 70, 48, 80, 0.0524, 0.3339},
        {9, 10, 3, 10, 0.1705, 0.8090},
        {6, 7, 2, 7, 0.0582, 0.8062},
        {5, 56, 0, 29, -0.0381, 0.1926},
        {0, 10, 0, 20, -0.1611, 0.2775},
        {0, 10, 0, 10, -0.2775, 0.2775},
        {10, 10, 0, 20, 0.6791, 1.0000},
        {10, 10, 0, 10, 0.6075, 1.0000},
    };
    for (double[] c : cases) {
      double[] ci = CampaignStatistics.newcombe((long) c[0], (long) c[1], (long) c[2], (long) c[3], Z);
      assertEquals(c[4], ci[0], 5e-5, () -> "low of " + java.util.Arrays.toString(c));
      assertEquals(c[5], ci[1], 5e-5, () -> "high of " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void wilsonByHand() {
    // 56/70: p = 0.8, centre = (0.8 + z²/140) / (1 + z²/70), half = z sqrt(0.16/70 + z²/19600) / (1 + z²/70)
    double z2 = Z * Z;
    double denom = 1 + z2 / 70;
    double centre = (0.8 + z2 / 140) / denom;
    double half = Z * Math.sqrt(0.16 / 70 + z2 / 19600) / denom;
    assertArrayEquals(new double[] {centre - half, centre + half}, CampaignStatistics.wilson(56, 70, Z), 1e-15);
    assertArrayEquals(new double[] {0, 1}, new double[] {CampaignStatistics.wilson(0, 5, Z)[0],
        CampaignStatistics.wilson(5, 5, Z)[1]});
    assertTrue(Double.isNaN(CampaignStatistics.wilson(0, 0, Z)[0]));
  }

  /** Fisher's exact test, two-sided, by summing hypergeometric table probabilities with commons-math3. */
  private static double referenceFisher(int x1, int n1, int x2, int n2) {
    int k = x1 + x2;
    HypergeometricDistribution h = new HypergeometricDistribution(null, n1 + n2, n1, k);
    double observed = h.probability(x1);
    double p = 0;
    for (int a = Math.max(0, k - n2); a <= Math.min(k, n1); a++) {
      double pa = h.probability(a);
      if (pa <= observed * (1 + 1e-7)) {
        p += pa;
      }
    }
    return Math.min(1, p);
  }

  @Test
  void fisherAgainstHypergeometricSums() {
    // Fisher's tea-tasting table: two-sided p = 34/70 = 0.4857
    assertEquals(34.0 / 70, CampaignStatistics.fisher(3, 4, 1, 4), 1e-12);
    int[][] cases = {{7, 20, 2, 20}, {0, 15, 4, 12}, {5, 56, 0, 29}, {1, 3, 0, 40}, {12, 30, 3, 31}, {2, 200, 9, 180},
        {0, 10, 0, 10}, {10, 10, 0, 10}, {3, 1000, 0, 1000}};
    for (int[] c : cases) {
      assertEquals(referenceFisher(c[0], c[1], c[2], c[3]), CampaignStatistics.fisher(c[0], c[1], c[2], c[3]), 1e-10,
          () -> java.util.Arrays.toString(c));
    }
    assertEquals(0.12738612738612737, CampaignStatistics.fisher(7, 20, 2, 20), 1e-12);   // scipy.stats.fisher_exact
  }

  @Test
  void zTestAgainstNormalAndChiSquare() {
    NormalDistribution n = new NormalDistribution(null, 0, 1);
    int[][] cases = {{56, 70, 48, 80}, {120, 1000, 100, 1000}, {400, 5000, 380, 5000}, {30, 60, 45, 61}};
    for (int[] c : cases) {
      double p1 = (double) c[0] / c[1];
      double p2 = (double) c[2] / c[3];
      double pooled = (double) (c[0] + c[2]) / (c[1] + c[3]);
      double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / c[1] + 1.0 / c[3]));
      double expected = 2 * (1 - n.cumulativeProbability(Math.abs(z)));
      assertEquals(expected, CampaignStatistics.zTest(c[0], c[1], c[2], c[3]), 1e-12);
      // the pooled z-test is Pearson's chi-square test without continuity correction (z² = X²)
      long[][] table = {{c[0], c[1] - c[0]}, {c[2], c[3] - c[2]}};
      assertEquals(new ChiSquareTest().chiSquareTest(table), CampaignStatistics.zTest(c[0], c[1], c[2], c[3]), 1e-9);
      assertFalse(CampaignStatistics.usesFisher(c[0], c[1], c[2], c[3]));
      assertEquals(CampaignStatistics.zTest(c[0], c[1], c[2], c[3]), CampaignStatistics.pValue(c[0], c[1], c[2], c[3]));
    }
  }

  @Test
  void smallExpectedCellsUseFisher() {
    // 5/56 vs 0/29: conversions 5, expected control conversions 5 × 29/85 = 1.7 < 5
    assertEquals(5.0 * 29 / 85, CampaignStatistics.minExpected(5, 56, 0, 29), 1e-12);
    assertTrue(CampaignStatistics.usesFisher(5, 56, 0, 29));
    assertEquals(referenceFisher(5, 56, 0, 29), CampaignStatistics.pValue(5, 56, 0, 29), 1e-12);
    // exactly 5 expected in the smallest cell: the z-test (below 5 only is Fisher)
    assertEquals(5.0, CampaignStatistics.minExpected(5, 10, 5, 10), 1e-12);
    assertFalse(CampaignStatistics.usesFisher(5, 10, 5, 10));
    assertTrue(Double.isNaN(CampaignStatistics.pValue(3, 10, 0, 0)));
  }

  @Test
  void benjaminiHochbergByHand() {
    // sorted 0.001, 0.04, 0.041, 0.9 (m = 4): m p / rank = 0.004, 0.08, 0.054667, 0.9; running minimum from the top
    double[] q = CampaignStatistics.benjaminiHochberg(new double[] {0.04, 0.9, Double.NaN, 0.001, 0.041});
    assertEquals(0.041 * 4 / 3, q[0], 1e-15);
    assertEquals(0.9, q[1], 1e-15);
    assertTrue(Double.isNaN(q[2]));
    assertEquals(0.004, q[3], 1e-15);
    assertEquals(0.041 * 4 / 3, q[4], 1e-15);
    // 0.7 × 2 / 1 = 1.4 is lowered to the running minimum 0.9
    assertArrayEquals(new double[] {0.9, 0.9}, CampaignStatistics.benjaminiHochberg(new double[] {0.7, 0.9}), 0);
  }

  @Test
  void welchByHand() {
    // {1,2,3,4} vs {2,4,6}: means 2.5 and 4, variances 5/3 and 4; se² = 5/12 + 4/3 = 1.75;
    // ν = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / 0.94675926 = 3.2347188; t(0.975, ν) = 3.0557219
    // (scipy.stats.ttest_ind(equal_var=False).confidence_interval(): -5.542327954923024 to 2.5423279549230244)
    double[] w = CampaignStatistics.welch(2.5, 5.0 / 3, 4, 4, 4, 3);
    double se = Math.sqrt(1.75);
    double df = 3.0625 / ((25.0 / 144) / 3 + (16.0 / 9) / 2);
    assertEquals(3.234718826405868, df, 1e-12);
    assertEquals(-1.5, w[0], 1e-15);
    assertEquals(-1.5 - 3.0557219 * se, w[1], 1e-4);
    assertEquals(-5.542327954923024, w[1], 1e-9);
    assertEquals(2.5423279549230244, w[2], 1e-9);
    assertArrayEquals(new double[] {2, 2, 2}, CampaignStatistics.welch(5, 0, 10, 3, 0, 10), 0);
    assertTrue(Double.isNaN(CampaignStatistics.welch(5, 1, 1, 3, 1, 10)[1]));
  }

  @Test
  void customersPerGroupByHand() {
    // 12 % vs 10 %: p̄ = 0.11; (1.959964 × √(2 × 0.11 × 0.89) + 0.841621 × √(0.12 × 0.88 + 0.10 × 0.90))² / 0.02²
    //   = (1.959964 × 0.442493 + 0.841621 × 0.442267)² / 0.0004 = 1.239487² / 0.0004 = 3840.8 → 3841
    assertEquals(3841, CampaignStatistics.customersPerGroup(0.12, 0.10));
    assertEquals(3841, CampaignStatistics.customersPerGroup(0.10, 0.12));
    // 50 % vs 40 %: p̄ = 0.45: (1.959964 × 0.703562 + 0.841621 × 0.700000)² / 0.01 = (1.378957 + 0.589135)² / 0.01
    //   = 387.34 → 388
    assertEquals(388, CampaignStatistics.customersPerGroup(0.5, 0.4));
    assertTrue(Double.isNaN(CampaignStatistics.customersPerGroup(0.3, 0.3)));
  }
}
