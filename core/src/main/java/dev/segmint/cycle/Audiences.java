package dev.segmint.cycle;

import dev.segmint.SegmentationModel;
import dev.segmint.report.Csv;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Audience lists for marketing tools: one row per customer and segment, {@code customer_id,segment,segment_name,
 * action}, as one table ({@link #toTable()}) or one table per segment ({@link #perSegment()}, file names by
 * {@link #fileName}); and, {@linkplain #against against a previous export}, a {@code status} per row:
 * <ul>
 *   <li>{@code stayed}: the customer was in this segment in the previous export and still is;</li>
 *   <li>{@code entered}: the customer is in this segment now and was not before (also a customer new to the
 *       export);</li>
 *   <li>{@code left}: the customer was in this segment before and is not now (moved, noise, or gone): one more row
 *       with the old segment, its name and action as the previous export had them. A customer who changed segment
 *       therefore has two rows: {@code entered} the new one, {@code left} the old one.</li>
 * </ul>
 * Rows in the previous export whose status is {@code left} are not members of it and are ignored.
 *
 * <p>Noise customers (segment {@code -1}) belong to no audience: they are left out and counted
 * ({@link #noiseCount()}). Row order: by segment, then the current members in input order, then the customers who
 * left in the previous export's order. Immutable; O(n + p) time and memory for n customers and p previous rows.
 *
 * <pre>{@code
 * Audiences now = Audiences.of(model);                       // names and actions from the model's profiles
 * Audiences delta = now.against(Audiences.fromTable(previousExport));
 * Table all = delta.toTable();                               // customer_id,segment,segment_name,action,status
 * }</pre>
 */
public final class Audiences {

  /** Where a row's customer stands against the previous export. */
  public enum Status {
    ENTERED, STAYED, LEFT;

    /** {@code entered}, {@code stayed} or {@code left}, as written in the {@code status} column. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One audience row.
   *
   * @param status null when there is no previous export
   */
  public record Row(String customerId, int segment, String segmentName, String action, Status status) {
    public Row {
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(segmentName, "segmentName");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Longest slug in a file name; longer ones are cut (and a trailing '-' removed). */
  public static final int SLUG_MAX = 40;

  /** The slug of a name with nothing left to keep (empty, only punctuation or only non-Latin letters). */
  public static final String EMPTY_SLUG = "unnamed";

  private final List<Row> rows;
  private final Map<Integer, String> names;    // segment -> name, every segment with rows or a name
  private final Map<Integer, String> actions;
  private final int noise;
  private final boolean withStatus;

  private Audiences(List<Row> rows, Map<Integer, String> names, Map<Integer, String> actions, int noise,
      boolean withStatus) {
    this.rows = List.copyOf(rows);
    this.names = Collections.unmodifiableMap(new TreeMap<>(names));
    this.actions = Collections.unmodifiableMap(new TreeMap<>(actions));
    this.noise = noise;
    this.withStatus = withStatus;
  }

  /**
   * The audiences of a labeling.
   *
   * @param ids the customer ids (distinct, non-null)
   * @param labels each customer's segment, {@code 0..k-1}, or {@code -1} for noise (left out)
   * @param names the name of each segment {@code 0..k-1} (k ≥ the largest label + 1)
   * @param actions the action of each segment (same size as names; "" where there is none)
   * @throws IllegalArgumentException for different lengths, a repeated or null id, a label below -1 or without a
   *     name
   */
  public static Audiences of(String[] ids, int[] labels, List<String> names, List<String> actions) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(labels, "labels");
    if (ids.length != labels.length) {
      throw new IllegalArgumentException(ids.length + " customer ids but " + labels.length + " labels; give one label "
          + "per customer");
    }
    if (names.size() != actions.size()) {
      throw new IllegalArgumentException(names.size() + " segment names but " + actions.size() + " actions; give one "
          + "action per segment (\"\" for none)");
    }
    Map<String, Integer> seen = new HashMap<>(ids.length * 2);
    List<Row> rows = new ArrayList<>(ids.length);
    int noise = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new IllegalArgumentException("customer id " + (i + 1) + " is null; every customer needs an id");
      }
      Integer prev = seen.put(ids[i], i);
      if (prev != null) {
        throw new IllegalArgumentException("customer " + ids[i] + " appears twice (positions " + (prev + 1) + " and "
            + (i + 1) + "); an audience lists each customer once");
      }
      int l = labels[i];
      if (l == -1) {
        noise++;
        continue;
      }
      if (l < -1 || l >= names.size()) {
        throw new IllegalArgumentException("segment " + l + " of customer " + ids[i] + " has no name (" + names.size()
            + " names for segments 0.." + (names.size() - 1) + "); give a name and an action per segment");
      }
      rows.add(new Row(ids[i], l, names.get(l), actions.get(l), null));
    }
    Map<Integer, String> n = new HashMap<>();
    Map<Integer, String> a = new HashMap<>();
    for (int s = 0; s < names.size(); s++) {
      n.put(s, Objects.requireNonNull(names.get(s), "name of segment " + s));
      a.put(s, Objects.requireNonNull(actions.get(s), "action of segment " + s));
    }
    rows.sort((x, y) -> Integer.compare(x.segment(), y.segment()));   // stable: input order within a segment
    return new Audiences(rows, n, a, noise, false);
  }

  /**
   * The audiences of a model's training customers, with its segment names and actions.
   *
   * @throws IllegalStateException for a model loaded from a file (no training customers): use
   *     {@link #of(SegmentationModel, String[], int[])} with the labels of {@code model.assign(...)}
   */
  public static Audiences of(SegmentationModel model) {
    if (!model.hasTrainingData()) {
      throw new IllegalStateException("a model loaded from a file has no training customers; give the customers and "
          + "their segments: Audiences.of(model, ids, labels)");
    }
    return of(model.customerIds(), model.labels(), model.segmentNames(), model.segmentActions());
  }

  /**
   * The audiences of some customers with a model's segment names and actions ({@link
   * SegmentationModel#segmentActions()}: kept in the model file; empty for a file written before actions were saved).
   */
  public static Audiences of(SegmentationModel model, String[] ids, int[] labels) {
    return of(ids, labels, model.segmentNames(), model.segmentActions());
  }

  /** Names "segment 0", "segment 1", … for k segments (when no model names them). */
  public static List<String> numberedNames(int k) {
    List<String> out = new ArrayList<>(k);
    for (int s = 0; s < k; s++) {
      out.add("segment " + s);
    }
    return out;
  }

  /**
   * A previous export read back: a table with the columns {@code customer_id} and {@code segment} (names matched
   * ignoring case) and optionally {@code segment_name}, {@code action} and {@code status}; rows with status
   * {@code left} and rows with an empty or {@code -1} segment are not members and are skipped. Any
   * {@code customer_id,segment} file (as {@code segmint cluster} writes it) is a previous export without names.
   *
   * @throws IllegalArgumentException for a missing column, an empty id, a segment that is not a whole number, or a
   *     customer listed twice as a member (rows are numbered from 1 after the header)
   */
  public static Audiences fromTable(Table previous) {
    Column<?> id = column(previous, "customer_id", true);
    Column<?> seg = column(previous, "segment", true);
    Column<?> name = column(previous, "segment_name", false);
    Column<?> action = column(previous, "action", false);
    Column<?> status = column(previous, "status", false);
    List<Row> rows = new ArrayList<>();
    Map<Integer, String> names = new HashMap<>();
    Map<Integer, String> actions = new HashMap<>();
    Map<String, Integer> member = new HashMap<>();
    for (int i = 0; i < previous.rowCount(); i++) {
      if (status != null && !status.isMissing(i) && status.getString(i).strip().equalsIgnoreCase("left")) {
        continue;
      }
      if (id.isMissing(i) || id.getString(i).isEmpty()) {
        throw new IllegalArgumentException("the previous export has no customer_id at row " + (i + 1)
            + "; every row needs one");
      }
      String cid = id.getString(i);
      if (seg.isMissing(i) || seg.getString(i).isBlank()) {
        continue;
      }
      int s = wholeNumber(seg, i, cid);
      if (s == -1) {
        continue;
      }
      Integer prev = member.put(cid, i + 1);
      if (prev != null) {
        throw new IllegalArgumentException("customer " + cid + " is a member twice in the previous export (rows "
            + prev + " and " + (i + 1) + "); an export lists each customer in one segment (plus 'left' rows)");
      }
      String n = name == null || name.isMissing(i) ? null : name.getString(i);
      String a = action == null || action.isMissing(i) ? "" : action.getString(i);
      names.putIfAbsent(s, n == null ? "segment " + s : n);
      actions.putIfAbsent(s, a);
      rows.add(new Row(cid, s, names.get(s), actions.get(s), null));
    }
    rows.sort((x, y) -> Integer.compare(x.segment(), y.segment()));
    return new Audiences(rows, names, actions, 0, false);
  }

  private static Column<?> column(Table t, String name, boolean required) {
    for (Column<?> c : t.columns()) {
      if (c.name().strip().equalsIgnoreCase(name)) {
        return c;
      }
    }
    if (required) {
      throw new IllegalArgumentException("the previous export needs the column '" + name + "' (columns "
          + "customer_id,segment[,segment_name,action,status] as an export writes them); its columns are "
          + t.columnNames());
    }
    return null;
  }

  private static int wholeNumber(Column<?> seg, int i, String cid) {
    double v;
    if (seg instanceof NumericColumn<?> nc) {
      v = nc.getDouble(i);
    } else {
      try {
        v = Double.parseDouble(seg.getString(i).strip());
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
    }
    if (!(v == Math.rint(v)) || v < -1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("segment '" + seg.getString(i) + "' of customer " + cid + " in the previous "
          + "export (row " + (i + 1) + ") is not a whole number ≥ -1; segments are 0, 1, 2, … (-1 for noise)");
    }
    return (int) v;
  }

  /**
   * These audiences with a status per row against a previous export (see the class comment). The previous
   * export's own statuses are ignored (its members are its rows without status {@code left}). O(n + p).
   */
  public Audiences against(Audiences previous) {
    Map<String, Integer> before = new HashMap<>(previous.rows.size() * 2);
    for (Row r : previous.rows) {
      if (r.status() != Status.LEFT) {
        before.put(r.customerId(), r.segment());
      }
    }
    Map<String, Integer> now = new HashMap<>(rows.size() * 2);
    for (Row r : rows) {
      if (r.status() != Status.LEFT) {
        now.put(r.customerId(), r.segment());
      }
    }
    Map<Integer, List<Row>> bySegment = new TreeMap<>();
    for (Row r : rows) {
      if (r.status() == Status.LEFT) {
        continue;
      }
      Integer b = before.get(r.customerId());
      Status st = b != null && b == r.segment() ? Status.STAYED : Status.ENTERED;
      bySegment.computeIfAbsent(r.segment(), s -> new ArrayList<>())
          .add(new Row(r.customerId(), r.segment(), r.segmentName(), r.action(), st));
    }
    Map<Integer, String> n = new HashMap<>(names);
    Map<Integer, String> a = new HashMap<>(actions);
    for (Row r : previous.rows) {
      if (r.status() == Status.LEFT) {
        continue;
      }
      Integer s = now.get(r.customerId());
      if (s == null || s != r.segment()) {
        bySegment.computeIfAbsent(r.segment(), x -> new ArrayList<>())
            .add(new Row(r.customerId(), r.segment(), r.segmentName(), r.action(), Status.LEFT));
        n.putIfAbsent(r.segment(), r.segmentName());
        a.putIfAbsent(r.segment(), r.action());
      }
    }
    List<Row> out = new ArrayList<>();
    bySegment.values().forEach(out::addAll);
    return new Audiences(out, n, a, noise, true);
  }

  /** Every row, in the order described in the class comment (an unmodifiable list of immutable rows). */
  public List<Row> rows() {
    return rows;
  }

  /** Whether rows carry a status (made by {@link #against}). */
  public boolean hasStatus() {
    return withStatus;
  }

  /** Customers left out as noise (segment -1). */
  public int noiseCount() {
    return noise;
  }

  /** The segments that have rows (members or customers who left), ascending. */
  public List<Integer> segments() {
    return rows.stream().map(Row::segment).distinct().sorted().toList();
  }

  /** The name of a segment (as given, or as the previous export had it for a segment that only lost customers). */
  public String name(int segment) {
    String n = names.get(segment);
    return n == null ? "segment " + segment : n;
  }

  /** Rows per status: {@code entered}, {@code stayed}, {@code left} (zero counts included); empty without status. */
  public Map<Status, Integer> statusCounts() {
    Map<Status, Integer> out = new LinkedHashMap<>();
    if (withStatus) {
      for (Status s : Status.values()) {
        out.put(s, 0);
      }
      for (Row r : rows) {
        out.merge(r.status(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** All rows as one table: {@code customer_id,segment,segment_name,action} (and {@code status}). */
  public Table toTable() {
    return table("audiences", rows);
  }

  /**
   * One table per segment that has rows, keyed by {@link #fileName} of the segment, in segment order; each with the
   * columns of {@link #toTable()}.
   */
  public Map<String, Table> perSegment() {
    Map<String, Table> out = new LinkedHashMap<>();
    for (int s : segments()) {
      List<Row> part = rows.stream().filter(r -> r.segment() == s).toList();
      out.put(fileName(s, name(s)), table("segment " + s, part));
    }
    return out;
  }

  private Table table(String title, List<Row> part) {
    StringColumn id = StringColumn.create("customer_id");
    IntColumn seg = IntColumn.create("segment");
    StringColumn name = StringColumn.create("segment_name");
    StringColumn action = StringColumn.create("action");
    StringColumn status = StringColumn.create("status");
    for (Row r : part) {
      id.append(r.customerId());
      seg.append(r.segment());
      name.append(r.segmentName());
      action.append(r.action());
      if (withStatus) {
        status.append(r.status().label());
      }
    }
    Table t = Table.create(title, id, seg, name, action);
    if (withStatus) {
      t.addColumns(status);
    }
    return t;
  }

  /** The CSV text of {@link #toTable()} through the library's one CSV writer ({@link Csv#write}). */
  public String toCsv() {
    StringWriter w = new StringWriter();
    try {
      Csv.write(toTable(), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * {@code segment-<n>-<slug>.csv}: the file of segment {@code n} in a folder of audiences. The number makes the name
   * unique; the slug only helps a person find the file.
   */
  public static String fileName(int segment, String name) {
    return "segment-" + segment + "-" + slug(name) + ".csv";
  }

  /**
   * A name made safe as part of a file name on every system: Unicode NFKD decomposition with the accents removed
   * ({@code Café} → {@code cafe}), lower case (locale-independent), every run of characters other than ASCII letters
   * and digits (path separators, dots, spaces, quotes, other scripts) replaced by one {@code -}, no {@code -} at
   * either end, cut to {@value #SLUG_MAX} characters; {@value #EMPTY_SLUG} when nothing is left (an empty name,
   * {@code ..}, or a name only in other scripts). The result never contains a path separator, a dot or a space.
   */
  public static String slug(String name) {
    String s = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    boolean dash = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && sb.length() > 0) {
          sb.append('-');
        }
        dash = false;
        sb.append(c);
      } else {
        dash = true;
      }
    }
    String out = sb.length() > SLUG_MAX ? sb.substring(0, SLUG_MAX) : sb.toString();
    while (out.endsWith("-")) {
      out = out.substring(0, out.length() - 1);
    }
    return out.isEmpty() ? EMPTY_SLUG : out;
  }

  /** One line per segment: number, name, customers (and entered / stayed / left), then the noise left out. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Audiences: %,d rows in %d segments%s%n",
        rows.size(), segments().size(), withStatus ? " against a previous export" : ""));
    int w = Math.max(4, segments().stream().mapToInt(s -> name(s).length()).max().orElse(0));
    for (int s : segments()) {
      int[] c = new int[4];
      for (Row r : rows) {
        if (r.segment() == s) {
          c[r.status() == null ? 3 : r.status().ordinal()]++;
        }
      }
      if (withStatus) {
        sb.append(String.format(Locale.ROOT, "  %3d  %-" + w + "s  %,7d customers  (entered %,d, stayed %,d, left %,d)%n",
            s, name(s), c[0] + c[1], c[0], c[1], c[2]));
      } else {
        sb.append(String.format(Locale.ROOT, "  %3d  %-" + w + "s  %,7d customers%n", s, name(s), c[3]));
      }
    }
    if (noise > 0) {
      sb.append(String.format(Locale.ROOT, "  noise (segment -1) left out: %,d customers%n", noise));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Audiences a && a.rows.equals(rows) && a.noise == noise && a.withStatus == withStatus;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {rows, noise, withStatus});
  }
}
