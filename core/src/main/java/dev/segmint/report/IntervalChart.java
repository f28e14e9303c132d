package dev.segmint.report;

import java.util.List;
import java.util.Locale;

/**
 * A dot-and-whisker chart as inline SVG: one row per item with its estimate (a dot) and interval (a whisker), and a
 * line at zero; used for the lift per segment of a campaign. Labels pass through {@link Html#escape}; the chart uses
 * no scripts, fonts or images and carries a {@code <title>} tooltip per row. O(rows) time. Rows whose estimate is
 * NaN are listed with "no data"; a NaN interval draws the dot alone.
 */
public final class IntervalChart {
  private IntervalChart() {}

  /**
   * The chart.
   *
   * @param label the accessible name of the chart
   * @param rows the row labels, top to bottom
   * @param values per row {estimate, low, high} (NaN where undefined)
   * @param axis the x-axis title
   */
  public static String svg(String label, List<String> rows, List<double[]> values, String axis) {
    if (rows.size() != values.size()) {
      throw new IllegalArgumentException(rows.size() + " labels but " + values.size() + " values");
    }
    double lo = 0;
    double hi = 0;
    for (double[] v : values) {
      for (double x : v) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    int left = 190;
    int width = 760;
    int plot = width - left - 30;
    int rowH = 28;
    int top = 10;
    int height = top + rows.size() * rowH + 50;
    double l = lo;
    double span = hi - lo;
    java.util.function.DoubleUnaryOperator x = v -> left + plot * (v - l) / span;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(label)).append("\" class=\"chart\">");
    int bottom = top + rows.size() * rowH;
    for (double t : Charts.ticks(lo, hi, 6)) {
      String tx = Charts.f(x.applyAsDouble(t));
      s.append("<line x1=\"").append(tx).append("\" y1=\"").append(top).append("\" x2=\"").append(tx).append("\" y2=\"")
          .append(bottom).append("\" stroke=\"#eaeef2\"/>");
      s.append("<text x=\"").append(tx).append("\" y=\"").append(bottom + 16).append("\" text-anchor=\"middle\">")
          .append(Html.escape(dev.segmint.internal.Numbers.compact(t))).append("</text>");
    }
    String zx = Charts.f(x.applyAsDouble(0));
    s.append("<line class=\"zero\" x1=\"").append(zx).append("\" y1=\"").append(top).append("\" x2=\"").append(zx)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#1f2328\" stroke-dasharray=\"4 3\"/>");
    for (int i = 0; i < rows.size(); i++) {
      double[] v = values.get(i);
      double y = top + i * rowH + rowH / 2.0;
      String name = Html.escape(Charts.shorten(rows.get(i), 28));
      boolean ok = Double.isFinite(v[0]);
      String color = !ok ? "#9a9a9a" : v[1] > 0 ? "#1a7f37" : v[2] < 0 ? "#cf222e" : "#59636e";
      s.append("<g><title>").append(Html.escape(rows.get(i))).append(": ")
          .append(ok ? String.format(Locale.ROOT, "%+.2f (%+.2f to %+.2f)", v[0], v[1], v[2]) : "no data")
          .append("</title>");
      s.append("<text x=\"").append(left - 10).append("\" y=\"").append(Charts.f(y + 4))
          .append("\" text-anchor=\"end\">").append(name).append("</text>");
      if (ok && Double.isFinite(v[1]) && Double.isFinite(v[2])) {
        s.append("<line x1=\"").append(Charts.f(x.applyAsDouble(v[1]))).append("\" y1=\"").append(Charts.f(y))
            .append("\" x2=\"").append(Charts.f(x.applyAsDouble(v[2]))).append("\" y2=\"").append(Charts.f(y))
            .append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
      }
      if (ok) {
        s.append("<circle cx=\"").append(Charts.f(x.applyAsDouble(v[0]))).append("\" cy=\"").append(Charts.f(y))
            .append("\" r=\"5\" fill=\"").append(color).append("\"/>");
      } else {
        s.append("<text x=\"").append(left + 4).append("\" y=\"").append(Charts.f(y + 4)).append("\" fill=\"#9a9a9a\">"
            + "no data</text>");
      }
      s.append("</g>");
    }
    s.append("<text x=\"").append(left + plot / 2).append("\" y=\"").append(bottom + 38)
        .append("\" text-anchor=\"middle\">").append(Html.escape(axis)).append("</text></svg>");
    return s.toString();
  }
}
