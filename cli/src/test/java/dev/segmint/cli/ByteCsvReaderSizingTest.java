package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's arrays sized from the expected bytes: one projection after the first rows instead of growth by
 * halves, the same cells whatever the hint, and the hint read from a file's size or a gzip trailer.
 */
class ByteCsvReaderSizingTest {

  /** "id,v" then {@code rows} rows "c(i mod 97),i". */
  private static byte[] csv(int rows) {
    StringBuilder b = new StringBuilder("id,v\n");
    for (int i = 0; i < rows; i++) {
      b.append('c').append(i % 97).append(',').append(i).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static ByteCsvReader.Result read(byte[] csv, long hint) throws IOException {
    return new ByteCsvReader(new ByteArrayInputStream(csv), ',', hint).read(new boolean[] {true, true});
  }

  @Test
  void theHintSizesTheArraysOnceAndChangesNoCell() throws IOException {
    int rows = 100_000;
    byte[] csv = csv(rows);
    ByteCsvReader.Result exact = read(csv, csv.length);
    ByteCsvReader.Result none = read(csv, -1);
    ByteCsvReader.Result small = read(csv, 20_000);
    ByteCsvReader.Result huge = read(csv, 1L << 40);
    assertEquals(rows, none.rows());
    int[][] codes = {Arrays.copyOf(none.codes()[0], rows), Arrays.copyOf(none.codes()[1], rows)};
    String[][] cells = {none.dicts()[0].strings(','), none.dicts()[1].strings(',')};
    assertEquals(97, cells[0].length);
    assertEquals(rows, cells[1].length);
    for (ByteCsvReader.Result r : new ByteCsvReader.Result[] {exact, small, huge}) {
      assertEquals(rows, r.rows());
      for (int j = 0; j < 2; j++) {
        assertArrayEquals(codes[j], Arrays.copyOf(r.codes()[j], rows));
        assertArrayEquals(cells[j], r.dicts()[j].strings(','));
      }
    }
    // without a hint: 1,024 grown by halves (+16) until it holds 100,000 rows (136,972)
    long c = ByteCsvReader.FIRST_ROWS;
    while (c < rows) {
      c = c + (c >> 1) + 16;
    }
    assertEquals(c, none.codes()[1].length);
    // with the file's size: steps of at most 64 times to the projected rows plus 1/16 and 1,024 (the first rows are
    // the shortest, so the last projection, from 65,536 rows, is a little above the rows): a closer fit
    int capacity = exact.codes()[1].length;
    assertTrue(capacity >= rows && capacity <= 1.2 * rows, "capacity " + capacity);
    // a hint far above the bytes grows by MAX_STEP (64) times per step, never more
    assertTrue(huge.codes()[1].length <= ByteCsvReader.MAX_STEP * (long) rows, "" + huge.codes()[1].length);
  }

  @Test
  void theHintComesFromTheFileOrItsGzipTrailer(@TempDir Path dir) throws IOException {
    byte[] csv = csv(10_000);
    Path plain = dir.resolve("t.csv");
    Files.write(plain, csv);
    Path gz = dir.resolve("t.csv.gz");
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(z)) {
      out.write(csv);
    }
    Files.write(gz, z.toByteArray());
    assertEquals(csv.length, CsvInput.expectedBytes(CsvInput.fileSource(plain), false));
    assertEquals(csv.length, CsvInput.expectedBytes(CsvInput.fileSource(gz), true));
    assertEquals(csv.length, CsvInput.expectedBytes(CsvInput.bytesSource(z.toByteArray()), true));
    // a trailer smaller than the compressed bytes is not text's: no hint
    byte[] bogus = z.toByteArray().clone();
    for (int i = bogus.length - 4; i < bogus.length; i++) {
      bogus[i] = 0;
    }
    Path bad = dir.resolve("bad.csv.gz");
    Files.write(bad, bogus);
    assertEquals(-1, CsvInput.expectedBytes(CsvInput.fileSource(bad), true));
  }
}
