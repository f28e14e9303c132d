package dev.segmint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Numbers;
import dev.segmint.model.Json;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Indices;
import dev.segmint.quality.Stability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReportTest {

  static final String XSS = "<script>alert(1)</script>";

  @TempDir
  Path dir;

  /** 240 customers in three segments with a hostile category, feature name and id. */
  static Table customers(int[] labels) {
    Random rnd = new Random(12);
    int n = labels.length;
    String[] ids = new String[n];
    double[] spend = new double[n];
    double[] visits = new double[n];
    String[] channel = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      ids[i] = i == 0 ? XSS : "c" + i;
      spend[i] = Math.exp(rnd.nextGaussian() + labels[i]);
      visits[i] = 3 * labels[i] + rnd.nextGaussian();
      channel[i] = labels[i] == 2 && rnd.nextBoolean() ? XSS : rnd.nextBoolean() ? "web" : "store \"A\", north";
    }
    return Table.create("customers", StringColumn.create("customer_id", ids), DoubleColumn.create("spend", spend),
        DoubleColumn.create("visits <b>", visits), StringColumn.create("channel", channel));
  }

  static Report fullReport() {
    int[] labels = new int[240];
    Table t = customers(labels);
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    FeatureMatrix space = FeatureMatrix.fromTable(t, "customer_id", "spend", "visits <b>");
    Stability.Result st = Stability.run(space, labels, (s, seed) -> {
      int[] l = new int[s.rows()];
      for (int i = 0; i < l.length; i++) {
        l[i] = (int) Math.round(s.get(i, 1) / 3);
        l[i] = Math.max(0, Math.min(2, l[i]));
      }
      return l;
    }, Stability.Options.bootstrap(5).withThreads(1));
    double[][] linkage = {{0, 1, 0.5, 2}, {2, 3, 1.5, 3}};
    return Report.builder(p).title("Segments " + XSS).summary("source " + XSS, XSS).note("dropped ids: " + XSS)
        .checklist(Checklist.of(p, space, st)).stability(st).indices(Indices.of(space, labels)).projection(space)
        .kCurves(new int[] {2, 3, 4}, new double[] {300, 120, 100}, new double[] {0.4, 0.55, 0.41}, 3)
        .kDistance(new double[] {0.3, 0.1, 0.2, 0.9, 0.25}, 4, 0.35)
        .dendrogram(linkage, new String[] {"a " + XSS, "b", "c"}, "caption " + XSS).build();
  }

  @Test
  void htmlEscapesEveryDataValueAndLoadsNothing() {
    Report r = fullReport();
    String html = r.toHtml();
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "a data value became markup");
    assertFalse(html.contains("visits <b>"), "a feature name became markup");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("visits &lt;b&gt;"));
    assertTrue(html.contains("store &quot;A&quot;, north"));
    assertTrue(html.contains("default-src 'none'"), "Content-Security-Policy");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(?!#)", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "nothing but in-page anchors is referenced");
    String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"), "no URL but the SVG namespace");
    // every chart is there: sizes, heatmap, PCA, one box plot per numeric feature, elbow, silhouette, k-distance,
    // dendrogram
    assertEquals(1 + 1 + 1 + 2 + 2 + 1 + 1, count(html, "<svg"));
    assertEquals(count(html, "<svg"), count(html, "</svg>"));
    for (String section : List.of("id=\"glance\"", "id=\"sizes\"", "id=\"heatmap\"", "id=\"map\"",
        "id=\"distributions\"", "Segment profiles", "id=\"checklist\"", "id=\"stability\"", "id=\"structure\"",
        "Dendrogram", "id=\"tests\"", "id=\"glossary\"")) {
      assertTrue(html.contains(section), section);
    }
  }

  static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      c++;
    }
    return c;
  }

  @Test
  void markdownAndTextKeepDataInert() {
    Report r = fullReport();
    String md = r.toMarkdown();
    // notes are fenced code blocks, which Markdown shows verbatim (entities would show as "&lt;")
    assertTrue(md.contains("```\ndropped ids: " + XSS + "\n```"), md);
    String outsideCode = md.replaceAll("(?s)```.*?```", "");
    assertFalse(outsideCode.contains("<script"), md);
    assertTrue(md.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"), "escaped for Markdown");
    assertTrue(md.contains("## Segment checklist") && md.contains("## Stability") && md.contains("## Choosing k"));
    String text = r.toText();
    assertTrue(text.contains("Segment checklist") && text.contains("Top features"), text);
  }

  @Test
  void jsonParsesBackWithTheSameValues() {
    Report r = fullReport();
    String json = r.toJson();
    assertFalse(json.contains("<script"), "< is written as \\u003c");
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) JsonParser.parse(json);
    assertEquals("Segments " + XSS, root.get("title"));
    assertEquals(240.0, root.get("customers"));
    List<?> segments = (List<?>) root.get("segments");
    assertEquals(3, segments.size());
    SegmentProfiles p = r.profiles();
    for (int s = 0; s < 3; s++) {
      Map<?, ?> seg = (Map<?, ?>) segments.get(s);
      assertEquals(p.segment(s).name(), seg.get("name"));
      assertEquals((double) p.segment(s).size(), seg.get("size"));
      List<?> numeric = (List<?>) seg.get("numeric");
      Map<?, ?> spend = (Map<?, ?>) numeric.get(0);
      assertEquals("spend", spend.get("feature"));
      assertEquals(p.segment(s).numeric("spend").stats().median(), ((Map<?, ?>) spend.get("stats")).get("median"));
      assertEquals(p.segment(s).numeric("spend").effectSize(), spend.get("effect_size"));
      List<?> levels = (List<?>) ((Map<?, ?>) ((List<?>) seg.get("categorical")).get(0)).get("levels");
      assertTrue(levels.stream().anyMatch(l -> XSS.equals(((Map<?, ?>) l).get("level"))), "levels round-trip");
      Map<?, ?> checks = (Map<?, ?>) seg.get("checklist");
      assertEquals(4, checks.size());
    }
    assertEquals(3, ((List<?>) root.get("tests")).size());
    assertEquals(5.0, ((Map<?, ?>) root.get("stability")).get("replicates"));
    assertEquals(List.of(2.0, 3.0, 4.0), ((Map<?, ?>) root.get("k_selection")).get("k"));
    assertEquals(List.of(0.1, 0.2, 0.25, 0.3, 0.9), ((Map<?, ?>) root.get("k_distance")).get("distances"));
    assertEquals("caption " + XSS, ((Map<?, ?>) root.get("dendrogram")).get("caption"));
    assertEquals(List.of("dropped ids: " + XSS), root.get("notes"));
  }

  @Test
  void csvIsLongFormAndQuotedProperly() {
    Report r = fullReport();
    List<List<String>> rows = parseCsv(r.toCsv());
    assertEquals(CsvReport.COLUMNS, rows.get(0));
    SegmentProfiles p = r.profiles();
    int expected = 0;
    for (var s : p.segments()) {
      expected += s.numeric().size() + s.categorical("channel").levels().size();
    }
    assertEquals(expected + 1, rows.size());
    int level = CsvReport.COLUMNS.indexOf("level");
    assertTrue(rows.stream().anyMatch(row -> row.get(level).equals(XSS)));
    assertTrue(rows.stream().anyMatch(row -> row.get(level).equals("store \"A\", north")), "quotes and commas survive");
    for (List<String> row : rows) {
      assertEquals(CsvReport.COLUMNS.size(), row.size(), row.toString());
    }
    List<String> first = rows.get(1);
    assertEquals("visits <b>", rows.get(2).get(CsvReport.COLUMNS.indexOf("feature")));
    assertEquals(p.segment(0).numeric("spend").stats().mean(),
        Double.parseDouble(first.get(CsvReport.COLUMNS.indexOf("mean"))), 1e-9);
  }

  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cur.toString());
        cur.setLength(0);
      } else if (c == '\n') {
        row.add(cur.toString());
        cur.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cur.append(c);
      }
    }
    return rows;
  }

  @Test
  void csvDefusesSpreadsheetFormulas() {
    assertEquals("'=HYPERLINK(\"x\")", Csv.defuse("=HYPERLINK(\"x\")"));
    assertEquals("'+1x", Csv.defuse("+1x"));
    assertEquals("+1", Csv.defuse("+1"), "the one rule (as the command line's): a plain number is left alone");
    assertEquals("''quoted", Csv.defuse("'quoted"), "a leading apostrophe is doubled, so undefuse gives it back");
    assertEquals("'@sum", Csv.defuse("@sum"));
    assertEquals("web", Csv.defuse("web"));
    assertEquals("\"'=1,2\"", Csv.quote(Csv.defuse("=1,2")));
    assertEquals("0.333333333333333", Csv.number(1.0 / 3), "15 significant digits, as the command line writes");
  }

  @Test
  void writesByExtensionAtomically() throws Exception {
    Report r = fullReport();
    for (String name : List.of("r.html", "r.md", "r.csv", "r.json", "r.txt")) {
      Path f = dir.resolve(name);
      r.write(f);
      assertEquals(r.render(Report.Format.ofFile(f)), Files.readString(f));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.write(dir.resolve("r.pdf")));
    assertTrue(e.getMessage().contains("end the name with .html"), e.getMessage());
    // HtmlReport.builder keeps its promise whatever the extension
    Path out = dir.resolve("report.out");
    HtmlReport.builder(r.profiles()).title("t").build().write(out);
    assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void dendrogramsAreCheckedAndTruncated() {
    int[] labels = new int[240];
    SegmentProfiles p = SegmentProfiles.of(customers(labels), labels);
    assertThrows(IllegalArgumentException.class, () -> Report.builder(p).dendrogram(new double[][] {{0, 5, 1, 2}}, null));
    assertThrows(IllegalArgumentException.class,
        () -> Report.builder(p).dendrogram(new double[][] {{0, 1, 1, 2}, {0, 2, 2, 3}}, null));
    // a chain of 40 leaves: only the last 29 merges are drawn, the rest as subtrees "(size)"
    int n = 40;
    double[][] z = new double[n - 1][];
    z[0] = new double[] {0, 1, 1, 2};
    for (int i = 1; i < n - 1; i++) {
      z[i] = new double[] {n + i - 1, i + 1, i + 1, i + 2};
    }
    String svg = Charts.dendrogram(Charts.checkLinkage(z), null, 30);
    assertEquals(29, count(svg, "<path"));
    assertTrue(svg.contains("(11)"), "the first 10 merges collapse into one subtree of 11 leaves");
  }

  @Test
  void jsonWriterEscapesAndBalances() {
    String s = new Json().beginObject().field("q", "a\"b\\c\n\t\u0001<&>\u2028é").field("nan", Double.NaN)
        .field("x", 0.1).field("big", 1e300).field("n", 3).name("a").array(new double[] {1.5, -2}).endObject()
        .toString();
    assertEquals("{\"q\":\"a\\\"b\\\\c\\n\\t\\u0001\\u003c\\u0026\\u003e\\u2028é\",\"nan\":null,\"x\":0.1,"
        + "\"big\":1.0e300,\"n\":3,\"a\":[1.5,-2]}", s);
    Map<?, ?> back = (Map<?, ?>) JsonParser.parse(s);
    assertEquals("a\"b\\c\n\t\u0001<&>\u2028é", back.get("q"));
    assertNull(back.get("nan"));
    assertThrows(IllegalStateException.class, () -> new Json().beginObject().value(1));
    assertThrows(IllegalStateException.class, () -> new Json().beginArray().toString());
    assertThrows(IllegalStateException.class, () -> new Json().beginArray().endObject());
  }

  @Test
  void pcaMatchesScikitLearn() {
    double[][] x = {{2.5, 2.4, 0.5}, {0.5, 0.7, 1.0}, {2.2, 2.9, 0.1}, {1.9, 2.2, 0.7}, {3.1, 3.0, 0.2},
        {2.3, 2.7, 0.4}, {2, 1.6, 0.9}, {1, 1.1, 1.5}, {1.5, 1.6, 1.1}, {1.1, 0.9, 1.3}};
    String[] ids = new String[x.length];
    int[] labels = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      ids[i] = "p" + i;
      labels[i] = i % 2;
    }
    Projection p = Projection.pca(FeatureMatrix.of(ids, new String[] {"a", "b", "c"}, x), labels, 100, 0);
    // sklearn.decomposition.PCA(2).fit(X): explained_variance_ratio_ [0.94224362, 0.04409074],
    // components_ [[0.62905876, 0.6914544, -0.35521244], [-0.72142266, 0.34908211, -0.59807276]],
    // transform(X)[:3] [[0.86877056, -0.16525176], [-1.74242567, 0.3851176], [1.16786511, 0.4649452]]
    // (scikit-learn 1.2.1; signs are arbitrary: Segmint makes each component's largest loading positive)
    assertEquals(0.94224362, p.explained()[0], 1e-8);
    assertEquals(0.04409074, p.explained()[1], 1e-8);
    double[][] c = p.components();
    double[][] sk = {{0.62905876, 0.6914544, -0.35521244}, {0.72142266, -0.34908211, 0.59807276}};
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(sk[k][j], c[k][j], 1e-7);
      }
    }
    assertEquals(0.86877056, p.x()[0], 1e-7);
    assertEquals(0.16525176, p.y()[0], 1e-7);
    assertEquals(-1.74242567, p.x()[1], 1e-7);
    Projection sampled = Projection.pca(FeatureMatrix.of(ids, new String[] {"a", "b", "c"}, x), labels, 4, 3);
    assertEquals(4, sampled.plotted());
    assertEquals(10, sampled.total());
  }

  @Test
  void chartNumbersAreReadable() {
    assertEquals("1.2k", Numbers.compact(1234));
    assertEquals("15k", Numbers.compact(15_000));
    assertEquals("0.25", Numbers.compact(0.25));
    assertEquals("214", Numbers.num(214));
    assertEquals("19.6", Numbers.num(19.56));
    assertEquals("2,054", Numbers.num(2054.3));
    assertEquals("<0.001", Numbers.pValue(1e-9));
    Matcher m = Pattern.compile("#[0-9a-f]{6}").matcher(Charts.diverging(1.0));
    assertTrue(m.matches());
  }

  /**
   * Issue 17: 40 customers; segment 0 lapsed (recency 200..219 days), low spend, many visits; segment 1 recent,
   * high spend, few visits. "visits" has no business direction.
   */
  static SegmentProfiles lapsedAndRecent() {
    int n = 40;
    double[] rec = new double[n];
    double[] mon = new double[n];
    double[] visits = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      boolean lapsed = i < 20;
      rec[i] = lapsed ? 200 + i : 5 + i;
      mon[i] = lapsed ? 100 + i : 5000 + i;
      visits[i] = lapsed ? 50 + i : 1 + i % 3;
      labels[i] = lapsed ? 0 : 1;
    }
    Table t = Table.create("c", DoubleColumn.create("recency_days", rec), DoubleColumn.create("monetary", mon),
        DoubleColumn.create("visits", visits));
    return SegmentProfiles.of(t, labels);
  }

  @Test
  void heatmapColoursMeanBetterOrWorseForTheBusiness() {
    SegmentProfiles p = lapsedAndRecent();
    String svg = Charts.heatmap(p, Direction::defaultFor);
    List<String> classes = new ArrayList<>();
    Matcher m = Pattern.compile("<rect class=\"(\\w+)\"").matcher(svg);
    while (m.find()) {
      classes.add(m.group(1));
    }
    // rows: segment 0, segment 1; columns: recency_days, monetary, visits. A high recency is worse, a high spend
    // better; visits has no direction
    assertEquals(List.of("worse", "worse", "neutral", "better", "better", "neutral"), classes);
    assertTrue(p.segment(0).numeric("recency_days").zScore() > 0, "segment 0's recency is above average");
    // the worse cell is red (more red than green), the better one green
    assertEquals("#b2182b", Charts.diverging(-2));
    assertEquals("#1b7837", Charts.diverging(2));
    // labels are rotated, never overlap, and carry their full name
    assertTrue(svg.contains("transform=\"rotate(-40 ") && svg.contains("<title>recency_days (lower is better)</title>"),
        svg);
    // a caller can give a feature a direction
    Report r = Report.builder(p).direction("visits", Direction.HIGHER_IS_BETTER).build();
    assertEquals(Direction.HIGHER_IS_BETTER, r.direction("visits"));
    assertTrue(r.toHtml().contains("<rect class=\"better\""));
  }

  @Test
  void reportsLeadWithOneDecisionLinePerSegment() {
    SegmentProfiles p = lapsedAndRecent();
    Report r = Report.builder(p).title("Test").summary("customers", "a file").build();
    List<String> text = r.toText().lines().toList();
    assertEquals(List.of("Test", "====", "Segments and what to do (name — customers — action — in plain words)",
        // visits has the largest |d| (segment 1's visits 1..3 are tied, so their spread is small); recency of
        // segment 1 is 25..44, mean 34.5 → 34 (half even); median spends 109.5 and 5029.5 against the overall
        // median (119 + 5020) / 2 = 2569.5: 0.0426 → 0.04× and 1.957 → 2×
        "  0     Very high visits, very lapsed, very low monetary — 20 customers (50.0%) — Low-cost win-back offer, "
            + "else suppress from paid campaigns — last 210 days ago, median spend 0.04× the overall median",
        "  1     Very low visits, very recent, very high monetary — 20 customers (50.0%) — Retain and upsell: loyalty "
            + "rewards, higher-value products — last 34 days ago, median spend 2× the overall median", ""),
        text.subList(0, 6));
    String md = r.toMarkdown();
    assertTrue(md.startsWith("# Test\n\n## Segments and what to do\n\n| segment | name | customers | share | action | "
        + "in plain words |\n"), md);
    String html = r.toHtml();
    assertEquals(html.indexOf("<h2"), html.indexOf("<h2 id=\"decisions\">Segments and what to do</h2>"));
    assertTrue(html.contains("<td class=\"act\" title=\"lapsed\">Low-cost win-back offer, else suppress from paid "
        + "campaigns</td>"), html);
    assertEquals(1, html.split("<b>customers</b>", -1).length - 1, "the summary's customers does not repeat the fact");
    assertTrue(html.contains("<b>customers (given)</b>a file"));
    assertTrue(r.toText().contains("How to read the statistics\n  d: "), r.toText());
    String json = r.toJson().replaceAll("\\s*\\n\\s*", "");
    assertTrue(json.contains("\"action\": {\"action\": \"Low-cost win-back offer, else suppress from paid campaigns\","
        + "\"source\": \"feature_rule\",\"basis\": \"lapsed\"}"), json);
  }
}
