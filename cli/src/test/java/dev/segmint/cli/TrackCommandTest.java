package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segmint track}: the contract's files on a hand-checked table and on Online Retail; bad input → exit 2. */
class TrackCommandTest {

  @TempDir
  Path dir;

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** The hand-computed case of TrackerTest (core): c1 Hibernating → At Risk, c2 About To Sleep → Hibernating, c3 new. */
  static final String TX = "Customer,Date,Order,Amount\n"
      + "c1,2011-01-05,o1,10\n"
      + "c1,2011-02-10,o2,20\n"
      + "=c2,2011-01-20,o3,5\n"
      + "007,2011-02-15,o4,7\n"
      + "007,2011-03-01,o5,9\n";

  @Test
  void handCheckedFilesWithIdsWrittenBackAsRead() throws IOException {
    Path in = write("tx.csv", TX);
    Path mig = dir.resolve("migration.csv");
    Path movers = dir.resolve("movers.csv");
    Path out = dir.resolve("segments.csv");
    Path report = dir.resolve("report.html");
    Run r = Run.of("track", "--transactions", in.toString(), "--customer", "customer", "--timestamp", "date",
        "--order", "order", "--amount", "amount", "--as-of", "2011-02-01,2011-03-01", "--out-migration", mig.toString(),
        "--out-movers", movers.toString(), "--out", out.toString(), "--report", report.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("from_date,to_date,from_segment,to_segment,customers,share_of_from",
        "2011-02-01,2011-03-01,About To Sleep,Hibernating,1,1",
        "2011-02-01,2011-03-01,Hibernating,At Risk,1,1",
        "2011-02-01,2011-03-01,new,Promising,1,1"), Files.readAllLines(mig));
    // ids exactly as read: '007' keeps its zeros; '=c2' is defused for spreadsheets as every Segmint CSV does
    assertEquals(List.of("customer_id,from_date,to_date,from_segment,to_segment",
        "007,2011-02-01,2011-03-01,new,Promising",
        "'=c2,2011-02-01,2011-03-01,About To Sleep,Hibernating",
        "c1,2011-02-01,2011-03-01,Hibernating,At Risk"), Files.readAllLines(movers));
    List<String> seg = Files.readAllLines(out);
    assertEquals("customer_id,as_of,segment,segment_name", seg.get(0));
    assertEquals(6, seg.size(), "2 customers at the first date, 3 at the second");
    assertTrue(seg.contains("c1,2011-03-01,At Risk,At Risk"), seg.toString());
    String html = Files.readString(report);
    assertTrue(html.contains("1 Hibernating became At Risk"), "flows in words");
    assertTrue(html.contains("<svg"), "inline SVG");
    assertTrue(r.err().contains("Tracking of 2 snapshots (rfm segments)"), r.err());
    assertTrue(r.err().contains("1 row dated after the as-of date") || r.err().contains("after the as-of"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void onlineRetailQuarterlyWithAModelAndWithRefits() throws IOException {
    Path in = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
    String[] rfmFlags = {"--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--order", "InvoiceNo", "--quantity", "Quantity", "--price", "UnitPrice"};
    Path mig = dir.resolve("m.csv");
    Run r = Run.of(concat(new String[] {"track"}, rfmFlags, new String[] {"--every", "quarter", "--from", "2011-03-01",
        "--to", "2011-12-01", "--out-migration", mig.toString()}));
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(mig);
    // 3 transitions; per transition the cells add up to the later snapshot's customers
    long dec = lines.stream().skip(1).filter(l -> l.startsWith("2011-09-01,2011-12-01,"))
        .mapToLong(l -> Long.parseLong(l.split(",")[4])).sum();
    Path rfm = dir.resolve("rfm.csv");
    assertEquals(0, Run.of(concat(new String[] {"rfm"}, rfmFlags, new String[] {"--as-of", "2011-11-30", "--out",
        rfm.toString()})).code());
    assertEquals(Files.readAllLines(rfm).size() - 1, dec, "customers before 2011-12-01 = rfm as of 2011-11-30");
    assertTrue(r.err().contains("refit") , r.err());

    Path model = dir.resolve("model.json");
    Run s = Run.of(concat(new String[] {"segment"}, rfmFlags, new String[] {"--k", "4", "--model", model.toString(),
        "--out", dir.resolve("seg.csv").toString()}));
    assertEquals(0, s.code(), s.err());
    Run m = Run.of(concat(new String[] {"track"}, rfmFlags, new String[] {"--as-of", "2011-06-01,2011-12-01",
        "--model", model.toString(), "--out-migration", dir.resolve("mm.csv").toString()}));
    assertEquals(0, m.code(), m.err());
    assertTrue(Files.readAllLines(dir.resolve("mm.csv")).get(1).matches("2011-06-01,2011-12-01,[0-3],[0-3],\\d+,.*"));
    Run f = Run.of(concat(new String[] {"track"}, rfmFlags, new String[] {"--as-of", "2011-09-01,2011-12-01",
        "--refit", "--k", "3", "--out-migration", dir.resolve("mf.csv").toString()}));
    assertEquals(0, f.code(), f.err());
    assertTrue(f.err().contains("(refit segments)"), f.err());
  }

  static String[] concat(String[]... parts) {
    List<String> all = new ArrayList<>();
    for (String[] p : parts) {
      all.addAll(Arrays.asList(p));
    }
    return all.toArray(String[]::new);
  }

  @Test
  void hostileNamesAndIdsAreEscapedInTheReport() throws IOException {
    String evil = "<script>alert(1)</script>";
    Path in = write("tx.csv", "Customer,Date,Amount\n"
        + "\"<img src=x onerror=alert(2)>\",2011-01-05,10\n"
        + "\"<img src=x onerror=alert(2)>\",2011-02-20,10\n"
        + "b,2011-01-20,5\nc,2011-02-15,7\n");
    StringBuilder map = new StringBuilder("r_min,r_max,f_min,f_max,segment\n");
    map.append("1,2,1,5,\"Quiet & <b>bold</b>\"\n").append("3,5,1,5,\"").append(evil).append("\"\n");
    Path mapFile = write("map.csv", map.toString());
    Path report = dir.resolve("r.html");
    Run r = Run.of("track", "--transactions", in.toString(), "--customer", "customer", "--timestamp", "date",
        "--amount", "amount", "--rfm-map", mapFile.toString(), "--as-of", "2011-02-01,2011-03-01",
        "--out-migration", dir.resolve("m.csv").toString(), "--report", report.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(report);
    assertFalse(html.contains("<script"), "no script element");
    assertFalse(html.contains("<img"), "no image element");
    assertFalse(html.contains("<b>"), "no markup from data");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped");
    assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), "the id is shown, escaped");
  }

  @Test
  void badInputExitsTwoWithOneSentence() throws IOException {
    Path in = write("tx.csv", TX);
    String out = dir.resolve("o.csv").toString();
    String[] base = {"track", "--transactions", in.toString(), "--customer", "customer", "--timestamp", "date",
        "--amount", "amount"};
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"--as-of '2011-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2011-12-01",
        "--as-of", "2011-02-01,2011-13-01", "--out-migration", out});
    cases.add(new String[] {"--from 2011-06-01 is after --to 2011-01-01; give the earlier date as --from",
        "--every", "month", "--from", "2011-06-01", "--to", "2011-01-01", "--out-migration", out});
    cases.add(new String[] {"--every must be month or quarter, not 'week'",
        "--every", "week", "--from", "2011-01-01", "--to", "2011-06-01", "--out-migration", out});
    cases.add(new String[] {"--every needs --from YYYY-MM-DD and --to YYYY-MM-DD",
        "--every", "month", "--from", "2011-01-01", "--out-migration", out});
    cases.add(new String[] {"give the as-of dates: --as-of D1,D2,... or --every month|quarter --from D --to D",
        "--out-migration", out});
    cases.add(new String[] {"give the as-of dates one way",
        "--as-of", "2011-02-01,2011-03-01", "--every", "month", "--out-migration", out});
    cases.add(new String[] {"the first as-of date, 2011-01-05, is on or before the first purchase (2011-01-05)",
        "--as-of", "2011-01-05,2011-03-01", "--out-migration", out});
    cases.add(new String[] {"the as-of dates must increase, but 2011-02-01 follows 2011-03-01",
        "--as-of", "2011-03-01,2011-02-01", "--out-migration", out});
    cases.add(new String[] {"tracking needs at least two as-of dates, but only 2011-03-01 was given",
        "--as-of", "2011-03-01", "--out-migration", out});
    cases.add(new String[] {"choose one way to make segments: --by rfm, --model FILE.json or --refit",
        "--as-of", "2011-02-01,2011-03-01", "--by", "rfm", "--refit", "--out-migration", out});
    cases.add(new String[] {"--by takes rfm (the named RFM groups), not 'kmeans'",
        "--as-of", "2011-02-01,2011-03-01", "--by", "kmeans", "--out-migration", out});
    cases.add(new String[] {"the segmentation flags (--algorithm, --k, ...) go with --refit",
        "--as-of", "2011-02-01,2011-03-01", "--k", "3", "--out-migration", out});
    cases.add(new String[] {"--out-migration " + in + " is the --transactions file",
        "--as-of", "2011-02-01,2011-03-01", "--out-migration", in.toString()});
    for (String[] c : cases) {
      String[] args = concat(base, Arrays.copyOfRange(c, 1, c.length));
      Run r = Run.of(args);
      assertEquals(2, r.code(), c[0] + " → " + r.err());
      assertTrue(r.err().contains(c[0]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertFalse(Files.exists(dir.resolve("o.csv")), "no partial output on error");
    Run missing = Run.of("track", "--transactions", in.toString(), "--as-of", "2011-02-01,2011-03-01",
        "--out-migration", out);
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("RFM from --transactions needs --customer COL and --timestamp COL"), missing.err());
  }
}
