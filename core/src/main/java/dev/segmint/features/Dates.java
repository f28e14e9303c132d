package dev.segmint.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** Reading the date part of date, date-time, instant and text columns as epoch days. */
final class Dates {
  private Dates() {}

  /** Reads the epoch day of row i, or Long.MIN_VALUE when missing or unparseable. */
  interface DayReader {
    long epochDay(int row);
  }

  static DayReader dayReader(Column<?> col, String timestampFormat) {
    if (col instanceof DateColumn dc) {
      return i -> dc.isMissing(i) ? Long.MIN_VALUE : dc.get(i).toEpochDay();
    }
    if (col instanceof DateTimeColumn dtc) {
      return i -> dtc.isMissing(i) ? Long.MIN_VALUE : dtc.get(i).toLocalDate().toEpochDay();
    }
    if (col instanceof InstantColumn ic) {
      return i -> ic.isMissing(i) ? Long.MIN_VALUE : LocalDate.ofInstant(ic.get(i), ZoneOffset.UTC).toEpochDay();
    }
    if (col instanceof StringColumn || col.type().name().equals("TEXT")) {
      DateTimeFormatter f = timestampFormat == null ? null : formatter(timestampFormat);
      return i -> {
        String s = Columns.text(col, i);
        return s == null ? Long.MIN_VALUE : parseDay(s.strip(), f);
      };
    }
    throw new IllegalArgumentException("timestamp column '" + col.name() + "' is " + col.type().name().toLowerCase(Locale.ROOT)
        + "; it must hold dates, date-times or date text (give the pattern with timestampFormat)");
  }

  static DateTimeFormatter formatter(String pattern) {
    try {
      return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("timestamp pattern '" + pattern + "' is not a valid java.time pattern ("
          + e.getMessage() + "); e.g. 'yyyy-MM-dd HH:mm:ss' or 'dd-MM-yyyy'");
    }
  }

  /** Epoch day of a date text: with a pattern, that pattern; without, ISO dates with an optional time part. */
  static long parseDay(String s, DateTimeFormatter f) {
    if (f != null) {
      try {
        TemporalAccessor t = f.parseBest(s, LocalDateTime::from, LocalDate::from);
        return t instanceof LocalDateTime ldt ? ldt.toLocalDate().toEpochDay() : ((LocalDate) t).toEpochDay();
      } catch (DateTimeParseException e) {
        return Long.MIN_VALUE;
      }
    }
    // ISO: yyyy-MM-dd, optionally followed by 'T' or ' ' and a time, or an instant ending in Z / offset
    if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
        && (s.length() == 10 || s.charAt(10) == ' ' || s.charAt(10) == 'T')) {
      try {
        if (s.length() > 10 && (s.endsWith("Z") || s.lastIndexOf('+') > 10)) {
          return LocalDate.ofInstant(Instant.parse(s.replace(' ', 'T')), ZoneOffset.UTC).toEpochDay();
        }
        int y = Integer.parseInt(s, 0, 4, 10);
        int m = Integer.parseInt(s, 5, 7, 10);
        int d = Integer.parseInt(s, 8, 10, 10);
        return LocalDate.of(y, m, d).toEpochDay();
      } catch (RuntimeException e) {
        return Long.MIN_VALUE;
      }
    }
    return Long.MIN_VALUE;
  }

}
