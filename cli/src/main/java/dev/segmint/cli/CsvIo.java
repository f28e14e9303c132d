package dev.segmint.cli;

import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * CSV in and out for the command line (reading: {@link CsvInput}): UTF-8, a header line, delimiter detected or given,
 * gzip by name or content.
 *
 * <p>Spreadsheet safety (OWASP "CSV injection"): a text cell written by Segmint that starts with {@code = + - @}, a
 * tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text
 * instead of running it as a formula; a text cell that starts with an apostrophe gets a second one. Numbers are never
 * changed, and neither is text that is a plain number ({@code -12}, {@code +3.5e2}). Ids round-trip: when Segmint
 * reads the id (text) columns of a CSV it removes one leading apostrophe that precedes one of those characters or
 * another apostrophe, so {@code segmint cluster} output fed to {@code segmint profile} carries the original ids.
 */
final class CsvIo {
  private CsvIo() {}

  /**
   * Reads a CSV file (see {@link CsvInput}). Columns in {@code textColumns} (matched ignoring case; names that are
   * not in the header are ignored) are read as text, exactly as written; the others are typed from all rows.
   *
   * @param delimiter the delimiter, or {@code null} to detect it from the header (comma, tab, semicolon, pipe)
   */
  static Table read(Path file, Character delimiter, Set<String> textColumns) throws IOException {
    return CsvInput.open(file, new CsvInput.Options(delimiter, false, false)).read(textColumns);
  }

  /** Reads CSV from a source named {@code file} in messages (gzip-compressed when {@code gz}). */
  static Table read(String file, CsvInput.Source source, boolean gz, Character delimiter, Set<String> textColumns)
      throws IOException {
    return CsvInput.open(file, source, gz, new CsvInput.Options(delimiter, false, false)).read(textColumns);
  }

  /** A table as comma-separated UTF-8 (a header line, then one line per row), for {@link Outputs#write}. */
  static AtomicFiles.Content csv(Table table) {
    return w -> {
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
    };
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

  private static final String TRIGGERS = "=+-@\t\r";
  private static final java.util.regex.Pattern PLAIN_NUMBER =
      java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** A text cell made safe for spreadsheets: an apostrophe before a formula-like start (see the class comment). */
  static String defuse(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    if (c == '\'' || (TRIGGERS.indexOf(c) >= 0 && !PLAIN_NUMBER.matcher(s).matches())) {
      return "'" + s;
    }
    return s;
  }

  /** The inverse of {@link #defuse} for ids read back: the same string when there is nothing to remove. */
  static String undefuse(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\'' && (s.charAt(1) == '\'' || TRIGGERS.indexOf(s.charAt(1)) >= 0)) {
      return s.substring(1);
    }
    return s;
  }

  /** A plain decimal with at most 15 significant digits (no exponent, no binary noise like 0.30000000000000004). */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toPlainString();
  }

  static String quote(String s) {
    boolean needs = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        needs = true;
        break;
      }
    }
    if (!needs && !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1)))) {
      needs = true;
    }
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
