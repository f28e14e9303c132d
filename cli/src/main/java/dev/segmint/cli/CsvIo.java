package dev.segmint.cli;

import dev.segmint.internal.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * CSV in and out for the command line: UTF-8, a header line, delimiter detected or given, gzip by extension.
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
   * Reads a CSV file. Columns in {@code textColumns} are read as text, exactly as written (ids, order numbers,
   * timestamps that Segmint parses itself); other columns' types are inferred from all rows.
   *
   * @param delimiter the delimiter, or {@code null} to detect it from the header (comma, tab, semicolon, pipe)
   */
  static Table read(Path file, Character delimiter, Set<String> textColumns) throws IOException {
    checkReadable(file);
    boolean gz = file.getFileName().toString().endsWith(".gz");
    return read(file.toString(), () -> Files.newInputStream(file), gz, delimiter, textColumns);
  }

  /** A source of bytes that can be opened more than once. */
  interface Source {
    InputStream open() throws IOException;
  }

  private static void checkReadable(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new BadInputException(file + " is a directory, not a CSV file; give the path of the file");
    }
    if (!Files.exists(file)) {
      throw new BadInputException("file not found: " + file + "; check the path");
    }
    if (Files.size(file) == 0) {
      throw new BadInputException(file + " is empty (0 bytes); it needs a header line and at least one row");
    }
  }

  /** Reads CSV from a source named {@code file} in messages (gzip-compressed when {@code gz}). */
  static Table read(String file, Source source, boolean gz, Character delimiter, Set<String> textColumns)
      throws IOException {
    String header;
    try (BufferedReader r = new BufferedReader(reader(source, gz))) {
      header = r.readLine();
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw notGzip(file);
    }
    if (header == null || header.isBlank()) {
      throw new BadInputException(file + " has no header line; the first line must name the columns");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    char sep = delimiter != null ? delimiter : detect(header);
    char seen = detect(header);
    if (seen != sep && splitHeader(header, sep).size() == 1 && header.indexOf(seen) >= 0) {
      throw new BadInputException(file + " has a single column with delimiter '" + printable(sep) + "' but its header "
          + "is separated by '" + printable(seen) + "'; give --delimiter '" + printable(seen) + "' or leave --delimiter out");
    }
    Map<String, ColumnType> types = new HashMap<>();
    for (String name : splitHeader(header, sep)) {
      if (textColumns.contains(name)) {
        types.put(name, ColumnType.STRING);
      }
    }
    try (Reader r = reader(source, gz)) {
      Reader in = skipBom(r);
      CsvReadOptions options = CsvReadOptions.builder(in)
          .tableName(Path.of(file).getFileName().toString())
          .separator(sep)
          .header(true)
          .sample(false)
          .maxCharsPerColumn(1 << 16)
          .columnTypesPartial(types)
          .build();
      Table t = Table.read().usingOptions(options);
      if (t.rowCount() == 0) {
        throw new BadInputException(file + " has a header line but no data rows; it needs at least one row");
      }
      for (String name : textColumns) {
        if (t.containsColumn(name) && t.column(name) instanceof StringColumn sc) {
          for (int i = 0; i < sc.size(); i++) {
            if (!sc.isMissing(i)) {
              String v = sc.get(i);
              String u = undefuse(v);
              if (u != v) {
                sc.set(i, u);
              }
            }
          }
        }
      }
      return t;
    } catch (BadInputException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw notGzip(file);
    } catch (RuntimeException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof java.util.zip.ZipException || c instanceof java.io.EOFException) {
          throw notGzip(file);
        }
        if (c instanceof CharacterCodingException) {
          throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t "
              + "utf-8)");
        }
      }
      String ragged = firstRaggedRecord(source, gz, sep);
      throw new BadInputException("cannot read " + file + " as CSV with delimiter '" + printable(sep) + "': "
          + (ragged != null ? ragged : e.getClass().getSimpleName().replace("Exception", " error") + " in the CSV "
          + "parser") + "; check the delimiter (--delimiter), quotes and embedded commas", e);
    }
  }

  private static BadInputException notGzip(String file) {
    return new BadInputException(file + " is not a complete gzip file although its name ends in .gz; decompress it "
        + "again or drop the .gz from the name if it is plain CSV");
  }

  /**
   * Finds the first record whose number of fields differs from the header's, reading quotes as RFC 4180 does
   * (a quoted field may hold the delimiter, doubled quotes and line breaks): "record 5 (line 6) has 6 fields but
   * the header has 4", or null when every record matches. One pass, O(1) memory beyond a line.
   */
  static String firstRaggedRecord(Source source, boolean gz, char sep) {
    try (BufferedReader r = new BufferedReader(reader(source, gz))) {
      int expected = -1;
      long record = 0;
      long line = 0;
      int fields = 1;
      boolean quoted = false;
      boolean empty = true;
      long startLine = 1;
      int c = r.read();
      if (c == '\uFEFF') {
        c = r.read();
      }
      for (; ; c = r.read()) {
        if (c == -1 || (!quoted && c == '\n')) {
          line++;
          if (!empty) {
            if (expected < 0) {
              expected = fields;
            } else {
              record++;
              if (fields != expected) {
                return "record " + record + " (line " + startLine + ") has " + fields + " field"
                    + (fields == 1 ? "" : "s") + " but the header has " + expected
                    + (quoted ? " (a quote opened there is never closed)" : "");
              }
            }
          }
          if (c == -1) {
            return quoted && expected >= 0 ? "a quote opened on line " + startLine + " is never closed" : null;
          }
          fields = 1;
          empty = true;
          startLine = line + 1;
          continue;
        }
        if (c == '\r' && !quoted) {
          continue;
        }
        empty = false;
        if (c == '"') {
          quoted = !quoted;
        } else if (c == sep && !quoted) {
          fields++;
        } else if (c == '\n') {
          line++;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Reader reader(Source source, boolean gz) throws IOException {
    InputStream in = source.open();
    if (gz) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static Reader skipBom(Reader r) throws IOException {
    java.io.PushbackReader p = new java.io.PushbackReader(r, 1);
    int c = p.read();
    if (c != -1 && c != '\uFEFF') {
      p.unread(c);
    }
    return p;
  }

  /** The most frequent of comma, tab, semicolon and pipe in the header (outside quotes); comma on a tie. */
  static char detect(String header) {
    char[] candidates = {',', '\t', ';', '|'};
    int best = 0;
    int bestCount = -1;
    for (int c = 0; c < candidates.length; c++) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; i < header.length(); i++) {
        char ch = header.charAt(i);
        if (ch == '"') {
          quoted = !quoted;
        } else if (!quoted && ch == candidates[c]) {
          count++;
        }
      }
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return candidates[best];
  }

  private static List<String> splitHeader(String header, char sep) {
    List<String> names = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char ch = header.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == sep && !quoted) {
        names.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    names.add(cur.toString().strip());
    return names;
  }

  static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
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
