package dev.segmint.report;

import dev.segmint.internal.Numbers;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one CSV writer of the library and the command line (tables written by {@code segmint}, and the CSV form of a
 * {@link Report}): RFC 4180 quoting, UTF-8, a header line, '\n' line ends, empty cells for missing values.
 *
 * <p>Spreadsheet safety (OWASP "CSV injection"), one rule for every text cell taken from data: a cell that starts
 * with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets
 * show it as text instead of running it as a formula, unless the whole cell is a plain number ({@code -12},
 * {@code +3.5e2}), which no spreadsheet runs; a cell that starts with an apostrophe gets a second one, so
 * {@link #undefuse} gives back the original. Numbers are written by {@link #number}: whole numbers as integers,
 * others with at most 15 significant digits and no exponent.
 */
public final class Csv {
  private Csv() {}

  private static final String TRIGGERS = "=+-@\t\r";
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** A text cell made safe for spreadsheets: an apostrophe before a formula-like start (see the class comment). */
  public static String defuse(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    if (c == '\'' || (TRIGGERS.indexOf(c) >= 0 && !PLAIN_NUMBER.matcher(s).matches())) {
      return "'" + s;
    }
    return s;
  }

  /** The inverse of {@link #defuse} for text read back: the same string when there is nothing to remove. */
  public static String undefuse(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\'' && (s.charAt(1) == '\'' || TRIGGERS.indexOf(s.charAt(1)) >= 0)) {
      return s.substring(1);
    }
    return s;
  }

  /** A number cell ({@link Numbers#plain}): at most 15 significant digits, "" for NaN. */
  public static String number(double v) {
    return Numbers.plain(v);
  }

  /** RFC 4180: quote a field holding a comma, quote, CR or LF, or leading/trailing space; double inner quotes. */
  public static String quote(String s) {
    boolean needs = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1)));
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** One line of cells (already defused where they are text from data), each quoted as needed. */
  public static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(cells.get(i)));
    }
    sb.append('\n');
  }

  /**
   * A table: the header, then one line per row. Decimal columns are written by {@link #number}, whole-number
   * columns as they are, text columns {@linkplain #defuse defused}; other columns (dates, booleans) as Tablesaw
   * prints them.
   */
  public static void write(Table table, Writer w) throws IOException {
    List<Column<?>> cols = table.columns();
    for (int j = 0; j < cols.size(); j++) {
      if (j > 0) {
        w.write(',');
      }
      w.write(quote(cols.get(j).name()));
    }
    w.write('\n');
    for (int i = 0; i < table.rowCount(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        if (j > 0) {
          w.write(',');
        }
        w.write(cell(cols.get(j), i));
      }
      w.write('\n');
    }
  }

  private static String cell(Column<?> c, int i) {
    if (c.isMissing(i)) {
      return "";
    }
    if (c instanceof NumericColumn<?> nc && c.type() != ColumnType.INTEGER && c.type() != ColumnType.LONG
        && c.type() != ColumnType.SHORT) {
      return number(nc.getDouble(i));
    }
    String text = c.getString(i);
    return quote(c.type() == ColumnType.STRING || c.type().name().equals("TEXT") ? defuse(text) : text);
  }
}
