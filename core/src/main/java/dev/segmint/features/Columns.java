package dev.segmint.features;

import dev.segmint.internal.ArrayColumns;
import dev.segmint.internal.Names;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/** Column lookups with errors that name the column and suggest the closest existing name. */
final class Columns {
  private Columns() {}

  static Column<?> require(Table table, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a column name is required (table '" + table.name() + "' has columns "
          + table.columnNames() + ")");
    }
    if (!table.containsColumn(name)) {
      List<String> names = table.columnNames();
      throw new IllegalArgumentException("column '" + name + "' not found in table '" + table.name() + "'"
          + suggestion(name, names) + "; columns are " + names);
    }
    return table.column(name);
  }

  static NumericColumn<?> requireNumeric(Table table, String name) {
    Column<?> c = require(table, name);
    if (!(c instanceof NumericColumn)) {
      String example = firstNonNumber(c);
      if (example == null) {
        throw new IllegalArgumentException("column '" + name + "' has no value in any row; fill it or choose another "
            + "column");
      }
      throw new IllegalArgumentException("column '" + name + "' is " + c.type().name().toLowerCase(Locale.ROOT)
          + ", not numeric (e.g. '" + example + "'); convert it to numbers or choose another column");
    }
    return (NumericColumn<?>) c;
  }

  /**
   * Every value of {@code c} as a double, NaN where {@link Column#isMissing} says missing: what
   * {@code c.isMissing(i) ? NaN : c.getDouble(i)} gives row by row, in one bulk copy for Tablesaw's double and int
   * columns (whose missing values are NaN and {@link Integer#MIN_VALUE}). Time O(rows), one new array.
   */
  static double[] doubles(NumericColumn<?> c) {
    int n = c.size();
    if (c instanceof DoubleColumn dc && (c.getClass() == DoubleColumn.class || ArrayColumns.storage(dc) != null)) {
      return dc.asDoubleArray();
    }
    double[] out = new double[n];
    int[] v = ints(c);
    if (v != null) {
      for (int i = 0; i < n; i++) {
        out[i] = v[i] == Integer.MIN_VALUE ? Double.NaN : v[i];
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
    }
    return out;
  }

  /** The values of Tablesaw's own int column (in place when {@link ArrayColumns} made it, else a copy); else null. */
  private static int[] ints(NumericColumn<?> c) {
    if (c instanceof IntColumn ic && (c.getClass() == IntColumn.class || ArrayColumns.storage(ic) != null)) {
      int[] stored = ArrayColumns.storage(ic);
      return stored != null ? stored : ic.asIntArray();
    }
    return null;
  }

  /**
   * Per row, the value of {@code a} times the value of {@code b} (only {@code a} when {@code b} is null), NaN where
   * either is missing: {@link #doubles} of each multiplied, without the second array (and, for columns made by
   * {@link ArrayColumns}, without copying them). Time O(rows), one new array.
   */
  static double[] products(NumericColumn<?> a, NumericColumn<?> b) {
    double[] out = doubles(a);
    if (b == null) {
      return out;
    }
    int n = out.length;
    double[] stored = b instanceof DoubleColumn dc ? ArrayColumns.storage(dc) : null;
    int[] v = ints(b);
    if (stored != null) {
      for (int i = 0; i < n; i++) {
        out[i] *= stored[i];
      }
    } else if (v != null) {
      for (int i = 0; i < n; i++) {
        out[i] *= v[i] == Integer.MIN_VALUE ? Double.NaN : v[i];
      }
    } else if (b.getClass() == DoubleColumn.class) {
      DoubleColumn dc = (DoubleColumn) b;
      for (int i = 0; i < n; i++) {
        out[i] *= dc.getDouble(i);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] *= b.isMissing(i) ? Double.NaN : b.getDouble(i);
      }
    }
    return out;
  }

  /** The value at row i as text, or null when missing. Integral doubles keep their text form ("17850.0"). */
  static String text(Column<?> c, int i) {
    if (c.isMissing(i)) {
      return null;
    }
    String s = c.getString(i);
    return s == null || s.isBlank() ? null : s;
  }

  private static final java.util.regex.Pattern PLAIN_NUMBER =
      java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * The present values of a text column (those {@link #text} gives, as written) with their row counts, read from the
   * column's dictionary: O(distinct values), not O(rows). Null for a column without one (not a {@link StringColumn},
   * or one promoted past its dictionary), which the callers read row by row.
   */
  static Map<String, Integer> textCounts(Column<?> c) {
    if (!(c instanceof StringColumn s) || s.getDictionary() instanceof NullDictionaryMap) {
      return null;
    }
    DictionaryMap dict = s.getDictionary();
    Map<String, Integer> out = new HashMap<>();
    for (String v : dict.asSet()) {
      if (v != null && !v.isBlank()) {
        int n = dict.countOccurrences(v);
        if (n > 0) {
          out.put(v, n);
        }
      }
    }
    return out;
  }

  /** Rows with a present value ({@link #text} not null). O(distinct values) for text with a dictionary and numbers. */
  static int present(Column<?> c) {
    return present(c, textCounts(c));
  }

  /** {@link #present(Column)} with the column's {@link #textCounts}. */
  static int present(Column<?> c, Map<String, Integer> counts) {
    if (c instanceof NumericColumn<?> || c instanceof BooleanColumn) {
      // their text is never blank: present means not missing
      return c.size() - c.countMissing();
    }
    int present = 0;
    if (counts != null) {
      for (int n : counts.values()) {
        present += n;
      }
      return present;
    }
    for (int i = 0; i < c.size(); i++) {
      if (text(c, i) != null) {
        present++;
      }
    }
    return present;
  }

  /** The first row with a present value, or -1. */
  static int firstPresent(Column<?> c) {
    for (int i = 0; i < c.size(); i++) {
      if (text(c, i) != null) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The rule for "a column of numbers with some text" (a numeric column spoiled by a few text values, which must be
   * refused, not silently left out or read as categories): more than half of the present values are plain numbers
   * and at least one is not. Returns the row of the first value that is not a number, or -1 when the rule does not
   * hold. One pass over the distinct values of a text column with a dictionary ({@link #textCounts}), then over the
   * rows only when the rule holds; otherwise one pass over the rows.
   */
  static int textAmongNumbers(Column<?> c) {
    return textAmongNumbers(c, textCounts(c));
  }

  /** {@link #textAmongNumbers(Column)} with the column's {@link #textCounts}. */
  static int textAmongNumbers(Column<?> c, Map<String, Integer> counts) {
    if (counts != null) {
      // counted per distinct value; the rows are read only to name the first text value when the rule holds
      long numbers = 0;
      long present = 0;
      Set<String> texts = new HashSet<>();
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        present += e.getValue();
        if (PLAIN_NUMBER.matcher(e.getKey().strip()).matches()) {
          numbers += e.getValue();
        } else {
          texts.add(e.getKey());
        }
      }
      if (texts.isEmpty() || 2 * numbers <= present) {
        return -1;
      }
      for (int i = 0; i < c.size(); i++) {
        String v = text(c, i);
        if (v != null && texts.contains(v)) {
          return i;
        }
      }
      throw new IllegalStateException("a counted value is in no row of column '" + c.name() + "'");
    }
    int numbers = 0;
    int present = 0;
    int firstText = -1;
    for (int i = 0; i < c.size(); i++) {
      String v = text(c, i);
      if (v == null) {
        continue;
      }
      present++;
      if (PLAIN_NUMBER.matcher(v.strip()).matches()) {
        numbers++;
      } else if (firstText < 0) {
        firstText = i;
      }
    }
    return firstText >= 0 && 2 * numbers > present ? firstText : -1;
  }

  /** The first present value that does not read as a number (else the first present value), or null if none. */
  private static String firstNonNumber(Column<?> c) {
    String first = null;
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i) && !c.getString(i).isEmpty()) {
        String s = c.getString(i);
        if (first == null) {
          first = s;
        }
        try {
          Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          return s;
        }
      }
    }
    return first;
  }

  /** " (did you mean 'X'?)" for the closest name by edit distance, or "" when nothing is close. */
  static String suggestion(String wanted, Collection<String> names) {
    return Names.suggestion(wanted, names);
  }
}
