package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.kernel.Distances;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line prints nothing on stderr but its own messages: no logging lines (the kernel choice is printed
 * only with {@code --verbose}), no SLF4J notice, no JVM warning caused by a dependency, and no control character
 * from the data reaches the terminal raw. The first tests start the real {@code main} in a child JVM of the
 * runtime that runs the tests, as a user would; {@code .ci/run} does the same with the shaded jar on Java 17 and 25.
 */
class QuietStderrTest {

  /** The shapes of segmint's stderr lines in these runs. */
  static final Pattern OWN = Pattern.compile("^(segmint: |note: |RFM as of |Data quality: |  [a-z]|segments: |fit: |segments written to |columns: |missing values: ).*");
  /** Lines no segmint message looks like: log records, SLF4J notices, JVM warnings, stack frames. */
  static final Pattern FOREIGN = Pattern.compile("^(WARNING|INFO:|SEVERE:)|SLF4J|^[A-Z][a-z]{2} \\d{1,2}, \\d{4} "
      + "|Exception|^\\s+at ");

  static final String TX = "CustomerID,InvoiceDate,InvoiceNo,Amount\n"
      + "c1,2011-01-01,i1,10\nc1,2011-01-05,i2,5\nc2,2011-01-03,i3,7\nc3,2011-01-04,i4,-1\nc4,2011-01-02,i5,20\n"
      + "c5,2011-01-06,i6,3\nc6,2011-01-06,i7,9\n";

  @TempDir
  Path dir;

  record Proc(int code, List<String> err) {}

  /** Runs {@code segmint args} in a child JVM of this runtime, with {@code jvmFlags}. */
  Proc child(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegmintCommand.class.getName()));
    cmd.addAll(List.of(args));
    Path errFile = dir.resolve("stderr-" + System.nanoTime() + ".txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errFile.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "segmint did not finish");
    return new Proc(p.exitValue(), Files.readAllLines(errFile, StandardCharsets.UTF_8));
  }

  static void assertOnlyOwnLines(String what, List<String> lines) {
    assertTrue(!lines.isEmpty(), what + ": expected segmint's summary on stderr");
    for (String line : lines) {
      assertTrue(OWN.matcher(line).matches() && !FOREIGN.matcher(line).find(),
          () -> what + ": a stderr line that is not segmint's: '" + line + "' in " + lines);
    }
  }

  void rfmAndCluster(List<String> jvmFlags, boolean incubatorNotice) throws Exception {
    Path tx = dir.resolve("tx.csv");
    Files.writeString(tx, TX);
    Proc rfm = child(jvmFlags, "rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--order", "InvoiceNo", "--amount", "Amount", "--out", dir.resolve("rfm.csv").toString());
    Proc cluster = child(jvmFlags, "cluster", "--input", dir.resolve("rfm.csv").toString(), "--id", "customer_id",
        "--features", "recency_days,frequency,monetary", "--algorithm", "kmeans", "--k", "2", "--seed", "1",
        "--out", dir.resolve("segments.csv").toString());
    for (Proc p : List.of(rfm, cluster)) {
      assertEquals(0, p.code(), () -> String.join("\n", p.err()));
      List<String> lines = p.err();
      if (incubatorNotice) {
        // the JVM itself prints this for the flag, before any application code runs
        assertEquals("WARNING: Using incubator modules: jdk.incubator.vector", lines.get(0));
        lines = lines.subList(1, lines.size());
      }
      assertOnlyOwnLines(jvmFlags.toString(), lines);
    }
    assertTrue(rfm.err().stream().anyMatch(l -> l.startsWith("RFM as of 2011-01-07: 5 customers written to ")),
        rfm.err().toString());
    assertTrue(cluster.err().stream().anyMatch(l -> l.startsWith("segments: k-means, k = 2, seed 1, 4 restarts: 2 segments of 5 "
        + "customers")), cluster.err().toString());
  }

  /** Before: a dated two-line "INFO: Segmint distance kernels" record on every run (and SLF4J without its property). */
  @Test
  void aNormalRunPrintsOnlyItsOwnMessages() throws Exception {
    rfmAndCluster(List.of(), false);
  }

  /** Before: four sun.misc.Unsafe WARNING lines from classgraph 4.8.168 (JDK 24+), plus the INFO record. */
  @Test
  void withThePanamaKernelsOnlyTheJvmsOwnNoticeIsAdded() throws Exception {
    if (Runtime.version().feature() < 25) {
      rfmAndCluster(List.of(), false);
      return;
    }
    rfmAndCluster(List.of("--add-modules", "jdk.incubator.vector"), true);
  }

  /** The kernel choice moved to --verbose, as a segmint line. */
  @Test
  void verbosePrintsTheKernelChoice() throws IOException {
    Path tx = dir.resolve("tx.csv");
    Files.writeString(tx, TX);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(new String[] {"rfm", "--transactions", tx.toString(), "--customer", "CustomerID",
        "--timestamp", "InvoiceDate", "--amount", "Amount", "--out", dir.resolve("rfm.csv").toString(), "--verbose"},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, code, err.toString());
    String expected = "segmint: distance kernels: " + Distances.implementationName() + " ("
        + Distances.selectionReason() + ")";
    assertEquals(expected, err.toString().lines().findFirst().orElse(""));
    StringWriter quiet = new StringWriter();
    SegmintCommand.run(new String[] {"rfm", "--transactions", tx.toString(), "--customer", "CustomerID",
        "--timestamp", "InvoiceDate", "--amount", "Amount", "--out", dir.resolve("rfm2.csv").toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(quiet));
    assertTrue(!quiet.toString().contains("distance kernels"), quiet.toString());
  }

  @Test
  void controlCharactersAreEscapedAndTheRestIsKept() {
    assertEquals("a\\u001b]0;title\\u0007b", EscapingWriter.escape("a\u001b]0;title\u0007b"));
    assertEquals("\\u009b31m \\u202eevil \\u007f \\u0000", EscapingWriter.escape("\u009b31m \u202eevil \u007f \u0000"));
    assertEquals("tab\tand\nnewline, José, 客户, \u200f", EscapingWriter.escape("tab\tand\nnewline, José, 客户, \u200f"));
    StringWriter sw = new StringWriter();
    try (PrintWriter w = new PrintWriter(new EscapingWriter(sw))) {
      w.print('\u001b');
      w.print("[2J".toCharArray());
      w.write("x\u0008y", 1, 2);
    }
    assertEquals("\\u001b[2J\\u0008y", sw.toString());
  }

  /** Data printed on stdout (a category level in the profiles) is escaped the same way. */
  @Test
  void dataPrintedOnStdoutIsEscaped() throws IOException {
    Path customers = dir.resolve("c.csv");
    Files.writeString(customers, "id,x,city\na,1,Par\u001b]0;pwned\u0007is\nb,2,Lyon\nc,3,Par\u001b]0;pwned\u0007is\n"
        + "d,4,Lyon\n");
    Path labels = dir.resolve("l.csv");
    Files.writeString(labels, "customer_id,segment\na,0\nb,1\nc,0\nd,1\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(new String[] {"profile", "--input", customers.toString(), "--id", "id",
        "--labels", labels.toString()}, new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("Par\\u001b]0;pwned\\u0007is (100%)"), out.toString());
    assertTrue((out + err.toString()).chars().noneMatch(c -> c == 0x1b || c == 0x07));
  }
}
