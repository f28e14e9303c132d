package dev.segmint.report;

import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML report of a segmentation: a summary, a bar chart of segment sizes, and the segment
 * profile table with each numeric mean shaded by how far it sits from the population mean. One file, no
 * scripts, no network: charts are inline SVG. Every value taken from data is HTML-escaped.
 */
public final class HtmlReport {

  private final String title;
  private final Map<String, String> summary;
  private final SegmentProfiles profiles;
  private final List<String> notes;

  private HtmlReport(String title, Map<String, String> summary, SegmentProfiles profiles, List<String> notes) {
    this.title = title;
    this.summary = new LinkedHashMap<>(summary);
    this.profiles = profiles;
    this.notes = List.copyOf(notes);
  }

  /** A report on the given profiles. */
  public static Builder builder(SegmentProfiles profiles) {
    return new Builder(Objects.requireNonNull(profiles, "profiles"));
  }

  /** Builds a report step by step. */
  public static final class Builder {
    private final SegmentProfiles profiles;
    private String title = "Customer segments";
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(SegmentProfiles profiles) {
      this.profiles = profiles;
    }

    /** The page title. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** A line of the summary box, e.g. ("algorithm", "k-means, k = 5"). */
    public Builder summary(String key, Object value) {
      summary.put(key, String.valueOf(value));
      return this;
    }

    /** A paragraph of notes (preformatted text such as a data-quality report). */
    public Builder note(String text) {
      notes.add(text);
      return this;
    }

    public HtmlReport build() {
      return new HtmlReport(title, summary, profiles, notes);
    }
  }

  /** The report as one HTML document. */
  public String render() {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;")
        .append("text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}\n")
        .append("dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}\n")
        .append("pre{background:#f7f7f7;padding:.8rem;overflow:auto}\n</style></head><body>\n");
    h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    h.append("<dl>");
    h.append("<dt>customers</dt><dd>").append(String.format(Locale.ROOT, "%,d", profiles.customers())).append("</dd>");
    h.append("<dt>segments</dt><dd>").append(profiles.size()).append("</dd>");
    for (Map.Entry<String, String> e : summary.entrySet()) {
      h.append("<dt>").append(Html.escape(e.getKey())).append("</dt><dd>").append(Html.escape(e.getValue())).append("</dd>");
    }
    h.append("</dl>\n<h2>Segment sizes</h2>\n").append(sizeChart());
    h.append("<h2>Segment profiles</h2>\n<p>Means in original units. Shading: red above, blue below the mean of all "
        + "customers (by standard deviations of the segment means).</p>\n").append(profileTable());
    for (String note : notes) {
      h.append("<pre>").append(Html.escape(note)).append("</pre>\n");
    }
    h.append("<footer><p>Made with Segmint.</p></footer>\n</body></html>\n");
    return h.toString();
  }

  private String sizeChart() {
    List<SegmentProfile> segs = profiles.segments();
    long max = 1;
    for (SegmentProfile p : segs) {
      max = Math.max(max, p.size());
    }
    int barH = 24;
    int height = segs.size() * (barH + 8) + 10;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"segment sizes\">");
    int y = 5;
    for (SegmentProfile p : segs) {
      int w = (int) Math.round(400.0 * p.size() / max);
      String label = p.segment() < 0 ? "noise" : "segment " + p.segment();
      s.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"13\">").append(Html.escape(label)).append("</text>");
      s.append("<rect x=\"90\" y=\"").append(y).append("\" width=\"").append(Math.max(w, 1)).append("\" height=\"")
          .append(barH).append("\" fill=\"").append(color(p.segment())).append("\"/>");
      s.append("<text x=\"").append(96 + w).append("\" y=\"").append(y + 17).append("\" font-size=\"13\">")
          .append(String.format(Locale.ROOT, "%,d (%.1f%%)", p.size(), 100 * p.share())).append("</text>");
      y += barH + 8;
    }
    return s.append("</svg>\n").toString();
  }

  private static String color(int segment) {
    String[] palette = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
        "#9c755f", "#bab0ac"};
    return segment < 0 ? "#999999" : palette[segment % palette.length];
  }

  private String profileTable() {
    List<String> numeric = profiles.numericFeatures();
    List<String> categorical = profiles.categoricalFeatures();
    List<SegmentProfile> segs = profiles.segments();
    double[] mean = new double[numeric.size()];
    double[] sd = new double[numeric.size()];
    for (int j = 0; j < numeric.size(); j++) {
      double m = 0;
      for (SegmentProfile p : segs) {
        m += p.share() * p.means().get(numeric.get(j));
      }
      double v = 0;
      for (SegmentProfile p : segs) {
        double t = p.means().get(numeric.get(j)) - m;
        v += p.share() * t * t;
      }
      mean[j] = m;
      sd[j] = Math.sqrt(v);
    }
    StringBuilder t = new StringBuilder("<table><thead><tr><th class=\"l\">segment</th><th>size</th><th>share</th>");
    for (String f : numeric) {
      t.append("<th>").append(Html.escape(f)).append("</th>");
    }
    for (String f : categorical) {
      t.append("<th class=\"l\">").append(Html.escape(f)).append("</th>");
    }
    t.append("</tr></thead><tbody>\n");
    for (SegmentProfile p : segs) {
      t.append("<tr><td class=\"l\">").append(p.segment() < 0 ? "noise" : Integer.toString(p.segment())).append("</td>")
          .append(String.format(Locale.ROOT, "<td>%,d</td><td>%.1f%%</td>", p.size(), 100 * p.share()));
      for (int j = 0; j < numeric.size(); j++) {
        double v = p.means().get(numeric.get(j));
        double z = sd[j] > 0 ? (v - mean[j]) / sd[j] : 0;
        double a = Math.min(0.6, Math.abs(z) * 0.3);
        String bg = z >= 0 ? String.format(Locale.ROOT, "rgba(225,87,89,%.2f)", a)
            : String.format(Locale.ROOT, "rgba(78,121,167,%.2f)", a);
        t.append("<td style=\"background:").append(bg).append("\">")
            .append(Html.escape(String.format(Locale.ROOT, "%,.2f", v))).append("</td>");
      }
      for (String f : categorical) {
        t.append("<td class=\"l\">").append(Html.escape(p.topLevels().get(f))).append("</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</tbody></table>\n").toString();
  }

  /** Writes the report atomically (a temporary file in the same folder, then a move). */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".segmint-", ".html.tmp");
    try {
      Files.writeString(tmp, render(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String toString() {
    return "HtmlReport[" + title + ", " + profiles.size() + " segments, " + profiles.customers() + " customers]";
  }
}
