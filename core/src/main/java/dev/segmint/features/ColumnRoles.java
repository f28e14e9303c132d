package dev.segmint.features;

import dev.segmint.internal.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * The role of every column of a customer table (one row per customer), decided once by the same rules for
 * {@code segmint cluster}, {@code segment --customers}, {@code profile} and {@code Segmentation.builder().columns(..)}:
 *
 * <ul>
 *   <li>{@link Role#ID}: the id column; without one, customers are numbered {@code row_1 … row_n} in table order
 *       ({@link #withIds}).
 *   <li>{@link Role#NUMERIC}: integer and decimal columns, unless named as categorical. An integer column with
 *       {@value #CODE_MIN_LEVELS} to {@value #CODE_LEVELS} distinct values gets a hint that it may be a code (a 0/1
 *       flag clusters the same as its one-hot encoding, so two values get none).
 *   <li>{@link Role#CATEGORICAL}: text and boolean columns, and the columns named as categorical. A text column with
 *       more than {@value #MAX_LEVELS} distinct values, or with nearly one value per customer (at least 20 values,
 *       90 % of them distinct: names), is left out with that reason unless named; one with a different value in
 *       every row (at least 20: e-mails, free text) is left out as an identifier or free text.
 *   <li>{@link Role#LABEL}: the columns {@code segmint rfm} writes as labels ({@link #RFM_LABELS}): profiled as
 *       categories, never clustered on unless named explicitly in the features.
 *   <li>{@link Role#DATE}: date, date-time, time and instant columns, and text columns whose every value is a date
 *       written as text ({@code 18.05.2019}, {@code 5/18/2019 14:02}): left out of clustering.
 *   <li>{@link Role#EXCLUDED}: named as excluded, not among explicitly named features, without any value, or left
 *       out for one of the reasons above; {@link #toString()} says why.
 * </ul>
 *
 * <p>Names are matched ignoring case; the roles use the table's spelling. A text column whose values are mostly
 * plain numbers but holds some text is refused (it would otherwise be clustered as categories by accident), naming
 * the first offending row and value and the fixes. {@link #toString()} is the one line that states every column's
 * role and why any is left out, e.g. {@code columns: id CustomerID; numeric Age, Income; categorical Genre (2
 * levels); label rfm_code (profiled as categories, not clustered); left out: Email (text with 4,812 distinct values:
 * name it in categorical("Email") to use it), Dt_Customer (date)}.
 *
 * <p>Immutable. Cost: one pass over each column (distinct values kept in a hash set, at most a few per row).
 */
public final class ColumnRoles {

  /** What a column is for. */
  public enum Role {
    ID, NUMERIC, CATEGORICAL, DATE, LABEL, EXCLUDED
  }

  /**
   * One column's role.
   *
   * @param column the column, in the table's spelling
   * @param role its role
   * @param note for a categorical column its levels ("2 levels", "true/false"); for a left-out column the reason;
   *     otherwise empty
   * @param levels distinct present values (for every role but the id)
   * @param codeHint true for an integer column with {@value #CODE_MIN_LEVELS} to {@value #CODE_LEVELS} distinct values
   */
  public record Entry(String column, Role role, String note, int levels, boolean codeHint) {
    public Entry {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(note, "note");
    }
  }

  /** The label columns {@code segmint rfm} writes: scores and codes, not quantities. */
  public static final List<String> RFM_LABELS = List.of("r_score", "f_score", "m_score", "rfm_code", "rfm_segment");
  /** The most distinct values of a text column that is categorical by default. */
  public static final int MAX_LEVELS = 50;
  /** An integer column with at most this many distinct values (and at least {@link #CODE_MIN_LEVELS}) gets the hint
   * that it may be a code. */
  public static final int CODE_LEVELS = 20;
  /**
   * The fewest distinct values for the code hint: a column with two values (a 0/1 flag) clusters the same as its
   * one-hot encoding, and a constant one carries nothing, so neither gets the hint.
   */
  public static final int CODE_MIN_LEVELS = 3;


  private final String tableName;
  private final int rows;
  private final String id;
  private final String rowIdColumn;
  private final List<Entry> entries;
  private final List<String> features;
  private final Map<String, Double> skewness;

  private ColumnRoles(String tableName, int rows, String id, String rowIdColumn, List<Entry> entries,
      List<String> features, Map<String, Double> skewness) {
    this.tableName = tableName;
    this.rows = rows;
    this.id = id;
    this.rowIdColumn = rowIdColumn;
    this.entries = List.copyOf(entries);
    this.features = List.copyOf(features);
    this.skewness = Map.copyOf(skewness);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id column in the table's spelling, or null when customers are numbered {@code row_1 … row_n}. */
  public String idColumn() {
    return id;
  }

  /** The id column of {@link #withIds}: {@link #idColumn()}, or the added row-id column. */
  public String idName() {
    return id != null ? id : rowIdColumn;
  }

  /** Every column but the id, in table order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The role of a column (matched ignoring case). */
  public Role role(String column) {
    if (id != null && id.equalsIgnoreCase(column)) {
      return Role.ID;
    }
    for (Entry e : entries) {
      if (e.column().equalsIgnoreCase(column)) {
        return e.role();
      }
    }
    throw new IllegalArgumentException("column '" + column + "' not found in table '" + tableName + "'"
        + Names.suggestion(column, names()) + "; columns are " + names());
  }

  private List<String> names() {
    List<String> n = new ArrayList<>();
    if (id != null) {
      n.add(id);
    }
    entries.forEach(e -> n.add(e.column()));
    return n;
  }

  private List<String> of(Role role) {
    return entries.stream().filter(e -> e.role() == role).map(Entry::column).toList();
  }

  /** The numeric features, in feature order. */
  public List<String> numeric() {
    return features.stream().filter(f -> role(f) == Role.NUMERIC).toList();
  }

  /** The categorical features, in feature order. */
  public List<String> categorical() {
    return features.stream().filter(f -> role(f) == Role.CATEGORICAL).toList();
  }

  /** The label columns (profiled as categories, not clustered). */
  public List<String> labels() {
    return of(Role.LABEL);
  }

  /** The date columns (left out of clustering). */
  public List<String> dates() {
    return of(Role.DATE);
  }

  /** The columns left out, whatever the reason. */
  public List<String> excluded() {
    return of(Role.EXCLUDED);
  }

  /** The integer columns with the hint that they may be codes. */
  public List<String> codeHints() {
    return entries.stream().filter(Entry::codeHint).map(Entry::column).toList();
  }

  /** Skewness from which a numeric feature counts as strongly right-skewed ({@link #skewed}). */
  public static final double SKEW_HINT = 2;
  /** The fewest distinct values of a column for {@link #skewed}: fewer are counts or codes, not amounts. */
  public static final int SKEW_MIN_LEVELS = 20;

  /**
   * The numeric features that are strongly right-skewed, in feature order: every present value at least 0, at least
   * {@value #SKEW_MIN_LEVELS} distinct values and a sample skewness (the bias-corrected
   * G₁ = √(n(n−1))/(n−2) · m₃/m₂^1.5 of commons-math3's {@code Skewness}) of at least {@value #SKEW_HINT}, as money
   * amounts and balances usually are. Clustered as they are, a few large values set
   * the scale and most customers crowd together; a log transform ({@code --log}, {@link
   * FeatureMatrix#withLog1p}) usually separates segments better. Computed once when the roles are decided (one pass
   * per numeric column).
   */
  public List<String> skewed() {
    return features.stream().filter(skewness::containsKey).toList();
  }

  /** The sample skewness G₁ of a column of {@link #skewed}, or NaN for any other column. */
  public double skewness(String column) {
    return skewness.getOrDefault(column, Double.NaN);
  }

  /**
   * The columns to cluster on, numeric and categorical: in the order they were named when features were named
   * (categorical columns named only as categorical last), else in table order.
   */
  public List<String> features() {
    return features;
  }

  /** The columns to profile: the features and the labels, in table order (dates and left-out columns are not). */
  public List<String> profileColumns() {
    return entries.stream().filter(e -> e.role() == Role.NUMERIC || e.role() == Role.CATEGORICAL
        || e.role() == Role.LABEL).map(Entry::column).toList();
  }

  /**
   * The table with its id column: {@code table} itself when there is an id column (after checking that every row
   * has an id, no id appears twice and no two ids differ only by surrounding spaces), else a table with a first
   * text column {@link #idName()} holding {@code row_1 … row_n} in row order and the columns of {@code table}.
   *
   * @throws IllegalArgumentException for a missing, repeated or space-padded id, naming the rows
   */
  public Table withIds(Table table) {
    Objects.requireNonNull(table, "table");
    if (id == null) {
      String[] ids = new String[table.rowCount()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = "row_" + (i + 1);
      }
      Table t = Table.create(table.name(), StringColumn.create(rowIdColumn, ids));
      for (Column<?> c : table.columns()) {
        t.addColumns(c);
      }
      return t;
    }
    Column<?> c = Columns.require(table, id);
    String[] ids = new String[table.rowCount()];
    Map<String, Integer> seen = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Columns.text(c, i);
      if (ids[i] == null) {
        throw new IllegalArgumentException("column '" + c.name() + "' has a missing customer id at row " + (i + 1)
            + "; every row needs an id (drop or fill that row)");
      }
      Integer prev = seen.put(ids[i], i);
      if (prev != null) {
        throw new IllegalArgumentException("customer id '" + ids[i] + "' appears twice (rows " + (prev + 1) + " and "
            + (i + 1) + "); aggregate to one row per customer first");
      }
    }
    Ids.requireDistinctWhenStripped(ids, null);
    return table;
  }

  /**
   * The table to profile: {@code table} with the numeric categorical and label columns turned into text (so that
   * {@code SegmentProfiles} profiles them as categories: level shares, never means), the other columns as they are.
   */
  public Table forProfiles(Table table) {
    Table t = Table.create(table.name());
    for (Column<?> c : table.columns()) {
      Role r = id != null && c.name().equalsIgnoreCase(id) ? Role.ID : roleOrNull(c.name());
      if ((r == Role.CATEGORICAL || r == Role.LABEL) && c instanceof NumericColumn<?>) {
        StringColumn s = StringColumn.create(c.name());
        for (int i = 0; i < c.size(); i++) {
          if (c.isMissing(i)) {
            s.appendMissing();
          } else {
            s.append(c.getString(i));
          }
        }
        t.addColumns(s);
      } else {
        t.addColumns(c);
      }
    }
    return t;
  }

  private Role roleOrNull(String column) {
    for (Entry e : entries) {
      if (e.column().equals(column)) {
        return e.role();
      }
    }
    return null;
  }

  /**
   * The features as a spec on the table of {@link #withIds}: each numeric feature standard-scaled (or {@code scale}),
   * with {@code log1p} on the columns named there; each categorical one one-hot encoded (the 20 most frequent levels,
   * the rest and unseen values in "other"); missing values by {@code missing}.
   *
   * @throws IllegalArgumentException when there is no feature, or {@code log1p} names a column that is not a numeric
   *     feature
   */
  public FeatureSpec spec(Scaler.Kind scale, Collection<String> log1p, MissingValues missing) {
    return spec(scale, log1p, missing, false);
  }

  /**
   * {@link #spec(Scaler.Kind, Collection, MissingValues)}, with the categorical features kept as categories ({@link
   * CategoricalFeature#levels}) when {@code categoriesAsLevels} is true — for the mixed-data algorithms
   * (k-prototypes, k-medoids; {@code Clusterer.takesCategories()}) — else one-hot encoded.
   */
  public FeatureSpec spec(Scaler.Kind scale, Collection<String> log1p, MissingValues missing,
      boolean categoriesAsLevels) {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(missing, "missing");
    if (features.isEmpty()) {
      throw new SettingException(w -> "table '" + tableName + "' has no column to cluster"
          + (id == null ? "" : " besides the id column '" + id + "'") + " (" + line(w) + "); name the features with "
          + w.name(SettingException.Setting.FEATURES) + " or " + w.name(SettingException.Setting.CATEGORICAL));
    }
    Set<String> logged = new HashSet<>();
    List<String> numeric = numeric();
    for (String c : log1p == null ? List.<String>of() : log1p) {
      String match = numeric.stream().filter(c::equalsIgnoreCase).findFirst().orElse(null);
      if (match == null) {
        throw new IllegalArgumentException("no numeric feature named '" + c + "'; the numeric features are " + numeric);
      }
      logged.add(match);
    }
    FeatureSpec.Builder b = FeatureSpec.builder().columns(idName(), features.toArray(new String[0])).missing(missing);
    for (String f : features) {
      if (role(f) == Role.NUMERIC) {
        NumericFeature n = NumericFeature.of(f).withScale(scale);
        b.add(logged.contains(f) ? n.withLog1p() : n);
      } else {
        b.add(categoriesAsLevels ? CategoricalFeature.levels(f) : CategoricalFeature.oneHot(f));
      }
    }
    return b.build();
  }

  /** The one line in Java words: see {@link #line}. */
  @Override
  public String toString() {
    return line(SettingException.Words.JAVA);
  }

  /**
   * The one line that states every column's role and why any column is left out, with settings named in
   * {@code words} ({@code categorical("Email")} or {@code --categorical Email}).
   */
  public String line(SettingException.Words words) {
    List<String> parts = new ArrayList<>();
    parts.add(id != null ? "id " + id : String.format(Locale.ROOT, "id none (customers numbered row_1 … row_%d)", rows));
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    Map<String, List<String>> left = new LinkedHashMap<>();
    for (Entry e : entries) {
      switch (e.role()) {
        case NUMERIC -> numeric.add(e.column());
        case CATEGORICAL -> categorical.add(e.column() + " (" + e.note() + ")");
        case LABEL -> labels.add(e.column());
        case DATE -> left.computeIfAbsent("date", k -> new ArrayList<>()).add(e.column());
        case EXCLUDED -> left.computeIfAbsent(reason(e.note(), e.column(), words), k -> new ArrayList<>())
            .add(e.column());
        default -> throw new IllegalStateException(e.toString());
      }
    }
    if (!numeric.isEmpty()) {
      parts.add("numeric " + String.join(", ", numeric));
    }
    if (!categorical.isEmpty()) {
      parts.add("categorical " + String.join(", ", categorical));
    }
    if (!labels.isEmpty()) {
      parts.add("label " + String.join(", ", labels) + " (profiled as categories, not clustered)");
    }
    if (!left.isEmpty()) {
      List<String> l = new ArrayList<>();
      left.forEach((why, cols) -> l.add(String.join(", ", cols) + " (" + why + ")"));
      parts.add("left out: " + String.join(", ", l));
    }
    List<Entry> hints = entries.stream().filter(Entry::codeHint).toList();
    if (hints.size() == 1) {
      Entry h = hints.get(0);
      parts.add(h.column() + " may be a code (" + h.levels() + " distinct whole numbers): "
          + words.set(SettingException.Setting.CATEGORICAL, h.column()) + " reads it as categories");
    } else if (hints.size() > 1) {
      List<String> cols = hints.stream().map(Entry::column).toList();
      parts.add(String.join(", ", cols) + " may be codes (" + CODE_MIN_LEVELS + " to " + CODE_LEVELS + " distinct whole "
          + "numbers): " + words.set(SettingException.Setting.CATEGORICAL, String.join(
              words == SettingException.Words.JAVA ? "\", \"" : ",", cols)) + " reads them as categories");
    }
    return "columns: " + String.join("; ", parts);
  }

  /** A left-out column's reason in the reader's words; notes hold {@code {categorical}} where a setting goes. */
  private static String reason(String note, String column, SettingException.Words words) {
    return note.replace("{categorical}", words.set(SettingException.Setting.CATEGORICAL, column))
        .replace("{exclude}", words.name(SettingException.Setting.EXCLUDE))
        .replace("{features}", words.name(SettingException.Setting.FEATURES))
        .replace("{id}", words == SettingException.Words.JAVA ? "the id column" : "--id " + column);
  }

  /** The columns named by a caller: the id, the features, the categorical and the excluded ones. */
  public static final class Builder {
    private String id;
    private List<String> features;
    private final List<String> categorical = new ArrayList<>();
    private final List<String> exclude = new ArrayList<>();

    private Builder() {}

    /** The id column (default: none, customers are numbered {@code row_1 … row_n}). */
    public Builder id(String column) {
      this.id = column;
      return this;
    }

    /**
     * The feature columns, named explicitly: each is clustered on (a text, boolean or categorical-named column as a
     * category, a label column too), every other column is left out. Null or empty: the default selection.
     */
    public Builder features(Collection<String> columns) {
      this.features = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
      return this;
    }

    /** {@link #features(Collection)}. */
    public Builder features(String... columns) {
      return features(columns == null ? null : List.of(columns));
    }

    /** Columns read as categories whatever their type (e.g. integer codes such as a region number). */
    public Builder categorical(Collection<String> columns) {
      if (columns != null) {
        categorical.addAll(columns);
      }
      return this;
    }

    /** {@link #categorical(Collection)}. */
    public Builder categorical(String... columns) {
      return categorical(columns == null ? null : List.of(columns));
    }

    /** Columns left out of the default selection. */
    public Builder exclude(Collection<String> columns) {
      if (columns != null) {
        exclude.addAll(columns);
      }
      return this;
    }

    /** {@link #exclude(Collection)}. */
    public Builder exclude(String... columns) {
      return exclude(columns == null ? null : List.of(columns));
    }

    /**
     * Decides the role of every column of {@code table}.
     *
     * @throws IllegalArgumentException for a name that matches no column ("did you mean"), a column named twice in
     *     conflicting roles, a date named as a feature, or a text column of numbers with some text
     */
    public ColumnRoles decide(Table table) {
      Objects.requireNonNull(table, "table");
      String idName = id == null ? null : Columns.require(table, id).name();
      Set<String> cats = resolve(table, categorical);
      Set<String> excl = resolve(table, exclude);
      Set<String> named = features == null ? null : resolve(table, features);
      for (String c : excl) {
        if (named != null && named.contains(c)) {
          throw new SettingException(w -> "column '" + c + "' is named by both " + w.name(SettingException.Setting
              .FEATURES) + " and " + w.name(SettingException.Setting.EXCLUDE) + "; keep it in one");
        }
        if (cats.contains(c)) {
          throw new SettingException(w -> "column '" + c + "' is named by both " + w.name(SettingException.Setting
              .CATEGORICAL) + " and " + w.name(SettingException.Setting.EXCLUDE) + "; keep it in one");
        }
      }
      if (idName != null && (cats.contains(idName) || excl.contains(idName) || (named != null
          && named.contains(idName)))) {
        throw new IllegalArgumentException("column '" + idName + "' is the id column; it cannot also be a feature, "
            + "categorical or excluded");
      }
      String rowId = null;
      if (idName == null) {
        rowId = "row_id";
        for (int k = 2; table.containsColumn(rowId); k++) {
          rowId = "row_id_" + k;
        }
      }
      List<Entry> entries = new ArrayList<>();
      for (Column<?> c : table.columns()) {
        if (c.name().equals(idName)) {
          continue;
        }
        entries.add(decide(table, c, idName, cats, excl, named));
      }
      List<String> feats = new ArrayList<>();
      if (named != null) {
        feats.addAll(named);
        for (String c : cats) {
          if (!feats.contains(c)) {
            feats.add(c);
          }
        }
      } else {
        for (Entry e : entries) {
          if (e.role() == Role.NUMERIC || e.role() == Role.CATEGORICAL) {
            feats.add(e.column());
          }
        }
      }
      Map<String, Double> skew = new HashMap<>();
      for (Entry e : entries) {
        if (e.role() == Role.NUMERIC && e.levels() >= SKEW_MIN_LEVELS) {
          double g1 = rightSkewness((NumericColumn<?>) table.column(e.column()));
          if (g1 >= SKEW_HINT) {
            skew.put(e.column(), g1);
          }
        }
      }
      return new ColumnRoles(table.name(), table.rowCount(), idName, rowId, entries, feats, skew);
    }

    private static Set<String> resolve(Table table, Collection<String> names) {
      Set<String> out = new LinkedHashSet<>();
      for (String n : names) {
        out.add(Columns.require(table, n == null ? null : n.strip()).name());
      }
      return out;
    }

    private static Entry decide(Table table, Column<?> c, String idName, Set<String> cats, Set<String> excl,
        Set<String> named) {
      String name = c.name();
      boolean explicit = named != null && named.contains(name);
      if (excl.contains(name)) {
        return new Entry(name, Role.EXCLUDED, "{exclude}", -1, false);
      }
      if (cats.contains(name)) {
        int levels = distinct(c);
        return new Entry(name, Role.CATEGORICAL, levels + (levels == 1 ? " level" : " levels"), levels, false);
      }
      if (named != null && !explicit) {
        return new Entry(name, Role.EXCLUDED, "not in {features}", -1, false);
      }
      if (c instanceof DateColumn || c instanceof DateTimeColumn || c instanceof TimeColumn
          || c instanceof InstantColumn) {
        if (explicit) {
          throw new SettingException(w -> "column '" + name + "' holds dates, which cannot be clustered on; leave it "
              + "out of " + w.name(SettingException.Setting.FEATURES) + " (dates are left out by default)");
        }
        return new Entry(name, Role.DATE, "date", -1, false);
      }
      // a text column's distinct values and counts, read once from its dictionary for every check below
      Map<String, Integer> counts = Columns.textCounts(c);
      int present = Columns.present(c, counts);
      if (present == 0) {
        return new Entry(name, Role.EXCLUDED, "no value in any row", 0, false);
      }
      if (!explicit && idName == null && name.equalsIgnoreCase("customer_id")) {
        return new Entry(name, Role.EXCLUDED, "named like the id column: give it as {id}", -1, false);
      }
      boolean label = !explicit && RFM_LABELS.stream().anyMatch(name::equalsIgnoreCase);
      if (c instanceof BooleanColumn) {
        int levels = distinct(c);
        return new Entry(name, label ? Role.LABEL : Role.CATEGORICAL, "true/false", levels, false);
      }
      if (c instanceof NumericColumn<?>) {
        boolean integer = c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn;
        int levels = distinct(c);
        return new Entry(name, label ? Role.LABEL : Role.NUMERIC, "", levels,
            !label && integer && levels >= CODE_MIN_LEVELS && levels <= CODE_LEVELS);
      }
      if (c instanceof StringColumn s) {
        if (!explicit) {
          refuseNumbersWithText(table, s, counts);
        }
        int levels = distinct(c, counts);
        String note = levels + (levels == 1 ? " level" : " levels");
        if (label) {
          return new Entry(name, Role.LABEL, note, levels, false);
        }
        if (!explicit) {
          String date = dateText(c, counts);
          if (date != null) {
            return new Entry(name, Role.DATE, "dates as text, e.g. " + date, levels, false);
          }
        }
        if (!explicit && present >= 20 && levels == present) {
          return new Entry(name, Role.EXCLUDED, String.format(Locale.ROOT, "a different text in each of its %,d rows: "
              + "an identifier or free text, not a feature", present), levels, false);
        }
        if (!explicit && levels > MAX_LEVELS) {
          return new Entry(name, Role.EXCLUDED, String.format(Locale.ROOT, "text with %,d distinct values: name it in "
              + "{categorical} to use it", levels), levels, false);
        }
        if (!explicit && present >= 20 && 10L * levels >= 9L * present) {
          return new Entry(name, Role.EXCLUDED, String.format(Locale.ROOT, "text with %,d distinct values in %,d rows, "
              + "nearly one per customer: name it in {categorical} to use it", levels, present), levels, false);
        }
        return new Entry(name, Role.CATEGORICAL, note, levels, false);
      }
      if (explicit) {
        throw new IllegalArgumentException("column '" + name + "' is of type " + c.type().name().toLowerCase(Locale.ROOT)
            + ", which cannot be clustered on; convert it to numbers or text first");
      }
      return new Entry(name, Role.EXCLUDED, c.type().name().toLowerCase(Locale.ROOT), -1, false);
    }

    /**
     * The sample skewness of the present values (commons-math3's bias-corrected {@code Skewness}), or NaN when one
     * is negative (not an amount) or they are constant.
     */
    private static double rightSkewness(NumericColumn<?> c) {
      double[] v = Columns.doubles(c);
      double[] present = new double[v.length];
      int n = 0;
      for (double x : v) {
        if (x < 0) {
          return Double.NaN;
        }
        if (!Double.isNaN(x)) {
          present[n++] = x;
        }
      }
      return new org.apache.commons.math3.stat.descriptive.moment.Skewness().evaluate(present, 0, n);
    }

    /** Day, month and year in either order with . / or -, a time after them allowed: 18.05.2019, 5/18/2019 14:02. */
    private static final java.util.regex.Pattern DATE_TEXT = java.util.regex.Pattern.compile(
        "(\\d{1,2}[./-]\\d{1,2}[./-](\\d{4}|\\d{2})|\\d{4}[./]\\d{1,2}[./]\\d{1,2})([ T]\\d{1,2}:\\d{2}(:\\d{2})?)?");

    /** The first value of a text column whose every present value is a date written as text, or null. */
    private static String dateText(Column<?> c, Map<String, Integer> counts) {
      if (counts != null) {
        // each distinct value checked once
        for (String v : counts.keySet()) {
          if (!DATE_TEXT.matcher(v.strip()).matches()) {
            return null;
          }
        }
        int first = Columns.firstPresent(c);
        return first < 0 ? null : Columns.text(c, first).strip();
      }
      String first = null;
      for (int i = 0; i < c.size(); i++) {
        String v = Columns.text(c, i);
        if (v != null) {
          if (!DATE_TEXT.matcher(v.strip()).matches()) {
            return null;
          }
          if (first == null) {
            first = v.strip();
          }
        }
      }
      return first;
    }

    /**
     * Distinct present values: of a text column, its values with the spaces around them removed (from its dictionary
     * when it has one); of a number column, its values; of other columns, their values as text.
     */
    private static int distinct(Column<?> c) {
      return distinct(c, Columns.textCounts(c));
    }

    /** {@link #distinct(Column)} with the column's {@link Columns#textCounts}. */
    private static int distinct(Column<?> c, Map<String, Integer> counts) {
      if (counts != null) {
        Set<String> stripped = new HashSet<>();
        for (String v : counts.keySet()) {
          stripped.add(v.strip());
        }
        return stripped.size();
      }
      if (c instanceof NumericColumn<?> x) {
        // numbers are counted by value (whole numbers as longs, others by their bits, so -0.0 and 0.0 differ as
        // their texts do), without writing each row as text
        Set<Long> values = new HashSet<>();
        for (int i = 0; i < c.size(); i++) {
          if (!c.isMissing(i)) {
            long v = c instanceof IntColumn ic ? (long) ic.getInt(i) : c instanceof LongColumn lc ? lc.getLong(i)
                : c instanceof ShortColumn sc ? (long) sc.getShort(i) : Double.doubleToLongBits(x.getDouble(i));
            values.add(v);
          }
        }
        return values.size();
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < c.size(); i++) {
        String v = Columns.text(c, i);
        if (v != null) {
          seen.add(v.strip());
        }
      }
      return seen.size();
    }

    /**
     * A text column whose present values are more than half plain numbers is a numeric column spoiled by a few text
     * values; clustering it as categories would change the segmentation silently.
     */
    private static void refuseNumbersWithText(Table table, StringColumn c, Map<String, Integer> counts) {
      int row = Columns.textAmongNumbers(c, counts);
      if (row >= 0) {
        throw new SettingException(w -> "column '" + c.name() + "' of table '" + table.name() + "' holds numbers but "
            + "row " + (row + 1) + " has '" + c.get(row) + "'; fix that value, read the column as categories with "
            + w.set(SettingException.Setting.CATEGORICAL, c.name()) + ", or leave it out with "
            + w.set(SettingException.Setting.EXCLUDE, c.name()));
      }
    }
  }
}
