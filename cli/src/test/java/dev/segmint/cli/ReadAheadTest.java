package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** The read-ahead stream gives the bytes of its source in order, throws its source's exceptions, and closes it. */
class ReadAheadTest {

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  /** A source that hands out at most {@code step} bytes per read and remembers whether it was closed. */
  private static final class Dribble extends InputStream {
    private final InputStream in;
    private final int step;
    volatile boolean closed;

    Dribble(byte[] b, int step) {
      this.in = new ByteArrayInputStream(b);
      this.step = step;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, Math.min(len, step));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void givesTheSameBytesWhateverTheSizesOfTheReads() throws IOException {
    int c = ReadAhead.CHUNK;
    for (int n : new int[] {0, 1, c - 1, c, c + 1, (ReadAhead.CHUNKS + 3) * c + 17}) {
      byte[] data = random(n, n);
      for (int step : new int[] {1, 7, 4096, c + 3}) {
        // the source's reads of `step` bytes, the reader's of 1, 1000 and 2 chunks + 5 bytes, in turn
        Dribble source = new Dribble(data, step);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (ReadAhead in = new ReadAhead(source)) {
          int[] sizes = {1, 1000, 2 * c + 5};
          byte[] buf = new byte[2 * c + 5];
          for (int i = 0; ; i++) {
            int size = sizes[i % sizes.length];
            if (size == 1) {
              int b = in.read();
              if (b < 0) {
                break;
              }
              got.write(b);
            } else {
              int r = in.read(buf, 0, size);
              if (r < 0) {
                break;
              }
              assertTrue(r > 0 && r <= size, "read " + r + " of " + size);
              got.write(buf, 0, r);
            }
          }
          assertEquals(-1, in.read(), "the end stays the end");
          assertEquals(0, in.read(buf, 0, 0));
        }
        assertArrayEquals(data, got.toByteArray(), "n=" + n + " step=" + step);
        assertTrue(source.closed, "the source is closed with the stream");
      }
    }
  }

  @Test
  void inflatesAGzipFileToItsBytes() throws IOException {
    byte[] data = random(3 * ReadAhead.CHUNK + 999, 42);
    try (ReadAhead in = new ReadAhead(new GZIPInputStream(new ByteArrayInputStream(gzip(data))))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void throwsTheSourcesExceptionWhereTheBytesEnd() throws IOException {
    // a gzip file cut short: the bytes before the cut, then the EOFException that GZIPInputStream throws
    byte[] data = random(2 * ReadAhead.CHUNK, 7);
    byte[] gz = gzip(data);
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    IOException direct = assertThrows(IOException.class,
        () -> new GZIPInputStream(new ByteArrayInputStream(cut)).readAllBytes());
    try (ReadAhead in = new ReadAhead(new GZIPInputStream(new ByteArrayInputStream(cut)))) {
      byte[] buf = new byte[8192];
      IOException e = assertThrows(IOException.class, () -> {
        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
          got.write(buf, 0, r);
        }
      });
      assertSame(direct.getClass(), e.getClass());
      assertTrue(e instanceof EOFException, e.toString());
    }
    byte[] part = got.toByteArray();
    assertTrue(part.length > 0 && part.length < data.length, part.length + " bytes");
    assertArrayEquals(Arrays.copyOf(data, part.length), part);

    // corrupt deflate data: the ZipException itself
    byte[] bad = gz.clone();
    for (int i = 20; i < 60; i++) {
      bad[i] = (byte) 0xff;
    }
    try (ReadAhead in = new ReadAhead(new GZIPInputStream(new ByteArrayInputStream(bad)))) {
      assertThrows(ZipException.class, in::readAllBytes);
    }
  }

  @Test
  void closingEarlyStopsTheThreadAndClosesTheSource() throws IOException {
    byte[] data = random((ReadAhead.CHUNKS + 5) * ReadAhead.CHUNK, 3);
    Dribble source = new Dribble(data, 1 << 20);
    ReadAhead in = new ReadAhead(source);
    assertEquals(data[0] & 0xff, in.read());
    in.close();
    assertTrue(in.threadEnded(), "the thread has ended when close returns");
    assertTrue(source.closed);
    assertEquals(-1, in.read());
    in.close();

    Dribble unread = new Dribble(data, 1 << 20);
    ReadAhead never = new ReadAhead(unread);
    never.close();
    assertTrue(never.threadEnded());
    assertTrue(unread.closed);
  }
}
