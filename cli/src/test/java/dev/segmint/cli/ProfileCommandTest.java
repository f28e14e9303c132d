package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

  static final String XSS = "<script>alert(1)</script>";

  @TempDir
  Path dir;


  static Run segmint(String... args) {
    return Run.of(args);
  }

  /** 90 customers in three groups (ids with leading zeros, one hostile id and category), and their labels. */
  Path[] files() throws Exception {
    Random rnd = new Random(6);
    List<String> customers = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    customers.add("id;spend;visits;channel");
    for (int i = 0; i < 90; i++) {
      int g = i / 30;
      String id = i == 45 ? XSS : String.format(Locale.ROOT, "%04d", i);
      String channel = g == 2 ? XSS : rnd.nextBoolean() ? "web" : "store";
      customers.add(String.format(Locale.ROOT, "%s;%.2f;%d;%s", id, 100 + 400 * g + rnd.nextGaussian() * 30,
          2 + g * 3 + rnd.nextInt(2), channel));
      labels.add(id.contains(",") ? "\"" + id + "\"," + g : id + "," + g);
    }
    Collections.shuffle(labels, rnd);   // any order: labels are matched by id
    labels.add(0, "customer_id,segment");
    Path c = dir.resolve("customers.csv");
    Path l = dir.resolve("labels.csv");
    Files.write(c, customers);
    Files.write(l, labels);
    return new Path[] {c, l};
  }

  @Test
  void profilesPrintAndWriteEveryFormat() throws Exception {
    Path[] f = files();
    for (String ext : List.of("json", "md", "csv", "html")) {
      Path out = dir.resolve("profile." + ext);
      Run r = segmint("profile", "--input", f[0].toString(), "--id", "id",
          "--labels", f[1].toString(), "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("Segment profiles: 90 customers in 3 segments"), r.out());
      assertEquals(3, r.out().lines().filter(s -> s.matches("^ +[0-9]+ +\\| +[0-9]+ +\\|.*")).count(), r.out());
      assertTrue(r.out().toLowerCase(Locale.ROOT).contains("very high spend"), r.out());
      assertTrue(r.out().contains("Segment checklist"), r.out());
      // the three groups are apart in spend: each segment's rule selects exactly its customers
      assertTrue(r.out().contains("Segments as rules"), r.out());
      assertEquals(3, r.out().lines().filter(s -> s.matches("^  [0-2]: .*: precision 1\\.00, recall 1\\.00$")).count(),
          r.out());
      String text = Files.readString(out);
      switch (ext) {
        case "json" -> {
          assertTrue(text.startsWith("{") && text.contains("\"segment_count\": 3"), text);
          assertTrue(text.contains("\\u003cscript\\u003e"), "escaped in JSON");
        }
        case "md" -> assertTrue(text.contains("## Segments") && text.contains("&lt;script&gt;"), text);
        case "csv" -> {
          assertTrue(text.startsWith("segment,name,size,share,kind,feature,level"), text);
          assertTrue(text.contains(",categorical,channel," + XSS + ","), "CSV holds the exact value");
        }
        default -> {
          assertTrue(text.startsWith("<!DOCTYPE html>"));
          assertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
      }
      if (!ext.equals("csv")) {
        assertFalse(text.contains("<script"), ext + " leaves data inert");
      }
    }
  }

  @Test
  void unmatchedIdsAreNamedOnBothSides() throws Exception {
    Path[] f = files();
    List<String> labels = new ArrayList<>(Files.readAllLines(f[1]));
    labels.removeIf(s -> s.startsWith("0007,") || s.startsWith("0012,"));
    labels.add("9999,1");
    Files.write(f[1], labels);
    Run r = segmint("profile", "--input", f[0].toString(), "--id", "id",
        "--labels", f[1].toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("2 of the 90 customers of " + f[0] + " have no label in " + f[1] + " (e.g. 0007, 0012)"),
        r.err());
    assertTrue(r.err().contains("1 ids in " + f[1] + " are not customers of " + f[0] + " (e.g. 9999)"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void badLabelsFilesExitWithTwo() throws Exception {
    Path[] f = files();
    List<String> labels = new ArrayList<>(Files.readAllLines(f[1]));
    Files.write(f[1], List.of("customer_id,cluster", "0001,0"));
    Run r = segmint("profile", "--input", f[0].toString(), "--id", "id",
        "--labels", f[1].toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("needs the columns customer_id,segment"), r.err());

    List<String> dup = new ArrayList<>(labels);
    dup.add(dup.get(1));
    Files.write(f[1], dup);
    r = segmint("profile", "--input", f[0].toString(), "--id", "id", "--labels", f[1].toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("appears twice"), r.err());

    List<String> frac = new ArrayList<>(labels);
    frac.set(1, frac.get(1).replaceAll(",[0-9]+$", ",1.5"));
    Files.write(f[1], frac);
    r = segmint("profile", "--input", f[0].toString(), "--id", "id", "--labels", f[1].toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is not a whole number"), r.err());

    Files.write(f[1], labels);
    r = segmint("profile", "--input", f[0].toString(), "--id", "id", "--labels", f[1].toString(),
        "--out", dir.resolve("p.pdf").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("end the name with .html"), r.err());
  }

  /** An rfm.csv as segmint rfm writes it: 20 lapsed Hibernating customers (segment 0), 20 recent Champions (1). */
  Path[] rfmFiles() throws Exception {
    List<String> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    rows.add("customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,r_score,f_score,m_score,"
        + "rfm_code,rfm_segment");
    labels.add("customer_id,segment");
    for (int i = 0; i < 40; i++) {
      boolean lapsed = i < 20;
      int rec = lapsed ? 200 + i : 5 + i;
      int freq = lapsed ? 1 : 10 + i;
      double mon = lapsed ? 100 + i : 5000 + i;
      rows.add(String.format(Locale.ROOT, "c%02d,%d,%d,%.1f,%d,%.2f,%d,%d,%d,%s,%s", i, rec, freq, mon, rec + 30,
          mon / freq, lapsed ? 1 : 5, lapsed ? 1 : 5, lapsed ? 1 : 5, lapsed ? "111" : "555",
          lapsed ? "Hibernating" : "Champions"));
      labels.add(String.format(Locale.ROOT, "c%02d,%d", i, lapsed ? 0 : 1));
    }
    Path c = dir.resolve("rfm.csv");
    Path l = dir.resolve("segments.csv");
    Files.write(c, rows);
    Files.write(l, labels);
    return new Path[] {c, l};
  }

  @Test
  void actionsFileReplacesAGroupsActionAndChecksRunOnRequest() throws Exception {
    Path[] f = rfmFiles();
    Path a = dir.resolve("actions.csv");
    Files.writeString(a, "rfm_segment,action\nhibernating,Suppress from paid campaigns\n");
    Run r = segmint("profile", "--input", f[0].toString(), "--id", "customer_id", "--labels", f[1].toString(),
        "--actions", a.toString(), "--checks");
    assertEquals(0, r.code(), r.err());
    // the report leads with one line per segment: name, size, share, action, facts
    assertTrue(r.out().contains("Suppress from paid campaigns"), r.out());
    assertTrue(r.out().contains("Reward: VIP perks, early access, ask for reviews and referrals"), r.out());
    assertFalse(r.out().contains("not run"), r.out());
    assertFalse(r.out().contains("mean r_score") || r.out().contains("mean rfm_code") || r.out().contains("R score"),
        r.out());
    Run plain = segmint("profile", "--input", f[0].toString(), "--id", "customer_id", "--labels", f[1].toString());
    assertEquals(0, plain.code(), plain.err());
    assertTrue(plain.out().contains("Low-cost reactivation, else suppress from paid campaigns"), plain.out());
    assertTrue(plain.out().contains("not run"), plain.out());
  }
}
