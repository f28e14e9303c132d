package dev.segmint.value;

import dev.segmint.internal.Sampling;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximum likelihood over positive parameters, shared by {@link BgNbd} and {@link GammaGamma}: the log-likelihood
 * is maximised over θ = log(parameters), so every parameter stays positive. Each start is run with commons-math3's
 * BOBYQA (bounded, derivative-free) to a trust radius of 1e-5, on a fixed-seed subsample of at most
 * {@value #START_SAMPLE} customers when there are more; the best end point is refined by Newton steps on all customers
 * on the analytic gradient, with the Hessian by central differences of the gradient and halving line search (a
 * trial point is evaluated with its gradient, which the next step reuses); standard errors come from the inverse
 * of the negative Hessian at the optimum (the last Newton Hessian when Newton ended there; in θ, then by the delta
 * method σ(param) = param · σ(θ), exact at a stationary point). Deterministic: no randomness, and the likelihoods
 * sum in a fixed order.
 */
final class Mle {
  /** Bounds of θ = log(parameter): parameters between about 1e-13 and 1e13. */
  static final double LOG_BOUND = 30;
  private static final int MAX_EVAL_PER_START = 4000;
  private static final int MAX_NEWTON = 60;

  private Mle() {}

  /** A log-likelihood in θ = log(parameters). */
  interface LogLikelihood {
    int dimension();

    /**
     * The log-likelihood at θ; fills {@code gradient} (d/dθ) when it is not null. The value must not depend on
     * whether the gradient is asked for (bit for bit): the line search compares values of both kinds.
     */
    double value(double[] theta, double[] gradient);
  }

  /**
   * The optimum: θ, the log-likelihood, σ(θ) (NaN when it is not an interior maximum: the Hessian not negative
   * definite, a parameter at its bound or no convergence), and the work.
   */
  record Result(double[] theta, double logLikelihood, double[] thetaSe, int valueEvaluations,
      int gradientEvaluations, int newtonSteps, boolean converged) {
    double[] parameters() {
      double[] p = new double[theta.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(theta[i]);
      }
      return p;
    }

    double[] standardErrors() {
      double[] p = parameters();
      double[] se = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        se[i] = p[i] * thetaSe[i];
      }
      return se;
    }
  }

  /** Customers at most in the likelihood the starts are run on; larger data get a fixed-seed subsample. */
  static final int START_SAMPLE = 20_000;

  /**
   * The maximum of {@code f}: BOBYQA from every start on {@code coarse} (f itself, or f on a subsample for large
   * data), then Newton on f from the best end point.
   *
   * @param scale the customers of f (the objective BOBYQA sees is divided by the customers of coarse)
   */
  static Result maximize(LogLikelihood f, LogLikelihood coarse, double coarseCustomers, double[][] starts) {
    int dim = f.dimension();
    int[] counts = new int[2];   // value evaluations, gradient evaluations
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    double[] lower = new double[dim];
    double[] upper = new double[dim];
    Arrays.fill(lower, -LOG_BOUND);
    Arrays.fill(upper, LOG_BOUND);
    for (double[] start : starts) {
      double[] s = start.clone();
      for (int i = 0; i < dim; i++) {
        s[i] = Math.max(-LOG_BOUND + 1, Math.min(LOG_BOUND - 1, s[i]));
      }
      double[] startBest = s.clone();
      double[] startBestValue = {Double.NEGATIVE_INFINITY};
      BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * dim + 1, 0.5, 1e-5);
      try {
        opt.optimize(new MaxEval(MAX_EVAL_PER_START), GoalType.MINIMIZE, new InitialGuess(s),
            new SimpleBounds(lower, upper), new ObjectiveFunction(theta -> {
              counts[0]++;
              double v = coarse.value(theta, null);
              if (v > startBestValue[0]) {
                startBestValue[0] = v;
                System.arraycopy(theta, 0, startBest, 0, dim);
              }
              return Double.isFinite(v) ? -v / coarseCustomers : Double.MAX_VALUE;
            }));
      } catch (TooManyEvaluationsException e) {
        // keep the best point seen: Newton refines it below
      }
      if (startBestValue[0] > bestValue) {
        bestValue = startBestValue[0];
        best = startBest;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("the log-likelihood is not finite at any start; check the summary values");
    }
    // Newton refinement on the analytic gradient, on all customers
    double[] theta = best;
    double value = f == coarse ? bestValue : f.value(theta, null);
    counts[0] += f == coarse ? 0 : 1;
    double[] g = new double[dim];
    double[] trialGradient = new double[dim];
    boolean haveGradient = false;   // g holds the gradient at theta (from the accepted line-search trial)
    double[][] h = null;
    double[] hessianAt = null;      // the theta h was computed at: the final Hessian is reused when theta stayed
    int steps = 0;
    boolean converged = false;
    for (int it = 0; it < MAX_NEWTON; it++) {
      if (!haveGradient) {
        f.value(theta, g);
        counts[1]++;
      }
      h = hessian(f, theta, counts);
      hessianAt = theta;
      double[] step = solveNegative(h, g);
      if (step == null) {
        break;   // not concave here: keep the BOBYQA point
      }
      double size = 0;
      double decrement = 0;   // g·step: twice the increase the quadratic model expects
      for (int i = 0; i < dim; i++) {
        size = Math.max(size, Math.abs(step[i]));
        decrement += g[i] * step[i];
      }
      if (size < 1e-10 || decrement < 1e-12 * Math.max(1, Math.abs(value))) {
        converged = true;
        break;
      }
      double lambda = 1;
      boolean moved = false;
      for (int halving = 0; halving < 40; halving++) {
        double[] trial = new double[dim];
        boolean inside = true;
        for (int i = 0; i < dim; i++) {
          trial[i] = theta[i] + lambda * step[i];
          inside &= Math.abs(trial[i]) <= LOG_BOUND;
        }
        if (inside) {
          // the value with the gradient is the value alone, bit for bit; the gradient serves the next step
          double v = f.value(trial, trialGradient);
          counts[1]++;
          if (v >= value) {
            theta = trial;
            value = v;
            double[] swap = g;
            g = trialGradient;
            trialGradient = swap;
            haveGradient = true;
            moved = true;
            break;
          }
        }
        lambda /= 2;
      }
      steps++;
      if (!moved) {
        converged = size * lambda < 1e-8;   // no increase left at this precision: the optimum is reached
        break;
      }
    }
    if (hessianAt != theta) {
      h = hessian(f, theta, counts);
    }
    double[] se = new double[dim];
    Arrays.fill(se, Double.NaN);
    try {
      RealMatrix neg = new Array2DRowRealMatrix(dim, dim);
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j < dim; j++) {
          neg.setEntry(i, j, -h[i][j]);
        }
      }
      RealMatrix cov = new CholeskyDecomposition(neg, 1e-12, 1e-14).getSolver().getInverse();
      for (int i = 0; i < dim; i++) {
        se[i] = Math.sqrt(cov.getEntry(i, i));
      }
    } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
      converged = false;
    }
    for (double t : theta) {
      if (Math.abs(t) >= LOG_BOUND - 1e-6) {
        converged = false;
      }
    }
    if (!converged) {
      // not an interior maximum: the curvature at this point of a ridge is no standard error of anything
      Arrays.fill(se, Double.NaN);
    }
    return new Result(theta, value, se, counts[0], counts[1], steps, converged);
  }

  /**
   * The customers the starts are run on: null (all) when at most {@link #START_SAMPLE} customers are eligible
   * ({@code eligible} null: all), else {@value #START_SAMPLE} of them drawn uniformly with a fixed seed.
   */
  static boolean[] startSample(int n, boolean[] eligible) {
    int[] pool = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (eligible == null || eligible[i]) {
        pool[size++] = i;
      }
    }
    if (size <= START_SAMPLE) {
      return null;
    }
    boolean[] keep = new boolean[n];
    for (int i : Sampling.sortedSample(Arrays.copyOf(pool, size), START_SAMPLE, new SplittableRandom(0x5EED))) {
      keep[i] = true;
    }
    return keep;
  }

  /** The Hessian by central differences of the analytic gradient, symmetrised. 2·dim gradient evaluations. */
  static double[][] hessian(LogLikelihood f, double[] theta, int[] counts) {
    int dim = theta.length;
    double[][] h = new double[dim][dim];
    double[] gp = new double[dim];
    double[] gm = new double[dim];
    for (int j = 0; j < dim; j++) {
      double step = 1e-5 * Math.max(1, Math.abs(theta[j]));
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[j] += step;
      tm[j] -= step;
      f.value(tp, gp);
      f.value(tm, gm);
      counts[1] += 2;
      for (int i = 0; i < dim; i++) {
        h[i][j] = (gp[i] - gm[i]) / (2 * step);
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < i; j++) {
        double avg = (h[i][j] + h[j][i]) / 2;
        h[i][j] = avg;
        h[j][i] = avg;
      }
    }
    return h;
  }

  /** The Newton step (−H)^(−1) g, or null when −H is not positive definite. */
  private static double[] solveNegative(double[][] h, double[] g) {
    int dim = g.length;
    RealMatrix neg = new Array2DRowRealMatrix(dim, dim);
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        neg.setEntry(i, j, -h[i][j]);
      }
    }
    try {
      return new CholeskyDecomposition(neg, 1e-12, 1e-14).getSolver()
          .solve(new org.apache.commons.math3.linear.ArrayRealVector(g)).toArray();
    } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
      return null;
    }
  }
}
