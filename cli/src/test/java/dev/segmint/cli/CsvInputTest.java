package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.report.Csv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reading input without changing it (issue 15): column flags in another case than the header, the decimal comma,
 * column types, pipes and FIFOs, whitespace-separated files. The refusals are rows of {@link BadInputCatalogueTest};
 * these are the inputs that are now read correctly.
 */
class CsvInputTest {

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

  static CsvInput input(String csv, CsvInput.Options options) throws IOException {
    byte[] b = csv.getBytes(StandardCharsets.UTF_8);
    return CsvInput.open("t.csv", () -> new ByteArrayInputStream(b), false, options);
  }

  // ---- item 1: column flags in another case than the header

  @Test
  void customerFlagInLowerCaseKeepsIdsAsText() throws IOException {
    Path tx = write("tx.csv", "CustomerID,InvoiceDate,Amount\n007,2011-01-01,10\n7,2011-01-02,20\n0007,2011-01-03,30\n");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", tx.toString(), "--customer", "customerid", "--timestamp", "invoicedate",
        "--amount", "AMOUNT", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(4, lines.size(), "three customers, not one customer '7' with frequency 3: " + lines);
    assertEquals(Set.of("007", "7", "0007"), Set.copyOf(lines.subList(1, 4).stream().map(l -> l.split(",")[0])
        .toList()));
    for (String l : lines.subList(1, 4)) {
      assertEquals("1", l.split(",")[2], "frequency 1 each: " + l);
    }
  }

  @Test
  void timestampFormatAppliesWhateverTheCaseOfTheFlag() throws IOException {
    Path tx = write("tx.csv", "CustomerID,InvoiceDate,Amount\nc1,01/02/2011,10\nc2,03/02/2011,20\n");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", tx.toString(), "--customer", "customerid", "--timestamp", "invoicedate",
        "--timestamp-format", "dd/MM/yyyy", "--amount", "amount", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    // dd/MM: the last purchase is 3 February, so the as-of date is 4 February (MM/dd would give 3 March)
    assertTrue(r.err().contains("RFM as of 2011-02-04"), r.err());
    List<String> lines = Files.readAllLines(out);
    assertTrue(lines.get(1).startsWith("c1,3,1,10,") && lines.get(2).startsWith("c2,1,1,20,"), lines.toString());
  }

  @Test
  void clusterIdFlagInUpperCaseKeepsLeadingZeros() throws IOException {
    Path in = write("c.csv", "id,x\n007,1\n7,2\n07,10\n0007,11\n");
    Path out = dir.resolve("seg.csv");
    Run r = run("cluster", "--input", in.toString(), "--id", "ID", "--features", "X", "--algorithm", "kmeans",
        "--k", "2", "--out", out.toString());
    assertEquals(0, r.code(), "no false 'appears twice': " + r.err());
    assertEquals(List.of("007", "7", "07", "0007"), Files.readAllLines(out).subList(1, 5).stream()
        .map(l -> l.split(",")[0]).toList());
  }

  @Test
  void profileReadsAnUpperCaseLabelsHeader() throws IOException {
    Path in = write("c.csv", "id,spend\n007,1\n7,2\n07,10\n0007,11\n");
    Path labels = write("l.csv", "CUSTOMER_ID,SEGMENT\n007,0\n7,0\n07,1\n0007,1\n");
    Run r = run("profile", "--input", in.toString(), "--id", "ID", "--labels", labels.toString());
    assertEquals(0, r.code(), "was exit 1, 'IntColumn cannot be cast to StringColumn': " + r.err());
    assertTrue(r.out().contains("2 customers"), r.out());
  }

