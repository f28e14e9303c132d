package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Segmint's one-pass reader ({@link CsvInput#read}) against the reader it replaced ({@link LegacyCsvRead}: Tablesaw's
 * CSV reader with every column as text, then the old typing): the same column names, types, cells and suspects, or
 * the same message, on tricky files, on the bundled data sets and when only some columns are read.
 */
class CsvReaderDifferentialTest {

  @TempDir
  Path dir;

  private static final CsvInput.Options DETECT = CsvInput.Options.DETECT;

  @Test
  void quotesDoubledQuotesAndDelimitersInQuotes() throws IOException {
    same("id,name,amount\n1,\"Smith, J\",3.5\n2,\"say \"\"hi\"\"\",4\n3,\"\"\"\",5\n4,ab\"c,6\n", Set.of("id"));
    same("id,name,amount\n1,\"Smith, J\",3.5\n2,\"say \"\"hi\"\"\",4\n", Set.of());
  }

  @Test
  void lineBreaksInQuotesWithEveryLineEnding() throws IOException {
    same("id,note,x\n1,\"two\nlines\",1\n2,\"three\r\nlines\rhere\",2\n", Set.of("note"));
    same("id,note,x\r\n1,\"two\r\nlines\",1\r\n2,\"lf\nonly\",2\r\n", Set.of("note"));
    same("id,note,x\r1,\"two\rlines\",1\r2,\"cr\r\nlf\",2\r", Set.of("note"));
  }

  @Test
  void lineEndings() throws IOException {
    same("a,b\r\n1,2\r\n3,4\r\n", Set.of());
    same("a,b\r1,2\r3,4", Set.of());
    same("a,b\n1,2\n3,4", Set.of());
    same("a,b\n1,x\ry\n3,4\n", Set.of("b"));   // a stray CR in a file of LFs is text
    same("a,b\r\n1,x\ry\r\n3,4\n5\r\n", Set.of("b"));   // in a file of CRLFs a lone LF or CR is text
    same("a,b\r1,2\n3\r4,5\r", Set.of("b"));   // in a file of CRs a lone LF is text
    same("a,b\r1,2\n3,4\r5,6\r", Set.of("b"));
    same("a,b\r1,\"2\n3\"\r4,5\r", Set.of("b"));
  }

  @Test
  void emptyCellsMissingWordsAndBlankLines() throws IOException {
    String csv = "id,n,t,d\n1,NA,NA,2020-01-01\n2,N/A,N/A,\n3,NaN,NaN,null\n4,null,null,*\n5,*,*,2020-01-02\n"
        + "6,,,\n7,\"\",\"\",NA\n\n   \n8,5,x,2020-01-03\n\"\"\n9, na ,Na,2020-01-04\n";
    same(csv, Set.of("t"));
    same(csv, Set.of());
  }

  @Test
  void aQuoteNeverClosedInTheLastRecordRunsToTheEnd() throws IOException {
    same("a,b\n1,\"2\n3,4\n", Set.of("b"));
    same("a,b\n1,\"2\n3,4", Set.of("b"));
  }

  @Test
  void quotedHeaderNames() throws IOException {
    same(" \"a\" ,b\n1,2\n", Set.of());
    same("\"a,b\",\"c\"\"d\"\n1,2\n", Set.of());
    same("\"two\nlines\",b\n1,2\n", Set.of());
    same("\" a \",b\n1,2\n", Set.of());
  }

  @Test
  void commentLinesAndLinesOfOneEmptyField() throws IOException {
    same("a,b\n1,2\n# a comment, with commas\n3,4\n#\n5,6\n", Set.of());
    same("a,b\n1,2\n #x,7\n", Set.of("a"));
    same("a\n1\n\"\"\n\n3\n", Set.of());
    same("a\n1\n  \n3\n", Set.of());
    same("a\tb\n 1 \t 2 \n\t\n3\t\t\n", Set.of());
  }

