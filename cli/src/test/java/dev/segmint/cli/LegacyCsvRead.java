package dev.segmint.cli;

import dev.segmint.report.Csv;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The reference for {@link CsvReaderDifferentialTest}: {@link CsvInput#read} as it was before Segmint's own reader,
 * kept verbatim in its logic: Tablesaw's CSV reader (univocity) with every column as text, then each column typed
 * row by row. Reads every column.
 */
final class LegacyCsvRead {
  private LegacyCsvRead() {}

  /** The table and the columns left as text although mostly numbers (column -> "row|value|lookAlike"). */
  record Result(Table table, Map<String, CsvInput.Suspect> suspects) {}

  static Result read(CsvInput in, Collection<String> textColumns, String file) throws IOException {
    Set<String> text = new HashSet<>();
    for (String c : textColumns) {
      String h = in.columnOrNull(c);
      if (h != null) {
        text.add(h);
      }
    }
    char sep = in.delimiter();
    CsvReadOptions csv;
    Table t;
    try (Reader r = in.text()) {
      csv = CsvReadOptions.builder(r)
          .tableName(in.tableName())
          .separator(sep)
          .header(true)
          .sample(false)
          .maxCharsPerColumn(CsvInput.MAX_FIELD)
          .maxNumberOfColumns(CsvInput.MAX_COLUMNS)
          .columnTypes(name -> ColumnType.STRING)
          .build();
      t = Table.read().usingOptions(csv);
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    } catch (RuntimeException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof CharacterCodingException) {
          throw new BadInputException(file + " is not valid UTF-8 text; re-save it as UTF-8 (e.g. iconv -f latin1 -t "
              + "utf-8)");
        }
      }
      String[] problem = in.firstMalformedRecord();
      String delimiter = in.options().whitespace() ? "whitespace" : "'" + CsvInput.printable(sep) + "'";
      throw new BadInputException("cannot read " + file + " as CSV with delimiter " + delimiter + ": "
          + (problem != null ? problem[0] + "; " + problem[1] : e.getClass().getSimpleName().replace("Exception",
          " error") + " in the CSV parser; " + CsvInput.FIX_DELIMITER), e);
    }
    if (t.rowCount() == 0) {
      throw new BadInputException(file + " has a header line but no data rows; it needs at least one row");
    }
    if (!t.columnNames().equals(in.header())) {
      throw new BadInputException("cannot read the header of " + file + " consistently: it was split as " + in.header()
          + " but the CSV parser read " + t.columnNames() + "; check the quotes in the header line");
    }
    List<AbstractColumnParser<?>> detected = new ArrayList<>();
    for (ColumnType type : List.of(ColumnType.LOCAL_DATE_TIME, ColumnType.LOCAL_TIME, ColumnType.LOCAL_DATE,
        ColumnType.BOOLEAN)) {
      detected.add(type.customParser(csv));
    }
    Map<String, CsvInput.Suspect> suspects = new LinkedHashMap<>();
    boolean comma = in.options().decimalComma();
    for (int j = 0; j < t.columnCount(); j++) {
      StringColumn sc = (StringColumn) t.column(j);
      if (text.contains(sc.name())) {
        undefuse(sc);
      } else {
        Column<?> typed = typed(sc, detected, comma, suspects);
        if (typed != null) {
          t.replaceColumn(j, typed);
        }
      }
    }
    return new Result(t, suspects);
  }

  private static void undefuse(StringColumn sc) {
    for (int i = 0; i < sc.size(); i++) {
      if (!sc.isMissing(i)) {
        String v = sc.get(i);
        String u = Csv.undefuse(v);
        if (u != v) {
          sc.set(i, u);
        }
      }
    }
  }

  private static Column<?> typed(StringColumn sc, List<AbstractColumnParser<?>> detected, boolean comma,
      Map<String, CsvInput.Suspect> suspects) {
    for (AbstractColumnParser<?> p : detected) {
      if (allParse(sc, p)) {
        Column<?> c = p.columnType().create(sc.name());
        for (int i = 0; i < sc.size(); i++) {
          if (sc.isMissing(i)) {
            c.appendMissing();
          } else {
            c.appendCell(sc.get(i), p);
          }
        }
        return c;
      }
    }
    int n = sc.size();
    int numbers = 0;
    int texts = 0;
    int lookAlikes = 0;
    int firstText = -1;
    int firstLookAlike = -1;
    boolean whole = true;
    Map<String, NumberText.Kind> kinds = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (sc.isMissing(i)) {
        continue;
      }
      String v = sc.get(i);
      NumberText.Kind k = kinds.computeIfAbsent(v, x -> NumberText.classify(x, comma));
      switch (k) {
        case WHOLE -> numbers++;
        case DECIMAL -> {
          numbers++;
          whole = false;
        }
        case LOOK_ALIKE -> {
          lookAlikes++;
          if (firstLookAlike < 0) {
            firstLookAlike = i;
          }
        }
        default -> {
          texts++;
          if (firstText < 0) {
            firstText = i;
          }
        }
      }
    }
    if (numbers + texts + lookAlikes == 0) {
      return null;
    }
    if (texts == 0 && lookAlikes == 0) {
      return numberColumn(sc, whole, comma);
    }
    if (numbers + lookAlikes > (numbers + lookAlikes + texts) / 2.0) {
      int at = lookAlikes > 0 ? firstLookAlike : firstText;
      suspects.put(sc.name(), new CsvInput.Suspect(at + 1, sc.get(at), lookAlikes > 0));
    }
    return null;
  }

  private static boolean allParse(StringColumn sc, AbstractColumnParser<?> p) {
    Set<String> tried = new HashSet<>();
    boolean any = false;
    for (int i = 0; i < sc.size(); i++) {
      if (!sc.isMissing(i)) {
        String v = sc.get(i);
        any = true;
        if (tried.add(v) && !p.canParse(v)) {
          return false;
        }
      }
    }
    return any;
  }

  private static Column<?> numberColumn(StringColumn sc, boolean whole, boolean comma) {
    int n = sc.size();
    if (whole) {
      long[] v = new long[n];
      boolean ints = true;
      boolean longs = true;
      for (int i = 0; i < n && longs; i++) {
        if (sc.isMissing(i)) {
          v[i] = Long.MIN_VALUE;
          continue;
        }
        v[i] = NumberText.parseWhole(sc.get(i), comma);
        if (v[i] == Long.MIN_VALUE) {
          longs = false;
        } else if (v[i] <= Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
          ints = false;
        }
      }
      if (longs && ints) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
          w[i] = v[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) v[i];
        }
        return IntColumn.create(sc.name(), w);
      }
      if (longs) {
        return LongColumn.create(sc.name(), v);
      }
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = sc.isMissing(i) ? Double.NaN : NumberText.parse(sc.get(i), comma);
    }
    return DoubleColumn.create(sc.name(), d);
  }
}