  @Test
  void segmentAndAssignWithFlagsAndHeadersInOtherCases() throws IOException {
    String rows = "007,2011-01-01,i1,10\n7,2011-01-05,i2,5\n0007,2011-01-03,i3,700\n07,2011-01-04,i4,800\n";
    Path tx = write("tx.csv", "CustomerID,InvoiceDate,InvoiceNo,Amount\n" + rows);
    Path tx2 = write("tx2.csv", "CUSTOMERID,invoicedate,INVOICENO,amount\n" + rows);
    Path out = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Run r = run("segment", "--transactions", tx.toString(), "--customer", "customerid", "--timestamp",
        "INVOICEDATE", "--order", "invoiceno", "--amount", "amount", "--algorithm", "kmeans", "--k", "2",
        "--model", model.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Set.of("007", "7", "0007", "07"), ids(out));
    Path assigned = dir.resolve("a.csv");
    Run a = run("assign", "--model", model.toString(), "--input", tx2.toString(), "--out", assigned.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(Files.readAllLines(out).stream().sorted().toList(),
        Files.readAllLines(assigned).stream().sorted().toList(), "the same customers in the same segments");
  }

  static Set<String> ids(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    return Set.copyOf(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
  }

  @Test
  void anExactMatchWinsOverACaseInsensitiveOne() throws IOException {
    CsvInput in = input("Id,x\n1,2\n", CsvInput.Options.DETECT);
    assertEquals("Id", in.column("id"));
    assertEquals("x", in.column("X"));
    assertNull(in.columnOrNull("y"));
    BadInputException e = assertThrows(BadInputException.class, () -> in.column("xx"));
    assertEquals("column 'xx' not found in table 't.csv' (did you mean 'x'?); columns are [Id, x]", e.getMessage());
  }

  @Test
  void headerNamesAreSplitAsTheCsvParserSplitsThem() throws IOException {
    String[][] cases = {
        {"a\"b,c", "a\"b|c"}, {"\"a\"b,c", "\"a\"b|c"}, {"\"a,b\",c", "a,b|c"}, {" \"a\" ,b", "a|b"},
        {"a,\"b\"\"c\"", "a|b\"c"}, {"a,b\"", "a|b\""}, {"\"a\nb\",c", "a\nb|c"}, {"a, b ,c ", "a|b|c"},
        {"\"\",x", "C0|x"}, {"'a',b", "'a'|b"}, {"a,\"b\" c,d", "a|\"b\" c|d"}, {"x,,", "x|C1|C2"}};
    for (String[] c : cases) {
      List<String> expected = List.of(c[1].split("\\|"));
      CsvInput in = input(c[0] + "\n" + "1,".repeat(expected.size() - 1) + "1\n", CsvInput.Options.DETECT);
      assertEquals(expected, in.header(), c[0]);
      assertEquals(expected, in.read(Set.of()).columnNames(), c[0] + ": the parser names the columns the same way");
    }
  }

  // ---- item 2: the decimal comma

  @Test
  void decimalCommaReadsAmountsAsWritten() throws IOException {
    Path tx = write("tx.csv", "customer;date;amount\nc1;2011-01-01;12,50\nc2;2011-01-02;1.234,56\nc2;2011-01-03;0,01\n");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", tx.toString(), "--customer", "customer", "--timestamp", "date",
        "--amount", "amount", "--decimal-comma", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertTrue(lines.get(1).startsWith("c1,3,1,12.5,3,12.5,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("c2,1,2,1234.57,2,617.285,"), lines.get(2));
  }

  @Test
  void decimalCommaInATabFileGivesTheSameSegmentsAsTheCLocaleFile() throws IOException {
    StringBuilder c = new StringBuilder("id,x,y\n");
    StringBuilder dc = new StringBuilder("ID\tX\tY\n");
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 60; i++) {
      double x = (i % 3) * 1000 + rnd.nextInt(100000) / 100.0;
      double y = (i % 3) * 5 + rnd.nextInt(100) / 100.0;
      c.append("c").append(i).append(',').append(Csv.number(x)).append(',').append(Csv.number(y)).append('\n');
      dc.append("c").append(i).append('\t').append(comma(x)).append('\t').append(comma(y)).append('\n');
    }
    Path plain = write("c.csv", c.toString());
    Path commas = write("dc.tsv", dc.toString());
    Path out1 = dir.resolve("a.csv");
    Path out2 = dir.resolve("b.csv");
    assertEquals(0, run("cluster", "--input", plain.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "3",
        "--seed", "1", "--out", out1.toString()).code());
    Run r = run("cluster", "--input", commas.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "3", "--seed",
        "1", "--decimal-comma", "--out", out2.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readAllLines(out1), Files.readAllLines(out2));
  }

  @Test
  void decimalCommaInCommaAndWhitespaceSeparatedFiles() throws IOException {
    CsvInput comma = input("id,x\na,\"12,50\"\nb,\"1.234,56\"\nc,7\n", new CsvInput.Options(null, false, true));
    assertEquals(List.of(12.5, 1234.56, 7.0), comma.read(Set.of("id")).doubleColumn("x").asList());
    CsvInput ws = input("id   x\na  12,50\nb\t1.234,56\n", CsvInput.Options.of("whitespace", true));
    assertEquals(List.of(12.5, 1234.56), ws.read(Set.of("id")).doubleColumn("x").asList());
    CsvInput plain = input("id,x\na,\"12,50\"\nb,3\n", CsvInput.Options.DETECT);
    plain.read(Set.of("id"));
    assertThrows(BadInputException.class, () -> plain.requireNumbers("x", c -> ""), "refused without the flag");
  }

  /** 1234.5 written as 1.234,5. */
  static String comma(double v) {
    String s = Csv.number(v);
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    StringBuilder g = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        g.append('.');
      }
      g.append(whole.charAt(i));
    }
    return dot < 0 ? g.toString() : g + "," + s.substring(dot + 1);
  }

  // ---- items 2-4: how columns are typed

  @Test
  void columnsAreTypedWithoutLenientParsers() throws IOException {
    CsvInput in = input("id,int,min,big,huge,dec,exp,date,flag,yesno,code,mixed,nan,text\n"
        + "007,1,-2147483648,3000000000,99999999999999999999,5.0,1e3,2011-01-01,T,yes,0x1p3,1,NaN,a\n"
        + "'=x,2.0,1,1,1,2.5,2,2011-01-02,F,no,5d,2,1,b\n"
        + "c,3,2,2,2,Infinity,3,2011-01-03,T,yes,7f,abc,NA,1\n", CsvInput.Options.DETECT);
    Table t = in.read(Set.of("ID"));
    assertEquals(List.of("007", "=x", "c"), t.stringColumn("id").asList(), "text as written, apostrophe removed");
    assertEquals(List.of(1, 2, 3), t.intColumn("int").asList(), "2.0 counts as whole, as it always did");
    LongColumn min = (LongColumn) t.column("min");
    assertFalse(min.isMissing(0), "Integer.MIN_VALUE is a value, not Tablesaw's missing marker");
    assertEquals(-2147483648L, min.get(0));
    assertEquals(3000000000L, ((LongColumn) t.column("big")).get(0));
    assertEquals(1e20, ((DoubleColumn) t.column("huge")).get(0));
    assertEquals(List.of(5.0, 2.5, Double.POSITIVE_INFINITY), t.doubleColumn("dec").asList());
    assertEquals(1000.0, t.doubleColumn("exp").get(0));
    assertInstanceOf(DateColumn.class, t.column("date"));
    assertInstanceOf(BooleanColumn.class, t.column("flag"));
    assertInstanceOf(StringColumn.class, t.column("yesno"));
    assertInstanceOf(StringColumn.class, t.column("code"), "Java literal syntax is text");
    assertInstanceOf(StringColumn.class, t.column("mixed"), "kept as text, and refused when used as numbers");
    IntColumn nan = t.intColumn("nan");
    assertTrue(nan.isMissing(0) && nan.isMissing(2), "NaN and NA are missing values");
    assertInstanceOf(StringColumn.class, t.column("text"), "mostly text: a categorical column");
    BadInputException e = assertThrows(BadInputException.class,
        () -> in.numericColumns(Set.of("id"), c -> "; fixes for " + c));
    assertEquals("column 'mixed' of t.csv holds numbers but row 3 has 'abc'; fixes for mixed", e.getMessage());
    assertEquals(List.of("int", "min", "big", "huge", "dec", "exp", "nan"),
        in.numericColumns(Set.of("id", "mixed"), c -> ""), "code and text are text columns, not suspects");
  }

  @Test
  void aColumnWithAsManyTextValuesAsNumbersIsText() throws IOException {
    CsvInput in = input("id,x\na,1\nb,two\nc,3\nd,four\n", CsvInput.Options.DETECT);
    in.read(Set.of("id"));
    assertEquals(List.of(), in.numericColumns(Set.of("id"), c -> ""));
  }

  // ---- item 8: pipes, FIFOs, gzip by content

  @Test
  void fifoIsReadAsAStreamAlsoGzipped() throws Exception {
    Path plain = fifo("tx.csv");
    Path gz = fifo("tx.csv.gz");
    String csv = BadInputCatalogueTest.TX;
    for (Path p : List.of(plain, gz)) {
      byte[] bytes = p == gz ? gzip(csv) : csv.getBytes(StandardCharsets.UTF_8);
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try (OutputStream o = Files.newOutputStream(p)) {
          o.write(bytes);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Path out = dir.resolve("rfm.csv");
      Files.deleteIfExists(out);
      Run r = run("rfm", "--transactions", p.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
          "--order", "InvoiceNo", "--amount", "Amount", "--out", out.toString());
      writer.get(10, TimeUnit.SECONDS);
      assertEquals(0, r.code(), p + ": " + r.err());
      assertEquals(4, Files.readAllLines(out).size(), p + ": three customers");
    }
  }

  Path fifo(String name) throws Exception {
    Path p = dir.resolve(name);
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", p.toString()).start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available");
      return null;
    }
    Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
    return p;
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  @Test
  void gzipIsRecognisedByContentWhenTheNameSaysNothing() throws IOException {
    Path p = dir.resolve("tx-from-a-pipe");
    Files.write(p, gzip(BadInputCatalogueTest.TX));
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", p.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(4, Files.readAllLines(out).size());
  }

  // ---- messages: whitespace-separated files

  @Test
  void whitespaceDelimiterReadsRunsOfSpacesAndTabsAndQuotes() throws IOException {
    Path tx = write("ws.txt", "CustomerID   InvoiceDate    Amount\n"
        + "c1           2011-01-01     10\n"
        + "\"c 2\"        2011-01-03     7\r\n"
        + "\n"
        + "   c1\t\t2011-01-05\t5   \n"
        + "\"a,\"\"b\"\"\"  2011-01-04  1\n");
    Path out = dir.resolve("rfm.csv");
    Run r = run("rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--delimiter", "whitespace", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("c1,1,2,15,")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("c 2,3,1,7,")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("\"a,\"\"b\"\"\",2,1,1,")), lines.toString());
  }

  @Test
  void whitespaceReaderKeepsLineNumbers() throws IOException {
    java.io.Reader r = new CsvInput.WhitespaceReader(new java.io.StringReader("a  b\n\n \"x\ny\" z\nq"));
    StringWriter w = new StringWriter();
    r.transferTo(w);
    assertEquals("\"a\",\"b\"\n\n\"x\ny\",\"z\"\n\"q\"", w.toString());
  }

  @Test
  void wideUnicodeIsNotMistakenForUtf8() {
    byte[] ascii = "id,x\n1,2\n".getBytes(StandardCharsets.UTF_8);
    assertNull(CsvInput.wideUnicode(ascii));
    assertNull(CsvInput.wideUnicode("Jos\u00e9,M\u00fcller,\u4e2d\u6587\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("UTF-16BE", CsvInput.wideUnicode("id,x\n".getBytes(StandardCharsets.UTF_16))[1], "Java's BOM");
  }
}
