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
 */
public final class FeatureMatrix {

  static {
    // k-means reads the values in place instead of copying them (dev.segmint.internal.MatrixValues: read only)
    MatrixValues.register(m -> m.data);
  }

  private final String[] ids;
  private final String[] names;
  private final String[] provenance;
  private final double[] data;
  private final int n;
  private final int d;

  private FeatureMatrix(String[] ids, String[] names, String[] provenance, double[] data) {
    this.ids = ids;
    this.names = names;
    this.provenance = provenance;
    this.data = data;
    this.n = ids.length;
    this.d = names.length;
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
    String[] prov;
    if (provenance == null) {
      prov = new String[names.length];
      Arrays.fill(prov, "given");
    } else if (provenance.length != names.length) {
      throw new IllegalArgumentException("provenance has " + provenance.length + " notes for " + names.length + " features");
    } else {
      prov = provenance.clone();
    }
    return create(ids.clone(), names.clone(), prov, data.clone());
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
    int d = names.length;
    if (d == 0) {
      throw new IllegalArgumentException("a feature matrix needs at least one feature column");
    }
    Map<String, Integer> seenNames = new HashMap<>();
    for (int j = 0; j < d; j++) {
      if (names[j] == null || names[j].isEmpty()) {
        throw new IllegalArgumentException("feature name " + j + " is missing; give every column a name");
      }
      Integer prev = seenNames.put(names[j], j);
      if (prev != null) {
        throw new IllegalArgumentException("feature name '" + names[j] + "' appears twice (columns " + prev + " and "
            + j + "); feature names must be unique");
      }
    }
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
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j < d; j++) {
        double v = flat[i * d + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("feature '" + names[j] + "' is " + v + " at row " + (i + 1) + " (customer "
              + ids[i] + "); all features must be finite numbers: impute, clip or drop that value");
        }
      }
    }
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

  /** Number of customers (rows). */
  public int rows() {
    return n;
  }

  /** Number of features (columns). */
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
    for (int r = 0; r < rowIndices.length; r++) {
      int i = Objects.checkIndex(rowIndices[r], n);
      sIds[r] = ids[i];
      System.arraycopy(data, i * d, sData, r * d, d);
    }
    return create(sIds, names.clone(), provenance.clone(), sData);
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
    return new FeatureMatrix(ids, names, prov, out);
  }

  /** The matrix as a table: a text column {@code customer_id}, then one double column per feature. */
  public Table toTable() {
    Table t = Table.create("features");
    t.addColumns(StringColumn.create("customer_id", ids));
    for (int j = 0; j < d; j++) {
      t.addColumns(DoubleColumn.create(names[j], column(j)));
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
    Table t = Table.create("FeatureMatrix " + n + " customers × " + d + " features"
        + (n > show ? " (first " + show + ")" : ""));
    t.addColumns(StringColumn.create("customer_id", Arrays.copyOf(ids, show)));
    for (int j = 0; j < d; j++) {
      String[] cells = new String[show];
      for (int i = 0; i < show; i++) {
        cells[i] = Numbers.sig(data[i * d + j]);
      }
      t.addColumns(StringColumn.create(names[j], cells));
    }
    return t.print();
  }
}
