package dev.segmint.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small streaming JSON writer (RFC 8259), so that core needs no JSON library. It tracks nesting and commas, so
 * the output is always well-formed when every {@code begin} is matched by its {@code end}:
 * <pre>{@code
 * String s = new Json().beginObject().name("k").value(5).name("ids").beginArray().value("a").endArray()
 *     .endObject().toString();   // {"k":5,"ids":["a"]}
 * }</pre>
 *
 * <p>Strings are escaped: quotation mark, backslash and control characters (as {@code \n}, {@code \t}, … or
 * {@code \}{@code u00XX}), and also {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code uXXXX}, so
 * the text can be embedded in an HTML {@code <script>} block or JavaScript source without ending it. Numbers are
 * written in the shortest form that reads back exactly; NaN and infinities, which JSON cannot represent, are
 * written as {@code null}. Output is compact unless {@link #pretty()} is set. Not thread-safe.
 */
public final class Json {

  private final StringBuilder out = new StringBuilder(4096);
  private final Deque<int[]> stack = new ArrayDeque<>(); // [kind (0 object, 1 array), count]
  private boolean afterName;
  private boolean pretty;

  /** Indents with two spaces and puts each member on its own line. */
  public Json pretty() {
    this.pretty = true;
    return this;
  }

  public Json beginObject() {
    beforeValue();
    out.append('{');
    stack.push(new int[] {0, 0});
    return this;
  }

  public Json endObject() {
    return end(0, '}');
  }

  public Json beginArray() {
    beforeValue();
    out.append('[');
    stack.push(new int[] {1, 0});
    return this;
  }

  public Json endArray() {
    return end(1, ']');
  }

  private Json end(int kind, char c) {
    int[] top = stack.peek();
    if (top == null || top[0] != kind || afterName) {
      throw new IllegalStateException("unbalanced JSON: cannot close " + (kind == 0 ? "an object" : "an array") + " here");
    }
    stack.pop();
    if (pretty && top[1] > 0) {
      newline();
    }
    out.append(c);
    return this;
  }

  /** The name of the next object member. */
  public Json name(String name) {
    int[] top = stack.peek();
    if (top == null || top[0] != 0 || afterName) {
      throw new IllegalStateException("a member name is only allowed directly inside an object");
    }
    if (top[1]++ > 0) {
      out.append(',');
    }
    if (pretty) {
      newline();
    }
    quote(name);
    out.append(pretty ? ": " : ":");
    afterName = true;
    return this;
  }

  public Json value(String s) {
    beforeValue();
    if (s == null) {
      out.append("null");
    } else {
      quote(s);
    }
    return this;
  }

  public Json value(double v) {
    beforeValue();
    out.append(number(v));
    return this;
  }

  public Json value(long v) {
    beforeValue();
    out.append(v);
    return this;
  }

  public Json value(boolean v) {
    beforeValue();
    out.append(v);
    return this;
  }

  /** {@code null}. */
  public Json nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** Shorthand for {@code name(n).value(v)}. */
  public Json field(String name, String v) {
    return name(name).value(v);
  }

  public Json field(String name, double v) {
    return name(name).value(v);
  }

  public Json field(String name, long v) {
    return name(name).value(v);
  }

  public Json field(String name, boolean v) {
    return name(name).value(v);
  }

  /** An array of numbers. */
  public Json array(double[] values) {
    beginArray();
    for (double v : values) {
      value(v);
    }
    return endArray();
  }

  /** An array of whole numbers. */
  public Json array(int[] values) {
    beginArray();
    for (int v : values) {
      value(v);
    }
    return endArray();
  }

  private void beforeValue() {
    int[] top = stack.peek();
    if (top == null) {
      if (out.length() > 0) {
        throw new IllegalStateException("a JSON text holds one top-level value");
      }
      return;
    }
    if (top[0] == 0) {
      if (!afterName) {
        throw new IllegalStateException("an object member needs a name before its value");
      }
      afterName = false;
      return;
    }
    if (top[1]++ > 0) {
      out.append(',');
    }
    if (pretty) {
      newline();
    }
  }

  private void newline() {
    out.append('\n');
    for (int i = 0; i < stack.size(); i++) {
      out.append("  ");
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A JSON number for {@code v}: shortest round-trip form, integers without ".0", null for NaN and infinities. */
  public static String number(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v).replace("E", "e");
  }

  /** The JSON text; throws when an object or array is still open. */
  @Override
  public String toString() {
    if (!stack.isEmpty()) {
      throw new IllegalStateException("unbalanced JSON: " + stack.size() + " object(s) or array(s) still open");
    }
    return out.toString();
  }
}
