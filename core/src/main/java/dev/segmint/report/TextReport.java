package dev.segmint.report;

import dev.segmint.internal.Numbers;
import dev.segmint.profile.Checklist;
import java.util.Locale;
import java.util.Map;

/** The plain-text rendering of a {@link Report}. */
final class TextReport {
  private TextReport() {}

  static String render(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.title).append('\n').append("=".repeat(Math.min(100, r.title.length()))).append('\n');
    sb.append(Decisions.HEADING).append(" (name — customers — action — in plain words)\n");
    for (String line : Decisions.lines(r.profiles)) {
      sb.append("  ").append(line).append('\n');
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "customers: %,d; segments: %d%n", r.profiles.customers(),
        r.profiles.segments().stream().filter(p -> !p.isNoise()).count()));
    for (Map.Entry<String, String> e : r.summary.entrySet()) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    if (r.indices != null) {
      sb.append("quality: ").append(r.indices).append('\n');
    }
    sb.append('\n').append(r.profiles);
    if (!r.rules.isEmpty()) {
      sb.append("\nSegments as rules (precision and recall on these customers)\n");
      r.rules.forEach((seg, line) -> sb.append("  ").append(seg).append(": ").append(line).append('\n'));
    }
    if (r.value != null) {
      sb.append('\n').append(r.value);
    }
    if (r.checklist != null) {
      Checklist.Options o = r.checklist.options();
      sb.append('\n').append(String.format(Locale.ROOT, "Segment checklist (measurable: size ≥ %d and share ≥ %.1f%%; "
          + "distinct: silhouette ≥ %.2f; stable: bootstrap Jaccard ≥ %.2f; actionable: a significant feature with "
          + "|d| ≥ %.1f)%n", o.minSize(), 100 * o.minShare(), o.minSilhouette(), o.minJaccard(), o.minEffect()));
      sb.append(r.checklist);
    }
    if (r.stability != null) {
      sb.append('\n').append(r.stability);
    }
    sb.append('\n').append("Differences across segments (noise left out; Benjamini–Hochberg adjusted)\n")
        .append(r.profiles.testsTable().printAll()).append('\n');
    if (r.kCurves != null) {
      sb.append('\n').append("Choosing k (chosen: ").append(r.kCurves.chosen()).append(")\n");
      for (int i = 0; i < r.kCurves.ks().length; i++) {
        sb.append(String.format(Locale.ROOT, "  k = %-3d inertia %-12s silhouette %s%n", r.kCurves.ks()[i],
            Numbers.num(r.kCurves.inertia()[i]), Numbers.num(r.kCurves.silhouette()[i])));
      }
    }
    if (r.kDistance != null) {
      double[] d = r.kDistance.distances();
      sb.append(String.format(Locale.ROOT, "%nk-distance (k = %d, %,d points): median %s, 90th percentile %s, max %s%s%n",
          r.kDistance.k(), d.length, Numbers.num(d[d.length / 2]), Numbers.num(d[(int) Math.min(d.length - 1, 0.9 * d.length)]),
          Numbers.num(d[d.length - 1]), Double.isNaN(r.kDistance.eps()) ? "" : ", eps " + Numbers.num(r.kDistance.eps())));
    }
    if (r.dendrogram != null) {
      double[][] z = r.dendrogram.linkage();
      sb.append(String.format(Locale.ROOT, "%nDendrogram: %d leaves, last merge at height %s%n", z.length + 1,
          Numbers.num(z[z.length - 1][2])));
    }
    for (String note : r.notes) {
      sb.append('\n').append(note.strip()).append('\n');
    }
    sb.append("\nHow to read the statistics\n");
    for (String g : Decisions.GLOSSARY) {
      sb.append("  ").append(g).append('\n');
    }
    return sb.toString();
  }
}
