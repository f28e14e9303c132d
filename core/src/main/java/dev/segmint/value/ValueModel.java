package dev.segmint.value;

import dev.segmint.internal.Threads;
import dev.segmint.internal.Workers;
import dev.segmint.model.ValueModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A fitted customer-value model: {@link BgNbd} for the purchases and {@link GammaGamma} for the order values, in one
 * {@link Period}. Predicts per customer of any summary in that period (the training one or new data), and is saved
 * as JSON ({@link #save}, {@link #load}; format in {@link ValueModelFile}). Immutable.
 *
 * <p>CLV as lifetimes' {@code customer_lifetime_value} with 30-day months: the horizon of H days is cut into
 * months k = 1..⌈H/30⌉ ending at min(30k, H) days, and {@code clv = Σ_k expected_order_value · (E[purchases by end
 * of month k] − E[purchases by end of month k−1]) / (1 + discount)^k}. With H a multiple of 30 this is lifetimes'
 * formula with {@code time = H/30} months.
 */
public final class ValueModel {
  /** The default horizon: 12 months of 30 days, lifetimes' default. */
  public static final int DEFAULT_HORIZON_DAYS = 360;
  /** The default monthly discount rate, lifetimes' default. */
  public static final double DEFAULT_DISCOUNT = 0.01;
  private static final int DAYS_PER_MONTH = 30;

  private final BgNbd purchases;
  private final GammaGamma orderValue;

  /**
   * A model from its two parts.
   *
   * @throws NullPointerException when either part is null
   */
  public ValueModel(BgNbd purchases, GammaGamma orderValue) {
    this.purchases = Objects.requireNonNull(purchases, "purchases");
    this.orderValue = Objects.requireNonNull(orderValue, "orderValue");
  }

  /** {@link #fit(CalibrationSummary, int)} on all available processors. */
  public static ValueModel fit(CalibrationSummary summary) {
    return fit(summary, 0);
  }

  /**
   * Fits BG/NBD on every customer and Gamma-Gamma on those with repeat purchases.
   *
   * @param threads 0 for all available processors, else at most this many; the result does not depend on it
   */
  public static ValueModel fit(CalibrationSummary summary, int threads) {
    return new ValueModel(BgNbd.fit(summary, threads), GammaGamma.fit(summary, threads));
  }

  /** The purchase model. */
  public BgNbd purchases() {
    return purchases;
  }

  /** The order-value model. */
  public GammaGamma orderValue() {
    return orderValue;
  }

  /** The period of the model. */
  public Period period() {
    return purchases.period();
  }

  /** {@link #predict(CalibrationSummary, int, double, int)} on all available processors. */
  public ValuePredictions predict(CalibrationSummary summary, int horizonDays, double discount) {
    return predict(summary, horizonDays, discount, 0);
  }

  /**
   * Per customer: p_alive, expected purchases over the horizon, expected order value, and CLV with monthly
   * discounting (see the class comment). Customers sharing (x, T) share the series evaluations. O(n) plus
   * O(cells · months · (1 + H/(α+T))) series terms; the result does not depend on {@code threads}.
   *
   * @param horizonDays the horizon in days, ≥ 0
   * @param discount the monthly discount rate, ≥ 0
   * @throws IllegalArgumentException for a negative horizon or discount, or a summary in another period
   */
  public ValuePredictions predict(CalibrationSummary summary, int horizonDays, double discount, int threads) {
    purchases.requirePeriod(summary);
    Threads.check(threads);
    if (horizonDays < 0) {
      throw new IllegalArgumentException("the horizon is " + horizonDays + " days; give 0 or more (e.g. 360)");
    }
    if (!(discount >= 0) || Double.isInfinite(discount)) {
      throw new IllegalArgumentException("the monthly discount rate is " + discount + "; give a rate of 0 or more "
          + "(e.g. 0.01 for 1 % a month)");
    }
    int n = summary.size();
    int[] x = summary.x();
    double[] tx = summary.tx();
    double[] t = summary.t();
    double[] m = summary.m();
    double unit = summary.period().days();
    int months = (horizonDays + DAYS_PER_MONTH - 1) / DAYS_PER_MONTH;
    double[] ends = new double[months];
    double[] factor = new double[months];
    for (int k = 0; k < months; k++) {
      ends[k] = Math.min((long) DAYS_PER_MONTH * (k + 1), horizonDays) / unit;
      factor[k] = Math.pow(1 + discount, -(k + 1));
    }
    Cells cells = Cells.group(x, t, t, null);
    int nc = cells.size();
    double[] aliveH = new double[nc];       // expected purchases over the horizon, given alive
    double[] aliveDisc = new double[nc];    // Σ_k (Q_k − Q_(k−1)) / (1 + d)^k, given alive
    int blocks = (nc + Cells.BLOCK - 1) / Cells.BLOCK;
    int workers = Math.max(1, Math.min(Threads.resolve(threads), blocks));
    Runnable[] work = new Runnable[workers];
    for (int w = 0; w < workers; w++) {
      int first = w;
      work[w] = () -> {
        for (int k = first; k < blocks; k += workers) {
          for (int c = k * Cells.BLOCK, end = Math.min(nc, (k + 1) * Cells.BLOCK); c < end; c++) {
            double prev = 0;
            double disc = 0;
            for (int j = 0; j < months; j++) {
              double q = purchases.aliveExpectation(ends[j], cells.x[c], cells.v[c]);
              disc += (q - prev) * factor[j];
              prev = q;
            }
            aliveH[c] = prev;
            aliveDisc[c] = disc;
          }
        }
      };
    }
    Workers.runAll("customer-value predictions", work);
    double[] pAlive = new double[n];
    double[] expected = new double[n];
    double[] eov = new double[n];
    double[] clv = new double[n];
    for (int i = 0; i < n; i++) {
      int c = cells.cellOf[i];
      pAlive[i] = purchases.pAlive(x[i], tx[i], t[i]);
      expected[i] = pAlive[i] * aliveH[c];
      eov[i] = orderValue.expectedOrderValue(x[i], m[i]);
      clv[i] = eov[i] * pAlive[i] * aliveDisc[c];
    }
    return new ValuePredictions(summary, pAlive, expected, eov, clv, horizonDays, discount);
  }

  /** The model as JSON (see {@link ValueModelFile}): parameters at full precision, standard errors, log-likelihoods. */
  public String toJson() {
    return ValueModelFile.toJson(this);
  }

  /**
   * A model from its JSON text.
   *
   * @throws IllegalArgumentException for malformed JSON or a missing, mistyped or out-of-range field, naming it
   */
  public static ValueModel fromJson(String json) {
    return ValueModelFile.fromJson(json);
  }

  /** Writes {@link #toJson()} atomically (temporary file beside the target, then moved). */
  public void save(Path file) throws IOException {
    ValueModelFile.write(file, this);
  }

  /** Reads a model written by {@link #save}. */
  public static ValueModel load(Path file) throws IOException {
    return ValueModelFile.read(file);
  }

  @Override
  public String toString() {
    return "ValueModel\n" + purchases + "\n" + orderValue;
  }
}
