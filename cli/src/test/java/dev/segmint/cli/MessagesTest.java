package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, messages on the command line: settings are named by their flags, never by Java calls; customers dropped
 * for their dates have their own reason; summary lines list at most 20 segment sizes.
 */
class MessagesTest {

  /** Java API words that used to reach the command line. */
  static final Pattern JAVA_WORDS = Pattern.compile("timestampFormat|purchasesInLastDays|ModelFile\\.read|asOf\\b|"
      + "[a-z]+[A-Z][A-Za-z]*\\(");

  @TempDir
  Path dir;

  int files;


  static Run segmint(String... args) {
    return Run.of(args);
  }

  String[] rfm(String transactions, String... more) throws Exception {
    Path tx = Files.writeString(dir.resolve("tx" + (files++) + ".csv"), transactions);
    String[] base = {"rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate",
        "--amount", "Amount", "--out", dir.resolve("rfm.csv").toString()};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void settingsAreNamedByTheirFlags() throws Exception {
    String tx = "CustomerID,InvoiceDate,Amount\nc1,2011-01-01,10\nc2,2011-01-03,7\n";
    for (String[] args : new String[][] {
        rfm(tx.replace("2011-01-01", "day 1").replace("2011-01-03", "day 3")),
        rfm(tx, "--purchases-in-last", "0"),
        rfm(tx.replace("2011-01-03", "2999-01-03")),
        rfm(tx, "--timestamp-format", "dd/MM")}) {
      Run r = segmint(args);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("segmint: ") && !JAVA_WORDS.matcher(r.err()).find(), r.err());
    }
    Path big = dir.resolve("big.json");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(300_000_000L);
    }
    Run r = segmint("assign", "--model", big.toString(), "--input", dir.resolve("tx0.csv").toString(), "--out",
        dir.resolve("a.csv").toString());
    assertEquals("segmint: model file " + big + " is 300000000 bytes, over the limit of 268435456 bytes; is it really "
        + "a Segmint model?", r.err().strip());
  }

  /** Before: counted as "customer has no purchases (only returns or zero amounts)". */
  @Test
  void customersDroppedForTheirDatesHaveTheirOwnReason() throws Exception {
    Run r = segmint(rfm("CustomerID,InvoiceDate,Amount\nc1,2011-01-01,10\nc2,01/03/2011,7\nc3,2011-01-04,-2\n"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("  customer has no row with a readable timestamp +1 customers  "
        + "e\\.g\\. c2")), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("  customer has no purchases \\(only returns or zero amounts\\) "
        + "+1 customers \\(0 rows\\)  e\\.g\\. c3")), r.err());
  }

  /** Before: one line listing every size (300 KB for 100,000 segments). */
  @Test
  void summaryLinesListAtMostTwentySizes() throws Exception {
    StringBuilder sb = new StringBuilder("id,x\n");
    for (int i = 0; i < 3000; i++) {
      sb.append('c').append(i).append(',').append(i).append('\n');
    }
    Path in = Files.writeString(dir.resolve("many.csv"), sb);
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "dbscan", "--eps", "0.0001",
        "--min-pts", "1", "--out", dir.resolve("out.csv").toString());
    assertEquals(0, r.code(), r.err());
    String line = r.err().lines().filter(l -> l.startsWith("segments: DBSCAN, ")).findFirst().orElseThrow();
    assertTrue(line.contains("3000 segments of 3,000 customers [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, … 2,980 more]"),
        line);
    assertTrue(line.length() < 300, line);
  }
}
