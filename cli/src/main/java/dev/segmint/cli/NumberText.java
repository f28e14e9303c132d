package dev.segmint.cli;

/**
 * The numbers of a CSV cell, read strictly and independent of the JVM's locale: an optional sign, digits with an
 * optional fraction, and an optional exponent ({@code 12}, {@code -3.5}, {@code .5}, {@code 5.}, {@code 1.2e-3}),
 * or {@code Infinity} with an optional sign (kept so that the checks that refuse non-finite amounts and features can
 * name the row). Everything else is text: Java literal syntax ({@code 0x1p3}, {@code 5d}, {@code 7f}), {@code 1_000},
 * {@code inf}, and numbers with separators ({@code 1,234}).
 *
 * <p>With the decimal comma ({@code --decimal-comma}) a comma is the decimal mark and a point separates groups of
 * three digits: {@code 12,50} is 12.5 and {@code 1.234,56} is 1234.56; {@code 12.5} is then not a number.
 *
 * <p>A <em>look-alike</em> is a value that is not a number in the chosen convention but is one in the other (or
 * with thousands separators): {@code 12,50}, {@code 1,234.50} and {@code 1.234,56} without the decimal comma,
 * {@code 12.5} and {@code 1,234.50} with it. A column holding look-alikes is refused rather than read as text or
 * with the wrong scale. Leading and trailing spaces are ignored. O(length) time, no allocation but the result.
 */
final class NumberText {
  private NumberText() {}

  /** What a cell holds. */
  enum Kind {
    /** A whole number without exponent; a zero fraction ({@code 5.0}) counts as whole, as it always has. */
    WHOLE,
    /** Any other number (a fraction, an exponent, or Infinity). */
    DECIMAL,
    /** Not a number in this convention, but a number written with the other decimal mark or with separators. */
    LOOK_ALIKE,
    /** Text. */
    TEXT
  }

  static Kind classify(String cell, boolean decimalComma) {
    String s = cell.strip();
    if (isInfinity(s)) {
      return Kind.DECIMAL;
    }
    String c = decimalComma ? canonical(s, ',', '.') : canonical(s, '.', (char) 0);
    if (c != null) {
      return whole(c) ? Kind.WHOLE : Kind.DECIMAL;
    }
    boolean lookAlike = decimalComma
        ? canonical(s, '.', ',') != null
        : s.indexOf(',') >= 0 && (canonical(s, ',', '.') != null || canonical(s, '.', ',') != null);
    return lookAlike ? Kind.LOOK_ALIKE : Kind.TEXT;
  }

  /** The value of a cell that {@link #classify} calls WHOLE or DECIMAL. */
  static double parse(String cell, boolean decimalComma) {
    String s = cell.strip();
    if (isInfinity(s)) {
      return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    String c = decimalComma ? canonical(s, ',', '.') : canonical(s, '.', (char) 0);
    if (c == null) {
      throw new IllegalStateException("not a number: " + cell);
    }
    // the syntax is checked above; Double.parseDouble only converts it (correctly rounded)
    return Double.parseDouble(c);
  }

  /**
   * The value of a WHOLE cell as a long, or {@code Long.MIN_VALUE} when it does not fit (Long.MIN_VALUE itself
   * included, as Tablesaw uses it for a missing value).
   */
  static long parseWhole(String cell, boolean decimalComma) {
    String c = canonical(cell.strip(), decimalComma ? ',' : '.', decimalComma ? '.' : (char) 0);
    int dot = c.indexOf('.');
    String digits = dot < 0 ? c : c.substring(0, dot);
    if (digits.isEmpty() || digits.equals("+") || digits.equals("-")) {
      return 0;   // ".0", "-.0"
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static boolean isInfinity(String s) {
    return s.equals("Infinity") || s.equals("+Infinity") || s.equals("-Infinity");
  }

  /** Whole: no exponent and a fraction of zeros only. */
  private static boolean whole(String canonical) {
    int dot = canonical.indexOf('.');
    if (canonical.indexOf('e') >= 0 || canonical.indexOf('E') >= 0) {
      return false;
    }
    if (dot < 0) {
      return true;
    }
    for (int i = dot + 1; i < canonical.length(); i++) {
      if (canonical.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /**
   * The C-locale spelling of {@code s} when it is a number with decimal mark {@code mark} and, if {@code group} is
   * not 0, optional separators {@code group} between groups of three digits ({@code 1.234.567}); else null.
   */
  static String canonical(String s, char mark, char group) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intStart = i;
    int digits = 0;
    int run = 0;
    int firstRun = -1;
    boolean grouped = false;
    for (; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digits++;
        run++;
      } else if (group != 0 && ch == group) {
        if (run == 0 || (firstRun >= 0 && run != 3) || (firstRun < 0 && run > 3)) {
          return null;
        }
        if (firstRun < 0) {
          firstRun = run;
        }
        grouped = true;
        run = 0;
      } else {
        break;
      }
    }
    if (grouped && run != 3) {
      return null;
    }
    int intEnd = i;
    int fracStart = -1;
    int fracEnd = -1;
    int fracDigits = 0;
    if (i < n && s.charAt(i) == mark) {
      i++;
      fracStart = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        fracDigits++;
      }
      fracEnd = i;
    }
    if (digits + fracDigits == 0 || (grouped && digits == 0)) {
      return null;
    }
    int expStart = i;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    if (mark == '.' && !grouped) {
      return s;
    }
    StringBuilder b = new StringBuilder(n);
    b.append(s, 0, intStart);
    for (int k = intStart; k < intEnd; k++) {
      char ch = s.charAt(k);
      if (ch != group) {
        b.append(ch);
      }
    }
    if (fracStart >= 0) {
      b.append('.').append(s, fracStart, fracEnd);
    }
    b.append(s, expStart, n);
    return b.toString();
  }
}
