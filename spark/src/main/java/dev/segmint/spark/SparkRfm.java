package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.segmint.features.DataQualityReport;
import dev.segmint.features.DataQualityReport.Entry;
import dev.segmint.features.DataQualityReport.Reason;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.RfmSegmentMap;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Segmint's RFM contract ({@link RfmFeatures}) on a transactions {@code Dataset<Row>}: the same columns, scores,
 * named segments and data-quality report as {@link RfmFeatures#run(tech.tablesaw.api.Table)}, computed by
 * distributed aggregation. On data that fits one machine the table equals the single JVM's row for row, bit for
 * bit: monetary is summed in input order (each customer's kept amounts sorted by their row number, then added left to
 * right as the single JVM does), and the scores use exact ranks.
 *
 * <p>How: one pass numbers the rows ({@code zipWithIndex}) and reads each row with core's own rules (dates through
 * {@link RfmFeatures#dayParser(String)}); one aggregation per customer (kept rows, monetary, distinct orders, first
 * and last purchase day); then, for each of recency, frequency and monetary, the exact count of customers with a
 * strictly worse value: the distinct values with their counts are range-partitioned and sorted, each partition's
 * total is collected (one number per partition), and a second pass over the sorted values adds the running count to
 * the offset of its partition. No step moves all rows or all customers to one partition; the driver holds only
 * per-partition totals and the report's examples.
 *
 * <p>Input columns may be text (as Spark's CSV reader gives them: dates are read as the single JVM reads text
 * dates, amounts as decimal numbers) or typed: numbers, {@code DateType}, {@code TimestampType} (the UTC date of the
 * instant), {@code TimestampNTZType} (its date). Customer and order ids are compared as text ({@code String.valueOf}
 * of a typed id). The output is sorted by {@code customer_id} in Spark's order (UTF-8 bytes), which equals Java's
 * {@code String} order except between characters above U+FFFF and those in U+E000..U+FFFF.
 *
 * <p>Cost for r rows and c customers: two passes over the rows (numbering, then parsing into a persisted table of
 * about 40 bytes per row plus the ids), one shuffle of the kept rows by customer, and three sorts of at most c
 * distinct values with a join each; driver memory O(partitions). Each customer's kept amounts are held in memory
 * together while they are summed (O(rows of the largest customer)).
 *
 * <p>Limits: the optional extras of {@link RfmFeatures.Builder#meanDaysBetweenPurchases()} and
 * {@link RfmFeatures.Builder#purchasesInLastDays(int...)} are not computed here (they are refused). The result's
 * table is lazy: each action on it recomputes the final joins unless it is cached.
 */
public final class SparkRfm {

  /** The RFM table, its data-quality report and the as-of date. */
  public record Result(Dataset<Row> table, DataQualityReport report, LocalDate asOf) {
    public Result {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(asOf, "asOf");
    }

    @Override
    public String toString() {
      return "RFM on Spark as of " + asOf + "\n" + report;
    }
  }

  private static final String ROW = "row";
  private static final String CUSTOMER = "customer";
  private static final String DAY = "day";
  private static final String VALUE = "value";
  private static final String ORDER = "order_key";
  private static final String REASON = "reason";
  /** The reason code of a kept row. */
  private static final int KEPT = -1;

  private final RfmFeatures settings;

  private SparkRfm(RfmFeatures settings) {
    this.settings = settings;
  }

  /**
   * RFM with core's settings: the column names, timestamp pattern, as-of date, returns mode, bins and segment map of
   * {@code settings} (built with {@link RfmFeatures#builder()}).
   *
   * @throws IllegalArgumentException when the settings ask for an extra column this class does not compute
   */
  public static SparkRfm of(RfmFeatures settings) {
    Objects.requireNonNull(settings, "settings");
    if (settings.meanDaysBetweenPurchases() || settings.purchasesInLastDays().length > 0) {
      throw new IllegalArgumentException("SparkRfm computes the RFM columns only; drop meanDaysBetweenPurchases() and "
          + "purchasesInLastDays(...) from the settings, or compute those columns with RfmFeatures on one machine");
    }
    return new SparkRfm(settings);
  }

  /** The settings. */
  public RfmFeatures settings() {
    return settings;
  }

  /**
   * Computes the RFM table ({@link RfmFeatures#COLUMNS}: {@code customer_id} string, {@code recency_days},
   * {@code frequency}, {@code tenure_days} and the scores int, {@code monetary} and {@code avg_order_value} double,
   * {@code rfm_code} and {@code rfm_segment} string), one row per customer with a purchase, sorted by id, and the
   * data-quality report. Runs several Spark jobs; the input is read twice.
   *
   * @throws IllegalArgumentException when a named column is missing, the input has no rows, no timestamp can be read,
   *     an amount is infinite or not a number, two ids differ only by surrounding whitespace, no customer has a
   *     purchase, or (without an as-of date) the latest purchase is after tomorrow
   */
  public Result run(Dataset<Row> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    SparkSession spark = transactions.sparkSession();
    RfmFeatures s = settings;
    List<String> names = Arrays.asList(transactions.columns());
    String[] used = s.amount() != null
        ? new String[] {s.customer(), s.timestamp(), s.amount(), s.order()}
        : new String[] {s.customer(), s.timestamp(), s.quantity(), s.price(), s.order()};
    List<Column> select = new ArrayList<>();
    for (String c : used) {
      if (c == null) {
        continue;
      }
      if (!names.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' is not in the transactions (columns: "
            + String.join(", ", names) + "); name an existing column");
      }
      select.add(transactions.col("`" + c + "`"));
    }
    long lastKept = s.asOf() == null ? Long.MAX_VALUE : s.asOf().toEpochDay();
    RowReader reader = new RowReader(s.timestampFormat(), s.amount() != null, s.order() != null,
        s.returns() == RfmFeatures.Returns.EXCLUDE, lastKept, s.timestamp());
    JavaRDD<Row> parsedRows = transactions.select(select.toArray(Column[]::new)).javaRDD().zipWithIndex()
        .mapPartitions(reader::read);
    StructType schema = new StructType()
        .add(ROW, DataTypes.LongType, false)
        .add(CUSTOMER, DataTypes.StringType, true)
        .add(DAY, DataTypes.LongType, true)
        .add(VALUE, DataTypes.DoubleType, false)
        .add(ORDER, DataTypes.StringType, true)
        .add(REASON, DataTypes.IntegerType, false);
    Dataset<Row> parsed = spark.createDataFrame(parsedRows, schema).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return compute(parsed, transactions);
    } catch (Exception e) {
      throw Errors.unwrap(e);
    } finally {
      parsed.unpersist();
    }
  }

  private Result compute(Dataset<Row> parsed, Dataset<Row> transactionsForAdvice) {
    RfmFeatures s = settings;
    // rows per reason, and whether any timestamp could be read
    long rowsRead = 0;
    long[] rowCounts = new long[Reason.values().length];
    long datedRows = 0;
    for (Row r : parsed.groupBy(col(REASON)).agg(count(lit(1)), functions.sum(when(col(DAY).isNotNull(), 1).otherwise(0)))
        .collectAsList()) {
      int reason = r.getInt(0);
      rowsRead += r.getLong(1);
      datedRows += r.getLong(2);
      if (reason != KEPT) {
        rowCounts[reason] += r.getLong(1);
      }
    }
    if (rowsRead == 0) {
      throw new IllegalArgumentException("the transactions have no rows; RFM needs at least one purchase");
    }
    if (datedRows == 0 && rowCounts[Reason.UNPARSEABLE_TIMESTAMP.ordinal()] > 0) {
      List<Row> bad = parsed.filter(col(REASON).equalTo(Reason.UNPARSEABLE_TIMESTAMP.ordinal())).orderBy(ROW).limit(1)
          .collectAsList();
      // the advice of core's error: the pattern that reads the distinct timestamps (the first 2,000), if one does
      List<String> values = new ArrayList<>();
      for (Row r : transactionsForAdvice.select(col("`" + s.timestamp() + "`").cast(DataTypes.StringType))
          .distinct().limit(2_000).collectAsList()) {
        if (!r.isNullAt(0)) {
          values.add(r.getString(0));
        }
      }
      throw new IllegalArgumentException("no value of timestamp column '" + s.timestamp() + "' could be read as a "
          + "date (e.g. row " + (bad.get(0).getLong(0) + 1) + "); " + RfmFeatures.timestampPatternAdvice(values));
    }
    List<Entry> entries = new ArrayList<>();
    for (Reason reason : Reason.values()) {
      long n = rowCounts[reason.ordinal()];
      if (reason.rowLevel() && n > 0) {
        List<String> examples = new ArrayList<>();
        for (Row r : parsed.filter(col(REASON).equalTo(reason.ordinal())).select(ROW).orderBy(ROW)
            .limit(DataQualityReport.EXAMPLES).collectAsList()) {
          examples.add(Long.toString(r.getLong(0) + 1));
        }
        entries.add(new Entry(reason, n, examples));
      }
    }

    // one aggregation per customer over the rows with an id
    Column kept = col(REASON).equalTo(KEPT);
    Column purchase = kept.and(col(VALUE).gt(0));
    Dataset<Row> perCustomer = parsed.filter(col(CUSTOMER).isNotNull()).groupBy(col(CUSTOMER)).agg(
        functions.min(col(ROW)).as("first_row"),
        functions.max(when(col(DAY).isNotNull(), 1).otherwise(0)).as("dated"),
        functions.sum(when(kept, 1L).otherwise(0L)).as("kept_rows"),
        // the kept amounts in row order, added left to right from 0 as the single JVM adds them
        functions.aggregate(functions.array_sort(functions.collect_list(when(kept, functions.struct(col(ROW), col(VALUE))))),
            lit(0.0), (acc, x) -> acc.plus(x.getField(VALUE))).as("monetary"),
        count_distinct(when(purchase, col(ORDER))).as("frequency"),
        functions.min(when(purchase, col(DAY))).as("first_day"),
        functions.max(when(purchase, col(DAY))).as("last_day"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return finish(perCustomer, entries, rowsRead);
    } finally {
      perCustomer.unpersist();
    }
  }

  private Result finish(Dataset<Row> perCustomer, List<Entry> entries, long rowsRead) {
    RfmFeatures s = settings;
    requireDistinctWhenStripped(perCustomer);
    Column noPurchase = col("frequency").equalTo(0);
    Row totals = perCustomer.agg(
        functions.sum(when(noPurchase.and(col("dated").equalTo(0)), 1L).otherwise(0L)),
        functions.sum(when(noPurchase.and(col("dated").equalTo(1)), 1L).otherwise(0L)),
        functions.sum(when(noPurchase.and(col("dated").equalTo(1)), col("kept_rows")).otherwise(0L)),
        functions.sum(when(functions.not(noPurchase), 1L).otherwise(0L)),
        functions.sum(when(functions.not(noPurchase), col("kept_rows")).otherwise(0L)),
        functions.max(when(functions.not(noPurchase), col("last_day")))).first();
    long undated = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long noPurchases = totals.isNullAt(1) ? 0 : totals.getLong(1);
    long noPurchaseRows = totals.isNullAt(2) ? 0 : totals.getLong(2);
    long n = totals.isNullAt(3) ? 0 : totals.getLong(3);
    long keptRows = totals.isNullAt(4) ? 0 : totals.getLong(4);
    if (n == 0) {
      StringBuilder why = new StringBuilder();
      for (Entry e : entries) {
        why.append(why.length() == 0 ? "" : ", ").append(String.format("%,d %s", e.count(), e.reason().description()));
      }
      throw new IllegalArgumentException("no customer has a purchase (a row with customer id, date and amount > 0) in "
          + "the transactions (of " + String.format("%,d", rowsRead) + " rows: " + why
          + "); check the column choices, the timestamp pattern and the returns mode");
    }
    long maxDay = totals.getLong(5);
    if (s.asOf() == null && maxDay > LocalDate.now(ZoneOffset.UTC).toEpochDay() + 1) {
      Row late = perCustomer.filter(col("last_day").equalTo(maxDay)).orderBy(CUSTOMER).limit(1).first();
      throw new IllegalArgumentException("the latest purchase, of customer '" + late.getString(0) + "', is dated "
          + LocalDate.ofEpochDay(maxDay) + ", after today (" + LocalDate.now(ZoneOffset.UTC) + "), and would be the "
          + "reference for every recency; fix that date, or give the as-of date (asOf) so that later rows are dropped "
          + "and counted");
    }
    LocalDate asOf = s.asOf() != null ? s.asOf() : LocalDate.ofEpochDay(maxDay + 1);
    long ref = asOf.toEpochDay();
    customerEntry(entries, Reason.NO_PURCHASES, noPurchases,
        perCustomer.filter(noPurchase.and(col("dated").equalTo(1))));
    customerEntry(entries, Reason.NO_READABLE_TIMESTAMP, undated,
        perCustomer.filter(noPurchase.and(col("dated").equalTo(0))));

    Dataset<Row> out = perCustomer.filter(functions.not(noPurchase)).select(
        col(CUSTOMER).as("customer_id"),
        lit(ref).minus(col("last_day")).cast(DataTypes.IntegerType).as("recency_days"),
        col("frequency").cast(DataTypes.IntegerType).as("frequency"),
        col("monetary"),
        lit(ref).minus(col("first_day")).cast(DataTypes.IntegerType).as("tenure_days"),
        col("monetary").divide(col("frequency")).as("avg_order_value"));
    out = out.persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> infinite = out.filter(col("monetary").equalTo(Double.POSITIVE_INFINITY)
        .or(col("monetary").equalTo(Double.NEGATIVE_INFINITY))).limit(1).collectAsList();
    if (!infinite.isEmpty()) {
      throw new IllegalArgumentException("the amounts of customer '" + infinite.get(0).getString(0) + "' sum to "
          + infinite.get(0).get(3) + ", beyond the range of a double (about 1.8e308); check the unit of the amount "
          + "column or scale it down");
    }
    Dataset<Row> nonPositive = out.filter(col("monetary").leq(0));
    long flagged = nonPositive.count();
    if (flagged > 0) {
      List<String> ids = new ArrayList<>();
      for (Row r : nonPositive.select("customer_id").orderBy("customer_id").limit(DataQualityReport.EXAMPLES)
          .collectAsList()) {
        ids.add(r.getString(0));
      }
      entries.add(new Entry(Reason.NON_POSITIVE_MONETARY, flagged, ids));
    }
    entries.sort((a, b) -> a.reason().compareTo(b.reason()));
    DataQualityReport report = DataQualityReport.of(rowsRead, keptRows, n, noPurchaseRows, entries);

    int bins = s.bins();
    Dataset<Row> scored = out
        .join(Ranks.worse(out, "recency_days", true, "r_worse"), "recency_days")
        .join(Ranks.worse(out, "frequency", false, "f_worse"), "frequency")
        .join(Ranks.worse(out, "monetary", false, "m_worse"), "monetary");
    Column r = score("r_worse", bins, n);
    Column f = score("f_worse", bins, n);
    Column m = score("m_worse", bins, n);
    Dataset<Row> table = scored.select(col("customer_id"), col("recency_days"), col("frequency"), col("monetary"),
            col("tenure_days"), col("avg_order_value"), r.as("r_score"), f.as("f_score"), m.as("m_score"))
        .withColumn("rfm_code", functions.concat(col("r_score").cast("string"), col("f_score").cast("string"),
            col("m_score").cast("string")))
        .withColumn("rfm_segment", functions.element_at(segmentMap(s.segmentMap(), bins),
            col("r_score").multiply(10).plus(col("f_score"))))
        .orderBy("customer_id");
    return new Result(table, report, asOf);
  }

  /** {@code 1 + floor(bins · worse / n)} in exact integer arithmetic. */
  private static Column score(String worse, int bins, long n) {
    return expr("1 + cast((" + bins + " * " + worse + ") div " + n + " as int)");
  }

  /** The named segment of each (R, F) cell, keyed by 10·R + F. */
  private static Column segmentMap(RfmSegmentMap map, int bins) {
    List<Column> kv = new ArrayList<>();
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        kv.add(lit(10 * r + f));
        kv.add(lit(map.segment(r, f)));
      }
    }
    return functions.map(kv.toArray(Column[]::new));
  }

  private static void customerEntry(List<Entry> entries, Reason reason, long count, Dataset<Row> customers) {
    if (count == 0) {
      return;
    }
    // the single JVM lists the customers in order of first appearance
    List<String> ids = new ArrayList<>();
    for (Row r : customers.select(CUSTOMER, "first_row").orderBy("first_row").limit(DataQualityReport.EXAMPLES)
        .collectAsList()) {
      ids.add(r.getString(0));
    }
    entries.add(new Entry(reason, count, ids));
  }

  /** Refuses ids that differ only by surrounding whitespace (one customer exported twice), as the single JVM. */
  private static void requireDistinctWhenStripped(Dataset<Row> perCustomer) {
    Column stripped = functions.regexp_replace(col(CUSTOMER), "^\\s+|\\s+$", "");
    if (perCustomer.filter(col(CUSTOMER).notEqual(stripped)).isEmpty()) {
      return;
    }
    List<Row> clash = perCustomer.groupBy(stripped.as("stripped")).agg(count(lit(1)).as("n"),
            functions.min_by(col(CUSTOMER), col("first_row")).as("a"), functions.min(col("first_row")).as("ra"),
            functions.max_by(col(CUSTOMER), col("first_row")).as("b"), functions.max(col("first_row")).as("rb"))
        .filter(col("n").gt(1)).orderBy("ra").limit(1).collectAsList();
    if (!clash.isEmpty()) {
      Row c = clash.get(0);
      throw new IllegalArgumentException("customer ids '" + c.getString(2) + "' (row " + (c.getLong(3) + 1)
          + ") and '" + c.getString(4) + "' (row " + (c.getLong(5) + 1) + ") differ only by leading or trailing "
          + "spaces; strip the ids so that each customer has one id");
    }
  }

  /**
   * Reads one numbered input row with the single JVM's rules: customer id, epoch day, amount (NaN when missing),
   * order key (the order id, or a key of its own for a row without one) and the reason it is dropped (or
   * {@link #KEPT}). Serializable: shipped to the executors; the date parser is made once per partition.
   */
  private static final class RowReader implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String timestampFormat;
    private final boolean amount;
    private final boolean order;
    private final boolean exclude;
    private final long lastKept;
    private final String timestampColumn;

    RowReader(String timestampFormat, boolean amount, boolean order, boolean exclude, long lastKept,
        String timestampColumn) {
      this.timestampFormat = timestampFormat;
      this.amount = amount;
      this.order = order;
      this.exclude = exclude;
      this.lastKept = lastKept;
      this.timestampColumn = timestampColumn;
    }

    Iterator<Row> read(Iterator<Tuple2<Row, Long>> in) {
      ToLongFunction<String> days = RfmFeatures.dayParser(timestampFormat);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public Row next() {
          Tuple2<Row, Long> t = in.next();
          return parse(t._1(), t._2(), days);
        }
      };
    }

    private Row parse(Row r, long row, ToLongFunction<String> days) {
      String customer = text(r.get(0));
      Long day = day(r.get(1), days);
      double value;
      int next = 2;
      if (amount) {
        value = number(r.get(next++), row, "amount");
      } else {
        value = number(r.get(next++), row, "quantity") * number(r.get(next++), row, "price");
      }
      String orderId = order ? text(r.get(next)) : null;
      int reason;
      if (customer == null) {
        reason = Reason.MISSING_CUSTOMER_ID.ordinal();
      } else if (day == null) {
        reason = Reason.UNPARSEABLE_TIMESTAMP.ordinal();
      } else if (Double.isInfinite(value)) {
        throw new IllegalArgumentException("the amount at row " + (row + 1) + " (customer " + customer + ") is "
            + value + "; amounts must be finite numbers: fix or remove that row");
      } else if (Double.isNaN(value)) {
        reason = Reason.MISSING_AMOUNT.ordinal();
      } else if (day > lastKept) {
        reason = Reason.AFTER_AS_OF.ordinal();
      } else if (value == 0) {
        reason = Reason.ZERO_AMOUNT.ordinal();
      } else if (value < 0 && exclude) {
        reason = Reason.RETURN.ordinal();
      } else {
        reason = KEPT;
      }
      // a purchase without an order id is an order of its own (NUL cannot start a text id read from CSV)
      String orderKey = orderId != null ? orderId : "\u0000" + row;
      return RowFactory.create(row, customer, day, value, orderKey, reason);
    }

    /** An id as text; null or empty is missing. */
    private static String text(Object o) {
      if (o == null) {
        return null;
      }
      String s = o.toString();
      return s.isEmpty() ? null : s;
    }

    private Long day(Object o, ToLongFunction<String> days) {
      long d;
      if (o == null) {
        return null;
      } else if (o instanceof String s) {
        d = days.applyAsLong(s);
      } else if (o instanceof java.sql.Date date) {
        d = date.toLocalDate().toEpochDay();
      } else if (o instanceof LocalDate date) {
        d = date.toEpochDay();
      } else if (o instanceof java.sql.Timestamp ts) {
        d = LocalDate.ofInstant(ts.toInstant(), ZoneOffset.UTC).toEpochDay();
      } else if (o instanceof Instant i) {
        d = LocalDate.ofInstant(i, ZoneOffset.UTC).toEpochDay();
      } else if (o instanceof LocalDateTime ldt) {
        d = ldt.toLocalDate().toEpochDay();
      } else {
        throw new IllegalArgumentException("timestamp column '" + timestampColumn + "' holds "
            + o.getClass().getSimpleName() + " values; it must hold dates, timestamps or date text");
      }
      return d == Long.MIN_VALUE ? null : d;
    }

    /** A number; null or empty text is missing (NaN); other text must be a decimal number. */
    private static double number(Object o, long row, String what) {
      if (o == null) {
        return Double.NaN;
      }
      if (o instanceof Number x) {
        return x.doubleValue();
      }
      String s = o.toString().strip();
      if (s.isEmpty()) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the " + what + " at row " + (row + 1) + " is '" + s
            + "', not a number; fix or remove that row, or name the right column");
      }
    }
  }
}
