package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs `segmint demo` once on the bundled Online Retail sample and checks it against an independent count. */
class DemoCommandTest {

  @TempDir
  static Path dir;

  static String stdout;
  static int exit;
  static List<String[]> segments;

  @BeforeAll
  static void runDemo() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    exit = SegmintCommand.run(new String[] {"demo", "--k", "4", "--threads", "2", "--replicates", "8", "--report",
        dir.resolve("report.html").toString(), "--out", dir.resolve("segments.csv").toString()},
        new PrintWriter(out), new PrintWriter(err));
    stdout = out.toString();
    segments = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("segments.csv"));
    assertEquals("customer_id,segment", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      segments.add(line.split(",", -1));
    }
  }

  /** Customers with at least one row having an id and quantity × price > 0, read straight from the CSV. */
  static Set<String> customersWithAPurchase() throws Exception {
    Set<String> ids = new HashSet<>();
    Path data = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(data)),
        StandardCharsets.UTF_8))) {
      String header = r.readLine();
      assertEquals("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", header);
      String line;
      while ((line = r.readLine()) != null) {
        List<String> f = splitCsv(line);
        String id = f.get(6);
        if (!id.isEmpty() && Double.parseDouble(f.get(3)) * Double.parseDouble(f.get(5)) > 0) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
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
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  @Test
  void everyCustomerWithAPurchaseIsSegmented() throws Exception {
    assertEquals(0, exit, stdout);
    Set<String> expected = customersWithAPurchase();
    assertEquals(4338, expected.size(), "the published figure for this dataset");
    Set<String> got = new HashSet<>();
    for (String[] row : segments) {
      got.add(row[0]);
    }
    assertEquals(segments.size(), got.size(), "one row per customer");
    assertEquals(expected, got);
    assertTrue(stdout.contains("customers: 4338"), stdout);
  }

  @Test
  void profileSizesAddUpAndIdsKeepTheirText() {
    long[] sizes = new long[4];
    for (String[] row : segments) {
      sizes[Integer.parseInt(row[1])]++;
    }
    for (int c = 1; c < 4; c++) {
      assertTrue(sizes[c - 1] >= sizes[c], "segments are numbered by size");
    }
    assertTrue(segments.stream().allMatch(r -> r[0].endsWith(".0")), "ids are written exactly as read (17850.0)");
    for (int c = 0; c < 4; c++) {
      assertTrue(stdout.matches("(?s).*\\n\\s+" + c + "\\s+\\|\\s+" + sizes[c] + "\\s+\\|.*"),
          "profile row of segment " + c + " shows size " + sizes[c] + ":\n" + stdout);
    }
  }

  @Test
  void segmentsAreNamedAndExplained() {
    assertTrue(stdout.contains("Top features (segment vs rest: Mann–Whitney U"), stdout);
    assertTrue(stdout.contains("Segment checklist"), stdout);
    assertTrue(stdout.contains("Stability (Hennig's clusterboot): 8 bootstrap refits on 4,338 points"), stdout);
    // the most recent, most frequent segment reads as such, with its dominant RFM segment
    assertTrue(stdout.matches("(?s).*\\n  [0-9]     [^\\n]*(recent|frequent)[^\\n]*\\[RFM: Champions [0-9]+%].*"), stdout);
    assertTrue(stdout.lines().filter(l -> l.startsWith("  ") && l.contains("d=")).count() >= 4,
        "top features with effect sizes:\n" + stdout);
  }

  @Test
  void reportIsSelfContainedHtml() throws Exception {
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<svg") && html.contains("Segment profiles"));
    for (String part : List.of("id=\"glance\"", "id=\"heatmap\"", "id=\"map\"", "id=\"distributions\"",
        "id=\"checklist\"", "id=\"stability\"", "Elbow: inertia by k", "Mean silhouette by k", "Dendrogram")) {
      assertTrue(html.contains(part), part);
    }
    assertTrue(!html.contains("<script") && !html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assertTrue(!html.matches("(?s).*(src|href)=\"https?://.*"), "nothing loaded from the network");
  }

  @Test
  void badInputExitsWithTwoAndOneSentence() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(new String[] {"rfm", "--transactions", dir.resolve("missing.csv").toString(),
        "--customer", "c", "--timestamp", "t", "--amount", "a", "--out", dir.resolve("o.csv").toString()},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(2, code);
    assertTrue(err.toString().startsWith("segmint: file not found:"), err.toString());
    assertTrue(!err.toString().contains("\tat "), "no stack trace without --verbose");
  }

  /** Issue 17: the output and the report lead with one line per segment: name, size, share, action, facts. */
  @Test
  void outputAndReportLeadWithWhatToDo() throws Exception {
    long[] sizes = new long[4];
    for (String[] row : segments) {
      sizes[Integer.parseInt(row[1])]++;
    }
    List<String> lines = stdout.lines().toList();
    int at = lines.indexOf("Segments and what to do (name — customers — action — in plain words)");
    assertEquals(5, at, "right after the run's four summary lines and a blank line:\n" + stdout);
    for (int c = 0; c < 4; c++) {
      String line = lines.get(at + 1 + c);
      String share = String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * sizes[c] / 4338);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("  " + c + "     ([^—]+) — "
          + String.format(java.util.Locale.ROOT, "%,d", sizes[c]) + " customers \\(" + java.util.regex.Pattern.quote(share)
          + "\\) — ([^—]+) — bought [0-9.]+ times on average, last [0-9,]+ days ago, median spend (about the overall "
          + "median|[0-9.]+× the overall median)").matcher(line);
      assertTrue(m.matches(), line);
      assertTrue(!m.group(1).contains("score") && !m.group(1).contains("rfm_code") && !m.group(1).contains("mostly"),
          m.group(1));
      // the action is the contract's action of the segment's largest RFM group, as the profile lists it
      // ("top rfm_segment:  0 Hibernating (93%)  1 …": the means are printed as rows, the table being wide)
      java.util.regex.Matcher top = java.util.regex.Pattern.compile("(?m)^top rfm_segment:.*?  " + c
          + " ([A-Za-z' ]+?) \\([0-9]+%\\)").matcher(stdout);
      assertTrue(top.find(), stdout);
      assertEquals(dev.segmint.profile.SegmentAction.RFM_ACTIONS.get(top.group(1).strip()), m.group(2).strip(), line);
    }
    String html = Files.readString(dir.resolve("report.html"));
    int decisions = html.indexOf("<h2 id=\"decisions\">Segments and what to do</h2>");
    assertTrue(decisions > 0 && decisions < html.indexOf("<section class=\"facts\">")
        && html.indexOf("<h2") == decisions, "the first section of the report");
    String table = html.substring(decisions, html.indexOf("</table>", decisions));
    assertEquals(4, table.split("<td class=\"act\"", -1).length - 1, table);
    assertTrue(table.contains("Reward: VIP perks, early access, ask for reviews and referrals"), table);
    assertTrue(html.contains(" · clustered on: recency_days, frequency, monetary · profiled: recency_days, frequency, "
        + "monetary, tenure_days, avg_order_value, rfm_segment</p>"), "header lists both feature sets");
    assertEquals(1, html.split("<b>customers</b>", -1).length - 1, "one customers fact");
  }
}
