package dev.segmint.value;

import java.util.Objects;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Customers simulated from the BG/NBD and Gamma-Gamma processes with known parameters, to check fits and to
 * benchmark. The generator, for each customer in turn from one {@link Well19937c} seeded with {@code seed}:
 * <ol>
 *   <li>T ~ Uniform(0, maxAge) (with {@code wholeUnits}: a whole number 0..maxAge, uniformly);
 *   <li>λ ~ Gamma(shape r, rate α), p ~ Beta(a, b);
 *   <li>from the first purchase at time 0: wait Exponential(λ); if past T, stop; else a repeat purchase at that
 *       time, after which the customer drops out with probability p (a uniform draw below p);
 *   <li>with {@code wholeUnits}, purchase times are cut to whole units (days) and purchases in the same unit are
 *       one purchase occasion, as {@link CustomerValue} counts purchase days: x = distinct units − 1 and t_x the last
 *       unit;
 *   <li>when x &gt; 0: ν ~ Gamma(shape q, rate γ), and the sum of the x order values ~ Gamma(shape p·x, rate ν), so
 *       m = that sum / x.
 * </ol>
 * Single-threaded and deterministic: the same seed gives the same customers. O(n + purchases) time.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * Simulated customers (ids {@code c1 … cn}) in the period of {@code purchases}.
   *
   * @param maxAge the longest T, in the model's period, &gt; 0
   * @throws IllegalArgumentException for n &lt; 1 or a bad maxAge
   */
  public static CalibrationSummary simulate(int n, BgNbd purchases, GammaGamma orderValue, double maxAge,
      boolean wholeUnits, long seed) {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(orderValue, "orderValue");
    if (n < 1) {
      throw new IllegalArgumentException("simulate at least 1 customer, not " + n);
    }
    if (!(maxAge > 0) || Double.isInfinite(maxAge)) {
      throw new IllegalArgumentException("maxAge " + maxAge + " must be a finite time above 0");
    }
    RandomGenerator rng = new Well19937c(seed);
    GammaDistribution lambdas = new GammaDistribution(rng, purchases.r(), 1 / purchases.alpha());
    BetaDistribution drops = new BetaDistribution(rng, purchases.a(), purchases.b());
    GammaDistribution nus = new GammaDistribution(rng, orderValue.q(), 1 / orderValue.gamma());
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] m = new double[n];
    int whole = (int) Math.floor(maxAge);
    for (int i = 0; i < n; i++) {
      double t = wholeUnits ? Math.min(whole, Math.floor(rng.nextDouble() * (whole + 1))) : rng.nextDouble() * maxAge;
      double lambda = lambdas.sample();
      double p = drops.sample();
      double time = 0;
      int purchasesMade = 0;
      double last = 0;
      double lastUnit = 0;
      int units = 0;
      while (true) {
        time += -Math.log(1 - rng.nextDouble()) / lambda;
        if (time > t) {
          break;
        }
        purchasesMade++;
        last = time;
        double unit = Math.floor(time);
        if (unit > lastUnit) {
          units++;
          lastUnit = unit;
        }
        if (rng.nextDouble() < p) {
          break;
        }
      }
      if (wholeUnits) {
        x[i] = units;
        tx[i] = units == 0 ? 0 : lastUnit;
      } else {
        x[i] = purchasesMade;
        tx[i] = last;
      }
      age[i] = t;
      if (x[i] > 0) {
        double nu = nus.sample();
        m[i] = new GammaDistribution(rng, orderValue.p() * x[i], 1 / nu).sample() / x[i];
        if (!(m[i] > 0)) {
          m[i] = Double.MIN_NORMAL;   // an underflow of a tiny shape: the smallest positive amount
        }
      }
    }
    return CalibrationSummary.of(null, x, tx, age, m, purchases.period());
  }
}
