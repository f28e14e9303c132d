package dev.segmint.value;

import dev.segmint.internal.Numbers;
import dev.segmint.internal.Threads;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2): while alive, a customer buys at Poisson rate λ; after each repeat
 * purchase they drop out with probability p; λ ~ Gamma(r, α) (shape r, rate α) and p ~ Beta(a, b) across
 * customers. Fitted by maximum likelihood on a {@link CalibrationSummary}; also built from given parameters with
 * {@link #of}. Immutable.
 *
 * <p>Log-likelihood of a customer (x, t_x, T), in log-gamma form (Fader, Hardie and Lee 2005, eq. 6, as lifetimes):
 * {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[(α+T)^−(r+x) + δ(x>0) · a/(b+x−1) ·
 * (α+t_x)^−(r+x)]}, the last term by log-sum-exp. The fit groups customers with identical (x, t_x, T) into cells
 * weighted by their count (exact: the same sum, in fewer terms), tabulates the gamma and digamma terms per distinct
 * x and ln(α + t_x), ln(α + T) per distinct t_x and T, and sums the rest over primitive arrays in fixed blocks on
 * several threads (same result for any thread count); see {@link Mle} for the optimiser (BOBYQA from several
 * starts, then Newton on the analytic gradient; standard errors from the numerical Hessian).
 *
 * <p>Cost of a fit: O(n) to group, then O(cells + distinct x + distinct t_x and T) per likelihood evaluation (per
 * cell with a repeat purchase one exponential and one log1p, no other transcendental call), a few hundred
 * evaluations in all, most of them on a subsample of at most 20,000 customers. Daily data share cells heavily:
 * 1,000,000 simulated customers with ages up to 365 days hold about 176,000 distinct (x, t_x, T), 366 distinct T.
 */
public final class BgNbd {
  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final double[] se;
  private final double logLikelihood;
  private final int customers;
  private final Period period;
  private final String fitNote;

  private BgNbd(double r, double alpha, double a, double b, double[] se, double logLikelihood, int customers,
      Period period, String fitNote) {
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.se = se;
    this.logLikelihood = logLikelihood;
    this.customers = customers;
    this.period = period;
    this.fitNote = fitNote;
  }

  /**
   * A model with given parameters (no standard errors or log-likelihood), e.g. published ones or those of a saved
   * model.
   *
   * @param period the unit of α (α is a rate: per day or per week)
   * @throws IllegalArgumentException unless every parameter is a finite number &gt; 0
   */
  public static BgNbd of(double r, double alpha, double a, double b, Period period) {
    check("r", r);
    check("alpha", alpha);
    check("a", a);
    check("b", b);
    return new BgNbd(r, alpha, a, b, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, Double.NaN, 0,
        Objects.requireNonNull(period, "period"), "given parameters");
  }

  /**
   * A fitted model as saved (model files): parameters {r, α, a, b}, their standard errors (NaN where unknown), the
   * log-likelihood (NaN when unknown) and the customers fitted on.
   *
   * @throws IllegalArgumentException unless the parameters are finite and &gt; 0
   */
  public static BgNbd restore(double[] params, double[] se, double logLikelihood, int customers, Period period) {
    if (params.length != 4 || se.length != 4) {
      throw new IllegalArgumentException("BG/NBD has 4 parameters (r, alpha, a, b) and 4 standard errors, got "
          + params.length + " and " + se.length);
    }
    BgNbd m = of(params[0], params[1], params[2], params[3], period);
    return new BgNbd(m.r, m.alpha, m.a, m.b, se.clone(), logLikelihood, customers, period, "restored");
  }

  static void check(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("parameter " + name + " = " + v + " must be a finite number above 0");
    }
  }

  /** {@link #fit(CalibrationSummary, int)} on all available processors. */
  public static BgNbd fit(CalibrationSummary summary) {
    return fit(summary, 0);
  }

  /**
   * Fits r, α, a, b by maximum likelihood on every customer of the summary.
   *
   * @param threads 0 for all available processors, else at most this many; the result does not depend on it
   * @throws IllegalArgumentException when no customer has a repeat purchase (the likelihood has no maximum: say
   *     so and collect a longer calibration period)
   */
  public static BgNbd fit(CalibrationSummary summary, int threads) {
    Threads.check(threads);
    int n = summary.size();
    int[] x = summary.x();
    double[] tx = summary.tx();
    double[] t = summary.t();
    double sumX = 0;
    double sumT = 0;
    for (int i = 0; i < n; i++) {
      sumX += x[i];
      sumT += t[i];
    }
    if (sumX == 0) {
      throw new IllegalArgumentException("none of the " + n + " customers has a repeat purchase, so BG/NBD cannot be"
          + " fitted (its likelihood grows without bound); use a longer calibration period");
    }
    Likelihood f = new Likelihood(Cells.group(x, tx, t, null), threads);
    boolean[] sample = Mle.startSample(n, null);
    Likelihood coarse = sample == null ? f : new Likelihood(Cells.group(x, tx, t, sample), threads);
    double meanX = sumX / n;
    double meanT = Math.max(sumT / n, 1e-3);
    double rate = Math.max(meanX, 0.05) / meanT;
    double[][] starts = {
        {0, Math.log(1 / rate), 0, 0},
        {Math.log(0.3), Math.log(0.3 / rate), Math.log(0.5), Math.log(3)},
        {Math.log(3), Math.log(3 / rate), Math.log(2), Math.log(0.5)}};
    Mle.Result res = Mle.maximize(f, coarse, sample == null ? n : Mle.START_SAMPLE, starts);
    double[] p = res.parameters();
    String note = res.converged() ? "" : "no interior maximum: the likelihood is flat or still rising toward the edge of "
        + "the parameter space (a parameter runs very large or small), so there are no standard errors and the "
        + "parameters are one point on a ridge; predictions stay usable" + ridgeHint(p);
    return new BgNbd(p[0], p[1], p[2], p[3], res.standardErrors(), res.logLikelihood(), n, summary.period(),
        note + (note.isEmpty() ? "" : "; ") + f.cells.size() + " distinct (x, t_x, T) of " + n + " customers, "
            + res.valueEvaluations() + " likelihood and " + res.gradientEvaluations() + " gradient evaluations, "
            + res.newtonSteps() + " Newton steps");
  }

  /**
   * What a ridge of the likelihood means for the predictions, in plain words: no drop-out (b far larger than a, so
   * every p_alive is about 1) or purchase rates that barely differ between customers (a large r).
   */
  private static String ridgeHint(double[] parameters) {
    double r = parameters[0];
    double a = parameters[2];
    double b = parameters[3];
    StringBuilder hint = new StringBuilder();
    double dropout = a / (a + b);
    if (dropout < 1e-4) {
      hint.append(String.format(Locale.ROOT, "; the data show almost no customers who stopped buying (drop-out chance "
          + "after a purchase a/(a+b) = %.2g), so p_alive is about 1 for every customer", dropout));
    }
    if (r > 25) {
      hint.append(String.format(Locale.ROOT, "; purchase rates differ little between customers (their coefficient of "
          + "variation 1/√r is %.2f), so expected purchases differ mostly by how long each customer has been known",
          1 / Math.sqrt(r)));
    }
    return hint.toString();
  }

  /** The BG/NBD log-likelihood of grouped customers in θ = log(r, α, a, b), with its gradient. */
  static final class Likelihood implements Mle.LogLikelihood {
    final Cells cells;
    private final int threads;
    /** The distinct t_x and T of the cells: ln(α + t_x) and ln(α + T) are taken once per distinct value. */
    private final Cells.Distinct recencies;
    private final Cells.Distinct ages;

    Likelihood(Cells cells, int threads) {
      this.cells = cells;
      this.threads = threads;
      this.recencies = Cells.Distinct.of(cells.u);
      this.ages = Cells.Distinct.of(cells.v);
    }

    /** ln(α + v) for each distinct value v (element-wise, in blocks on several threads when there are many). */
    private double[] logs(double alpha, double[] values) {
      double[] out = new double[values.length];
      Cells.forBlocks(values.length, threads, (from, to) -> {
        for (int j = from; j < to; j++) {
          out[j] = Math.log(alpha + values[j]);
        }
      });
      return out;
    }

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double r = Math.exp(theta[0]);
      double alpha = Math.exp(theta[1]);
      double a = Math.exp(theta[2]);
      double b = Math.exp(theta[3]);
      int[] xs = cells.xs;
      int dx = xs.length;
      double[] base = new double[dx];
      double[] c4 = new double[dx];
      double logAlpha = Math.log(alpha);
      double lgR = Gamma.logGamma(r);
      double lbAB = Beta.logBeta(a, b);
      double constant = 0;   // Σ over customers of the per-x terms
      for (int k = 0; k < dx; k++) {
        int x = xs[k];
        base[k] = Gamma.logGamma(r + x) - lgR + r * logAlpha + Beta.logBeta(a, b + x) - lbAB;
        c4[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Double.NaN;
        constant += cells.xCount[k] * base[k];
      }
      boolean grad = gradient != null;
      int[] cx = cells.x;
      int[] xi = cells.xIndex;
      double[] ctx = cells.u;
      double[] ct = cells.v;
      double[] cnt = cells.count;
      double[] logTx = logs(alpha, recencies.values());
      double[] logT = logs(alpha, ages.values());
      int[] txIndex = recencies.index();
      int[] tIndex = ages.index();
      double[] s = cells.sum(grad ? 5 : 1, threads, (from, to, out) -> {
        double ll = 0;
        double sR = 0;
        double sA = 0;
        double sa = 0;
        double sb = 0;
        for (int c = from; c < to; c++) {
          int x = cx[c];
          double w8 = cnt[c];
          double lT = logT[tIndex[c]];
          double rx = r + x;
          double a3 = -rx * lT;
          if (x == 0) {
            ll += w8 * a3;
            if (grad) {
              sR += w8 * lT;
              sA += w8 * rx / (alpha + ct[c]);
            }
            continue;
          }
          double ltx = logTx[txIndex[c]];
          double a4 = c4[xi[c]] - rx * ltx;
          double d = a4 - a3;
          double e = Math.exp(-Math.abs(d));
          ll += w8 * (Math.max(a3, a4) + Math.log1p(e));
          if (grad) {
            double w = d > 0 ? 1 / (1 + e) : e / (1 + e);   // the share of the "dropped out at t_x" term
            sR += w8 * ((1 - w) * lT + w * ltx);
            sA += w8 * rx * ((1 - w) / (alpha + ct[c]) + w / (alpha + ctx[c]));
            sa += w8 * w;
            sb += w8 * w / (b + x - 1);
          }
        }
        out[0] += ll;
        if (grad) {
          out[1] += sR;
          out[2] += sA;
          out[3] += sa;
          out[4] += sb;
        }
      });
      double value = constant + s[0];
      if (grad) {
        double psiR = Gamma.digamma(r);
        double psiAB = Gamma.digamma(a + b);
        double psiB = Gamma.digamma(b);
        double gr = -s[1];
        double galpha = -s[2];
        double ga = s[3] / a;
        double gb = -s[4];
        for (int k = 0; k < dx; k++) {
          int x = xs[k];
          double n = cells.xCount[k];
          double psiABX = Gamma.digamma(a + b + x);
          gr += n * (Gamma.digamma(r + x) - psiR + logAlpha);
          galpha += n * r / alpha;
          ga += n * (psiAB - psiABX);
          gb += n * (psiAB + Gamma.digamma(b + x) - psiB - psiABX);
        }
        gradient[0] = gr * r;
        gradient[1] = galpha * alpha;
        gradient[2] = ga * a;
        gradient[3] = gb * b;
      }
      return value;
    }
  }

  /** The log-likelihood of one customer (x, t_x, T) under these parameters. O(1) (log-gamma calls). */
  public double logLikelihood(int x, double tx, double age) {
    double base = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + Beta.logBeta(a, b + x)
        - Beta.logBeta(a, b);
    double a3 = -(r + x) * Math.log(alpha + age);
    if (x == 0) {
      return base + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    return base + Math.max(a3, a4) + Math.log1p(Math.exp(-Math.abs(a4 - a3)));
  }

  /** The total log-likelihood of the summary's customers under these parameters (single-threaded). O(n). */
  public double logLikelihood(CalibrationSummary summary) {
    requirePeriod(summary);
    return new Likelihood(Cells.group(summary.x(), summary.tx(), summary.t(), null), 1)
        .value(new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)}, null);
  }

  void requirePeriod(CalibrationSummary summary) {
    if (summary.period() != period) {
      throw new IllegalArgumentException("the model is in " + period.label() + "s but the summary in "
          + summary.period().label() + "s; summarize with period " + period.label());
    }
  }

  /**
   * The probability that a customer with (x, t_x, T) is still alive at T: 1 for x = 0, else
   * {@code 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))}. O(1).
   */
  public double pAlive(int x, double tx, double age) {
    if (x == 0) {
      return 1;
    }
    double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
    return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
  }

  /**
   * The expected purchases in (T, T + t] of a customer with (x, t_x, T) (Fader, Hardie and Lee 2005, eq. 10):
   * {@code pAlive · (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]}, evaluated
   * without the cancellation at a = 1 (see {@link Hypergeometric#aliveExpectation}). O(1 + t/(α+T)) series terms.
   *
   * @param t the horizon in the model's period
   */
  public double expectedPurchases(double t, int x, double tx, double age) {
    checkHorizon(t);
    return pAlive(x, tx, age) * aliveExpectation(t, x, age);
  }

  /** The expected purchases in (T, T + t] given alive at T (the factor of {@link #expectedPurchases} after pAlive). */
  double aliveExpectation(double t, int x, double age) {
    return Hypergeometric.aliveExpectation(r + x, b + x, a, t / (alpha + age));
  }

  /**
   * The expected purchases of a new customer in (0, t] (eq. 9): {@code (a+b−1)/(a−1) · [1 − (α/(α+t))^r ·
   * 2F1(r, b; a+b−1; t/(α+t))]}.
   */
  public double expectedPurchasesNew(double t) {
    checkHorizon(t);
    return Hypergeometric.aliveExpectation(r, b, a, t / alpha);
  }

  private static void checkHorizon(double t) {
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("the horizon " + t + " must be a finite time of at least 0");
    }
  }

  /** The shape r of the purchase-rate distribution Gamma(r, α). */
  public double r() {
    return r;
  }

  /** The rate α of the purchase-rate distribution Gamma(r, α), per {@link #period()}. */
  public double alpha() {
    return alpha;
  }

  /** The first shape a of the drop-out distribution Beta(a, b). */
  public double a() {
    return a;
  }

  /** The second shape b of the drop-out distribution Beta(a, b). */
  public double b() {
    return b;
  }

  /** The parameters {r, α, a, b}. */
  public double[] parameters() {
    return new double[] {r, alpha, a, b};
  }

  /** Standard errors of {r, α, a, b} (NaN for given parameters or when the Hessian is not negative definite). */
  public double[] standardErrors() {
    return se.clone();
  }

  /** The maximised log-likelihood (NaN for given parameters). */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** The customers fitted on (0 for given parameters). */
  public int customers() {
    return customers;
  }

  /** The unit of α. */
  public Period period() {
    return period;
  }

  /** How the fit went: evaluations, distinct cells, and a warning when it did not converge. */
  public String fitNote() {
    return fitNote;
  }

  @Override
  public String toString() {
    String[] names = {"r", "alpha", "a", "b"};
    double[] p = parameters();
    StringBuilder s = new StringBuilder("BG/NBD (period ").append(period.label()).append(")");
    if (customers > 0) {
      s.append(" on ").append(String.format("%,d", customers)).append(" customers, log-likelihood ")
          .append(Numbers.sig(logLikelihood));
    }
    s.append('\n');
    for (int i = 0; i < 4; i++) {
      s.append(String.format("  %-6s %12s", names[i], Numbers.sig(p[i])));
      if (!Double.isNaN(se[i])) {
        s.append("  (SE ").append(Numbers.sig(se[i])).append(')');
      }
      s.append('\n');
    }
    return s.append("  ").append(fitNote).toString();
  }
}
