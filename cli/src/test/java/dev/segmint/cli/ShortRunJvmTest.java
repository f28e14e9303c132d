package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which runs go to a second JVM for short runs, which JVM options go with them, and the second JVM itself: the same
 * output and exit code as one JVM, its note under {@code --verbose}, and its end when the first JVM is terminated.
 */
class ShortRunJvmTest {

  @TempDir
  Path dir;

  /** A sparse file of {@code bytes} bytes (no data written). */
  Path sized(String name, long bytes) throws IOException {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return p;
  }

  static final String[] RFM = {"--customer", "CustomerID", "--timestamp", "InvoiceDate", "--amount", "Amount",
      "--out", "out.csv"};

  static String[] args(String... parts) {
    return parts;
  }

  static String[] rfmOf(Path tx) {
    List<String> a = new ArrayList<>(List.of("rfm", "--transactions", tx.toString()));
    a.addAll(List.of(RFM));
    return a.toArray(String[]::new);
  }

  @Test
  void onlyPlainLaunchesAreForwardedWithTheirSafeOptions() {
    assertEquals(List.of(), ShortRunJvm.forwardable(args("-jar", "segmint.jar", "demo")));
    assertEquals(List.of("-Xmx2g", "-Dsegmint.preload=false", "-Xss4m", "-Xms64m"),
        ShortRunJvm.forwardable(args("-Xmx2g", "-Dsegmint.preload=false", "-Xss4m", "-Xms64m", "-jar", "s.jar", "rfm")));
    assertEquals(List.of("-Dx=1"), ShortRunJvm.forwardable(args("-cp", "a.jar:b.jar", "-Dx=1",
        "dev.segmint.cli.SegmintCommand", "-XX:+NotAnOptionOfTheJvm")));
    assertEquals(List.of(), ShortRunJvm.forwardable(args("--class-path=a.jar", "Main", "demo")));
    // chosen on purpose, or tools attached: the run stays where they are
    assertNull(ShortRunJvm.forwardable(args("-XX:TieredStopAtLevel=1", "-jar", "s.jar", "demo")));
    assertNull(ShortRunJvm.forwardable(args("-agentlib:jdwp=transport=dt_socket,server=y", "-jar", "s.jar")));
    assertNull(ShortRunJvm.forwardable(args("-javaagent:a.jar", "-jar", "s.jar")));
    assertNull(ShortRunJvm.forwardable(args("--add-modules", "jdk.incubator.vector", "-jar", "s.jar")));
    assertNull(ShortRunJvm.forwardable(args("-ea", "-jar", "s.jar")));
    assertNull(ShortRunJvm.forwardable(args("@options.txt", "-jar", "s.jar")));
    assertNull(ShortRunJvm.forwardable(args("-Xmx1g")));
    assertNull(ShortRunJvm.forwardable(args()));
  }

  /**
   * A 1,000-byte file whose last four bytes are a gzip trailer's ISIZE (the text's length), {@code magic}: whether it
   * starts with gzip's magic bytes.
   */
  Path gzipTrailer(String name, long textBytes, boolean magic) throws IOException {
    byte[] b = new byte[1000];
    if (magic) {
      b[0] = (byte) 0x1f;
      b[1] = (byte) 0x8b;
    }
    for (int i = 0; i < 4; i++) {
      b[996 + i] = (byte) (textBytes >>> (8 * i));
    }
    Path p = dir.resolve(name);
    Files.write(p, b);
    return p;
  }

