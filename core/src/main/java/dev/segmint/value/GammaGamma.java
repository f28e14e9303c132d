package dev.segmint.value;

import dev.segmint.internal.Numbers;
import dev.segmint.internal.Threads;
import java.util.Locale;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per order (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", J. Marketing Research 42(4); the note "The Gamma-Gamma Model of Monetary Value", 2013):
 * a customer's order values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase
 * process. Fitted by maximum likelihood on the customers with at least one repeat purchase (x &gt; 0) and their mean
 * repeat order value m; also built from given parameters with {@link #of}. Immutable.
 *
 * <p>Log-likelihood of (x, m), as lifetimes: {@code ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x
 * − (px+q) ln(γ + x m)}. The gamma terms are tabulated per distinct x and the sums over customers of x ln m and ln m
 * are taken once, so an evaluation costs one logarithm per distinct (x, m). Optimiser and standard errors as
 * {@link BgNbd} (see {@link Mle}).
 */
public final class GammaGamma {
  private final double p;
  private final double q;
  private final double gamma;
  private final double[] se;
  private final double logLikelihood;
  private final int customers;
  private final String fitNote;

  private GammaGamma(double p, double q, double gamma, double[] se, double logLikelihood, int customers,
      String fitNote) {
    this.p = p;
    this.q = q;
    this.gamma = gamma;
    this.se = se;
    this.logLikelihood = logLikelihood;
    this.customers = customers;
    this.fitNote = fitNote;
  }

  /**
   * A model with given parameters (no standard errors or log-likelihood).
   *
   * @throws IllegalArgumentException unless every parameter is a finite number &gt; 0
   */
  public static GammaGamma of(double p, double q, double gamma) {
    BgNbd.check("p", p);
    BgNbd.check("q", q);
    BgNbd.check("gamma", gamma);
    return new GammaGamma(p, q, gamma, new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN, 0,
        "given parameters");
  }

  /**
   * A fitted model as saved (model files): parameters {p, q, γ}, standard errors (NaN where unknown), the
   * log-likelihood (NaN when unknown) and the customers fitted on.
   *
   * @throws IllegalArgumentException unless the parameters are finite and &gt; 0
   */
  public static GammaGamma restore(double[] params, double[] se, double logLikelihood, int customers) {
    if (params.length != 3 || se.length != 3) {
      throw new IllegalArgumentException("Gamma-Gamma has 3 parameters (p, q, gamma) and 3 standard errors, got "
          + params.length + " and " + se.length);
    }
    GammaGamma m = of(params[0], params[1], params[2]);
    return new GammaGamma(m.p, m.q, m.gamma, se.clone(), logLikelihood, customers, "restored");
  }

  /** {@link #fit(CalibrationSummary, int)} on all available processors. */
  public static GammaGamma fit(CalibrationSummary summary) {
    return fit(summary, 0);
  }

  /**
   * Fits p, q, γ by maximum likelihood on the customers with frequency &gt; 0.
   *
   * @param threads 0 for all available processors, else at most this many; the result does not depend on it
   * @throws IllegalArgumentException when fewer than 2 customers have a repeat purchase
   */
  public static GammaGamma fit(CalibrationSummary summary, int threads) {
    Threads.check(threads);
    int[] x = summary.x();
    double[] m = summary.m();
    boolean[] keep = new boolean[x.length];
    int n = 0;
    double sumM = 0;
    for (int i = 0; i < x.length; i++) {
      keep[i] = x[i] > 0;
      if (keep[i]) {
        n++;
        sumM += m[i];
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException("the Gamma-Gamma model needs at least 2 customers with a repeat purchase, "
          + "got " + n + "; use a longer calibration period");
    }
    Likelihood f = new Likelihood(Cells.group(x, m, m, keep), threads);
    boolean[] sample = Mle.startSample(x.length, keep);
    Likelihood coarse = sample == null ? f : new Likelihood(Cells.group(x, m, m, sample), threads);
    double meanM = sumM / n;
    double[][] starts = {
        {0, Math.log(2), Math.log(meanM)},
        {Math.log(4), Math.log(3), Math.log(meanM / 2)},
        {Math.log(0.5), Math.log(5), Math.log(8 * meanM)}};
    Mle.Result res = Mle.maximize(f, coarse, sample == null ? n : Mle.START_SAMPLE, starts);
    double[] pr = res.parameters();
    String note = res.converged() ? "" : "no interior maximum: the likelihood is flat or still rising toward the edge of "
        + "the parameter space (a parameter runs very large or small), so there are no standard errors and the "
        + "parameters are one point on a ridge; predictions stay usable"
        + (pr[1] > 1e3 ? String.format(Locale.ROOT, "; order values vary little between customers beyond chance (q = "
            + "%.3g), so every customer's expected order value is close to the mean of all orders", pr[1]) : "")
        + "; ";
    return new GammaGamma(pr[0], pr[1], pr[2], res.standardErrors(), res.logLikelihood(), n,
        note + f.cells.size() + " distinct (x, m) of " + n + " repeat customers, " + res.valueEvaluations()
            + " likelihood and " + res.gradientEvaluations() + " gradient evaluations, " + res.newtonSteps()
            + " Newton steps");
  }

  /** The Gamma-Gamma log-likelihood of grouped (x, m) in θ = log(p, q, γ), with its gradient. */
  static final class Likelihood implements Mle.LogLikelihood {
    final Cells cells;
    private final int threads;
    private final double sumLogM;     // Σ count · ln m
    private final double sumXLogM;    // Σ count · x ln m
    private final double sumXLogX;    // Σ count · x ln x
    private final double customers;

    Likelihood(Cells cells, int threads) {
      this.cells = cells;
      this.threads = threads;
      double lm = 0;
      double xlm = 0;
      double xlx = 0;
      double n = 0;
      for (int c = 0; c < cells.size(); c++) {
        double w = cells.count[c];
        double logM = Math.log(cells.u[c]);
        lm += w * logM;
        xlm += w * cells.x[c] * logM;
        xlx += w * cells.x[c] * Math.log(cells.x[c]);
        n += w;
      }
      sumLogM = lm;
      sumXLogM = xlm;
      sumXLogX = xlx;
      customers = n;
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double p = Math.exp(theta[0]);
      double q = Math.exp(theta[1]);
      double g = Math.exp(theta[2]);
      int[] xs = cells.xs;
      double lgQ = Gamma.logGamma(q);
      double constant = customers * q * Math.log(g) + p * sumXLogM - sumLogM + p * sumXLogX;
      for (int k = 0; k < xs.length; k++) {
        double px = p * xs[k];
        constant += cells.xCount[k] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ);
      }
      boolean grad = gradient != null;
      int[] cx = cells.x;
      double[] cm = cells.u;
      double[] cnt = cells.count;
      double[] s = cells.sum(grad ? 4 : 1, threads, (from, to, out) -> {
        double ll = 0;
        double sxl = 0;
        double sl = 0;
        double sr = 0;
        for (int c = from; c < to; c++) {
          double x = cx[c];
          double w8 = cnt[c];
          double denom = g + x * cm[c];
          double l = Math.log(denom);
          ll += w8 * (p * x + q) * l;
          if (grad) {
            sxl += w8 * x * l;
            sl += w8 * l;
            sr += w8 * (p * x + q) / denom;
          }
        }
        out[0] += ll;
        if (grad) {
          out[1] += sxl;
          out[2] += sl;
          out[3] += sr;
        }
      });
      double value = constant - s[0];
      if (grad) {
        double psiQ = Gamma.digamma(q);
        double gp = sumXLogM + sumXLogX - s[1];
        double gq = customers * Math.log(g) - s[2];
        double gg = customers * q / g - s[3];
        for (int k = 0; k < xs.length; k++) {
          double x = xs[k];
          double n = cells.xCount[k];
          double psiPXQ = Gamma.digamma(p * x + q);
          gp += n * x * (psiPXQ - Gamma.digamma(p * x));
          gq += n * (psiPXQ - psiQ);
        }
        gradient[0] = gp * p;
        gradient[1] = gq * q;
        gradient[2] = gg * g;
      }
      return value;
    }
  }

  /** The log-likelihood of one customer with x &gt; 0 repeat purchases of mean value m. */
  public double logLikelihood(int x, double m) {
    if (x <= 0 || !(m > 0)) {
      throw new IllegalArgumentException("the Gamma-Gamma likelihood is defined for x > 0 and m > 0, got x = " + x
          + ", m = " + m);
    }
    double px = p * x;
    return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
        + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + x * m);
  }

  /** The total log-likelihood of the summary's customers with x &gt; 0 under these parameters (single-threaded). */
  public double logLikelihood(CalibrationSummary summary) {
    int[] x = summary.x();
    boolean[] keep = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      keep[i] = x[i] > 0;
    }
    return new Likelihood(Cells.group(x, summary.m(), summary.m(), keep), 1)
        .value(new double[] {Math.log(p), Math.log(q), Math.log(gamma)}, null);
  }

  /**
   * The expected value of an order of a customer with x repeat purchases of mean value m:
   * {@code p (γ + x m) / (p x + q − 1)}, the population mean {@code p γ / (q − 1)} for x = 0 (as lifetimes'
   * {@code conditional_expected_average_profit}). Infinite when p x + q ≤ 1 (the mean does not exist).
   */
  public double expectedOrderValue(int x, double m) {
    double denom = p * x + q - 1;
    if (denom <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return p * (gamma + (x == 0 ? 0 : x * m)) / denom;
  }

  /** The shape p of each order value, Gamma(p, ν). */
  public double p() {
    return p;
  }

  /** The shape q of the customers' rate ν ~ Gamma(q, γ). */
  public double q() {
    return q;
  }

  /** The rate γ of the customers' rate ν ~ Gamma(q, γ), in the unit of the amounts. */
  public double gamma() {
    return gamma;
  }

  /** The parameters {p, q, γ}. */
  public double[] parameters() {
    return new double[] {p, q, gamma};
  }

  /** Standard errors of {p, q, γ} (NaN for given parameters or when the Hessian is not negative definite). */
  public double[] standardErrors() {
    return se.clone();
  }

  /** The maximised log-likelihood (NaN for given parameters). */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** The customers fitted on (those with x &gt; 0; 0 for given parameters). */
  public int customers() {
    return customers;
  }

  /** How the fit went. */
  public String fitNote() {
    return fitNote;
  }

  @Override
  public String toString() {
    String[] names = {"p", "q", "gamma"};
    double[] v = parameters();
    StringBuilder s = new StringBuilder("Gamma-Gamma");
    if (customers > 0) {
      s.append(" on ").append(String.format("%,d", customers)).append(" repeat customers, log-likelihood ")
          .append(Numbers.sig(logLikelihood));
    }
    s.append('\n');
    for (int i = 0; i < 3; i++) {
      s.append(String.format("  %-6s %12s", names[i], Numbers.sig(v[i])));
      if (!Double.isNaN(se[i])) {
        s.append("  (SE ").append(Numbers.sig(se[i])).append(')');
      }
      s.append('\n');
    }
    return s.append("  ").append(fitNote).toString();
  }
}
