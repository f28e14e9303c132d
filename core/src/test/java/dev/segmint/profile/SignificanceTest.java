package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.OneWayAnova;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** Hand-computed cases, commons-math3 where it has the test, and scipy 1.10.1 values where it does not. */
class SignificanceTest {

  @Test
  void benjaminiHochbergByHand() {
    // sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); m·p/rank = 0.02, 0.02, 0.04, 0.04; running minimum from the top
    assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
        Significance.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    // monotonicity: 0.04·3/2 = 0.06 > 0.045·3/3 = 0.045, so the middle one takes 0.045; NaN is not counted in m
    assertArrayEquals(new double[] {0.03, 0.045, 0.045, Double.NaN},
        Significance.benjaminiHochberg(new double[] {0.01, 0.04, 0.045, Double.NaN}), 1e-15);
    // ties share their adjusted value
    assertArrayEquals(new double[] {0.9, 0.9}, Significance.benjaminiHochberg(new double[] {0.9, 0.9}), 1e-15);
    assertArrayEquals(new double[] {0.8, 0.8}, Significance.benjaminiHochberg(new double[] {0.8, 0.4}), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Significance.benjaminiHochberg(new double[] {1.5}));
  }

  @Test
  void kruskalWallisByHand() {
    // no ties: ranks 1..9, rank sums 6, 15, 24; H = 12/(9·10)·(36 + 225 + 576)/3 − 3·10 = 7.2; p = exp(−7.2/2) (df 2)
    Significance.Result r = Significance.kruskalWallis(new double[] {1, 2, 3}, new double[] {4, 5, 6},
        new double[] {7, 8, 9});
    assertEquals(7.2, r.statistic(), 1e-12);
    assertEquals(2, r.df());
    assertEquals(Math.exp(-3.6), r.pValue(), 1e-15);
    assertEquals(7.2 / 8, r.effectSize(), 1e-12);
    // ties: 1,2,2,2,3,4 → ranks 1,3,3,3,5,6; rank sums 7 and 14; H = 12/42·(49 + 196)/3 − 21 = 7/3;
    // correction 1 − (3³ − 3)/(6³ − 6) = 1 − 24/210; H' = (7/3)/(186/210) = 2.634408602...
    Significance.Result t = Significance.kruskalWallis(new double[] {1, 2, 2}, new double[] {2, 3, 4});
    assertEquals((7.0 / 3) / (186.0 / 210), t.statistic(), 1e-12);
    // scipy.stats.kruskal([1,2,2],[2,3,4]) → statistic 2.634408602150532, pvalue 0.104570993064373
    assertEquals(2.634408602150532, t.statistic(), 1e-12);
    assertEquals(0.104570993064373, t.pValue(), 1e-12);
    // all values tie: undefined
    assertTrue(Double.isNaN(Significance.kruskalWallis(new double[] {1, 1}, new double[] {1}).pValue()));
    assertTrue(Double.isNaN(Significance.kruskalWallis(new double[] {1, 2}).pValue()), "one group");
  }

  @Test
  void mannWhitneyMatchesCommonsMathWithoutTiesAndScipyWithTies() {
    Random rnd = new Random(3);
    double[] x = new double[40];
    double[] y = new double[55];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian() + 0.4;
    }
    // commons-math3 3.6.1: normal approximation, no continuity or tie correction — identical without ties
    assertEquals(new MannWhitneyUTest().mannWhitneyUTest(x, y), Significance.mannWhitney(x, y).pValue(), 1e-12);
    // scipy.stats.mannwhitneyu([1,2,2,3,3,3,4], [2,3,4,4,5,5,6], use_continuity=False, alternative='two-sided',
    //     method='asymptotic') → statistic 8.5, pvalue 0.036754961054507304
    Significance.Result r = Significance.mannWhitney(new double[] {1, 2, 2, 3, 3, 3, 4},
        new double[] {2, 3, 4, 4, 5, 5, 6});
    assertEquals(8.5, r.statistic(), 1e-12);
    assertEquals(0.036754961054507304, r.pValue(), 1e-12);
    assertEquals(2 * 8.5 / 49 - 1, r.effectSize(), 1e-12);
  }

  @Test
  void welchAnovaAndChiSquareMatchCommonsMath() {
    double[] a = {1, 2, 2, 3};
    double[] b = {2, 3, 4, 4, 5};
    double[] c = {6, 5, 7};
    assertEquals(new TTest().tTest(a, b), Significance.welch(a, b), 1e-14);
    // scipy.stats.ttest_ind([1,2,2,3],[2,3,4,4,5], equal_var=False).pvalue
    assertEquals(0.04433857982889465, Significance.welch(a, b), 1e-12);
    Significance.Result f = Significance.anova(a, b, c);
    assertEquals(new OneWayAnova().anovaFValue(List.of(a, b, c)), f.statistic(), 1e-12);
    assertEquals(new OneWayAnova().anovaPValue(List.of(a, b, c)), f.pValue(), 1e-12);
    // scipy.stats.f_oneway([1,2,2,3],[2,3,4,4,5],[6,5,7]) → 13.434782608695636, 0.001985289227690853
    assertEquals(13.434782608695636, f.statistic(), 1e-10);
    assertEquals(0.001985289227690853, f.pValue(), 1e-13);
    long[][] t = {{10, 20, 0, 5}, {30, 40, 0, 7}, {3, 9, 0, 12}};
    long[][] dropped = {{10, 20, 5}, {30, 40, 7}, {3, 9, 12}};
    Significance.Result chi = Significance.chiSquare(t);
    assertEquals(new ChiSquareTest().chiSquare(dropped), chi.statistic(), 1e-12);
    assertEquals(new ChiSquareTest().chiSquareTest(dropped), chi.pValue(), 1e-12);
    // scipy.stats.chi2_contingency(t[:, [0, 1, 3]], correction=False) → 22.97815362931642, 0.0001279050447528349, 4
    assertEquals(22.97815362931642, chi.statistic(), 1e-10);
    assertEquals(4, chi.df());
    assertEquals(0.0001279050447528349, chi.pValue(), 1e-15);
    assertEquals(Math.sqrt(22.97815362931642 / (136 * 2)), chi.effectSize(), 1e-12);
    assertTrue(Double.isNaN(Significance.chiSquare(new long[][] {{1, 2}}).pValue()), "one row");
  }

  @Test
  void cohensDByHand() {
    // means 2 and 3.6, variances 2/3 and 1.3: pooled = (3·2/3 + 4·1.3) / 7 = 7.2 / 7
    assertEquals((2 - 3.6) / Math.sqrt(7.2 / 7), Significance.cohensD(4, 2, 2.0 / 3, 5, 3.6, 1.3), 1e-14);
    assertTrue(Double.isNaN(Significance.cohensD(2, 1, 0, 2, 1, 0)), "no spread at all");
  }

  @Test
  void quantilesAreTypeSeven() {
    double[] s = {1, 2, 4, 8};
    assertEquals(1, NumericSummary.quantile(s, 0));
    assertEquals(1.75, NumericSummary.quantile(s, 0.25), 1e-15); // h = 0.75 → 1 + 0.75·(2 − 1)
    assertEquals(3, NumericSummary.quantile(s, 0.5), 1e-15);
    assertEquals(5, NumericSummary.quantile(s, 0.75), 1e-15); // h = 2.25 → 4 + 0.25·4
    assertEquals(8, NumericSummary.quantile(s, 1));
  }
}
