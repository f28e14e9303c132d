package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@link IsoDateCells} against Tablesaw's own default parsers (the reference it stands in for): on every boundary of
 * every field, both separators, and random cells, a value given here is the value Tablesaw parses, and a cell whose
 * fields are all in range always gets one.
 */
class IsoDateCellsTest {

  private static final CsvReadOptions CSV = CsvReadOptions.builder(new java.io.StringReader("")).header(true).build();
  private static final AbstractColumnParser<?> DATE_TIME = ColumnType.LOCAL_DATE_TIME.customParser(CSV);
  private static final AbstractColumnParser<?> DATE = ColumnType.LOCAL_DATE.customParser(CSV);
  private static final AbstractColumnParser<?> TIME = ColumnType.LOCAL_TIME.customParser(CSV);

  private static final String[] YEARS = {"0000", "0001", "0999", "1600", "1900", "2000", "2001", "2023", "2024", "9999"};
  private static final String[] MONTHS = {"00", "01", "02", "04", "06", "09", "11", "12", "13", "1a"};
  private static final String[] DAYS = {"00", "01", "28", "29", "30", "31", "32", "99"};
  private static final String[] HOURS = {"00", "12", "23", "24", "25"};
  private static final String[] MINUTES = {"00", "59", "60"};

  @Test
  void theParsersAreTheOnesCsvInputUses() {
    assertSame(ColumnType.LOCAL_DATE_TIME, DATE_TIME.columnType());
    assertSame(ColumnType.LOCAL_DATE, DATE.columnType());
  }

  @Test
  void everyDateBoundaryAsTablesawReadsIt() {
    int given = 0;
    for (String y : YEARS) {
      for (String m : MONTHS) {
        for (String d : DAYS) {
          given += check(DATE, ColumnType.LOCAL_DATE, y + "-" + m + "-" + d);
        }
      }
    }
    // in range: 9 years (not 0000) x 7 months x the days that exist in them
    assertEquals(expectedInRange(), given);
  }

  @Test
  void everyDateTimeBoundaryAsTablesawReadsIt() {
    int given = 0;
    for (String y : YEARS) {
      for (String m : MONTHS) {
        for (String d : DAYS) {
          for (String h : HOURS) {
            for (String min : MINUTES) {
              for (String s : MINUTES) {
                given += check(DATE_TIME, ColumnType.LOCAL_DATE_TIME, y + "-" + m + "-" + d + " " + h + ":" + min + ":" + s);
                given += check(DATE_TIME, ColumnType.LOCAL_DATE_TIME, y + "-" + m + "-" + d + "T" + h + ":" + min + ":" + s);
              }
            }
          }
        }
      }
    }
    assertEquals(expectedInRange() * 3 * 2 * 2 * 2, given);   // hours 00, 12, 23; minutes and seconds 00, 59
  }

