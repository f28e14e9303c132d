package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * {@link CsvInput#strings} builds a text column straight from the reader's distinct cells; the reference is
 * Tablesaw's own row-by-row {@link StringColumn#append}/{@link StringColumn#appendMissing}. Both must give the same
 * column inside and out: values, dictionary type, keys, counts, the iteration order of the dictionary's maps, and
 * the keys (and promotions) of values appended afterwards.
 */
class CsvInputStringsTest {

  /** Rows as cells: null is an empty field (code -1); "NA" is a missing word; "" never comes from the reader. */
  private static void check(List<String> rows) {
    Map<String, Integer> codeOf = new LinkedHashMap<>();
    int n = rows.size();
    int[] codes = new int[n];
    List<Integer> firstRows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String v = rows.get(i);
      if (v == null) {
        codes[i] = -1;
        continue;
      }
      Integer k = codeOf.get(v);
      if (k == null) {
        k = codeOf.size();
        codeOf.put(v, k);
        firstRows.add(i);
      }
      codes[i] = k;
    }
    String[] raw = codeOf.keySet().toArray(new String[0]);
    boolean[] missing = new boolean[raw.length];
    String[] values = new String[raw.length];
    for (int k = 0; k < raw.length; k++) {
      missing[k] = raw[k].equals("NA");
      values[k] = dev.segmint.report.Csv.undefuse(raw[k]);   // as for a text column: can make two cells equal
    }
    int[] first = firstRows.stream().mapToInt(Integer::intValue).toArray();

    StringColumn expected = StringColumn.create("c");
    for (int i = 0; i < n; i++) {
      int k = codes[i];
      if (k < 0 || missing[k]) {
        expected.appendMissing();
      } else {
        expected.append(values[k]);
      }
    }
    // allDistinct as the caller knows it: no two texts equal (else the equal ones are merged)
    boolean allDistinct = new java.util.HashSet<>(List.of(values)).size() == values.length;
    StringColumn actual = CsvInput.strings("c", values, allDistinct, missing, codes, first, n);
    same(expected, actual);
    if (allDistinct) {
      same(expected, CsvInput.strings("c", values, false, missing, codes, first, n));
    }
    // the next keys and promotions: append new values (past the byte and short dictionaries' limits for some)
    for (int extra = 0; extra < 300; extra++) {
      expected.append("new " + extra);
      actual.append("new " + extra);
      expected.appendMissing();
      actual.appendMissing();
      expected.append(values.length > 0 ? values[extra % values.length] : "x");
      actual.append(values.length > 0 ? values[extra % values.length] : "x");
    }
    same(expected, actual);
  }

  private static void same(StringColumn expected, StringColumn actual) {
    DictionaryMap e = expected.getDictionary();
    DictionaryMap a = actual.getDictionary();
    assertSame(e.getClass(), a.getClass());
    assertEquals(expected.size(), actual.size());
    boolean keys = !(e instanceof NullDictionaryMap);   // text without a dictionary (many distinct values) has none
    for (int i = 0; i < expected.size(); i++) {
      if (keys) {
        assertEquals(e.getKeyForIndex(i), a.getKeyForIndex(i), "key of row " + i);
      }
      assertEquals(expected.get(i), actual.get(i), "row " + i);
      assertEquals(expected.isMissing(i), actual.isMissing(i), "missing at row " + i);
    }
    assertEquals(expected.countMissing(), actual.countMissing());
    assertEquals(expected.countUnique(), actual.countUnique());
    if (!keys) {
      return;
    }
    assertEquals(new ArrayList<>(e.asSet()), new ArrayList<>(a.asSet()));
    assertEquals(entries(e, false), entries(a, false));
    assertEquals(entries(e, true), entries(a, true));
    assertEquals(expected.unique().asList(), actual.unique().asList());
    assertEquals(e.nextKeyWithoutIncrementing(), a.nextKeyWithoutIncrementing());
  }

  /** The key-value or key-count entries in the maps' iteration order (empty for a dictionary without them). */
  private static List<String> entries(DictionaryMap d, boolean counts) {
    Iterable<?> entries = List.of();
    if (d instanceof ByteDictionaryMap b) {
      entries = counts ? b.getKeyCountEntries() : b.getKeyValueEntries();
    } else if (d instanceof ShortDictionaryMap s) {
      entries = counts ? s.getKeyCountEntries() : s.getKeyValueEntries();
    } else if (d instanceof IntDictionaryMap i) {
      entries = counts ? i.getKeyCountEntries() : i.getKeyValueEntries();
    }
    List<String> out = new ArrayList<>();
    for (Object x : entries) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  private static List<String> random(long seed, int n, int distinct, double missingShare) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      rows.add(u < missingShare / 2 ? null : u < missingShare ? "NA" : "v" + r.nextInt(distinct));
    }
    return rows;
  }

  @Test
  void smallColumnsWithAndWithoutMissingValues() {
    check(List.of("a"));
    check(java.util.Arrays.asList(null, null));
    check(java.util.Arrays.asList("NA", "a", null, "b", "a"));
    check(java.util.Arrays.asList("a", "b", null, "b", "NA", "c"));
    check(java.util.Arrays.asList("a", "b", "c", "a", "b", "c", null));
  }

  @Test
  void cellsThatBecomeEqualOrEmptyWithoutTheirApostrophe() {
    // '=x is =x written for spreadsheets; '' is ' ; a lone apostrophe stays
    check(java.util.Arrays.asList("'=x", "b", "=x", "''", "'", null, "'=x", "'-1"));
    check(java.util.Arrays.asList("=x", "'=x", "NA", "=x"));
  }

  @Test
  void aroundTheByteAndShortDictionaryLimits() {
    for (int distinct : new int[] {1, 2, 200, 253, 254, 255, 256, 400, 5_000}) {
      check(random(distinct, 3 * distinct + 10, distinct, 0.1));
      check(random(distinct + 1, 3 * distinct + 10, distinct, 0.0));
    }
    // all distinct: 65,534 fit a short dictionary, more go row by row (an int dictionary or none)
    for (int distinct : new int[] {65_534, 65_535, 70_000}) {
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < distinct; i++) {
        rows.add("v" + i);
        rows.add(i % 2 == 0 ? "v" + (i / 2) : null);
      }
      check(rows);
    }
  }
}
