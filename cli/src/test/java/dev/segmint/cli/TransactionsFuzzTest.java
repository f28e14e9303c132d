package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport;
import dev.segmint.features.RfmFeatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Property-based fuzzing of the CSV reading + RFM path (jqwik): generated messy transaction files, and raw byte
 * noise, must either give a result in which nothing is lost (rows read = rows kept + rows dropped per reason;
 * customers read = customers out + customers dropped), or fail with the documented IllegalArgumentException
 * (BadInputException in the CLI is one) — never another exception. Seeds are fixed so CI runs are reproducible.
 */
class TransactionsFuzzTest {

  static final Set<String> TEXT = Set.of("CustomerID", "InvoiceDate", "InvoiceNo");

  /** Reads bytes as the CLI does, then runs RFM; returns null when the input was refused as documented. */
  static RfmFeatures.Result readAndRun(byte[] csv, Character delimiter, RfmFeatures rfm) {
    Table t;
    try {
      t = CsvIo.read("fuzz.csv", () -> new ByteArrayInputStream(csv), false, delimiter, TEXT);
    } catch (BadInputException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      return null;
    } catch (java.io.IOException e) {
      throw new AssertionError("an in-memory read cannot fail with an IOException", e);
    }
    try {
      RfmFeatures.Result r = rfm.run(t);
      checkConservation(t, r);
      return r;
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      return null;
    }
  }

