package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.ValueModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** {@code segmint clv}: the contract's columns and parameter file, a hand-computed file, the holdout table, bad input. */
class ClvCommandTest {

  @TempDir
  Path dir;

  static final String HEADER = "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,"
      + "expected_order_value,clv";

  @Test
  void onlineRetailWithHoldoutAndParameterFile() throws IOException {
    Path in = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
    Path out = dir.resolve("clv.csv");
    Path params = dir.resolve("params.json");
    Run r = Run.of("clv", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--quantity", "Quantity", "--price", "UnitPrice", "--calibration-end", "2011-09-08", "--holdout-end",
        "2011-12-09", "--out", out.toString(), "--out-params", params.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(HEADER, lines.get(0));
    assertEquals(3363, lines.size(), "3,362 customers with a purchase by 2011-09-08");
    assertTrue(lines.get(1).startsWith("12346.0,0,0,"), "ids written back exactly as read: " + lines.get(1));
    assertTrue(r.err().contains("BG/NBD (period day) on 3,362 customers"), r.err());
    assertTrue(r.err().contains("Gamma-Gamma on 1,949 repeat customers"), r.err());
    assertTrue(r.err().contains("Holdout 2011-09-09 .. 2011-12-09"), r.err());
    assertTrue(r.err().contains("Data quality: 541,909 rows read"), r.err());
    // the numbers docs/value.md quotes
    assertTrue(r.err().contains("r          0.724065"), r.err());
    assertTrue(r.err().contains("alpha       65.7078"), r.err());
    assertTrue(r.err().contains("p           2.32581  (SE 0.149952)"), r.err());
    assertTrue(r.err().contains("total: actual 4,510, predicted 3,408"), r.err());
    assertEquals("", r.out());
    // the parameter file holds the library's fit at full precision (same data read by Tablesaw here)
    ValueModel fromFile = ValueModel.fromJson(Files.readString(params));
    ColumnType text = ColumnType.STRING;
    Table t;
    try (var reader = new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(Files.newInputStream(in)),
        StandardCharsets.UTF_8)) {
      t = Table.read().usingOptions(CsvReadOptions.builder(reader).columnTypes(new ColumnType[] {text, text, text,
          ColumnType.INTEGER, text, ColumnType.DOUBLE, text, text}).build());
    }
    CalibrationSummary s = CustomerValue.builder().customer("CustomerID").timestamp("InvoiceDate")
        .quantity("Quantity").price("UnitPrice").calibrationEnd(LocalDate.of(2011, 9, 8)).build().summarize(t);
    ValueModel lib = ValueModel.fit(s);
    assertArrayEquals(lib.purchases().parameters(), fromFile.purchases().parameters());
    assertArrayEquals(lib.orderValue().parameters(), fromFile.orderValue().parameters());
    assertEquals(lib.orderValue().logLikelihood(), fromFile.orderValue().logLikelihood());
  }

  @Test
  void handComputedSummaryColumns() throws IOException {
    // a: purchase days Mar 1 (two rows), Mar 4 (and a return), Mar 11 → x = 2, t_x = 10, T = 14 (end Mar 15),
    //    monetary = (30 + 6) / 2; c: only after the end
    Path in = dir.resolve("tx.csv");
    Files.writeString(in, "id,day,amount\n"
        + "a,2024-03-01,10\na,2024-03-01,5\na,2024-03-04,30\na,2024-03-04,-7\na,2024-03-11,6\n"
        + "b,2024-03-03,12\nc,2024-03-20,4\nb,2024-03-02,11\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("v.csv");
    Run r = Run.of("clv", "--transactions", in.toString(), "--customer", "ID", "--timestamp", "day", "--amount",
        "amount", "--calibration-end", "2024-03-15", "--period", "day", "--out", out.toString());
    // b: days Mar 2 and 3 → x = 1, t_x = 1, T = 13, monetary 12 (Gamma-Gamma needs two repeat customers)
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(HEADER, lines.get(0));
    assertTrue(lines.get(1).startsWith("a,2,10,14,18,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("b,1,1,13,12,"), lines.get(2));
    assertEquals(3, lines.size());
  }

  @Test
  void badFlagsAreOneLineExitTwo() throws IOException {
    Path in = dir.resolve("tx.csv");
    Files.writeString(in, "id,day,amount\na,2024-03-01,10\na,2024-03-04,30\nb,2024-03-03,12\nb,2024-03-05,2\n",
        StandardCharsets.UTF_8);
    String out = dir.resolve("v.csv").toString();
    List<String[]> bad = List.of(
        new String[] {"--period", "month"},
        new String[] {"--calibration-end", "15/03/2024"},
        new String[] {"--holdout-end", "2024-04-01"},
        new String[] {"--calibration-end", "2024-03-10", "--holdout-end", "2024-03-01"},
        new String[] {"--horizon", "-5"},
        new String[] {"--discount", "-0.1"});
    for (String[] extra : bad) {
      String[] args = new String[9 + extra.length];
      String[] base = {"clv", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
          "amount"};
      System.arraycopy(base, 0, args, 0, 9);
      System.arraycopy(extra, 0, args, 9, extra.length);
      String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
      withOut[args.length] = "--out";
      withOut[args.length + 1] = out;
      Run r = Run.of(withOut);
      assertEquals(2, r.code(), String.join(" ", extra) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(Path.of(out)), "no output after a failure");
    }
    // the RFM flags clv does not take say why, not just "unknown option"
    Run order = Run.of("clv", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
        "amount", "--order", "id", "--out", out);
    assertEquals(2, order.code());
    assertEquals("segmint: clv counts the days with a purchase, as BG/NBD does, not orders: leave out --order (see "
        + "'segmint clv --help')", order.err().strip());
    Run asOf = Run.of("clv", "--transactions", in.toString(), "--customer", "id", "--timestamp", "day", "--amount",
        "amount", "--as-of", "2024-03-05", "--out", out);
    assertTrue(asOf.err().startsWith("segmint: clv's cut-off is --calibration-end YYYY-MM-DD"), asOf.err());
  }
}
