package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the customer-value example; docs/value.md shows its code ({@link DocSnippetsTest}) and these numbers. */
class CustomerValueExampleTest {

  static final Path DATA = Path.of(System.getProperty("segmint.data.dir"));

  @TempDir
  Path dir;

  @Test
  void fitsPredictsChecksAndReloads() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CustomerValueExample.Result r;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      r = CustomerValueExample.run(DATA, dir.resolve("value.json"));
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(3362, r.summary().size());
    assertEquals(1949, r.model().orderValue().customers());
    assertEquals(4510.0, r.check().totalActual());
    assertEquals(3408, Math.round(r.check().totalPredicted()));
    assertTrue(out.contains("total: actual 4,510, predicted 3,408"), out);
    assertTrue(out.contains("BG/NBD (period day) on 3,362 customers"), out);
    assertArrayEquals(r.model().purchases().parameters(), r.loaded().purchases().parameters());
    assertArrayEquals(r.model().orderValue().parameters(), r.loaded().orderValue().parameters());
    assertEquals(r.summary().size(), r.predictions().clv().length);
  }
}
