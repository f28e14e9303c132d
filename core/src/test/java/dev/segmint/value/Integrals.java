package dev.segmint.value;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Gamma;

/**
 * Independent references by numerical integration (commons-math3 32-point Gauss–Legendre on panels of width 1/4), for the customer-value tests:
 * integrals of unimodal positive functions over the real line given by their logarithm, and from them the
 * expectations over the BG/NBD mixing distributions λ ~ Gamma(r, α) (integrated over u = ln λ) and
 * p ~ Beta(a, b) (over u = logit p), where the integrands are smooth and decay exponentially.
 */
final class Integrals {
  private static final double PANEL = 0.25;
  private static final double[] NODES = new double[32];
  private static final double[] WEIGHTS = new double[32];

  static {
    GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(32);
    for (int i = 0; i < 32; i++) {
      NODES[i] = rule.getPoint(i);
      WEIGHTS[i] = rule.getWeight(i);
    }
  }

  private Integrals() {}

  /** ln ∫ exp(logF(u)) du over the real line, for a unimodal logF; relative accuracy about 1e-13. */
  static double logIntegral(DoubleUnaryOperator logF) {
    double mode = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (double u = -400; u <= 400; u += 0.05) {
      double v = logF.applyAsDouble(u);
      if (v > top) {
        top = v;
        mode = u;
      }
    }
    double c = top;
    double total = 0;
    for (int side = -1; side <= 1; side += 2) {
      int quiet = 0;
      for (int k = 0; k < 100_000 && quiet < 4; k++) {
        double lo = side > 0 ? mode + k * PANEL : mode - (k + 1) * PANEL;
        double part = 0;
        for (int i = 0; i < NODES.length; i++) {
          part += WEIGHTS[i] * PANEL / 2 * Math.exp(logF.applyAsDouble(lo + PANEL / 2 * (NODES[i] + 1)) - c);
        }
        total += part;
        quiet = part < 1e-22 * total ? quiet + 1 : 0;
      }
    }
    return c + Math.log(total);
  }

  /** ln E[λ^k e^(−sλ)] for λ ~ Gamma(shape r, rate α). */
  static double logGammaMoment(double r, double alpha, double k, double s) {
    double li = logIntegral(u -> (r + k) * u - (alpha + s) * Math.exp(u));
    return r * Math.log(alpha) - Gamma.logGamma(r) + li;
  }

  /** ln E[p^i (1−p)^j] for p ~ Beta(a, b). */
  static double logBetaMoment(double a, double b, double i, double j) {
    double li = logIntegral(u -> (a + i) * logP(u) + (b + j) * logQ(u));
    double norm = logIntegral(u -> a * logP(u) + b * logQ(u));
    return li - norm;
  }

  /** ln p for p = 1/(1 + e^−u). */
  static double logP(double u) {
    return u > 0 ? -Math.log1p(Math.exp(-u)) : u - Math.log1p(Math.exp(u));
  }

  /** ln(1 − p) for p = 1/(1 + e^−u). */
  static double logQ(double u) {
    return logP(-u);
  }

  /** E[g(p)] for p ~ Beta(a, b), g given as ln g(p) of u = logit p (g ≥ 0). */
  static double betaExpectation(double a, double b, DoubleUnaryOperator logG) {
    double li = logIntegral(u -> a * logP(u) + b * logQ(u) + logG.applyAsDouble(u));
    double norm = logIntegral(u -> a * logP(u) + b * logQ(u));
    return Math.exp(li - norm);
  }

  /**
   * The BG/NBD likelihood of (x, t_x, T) by integrating the individual-level likelihood
   * (1−p)^x λ^x e^(−λT) + δ(x>0) p (1−p)^(x−1) λ^x e^(−λ t_x) over λ and p (each term separates).
   */
  static double bgNbdLogLikelihood(double r, double alpha, double a, double b, int x, double tx, double age) {
    double alive = logGammaMoment(r, alpha, x, age) + logBetaMoment(a, b, 0, x);
    if (x == 0) {
      return alive;
    }
    double dead = logGammaMoment(r, alpha, x, tx) + logBetaMoment(a, b, 1, x - 1);
    double hi = Math.max(alive, dead);
    return hi + Math.log(Math.exp(alive - hi) + Math.exp(dead - hi));
  }

  /** P(alive at T | x, t_x, T) = the first term of the likelihood over the whole likelihood. */
  static double bgNbdPAlive(double r, double alpha, double a, double b, int x, double tx, double age) {
    double alive = logGammaMoment(r, alpha, x, age) + logBetaMoment(a, b, 0, x);
    return Math.exp(alive - bgNbdLogLikelihood(r, alpha, a, b, x, tx, age));
  }

  /**
   * E[purchases in (T, T+t] | alive at T] with λ | data ~ Gamma(A, α+T) integrated in closed form and
   * p ~ Beta(a, B) numerically: E[(1 − (1 + p t/(α+T))^−A) / p].
   */
  static double aliveExpectation(double bigA, double bigB, double a, double s) {
    return betaExpectation(a, bigB, u -> {
      double p = Math.exp(logP(u));
      // ln[(1 − (1+ps)^−A)/p] without cancellation: −expm1(−A log1p(ps)) / p
      return Math.log(-Math.expm1(-bigA * Math.log1p(p * s))) - logP(u);
    });
  }
}
