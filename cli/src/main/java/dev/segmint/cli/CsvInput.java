package dev.segmint.cli;

import dev.segmint.internal.ArrayColumns;
import dev.segmint.internal.Names;
import dev.segmint.report.Csv;
import it.unimi.dsi.fastutil.bytes.Byte2IntOpenHashMap;
import it.unimi.dsi.fastutil.bytes.Byte2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ByteOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ShortOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2IntOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2ObjectOpenHashMap;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BooleanParser;
import tech.tablesaw.columns.dates.DateParser;
import tech.tablesaw.columns.datetimes.DateTimeParser;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;
import tech.tablesaw.columns.strings.StringColumnType;
import tech.tablesaw.columns.strings.StringParser;
import tech.tablesaw.columns.times.TimeParser;

/**
 * One CSV input of the command line: UTF-8, a header line, the delimiter detected or given (or runs of spaces and
 * tabs), gzip by name or by content. Read in three steps so that a column flag can never change how a column is
 * typed:
 *
 * <ol>
 *   <li>{@link #open} reads the header only (and refuses files that are empty, not UTF-8, UTF-16/32, with duplicate
 *       or too many column names);
 *   <li>{@link #column} resolves each column flag to the header's own spelling, ignoring case ("not found ... did
 *       you mean" otherwise), before any type is decided;
 *   <li>{@link #read} reads the bytes in one pass with {@link ByteCsvReader} (Segmint's own reader, reading as the
 *       Tablesaw/univocity reader it replaced did), keeping only the columns the command needs: each kept column is
 *       a dictionary of its distinct cells and an int code per row. The named text columns are kept as written; the
 *       others are typed on their distinct values (each looked at once): dates, times and booleans as Tablesaw
 *       would detect them, numbers by {@link NumberText} in the C locale (or with {@code --decimal-comma}), never
 *       by a lenient parser. A column that is mostly numbers but holds some text, or numbers in the other decimal
 *       convention, stays text and is remembered: {@link #requireNumbers} and {@link #numericColumns} refuse it
 *       when it is used as numbers, naming the column, the first offending row and value, and the fix.
 * </ol>
 *
 * <p>Regular files are opened again for each pass (header, rows, and the text again only to name a malformed
 * record); pipes, FIFOs and {@code /dev/stdin} are read once into memory. The comma, tab, semicolon and pipe
 * (any ASCII delimiter) are read as bytes; whitespace-separated text and other delimiters go through a decoding
 * reader first. Missing values are Tablesaw's, matched exactly: an empty cell, {@code NA}, {@code N/A},
 * {@code NaN}, {@code null} and {@code *}. Memory: one int per row and kept column plus the distinct cells, then
 * the Tablesaw columns (primitive arrays for numbers).
 */
final class CsvInput {

  /** A source of bytes that can be opened more than once. */
  interface Source {
    InputStream open() throws IOException;

    /** The source's bytes, −1 when not known without reading it. */
    default long length() throws IOException {
      return -1;
    }

    /** Its last {@code n} bytes (all of them when shorter), or null when not known without reading it. */
    default byte[] last(int n) throws IOException {
      return null;
    }
  }

  /**
   * The bytes of text a source holds, −1 when unknown: its length, or for gzip the length the trailer gives (ISIZE,
   * the length modulo 2³²: trusted only when it is at least the compressed length, as text compresses). Only a hint
   * for sizing the reader's arrays: a wrong value costs memory or copies, never a result.
   */
  static long expectedBytes(Source source, boolean gzip) throws IOException {
    long n = source.length();
    if (!gzip || n < 0) {
      return n;
    }
    byte[] t = n >= 18 ? source.last(4) : null;
    if (t == null || t.length != 4) {
      return -1;
    }
    long isize = (t[0] & 0xffL) | (t[1] & 0xffL) << 8 | (t[2] & 0xffL) << 16 | (t[3] & 0xffL) << 24;
    return isize >= n ? isize : -1;
  }

  /** How to read: the delimiter ({@code null}: detected from the header), runs of spaces and tabs, the decimal mark. */
  record Options(Character delimiter, boolean whitespace, boolean decimalComma) {
    static final Options DETECT = new Options(null, false, false);

