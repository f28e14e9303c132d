package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reader's UTF-8 check: a bad or a valid multi-byte sequence at every offset of a short ASCII line, and across
 * the end of the 64 KiB read buffer.
 */
class ByteCsvReaderUtf8Test {

  private static String[] cells(byte[] csv) throws IOException {
    ByteCsvReader.Result r = new ByteCsvReader(new ByteArrayInputStream(csv), ',').read(new boolean[] {true});
    return r.dicts()[0].strings(',');
  }

  /**
   * "h\n" then {@code len} ASCII bytes with {@code insert} at {@code at}, then "\n": letters, and a line break
   * every 100 bytes when {@code len} is more than 100 (fields stay short).
   */
  private static byte[] csv(int len, int at, byte[] insert) {
    byte[] body = new byte[len];
    Arrays.fill(body, (byte) 'a');
    for (int i = 99; len > 100 && i < len; i += 100) {
      body[i] = '\n';
    }
    byte[] out = new byte[2 + len + insert.length + 1];
    out[0] = 'h';
    out[1] = '\n';
    System.arraycopy(body, 0, out, 2, at);
    System.arraycopy(insert, 0, out, 2 + at, insert.length);
    System.arraycopy(body, at, out, 2 + at + insert.length, len - at);
    out[out.length - 1] = '\n';
    return out;
  }

  @Test
  void aBadByteAtAnyOffsetIsRefused() {
    byte[][] bad = {{(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}};
    for (byte[] b : bad) {
      for (int at = 0; at <= 40; at++) {
        byte[] in = csv(40, at, b);
        assertThrows(ByteCsvReader.NotUtf8.class, () -> cells(in), Arrays.toString(b) + " at " + at);
      }
    }
    // across the first buffer's end (65,536 bytes, header included)
    for (int at = 65_520; at <= 65_540; at++) {
      byte[] in = csv(70_000, at, new byte[] {(byte) 0x80});
      assertThrows(ByteCsvReader.NotUtf8.class, () -> cells(in), "0x80 at " + at);
    }
  }

  @Test
  void validSequencesAtAnyOffsetAreRead() throws IOException {
    String[] texts = {"é", "€", "😀"};
    for (String t : texts) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      for (int at = 0; at <= 40; at++) {
        String want = "a".repeat(at) + t + "a".repeat(40 - at);
        assertArrayEquals(new String[] {want}, cells(csv(40, at, b)), t + " at " + at);
      }
      for (int at = 65_530; at <= 65_536; at++) {
        // the cell holding the insert: the letters of its line before and after it
        int line = at / 100 * 100;
        String want = "a".repeat(at - line) + t + "a".repeat(line + 99 - at);
        assertEquals(1, Arrays.stream(cells(csv(70_000, at, b))).filter(want::equals).count(), t + " at " + at);
      }
    }
  }
}
