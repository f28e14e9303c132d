package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a small customer CSV with an id, a text, a boolean, an integer code, a date, a label and missing
 * values: the roles line, the missing-value policies and the empty segment cells, on cluster, segment and profile.
 */
class ColumnRolesCommandTest {

  @TempDir
  Path dir;

  /**
   * 12 customers in two obvious groups (Income and Spend low for c1..c6, high for c7..c12); Income is missing for c3
   * and c9 (2 of 12: more than 5 %, so an indicator); Region is a code 1..3; Joined a date; r_score an rfm label.
   */
  static final String CSV = "id,Genre,Member,Region,Joined,Income,Spend,r_score\n"
      + "c1,Male,true,1,2013-01-02,20.5,1.5,1\n"
      + "c2,Female,false,2,2013-02-03,21.5,2.5,2\n"
      + "c3,Female,true,3,2013-03-04,,1.25,3\n"
      + "c4,Male,false,1,2013-04-05,22.5,2.25,4\n"
      + "c5,Female,true,2,2013-05-06,20.25,1.75,5\n"
      + "c6,Male,false,3,2013-06-07,21.25,2.75,1\n"
      + "c7,Female,true,1,2014-01-02,90.5,50.5,2\n"
      + "c8,Male,false,2,2014-02-03,91.5,51.5,3\n"
      + "c9,Female,true,3,2014-03-04,,52.25,4\n"
      + "c10,Male,false,1,2014-04-05,92.5,50.75,5\n"
      + "c11,Female,true,2,2014-05-06,90.25,51.25,1\n"
      + "c12,Male,false,3,2014-06-07,91.25,52.75,2\n";

  static final String ROLES = "columns: id id; numeric Region, Income, Spend; categorical Genre (2 levels), Member "
      + "(true/false); label r_score (profiled as categories, not clustered); left out: Joined (date); Region may be a "
      + "code (3 distinct whole numbers): --categorical Region reads it as categories";

  private Path input() throws Exception {
    Path p = dir.resolve("c.csv");
    Files.writeString(p, CSV);
    return p;
  }

  private static List<String[]> rows(Path out) throws Exception {
    List<String[]> r = new ArrayList<>();
    List<String> lines = Files.readAllLines(out);
    assertEquals("customer_id,segment", lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      r.add(l.split(",", -1));
    }
    return r;
  }

