package dev.segmint.report;

import dev.segmint.internal.Numbers;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hand-written SVG charts for the HTML report. Every text taken from data goes through {@link Html#escape}; charts
 * use no scripts, fonts or images, only inline SVG elements, and carry {@code <title>} tooltips.
 */
final class Charts {
  private Charts() {}

  static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
      "#ff9da7", "#9c755f", "#bab0ac"};

  static String color(int segment) {
    return segment < 0 ? "#9a9a9a" : PALETTE[segment % PALETTE.length];
  }

  private static String open(int w, int h, String label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w
        + "\" height=\"" + h + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\" class=\"chart\">";
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Nice tick values covering [lo, hi], about {@code count} of them. */
  static double[] ticks(double lo, double hi, int count) {
    if (!(hi > lo)) {
      return new double[] {lo};
    }
    double raw = (hi - lo) / Math.max(1, count);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    double start = Math.ceil(lo / step - 1e-9) * step;
    List<Double> t = new ArrayList<>();
    for (double v = start; v <= hi + step * 1e-9; v += step) {
      t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ------------------------------------------------------------------ segment sizes

  static String sizes(SegmentProfiles profiles) {
    List<SegmentProfile> segs = profiles.segments();
    long max = 1;
    for (SegmentProfile p : segs) {
      max = Math.max(max, p.size());
    }
    int w = 760;
    int rowH = 44;
    int h = segs.size() * rowH + 8;
    StringBuilder s = new StringBuilder(open(w, h, "segment sizes"));
    int y = 4;
    for (SegmentProfile p : segs) {
      double bw = Math.max(2, 520.0 * p.size() / max);
      String label = (p.isNoise() ? "noise" : "Segment " + p.segment()) + " · " + p.name();
      s.append("<g><title>").append(Html.escape(label)).append(String.format(Locale.ROOT, ": %,d customers (%.1f%%)",
          p.size(), 100 * p.share())).append("</title>");
      s.append("<text x=\"0\" y=\"").append(y + 13).append("\" class=\"lbl\">").append(Html.escape(label))
          .append("</text>");
      s.append("<rect x=\"0\" y=\"").append(y + 19).append("\" width=\"").append(f(bw)).append("\" height=\"18\" rx=\"2\" fill=\"")
          .append(color(p.segment())).append("\"/>");
      s.append("<text x=\"").append(f(bw + 8)).append("\" y=\"").append(y + 33).append("\" class=\"num\">")
          .append(String.format(Locale.ROOT, "%,d (%.1f%%)", p.size(), 100 * p.share())).append("</text></g>");
      y += rowH;
    }
    return s.append("</svg>").toString();
  }

  // ------------------------------------------------------------------ value per segment

  /**
   * Per segment two bars: its share of the customers (grey) and its share of the predicted value (the segment's
   * colour), from the most valuable segment down; the numbers beside the bars.
   */
  static String valueShares(SegmentValues v) {
    List<SegmentValues.Segment> segs = v.byValue();
    int w = 760;
    int rowH = 58;
    int h = segs.size() * rowH + 30;
    StringBuilder s = new StringBuilder(open(w, h, "share of customers and of value per segment"));
    s.append("<rect x=\"0\" y=\"4\" width=\"12\" height=\"10\" fill=\"#bab0ac\"/><text x=\"16\" y=\"13\" "
        + "class=\"small\">share of the customers</text><rect x=\"170\" y=\"4\" width=\"12\" height=\"10\" "
        + "fill=\"#4e79a7\"/><text x=\"186\" y=\"13\" class=\"small\">share of the predicted value (in the segment's colour)</text>");
    int y = 26;
    for (SegmentValues.Segment g : segs) {
      double customerShare = v.customers() == 0 ? 0 : g.customers() / (double) v.customers();
      double valueShare = Double.isFinite(g.share()) ? Math.max(0, g.share()) : 0;
      String label = (g.segment() < 0 ? "noise" : "Segment " + g.segment()) + (g.name().isEmpty() ? "" : " · "
          + g.name());
      s.append("<g class=\"value\"><title>").append(Html.escape(label)).append(": ")
          .append(Html.escape(Numbers.pct(customerShare))).append(" of the customers, ")
          .append(Html.escape(Numbers.pct(g.share()))).append(" of the value</title>");
      s.append("<text x=\"0\" y=\"").append(y + 12).append("\" class=\"lbl\">").append(Html.escape(label))
          .append("</text>");
      double cw = Math.max(1, 520 * customerShare);
      double vw = Math.max(1, 520 * valueShare);
      s.append("<rect x=\"0\" y=\"").append(y + 17).append("\" width=\"").append(f(cw))
          .append("\" height=\"13\" rx=\"2\" fill=\"#bab0ac\"/>");
      s.append("<text x=\"").append(f(cw + 6)).append("\" y=\"").append(y + 28).append("\" class=\"small\">")
          .append(Html.escape(Numbers.pct(customerShare))).append("</text>");
      s.append("<rect x=\"0\" y=\"").append(y + 33).append("\" width=\"").append(f(vw))
          .append("\" height=\"13\" rx=\"2\" fill=\"").append(color(g.segment())).append("\"/>");
      s.append("<text x=\"").append(f(vw + 6)).append("\" y=\"").append(y + 44).append("\" class=\"num\">")
          .append(Html.escape(Numbers.pct(g.share()) + " · CLV " + Numbers.num(g.totalClv()))).append("</text></g>");
      y += rowH;
    }
    return s.append("</svg>").toString();
  }

  /**
   * The calibration/holdout plot of the BG/NBD papers: mean actual (solid) and predicted (dashed) repeat purchases in
   * the holdout period per calibration-frequency bucket; buckets without customers are skipped.
   */
  static String holdout(String[] buckets, double[] actual, double[] predicted, String title) {
    int w = 620;
    int h = 330;
    int ml = 60;
    int mr = 16;
    int mt = 46;
    int mb = 46;
    int n = buckets.length;
    double y1 = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(actual[i])) {
        y1 = Math.max(y1, actual[i]);
      }
      if (Double.isFinite(predicted[i])) {
        y1 = Math.max(y1, predicted[i]);
      }
    }
    if (!(y1 > 0)) {
      y1 = 1;
    }
    Axis ax = new Axis(-0.5, n - 0.5, ml, w - mr);
    Axis ay = new Axis(0, y1 * 1.08, h - mb, mt);
    StringBuilder s = new StringBuilder(open(w, h, title));
    s.append("<text x=\"0\" y=\"16\" class=\"lbl\" font-weight=\"600\">").append(Html.escape(title)).append("</text>");
    s.append("<line x1=\"").append(ml).append("\" x2=\"").append(ml + 24).append("\" y1=\"31\" y2=\"31\" stroke=\"#4e79a7\" "
        + "stroke-width=\"2\"/><text x=\"").append(ml + 30).append("\" y=\"35\" class=\"small\">actual</text>");
    s.append("<line x1=\"").append(ml + 100).append("\" x2=\"").append(ml + 124).append("\" y1=\"31\" y2=\"31\" "
        + "stroke=\"#f28e2b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"").append(ml + 130)
        .append("\" y=\"35\" class=\"small\">predicted (BG/NBD)</text>");
    s.append("<g class=\"axis\"><rect x=\"").append(ml).append("\" y=\"").append(mt).append("\" width=\"")
        .append(w - mr - ml).append("\" height=\"").append(h - mb - mt).append("\" fill=\"#fbfbfb\" stroke=\"#d0d0d0\"/>");
    for (double t : ticks(0, y1 * 1.08, 5)) {
      double py = ay.map(t);
      s.append("<line x1=\"").append(ml).append("\" x2=\"").append(w - mr).append("\" y1=\"").append(f(py))
          .append("\" y2=\"").append(f(py)).append("\" stroke=\"#ececec\"/>");
      s.append("<text x=\"").append(ml - 6).append("\" y=\"").append(f(py + 4))
          .append("\" text-anchor=\"end\" class=\"small\">").append(Numbers.compact(t)).append("</text>");
    }
    for (int i = 0; i < n; i++) {
      s.append("<text x=\"").append(f(ax.map(i))).append("\" y=\"").append(h - mb + 15)
          .append("\" text-anchor=\"middle\" class=\"small\">").append(Html.escape(buckets[i])).append("</text>");
    }
    s.append("<text x=\"").append(f((ml + w - mr) / 2.0)).append("\" y=\"").append(h - mb + 34)
        .append("\" text-anchor=\"middle\" class=\"lbl\">repeat purchases in the calibration period</text>");
    s.append("<text transform=\"translate(").append(ml - 40).append(' ').append(f((h - mb + mt) / 2.0))
        .append(") rotate(-90)\" text-anchor=\"middle\" class=\"lbl\">mean purchases in the holdout</text></g>");
    for (int series = 0; series < 2; series++) {
      double[] y = series == 0 ? actual : predicted;
      String color = series == 0 ? "#4e79a7" : "#f28e2b";
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(y[i])) {
          d.append(d.length() == 0 ? "M" : "L").append(f(ax.map(i))).append(' ').append(f(ay.map(y[i])));
        }
      }
      s.append("<path class=\"").append(series == 0 ? "actual" : "predicted").append("\" d=\"").append(d)
          .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
          .append(series == 0 ? "" : " stroke-dasharray=\"5 3\"").append("/>");
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(y[i])) {
          s.append("<circle cx=\"").append(f(ax.map(i))).append("\" cy=\"").append(f(ay.map(y[i])))
              .append("\" r=\"3.5\" fill=\"").append(color).append("\"><title>")
              .append(Html.escape(buckets[i] + ": " + (series == 0 ? "actual " : "predicted ") + Numbers.num(y[i])))
              .append("</title></circle>");
        }
      }
    }
    return s.append("</svg>").toString();
  }

  // ------------------------------------------------------------------ z-score heatmap

  /**
   * The z-score heatmap, features by segments, coloured by what a deviation means for the business: green better,
   * red worse ({@link Direction}), grey for features without a direction. Column names are rotated and shortened
   * (the full name in a {@code <title>}) so that they never overlap. Each cell carries the class "better", "worse"
   * or "neutral".
   */
  static String heatmap(SegmentProfiles profiles, java.util.function.Function<String, Direction> direction) {
    List<String> features = profiles.numericFeatures();
    List<SegmentProfile> segs = profiles.segments();
    int labelW = 110;
    int cellW = Math.max(64, Math.min(130, 640 / Math.max(1, features.size())));
    int cellH = 34;
    int maxLabel = 18;
    int longest = 0;
    for (String f : features) {
      longest = Math.max(longest, Math.min(maxLabel, f.length()));
    }
    // labels rotated by −40°: about 7 px per character, of which sin 40° ≈ 0.64 goes up
    int top = 16 + (int) Math.ceil(longest * 7 * 0.65);
    int w = labelW + cellW * features.size() + 10 + (int) Math.ceil(longest * 7 * 0.77 / 2);
    int h = top + cellH * segs.size() + 46;
    StringBuilder s = new StringBuilder(open(w, h, "segment means against all customers, better or worse for the "
        + "business, features by segments"));
    for (int j = 0; j < features.size(); j++) {
      double cx = labelW + cellW * (j + 0.5);
      Direction d = direction.apply(features.get(j));
      String how = d == Direction.LOWER_IS_BETTER ? "lower is better" : d == Direction.HIGHER_IS_BETTER
          ? "higher is better" : "no better direction";
      s.append("<text x=\"").append(f(cx)).append("\" y=\"").append(top - 8)
          .append("\" text-anchor=\"start\" transform=\"rotate(-40 ").append(f(cx)).append(' ').append(top - 8)
          .append(")\" class=\"lbl\">").append(Html.escape(shorten(features.get(j), maxLabel)))
          .append("<title>").append(Html.escape(features.get(j) + " (" + how + ")")).append("</title></text>");
    }
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      int y = top + i * cellH;
      s.append("<rect x=\"0\" y=\"").append(y + 9).append("\" width=\"12\" height=\"12\" rx=\"2\" fill=\"")
          .append(color(p.segment())).append("\"/>");
      s.append("<text x=\"18\" y=\"").append(y + 20).append("\" class=\"lbl\">")
          .append(p.isNoise() ? "noise" : "Segment " + p.segment()).append("<title>").append(Html.escape(p.name()))
          .append("</title></text>");
      for (int j = 0; j < features.size(); j++) {
        NumericProfile np = p.numeric(features.get(j));
        double z = np.zScore();
        Direction d = direction.apply(features.get(j));
        String cls = d.cssClass(z);
        int x = labelW + j * cellW;
        s.append("<g><title>").append(Html.escape(String.format(Locale.ROOT,
            "segment %s, %s: mean %s (all customers %s), z = %.2f, %s for the business", p.label(), features.get(j),
            Numbers.num(np.mean()), Numbers.num(profiles.population().get(features.get(j)).mean()), z,
            cls.equals("neutral") ? (d == Direction.NEUTRAL ? "no better direction" : "about average") : cls)))
            .append("</title>");
        s.append("<rect class=\"").append(cls).append("\" x=\"").append(x + 1).append("\" y=\"").append(y + 1)
            .append("\" width=\"").append(cellW - 2).append("\" height=\"").append(cellH - 2).append("\" fill=\"")
            .append(d == Direction.NEUTRAL ? neutral(z) : diverging(d.goodness(z))).append("\"/>");
        s.append("<text x=\"").append(f(x + cellW / 2.0)).append("\" y=\"").append(y + 21)
            .append("\" text-anchor=\"middle\" class=\"num\" fill=\"").append(Math.abs(z) > 1.3 ? "#fff" : "#222")
            .append("\">").append(Double.isNaN(z) ? "–" : String.format(Locale.ROOT, "%+.2f", z)).append("</text></g>");
      }
    }
    // legend
    int ly = top + segs.size() * cellH + 16;
    int lx = labelW;
    for (int i = 0; i <= 8; i++) {
      double g = -2 + i * 0.5;
      s.append("<rect x=\"").append(lx + i * 26).append("\" y=\"").append(ly).append("\" width=\"26\" height=\"10\" fill=\"")
          .append(diverging(g)).append("\"/>");
    }
    s.append("<text x=\"").append(lx).append("\" y=\"").append(ly + 24).append("\" class=\"small\">worse</text>");
    s.append("<text x=\"").append(lx + 117).append("\" y=\"").append(ly + 24)
        .append("\" text-anchor=\"middle\" class=\"small\">average</text>");
    s.append("<text x=\"").append(lx + 234).append("\" y=\"").append(ly + 24)
        .append("\" text-anchor=\"end\" class=\"small\">better</text>");
    s.append("<rect x=\"").append(lx + 260).append("\" y=\"").append(ly).append("\" width=\"26\" height=\"10\" fill=\"")
        .append(neutral(1.5)).append("\"/>");
    s.append("<text x=\"").append(lx + 292).append("\" y=\"").append(ly + 9)
        .append("\" class=\"small\">no better direction</text>");
    return s.append("</svg>").toString();
  }

  /** Red (worse) – white – green (better), saturating at 2 standard deviations. */
  static String diverging(double goodness) {
    if (Double.isNaN(goodness)) {
      return "#eeeeee";
    }
    double t = Math.max(-1, Math.min(1, goodness / 2));
    int[] lo = {178, 24, 43};
    int[] hi = {27, 120, 55};
    int[] mid = {247, 247, 247};
    int[] c = t < 0 ? lo : hi;
    double a = Math.abs(t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(mid[0] + (c[0] - mid[0]) * a),
        (int) Math.round(mid[1] + (c[1] - mid[1]) * a), (int) Math.round(mid[2] + (c[2] - mid[2]) * a));
  }

  /** White – slate grey by |z|, saturating at 2: distance from the average without a judgement. */
  static String neutral(double z) {
    if (Double.isNaN(z)) {
      return "#eeeeee";
    }
    double a = Math.min(1, Math.abs(z) / 2);
    int[] hi = {87, 96, 106};
    int[] mid = {247, 247, 247};
    return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(mid[0] + (hi[0] - mid[0]) * a),
        (int) Math.round(mid[1] + (hi[1] - mid[1]) * a), (int) Math.round(mid[2] + (hi[2] - mid[2]) * a));
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
  }

  // ------------------------------------------------------------------ PCA scatter

  static String scatter(Projection p, SegmentProfiles profiles) {
    int w = 720;
    int h = 470;
    int ml = 56;
    int mr = 190;
    int mt = 14;
    int mb = 46;
    double[] x = p.x();
    double[] y = p.y();
    int[] labels = p.labels();
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, y[i]);
      y1 = Math.max(y1, y[i]);
    }
    if (!(x1 > x0)) {
      x0 -= 1;
      x1 += 1;
    }
    if (!(y1 > y0)) {
      y0 -= 1;
      y1 += 1;
    }
    double padX = (x1 - x0) * 0.04;
    double padY = (y1 - y0) * 0.04;
    x0 -= padX;
    x1 += padX;
    y0 -= padY;
    y1 += padY;
    Axis ax = new Axis(x0, x1, ml, w - mr);
    Axis ay = new Axis(y0, y1, h - mb, mt);
    double[] ex = p.explained();
    StringBuilder s = new StringBuilder(open(w, h, "segments on the first two principal components"));
    s.append(frame(ax, ay, String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * ex[0]),
        String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * ex[1])));
    s.append("<g fill-opacity=\"0.55\">");
    for (int i = 0; i < x.length; i++) {
      s.append("<circle cx=\"").append(f(ax.map(x[i]))).append("\" cy=\"").append(f(ay.map(y[i])))
          .append("\" r=\"2.2\" fill=\"").append(color(labels[i])).append("\"/>");
    }
    s.append("</g>");
    int[] cl = p.centreLabels();
    double[][] cc = p.centres();
    for (int c = 0; c < cl.length; c++) {
      if (cl[c] < 0) {
        continue;
      }
      double cx = ax.map(cc[c][0]);
      double cy = ay.map(cc[c][1]);
      s.append("<g><title>").append(Html.escape("centre of segment " + cl[c] + ": " + name(profiles, cl[c])))
          .append("</title><circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy))
          .append("\" r=\"11\" fill=\"#fff\" stroke=\"").append(color(cl[c])).append("\" stroke-width=\"3\"/>")
          .append("<text x=\"").append(f(cx)).append("\" y=\"").append(f(cy + 4))
          .append("\" text-anchor=\"middle\" class=\"num\" font-weight=\"700\">").append(cl[c]).append("</text></g>");
    }
    // legend
    int ly = mt + 6;
    for (int c = 0; c < cl.length; c++) {
      s.append("<circle cx=\"").append(w - mr + 20).append("\" cy=\"").append(ly + 5).append("\" r=\"5\" fill=\"")
          .append(color(cl[c])).append("\"/><text x=\"").append(w - mr + 30).append("\" y=\"").append(ly + 9)
          .append("\" class=\"small\">").append(cl[c] < 0 ? "noise" : "Segment " + cl[c]).append("<title>")
          .append(Html.escape(name(profiles, cl[c]))).append("</title></text>");
      ly += 18;
    }
    ly += 8;
    String[] feats = p.features();
    double[][] comp = p.components();
    s.append("<text x=\"").append(w - mr + 14).append("\" y=\"").append(ly + 8).append("\" class=\"small\" font-weight=\"600\">loadings (PC1, PC2)</text>");
    ly += 14;
    for (int j = 0; j < feats.length && j < 12; j++) {
      s.append("<text x=\"").append(w - mr + 14).append("\" y=\"").append(ly + 8).append("\" class=\"small\">")
          .append(Html.escape(shorten(feats[j], 16))).append(String.format(Locale.ROOT, " %+.2f, %+.2f", comp[0][j],
              comp[1][j])).append("</text>");
      ly += 14;
    }
    return s.append("</svg>").toString();
  }

  private static String name(SegmentProfiles profiles, int label) {
    for (SegmentProfile p : profiles.segments()) {
      if (p.segment() == label) {
        return p.name();
      }
    }
    return "";
  }

  /** A linear axis mapping data [lo, hi] to pixels [p0, p1] (p1 may be above p0 for a y axis). */
  record Axis(double lo, double hi, double p0, double p1) {
    double map(double v) {
      return p0 + (v - lo) / (hi - lo) * (p1 - p0);
    }
  }

  private static String frame(Axis ax, Axis ay, String xLabel, String yLabel) {
    StringBuilder s = new StringBuilder("<g class=\"axis\">");
    double left = ax.p0();
    double right = ax.p1();
    double bottom = ay.p0();
    double topY = ay.p1();
    s.append("<rect x=\"").append(f(left)).append("\" y=\"").append(f(topY)).append("\" width=\"").append(f(right - left))
        .append("\" height=\"").append(f(bottom - topY)).append("\" fill=\"#fbfbfb\" stroke=\"#d0d0d0\"/>");
    for (double t : ticks(ax.lo(), ax.hi(), 6)) {
      double px = ax.map(t);
      s.append("<line x1=\"").append(f(px)).append("\" x2=\"").append(f(px)).append("\" y1=\"").append(f(topY))
          .append("\" y2=\"").append(f(bottom)).append("\" stroke=\"#ececec\"/>");
      s.append("<text x=\"").append(f(px)).append("\" y=\"").append(f(bottom + 15))
          .append("\" text-anchor=\"middle\" class=\"small\">").append(Numbers.compact(t)).append("</text>");
    }
    for (double t : ticks(ay.lo(), ay.hi(), 5)) {
      double py = ay.map(t);
      s.append("<line x1=\"").append(f(left)).append("\" x2=\"").append(f(right)).append("\" y1=\"").append(f(py))
          .append("\" y2=\"").append(f(py)).append("\" stroke=\"#ececec\"/>");
      s.append("<text x=\"").append(f(left - 6)).append("\" y=\"").append(f(py + 4))
          .append("\" text-anchor=\"end\" class=\"small\">").append(Numbers.compact(t)).append("</text>");
    }
    s.append("<text x=\"").append(f((left + right) / 2)).append("\" y=\"").append(f(bottom + 34))
        .append("\" text-anchor=\"middle\" class=\"lbl\">").append(Html.escape(xLabel)).append("</text>");
    s.append("<text transform=\"translate(").append(f(left - 40)).append(' ').append(f((bottom + topY) / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\" class=\"lbl\">").append(Html.escape(yLabel)).append("</text>");
    return s.append("</g>").toString();
  }

  // ------------------------------------------------------------------ box plots

  /** One panel per numeric feature: per segment a box (q1–q3), median, mean, whiskers p5–p95. */
  static String boxplot(SegmentProfiles profiles, String feature) {
    List<SegmentProfile> segs = profiles.segments();
    NumericSummary pop = profiles.population().get(feature);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double minPositive = Double.POSITIVE_INFINITY;
    for (SegmentProfile p : segs) {
      NumericSummary s = p.numeric(feature).stats();
      if (s.count() == 0) {
        continue;
      }
      lo = Math.min(lo, s.p05());
      hi = Math.max(hi, s.p95());
      if (s.q1() > 0) {
        minPositive = Math.min(minPositive, s.q1());
      }
    }
    if (!Double.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    boolean log = lo >= 0 && hi > 0 && Double.isFinite(minPositive) && hi / Math.max(minPositive, 1e-12) > 20;
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    int w = 520;
    int ml = 70;
    int mr = 14;
    int rowH = 24;
    int top = 26;
    int h = top + rowH * segs.size() + 34;
    double tlo = log ? Math.log10(1 + lo) : lo;
    double thi = log ? Math.log10(1 + hi) : hi;
    double pad = (thi - tlo) * 0.03;
    Axis ax = new Axis(tlo - pad, thi + pad, ml, w - mr);
    StringBuilder s = new StringBuilder(open(w, h, "distribution of " + feature + " by segment"));
    s.append("<text x=\"0\" y=\"14\" class=\"lbl\" font-weight=\"600\">").append(Html.escape(feature))
        .append("</text><text x=\"").append(w - mr).append("\" y=\"14\" text-anchor=\"end\" class=\"small\">")
        .append(log ? "log scale" : "").append("</text>");
    double bottom = top + rowH * segs.size();
    double[] tickValues;
    if (log) {
      List<Double> t = new ArrayList<>();
      t.add(0.0);
      for (double v = 1; v <= hi * 1.0001; v *= 10) {
        t.add(v);
      }
      tickValues = t.stream().mapToDouble(Double::doubleValue).filter(v -> Math.log10(1 + v) >= ax.lo()).toArray();
    } else {
      tickValues = ticks(ax.lo(), ax.hi(), 4);
    }
    for (double t : tickValues) {
      double px = ax.map(log ? Math.log10(1 + t) : t);
      if (px < ml - 0.5 || px > w - mr + 0.5) {
        continue;
      }
      s.append("<line x1=\"").append(f(px)).append("\" x2=\"").append(f(px)).append("\" y1=\"").append(top)
          .append("\" y2=\"").append(f(bottom)).append("\" stroke=\"#ececec\"/>");
      s.append("<text x=\"").append(f(px)).append("\" y=\"").append(f(bottom + 14))
          .append("\" text-anchor=\"middle\" class=\"small\">").append(Numbers.compact(t)).append("</text>");
    }
    if (pop != null && pop.count() > 0) {
      double pm = ax.map(log ? Math.log10(1 + Math.max(0, pop.median())) : pop.median());
      s.append("<line x1=\"").append(f(pm)).append("\" x2=\"").append(f(pm)).append("\" y1=\"").append(top - 2)
          .append("\" y2=\"").append(f(bottom)).append("\" stroke=\"#888\" stroke-dasharray=\"3 3\"><title>")
          .append(Html.escape("median of all customers: " + Numbers.num(pop.median()))).append("</title></line>");
    }
    for (int i = 0; i < segs.size(); i++) {
      SegmentProfile p = segs.get(i);
      NumericSummary st = p.numeric(feature).stats();
      double cy = top + rowH * (i + 0.5);
      s.append("<text x=\"").append(ml - 8).append("\" y=\"").append(f(cy + 4))
          .append("\" text-anchor=\"end\" class=\"small\">").append(p.isNoise() ? "noise" : "seg " + p.segment())
          .append("</text>");
      if (st.count() == 0) {
        continue;
      }
      double[] v = {st.p05(), st.q1(), st.median(), st.q3(), st.p95(), st.mean()};
      double[] px = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        double t = log ? Math.log10(1 + Math.max(0, v[k])) : v[k];
        px[k] = Math.max(ml, Math.min(w - mr, ax.map(t)));
      }
      String c = color(p.segment());
      s.append("<g><title>").append(Html.escape(String.format(Locale.ROOT,
          "segment %s, %s: p5 %s, q1 %s, median %s, q3 %s, p95 %s, mean %s", p.label(), feature, Numbers.num(st.p05()),
          Numbers.num(st.q1()), Numbers.num(st.median()), Numbers.num(st.q3()), Numbers.num(st.p95()), Numbers.num(st.mean()))))
          .append("</title>");
      s.append("<line x1=\"").append(f(px[0])).append("\" x2=\"").append(f(px[4])).append("\" y1=\"").append(f(cy))
          .append("\" y2=\"").append(f(cy)).append("\" stroke=\"").append(c).append("\" stroke-width=\"1.5\"/>");
      for (int k : new int[] {0, 4}) {
        s.append("<line x1=\"").append(f(px[k])).append("\" x2=\"").append(f(px[k])).append("\" y1=\"").append(f(cy - 5))
            .append("\" y2=\"").append(f(cy + 5)).append("\" stroke=\"").append(c).append("\" stroke-width=\"1.5\"/>");
      }
      s.append("<rect x=\"").append(f(px[1])).append("\" y=\"").append(f(cy - 8)).append("\" width=\"")
          .append(f(Math.max(1.5, px[3] - px[1]))).append("\" height=\"16\" fill=\"").append(c)
          .append("\" fill-opacity=\"0.35\" stroke=\"").append(c).append("\"/>");
      s.append("<line x1=\"").append(f(px[2])).append("\" x2=\"").append(f(px[2])).append("\" y1=\"").append(f(cy - 8))
          .append("\" y2=\"").append(f(cy + 8)).append("\" stroke=\"#222\" stroke-width=\"2\"/>");
      s.append("<path d=\"M").append(f(px[5])).append(' ').append(f(cy - 4)).append("l4 4l-4 4l-4 -4z\" fill=\"#222\"/>");
      s.append("</g>");
    }
    return s.append("</svg>").toString();
  }

  // ------------------------------------------------------------------ line charts (elbow, silhouette, k-distance)

  /**
   * A line chart of y over x with dots, an optional vertical marker at {@code markX} and horizontal marker at
   * {@code markY} (NaN for none).
   */
  static String line(String title, double[] x, double[] y, String xLabel, String yLabel, double markX, String markXLabel,
      double markY, String markYLabel, boolean dots, String color) {
    int w = 520;
    int h = 300;
    int ml = 60;
    int mr = 16;
    int mt = 30;
    int mb = 46;
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(y[i])) {
        continue;
      }
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, y[i]);
      y1 = Math.max(y1, y[i]);
    }
    if (Double.isFinite(markY)) {
      y0 = Math.min(y0, markY);
      y1 = Math.max(y1, markY);
    }
    if (!Double.isFinite(x0)) {
      x0 = 0;
      x1 = 1;
      y0 = 0;
      y1 = 1;
    }
    if (!(x1 > x0)) {
      x1 = x0 + 1;
    }
    if (!(y1 > y0)) {
      y1 = y0 + 1;
    }
    double py = (y1 - y0) * 0.06;
    Axis ax = new Axis(x0, x1, ml, w - mr);
    Axis ay = new Axis(y0 - py, y1 + py, h - mb, mt);
    StringBuilder s = new StringBuilder(open(w, h, title));
    s.append("<text x=\"0\" y=\"16\" class=\"lbl\" font-weight=\"600\">").append(Html.escape(title)).append("</text>");
    s.append(frame(ax, ay, xLabel, yLabel));
    if (Double.isFinite(markX)) {
      double px = ax.map(markX);
      s.append("<line x1=\"").append(f(px)).append("\" x2=\"").append(f(px)).append("\" y1=\"").append(mt)
          .append("\" y2=\"").append(h - mb).append("\" stroke=\"#e15759\" stroke-dasharray=\"4 3\"/>");
      s.append("<text x=\"").append(f(px + 4)).append("\" y=\"").append(mt + 12).append("\" class=\"small\" fill=\"#c03030\">")
          .append(Html.escape(markXLabel)).append("</text>");
    }
    if (Double.isFinite(markY)) {
      double pyy = ay.map(markY);
      s.append("<line x1=\"").append(ml).append("\" x2=\"").append(w - mr).append("\" y1=\"").append(f(pyy))
          .append("\" y2=\"").append(f(pyy)).append("\" stroke=\"#e15759\" stroke-dasharray=\"4 3\"/>");
      s.append("<text x=\"").append(ml + 4).append("\" y=\"").append(f(pyy - 4)).append("\" class=\"small\" fill=\"#c03030\">")
          .append(Html.escape(markYLabel)).append("</text>");
    }
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(y[i])) {
        continue;
      }
      d.append(d.length() == 0 ? "M" : "L").append(f(ax.map(x[i]))).append(' ').append(f(ay.map(y[i])));
    }
    s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
    if (dots) {
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(y[i])) {
          s.append("<circle cx=\"").append(f(ax.map(x[i]))).append("\" cy=\"").append(f(ay.map(y[i])))
              .append("\" r=\"3.5\" fill=\"").append(color).append("\"><title>")
              .append(Html.escape(Numbers.compact(x[i]) + ": " + Numbers.num(y[i]))).append("</title></circle>");
        }
      }
    }
    return s.append("</svg>").toString();
  }

  // ------------------------------------------------------------------ dendrogram

  /**
   * A dendrogram of a SciPy linkage matrix (rows: child a, child b, height, size), leaves on the left with labels,
   * merge heights along the x axis. With more than {@code maxLeaves} leaves only the last {@code maxLeaves − 1}
   * merges are drawn and each remaining subtree becomes one leaf labelled with its size (SciPy's
   * {@code truncate_mode="lastp"}).
   */
  static String dendrogram(double[][] z, String[] leafLabels, int maxLeaves) {
    int n = z.length + 1;
    int p = Math.min(n, maxLeaves);
    // nodes drawn: the last p − 1 merges, ids n + (n − p) .. 2n − 2
    int firstShown = n + (n - p);
    List<Integer> leaves = new ArrayList<>();
    collectLeaves(z, n, 2 * n - 2, firstShown, leaves);
    double maxH = 0;
    for (double[] row : z) {
      maxH = Math.max(maxH, row[2]);
    }
    if (!(maxH > 0)) {
      maxH = 1;
    }
    int labelW = 380;
    int w = 860;
    int rowH = 22;
    int mt = 10;
    int h = mt + rowH * leaves.size() + 44;
    Axis ax = new Axis(0, maxH * 1.04, labelW, w - 16);
    double[] yOf = new double[2 * n - 1];
    double[] xOf = new double[2 * n - 1];
    StringBuilder s = new StringBuilder(open(w, h, "dendrogram"));
    for (double t : ticks(0, maxH * 1.04, 6)) {
      double px = ax.map(t);
      s.append("<line x1=\"").append(f(px)).append("\" x2=\"").append(f(px)).append("\" y1=\"").append(mt)
          .append("\" y2=\"").append(mt + rowH * leaves.size()).append("\" stroke=\"#ececec\"/>");
      s.append("<text x=\"").append(f(px)).append("\" y=\"").append(mt + rowH * leaves.size() + 15)
          .append("\" text-anchor=\"middle\" class=\"small\">").append(Numbers.compact(t)).append("</text>");
    }
    s.append("<text x=\"").append(f((labelW + w - 16) / 2.0)).append("\" y=\"").append(mt + rowH * leaves.size() + 34)
        .append("\" text-anchor=\"middle\" class=\"lbl\">merge height</text>");
    for (int i = 0; i < leaves.size(); i++) {
      int id = leaves.get(i);
      yOf[id] = mt + rowH * (i + 0.5);
      xOf[id] = ax.map(0);
      String label;
      if (id < n) {
        label = leafLabels != null && id < leafLabels.length ? leafLabels[id] : Integer.toString(id);
      } else {
        label = "(" + (long) z[id - n][3] + ")";
      }
      s.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(f(yOf[id] + 4))
          .append("\" text-anchor=\"end\" class=\"small\">").append(Html.escape(shorten(label, 60))).append("<title>")
          .append(Html.escape(label)).append("</title></text>");
    }
    for (int r = firstShown - n; r < z.length; r++) {
      int a = (int) z[r][0];
      int b = (int) z[r][1];
      int id = n + r;
      double hx = ax.map(z[r][2]);
      xOf[id] = hx;
      yOf[id] = (yOf[a] + yOf[b]) / 2;
      s.append("<path d=\"M").append(f(xOf[a])).append(' ').append(f(yOf[a])).append("H").append(f(hx)).append("V")
          .append(f(yOf[b])).append("H").append(f(xOf[b])).append("\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"1.6\">")
          .append("<title>").append(Html.escape(String.format(Locale.ROOT, "merge at height %s, %d members",
              Numbers.num(z[r][2]), (long) z[r][3]))).append("</title></path>");
    }
    return s.append("</svg>").toString();
  }

  /** Leaves in SciPy's order (left child first) of the drawn tree; nodes below {@code firstShown} are leaves. */
  private static void collectLeaves(double[][] z, int n, int node, int firstShown, List<Integer> out) {
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      int id = stack.pop();
      if (id < n || id < firstShown) {
        out.add(id);
        continue;
      }
      double[] row = z[id - n];
      stack.push((int) row[1]);
      stack.push((int) row[0]);
    }
  }

  /** Checks a SciPy linkage matrix: n − 1 rows of 4 finite values, children that exist, heights ≥ 0. */
  static double[][] checkLinkage(double[][] z) {
    if (z == null || z.length == 0) {
      throw new IllegalArgumentException("a linkage matrix needs at least one merge row");
    }
    int n = z.length + 1;
    double[][] c = new double[z.length][];
    boolean[] used = new boolean[2 * n - 1];
    for (int r = 0; r < z.length; r++) {
      if (z[r] == null || z[r].length != 4) {
        throw new IllegalArgumentException("linkage row " + r + " must have 4 values (a, b, height, size), SciPy style");
      }
      for (int j = 0; j < 2; j++) {
        double v = z[r][j];
        if (v != Math.rint(v) || v < 0 || v >= n + r) {
          throw new IllegalArgumentException("linkage row " + r + " merges cluster " + v + ", which does not exist yet "
              + "(clusters 0.." + (n - 1) + " are leaves, n + i is the cluster of row i)");
        }
        if (used[(int) v]) {
          throw new IllegalArgumentException("linkage row " + r + " merges cluster " + (int) v + " a second time");
        }
        used[(int) v] = true;
      }
      if (!(z[r][2] >= 0) || !Double.isFinite(z[r][2])) {
        throw new IllegalArgumentException("linkage row " + r + " has height " + z[r][2] + "; heights are finite and ≥ 0");
      }
      c[r] = z[r].clone();
    }
    return c;
  }

  static double[] indexes(int n) {
    double[] x = new double[n];
    Arrays.setAll(x, i -> i + 1);
    return x;
  }
}