  static void checkConservation(Table in, RfmFeatures.Result r) {
    DataQualityReport q = r.report();
    assertEquals(in.rowCount(), q.rowsRead(), "every row read is counted");
    assertEquals(q.rowsRead(), q.rowsKept() + q.rowsDropped(), "rows read = rows kept + rows dropped: " + q);
    Column<?> ids = in.column("CustomerID");
    Set<String> customers = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.isMissing(i) && !ids.getString(i).isBlank()) {
        customers.add(ids.getString(i));
      }
    }
    assertEquals(customers.size(), r.table().rowCount() + q.customersDropped(),
        "customers in = customers out + customers dropped: " + q);
    assertEquals(r.table().rowCount(), q.customersOut());
    for (String c : List.of("recency_days", "frequency", "monetary", "tenure_days", "avg_order_value")) {
      for (int i = 0; i < r.table().rowCount(); i++) {
        double v = ((tech.tablesaw.api.NumericColumn<?>) r.table().column(c)).getDouble(i);
        int row = i;
        assertTrue(Double.isFinite(v), () -> c + " is " + v + " for customer " + r.table().getString(row, "customer_id"));
      }
    }
    for (String id : r.table().stringColumn("customer_id")) {
      assertTrue(customers.contains(id), "an output id that was not in the input: " + id);
    }
  }

  static final RfmFeatures RFM = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate")
      .order("InvoiceNo").amount("Amount").build();
  static final RfmFeatures RFM_NET = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate")
      .amount("Amount").returns(RfmFeatures.Returns.NET).build();

  record Messy(byte[] bytes, Character delimiter, boolean net) {}

  @Property(tries = 10_000, seed = "20261123")
  void messyTransactionFilesLoseNothing(@ForAll("messy") Messy m) {
    RfmFeatures.Result r = readAndRun(m.bytes(), m.delimiter(), m.net() ? RFM_NET : RFM);
    Statistics.label("outcome").collect(r == null ? "refused" : "computed");
    Statistics.label("outcome").coverage(c -> c.check("computed").percentage(p -> p > 15));
    Statistics.label("outcome").coverage(c -> c.check("refused").percentage(p -> p > 10));
  }

  @Property(tries = 2_000, seed = "42")
  void rawNoiseIsRefusedOrReadNeverCrashes(@ForAll("noise") byte[] bytes) {
    readAndRun(bytes, null, RFM);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<byte[]> header = Arbitraries.of("CustomerID,InvoiceDate,InvoiceNo,Amount\n",
        "CustomerID;InvoiceDate;InvoiceNo;Amount\n", "").map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return Combinators.combine(header, body).as((h, b) -> {
      byte[] all = new byte[h.length + b.length];
      System.arraycopy(h, 0, all, 0, h.length);
      System.arraycopy(b, 0, all, h.length, b.length);
      return all;
    });
  }

  // values a real export may hold and Segmint must digest (dropped and counted, or kept) ...
  static final List<String> IDS = List.of("c1", "c2", "c3", "c4", "00042", "=HYPERLINK(\"x\")", "", "NA",
      "Smith, John", "a\"b", "line\nbreak", "'=x", "-5", "日本");
  static final List<String> DATES = List.of("2011-01-01", "2011-03-15", "2011-12-09 12:50:00", "2011-06-30T08:00:00",
      "2011-02-30", "01/02/2011", "", "not a date", "2011-13-01", "1900-01-01", "2011-07-04T10:00:00Z",
      "2011-05-05 25:61:00");
  static final List<String> AMOUNTS = List.of("10", "2.5", "-5", "0", "", "1e300", "-1e300", "NaN", "3",
      "100000000000", "1e-300");
  // ... and values that are refused with a message (one in about 150 cells; 1e308 twice overflows a sum)
  static final List<String> BAD_IDS = List.of("c1 ", " c2");
  static final List<String> BAD_DATES = List.of("9999-12-31");
  static final List<String> BAD_AMOUNTS = List.of("abc", "1,5", "Infinity", "-Infinity", "1e308");

  static String pick(List<String> good, List<String> bad, int r) {
    return r % 151 == 0 ? bad.get((r / 151) % bad.size()) : good.get(r % good.size());
  }

  @Provide
  Arbitrary<Messy> messy() {
    Arbitrary<Character> sep = Arbitraries.of(',', ';', '\t', '|');
    Arbitrary<List<List<Integer>>> rows = Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(6).ofMaxSize(6)
        .list().ofMinSize(0).ofMaxSize(25);
    Arbitrary<Integer> flags = Arbitraries.integers().between(0, 1 << 12);
    return Combinators.combine(sep, rows, flags).as((s, rs, f) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder sb = new StringBuilder();
      if ((f & 1) != 0) {
        sb.append('\uFEFF');
      }
      sb.append(String.join(String.valueOf(s), "CustomerID", "InvoiceDate", "InvoiceNo", "Amount"));
      sb.append((f & 2) != 0 ? "\r\n" : "\n");
      for (List<Integer> r : rs) {
        int fields = r.get(4) % 293 == 0 ? 3 : r.get(4) % 307 == 0 ? 5 : 4;   // now and then a ragged row
        String[] cells = {pick(IDS, BAD_IDS, r.get(0)), pick(DATES, BAD_DATES, r.get(1)), "i" + (r.get(2) % 7),
            pick(AMOUNTS, BAD_AMOUNTS, r.get(3)), "extra"};
        for (int c = 0; c < fields; c++) {
          if (c > 0) {
            sb.append(s);
          }
          sb.append(field(cells[c], s, r.get(5) % 401 == 0));
        }
        sb.append((f & 2) != 0 ? "\r\n" : "\n");
      }
      byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(text);
      if ((f & 0x70) == 0x70) {
        out.write(0xE9);   // a Latin-1 'é': not UTF-8
      }
      Character given = (f & 0x180) == 0x180 ? Character.valueOf(',') : (f & 0x80) != 0 ? s : null;
      return new Messy(out.toByteArray(), given, (f & 0x200) != 0);
    });
  }

  /** A CSV field: quoted when needed, and now and then left with a stray unbalanced quote. */
  static String field(String v, char sep, boolean broken) {
    if (broken) {
      return "\"" + v;
    }
    boolean quote = v.indexOf(sep) >= 0 || v.contains("\"") || v.contains("\n") || v.startsWith(" ")
        || v.endsWith(" ");
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}