  @Test
  void byteOrderMarkAndTrailingDelimiter() throws IOException {
    same("\uFEFFid,amount\n1,2\n2,3\n", Set.of("id"));
    same("id,amount,\n1,2,\n2,3,\n", Set.of());
    same("id,amount,\n1,2,x\n2,3,\n", Set.of());
  }

  @Test
  void spacesAroundValues() throws IOException {
    String csv = "id , name,amount \n 1 , x y ,  2.5 \n2,\"  q \",3\n3,  \"quoted\"  ,4\n4,\t tab\t,5\n";
    same(csv, Set.of("id", "name"));
    same(csv, Set.of());
    same("id,name\n1,\"ab\"cd\n2,\"ab\" cd\n3,\"a\"\"b\" c \n", Set.of("name"));
  }

  @Test
  void numbersDatesTimesAndBooleans() throws IOException {
    same("w,l,big,dec,e,inf,date,dt,time,bool,mixed,yes\n"
        + "1,3000000000,99999999999999999999,1.5,1e3,Infinity,2020-01-31,2020-01-31 10:00:00,10:15,true,1,yes\n"
        + "2,-4,1,2.0,2E-2,-Infinity,2020-02-29,2020-02-01T11:30,23:59:59,FALSE,2020-01-01,no\n"
        + "-3,5,2,.5,0,1,,2011-12-09 12:50,00:00,,x,\n"
        + "+4,6,3,5.,NA,2,2021-12-31,,NA,true,3,yes\n", Set.of());
    same("d\n12/31/2020\n01/02/2021\n", Set.of());
    same("d,t\n2020-01-01 10:00,1\n2020-01-02,2\n", Set.of());
    same("n\n5.0\n6.00\n-0.0\n", Set.of());
    same("n\n-2147483648\n1\n", Set.of());
    same("n\n2147483647\n-2147483647\n", Set.of());
    same("n\n9223372036854775807\n1\n", Set.of());
    same("n\n0x1p3\n5d\n7f\n1_000\n", Set.of());
  }

  @Test
  void suspectsAndLookAlikes() throws IOException {
    same("id,amount\n1,5\n2,6\n3,n/a\n4,7\n5,n/a\n", Set.of("id"));
    same("id,amount\n1,\"12,50\"\n2,6\n3,7\n", Set.of());
    same("id,amount\n1,x\n2,y\n3,7\n4,8\n", Set.of());
    same("id,amount\n1,x\n2,7\n3,8\n4,y\n5,z\n", Set.of());
  }

  @Test
  void decimalCommaWithSemicolonsTabsAndPipes() throws IOException {
    String csv = "id;amount;price\n1;12,50;1.234,56\n2;3;4\n3;\"7,5\";8\n";
    same(csv, Set.of("id"), new CsvInput.Options(null, false, true));
    same(csv, Set.of("id"), DETECT);
    same("id\tamount\n1\t2,5\n2\t1.5\n", Set.of(), new CsvInput.Options('\t', false, true));
    same("id|amount\n1|2\n2|3\n", Set.of(), DETECT);
  }

  @Test
  void whitespaceModeAndAnotherDelimiter() throws IOException {
    same("id   amount  note\n1 2.5 \"a b, c\"\n  2\t3   x\r\n3 4 \"say \"\"hi\"\"\"\n", Set.of("note"),
        new CsvInput.Options(null, true, false));
    same("id§amount§note\n1§2§\"a§b\"\n2§3§é\n", Set.of("note"), new CsvInput.Options('§', false, false));
  }

  @Test
  void apostrophesAndUnicodeInTextColumns() throws IOException {
    same("id,name,n\n'007,'=1+2,1\n'-3,é😀ü,2\n'@x,\"'+x\",3\n", Set.of("id", "name"));
    same("id,name,n\n'007,'=1+2,1\n'-3,é😀ü,2\n", Set.of());
  }

