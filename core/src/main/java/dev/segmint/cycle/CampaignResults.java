package dev.segmint.cycle;

import dev.segmint.internal.Names;
import dev.segmint.internal.Numbers;
import dev.segmint.report.Html;
import dev.segmint.report.IntervalChart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The results of a campaign with a control group, per segment and overall: how many customers of each group
 * converted, the lift (treatment rate − control rate) with Newcombe's hybrid score 95 % interval, the relative lift,
 * a two-sided p-value (Fisher's exact test when an expected cell count is below 5, else the pooled two-proportion
 * z-test), Benjamini–Hochberg q-values over the segments, the incremental conversions, optionally the revenue per
 * customer of each group with a Welch 95 % interval of the difference, and a decision per segment: {@code target}
 * when the interval lies above 0, {@code do not target} when it lies below 0, else {@code inconclusive} with the
 * customers per group needed to detect the observed lift at 80 % power and α = 0.05.
 *
 * <pre>{@code
 * CampaignResults r = CampaignResults.of(segments, responses,          // customer_id,segment and the responses
 *     CampaignResults.Options.of("customer", "group", "mail", "holdout", "converted").withRevenue("revenue"));
 * r.rows();           // one Row per segment, in segment order; r.overall() is the row "all"
 * r.toTable();        // the columns of `segmint measure --out`
 * }</pre>
 *
 * <p>Matching: responses are matched to segments by customer id (compared as text). Responses whose customer has no
 * segment and segmented customers without a response are counted ({@link #responsesWithoutSegment()},
 * {@link #segmentedWithoutResponse()}) and left out of every row, including {@code all} (which is therefore the sum
 * of the segment rows). A customer may appear only once in the responses (a second row is refused, naming the id
 * and both rows): one customer, one group, one outcome.
 *
 * <p>Complexity: O(responses + segmented customers) time and memory, plus O(s log s) for s segments and, for each
 * row that uses Fisher's test, O(conversions) work. Limits: counts per row below 2³¹; segments ordered numerically
 * when every label is a whole number, else by name; the label {@code all} is reserved for the overall row. Results
 * are immutable.
 */
public final class CampaignResults {

  /** The label of the overall row. */
  public static final String ALL = "all";
  /** How many unmatched ids are kept as examples. */
  public static final int EXAMPLES = 5;

  /**
   * Where the inputs are: the segments table's id and segment columns (default {@code customer_id,segment}, as
   * {@code segmint cluster} writes them), and the responses table's customer, group, outcome and optional revenue
   * columns with the group values of the treatment and the control.
   */
  public record Options(String segmentId, String segmentColumn, String customer, String group, String treatment,
      String control, String outcome, String revenue) {

    /**
     * Every column name and group value is required except {@code revenue} (null: no revenue columns).
     *
     * @throws IllegalArgumentException when the treatment and control values are equal
     */
    public Options {
      Objects.requireNonNull(segmentId, "segmentId");
      Objects.requireNonNull(segmentColumn, "segmentColumn");
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(treatment, "treatment");
      Objects.requireNonNull(control, "control");
      Objects.requireNonNull(outcome, "outcome");
      if (treatment.equals(control)) {
        throw new IllegalArgumentException("the treatment and control values are both '" + treatment + "'; give the "
            + "two different values of the group column '" + group + "' that mark the treated and the control customers");
      }
    }

    /** Responses columns and group values; segments in {@code customer_id,segment}; no revenue. */
    public static Options of(String customer, String group, String treatment, String control, String outcome) {
      return new Options("customer_id", "segment", customer, group, treatment, control, outcome, null);
    }

    /** A copy that also reports the revenue per customer from this column of the responses. */
    public Options withRevenue(String column) {
      return new Options(segmentId, segmentColumn, customer, group, treatment, control, outcome, column);
    }

    /** A copy that reads the segments table's id and segment from these columns. */
    public Options withSegmentColumns(String id, String segment) {
      return new Options(id, segment, customer, group, treatment, control, outcome, revenue);
    }
  }

  /** The decision for a segment. */
  public enum Decision {
    /** The lift's 95 % interval lies above 0. */
    TARGET("target"),
    /** The lift's 95 % interval lies below 0. */
    DO_NOT_TARGET("do not target"),
    /** The interval contains 0, or the lift is undefined (a group without responses). */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Decision(String label) {
      this.label = label;
    }

    /** The label written in the {@code decision} column. */
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /**
   * One row of the results (a segment, or {@link #ALL}). Undefined values are {@code NaN} (empty cells in the
   * table): rates of an empty group, the relative lift when the control rate is 0, the q-value of the overall row,
   * revenue without a revenue column, the customers needed unless the decision is inconclusive with a non-zero lift.
   *
   * @param fisher whether the p-value is Fisher's exact test (an expected cell count below 5) rather than the z-test
   */
  public record Row(String segment, int nTreatment, int nControl, int conversionsTreatment, int conversionsControl,
      double rateTreatment, double rateControl, double lift, double liftLow, double liftHigh, double relativeLift,
      double pValue, double qValue, double incrementalConversions, double revenueTreatment, double revenueControl,
      double revenueDiff, double revenueDiffLow, double revenueDiffHigh, Decision decision,
      double customersPerGroupNeeded, boolean fisher) {

    /** Whether this is the overall row. */
    public boolean isOverall() {
      return ALL.equals(segment);
    }

    /**
     * The decision in plain words, e.g. "Target Champions: +4.1 points (95 % CI +1.2 to +7.0), 410 extra
     * conversions." Whole-number segment labels read "segment 3".
     */
    public String sentence() {
      String who = isOverall() ? "all segmented customers" : name(segment);
      if (nTreatment == 0 || nControl == 0) {
        return String.format(Locale.ROOT, "No conclusion for %s: %s (%,d treated, %,d control); the lift needs "
            + "responses in both groups.", who, nTreatment + nControl == 0 ? "no responses" : "one group has no "
            + "responses", nTreatment, nControl);
      }
      String effect = String.format(Locale.ROOT, "%s points (95 %% CI %s to %s)", points(lift), points(liftLow),
          points(liftHigh));
      return switch (decision) {
        case TARGET -> String.format(Locale.ROOT, "Target %s: %s, %s extra conversions.", who, effect,
            Numbers.num(Math.round(incrementalConversions)));
        case DO_NOT_TARGET -> String.format(Locale.ROOT, "Do not target %s: %s, %s fewer conversions.", who, effect,
            Numbers.num(Math.round(-incrementalConversions)));
        case INCONCLUSIVE -> String.format(Locale.ROOT, "Inconclusive for %s: %s; %s.", who, effect,
            Double.isNaN(customersPerGroupNeeded) ? "no difference was observed to size a new test for"
                : "about " + Numbers.num(customersPerGroupNeeded) + " customers per group are needed to detect this "
                    + "lift at 80 % power");
      };
    }

    private static String points(double v) {
      return String.format(Locale.ROOT, "%+.1f", 100 * v).replace("-", "−");
    }
  }

  private final Options options;
  private final List<Row> rows;
  private final Row overall;
  private final boolean withRevenue;
  private final int responses;
  private final int segmented;
  private final int responsesWithoutSegment;
  private final int segmentedWithoutResponse;
  private final List<String> responseExamples;
  private final List<String> segmentExamples;

  private CampaignResults(Options options, List<Row> rows, Row overall, int responses, int segmented,
      int responsesWithoutSegment, int segmentedWithoutResponse, List<String> responseExamples,
      List<String> segmentExamples) {
    this.options = options;
    this.rows = List.copyOf(rows);
    this.overall = overall;
    this.withRevenue = options.revenue() != null;
    this.responses = responses;
    this.segmented = segmented;
    this.responsesWithoutSegment = responsesWithoutSegment;
    this.segmentedWithoutResponse = segmentedWithoutResponse;
    this.responseExamples = List.copyOf(responseExamples);
    this.segmentExamples = List.copyOf(segmentExamples);
  }

  /**
   * Campaign results from labels given as arrays ({@code ids[i]} is in segment {@code labels[i]}, e.g. a
   * clustering's labels; -1 is a segment like the others).
   *
   * @throws IllegalArgumentException as {@link #of(Table, Table, Options)}, or for arrays of different lengths
   */
  public static CampaignResults of(String[] ids, int[] labels, Table responses, Options options) {
    if (ids.length != labels.length) {
      throw new IllegalArgumentException(ids.length + " ids but " + labels.length + " labels; give one label per id");
    }
    Table t = Table.create("segments", StringColumn.create(options.segmentId(), ids),
        IntColumn.create(options.segmentColumn(), labels.clone()));
    return of(t, responses, options);
  }

  /**
   * Campaign results from a segments table (one row per customer: id and segment, a number or a name; an empty
   * segment cell means not segmented) and a responses table (one row per customer of the campaign: id, group,
   * outcome 0/1, true/false or yes/no in any case, optional revenue).
   *
   * @throws IllegalArgumentException naming the column, row and value for: a missing column, an empty id, a
   *     customer twice in either table, a group value that is neither the treatment nor the control value, a group
   *     value that never occurs, an outcome other than 0/1/true/false (any case), a missing or non-finite revenue,
   *     a segment labelled {@code all}
   */
  public static CampaignResults of(Table segments, Table responses, Options options) {
    Objects.requireNonNull(segments, "segments");
    Objects.requireNonNull(responses, "responses");
    Objects.requireNonNull(options, "options");
    String where = describe(responses, "the responses");
    String segWhere = describe(segments, "the segments");
    Column<?> segId = column(segments, options.segmentId(), "segments");
    Column<?> segCol = column(segments, options.segmentColumn(), "segments");
    Column<?> cust = column(responses, options.customer(), "responses");
    Column<?> grp = column(responses, options.group(), "responses");
    Column<?> out = column(responses, options.outcome(), "responses");
    Column<?> rev = options.revenue() == null ? null : column(responses, options.revenue(), "responses");
    if (rev != null && !(rev instanceof NumericColumn<?>)) {
      throw new IllegalArgumentException("revenue column '" + rev.name() + "' of " + where + " holds text (e.g. '"
          + firstValue(rev) + "'); it must hold numbers (0 for customers who spent nothing)");
    }

    // customer -> segment label (null: not segmented)
    Map<String, String> segmentOf = new HashMap<>(segments.rowCount() * 2);
    Map<String, Integer> segRow = new HashMap<>(segments.rowCount() * 2);
    Set<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < segments.rowCount(); i++) {
      if (segId.isMissing(i)) {
        throw new IllegalArgumentException(segWhere + " has no customer id at row " + (i + 1) + " (column '"
            + segId.name() + "'); every row needs one");
      }
      String id = segId.getString(i);
      Integer prev = segRow.put(id, i + 1);
      if (prev != null) {
        throw new IllegalArgumentException("customer " + id + " appears twice in " + segWhere + " (rows " + prev
            + " and " + (i + 1) + "); give each customer one segment");
      }
      String label = segCol.isMissing(i) ? null : label(segCol, i);
      if (ALL.equals(label)) {
        throw new IllegalArgumentException("segment '" + ALL + "' (customer " + id + ", row " + (i + 1) + ") clashes "
            + "with the overall row '" + ALL + "'; rename that segment");
      }
      segmentOf.put(id, label);
      if (label != null) {
        labels.add(label);
      }
    }
    List<String> order = ordered(labels);
    Map<String, Integer> index = new HashMap<>();
    for (int s = 0; s < order.size(); s++) {
      index.put(order.get(s), s);
    }
    int k = order.size();
    Acc[] treat = new Acc[k + 1];
    Acc[] ctrl = new Acc[k + 1];
    for (int s = 0; s <= k; s++) {
      treat[s] = new Acc();
      ctrl[s] = new Acc();
    }

    Map<String, Integer> respRow = new HashMap<>(responses.rowCount() * 2);
    int unmatched = 0;
    List<String> unmatchedExamples = new ArrayList<>();
    boolean sawTreatment = false;
    boolean sawControl = false;
    Set<String> groupsSeen = new LinkedHashSet<>();
    for (int i = 0; i < responses.rowCount(); i++) {
      int row = i + 1;
      if (cust.isMissing(i)) {
        throw new IllegalArgumentException(where + " has no customer id at row " + row + " (column '"
            + cust.name() + "'); every row needs one");
      }
      String id = cust.getString(i);
      Integer prev = respRow.put(id, row);
      if (prev != null) {
        throw new IllegalArgumentException("customer " + id + " appears twice in " + where + " (rows " + prev
            + " and " + row + "); give each customer one row with one group and one outcome");
      }
      if (grp.isMissing(i)) {
        throw new IllegalArgumentException("group column '" + grp.name() + "' is empty at row " + row + " of " + where
            + "; every customer needs the treatment value '" + options.treatment() + "' or the control value '"
            + options.control() + "'");
      }
      String g = grp.getString(i);
      boolean isTreatment = g.equals(options.treatment());
      if (!isTreatment && !g.equals(options.control())) {
        throw new IllegalArgumentException("group column '" + grp.name() + "' has '" + g + "' at row " + row + " of "
            + where + ", which is neither the treatment value '" + options.treatment() + "' nor the control value '"
            + options.control() + "'; give the group values the file uses, or remove the other rows");
      }
      sawTreatment |= isTreatment;
      sawControl |= !isTreatment;
      int y = outcome(out, i, where);
      double r = 0;
      if (rev != null) {
        NumericColumn<?> nc = (NumericColumn<?>) rev;
        r = nc.isMissing(i) ? Double.NaN : nc.getDouble(i);
        if (!Double.isFinite(r)) {
          throw new IllegalArgumentException("revenue column '" + rev.name() + "' has " + (nc.isMissing(i) ? "no value"
              : "'" + nc.getString(i) + "'") + " at row " + row + " of " + where + "; write a finite number (0 for "
              + "customers who spent nothing)");
        }
      }
      String label = segmentOf.get(id);
      if (label == null) {
        unmatched++;
        if (unmatchedExamples.size() < EXAMPLES) {
          unmatchedExamples.add(id);
        }
        continue;
      }
      int s = index.get(label);
      (isTreatment ? treat : ctrl)[s].add(y, r);
      (isTreatment ? treat : ctrl)[k].add(y, r);
    }
    if (!sawTreatment || !sawControl) {
      String missing = !sawTreatment ? "treatment value '" + options.treatment() + "'"
          : "control value '" + options.control() + "'";
      for (int i = 0; i < responses.rowCount() && groupsSeen.size() <= 10; i++) {
        groupsSeen.add(grp.getString(i));
      }
      throw new IllegalArgumentException("no row of " + where + " has the " + missing + " in group column '"
          + grp.name() + "' (it holds " + groupsSeen + "); give the value the file uses for that group");
    }
    int withoutResponse = 0;
    List<String> withoutExamples = new ArrayList<>();
    int segmentedCount = 0;
    for (int i = 0; i < segments.rowCount(); i++) {
      String id = segId.getString(i);
      if (segmentOf.get(id) == null) {
        continue;
      }
      segmentedCount++;
      if (!respRow.containsKey(id)) {
        withoutResponse++;
        if (withoutExamples.size() < EXAMPLES) {
          withoutExamples.add(id);
        }
      }
    }

    boolean withRevenue = rev != null;
    double[] p = new double[k];
    for (int s = 0; s < k; s++) {
      p[s] = CampaignStatistics.pValue(treat[s].conversions, treat[s].n, ctrl[s].conversions, ctrl[s].n);
    }
    double[] q = CampaignStatistics.benjaminiHochberg(p);
    List<Row> rows = new ArrayList<>(k);
    for (int s = 0; s < k; s++) {
      rows.add(row(order.get(s), treat[s], ctrl[s], q[s], withRevenue));
    }
    Row all = row(ALL, treat[k], ctrl[k], Double.NaN, withRevenue);
    return new CampaignResults(options, rows, all, responses.rowCount(), segmentedCount, unmatched, withoutResponse,
        unmatchedExamples, withoutExamples);
  }

  /** Counts and revenue moments (Welford) of one group within one row. */
  private static final class Acc {
    int n;
    int conversions;
    double mean;
    double m2;

    void add(int y, double revenue) {
      n++;
      conversions += y;
      double d = revenue - mean;
      mean += d / n;
      m2 += d * (revenue - mean);
    }

    double variance() {
      return n > 1 ? m2 / (n - 1) : Double.NaN;
    }
  }

  private static Row row(String segment, Acc t, Acc c, double q, boolean withRevenue) {
    double rt = t.n > 0 ? (double) t.conversions / t.n : Double.NaN;
    double rc = c.n > 0 ? (double) c.conversions / c.n : Double.NaN;
    double lift = rt - rc;
    double[] ci = CampaignStatistics.newcombe(t.conversions, t.n, c.conversions, c.n, CampaignStatistics.Z_975);
    double relative = rc > 0 ? rt / rc - 1 : Double.NaN;
    double p = CampaignStatistics.pValue(t.conversions, t.n, c.conversions, c.n);
    boolean fisher = t.n > 0 && c.n > 0 && CampaignStatistics.usesFisher(t.conversions, t.n, c.conversions, c.n);
    double incremental = lift * t.n;
    double[] w = withRevenue ? CampaignStatistics.welch(t.mean, t.variance(), t.n, c.mean, c.variance(), c.n)
        : new double[] {Double.NaN, Double.NaN, Double.NaN};
    double revT = withRevenue && t.n > 0 ? t.mean : Double.NaN;
    double revC = withRevenue && c.n > 0 ? c.mean : Double.NaN;
    Decision decision = ci[0] > 0 ? Decision.TARGET : ci[1] < 0 ? Decision.DO_NOT_TARGET : Decision.INCONCLUSIVE;
    double needed = decision == Decision.INCONCLUSIVE ? CampaignStatistics.customersPerGroup(rt, rc) : Double.NaN;
    return new Row(segment, t.n, c.n, t.conversions, c.conversions, rt, rc, lift, ci[0], ci[1], relative, p, q,
        incremental, revT, revC, w[0], w[1], w[2], decision, needed, fisher);
  }

  /** "the responses" or "the responses responses.csv" when the table is named after its file. */
  private static String describe(Table t, String role) {
    String name = t.name();
    return name == null || name.isBlank() || role.endsWith(name) ? role : role + " " + name;
  }

  private static int outcome(Column<?> c, int i, String where) {
    if (c.isMissing(i)) {
      throw new IllegalArgumentException("outcome column '" + c.name() + "' is empty at row " + (i + 1) + " of the "
          + "responses; write 1, true or yes for a conversion and 0, false or no otherwise");
    }
    if (c instanceof BooleanColumn b) {
      return b.get(i) ? 1 : 0;
    }
    if (c instanceof NumericColumn<?> nc) {
      double v = nc.getDouble(i);
      if (v == 0 || v == 1) {
        return (int) v;
      }
    } else {
      String s = c.getString(i).strip();
      if (s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes")) {
        return 1;
      }
      if (s.equals("0") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("no")) {
        return 0;
      }
    }
    throw new IllegalArgumentException("outcome column '" + c.name() + "' has '" + c.getString(i) + "' at row "
        + (i + 1) + " of " + where + "; write 1, true or yes for a conversion and 0, false or no otherwise");
  }

  private static Column<?> column(Table t, String name, String table) {
    for (String c : t.columnNames()) {
      if (c.equals(name)) {
        return t.column(c);
      }
    }
    for (String c : t.columnNames()) {
      if (c.equalsIgnoreCase(name)) {
        return t.column(c);
      }
    }
    throw new IllegalArgumentException("column '" + name + "' not found in " + describe(t, "the " + table)
        + Names.suggestion(name, t.columnNames()) + "; columns are " + t.columnNames());
  }

  /** A segment label as text: whole numbers without decimals. */
  private static String label(Column<?> c, int i) {
    if (c instanceof NumericColumn<?> nc) {
      double v = nc.getDouble(i);
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        return Long.toString((long) v);
      }
    }
    return c.getString(i);
  }

  private static String firstValue(Column<?> c) {
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        return c.getString(i);
      }
    }
    return "";
  }

  /** Whole-number labels in numeric order, else every label by name. */
  private static List<String> ordered(Set<String> labels) {
    TreeMap<Long, String> numeric = new TreeMap<>();
    for (String l : labels) {
      try {
        numeric.put(Long.parseLong(l), l);
      } catch (NumberFormatException e) {
        List<String> byName = new ArrayList<>(labels);
        Collections.sort(byName);
        return byName;
      }
    }
    return new ArrayList<>(numeric.values());
  }

  private static String name(String segment) {
    try {
      Long.parseLong(segment);
      return "segment " + segment;
    } catch (NumberFormatException e) {
      return segment;
    }
  }

  // ------------------------------------------------------------------ accessors

  /** The options the results were computed with. */
  public Options options() {
    return options;
  }

  /** One row per segment (every labelled segment, also those without responses), in segment order. */
  public List<Row> rows() {
    return rows;
  }

  /** The overall row {@code all}: every matched response, no q-value. */
  public Row overall() {
    return overall;
  }

  /** The row of a segment label ("3", "Champions"), or {@link #overall()} for "all". */
  public Row row(String segment) {
    if (ALL.equals(segment)) {
      return overall;
    }
    for (Row r : rows) {
      if (r.segment().equals(segment)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no segment '" + segment + "'; segments are "
        + rows.stream().map(Row::segment).toList());
  }

  /** Whether revenue columns were computed. */
  public boolean hasRevenue() {
    return withRevenue;
  }

  /** Rows of the responses table. */
  public int responses() {
    return responses;
  }

  /** Customers of the segments table with a segment. */
  public int segmentedCustomers() {
    return segmented;
  }

  /** Responses whose customer has no segment (not in the segments table, or an empty segment): left out. */
  public int responsesWithoutSegment() {
    return responsesWithoutSegment;
  }

  /** Segmented customers without a response: left out. */
  public int segmentedWithoutResponse() {
    return segmentedWithoutResponse;
  }

  /** Up to {@link #EXAMPLES} ids of responses without a segment, in the responses' order. */
  public List<String> responsesWithoutSegmentExamples() {
    return responseExamples;
  }

  /** Up to {@link #EXAMPLES} ids of segmented customers without a response, in the segments' order. */
  public List<String> segmentedWithoutResponseExamples() {
    return segmentExamples;
  }

  /** The unmatched customers in one line, e.g. "unmatched: 12 responses without a segment (e.g. ...), ...". */
  public String unmatchedLine() {
    return String.format(Locale.ROOT, "unmatched: %,d responses without a segment%s; %,d segmented customers without "
        + "a response%s (both left out of every row)", responsesWithoutSegment, examples(responseExamples,
        responsesWithoutSegment), segmentedWithoutResponse, examples(segmentExamples, segmentedWithoutResponse));
  }

  private static String examples(List<String> ids, int count) {
    return ids.isEmpty() ? "" : " (e.g. " + String.join(", ", ids) + (count > ids.size() ? ", …" : "") + ")";
  }

  // ------------------------------------------------------------------ table

  /**
   * The results as a table, the columns of {@code segmint measure --out} in order: {@code segment, n_treatment,
   * n_control, conversions_treatment, conversions_control, rate_treatment, rate_control, lift, lift_low, lift_high,
   * relative_lift, p_value, q_value, incremental_conversions}, with revenue {@code revenue_treatment,
   * revenue_control, revenue_diff, revenue_diff_low, revenue_diff_high}, then {@code decision,
   * customers_per_group_needed}; one row per segment, then {@code all}. Undefined values are missing cells.
   */
  public Table toTable() {
    List<Row> all = new ArrayList<>(rows);
    all.add(overall);
    int n = all.size();
    StringColumn segment = StringColumn.create("segment");
    IntColumn nt = IntColumn.create("n_treatment");
    IntColumn nc = IntColumn.create("n_control");
    IntColumn ct = IntColumn.create("conversions_treatment");
    IntColumn cc = IntColumn.create("conversions_control");
    Map<String, double[]> d = new LinkedHashMap<>();
    for (String name : List.of("rate_treatment", "rate_control", "lift", "lift_low", "lift_high", "relative_lift",
        "p_value", "q_value", "incremental_conversions", "revenue_treatment", "revenue_control", "revenue_diff",
        "revenue_diff_low", "revenue_diff_high")) {
      d.put(name, new double[n]);
    }
    StringColumn decision = StringColumn.create("decision");
    double[] needed = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = all.get(i);
      segment.append(r.segment());
      nt.append(r.nTreatment());
      nc.append(r.nControl());
      ct.append(r.conversionsTreatment());
      cc.append(r.conversionsControl());
      double[] v = {r.rateTreatment(), r.rateControl(), r.lift(), r.liftLow(), r.liftHigh(), r.relativeLift(),
          r.pValue(), r.qValue(), r.incrementalConversions(), r.revenueTreatment(), r.revenueControl(),
          r.revenueDiff(), r.revenueDiffLow(), r.revenueDiffHigh()};
      int j = 0;
      for (double[] col : d.values()) {
        col[i] = v[j++];
      }
      decision.append(r.decision().label());
      needed[i] = r.customersPerGroupNeeded();
    }
    Table t = Table.create("campaign results", segment, nt, nc, ct, cc);
    for (Map.Entry<String, double[]> e : d.entrySet()) {
      if (!withRevenue && e.getKey().startsWith("revenue_")) {
        continue;
      }
      t.addColumns(DoubleColumn.create(e.getKey(), e.getValue()));
    }
    t.addColumns(decision, DoubleColumn.create("customers_per_group_needed", needed));
    return t;
  }

  // ------------------------------------------------------------------ text

  /** A readable table: counts, rates, lift in points with its interval, p, q and the decision per row. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "CampaignResults: treatment '%s' vs control '%s', %,d of %,d responses "
        + "matched to %d segments%n", options.treatment(), options.control(), overall.nTreatment()
        + overall.nControl(), responses, rows.size()));
    List<String[]> lines = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("segment", "n_treat", "n_ctrl", "rate_treat", "rate_ctrl",
        "lift (pts)", "95% CI", "p", "q"));
    if (withRevenue) {
      head.add("revenue diff (95% CI)");
    }
    head.add("decision");
    lines.add(head.toArray(String[]::new));
    List<Row> all = new ArrayList<>(rows);
    all.add(overall);
    for (Row r : all) {
      List<String> c = new ArrayList<>();
      c.add(r.segment());
      c.add(String.format(Locale.ROOT, "%,d", r.nTreatment()));
      c.add(String.format(Locale.ROOT, "%,d", r.nControl()));
      c.add(Numbers.pct(r.rateTreatment()));
      c.add(Numbers.pct(r.rateControl()));
      c.add(pts(r.lift()));
      c.add(Double.isNaN(r.liftLow()) ? "–" : pts(r.liftLow()) + " to " + pts(r.liftHigh()));
      c.add(Numbers.pValue(r.pValue()) + (r.fisher() ? " (F)" : ""));
      c.add(Numbers.pValue(r.qValue()));
      if (withRevenue) {
        c.add(Double.isNaN(r.revenueDiff()) ? "–" : Numbers.signed(r.revenueDiff()) + (Double.isNaN(r.revenueDiffLow())
            ? "" : " (" + Numbers.signed(r.revenueDiffLow()) + " to " + Numbers.signed(r.revenueDiffHigh()) + ")"));
      }
      c.add(r.decision().label() + (Double.isNaN(r.customersPerGroupNeeded()) ? ""
          : " (need " + Numbers.num(r.customersPerGroupNeeded()) + "/group)"));
      lines.add(c.toArray(String[]::new));
    }
    int[] width = new int[head.size()];
    for (String[] l : lines) {
      for (int j = 0; j < l.length; j++) {
        width[j] = Math.max(width[j], l[j].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < l.length; j++) {
        String cell = j == 0 || j == l.length - 1 ? pad(l[j], width[j], false) : pad(l[j], width[j], true);
        line.append(j == 0 ? "" : "  ").append(cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    sb.append("(F): Fisher's exact test (an expected cell count below 5); else the pooled z-test. q: Benjamini–"
        + "Hochberg over the segments.\n");
    sb.append(unmatchedLine()).append('\n');
    return sb.toString();
  }

  private static String pts(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.1f", 100 * v);
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(Math.max(0, w - s.length()));
    return right ? fill + s : s + fill;
  }

  /** The decisions in plain words, one sentence per segment, then the overall row ({@link Row#sentence()}). */
  public List<String> sentences() {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.sentence());
    }
    out.add(overall.sentence());
    return out;
  }

  // ------------------------------------------------------------------ HTML

  /**
   * A self-contained HTML page: the decisions in plain words, the lift per segment with its 95 % interval as an
   * inline SVG chart (a dot and a whisker per segment, a zero line), the results table and the unmatched customers.
   * Every value taken from data is escaped; the page loads nothing.
   */
  public String toHtml(String title) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0 auto;"
            + "max-width:1100px;padding:1.5rem 2rem;color:#1f2328;line-height:1.45;font-size:15px}\n"
            + "h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #d8dee4;margin-top:2rem}\n"
            + "table{border-collapse:collapse;font-size:.84rem;font-variant-numeric:tabular-nums}\n"
            + "th,td{border-bottom:1px solid #d8dee4;padding:.3rem .5rem;text-align:right}th:first-child,"
            + "td:first-child,td:last-child{text-align:left}\n"
            + ".wide{overflow-x:auto}.target{color:#1a7f37}.not{color:#cf222e}.inc{color:#59636e}\n"
            + ".chart text{font-size:12px;fill:#1f2328}.chart .axis{stroke:#8c959f}.chart .zero{stroke:#1f2328}\n")
        .append("</style></head><body>\n");
    h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    h.append("<p>").append(Html.escape(String.format(Locale.ROOT, "Treatment '%s' against control '%s': %,d treated "
        + "and %,d control customers in %d segments.", options.treatment(), options.control(), overall.nTreatment(),
        overall.nControl(), rows.size()))).append("</p>\n");
    List<Row> all = new ArrayList<>(rows);
    all.add(overall);
    h.append("<h2>Decisions</h2>\n<ul>\n");
    for (Row r : all) {
      String cls = switch (r.decision()) {
        case TARGET -> "target";
        case DO_NOT_TARGET -> "not";
        case INCONCLUSIVE -> "inc";
      };
      h.append("<li class=\"").append(cls).append("\">").append(Html.escape(r.sentence())).append("</li>\n");
    }
    h.append("</ul>\n");
    h.append("<h2>Lift per segment</h2>\n");
    List<String> labels = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (Row r : all) {
      labels.add(r.isOverall() ? "all" : name(r.segment()));
      values.add(new double[] {100 * r.lift(), 100 * r.liftLow(), 100 * r.liftHigh()});
    }
    h.append(IntervalChart.svg("lift per segment with 95 % intervals", labels, values,
        "lift, percentage points (treatment rate − control rate)")).append('\n');
    h.append("<h2>Results</h2>\n<div class=\"wide\"><table><tr>");
    Table t = toTable();
    for (String c : t.columnNames()) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < t.rowCount(); i++) {
      h.append("<tr>");
      for (Column<?> c : t.columns()) {
        String cell = c.isMissing(i) ? "" : c instanceof DoubleColumn dc ? Numbers.sig4(dc.getDouble(i)) : c.getString(i);
        h.append("<td>").append(Html.escape(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n<h2>Unmatched customers</h2>\n<p>").append(Html.escape(unmatchedLine())).append("</p>\n");
    h.append("<p>Lift = treatment rate − control rate, 95 % interval by Newcombe's hybrid score method; p two-sided "
        + "(Fisher's exact test when an expected cell count is below 5, else the pooled z-test); q by "
        + "Benjamini–Hochberg over the segments.</p>\n</body></html>\n");
    return h.toString();
  }
}
