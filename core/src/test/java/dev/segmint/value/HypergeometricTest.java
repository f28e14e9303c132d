package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

  private static void close(double expected, double actual, double rel) {
    assertEquals(expected, actual, rel * Math.abs(expected), () -> "expected " + expected + " got " + actual);
  }

  @Test
  void logarithmCase() {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z (A&S 15.1.3), on both sides of 0 (negative z through Pfaff)
    for (double z : new double[] {1e-3, 0.3, 0.9, 0.99, 0.9999, -0.5, -5, -300}) {
      close(-Math.log1p(-z) / z, Hypergeometric.hyp2f1(1, 1, 2, z), 1e-13);
    }
  }

  @Test
  void binomialCase() {
    // 2F1(a, b; b; z) = (1 − z)^−a
    for (double z : new double[] {0.6, 0.95, -3, -0.2}) {
      close(Math.pow(1 - z, -0.7), Hypergeometric.hyp2f1(0.7, 2.3, 2.3, z), 1e-13);
    }
  }

  @Test
  void inverseTrigonometricCases() {
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z and 2F1(1/2, 1; 3/2; −z²) = arctan(z)/z (A&S 15.1.4, 15.1.6)
    for (double z : new double[] {0.1, 0.8, 0.99}) {
      close(Math.asin(z) / z, Hypergeometric.hyp2f1(0.5, 0.5, 1.5, z * z), 1e-13);
    }
    for (double z : new double[] {0.5, 2, 30}) {
      close(Math.atan(z) / z, Hypergeometric.hyp2f1(0.5, 1, 1.5, -z * z), 1e-13);
    }
  }

  @Test
  void polynomialWhenAIsANegativeInteger() {
    // 2F1(−3, 2; 5; 0.7) = 1 − 6/5·0.7 + 36/60·0.49 − 144/1260·0.343, summed by hand
    double expected = 1 - 6.0 / 5 * 0.7 + 36.0 / 60 * 0.49 - 144.0 / 1260 * 0.343;
    close(expected, Hypergeometric.hyp2f1(-3, 2, 5, 0.7), 1e-15);
  }

  @Test
  void refusesArgumentsOutsideTheDomain() {
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.hyp2f1(1, 1, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric.hyp2f1(1, 1, -2, 0.5));
  }

  @Test
  void aliveExpectationEqualsTheTextbookFormulaAwayFromAEqualsOne() {
    // (a+B−1)/(a−1) · [1 − (1+s)^−A · 2F1(A, B; a+B−1; s/(1+s))], the lifetimes formula, with 2F1 by its own series
    double[][] cases = {{0.243, 2.426, 0.793}, {1.7, 3.1, 2.6}, {10.24, 12.4, 0.4}, {0.5, 0.3, 0.2}};
    for (double[] c : cases) {
      for (double s : new double[] {0.01, 0.3, 0.5, 0.51, 2, 9, 80}) {
        double bigA = c[0];
        double bigB = c[1];
        double a = c[2];
        double z = s / (1 + s);
        double textbook = (a + bigB - 1) / (a - 1)
            * (1 - Math.pow(1 + s, -bigA) * Hypergeometric.hyp2f1(bigA, bigB, a + bigB - 1, z));
        close(textbook, Hypergeometric.aliveExpectation(bigA, bigB, a, s), 1e-10);
      }
    }
  }

  @Test
  void aliveExpectationEqualsNumericalIntegrationIncludingAEqualsOne() {
    // where the textbook formula divides 0 by 0 (a = 1) or cancels (a within 1e-9 of 1)
    double[][] cases = {{0.3, 2.0, 1.0}, {0.3, 2.0, 1 + 1e-9}, {2.2, 5.0, 1 - 1e-9}, {40.2, 41.5, 0.9},
        {0.25, 0.6, 0.3}};
    for (double[] c : cases) {
      for (double s : new double[] {0.05, 0.5, 0.7, 4, 60}) {
        double ref = Integrals.aliveExpectation(c[0], c[1], c[2], s);
        close(ref, Hypergeometric.aliveExpectation(c[0], c[1], c[2], s), 1e-10);
      }
    }
  }
}
