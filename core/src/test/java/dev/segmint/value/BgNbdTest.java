package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdTest {
  /** Fader, Hardie and Lee (2005), CDNOW, weekly: the published estimates, used as known parameters. */
  static final BgNbd CDNOW = BgNbd.of(0.243, 4.414, 0.793, 2.426, Period.WEEK);
  private static final BgNbd OTHER = BgNbd.of(2.1, 13.0, 1.4, 0.6, Period.WEEK);
  /** (x, t_x, T): no repeat, typical, many purchases, last purchase at T, short history. */
  private static final double[][] CUSTOMERS = {{0, 0, 30}, {1, 5.5, 38.9}, {3, 20.1, 38.9}, {50, 37.2, 39},
      {2, 0.3, 0.3}, {7, 12, 80}};

  private static void close(double expected, double actual, double rel) {
    assertEquals(expected, actual, rel * Math.abs(expected), () -> "expected " + expected + " got " + actual);
  }

  private static CalibrationSummary summaryOf(double[][] rows) {
    int n = rows.length;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (int) rows[i][0];
      tx[i] = rows[i][1];
      t[i] = rows[i][2];
      m[i] = x[i] > 0 ? 10 : 0;
    }
    return CalibrationSummary.of(null, x, tx, t, m, Period.WEEK);
  }

  @Test
  void logLikelihoodEqualsNumericalIntegrationOverLambdaAndP() {
    for (BgNbd model : new BgNbd[] {CDNOW, OTHER}) {
      double total = 0;
      for (double[] c : CUSTOMERS) {
        double ref = Integrals.bgNbdLogLikelihood(model.r(), model.alpha(), model.a(), model.b(), (int) c[0], c[1],
            c[2]);
        close(ref, model.logLikelihood((int) c[0], c[1], c[2]), 1e-8);
        total += ref;
      }
      close(total, model.logLikelihood(summaryOf(CUSTOMERS)), 1e-8);
    }
  }

  @Test
  void pAliveEqualsTheShareOfTheAliveTerm() {
    for (double[] c : CUSTOMERS) {
      double ref = Integrals.bgNbdPAlive(CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b(), (int) c[0], c[1], c[2]);
      close(ref, CDNOW.pAlive((int) c[0], c[1], c[2]), 1e-8);
    }
    assertEquals(1.0, CDNOW.pAlive(0, 0, 10));
  }

  @Test
  void expectedPurchasesEqualNumericalIntegration() {
    for (BgNbd model : new BgNbd[] {CDNOW, OTHER}) {
      for (double[] c : CUSTOMERS) {
        int x = (int) c[0];
        for (double t : new double[] {1, 13, 52, 520}) {
          double ref = Integrals.bgNbdPAlive(model.r(), model.alpha(), model.a(), model.b(), x, c[1], c[2])
              * Integrals.aliveExpectation(model.r() + x, model.b() + x, model.a(), t / (model.alpha() + c[2]));
          close(ref, model.expectedPurchases(t, x, c[1], c[2]), 1e-9);
        }
      }
    }
  }

  @Test
  void expectedPurchasesStayFiniteForLargeA() {
    // a fit on a ridge (found on a generated shop file: a ≈ 3e4, b ≈ 1.7e5) made the Euler series overflow to NaN
    BgNbd moderate = BgNbd.of(0.5, 30.7, 300, 1700, Period.DAY);
    for (double[] c : new double[][] {{0, 0, 167}, {4, 142, 157}, {12, 300, 320}}) {
      int x = (int) c[0];
      for (double t : new double[] {90, 360, 1000}) {
        double ref = Integrals.bgNbdPAlive(0.5, 30.7, 300, 1700, x, c[1], c[2])
            * Integrals.aliveExpectation(0.5 + x, 1700 + x, 300, t / (30.7 + c[2]));
        close(ref, moderate.expectedPurchases(t, x, c[1], c[2]), 1e-8);
      }
    }
    BgNbd ridge = BgNbd.of(0.501393, 30.6534, 29952.9, 171417, Period.DAY);
    double s = 360 / (30.6534 + 157);
    double closed = (29952.9 + 171417 + 4 - 1) / (29952.9 - 1) * (1 - Math.pow(1 + s, -(0.501393 + 4))
        * Hypergeometric.hyp2f1(0.501393 + 4, 171417 + 4, 29952.9 + 171417 + 4 - 1, s / (1 + s)));
    close(ridge.pAlive(4, 142, 157) * closed, ridge.expectedPurchases(360, 4, 142, 157), 1e-9);
  }

  @Test
  void expectedPurchasesOfANewCustomerEqualTheClosedForm() {
    // Fader, Hardie and Lee (2005), eq. 9, with 2F1 by its series
    for (BgNbd model : new BgNbd[] {CDNOW, OTHER}) {
      for (double t : new double[] {0.5, 39, 78}) {
        double z = t / (model.alpha() + t);
        double ref = (model.a() + model.b() - 1) / (model.a() - 1) * (1 - Math.pow(model.alpha() / (model.alpha() + t),
            model.r()) * Hypergeometric.hyp2f1(model.r(), model.b(), model.a() + model.b() - 1, z));
        close(ref, model.expectedPurchasesNew(t), 1e-10);
      }
    }
    assertEquals(0.0, CDNOW.expectedPurchasesNew(0));
  }

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    BgNbd.Likelihood f = new BgNbd.Likelihood(Cells.group(new int[] {0, 1, 3, 50, 2, 7}, new double[] {0, 5.5, 20.1,
        37.2, 0.3, 12}, new double[] {30, 38.9, 38.9, 39, 0.3, 80}, null), 1);
    double[] theta = {Math.log(0.243), Math.log(4.414), Math.log(0.793), Math.log(2.426)};
    double[] g = new double[4];
    f.value(theta, g);
    for (int i = 0; i < 4; i++) {
      double h = 1e-6;
      double[] p = theta.clone();
      double[] m = theta.clone();
      p[i] += h;
      m[i] -= h;
      double fd = (f.value(p, null) - f.value(m, null)) / (2 * h);
      assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "d/dθ" + i);
    }
  }

  @Test
  void recoversSimulatedParametersWithinThreeStandardErrors() {
    // 20,000 customers from the CDNOW parameters, ages uniform on (0, 78) weeks (Simulation's generator, seed 7)
    CalibrationSummary s = Simulation.simulate(20_000, CDNOW, GammaGamma.of(6.25, 3.74, 15.44), 78, false, 7);
    BgNbd fit = BgNbd.fit(s, 1);
    double[] truth = CDNOW.parameters();
    double[] est = fit.parameters();
    double[] se = fit.standardErrors();
    for (int i = 0; i < 4; i++) {
      assertTrue(se[i] > 0 && se[i] < 0.2 * truth[i], "a usable standard error for parameter " + i + ": " + se[i]);
      assertTrue(Math.abs(est[i] - truth[i]) < 3 * se[i], "parameter " + i + ": " + est[i] + " vs " + truth[i]
          + " (SE " + se[i] + ")");
    }
    // the reported log-likelihood is the likelihood at the estimates, and no nearby point is better
    close(fit.logLikelihood(s), fit.logLikelihood(), 1e-12);
    for (int i = 0; i < 4; i++) {
      double[] p = est.clone();
      p[i] *= 1.001;
      assertTrue(BgNbd.of(p[0], p[1], p[2], p[3], Period.WEEK).logLikelihood(s) < fit.logLikelihood());
    }
    // same result whatever the threads
    BgNbd two = BgNbd.fit(s, 2);
    assertArrayEquals(est, two.parameters());
    assertEquals(fit.logLikelihood(), two.logLikelihood());
  }

  @Test
  void refusesDataWithoutRepeatPurchasesAndBadParameters() {
    CalibrationSummary none = CalibrationSummary.of(null, new int[] {0, 0}, new double[] {0, 0},
        new double[] {3, 4}, new double[] {0, 0}, Period.DAY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BgNbd.fit(none));
    assertTrue(e.getMessage().contains("repeat purchase"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BgNbd.of(0.2, -1, 1, 1, Period.DAY));
    assertThrows(IllegalArgumentException.class, () -> BgNbd.of(Double.NaN, 1, 1, 1, Period.DAY));
    assertThrows(IllegalArgumentException.class, () -> CDNOW.expectedPurchases(-1, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> CDNOW.logLikelihood(none));   // days, not weeks
  }
}
