package dev.segmint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output rules of {@link AtomicFiles}: what is refused, what a failure leaves, and the temporary files. */
class AtomicFilesTest {

  @TempDir
  Path dir;

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void writesTheWholeFileAndLeavesNoTemporary() throws IOException {
    Path out = dir.resolve("out.csv");
    AtomicFiles.writeString(out, "a,b\n1,2\n");
    assertEquals("a,b\n1,2\n", Files.readString(out));
    AtomicFiles.writeString(out, "new\n");
    assertEquals("new\n", Files.readString(out));
    assertEquals(Set.of("out.csv"), names(dir));
  }

  @Test
  void aSymbolicLinkIsRefusedAndKept() throws IOException {
    Path real = Files.writeString(dir.resolve("real.csv"), "precious\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicFiles.writeString(link, "new\n"));
    assertEquals("cannot write " + link + ": it is a symbolic link (to " + real + "), which Segmint does not replace "
        + "or follow; give the path of the real file or remove the link", e.getMessage());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(real, Files.readSymbolicLink(link));
    assertEquals("precious\n", Files.readString(real));
    // a dangling link too: writing through it would create a file elsewhere
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));
    assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(dangling, "x"));
    assertTrue(Files.isSymbolicLink(dangling));
    assertEquals(Set.of("real.csv", "link.csv", "dangling.csv"), names(dir));
  }

  /** A FIFO first; only once the refusal is proven on it, /dev/null, which must stay a character device. */
  @Test
  void aFifoAndThenDevNullAreRefusedAndKept() throws Exception {
    Path fifo = dir.resolve("pipe.csv");
    int code;
    try {
      code = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      code = -1;
    }
    Assumptions.assumeTrue(code == 0 && Files.exists(fifo), "mkfifo is not available");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicFiles.writeString(fifo, "x"));
    assertEquals("cannot write " + fifo + ": it is a named pipe (FIFO), not a regular file, and Segmint replaces its "
        + "outputs whole; give the path of a regular file", e.getMessage());
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
    assertEquals(0010000, mode(fifo) & 0170000, "still a FIFO");
    assertEquals(Set.of("pipe.csv"), names(dir));

    Path devNull = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(devNull) && (mode(devNull) & 0170000) == 0020000, "no /dev/null device");
    // checkTarget is the first step of every write: it must refuse before write is even tried
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.checkTarget(devNull));
    assertEquals("cannot write /dev/null: it is a character device, not a regular file, and Segmint replaces its "
        + "outputs whole; give the path of a regular file", d.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(devNull, "x"));
    assertEquals(0020000, mode(devNull) & 0170000, "/dev/null is still a character device");
  }

  static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void folderRulesOneForAll() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("out.csv"));
    assertEquals("cannot write " + folder + ": it is a folder; give a file name, e.g. " + folder.resolve("out.csv"),
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(folder, "x")).getMessage());
    Path missing = dir.resolve("no/such/out.csv");
    assertEquals("cannot write " + missing + ": folder " + dir.resolve("no/such") + " does not exist; create it first",
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(missing, "x")).getMessage());
    assertFalse(Files.exists(dir.resolve("no")), "missing folders are never created");
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    Path under = file.resolve("sub/out.csv");
    assertEquals("cannot write " + under + ": " + file + " is not a folder; choose a file in an existing folder",
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(under, "x")).getMessage());
    // a symbolic link to a folder is fine as the folder of a target
    Path linked = Files.createSymbolicLink(dir.resolve("linked"), folder);
    AtomicFiles.writeString(linked.resolve("in.csv"), "ok\n");
    assertEquals("ok\n", Files.readString(folder.resolve("in.csv")));
    assertEquals(Set.of("out.csv", "plain.txt", "linked"), names(dir));
  }

  /** The temporary name no longer grows with the target's: a 255-byte name (the usual limit) can be written. */
  @Test
  void theLongestFileNameCanBeWrittenAndALongerOneIsNamed() throws IOException {
    Path longest = dir.resolve("x".repeat(251) + ".csv");
    AtomicFiles.writeString(longest, "ok\n");
    assertEquals("ok\n", Files.readString(longest));
    assertEquals(Set.of(longest.getFileName().toString()), names(dir));
    Path tooLong = dir.resolve("y".repeat(252) + ".csv");
    AtomicFiles.WriteFailedException e = assertThrows(AtomicFiles.WriteFailedException.class,
        () -> AtomicFiles.checkWritable(tooLong));
    assertEquals("cannot write " + tooLong + ": the file name is too long (256 bytes; most file systems allow 255); "
        + "choose a shorter name", e.getMessage());
    assertThrows(AtomicFiles.WriteFailedException.class, () -> AtomicFiles.writeString(tooLong, "x"));
    assertEquals(Set.of(longest.getFileName().toString()), names(dir));
  }

  /** A full disk, seen from the writer: the message names the target (not the temporary) and the fix. */
  @Test
  void aWriteFailureNamesTheTargetAndLeavesTheOldFile() throws IOException {
    Path out = Files.writeString(dir.resolve("out.csv"), "old\n");
    AtomicFiles.WriteFailedException e = assertThrows(AtomicFiles.WriteFailedException.class,
        () -> AtomicFiles.write(out, w -> {
          w.write("half");
          throw new IOException("No space left on device");
        }));
    assertEquals("cannot write " + out + ": no space left on the disk of " + dir + "; free some space or choose a "
        + "folder on another disk", e.getMessage());
    assertEquals(out, e.file());
    assertEquals("old\n", Files.readString(out));
    assertEquals(Set.of("out.csv"), names(dir));
    // a read-only disk and a permission problem, as the file system reports them
    assertEquals("cannot write " + out + ": the folder " + dir + " is on a read-only file system; choose a writable "
        + "folder", assertThrows(AtomicFiles.WriteFailedException.class, () -> AtomicFiles.write(out, w -> {
          throw new java.nio.file.FileSystemException(dir.resolve(".segmint-1-1.tmp").toString(), null,
              "Read-only file system");
        })).getMessage());
    assertEquals("cannot write " + out + ": no permission to create files in " + dir + "; choose a writable folder",
        assertThrows(AtomicFiles.WriteFailedException.class, () -> AtomicFiles.write(out, w -> {
          throw new java.nio.file.AccessDeniedException(dir.resolve(".segmint-1-1.tmp").toString());
        })).getMessage());
    // a bug in the writer is not a write failure: it propagates as it is, and nothing is left
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(out, w -> {
      throw bug;
    })));
    assertEquals("old\n", Files.readString(out));
    assertEquals(Set.of("out.csv"), names(dir));
  }

  @Test
  void aFolderWhereNoFileCanBeCreatedIsFoundBeforeTheWork() throws IOException {
    Path proc = Path.of("/proc/segmint-out.csv");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc only");
    AtomicFiles.WriteFailedException e = assertThrows(AtomicFiles.WriteFailedException.class,
        () -> AtomicFiles.checkWritable(proc));
    assertTrue(e.getMessage().startsWith("cannot write /proc/segmint-out.csv: ") && e.getMessage().contains("/proc")
        && e.getMessage().endsWith("; choose a writable folder") && !e.getMessage().contains(".segmint-"),
        e.getMessage());
    AtomicFiles.checkWritable(dir.resolve("fine.csv"));
    assertEquals(Set.of(), names(dir), "the probe leaves nothing");
  }

  /** A batch moves its files into place only when all were written: a late failure leaves every old file as it was. */
  @Test
  void aBatchCommitsAllOrNothing() throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), "old a\n");
    Path b = dir.resolve("b.json");
    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      batch.write(a, w -> w.write("new a\n"));
      assertThrows(AtomicFiles.WriteFailedException.class, () -> batch.write(b, w -> {
        throw new IOException("No space left on device");
      }));
      assertEquals("old a\n", Files.readString(a), "nothing is moved before the commit");
    }
    assertEquals("old a\n", Files.readString(a));
    assertEquals(Set.of("a.csv"), names(dir), "close removed the staged temporary");

    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      batch.write(a, w -> w.write("new a\n"));
      // a library writer (here one that itself writes atomically) saves into the staged file
      batch.save(b, tmp -> AtomicFiles.writeString(tmp, "{\"model\": 1}\n"));
      assertEquals(3, names(dir).size(), "a.csv and two staged files");
      batch.commit();
    }
    assertEquals("new a\n", Files.readString(a));
    assertEquals("{\"model\": 1}\n", Files.readString(b));
    assertEquals(Set.of("a.csv", "b.json"), names(dir));
  }

  @Test
  void twoOutputsNamingOneFileAreRefused() throws IOException {
    Path out = dir.resolve("out.csv");
    Path same = dir.resolve("x/../out.csv");
    Files.createDirectory(dir.resolve("x"));
    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      batch.write(out, w -> w.write("segments\n"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> batch.write(same, w -> w.write("model\n")));
      assertEquals("cannot write " + same + " twice in one run: " + out + " and " + same + " name the same file; give "
          + "each output its own file", e.getMessage());
      batch.commit();
    }
    assertEquals("segments\n", Files.readString(out));
    assertEquals(Set.of("out.csv", "x"), names(dir));
  }

  /** Temporaries of a killed run are removed by the next write into the folder; live and foreign files are kept. */
  @Test
  void staleTemporariesOfDeadProcessesAreRemoved() throws IOException {
    long dead = deadPid();
    long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
    Assumptions.assumeTrue(ProcessHandle.of(live).isPresent(), "no live process to test with");
    Files.writeString(dir.resolve(".segmint-" + dead + "-3.tmp"), "stale");
    Files.writeString(dir.resolve(".segmint-" + ProcessHandle.current().pid() + "-999999.tmp"), "ours, not in use");
    Files.writeString(dir.resolve(".out.csv." + dead + ".18c2f1a9b3e.tmp"), "stale, the old naming");
    Files.writeString(dir.resolve(".segmint-" + live + "-3.tmp"), "in use by another run");
    Files.writeString(dir.resolve(".notes.tmp"), "not ours");
    AtomicFiles.writeString(dir.resolve("out.csv"), "ok\n");
    assertEquals(Set.of("out.csv", ".segmint-" + live + "-3.tmp", ".notes.tmp"), names(dir));
  }

  /** A pid that belongs to no process: above Linux's largest pid_max (2^22). */
  static long deadPid() {
    long pid = 4_194_305L;
    Assumptions.assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " is in use");
    return pid;
  }

  /**
   * SIGTERM while a batch is writing its second file: the shutdown hook removes both temporary files, and the older
   * outputs stay as they were.
   */
  @Test
  void sigtermDuringAWriteLeavesNoTemporary() throws Exception {
    Assumptions.assumeTrue(!System.getProperty("os.name", "").startsWith("Windows"), "SIGTERM is a Unix signal");
    String java = ProcessHandle.current().info().command().orElse(null);
    Assumptions.assumeTrue(java != null, "cannot find the running java command");
    Files.writeString(dir.resolve("first.csv"), "old first\n");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        BlockingWriter.class.getName(), dir.toString()).redirectErrorStream(true).start();
    try {
      String line;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        line = r.readLine();
        assertEquals("writing", line, "the child must reach its blocking write");
        List<String> temps = names(dir).stream().filter(n -> n.startsWith(".segmint-")).toList();
        assertEquals(2, temps.size(), "both outputs are staged: " + names(dir));
        child.destroy();   // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child exits on SIGTERM");
      }
      assertEquals(143, child.exitValue(), "128 + SIGTERM");
      assertEquals(Set.of("first.csv"), names(dir));
      assertEquals("old first\n", Files.readString(dir.resolve("first.csv")));
    } finally {
      child.destroyForcibly();
    }
  }
}
