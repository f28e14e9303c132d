package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command's outputs are written: staged together, moved into place only when all were written, and a write
 * failure is bad input that leaves no output (the catalogue covers the failures found before the work).
 */
class OutputsTest {

  @TempDir
  Path dir;

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  /** The model write fails after the segments were written: neither is left, and the older segments stay. */
  @Test
  void aLateWriteFailureLeavesNoOutputAndTheOlderOnesAsTheyWere() throws IOException {
    Path in = Files.writeString(dir.resolve("c.csv"), BadInputCatalogueTest.CUSTOMERS);
    Path out = Files.writeString(dir.resolve("out.csv"), "older segments\n");
    Path model = dir.resolve("model.json");
    BadInputException e;
    try (Outputs outputs = new Outputs().input("--customers", in).output("--out", out).output("--model", model)
        .check()) {
      outputs.write(out, w -> w.write("customer_id,segment\na,0\n"));
      e = assertThrows(BadInputException.class, () -> outputs.save(model, tmp -> {
        Files.writeString(tmp, "{\"half\":");
        throw new IOException("No space left on device");
      }));
    }
    assertEquals("cannot write " + model + ": no space left on the disk of " + dir + "; free some space or choose a "
        + "folder on another disk", e.getMessage());
    assertEquals("older segments\n", Files.readString(out));
    assertEquals(Set.of("c.csv", "out.csv"), names(dir));
  }

  @Test
  void pathsNamingOneFileAreTheSame() throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), "a");
    Files.createDirectory(dir.resolve("sub"));
    assertTrue(Outputs.same(a, dir.resolve("./a.csv")));
    assertTrue(Outputs.same(a, dir.resolve("sub/../a.csv")));
    assertTrue(Outputs.same(a, Files.createSymbolicLink(dir.resolve("folder"), dir).resolve("a.csv")));
    assertTrue(Outputs.same(a, Files.createLink(dir.resolve("hard.csv"), a)), "a hard link is the same file");
    assertTrue(Outputs.same(dir.resolve("new.csv"), dir.resolve("./new.csv")), "also before the file exists");
    assertFalse(Outputs.same(a, dir.resolve("b.csv")));
    assertFalse(Outputs.same(a, Files.writeString(dir.resolve("copy.csv"), "a")), "equal content is another file");
  }

  /** Before issue 15 the temporary name added 20 characters to the target's, so a 244-character name failed. */
  @Test
  void aLongOutputNameIsWritten() throws IOException {
    Path tx = Files.writeString(dir.resolve("tx.csv"), BadInputCatalogueTest.TX);
    Path out = dir.resolve("r".repeat(251) + ".csv");
    Run r = ClusterCommandTest.segmint(BadInputCatalogueTest.rfm(tx, dir, "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out).startsWith("customer_id,recency_days,frequency,monetary,"));
    assertEquals(Set.of("tx.csv", out.getFileName().toString()), names(dir));
  }

  /** A successful segment run moves all three outputs into place and leaves no temporary file. */
  @Test
  void segmentWritesItsThreeOutputsTogether() throws IOException {
    Path in = Files.writeString(dir.resolve("c.csv"), BadInputCatalogueTest.CUSTOMERS);
    Run r = ClusterCommandTest.segmint(BadInputCatalogueTest.segment(in, dir, "--model",
        dir.resolve("m.json").toString(), "--report", dir.resolve("r.html").toString()));
    assertEquals(0, r.code(), r.err());
    assertEquals(Set.of("c.csv", "out.csv", "m.json", "r.html"), names(dir));
    assertEquals(6, Files.readAllLines(dir.resolve("out.csv")).size());
    assertTrue(r.err().endsWith("model saved to " + dir.resolve("m.json") + System.lineSeparator() + "report written to "
        + dir.resolve("r.html") + System.lineSeparator()), r.err());
  }

  /**
   * A real full disk: a 16 KiB tmpfs holds the segments and the model but not the 24 KB report. Needs root (mount);
   * skipped elsewhere.
   */
  @Test
  void aFullDiskIsBadInputAndLeavesNothing() throws Exception {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mnt.toString()),
        "cannot mount a tmpfs here (not root)");
    try {
      Path in = Files.writeString(dir.resolve("c.csv"), BadInputCatalogueTest.CUSTOMERS);
      Path out = Files.writeString(mnt.resolve("out.csv"), "older segments\n");
      Run r = ClusterCommandTest.segmint(BadInputCatalogueTest.segment(in, mnt, "--model",
          mnt.resolve("m.json").toString(), "--report", mnt.resolve("r.html").toString()));
      assertEquals(2, r.code(), r.err());
      assertEquals("segmint: cannot write " + mnt.resolve("r.html") + ": no space left on the disk of " + mnt
          + "; free some space or choose a folder on another disk", r.err().strip());
      assertEquals(Set.of("out.csv"), names(mnt));
      assertEquals("older segments\n", Files.readString(out));
    } finally {
      assertTrue(run("umount", mnt.toString()), "umount " + mnt);
    }
  }

  private static boolean run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
