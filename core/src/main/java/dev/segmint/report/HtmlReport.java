package dev.segmint.report;

import dev.segmint.internal.Numbers;
import dev.segmint.profile.CategoricalProfile;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.FeatureEffect;
import dev.segmint.profile.FeatureTest;
import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import dev.segmint.quality.Stability;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML rendering of a {@link Report}: one self-contained page — inline CSS and inline SVG charts, no scripts, no
 * fonts, no images, nothing loaded from the network (a Content-Security-Policy of {@code default-src 'none'} says so
 * to the browser too). Every value taken from data is escaped with {@link Html#escape}.
 *
 * <p>Sections: segments at a glance (name, size, RFM segment, top features, checklist), segment sizes, where the
 * value is (when a customer value per segment is given: shares of value against shares of customers), a z-score
 * heatmap of features × segments, a 2-D PCA map (when a projection is given), box plots per feature, the profile
 * table, per-segment details, the checklist, stability, k-selection curves, the k-distance curve and the dendrogram
 * (when given), the across-segment tests, and a glossary explaining every number.
 *
 * <p>{@code HtmlReport.builder(profiles).title(..).summary(k, v).note(text).build().write(path)} writes HTML
 * whatever the file's extension.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** A report builder whose {@link Report#write(java.nio.file.Path)} always writes HTML. */
  public static Report.Builder builder(SegmentProfiles profiles) {
    return Report.builder(profiles).format(Report.Format.HTML);
  }

  static final String CSS = String.join("\n",
      ":root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--bg:#f6f8fa;--ok:#1a7f37;--bad:#cf222e}",
      "*{box-sizing:border-box}",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;margin:0;"
          + "color:var(--ink);background:#fff;line-height:1.45;font-size:15px}",
      "main{max-width:1180px;margin:0 auto;padding:1.5rem 2rem 3rem}",
      "header{background:linear-gradient(90deg,#24394f,#3b5f86);color:#fff;padding:1.6rem 2rem}",
      "header .in{max-width:1180px;margin:0 auto}header h1{margin:0;font-size:1.7rem;font-weight:650}",
      "header p{margin:.35rem 0 0;opacity:.88}",
      "h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}",
      "h3{margin:.2rem 0 .5rem;font-size:1.05rem}",
      "p.lead{color:var(--muted);margin:.2rem 0 .8rem;max-width:62rem}",
      "nav{margin:.8rem 0 0;font-size:.9rem}nav a{color:#cfe3ff;margin-right:.9rem;text-decoration:none}",
      "nav a:hover{text-decoration:underline}",
      ".facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:.5rem 1.2rem;"
          + "background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.9rem 1.1rem;margin-top:1.2rem}",
      ".facts div{font-size:.9rem}.facts b{display:block;color:var(--muted);font-weight:600;font-size:.78rem;"
          + "text-transform:uppercase;letter-spacing:.03em}",
      ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:1rem}",
      ".card{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem 1rem;background:#fff;"
          + "box-shadow:0 1px 2px rgba(0,0,0,.04)}",
      ".card .meta{color:var(--muted);font-size:.82rem}.card .rfm{margin:.1rem 0 .5rem;font-size:.9rem}",
      ".card ul{margin:.3rem 0 .6rem;padding-left:0;list-style:none}.card li{margin:.25rem 0;font-size:.88rem}",
      ".chip{display:inline-block;min-width:4.2rem;text-align:center;border-radius:10px;padding:0 .4rem;"
          + "font-size:.78rem;font-weight:600;margin-right:.35rem;font-variant-numeric:tabular-nums}",
      ".up{background:#fde2e1;color:#a40e26}.down{background:#ddeeff;color:#0a4f8f}",
      ".badges span{display:inline-block;font-size:.75rem;border-radius:4px;padding:.05rem .4rem;margin:.12rem .2rem 0 0}",
      ".pass{background:#dafbe1;color:var(--ok)}.fail{background:#ffebe9;color:var(--bad)}"
          + ".na{background:#eef1f4;color:var(--muted)}",
      "table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.86rem;font-variant-numeric:tabular-nums}",
      "th,td{border-bottom:1px solid var(--line);padding:.32rem .6rem;text-align:right;vertical-align:top}",
      "th{background:var(--bg);font-weight:600;border-top:1px solid var(--line)}",
      "td.l,th.l{text-align:left}tr.pop td{font-style:italic;color:var(--muted)}",
      ".scroll{overflow-x:auto}",
      ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:.6rem 1.6rem}",
      "svg.chart{max-width:100%;height:auto;font-family:inherit}",
      "svg .lbl{font-size:13px;fill:#1f2328}svg .num{font-size:12px;fill:#1f2328}svg .small{font-size:11px;fill:#59636e}",
      "details{border:1px solid var(--line);border-radius:8px;margin:.5rem 0;padding:.4rem .9rem}",
      "summary{cursor:pointer;font-weight:600}",
      "dl.gloss{display:grid;grid-template-columns:max-content auto;gap:.35rem 1.2rem;font-size:.9rem}",
      "dl.gloss dt{font-weight:600}dl.gloss dd{margin:0;color:#333}",
      "pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.8rem;overflow:auto;font-size:.82rem}",
      "footer{color:var(--muted);font-size:.82rem;margin-top:2.5rem}",
      ".small{font-size:.8rem;color:var(--muted)}",
      "table.decisions td{text-align:left;vertical-align:top}table.decisions td.n{text-align:right;white-space:nowrap}",
      "table.decisions td.act{font-weight:600}.card .act{margin:.1rem 0 .5rem;font-size:.9rem;font-weight:600}",
      ".chip.better{background:#dafbe1;color:#116329}.chip.worse{background:#ffebe9;color:#a40e26}"
          + ".chip.neutral{background:#eef1f4;color:#424a53}");

  /** The report as one HTML document. */
  static String render(Report r) {
    SegmentProfiles p = r.profiles;
    StringBuilder h = new StringBuilder(65_536);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(Html.escape(r.title)).append("</title>\n<style>\n").append(CSS)
        .append("\n</style></head><body>\n");
    long segments = p.segments().stream().filter(s -> !s.isNoise()).count();
    h.append("<header><div class=\"in\"><h1>").append(Html.escape(r.title)).append("</h1><p>")
        .append(String.format(Locale.ROOT, "%,d customers in %d segments", p.customers(), segments));
    p.segments().stream().filter(SegmentProfile::isNoise).findFirst()
        .ifPresent(n -> h.append(String.format(Locale.ROOT, " and %,d noise points", n.size())));
    if (!r.clustered.isEmpty()) {
      h.append(" · clustered on: ").append(Html.escape(String.join(", ", r.clustered)));
    }
    h.append(" · profiled: ").append(Html.escape(String.join(", ", allFeatures(p)))).append("</p>");
    h.append("<nav><a href=\"#decisions\">What to do</a><a href=\"#glance\">Segments</a><a href=\"#sizes\">Sizes</a>");
    if (r.value != null) {
      h.append("<a href=\"#value\">Value</a>");
    }
    h.append("<a href=\"#heatmap\">Heatmap</a>");
    if (r.projection != null) {
      h.append("<a href=\"#map\">Map</a>");
    }
    if (!p.numericFeatures().isEmpty()) {
      h.append("<a href=\"#distributions\">Distributions</a>");
    }
    h.append("<a href=\"#profiles\">Profiles</a><a href=\"#details\">Details</a>");
    if (r.checklist != null) {
      h.append("<a href=\"#checklist\">Checklist</a>");
    }
    if (r.stability != null) {
      h.append("<a href=\"#stability\">Stability</a>");
    }
    if (r.kCurves != null || r.kDistance != null || r.dendrogram != null) {
      h.append("<a href=\"#structure\">Choosing k</a>");
    }
    h.append("<a href=\"#tests\">Tests</a><a href=\"#glossary\">How to read</a></nav></div></header>\n<main>\n");

    decisions(h, r);

    // facts
    h.append("<section class=\"facts\">");
    fact(h, "customers", String.format(Locale.ROOT, "%,d", p.customers()));
    fact(h, "segments", Long.toString(segments));
    for (Map.Entry<String, String> e : r.summary.entrySet()) {
      boolean clash = e.getKey().equalsIgnoreCase("customers") || e.getKey().equalsIgnoreCase("segments");
      fact(h, clash ? e.getKey() + " (given)" : e.getKey(), e.getValue());
    }
    if (r.indices != null) {
      fact(h, "silhouette", String.format(Locale.ROOT, "%.3f%s", r.indices.silhouette(),
          r.indices.sampleSize() > 0 ? " (sample of " + r.indices.sampleSize() + ")" : ""));
      if (!Double.isNaN(r.indices.calinskiHarabasz())) {   // NaN for an algorithm with its own distance
        fact(h, "Calinski–Harabasz · Davies–Bouldin", String.format(Locale.ROOT, "%.1f · %.3f",
            r.indices.calinskiHarabasz(), r.indices.daviesBouldin()));
      }
    }
    if (r.stability != null) {
      fact(h, "stability (median ARI)", String.format(Locale.ROOT, "%.3f over %d resamples",
          r.stability.ariQuartiles()[2], r.stability.replicates()));
    }
    h.append("</section>\n");

    glance(h, r);

    h.append("<h2 id=\"sizes\">Segment sizes</h2>\n").append(Charts.sizes(p)).append('\n');
    if (r.value != null) {
      value(h, r.value);
    }

    if (!p.numericFeatures().isEmpty()) {
      h.append("<h2 id=\"heatmap\">How the segments differ: better or worse for the business</h2>\n<p class=\"lead\">"
          + "Each cell is the segment's mean minus the mean of all customers, in standard deviations of all customers "
          + "(z). Green: better for the business than the average customer, red: worse (fewer days since the last "
          + "purchase is better; more orders, spend, tenure and order value are better); grey: a feature with no "
          + "better direction, darker further from the average. Hover a cell or a column name for the details.</p>\n")
          .append(Charts.heatmap(p, r::direction)).append('\n');
    }
    if (r.projection != null) {
      h.append("<h2 id=\"map\">The segments on a map (PCA)</h2>\n<p class=\"lead\">")
          .append(String.format(Locale.ROOT, "The clustering space projected on its first two principal components "
              + "(%.0f%% of the variance). %s Circles mark each segment's centre; loadings say how each feature points.",
              100 * (r.projection.explained()[0] + r.projection.explained()[1]),
              r.projection.plotted() < r.projection.total() ? String.format(Locale.ROOT,
                  "A random sample of %,d of the %,d customers is drawn.", r.projection.plotted(), r.projection.total())
                  : "Every customer is drawn."))
          .append("</p>\n").append(Charts.scatter(r.projection, p)).append('\n');
    }
    if (!p.numericFeatures().isEmpty()) {
      h.append("<h2 id=\"distributions\">Distributions by segment</h2>\n<p class=\"lead\">Box: quartiles q1–q3 with "
          + "the median (black bar); whiskers: 5th to 95th percentile; diamond: mean; dashed line: median of all "
          + "customers. Skewed features are drawn on a log scale.</p>\n<div class=\"grid\">");
      for (String f : p.numericFeatures()) {
        h.append("<div>").append(Charts.boxplot(p, f)).append("</div>");
      }
      h.append("</div>\n");
    }
    profileTable(h, p, r);
    details(h, p);
    if (r.checklist != null) {
      checklist(h, r.checklist, p.options().alpha());
    }
    if (r.stability != null) {
      stability(h, r.stability);
    }
    if (r.kCurves != null || r.kDistance != null || r.dendrogram != null) {
      h.append("<h2 id=\"structure\">Choosing the number of segments</h2>\n<div class=\"grid\">");
      if (r.kCurves != null) {
        double[] ks = new double[r.kCurves.ks().length];
        for (int i = 0; i < ks.length; i++) {
          ks[i] = r.kCurves.ks()[i];
        }
        // no inertia (NaN) for an algorithm with its own distance (k-prototypes, k-medoids): no elbow
        if (java.util.Arrays.stream(r.kCurves.inertia()).anyMatch(v -> !Double.isNaN(v))) {
          h.append("<div>").append(Charts.line("Elbow: inertia by k", ks, r.kCurves.inertia(), "k", "inertia",
              r.kCurves.chosen(), "k = " + r.kCurves.chosen(), Double.NaN, "", true, "#4e79a7")).append("</div>");
        }
        h.append("<div>").append(Charts.line("Mean silhouette by k", ks, r.kCurves.silhouette(), "k", "silhouette",
            r.kCurves.chosen(), "k = " + r.kCurves.chosen(), Double.NaN, "", true, "#59a14f")).append("</div>");
      }
      if (r.kDistance != null) {
        double[] d = r.kDistance.distances();
        h.append("<div>").append(Charts.line("k-distance curve (k = " + r.kDistance.k() + ")", Charts.indexes(d.length),
            d, "points, sorted", "distance to k-th neighbour", Double.NaN, "", r.kDistance.eps(),
            "eps = " + Numbers.num(r.kDistance.eps()), false, "#b07aa1")).append("</div>");
      }
      h.append("</div>\n");
      if (r.dendrogram != null) {
        h.append("<h3>Dendrogram</h3>\n<p class=\"lead\">")
            .append(r.dendrogram.caption() == null ? "" : Html.escape(r.dendrogram.caption()) + " ")
            .append("Merge heights follow SciPy's linkage conventions; ")
            .append(r.dendrogram.linkage().length + 1 > 30 ? "only the last 29 merges are drawn (leaves in parentheses"
                + " are subtrees with their size)." : "every merge is drawn.").append("</p>\n")
            .append(Charts.dendrogram(r.dendrogram.linkage(), r.dendrogram.leafLabels(), 30)).append('\n');
      }
    }
    tests(h, p);
    glossary(h, r);
    for (String note : r.notes) {
      h.append("<pre>").append(Html.escape(note)).append("</pre>\n");
    }
    h.append("<footer>Made with Segmint. This page is self-contained: it runs no scripts and loads nothing from the "
        + "network.</footer>\n</main>\n</body></html>\n");
    return h.toString();
  }

  private static List<String> allFeatures(SegmentProfiles p) {
    List<String> all = new java.util.ArrayList<>(p.numericFeatures());
    all.addAll(p.categoricalFeatures());
    return all;
  }

  /** "Where the value is": the sentences, the chart of value shares against customer shares, and the table. */
  static void value(StringBuilder h, SegmentValues v) {
    h.append("<h2 id=\"value\">Where the value is</h2>\n<p class=\"lead\">Predicted customer value (")
        .append(Html.escape(v.basis())).append(") per segment, from the BG/NBD and Gamma-Gamma models: which "
            + "segments hold what share of the value compared with their share of the customers.</p>\n<ul>");
    for (String line : v.sentences()) {
      h.append("<li>").append(Html.escape(line)).append("</li>");
    }
    h.append("</ul>\n").append(Charts.valueShares(v)).append('\n');
    h.append("<div class=\"scroll\"><table class=\"value\"><tr><th class=\"l\">segment</th><th class=\"l\">name</th>"
        + "<th>customers</th><th>with a prediction</th><th>total CLV</th><th>share of value</th><th>mean CLV</th>"
        + "<th>mean p_alive</th></tr>");
    for (SegmentValues.Segment s : v.segments()) {
      h.append("<tr><td class=\"l\">").append(Html.escape(s.label())).append("</td><td class=\"l\">")
          .append(Html.escape(s.name())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", s.customers()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%,d", s.predicted())).append("</td><td>")
          .append(Html.escape(Numbers.num(s.totalClv()))).append("</td><td>").append(Html.escape(Numbers.pct(s.share())))
          .append("</td><td>").append(Html.escape(Numbers.num(s.meanClv()))).append("</td><td>")
          .append(Html.escape(Numbers.num(s.meanPAlive()))).append("</td></tr>");
    }
    h.append(String.format(Locale.ROOT, "<tr class=\"pop\"><td class=\"l\">all</td><td></td><td>%,d</td><td>%,d</td>"
        + "<td>%s</td><td>%s</td><td></td><td></td></tr></table></div>\n", v.customers(),
        v.customers() - v.withoutPrediction(), Html.escape(Numbers.num(v.totalClv())), v.totalClv() == 0 ? "–" : "100.0%"));
  }

  private static void fact(StringBuilder h, String key, String value) {
    h.append("<div><b>").append(Html.escape(key)).append("</b>").append(Html.escape(value)).append("</div>");
  }

  /** The first section: one row per segment with its name, size, share, action and facts in plain words. */
  private static void decisions(StringBuilder h, Report r) {
    h.append("<h2 id=\"decisions\">").append(Decisions.HEADING).append("</h2>\n<div class=\"scroll\">"
        + "<table class=\"decisions\"><thead><tr><th class=\"l\">segment</th><th class=\"l\">name</th>"
        + "<th>customers</th><th>share</th><th class=\"l\">action</th><th class=\"l\">in plain words</th></tr></thead>"
        + "<tbody>\n");
    for (SegmentProfile s : r.profiles.segments()) {
      h.append("<tr><td><span style=\"color:").append(Charts.color(s.segment())).append("\">■</span> ")
          .append(s.label()).append("</td><td><b>").append(Html.escape(s.name())).append("</b></td>")
          .append(String.format(Locale.ROOT, "<td class=\"n\">%,d</td><td class=\"n\">%.1f%%</td>", s.size(),
              100 * s.share()))
          .append("<td class=\"act\" title=\"").append(Html.escape(s.action().basis())).append("\">")
          .append(Html.escape(s.action().action())).append("</td><td>")
          .append(Html.escape(String.join(", ", s.facts()))).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  private static void glance(StringBuilder h, Report r) {
    SegmentProfiles p = r.profiles;
    h.append("<h2 id=\"glance\">Segments at a glance</h2>\n<p class=\"lead\">Each segment's name comes from the "
        + "features that set it apart most from the other customers (standardised mean difference d, largest first; "
        + "\"very\" when |d| ≥ 1.2). The top features are significant after Benjamini–Hochberg adjustment of the "
        + Html.escape(p.options().test().label()) + " (numeric) and χ² (categorical) segment-vs-rest tests.</p>\n"
        + "<div class=\"cards\">\n");
    for (SegmentProfile s : p.segments()) {
      h.append("<article class=\"card\" style=\"border-top:4px solid ").append(Charts.color(s.segment()))
          .append("\"><div class=\"meta\">").append(s.isNoise() ? "Noise" : "Segment " + s.segment())
          .append(String.format(Locale.ROOT, " · %,d customers · %.1f%%", s.size(), 100 * s.share())).append("</div>");
      h.append("<h3>").append(Html.escape(s.name())).append("</h3>");
      s.rfmSegment().ifPresent(l -> h.append("<div class=\"rfm\">Largest RFM group: <b>").append(Html.escape(l.level()))
          .append("</b> (").append(Numbers.pct(l.share())).append(")</div>"));
      h.append("<div class=\"act\">").append(Html.escape(s.action().action())).append("</div>");
      String rule = r.rules.get(s.segment());
      if (rule != null) {
        h.append("<div class=\"rfm\">Rule: <code style=\"overflow-wrap:anywhere\">").append(Html.escape(rule))
            .append("</code></div>");
      }
      h.append("<ul>");
      if (s.topFeatures().isEmpty()) {
        h.append("<li>No feature differs significantly with at least a small effect.</li>");
      }
      for (FeatureEffect e : s.topFeatures()) {
        h.append("<li><span class=\"chip ").append(e.numeric() ? r.direction(e.feature()).cssClass(e.effectSize())
            : "neutral").append("\">d ")
            .append(Numbers.signed(e.effectSize())).append("</span><b>").append(Html.escape(e.phrase())).append("</b> — ");
        if (e.numeric()) {
          NumericProfile np = s.numeric(e.feature());
          NumericSummary pop = p.population().get(e.feature());
          h.append(Html.escape(e.feature())).append(": median ").append(Numbers.num(np.stats().median())).append(" vs ")
              .append(Numbers.num(pop.median())).append(", mean ").append(Numbers.num(np.mean())).append(" vs ")
              .append(Numbers.num(pop.mean())).append(" overall");
        } else {
          CategoricalProfile cp = s.categorical(e.feature());
          LevelShare l = levelOf(cp, e.level());
          h.append(Html.escape(e.feature())).append(" = ").append(Html.escape(e.level())).append(": ")
              .append(Numbers.pct(l.share())).append(" vs ").append(Numbers.pct(l.populationShare())).append(" overall (lift ")
              .append(Numbers.num(l.lift())).append(")");
        }
        h.append("</li>");
      }
      h.append("</ul>");
      if (r.checklist != null && !s.isNoise()) {
        Checklist.Row row = r.checklist.row(s.segment());
        h.append("<div class=\"badges\">");
        badge(h, "measurable", row.measurable(), Numbers.pct(row.measurable().value()));
        badge(h, "distinct", row.distinct(), Numbers.num(row.distinct().value()));
        badge(h, "stable", row.stable(), Numbers.num(row.stable().value()));
        badge(h, "actionable", row.actionable(), "d " + Numbers.num(row.actionable().value()));
        h.append("</div>");
      }
      h.append("</article>\n");
    }
    h.append("</div>\n");
  }

  private static LevelShare levelOf(CategoricalProfile cp, String level) {
    for (LevelShare l : cp.levels()) {
      if (l.level().equals(level)) {
        return l;
      }
    }
    return cp.top();
  }

  private static void badge(StringBuilder h, String name, Checklist.Check c, String number) {
    String cls = c.status() == Checklist.Status.PASS ? "pass" : c.status() == Checklist.Status.FAIL ? "fail" : "na";
    String mark = c.status() == Checklist.Status.PASS ? "✓ " : c.status() == Checklist.Status.FAIL ? "✗ " : "";
    h.append("<span class=\"").append(cls).append("\" title=\"").append(Html.escape(c.detail())).append("\">")
        .append(mark).append(name).append(c.status() == Checklist.Status.NOT_RUN ? " (not run)" : " " + number)
        .append("</span>");
  }

  private static void profileTable(StringBuilder h, SegmentProfiles p, Report r) {
    h.append("<h2 id=\"profiles\">Segment profiles</h2>\n<p class=\"lead\">Means in original units; the last row is all "
        + "customers. Shading as in the heatmap: green better, red worse for the business than the mean of all "
        + "customers, grey for features with no better direction (stronger further from the mean).</p>\n"
        + "<div class=\"scroll\"><table><thead><tr><th class=\"l\">segment</th><th class=\"l\">name</th><th>size</th>"
        + "<th>share</th>");
    for (String f : p.numericFeatures()) {
      h.append("<th>").append(Html.escape(f)).append("</th>");
    }
    for (String f : p.categoricalFeatures()) {
      h.append("<th class=\"l\">").append(Html.escape(f)).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (SegmentProfile s : p.segments()) {
      h.append("<tr><td class=\"l\"><span style=\"color:").append(Charts.color(s.segment())).append("\">■</span> ")
          .append(s.label()).append("</td><td class=\"l\">").append(Html.escape(s.name())).append("</td>")
          .append(String.format(Locale.ROOT, "<td>%,d</td><td>%.1f%%</td>", s.size(), 100 * s.share()));
      for (String f : p.numericFeatures()) {
        NumericProfile np = s.numeric(f);
        double z = np.zScore();
        double a = Double.isNaN(z) ? 0 : Math.min(0.55, Math.abs(z) * 0.28);
        String cls = r.direction(f).cssClass(z);
        String bg = String.format(Locale.ROOT, cls.equals("better") ? "rgba(26,127,55,%.2f)" : cls.equals("worse")
            ? "rgba(207,34,46,%.2f)" : "rgba(110,119,129,%.2f)", cls.equals("neutral") ? a * 0.6 : a);
        h.append("<td style=\"background:").append(bg).append("\" title=\"z = ").append(Numbers.signed(z)).append("\">")
            .append(Numbers.num(np.mean())).append("</td>");
      }
      for (String f : p.categoricalFeatures()) {
        h.append("<td class=\"l\">").append(Html.escape(s.categorical(f).top())).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("<tr class=\"pop\"><td class=\"l\">all</td><td class=\"l\">all customers</td>")
        .append(String.format(Locale.ROOT, "<td>%,d</td><td>100%%</td>", p.customers()));
    for (String f : p.numericFeatures()) {
      h.append("<td>").append(Numbers.num(p.population().get(f).mean())).append("</td>");
    }
    for (String f : p.categoricalFeatures()) {
      h.append("<td class=\"l\">").append(Html.escape(p.populationLevels().get(f).get(0))).append("</td>");
    }
    h.append("</tr>\n</tbody></table></div>\n");
  }

  private static void details(StringBuilder h, SegmentProfiles p) {
    h.append("<h2 id=\"details\">Segment details</h2>\n<p class=\"lead\">Per segment and feature: the distribution in "
        + "original units, the comparison with all customers (z, relative difference) and with the rest (d, adjusted "
        + "p). Open a segment to read it.</p>\n");
    for (SegmentProfile s : p.segments()) {
      h.append("<details><summary><span style=\"color:").append(Charts.color(s.segment())).append("\">■</span> ")
          .append(s.isNoise() ? "Noise" : "Segment " + s.segment()).append(": ").append(Html.escape(s.name()))
          .append(String.format(Locale.ROOT, " (%,d customers)", s.size())).append("</summary>");
      if (!s.numeric().isEmpty()) {
        h.append("<div class=\"scroll\"><table><thead><tr><th class=\"l\">feature</th><th>mean</th><th>median</th>"
            + "<th>sd</th><th>q1</th><th>q3</th><th>min</th><th>max</th><th>z</th><th>vs all</th><th>d</th>"
            + "<th>p adj</th><th class=\"l\">reads as</th></tr></thead><tbody>");
        for (NumericProfile np : s.numeric().values()) {
          NumericSummary st = np.stats();
          h.append("<tr><td class=\"l\">").append(Html.escape(np.feature())).append("</td>");
          for (double v : new double[] {st.mean(), st.median(), st.sd(), st.q1(), st.q3(), st.min(), st.max()}) {
            h.append("<td>").append(Numbers.num(v)).append("</td>");
          }
          h.append("<td>").append(Numbers.signed(np.zScore())).append("</td><td>").append(Numbers.pct(np.relativeDifference()))
              .append("</td><td>").append(Numbers.signed(np.effectSize())).append("</td><td>")
              .append(Numbers.pValue(np.adjustedPValue())).append("</td><td class=\"l\">")
              .append(Html.escape(phrase(s, np.feature()))).append("</td></tr>");
        }
        h.append("</tbody></table></div>");
      }
      for (CategoricalProfile cp : s.categorical().values()) {
        h.append("<p><b>").append(Html.escape(cp.feature())).append("</b> <span class=\"small\">χ² segment vs rest, "
            + "p adj ").append(Numbers.pValue(cp.adjustedPValue())).append("</span></p><div class=\"scroll\"><table><thead><tr>"
            + "<th class=\"l\">level</th><th>count</th><th>share</th><th>all customers</th><th>lift</th><th>d</th>"
            + "</tr></thead><tbody>");
        for (LevelShare l : cp.levels()) {
          h.append("<tr><td class=\"l\">").append(Html.escape(l.level())).append("</td>")
              .append(String.format(Locale.ROOT, "<td>%,d</td>", l.count())).append("<td>").append(Numbers.pct(l.share()))
              .append("</td><td>").append(Numbers.pct(l.populationShare())).append("</td><td>").append(Numbers.num(l.lift()))
              .append("</td><td>").append(Numbers.signed(l.effectSize())).append("</td></tr>");
        }
        h.append("</tbody></table></div>");
      }
      h.append("</details>\n");
    }
  }

  private static String phrase(SegmentProfile p, String feature) {
    for (FeatureEffect e : p.distinguishing()) {
      if (e.feature().equals(feature)) {
        return e.phrase();
      }
    }
    return "";
  }

  private static void checklist(StringBuilder h, Checklist c, double alpha) {
    Checklist.Options o = c.options();
    h.append("<h2 id=\"checklist\">Segment checklist</h2>\n<p class=\"lead\">")
        .append(Html.escape(String.format(Locale.ROOT, "Measurable: at least %d customers and %.1f%% of all. Distinct: "
            + "the segment's mean silhouette is at least %.2f (separation: nearest centre distance over the sum of mean "
            + "radii). Stable: mean bootstrap Jaccard at least %.2f. Actionable: a feature with adjusted p < %s and "
            + "|d| ≥ %.1f.", o.minSize(), 100 * o.minShare(), o.minSilhouette(), o.minJaccard(), Numbers.pValue(alpha),
            o.minEffect())))
        .append("</p>\n<div class=\"scroll\"><table><thead><tr><th class=\"l\">segment</th><th class=\"l\">name</th>"
            + "<th class=\"l\">measurable</th><th class=\"l\">distinct</th><th class=\"l\">stable</th>"
            + "<th class=\"l\">actionable</th></tr></thead><tbody>\n");
    for (Checklist.Row row : c.rows()) {
      h.append("<tr><td class=\"l\">").append(row.segment()).append("</td><td class=\"l\">")
          .append(Html.escape(row.name())).append("</td>");
      for (Checklist.Check ch : List.of(row.measurable(), row.distinct(), row.stable(), row.actionable())) {
        String cls = ch.status() == Checklist.Status.PASS ? "pass" : ch.status() == Checklist.Status.FAIL ? "fail" : "na";
        h.append("<td class=\"l\"><span class=\"badges\"><span class=\"").append(cls).append("\">").append(ch.status())
            .append("</span></span> <span class=\"small\">").append(Html.escape(ch.detail())).append("</span></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  private static void stability(StringBuilder h, Stability.Result st) {
    double[] q = st.ariQuartiles();
    h.append("<h2 id=\"stability\">Stability</h2>\n<p class=\"lead\">").append(Html.escape(st.cost()))
        .append(String.format(Locale.ROOT, ". Each resample is clustered again; each segment is matched to its most "
            + "similar new cluster (Jaccard, Hennig's clusterboot). Agreement of the whole solution (ARI): median %.3f, "
            + "quartiles %.3f–%.3f, range %.3f–%.3f.", q[2], q[1], q[3], q[0], q[4]))
        .append("</p>\n<table><thead><tr><th class=\"l\">segment</th><th>mean Jaccard</th><th>dissolved (≤ 0.5)</th>"
            + "<th>recovered (≥ 0.75)</th><th class=\"l\">verdict</th></tr></thead><tbody>\n");
    int[] segs = st.segments();
    double[] j = st.meanJaccard();
    int[] dis = st.dissolved();
    int[] rec = st.recovered();
    for (int c = 0; c < segs.length; c++) {
      h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%d</td><td>%.3f</td><td>%d</td><td>%d</td>"
          + "<td class=\"l\">%s</td></tr>%n", segs[c], j[c], dis[c], rec[c], Stability.Result.verdict(j[c])));
    }
    h.append("</tbody></table>\n");
  }

  private static void tests(StringBuilder h, SegmentProfiles p) {
    h.append("<h2 id=\"tests\">Differences across segments</h2>\n<p class=\"lead\">Does each feature differ across the "
        + "segments at all? Kruskal–Wallis H (ranks; effect ε²) for numeric features with one-way ANOVA (F, η²) beside "
        + "it; Pearson's χ² (effect Cramér's V) for categorical ones. Noise is left out; p-values are "
        + "Benjamini–Hochberg adjusted over the features.</p>\n<table><thead><tr><th class=\"l\">feature</th>"
        + "<th class=\"l\">test</th><th>statistic</th><th>df</th><th>p adj</th><th class=\"l\">effect</th>"
        + "<th>ANOVA F</th><th>η²</th></tr></thead><tbody>\n");
    for (FeatureTest t : p.featureTests()) {
      h.append("<tr><td class=\"l\">").append(Html.escape(t.feature())).append("</td><td class=\"l\">").append(t.test())
          .append("</td><td>").append(Numbers.num(t.statistic())).append("</td><td>").append(Numbers.num(t.df()))
          .append("</td><td>").append(Numbers.pValue(t.adjustedPValue())).append("</td><td class=\"l\">").append(t.effectName())
          .append(' ').append(Numbers.num(t.effectSize())).append("</td><td>").append(Numbers.num(t.anovaF()))
          .append("</td><td>").append(Numbers.num(t.etaSquared())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void glossary(StringBuilder h, Report r) {
    boolean ranks = r.profiles.options().test() == SegmentProfiles.Test.MANN_WHITNEY;
    h.append("<h2 id=\"glossary\">How to read this report</h2>\n<dl class=\"gloss\">");
    gloss(h, "size, share", "Customers in the segment, and their fraction of all customers.");
    gloss(h, "mean, median, sd, q1, q3, min, max", "The feature's distribution inside the segment, in original units "
        + "(sd: sample standard deviation; q1/q3: 25th/75th percentiles, linear interpolation).");
    gloss(h, "z", "(segment mean − mean of all customers) / standard deviation of all customers.");
    gloss(h, "vs all", "(segment mean − mean of all customers) / |mean of all customers|, as a percentage.");
    gloss(h, "d", "Standardised mean difference between the segment and all other customers (Cohen's d, pooled "
        + "standard deviation" + (ranks ? ", computed on the ranks of the values so a few extreme customers do not "
        + "dominate" : "") + "). |d| ≥ 0.2 small, 0.5 medium, 0.8 large, 1.2 very large. For a categorical feature, "
        + "d of the indicator of its most distinctive level.");
    gloss(h, "p adj", (ranks ? "Mann–Whitney U test" : "Welch's t-test") + " of the segment against the rest (χ² for "
        + "categorical features), Benjamini–Hochberg adjusted over all segment × feature tests: the expected share of "
        + "false discoveries among the results called significant stays below α = " + r.profiles.options().alpha()
        + ".");
    gloss(h, "lift", "A level's share in the segment divided by its share among all customers.");
    gloss(h, "name", "The up-to-three strongest significant numeric features with |d| ≥ "
        + r.profiles.options().nameEffect() + ", strongest first; \"very\" for |d| ≥ 1.2, \"slightly\" below 0.5.");
    if (r.indices != null) {
      gloss(h, "silhouette", "Per customer (b − a) / max(a, b), with a the mean distance to its own segment and b to "
          + "the nearest other segment; averaged. From −1 to 1; above 0.25 some structure, above 0.5 reasonable.");
      gloss(h, "Calinski–Harabasz, Davies–Bouldin", "Between- over within-segment dispersion (higher is better); mean "
          + "worst ratio of spreads to centre distances (lower is better).");
    }
    if (r.stability != null) {
      gloss(h, "Jaccard, ARI", "Jaccard: overlap of a segment with its best match after refitting on a resample "
          + "(|A ∩ B| / |A ∪ B|); ≥ 0.75 stable, ≥ 0.85 highly stable, ≤ 0.5 dissolved. ARI: agreement of the whole "
          + "refitted solution with this one, 1 = identical, 0 = chance.");
    }
    if (r.projection != null) {
      gloss(h, "PCA", "Principal component analysis of the clustering space: the two directions of largest variance.");
    }
    gloss(h, "Kruskal–Wallis, ε²", "A rank test of whether a feature's distribution differs across segments; ε² = H / "
        + "(N − 1) is the share of rank variance explained by the segments.");
    h.append("</dl>\n");
  }

  private static void gloss(StringBuilder h, String term, String text) {
    h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(text)).append("</dd>");
  }
}
