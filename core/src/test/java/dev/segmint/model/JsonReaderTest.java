package dev.segmint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  private static Object parse(String s) {
    return JsonReader.parse(s, 64);
  }

  private static String error(String s) {
    return assertThrows(IllegalArgumentException.class, () -> parse(s)).getMessage();
  }

  @Test
  void readsEveryKindOfValue() {
    Object v = parse(" {\"a\": [1, -2.5e3, 0, 0.125], \"b\": \"x\\\"y\\\\z\\n\\u00e9\\/\", \"c\": true, \"d\": false,"
        + " \"e\": null, \"f\": {}, \"g\": []}\n");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of(1.0, -2500.0, 0.0, 0.125), m.get("a"));
    assertEquals("x\"y\\z\né/", m.get("b"));
    assertEquals(Boolean.TRUE, m.get("c"));
    assertEquals(Boolean.FALSE, m.get("d"));
    assertTrue(m.containsKey("e"));
    assertNull(m.get("e"));
    assertEquals(Map.of(), m.get("f"));
    assertEquals(List.of(), m.get("g"));
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), List.copyOf(m.keySet()));
  }

  @Test
  void numbersReadBackExactly() {
    for (double d : new double[] {0.1, 1.0 / 3, -1e-300, 1.7976931348623157e308, 4.9e-324, 123456789.123456789}) {
      String text = Json.number(d);
      assertEquals(d, (Double) parse(text), text);
    }
  }

  @Test
  void malformedTextNamesTheOffset() {
    assertEquals("malformed JSON at offset 7: expected ',' or '}' in an object, found '2'", error("{\"a\":1 2}"));
    assertTrue(error("{\"a\" 1}").contains("offset 5: expected ':'"));
    assertTrue(error("[1,]").contains("offset 3: unexpected ']'"));
    assertTrue(error("01").contains("leading zero"));
    assertTrue(error("[1] x").contains("offset 4: unexpected 'x' after the end"));
    assertTrue(error("{\"a\":1,\"a\":2}").contains("duplicate member name \"a\""));
    assertTrue(error("\"a\tb\"").contains("control character U+0009"));
    assertTrue(error("\"\\q\"").contains("unknown escape '\\q'"));
    assertTrue(error("tru e").contains("offset 0"));
  }

  @Test
  void truncatedTextSaysSo() {
    String full = "{\"a\": [1, 2, {\"b\": \"text\"}], \"c\": true}";
    for (int cut = 1; cut < full.length(); cut++) {
      String part = full.substring(0, cut);
      String m = error(part);
      assertTrue(m.startsWith("truncated JSON: the text ends at offset " + cut), part + " -> " + m);
    }
  }

  @Test
  void nestingIsLimited() {
    String ok = "[".repeat(64) + "]".repeat(64);
    parse(ok);
    String deep = "[".repeat(65) + "]".repeat(65);
    assertTrue(error(deep).contains("offset 64: nesting deeper than 64 levels"));
    // a hostile file of a million brackets fails cleanly, not with a StackOverflowError
    assertTrue(error("[".repeat(1_000_000)).contains("nesting deeper than 64"));
  }
}
