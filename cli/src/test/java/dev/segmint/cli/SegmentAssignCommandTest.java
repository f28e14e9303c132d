package dev.segmint.cli;

import static dev.segmint.cli.ClusterCommandTest.segmint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.SegmentationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentAssignCommandTest {

  @TempDir
  Path dir;

  static final Path RETAIL = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
  static final String[] RFM_FLAGS = {"--customer", "CustomerID", "--timestamp", "InvoiceDate", "--order", "InvoiceNo",
      "--quantity", "Quantity", "--price", "UnitPrice"};

  static String[] args(String[] head, String... tail) {
    List<String> a = new ArrayList<>(List.of(head));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  static Map<String, String> segments(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    assertEquals("customer_id,segment", lines.get(0));
    Map<String, String> m = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] p = l.split(",");
      assertEquals(null, m.put(p[0], p[1]), "customer " + p[0] + " appears once");
    }
    return m;
  }

  @Test
  void segmentThenAssignTheSameTransactionsGivesTheSameSegments() throws Exception {
    Path seg = dir.resolve("segments.csv");
    Path model = dir.resolve("model.json");
    Path report = dir.resolve("report.html");
    Path features = dir.resolve("features.csv");
    Run r = segmint(args(new String[] {"segment", "--transactions", RETAIL.toString()}, args(RFM_FLAGS,
        "--algorithm", "kmeans", "--k", "4", "--seed", "1", "--threads", "2", "--model", model.toString(),
        "--report", report.toString(), "--out-features", features.toString(), "--out", seg.toString())));
    assertEquals(0, r.code(), r.err());
    Map<String, String> fitted = segments(seg);
    // the features in their own units, one row per customer, the same customers as the segments
    List<String> feat = Files.readAllLines(features);
    assertEquals("customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,r_score,f_score,m_score,"
        + "rfm_code,rfm_segment", feat.get(0));
    assertEquals(fitted.keySet(), new java.util.HashSet<>(feat.subList(1, feat.size()).stream()
        .map(l -> l.substring(0, l.indexOf(','))).toList()));
    assertTrue(r.err().contains("features of 4,338 customers written to " + features), r.err());
    // and they are what export's rules read, named by the model
    Path rules = dir.resolve("rules.sql");
    Run ex = segmint("export", "--segments", seg.toString(), "--model", model.toString(), "--input",
        features.toString(), "--id", "customer_id", "--out", dir.resolve("audiences.csv").toString(), "--rules",
        rules.toString());
    assertEquals(0, ex.code(), ex.err());
    List<String> sql = Files.readAllLines(rules);
    assertEquals("-- segment 0: " + SegmentationModel.load(model).segmentNames().get(0), sql.get(0));
    assertTrue(sql.get(1).startsWith("WHERE ") && sql.get(1).contains("\""), sql.get(1));
    // 4,372 customers have a CustomerID; 34 of them have only returns or zero prices: the data-quality summary
    // counts them (RFM contract), and every customer with a purchase is in the output
    assertEquals(4338, fitted.size());
    assertTrue(r.err().contains("no purchases"), r.err());
    assertTrue(r.err().contains("k-means, k = 4, seed 1"), r.err());
    assertTrue(Files.readString(model).contains("\"formatVersion\": 1"));
    String html = Files.readString(report);
    assertTrue(html.contains("<svg"), "the report has charts");

    Path assigned = dir.resolve("assigned.csv");
    r = segmint("assign", "--model", model.toString(), "--input", RETAIL.toString(), "--out", assigned.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(fitted, segments(assigned));
    assertTrue(r.err().contains("4,338 customers assigned to the 4 segments"), r.err());
  }

  @Test
  void assignTakesOverridesAndCustomerColumnModels() throws Exception {
    Random rnd = new Random(3);
    List<String> lines = new ArrayList<>(List.of("id,spend,visits,plan"));
    for (int i = 0; i < 90; i++) {
      int b = i % 3;
      lines.add(String.format(Locale.ROOT, "c%03d,%.2f,%.2f,%s", i, 100 + 400 * b + rnd.nextGaussian() * 10,
          2 + 10 * b + rnd.nextGaussian(), b == 2 ? "<script>alert(1)</script>" : "basic"));
    }
    Path in = dir.resolve("customers.csv");
    Files.write(in, lines);
    Path seg = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Path report = dir.resolve("r.html");
    Run r = segmint("segment", "--customers", in.toString(), "--id", "id", "--categorical", "plan", "--algorithm",
        "hierarchical", "--k", "3", "--model", model.toString(), "--report", report.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, String> fitted = segments(seg);
    assertEquals(90, fitted.size());
    String html = Files.readString(report);
    assertTrue(html.contains("<svg"));
    assertFalse(html.contains("<script>alert(1)"), "data values are escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the escaped value is shown");

    // the same customers under another id column name: --id overrides the model's
    List<String> renamed = new ArrayList<>(Files.readAllLines(in));
    renamed.set(0, "customer,spend,visits,plan");
    Path in2 = dir.resolve("renamed.csv");
    Files.write(in2, renamed);
    Path out = dir.resolve("a.csv");
    r = segmint("assign", "--model", model.toString(), "--input", in2.toString(), "--id", "customer", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(fitted, segments(out));
    // without the override the missing column is named
    r = segmint("assign", "--model", model.toString(), "--input", in2.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'id'"), r.err());
  }

  @Test
  void aYesNoColumnAssignsAsItWasFitted() throws Exception {
    // the fit reads Y/N as booleans (levels true and false), and so must assign, or every customer's value would be
    // an unseen category and the segments could change
    Random rnd = new Random(11);
    List<String> lines = new ArrayList<>(List.of("id,spend,member"));
    for (int i = 0; i < 80; i++) {
      lines.add(String.format(Locale.ROOT, "m%03d,%.2f,%s", i, 100 + rnd.nextGaussian() * 30, i % 2 == 0 ? "Y" : "N"));
    }
    Path in = Files.write(dir.resolve("members.csv"), lines);
    Path seg = dir.resolve("members-seg.csv");
    Path model = dir.resolve("members.json");
    Run r = segmint("segment", "--customers", in.toString(), "--id", "id", "--k", "2", "--model", model.toString(),
        "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("member (true/false)"), r.err());
    Map<String, String> fitted = segments(seg);
    Path out = dir.resolve("members-assigned.csv");
    r = segmint("assign", "--model", model.toString(), "--input", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("unseen"), r.err());
    assertEquals(fitted, segments(out));
  }

  @Test
  void badModelsAndFlagsExitWithTwo() throws Exception {
    Path model = dir.resolve("broken.json");
    Files.writeString(model, "{\"format\": \"segmint-model\", \"formatVersion\": 1, \"libraryVersion\": \"x\", \"train");
    Path out = dir.resolve("o.csv");
    Run r = segmint("assign", "--model", model.toString(), "--input", RETAIL.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("segmint: model file " + model + ": truncated JSON"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());

    Files.writeString(model, "{\"format\": \"segmint-model\", \"formatVersion\": 7}");
    r = segmint("assign", "--model", model.toString(), "--input", RETAIL.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("model format version 7 is not supported"), r.err());

    r = segmint("assign", "--model", dir.resolve("none.json").toString(), "--input", RETAIL.toString(), "--out",
        out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("file not found"), r.err());

    r = segmint("segment", "--algorithm", "kmeans", "--k", "3", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give --transactions FILE"), r.err());

  }

  @Test
  void autoKHonoursNInit() throws Exception {
    // three well-separated groups of 20 customers: auto picks k = 3 whatever the restarts
    StringBuilder csv = new StringBuilder("id,x,y\n");
    Random r = new Random(3);
    for (int i = 0; i < 60; i++) {
      int g = i % 3;
      csv.append(String.format(Locale.ROOT, "c%d,%.4f,%.4f%n", i, g * 10 + r.nextGaussian(), g * 5 + r.nextGaussian()));
    }
    Path in = dir.resolve("customers.csv");
    Files.writeString(in, csv);
    for (String nInit : List.of("1", "3")) {
      Path out = dir.resolve("auto-" + nInit + ".csv");
      Run run = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "auto",
          "--n-init", nInit, "--seed", "5", "--out", out.toString());
      assertEquals(0, run.code(), run.err());
      assertTrue(run.err().contains("k-means, k = 3 (auto in 3..10"), run.err());
      assertTrue(run.err().contains("k selection (k-means, k = 3..10"), run.err());
      assertTrue(run.err().contains(", seed 5, " + nInit + " restarts;"), run.err());
      assertEquals(60, segments(out).size());
    }
  }

  @Test
  void helpDescribesBothCommands() {
    Run r = segmint("segment", "--help");
    assertEquals(0, r.code());
    for (String flag : new String[] {"--transactions", "--customers", "--algorithm", "--model", "--report", "--out",
        "--quantity"}) {
      assertTrue(r.out().contains(flag), flag);
    }
    r = segmint("assign", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--model") && r.out().contains("--input") && r.out().contains("--customer"));
  }
}