    /** From the {@code --delimiter} and {@code --decimal-comma} flags. */
    static Options of(String delimiter, boolean decimalComma) {
      if (delimiter == null) {
        return new Options(null, false, decimalComma);
      }
      if (delimiter.equalsIgnoreCase("whitespace")) {
        return new Options(null, true, decimalComma);
      }
      if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
        return new Options('\t', false, decimalComma);
      }
      if (delimiter.length() != 1) {
        throw new BadInputException("--delimiter must be one character (or \\t for tab), not '" + delimiter
            + "'; give --delimiter whitespace for fields separated by runs of spaces or tabs");
      }
      return new Options(delimiter.charAt(0), false, decimalComma);
    }
  }

  /** Tablesaw's limit on the characters of one field, kept: a longer field is almost always an unclosed quote. */
  static final int MAX_FIELD = 1 << 16;
  /** Tablesaw's limit on the number of columns. */
  static final int MAX_COLUMNS = 10_000;
  /** The longest header line read before giving up on a file that is not CSV. */
  static final int MAX_HEADER = 1 << 24;

  private final String file;
  private final Source source;
  private final boolean gz;
  private final Options options;
  private final char sep;
  private final List<String> header;
  /** Columns that were left as text although used as numbers they would be wrong: column -> why. */
  private final Map<String, Suspect> suspects = new LinkedHashMap<>();
  /** Columns of whole numbers read as text for their leading zeros ({@link #codesAsText}): the first such cell. */
  private final Map<String, Suspect> codeColumns = new LinkedHashMap<>();
  /** Null: numbers are numbers; else columns of digits with a leading zero are text, except these (header names). */
  private Set<String> codesAsText;
  /** True: columns Tablesaw would read as booleans stay text as written ({@link #booleansAsText}). */
  private boolean booleansAsText;
  private Table table;

  /** A column kept as text: the first offending data row (from 1) and its value. */
  record Suspect(int row, String value, boolean lookAlike) {}

  private CsvInput(String file, Source source, boolean gz, Options options, char sep, List<String> header) {
    this.file = file;
    this.source = source;
    this.gz = gz;
    this.options = options;
    this.sep = sep;
    this.header = header;
  }

  /** Opens a file (or a pipe, FIFO or {@code /dev/stdin}) and reads its header. */
  static CsvInput open(Path file, Options options) throws IOException {
    if (Files.isDirectory(file)) {
      throw new BadInputException(file + " is a directory, not a CSV file; give the path of the file");
    }
    if (!Files.exists(file)) {
      throw new BadInputException("file not found: " + file + "; check the path");
    }
    Source source;
    if (Files.isRegularFile(file)) {
      if (Files.size(file) == 0) {
        throw empty(file.toString());
      }
      source = fileSource(file);
    } else {
      // a pipe, FIFO or device: it can be read only once, so keep its bytes
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(Integer.MAX_VALUE - 8);
        if (in.read() != -1) {
          throw new BadInputException(file + " is a stream of more than 2 GiB; save it to a file and give that file");
        }
      }
      if (bytes.length == 0) {
        throw empty(file.toString());
      }
      source = bytesSource(bytes);
    }
    return open(file.toString(), source, gzipByName(file), options);
  }

  /** Whether {@code file}'s name says gzip ({@code .gz}); content starting with gzip's magic bytes is gzip too. */
  static boolean gzipByName(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
  }

  /** Whether {@code head} (a source's first two bytes) is gzip's magic number. */
  static boolean gzipMagic(byte[] head) {
    return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /**
   * The bytes of text in a regular file, gzip by name or by content, as {@link #expectedBytes} gives them (a gzip
   * file's from its trailer); −1 when not known (a gzip trailer that cannot be trusted, as over 4 GiB of text).
   */
  static long textBytes(Path file) throws IOException {
    boolean gzip = gzipByName(file);
    if (!gzip) {
      try (InputStream in = Files.newInputStream(file)) {
        gzip = gzipMagic(in.readNBytes(2));
      }
    }
    return expectedBytes(fileSource(file), gzip);
  }

  /** A regular file as a source: its length and last bytes read without reading it whole. */
  static Source fileSource(Path file) {
    return new Source() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public long length() throws IOException {
        return Files.size(file);
      }

      @Override
      public byte[] last(int n) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(file)) {
          ByteBuffer b = ByteBuffer.allocate((int) Math.min(n, c.size()));
          c.position(c.size() - b.capacity());
          while (b.hasRemaining() && c.read(b) >= 0) {
            // until full or at the end
          }
          return b.hasRemaining() ? null : b.array();
        }
      }
    };
  }

  /** Bytes already in memory (a pipe's) as a source. */
  static Source bytesSource(byte[] bytes) {
    return new Source() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public byte[] last(int n) {
        return Arrays.copyOfRange(bytes, Math.max(0, bytes.length - n), bytes.length);
      }
    };
  }

  private static BadInputException empty(String file) {
    return new BadInputException(file + " is empty (0 bytes); it needs a header line and at least one row");
  }

  /** Reads the header of CSV from a source named {@code file} in messages (gzip-compressed when {@code gz}). */
  static CsvInput open(String file, Source source, boolean gz, Options options) throws IOException {
    byte[] head;
    try (InputStream raw = source.open()) {
      head = raw.readNBytes(2);
    }
    if (head.length == 0) {
      throw empty(file);
    }
    boolean gzip = gz || gzipMagic(head);
    try (InputStream in = bytes(source, gzip)) {
      String[] wide = wideUnicode(in.readNBytes(4096));
      if (wide != null) {
        throw new BadInputException(file + " is " + wide[0] + " text; re-save it as UTF-8 (e.g. iconv -f " + wide[1]
            + " -t UTF-8 " + file + " > utf8.csv)");
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw notGzip(file);
    }
    char sep;
    List<String> names;
    try (PushbackReader r = new PushbackReader(reader(source, gzip, options.whitespace()), 1)) {
      String first = line(r, file);
      if (first == null || first.isBlank()) {
        throw new BadInputException(file + " has no header line; the first line must name the columns");
      }
      if (options.whitespace()) {
        sep = ',';
      } else {
        sep = options.delimiter() != null ? options.delimiter() : detect(first);
        char seen = detect(first);
        if (seen != sep && split(first, sep) != null && split(first, sep).size() == 1 && first.indexOf(seen) >= 0) {
          throw new BadInputException(file + " has a single column with delimiter '" + printable(sep) + "' but its "
              + "header is separated by '" + printable(seen) + "'; give --delimiter '" + printable(seen) + "' or "
              + "leave --delimiter out");
        }
      }
      // a quoted name may hold line breaks: read on until its quote closes
      while ((names = split(first, sep)) == null) {
        String next = line(r, file);
        if (next == null) {
          throw new BadInputException("cannot read " + file + " as CSV: a quote opened in its header line is never "
              + "closed; close the quote or double the quotes inside quoted names (\"\")");
        }
        first = first + "\n" + next;
        if (first.length() > MAX_HEADER) {
          throw new BadInputException(String.format(Locale.ROOT, "cannot read %s as CSV: its header is longer than %,d "
              + "characters; check the quotes in the header line", file, MAX_HEADER));
        }
      }
    } catch (CharacterCodingException e) {
      throw notUtf8(file);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw notGzip(file);
    }
    if (names.size() > MAX_COLUMNS) {
      throw new BadInputException(String.format(Locale.ROOT, "%s has %,d columns in its header, more than the limit "
          + "of %,d; check the delimiter (%s) or keep fewer columns", file, names.size(), MAX_COLUMNS,
          options.whitespace() ? "whitespace" : "'" + printable(sep) + "'"));
    }
    for (int j = 0; j < names.size(); j++) {
      if (names.get(j).isEmpty()) {
        names.set(j, "C" + j);   // Tablesaw's name for a column without one
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      Integer prev = seen.putIfAbsent(names.get(j).toLowerCase(Locale.ROOT), j);
      if (prev != null) {
        String a = names.get(prev);
        String b = names.get(j);
        throw new BadInputException(file + " names column '" + a + "' twice in its header (columns " + (prev + 1)
            + " and " + (j + 1) + (a.equals(b) ? "" : ", as '" + a + "' and '" + b + "': names are matched "
            + "ignoring case") + "); rename one of them so that every column has its own name");
      }
    }
    return new CsvInput(file, source, gzip, options, sep, names);
  }

  /** The delimiter (',' in whitespace mode, where the text is turned into comma-separated CSV). */
  char delimiter() {
    return sep;
  }

  /** The options given to {@link #open}. */
  Options options() {
    return options;
  }

  /** The whole text again (UTF-8 checked, BOM skipped, whitespace mode turned into CSV), for checks and tests. */
  Reader text() throws IOException {
    return reader(source, gz, options.whitespace());
  }

  /**
   * Before {@link #read}: a column of whole numbers of which some are written with a leading zero ({@code 01518}) is
   * read as text, a code, instead of as numbers that would drop the zeros, except the columns in {@code numbers}
   * (header spellings: the command uses them as numbers). For customer tables, where such a column is a postal code
   * or an account number rather than a measure.
   */
  void codesAsText(Collection<String> numbers) {
    codesAsText = new HashSet<>(numbers);
  }

  /**
   * Before {@link #read}: a column that Tablesaw's detection reads as booleans ({@code Y}/{@code N},
   * {@code true}/{@code false}) stays text, as written: for output that is applied to the user's own file, such as
   * rules written as SQL, where {@code 'true'} would match none of its {@code 'Y'}.
   */
  void booleansAsText() {
    booleansAsText = true;
  }

  /**
   * The columns {@link #codesAsText} read as text, in header order, with the first cell of digits with a leading
   * zero.
   */
  Map<String, Suspect> codeColumns() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(codeColumns));
  }

  /** The columns that {@link #read} left as text although mostly numbers, with their first offending value. */
  Map<String, Suspect> suspects() {
    return Map.copyOf(suspects);
  }

  /** The column names, as Tablesaw will name them. */
  List<String> header() {
    return List.copyOf(header);
  }

  /** The table name in messages: the file's name. */
  String tableName() {
    String name = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
    return name;
  }

  /** The header's spelling of a column flag (exact match first, then ignoring case), or null when none matches. */
  String columnOrNull(String wanted) {
    if (wanted == null) {
      return null;
    }
    String w = wanted.strip();
    for (String h : header) {
      if (h.equals(w)) {
        return h;
      }
    }
    for (String h : header) {
      if (h.equalsIgnoreCase(w)) {
        return h;
      }
    }
    return null;
  }

  /**
   * The header's spelling of a column flag, ignoring case; a name that matches no column is refused with the
   * closest name ("did you mean").
   */
  String column(String wanted) {
    String c = columnOrNull(wanted);
    if (c != null) {
      return c;
    }
    String w = wanted == null ? "" : wanted.strip();
    if (w.isEmpty()) {
      throw new BadInputException("a column name is required (table '" + tableName() + "' has columns " + header + ")");
    }
    String hint = "";
    if (header.size() == 1 && header.get(0).strip().matches(".*\\S[ \\t]+\\S.*")) {
      hint = "; its header is one column whose names are separated by spaces: give --delimiter whitespace";
    }
    throw new BadInputException("column '" + w + "' not found in table '" + tableName() + "'"
        + Names.suggestion(w, header) + hint + "; columns are " + header);
  }

  /** {@link #column} for each name (null for null). */
  List<String> columns(List<String> wanted) {
    if (wanted == null) {
      return null;
    }
    List<String> out = new ArrayList<>(wanted.size());
    for (String w : wanted) {
      out.add(column(w));
    }
    return out;
  }

  /** {@link #read(Collection, Collection)} of every column. */
  Table read(Collection<String> textColumns) throws IOException {
    return read(textColumns, null);
  }

  /**
   * Reads the rows in one pass. Only the columns in {@code neededColumns} (header spellings or flags, see
   * {@link #column}; {@code null}: every column; a name that matches no column is ignored, so resolve flags with
   * {@link #column} first) are kept, in header order; the other fields are scanned (for their structure and UTF-8)
   * and dropped, so a column that is not read is not in the table, has no type and is never a suspect. Columns in {@code textColumns} are kept as text
   * exactly as written, minus the spreadsheet apostrophe (see {@link CsvIo}); the others are typed as the class
   * comment says, looking at each distinct cell once. Can be called once.
   *
   * <p>Time O(bytes + rows x read columns); memory one int per row and read column plus the distinct cells of each
   * read column, then the Tablesaw columns.
   */
  Table read(Collection<String> textColumns, Collection<String> neededColumns) throws IOException {
    if (table != null) {
      throw new IllegalStateException("read twice");
    }
    Set<String> text = new HashSet<>();
    for (String c : textColumns) {
      String h = columnOrNull(c);
      if (h != null) {
        text.add(h);
      }
    }
    boolean[] keep = new boolean[header.size()];
    if (neededColumns == null) {
      Arrays.fill(keep, true);
    } else {
      for (String c : neededColumns) {
        String h = columnOrNull(c);
        if (h != null) {
          keep[header.indexOf(h)] = true;
        }
      }
    }
    ByteCsvReader.Result r;
    boolean ascii = !options.whitespace() && sep < 0x80;
    // a gzip file is inflated on a second thread, a few chunks ahead of the parser
    try (InputStream raw = !ascii ? null : gz ? new ReadAhead(bytes(source, true)) : bytes(source, false);
        Reader chars = ascii ? null : reader(source, gz, options.whitespace())) {
      ByteCsvReader parser = ascii ? new ByteCsvReader(raw, sep, expectedBytes(source, gz))
          : ByteCsvReader.ofChars(chars, sep);
      r = parser.read(keep);
    } catch (CharacterCodingException e) {
      throw notUtf8(file);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw notGzip(file);
    } catch (ByteCsvReader.Malformed e) {
      String[] problem = firstMalformedRecord();
      throw new BadInputException("cannot read " + file + " as CSV with delimiter " + delimiterName() + ": "
          + (problem != null ? problem[0] + "; " + problem[1] : e.parserError + " in the CSV parser; "
          + FIX_DELIMITER));
    }
    if (r.rows() == 0) {
      throw new BadInputException(file + " has a header line but no data rows; it needs at least one row");
    }
    if (!r.names().equals(header)) {
      throw new BadInputException("cannot read the header of " + file + " consistently: it was split as " + header
          + " but the CSV parser read " + r.names() + "; check the quotes in the header line");
    }
    // Tablesaw's parsers with its default options (no formats, the default locale, the standard missing-value
    // indicators), made without a ReadOptions: reading those options initialises Guava's Platform and with it
    // java.util.logging, about 15 ms of every run
    List<AbstractColumnParser<?>> detected = List.of(new DateTimeParser(ColumnType.LOCAL_DATE_TIME),
        new TimeParser(ColumnType.LOCAL_TIME), new DateParser(ColumnType.LOCAL_DATE),
        new BooleanParser(ColumnType.BOOLEAN));
    AbstractColumnParser<?> missing = new StringParser(ColumnType.STRING);
    Table t = Table.create(tableName());
    for (int j = 0; j < header.size(); j++) {
      if (keep[j]) {
        String name = header.get(j);
        ByteCsvReader.Dict d = r.dicts()[j];
        int[] codes = r.codes()[j];
        r.dicts()[j] = null;
        r.codes()[j] = null;
        t.addColumns(column(name, d, codes, r.rows(), text.contains(name), missing, detected));
      }
    }
    table = t;
    return t;
  }

  /**
   * One column from its distinct cells and row codes: text columns as written (Tablesaw's missing-value words
   * missing, the spreadsheet apostrophe removed); the others typed: a date-time, time, date or boolean column when
   * Tablesaw's detection accepts every distinct value (in Tablesaw's order); else numbers when every value is one
   * ({@link NumberText}); else text, remembering a column that is mostly numbers (counting rows, not distinct
   * values) as a suspect. O(rows + distinct cells) time.
   */
  private Column<?> column(String name, ByteCsvReader.Dict d, int[] codes, int n, boolean text,
      AbstractColumnParser<?> missingWords, List<AbstractColumnParser<?>> detected) {
    String[] values = d.strings(sep);
    int size = values.length;
    boolean[] missing = new boolean[size];
    boolean any = false;
    for (int k = 0; k < size; k++) {
      missing[k] = missingWords.isMissing(values[k]);
      any |= !missing[k];
    }
    if (text) {
      // the reader's cells are distinct, and so are their texts unless a removed apostrophe makes two equal
      boolean changed = false;
      for (int k = 0; k < size; k++) {
        String v = values[k];
        values[k] = Csv.undefuse(v);
        changed |= values[k] != v;
      }
      return strings(name, values, !changed, missing, codes, d.firstRows(), n);
    }
    if (!any) {
      // no value: text, so that a use says "no value in any row"
      return strings(name, values, true, missing, codes, d.firstRows(), n);
    }
    for (AbstractColumnParser<?> p : detected) {
      if (booleansAsText && p.columnType() == ColumnType.BOOLEAN) {
        continue;
      }
      // the common ISO cells get Tablesaw's value without its formatter, and short numbers are known not to be
      // dates or times (IsoDateCells); the others are checked by Tablesaw's parser, all of them before any is
      // parsed, as Tablesaw's detection does
      Object[] parsed = new Object[size];
      boolean all = true;
      for (int k = 0; k < size && all; k++) {
        if (!missing[k]) {
          parsed[k] = IsoDateCells.parse(p.columnType(), values[k]);
          all = parsed[k] != null
              || (!IsoDateCells.neverTemporal(p.columnType(), values[k]) && p.canParse(values[k]));
        }
      }
      if (all) {
        for (int k = 0; k < size; k++) {
          if (!missing[k] && parsed[k] == null) {
            parsed[k] = p.parse(values[k]);
          }
        }
        @SuppressWarnings("unchecked")
        Column<Object> c = (Column<Object>) p.columnType().create(name);
        for (int i = 0; i < n; i++) {
          int k = codes[i];
          if (k < 0 || missing[k]) {
            c.appendMissing();
          } else {
            c.append(parsed[k]);
          }
        }
        return c;
      }
    }
    boolean comma = options.decimalComma();
    NumberText.Kind[] kinds = new NumberText.Kind[size];
    int firstText = -1;
    int firstLookAlike = -1;
    boolean whole = true;
    for (int k = 0; k < size; k++) {
      if (missing[k]) {
        continue;
      }
      NumberText.Kind kind = NumberText.classify(values[k], comma);
      kinds[k] = kind;
      switch (kind) {
        case WHOLE -> { }
        case DECIMAL -> whole = false;
        case LOOK_ALIKE -> {
          if (firstLookAlike < 0) {
            firstLookAlike = k;   // codes are numbered in order of first appearance
          }
        }
        default -> {
          if (firstText < 0) {
            firstText = k;
          }
        }
      }
    }
    if (firstText < 0 && firstLookAlike < 0) {
      int zero = whole && codesAsText != null && !codesAsText.contains(name) ? leadingZero(values, missing) : -1;
      if (zero >= 0) {
        // 01518 is not 1518: digits written with leading zeros are a code (a postal code, an account number)
        codeColumns.put(name, new Suspect(d.firstRow(zero) + 1, values[zero], false));
        return strings(name, values, true, missing, codes, d.firstRows(), n);
      }
      return numbers(name, values, missing, codes, n, whole);
    }
    // every cell is in some row: rows are counted only for a column with text
    int[] count = new int[size];
    for (int i = 0; i < n; i++) {
      if (codes[i] >= 0) {
        count[codes[i]]++;
      }
    }
    long numbers = 0;
    long texts = 0;
    long lookAlikes = 0;
    for (int k = 0; k < size; k++) {
      if (kinds[k] == null) {
        continue;
      }
      switch (kinds[k]) {
        case WHOLE, DECIMAL -> numbers += count[k];
        case LOOK_ALIKE -> lookAlikes += count[k];
        default -> texts += count[k];
      }
    }
    // the rule for "numbers except some text": more than half of the present values read as numbers
    if (numbers + lookAlikes > (numbers + lookAlikes + texts) / 2.0) {
      int at = lookAlikes > 0 ? firstLookAlike : firstText;
      suspects.put(name, new Suspect(d.firstRow(at) + 1, values[at], lookAlikes > 0));
    }
    return strings(name, values, true, missing, codes, d.firstRows(), n);
  }

  // the row loop of strings() in a method of its own: a short-lived process compiles a small loop quickly, where an
  // on-stack replacement in strings() compiled all of it (about 50 ms of the compiler's time, twice, on Online
  // Retail's invoice numbers); one pass writes the rows' keys and counts them

  /**
   * Writes each row's dictionary key into {@code bytes} ({@code Byte.MIN_VALUE + 1 +} its text's number
   * {@code key[codes[i]]}, {@code Byte.MAX_VALUE} where a code or key is −1: no value) or, when that is null, into
   * {@code shorts} (the same from {@code Short.MIN_VALUE + 1}, {@code Short.MAX_VALUE}); counts the rows of each text
   * into {@code count} and those without a value into {@code missed} (their number, then the first of them,
   * {@link Integer#MAX_VALUE} if none).
   */
  private static void keys(int[] codes, int[] key, int n, byte[] bytes, short[] shorts, int[] count, int[] missed) {
    int missing = 0;
    int first = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int k = codes[i];
      int j = k < 0 ? -1 : key[k];
      if (j >= 0) {
        count[j]++;
      } else if (missing++ == 0) {
        first = i;
      }
      if (bytes != null) {
        bytes[i] = j < 0 ? Byte.MAX_VALUE : (byte) (Byte.MIN_VALUE + 1 + j);
      } else {
        shorts[i] = j < 0 ? Short.MAX_VALUE : (short) (Short.MIN_VALUE + 1 + j);
      }
    }
    missed[0] = missing;
    missed[1] = first;
  }

  /** The first cell (in order of first appearance) of two or more digits with a leading zero, or −1. */
  static int leadingZero(String[] values, boolean[] missing) {
    for (int k = 0; k < values.length; k++) {
      String v = values[k].strip();
      if (!missing[k] && v.length() > 1 && v.charAt(0) == '0') {
        boolean digits = true;
        for (int i = 1; i < v.length() && digits; i++) {
          digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        if (digits) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * A text column from its distinct cells and row codes ({@code firstRows[k]}: the row where cell k first appears;
   * cells are numbered in that order). Built as {@link StringColumn#append} builds it row by row (the same
   * dictionary type, keys, counts and insertion order), but without hashing a string per row: the distinct values
   * are numbered once and each row stores its key. A column with more than 65,534 distinct values (where Tablesaw
   * switches to a dictionary of ints, or to no dictionary) is appended row by row. O(rows + distinct cells).
   */
  static StringColumn strings(String name, String[] values, boolean allDistinct, boolean[] missing, int[] codes,
      int[] firstRows, int n) {
    int size = values.length;
    // the text of each cell, equal texts merged (a removed apostrophe can make two cells equal; with allDistinct
    // the caller knows no two are equal), numbered by first appearance; -1: no value (Tablesaw's missing value is
    // the empty string)
    int[] key = new int[size];
    Map<String, Integer> seen = allDistinct ? null : new HashMap<>();
    List<String> distinct = new ArrayList<>();
    int[] distinctFirstRow = new int[size];
    int firstMissing = Integer.MAX_VALUE;
    for (int k = 0; k < size; k++) {
      if (missing[k] || values[k].isEmpty()) {
        key[k] = -1;
        firstMissing = Math.min(firstMissing, firstRows[k]);
        continue;
      }
      Integer j = seen == null ? null : seen.putIfAbsent(values[k], distinct.size());
      if (j == null) {
        j = distinct.size();
        distinctFirstRow[j] = firstRows[k];
        distinct.add(values[k]);
      }
      key[k] = j;
    }
    int u = distinct.size();
    if (u > Short.MAX_VALUE - Short.MIN_VALUE - 1) {
      StringColumn c = StringColumn.create(name);
      for (int i = 0; i < n; i++) {
        int k = codes[i];
        if (k < 0 || key[k] < 0) {
          c.appendMissing();
        } else {
          c.append(distinct.get(key[k]));
        }
      }
      return c;
    }
    int[] count = new int[u];
    int[] missed = new int[2];
    boolean small = u <= Byte.MAX_VALUE - Byte.MIN_VALUE - 1;
    byte[] bytes = small ? new byte[n] : null;
    short[] shorts = small ? null : new short[n];
    keys(codes, key, n, bytes, shorts, count, missed);
    int missingCount = missed[0];
    firstMissing = Math.min(firstMissing, missed[1]);
    // where the missing value first comes among the distinct values: its key is inserted there, as appends would
    int missingAt = missingCount == 0 ? -1 : 0;
    while (missingAt >= 0 && missingAt < u && distinctFirstRow[missingAt] < firstMissing) {
      missingAt++;
    }
    String none = StringColumnType.missingValueIndicator();
    if (small) {
      byte miss = Byte.MAX_VALUE;
      Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>();
      Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>();
      valueToKey.defaultReturnValue(Byte.MIN_VALUE);
      Byte2IntOpenHashMap keyToCount = new Byte2IntOpenHashMap();
      keyToCount.defaultReturnValue(0);
      for (int j = 0; j <= u; j++) {
        if (j == missingAt) {
          keyToValue.put(miss, none);
          valueToKey.put(none, miss);
          keyToCount.put(miss, missingCount);
        }
        if (j < u) {
          byte b = (byte) (Byte.MIN_VALUE + 1 + j);
          keyToValue.put(b, distinct.get(j));
          valueToKey.put(distinct.get(j), b);
          keyToCount.put(b, count[j]);
        }
      }
      return StringColumn.createInternal(name, new ByteDictionaryMap.ByteDictionaryBuilder()
          .setNextIndex(Byte.MIN_VALUE + u).setKeyToValue(keyToValue).setValueToKey(valueToKey)
          .setKeyToCount(keyToCount).setValues(bytes).build());
    }
    short miss = Short.MAX_VALUE;
    Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>();
    Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>();
    valueToKey.defaultReturnValue(Short.MIN_VALUE);
    Short2IntOpenHashMap keyToCount = new Short2IntOpenHashMap();
    keyToCount.defaultReturnValue(0);
    for (int j = 0; j <= u; j++) {
      if (j == missingAt) {
        keyToValue.put(miss, none);
        valueToKey.put(none, miss);
        keyToCount.put(miss, missingCount);
      }
      if (j < u) {
        short b = (short) (Short.MIN_VALUE + 1 + j);
        keyToValue.put(b, distinct.get(j));
        valueToKey.put(distinct.get(j), b);
        keyToCount.put(b, count[j]);
      }
    }
    return StringColumn.createInternal(name, new ShortDictionaryMap.ShortDictionaryBuilder()
        .setNextIndex(Short.MIN_VALUE + u).setKeyToValue(keyToValue).setValueToKey(valueToKey)
        .setKeyToCount(keyToCount).setCanPromoteToText(true).setValues(shorts).build());
  }

  /**
   * Numbers from their distinct cells (each parsed once): int when every value fits, else long, else double. The
   * columns own their arrays ({@link ArrayColumns}, no copy); an int column's values are written over {@code codes}.
   */
  private Column<?> numbers(String name, String[] values, boolean[] missing, int[] codes, int n, boolean whole) {
    boolean comma = options.decimalComma();
    int size = values.length;
    if (whole) {
      long[] v = new long[size];
      boolean ints = true;
      boolean longs = true;
      for (int k = 0; k < size && longs; k++) {
        if (missing[k]) {
          v[k] = Long.MIN_VALUE;
          continue;
        }
        v[k] = NumberText.parseWhole(values[k], comma);
        if (v[k] == Long.MIN_VALUE) {
          longs = false;
        } else if (v[k] <= Integer.MIN_VALUE || v[k] > Integer.MAX_VALUE) {
          ints = false;
        }
      }
      if (longs && ints) {
        // the values replace the row codes in their array, which becomes the column's: no new memory
        int[] w = codes;
        for (int i = 0; i < n; i++) {
          int k = codes[i];
          w[i] = k < 0 || missing[k] ? Integer.MIN_VALUE : (int) v[k];
        }
        return ArrayColumns.ints(name, w, n);
      }
      if (longs) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
          int k = codes[i];
          w[i] = k < 0 ? Long.MIN_VALUE : v[k];
        }
        return LongColumn.create(name, w);
      }
    }
    double[] dv = new double[size];
    for (int k = 0; k < size; k++) {
      dv[k] = missing[k] ? Double.NaN : NumberText.parse(values[k], comma);
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int k = codes[i];
      w[i] = k < 0 ? Double.NaN : dv[k];
    }
    return ArrayColumns.doubles(name, w, n);
  }

  /**
   * Refuses a column that {@link #read} left as text although most of its values are numbers (some text, or
   * numbers in the other decimal convention), naming the first offending row and value; {@code fixes} gives the
   * command's ways out for a column with text ("; fix that value, ...").
   */
  void requireNumbers(String column, Function<String, String> fixes) {
    Suspect s = suspects.get(column);
    if (s == null) {
      return;
    }
    if (s.lookAlike() && !options.decimalComma()) {
      throw new BadInputException("column '" + column + "' of " + file + " holds numbers written with a decimal comma "
          + "or thousands separators ('" + s.value() + "' at row " + s.row() + "), but numbers are read as 1234.5; "
          + "give --decimal-comma to read 12,50 as 12.5 and 1.234,56 as 1234.56, or write the numbers without "
          + "separators");
    }
    if (s.lookAlike()) {
      throw new BadInputException("column '" + column + "' of " + file + " has '" + s.value() + "' at row " + s.row()
          + ", which is not a number with --decimal-comma (a comma marks the decimals and a point separates "
          + "thousands, as in 1.234,56); leave out --decimal-comma if the file writes numbers as 1234.5, or fix "
          + "that value");
    }
    throw new BadInputException("column '" + column + "' of " + file + " holds numbers but row " + s.row() + " has '"
        + s.value() + "'" + fixes.apply(column));
  }

  /**
   * The numeric columns in header order, except {@code leaveOut} (header spellings), refusing (as
   * {@link #requireNumbers}) a column that is mostly numbers but could not be read as numbers: no column that
   * looks numeric is left out silently.
   */
  List<String> numericColumns(Collection<String> leaveOut, Function<String, String> fixes) {
    List<String> out = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      if (leaveOut.contains(c.name())) {
        continue;
      }
      requireNumbers(c.name(), fixes);
      if (c instanceof NumericColumn<?>) {
        out.add(c.name());
      }
    }
    return out;
  }

  private String delimiterName() {
    return options.whitespace() ? "whitespace" : "'" + printable(sep) + "'";
  }

  private static BadInputException notGzip(String file) {
    if (!file.endsWith(".gz")) {
      return new BadInputException(file + " starts like a gzip file but is not a complete one; compress or download "
          + "it again");
    }
    return new BadInputException(file + " is not a complete gzip file although its name ends in .gz; decompress it "
        + "again or drop the .gz from the name if it is plain CSV");
  }

  private static BadInputException notUtf8(String file) {
    return new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
  }

  private static final String[] UTF32BE = {"UTF-32 (big-endian)", "UTF-32BE"};
  private static final String[] UTF32LE = {"UTF-32 (little-endian)", "UTF-32LE"};
  private static final String[] UTF16BE = {"UTF-16 (big-endian)", "UTF-16BE"};
  private static final String[] UTF16LE = {"UTF-16 (little-endian)", "UTF-16LE"};

  /**
   * {description, iconv name} when the first bytes are UTF-16 or UTF-32 text (by byte-order mark, or by the NUL
   * bytes that such text puts beside ASCII characters), else null.
   */
  static String[] wideUnicode(byte[] b) {
    int n = b.length;
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff) {
      return UTF32BE;
    }
    if (n >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe && b[2] == 0 && b[3] == 0) {
      return UTF32LE;
    }
    if (n >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return UTF16BE;
    }
    if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return UTF16LE;
    }
    int m = n & ~3;
    if (m < 4) {
      return null;
    }
    int[] zeros = new int[4];
    for (int i = 0; i < m; i++) {
      if (b[i] == 0) {
        zeros[i & 3]++;
      }
    }
    int q = m / 4;
    if (zeros[1] == q && zeros[2] == q && zeros[3] == q && zeros[0] < q) {
      return UTF32LE;
    }
    if (zeros[0] == q && zeros[1] == q && zeros[2] == q && zeros[3] < q) {
      return UTF32BE;
    }
    // UTF-16: ASCII text has a NUL in every other byte; allow a few non-ASCII characters
    int oddZeros = zeros[1] + zeros[3];
    int evenZeros = zeros[0] + zeros[2];
    if (oddZeros >= 0.9 * m / 2 && evenZeros <= 0.1 * m / 2) {
      return UTF16LE;
    }
    if (evenZeros >= 0.9 * m / 2 && oddZeros <= 0.1 * m / 2) {
      return UTF16BE;
    }
    return null;
  }

  private static InputStream bytes(Source source, boolean gz) throws IOException {
    InputStream in = source.open();
    return gz ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** The text of the source: UTF-8 (malformed bytes are errors), BOM skipped, whitespace runs turned into commas. */
  private static Reader reader(Source source, boolean gz, boolean whitespace) throws IOException {
    Reader r = new InputStreamReader(bytes(source, gz), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    PushbackReader p = new PushbackReader(new BufferedReader(r, 1 << 16), 1);
    int c = p.read();
    if (c != -1 && c != '\uFEFF') {
      p.unread(c);
    }
    return whitespace ? new WhitespaceReader(p) : p;
  }

  /** One line (without its line break: LF, CRLF or CR), or null at the end; refuses a line longer than MAX_HEADER. */
  private static String line(PushbackReader r, String file) throws IOException {
    StringBuilder b = new StringBuilder();
    int c = r.read();
    if (c == -1) {
      return null;
    }
    for (; c != -1 && c != '\n'; c = r.read()) {
      if (c == '\r') {
        int next = r.read();
        if (next != '\n' && next != -1) {
          r.unread(next);
        }
        break;
      }
      b.append((char) c);
      if (b.length() > MAX_HEADER) {
        throw new BadInputException(String.format(Locale.ROOT, "%s has no line break in its first %,d characters; "
            + "it is not a CSV file with a header line", file, MAX_HEADER));
      }
    }
    return b.toString();
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

  /**
   * The names of a header record, split as the CSV parser (univocity) splits them: a quote opens a quoted name only
   * at the start of a field (after spaces), a doubled quote inside quotes is one quote, and a quoted name followed by
   * other text is taken as written; names are stripped. Null when the last quoted name is not closed (the record
   * goes on in the next line).
   */
  static List<String> split(String record, char sep) {
    List<String> names = new ArrayList<>();
    int n = record.length();
    int i = 0;
    while (true) {
      int start = i;
      int j = i;
      while (j < n && record.charAt(j) != sep && (record.charAt(j) == ' ' || record.charAt(j) == '\t')) {
        j++;
      }
      int end;
      if (j < n && record.charAt(j) == '"') {
        StringBuilder b = new StringBuilder();
        int k = j + 1;
        boolean closed = false;
        while (k < n) {
          char ch = record.charAt(k++);
          if (ch == '"') {
            if (k < n && record.charAt(k) == '"') {
              b.append('"');
              k++;
            } else {
              closed = true;
              break;
            }
          } else {
            b.append(ch);
          }
        }
        if (!closed) {
          return null;
        }
        int m = k;
        while (m < n && record.charAt(m) != sep && (record.charAt(m) == ' ' || record.charAt(m) == '\t')) {
          m++;
        }
        if (m == n || record.charAt(m) == sep) {
          names.add(b.toString().strip());
          end = m;
        } else {
          end = record.indexOf(sep, m);
          end = end < 0 ? n : end;
          names.add(record.substring(start, end).strip());
        }
      } else {
        end = record.indexOf(sep, j);
        end = end < 0 ? n : end;
        names.add(record.substring(start, end).strip());
      }
      if (end >= n) {
        return names;
      }
      i = end + 1;
      if (i == n) {
        names.add("");
        return names;
      }
    }
  }

  static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }

  /**
   * Why the CSV parser failed, read from the text as RFC 4180 does (a quoted field may hold the delimiter, doubled
   * quotes and line breaks): the first record whose number of fields differs from the header's ("record 5 (line 6)
   * has 6 fields but the header has 4"), a quote that is never closed, or the first field longer than the parser's
   * limit; null when none is found. One pass, O(1) memory.
   */
  String[] firstMalformedRecord() {
    try (Reader r = reader(source, gz, options.whitespace())) {
      return malformed(r, sep, header);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static final String FIX_DELIMITER = "check the delimiter (--delimiter), quotes and embedded commas";

  /** {cause, fix} of the first malformed record, or null. */
  static String[] malformed(Reader in, char sep, List<String> header) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    int expected = -1;
    long record = 0;
    long line = 0;
    int fields = 1;
    long fieldLength = 0;
    boolean quoted = false;
    boolean empty = true;
    long startLine = 1;
    String[] longField = null;
    for (int c = r.read(); ; c = r.read()) {
      if (c == -1 || (!quoted && c == '\n')) {
        line++;
        if (!empty) {
          if (expected < 0) {
            expected = fields;
          } else {
            record++;
            if (fields != expected) {
              return new String[] {"record " + record + " (line " + startLine + ") has " + fields + " field"
                  + (fields == 1 ? "" : "s") + " but the header has " + expected
                  + (quoted ? " (a quote opened there is never closed)" : ""), FIX_DELIMITER};
            }
          }
        }
        if (c == -1) {
          if (quoted && expected >= 0) {
            return new String[] {"a quote opened on line " + startLine + " is never closed", "close the quote or "
                + "double the quotes inside quoted fields (\"\")"};
          }
          return longField;
        }
        fields = 1;
        fieldLength = 0;
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
        fieldLength = 0;
      } else {
        if (c == '\n') {
          line++;
        }
        if (++fieldLength == MAX_FIELD + 1 && longField == null) {
          String col = fields <= header.size() ? " (column '" + header.get(fields - 1) + "')" : "";
          longField = new String[] {String.format(Locale.ROOT, "%s (line %d), field %d%s, is longer than %,d "
              + "characters, the limit for one field", expected < 0 ? "the header" : "record " + (record + 1),
              startLine, fields, col, MAX_FIELD), "shorten that field or check for a quote that is never closed"};
        }
      }
    }
  }


  /**
   * Text whose fields are separated by runs of spaces and tabs, turned into comma-separated CSV as it is read:
   * leading and trailing spaces of a line are ignored, a field in double quotes may hold spaces, commas and line
   * breaks (a doubled quote is a quote), and every field is written quoted. Line breaks are kept, so line numbers
   * in messages are those of the file. Streaming, O(1) memory.
   */
  static final class WhitespaceReader extends Reader {
    private final Reader in;
    private final StringBuilder pending = new StringBuilder();
    private int at;
    /** 0 between fields, 1 in an unquoted field, 2 in quotes, 3 just after a quote inside quotes. */
    private int state;
    private boolean fieldOnLine;
    private boolean done;

    WhitespaceReader(Reader in) {
      this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (at == pending.length()) {
        pending.setLength(0);
        at = 0;
        if (done) {
          return -1;
        }
        fill();
      }
      int n = Math.min(len, pending.length() - at);
      pending.getChars(at, at + n, buf, off);
      at += n;
      return n;
    }

    private void fill() throws IOException {
      for (int k = 0; k < 4096 && !done; k++) {
        int c = in.read();
        if (c == -1) {
          if (state == 1 || state == 3) {
            pending.append('"');
          }
          done = true;
          return;
        }
        step((char) c);
      }
    }

    private void step(char c) {
      switch (state) {
        case 0 -> {
          if (c == ' ' || c == '\t' || c == '\r') {
            return;
          }
          if (c == '\n') {
            pending.append('\n');
            fieldOnLine = false;
            return;
          }
          if (fieldOnLine) {
            pending.append(',');
          }
          fieldOnLine = true;
          pending.append('"');
          if (c == '"') {
            state = 2;
          } else {
            state = 1;
            unquoted(c);
          }
        }
        case 1 -> unquoted(c);
        case 2 -> {
          if (c == '"') {
            state = 3;
          } else {
            pending.append(c);
          }
        }
        default -> {
          if (c == '"') {
            pending.append("\"\"");
            state = 2;
          } else {
            state = 1;
            unquoted(c);
          }
        }
      }
    }

    private void unquoted(char c) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pending.append('"');
        state = 0;
        if (c == '\n') {
          pending.append('\n');
          fieldOnLine = false;
        }
      } else if (c == '"') {
        pending.append("\"\"");
      } else {
        pending.append(c);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
