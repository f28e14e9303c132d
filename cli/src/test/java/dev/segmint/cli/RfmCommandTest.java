package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segmint rfm}: every flag of DESIGN.md, the real Online Retail file, and each bad input → exit 2, one line. */
class RfmCommandTest {

  @TempDir
  Path dir;


  static Run run(String... args) {
    return Run.of(args);
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  static final String HEADER = "customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,r_score,"
      + "f_score,m_score,rfm_code,rfm_segment";

  @Test
  void onlineRetailWithQuantityAndPrice() throws IOException {
    Path in = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--order", "InvoiceNo", "--quantity", "Quantity", "--price", "UnitPrice", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(HEADER, lines.get(0));
    assertEquals(4339, lines.size(), "4,338 customers with a purchase");
    assertTrue(lines.get(1).startsWith("12346.0,"), "ids written back exactly as read: " + lines.get(1));
    assertTrue(r.err().contains("Data quality: 541,909 rows read"), r.err());
    assertTrue(r.err().contains("missing customer id"), r.err());
    assertTrue(r.err().contains("RFM as of 2011-12-10: 4,338 customers written to"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void everyOptionalFlagOnATabSeparatedFile() throws IOException {
    Path in = write("tx.tsv", "id\twhen\torder\tamount\n"
        + "a\t01-01-2024\to1\t10\n"
        + "a\t05-01-2024\to2\t20\n"
        + "a\t06-01-2024\to3\t-8\n"
        + "b\t03-01-2024\to4\t30\n"
        + "b\t08-01-2024\to5\t-40\n");
    Path out = dir.resolve("out.csv");
    Run r = run("rfm", "--transactions", in.toString(), "--customer", "id", "--timestamp", "when",
        "--timestamp-format", "dd-MM-yyyy", "--order", "order", "--amount", "amount", "--as-of", "2024-01-11",
        "--returns", "net", "--delimiter", "\\t", "--mean-days-between", "--purchases-in-last", "7,30",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(List.of(HEADER + ",mean_days_between_purchases,purchases_last_7d,purchases_last_30d",
        // a: last 01-05 → 6 days, 2 orders, 10+20−8, first 01-01 → 10 days; gap 4 days; b nets to −10 and is kept.
        // Scores with n = 2: a has one worse customer on each of R, F, M → 1 + floor(5·1/2) = 3
        "a,6,2,22,10,11,3,3,3,333,Need Attention,4,1,2",
        "b,8,1,-10,8,-10,1,1,1,111,Hibernating,,0,1"), lines);
    assertTrue(r.err().contains("kept but flagged: monetary <= 0 after netting returns"), r.err());
  }

  @Test
  void badInputsExitTwoWithOneSentence() throws IOException {
    Path in = write("tx.csv", "CustomerID,InvoiceDate,Amount\n1,2011-01-01,3\n2,2011-01-02,4\n");
    String out = dir.resolve("o.csv").toString();
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"column 'Customer' not found in table 'tx.csv' (did you mean 'CustomerID'?)",
        "rfm", "--transactions", in.toString(), "--customer", "Customer", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", out});
    cases.add(new String[] {"column 'InvoiceDate' is string, not numeric (e.g. '2011-01-01')",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "InvoiceDate", "--out", out});
    cases.add(new String[] {"--as-of '10/12/2011' is not a date; write it as YYYY-MM-DD, e.g. 2011-12-10",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--as-of", "10/12/2011", "--out", out});
    cases.add(new String[] {"--returns must be exclude or net, not 'keep'",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--returns", "keep", "--out", out});
    cases.add(new String[] {"file not found: " + dir.resolve("nope.csv") + "; check the path",
        "rfm", "--transactions", dir.resolve("nope.csv").toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--amount", "Amount", "--out", out});
    cases.add(new String[] {"no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '2011-01-01')",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--timestamp-format", "dd-MM-yyyy", "--amount", "Amount", "--out", out});
    cases.add(new String[] {"mutually exclusive",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--quantity", "Amount", "--price", "Amount", "--out", out});
    cases.add(new String[] {"cannot write " + dir.resolve("missing/o.csv") + ": folder " + dir.resolve("missing")
        + " does not exist; create it first",
        "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", dir.resolve("missing/o.csv").toString()});
    Path empty = write("empty.csv", "CustomerID,InvoiceDate,Amount\n");
    cases.add(new String[] {"empty.csv has a header line but no data rows; it needs at least one row",
        "rfm", "--transactions", empty.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", out});
    Path returnsOnly = write("returns.csv", "CustomerID,InvoiceDate,Amount\n1,2011-01-01,-3\n,2011-01-02,4\n");
    cases.add(new String[] {"no customer has a purchase (a row with customer id, date and amount > 0) in 'returns.csv' "
        + "(of 2 rows: 1 missing customer id, 1 return (amount < 0)); check the column choices, the timestamp pattern "
        + "and --returns",
        "rfm", "--transactions", returnsOnly.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", out});
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      Run r = run(args);
      assertEquals(2, r.code(), c[0] + " → " + r.err());
      assertTrue(r.err().contains(c[0]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertFalse(Files.exists(dir.resolve("o.csv")), "no partial output on error");
  }

  /** Issue 17: --rfm-bins 3 and --rfm-map on the command line, scores checked by hand. */
  @Test
  void threeBinsAndAUserMap() throws IOException {
    // c1: last purchase 2011-01-05 (recency 1), 2 orders, 15; c2: 2011-01-03 (3), 1 order, 7; c3: 2011-01-04 (2),
    // 1 order, 1. R with 3 bins: strictly larger recencies 2, 0, 1 of 3 → 1 + floor(3·w/3) = 3, 1, 2;
    // F: strictly smaller counts 2, 0, 0 → 3, 1, 1; M: 2, 1, 0 → 3, 2, 1
    Path tx = write("tx.csv", "CustomerID,InvoiceDate,InvoiceNo,Amount\n"
        + "c1,2011-01-01,i1,10\nc1,2011-01-05,i2,5\nc2,2011-01-03,i3,7\nc3,2011-01-04,i4,1\n");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--order", "InvoiceNo", "--amount", "Amount", "--rfm-bins", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(HEADER, "c1,1,2,15,5,7.5,3,3,3,333,Champions", "c2,3,1,7,3,7,1,1,2,112,Hibernating",
        "c3,2,1,1,2,1,2,1,1,211,About To Sleep"), Files.readAllLines(out));
    Path map = write("map.csv", "r_min,r_max,f_min,f_max,segment\n3,3,1,3,Active\n1,2,1,3,Lapsed\n");
    r = run("rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--order", "InvoiceNo", "--amount", "Amount", "--rfm-bins", "3", "--rfm-map", map.toString(), "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("Active", "Lapsed", "Lapsed"), Files.readAllLines(out).subList(1, 4).stream()
        .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
  }
}
