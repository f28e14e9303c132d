package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's read-ahead gives exactly the file's text (gunzipped when it is gzip) or nothing, and nothing
 * whenever the reader must see the file itself: a broken or misnamed gzip, a changed file, a file not named.
 */
class ReadAheadTest {

  @TempDir
  Path dir;

  @AfterEach
  void end() {
    ReadAhead.end();
  }

  private static final String CSV = "customer,when,amount\nc1,2011-01-02,3.5\nc2,2011-02-03,4\n";

  private Path gzip(String name, byte[] text) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
      o.write(text);
    }
    return f;
  }

  private static byte[] text(ReadAhead.Text t) {
    return Arrays.copyOf(t.bytes(), t.length());
  }

  @Test
  void gzipAndPlainFilesAreReadAsTheirText() throws IOException {
    byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
    Path gz = gzip("tx.csv.gz", csv);
    Path plain = Files.write(dir.resolve("cust.csv"), csv);
    ReadAhead.start(new String[] {"segment", "--transactions", gz.toString(), "--customers=" + plain, "--k", "3"});
    ReadAhead.Text a = ReadAhead.take(gz);
    ReadAhead.Text b = ReadAhead.take(plain);
    assertNotNull(a);
    assertNotNull(b);
    assertArrayEquals(csv, text(a));
    assertArrayEquals(csv, text(b));
    assertNull(ReadAhead.take(gz), "taken once");
  }

  @Test
  void aGzipLargerThanItsFirstGuessGrows() throws IOException {
    // two gzip members: the trailer's size is the second one's (10 bytes), far below the text's
    byte[] first = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
    Path f = dir.resolve("two.csv.gz");
    try (OutputStream o = Files.newOutputStream(f)) {
      for (byte[] part : new byte[][] {first, "0123456789".getBytes(StandardCharsets.US_ASCII)}) {
        java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(m)) {
          g.write(part);
        }
        o.write(m.toByteArray());
      }
    }
    ReadAhead.start(new String[] {"rfm", "--transactions", f.toString()});
    ReadAhead.Text t = ReadAhead.take(f);
    assertNotNull(t);
    assertEquals(200_010, t.length());
    assertEquals("x0123456789", new String(t.bytes(), 199_999, 11, StandardCharsets.US_ASCII));
  }

  @Test
  void whatTheReaderMustSeeItselfIsNotReadAhead() throws IOException {
    Path notGzip = Files.write(dir.resolve("plain.csv.gz"), CSV.getBytes(StandardCharsets.UTF_8));
    byte[] whole = Files.readAllBytes(gzip("whole.csv.gz", CSV.getBytes(StandardCharsets.UTF_8)));
    Path truncated = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length - 6));
    Path twice = gzip("twice.csv.gz", whole);
    Path changed = Files.write(dir.resolve("changed.csv"), CSV.getBytes(StandardCharsets.UTF_8));
    Path notNamed = Files.write(dir.resolve("other.csv"), CSV.getBytes(StandardCharsets.UTF_8));
    ReadAhead.start(new String[] {"segment", "--transactions", notGzip.toString(), "--customers", truncated.toString(),
        "--input", twice.toString(), "--input", changed.toString(), "--out", notNamed.toString()});
    Files.writeString(changed, CSV + "c3,2011-03-04,5\n");
    assertNull(ReadAhead.take(notGzip), "a .gz name on plain text: the reader's message");
    assertNull(ReadAhead.take(truncated), "a truncated gzip: the reader's message");
    assertNull(ReadAhead.take(twice), "gzip inside gzip: the reader sniffs the text");
    assertNull(ReadAhead.take(changed), "changed since the read");
    assertNull(ReadAhead.take(notNamed), "--out is not an input");
    ReadAhead.end();
    assertNull(ReadAhead.take(notNamed), "nothing started on this thread");
  }

  @Test
  void theCommandGivesTheSameMessageForABrokenGzipWithTheReadAhead() throws IOException {
    byte[] whole = Files.readAllBytes(gzip("whole.csv.gz", CSV.getBytes(StandardCharsets.UTF_8)));
    Path truncated = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length - 6));
    Run run = Run.of("rfm", "--transactions", truncated.toString(), "--customer", "customer", "--timestamp", "when",
        "--amount", "amount", "--out", dir.resolve("rfm.csv").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("segmint: " + truncated + " is not a complete gzip file although its name ends in .gz; decompress "
        + "it again or drop the .gz from the name if it is plain CSV\n", run.err());
  }
}
