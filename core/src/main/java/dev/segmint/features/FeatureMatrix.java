package dev.segmint.features;

import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An immutable, dense customer × feature matrix: one row per customer (identified by a text id), one column
 * per named feature, and for each column a short provenance note saying how it was made.
 *
 * <p>Values are stored row-major in one {@code double[]} (row {@code i}, column {@code j} at
 * {@code i * columns() + j}), the layout the distance kernels read. Every accessor that returns an array
 * returns a copy. Memory: {@code 8·n·d} bytes for the data plus the ids.
 *
 * <p>All values are finite: NaN and ±Infinity are rejected at construction with the row, customer and
 * column named. Customer ids must be unique.
 *
 * <p><b>Mixed data.</b> A matrix made with {@link #mixed} also holds categorical features next to the numeric ones
 * (which may then be none): per categorical column its level names and, per customer, a level code stored as a
 * {@code short} ({@code 2·n·c} bytes; at most {@value #MAX_LEVELS} levels a column), {@code -1} for a missing value.
 * {@link #columns()}, {@link #names()} and the numeric accessors cover the numeric features only; {@link
 * #categoricalColumns()}, {@link #categoricalNames()}, {@link #levels(int)} and {@link #code(int, int)} the
 * categorical ones. The mixed-data algorithms ({@code KPrototypes}, {@code KMedoids}) read both; every
 * algorithm and index that works on numbers only refuses a matrix with categorical features ({@link
 * #requireNumericOnly}) rather than silently ignoring them.
 */
public final class FeatureMatrix {

  static {
    // k-means reads the values in place instead of copying them (dev.segmint.internal.MatrixValues: read only)
    MatrixValues.register(m -> m.data, m -> m.codes);
  }

  /** The most levels a categorical feature of a {@link #mixed} matrix may have (codes are {@code short}s). */
  public static final int MAX_LEVELS = Short.MAX_VALUE;

  private static final String[] NONE = new String[0];
  private static final short[] NO_CODES = new short[0];

  private final String[] ids;
  private final String[] names;
  private final String[] provenance;
  private final double[] data;
  private final int n;
  private final int d;
  // categorical part (empty for a numeric matrix)
  private final String[] catNames;
  private final String[] catProvenance;
  private final List<List<String>> levels;
  private final short[] codes;
  private final int c;

  private FeatureMatrix(String[] ids, String[] names, String[] provenance, double[] data) {
    this(ids, names, provenance, data, NONE, NONE, List.of(), NO_CODES);
  }

  private FeatureMatrix(String[] ids, String[] names, String[] provenance, double[] data, String[] catNames,
      String[] catProvenance, List<List<String>> levels, short[] codes) {
    this.ids = ids;
    this.names = names;
    this.provenance = provenance;
    this.data = data;
    this.n = ids.length;
    this.d = names.length;
    this.catNames = catNames;
    this.catProvenance = catProvenance;
    this.levels = levels;
    this.codes = codes;
    this.c = catNames.length;
  }

  /**
   * Builds a matrix of numeric and categorical features, copying everything. O(n·(d + c)).
   *
   * @param ids customer ids, one per row, unique and non-null
   * @param numericNames names of the numeric features (may be empty when there are categorical ones)
   * @param numeric the numeric values, row-major {@code n × numericNames.length}, all finite
   * @param numericProvenance one note per numeric column, or {@code null} for "given"
   * @param categoricalNames names of the categorical features, unique among all feature names
   * @param levels per categorical feature its level names, in code order (distinct, non-null, at most
   *     {@value #MAX_LEVELS})
   * @param codes the level codes, row-major {@code n × categoricalNames.length}: {@code 0..levels-1}, or {@code -1}
   *     for a missing value
   * @throws IllegalArgumentException for sizes that do not match, a code outside its levels (row, customer and
   *     column named), or any check of {@link #ofFlat}
   */
  public static FeatureMatrix mixed(String[] ids, String[] numericNames, double[] numeric, String[] numericProvenance,
      String[] categoricalNames, List<List<String>> levels, short[] codes) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(numericNames, "numericNames");
    Objects.requireNonNull(numeric, "numeric");
    Objects.requireNonNull(categoricalNames, "categoricalNames");
    Objects.requireNonNull(levels, "levels");
    Objects.requireNonNull(codes, "codes");
    int n = ids.length;
    int d = numericNames.length;
    int c = categoricalNames.length;
    if ((long) n * d != numeric.length) {
      throw new IllegalArgumentException("numeric data has " + numeric.length + " values but " + n + " ids × " + d
          + " numeric features need " + (long) n * d);
    }
    if ((long) n * c != codes.length) {
      throw new IllegalArgumentException("codes has " + codes.length + " values but " + n + " ids × " + c
          + " categorical features need " + (long) n * c);
    }
    if (levels.size() != c) {
      throw new IllegalArgumentException("there are " + levels.size() + " level lists for " + c
          + " categorical features; give one list of level names per categorical feature");
    }
    String[] prov = provenanceOrGiven(numericProvenance, d);
    List<List<String>> lv = new ArrayList<>(c);
    String[] catProv = new String[c];
    for (int j = 0; j < c; j++) {
      List<String> l = List.copyOf(levels.get(j));
      if (l.size() > MAX_LEVELS) {
        throw new IllegalArgumentException("categorical feature '" + categoricalNames[j] + "' has " + l.size()
            + " levels, more than " + MAX_LEVELS + "; group rare levels or leave the column out");
      }
      if (new java.util.HashSet<>(l).size() != l.size()) {
        throw new IllegalArgumentException("the levels of categorical feature '" + categoricalNames[j] + "' repeat a "
            + "name: " + l + "; give each level once");
      }
      lv.add(l);
      catProv[j] = "levels of " + categoricalNames[j];
    }
    String[] allNames = new String[d + c];
    System.arraycopy(numericNames, 0, allNames, 0, d);
    System.arraycopy(categoricalNames, 0, allNames, d, c);
    checkNames(allNames);
    short[] cs = codes.clone();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        int code = cs[i * c + j];
        if (code < -1 || code >= lv.get(j).size()) {
          throw new IllegalArgumentException("categorical feature '" + categoricalNames[j] + "' has code " + code
              + " at row " + (i + 1) + " (customer " + ids[i] + ") but its " + lv.get(j).size() + " levels take codes 0.."
              + (lv.get(j).size() - 1) + " (or -1 for missing)");
        }
      }
    }
    FeatureMatrix numericPart = create(ids.clone(), numericNames.clone(), prov, numeric.clone(), c > 0);
    return new FeatureMatrix(numericPart.ids, numericPart.names, numericPart.provenance, numericPart.data,
        categoricalNames.clone(), catProv, List.copyOf(lv), cs);
  }

  /**
   * Reads a mixed matrix from a table: the id from {@code idColumn}, numeric features from {@code numericColumns}
   * (numeric columns, no missing values) and categorical features from {@code categoricalColumns} (any type, read
   * as text, spaces stripped; a missing value becomes code {@code -1}). Levels are numbered by frequency, most
   * frequent first (ties by name). O(n·(d + c)).
   *
   * @throws IllegalArgumentException as {@link #fromTable(Table, String, String...)}, and for a categorical column
   *     with more than {@value #MAX_LEVELS} levels
   */
  public static FeatureMatrix fromTable(Table table, String idColumn, List<String> numericColumns,
      List<String> categoricalColumns) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(numericColumns, "numericColumns");
    Objects.requireNonNull(categoricalColumns, "categoricalColumns");
    if (numericColumns.isEmpty() && categoricalColumns.isEmpty()) {
      throw new IllegalArgumentException("name at least one numeric or categorical feature column");
    }
    int n = table.rowCount();
    if (n == 0) {
      throw new IllegalArgumentException("table '" + table.name() + "' has no rows; it needs at least one customer");
    }
    FeatureMatrix num = numericColumns.isEmpty() ? null
        : fromTable(table, idColumn, numericColumns.toArray(String[]::new));
    String[] ids = num != null ? num.ids : idsOf(table, idColumn);
    int c = categoricalColumns.size();
    String[] catNames = new String[c];
    List<List<String>> lv = new ArrayList<>(c);
    short[] codes = new short[n * c];
    for (int j = 0; j < c; j++) {
      Column<?> col = Columns.require(table, categoricalColumns.get(j));
      catNames[j] = col.name();
      String[] values = new String[n];
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String v = Columns.text(col, i);
        values[i] = v == null || v.isBlank() ? null : v.strip();
        if (values[i] != null) {
          counts.merge(values[i], 1, Integer::sum);
        }
      }
      List<String> order = Categories.byFrequency(counts);
      if (order.size() > MAX_LEVELS) {
        throw new IllegalArgumentException("column '" + col.name() + "' has " + order.size() + " distinct values, more "
            + "than " + MAX_LEVELS + "; it is not a categorical feature (an id?): leave it out or group its levels");
      }
      Map<String, Integer> code = new HashMap<>(order.size() * 2);
      for (int l = 0; l < order.size(); l++) {
        code.put(order.get(l), l);
      }
      for (int i = 0; i < n; i++) {
        codes[i * c + j] = (short) (values[i] == null ? -1 : code.get(values[i]));
      }
      lv.add(order);
    }
    String[] numNames = num != null ? num.names : NONE;
    double[] numData = num != null ? num.data : new double[0];
    String[] numProv = num != null ? num.provenance : NONE;
    FeatureMatrix m = mixed(ids, numNames, numData, numProv, catNames, lv, codes);
    String[] catProv = m.catProvenance;
    for (int j = 0; j < c; j++) {
      catProv[j] = "column " + catNames[j] + " (" + lv.get(j).size() + " levels)";
    }
    return m;
  }

  private static String[] idsOf(Table table, String idColumn) {
    Column<?> idCol = Columns.require(table, idColumn);
    String[] ids = new String[table.rowCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Columns.text(idCol, i);
      if (ids[i] == null) {
        throw new IllegalArgumentException("column '" + idCol.name() + "' has a missing customer id at row " + (i + 1)
            + "; every row needs an id (drop or fill that row)");
      }
    }
    return ids;
  }

  private static String[] provenanceOrGiven(String[] provenance, int d) {
    if (provenance == null) {
      String[] prov = new String[d];
      Arrays.fill(prov, "given");
      return prov;
    }
    if (provenance.length != d) {
      throw new IllegalArgumentException("provenance has " + provenance.length + " notes for " + d + " features");
    }
    return provenance.clone();
  }

  /**
   * Builds a matrix from rows, copying everything.
   *
   * @param ids customer ids, one per row, unique and non-null
   * @param names feature names, one per column, unique and non-null
   * @param rows {@code rows[i][j]} is feature {@code j} of customer {@code i}; every row has {@code names.length}
   *     finite values
   * @throws IllegalArgumentException on ragged rows, NaN or infinite values, duplicate or missing ids or names,
   *     or ids that differ only by leading or trailing whitespace, with the offending row (counting from 1) and
   *     column named
   */
  public static FeatureMatrix of(String[] ids, String[] names, double[][] rows) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(rows, "rows");
    if (ids.length != rows.length) {
      throw new IllegalArgumentException(
          "ids and rows differ in length: " + ids.length + " ids but " + rows.length + " rows; give one id per row");
    }
    int d = names.length;
    double[] flat = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      double[] row = rows[i];
      if (row == null || row.length != d) {
        throw new IllegalArgumentException("row " + (i + 1) + " (customer " + ids[i] + ") has "
            + (row == null ? "no values" : row.length + " values") + " but there are " + d
            + " feature names; every row needs exactly one value per feature");
      }
      System.arraycopy(row, 0, flat, i * d, d);
    }
    String[] prov = new String[d];
    Arrays.fill(prov, "given");
    return create(ids.clone(), names.clone(), prov, flat);
  }

  /**
   * Builds a matrix from a flat row-major array ({@code data.length == ids.length * names.length}), copying it.
   *
   * @param provenance one note per column on how it was made, or {@code null} for "given"
   */
  public static FeatureMatrix ofFlat(String[] ids, String[] names, String[] provenance, double[] data) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(data, "data");
    if ((long) ids.length * names.length != data.length) {
      throw new IllegalArgumentException("data has " + data.length + " values but " + ids.length + " ids × "
          + names.length + " features need " + (long) ids.length * names.length);
    }
    return create(ids.clone(), names.clone(), provenanceOrGiven(provenance, names.length), data.clone());
  }

  /**
   * {@link #ofFlat} for the feature code's own new arrays, which the matrix takes without copying them (8·n·d bytes
   * less, once per step on a large table): the caller must not use {@code ids}, {@code names}, {@code provenance}
   * or {@code data} afterwards. The same checks.
   */
  static FeatureMatrix owning(String[] ids, String[] names, String[] provenance, double[] data) {
    if ((long) ids.length * names.length != data.length) {
      throw new IllegalArgumentException("data has " + data.length + " values but " + ids.length + " ids × "
          + names.length + " features need " + (long) ids.length * names.length);
    }
    return create(ids, names, provenanceOrGiven(provenance, names.length), data);
  }

  /**
   * A numeric matrix with the customers of {@code like} (already checked: not again) and new values, which it takes
   * without copying them, as {@link #owning}; every value must be finite. For a step that changes the values only
   * (scaling). O(n·d). (When {@code like} has categorical features or another shape: {@link #ofFlat}.)
   */
  static FeatureMatrix withValues(FeatureMatrix like, String[] names, String[] provenance, double[] data) {
    if (like.c != 0 || names.length != like.d || data.length != like.data.length) {
      return ofFlat(like.ids(), names, provenance, data);   // as ofFlat always did: checked and copied
    }
    checkNames(names);
    requireFinite(like.ids, names, data);
    return new FeatureMatrix(like.ids, names, provenanceOrGiven(provenance, names.length), data);
  }

  /**
   * Reads a matrix from a table: one row per customer, the id from {@code idColumn} (any column type, written
   * as text) and the features from numeric columns. With no feature columns given, every numeric column
   * except the id is used.
   *
   * Column names are matched as Tablesaw matches them, ignoring case; the matrix takes the table's spelling.
   *
   * @throws IllegalArgumentException when the table has no rows, a column is missing (the closest name is
   *     suggested), not numeric, or holds a missing or non-finite value (the row and customer are named), or two ids
   *     differ only by leading or trailing whitespace
   */
  public static FeatureMatrix fromTable(Table table, String idColumn, String... featureColumns) {
    Objects.requireNonNull(table, "table");
    Column<?> idCol = Columns.require(table, idColumn);
    List<String> features = new ArrayList<>();
    if (featureColumns == null || featureColumns.length == 0) {
      for (Column<?> c : table.columns()) {
        if (!c.name().equals(idCol.name()) && c instanceof NumericColumn) {
          features.add(c.name());
        } else if (!c.name().equals(idCol.name()) && c instanceof StringColumn s) {
          refuseNumbersWithText(table, s);
        }
      }
      if (features.isEmpty()) {
        throw new IllegalArgumentException("table '" + table.name() + "' has no numeric column besides the id column '"
            + idColumn + "'; name the feature columns explicitly or convert them to numbers");
      }
    } else {
      features.addAll(Arrays.asList(featureColumns));
    }
    int n = table.rowCount();
    if (n == 0) {
      throw new IllegalArgumentException("table '" + table.name() + "' has no rows; it needs at least one customer");
    }
    int d = features.size();
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Columns.text(idCol, i);
      if (ids[i] == null) {
        throw new IllegalArgumentException("column '" + idCol.name() + "' has a missing customer id at row " + (i + 1)
            + "; every row needs an id (drop or fill that row)");
      }
    }
    double[] flat = new double[n * d];
    String[] names = new String[d];
    String[] prov = new String[d];
    for (int j = 0; j < d; j++) {
      NumericColumn<?> col = Columns.requireNumeric(table, features.get(j));
      names[j] = col.name();
      prov[j] = "column " + col.name();
      for (int i = 0; i < n; i++) {
        if (col.isMissing(i)) {
          throw new IllegalArgumentException("column '" + col.name() + "' has a missing value at row " + (i + 1)
              + " (customer " + ids[i] + "); impute or drop it before clustering");
        }
        flat[i * d + j] = col.getDouble(i);
      }
    }
    return create(ids, names, prov, flat);
  }

  /**
   * The default feature selection takes numeric columns only; a text column whose non-missing values are more than
   * half plain numbers is a numeric column spoiled by a few text values, and leaving it out without a word would
   * change the segmentation silently. One pass over the column.
   */
  private static void refuseNumbersWithText(Table table, StringColumn c) {
    int firstText = Columns.textAmongNumbers(c);
    if (firstText >= 0) {
      throw new IllegalArgumentException("column '" + c.name() + "' of table '" + table.name() + "' holds numbers but "
          + "row " + (firstText + 1) + " has '" + c.get(firstText) + "', so it would be left out of the features; fix "
          + "that value, or name the feature columns explicitly");
    }
  }


  private static FeatureMatrix create(String[] ids, String[] names, String[] prov, double[] flat) {
    return create(ids, names, prov, flat, false);
  }

  /** Refuses a value that is not finite, naming its feature, row and customer. */
  private static void requireFinite(String[] ids, String[] names, double[] flat) {
    int d = names.length;
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j < d; j++) {
        double v = flat[i * d + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("feature '" + names[j] + "' is " + v + " at row " + (i + 1) + " (customer "
              + ids[i] + "); all features must be finite numbers: impute, clip or drop that value");
        }
      }
    }
  }

  private static void checkNames(String[] names) {
    Map<String, Integer> seenNames = new HashMap<>();
    for (int j = 0; j < names.length; j++) {
      if (names[j] == null || names[j].isEmpty()) {
        throw new IllegalArgumentException("feature name " + j + " is missing; give every column a name");
      }
      Integer prev = seenNames.put(names[j], j);
      if (prev != null) {
        throw new IllegalArgumentException("feature name '" + names[j] + "' appears twice (columns " + prev + " and "
            + j + "); feature names must be unique");
      }
    }
  }

  /** @param categorical whether categorical features come with it (then there may be no numeric one) */
  private static FeatureMatrix create(String[] ids, String[] names, String[] prov, double[] flat,
      boolean categorical) {
    int d = names.length;
    if (d == 0 && !categorical) {
      throw new IllegalArgumentException("a feature matrix needs at least one feature column");
    }
    checkNames(names);
    Map<String, Integer> seenIds = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new IllegalArgumentException("customer id at row " + (i + 1) + " is null; every row needs an id");
      }
      Integer prev = seenIds.put(ids[i], i);
      if (prev != null) {
        throw new IllegalArgumentException("customer id '" + ids[i] + "' appears twice (rows " + (prev + 1) + " and " + (i + 1)
            + "); aggregate to one row per customer first");
      }
    }
    Ids.requireDistinctWhenStripped(ids, null);
    requireFinite(ids, names, flat);
    return new FeatureMatrix(ids, names, prov, flat);
  }

  /** Above this magnitude a squared Euclidean distance between two rows could overflow to infinity. */
  public static final double MAX_DISTANCE_SAFE = 1e150;
  /** Below this magnitude (for every value) squared distances underflow to zero. */
  public static final double MIN_DISTANCE_SAFE = 1e-150;

  /**
   * Checks that Euclidean distances between rows are computable in double precision: every |value| at most
   * {@link #MAX_DISTANCE_SAFE} (else squared differences overflow to infinity) and, unless all values are zero, some
   * |value| at least {@link #MIN_DISTANCE_SAFE} (else every squared distance underflows to zero). The clustering
   * algorithms and quality indices call it before any distance. O(n·d) time, no memory.
   *
   * @throws IllegalArgumentException naming the feature, customer and value, and suggesting to scale the features
   */
  public void requireDistanceRange() {
    double max = 0;
    int at = -1;
    for (int i = 0; i < data.length; i++) {
      double a = Math.abs(data[i]);
      if (a > max) {
        max = a;
        at = i;
      }
    }
    if (max > MAX_DISTANCE_SAFE) {
      throw new IllegalArgumentException("feature '" + names[at % d] + "' is " + data[at] + " for customer "
          + ids[at / d] + "; distances overflow for values beyond ±1e150: scale the features first (Scaler, "
          + "--scale standard) or change their unit");
    }
    if (max > 0 && max < MIN_DISTANCE_SAFE) {
      throw new IllegalArgumentException("every feature value is smaller than 1e-150 in magnitude (the largest is "
          + data[at] + ", feature '" + names[at % d] + "'), so every distance underflows to 0: scale the features "
          + "first (Scaler, --scale standard) or change their unit");
    }
  }

  /**
   * Checks that the matrix has no categorical features, for an algorithm or index that works on numbers only.
   *
   * @param what the algorithm or index, as the message names it (e.g. {@code "k-means"})
   * @throws IllegalArgumentException naming the categorical features and the two ways on
   */
  public void requireNumericOnly(String what) {
    if (c > 0) {
      throw new IllegalArgumentException(what + " works on numeric features only, but the matrix has the categorical "
          + "feature" + (c == 1 ? " " : "s ") + String.join(", ", catNames) + ": cluster it with k-prototypes or "
          + "k-medoids (KPrototypes, KMedoids; --algorithm kprototypes|kmedoids), or one-hot encode the categories");
    }
    if (d == 0) {
      throw new IllegalArgumentException(what + " needs at least one numeric feature");
    }
  }

  /** Number of categorical features (0 unless made by {@link #mixed}). */
  public int categoricalColumns() {
    return c;
  }

  /** A copy of the categorical feature names, in column order (empty for a numeric matrix). */
  public String[] categoricalNames() {
    return catNames.clone();
  }

  /** A copy of the per-column provenance notes of the categorical features. */
  public String[] categoricalProvenance() {
    return catProvenance.clone();
  }

  /** The level names of categorical feature {@code j}, in code order (unmodifiable). */
  public List<String> levels(int j) {
    return levels.get(Objects.checkIndex(j, c));
  }

  /** The index of the named categorical feature. */
  public int categoricalIndex(String name) {
    for (int j = 0; j < c; j++) {
      if (catNames[j].equals(name)) {
        return j;
      }
    }
    throw new IllegalArgumentException("no categorical feature named '" + name + "'"
        + Columns.suggestion(name, Arrays.asList(catNames)) + "; categorical features are " + Arrays.toString(catNames));
  }

  /** The level code of categorical feature {@code j} for customer {@code i}: {@code 0..levels-1}, or -1 if missing. */
  public int code(int i, int j) {
    Objects.checkIndex(i, n);
    Objects.checkIndex(j, c);
    return codes[i * c + j];
  }

  /** The level of categorical feature {@code j} for customer {@code i}, or null when missing. */
  public String level(int i, int j) {
    int code = code(i, j);
    return code < 0 ? null : levels.get(j).get(code);
  }

  /** A copy of all level codes, row-major: row {@code i}, categorical column {@code j} at {@code i · c + j}. */
  public short[] toCodeArray() {
    return codes.clone();
  }

  /** Number of customers (rows). */
  public int rows() {
    return n;
  }

  /** Number of numeric features (columns); categorical ones are counted by {@link #categoricalColumns()}. */
  public int columns() {
    return d;
  }

  /** The id of customer {@code i}. */
  public String id(int i) {
    return ids[Objects.checkIndex(i, n)];
  }

  /** A copy of the customer ids, in row order. */
  public String[] ids() {
    return ids.clone();
  }

  /** A copy of the feature names, in column order. */
  public String[] names() {
    return names.clone();
  }

  /** A copy of the per-column provenance notes (how each column was made). */
  public String[] provenance() {
    return provenance.clone();
  }

  /** The index of the named feature. */
  public int columnIndex(String name) {
    for (int j = 0; j < d; j++) {
      if (names[j].equals(name)) {
        return j;
      }
    }
    throw new IllegalArgumentException("no feature named '" + name + "'" + Columns.suggestion(name, Arrays.asList(names))
        + "; features are " + Arrays.toString(names));
  }

  /** Value of feature {@code j} for customer {@code i}. */
  public double get(int i, int j) {
    Objects.checkIndex(i, n);
    Objects.checkIndex(j, d);
    return data[i * d + j];
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    Objects.checkIndex(i, n);
    return Arrays.copyOfRange(data, i * d, i * d + d);
  }

  /** A copy of the named column. */
  public double[] column(String name) {
    return column(columnIndex(name));
  }

  /** A copy of column {@code j}. */
  public double[] column(int j) {
    Objects.checkIndex(j, d);
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = data[i * d + j];
    }
    return c;
  }

  /** A copy of all values, row-major: row {@code i}, column {@code j} at {@code i * columns() + j}. */
  public double[] toFlatArray() {
    return data.clone();
  }

  /** A copy of all values as rows. */
  public double[][] toArray() {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = row(i);
    }
    return rows;
  }

  /** The rows at the given indices, in that order (ids and provenance kept). */
  public FeatureMatrix selectRows(int[] rowIndices) {
    String[] sIds = new String[rowIndices.length];
    double[] sData = new double[rowIndices.length * d];
    short[] sCodes = new short[rowIndices.length * c];
    for (int r = 0; r < rowIndices.length; r++) {
      int i = Objects.checkIndex(rowIndices[r], n);
      sIds[r] = ids[i];
      System.arraycopy(data, i * d, sData, r * d, d);
      System.arraycopy(codes, i * c, sCodes, r * c, c);
    }
    FeatureMatrix numeric = create(sIds, names.clone(), provenance.clone(), sData, c > 0);
    return c == 0 ? numeric : new FeatureMatrix(numeric.ids, numeric.names, numeric.provenance, numeric.data, catNames,
        catProvenance, levels, sCodes);
  }

  /**
   * A copy in which the named columns are replaced by {@code sign(x) · ln(1 + |x|)}: the usual log1p for the
   * non-negative values of spend and counts, extended symmetrically so that netted negative values stay finite
   * and ordered. Provenance records the transform. O(n) per column.
   */
  public FeatureMatrix withLog1p(String... columnNames) {
    double[] out = data.clone();
    String[] prov = provenance.clone();
    for (String name : columnNames) {
      int j = columnIndex(name);
      for (int i = 0; i < n; i++) {
        double v = out[i * d + j];
        out[i * d + j] = Math.copySign(Math.log1p(Math.abs(v)), v);
      }
      prov[j] = "signed log1p(" + prov[j] + ")";
    }
    return new FeatureMatrix(ids, names, prov, out, catNames, catProvenance, levels, codes);
  }

  /**
   * The matrix as a table: a text column {@code customer_id}, then one double column per numeric feature, then one
   * text column per categorical feature (its level names; missing where the code is -1).
   */
  public Table toTable() {
    Table t = Table.create("features");
    t.addColumns(StringColumn.create("customer_id", ids));
    for (int j = 0; j < d; j++) {
      t.addColumns(DoubleColumn.create(names[j], column(j)));
    }
    for (int j = 0; j < c; j++) {
      String[] cells = new String[n];
      for (int i = 0; i < n; i++) {
        cells[i] = level(i, j);
      }
      t.addColumns(StringColumn.create(catNames[j], cells));
    }
    return t;
  }

  /**
   * The rows of {@code table} in this matrix's customer order: row {@code i} of the result is the row of {@code table}
   * whose {@code idColumn} holds {@link #id(int) id(i)}. Use it to line up the customer table a matrix was made from
   * with labels fitted on the matrix (e.g. for {@code SegmentProfiles.of(m.rowsOf(customers, "ID"), km.labels(), ...)})
   * when the feature path reordered or dropped customers. O(rows of table + rows of the matrix).
   *
   * @param table a table with one row per customer
   * @param idColumn its id column (text or numbers; numbers are matched by their text form, e.g. 5524)
   * @throws IllegalArgumentException when the column is missing, an id repeats in the table, or a customer of this
   *     matrix is not in the table
   */
  public Table rowsOf(Table table, String idColumn) {
    Objects.requireNonNull(table, "table");
    if (idColumn == null || !table.columnNames().contains(idColumn)) {
      throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + idColumn + "'; its columns "
          + "are " + table.columnNames());
    }
    Column<?> idCol = table.column(idColumn);
    Map<String, Integer> rowOf = new HashMap<>(Math.max(16, table.rowCount() * 2));
    for (int r = 0; r < table.rowCount(); r++) {
      Integer before = rowOf.put(idCol.getString(r), r);
      if (before != null) {
        throw new IllegalArgumentException("customer '" + idCol.getString(r) + "' is in rows " + (before + 1) + " and "
            + (r + 1) + " of table '" + table.name() + "'; give one row per customer");
      }
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      Integer row = rowOf.get(ids[i]);
      if (row == null) {
        throw new IllegalArgumentException("customer '" + ids[i] + "' of the feature matrix is not in column '" + idColumn
            + "' of table '" + table.name() + "'; pass the table the features were computed from");
      }
      order[i] = row;
    }
    Table out = Table.create(table.name());
    for (Column<?> c : table.columns()) {
      out.addColumns(c.subset(order));     // in the order given (Table.rows(int...) keeps the table's order)
    }
    return out;
  }

  /** A few lines: the shape, then the first rows as a table, values to six significant digits. */
  @Override
  public String toString() {
    int show = Math.min(n, 10);
    Table t = Table.create("FeatureMatrix " + n + " customers × " + d + (c == 0 ? " features"
        : " numeric + " + c + " categorical features") + (n > show ? " (first " + show + ")" : ""));
    t.addColumns(StringColumn.create("customer_id", Arrays.copyOf(ids, show)));
    for (int j = 0; j < d; j++) {
      String[] cells = new String[show];
      for (int i = 0; i < show; i++) {
        cells[i] = Numbers.sig(data[i * d + j]);
      }
      t.addColumns(StringColumn.create(names[j], cells));
    }
    for (int j = 0; j < c; j++) {
      String[] cells = new String[show];
      for (int i = 0; i < show; i++) {
        cells[i] = level(i, j);
      }
      t.addColumns(StringColumn.create(catNames[j], cells));
    }
    return t.print();
  }
}
