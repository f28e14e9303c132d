package dev.segmint.value;

/**
 * The Gaussian hypergeometric function 2F1 for real arguments, and the BG/NBD conditional expectation built on it
 * in a form that stays exact where the textbook formula cancels. Package-private: the public surface is
 * {@link BgNbd#expectedPurchases}.
 *
 * <p>References: M. Abramowitz, I. Stegun, <i>Handbook of Mathematical Functions</i>, 15.1.1 (series), 15.3.3
 * (Euler's transformation) and 15.3.4 (Pfaff's transformation); DLMF 15.2, 15.8.
 */
final class Hypergeometric {
  /** The series stop when the remaining tail is below this fraction of the sum. */
  private static final double EPS = 1e-17;
  /** Terms at most; z within about 1e-6 of 1 needs more and is refused. */
  static final int MAX_TERMS = 50_000_000;

  private Hypergeometric() {}

  /**
   * 2F1(a, b; c; z) for real z &lt; 1 and c not 0, −1, −2, …: the power series for 0 ≤ z &lt; 1, and for z &lt; 0
   * Pfaff's transformation {@code 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1))}, whose argument lies in
   * [0, 1). Terms needed: about 37 / (1 − |w|) for the series argument w, so the cost grows as z approaches 1 or
   * −∞.
   *
   * @throws IllegalArgumentException for z ≥ 1, NaN arguments, or c a non-positive integer
   */
  static double hyp2f1(double a, double b, double c, double z) {
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || !(z < 1)) {
      throw new IllegalArgumentException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") is evaluated for z < 1 only");
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("2F1 is undefined for c = " + c + " (a non-positive integer)");
    }
    if (z >= 0) {
      return series(a, b, c, z);
    }
    double w = z / (z - 1);
    return Math.exp(-a * Math.log1p(-z)) * series(a, c - b, c, w);
  }

  /** The power series Σ (a)_k (b)_k / ((c)_k k!) z^k for 0 ≤ z &lt; 1. */
  private static double series(double a, double b, double c, double z) {
    double sum = 1;
    double carry = 0;   // Neumaier's compensation: long series near z = 1 add many small terms to a large sum
    double term = 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      term *= ratio;
      double next = sum + term;
      carry += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
      sum = next;
      if (term == 0) {
        return sum + carry;   // a or b is a non-positive integer: a polynomial
      }
      double rho = Math.max(Math.abs(ratio), z);
      if (rho < 1 && Math.abs(term) * rho / (1 - rho) <= EPS * Math.abs(sum)) {
        return sum + carry;
      }
    }
    throw new IllegalArgumentException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
        + MAX_TERMS + " terms; the argument is too close to 1");
  }

  /**
   * Q = E[(1 − (1 + p·s)^(−A)) / p] for p ~ Beta(a, B): the expected purchases in a period of length t of a
   * customer who is alive, with λ ~ Gamma(A, α + T) and p ~ Beta(a, B) (A = r + x, B = b + x, s = t / (α + T)).
   * It equals the BG/NBD closed form {@code (a+B−1)/(a−1) · [1 − (1+s)^(−A) · 2F1(A, B; a+B−1; s/(1+s))]}, but is
   * computed without the factor 1/(a − 1), so it is exact at and near a = 1:
   * <ul>
   *   <li>s ≤ 1/2: the binomial series Σ_{k≥1} (−1)^(k+1) (A)_k (a)_(k−1) / (k! (a+B)_(k−1)) s^k (alternating,
   *       ratio → s);
   *   <li>s &gt; 1/2 and a ≥ 2: the closed form with 2F1 by its series (no cancellation far from a = 1);
   *   <li>s &gt; 1/2 and a &lt; 2: with z = s/(1+s) and Euler's transformation, (1+s)^(−A) 2F1(A, B; C; z) = (1−z)^(a−1)
   *       2F1(C−A, a−1; C; z) = (1−z)^(a−1) (1 + (a−1) H) (C = a+B−1), so Q = C · [−expm1(u)/(a−1) − e^u · H] with
   *       u = (a−1) ln(1−z) and H = Σ_{k≥1} (C−A)_k (a)_(k−1) / ((C)_k k!) z^k.
   * </ul>
   * About 37·(1 + s) terms for large s.
   */
  static double aliveExpectation(double bigA, double bigB, double a, double s) {
    if (s == 0) {
      return 0;
    }
    if (s <= 0.5) {
      double term = bigA * s;
      double sum = term;
      for (int k = 1; k < MAX_TERMS; k++) {
        double ratio = -s * (bigA + k) * (a + k - 1) / ((k + 1) * (a + bigB + k - 1));
        term *= ratio;
        sum += term;
        double rho = Math.max(Math.abs(ratio), s);
        if (term == 0 || Math.abs(term) * rho / (1 - rho) <= EPS * Math.abs(sum)) {
          return sum;
        }
      }
      throw new IllegalStateException("the expected-purchases series did not converge for s = " + s);
    }
    double c = a + bigB - 1;
    double z = s / (1 + s);
    if (a >= 2) {
      // far from a = 1 the closed form has no cancellation, while the terms of H grow as (a·z)^k / k! before they
      // shrink (a fit on a ridge reaches a in the tens of thousands): the direct series, ratio → z·B/C < z
      return c / (a - 1) * -Math.expm1(-bigA * Math.log1p(s) + Math.log(hyp2f1(bigA, bigB, c, z)));
    }
    double d = c - bigA;
    double logOneMinusZ = -Math.log1p(s);
    double u = (a - 1) * logOneMinusZ;
    // g_k = C · h_k, so that C never divides (C may be near 0 when a + b < 1)
    double term = d * z;
    double h = term;
    double carry = 0;
    for (int k = 1; k < MAX_TERMS; k++) {
      double ratio = z * (d + k) * (a + k - 1) / ((c + k) * (k + 1));
      term *= ratio;
      double next = h + term;
      carry += Math.abs(h) >= Math.abs(term) ? (h - next) + term : (term - next) + h;
      h = next;
      double rho = Math.max(Math.abs(ratio), z);
      if (term == 0 || (rho < 1 && Math.abs(term) * rho / (1 - rho) <= EPS * Math.abs(h))) {
        h += carry;
        double first = u == 0 ? -logOneMinusZ : -logOneMinusZ * (Math.expm1(u) / u);
        return c * first - Math.exp(u) * h;
      }
    }
    throw new IllegalArgumentException("the expected purchases over a horizon of " + s + " × (α + T) need more than "
        + MAX_TERMS + " series terms; use a shorter horizon or a coarser period");
  }
}
