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
import dev.segmint.profile.SegmentValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown rendering of a {@link Report} (CommonMark with GitHub pipe tables). */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * Escapes text from data for Markdown: backslash-escapes the punctuation Markdown acts on and writes {@code <},
   * {@code >} and {@code &} as entities, so no data value becomes markup, a link or raw HTML.
   */
  static String md(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~', '{', '}' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, List<String> cells) {
    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static void header(StringBuilder sb, List<String> names, String align) {
    row(sb, names);
    List<String> a = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      a.add(i < align.length() && align.charAt(i) == 'r' ? "---:" : "---");
    }
    row(sb, a);
  }

  static String render(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(md(r.title)).append("\n\n");
    sb.append("## ").append(Decisions.HEADING).append("\n\n");
    header(sb, List.of("segment", "name", "customers", "share", "action", "in plain words"), "llrrll");
    for (SegmentProfile p : r.profiles.segments()) {
      row(sb, List.of(p.label(), "**" + md(p.name()) + "**", String.format(Locale.ROOT, "%,d", p.size()),
          Numbers.pct(p.share()), md(p.action().action()), md(String.join(", ", p.facts()))));
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "- **customers**: %,d%n- **segments**: %d%n", r.profiles.customers(),
        r.profiles.segments().stream().filter(p -> !p.isNoise()).count()));
    for (Map.Entry<String, String> e : r.summary.entrySet()) {
      sb.append("- **").append(md(e.getKey())).append("**: ").append(md(e.getValue())).append('\n');
    }
    if (r.indices != null) {
      sb.append("- **quality**: ").append(md(r.indices)).append('\n');
    }
    sb.append("\n## Segments in detail\n\n");
    header(sb, List.of("segment", "name", "size", "share", "RFM segment", "top features"), "llrrll");
    for (SegmentProfile p : r.profiles.segments()) {
      List<String> tops = new ArrayList<>();
      for (FeatureEffect e : p.topFeatures()) {
        tops.add(md(e.phrase()) + " (d " + Numbers.signed(e.effectSize()) + ")");
      }
      row(sb, List.of(p.label(), "**" + md(p.name()) + "**", String.format(Locale.ROOT, "%,d", p.size()),
          Numbers.pct(p.share()), p.rfmSegment().map(l -> md(l.level()) + " (" + Numbers.pct(l.share()) + ")").orElse(""),
          String.join("; ", tops)));
    }
    sb.append("\n## Segment profiles (means in original units)\n\n");
    List<String> h = new ArrayList<>(List.of("segment", "size", "share"));
    for (String f : r.profiles.numericFeatures()) {
      h.add(md(f));
    }
    for (String f : r.profiles.categoricalFeatures()) {
      h.add(md(f));
    }
    header(sb, h, "lrr" + "r".repeat(r.profiles.numericFeatures().size()));
    List<String> pop = new ArrayList<>(List.of("all", String.format(Locale.ROOT, "%,d", r.profiles.customers()), "100%"));
    for (String f : r.profiles.numericFeatures()) {
      pop.add(Numbers.num(r.profiles.population().get(f).mean()));
    }
    for (String f : r.profiles.categoricalFeatures()) {
      LevelShare top = r.profiles.populationLevels().get(f).get(0);
      pop.add(md(top.level()) + " (" + Numbers.pct(top.share()) + ")");
    }
    for (SegmentProfile p : r.profiles.segments()) {
      List<String> c = new ArrayList<>(List.of(p.label(), String.format(Locale.ROOT, "%,d", p.size()),
          Numbers.pct(p.share())));
      for (String f : r.profiles.numericFeatures()) {
        c.add(Numbers.num(p.mean(f)));
      }
      for (String f : r.profiles.categoricalFeatures()) {
        LevelShare top = p.categorical(f).top();
        c.add(md(top.level()) + " (" + Numbers.pct(top.share()) + ")");
      }
      row(sb, c);
    }
    row(sb, pop);
    sb.append("\n## Segment details\n\n").append(String.format(Locale.ROOT, "z: (segment mean − population mean) / "
        + "population sd. vs all: relative difference of the means. d: standardised mean difference against the rest "
        + "(%s). p adj: %s p-value, Benjamini–Hochberg adjusted.%n", r.profiles.options().test()
        == dev.segmint.profile.SegmentProfiles.Test.WELCH ? "on the values" : "on the ranks",
        md(r.profiles.options().test().label())));
    for (SegmentProfile p : r.profiles.segments()) {
      sb.append("\n### Segment ").append(p.label()).append(": ").append(md(p.name())).append("\n\n");
      sb.append(String.format(Locale.ROOT, "%,d customers (%s)", p.size(), Numbers.pct(p.share())));
      p.rfmSegment().ifPresent(l -> sb.append("; RFM: ").append(md(l.level())).append(" (").append(Numbers.pct(l.share()))
          .append(")"));
      sb.append("\n\n");
      if (!p.numeric().isEmpty()) {
        header(sb, List.of("feature", "mean", "median", "sd", "q1", "q3", "min", "max", "z", "vs all", "d", "p adj",
            "reads as"), "lrrrrrrrrrrrl");
        for (NumericProfile np : p.numeric().values()) {
          NumericSummary s = np.stats();
          row(sb, List.of(md(np.feature()), Numbers.num(s.mean()), Numbers.num(s.median()), Numbers.num(s.sd()), Numbers.num(s.q1()),
              Numbers.num(s.q3()), Numbers.num(s.min()), Numbers.num(s.max()), Numbers.signed(np.zScore()),
              Numbers.pct(np.relativeDifference()), Numbers.signed(np.effectSize()), Numbers.pValue(np.adjustedPValue()),
              md(phrase(p, np.feature()))));
        }
        sb.append('\n');
      }
      for (CategoricalProfile cp : p.categorical().values()) {
        sb.append("**").append(md(cp.feature())).append("** (χ² vs rest, p adj ").append(Numbers.pValue(cp.adjustedPValue()))
            .append(")\n\n");
        header(sb, List.of("level", "count", "share", "all customers", "lift", "d"), "lrrrrr");
        for (LevelShare l : cp.levels()) {
          row(sb, List.of(md(l.level()), String.format(Locale.ROOT, "%,d", l.count()), Numbers.pct(l.share()),
              Numbers.pct(l.populationShare()), Numbers.num(l.lift()), Numbers.signed(l.effectSize())));
        }
        sb.append('\n');
      }
    }
    if (r.value != null) {
      value(sb, r.value);
    }
    if (!r.rules.isEmpty()) {
      sb.append("\n## Segments as rules\n\n");
      header(sb, List.of("segment", "name", "rule (precision and recall on these customers)"), "lll");
      for (SegmentProfile p : r.profiles.segments()) {
        String line = r.rules.get(p.segment());
        if (line != null) {
          row(sb, List.of(p.label(), md(p.name()), md(line)));
        }
      }
    }
    if (r.checklist != null) {
      sb.append("\n## Segment checklist\n\n");
      header(sb, List.of("segment", "name", "measurable", "distinct", "stable", "actionable"), "llllll");
      for (Checklist.Row row : r.checklist.rows()) {
        row(sb, List.of(Integer.toString(row.segment()), md(row.name()), check(row.measurable()),
            check(row.distinct()), check(row.stable()), check(row.actionable())));
      }
    }
    if (r.stability != null) {
      sb.append("\n## Stability\n\n").append(md(r.stability.cost())).append(". ");
      double[] q = r.stability.ariQuartiles();
      sb.append(String.format(Locale.ROOT, "ARI with the reference: median %.3f (min %.3f, q1 %.3f, q3 %.3f, max %.3f)."
          + "%n%n", q[2], q[0], q[1], q[3], q[4]));
      header(sb, List.of("segment", "mean Jaccard", "dissolved", "recovered", "verdict"), "lrrrl");
      int[] segs = r.stability.segments();
      double[] j = r.stability.meanJaccard();
      int[] dis = r.stability.dissolved();
      int[] rec = r.stability.recovered();
      for (int c = 0; c < segs.length; c++) {
        row(sb, List.of(Integer.toString(segs[c]), String.format(Locale.ROOT, "%.3f", j[c]), Integer.toString(dis[c]),
            Integer.toString(rec[c]), dev.segmint.quality.Stability.Result.verdict(j[c])));
      }
    }
    sb.append("\n## Differences across segments\n\n");
    header(sb, List.of("feature", "test", "statistic", "df", "p adj", "effect", "ANOVA F", "η²"), "llrrrlrr");
    for (FeatureTest t : r.profiles.featureTests()) {
      row(sb, List.of(md(t.feature()), t.test(), Numbers.num(t.statistic()), Numbers.num(t.df()), Numbers.pValue(t.adjustedPValue()),
          t.effectName() + " " + Numbers.num(t.effectSize()), Numbers.num(t.anovaF()), Numbers.num(t.etaSquared())));
    }
    if (r.kCurves != null) {
      sb.append("\n## Choosing k\n\n");
      header(sb, List.of("k", "inertia", "silhouette", ""), "rrrl");
      for (int i = 0; i < r.kCurves.ks().length; i++) {
        row(sb, List.of(Integer.toString(r.kCurves.ks()[i]), Numbers.num(r.kCurves.inertia()[i]),
            Numbers.num(r.kCurves.silhouette()[i]), r.kCurves.ks()[i] == r.kCurves.chosen() ? "chosen" : ""));
      }
    }
    if (r.kDistance != null) {
      double[] d = r.kDistance.distances();
      sb.append(String.format(Locale.ROOT, "%n## k-distance%n%nk = %d, %,d points: median %s, max %s%s.%n",
          r.kDistance.k(), d.length, Numbers.num(d[d.length / 2]), Numbers.num(d[d.length - 1]),
          Double.isNaN(r.kDistance.eps()) ? "" : ", eps " + Numbers.num(r.kDistance.eps())));
    }
    if (r.dendrogram != null) {
      double[][] z = r.dendrogram.linkage();
      sb.append("\n## Dendrogram\n\n");
      header(sb, List.of("merge", "a", "b", "height", "size"), "rrrrr");
      for (int i = Math.max(0, z.length - 30); i < z.length; i++) {
        row(sb, List.of(Integer.toString(i), Long.toString((long) z[i][0]), Long.toString((long) z[i][1]),
            Numbers.num(z[i][2]), Long.toString((long) z[i][3])));
      }
    }
    for (String note : r.notes) {
      sb.append("\n```\n").append(note.replace("```", "ʼʼʼ").strip()).append("\n```\n");
    }
    sb.append("\n## How to read the statistics\n\n");
    for (String g : Decisions.GLOSSARY) {
      sb.append("- ").append(md(g)).append('\n');
    }
    return sb.toString();
  }

  private static void value(StringBuilder sb, SegmentValues v) {
    sb.append("\n## Where the value is\n\n").append(md(v.basis())).append(".\n\n");
    for (String line : v.sentences()) {
      sb.append("- ").append(md(line)).append('\n');
    }
    sb.append('\n');
    header(sb, List.of("segment", "name", "customers", "with a prediction", "total CLV", "share of value", "mean CLV",
        "mean p_alive"), "llrrrrrr");
    for (SegmentValues.Segment s : v.segments()) {
      row(sb, List.of(s.label(), md(s.name()), String.format(Locale.ROOT, "%,d", s.customers()),
          String.format(Locale.ROOT, "%,d", s.predicted()), Numbers.num(s.totalClv()), Numbers.pct(s.share()),
          Numbers.num(s.meanClv()), Numbers.num(s.meanPAlive())));
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

  private static String check(Checklist.Check c) {
    return (c.passed() ? "✅ " : c.status() == Checklist.Status.FAIL ? "❌ " : "– ") + md(c.detail());
  }
}