  @Test
  void transactionsUpTo256MiBOfTextAreShortAndGzipCountsItsText() throws IOException {
    assertTrue(ShortRunJvm.isShort(args("demo")));
    assertTrue(ShortRunJvm.isShort(rfmOf(sized("small.csv", 48_039_726))));   // Online Retail as CSV
    assertTrue(ShortRunJvm.isShort(rfmOf(sized("limit.csv", 256L << 20))));
    assertFalse(ShortRunJvm.isShort(rfmOf(sized("over.csv", (256L << 20) + 1))));
    // gzip: the text's length from the trailer, by name or by content
    assertTrue(ShortRunJvm.isShort(rfmOf(gzipTrailer("a.csv.gz", 256L << 20, false))));
    assertFalse(ShortRunJvm.isShort(rfmOf(gzipTrailer("b.csv.gz", (256L << 20) + 1, false))));
    assertFalse(ShortRunJvm.isShort(rfmOf(gzipTrailer("gzip-without-its-name.dat", (256L << 20) + 1, true))));
    assertTrue(ShortRunJvm.isShort(rfmOf(gzipTrailer("plain.dat", (256L << 20) + 1, false))));   // 1,000 bytes of text
    // a trailer below the compressed size has wrapped (over 4 GiB of text): not short
    assertFalse(ShortRunJvm.isShort(rfmOf(gzipTrailer("huge.csv.gz", 999, false))));
    Path real = dir.resolve("real.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(real))) {
      out.write(TX.getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(ShortRunJvm.isShort(rfmOf(real)));
    assertEquals(TX.length(), CsvInput.textBytes(real));
    assertTrue(ShortRunJvm.isShort(rfmOf(dir.resolve("missing.csv"))));   // the run's own error, in either JVM
  }

  @Test
  void rowsToClusterCountTwentyTimesAndPairwiseAlgorithmsAreNeverShort() throws IOException {
    Path at = sized("at.csv", 13_421_772);   // 20 x = 268,435,440
    Path over = sized("over.csv", 13_421_773);   // 20 x = 268,435,460
    assertTrue(ShortRunJvm.isShort(args("cluster", "--input", at.toString(), "--k", "4", "--out", "o.csv")));
    assertFalse(ShortRunJvm.isShort(args("cluster", "--input", over.toString(), "--k", "4", "--out", "o.csv")));
    assertFalse(ShortRunJvm.isShort(args("segment", "--customers", over.toString(), "--out", "o.csv")));
    // the same file read, not clustered, is short
    assertTrue(ShortRunJvm.isShort(args("profile", "--input", over.toString(), "--labels", at.toString())));
    Path tiny = sized("tiny.csv", 1000);
    assertTrue(ShortRunJvm.isShort(args("cluster", "--input", tiny.toString(), "--algorithm", "KMeans", "--k", "3",
        "--out", "o.csv")));
    for (String a : List.of("hierarchical", "DBSCAN", "hdbscan", "kmedoids")) {
      assertFalse(ShortRunJvm.isShort(args("cluster", "--input", tiny.toString(), "--algorithm", a, "--out", "o.csv")),
          a);
    }
    // inputs add up: two files of 200 MB are not short
    Path big = sized("big.csv", 200L << 20);
    assertFalse(ShortRunJvm.isShort(args("measure", "--segments", big.toString(), "--responses", big.toString(),
        "--out", "o.csv")));
  }

  @Test
  void argumentsThatDoNotParseStayInThisJvm() {
    assertFalse(ShortRunJvm.isShort(args("segmnet", "--transactions", "t.csv")));
    assertFalse(ShortRunJvm.isShort(args("rfm", "--no-such-flag", "1")));
    assertFalse(ShortRunJvm.isShort(args("rfm", "--out", "a.csv", "stray")));
    assertFalse(ShortRunJvm.isShort(args("--verbose")));
  }

  // --- the second JVM, started as a user starts segmint ---

  static final String TX = "CustomerID,InvoiceDate,InvoiceNo,Amount\n"
      + "c1,2011-01-01,i1,10\nc1,2011-01-05,i2,5\nc2,2011-01-03,i3,7\nc4,2011-01-02,i5,20\nc5,2011-01-06,i6,3\n";

  record Run(int code, String out, List<String> err) {}

  /** {@code java [jvmFlags] -cp <tests' class path> SegmintCommand args} in {@link #dir}, without option variables. */
  ProcessBuilder segmint(List<String> jvmFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegmintCommand.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    return pb;
  }

  Run run(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
    Path out = dir.resolve("stdout-" + System.nanoTime());
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process p = segmint(jvmFlags, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "segmint did not finish");
    return new Run(p.exitValue(), Files.readString(out), Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  static final String NOTE = "segmint: a short run: in a second JVM with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
      + "(-Dsegmint.relaunch=false runs in one JVM)";

  @Test
  void theSecondJvmWritesWhatOneJvmWritesAndSaysSoUnderVerbose() throws Exception {
    assumeTrue(System.getProperty("java.vm.name", "").contains("Server VM"), "HotSpot only");
    Files.writeString(dir.resolve("tx.csv"), TX);
    String[] rfm = {"--verbose", "rfm", "--transactions", "tx.csv", "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--order", "InvoiceNo", "--amount", "Amount", "--out", "two.csv"};
    Run two = run(List.of(), rfm);
    assertEquals(0, two.code(), two.err().toString());
    assertEquals(NOTE, two.err().get(1), two.err().toString());
    rfm[rfm.length - 1] = "one.csv";
    Run one = run(List.of("-Dsegmint.relaunch=false"), rfm);
    assertEquals(0, one.code(), one.err().toString());
    assertFalse(one.err().contains(NOTE), one.err().toString());
    assertEquals(Files.readString(dir.resolve("one.csv")), Files.readString(dir.resolve("two.csv")));
    assertEquals(5, Files.readAllLines(dir.resolve("two.csv")).size());   // header + 4 customers
    // the same messages but the note (each run names its own output file)
    List<String> twoErr = new ArrayList<>(two.err());
    twoErr.remove(NOTE);
    twoErr.replaceAll(l -> l.replace("two.csv", "one.csv"));
    assertEquals(one.err(), twoErr);
    // a bad input's exit code comes through, with its one sentence
    Run bad = run(List.of(), "rfm", "--transactions", "nowhere.csv", "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--amount", "Amount", "--out", "x.csv");
    assertEquals(SegmintCommand.BAD_INPUT, bad.code());
    assertEquals(List.of("segmint: file not found: nowhere.csv; check the path"), bad.err());
    // a JVM option chosen on purpose keeps the run in that JVM (no note)
    Run tuned = run(List.of("-XX:+UseSerialGC"), "--verbose", "demo", "--report", "demo.html");
    assertEquals(0, tuned.code(), tuned.err().toString());
    assertFalse(tuned.err().contains(NOTE), tuned.err().toString());
    assertTrue(tuned.out().contains("customers: 4338"), tuned.out());
  }

  @Test
  void terminatingTheFirstJvmEndsTheSecond() throws Exception {
    assumeTrue(System.getProperty("java.vm.name", "").contains("Server VM"), "HotSpot only");
    Path fifo = dir.resolve("never-written.csv");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here");
      return;
    }
    assumeTrue(mk.waitFor() == 0 && Files.exists(fifo), "no named pipe here");
    // the second JVM blocks opening the pipe, which nobody writes
    Process first = segmint(List.of(), "rfm", "--transactions", fifo.toString(), "--customer", "CustomerID",
        "--timestamp", "InvoiceDate", "--amount", "Amount", "--out", "x.csv")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Optional<ProcessHandle> second = Optional.empty();
    for (int i = 0; i < 300 && second.isEmpty(); i++) {
      Thread.sleep(100);
      second = first.toHandle().children().findFirst();
    }
    assertTrue(second.isPresent(), "no second JVM started");
    assertTrue(second.get().isAlive());
    first.destroy();   // SIGTERM, as a batch system's timeout sends
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    second.get().onExit().get(30, TimeUnit.SECONDS);   // a TimeoutException fails the test
    assertFalse(second.get().isAlive());
  }
}
