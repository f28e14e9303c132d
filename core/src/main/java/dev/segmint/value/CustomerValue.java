package dev.segmint.value;

import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The calibration summary of the customer-value models from a transactions table (Segmint's customer-value
 * contract, as lifetimes' {@code summary_data_from_transaction_data} with daily periods):
 * <ul>
 *   <li>Purchases as in the RFM contract: a row with a customer id, a readable timestamp (its date counts) and an
 *       amount (or quantity × price) &gt; 0. Rows are read, kept and dropped by {@link RfmFeatures} (returns
 *       excluded), and every dropped row and customer is counted in the data-quality report
 *       ({@link CalibrationSummary#report()}); rows dated after the calibration end are counted as "dated after the
 *       calibration end".
 *   <li>{@code frequency} x = distinct purchase days − 1; {@code recency} t_x = days from the first to the last
 *       purchase day; {@code T} = days from the first purchase day to the calibration end (inclusive, default: the
 *       latest purchase day of the table); {@code monetary} = mean of the daily purchase totals of the repeat
 *       purchase days (the first purchase day is left out), 0 when x = 0.
 *   <li>With {@link Period#WEEK}, recency and T are the day counts divided by 7 (purchases still count per day).
 * </ul>
 * One row per customer with a purchase up to the calibration end, sorted by id.
 *
 * <p>Cost: the RFM reading pass (O(rows), hashing ids once), then one pass over the purchases' primitive arrays
 * (a counting sort by customer and a sort of each customer's purchase days): O(rows + purchases · log(purchases per
 * customer)) time, O(rows + customers) memory.
 */
public final class CustomerValue {
  private final RfmFeatures reading;
  private final LocalDate calibrationEnd;
  private final Period period;

  private CustomerValue(Builder b) {
    RfmFeatures.Builder rb = RfmFeatures.builder().customer(b.customer).timestamp(b.timestamp)
        .returns(RfmFeatures.Returns.EXCLUDE);
    if (b.timestampFormat != null) {
      rb.timestampFormat(b.timestampFormat);
    }
    if (b.amount != null) {
      rb.amount(b.amount);
    }
    if (b.quantity != null) {
      rb.quantity(b.quantity);
    }
    if (b.price != null) {
      rb.price(b.price);
    }
    this.reading = rb.build();
    this.calibrationEnd = b.calibrationEnd;
    this.period = b.period;
  }

  /** A builder naming the transaction columns. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The calibration summary of the transactions (see the class comment).
   *
   * @throws IllegalArgumentException when a named column is missing or of the wrong type, the table is empty, no
   *     timestamp can be read, or no customer has a purchase on or before the calibration end
   */
  public CalibrationSummary summarize(Table transactions) {
    return summarize(reading.prepare(transactions));
  }

  /**
   * The calibration summary from transactions already read by {@link RfmFeatures#prepare} (for example to summarize
   * several calibration ends without reading the table again). The prepared reading's own returns mode is used.
   */
  public CalibrationSummary summarize(RfmFeatures.Prepared prepared) {
    LocalDate end = calibrationEnd;
    if (end == null) {
      end = prepared.lastPurchaseDate();
      if (end == null) {
        end = LocalDate.of(9999, 12, 31);   // no purchase at all: purchasesThrough says so, with the counts
      }
    }
    return summarize(prepared.purchasesThrough(end), period);
  }

  /** The summary of purchases (one pass over their arrays). */
  static CalibrationSummary summarize(RfmFeatures.Purchases purchases, Period period) {
    String[] ids = purchases.customerIds();
    int[] customer = purchases.customers();
    int[] day = purchases.epochDays();
    double[] amount = purchases.amounts();
    int n = ids.length;
    int m = customer.length;
    long endDay = purchases.lastDay().toEpochDay();
    // counting sort of the purchases by customer, in row order within a customer
    int[] start = new int[n + 1];
    int minDay = Integer.MAX_VALUE;
    for (int j = 0; j < m; j++) {
      start[customer[j] + 1]++;
      minDay = Math.min(minDay, day[j]);
    }
    for (int c = 0; c < n; c++) {
      start[c + 1] += start[c];
    }
    int[] fill = Arrays.copyOf(start, n);
    long[] key = new long[m];   // (day - minDay) << 32 | purchase index: sorts by day, then row order
    for (int j = 0; j < m; j++) {
      key[fill[customer[j]]++] = ((long) (day[j] - minDay) << 32) | j;
    }
    double unit = period.days();
    int[] frequency = new int[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    double[] monetary = new double[n];
    for (int c = 0; c < n; c++) {
      int from = start[c];
      int to = start[c + 1];
      Arrays.sort(key, from, to);
      int firstDay = (int) (key[from] >>> 32);
      int currentDay = firstDay;
      int days = 1;
      double repeatTotal = 0;
      for (int k = from; k < to; k++) {
        int d = (int) (key[k] >>> 32);
        if (d != currentDay) {
          days++;
          currentDay = d;
        }
        if (d != firstDay) {
          repeatTotal += amount[(int) key[k]];
        }
      }
      int x = days - 1;
      frequency[c] = x;
      recency[c] = (currentDay - firstDay) / unit;
      age[c] = (endDay - (firstDay + (long) minDay)) / unit;
      monetary[c] = x == 0 ? 0 : repeatTotal / x;
    }
    return CalibrationSummary.owned(ids, frequency, recency, age, monetary, period, purchases.lastDay(),
        purchases.report().withCutoffName("calibration end"));
  }

  /** The calibration end, or null for the latest purchase day of each table. */
  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  /** The model's time unit. */
  public Period period() {
    return period;
  }

  /** The reading of the transactions (columns), as RFM settings. */
  public RfmFeatures reading() {
    return reading;
  }

  @Override
  public String toString() {
    String r = reading.toString();
    return "CustomerValue[" + r.substring(r.indexOf('[') + 1, r.indexOf(", asOf=")) + ", calibration end="
        + (calibrationEnd == null ? "latest purchase day" : calibrationEnd) + ", period=" + period.label() + "]";
  }

  /** Names the transaction columns and options. */
  public static final class Builder {
    private String customer;
    private String timestamp;
    private String timestampFormat;
    private String amount;
    private String quantity;
    private String price;
    private LocalDate calibrationEnd;
    private Period period = Period.DAY;

    private Builder() {}

    /** The customer id column (required). Ids are read as text. */
    public Builder customer(String column) {
      this.customer = column;
      return this;
    }

    /** The timestamp column (required); its date part counts. */
    public Builder timestamp(String column) {
      this.timestamp = column;
      return this;
    }

    /** A {@link java.time.format.DateTimeFormatter} pattern for text timestamps, e.g. {@code "M/d/yyyy H:mm"}. */
    public Builder timestampFormat(String pattern) {
      this.timestampFormat = pattern;
      return this;
    }

    /** The amount column (give either this or quantity and price). */
    public Builder amount(String column) {
      this.amount = column;
      return this;
    }

    /** The quantity column; amount = quantity × price. */
    public Builder quantity(String column) {
      this.quantity = column;
      return this;
    }

    /** The unit price column; amount = quantity × price. */
    public Builder price(String column) {
      this.price = column;
      return this;
    }

    /** The last day of the calibration period, inclusive (default: the latest purchase day of the table). */
    public Builder calibrationEnd(LocalDate date) {
      this.calibrationEnd = date;
      return this;
    }

    /** The model's time unit (default {@link Period#DAY}). */
    public Builder period(Period period) {
      this.period = Objects.requireNonNull(period, "period");
      return this;
    }

    /**
     * Checks the choices and builds.
     *
     * @throws IllegalArgumentException when the customer or timestamp column is missing, or the amount is not
     *     given as either an amount column or quantity and price columns
     */
    public CustomerValue build() {
      return new CustomerValue(this);
    }
  }
}
