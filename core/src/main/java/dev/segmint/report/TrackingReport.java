package dev.segmint.report;

import dev.segmint.cycle.Psi;
import dev.segmint.cycle.Tracking;
import dev.segmint.internal.AtomicFiles;
import dev.segmint.internal.Numbers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report of a {@link Tracking}: the refit verdict, the segment shares over time (stacked bars), the
 * migrations as an alluvial (Sankey) diagram, the biggest flows in words with example customers, and the drift
 * table. One self-contained file: inline SVG and CSS, no scripts, fonts, images or network (the same
 * Content-Security-Policy as the segmentation report); every value from data is escaped ({@link Html#escape}).
 * O(snapshots · segments² + movers) time.
 */
public final class TrackingReport {
  private TrackingReport() {}

  /** The number of flows named in words per pair of dates. */
  static final int FLOWS_IN_WORDS = 5;

  /** Writes the report atomically (a temporary file moved into place). */
  public static void write(Tracking t, Path file) throws IOException {
    AtomicFiles.writeString(file, html(t));
  }

  /** The report as one HTML document. */
  public static String html(Tracking t) {
    StringBuilder h = new StringBuilder(1 << 16);
    List<LocalDate> dates = t.dates();
    String title = "Segments over time, " + dates.get(0) + " to " + dates.get(dates.size() - 1);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(HtmlReport.CSS)
        .append("\n.verdict{font-size:1.05rem;font-weight:600;padding:.7rem 1rem;border-radius:8px;margin:1rem 0}")
        .append("\n.verdict.refit{background:#ffebe9;color:#a40e26}.verdict.ok{background:#dafbe1;color:#116329}")
        .append("\n</style></head><body>\n<header><div class=\"in\"><h1>").append(Html.escape(title)).append("</h1><p>")
        .append(dates.size()).append(" snapshots, segments by ")
        .append(switch (t.mode()) {
          case RFM -> "the named RFM groups";
          case MODEL -> "a saved model";
          case REFIT -> "a refit per snapshot, labels matched to the previous snapshot";
        })
        .append(". Each snapshot holds the transactions dated strictly before its as-of date.</p></div></header>\n<main>\n");
    h.append("<div class=\"verdict ").append(t.refitRecommended() ? "refit" : "ok").append("\">")
        .append(Html.escape(t.refitReason())).append("</div>\n");
    h.append("<p class=\"lead\">Thresholds: a feature drifts when its population stability index is above ")
        .append(Numbers.sig(Psi.FLAG)).append("; a segment shifts when its share moves by more than ")
        .append(Numbers.num(Tracking.SHARE_SHIFT_POINTS)).append(" percentage points between the last two dates.</p>\n");

    h.append("<h2>Segment shares over time</h2>\n");
    shares(h, t);
    h.append("<h2>How customers moved</h2>\n<p class=\"lead\">Each band is a group of customers going from their "
        + "segment at one date (left) to their segment at the next; grey bands are new customers, with no purchase "
        + "before the earlier date. Band height is proportional to customers.</p>\n<div class=\"scroll\">");
    h.append(sankey(t)).append("</div>\n");
    h.append("<h2>The biggest flows</h2>\n");
    for (int i = 0; i < t.migrations().size(); i++) {
      Tracking.Migration m = t.migrations().get(i);
      h.append("<h3>").append(Html.escape(m.from())).append(" → ").append(Html.escape(m.to())).append("</h3>\n<ul>\n");
      List<Tracking.Flow> flows = m.flows();
      if (flows.isEmpty()) {
        h.append("<li>No customer changed segment.</li>\n");
      }
      List<Tracking.Mover> movers = t.movers().get(i);
      for (Tracking.Flow f : flows.subList(0, Math.min(FLOWS_IN_WORDS, flows.size()))) {
        h.append("<li>").append(Html.escape(f.sentence()));
        List<String> examples = new ArrayList<>();
        for (Tracking.Mover mv : movers) {
          if (mv.from() == f.from() && mv.to() == f.to() && examples.size() < 3) {
            examples.add(mv.customer());
          }
        }
        if (!examples.isEmpty()) {
          h.append(" <span class=\"small\">(e.g. customers ").append(Html.escape(String.join(", ", examples)))
              .append(")</span>");
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<h2>Drift of the RFM features</h2>\n<p class=\"lead\">Population stability index between consecutive "
        + "snapshots: 10 bins at the earlier snapshot's deciles, empty bins counted as 0.5. Below 0.1 is stable, "
        + "above 0.25 a shift worth re-examining the segments for.</p>\n<div class=\"scroll\"><table><tr><th class=\"l\">"
        + "feature</th>");
    for (Tracking.Migration m : t.migrations()) {
      h.append("<th>").append(Html.escape(m.from())).append(" → ").append(Html.escape(m.to())).append("</th>");
    }
    h.append("</tr>\n");
    for (String f : Tracking.DRIFT_FEATURES) {
      h.append("<tr><td class=\"l\">").append(Html.escape(f)).append("</td>");
      for (Tracking.Drift d : t.drift()) {
        if (d.feature().equals(f)) {
          h.append("<td").append(d.flagged() ? " style=\"color:#a40e26;font-weight:600\"" : "").append(">")
              .append(Html.escape(Tracking.psi(d.psi()))).append(d.flagged() ? " drift" : "").append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
    h.append("<footer>Segmint · segmint track · the migration, movers and segments files hold the same numbers."
        + "</footer>\n</main></body></html>\n");
    return h.toString();
  }

  private static void shares(StringBuilder h, Tracking t) {
    List<Tracking.Snapshot> snaps = t.snapshots();
    int k = t.segments().size();
    int barW = 70;
    int gap = 30;
    int plotH = 260;
    int left = 50;
    int w = left + snaps.size() * (barW + gap) + 20;
    int legendCols = Math.max(1, Math.min(3, w / 220));
    int legendH = 20 * ((k + legendCols - 1) / legendCols);
    int height = plotH + 40 + legendH;
    h.append("<div class=\"scroll\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
        .append(height).append("\" width=\"").append(w).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"segment shares per as-of date\" class=\"chart\">");
    for (int p = 0; p <= 100; p += 25) {
      double y = 10 + plotH * (1 - p / 100.0);
      h.append("<line x1=\"").append(left - 4).append("\" x2=\"").append(w - 20).append("\" y1=\"").append(Charts.f(y))
          .append("\" y2=\"").append(Charts.f(y)).append("\" stroke=\"#d8dee4\"/><text class=\"small\" x=\"")
          .append(left - 8).append("\" y=\"").append(Charts.f(y + 4)).append("\" text-anchor=\"end\">").append(p)
          .append(" %</text>");
    }
    for (int i = 0; i < snaps.size(); i++) {
      Tracking.Snapshot s = snaps.get(i);
      double[] share = s.shares();
      long[] counts = s.counts();
      double x = left + i * (barW + gap) + gap / 2.0;
      double y = 10 + plotH;
      for (int seg = 0; seg < k; seg++) {
        double bh = plotH * share[seg];
        if (bh <= 0) {
          continue;
        }
        y -= bh;
        h.append("<rect x=\"").append(Charts.f(x)).append("\" y=\"").append(Charts.f(y)).append("\" width=\"")
            .append(barW).append("\" height=\"").append(Charts.f(bh)).append("\" fill=\"").append(Charts.color(seg))
            .append("\"><title>").append(Html.escape(s.asOf() + ": " + t.segmentNames().get(seg) + ", "
                + String.format(Locale.ROOT, "%,d", counts[seg]) + " customers, " + Numbers.pct(share[seg])))
            .append("</title></rect>");
        if (bh >= 14) {
          h.append("<text class=\"small\" x=\"").append(Charts.f(x + barW / 2.0)).append("\" y=\"")
              .append(Charts.f(y + bh / 2 + 4)).append("\" text-anchor=\"middle\" style=\"fill:#fff\">")
              .append(Html.escape(Numbers.pct(share[seg]))).append("</text>");
        }
      }
      h.append("<text class=\"small\" x=\"").append(Charts.f(x + barW / 2.0)).append("\" y=\"").append(plotH + 26)
          .append("\" text-anchor=\"middle\">").append(Html.escape(s.asOf())).append("</text>");
    }
    legend(h, t, plotH + 40, w);
    h.append("</svg></div>\n");
    // the numbers, as a table
    h.append("<div class=\"scroll\"><table><tr><th class=\"l\">segment</th>");
    for (Tracking.Snapshot s : snaps) {
      h.append("<th>").append(Html.escape(s.asOf())).append("</th>");
    }
    h.append("</tr>\n<tr class=\"pop\"><td class=\"l\">customers</td>");
    for (Tracking.Snapshot s : snaps) {
      h.append("<td>").append(String.format(Locale.ROOT, "%,d", s.size())).append("</td>");
    }
    h.append("</tr>\n");
    for (int seg = 0; seg < k; seg++) {
      h.append("<tr><td class=\"l\">").append(Html.escape(label(t, seg))).append("</td>");
      for (Tracking.Snapshot s : snaps) {
        h.append("<td>").append(String.format(Locale.ROOT, "%,d", s.counts()[seg])).append(" (")
            .append(Html.escape(Numbers.pct(s.shares()[seg]))).append(")</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
  }

  private static String label(Tracking t, int seg) {
    String name = t.segmentNames().get(seg);
    String l = t.segments().get(seg);
    return l.equals(name) ? name : l + " " + name;
  }

  private static void legend(StringBuilder h, Tracking t, int top, int width) {
    int k = t.segments().size();
    int col = Math.max(1, Math.min(3, width / 220));
    for (int seg = 0; seg < k; seg++) {
      int x = 10 + (seg % col) * 220;
      int y = top + (seg / col) * 20;
      h.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
          .append(Charts.color(seg)).append("\"/><text class=\"small\" x=\"").append(x + 17).append("\" y=\"")
          .append(y + 10).append("\">").append(Html.escape(Charts.shorten(label(t, seg), 32))).append("</text>");
    }
  }

  /** The alluvial diagram: a column of segment blocks per date, bands between consecutive columns. */
  static String sankey(Tracking t) {
    List<Tracking.Snapshot> snaps = t.snapshots();
    int k = t.segments().size();
    int cols = snaps.size();
    int nodeW = 14;
    int colGap = 220;
    int labelW = 150;
    int plotH = 420;
    double nodeGap = 6;
    // per column: the segment blocks, then (before the last column) a block of the next date's new customers
    double maxTotal = 0;
    for (int c = 0; c < cols; c++) {
      double total = snaps.get(c).size();
      if (c + 1 < cols) {
        total += newCustomers(t.migrations().get(c), k);
      }
      maxTotal = Math.max(maxTotal, total);
    }
    double scale = (plotH - nodeGap * (k + 1)) / Math.max(1, maxTotal);
    int width = labelW + (cols - 1) * colGap + nodeW + labelW;
    int height = plotH + 40;
    double[][] top = new double[cols][k + 1];   // [column][segment, or k = new] block top
    double[][] size = new double[cols][k + 1];
    for (int c = 0; c < cols; c++) {
      long[] counts = snaps.get(c).counts();
      double y = 10;
      for (int s = 0; s <= k; s++) {
        double n = s < k ? counts[s] : c + 1 < cols ? newCustomers(t.migrations().get(c), k) : 0;
        top[c][s] = y;
        size[c][s] = n * scale;
        if (n > 0) {
          y += n * scale + nodeGap;
        }
      }
    }
    StringBuilder h = new StringBuilder();
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"migration between segments over time\" class=\"chart\">");
    // bands
    for (int c = 0; c + 1 < cols; c++) {
      Tracking.Migration m = t.migrations().get(c);
      long[][] counts = m.counts();
      double x0 = labelW + c * colGap + nodeW;
      double x1 = labelW + (c + 1) * colGap;
      double[] outY = new double[k + 1];
      double[] inY = new double[k];
      for (int s = 0; s <= k; s++) {
        outY[s] = top[c][s];
      }
      for (int s = 0; s < k; s++) {
        inY[s] = top[c + 1][s];
      }
      for (int b = 0; b < k; b++) {          // incoming order at the target: by source, new last
        for (int a = 0; a <= k; a++) {
          long n = counts[a][b];
          if (n == 0) {
            continue;
          }
          double bh = n * scale;
          double ya = sourceOffset(counts, a, b, k, top[c][a], scale);
          double yb = inY[b];
          inY[b] += bh;
          double mx = (x0 + x1) / 2;
          String from = a == k ? "new customers" : t.segmentNames().get(a);
          h.append("<path d=\"M").append(Charts.f(x0)).append(',').append(Charts.f(ya)).append(" C")
              .append(Charts.f(mx)).append(',').append(Charts.f(ya)).append(' ').append(Charts.f(mx)).append(',')
              .append(Charts.f(yb)).append(' ').append(Charts.f(x1)).append(',').append(Charts.f(yb)).append(" L")
              .append(Charts.f(x1)).append(',').append(Charts.f(yb + bh)).append(" C").append(Charts.f(mx)).append(',')
              .append(Charts.f(yb + bh)).append(' ').append(Charts.f(mx)).append(',').append(Charts.f(ya + bh))
              .append(' ').append(Charts.f(x0)).append(',').append(Charts.f(ya + bh)).append(" Z\" fill=\"")
              .append(a == k ? "#9a9a9a" : Charts.color(a)).append("\" fill-opacity=\"")
              .append(a == b ? "0.22" : "0.45").append("\"><title>")
              .append(Html.escape(m.from() + " → " + m.to() + ": " + String.format(Locale.ROOT, "%,d", n) + " "
                  + from + " → " + t.segmentNames().get(b)))
              .append("</title></path>");
        }
      }
      // customers absent at the later date (never with RFM) leave through a 'gone' band drawn as a stub
      if (m.hasGone()) {
        for (int a = 0; a < k; a++) {
          long n = counts[a][k];
          if (n > 0) {
            double ya = sourceOffset(counts, a, k, k, top[c][a], scale);
            h.append("<rect x=\"").append(Charts.f(x0)).append("\" y=\"").append(Charts.f(ya)).append("\" width=\"20\" height=\"")
                .append(Charts.f(n * scale)).append("\" fill=\"#9a9a9a\"><title>")
                .append(Html.escape(String.format(Locale.ROOT, "%,d", n) + " " + t.segmentNames().get(a)
                    + " absent at " + m.to())).append("</title></rect>");
          }
        }
      }
    }
    // blocks and labels
    for (int c = 0; c < cols; c++) {
      double x = labelW + c * colGap;
      long[] counts = snaps.get(c).counts();
      for (int s = 0; s <= k; s++) {
        if (size[c][s] <= 0) {
          continue;
        }
        boolean isNew = s == k;
        long n = isNew ? newCustomers(t.migrations().get(c), k) : counts[s];
        String name = isNew ? "new by " + snaps.get(c + 1).asOf() : t.segmentNames().get(s);
        h.append("<rect x=\"").append(Charts.f(x)).append("\" y=\"").append(Charts.f(top[c][s])).append("\" width=\"")
            .append(nodeW).append("\" height=\"").append(Charts.f(Math.max(1, size[c][s]))).append("\" fill=\"")
            .append(isNew ? "#9a9a9a" : Charts.color(s)).append("\"><title>")
            .append(Html.escape(snaps.get(c).asOf() + ": " + name + ", " + String.format(Locale.ROOT, "%,d", n)))
            .append("</title></rect>");
        if (size[c][s] >= 11 && (c == 0 || c == cols - 1)) {
          boolean right = c == cols - 1;
          h.append("<text class=\"small\" x=\"").append(Charts.f(right ? x + nodeW + 4 : x - 4)).append("\" y=\"")
              .append(Charts.f(top[c][s] + size[c][s] / 2 + 4)).append("\" text-anchor=\"")
              .append(right ? "start" : "end").append("\">")
              .append(Html.escape(Charts.shorten(name, 22) + " " + String.format(Locale.ROOT, "%,d", n)))
              .append("</text>");
        }
      }
      h.append("<text class=\"lbl\" x=\"").append(Charts.f(x + nodeW / 2.0)).append("\" y=\"").append(plotH + 30)
          .append("\" text-anchor=\"middle\">").append(Html.escape(snaps.get(c).asOf())).append("</text>");
    }
    h.append("</svg>");
    return h.toString();
  }

  /** Where the band from {@code a} to {@code b} leaves block a: after the bands to the targets before b. */
  private static double sourceOffset(long[][] counts, int a, int b, int k, double blockTop, double scale) {
    double y = blockTop;
    for (int j = 0; j < b; j++) {
      y += counts[a][j] * scale;
    }
    return y;
  }

  private static long newCustomers(Tracking.Migration m, int k) {
    long n = 0;
    for (long v : m.counts()[k]) {
      n += v;
    }
    return n;
  }
}
