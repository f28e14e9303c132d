package dev.segmint.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
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
      // each distinct text parsed once (a column of 541,909 timestamps holds about 23,000 distinct ones); the same
      // days as parsing every row, as parseDay depends only on the text
      TextIds text = TextIds.of(col);
      int[] ids = text.ids();
      long[] days = new long[text.values().size()];
      for (int v = 0; v < days.length; v++) {
        days[v] = parseDay(text.values().get(v).strip(), f);
      }
      return i -> ids[i] < 0 ? Long.MIN_VALUE : days[ids[i]];
    }
    throw new SettingException(w -> "timestamp column '" + col.name() + "' is "
        + col.type().name().toLowerCase(Locale.ROOT) + "; it must hold dates, date-times or date text (give the "
        + "pattern with " + w.name(SettingException.Setting.TIMESTAMP_FORMAT) + ")");
  }

  /**
   * The formatter of a timestamp pattern, refusing one that cannot give a date: invalid, or without a year, month
   * or day (e.g. {@code dd/MM}), which would otherwise make every row unreadable.
   */
  static DateTimeFormatter formatter(String pattern) {
    DateTimeFormatter f;
    try {
      f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("timestamp pattern '" + pattern + "' is not a valid java.time pattern ("
          + e.getMessage() + "); e.g. 'yyyy-MM-dd HH:mm:ss' or 'dd-MM-yyyy'");
    }
    // a sample written with the pattern must read back as a date; patterns with a zone or offset cannot write a
    // LocalDateTime and are left to the rows
    String sample;
    try {
      sample = f.format(LocalDateTime.of(2011, 12, 9, 13, 45, 30));
    } catch (java.time.DateTimeException e) {
      return f;
    }
    try {
      f.parseBest(sample, LocalDateTime::from, LocalDate::from);
    } catch (DateTimeParseException e) {
      String letters = patternLetters(pattern);
      String missing = letters.indexOf('y') < 0 && letters.indexOf('u') < 0
          ? (letters.indexOf('Y') >= 0 ? "year (Y is the week-based year; write y)" : "year (y)")
          : letters.indexOf('M') < 0 && letters.indexOf('L') < 0 ? "month (M)"
          : letters.indexOf('d') < 0 && letters.indexOf('D') < 0 ? "day of the month (d)" : null;
      throw new IllegalArgumentException("timestamp pattern '" + pattern + "' "
          + (missing != null ? "has no " + missing + ", so no date can be read with it"
              : "does not read back the dates it writes (" + sample + ")")
          + "; give the whole date, e.g. 'dd/MM/yyyy' or 'yyyy-MM-dd HH:mm'");
    }
    return f;
  }

  /** The pattern letters of a java.time pattern, quoted text left out. */
  private static String patternLetters(String pattern) {
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && Character.isLetter(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Distinct values {@link #suggestPatterns} tries: enough to see a day above 12, few enough to stay instant. */
  static final int SUGGEST_VALUES = 2_000;

  /**
   * The patterns under which every one of the first {@value #SUGGEST_VALUES} distinct values of a text column reads
   * as a date, for the error that no value could be read: at most one with the day before the month, one with the
   * month first and one with the year first, in that order (both of the first two when no day above 12 tells them
   * apart). Tried: day, month and year with '/', '.' or '-' (two-digit and single-digit forms, four- and two-digit
   * years), {@code yyyyMMdd}, {@code d MMM yyyy} and {@code dd-MMM-yyyy}, each alone or followed by a time
   * ({@code H:mm}, {@code H:mm:ss}). Empty when none reads them all. O(patterns · values) on the error path only.
   */
  static List<String> suggestPatterns(Column<?> col) {
    return suggestPatterns(TextIds.of(col).values());
  }

  /** {@link #suggestPatterns(Column)} on distinct values (the first {@value #SUGGEST_VALUES} are tried). */
  static List<String> suggestPatterns(List<String> values) {
    List<String> sample = new ArrayList<>();
    for (int v = 0; v < values.size() && sample.size() < SUGGEST_VALUES; v++) {
      sample.add(values.get(v).strip());
    }
    if (sample.isEmpty()) {
      return List.of();
    }
    List<String> dates = new ArrayList<>();
    for (String sep : new String[] {"/", ".", "-"}) {
      for (String form : new String[] {"dd_MM_yyyy", "d_M_yyyy", "MM_dd_yyyy", "M_d_yyyy", "yyyy_MM_dd",
          "yyyy_M_d", "dd_MM_yy", "d_M_yy", "MM_dd_yy", "M_d_yy"}) {
        dates.add(form.replace("_", sep));
      }
    }
    dates.addAll(List.of("yyyyMMdd", "d MMM yyyy", "dd-MMM-yyyy"));
    String[] found = new String[3];
    for (String date : dates) {
      for (String time : new String[] {"", " HH:mm", " H:mm", " HH:mm:ss", " H:mm:ss"}) {
        String pattern = date + time;
        int order = date.indexOf('y') == 0 ? 2 : date.indexOf('d') < date.indexOf('M') ? 0 : 1;
        if (found[order] != null) {
          continue;
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        boolean all = true;
        for (int i = 0; i < sample.size() && all; i++) {
          all = parseDay(sample.get(i), f) != Long.MIN_VALUE;
        }
        if (all) {
          found[order] = pattern;
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String p : found) {
      if (p != null) {
        out.add(p);
      }
    }
    return out;
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
