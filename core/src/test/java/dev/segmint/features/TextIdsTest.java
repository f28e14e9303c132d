package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/** {@link TextIds}: the dictionary-key path of string columns against the text path of other columns. */
class TextIdsTest {

  @Test
  void handWorkedCaseWithMissingAndBlankValues() {
    StringColumn c = StringColumn.create("id", new String[] {"b", "a", "", "b", "  ", "c", "a"});
    c.setMissing(6);
    TextIds t = TextIds.of(c);
    assertArrayEquals(new int[] {0, 1, -1, 0, -1, 2, -1}, t.ids());
    assertEquals(List.of("b", "a", "c"), t.values());
  }

  @Test
  void stringColumnKeysGiveTheNumbersOfTheTextPath() {
    SplittableRandom r = new SplittableRandom(18);
    int n = 20_000;
    int[] raw = new int[n];
    String[] text = new String[n];
    for (int i = 0; i < n; i++) {
      raw[i] = r.nextInt(3_000);   // many repeats, more distinct values than a byte dictionary holds
      text[i] = Integer.toString(raw[i]);
    }
    IntColumn ints = IntColumn.create("id", raw);
    StringColumn strings = StringColumn.create("id", text);
    for (int i = 0; i < n; i += 97) {
      ints.setMissing(i);
      strings.setMissing(i);
    }
    TextIds viaText = TextIds.of(ints);
    TextIds viaKeys = TextIds.of(strings);
    assertArrayEquals(viaText.ids(), viaKeys.ids());
    assertEquals(viaText.values(), viaKeys.values());
    assertEquals(-1, viaKeys.ids()[97]);
  }

  @Test
  void moreValuesThanAShortDictionaryHoldsGiveTheNumbersOfTheTextPath() {
    // 70,000 distinct values: Tablesaw's int dictionary, whose keys lie outside the short range (hashed, not indexed)
    SplittableRandom r = new SplittableRandom(19);
    int n = 200_000;
    int[] raw = new int[n];
    String[] text = new String[n];
    for (int i = 0; i < n; i++) {
      raw[i] = i < 70_000 ? i : r.nextInt(70_000);
      text[i] = Integer.toString(raw[i]);
    }
    IntColumn ints = IntColumn.create("id", raw);
    StringColumn strings = StringColumn.create("id", text);
    for (int i = 5; i < n; i += 1_001) {
      ints.setMissing(i);
      strings.setMissing(i);
    }
    TextIds viaText = TextIds.of(ints);
    TextIds viaKeys = TextIds.of(strings);
    assertArrayEquals(viaText.ids(), viaKeys.ids());
    assertEquals(viaText.values(), viaKeys.values());
    assertTrue(strings.getDictionary() instanceof NullDictionaryMap, "past 65,534 values Tablesaw keeps no dictionary");
    assertEquals(-1, viaKeys.ids()[5]);
    assertEquals("6", viaKeys.values().get(viaKeys.ids()[6]));
  }

  @Test
  void keyMapHoldsManyKeysThroughGrowth() {
    TextIds.KeyMap m = new TextIds.KeyMap();
    for (long k = -50_000; k < 50_000; k += 3) {
      m.put(k << 20, (int) (k * 7));
    }
    for (long k = -50_000; k < 50_000; k++) {
      int expected = Math.floorMod(k + 50_000, 3) == 0 ? (int) (k * 7) : TextIds.KeyMap.ABSENT;
      assertEquals(expected, m.get(k << 20), "key " + k);
    }
  }
}
