package dev.segmint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command in a second JVM started with options for short runs, and returns its exit code.
 *
 * <p>Why: a run of about a second on one or two cores spends much of its CPU in the JVM's optimising compiler (C2)
 * and in profiled code waiting for it; such a run is 15–35 % faster with {@link #OPTIONS} (measured on 2 vCPUs:
 * {@code segment} on Online Retail 0.98 → 0.70 s, on four times that file 2.3 → 1.95 s, {@code demo} 1.85 → 1.20 s).
 * Clustering that runs for many seconds is faster with C2 ({@code --k auto} on 100,000 × 16 rows: 7.5 → 8.9 s
 * without it). {@code java -jar} cannot set JVM options, so the command line decides from its arguments, before
 * anything is read, and starts {@code java} again when the run {@link #isShort is short}: 60–70 ms and 44 MB of a
 * first JVM against 0.2–0.6 s saved. The results are the same either way (no option changes a computed value).
 *
 * <p>It stays in this JVM when {@code -Dsegmint.relaunch=false} is given, when the JVM was started with options other
 * than {@code -D}, {@code -Xmx}, {@code -Xms} and {@code -Xss} (options chosen on purpose, agents and debuggers are
 * respected: the run stays where they are), when {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or
 * {@code _JAVA_OPTIONS} is set (the JVM would announce it twice), on a JVM other than HotSpot, where the operating
 * system does not report the JVM's own arguments ({@link ProcessHandle.Info#arguments()} empty, as it can be on
 * Windows), and when the second JVM cannot be started. The second JVM inherits the standard streams, the working directory and the environment; the
 * first one only waits, forwards its termination, and exits with the second one's code. With {@code --verbose} the
 * second JVM says so on stderr.
 */
final class ShortRunJvm {
  private ShortRunJvm() {}

  /** The JVM options of the second JVM: C1 only (no C2, no profiling tier), and the serial collector. */
  static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  /** {@code -Dsegmint.relaunch=false} keeps every run in the first JVM. */
  static final String PROPERTY = "segmint.relaunch";
  /** Set in the second JVM, so that it runs the command itself. */
  static final String CHILD = "segmint.relaunched";

  /**
   * The largest estimated work of a short run, in bytes of CSV read: a file that is read and aggregated counts its
   * bytes of text (a gzip file those its trailer gives, {@link CsvInput#textBytes}), a file whose rows are clustered
   * counts {@link #CLUSTERED_WEIGHT} times that. Chosen from measured crossovers on 2 vCPUs: reading and aggregating 198 MB
   * of transactions is still 15 % faster without C2; clustering 30,000 × 16 rows (4.8 MB) is a tie, 100,000 × 16
   * rows (16 MB) with {@code --k auto} is 18 % slower.
   */
  static final long SHORT_WORK = 256L << 20;
  /** How much more work a byte of rows to cluster is than a byte of rows to aggregate, about. */
  static final int CLUSTERED_WEIGHT = 20;
  /** Algorithms whose time grows faster than the rows (pairwise distances, medoid swaps): never a short run. */
  static final Set<String> PAIRWISE = Set.of("hierarchical", "dbscan", "hdbscan", "kmedoids");
  /** The flags that name files a command reads. */
  static final List<String> INPUTS = List.of("--transactions", "--customers", "--input", "--segments",
      "--responses", "--labels", "--previous", "--model");

  /**
   * Runs {@code args} in a second JVM when that is worth it and allowed (see the class comment).
   *
   * @return the second JVM's exit code, or -1 when the command is to run in this JVM
   */
  static int runIfShort(String[] args) {
    if ("false".equals(System.getProperty(PROPERTY)) || System.getProperty(CHILD) != null
        || System.getenv("JAVA_TOOL_OPTIONS") != null || System.getenv("JDK_JAVA_OPTIONS") != null
        || System.getenv("_JAVA_OPTIONS") != null
        || !System.getProperty("java.vm.name", "").contains("Server VM")) {
      return -1;
    }
    Optional<String[]> launched = ProcessHandle.current().info().arguments();
    List<String> forwarded = launched.isPresent() ? forwardable(launched.get()) : null;
    Path java = java();
    if (forwarded == null || java == null || !isShort(args)) {
      return -1;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(OPTIONS);
    cmd.addAll(forwarded);   // after OPTIONS: a user's -Xmx and properties win
    cmd.add("-D" + CHILD + "=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SegmintCommand.class.getName());
    cmd.addAll(List.of(args));
    Stopper stopper = new Stopper();
    Runtime.getRuntime().addShutdownHook(stopper);   // before the start: a termination at any time reaches the child
    Process child;
    try {
      child = stopper.start(new ProcessBuilder(cmd).inheritIO());
    } catch (IOException | RuntimeException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook finds no child
      }
      return -1;   // nothing has run yet: run here
    }
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // the main thread is not interrupted by anyone but a debugger; keep waiting for the child
      }
    }
  }

  /**
   * The shutdown hook that terminates the second JVM when this one is terminated (SIGTERM, a batch system's timeout)
   * while it runs. Starting and stopping hold one lock, so a termination during the start waits for the process and
   * stops it.
   */
  private static final class Stopper extends Thread {
    private Process child;

    Stopper() {
      super("segmint-relaunch-stop");
    }

    synchronized Process start(ProcessBuilder builder) throws IOException {
      child = builder.start();
      return child;
    }

    @Override
    public synchronized void run() {
      if (child != null && child.isAlive()) {
        child.destroy();
        try {
          child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** This JVM's {@code java} launcher, or null when there is none to run. */
  private static Path java() {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    for (String name : List.of("java", "java.exe")) {
      Path p = bin.resolve(name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The JVM options of this process's command line ({@code launched}: the launcher's arguments) to give the second
   * JVM, or null when one of them is not known to be safe to give twice or to drop: only {@code -D}, {@code -Xmx},
   * {@code -Xms} and {@code -Xss} are forwarded; the class path is this JVM's; options end at {@code -jar} or the
   * main class.
   */
  static List<String> forwardable(String[] launched) {
    List<String> forwarded = new ArrayList<>();
    for (int i = 0; i < launched.length; i++) {
      String a = launched[i];
      if (a.equals("-jar") || !a.startsWith("-")) {
        return a.startsWith("@") ? null : forwarded;   // @argfiles may hold any option
      }
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        i++;
      } else if (a.startsWith("--class-path=")) {
        continue;
      } else if (a.startsWith("-D") || a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")) {
        forwarded.add(a);
      } else {
        return null;
      }
    }
    return null;   // no -jar and no main class: not a command line this class understands
  }

  /**
   * Whether the command line {@code args} is a short run: a command whose algorithm is not {@link #PAIRWISE} and
   * whose input files add up to at most {@link #SHORT_WORK} of estimated work. Arguments that do not parse are not
   * a short run (this JVM prints the usage error). Reads only the files' sizes.
   */
  static boolean isShort(String[] args) {
    Subcommand command;
    try {
      FlagSet top = new FlagSet();
      int at = top.parse(args, 0);
      command = at < args.length ? SegmintCommand.create(args[at]) : null;
      if (command == null || command.flags.parse(args, at + 1) < args.length) {
        return false;
      }
    } catch (UsageException e) {
      return false;
    }
    return work(command) <= SHORT_WORK;
  }

  /** The estimated work of the parsed {@code command} in bytes of CSV (see {@link #SHORT_WORK}). */
  static long work(Subcommand command) {
    Flag<?> algorithm = command.flags.find("--algorithm");
    if (algorithm != null && algorithm.given()
        && PAIRWISE.contains(String.valueOf(algorithm.get()).toLowerCase(Locale.ROOT))) {
      return Long.MAX_VALUE;
    }
    long work = 0;
    for (String name : INPUTS) {
      Flag<?> f = command.flags.find(name);
      if (f != null && f.given() && f.get() instanceof Path file) {
        boolean clustered = (command.name.equals("cluster") && name.equals("--input"))
            || (command.name.equals("segment") && name.equals("--customers"));
        work = add(work, saturated(textBytes(file), clustered ? CLUSTERED_WEIGHT : 1));
      }
    }
    return work;
  }

  /** A file's bytes of text; 0 when it is missing or unreadable (the run's own message, in either JVM). */
  private static long textBytes(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return 0;
      }
      long bytes = CsvInput.textBytes(file);
      return bytes < 0 ? Long.MAX_VALUE : bytes;   // more than a gzip trailer can count: not short
    } catch (IOException e) {
      return 0;
    }
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static long saturated(long bytes, int factor) {
    return bytes < 0 || bytes > Long.MAX_VALUE / factor ? Long.MAX_VALUE : bytes * factor;
  }
}
