package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value tiers ({@code clv --by value}), the value page ({@code clv --report}) and {@code segment --clv}. */
class ClvSegmentsCommandTest {

  @TempDir
  Path dir;

  /** 40 customers with 1 to 6 purchase days in 2024 (a fixed pattern, no randomness). */
  private Path transactions() throws IOException {
    StringBuilder sb = new StringBuilder("id,day,amount\n");
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k <= i % 6; k++) {
        int day = (i * 7 + k * 13 * (1 + i % 3)) % 300;
        sb.append(String.format(Locale.ROOT, "c%02d,%s,%d%n", i, start.plusDays(day), 10 + i + 3 * k));
      }
    }
    Path in = dir.resolve("tx.csv");
    Files.writeString(in, sb, StandardCharsets.UTF_8);
    return in;
  }

  private static String[] args(String... parts) {
    return parts;
  }

  @Test
  void onlineRetailTiersHoldTheDocumentedSharesAndTheReportDrawsTheHoldout() throws IOException {
    Path in = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
    Path out = dir.resolve("clv.csv");
    Path tiers = dir.resolve("tiers.csv");
    Path html = dir.resolve("clv.html");
    Run r = Run.of("clv", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--quantity", "Quantity", "--price", "UnitPrice", "--calibration-end", "2011-09-08", "--holdout-end",
        "2011-12-09", "--out", out.toString(), "--by", "value", "--out-segments", tiers.toString(), "--report",
        html.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(tiers);
    assertEquals("customer_id,segment", lines.get(0));
    assertEquals(3363, lines.size(), "every one of the 3,362 customers");
    // 3,362 customers, none likely lost (b runs very large): top ⌈0.2 · 3362⌉ = 673, up to ⌈0.5 · 3362⌉ = 1,681
    Map<String, Integer> sizes = new TreeMap<>();
    for (String l : lines.subList(1, lines.size())) {
      sizes.merge(l.substring(l.indexOf(',') + 1), 1, Integer::sum);
    }
    assertEquals(Map.of("0", 673, "1", 1008, "2", 1681), sizes);
    // the tiers follow the CLV of --out: every top customer is worth at least every middle one, and so on
    Map<String, Double> clv = new TreeMap<>();
    List<String> rows = Files.readAllLines(out);
    for (String l : rows.subList(1, rows.size())) {
      String[] c = l.split(",");
      clv.put(c[0], Double.parseDouble(c[8]));
    }
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = new double[3];
    double[] sum = new double[3];
    for (String l : lines.subList(1, lines.size())) {
      String[] c = l.split(",");
      int t = Integer.parseInt(c[1]);
      double v = clv.get(c[0]);
      min[t] = Math.min(min[t], v);
      max[t] = Math.max(max[t], v);
      sum[t] += v;
    }
    assertTrue(min[0] >= max[1] && min[1] >= max[2], Arrays.toString(min) + " " + Arrays.toString(max));
    double total = sum[0] + sum[1] + sum[2];
    assertTrue(Pattern.compile("(?m)^ +0  \\| +673  \\| +" + Pattern.quote(dev.segmint.internal.Numbers.num(sum[0]))
        + "  \\| ").matcher(r.err()).find(), r.err());
    assertTrue(r.err().contains("Segment 0 (Top value): 20.0% of the customers hold "
        + dev.segmint.internal.Numbers.pct(sum[0] / total) + " of the value"), r.err());
    assertTrue(r.err().contains("value tiers of 3,362 customers written to " + tiers), r.err());
    String page = Files.readString(html);
    assertTrue(page.contains("id=\"holdout\"") && page.contains("<path class=\"predicted\""), "holdout chart");
    assertTrue(page.contains("<td class=\"l\">7+</td><td>274</td><td>5.29</td><td>3.88</td>"), "holdout table");
    assertTrue(page.contains("id=\"value\""), "where the value is");
  }

  @Test
  void segmentWithClvAddsTheValuePerSegmentWhoseTotalIsTheClvCommands() throws IOException {
    Path in = transactions();
    Path seg = dir.resolve("seg.csv");
    Path html = dir.resolve("seg.html");
    Run r = Run.of("segment", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
        "amount", "--algorithm", "kmeans", "--k", "3", "--seed", "1", "--clv", "--out", seg.toString(), "--report",
        html.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Where the value is (CLV over 360 days (12 months), discounted 1.0% a month)"),
        r.err());
    String page = Files.readString(html);
    assertTrue(page.contains("<h2 id=\"value\">Where the value is</h2>"), "report section");
    Path clvOut = dir.resolve("clv.csv");
    Run c = Run.of("clv", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
        "amount", "--out", clvOut.toString());
    assertEquals(0, c.code(), c.err());
    // the per-segment sums: segment's CLV from clv.csv joined to seg.csv by hand
    Map<String, Double> clv = new TreeMap<>();
    List<String> rows = Files.readAllLines(clvOut);
    for (String l : rows.subList(1, rows.size())) {
      String[] cells = l.split(",");
      clv.put(cells[0], Double.parseDouble(cells[8]));
    }
    Map<Integer, Double> bySegment = new TreeMap<>();
    Map<Integer, Integer> count = new TreeMap<>();
    List<String> segRows = Files.readAllLines(seg);
    for (String l : segRows.subList(1, segRows.size())) {
      String[] cells = l.split(",");
      bySegment.merge(Integer.parseInt(cells[1]), clv.get(cells[0]), Double::sum);
      count.merge(Integer.parseInt(cells[1]), 1, Integer::sum);
    }
    double total = bySegment.values().stream().mapToDouble(Double::doubleValue).sum();
    Matcher m = Pattern.compile("total CLV ([0-9,.]+?), written").matcher(c.err());
    assertTrue(m.find(), c.err());
    assertEquals(m.group(1), dev.segmint.internal.Numbers.num(total), "clv's total = the sum of its rows");
    Matcher all = Pattern.compile("(?m)^all: 40 customers, total CLV ([0-9,.]+)$").matcher(r.err());
    assertTrue(all.find(), r.err());
    assertEquals(m.group(1), all.group(1), "segment --clv's total is clv's");
    for (Map.Entry<Integer, Double> e : bySegment.entrySet()) {
      String share = dev.segmint.internal.Numbers.pct(e.getValue() / total);
      Pattern line = Pattern.compile("(?m)^ +" + e.getKey() + "  \\| +" + count.get(e.getKey()) + "  \\| +"
          + Pattern.quote(dev.segmint.internal.Numbers.num(e.getValue())) + "  \\| +" + Pattern.quote(share) + "  \\|");
      assertTrue(line.matcher(r.err()).find(), "segment " + e.getKey() + ": " + share + "\n" + r.err());
    }
  }

  @Test
  void badCombinationsAreOneLineExitTwoAndWriteNothing() throws IOException {
    Path in = transactions();
    String out = dir.resolve("v.csv").toString();
    String tiers = dir.resolve("t.csv").toString();
    String[] clv = {"clv", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
        "amount", "--out", out};
    Map<String[], String> bad = new java.util.LinkedHashMap<>();
    bad.put(args("--by", "value"), "segmint: --by value needs --out-segments FILE.csv, where the tiers are written "
        + "as customer_id,segment");
    bad.put(args("--out-segments", tiers), "segmint: --out-segments writes the value tiers; add --by value");
    bad.put(args("--by", "rfm", "--out-segments", tiers), "segmint: --by must be value (value tiers), not 'rfm'");
    bad.put(args("--report", dir.resolve("r.txt").toString()), "segmint: --report writes HTML; end the file name "
        + "with .html, not 'r.txt'");
    for (Map.Entry<String[], String> e : bad.entrySet()) {
      String[] a = Arrays.copyOf(clv, clv.length + e.getKey().length);
      System.arraycopy(e.getKey(), 0, a, clv.length, e.getKey().length);
      Run r = Run.of(a);
      assertEquals(2, r.code(), r.err());
      assertEquals(e.getValue(), r.err().strip());
      assertFalse(Files.exists(Path.of(out)) || Files.exists(Path.of(tiers)), "no output after a failure");
    }
    Path customers = dir.resolve("customers.csv");
    Files.writeString(customers, "id,x\na,1\nb,2\nc,3\n", StandardCharsets.UTF_8);
    Run r = Run.of("segment", "--customers", customers.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2",
        "--clv", "--out", out);
    assertEquals(2, r.code(), r.err());
    assertEquals("segmint: --clv predicts customer value from purchases; give --transactions FILE with the RFM flags "
        + "(--customer, --timestamp, --amount or --quantity and --price)", r.err().strip());
    assertFalse(Files.exists(Path.of(out)));
  }
}
