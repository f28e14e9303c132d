package dev.segmint.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value with its path in the document ({@code features.fitted[2].center}), so that every missing or
 * mistyped field is reported by name. Numbers that JSON cannot hold (NaN, ±∞) are read from the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as {@link ModelFile} writes them.
 */
final class Node {

  private final Object value;
  private final String path;

  Node(Object value, String path) {
    this.value = value;
    this.path = path;
  }

  String path() {
    return path;
  }

  private IllegalArgumentException bad(String expected) {
    String got = value == null ? "null" : value instanceof Map ? "an object" : value instanceof List ? "an array"
        : value instanceof String s ? "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\""
        : String.valueOf(value);
    return new IllegalArgumentException("model field '" + path + "' must be " + expected + " but is " + got);
  }

  private Map<?, ?> map() {
    if (!(value instanceof Map<?, ?> m)) {
      throw bad("an object");
    }
    return m;
  }

  boolean has(String name) {
    return map().containsKey(name);
  }

  /** The member names of an object, in file order. */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    for (Object k : map().keySet()) {
      out.add((String) k);
    }
    return out;
  }

  /** A member that must be present. */
  Node get(String name) {
    Map<?, ?> m = map();
    if (!m.containsKey(name)) {
      throw new IllegalArgumentException("model field '" + (path.isEmpty() ? "" : path + ".") + name
          + "' is missing; the file is incomplete or was not written by SegmentationModel.save");
    }
    return new Node(m.get(name), path.isEmpty() ? name : path + "." + name);
  }

  boolean isNull() {
    return value == null;
  }

  String string() {
    if (!(value instanceof String s)) {
      throw bad("a string");
    }
    return s;
  }

  /** A string or null. */
  String stringOrNull() {
    return value == null ? null : string();
  }

  boolean bool() {
    if (!(value instanceof Boolean b)) {
      throw bad("true or false");
    }
    return b;
  }

  double number() {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw bad("a number");
  }

  long integer() {
    double d = number();
    if (d != Math.rint(d) || Math.abs(d) > (1L << 53)) {
      throw bad("a whole number");
    }
    return (long) d;
  }

  int intValue() {
    long v = integer();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw bad("a whole number in the int range");
    }
    return (int) v;
  }

  List<Node> list() {
    if (!(value instanceof List<?> l)) {
      throw bad("an array");
    }
    List<Node> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      out.add(new Node(l.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  List<String> strings() {
    List<String> out = new ArrayList<>();
    for (Node n : list()) {
      out.add(n.string());
    }
    return out;
  }

  double[] numbers() {
    List<Node> l = list();
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).number();
    }
    return out;
  }

  int[] ints() {
    List<Node> l = list();
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).intValue();
    }
    return out;
  }

  /** A matrix: an array of rows of {@code columns} finite numbers each. */
  double[][] matrix(int columns) {
    List<Node> l = list();
    double[][] out = new double[l.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).numbers();
      if (out[i].length != columns) {
        throw new IllegalArgumentException("model field '" + l.get(i).path() + "' has " + out[i].length
            + " values but the model has " + columns + " features");
      }
      for (int j = 0; j < columns; j++) {
        if (!Double.isFinite(out[i][j])) {
          throw new IllegalArgumentException("model field '" + l.get(i).path() + "[" + j + "]' is " + out[i][j]
              + "; a point in the feature space has finite coordinates");
        }
      }
    }
    return out;
  }

  /** An enum constant by name, listing the allowed names when it is unknown. */
  <E extends Enum<E>> E enumValue(Class<E> type) {
    String s = string();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw new IllegalArgumentException("model field '" + path + "' is \"" + s + "\" but must be one of "
        + java.util.Arrays.toString(type.getEnumConstants()));
  }
}
