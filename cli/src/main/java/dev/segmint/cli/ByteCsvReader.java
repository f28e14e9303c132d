package dev.segmint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one-pass CSV reader behind {@link CsvInput#read}: UTF-8 bytes in, and for each column that is read a
 * dictionary of its distinct cells (as bytes) and one int code per row. Reads as the CSV parser that Tablesaw uses
 * (univocity, with Tablesaw's settings) read the same text:
 *
 * <ul>
 *   <li>a field is quoted when its first character after spaces is a double quote; inside quotes a doubled quote
 *       is one quote and delimiters and line breaks are text; a quoted field followed by other text before the
 *       next delimiter is taken as written (quotes included);
 *   <li>unquoted fields lose their leading and trailing whitespace (characters up to the space); quoted fields
 *       are kept as written; an empty field, quoted or not, has no value;
 *   <li>the line ending is the first one of the file (LF, CRLF or CR); a line feed always ends a line; a line
 *       ending inside quotes becomes a line feed; empty lines, lines of spaces and lines that start with
 *       {@code #} (the parser's comment mark) are skipped;
 *   <li>a byte-order mark at the start is skipped; bytes that are not UTF-8 are refused.
 * </ul>
 *
 * <p>Fields of columns that are not read are scanned but not kept. Time O(bytes); memory one int per row and read
 * column plus each column's distinct cells (about 20 bytes of bookkeeping per distinct cell), never a
 * {@code String} per cell.
 */
final class ByteCsvReader {

  /** A malformed record; {@link CsvInput} names it from the text. */
  static final class Malformed extends RuntimeException {
    /** What the CSV parser said before this reader existed, when the record cannot be named. */
    final String parserError;

    Malformed(String parserError) {
      super(parserError, null, false, false);
      this.parserError = parserError;
    }
  }

  /** Bytes that are not UTF-8. */
  static final class NotUtf8 extends CharacterCodingException {}

  private static final int EOF = -1;
  private static final int NL = 256;
  private static final int LF = 0;
  private static final int CRLF = 1;
  private static final int CR = 2;

  private final InputStream in;
  private final boolean validate;
  private final int sep;
  /** The largest byte that can end an unquoted field: the delimiter, CR or LF. */
  private final int stopTop;
  /** The delimiter as a character (for {@link #ofChars}: the character that the byte 0xFF stands for). */
  private final char mark;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;
  private int ending = LF;
  // UTF-8 validation state across buffers: continuation bytes still expected, range of the next one
  private int need;
  private int lo = 0x80;
  private int hi = 0xBF;

  private byte[] val = new byte[256];
  /** The field just read: {@code cell[cellOff, cellOff + len)}, in {@link #buf} where it lies whole, else {@link #val}. */
  private byte[] cell = val;
  private int cellOff;
  private int len;
  private boolean present;
  private final byte[] spaces = new byte[MAX_SPACES];

  private static final int MAX_SPACES = 64;

  /** Bytes of UTF-8 text (validated) with the delimiter {@code sep} (ASCII). */
  ByteCsvReader(InputStream in, char sep) {
    this(in, sep, -1);
  }

  /**
   * Bytes of UTF-8 text (validated) with the delimiter {@code sep} (ASCII), about {@code expectedBytes} of them (−1:
   * unknown): the columns' arrays grow to the row count that the bytes read so far project ({@link #capacity}).
   */
  ByteCsvReader(InputStream in, char sep, long expectedBytes) {
    this(in, sep, sep, true);
    this.expectedBytes = expectedBytes;
  }

  private ByteCsvReader(InputStream in, int sep, char mark, boolean validate) {
    this.in = in;
    this.sep = sep;
    this.stopTop = Math.max(sep, '\r');
    this.mark = mark;
    this.validate = validate;
  }

  /** Rows read before the arrays are first sized from {@link #expectedBytes}. */
  static final int FIRST_ROWS = 1024;

  /** The most an array grows in one step when sized from {@link #expectedBytes}: a wrong hint wastes at most this. */
  static final int MAX_STEP = 64;

  private long expectedBytes = -1;
  /** Bytes of the buffers before the current one. */
  private long consumed;

  /**
   * The capacity for the columns' arrays when {@code rows} rows fill them: with an expected size, the rows it holds
   * at the bytes per row read so far, plus 1/16 and {@link #FIRST_ROWS}, but at most {@link #MAX_STEP} times the
   * rows read and one row per {@code fields} bytes (a record of f fields has at least f bytes), and at least 1.5 times
   * as many (the growth without a hint). A good hint makes 3 allocations for 500,000 rows instead of 15 (each a
   * copy, and in a short-lived JVM young collections copy the growing arrays again); a wrong one costs at most the
   * step.
   */
  int capacity(int rows, int fields) {
    long grown = rows + (rows >> 1) + 16L;
    long read = consumed + pos;
    if (expectedBytes > read && read > 0) {
      long projected = (long) (expectedBytes * (double) rows / read);
      long target = Math.min(projected + (projected >> 4) + FIRST_ROWS, (long) MAX_STEP * rows);
      grown = Math.max(grown, Math.min(target, expectedBytes / Math.max(1, fields) + FIRST_ROWS));
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, grown);
  }

  /**
   * Text already decoded (and checked) by a reader: encoded back into UTF-8 as it is read, with the delimiter
   * {@code sep} (any character) turned into the byte 0xFF, which UTF-8 never uses; {@link Dict#string} turns it
   * back.
   */
  static ByteCsvReader ofChars(Reader text, char sep) {
    return new ByteCsvReader(new Utf8Bytes(text, sep), 0xFF, sep, false);
  }

  /** The results of {@link #read}: the header names, the row count, each read column's dictionary and codes. */
  record Result(List<String> names, int rows, Dict[] dicts, int[][] codes) {}

  /**
   * Reads everything: the first record is the header (names as Tablesaw reads them: trimmed, "C" + index for an
   * empty one), then the data records. {@code keep[j]} says whether column j is kept (false beyond its length). A record
   * with another number of fields than the header record throws {@link Malformed}, except a record of one empty
   * field (skipped, as Tablesaw does).
   */
  Result read(boolean[] keep) throws IOException {
    start();
    List<String> names = new ArrayList<>();
    if (!header(names)) {
      return new Result(names, 0, new Dict[0], new int[0][]);
    }
    int h = names.size();
    Dict[] dicts = new Dict[h];
    int[][] codes = new int[h][];
    int[] slot = new int[h];
    Arrays.fill(slot, -1);
    for (int j = 0; j < h; j++) {
      if (j < keep.length && keep[j]) {
        dicts[j] = new Dict();
        dicts[j].mapped(!validate);
        codes[j] = new int[FIRST_ROWS];
        slot[j] = j;
      }
    }
    int rows = 0;
    int[] firstField = new int[1];
    while (true) {
      if (rows == Integer.MAX_VALUE - 8) {
        throw new Malformed("TextParsing error");
      }
      if (codes.length > 0) {
        int grown = -1;
        for (int j = 0; j < h; j++) {
          if (codes[j] != null && codes[j].length == rows) {
            if (grown < 0) {
              grown = capacity(rows, h);
            }
            codes[j] = Arrays.copyOf(codes[j], grown);
          }
        }
      }
      int fields = record(slot, h, dicts, codes, rows, firstField);
      if (fields < 0) {
        break;
      }
      if (fields < h) {
        if (fields == 1 && firstField[0] == 0) {
          continue;   // one empty field: Tablesaw skips the row
        }
        throw new Malformed("AddCellToColumn error");
      }
      rows++;
    }
    return new Result(names, rows, dicts, codes);
  }

  private void start() throws IOException {
    fill();
    if (lim - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
      pos += 3;
    }
    for (int i = pos; i < lim; i++) {
      if (buf[i] == '\n') {
        break;
      }
      if (buf[i] == '\r') {
        ending = i + 1 < lim && buf[i + 1] == '\n' ? CRLF : CR;
        break;
      }
    }
  }

  /** Reads the header record into {@code names}; false when the input has no record. */
  private boolean header(List<String> names) throws IOException {
    int c = skipBlank();
    if (c == EOF) {
      return false;
    }
    while (true) {
      c = field(c);
      // Tablesaw trims the names, quoted or not
      names.add(!present ? "C" + names.size()
          : (validate ? new String(cell, cellOff, len, StandardCharsets.UTF_8) : Dict.unmap(cell, cellOff, len, mark))
              .trim());
      if (c != sep) {
        return true;
      }
      c = next();
    }
  }

  /**
   * Reads one data record: the fields of kept columns are interned at row {@code row}. Returns the number of
   * fields, or -1 at the end of the input. {@code firstField[0]} is 1 when the first field has a value.
   */
  private int record(int[] slot, int h, Dict[] dicts, int[][] codes, int row, int[] firstField) throws IOException {
    int c = skipBlank();
    if (c == EOF) {
      return -1;
    }
    int f = 0;
    while (true) {
      c = field(c);
      if (f == 0) {
        firstField[0] = present ? 1 : 0;
      }
      if (f >= h) {
        throw new Malformed("IllegalArgument error");
      }
      int j = slot[f];
      if (j >= 0) {
        codes[j][row] = present ? dicts[j].intern(cell, cellOff, len, row) : -1;
      }
      f++;
      if (c != sep) {
        return f;
      }
      c = next();
    }
  }

  /** Skips empty lines, lines of whitespace and comment lines; the first character of the record or EOF. */
  private int skipBlank() throws IOException {
    while (true) {
      int c = next();
      if (c == EOF) {
        return EOF;
      }
      if (c == NL) {
        continue;
      }
      if (c == '#') {
        do {
          c = next();
        } while (c != NL && c != EOF);
        continue;
      }
      while (c != EOF && c != NL && c != sep && c <= ' ') {
        c = next();
      }
      if (c == NL) {
        continue;
      }
      if (c == EOF) {
        return EOF;
      }
      return c;
    }
  }

  /**
   * Reads one field starting at character {@code c} into {@code cell}/{@code cellOff}/{@code len}/{@code present};
   * returns the character after it: the delimiter, NL or EOF.
   */
  private int field(int c) throws IOException {
    while (c != EOF && c != NL && c != sep && c <= ' ') {
      c = next();
    }
    len = 0;
    cell = val;
    cellOff = 0;
    if (c != '"' && c != sep && c != NL && c != EOF) {
      // the common case: an unquoted field that ends in this buffer, at the delimiter or a line ending; its bytes
      // stay where they are. c is buf[pos - 1]: next() returns a byte above the space as it is, and the fields of
      // at most MAX_FIELD bytes need no character count
      byte[] b = buf;
      int start = pos - 1;
      int p = pos;
      int l = lim;
      int top = stopTop;
      while (p < l) {
        int x = b[p] & 0xff;
        // most bytes of a field (letters, digits, '.', '/') are above every terminator: one comparison
        if (x <= top && (x == sep || x == '\n' || x == '\r')) {
          break;
        }
        p++;
      }
      // where next() would continue after the terminator, and what it would return (the rest: the loop below)
      int after = -1;
      int r = NL;
      if (p < l) {
        int x = b[p] & 0xff;
        if (x == sep) {
          after = p + 1;
          r = sep;
        } else if (x == '\n') {
          after = ending == LF ? p + 1 : -1;
        } else if (ending == CR) {
          after = p + 1;
        } else if (ending == CRLF && p + 1 < l && b[p + 1] == '\n') {
          after = p + 2;
        }
      }
      if (after >= 0 && p - start <= CsvInput.MAX_FIELD) {
        int end = p;
        while (end > start && (b[end - 1] & 0xff) <= ' ') {
          end--;
        }
        cell = b;
        cellOff = start;
        len = end - start;
        present = len > 0;
        pos = after;
        return r;
      }
    }
    return fieldSlowly(c);
  }

  /**
   * {@link #field} for what is not its common case: a quoted field, or one that ends beyond this buffer or at a line
   * ending that needs the next byte. A method of its own, so that the compiled common case stays small (in a short
   * run the compiler's time counts).
   */
  private int fieldSlowly(int c) throws IOException {
    if (c == '"') {
      while (true) {
        c = next();
        if (c == EOF) {
          break;
        }
        if (c == '"') {
          c = next();
          if (c == '"') {
            add('"');
            continue;
          }
          int ns = 0;
          while (c != EOF && c != NL && c != sep && c <= ' ') {
            if (ns < MAX_SPACES) {
              spaces[ns++] = (byte) c;
            }
            c = next();
          }
          if (c == EOF || c == NL || c == sep) {
            break;
          }
          // text after the closing quote: the field as written, quotes and all
          byte[] inner = Arrays.copyOf(val, len);
          len = 0;
          add('"');
          for (byte b : inner) {
            add(b & 0xff);
          }
          add('"');
          for (int k = 0; k < ns; k++) {
            add(spaces[k] & 0xff);
          }
          while (c != sep && c != NL && c != EOF) {
            add(c);
            c = next();
          }
          trimEnd();
          present = true;
          checkLength();
          return c;
        }
        add(c == NL ? '\n' : c);
      }
      present = len > 0;
      checkLength();
      return c;
    }
    while (c != sep && c != NL && c != EOF) {
      if (len == val.length) {
        grow();
      }
      val[len++] = (byte) c;
      // the bytes that next() would return as they are (all but the delimiter, CR and LF, within this buffer),
      // straight from the buffer; next() takes the rest
      byte[] b = buf;
      int p = pos;
      int l = lim;
      while (p < l) {
        int x = b[p] & 0xff;
        if (x == sep || x == '\n' || x == '\r') {
          break;
        }
        if (len == val.length) {
          grow();
        }
        val[len++] = (byte) x;
        p++;
      }
      pos = p;
      c = next();
    }
    trimEnd();
    present = len > 0;
    checkLength();
    return c;
  }

  private void trimEnd() {
    while (len > 0 && (val[len - 1] & 0xff) <= ' ') {
      len--;
    }
  }

  private void add(int c) {
    if (len == val.length) {
      grow();
    }
    val[len++] = (byte) c;
  }

  private void grow() {
    if (val.length > 4 * CsvInput.MAX_FIELD + 16) {
      checkLength();
    }
    val = Arrays.copyOf(val, val.length * 2);
    cell = val;   // the slow paths of field() read into val
  }

  /** Refuses a field of more than {@link CsvInput#MAX_FIELD} characters (UTF-16 units, as the parser counts). */
  private void checkLength() {
    if (len <= CsvInput.MAX_FIELD) {
      return;
    }
    long chars = 0;
    for (int i = 0; i < len; i++) {
      int b = val[i] & 0xff;
      if ((b & 0xC0) != 0x80) {
        chars += b >= 0xF0 && b <= 0xF4 ? 2 : 1;
      }
    }
    if (chars > CsvInput.MAX_FIELD) {
      throw new Malformed("TextParsing error");
    }
  }

  /** The next character: a byte, NL for a line ending (as the file's first one says), or EOF. */
  private int next() throws IOException {
    if (pos == lim && !fill()) {
      return EOF;
    }
    int c = buf[pos++] & 0xff;
    if (c == '\n' && ending == LF) {
      return NL;
    }
    if (c == '\r' && ending != LF) {
      if (ending == CR) {
        return NL;
      }
      if (pos == lim && !fill()) {
        return c;
      }
      if (buf[pos] == '\n') {
        pos++;
        return NL;
      }
    }
    return c;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    // whole buffers (streams such as gzip return short reads): the byte-order mark and the first line ending are
    // looked for in the first buffer
    consumed += lim;
    int n = in.readNBytes(buf, 0, buf.length);
    if (n == 0) {
      eof = true;
      pos = 0;
      lim = 0;
      if (validate && need != 0) {
        throw new NotUtf8();
      }
      return false;
    }
    pos = 0;
    lim = n;
    if (validate) {
      validate(n);
    }
    return true;
  }

  /** Checks buf[0, n) as UTF-8 (shortest forms, no surrogates, at most U+10FFFF), continuing the last buffer. */
  private void validate(int n) throws NotUtf8 {
    byte[] b = buf;
    int i = 0;
    while (i < n) {
      if (need == 0) {
        // the common case: a run of ASCII, eight bytes at a time (a byte above 0x7F is negative)
        while (i + 8 <= n && (b[i] | b[i + 1] | b[i + 2] | b[i + 3] | b[i + 4] | b[i + 5] | b[i + 6] | b[i + 7]) >= 0) {
          i += 8;
        }
        while (i < n && b[i] >= 0) {
          i++;
        }
        if (i == n) {
          return;
        }
        int c = b[i++] & 0xff;
        if (c >= 0xC2 && c <= 0xDF) {
          need = 1;
        } else if (c == 0xE0) {
          need = 2;
          lo = 0xA0;
        } else if (c >= 0xE1 && c <= 0xEF) {
          need = 2;
          if (c == 0xED) {
            hi = 0x9F;
          }
        } else if (c == 0xF0) {
          need = 3;
          lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
          need = 3;
        } else if (c == 0xF4) {
          need = 3;
          hi = 0x8F;
        } else {
          throw new NotUtf8();
        }
      } else {
        int c = b[i++] & 0xff;
        if (c < lo || c > hi) {
          throw new NotUtf8();
        }
        need--;
        lo = 0x80;
        hi = 0xBF;
      }
    }
  }

  /**
   * The distinct cells of one column as bytes, each with a code (0, 1, ... in order of first appearance) and the
   * row where it first appears. Open addressing on a power-of-two table; a cell costs its bytes plus about 20
   * bytes.
   */
  static final class Dict {
    private byte[] arena = new byte[1 << 10];
    private int used;
    private int[] ends = new int[64];
    private int[] hashes = new int[64];
    private int[] firstRows = new int[64];
    private int size;
    private int[] table = new int[128];
    private boolean mapped;
    /** The code {@link #intern} gave last, −1 before the first. */
    private int lastCode = -1;

    /** The number of distinct cells. */
    int size() {
      return size;
    }

    /** The row (from 0) where cell {@code code} first appears. */
    int firstRow(int code) {
      return firstRows[code];
    }

    /** {@link #firstRow} of every cell, by code (not copied; valid while no cell is added). */
    int[] firstRows() {
      return firstRows;
    }

    /** The code of the cell {@code b[off, off + n)}, first seen at {@code row} if it is new. */
    int intern(byte[] b, int off, int n, int row) {
      // the cell of the row before, again (transactions come grouped by order, customer and time): no hashing
      int last = lastCode;
      if (last >= 0) {
        int s = last == 0 ? 0 : ends[last - 1];
        if (ends[last] - s == n && same(arena, s, b, off, n)) {
          return last;
        }
      }
      int k = find(b, off, n, row);
      lastCode = k;
      return k;
    }

    /** Whether {@code a[i, i + n)} and {@code b[j, j + n)} hold the same bytes (short cells: a plain loop). */
    private static boolean same(byte[] a, int i, byte[] b, int j, int n) {
      if (n > 16) {
        return Arrays.equals(a, i, i + n, b, j, j + n);
      }
      for (int t = 0; t < n; t++) {
        if (a[i + t] != b[j + t]) {
          return false;
        }
      }
      return true;
    }

    /** {@link #intern} by the hash table. */
    private int find(byte[] b, int off, int n, int row) {
      int h = 1;
      for (int i = off; i < off + n; i++) {
        h = 31 * h + b[i];
      }
      h ^= h >>> 16;
      h *= 0x85EBCA6B;
      h ^= h >>> 13;
      int mask = table.length - 1;
      int i = h & mask;
      while (true) {
        int e = table[i];
        if (e == 0) {
          break;
        }
        int k = e - 1;
        if (hashes[k] == h) {
          int s = k == 0 ? 0 : ends[k - 1];
          if (ends[k] - s == n && same(arena, s, b, off, n)) {
            return k;
          }
        }
        i = (i + 1) & mask;
      }
      return add(b, off, n, row, h, i);
    }

    /** Adds the new cell {@code b[off, off + n)} of hash {@code h} at the free slot {@code i}; its code. */
    private int add(byte[] b, int off, int n, int row, int h, int i) {
      if (size == Integer.MAX_VALUE - 16 || (long) used + n > Integer.MAX_VALUE - 16) {
        throw new Malformed("TextParsing error");
      }
      if (used + n > arena.length) {
        arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(used + n, arena.length * 2L)));
      }
      System.arraycopy(b, off, arena, used, n);
      used += n;
      if (size == ends.length) {
        int cap = size + (size >> 1) + 16;
        ends = Arrays.copyOf(ends, cap);
        hashes = Arrays.copyOf(hashes, cap);
        firstRows = Arrays.copyOf(firstRows, cap);
      }
      int k = size++;
      ends[k] = used;
      hashes[k] = h;
      firstRows[k] = row;
      table[i] = k + 1;
      if (size * 2 > table.length) {
        rehash();
      }
      return k;
    }

    private void rehash() {
      int[] t = new int[table.length * 2];
      int mask = t.length - 1;
      for (int k = 0; k < size; k++) {
        int i = hashes[k] & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = k + 1;
      }
      table = t;
    }

    /** Marks the cells as read by {@link #ofChars}: the byte 0xFF stands for the delimiter {@code sep}. */
    void mapped(boolean mapped) {
      this.mapped = mapped;
    }

    /** The distinct cells as strings, by code ({@code sep}: see {@link #mapped}); the bytes are given back. */
    String[] strings(char sep) {
      String[] out = new String[size];
      for (int k = 0; k < size; k++) {
        int s = k == 0 ? 0 : ends[k - 1];
        out[k] = mapped ? unmap(arena, s, ends[k] - s, sep) : new String(arena, s, ends[k] - s, StandardCharsets.UTF_8);
      }
      arena = null;
      table = null;
      hashes = null;
      return out;
    }

    static String unmap(byte[] b, int off, int n, char sep) {
      byte[] sepBytes = String.valueOf(sep).getBytes(StandardCharsets.UTF_8);
      java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(n + 4);
      for (int i = off; i < off + n; i++) {
        if (b[i] == (byte) 0xFF) {
          o.write(sepBytes, 0, sepBytes.length);
        } else {
          o.write(b[i]);
        }
      }
      return o.toString(StandardCharsets.UTF_8);
    }
  }

  /** Characters encoded as UTF-8 bytes, a chosen character as the byte 0xFF (never part of UTF-8). */
  private static final class Utf8Bytes extends InputStream {
    private final Reader in;
    private final char mark;
    private final char[] chars = new char[1 << 14];
    private final byte[] out = new byte[3 * (1 << 14) + 4];
    private int at;
    private int end;
    private int high = -1;

    Utf8Bytes(Reader in, char mark) {
      this.in = in;
      this.mark = mark;
    }

    @Override
    public int read() throws IOException {
      if (at == end && !encode()) {
        return -1;
      }
      return out[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
      if (n == 0) {
        return 0;
      }
      if (at == end && !encode()) {
        return -1;
      }
      int k = Math.min(n, end - at);
      System.arraycopy(out, at, b, off, k);
      at += k;
      return k;
    }

    /** Encodes the next characters; false at the end. */
    private boolean encode() throws IOException {
      at = 0;
      end = 0;
      while (end == 0) {
        int m = in.read(chars, 0, chars.length);
        if (m < 0) {
          if (high >= 0) {
            throw new NotUtf8();
          }
          return false;
        }
        int o = 0;
        for (int i = 0; i < m; i++) {
          char ch = chars[i];
          if (high >= 0) {
            int cp = Character.toCodePoint((char) high, ch);
            high = -1;
            out[o++] = (byte) (0xF0 | (cp >> 18));
            out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (byte) (0x80 | (cp & 0x3F));
          } else if (ch == mark) {
            out[o++] = (byte) 0xFF;
          } else if (ch < 0x80) {
            out[o++] = (byte) ch;
          } else if (ch < 0x800) {
            out[o++] = (byte) (0xC0 | (ch >> 6));
            out[o++] = (byte) (0x80 | (ch & 0x3F));
          } else if (Character.isHighSurrogate(ch)) {
            high = ch;
          } else {
            out[o++] = (byte) (0xE0 | (ch >> 12));
            out[o++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
            out[o++] = (byte) (0x80 | (ch & 0x3F));
          }
        }
        end = o;
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
