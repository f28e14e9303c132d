package dev.segmint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/** CSV in and out for the command line: UTF-8, a header line, delimiter detected or given, gzip by extension. */
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
    }
    if (header == null || header.isBlank()) {
      throw new BadInputException(file + " has no header line; the first line must name the columns");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    char sep = delimiter != null ? delimiter : detect(header);
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
      return t;
    } catch (BadInputException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    } catch (RuntimeException e) {
      throw new BadInputException("cannot read " + file + " as CSV with delimiter '" + printable(sep) + "': "
          + e.getMessage() + "; check the delimiter (--delimiter) and quoting", e);
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

  /** Writes a table as comma-separated UTF-8, atomically (temporary file, then move); never a partial file. */
  static void write(Table table, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new BadInputException("cannot write " + file + ": folder " + dir + " does not exist; create it first");
    }
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, ".segmint-", ".csv.tmp");
    } catch (AccessDeniedException e) {
      throw new BadInputException("cannot write " + file + ": no permission to write in " + dir);
    }
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
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
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new BadInputException("cannot write " + file + ": " + e.getMessage());
    } finally {
      Files.deleteIfExists(tmp);
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
    return quote(c.getString(i));
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
