package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Customers without heterogeneity or drop-out (every one buys at the same Poisson rate for a whole year, nobody
 * stops, order values from one distribution) put both likelihoods on a ridge: the fit notes say in plain words what
 * that means for the predictions, and data with heterogeneity (simulated from the BG/NBD itself) gets no such note.
 */
class RidgeHintTest {

  @Test
  void homogeneousCustomersGetAPlainLanguageNote() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 2_000;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 365;
      double time = 0;
      double sum = 0;
      while (true) {
        time += -Math.log(1 - random.nextDouble()) / 0.02;   // the same rate, 0.02 purchases a day, for everyone
        if (time > t[i]) {
          break;
        }
        x[i]++;
        tx[i] = time;
        sum += 5 + 95 * random.nextDouble();                // order values uniform on [5, 100] for everyone
      }
      m[i] = x[i] > 0 ? sum / x[i] : 0;
    }
    CalibrationSummary summary = CalibrationSummary.of(null, x, tx, t, m, Period.DAY);
    BgNbd bg = BgNbd.fit(summary, 1);
    assertTrue(bg.fitNote().contains("almost no customers who stopped buying"), bg.fitNote());
    assertTrue(bg.fitNote().contains("purchase rates differ little between customers"), bg.fitNote());
    GammaGamma gg = GammaGamma.fit(summary, 1);
    assertTrue(gg.fitNote().contains("order values vary little between customers"), gg.fitNote());
    // the note says "so there are no standard errors": none is printed (MleTest: none is reported)
    assertFalse(gg.toString().contains("(SE "), gg.toString());
  }

  @Test
  void heterogeneousCustomersGetNone() {
    // r = 0.5, α = 20, a = 1, b = 3: rates and drop-out differ between customers
    SplittableRandom random = new SplittableRandom(12);
    int n = 3_000;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] m = new double[n];
    org.apache.commons.math3.random.RandomGenerator g = new org.apache.commons.math3.random.Well19937c(12);
    org.apache.commons.math3.distribution.GammaDistribution rates =
        new org.apache.commons.math3.distribution.GammaDistribution(g, 0.5, 1 / 20.0);
    org.apache.commons.math3.distribution.BetaDistribution dropout =
        new org.apache.commons.math3.distribution.BetaDistribution(g, 1, 3);
    for (int i = 0; i < n; i++) {
      t[i] = 365;
      double lambda = rates.sample();
      double p = dropout.sample();
      double time = 0;
      while (true) {
        time += -Math.log(1 - random.nextDouble()) / lambda;
        if (time > t[i]) {
          break;
        }
        x[i]++;
        tx[i] = time;
        if (random.nextDouble() < p) {
          break;
        }
      }
      m[i] = x[i] > 0 ? 10 + random.nextDouble() : 0;
    }
    BgNbd bg = BgNbd.fit(CalibrationSummary.of(null, x, tx, t, m, Period.DAY), 1);
    assertFalse(bg.fitNote().contains("no interior maximum"), bg.fitNote());
    assertFalse(bg.fitNote().contains("stopped buying"), bg.fitNote());
  }
}
