package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.SegmentationModel;
import dev.segmint.cycle.Audiences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  @TempDir
  Path dir;

  /**
   * 90 customers in three groups by spend (group g: 100 + 400·g ± noise) and plan; one hostile id. Writes the
   * customer file and the segments file (segment = group, customer 7 is noise) and returns both.
   */
  Path[] files() throws Exception {
    Random rnd = new Random(3);
    List<String> customers = new ArrayList<>(List.of("id,spend,visits,plan"));
    List<String> segments = new ArrayList<>(List.of("customer_id,segment"));
    for (int i = 0; i < 90; i++) {
      int g = i % 3;
      String id = i == 4 ? "=cmd|' /C calc'!A0" : String.format(Locale.ROOT, "c%03d", i);
      String quoted = id.contains(",") || id.contains("'") ? "\"" + id.replace("\"", "\"\"") + "\"" : id;
      customers.add(String.format(Locale.ROOT, "%s,%.2f,%d,%s", quoted, 100 + 400 * g + rnd.nextGaussian() * 10,
          2 + rnd.nextInt(5), g == 2 ? "O'Neil \"gold\"" : "basic"));
      segments.add(quoted + "," + (i == 7 ? -1 : g));
    }
    Path c = dir.resolve("customers.csv");
    Path s = dir.resolve("segments.csv");
    Files.write(c, customers);
    Files.write(s, segments);
    return new Path[] {c, s};
  }

  @Test
  void oneFileWithNumberedNamesAndTheNoiseLeftOut() throws Exception {
    Path[] f = files();
    Path out = dir.resolve("audiences.csv");
    Run r = Run.of("export", "--segments", f[1].toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("customer_id,segment,segment_name,action", lines.get(0));
    assertEquals(1 + 89, lines.size());
    assertEquals("c000,0,segment 0,", lines.get(1));
    assertTrue(lines.contains("'=cmd|' /C calc'!A0,1,segment 1,"), "the formula-like id is defused: " + lines);
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("c007,")), "noise is in no audience");
    assertTrue(r.err().contains("noise (segment -1) left out: 1 customers"), r.err());
    assertTrue(r.err().contains("names: numbered"), r.err());
  }

  @Test
  void oneFilePerSegmentWithTheModelsNamesAndStatusAgainstThePreviousExport() throws Exception {
    Path[] f = files();
    Path model = dir.resolve("m.json");
    Path seg = dir.resolve("fitted.csv");
    Run r = Run.of("segment", "--customers", f[0].toString(), "--id", "id", "--features", "spend", "--algorithm",
        "kmeans", "--k", "3", "--seed", "1", "--model", model.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    List<String> names = SegmentationModel.load(model).segmentNames();
    List<String> actions = SegmentationModel.load(model).segmentActions();
    Path first = dir.resolve("first.csv");
    r = Run.of("export", "--segments", seg.toString(), "--model", model.toString(), "--out", first.toString());
    assertEquals(0, r.code(), r.err());
    List<String> firstLines = Files.readAllLines(first);
    assertEquals(91, firstLines.size());
    for (String line : firstLines.subList(1, 91)) {
      int s = Integer.parseInt(line.split(",", -1)[1]);   // ids here hold no comma
      assertFalse(actions.get(s).isEmpty(), "the model keeps segment " + s + "'s action");
      assertTrue(line.endsWith("," + s + "," + q(names.get(s)) + "," + q(actions.get(s))), line + " " + names);
    }
    // second export: c000 moves to another segment, c003 is gone, c999 is new
    List<String> second = new ArrayList<>(Files.readAllLines(seg));
    String c000 = second.stream().filter(l -> l.startsWith("c000,")).findFirst().orElseThrow();
    int was = Integer.parseInt(c000.split(",")[1]);
    int now = (was + 1) % 3;
    second.replaceAll(l -> l.startsWith("c000,") ? "c000," + now : l);
    second.removeIf(l -> l.startsWith("c003,"));
    second.add("c999," + was);
    Path seg2 = dir.resolve("fitted2.csv");
    Files.write(seg2, second);
    Path outDir = Files.createDirectory(dir.resolve("audiences"));
    r = Run.of("export", "--segments", seg2.toString(), "--model", model.toString(), "--previous", first.toString(),
        "--out-dir", outDir.toString());
    assertEquals(0, r.code(), r.err());
    Set<String> expectedFiles = new HashSet<>();
    for (int s = 0; s < 3; s++) {
      expectedFiles.add(Audiences.fileName(s, names.get(s)));
    }
    Set<String> written = new HashSet<>();
    List<String> rows = new ArrayList<>();
    try (Stream<Path> st = Files.list(outDir)) {
      for (Path p : st.toList()) {
        written.add(p.getFileName().toString());
        List<String> l = Files.readAllLines(p);
        assertEquals("customer_id,segment,segment_name,action,status", l.get(0));
        rows.addAll(l.subList(1, l.size()));
      }
    }
    assertEquals(expectedFiles, written, "one file per segment and no stray file");
    assertTrue(rows.contains("c000," + now + "," + q(names.get(now)) + "," + q(actions.get(now)) + ",entered"),
        rows.toString());
    assertTrue(rows.contains("c000," + was + "," + q(names.get(was)) + "," + q(actions.get(was)) + ",left"),
        rows.toString());
    assertTrue(rows.contains("c999," + was + "," + q(names.get(was)) + "," + q(actions.get(was)) + ",entered"),
        rows.toString());
    String c003 = firstLines.stream().filter(l -> l.startsWith("c003,")).findFirst().orElseThrow();
    assertTrue(rows.contains(c003 + ",left"), rows.toString());
    // k-means has no noise: 90 members now (c003 gone, c999 new), 88 of them stayed; plus c000's and c003's 'left'
    assertEquals(88, rows.stream().filter(l -> l.endsWith(",stayed")).count());
    assertEquals(90 + 2, rows.size());
    // a segment the model does not have
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, List.of("customer_id,segment", "c000,0", "c001,5"));
    Run wrong = Run.of("export", "--segments", bad.toString(), "--model", model.toString(), "--out",
        dir.resolve("w.csv").toString());
    assertBad(wrong, "segment 5 in " + bad + " is not a segment of the model in " + model + " (segments 0..2)");
    // a model gives no features for rules
    assertBad(Run.of("export", "--segments", seg.toString(), "--model", model.toString(), "--out",
        dir.resolve("w.csv").toString(), "--rules", dir.resolve("r.sql").toString()),
        "a model file keeps no training data, so give --input beside --model");
    // the model's names and actions with rules on the input's columns: the rules carry the model's names
    Path sql = dir.resolve("named.sql");
    Path named = dir.resolve("named.csv");
    Run both = Run.of("export", "--segments", seg.toString(), "--model", model.toString(), "--input",
        f[0].toString(), "--id", "id", "--out", named.toString(), "--rules", sql.toString());
    assertEquals(0, both.code(), both.err());
    assertEquals(firstLines, Files.readAllLines(named), "the same audiences as with --model alone");
    List<String> sqlLines = Files.readAllLines(sql);
    for (int s = 0; s < 3; s++) {
      assertEquals("-- segment " + s + ": " + names.get(s), sqlLines.get(2 * s));
    }
  }

  @Test
  void rulesAsJsonAndSqlOnTheInputColumns() throws Exception {
    Path[] f = files();
    Path out = dir.resolve("a.csv");
    Path json = dir.resolve("rules.json");
    Run r = Run.of("export", "--segments", f[1].toString(), "--input", f[0].toString(), "--id", "id", "--out",
        out.toString(), "--rules", json.toString());
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(json);
    assertTrue(text.startsWith("{\n  \"segments\": ["), text);
    assertTrue(text.contains("\"segment\": 2"), text);
    // the groups are apart in spend: every rule is exact (the noise customer is 'rest' and near its group, so
    // group 1's rule may or may not include it: precision is checked on groups 0 and 2 only)
    assertTrue(r.err().contains("SegmentRules: 3 segments, 90 customers"), r.err());
    assertTrue(r.err().contains("0 segment 0: spend <= "), r.err());
    Path sql = dir.resolve("rules.sql");
    r = Run.of("export", "--segments", f[1].toString(), "--input", f[0].toString(), "--id", "id", "--out",
        out.toString(), "--rules", sql.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(sql);
    assertEquals(6, lines.size());
    assertEquals("-- segment 0: segment 0", lines.get(0));
    assertTrue(lines.get(1).matches("WHERE \"spend\" <= [0-9.]+;"), lines.get(1));
    assertTrue(lines.get(5).startsWith("WHERE \"spend\" > "), lines.get(5));
    // a customer of --input without a segment row (segment leaves out customers without transactions, say): left
    // out of the rules and counted, the rules the same as without that row
    Path more = dir.resolve("more.csv");
    List<String> rows = new ArrayList<>(Files.readAllLines(f[0]));
    rows.add("new1,5000.00,9,basic");
    Files.write(more, rows);
    Path sql2 = dir.resolve("rules2.sql");
    r = Run.of("export", "--segments", f[1].toString(), "--input", more.toString(), "--id", "id", "--out",
        out.toString(), "--rules", sql2.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("rules: 1 customer of " + more + " has no row in " + f[1]
        + " and is left out of the rules (e.g. new1)"), r.err());
    assertEquals(lines, Files.readAllLines(sql2));
  }

  @Test
  void rulesTestYesNoValuesAsTheFileWritesThem() throws Exception {
    // members (Y) are segment 0, the others (N) segment 1: the SQL must test 'Y', which the customers' table holds,
    // not the 'true' of the column read as booleans for clustering
    List<String> customers = new ArrayList<>(List.of("id,member,visits"));
    List<String> segments = new ArrayList<>(List.of("customer_id,segment"));
    Random rnd = new Random(5);
    for (int i = 0; i < 60; i++) {
      boolean member = i % 2 == 0;
      customers.add("m" + i + "," + (member ? "Y" : "N") + "," + (3 + rnd.nextInt(4)));
      segments.add("m" + i + "," + (member ? 0 : 1));
    }
    Path c = Files.write(dir.resolve("members.csv"), customers);
    Path s = Files.write(dir.resolve("member-segments.csv"), segments);
    Path sql = dir.resolve("members.sql");
    Run r = Run.of("export", "--segments", s.toString(), "--input", c.toString(), "--id", "id", "--out",
        dir.resolve("aud.csv").toString(), "--rules", sql.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(sql);
    assertEquals("WHERE \"member\" NOT IN ('N');", lines.get(1), String.join("\n", lines));
    assertEquals("WHERE \"member\" NOT IN ('Y');", lines.get(3), String.join("\n", lines));
    assertTrue(r.err().contains("precision 1.00, recall 1.00"), r.err());
  }

  @Test
  void badInputExitsWithTwoAndOneSentence() throws Exception {
    Path[] f = files();
    String s = f[1].toString();
    Path out = dir.resolve("o.csv");
    assertBad(Run.of("export", "--segments", s), "give one of --out FILE.csv (one file) or --out-dir DIR");
    assertBad(Run.of("export", "--segments", s, "--out", out.toString(), "--out-dir", dir.toString()), "not both");
    assertBad(Run.of("export", "--segments", s, "--out", out.toString(), "--rules", dir.resolve("r.json").toString()),
        "--rules needs the customers' columns: give --input FILE.csv --id COL");
    assertBad(Run.of("export", "--segments", s, "--out", out.toString(), "--input", f[0].toString(), "--id", "id",
        "--rules", dir.resolve("r.txt").toString()), "must end in .json or .sql");
    assertBad(Run.of("export", "--segments", s, "--out", s), "--out " + s + " is the --segments file");
    assertBad(Run.of("export", "--segments", s, "--out-dir", dir.resolve("nope").toString()),
        "does not exist; create it first");
    Path badSeg = dir.resolve("bad.csv");
    Files.write(badSeg, List.of("customer_id,segment", "a,1", "b,x"));
    assertBad(Run.of("export", "--segments", badSeg.toString(), "--out", out.toString()),
        "segment 'x' of customer b in " + badSeg + " (row 2) is not a whole number");
    Files.write(badSeg, List.of("id,cluster", "a,1"));
    assertBad(Run.of("export", "--segments", badSeg.toString(), "--out", out.toString()),
        "needs the columns customer_id,segment");
    Files.write(badSeg, List.of("customer_id,segment", "a,1", "a,2"));
    assertBad(Run.of("export", "--segments", badSeg.toString(), "--out", out.toString()),
        "customer a appears twice in " + badSeg + " (rows 1 and 2)");
    // the input does not hold the same customers: found late, after the audiences were made; nothing is written
    Path other = dir.resolve("other.csv");
    Files.write(other, List.of("id,spend", "zz1,1", "zz2,2"));
    Path rules = dir.resolve("r.json");
    assertBad(Run.of("export", "--segments", s, "--out", out.toString(), "--input", other.toString(), "--id", "id",
        "--rules", rules.toString()), "90 customers of " + s + " are not in " + other);
    assertFalse(Files.exists(out), "no output after a failure");
    assertFalse(Files.exists(rules), "no output after a failure");
  }

  @Test
  void aStaleAudienceInTheFolderIsRefusedAndNothingIsWritten() throws Exception {
    Path[] f = files();
    Path outDir = Files.createDirectory(dir.resolve("aud"));
    Files.writeString(outDir.resolve("segment-7-old.csv"), "customer_id,segment\n");
    Run r = Run.of("export", "--segments", f[1].toString(), "--out-dir", outDir.toString());
    assertBad(r, "holds 1 audience file(s) this export would not replace (segment-7-old.csv)");
    try (Stream<Path> st = Files.list(outDir)) {
      assertEquals(List.of("segment-7-old.csv"), st.map(p -> p.getFileName().toString()).toList());
    }
    // the same folder again is fine: the files of this export are replaced
    Files.delete(outDir.resolve("segment-7-old.csv"));
    assertEquals(0, Run.of("export", "--segments", f[1].toString(), "--out-dir", outDir.toString()).code());
    Run again = Run.of("export", "--segments", f[1].toString(), "--out-dir", outDir.toString());
    assertEquals(0, again.code(), again.err());
    try (Stream<Path> st = Files.list(outDir)) {
      assertEquals(Set.of("segment-0-segment-0.csv", "segment-1-segment-1.csv", "segment-2-segment-2.csv"),
          Set.copyOf(st.map(p -> p.getFileName().toString()).toList()));
    }
  }

  private static String q(String name) {
    return dev.segmint.report.Csv.quote(dev.segmint.report.Csv.defuse(name));
  }

  private static void assertBad(Run r, String fragment) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
