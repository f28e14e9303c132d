package dev.segmint.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What happened to every input row and customer: rows read, rows kept, rows and customers dropped per
 * reason (with up to five example row numbers or ids per reason), and customers kept but flagged. Nothing is
 * dropped silently: {@code rowsRead() == rowsKept() + sum of rows dropped over all reasons} (the rows of
 * customers without purchases count under {@link Reason#NO_PURCHASES}). Immutable; prints as a short text block
 * ({@link #toString()}) and converts to a Tablesaw table ({@link #toTable()}).
 *
 * <p>Row numbers are 1-based data rows (the header is not counted), as a spreadsheet user would find them
 * after the header line.
 */
public final class DataQualityReport {
  /** Examples kept per reason (row numbers or customer ids); the rest are counted. */
  /** The number of examples kept per reason: the first rows (by row number) or customers met. */
  public static final int EXAMPLES = 5;

  /** Why a row or customer was dropped or flagged. */
  public enum Reason {
    MISSING_CUSTOMER_ID("missing customer id", true),
    UNPARSEABLE_TIMESTAMP("missing or unparseable timestamp", true),
    MISSING_AMOUNT("missing amount, quantity or price", true),
    RETURN("return (amount < 0)", true),
    ZERO_AMOUNT("zero amount", true),
    AFTER_AS_OF("dated after the as-of date", true),
    NO_PURCHASES("customer has no purchases (only returns or zero amounts)", false),
    /** A customer none of whose rows had a timestamp that could be read (those rows are counted as unparseable). */
    NO_READABLE_TIMESTAMP("customer has no row with a readable timestamp", false),
    NON_POSITIVE_MONETARY("kept but flagged: monetary <= 0 after netting returns", false);

    private final String description;
    private final boolean rowLevel;

    Reason(String description, boolean rowLevel) {
      this.description = description;
      this.rowLevel = rowLevel;
    }

    /** A short human description. */
    public String description() {
      return description;
    }

    /** True when the reason applies to input rows, false when it applies to customers. */
    public boolean rowLevel() {
      return rowLevel;
    }
  }

  /** One reason's count and a few examples (row numbers for row reasons, customer ids for customer reasons). */
  public record Entry(Reason reason, long count, List<String> examples) {
    public Entry {
      examples = List.copyOf(examples);
    }
  }

  private final long rowsRead;
  private final long rowsKept;
  private final long customersOut;
  private final long noPurchaseRows;
  private final Map<Reason, Entry> entries;
  /** What the cut-off date of {@link Reason#AFTER_AS_OF} is called where the report is read. */
  private final String cutoff;

  private DataQualityReport(long rowsRead, long rowsKept, long customersOut, long noPurchaseRows,
      Map<Reason, Entry> entries, String cutoff) {
    this.rowsRead = rowsRead;
    this.rowsKept = rowsKept;
    this.customersOut = customersOut;
    this.noPurchaseRows = noPurchaseRows;
    Map<Reason, Entry> copy = new EnumMap<>(Reason.class);   // EnumMap's copy constructor refuses an empty Map
    copy.putAll(entries);
    this.entries = Collections.unmodifiableMap(copy);
    this.cutoff = cutoff;
  }

  /**
   * The same report naming the cut-off date of {@link Reason#AFTER_AS_OF} as the reader knows it, e.g. "calibration
   * end" for a customer-value summary: the line then reads "dated after the calibration end".
   */
  public DataQualityReport withCutoffName(String name) {
    return new DataQualityReport(rowsRead, rowsKept, customersOut, noPurchaseRows, entries,
        java.util.Objects.requireNonNull(name, "name"));
  }

  /**
   * The reason's description, with this report's name of the cut-off date. When rows were dropped for being dated
   * after it, {@link Reason#NO_PURCHASES} reads "customer has no purchase before the as-of date": such a customer
   * may have bought only later (a new customer in an earlier snapshot), not only returned goods.
   */
  public String describe(Reason reason) {
    if (reason == Reason.AFTER_AS_OF) {
      return "dated after the " + cutoff;
    }
    if (reason == Reason.NO_PURCHASES && entries.containsKey(Reason.AFTER_AS_OF)) {
      return "customer has no purchase before the " + cutoff;
    }
    return reason.description();
  }

  /**
   * A report from counts computed elsewhere (e.g. by {@code dev.segmint.spark.SparkRfm}, which counts the same
   * reasons by distributed aggregation). Entries with a zero count are left out; at most {@link #EXAMPLES}
   * examples per entry are kept.
   *
   * @param noPurchaseRows the rows of the customers dropped for {@link Reason#NO_PURCHASES}
   * @throws IllegalArgumentException when a count is negative or a reason appears twice
   */
  public static DataQualityReport of(long rowsRead, long rowsKept, long customersOut, long noPurchaseRows,
      List<Entry> entries) {
    if (rowsRead < 0 || rowsKept < 0 || customersOut < 0 || noPurchaseRows < 0) {
      throw new IllegalArgumentException("data-quality counts cannot be negative: rows read " + rowsRead
          + ", rows kept " + rowsKept + ", customers out " + customersOut + ", no-purchase rows " + noPurchaseRows);
    }
    Map<Reason, Entry> map = new EnumMap<>(Reason.class);
    for (Entry e : entries) {
      if (e.count() < 0) {
        throw new IllegalArgumentException("the count of '" + e.reason().description() + "' is " + e.count()
            + "; counts cannot be negative");
      }
      if (map.containsKey(e.reason())) {
        throw new IllegalArgumentException("reason '" + e.reason().description() + "' appears twice");
      }
      if (e.count() > 0) {
        List<String> ex = e.examples();
        map.put(e.reason(), new Entry(e.reason(), e.count(), ex.size() > EXAMPLES ? ex.subList(0, EXAMPLES) : ex));
      }
    }
    return new DataQualityReport(rowsRead, rowsKept, customersOut, noPurchaseRows, map, "as-of date");
  }

  /** Input rows read. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Rows that contributed to an output customer. */
  public long rowsKept() {
    return rowsKept;
  }

  /** Customers in the output. */
  public long customersOut() {
    return customersOut;
  }

  /** Rows dropped for a row-level reason; for {@link Reason#NO_PURCHASES} the rows of those customers. */
  public long rowsDropped(Reason reason) {
    if (reason == Reason.NO_PURCHASES) {
      return noPurchaseRows;
    }
    if (!reason.rowLevel()) {
      return 0;
    }
    Entry e = entries.get(reason);
    return e == null ? 0 : e.count();
  }

  /** Customers dropped or flagged for a customer-level reason. */
  public long customers(Reason reason) {
    if (reason.rowLevel()) {
      return 0;
    }
    Entry e = entries.get(reason);
    return e == null ? 0 : e.count();
  }

  /**
   * Customers dropped, for every customer-level reason ({@link Reason#NO_PURCHASES},
   * {@link Reason#NO_READABLE_TIMESTAMP}; flags such as {@link Reason#NON_POSITIVE_MONETARY} keep the customer):
   * customers with an id = customers out + this.
   */
  public long customersDropped() {
    return customers(Reason.NO_PURCHASES) + customers(Reason.NO_READABLE_TIMESTAMP);
  }

  /** Total rows dropped, for all reasons. */
  public long rowsDropped() {
    return rowsRead - rowsKept;
  }

  /** The first few examples for a reason (row numbers or customer ids), empty when the reason did not occur. */
  public List<String> examples(Reason reason) {
    Entry e = entries.get(reason);
    return e == null ? List.of() : e.examples();
  }

  /** The entries with a non-zero count, in reason order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * The report as a table, one row per reason that occurred: {@code reason}, {@code unit} (rows or customers),
   * {@code count} (in that unit), {@code rows} (input rows dropped for it; for customers without purchases, their
   * rows; 0 for flags) and {@code examples} (space-separated row numbers or customer ids).
   */
  public Table toTable() {
    StringColumn reason = StringColumn.create("reason");
    StringColumn unit = StringColumn.create("unit");
    LongColumn count = LongColumn.create("count");
    LongColumn rowCount = LongColumn.create("rows");
    StringColumn examples = StringColumn.create("examples");
    for (Entry e : entries.values()) {
      reason.append(describe(e.reason()));
      unit.append(e.reason().rowLevel() ? "rows" : "customers");
      count.append(e.count());
      rowCount.append(rowsDropped(e.reason()));
      examples.append(String.join(" ", e.examples()));
    }
    return Table.create("data quality", reason, unit, count, rowCount, examples);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("Data quality: %,d rows read, %,d kept, %,d dropped; %,d customers out%n",
        rowsRead, rowsKept, rowsDropped(), customersOut));
    for (Entry e : entries.values()) {
      String what = e.reason().rowLevel() ? "rows" : "customers";
      sb.append(String.format("  %-58s %,10d %s", describe(e.reason()), e.count(), what));
      if (e.reason() == Reason.NO_PURCHASES) {
        sb.append(String.format(" (%,d rows)", noPurchaseRows));
      }
      if (!e.examples().isEmpty()) {
        sb.append(e.reason().rowLevel() ? "  e.g. rows " : "  e.g. ").append(String.join(", ", e.examples()));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** Collects counts while reading; not thread-safe. */
  static final class Builder {
    private final long[] counts = new long[Reason.values().length];
    private final List<List<String>> examples = new ArrayList<>();
    private long rowsRead;
    private long rowsKept;
    private long customersOut;
    private long noPurchaseRows;

    Builder() {
      for (int i = 0; i < counts.length; i++) {
        examples.add(new ArrayList<>());
      }
    }

    Builder rowsRead(long n) {
      rowsRead = n;
      return this;
    }

    /** Counts {@code n} more dropped rows of {@code reason}, without examples (those went through add). */
    void addCount(Reason reason, long n) {
      counts[reason.ordinal()] += n;
    }

    /** Counts a dropped input row (1-based data row number). */
    void add(Reason reason, int rowNumber) {
      if (counts[reason.ordinal()]++ < EXAMPLES) {
        examples.get(reason.ordinal()).add(Integer.toString(rowNumber));
      }
    }

    /** Counts a dropped or flagged customer. */
    void addCustomer(Reason reason, String id) {
      if (counts[reason.ordinal()]++ < EXAMPLES) {
        examples.get(reason.ordinal()).add(id);
      }
    }

    void noPurchaseRows(long n) {
      noPurchaseRows += n;
    }

    void rowsKept(long n) {
      rowsKept = n;
    }

    void customersOut(long n) {
      customersOut = n;
    }

    DataQualityReport build() {
      Map<Reason, Entry> map = new EnumMap<>(Reason.class);
      for (Reason r : Reason.values()) {
        if (counts[r.ordinal()] > 0) {
          map.put(r, new Entry(r, counts[r.ordinal()], examples.get(r.ordinal())));
        }
      }
      return new DataQualityReport(rowsRead, rowsKept, customersOut, noPurchaseRows, map, "as-of date");
    }
  }
}
