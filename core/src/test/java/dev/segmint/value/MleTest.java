package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The maximiser's optimum and standard errors on concave quadratics, by hand: −(θ₁ − 1)² − 2(θ₂ − 2)² has its
 * maximum at (1, 2) and −H = diag(2, 4), so σ(θ) = (√(1/2), √(1/4)). With the maximum at θ₂ = 100, beyond the
 * search's bound of 30 in log space, the search stops at the bound: no interior maximum, and no standard errors
 * (the curvature there, √(1/0.002) ≈ 22 for θ₂, would describe nothing).
 */
class MleTest {

  /** −a(θ₁ − c₁)² − b(θ₂ − c₂)² with its gradient. */
  private static Mle.LogLikelihood quadratic(double a, double c1, double b, double c2) {
    return new Mle.LogLikelihood() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        double u = theta[0] - c1;
        double v = theta[1] - c2;
        if (gradient != null) {
          gradient[0] = -2 * a * u;
          gradient[1] = -2 * b * v;
        }
        return -a * u * u - b * v * v;
      }
    };
  }

  @Test
  void interiorMaximumHasTheHandComputedStandardErrors() {
    Mle.LogLikelihood f = quadratic(1, 1, 2, 2);
    Mle.Result r = Mle.maximize(f, f, 1, new double[][] {{0, 0}});
    assertTrue(r.converged());
    assertEquals(1, r.theta()[0], 1e-6);
    assertEquals(2, r.theta()[1], 1e-6);
    assertEquals(Math.sqrt(0.5), r.thetaSe()[0], 1e-6);
    assertEquals(0.5, r.thetaSe()[1], 1e-6);
  }

  @Test
  void aMaximumBeyondTheBoundHasNoStandardErrors() {
    Mle.LogLikelihood f = quadratic(1, 1, 0.001, 100);
    Mle.Result r = Mle.maximize(f, f, 1, new double[][] {{0, 0}});
    assertFalse(r.converged());
    assertEquals(Mle.LOG_BOUND, r.theta()[1], 1e-6);
    assertTrue(Double.isNaN(r.thetaSe()[0]) && Double.isNaN(r.thetaSe()[1]),
        java.util.Arrays.toString(r.thetaSe()));
  }
}