  @Test
  void gzipAndAColumnOfAllDistinctValues() throws IOException {
    StringBuilder b = new StringBuilder("id,amount,when,tag\n");
    for (int i = 0; i < 30_000; i++) {
      b.append("c").append(i * 7919L % 100_003).append(',').append(i * 0.25).append(',')
          .append(String.format("2011-%02d-%02d %02d:%02d", 1 + i % 12, 1 + i % 28, i % 24, i % 60)).append(',')
          .append(i % 3 == 0 ? "NA" : "t" + (i % 5)).append('\n');
    }
    Path gz = dir.resolve("distinct.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    compare(gz, Set.of("id"), DETECT, null);
    compare(gz, Set.of(), DETECT, null);
    compare(gz, Set.of("id"), DETECT, List.of("amount", "ID"));
  }

  /**
   * The reader takes a field in place when it ends inside its 64 KiB buffer: a cycle of four rows (trailing spaces,
   * empty cells, a quoted delimiter, a stray line break that is text) shifted one byte at a time past the first
   * buffer boundary, so that every byte of the cycle (a CR of a CRLF among them) is once the buffer's last byte.
   */
  @Test
  void everyByteOfARowOnTheBufferBoundaryWithEveryLineEnding() throws IOException {
    int buffer = 1 << 16;
    for (String nl : List.of("\n", "\r\n", "\r")) {
      String stray = nl.equals("\r") ? "\n" : "\r";
      String cycle = "7,ab  ,1.5,t1" + nl + "12,,,\"q, 1\"" + nl + "3,nnnnn,2,x" + stray + "y" + nl + "45, z ,,t2" + nl;
      for (int k = 0; k < cycle.length(); k++) {
        StringBuilder b = new StringBuilder("id,name,amount,note").append(nl);
        b.append("1,").append("p".repeat(k)).append(",0,first").append(nl);
        while (b.length() < buffer + cycle.length()) {
          b.append(cycle);
        }
        same(b.toString(), Set.of("name", "note"));
      }
    }
  }

  @Test
  void bundledDataSets() throws IOException {
    Path data = Path.of(System.getProperty("segmint.data.dir"));
    Set<String> retailText = Set.of("InvoiceNo", "StockCode", "Description", "CustomerID", "InvoiceDate", "Country");
    compare(data.resolve("online_retail.csv.gz"), retailText, DETECT, null);
    compare(data.resolve("online_retail.csv.gz"), Set.of(), DETECT, null);
    compare(data.resolve("online_retail.csv.gz"), Set.of("CustomerID", "InvoiceDate", "InvoiceNo"), DETECT,
        List.of("CustomerID", "InvoiceDate", "InvoiceNo", "Quantity", "UnitPrice"));
    compare(data.resolve("marketing_campaign.csv.gz"), Set.of("ID"), DETECT, null);
    compare(data.resolve("marketing_campaign.csv.gz"), Set.of(), DETECT, null);
  }

  @Test
  void malformedFilesGiveTheSameMessages() throws IOException {
    sameError("a,b,c\n1,2,3\n4,5\n6,7,8\n", DETECT);
    sameError("a,b,c\n1,2,3\n4,5,6,7\n", DETECT);
    sameError("a,b\n", DETECT);
    sameError("a,b\n\n\n", DETECT);
    sameError("a,b\n1,\"" + "x".repeat(CsvInput.MAX_FIELD + 10) + "\"\n", DETECT);
    sameError("a,b\n1," + "y".repeat(CsvInput.MAX_FIELD + 1) + "\n", DETECT);
    sameError("a b\n1 2 3\n", new CsvInput.Options(null, true, false));
    byte[] latin1 = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    sameError(latin1, DETECT);
    ByteArrayOutputStream truncated = new ByteArrayOutputStream();
    truncated.write("a,b\n1,x\u00e9".getBytes(StandardCharsets.UTF_8), 0, 8);
    sameError(truncated.toByteArray(), DETECT);
  }

  @Test
  void aColumnNotReadIsNotInTheTableAndIsNotTyped() throws IOException {
    Path f = write("id,amount,junk\n1,2,x\n2,3,y\n");
    CsvInput in = CsvInput.open(f, DETECT);
    Table t = in.read(Set.of("id"), List.of("AMOUNT", "id"));
    assertEquals(List.of("id", "amount"), t.columnNames());
    assertEquals(List.of("id", "amount", "junk"), in.header());
    assertEquals(5, ((Number) t.column("amount").get(0)).intValue() + ((Number) t.column("amount").get(1)).intValue());
  }

  // ---

  private void same(String csv, Set<String> text) throws IOException {
    same(csv, text, DETECT);
  }

  private void same(String csv, Set<String> text, CsvInput.Options options) throws IOException {
    Path f = write(csv);
    compare(f, text, options, null);
    List<String> header = CsvInput.open(f, options).header();
    if (header.size() > 1) {
      compare(f, text, options, header.subList(1, header.size()));
    }
  }

  private Path write(String csv) throws IOException {
    return write(csv.getBytes(StandardCharsets.UTF_8));
  }

  private int files;

  private Path write(byte[] bytes) throws IOException {
    Path f = dir.resolve("f" + files++ + ".csv");
    Files.write(f, bytes);
    return f;
  }

  /** Compares the tables, or the messages when the old reader refuses the file. */
  private void compare(Path f, Set<String> text, CsvInput.Options options, List<String> needed) throws IOException {
    LegacyCsvRead.Result old;
    try {
      old = LegacyCsvRead.read(CsvInput.open(f, options), text, f.toString());
    } catch (BadInputException refused) {
      BadInputException now = assertThrows(BadInputException.class,
          () -> CsvInput.open(f, options).read(text, needed));
      assertEquals(refused.getMessage(), now.getMessage());
      return;
    }
    CsvInput in = CsvInput.open(f, options);
    Table now = in.read(text, needed);
    Table expected = old.table();
    if (needed != null) {
      List<String> keep = new ArrayList<>();
      for (String c : expected.columnNames()) {
        if (needed.stream().anyMatch(c::equalsIgnoreCase)) {
          keep.add(c);
        }
      }
      expected = expected.selectColumns(keep.toArray(String[]::new));
    }
    String where = f.getFileName() + " " + text + " " + needed;
    assertEquals(expected.name(), now.name(), where);
    assertEquals(expected.columnNames(), now.columnNames(), where);
    assertEquals(expected.rowCount(), now.rowCount(), where);
    for (int j = 0; j < expected.columnCount(); j++) {
      Column<?> e = expected.column(j);
      Column<?> a = now.column(j);
      assertEquals(e.type(), a.type(), where + " column " + e.name());
      for (int i = 0; i < e.size(); i++) {
        assertEquals(e.isMissing(i), a.isMissing(i), where + " column " + e.name() + " row " + i);
        assertEquals(e.get(i), a.get(i), where + " column " + e.name() + " row " + i);
      }
    }
    if (needed == null) {
      assertEquals(old.suspects(), in.suspects(), where);
    } else {
      for (String c : now.columnNames()) {
        assertEquals(old.suspects().get(c), in.suspects().get(c), where + " " + c);
      }
    }
  }

  private void sameError(String csv, CsvInput.Options options) throws IOException {
    sameError(csv.getBytes(StandardCharsets.UTF_8), options);
  }

  private void sameError(byte[] csv, CsvInput.Options options) throws IOException {
    Path f = write(csv);
    BadInputException old = assertThrows(BadInputException.class,
        () -> LegacyCsvRead.read(CsvInput.open(f, options), Set.of(), f.toString()));
    BadInputException now = assertThrows(BadInputException.class, () -> CsvInput.open(f, options).read(Set.of()));
    assertEquals(old.getMessage(), now.getMessage());
    assertTrue(now.getMessage().contains(f.toString()), now.getMessage());
  }
}
