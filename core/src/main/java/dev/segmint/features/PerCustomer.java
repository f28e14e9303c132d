package dev.segmint.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The rows of a table grouped by customer id (ids as text, first-seen order), with per-customer reductions.
 * Rows without an id are counted, with up to five example row numbers. O(rows) to group.
 */
final class PerCustomer {
  final String idColumn;
  final List<String> ids = new ArrayList<>();
  final int[] customerOfRow;
  final int rows;
  long rowsWithoutId;
  final List<String> rowsWithoutIdExamples = new ArrayList<>();
  boolean duplicates;

  PerCustomer(Table table, String idColumn) {
    Column<?> idCol = Columns.require(table, idColumn);
    this.idColumn = idCol.name();
    this.rows = table.rowCount();
    if (rows == 0) {
      throw new IllegalArgumentException("table '" + table.name() + "' has no rows; it needs at least one customer");
    }
    customerOfRow = new int[rows];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < rows; i++) {
      String id = Columns.text(idCol, i);
      if (id == null) {
        customerOfRow[i] = -1;
        if (rowsWithoutId++ < 5) {
          rowsWithoutIdExamples.add(Integer.toString(i + 1));
        }
        continue;
      }
      Integer c = index.putIfAbsent(id, ids.size());
      if (c == null) {
        customerOfRow[i] = ids.size();
        ids.add(id);
      } else {
        customerOfRow[i] = c;
        duplicates = true;
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("column '" + idColumn + "' of table '" + table.name()
          + "' has no customer id in any row; choose the id column");
    }
  }

  int customers() {
    return ids.size();
  }

  /** The most frequent non-missing text value per customer (ties: first seen); null when none. */
  String[] modeText(Column<?> col) {
    String[] out = new String[ids.size()];
    if (!duplicates) {
      for (int i = 0; i < rows; i++) {
        if (customerOfRow[i] >= 0) {
          String s = Columns.text(col, i);
          out[customerOfRow[i]] = s == null ? null : s.strip();
        }
      }
      return out;
    }
    List<Map<String, Integer>> counts = new ArrayList<>(ids.size());
    for (int c = 0; c < ids.size(); c++) {
      counts.add(null);
    }
    int[] best = new int[ids.size()];
    for (int i = 0; i < rows; i++) {
      int c = customerOfRow[i];
      String s = c < 0 ? null : Columns.text(col, i);
      if (s == null) {
        continue;
      }
      s = s.strip();
      Map<String, Integer> m = counts.get(c);
      if (m == null) {
        m = new HashMap<>(4);
        counts.set(c, m);
      }
      int k = m.merge(s, 1, Integer::sum);
      if (k > best[c]) {
        best[c] = k;
        out[c] = s;
      }
    }
    return out;
  }

  /** The most frequent non-missing number per customer (ties: first seen); NaN when none. */
  double[] modeNumber(NumericColumn<?> col) {
    double[] out = new double[ids.size()];
    Arrays.fill(out, Double.NaN);
    if (!duplicates) {
      for (int i = 0; i < rows; i++) {
        if (customerOfRow[i] >= 0 && !col.isMissing(i)) {
          out[customerOfRow[i]] = finite(col, i);
        }
      }
      return out;
    }
    List<Map<Double, Integer>> counts = new ArrayList<>(ids.size());
    for (int c = 0; c < ids.size(); c++) {
      counts.add(null);
    }
    int[] best = new int[ids.size()];
    for (int i = 0; i < rows; i++) {
      int c = customerOfRow[i];
      if (c < 0 || col.isMissing(i)) {
        continue;
      }
      double v = finite(col, i);
      Map<Double, Integer> m = counts.get(c);
      if (m == null) {
        m = new HashMap<>(4);
        counts.set(c, m);
      }
      int k = m.merge(v, 1, Integer::sum);
      if (k > best[c]) {
        best[c] = k;
        out[c] = v;
      }
    }
    return out;
  }

  /** The sum per customer of the non-missing values; NaN for a customer whose values are all missing. */
  double[] sum(NumericColumn<?> col) {
    double[] out = new double[ids.size()];
    Arrays.fill(out, Double.NaN);
    for (int i = 0; i < rows; i++) {
      int c = customerOfRow[i];
      if (c >= 0 && !col.isMissing(i)) {
        double v = finite(col, i);
        out[c] = Double.isNaN(out[c]) ? v : out[c] + v;
      }
    }
    return out;
  }

  /** The mean per customer of the non-missing values; NaN when none. */
  double[] mean(NumericColumn<?> col) {
    double[] s = sum(col);
    int[] n = new int[ids.size()];
    for (int i = 0; i < rows; i++) {
      if (customerOfRow[i] >= 0 && !col.isMissing(i)) {
        n[customerOfRow[i]]++;
      }
    }
    for (int c = 0; c < s.length; c++) {
      if (n[c] > 0) {
        s[c] /= n[c];
      }
    }
    return s;
  }

  /** The id of the customer of row {@code i} (0-based), or "(no id)". */
  String idOfRow(int i) {
    return customerOfRow[i] < 0 ? "(no id)" : ids.get(customerOfRow[i]);
  }

  private double finite(NumericColumn<?> col, int i) {
    double v = col.getDouble(i);
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("column '" + col.name() + "' is " + v + " at row " + (i + 1) + " (customer "
          + idOfRow(i) + "); values must be finite numbers: fix or remove that value");
    }
    return v;
  }
}
