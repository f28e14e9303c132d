package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segmint measure}: the contract's columns, the report, unmatched customers and each bad input (exit 2). */
class MeasureCommandTest {

  @TempDir
  Path dir;

  static final String HEADER = "segment,n_treatment,n_control,conversions_treatment,conversions_control,rate_treatment,"
      + "rate_control,lift,lift_low,lift_high,relative_lift,p_value,q_value,incremental_conversions,decision,"
      + "customers_per_group_needed";

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /**
   * Segment 0: 56/70 treated vs 48/80 control (Newcombe 1998, Table II); segment 1 ("=cmd" ids test the spreadsheet
   * apostrophe): 5/56 vs 0/29; segment 2: two customers without responses; customers u1, u2 respond without a segment.
   */
  void files() throws IOException {
    StringBuilder seg = new StringBuilder("customer_id,segment\n");
    StringBuilder resp = new StringBuilder("cust;arm;bought;spent\n");
    add(seg, resp, "a", 0, "mail", 56, 70);
    add(seg, resp, "b", 0, "holdout", 48, 80);
    add(seg, resp, "c", 1, "mail", 5, 56);
    add(seg, resp, "d", 1, "holdout", 0, 29);
    seg.append("z1,2\nz2,2\n");
    resp.append("u1;mail;TRUE;3\nu2;holdout;false;0\n");
    write("segments.csv", seg.toString());
    write("responses.csv", resp.toString());
  }

  private static void add(StringBuilder seg, StringBuilder resp, String prefix, int segment, String group, int x,
      int n) {
    for (int i = 0; i < n; i++) {
      seg.append(prefix).append(i).append(',').append(segment).append('\n');
      resp.append(prefix).append(i).append(';').append(group).append(';').append(i < x ? "1" : "0").append(';')
          .append(i < x ? 20 + i % 5 : 0).append('\n');
    }
  }

