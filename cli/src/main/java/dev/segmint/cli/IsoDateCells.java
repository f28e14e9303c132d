package dev.segmint.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import tech.tablesaw.api.ColumnType;

/**
 * The value Tablesaw's default date and date-time parsers give the most common cells, without their formatters.
 *
 * <p>Tablesaw detects a date-time column with one formatter made of seven optional sections (and a date column with
 * nineteen), tried in order on every cell: about 20 µs per cell once compiled, and far more in a fresh JVM, so a
 * column of 100,000 distinct timestamps took seconds to type. The two shapes handled here are the ones exports
 * write: {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss} (19 ASCII characters) for a date-time, and
 * {@code yyyy-MM-dd} (10) for a date. For such a cell every section before the one that matches fails on its first
 * separator ('/' or a digit where '-' is due, or ' ' against 'T'), that section consumes the whole cell, every later
 * section fails at the end of the text, and the formatter's smart resolution then gives exactly
 * {@code LocalDateTime.of(y, M, d, H, m, s)} or {@code LocalDate.of(y, M, d)} — provided every field is in range.
 * So a cell of that shape whose fields are all in range gets that value here; every other cell (another shape, a
 * month 13, a 31 April, which smart resolution would move to the 30th, an hour 24, which it would move to the next
 * day, year 0) returns null and goes to Tablesaw's parser as before. {@code IsoDateCellsTest} checks the values
 * against Tablesaw's parsers on every shape and boundary and on the bundled data. O(1) per cell.
 */
final class IsoDateCells {

  private IsoDateCells() {}

  /**
   * The value of {@code cell} as Tablesaw's default parser for {@code type} reads it (a {@link LocalDateTime} for
   * {@link ColumnType#LOCAL_DATE_TIME}, a {@link LocalDate} for {@link ColumnType#LOCAL_DATE}), or null when the
   * cell is not of a shape handled here (ask Tablesaw's parser then). Only for parsers without a custom format.
   */
  static Object parse(ColumnType type, String cell) {
    if (type == ColumnType.LOCAL_DATE_TIME) {
      return dateTime(cell);
    }
    if (type == ColumnType.LOCAL_DATE) {
      return cell.length() == 10 ? date(cell) : null;
    }
    return null;
  }

  /**
   * True when none of Tablesaw's default date-time, time and date parsers can read {@code cell} (false for other
   * types): a cell of fewer than 8 characters, all ASCII digits, {@code +}, {@code -} or {@code .}, that is not 4
   * digits. Typing a numeric column asks each of those parsers about its first cell, and the first question loads
   * java.time's parsing machinery with its calendar-name and locale data in every run; a short number is none of them, because every date-time
   * format needs a ':', every time format a ':' except {@code HHmm} (exactly 4 digits per section), and every date
   * format either a letter, a '/', ',' or ' ', or at least 8 characters ({@code yyyyMMdd}, {@code MM-dd-yyyy},
   * {@code MM.dd.yyyy}, {@code yyyy-MM-dd}). {@code IsoDateCellsTest} asks Tablesaw about every such cell of up to 4
   * characters and many longer ones.
   */
  static boolean neverTemporal(ColumnType type, String cell) {
    if (type != ColumnType.LOCAL_DATE_TIME && type != ColumnType.LOCAL_TIME && type != ColumnType.LOCAL_DATE) {
      return false;
    }
    int n = cell.length();
    if (n == 0 || n >= 8) {
      return false;
    }
    boolean digitsOnly = true;
    for (int i = 0; i < n; i++) {
      char c = cell.charAt(i);
      if (c == '+' || c == '-' || c == '.') {
        digitsOnly = false;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return !(digitsOnly && n == 4);
  }

  private static LocalDateTime dateTime(String s) {
    if (s.length() != 19 || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    LocalDate d = date(s);
    int hour = digits(s, 11);
    int minute = digits(s, 14);
    int second = digits(s, 17);
    if (d == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    return LocalDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), hour, minute, second);
  }

  /** {@code yyyy-MM-dd} at the start of {@code s}, all fields in range, else null. */
  private static LocalDate date(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int hi = digits(s, 0);
    int lo = digits(s, 2);
    int month = digits(s, 5);
    int day = digits(s, 8);
    if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) {
      return null;
    }
    int year = hi * 100 + lo;
    if (year < 1 || day > java.time.Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  /** The two ASCII digits at {@code s[at, at + 2)} as a number, or -1. */
  private static int digits(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }
}