  @Test
  void clusterImputesByDefaultAndStatesEveryColumnsRole() throws Exception {
    Path out = dir.resolve("out.csv");
    Run r = Run.of("cluster", "--input", input().toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2",
        "--seed", "1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> err = List.of(r.err().split("\n"));
    assertTrue(err.contains(ROLES), r.err());
    // the 10 present incomes: 20.25, 20.5, 21.25, 21.5, 22.5 | 90.25, 90.5, 91.25, 91.5, 92.5 → (22.5 + 90.25) / 2
    assertTrue(err.contains("missing values: Income 2 (imputed with the median 56.375, indicator Income_missing)"),
        r.err());
    List<String[]> rows = rows(out);
    assertEquals(12, rows.size(), "every customer, in file order");
    for (int i = 0; i < 12; i++) {
      assertEquals("c" + (i + 1), rows.get(i)[0]);
      assertEquals(rows.get(i < 6 ? 0 : 6)[1], rows.get(i)[1], "the two groups");
    }
    assertFalse(rows.get(0)[1].equals(rows.get(6)[1]));
  }

  @Test
  void dropWritesEmptySegmentCellsAndProfileLeavesThemOut() throws Exception {
    Path out = dir.resolve("out.csv");
    Run r = Run.of("cluster", "--input", input().toString(), "--id", "ID", "--algorithm", "kmeans", "--k", "2",
        "--seed", "1", "--missing", "drop", "--categorical", "region", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("columns: id id; numeric Income, Spend; categorical Genre (2 levels), Member "
        + "(true/false), Region (3 levels); label r_score"), r.err());
    assertTrue(r.err().contains("note: 2 customers were not segmented because of missing values (Income 2); their "
        + "segment cell in " + out + " is empty"), r.err());
    List<String[]> rows = rows(out);
    assertEquals(12, rows.size());
    assertEquals("", rows.get(2)[1], "c3 has no income");
    assertEquals("", rows.get(8)[1], "c9 has no income");
    assertFalse(rows.get(0)[1].isEmpty());

    Run p = Run.of("profile", "--input", input().toString(), "--id", "id", "--labels", out.toString());
    assertEquals(0, p.code(), p.err());
    assertEquals("", p.err());
    List<String> lines = List.of(p.out().split("\n"));
    assertEquals(ROLES, lines.get(0));
    assertEquals("not segmented: 2 of the 12 customers have an empty segment in " + out + " and are left out of the "
        + "profiles", lines.get(1));
    assertTrue(p.out().contains("Member"), "booleans are profiled");
    assertFalse(p.out().contains("mean r_score") || p.out().contains("r_score mean"), p.out());
  }

  @Test
  void profileListsEveryProfiledColumnWithMissingValues() throws Exception {
    StringBuilder labels = new StringBuilder("customer_id,segment\n");
    for (int i = 1; i <= 12; i++) {
      labels.append('c').append(i).append(',').append(i <= 6 ? 0 : 1).append('\n');
    }
    Path l = dir.resolve("l.csv");
    Files.writeString(l, labels);
    Run p = Run.of("profile", "--input", input().toString(), "--id", "id", "--labels", l.toString());
    assertEquals(0, p.code(), p.err());
    List<String> lines = List.of(p.out().split("\n"));
    assertEquals(ROLES, lines.get(0));
    assertEquals("missing values: Income 2 (left out of that column's statistics; nothing is imputed in profiles)",
        lines.get(1));
  }

  @Test
  void withoutAnIdCustomersAreRowNumbersAndProfileJoinsByThem() throws Exception {
    Path in = dir.resolve("noid.csv");
    Files.writeString(in, CSV.replaceAll("(?m)^[^,]*,", ""));
    Path out = dir.resolve("out.csv");
    Run r = Run.of("cluster", "--input", in.toString(), "--algorithm", "kmeans", "--k", "2", "--seed", "1",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("columns: id none (customers numbered row_1 … row_12); numeric Region"), r.err());
    List<String[]> rows = rows(out);
    for (int i = 0; i < 12; i++) {
      assertEquals("row_" + (i + 1), rows.get(i)[0]);
    }
    Run p = Run.of("profile", "--input", in.toString(), "--labels", out.toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().startsWith("columns: id none (customers numbered row_1 … row_12)"), p.out());
  }

  @Test
  void segmentCustomersTakesTheSameRolesAndPolicy() throws Exception {
    Path out = dir.resolve("out.csv");
    Run r = Run.of("segment", "--customers", input().toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2",
        "--seed", "1", "--missing", "drop", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(List.of(r.err().split("\n")).contains(ROLES), r.err());
    assertTrue(r.err().contains("missing values: Income 2 (customers left out); 2 of 12 customers left out (not "
        + "segmented)"), r.err());
    List<String[]> rows = rows(out);
    assertEquals(12, rows.size());
    assertEquals("c3", rows.get(2)[0]);
    assertEquals("", rows.get(2)[1]);
    // a model fitted with --missing drop leaves the same customers out at assign, with empty cells
    Path model = dir.resolve("m.json");
    Run fit = Run.of("segment", "--customers", input().toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2",
        "--seed", "1", "--missing", "drop", "--model", model.toString(), "--out", dir.resolve("fit.csv").toString());
    assertEquals(0, fit.code(), fit.err());
    Path assigned = dir.resolve("assigned.csv");
    Run a = Run.of("assign", "--model", model.toString(), "--input", input().toString(), "--out", assigned.toString());
    assertEquals(0, a.code(), a.err());
    List<String[]> as = rows(assigned);
    assertEquals(12, as.size());
    assertEquals("", as.get(8)[1], "c9 has no income");
    assertEquals(rows(out).get(0)[1], as.get(0)[1]);
    assertTrue(a.err().contains("note: 2 customers were not segmented because of missing values (Income 2)"), a.err());
    // and a model fitted with imputation fills them with the training median
    Run fitImpute = Run.of("segment", "--customers", input().toString(), "--id", "id", "--algorithm", "kmeans", "--k",
        "2", "--seed", "1", "--model", dir.resolve("mi.json").toString(), "--out", dir.resolve("fi.csv").toString());
    assertEquals(0, fitImpute.code(), fitImpute.err());
    Run ai = Run.of("assign", "--model", dir.resolve("mi.json").toString(), "--input", input().toString(), "--out",
        dir.resolve("ai.csv").toString());
    assertEquals(0, ai.code(), ai.err());
    assertEquals(Files.readAllLines(dir.resolve("fi.csv")), Files.readAllLines(dir.resolve("ai.csv")),
        "assign gives the fitted segments, missing incomes filled with the training median");
    // a named text feature is a category now, not an error
    Run named = Run.of("cluster", "--input", input().toString(), "--id", "id", "--features", "Spend,genre",
        "--algorithm", "kmeans", "--k", "2", "--seed", "1", "--out", dir.resolve("named.csv").toString());
    assertEquals(0, named.code(), named.err());
    assertTrue(named.err().contains("columns: id id; numeric Spend; categorical Genre (2 levels); left out: Member, "
        + "Region, Joined, Income, r_score (not in --features)"), named.err());
  }

  @Test
  void digitsWithLeadingZerosAreACodeUnlessNamedAsFeatures() throws Exception {
    // Zip: 6 postal codes, 2 of them with a leading zero; Visits: whole numbers without one, a measure
    StringBuilder csv = new StringBuilder("id,Zip,Visits,Spend\n");
    String[] zips = {"01518", "53877", "08001", "20095", "80331", "50667"};
    for (int i = 0; i < 12; i++) {
      csv.append("c").append(i + 1).append(',').append(zips[i % 6]).append(',').append(10 + 3 * i * i).append(',')
          .append(i < 6 ? 1.5 + i : 50.5 + i).append('\n');
    }
    Path in = dir.resolve("zips.csv");
    Files.writeString(in, csv);
    Path out = dir.resolve("zips-out.csv");
    Run r = Run.of("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2", "--seed",
        "1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> err = List.of(r.err().split("\n"));
    // read as text, so a category of 6 levels, not the numbers 1518 … 80331
    assertTrue(err.contains("columns: id id; numeric Visits, Spend; categorical Zip (6 levels); Visits may be a code (12 "
        + "distinct whole numbers): --categorical Visits reads it as categories"), r.err());
    assertTrue(err.contains("note: Zip is read as text, a code: its digits have leading zeros (e.g. '01518' in row 1), "
        + "which numbers would drop"), r.err());
    // named in --features: the user's numbers, no note
    Run named = Run.of("cluster", "--input", in.toString(), "--id", "id", "--features", "Zip,Spend", "--algorithm",
        "kmeans", "--k", "2", "--seed", "1", "--out", out.toString());
    assertEquals(0, named.code(), named.err());
    assertTrue(named.err().contains("columns: id id; numeric Zip, Spend;"), named.err());
    assertFalse(named.err().contains("leading zeros"), named.err());
  }
}