  Run measure(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("measure", "--segments", dir.resolve("segments.csv")
        .toString(), "--responses", dir.resolve("responses.csv").toString(), "--customer", "cust", "--group", "arm",
        "--treatment", "mail", "--control", "holdout", "--outcome", "bought", "--out", dir.resolve("out.csv")
        .toString()));
    for (int i = 0; i < extra.length; i += 2) {   // a flag given again replaces the default
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.addAll(List.of(extra[i], extra[i + 1]));
      }
    }
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void writesTheContractColumnsPerSegmentThenAll() throws IOException {
    files();
    Path html = dir.resolve("report.html");
    Run r = measure("--report", html.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertEquals(HEADER, lines.get(0));
    assertEquals(5, lines.size());
    String[] s0 = lines.get(1).split(",", -1);
    assertEquals(List.of("0", "70", "80", "56", "48", "0.8", "0.6"), List.of(s0).subList(0, 7));
    assertEquals(0.2, Double.parseDouble(s0[7]), 1e-12);
    assertEquals(0.0524, Double.parseDouble(s0[8]), 5e-5);
    assertEquals(0.3339, Double.parseDouble(s0[9]), 5e-5);
    assertEquals("target", s0[14]);
    assertEquals("", s0[15]);
    String[] s1 = lines.get(2).split(",", -1);
    assertEquals("", s1[10], "rate_control = 0: empty relative lift");
    assertEquals("inconclusive", s1[14]);
    assertTrue(Integer.parseInt(s1[15]) > 56);
    assertEquals("2,0,0,0,0,,,,,,,,,,inconclusive,", lines.get(3));
    assertTrue(lines.get(4).startsWith("all,126,109,61,48,"), lines.get(4));
    assertEquals("", lines.get(4).split(",", -1)[12], "no q-value for all");
    assertTrue(r.err().contains("unmatched: 1 responses without a segment") || r.err().contains("unmatched: 2 "
        + "responses without a segment (e.g. u1, u2); 2 segmented customers without a response (e.g. z1, z2)"),
        r.err());
    assertTrue(r.err().contains("Target segment 0: +20.0 points (95 % CI +5.2 to +33.4), 14 extra conversions."),
        r.err());
    assertTrue(r.err().contains("campaign results of 3 segments written to"), r.err());
    assertEquals("", r.out());
    String page = Files.readString(html);
    assertTrue(page.contains("<svg") && page.contains("Target segment 0: +20.0 points"), page);
    assertTrue(page.contains("2 segmented customers without a response"), page);
  }

  @Test
  void revenueColumnsAndNamedSegments() throws IOException {
    write("segments.csv", "segment,customer_id\nChampions,1\nChampions,2\nChampions,3\nChampions,4\n"
        + "<At Risk>,5\n<At Risk>,6\n<At Risk>,7\n<At Risk>,8\n");
    write("responses.csv", "cust,arm,bought,spent\n1,mail,1,10\n2,mail,1,14\n3,holdout,0,0\n4,holdout,1,8\n"
        + "5,mail,true,5\n6,mail,False,0\n7,holdout,FALSE,0\n8,holdout,0,0\n");
    Path html = dir.resolve("r.html");
    Run r = measure("--revenue", "spent", "--report", html.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertTrue(lines.get(0).contains(",incremental_conversions,revenue_treatment,revenue_control,revenue_diff,"
        + "revenue_diff_low,revenue_diff_high,decision,"), lines.get(0));
    assertTrue(lines.get(1).startsWith("<At Risk>,2,2,1,0,0.5,0,0.5,"), lines.get(1));
    String[] champions = lines.get(2).split(",", -1);
    assertEquals("Champions", champions[0]);
    assertEquals(12, Double.parseDouble(champions[14]), 1e-12);   // (10 + 14) / 2
    assertEquals(4, Double.parseDouble(champions[15]), 1e-12);    // (0 + 8) / 2
    assertEquals(8, Double.parseDouble(champions[16]), 1e-12);
    String page = Files.readString(html);
    assertFalse(page.contains("<At Risk>"), "segment names escaped");
    assertTrue(page.contains("&lt;At Risk&gt;"));
  }

  private Run badInput(String... extra) {
    Run r = measure(extra);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(Files.exists(dir.resolve("out.csv")), "no output after bad input");
    return r;
  }

  @Test
  void badInputIsOneSentenceWithExitTwo() throws IOException {
    files();
    Run miss = badInput("--outcome", "bougth");
    assertEquals("segmint: column 'bougth' not found in table 'responses.csv' (did you mean 'bought'?); columns are "
        + "[cust, arm, bought, spent]\n", miss.err());
    assertTrue(Run.of("measure", "--segments", dir.resolve("segments.csv").toString(), "--responses",
        dir.resolve("responses.csv").toString(), "--customer", "cust", "--group", "arm", "--treatment", "mail",
        "--control", "mail", "--outcome", "bought", "--out", dir.resolve("out.csv").toString()).err()
        .startsWith("segmint: --treatment and --control are both 'mail'"));

    String text = Files.readString(dir.resolve("responses.csv"));
    write("responses.csv", text.replace("a3;mail;1;", "a3;Mail;1;"));
    assertEquals("segmint: group column 'arm' has 'Mail' at row 4 of the responses responses.csv, which is neither the "
        + "treatment value 'mail' nor the control value 'holdout'; give the group values the file uses, or remove the "
        + "other rows\n", badInput().err());

    write("responses.csv", text.replace("a3;mail;1;", "a3;mail;ja;"));
    assertEquals("segmint: outcome column 'bought' has 'ja' at row 4 of the responses responses.csv; write 1, true or "
        + "yes for a conversion and 0, false or no otherwise\n", badInput().err());
    write("responses.csv", text.replace("a3;mail;1;", "a3;mail;2;"));
    assertTrue(badInput().err().contains("outcome column 'bought' has '2' at row 4"));

    write("responses.csv", text.replace("a3;mail;1;", "a2;mail;1;"));
    assertTrue(badInput().err().contains("customer a2 appears twice in the responses responses.csv (rows 3 and 4)"));

    write("responses.csv", text.replace("a3;mail;1;23", "a3;mail;1;2x"));
    assertTrue(badInput("--revenue", "spent").err().contains("column 'spent' of"), "revenue with text");

    write("responses.csv", "cust;arm;bought\na0;mail;1\na1;mail;0\n");
    assertEquals("segmint: no row of the responses responses.csv has the control value 'holdout' in group column "
        + "'arm' (it holds [mail]); give the value the file uses for that group\n", badInput().err());

    write("responses.csv", text);
    assertEquals("segmint: --report " + dir.resolve("r.txt") + " must end in .html; the report is an HTML page\n",
        badInput("--report", dir.resolve("r.txt").toString()).err());
    assertTrue(badInput("--out", dir.resolve("responses.csv").toString()).err().contains("is the --responses file"));
    write("segments.csv", "id,segment\na0,1\n");
    assertTrue(badInput().err().contains("needs the columns customer_id,segment"));
    write("segments.csv", "customer_id,segment\nq1,1\n");
    assertTrue(badInput().err().contains("none of the 237 customers of"));
  }

  @Test
  void helpListsTheContractFlags() {
    Run r = Run.of("measure", "--help");
    assertEquals(0, r.code());
    assertEquals("", r.err());
    assertTrue(r.out().contains("lift with its 95% interval (Newcombe)"), r.out());
    for (String flag : Stream.of("--segments", "--responses", "--customer", "--group", "--treatment", "--control",
        "--outcome", "--revenue", "--out", "--report").toList()) {
      assertTrue(r.out().contains(flag), flag);
    }
  }
}
