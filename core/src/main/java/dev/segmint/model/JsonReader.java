package dev.segmint.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) with limits, so that core reads saved models without a JSON library.
 * Objects become {@code Map<String, Object>} (insertion order, duplicate names rejected), arrays
 * {@code List<Object>}, strings {@code String}, numbers {@code Double}, and {@code true}/{@code false}/{@code null}
 * {@code Boolean} and {@code null}. Every error is an {@link IllegalArgumentException} naming the character offset.
 *
 * <p>Limits: the text length (checked by the caller before reading, see {@link ModelFile}) and the nesting depth
 * (default 64), so that a hostile file cannot exhaust the stack. O(length) time, recursion depth ≤ the limit.
 */
final class JsonReader {

  private final String text;
  private final int maxDepth;
  private int pos;

  private JsonReader(String text, int maxDepth) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses one JSON value that fills the whole text (whitespace around it allowed).
   *
   * @throws IllegalArgumentException for malformed or truncated text, duplicate names or nesting deeper than
   *     {@code maxDepth}, naming the offset
   */
  static Object parse(String text, int maxDepth) {
    JsonReader r = new JsonReader(text, maxDepth);
    r.skipSpace();
    Object v = r.value(0);
    r.skipSpace();
    if (r.pos < text.length()) {
      throw r.error("unexpected '" + text.charAt(r.pos) + "' after the end of the JSON value");
    }
    return v;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
  }

  private IllegalArgumentException truncated(String expected) {
    return new IllegalArgumentException("truncated JSON: the text ends at offset " + pos + " where " + expected
        + " was expected; the file was cut short (rewrite it with save)");
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) {
    if (pos >= text.length()) {
      throw truncated("a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "' where a value was expected");
    }
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw error("nesting deeper than " + maxDepth + " levels");
    }
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return Collections.unmodifiableMap(m);
    }
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw truncated("a member name");
      }
      if (text.charAt(pos) != '"') {
        throw error("expected a member name in quotes, found '" + text.charAt(pos) + "'");
      }
      int at = pos;
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object v = value(depth);
      if (m.containsKey(name)) {
        pos = at;
        throw error("duplicate member name \"" + name + "\"");
      }
      m.put(name, v);
      skipSpace();
      if (pos >= text.length()) {
        throw truncated("',' or '}'");
      }
      char c = text.charAt(pos++);
      if (c == '}') {
        return Collections.unmodifiableMap(m);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object, found '" + c + "'");
      }
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipSpace();
      list.add(value(depth));
      skipSpace();
      if (pos >= text.length()) {
        throw truncated("',' or ']'");
      }
      char c = text.charAt(pos++);
      if (c == ']') {
        return Collections.unmodifiableList(list);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array, found '" + c + "'");
      }
    }
  }

  private void expect(char c) {
    if (pos >= text.length()) {
      throw truncated("'" + c + "'");
    }
    if (text.charAt(pos) != c) {
      throw error("expected '" + c + "', found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private Object literal(String word, Object v) {
    if (text.startsWith(word, pos)) {
      pos += word.length();
      return v;
    }
    if (word.startsWith(text.substring(pos))) {
      pos = text.length();
      throw truncated("'" + word + "'");
    }
    throw error("unexpected '" + text.charAt(pos) + "' where a value was expected");
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw truncated("the closing '\"' of a string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character U+" + String.format("%04X", (int) c) + " inside a string (escape it)");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw truncated("an escape character");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            pos = text.length();
            throw truncated("four hex digits of a \\u escape");
          }
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int h = Character.digit(text.charAt(pos), 16);
            if (h < 0) {
              throw error("'" + text.charAt(pos) + "' is not a hex digit of a \\u escape");
            }
            v = v * 16 + h;
            pos++;
          }
          sb.append((char) v);
        }
        default -> {
          pos--;
          throw error("unknown escape '\\" + e + "'");
        }
      }
    }
  }

  private Double number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    int intStart = pos;
    digits("a digit");
    if (text.charAt(intStart) == '0' && pos - intStart > 1) {
      pos = intStart;
      throw error("a number may not have a leading zero");
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits("a digit after the decimal point");
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      digits("a digit of the exponent");
    }
    double v = Double.parseDouble(text.substring(start, pos));
    if (Double.isInfinite(v)) {
      int end = pos;
      pos = start;
      throw error("the number " + (end - start > 40 ? text.substring(start, start + 40) + "…" : text.substring(start, end))
          + " is beyond the range of a double (about ±1.8e308)");
    }
    return v;
  }

  private void digits(String what) {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      if (pos >= text.length()) {
        throw truncated(what);
      }
      throw error("expected " + what + ", found '" + text.charAt(pos) + "'");
    }
  }
}
