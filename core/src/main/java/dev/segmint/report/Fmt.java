package dev.segmint.report;

import java.util.Locale;

/** Number formatting for people, shared by the report renderers. */
final class Fmt {
  private Fmt() {}

  /** 12,345 · 214 · 123.4 · 19.6 · 5.74 · 0.123; whole numbers without decimals; "–" for NaN. */
  static String num(double v) {
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

  /** A p-value: "<0.001", "0.012", "0.34"; "–" for NaN. */
  static String p(double p) {
    if (Double.isNaN(p)) {
      return "–";
    }
    if (p < 0.001) {
      return "<0.001";
    }
    return p < 0.01 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.2f", p);
  }

  /** 26.7% */
  static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** +1.23 */
  static String signed(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", v);
  }
}
