package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;

/** A string timestamp column's days, parsed once per distinct value, equal the days parsed row by row. */
class DatesCacheTest {

  @Test
  void cachedDaysEqualParsingEveryRow() {
    String[] pool = {"2011-01-05 08:26:00", "2011-01-05", "2011-12-09T12:50:00", " 2010-12-01 08:26:00 ", "05-01-2011",
        "not a date", "", "2011-02-30", "2011-03-01 00:00:00Z"};
    SplittableRandom r = new SplittableRandom(7);
    int n = 5_000;
    String[] cells = new String[n];
    for (int i = 0; i < n; i++) {
      cells[i] = pool[r.nextInt(pool.length)];
    }
    StringColumn c = StringColumn.create("ts", cells);
    c.setMissing(17);
    for (String format : new String[] {null, "dd-MM-yyyy"}) {
      Dates.DayReader cached = Dates.dayReader(c, format);
      java.time.format.DateTimeFormatter f = format == null ? null : Dates.formatter(format);
      for (int i = 0; i < n; i++) {
        String s = Columns.text(c, i);
        long expected = s == null ? Long.MIN_VALUE : Dates.parseDay(s.strip(), f);
        assertEquals(expected, cached.epochDay(i), "row " + i + " '" + cells[i] + "' format " + format);
      }
    }
    // hand-checked values
    assertEquals(LocalDate.of(2011, 1, 5).toEpochDay(), Dates.parseDay("2011-01-05 08:26:00", null));
    assertEquals(Long.MIN_VALUE, Dates.parseDay("2011-02-30", null));
    assertEquals(LocalDate.of(2011, 1, 5).toEpochDay(), Dates.parseDay("05-01-2011", Dates.formatter("dd-MM-yyyy")));
  }
}