  @Test
  void randomCellsAsTablesawReadsThem() {
    SplittableRandom random = new SplittableRandom(20261203);
    int given = 0;
    for (int i = 0; i < 20_000; i++) {
      String cell = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d%c%02d:%02d:%02d", random.nextInt(1, 3000),
          random.nextInt(1, 13), random.nextInt(1, 32), random.nextBoolean() ? ' ' : 'T', random.nextInt(24),
          random.nextInt(60), random.nextInt(60));
      given += check(DATE_TIME, ColumnType.LOCAL_DATE_TIME, cell);
      given += check(DATE, ColumnType.LOCAL_DATE, cell.substring(0, 10));
    }
    assertTrue(given > 35_000, "the fast path took " + given + " of 40,000 cells");
  }

  @Test
  void otherShapesAreLeftToTablesaw() {
    for (String cell : List.of("2020-01-31 10:00", "2020-01-31 10:00:00.5", "2020-1-31", "20200131", "12/31/2020",
        "2020/01/31", "2020-01-31 10:00:00Z", " 2020-01-31", "2020-01-31x10:00:00", "2020-01-31 10-00-00",
        "\u0662\u0660\u0662\u0660-01-31", "+2020-01-31", "-202-01-31")) {
      assertNull(IsoDateCells.parse(ColumnType.LOCAL_DATE_TIME, cell), cell);
      assertNull(IsoDateCells.parse(ColumnType.LOCAL_DATE, cell), cell);
    }
    assertNull(IsoDateCells.parse(ColumnType.LOCAL_TIME, "10:00:00"));
    assertNull(IsoDateCells.parse(ColumnType.BOOLEAN, "2020-01-31"));
  }

  @Test
  void theSmartResolutionsAreLeftToTablesaw() {
    // Tablesaw moves a 31 April to the 30th and an hour 24 to the next day: not a value to give here
    assertEquals(LocalDate.of(2021, 4, 30), DATE.parse("2021-04-31"));
    assertNull(IsoDateCells.parse(ColumnType.LOCAL_DATE, "2021-04-31"));
    assertEquals(LocalDateTime.of(2021, 5, 1, 0, 0), DATE_TIME.parse("2021-04-30 24:00:00"));
    assertNull(IsoDateCells.parse(ColumnType.LOCAL_DATE_TIME, "2021-04-30 24:00:00"));
  }

  @Test
  void shortNumbersAreNoDateTimeOrDateAsTablesawSays() {
    // every cell of 1 to 4 characters from 0-9 + - . and random ones of 5 to 7
    char[] alphabet = "0123456789+-.".toCharArray();
    List<String> cells = new java.util.ArrayList<>();
    for (int len = 1; len <= 4; len++) {
      int[] at = new int[len];
      while (true) {
        StringBuilder b = new StringBuilder();
        for (int i : at) {
          b.append(alphabet[i]);
        }
        cells.add(b.toString());
        int i = len - 1;
        while (i >= 0 && ++at[i] == alphabet.length) {
          at[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int r = 0; r < 3_000; r++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(5, 8);
      for (int i = 0; i < len; i++) {
        b.append(alphabet[random.nextInt(random.nextInt(4) == 0 ? alphabet.length : 10)]);
      }
      cells.add(b.toString());
    }
    int never = 0;
    for (String cell : cells) {
      for (AbstractColumnParser<?> p : List.of(DATE_TIME, TIME, DATE)) {
        if (IsoDateCells.neverTemporal(p.columnType(), cell)) {
          never++;
          assertTrue(!p.canParse(cell), p.columnType() + " reads " + cell);
        }
      }
    }
    assertTrue(never > 60_000, "short numbers recognised: " + never);
    for (String cell : List.of("6", "12", "2.55", "-3", "165.00", "+1.5")) {
      assertTrue(IsoDateCells.neverTemporal(ColumnType.LOCAL_TIME, cell), cell);
    }
    // eight digits are a date (yyyyMMdd) and four may be a time (Tablesaw's formatter has HHmm, although its
    // detection refuses "1230"): those go to Tablesaw
    assertTrue(!IsoDateCells.neverTemporal(ColumnType.LOCAL_TIME, "1230"));
    assertTrue(DATE.canParse("20200131"));
    assertTrue(!IsoDateCells.neverTemporal(ColumnType.LOCAL_DATE, "20200131"));
    assertTrue(!IsoDateCells.neverTemporal(ColumnType.BOOLEAN, "1"));
  }

  /** 1 when IsoDateCells gives a value (which must be Tablesaw's), 0 when it leaves the cell to Tablesaw. */
  private static int check(AbstractColumnParser<?> tablesaw, ColumnType type, String cell) {
    Object fast = IsoDateCells.parse(type, cell);
    if (fast == null) {
      return 0;
    }
    assertTrue(tablesaw.canParse(cell), cell);
    assertEquals(tablesaw.parse(cell), fast, cell);
    return 1;
  }

  /** Dates of the grid whose fields are all in range. */
  private static int expectedInRange() {
    int n = 0;
    for (String y : YEARS) {
      for (String m : MONTHS) {
        for (String d : DAYS) {
          try {
            int year = Integer.parseInt(y);
            if (year >= 1) {
              LocalDate.of(year, Integer.parseInt(m), Integer.parseInt(d));
              n++;
            }
          } catch (RuntimeException e) {
            // out of range or not a number
          }
        }
      }
    }
    return n;
  }
}
