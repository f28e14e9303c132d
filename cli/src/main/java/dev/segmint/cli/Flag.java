package dev.segmint.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One command-line flag: its declaration (name, value label, description, default, required) and, after
 * {@link FlagSet#parse}, its value. A command declares each flag once, as a field made by its {@link FlagSet}
 * ({@code final Flag<Path> input = flags.path("--input", "FILE.csv", "...").required();}), and reads it with
 * {@link #get()} and {@link #given()}.
 *
 * <p>The value is converted when the flag is parsed, so a bad number is refused (exit 2) before the command runs:
 * {@code --k: 'abc' is not a whole number}. List flags ({@link Kind#TEXTS}, {@link Kind#INTS}) split their value at
 * commas and collect every occurrence; any other flag may be given once. Not thread-safe: one command run owns it.
 *
 * @param <T> the value's type: String, Path, Integer, Long, Double, Boolean or a List of String or Integer
 */
final class Flag<T> {

  /** How the text of a value becomes the flag's value. */
  enum Kind {
    /** Text as given. */
    TEXT,
    /** A file path, not checked here ({@code Outputs} checks files before the work). */
    PATH,
    /** A whole number in int range. */
    INT,
    /** A whole number in long range. */
    LONG,
    /** A decimal number (digits, optional fraction and exponent; NaN and Infinity pass to the command's checks). */
    DOUBLE,
    /** A switch: no value ({@code --name=true|false} also accepted); true when given. */
    SWITCH,
    /** Comma-separated text, collected over repeats. */
    TEXTS,
    /** Comma-separated whole numbers, collected over repeats. */
    INTS
  }

  /** The name, with its dashes: {@code --k-range}. */
  final String name;
  /** The value label in help and messages ({@code MIN..MAX}); null for a switch. */
  final String label;
  /** The help text; {@code ${DEFAULT-VALUE}} stands for the default. */
  final String description;
  final Kind kind;

  private T defaultValue;
  private boolean required;
  private T value;
  private boolean given;

  Flag(String name, String label, String description, Kind kind) {
    this.name = name;
    this.label = label;
    this.description = description;
    this.kind = kind;
  }

  /** Declares the value used when the flag is not given (shown for {@code ${DEFAULT-VALUE}} in the help). */
  Flag<T> byDefault(T v) {
    this.defaultValue = v;
    return this;
  }

  /** Declares the flag required: a run without it is refused, naming every missing required flag. */
  Flag<T> required() {
    this.required = true;
    return this;
  }

  boolean isRequired() {
    return required;
  }

  /** The value given, else the default (null when neither; false for a switch not given). */
  T get() {
    return given ? value : defaultValue;
  }

  /** Whether the flag was on the command line (a default does not count). */
  boolean given() {
    return given;
  }

  /** {@code --name LABEL}, or the name of a switch: how messages and the usage line show the flag. */
  String usage() {
    return label == null ? name : name + " " + label;
  }

  /** The description with the default in place of {@code ${DEFAULT-VALUE}}. */
  String helpText() {
    return description.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue));
  }

  /**
   * Records one occurrence with its value text ({@code null}: a switch given without {@code =value}).
   *
   * @throws UsageException for a second occurrence of a single-value flag or a value that does not convert
   */
  @SuppressWarnings("unchecked")
  void accept(String text) {
    boolean list = kind == Kind.TEXTS || kind == Kind.INTS;
    if (given && !list) {
      throw new UsageException(name + " is given twice; give it once");
    }
    Object v;
    switch (kind) {
      case TEXT -> v = text;
      case PATH -> v = path(text);
      case INT -> v = (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> v = whole(text, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE -> v = decimal(text);
      case SWITCH -> v = onOff(text);
      default -> {
        List<Object> all = given ? new ArrayList<>((List<Object>) value) : new ArrayList<>();
        for (String part : text.split(",", -1)) {
          all.add(kind == Kind.INTS ? (Object) (int) whole(part, Integer.MIN_VALUE, Integer.MAX_VALUE) : part);
        }
        v = Collections.unmodifiableList(all);
      }
    }
    value = (T) v;
    given = true;
  }

  private Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(name + ": '" + text + "' is not a file name (" + e.getReason() + ")");
    }
  }

  private long whole(String text, long min, long max) {
    String t = text.strip();
    if (!t.matches("[+-]?[0-9]+")) {
      throw new UsageException(name + ": '" + text + "' is not a whole number");
    }
    try {
      long v = Long.parseLong(t);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException tooLong) {
      // out of long range: the same message as out of int range
    }
    throw new UsageException(name + ": '" + text + "' is out of range; give a whole number from " + min + " to "
        + max);
  }

  /** A number as the CSV cells are read ({@link NumberText}, C locale), plus NaN for the command's own checks. */
  private double decimal(String text) {
    String t = text.strip();
    if (t.equals("NaN")) {
      return Double.NaN;
    }
    NumberText.Kind k = NumberText.classify(t, false);
    if (k != NumberText.Kind.WHOLE && k != NumberText.Kind.DECIMAL) {
      throw new UsageException(name + ": '" + text + "' is not a number");
    }
    return NumberText.parse(t, false);
  }

  private Boolean onOff(String text) {
    if (text == null || text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new UsageException(name + " takes no value, not '" + text + "'; give " + name + " alone");
  }
}
