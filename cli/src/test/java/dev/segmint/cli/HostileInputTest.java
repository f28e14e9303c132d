package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.report.Csv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and messy but valid files: formula-like and markup ids and levels survive a cluster → profile round
 * trip, CSV outputs defuse them for spreadsheets, and HTML/Markdown reports escape them; a BOM, another delimiter,
 * quotes with embedded delimiters and line breaks, and a case-only column name are read as meant.
 */
class HostileInputTest {

  @TempDir
  Path dir;


  static Run segmint(String... args) {
    return Run.of(args);
  }

  static final String[] IDS = {"=HYPERLINK(\"http://evil.example\",\"click\")", "<script>alert(1)</script>",
      "\"quoted\"", "line\nbreak", "-5", "+cmd|' /C calc'!A0", "@SUM(A1)", "'=already", "\tTAB", "plain", "0042", "'"};

  static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.startsWith("\t")
        ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  Path hostileCustomers() throws Exception {
    StringBuilder sb = new StringBuilder("id,spend,visits,city\n");
    String[] cities = {"<img src=x onerror=alert(1)>", "=1+1", "Paris"};
    for (int i = 0; i < IDS.length; i++) {
      boolean big = i % 2 == 0;
      sb.append(csvField(IDS[i])).append(',').append(big ? 900 + i : 100 + i).append(',').append(big ? 30 : 2)
          .append(',').append(csvField(cities[i % 3])).append('\n');
    }
    Path f = dir.resolve("hostile.csv");
    Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void formulaAndMarkupSurviveClusterThenProfileAndAreDefusedOrEscaped() throws Exception {
    Path in = hostileCustomers();
    Path seg = dir.resolve("segments.csv");
    Run c = segmint("cluster", "--input", in.toString(), "--id", "id", "--features", "spend,visits", "--algorithm",
        "kmeans", "--k", "2", "--seed", "1", "--out", seg.toString());
    assertEquals(0, c.code(), c.err());
    String written = Files.readString(seg);
    assertTrue(written.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), written);
    assertTrue(written.contains("\n'+cmd|' /C calc'!A0,"), written);
    assertTrue(written.contains("\n'@SUM(A1),"), written);
    assertTrue(written.contains("\n'\tTAB,"), "a leading tab is defused: " + written);
    assertTrue(written.contains("\n'=already,"), "read as the text marker it is in spreadsheets, the apostrophe "
        + "before '=' is dropped on reading; the id is =already, defused again on writing: " + written);
    assertTrue(written.contains("\n'',"), written);
    assertTrue(written.contains("\n-5,"), "a numeric-looking id is left alone: " + written);
    assertTrue(written.contains("\n0042,"), written);
    assertTrue(written.contains("\n\"line\nbreak\","), written);
    assertTrue(written.contains("\n\"\"\"quoted\"\"\","), written);
    for (String line : written.split("\n(?=[^\n]*,[01]\n|[^\n]*,[01]$)")) {
      char first = line.isEmpty() ? ' ' : line.charAt(0);
      assertFalse("=+@\t\r".indexOf(first) >= 0, "no row may start a formula: " + line);
    }

    for (String ext : List.of("html", "md", "csv")) {
      Path report = dir.resolve("report." + ext);
      Run p = segmint("profile", "--input", in.toString(), "--id", "id", "--labels", seg.toString(), "--out",
          report.toString());
      assertEquals(0, p.code(), "every id read back from the defused file matches the customer file: " + p.err());
      String text = Files.readString(report);
      switch (ext) {
        case "html" -> {
          String lower = text.toLowerCase(Locale.ROOT);
          assertFalse(lower.contains("<img"), "a data value became markup");
          assertFalse(lower.contains("<script>alert"), "a data value became a script");
          assertTrue(text.contains("&lt;img src=x onerror=alert(1)&gt;"), "the level is shown, escaped");
        }
        case "md" -> {
          assertFalse(text.contains("<img"), text);
          assertTrue(text.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"), text);
        }
        default -> {
          assertTrue(text.contains(",'=1+1,"), "a formula-like level is defused in the CSV report: " + text);
          assertFalse(text.contains(",=1+1,"), text);
        }
      }
    }
  }

  @Test
  void bomSemicolonsQuotesAndEmbeddedLineBreaksAreReadAsMeant() throws Exception {
    String tx = "\uFEFFCustomerID;InvoiceDate;InvoiceNo;Amount\n"
        + "\"Smith; John\";2011-01-01;i1;10\n"
        + "\"Smith; John\";2011-01-05;i2;5\n"
        + "\"two\nlines\";2011-01-03;i3;7\n"
        + "\"say \"\"hi\"\"\";2011-01-04;i4;1\n";
    Path f = dir.resolve("tx.csv");
    Files.writeString(f, tx, StandardCharsets.UTF_8);
    Path out = dir.resolve("rfm.csv");
    Run r = segmint("rfm", "--transactions", f.toString(), "--customer", "customerid", "--timestamp", "INVOICEDATE",
        "--order", "InvoiceNo", "--amount", "Amount", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String written = Files.readString(out);
    assertTrue(written.startsWith("customer_id,recency_days,frequency,monetary,"), written);
    assertTrue(written.contains("\nSmith; John,1,2,15,5,"), written);
    assertTrue(written.contains("\n\"two\nlines\",3,1,7,3,"), written);
    assertTrue(written.contains("\n\"say \"\"hi\"\"\",2,1,1,2,"), written);
    assertTrue(r.err().contains("4 rows read, 4 kept, 0 dropped; 3 customers out"), r.err());
  }

  @Test
  void defuseAndUndefuseAreInverseOnEveryTrigger() {
    for (String s : List.of("=1", "+1-2", "-x", "@a", "\tt", "\rr", "'", "''", "'=", "'a", "a", "", "-5", "+3.5e2",
        "1e5", "-.5")) {
      assertEquals(s, Csv.undefuse(Csv.defuse(s)), s);
    }
    assertEquals("-5", Csv.defuse("-5"));
    assertEquals("+3.5e2", Csv.defuse("+3.5e2"));
    assertEquals("'-x", Csv.defuse("-x"));
    assertEquals("'=1", Csv.defuse("=1"));
    assertEquals("''a", Csv.defuse("'a"));
    assertEquals("plain", Csv.defuse("plain"));
  }
}
