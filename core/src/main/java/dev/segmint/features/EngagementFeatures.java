package dev.segmint.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Engagement features per customer, from per-customer counters (one or more rows per customer: counters are
 * summed) or from an event log (one row per event: customer, event type, timestamp).
 *
 * <p>Outputs, each only when configured:
 * <ul>
 *   <li>{@code email_sends}, {@code open_rate}, {@code click_rate} (clicks / sends), {@code click_to_open_rate}
 *       (clicks / opens);
 *   <li>{@code web_visits_per_month} (a counter column is averaged over a customer's rows; from events: visits
 *       divided by the months from the first event in the log to the as-of date, at least one month, a month being
 *       30.4375 days);
 *   <li>{@code days_since_last_activity} (a days column: the minimum over a customer's rows; a date column or
 *       events: as-of date − latest date; sends are not activity. A customer with no activity event gets the length
 *       of the whole log window);
 *   <li>{@code campaigns_accepted}: how many of the campaign columns are &gt; 0 (summed over rows);
 *   <li>{@code channel_purchases} and {@code share_<channel>} for each named channel (e.g. web, store, catalog).
 * </ul>
 *
 * <p><b>Smoothed rates.</b> Every rate and share is an empirical-Bayes estimate
 * {@code (k + m·p) / (n + m)}, where k/n is the customer's own ratio, p the <i>prior</i> — the pooled ratio
 * Σk / Σn over the customers of the table the features were {@linkplain #fit fitted} on — and m the prior strength
 * ({@link Builder#priorStrength}, default 10 pseudo-sends or pseudo-purchases). So a customer with no sends gets
 * the pooled open rate instead of 0/0, and one with 1 send and 1 open gets (1 + 10p)/11 rather than 100%. With
 * m = 0 the rates are raw ratios and a zero denominator gives p. The fitted priors are plain data
 * ({@link #priors()}), applied unchanged to new customers. If a pooled denominator is 0, that prior is 0.
 *
 * <p>Cost O(rows) time, O(customers) memory.
 */
public final class EngagementFeatures {

  /** A month, in days (365.25 / 12). */
  public static final double DAYS_PER_MONTH = 30.4375;

  /** The engagement table, the priors used, and the as-of date (null when no date was involved). */
  public record Result(Table table, Map<String, Double> priors, LocalDate asOf, long rowsWithoutId,
      List<String> rowsWithoutIdExamples) {
    public Result {
      priors = Collections.unmodifiableMap(new LinkedHashMap<>(priors));
      rowsWithoutIdExamples = List.copyOf(rowsWithoutIdExamples);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format("Engagement: %,d customers", table.rowCount()));
      if (asOf != null) {
        sb.append(", as of ").append(asOf);
      }
      if (!priors.isEmpty()) {
        sb.append(", priors ").append(priors);
      }
      if (rowsWithoutId > 0) {
        sb.append(String.format("; %,d rows without customer id (e.g. rows %s)", rowsWithoutId,
            String.join(", ", rowsWithoutIdExamples)));
      }
      return sb.append(System.lineSeparator()).append(table.print(10)).toString();
    }
  }

  private final Builder b;
  private final Map<String, Double> fittedPriors;

  private EngagementFeatures(Builder b, Map<String, Double> fittedPriors) {
    this.b = b.copy();
    this.fittedPriors = fittedPriors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fittedPriors));
  }

  /** A builder naming the columns. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Learns the priors (pooled rates and channel shares) from {@code table} and returns features that apply
   * them to any table. Without fitting, {@link #run} pools over the table it is given.
   */
  public EngagementFeatures fit(Table table) {
    return new EngagementFeatures(b, run(table).priors());
  }

  /** Features with the given priors (for example read back from a saved model). */
  public EngagementFeatures withPriors(Map<String, Double> priors) {
    return new EngagementFeatures(b, priors);
  }

  /** The fitted priors (rate or share name → prior), or an empty map when not fitted. */
  public Map<String, Double> priors() {
    return fittedPriors == null ? Map.of() : fittedPriors;
  }

  /** True when {@link #fit} (or {@link #withPriors}) fixed the priors. */
  public boolean isFitted() {
    return fittedPriors != null;
  }

  /** The customer id column. */
  public String customer() {
    return b.customer;
  }

  /** The email counter columns: sends, opens, clicks (each may be null). */
  public List<String> emails() {
    return Collections.unmodifiableList(Arrays.asList(b.sends, b.opens, b.clicks));
  }

  /** The web-visits-per-month column, or null. */
  public String webVisitsPerMonth() {
    return b.webVisits;
  }

  /** The days-since-last-activity column, or null. */
  public String daysSinceLastActivity() {
    return b.daysSinceColumn;
  }

  /** The last-activity date column and its pattern (each may be null). */
  public List<String> lastActivity() {
    return Collections.unmodifiableList(Arrays.asList(b.lastActivityDate, b.lastActivityFormat));
  }

  /** The campaign acceptance columns. */
  public List<String> campaigns() {
    return b.campaigns;
  }

  /** The purchase channels: name → count column, in output order. */
  public Map<String, String> channels() {
    return b.channels;
  }

  /** The event log's type column, time column and time pattern (all null for counters). */
  public List<String> events() {
    return Collections.unmodifiableList(Arrays.asList(b.eventType, b.eventTime, b.eventTimeFormat));
  }

  /** The event type names: send, open, click, visit. */
  public List<String> eventNames() {
    return Collections.unmodifiableList(Arrays.asList(b.sendEvent, b.openEvent, b.clickEvent, b.visitEvent));
  }

  /** The fixed as-of date, or null for the day after the latest date of each table. */
  public LocalDate asOf() {
    return b.asOf;
  }

  /** The prior strength m of the smoothed rates. */
  public double priorStrength() {
    return b.priorStrength;
  }

  /** The engagement table: {@code customer_id} then the configured features. */
  public Table compute(Table table) {
    return run(table).table();
  }

  /**
   * Computes the engagement table.
   *
   * @throws IllegalArgumentException when a named column is missing or of the wrong type, the table is empty, a
   *     counter is negative, or no date can be read
   */
  public Result run(Table table) {
    Objects.requireNonNull(table, "table");
    PerCustomer g = new PerCustomer(table, b.customer);
    int n = g.customers();
    Table out = Table.create("engagement", StringColumn.create("customer_id", g.ids));
    Map<String, Double> priors = new LinkedHashMap<>();
    LocalDate usedAsOf = null;

    double[] sends = null;
    double[] opens = null;
    double[] clicks = null;
    double[] visitsPerMonth = null;
    double[] daysSince = null;
    if (b.eventType != null) {
      Column<?> type = Columns.require(table, b.eventType);
      Dates.DayReader days = Dates.dayReader(Columns.require(table, b.eventTime), b.eventTimeFormat);
      sends = new double[n];
      opens = new double[n];
      clicks = new double[n];
      double[] visits = new double[n];
      long[] lastActive = new long[n];
      Arrays.fill(lastActive, Long.MIN_VALUE);
      long firstDay = Long.MAX_VALUE;
      long lastDay = Long.MIN_VALUE;
      for (int i = 0; i < g.rows; i++) {
        int c = g.customerOfRow[i];
        if (c < 0) {
          continue;
        }
        long day = days.epochDay(i);
        if (day == Long.MIN_VALUE) {
          throw new IllegalArgumentException("event time column '" + b.eventTime + "' has '" + table.column(b.eventTime).getString(i)
              + "' at row " + (i + 1) + ", which is not a date; give its pattern (eventTimeFormat) or fix the row");
        }
        firstDay = Math.min(firstDay, day);
        lastDay = Math.max(lastDay, day);
        String t = Columns.text(type, i);
        t = t == null ? "" : t.strip();
        if (t.equals(b.sendEvent)) {
          sends[c]++;
          continue;
        }
        if (t.equals(b.openEvent)) {
          opens[c]++;
        } else if (t.equals(b.clickEvent)) {
          clicks[c]++;
        } else if (t.equals(b.visitEvent)) {
          visits[c]++;
        }
        lastActive[c] = Math.max(lastActive[c], day);
      }
      long ref = b.asOf != null ? b.asOf.toEpochDay() : lastDay + 1;
      usedAsOf = LocalDate.ofEpochDay(ref);
      double months = Math.max(1, (ref - firstDay) / DAYS_PER_MONTH);
      visitsPerMonth = new double[n];
      daysSince = new double[n];
      for (int c = 0; c < n; c++) {
        visitsPerMonth[c] = visits[c] / months;
        daysSince[c] = ref - (lastActive[c] == Long.MIN_VALUE ? firstDay : lastActive[c]);
      }
    } else {
      if (b.sends != null) {
        sends = counter(table, b.sends, g);
        opens = counter(table, b.opens, g);
        clicks = b.clicks == null ? null : counter(table, b.clicks, g);
      }
      if (b.webVisits != null) {
        visitsPerMonth = g.mean(Columns.requireNumeric(table, b.webVisits));
      }
      if (b.daysSinceColumn != null) {
        daysSince = minimum(table, b.daysSinceColumn, g);
      } else if (b.lastActivityDate != null) {
        Dates.DayReader days = Dates.dayReader(Columns.require(table, b.lastActivityDate), b.lastActivityFormat);
        long[] last = new long[n];
        Arrays.fill(last, Long.MIN_VALUE);
        long maxDay = Long.MIN_VALUE;
        for (int i = 0; i < g.rows; i++) {
          int c = g.customerOfRow[i];
          long day = c < 0 ? Long.MIN_VALUE : days.epochDay(i);
          if (day != Long.MIN_VALUE) {
            last[c] = Math.max(last[c], day);
            maxDay = Math.max(maxDay, day);
          }
        }
        if (maxDay == Long.MIN_VALUE) {
          throw new IllegalArgumentException("no value of column '" + b.lastActivityDate + "' could be read as a date; "
              + "give its pattern, e.g. lastActivity(\"" + b.lastActivityDate + "\", \"dd-MM-yyyy\")");
        }
        long ref = b.asOf != null ? b.asOf.toEpochDay() : maxDay + 1;
        usedAsOf = LocalDate.ofEpochDay(ref);
        daysSince = new double[n];
        for (int c = 0; c < n; c++) {
          daysSince[c] = last[c] == Long.MIN_VALUE ? Double.NaN : ref - last[c];
        }
      }
    }
    if (sends != null) {
      out.addColumns(DoubleColumn.create("email_sends", sends));
      out.addColumns(DoubleColumn.create("open_rate", smoothed("open_rate", opens, sends, priors)));
      if (clicks != null) {
        out.addColumns(DoubleColumn.create("click_rate", smoothed("click_rate", clicks, sends, priors)));
        out.addColumns(DoubleColumn.create("click_to_open_rate", smoothed("click_to_open_rate", clicks, opens, priors)));
      }
    }
    if (visitsPerMonth != null) {
      out.addColumns(DoubleColumn.create("web_visits_per_month", visitsPerMonth));
    }
    if (daysSince != null) {
      out.addColumns(DoubleColumn.create("days_since_last_activity", daysSince));
    }
    if (!b.campaigns.isEmpty()) {
      double[] accepted = new double[n];
      for (String col : b.campaigns) {
        NumericColumn<?> nc = Columns.requireNumeric(table, col);
        for (int i = 0; i < g.rows; i++) {
          int c = g.customerOfRow[i];
          if (c >= 0 && !nc.isMissing(i) && nc.getDouble(i) > 0) {
            accepted[c]++;
          }
        }
      }
      out.addColumns(DoubleColumn.create("campaigns_accepted", accepted));
    }
    if (!b.channels.isEmpty()) {
      double[] total = new double[n];
      Map<String, double[]> counts = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : b.channels.entrySet()) {
        double[] k = counter(table, e.getValue(), g);
        counts.put(e.getKey(), k);
        for (int c = 0; c < n; c++) {
          total[c] += k[c];
        }
      }
      out.addColumns(DoubleColumn.create("channel_purchases", total));
      for (Map.Entry<String, double[]> e : counts.entrySet()) {
        String name = "share_" + e.getKey();
        out.addColumns(DoubleColumn.create(name, smoothed(name, e.getValue(), total, priors)));
      }
    }
    if (out.columnCount() == 1) {
      throw new IllegalStateException("no engagement output configured");
    }
    return new Result(out, priors, usedAsOf, g.rowsWithoutId, g.rowsWithoutIdExamples);
  }

  /** (k + m·p) / (n + m) with p the fitted prior, or the pooled ratio of this table when not fitted. */
  private double[] smoothed(String name, double[] k, double[] den, Map<String, Double> priors) {
    double p;
    if (fittedPriors != null) {
      Double fitted = fittedPriors.get(name);
      if (fitted == null) {
        throw new IllegalArgumentException("no fitted prior for '" + name + "' (fitted priors: " + fittedPriors.keySet()
            + "); fit these features again with the same configuration");
      }
      p = fitted;
    } else {
      double sk = 0;
      double sn = 0;
      for (int c = 0; c < k.length; c++) {
        sk += k[c];
        sn += den[c];
      }
      p = sn > 0 ? sk / sn : 0;
    }
    priors.put(name, p);
    double m = b.priorStrength;
    double[] r = new double[k.length];
    for (int c = 0; c < k.length; c++) {
      double nn = den[c] + m;
      r[c] = nn > 0 ? (k[c] + m * p) / nn : p;
    }
    return r;
  }

  /** A summed, non-negative counter; a customer whose values are all missing counts 0. */
  private static double[] counter(Table t, String name, PerCustomer g) {
    NumericColumn<?> col = Columns.requireNumeric(t, name);
    for (int i = 0; i < g.rows; i++) {
      if (!col.isMissing(i) && col.getDouble(i) < 0) {
        throw new IllegalArgumentException("counter column '" + name + "' is " + col.getString(i) + " at row " + (i + 1)
            + " (customer " + g.idOfRow(i) + "); counts cannot be negative: fix or remove that row");
      }
    }
    double[] s = g.sum(col);
    for (int c = 0; c < s.length; c++) {
      if (Double.isNaN(s[c])) {
        s[c] = 0;
      }
    }
    return s;
  }

  private static double[] minimum(Table t, String name, PerCustomer g) {
    NumericColumn<?> col = Columns.requireNumeric(t, name);
    double[] out = new double[g.customers()];
    Arrays.fill(out, Double.NaN);
    for (int i = 0; i < g.rows; i++) {
      int c = g.customerOfRow[i];
      if (c >= 0 && !col.isMissing(i)) {
        double v = col.getDouble(i);
        out[c] = Double.isNaN(out[c]) ? v : Math.min(out[c], v);
      }
    }
    return out;
  }

  /** Names the columns; a copy is taken at {@link #build()}. */
  public static final class Builder {
    private String customer;
    private String sends;
    private String opens;
    private String clicks;
    private String webVisits;
    private String daysSinceColumn;
    private String lastActivityDate;
    private String lastActivityFormat;
    private List<String> campaigns = new ArrayList<>();
    private Map<String, String> channels = new LinkedHashMap<>();
    private String eventType;
    private String eventTime;
    private String eventTimeFormat;
    private String sendEvent = "send";
    private String openEvent = "open";
    private String clickEvent = "click";
    private String visitEvent = "visit";
    private LocalDate asOf;
    private double priorStrength = 10;

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.customer = customer;
      c.sends = sends;
      c.opens = opens;
      c.clicks = clicks;
      c.webVisits = webVisits;
      c.daysSinceColumn = daysSinceColumn;
      c.lastActivityDate = lastActivityDate;
      c.lastActivityFormat = lastActivityFormat;
      c.campaigns = List.copyOf(campaigns);
      c.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
      c.eventType = eventType;
      c.eventTime = eventTime;
      c.eventTimeFormat = eventTimeFormat;
      c.sendEvent = sendEvent;
      c.openEvent = openEvent;
      c.clickEvent = clickEvent;
      c.visitEvent = visitEvent;
      c.asOf = asOf;
      c.priorStrength = priorStrength;
      return c;
    }

    /** The customer id column (required); ids are read as text. */
    public Builder customer(String column) {
      this.customer = column;
      return this;
    }

    /** Email counter columns: sends, opens and clicks (clicks may be null). */
    public Builder emails(String sends, String opens, String clicks) {
      this.sends = Objects.requireNonNull(sends, "sends");
      this.opens = Objects.requireNonNull(opens, "opens");
      this.clicks = clicks;
      return this;
    }

    /** A web-visits-per-month column (e.g. {@code NumWebVisitsMonth}). */
    public Builder webVisitsPerMonth(String column) {
      this.webVisits = column;
      return this;
    }

    /** A column of days since the last activity (e.g. {@code Recency}). */
    public Builder daysSinceLastActivity(String column) {
      this.daysSinceColumn = column;
      return this;
    }

    /** A last-activity date column, optionally with its pattern (e.g. {@code "dd-MM-yyyy"}); needs an as-of date or uses the day after the latest. */
    public Builder lastActivity(String dateColumn, String pattern) {
      this.lastActivityDate = dateColumn;
      this.lastActivityFormat = pattern;
      return this;
    }

    /** Campaign acceptance columns (0/1 or counts), e.g. {@code AcceptedCmp1..5, Response}. */
    public Builder campaigns(String... columns) {
      this.campaigns = new ArrayList<>(Arrays.asList(columns));
      return this;
    }

    /** A purchase-channel count column, e.g. {@code channel("web", "NumWebPurchases")}. */
    public Builder channel(String name, String column) {
      if (channels.containsKey(name)) {
        throw new IllegalArgumentException("channel '" + name + "' is configured twice");
      }
      channels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Reads an event log instead of counters: one row per event with its type and time. Types are
     * {@code send}, {@code open}, {@code click} and {@code visit} unless renamed with {@link #eventNames}.
     */
    public Builder events(String typeColumn, String timeColumn, String timePattern) {
      this.eventType = Objects.requireNonNull(typeColumn, "typeColumn");
      this.eventTime = Objects.requireNonNull(timeColumn, "timeColumn");
      this.eventTimeFormat = timePattern;
      return this;
    }

    /** The event type names of an event log. */
    public Builder eventNames(String send, String open, String click, String visit) {
      this.sendEvent = send;
      this.openEvent = open;
      this.clickEvent = click;
      this.visitEvent = visit;
      return this;
    }

    /** The as-of date for days since last activity and visits per month (default: the day after the latest date). */
    public Builder asOf(LocalDate date) {
      this.asOf = date;
      return this;
    }

    /** The prior strength m of the smoothed rates (≥ 0; default 10). */
    public Builder priorStrength(double m) {
      if (!(m >= 0) || Double.isInfinite(m)) {
        throw new IllegalArgumentException("prior strength must be a finite number ≥ 0, got " + m);
      }
      this.priorStrength = m;
      return this;
    }

    /** Checks the choices and builds (unfitted: priors are pooled from each table until {@link #fit}). */
    public EngagementFeatures build() {
      if (customer == null) {
        throw new IllegalArgumentException("engagement features need a customer id column: call customer(\"ID\")");
      }
      if (eventType != null && (sends != null || webVisits != null || daysSinceColumn != null || lastActivityDate != null)) {
        throw new IllegalArgumentException("events(...) gives email counts, visits and last activity; do not also "
            + "name emails, webVisitsPerMonth, daysSinceLastActivity or lastActivity columns");
      }
      if (daysSinceColumn != null && lastActivityDate != null) {
        throw new IllegalArgumentException("give either daysSinceLastActivity or lastActivity, not both");
      }
      if (eventType == null && sends == null && webVisits == null && daysSinceColumn == null && lastActivityDate == null
          && campaigns.isEmpty() && channels.isEmpty()) {
        throw new IllegalArgumentException("no engagement column configured: call emails, webVisitsPerMonth, "
            + "daysSinceLastActivity, lastActivity, campaigns, channel or events");
      }
      if (eventTimeFormat != null) {
        Dates.formatter(eventTimeFormat);
      }
      if (lastActivityFormat != null) {
        Dates.formatter(lastActivityFormat);
      }
      return new EngagementFeatures(this, null);
    }
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add("customer=" + b.customer);
    if (b.eventType != null) {
      parts.add("events(type=" + b.eventType + ", time=" + b.eventTime + ")");
    }
    if (b.sends != null) {
      parts.add("emails(" + b.sends + ", " + b.opens + (b.clicks == null ? "" : ", " + b.clicks) + ")");
    }
    if (b.webVisits != null) {
      parts.add("web visits/month=" + b.webVisits);
    }
    if (b.daysSinceColumn != null) {
      parts.add("days since last activity=" + b.daysSinceColumn);
    }
    if (b.lastActivityDate != null) {
      parts.add("last activity=" + b.lastActivityDate);
    }
    if (!b.campaigns.isEmpty()) {
      parts.add("campaigns=" + b.campaigns);
    }
    if (!b.channels.isEmpty()) {
      parts.add("channels=" + b.channels);
    }
    parts.add("prior strength " + b.priorStrength + (fittedPriors == null ? " (priors pooled per table)" : ", priors " + fittedPriors));
    return "EngagementFeatures[" + String.join(", ", parts) + "]";
  }
}
