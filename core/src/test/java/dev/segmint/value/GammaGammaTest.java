package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class GammaGammaTest {
  /** Fader, Hardie and Lee (2005), CDNOW spend: p = 6.25, q = 3.74, γ = 15.44. */
  private static final GammaGamma CDNOW = GammaGamma.of(6.25, 3.74, 15.44);
  private static final double[][] CUSTOMERS = {{1, 12.5}, {2, 40}, {6, 3.2}, {40, 55.5}};

  private static void close(double expected, double actual, double rel) {
    assertEquals(expected, actual, rel * Math.abs(expected), () -> "expected " + expected + " got " + actual);
  }

  /**
   * ln of the density of the mean m of x order values ~ Gamma(p, ν), integrated over ν ~ Gamma(q, γ):
   * x · ν^(px) (xm)^(px−1) e^(−νxm) / Γ(px) · γ^q ν^(q−1) e^(−γν) / Γ(q), over u = ln ν.
   */
  private static double reference(GammaGamma g, int x, double m) {
    double px = g.p() * x;
    return Math.log(x) + (px - 1) * Math.log(x * m) - Gamma.logGamma(px) + g.q() * Math.log(g.gamma())
        - Gamma.logGamma(g.q()) + Integrals.logIntegral(u -> (px + g.q()) * u - (x * m + g.gamma()) * Math.exp(u));
  }

  @Test
  void logLikelihoodEqualsNumericalIntegrationOverNu() {
    double total = 0;
    int[] xs = new int[CUSTOMERS.length + 1];
    double[] ms = new double[CUSTOMERS.length + 1];
    for (int i = 0; i < CUSTOMERS.length; i++) {
      int x = (int) CUSTOMERS[i][0];
      double ref = reference(CDNOW, x, CUSTOMERS[i][1]);
      close(ref, CDNOW.logLikelihood(x, CUSTOMERS[i][1]), 1e-8);
      total += ref;
      xs[i] = x;
      ms[i] = CUSTOMERS[i][1];
    }
    // a customer without repeat purchases is not part of the Gamma-Gamma likelihood
    double[] zeros = new double[xs.length];
    double[] ages = new double[xs.length];
    java.util.Arrays.fill(ages, 100);
    close(total, CDNOW.logLikelihood(CalibrationSummary.of(null, xs, zeros, ages, ms, Period.DAY)), 1e-8);
  }

  @Test
  void expectedOrderValueIsThePosteriorMeanOfPOverNu() {
    for (double[] c : CUSTOMERS) {
      int x = (int) c[0];
      double m = c[1];
      double pxq = CDNOW.p() * x + CDNOW.q();
      double ref = CDNOW.p() * Math.exp(Integrals.logIntegral(u -> (pxq - 1) * u - (x * m + CDNOW.gamma()) * Math.exp(u))
          - Integrals.logIntegral(u -> pxq * u - (x * m + CDNOW.gamma()) * Math.exp(u)));
      close(ref, CDNOW.expectedOrderValue(x, m), 1e-9);
    }
    // no repeat purchase: the population mean p γ / (q − 1)
    close(6.25 * 15.44 / 2.74, CDNOW.expectedOrderValue(0, 0), 1e-15);
  }

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    GammaGamma.Likelihood f = new GammaGamma.Likelihood(Cells.group(new int[] {1, 2, 6, 40},
        new double[] {12.5, 40, 3.2, 55.5}, new double[] {12.5, 40, 3.2, 55.5}, null), 1);
    double[] theta = {Math.log(6.25), Math.log(3.74), Math.log(15.44)};
    double[] g = new double[3];
    f.value(theta, g);
    for (int i = 0; i < 3; i++) {
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
    // Simulation's generator, seed 11: 30,000 customers, of whom those with repeat purchases carry order values
    CalibrationSummary s = Simulation.simulate(30_000, BgNbdTest.CDNOW, CDNOW, 78, false, 11);
    GammaGamma fit = GammaGamma.fit(s, 1);
    assertEquals(s.repeatCustomers(), fit.customers());
    double[] truth = CDNOW.parameters();
    double[] est = fit.parameters();
    double[] se = fit.standardErrors();
    for (int i = 0; i < 3; i++) {
      assertTrue(se[i] > 0 && se[i] < 0.2 * truth[i], "a usable standard error for parameter " + i + ": " + se[i]);
      assertTrue(Math.abs(est[i] - truth[i]) < 3 * se[i], "parameter " + i + ": " + est[i] + " vs " + truth[i]
          + " (SE " + se[i] + ")");
    }
    close(fit.logLikelihood(s), fit.logLikelihood(), 1e-12);
    assertArrayEquals(est, GammaGamma.fit(s, 2).parameters());
  }

  @Test
  void refusesTooFewRepeatCustomers() {
    CalibrationSummary one = CalibrationSummary.of(null, new int[] {0, 2}, new double[] {0, 3},
        new double[] {3, 4}, new double[] {0, 5}, Period.DAY);
    assertThrows(IllegalArgumentException.class, () -> GammaGamma.fit(one));
    assertThrows(IllegalArgumentException.class, () -> CDNOW.logLikelihood(0, 1));
  }
}
