package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fits evaluate their likelihoods once per distinct cell with a weight, with logarithms tabulated per distinct
 * value, in parallel blocks: the grouped sums equal the per-customer sums, and a fit gives the same numbers for any
 * thread count.
 */
class GroupedLikelihoodTest {
  private static final BgNbd PURCHASES = BgNbd.of(0.5, 30, 1.2, 3, Period.DAY);
  private static final GammaGamma ORDERS = GammaGamma.of(3, 4, 50);

  private static void close(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, rel * Math.abs(expected), () -> what + ": expected " + expected + " got " + actual);
  }

  /** 5,000 customers in whole days with ages 0..200 (many share (x, t_x, T)). */
  private static CalibrationSummary daily() {
    return Simulation.simulate(5_000, PURCHASES, ORDERS, 200, true, 3);
  }

  @Test
  void groupedBgNbdLikelihoodAndGradientEqualThePerCustomerSums() {
    CalibrationSummary s = daily();
    int[] x = s.x();
    double[] tx = s.tx();
    double[] t = s.t();
    int n = s.size();
    Cells cells = Cells.group(x, tx, t, null);
    assertTrue(cells.size() < n / 2, "daily customers share cells: " + cells.size() + " of " + n);
    // away from the optimum (other parameters than the simulated ones), where every gradient component is large
    BgNbd at = BgNbd.of(0.8, 20, 0.7, 5, Period.DAY);
    double[] theta = {Math.log(0.8), Math.log(20), Math.log(0.7), Math.log(5)};
    double refValue = 0;
    double[] refGradient = new double[4];
    double[] one = new double[4];
    for (int i = 0; i < n; i++) {
      // per customer: the closed form of BgNbd.logLikelihood(x, t_x, T), and the gradient of a one-customer cell
      refValue += at.logLikelihood(x[i], tx[i], t[i]);
      new BgNbd.Likelihood(Cells.group(new int[] {x[i]}, new double[] {tx[i]}, new double[] {t[i]}, null), 1)
          .value(theta, one);
      for (int j = 0; j < 4; j++) {
        refGradient[j] += one[j];
      }
    }
    for (int threads : new int[] {1, 2}) {
      double[] g = new double[4];
      double v = new BgNbd.Likelihood(cells, threads).value(theta, g);
      close(refValue, v, 1e-12, "log-likelihood on " + threads + " threads");
      assertEquals(v, new BgNbd.Likelihood(cells, threads).value(theta, null), "the value without the gradient");
      for (int j = 0; j < 4; j++) {
        assertTrue(Math.abs(refGradient[j]) > 10, "a large gradient component " + j + ": " + refGradient[j]);
        close(refGradient[j], g[j], 1e-12, "d/dθ" + j + " on " + threads + " threads");
      }
    }
    close(refValue, at.logLikelihood(s), 1e-12, "BgNbd.logLikelihood(summary)");
  }

  @Test
  void groupedGammaGammaLikelihoodAndGradientEqualThePerCustomerSums() {
    CalibrationSummary sim = daily();
    int n = sim.size();
    int[] x = sim.x();
    double[] m = sim.m();
    for (int i = 0; i < n; i++) {
      m[i] = x[i] > 0 ? Math.ceil(m[i] / 5) * 5 : 0;   // amounts in steps of 5: customers share (x, m)
    }
    CalibrationSummary s = CalibrationSummary.of(null, x, sim.tx(), sim.t(), m, Period.DAY);
    boolean[] keep = new boolean[n];
    int repeat = 0;
    for (int i = 0; i < n; i++) {
      keep[i] = x[i] > 0;
      repeat += keep[i] ? 1 : 0;
    }
    Cells cells = Cells.group(x, m, m, keep);
    assertTrue(cells.size() < repeat * 3 / 4, "rounded amounts share cells: " + cells.size() + " of " + repeat);
    GammaGamma at = GammaGamma.of(2, 6, 80);
    double[] theta = {Math.log(2), Math.log(6), Math.log(80)};
    double refValue = 0;
    double[] refGradient = new double[3];
    double[] one = new double[3];
    for (int i = 0; i < n; i++) {
      if (!keep[i]) {
        continue;
      }
      refValue += at.logLikelihood(x[i], m[i]);
      new GammaGamma.Likelihood(Cells.group(new int[] {x[i]}, new double[] {m[i]}, new double[] {m[i]}, null), 1)
          .value(theta, one);
      for (int j = 0; j < 3; j++) {
        refGradient[j] += one[j];
      }
    }
    for (int threads : new int[] {1, 2}) {
      double[] g = new double[3];
      double v = new GammaGamma.Likelihood(cells, threads).value(theta, g);
      close(refValue, v, 1e-12, "log-likelihood on " + threads + " threads");
      assertEquals(v, new GammaGamma.Likelihood(cells, threads).value(theta, null), "the value without the gradient");
      for (int j = 0; j < 3; j++) {
        assertTrue(Math.abs(refGradient[j]) > 10, "a large gradient component " + j + ": " + refGradient[j]);
        close(refGradient[j], g[j], 1e-12, "d/dθ" + j + " on " + threads + " threads");
      }
    }
    close(refValue, at.logLikelihood(s), 1e-12, "GammaGamma.logLikelihood(summary)");
  }

  @Test
  void fitsAndPredictionsAreTheSameForAnyThreadCount() {
    // more customers than the start sample (20,000), more cells than a block (4,096): the sampled starts, the
    // parallel blocks and (with fractional weeks: every T distinct) the parallel tables of logarithms all run
    CalibrationSummary[] data = {
        Simulation.simulate(30_000, PURCHASES, ORDERS, 400, true, 11),
        Simulation.simulate(30_000, BgNbd.of(0.243, 4.414, 0.793, 2.426, Period.WEEK), ORDERS, 78, false, 12)};
    for (CalibrationSummary s : data) {
      assertTrue(Cells.group(s.x(), s.tx(), s.t(), null).size() > 2 * Cells.BLOCK);
      ValueModel one = ValueModel.fit(s, 1);
      ValuePredictions p1 = one.predict(s, 360, 0.01, 1);
      for (int threads : new int[] {2, 3}) {
        ValueModel m = ValueModel.fit(s, threads);
        assertArrayEquals(one.purchases().parameters(), m.purchases().parameters(), "BG/NBD, " + threads + " threads");
        assertArrayEquals(one.purchases().standardErrors(), m.purchases().standardErrors());
        assertEquals(one.purchases().logLikelihood(), m.purchases().logLikelihood());
        assertArrayEquals(one.orderValue().parameters(), m.orderValue().parameters(), "Gamma-Gamma, " + threads);
        assertArrayEquals(one.orderValue().standardErrors(), m.orderValue().standardErrors());
        assertEquals(one.orderValue().logLikelihood(), m.orderValue().logLikelihood());
        ValuePredictions p = m.predict(s, 360, 0.01, threads);
        assertArrayEquals(p1.pAlive(), p.pAlive());
        assertArrayEquals(p1.expectedPurchases(), p.expectedPurchases());
        assertArrayEquals(p1.clv(), p.clv());
      }
    }
  }

  @Test
  void distinctValuesIndexEveryEntry() {
    Cells.Distinct d = Cells.Distinct.of(new double[] {3, 0, 3, 1.5, 0, 7});
    assertArrayEquals(new double[] {0, 1.5, 3, 7}, d.values());
    assertArrayEquals(new int[] {2, 0, 2, 1, 0, 3}, d.index());
  }
}
