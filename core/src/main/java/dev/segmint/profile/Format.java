package dev.segmint.profile;

import java.util.Locale;

/** Number formatting shared by the profile tables. */
final class Format {
  private Format() {}

  static double round(double v) {
    return round(v, 2);
  }

  static double round(double v, int places) {
    if (!Double.isFinite(v)) {
      return v;
    }
    double f = Math.pow(10, places);
    double r = Math.round(v * f) / f;
    return r == 0 ? 0.0 : r;
  }

  /** A p-value for people: "<0.001", "0.012", "0.34", or "–" when undefined. */
  static String p(double p) {
    if (Double.isNaN(p)) {
      return "–";
    }
    if (p < 0.001) {
      return "<0.001";
    }
    return p < 0.01 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.2f", p);
  }
}
