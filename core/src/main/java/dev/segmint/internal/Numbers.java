package dev.segmint.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The one number formatter of the library and the command line (reports, profile tables, chart axes, CSV cells),
 * independent of the JVM's locale. Each style is one named method:
 *
 * <ul>
 *   <li>{@link #num}: for people, 12,345 · 123.4 · 5.74 · 0.123 (reports, tooltips);
 *   <li>{@link #pValue}: {@code <0.001}, 0.012, 0.34;
 *   <li>{@link #pct} 26.7% and {@link #signed} +1.23;
 *   <li>{@link #compact}: short chart-axis labels, 1.2k · 35k · 2.5M;
 *   <li>{@link #sig4}: four significant digits in plain notation, 0.4123 · 2346 · 1.235e+06 (k-selection tables);
 *   <li>{@link #sig}: six significant digits without trailing zeros, 45.122 · 2.59333 · 51195 (provenance);
 *   <li>{@link #round}: a value rounded to a number of decimals, for tables printed by {@code toString()};
 *   <li>{@link #plain}: a plain decimal with at most 15 significant digits, for CSV cells.
 * </ul>
 */
public final class Numbers {
  private Numbers() {}

  /** 12,345 · 214 · 123.4 · 19.6 · 5.74 · 0.123; whole numbers without decimals; "–" for NaN, "∞" for infinity. */
  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    double a = Math.abs(v);
    if (a >= 1000 || (v == Math.rint(v) && a < 1e15)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A p-value for people: {@code "<0.001"}, "0.012", "0.34", or "–" when undefined. */
  public static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "–";
    }
    if (p < 0.001) {
      return "<0.001";
    }
    return p < 0.01 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.2f", p);
  }

  /** A share as a percentage with one decimal: 26.7%; "–" for NaN. */
  public static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** Two decimals with a sign: +1.23; "–" for NaN. */
  public static String signed(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", v);
  }

  /** A short label for a chart axis: 2.5M · 35k · 1.2k · 250 · 2.5 · 0.12 (no trailing zeros). */
  public static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(String.format(Locale.ROOT, "%.1f", v / 1e6)) + "M";
    }
    if (a >= 1e4) {
      return trim(String.format(Locale.ROOT, "%.0f", v / 1e3)) + "k";
    }
    if (a >= 1e3) {
      return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
    }
    if (a >= 100 || a == 0) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 1) {
      return trim(String.format(Locale.ROOT, "%.1f", v));
    }
    return trim(String.format(Locale.ROOT, "%.2g", v));
  }

  private static String trim(String s) {
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** {@code x} with 4 significant digits, plain notation, for tables of indices ({@code 0.4123}, {@code 2346}, {@code 1.235e+06} above 1e6). */
  public static String sig4(double x) {
    if (Double.isNaN(x)) {
      return "-";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return "0";
    }
    if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4) {
      return String.format(Locale.ROOT, "%.3e", x);
    }
    return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
  /** Six significant digits without trailing decimal zeros: 45.122 · 2.59333 · 51195 · 220370 · 1.5e-07. */
  public static String sig(double v) {
    String s = String.format(Locale.ROOT, "%.6g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.indexOf('.') >= 0) {   // only zeros after the decimal point go: 220370 keeps its zero
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /** {@code v} rounded half up to two decimals ({@link #round(double, int)}). */
  public static double round(double v) {
    return round(v, 2);
  }

  /** {@code v} rounded half up to {@code places} decimals, without a negative zero; NaN and infinities as they are. */
  public static double round(double v, int places) {
    if (!Double.isFinite(v)) {
      return v;
    }
    double f = Math.pow(10, places);
    double r = Math.round(v * f) / f;
    return r == 0 ? 0.0 : r;
  }

  /**
   * A plain decimal for a CSV cell: whole numbers below 10^15 as integers, others with at most 15 significant
   * digits and no exponent (no binary noise like 0.30000000000000004); "" for NaN (an empty cell), "Infinity" and
   * "-Infinity" for the infinities.
   */
  public static String plain(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toPlainString();
  }
}
