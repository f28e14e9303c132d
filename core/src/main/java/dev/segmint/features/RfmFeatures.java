package dev.segmint.features;

import dev.segmint.features.DataQualityReport.Reason;
import dev.segmint.features.SettingException.Setting;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Recency, frequency and monetary value (RFM) per customer from a transactions table, with 1–5 scores (or 1–3,
 * 1–4), the
 * three-digit RFM code and the named RFM segment.
 *
 * <p>Definitions (Segmint's RFM contract):
 * <ul>
 *   <li>Rows with a missing customer id or an unparseable timestamp are dropped and counted in the
 *       {@link DataQualityReport}. The date part of the timestamp counts.
 *   <li>{@link Returns#EXCLUDE} (default): rows with amount ≤ 0 are dropped and counted. {@link Returns#NET}:
 *       negative amounts are kept and reduce monetary; they never count as orders. Zero amounts are dropped in
 *       both modes.
 *   <li>A purchase is a kept row with amount &gt; 0. A customer with no purchase is dropped and counted
 *       (reason: no purchases).
 *   <li>{@code recency_days} = as-of date − date of the last purchase, in whole days. The default as-of date is
 *       the day after the latest purchase date, so a purchase on that latest day has recency 1. Rows dated after
 *       an explicit as-of date are dropped and counted. Without an as-of date, a purchase dated after tomorrow
 *       (UTC, by the machine's clock) is refused, since a mistyped year would shift every recency. Customer ids
 *       that differ only by leading or trailing whitespace are refused too (one customer exported twice).
 *   <li>{@code frequency} = distinct order ids among the customer's purchases (without an order column, each
 *       purchase row is an order; a purchase row with a missing order id is an order of its own).
 *   <li>{@code monetary} = sum of the amounts of the customer's kept rows; {@code tenure_days} = as-of date −
 *       first purchase date; {@code avg_order_value} = monetary / frequency. Customers with monetary ≤ 0 after
 *       netting stay in the output and are flagged in the report.
 *   <li>Scores: {@code score(x) = 1 + floor(b · count(customers with a strictly worse value) / n)} with b = 5
 *       bins by default ({@link Builder#bins(int)}: 3, 4 or 5), where worse is larger recency, smaller
 *       frequency, smaller monetary. Ties share a score; independent of row order. The named segment of each
 *       (R, F) cell comes from an {@link RfmSegmentMap} (default: the contract's table).
 * </ul>
 *
 * <p>Output columns, one row per customer sorted by id: {@code customer_id, recency_days, frequency, monetary,
 * tenure_days, avg_order_value, r_score, f_score, m_score, rfm_code, rfm_segment}; then, only when asked for,
 * {@code mean_days_between_purchases} ({@link Builder#meanDaysBetweenPurchases()}) and
 * {@code purchases_last_<n>d} ({@link Builder#purchasesInLastDays(int...)}).
 *
 * <p>Customer ids are text, exactly as they appear in the input (a pandas-style id {@code 17850.0} stays
 * {@code "17850.0"}); read id columns as text to keep them so.
 *
 * <p>Cost: one pass over the rows (O(rows) time, hashing ids and order ids) plus O(c log c) for the scores of
 * c customers; memory O(c + distinct orders).
 *
 * <p>Reference: A. M. Hughes (1994), <i>Strategic Database Marketing</i>; D. Chen, S. L. Sain, K. Guo (2012),
 * doi:10.1057/dbm.2012.17 (the Online Retail case study).
 */
public final class RfmFeatures {

  /** The output column names, in order (the optional extras follow them when requested). */
  public static final List<String> COLUMNS = List.of("customer_id", "recency_days", "frequency", "monetary",
      "tenure_days", "avg_order_value", "r_score", "f_score", "m_score", "rfm_code", "rfm_segment");

  /**
   * The label columns of the RFM table: scores, code and named segment. They describe customers, but they are
   * derived from recency, frequency and monetary, so profiles treat them as categories and never name a segment
   * after them (see {@code SegmentProfiles.Options#labelColumns()}), and clustering should not use them.
   */
  public static final List<String> LABEL_COLUMNS = List.of("r_score", "f_score", "m_score", "rfm_code",
      "rfm_segment");

  /** The optional extra column of {@link Builder#meanDaysBetweenPurchases()}. */
  public static final String MEAN_DAYS_BETWEEN = "mean_days_between_purchases";

  /** The name of the optional extra column of {@link Builder#purchasesInLastDays(int...)} for a window of n days. */
  public static String purchasesInLastColumn(int days) {
    return "purchases_last_" + days + "d";
  }

  /** How rows with a negative amount are treated. */
  public enum Returns {
    /** Drop rows with amount ≤ 0 (counted in the data-quality report). */
    EXCLUDE,
    /** Keep negative amounts: they reduce monetary but never count as orders. */
    NET
  }

  /** The RFM table and the data-quality report of one computation. */
  public record Result(Table table, DataQualityReport report, LocalDate asOf) {
    @Override
    public String toString() {
      return "RFM as of " + asOf + "\n" + report + table.print(10);
    }
  }

  private final String customer;
  private final String timestamp;
  private final String timestampFormat;
  private final String order;
  private final String amount;
  private final String quantity;
  private final String price;
  private final LocalDate asOf;
  private final Returns returns;
  private final boolean meanDaysBetween;
  private final int[] recentWindows;
  private final int bins;
  private final RfmSegmentMap segmentMap;

  private RfmFeatures(Builder b) {
    this.customer = b.customer;
    this.timestamp = b.timestamp;
    this.timestampFormat = b.timestampFormat;
    this.order = b.order;
    this.amount = b.amount;
    this.quantity = b.quantity;
    this.price = b.price;
    this.asOf = b.asOf;
    this.returns = b.returns;
    this.meanDaysBetween = b.meanDaysBetween;
    this.recentWindows = b.recentWindows.clone();
    this.bins = b.bins;
    this.segmentMap = b.segmentMap;
  }

  /** A builder naming the transaction columns. */
  public static Builder builder() {
    return new Builder();
  }

  /** Computes the RFM table (see the class comment for the columns). The report is in {@link #run(Table)}. */
  public Table compute(Table transactions) {
    return run(transactions).table();
  }

  /**
   * Computes the RFM table and the data-quality report: {@code prepare(transactions)} then the RFM at this
   * instance's as-of date.
   *
   * @throws IllegalArgumentException when a named column is missing or of the wrong type, the table is empty, no
   *     timestamp can be parsed, or no customer has a purchase
   */
  public Result run(Table transactions) {
    Prepared p = prepare(transactions);
    return p.compute(asOf == null ? Long.MAX_VALUE : asOf.toEpochDay(), asOf);
  }

  /**
   * Reads and checks the transactions once (customer ids, timestamps, amounts, order ids), so that the RFM at
   * several as-of dates can be computed without reading the table again ({@link Prepared#before(LocalDate)}, used
   * by {@code dev.segmint.cycle.Tracker}). The checks and messages are those of {@link #run(Table)}.
   *
   * <p>Cost: one pass over the rows (O(rows) time, hashing ids and order ids once); memory about 24 bytes per row
   * plus O(customers + distinct orders).
   *
   * @throws IllegalArgumentException when a named column is missing or of the wrong type, the table is empty, an
   *     amount is infinite, no timestamp can be parsed, or two customer ids differ only by surrounding whitespace
   */
  public Prepared prepare(Table transactions) {
    return new Prepared(this, transactions);
  }

  /**
   * Transactions read once, from which the RFM table at any as-of date is computed without hashing or parsing:
   * O(rows + distinct orders) primitive work per date, plus O(c log c) for the scores of c customers. The monetary
   * sums add the amounts in row order, so every date gives bit for bit what {@link RfmFeatures#run(Table)} gives.
   * Immutable; safe to share between threads.
   */
  public static final class Prepared {
    private static final int NO_DAY = Integer.MIN_VALUE;
    /** Why a row cannot be used at any as-of date, in the order the rows are checked. */
    private static final Reason[] UNUSABLE = {Reason.MISSING_CUSTOMER_ID, Reason.UNPARSEABLE_TIMESTAMP,
        Reason.MISSING_AMOUNT};
    private final RfmFeatures settings;
    private final String tableName;
    private final int rows;
    private final String firstBadTimestamp;
    private final String[] ids;          // customer number -> id, in order of first appearance
    private final java.util.BitSet dated;   // customers with a row whose timestamp could be read
    private final int[] customerOf;      // row -> customer number, -1 for a missing id
    private final int[] dayOf;           // row -> epoch day, NO_DAY when unreadable
    private final double[] valueOf;      // row -> amount, NaN when missing
    private final int[] orderOf;         // row -> order number (rows with amount > 0), else -1
    private final int orders;
    private final long firstPurchaseDay;
    private final long lastPurchaseDay;
    /** The rows with a customer, a readable date and an amount, in row order. */
    private final int[] usableRows;
    /** Per reason of {@link #UNUSABLE}: the rows dropped for it, and the first of them (1-based) as examples. */
    private final long[] unusableCounts = new long[UNUSABLE.length];
    private final int[][] unusableExamples = new int[UNUSABLE.length][];
    /** Customer numbers sorted by id, computed on first use and shared by every as-of date. */
    private int[] byId;

    private Prepared(RfmFeatures settings, Table transactions) {
      Objects.requireNonNull(transactions, "transactions");
      this.settings = settings;
      Column<?> idCol = Columns.require(transactions, settings.customer);
      Column<?> tsCol = Columns.require(transactions, settings.timestamp);
      Column<?> orderCol = settings.order == null ? null : Columns.require(transactions, settings.order);
      NumericColumn<?> amountCol = settings.amount == null ? null : Columns.requireNumeric(transactions, settings.amount);
      NumericColumn<?> qtyCol = settings.quantity == null ? null : Columns.requireNumeric(transactions, settings.quantity);
      NumericColumn<?> priceCol = settings.price == null ? null : Columns.requireNumeric(transactions, settings.price);
      rows = transactions.rowCount();
      tableName = transactions.name();
      if (rows == 0) {
        throw new IllegalArgumentException("the transactions table '" + transactions.name()
            + "' has no rows; RFM needs at least one purchase");
      }
      Dates.DayReader days = Dates.dayReader(tsCol, settings.timestampFormat);
      // each row's amount (quantity times price) computed once into the array that keeps it (NaN where missing,
      // and for the rows that cannot be used): no per-row calls into the columns, no copies of them
      valueOf = amountCol != null ? Columns.products(amountCol, null) : Columns.products(qtyCol, priceCol);
      // customers and order ids numbered once per distinct value (a string column's dictionary keys, not a String
      // hash per row); a customer's number is its index below, as both count from the first appearance
      TextIds customerIds = TextIds.of(idCol);
      customerOf = customerIds.ids();
      int[] orderIdOf = orderCol == null ? null : TextIds.of(orderCol).ids();
      List<String> idList = new ArrayList<>();
      IntList firstRow = new IntList();
      dated = new java.util.BitSet();
      dayOf = new int[rows];
      orderOf = new int[rows];
      // (customer, order id) -> a global order number
      TextIds.KeyMap orderNumbers = new TextIds.KeyMap();
      int orderCount = 0;
      long lastKey = -1;   // no key: customer and order numbers are never negative
      int lastOrder = -1;
      String badTimestamp = null;
      int parsedTimestamps = 0;
      long firstDay = Long.MAX_VALUE;
      long lastDay = Long.MIN_VALUE;
      for (int i = 0; i < rows; i++) {
        orderOf[i] = -1;
        dayOf[i] = NO_DAY;
        double value = valueOf[i];
        valueOf[i] = Double.NaN;
        int c = customerOf[i];
        if (c < 0) {
          continue;
        }
        if (c == idList.size()) {
          idList.add(customerIds.values().get(c));
          firstRow.add(i + 1);
        }
        long day = days.epochDay(i);
        if (day == Long.MIN_VALUE) {
          if (badTimestamp == null && !tsCol.isMissing(i)) {
            badTimestamp = tsCol.getString(i);
          }
          continue;
        }
        if (day <= NO_DAY || day > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("the timestamp at row " + (i + 1) + " ('" + tsCol.getString(i)
              + "') is millions of years away; fix or remove that row");
        }
        dayOf[i] = (int) day;
        parsedTimestamps++;
        dated.set(c);
        // a missing quantity or price is NaN, and so is the product
        if (Double.isInfinite(value)) {
          throw new IllegalArgumentException("the amount at row " + (i + 1) + " (customer " + idList.get(c) + ") is "
              + value + "; amounts must be finite numbers: fix or remove that row");
        }
        valueOf[i] = value;
        if (value > 0) {
          firstDay = Math.min(firstDay, day);
          lastDay = Math.max(lastDay, day);
          int orderId = orderIdOf == null ? -1 : orderIdOf[i];
          if (orderId < 0) {
            orderOf[i] = orderCount++;
          } else {
            long key = ((long) c << 32) | orderId;
            // an order's lines usually follow one another: the key of the line before needs no lookup
            int known = key == lastKey ? lastOrder : orderNumbers.get(key);
            if (known == TextIds.KeyMap.ABSENT) {
              orderNumbers.put(key, orderCount);
              known = orderCount++;
            }
            orderOf[i] = known;
            lastKey = key;
            lastOrder = known;
          }
        }
      }
      orders = orderCount;
      firstBadTimestamp = badTimestamp;
      firstPurchaseDay = firstDay;
      lastPurchaseDay = lastDay;
      if (parsedTimestamps == 0 && firstBadTimestamp != null) {
        String example = firstBadTimestamp;
        String ts = settings.timestamp;
        List<String> fits = Dates.suggestPatterns(tsCol);
        throw new SettingException(w -> "no value of timestamp column '" + ts + "' could be read as a date (e.g. '"
            + example + "'); " + patternAdvice(fits, w));
      }
      ids = idList.toArray(String[]::new);
      Ids.requireDistinctWhenStripped(ids, firstRow.toArray());
      IntList usable = new IntList(rows);
      IntList[] examples = {new IntList(), new IntList(), new IntList()};
      for (int i = 0; i < rows; i++) {
        int why = customerOf[i] < 0 ? 0 : dayOf[i] == NO_DAY ? 1 : Double.isNaN(valueOf[i]) ? 2 : -1;
        if (why < 0) {
          usable.add(i);
        } else if (unusableCounts[why]++ < DataQualityReport.EXAMPLES) {
          examples[why].add(i + 1);
        }
      }
      usableRows = usable.toArray();
      for (int r = 0; r < UNUSABLE.length; r++) {
        unusableExamples[r] = examples[r].toArray();
      }
    }

    /** Every customer number, sorted by id: O(c log c) string comparisons once, not once per as-of date. */
    private int[] byId() {
      int[] order = byId;
      if (order == null) {
        Integer[] boxed = new Integer[ids.length];
        for (int c = 0; c < boxed.length; c++) {
          boxed[c] = c;
        }
        Arrays.sort(boxed, (a, b) -> ids[a].compareTo(ids[b]));
        order = new int[boxed.length];
        for (int c = 0; c < boxed.length; c++) {
          order[c] = boxed[c];
        }
        byId = order;
      }
      return order;
    }

    /** The settings (columns, returns, bins, segment map) these transactions were read with. */
    public RfmFeatures settings() {
      return settings;
    }

    /** The number of rows read. */
    public int rows() {
      return rows;
    }

    /** The date of the earliest purchase (a row with customer, date and amount &gt; 0), or null when there is none. */
    public LocalDate firstPurchaseDate() {
      return firstPurchaseDay == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(firstPurchaseDay);
    }

    /** The date of the latest purchase, or null when there is none. */
    public LocalDate lastPurchaseDate() {
      return lastPurchaseDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(lastPurchaseDay);
    }

    /**
     * The RFM table as of {@code date} from the transactions dated strictly before it (the tracking contract's
     * snapshot): {@code recency_days = date − last purchase}, so a purchase the day before has recency 1. Rows
     * dated on or after {@code date} are counted in the report as after the as-of date. The settings' own as-of
     * date is not used. O(rows + distinct orders) plus O(c log c).
     *
     * @throws IllegalArgumentException when no customer has a purchase before {@code date}
     */
    public Result before(LocalDate date) {
      Objects.requireNonNull(date, "date");
      return compute(date.toEpochDay() - 1, date);
    }

    /** The RFM at the settings' as-of date, equal to {@code settings().run(transactions)}. */
    public Result atSettingsAsOf() {
      return compute(settings.asOf == null ? Long.MAX_VALUE : settings.asOf.toEpochDay(), settings.asOf);
    }

    /**
     * The purchases (kept rows with amount &gt; 0) dated on or before {@code lastDay}, as primitive arrays in row
     * order, for models that need the date of every purchase (the customer-value summary of
     * {@code dev.segmint.value.CustomerValue}). Rows are kept and dropped exactly as for the RFM as of the next day,
     * and the data-quality report is that RFM's (later rows are counted as dated after the as-of date). The
     * customers are those with a purchase up to {@code lastDay}, sorted by id. O(rows + distinct orders) plus
     * O(c log c) once for the order of the ids.
     *
     * @throws IllegalArgumentException when no customer has a purchase on or before {@code lastDay}
     */
    public Purchases purchasesThrough(LocalDate lastDay) {
      Objects.requireNonNull(lastDay, "lastDay");
      Kept k = keep(lastDay.toEpochDay(), true);
      int[] rank = new int[ids.length];
      Arrays.fill(rank, -1);
      String[] outIds = new String[k.n];
      for (int r = 0; r < k.n; r++) {
        rank[k.out[r]] = r;
        outIds[r] = ids[k.out[r]];
      }
      int[] rowsKept = k.purchaseRows.toArray();
      int[] customer = new int[rowsKept.length];
      int[] day = new int[rowsKept.length];
      double[] amount = new double[rowsKept.length];
      for (int j = 0; j < rowsKept.length; j++) {
        int i = rowsKept[j];
        customer[j] = rank[customerOf[i]];
        day[j] = dayOf[i];
        amount[j] = valueOf[i];
      }
      k.dq.rowsKept(k.kept);
      k.dq.customersOut(k.n);
      return new Purchases(outIds, customer, day, amount, k.dq.build(), lastDay);
    }

    /** What {@link #keep} kept: per customer number, and the customers with a purchase sorted by id. */
    private static final class Kept {
      DataQualityReport.Builder dq;
      int[] first;
      int[] last;
      double[] monetary;
      int[] frequency;
      int[] orderLastDay;
      /** Customer numbers with a purchase, sorted by id. */
      int[] out;
      int n;
      long kept;
      int maxDay;
      /** The kept rows with amount &gt; 0, in row order (only when asked for). */
      IntList purchaseRows;
    }

    /**
     * The pass over the rows dated on or before {@code lastDayKept}: drops and counts rows, aggregates per customer,
     * and lists the customers with a purchase by id.
     */
    private Kept keep(long lastDayKept, boolean listPurchases) {
      RfmFeatures s = settings;
      int nc = ids.length;
      DataQualityReport.Builder dq = new DataQualityReport.Builder().rowsRead(rows);
      int[] first = new int[nc];
      int[] last = new int[nc];
      int[] keptRows = new int[nc];
      double[] monetary = new double[nc];
      int[] frequency = new int[nc];
      Arrays.fill(first, Integer.MAX_VALUE);
      Arrays.fill(last, Integer.MIN_VALUE);
      int[] orderLastDay = new int[orders];
      Arrays.fill(orderLastDay, Integer.MIN_VALUE);
      IntList purchaseRows = listPurchases ? new IntList(usableRows.length) : null;
      boolean exclude = s.returns == Returns.EXCLUDE;
      // rows without customer, date or amount are the same at every as-of date: counted once, in the constructor
      for (int r = 0; r < UNUSABLE.length; r++) {
        for (int row : unusableExamples[r]) {
          dq.add(UNUSABLE[r], row);
        }
        dq.addCount(UNUSABLE[r], unusableCounts[r] - unusableExamples[r].length);
      }
      int[] usable = usableRows;
      for (int j = 0; j < usable.length; j++) {
        int i = usable[j];
        int c = customerOf[i];
        int day = dayOf[i];
        double value = valueOf[i];
        if (day > lastDayKept) {
          dq.add(Reason.AFTER_AS_OF, i + 1);
          continue;
        }
        if (value == 0) {
          dq.add(Reason.ZERO_AMOUNT, i + 1);
          continue;
        }
        if (value < 0 && exclude) {
          dq.add(Reason.RETURN, i + 1);
          continue;
        }
        keptRows[c]++;
        monetary[c] += value;
        if (value > 0) {
          if (purchaseRows != null) {
            purchaseRows.add(i);
          }
          if (day < first[c]) {
            first[c] = day;
          }
          if (day > last[c]) {
            last[c] = day;
          }
          int g = orderOf[i];
          if (orderLastDay[g] == Integer.MIN_VALUE) {
            frequency[c]++;
            orderLastDay[g] = day;
          } else if (day > orderLastDay[g]) {
            orderLastDay[g] = day;
          }
        }
      }

      // customers with at least one purchase, sorted by id (the order computed once for all as-of dates)
      long kept = 0;
      int maxDay = Integer.MIN_VALUE;
      int n = 0;
      for (int c = 0; c < nc; c++) {
        if (frequency[c] == 0 && !dated.get(c)) {
          // every row of this customer was dropped for its timestamp: not a customer of returns or zero amounts
          dq.addCustomer(Reason.NO_READABLE_TIMESTAMP, ids[c]);
        } else if (frequency[c] == 0) {
          dq.addCustomer(Reason.NO_PURCHASES, ids[c]);
          dq.noPurchaseRows(keptRows[c]);
        } else {
          n++;
          kept += keptRows[c];
          maxDay = Math.max(maxDay, last[c]);
        }
      }
      int[] out = new int[n];
      int filled = 0;
      for (int c : byId()) {
        if (frequency[c] != 0) {
          out[filled++] = c;
        }
      }
      if (n == 0) {
        DataQualityReport r = dq.build();
        StringBuilder why = new StringBuilder();
        for (DataQualityReport.Entry e : r.entries()) {
          if (e.reason().rowLevel()) {
            why.append(why.length() == 0 ? "" : ", ").append(String.format("%,d %s", e.count(), e.reason().description()));
          }
        }
        throw new IllegalArgumentException("no customer has a purchase (a row with customer id, date and amount > 0) in '"
            + tableName + "' (of " + String.format("%,d", rows) + " rows: " + why
            + "); check the column choices, the timestamp pattern and --returns");
      }
      Kept k = new Kept();
      k.dq = dq;
      k.first = first;
      k.last = last;
      k.monetary = monetary;
      k.frequency = frequency;
      k.orderLastDay = orderLastDay;
      k.out = out;
      k.n = n;
      k.kept = kept;
      k.maxDay = maxDay;
      k.purchaseRows = purchaseRows;
      return k;
    }

    /**
     * The RFM from the rows dated on or before {@code lastDayKept}, with recency counted from {@code asOf} (null:
     * the day after the latest kept purchase).
     */
    private Result compute(long lastDayKept, LocalDate asOf) {
      RfmFeatures s = settings;
      int nc = ids.length;
      Kept k = keep(lastDayKept, false);
      DataQualityReport.Builder dq = k.dq;
      int[] first = k.first;
      int[] last = k.last;
      double[] monetary = k.monetary;
      int[] frequency = k.frequency;
      int[] orderLastDay = k.orderLastDay;
      int[] out = k.out;
      int n = k.n;
      long kept = k.kept;
      int maxDay = k.maxDay;
      if (asOf == null && maxDay > LocalDate.now(ZoneOffset.UTC).toEpochDay() + 1) {
        int c = out[0];
        for (int o : out) {
          if (last[o] == maxDay) {
            c = o;
            break;
          }
        }
        String id = ids[c];
        int day = maxDay;
        throw new SettingException(w -> "the latest purchase, of customer '" + id + "', is dated "
            + LocalDate.ofEpochDay(day) + ", after today (" + LocalDate.now(ZoneOffset.UTC) + "), and would be the "
            + "reference for every recency; fix that date, or give the as-of date (" + w.name(Setting.AS_OF)
            + ") so that later rows are dropped and counted");
      }
      LocalDate effectiveAsOf = asOf != null ? asOf : LocalDate.ofEpochDay(maxDay + 1L);
      long ref = effectiveAsOf.toEpochDay();

      String[] outIds = new String[n];
      int[] rec = new int[n];
      int[] freq = new int[n];
      double[] mon = new double[n];
      int[] ten = new int[n];
      double[] aov = new double[n];
      for (int r = 0; r < n; r++) {
        int c = out[r];
        outIds[r] = ids[c];
        rec[r] = (int) (ref - last[c]);
        freq[r] = frequency[c];
        mon[r] = monetary[c];
        if (!Double.isFinite(mon[r])) {
          throw new IllegalArgumentException("the amounts of customer '" + outIds[r] + "' sum to " + mon[r]
              + ", beyond the range of a double (about 1.8e308); check the unit of the amount column or scale it down");
        }
        ten[r] = (int) (ref - first[c]);
        aov[r] = mon[r] / freq[r];
        if (mon[r] <= 0) {
          dq.addCustomer(Reason.NON_POSITIVE_MONETARY, outIds[r]);
        }
      }
      int[] rs = scores(toDouble(rec), true, s.bins);
      int[] fs = scores(toDouble(freq), false, s.bins);
      int[] ms = scores(mon, false, s.bins);
      String[] code = new String[n];
      String[] seg = new String[n];
      for (int r = 0; r < n; r++) {
        code[r] = "" + rs[r] + fs[r] + ms[r];
        seg[r] = s.segmentMap.segment(rs[r], fs[r]);
      }
      dq.rowsKept(kept);
      dq.customersOut(n);
      Table t = Table.create("rfm",
          StringColumn.create("customer_id", outIds),
          IntColumn.create("recency_days", rec),
          IntColumn.create("frequency", freq),
          DoubleColumn.create("monetary", mon),
          IntColumn.create("tenure_days", ten),
          DoubleColumn.create("avg_order_value", aov),
          IntColumn.create("r_score", rs),
          IntColumn.create("f_score", fs),
          IntColumn.create("m_score", ms),
          StringColumn.create("rfm_code", code),
          StringColumn.create("rfm_segment", seg));
      if (s.meanDaysBetween) {
        DoubleColumn gap = DoubleColumn.create(MEAN_DAYS_BETWEEN, n);
        for (int r = 0; r < n; r++) {
          int c = out[r];
          if (freq[r] > 1) {
            gap.set(r, (last[c] - first[c]) / (double) (freq[r] - 1));
          } else {
            gap.setMissing(r);
          }
        }
        t.addColumns(gap);
      }
      if (s.recentWindows.length > 0) {
        int[] rowOfCustomer = new int[nc];
        Arrays.fill(rowOfCustomer, -1);
        for (int r = 0; r < n; r++) {
          rowOfCustomer[out[r]] = r;
        }
        int[] ownerOf = new int[orders];
        for (int i = 0; i < rows; i++) {
          if (orderOf[i] >= 0) {
            ownerOf[orderOf[i]] = customerOf[i];
          }
        }
        for (int w : s.recentWindows) {
          int[] count = new int[n];
          long from = ref - w;   // a purchase on day x is within the last w days when ref - x <= w
          for (int g = 0; g < orders; g++) {
            if (orderLastDay[g] == Integer.MIN_VALUE) {
              continue;   // no purchase of this order is kept at this date
            }
            int r = rowOfCustomer[ownerOf[g]];
            if (r >= 0 && orderLastDay[g] >= from) {
              count[r]++;
            }
          }
          t.addColumns(IntColumn.create(purchasesInLastColumn(w), count));
        }
      }
      return new Result(t, dq.build(), effectiveAsOf);
    }

    @Override
    public String toString() {
      return "RfmFeatures.Prepared[" + String.format("%,d", rows) + " rows, " + String.format("%,d", ids.length)
          + " customers, " + String.format("%,d", orders) + " orders, purchases "
          + firstPurchaseDate() + " .. " + lastPurchaseDate() + "]";
    }
  }

  /**
   * The purchases of {@link Prepared#purchasesThrough(LocalDate)}: one entry per kept row with amount &gt; 0 dated on
   * or before {@link #lastDay()}, in row order, with the customer's index into {@link #customerIds()} (sorted by id),
   * the purchase's epoch day and its amount; and the data-quality report of the rows. Immutable: accessors return
   * copies.
   */
  public static final class Purchases {
    private final String[] customerIds;
    private final int[] customer;
    private final int[] day;
    private final double[] amount;
    private final DataQualityReport report;
    private final LocalDate lastDay;

    private Purchases(String[] customerIds, int[] customer, int[] day, double[] amount, DataQualityReport report,
        LocalDate lastDay) {
      this.customerIds = customerIds;
      this.customer = customer;
      this.day = day;
      this.amount = amount;
      this.report = report;
      this.lastDay = lastDay;
    }

    /** The customers with a purchase, sorted by id (a copy). */
    public String[] customerIds() {
      return customerIds.clone();
    }

    /** The number of purchases (kept rows with amount &gt; 0). */
    public int size() {
      return customer.length;
    }

    /** Per purchase, the customer's index into {@link #customerIds()} (a copy). */
    public int[] customers() {
      return customer.clone();
    }

    /** Per purchase, its date as an epoch day ({@link LocalDate#ofEpochDay}) (a copy). */
    public int[] epochDays() {
      return day.clone();
    }

    /** Per purchase, its amount, &gt; 0 (a copy). */
    public double[] amounts() {
      return amount.clone();
    }

    /** What happened to every input row and customer. */
    public DataQualityReport report() {
      return report;
    }

    /** The last day whose purchases are included. */
    public LocalDate lastDay() {
      return lastDay;
    }

    @Override
    public String toString() {
      return "RfmFeatures.Purchases[" + String.format("%,d", customer.length) + " purchases of "
          + String.format("%,d", customerIds.length) + " customers through " + lastDay + "]";
    }
  }

  /**
   * Quintile scores: {@code 1 + floor(5 · count(strictly worse) / n)}. Worse is larger when
   * {@code smallerIsBetter}, else smaller. O(n log n).
   */
  static int[] scores(double[] values, boolean smallerIsBetter) {
    return scores(values, smallerIsBetter, 5);
  }

  /**
   * Scores 1..bins: {@code 1 + floor(bins · count(customers with a strictly worse value) / n)}, the contract's
   * quintile formula with {@code bins} buckets. Worse is larger when {@code smallerIsBetter} (recency), else
   * smaller (frequency, monetary). Ties share a score; the result does not depend on the order of the values.
   * NaN values are not allowed. O(n log n) time, O(n) memory.
   *
   * @param bins 3, 4 or 5
   */
  public static int[] scores(double[] values, boolean smallerIsBetter, int bins) {
    checkBins(bins);
    int n = values.length;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("value " + (i + 1) + " is NaN; RFM scores need a value for every customer");
      }
      long worse;
      if (smallerIsBetter) {
        worse = n - upperBound(sorted, values[i]);   // strictly larger
      } else {
        worse = lowerBound(sorted, values[i]);       // strictly smaller
      }
      s[i] = 1 + (int) (bins * worse / n);
    }
    return s;
  }

  /**
   * The date reading of the timestamp column when it holds text, as a function: the epoch day of a timestamp
   * text (surrounding whitespace ignored), or {@link Long#MIN_VALUE} when it is null, empty or unreadable. With a
   * pattern (see {@link Builder#timestampFormat(String)}) that pattern; without, ISO dates with an optional time
   * part. Lets an engine that reads the rows itself (e.g. {@code dev.segmint.spark.SparkRfm}) read dates exactly as
   * {@link #run(Table)} does. The function is thread-safe; O(length of the text) per call.
   *
   * @param timestampFormat a java.time pattern, or null for ISO dates
   * @throws IllegalArgumentException when the pattern is invalid or cannot give a date
   */
  public static java.util.function.ToLongFunction<String> dayParser(String timestampFormat) {
    DateTimeFormatter f = timestampFormat == null ? null : Dates.formatter(timestampFormat);
    return s -> s == null || s.isBlank() ? Long.MIN_VALUE : Dates.parseDay(s.strip(), f);
  }

  /**
   * The advice of the error for a timestamp column none of whose values reads as a date, in Java's words
   * ({@code timestampFormat("MM/dd/yyyy")}): the pattern under which every one of the first 2,000 of the distinct
   * {@code values} reads as a date ({@code MM/dd/yyyy} for {@code 01/13/2024}), both orders when no day above 12
   * tells day-first from month-first, else the general advice. For engines that read rows themselves (e.g.
   * {@code dev.segmint.spark.SparkRfm}), so that their error advises as {@link #run(Table)}'s does. O(patterns ·
   * values).
   */
  public static String timestampPatternAdvice(List<String> values) {
    return patternAdvice(Dates.suggestPatterns(values), SettingException.Words.JAVA);
  }

  private static String patternAdvice(List<String> fits, SettingException.Words w) {
    if (fits.isEmpty()) {
      return "give its pattern, e.g. " + w.set(Setting.TIMESTAMP_FORMAT, "dd-MM-yyyy") + " or "
          + w.set(Setting.TIMESTAMP_FORMAT, "M/d/yyyy H:mm");
    }
    if (fits.size() == 1) {
      return "its values read as " + fits.get(0) + ": give " + w.set(Setting.TIMESTAMP_FORMAT, fits.get(0));
    }
    return "its values read as " + String.join(" and as ", fits) + " (no value tells which), so give the one the "
        + "file uses: " + String.join(" or ", fits.stream().map(f -> w.set(Setting.TIMESTAMP_FORMAT, f)).toList());
  }

  static void checkBins(int bins) {
    if (bins < 3 || bins > 5) {
      throw new IllegalArgumentException("RFM scores use 3, 4 or 5 bins, not " + bins);
    }
  }

  private static int lowerBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double[] toDouble(int[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /** The customer id column. */
  public String customer() {
    return customer;
  }

  /** The timestamp column. */
  public String timestamp() {
    return timestamp;
  }

  /** The timestamp pattern, or null for ISO dates. */
  public String timestampFormat() {
    return timestampFormat;
  }

  /** The order id column, or null when each row is an order. */
  public String order() {
    return order;
  }

  /** The amount column, or null when amount is quantity × price. */
  public String amount() {
    return amount;
  }

  /** The quantity column, or null when an amount column is given. */
  public String quantity() {
    return quantity;
  }

  /** The unit price column, or null when an amount column is given. */
  public String price() {
    return price;
  }

  /** The fixed as-of date, or null for the day after the latest purchase of each table. */
  public LocalDate asOf() {
    return asOf;
  }

  /** How returns are treated. */
  public Returns returns() {
    return returns;
  }

  /** Whether {@value #MEAN_DAYS_BETWEEN} is computed. */
  public boolean meanDaysBetweenPurchases() {
    return meanDaysBetween;
  }

  /** The purchases-in-last-days windows (a copy). */
  public int[] purchasesInLastDays() {
    return recentWindows.clone();
  }

  /** The number of score bins: 5 (quintiles, the default), 4 or 3. */
  public int bins() {
    return bins;
  }

  /** The map from (R, F) score cells to named segments. */
  public RfmSegmentMap segmentMap() {
    return segmentMap;
  }

  /** Names the transaction columns and options. */
  public static final class Builder {
    private String customer;
    private String timestamp;
    private String timestampFormat;
    private String order;
    private String amount;
    private String quantity;
    private String price;
    private LocalDate asOf;
    private Returns returns = Returns.EXCLUDE;
    private boolean meanDaysBetween;
    private int[] recentWindows = new int[0];
    private Integer binsSet;
    private int bins = 5;
    private RfmSegmentMap segmentMap;

    private Builder() {}

    /**
     * The number of score bins (default 5): {@code score = 1 + floor(bins · count(strictly worse) / n)}, so 3 gives
     * terciles and 4 quartiles. Without a {@link #segmentMap}, the named segments come from
     * {@link RfmSegmentMap#defaults(int)}.
     *
     * @param bins 3, 4 or 5
     */
    public Builder bins(int bins) {
      checkBins(bins);
      this.binsSet = bins;
      return this;
    }

    /**
     * The map from (R, F) cells to named segments (default: {@link RfmSegmentMap#defaults(int)}); its bins must
     * match {@link #bins(int)} (when not given, the map's bins are used).
     */
    public Builder segmentMap(RfmSegmentMap map) {
      this.segmentMap = map;
      return this;
    }

    /**
     * Adds the column {@value RfmFeatures#MEAN_DAYS_BETWEEN}: (last purchase date − first purchase date) /
     * (frequency − 1), which is the mean gap in days between the customer's consecutive orders; missing for a
     * customer with a single order.
     */
    public Builder meanDaysBetweenPurchases() {
      this.meanDaysBetween = true;
      return this;
    }

    /**
     * Adds one column {@code purchases_last_<n>d} per window: the number of the customer's orders with a purchase
     * dated at most {@code n} days before the as-of date (so with the default as-of date, a window of 1 holds the
     * orders of the latest day in the table).
     *
     * @param days window lengths in days, each ≥ 1 and distinct
     */
    public Builder purchasesInLastDays(int... days) {
      int[] w = days.clone();
      for (int i = 0; i < w.length; i++) {
        int window = w[i];
        if (window < 1) {
          throw new SettingException(words -> words.name(Setting.PURCHASES_IN_LAST_DAYS) + ": window " + window
              + " is not a positive number of days; give e.g. 30 or 90");
        }
        for (int k = 0; k < i; k++) {
          if (w[k] == window) {
            throw new SettingException(words -> words.name(Setting.PURCHASES_IN_LAST_DAYS) + ": window " + window
                + " is given twice");
          }
        }
      }
      this.recentWindows = w;
      return this;
    }

    /** The customer id column (required). Ids are read as text. */
    public Builder customer(String column) {
      this.customer = column;
      return this;
    }

    /** The timestamp column (required): dates, date-times, or text (ISO by default, see {@link #timestampFormat}). */
    public Builder timestamp(String column) {
      this.timestamp = column;
      return this;
    }

    /** A {@link DateTimeFormatter} pattern for text timestamps, e.g. {@code "dd-MM-yyyy"}. */
    public Builder timestampFormat(String pattern) {
      this.timestampFormat = pattern;
      return this;
    }

    /** The order id column (optional; without it each purchase row is an order). */
    public Builder order(String column) {
      this.order = column;
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

    /** The as-of date (default: the day after the latest purchase). */
    public Builder asOf(LocalDate date) {
      this.asOf = date;
      return this;
    }

    /** How negative amounts are treated (default {@link Returns#EXCLUDE}). */
    public Builder returns(Returns mode) {
      this.returns = Objects.requireNonNull(mode, "returns");
      return this;
    }

    /** Checks the choices and builds. */
    public RfmFeatures build() {
      if (customer == null) {
        throw new IllegalArgumentException("RFM needs a customer id column: call customer(\"CustomerID\")");
      }
      if (timestamp == null) {
        throw new IllegalArgumentException("RFM needs a timestamp column: call timestamp(\"InvoiceDate\")");
      }
      boolean qp = quantity != null || price != null;
      if (amount != null && qp) {
        throw new IllegalArgumentException("give either amount or quantity and price, not both");
      }
      if (amount == null && (quantity == null || price == null)) {
        throw new IllegalArgumentException("RFM needs an amount column, or both quantity and price columns"
            + (quantity != null ? " (price is missing)" : price != null ? " (quantity is missing)" : ""));
      }
      if (timestampFormat != null) {
        Dates.formatter(timestampFormat);
      }
      if (segmentMap != null && binsSet != null && segmentMap.bins() != binsSet) {
        throw new IllegalArgumentException("the RFM segment map is for " + segmentMap.bins() + " bins but the scores "
            + "use " + binsSet + "; give a map for " + binsSet + " bins or drop the bins setting");
      }
      bins = binsSet != null ? binsSet : segmentMap != null ? segmentMap.bins() : 5;
      if (segmentMap == null) {
        segmentMap = RfmSegmentMap.defaults(bins);
      }
      return new RfmFeatures(this);
    }
  }

  @Override
  public String toString() {
    return "RfmFeatures[customer=" + customer + ", timestamp=" + timestamp
        + (timestampFormat == null ? "" : " (" + timestampFormat + ")")
        + (order == null ? "" : ", order=" + order)
        + (amount != null ? ", amount=" + amount : ", quantity=" + quantity + " × price=" + price)
        + ", asOf=" + (asOf == null ? "day after last purchase" : asOf) + ", returns=" + returns
        + (meanDaysBetween ? ", +" + MEAN_DAYS_BETWEEN : "")
        + (recentWindows.length > 0 ? ", +purchases in last " + Arrays.toString(recentWindows) + " days" : "")
        + (bins != 5 ? ", " + bins + " bins" : "")
        + (segmentMap.equals(RfmSegmentMap.defaults(bins)) ? "" : ", user segment map") + "]";
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a;
    private int size;

    IntList() {
      this(16);
    }

    /** A list with room for {@code capacity} values before it grows (an upper bound known in advance). */
    IntList(int capacity) {
      a = new int[Math.max(1, capacity)];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L));
      }
      a[size++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }

    void set(int i, int v) {
      a[i] = v;
    }
  }
}
