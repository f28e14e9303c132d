package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line of every real command through {@link SegmintCommand#run}: each help lists every flag the command
 * declares, {@code help CMD} is {@code CMD --help}, and each kind of usage mistake exits with 2 and one line
 * {@code segmint: <message> (see 'segmint <cmd> --help')}.
 */
class CommandLineTest {

  static List<Subcommand> commands() {
    List<Subcommand> all = new ArrayList<>();
    for (String name : SegmintCommand.SUBCOMMANDS) {
      Subcommand c = SegmintCommand.create(name);
      assertNotNull(c, name);
      assertEquals(name, c.name, "the name a command answers to is the one it declares");
      all.add(c);
    }
    return all;
  }

  /** The help line of a flag: two-space indent, -h/-V or four spaces, then --name=LABEL (or --name) and a space. */
  static Pattern lineOf(Flag<?> f) {
    String shortName = f.name.equals("--help") ? "-h, " : f.name.equals("--version") ? "-V, " : "    ";
    return Pattern.compile("(?m)^  " + Pattern.quote(shortName + f.name + (f.label == null ? "" : "=" + f.label))
        + "( +\\S.*)?$");
  }

  @Test
  void everyHelpListsEveryDeclaredFlagOnItsOwnLine() {
    for (Subcommand c : commands()) {
      Run r = Run.of(c.name, "--help");
      assertEquals(0, r.code(), r.err());
      assertEquals("", r.err());
      List<Flag<?>> flags = c.flags.all();
      assertTrue(flags.size() >= 6, c.name + ": " + flags.size());
      int previous = -1;
      for (Flag<?> f : flags) {
        java.util.regex.Matcher m = lineOf(f).matcher(r.out());
        assertTrue(m.find(), c.name + " --help lacks " + f.name + ":\n" + r.out());
        assertTrue(m.start() > previous, c.name + ": " + f.name + " out of declaration order");
        previous = m.start();
        String first = f.helpText().split(" ")[0];
        assertTrue(r.out().substring(m.start()).contains(first), c.name + " " + f.name + " without its description");
      }
      // and no line for a flag the command does not declare
      long lines = r.out().lines().filter(l -> l.matches(" {2}(-[hV], | {4})--[a-z].*")).count();
      assertEquals(flags.size(), lines, c.name + ":\n" + r.out());
    }
  }

  @Test
  void helpOfACommandIsTheCommandsOwnHelp() {
    for (String name : SegmintCommand.SUBCOMMANDS) {
      Run own = Run.of(name, "--help");
      Run viaHelp = Run.of("help", name);
      Run shortFlag = Run.of(name, "-h");
      assertEquals(0, viaHelp.code(), viaHelp.err());
      assertTrue(own.out().startsWith("Usage: segmint " + name + " "), own.out());
      assertEquals(own.out(), viaHelp.out(), name);
      assertEquals(own.out(), shortFlag.out(), name);
    }
  }

  @Test
  void helpTextsAreWrappedAt80ColumnsWithTheirDefaultsFilledIn() {
    List<String> texts = new ArrayList<>(List.of(Run.of("--help").out(), Run.of("help", "help").out()));
    for (String name : SegmintCommand.SUBCOMMANDS) {
      texts.add(Run.of(name, "--help").out());
    }
    for (String t : texts) {
      for (String line : t.lines().toList()) {
        assertTrue(line.length() <= 80, line.length() + ": " + line);
        assertFalse(line.endsWith(" "), "trailing space: '" + line + "'");
      }
      assertFalse(t.contains("${") || t.contains("%%"), t);
    }
    String cluster = Run.of("cluster", "--help").out().replaceAll("\\s+", " ");
    assertTrue(cluster.contains("--n-init=N k-means and k-prototypes seedings; the lowest cost wins (default: 4)."),
        cluster);
    assertTrue(cluster.contains("--seed=S Random seed (default: 0)."), cluster);
    assertTrue(cluster.contains("--algorithm=NAME Clustering algorithm: kmeans, kprototypes, kmedoids, dbscan, "
        + "hdbscan, hierarchical (default: kmeans;"), cluster);
    assertTrue(cluster.contains("above 5 % missing"), cluster);
    String demo = Run.of("demo", "--help").out().replaceAll("\\s+", " ");
    assertTrue(demo.contains("--report=FILE.html HTML report to write (default: segmint-demo-report.html)."), demo);
    String track = Run.of("track", "--help").out().replaceAll("\\s+", " ");
    assertTrue(track.contains("--as-of=YYYY-MM-DD As-of dates, comma-separated and increasing"), track);
  }

  @Test
  void theUsageLineShowsTheRequiredFlagsAndTheChoice() {
    assertTrue(Run.of("rfm", "--help").out().startsWith(
        "Usage: segmint rfm --transactions=FILE --customer=COL --timestamp=COL\n"
            + "                   (--amount=COL | --quantity=COL --price=COL) --out=FILE.csv\n"
            + "                   [options]\n"
            + "Compute recency, frequency, monetary value, scores and RFM segments per customer\n"));
    assertTrue(Run.of("demo", "--help").out().startsWith("Usage: segmint demo [options]\n"));
  }

  @Test
  void theTopLevelHelpListsTheCommandsInOrderWithTheirHeaders() {
    Run r = Run.of("--help");
    assertEquals(0, r.code());
    assertEquals(r.out(), Run.of().out(), "no arguments: the same help");
    assertEquals(r.out(), Run.of("help").out());
    String commands = r.out().substring(r.out().indexOf("\nCommands:\n") + 11);
    List<String> names = new ArrayList<>();
    for (String line : commands.lines().toList()) {
      if (line.matches(" {2}[a-z]+ +\\S.*")) {
        names.add(line.strip().split(" ")[0]);
      }
    }
    List<String> expected = new ArrayList<>(SegmintCommand.SUBCOMMANDS);
    expected.add("help");
    assertEquals(expected, names);
    String flat = commands.replaceAll("\\s+", "");   // wrapped lines may break after a comma
    for (Subcommand c : commands()) {
      assertTrue(flat.contains((c.name + c.header).replaceAll("\\s+", "")), c.name + ": " + commands);
    }
  }

  @Test
  void versionOnTheTopLevelAndOnEveryCommand() {
    Run top = Run.of("--version");
    assertEquals(0, top.code());
    assertTrue(top.out().matches("segmint .+\nJava .+\n"), top.out());
    for (String name : SegmintCommand.SUBCOMMANDS) {
      assertEquals(top.out(), Run.of(name, "-V").out(), name);
    }
    assertEquals(top.out(), Run.of("-V", "rfm").out());
  }

  @Test
  void helpOrVersionWinsOverMistakesInTheOtherArguments() {
    Run r = Run.of("rfm", "--no-such-flag", "--help");
    assertEquals(0, r.code(), r.err());
    assertEquals(Run.of("rfm", "--help").out(), r.out());
    assertEquals(0, Run.of("segment", "--k", "--version").code());
  }

  static void refused(String expected, String... args) {
    Run r = Run.of(args);
    assertEquals(SegmintCommand.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
    assertEquals("", r.out());
    assertEquals(expected + "\n", r.err());
  }

  @Test
  void everyKindOfUsageMistakeIsOneLineNamingTheHelpToRead() {
    refused("segmint: unknown command 'rfmm' (did you mean 'rfm'?) (see 'segmint --help')", "rfmm");
    refused("segmint: unknown command 'nosuch' (see 'segmint --help')", "help", "nosuch");
    refused("segmint: unknown option '--bogus' (see 'segmint --help')", "--bogus", "rfm");
    refused("segmint: unknown option '--k-rnage' (did you mean '--k-range'?) (see 'segmint segment --help')",
        "segment", "--k-rnage", "3..5");
    refused("segmint: --k needs a value, as in --k N|auto (see 'segmint cluster --help')", "cluster", "--input", "x",
        "--out", "y", "--k");
    refused("segmint: --k needs a value before --seed, as in --k N (see 'segmint demo --help')", "demo", "--k",
        "--seed", "1");
    refused("segmint: --k: 'abc' is not a whole number (see 'segmint demo --help')", "demo", "--k", "abc");
    refused("segmint: --discount: 'abc' is not a number (see 'segmint clv --help')", "clv", "--discount", "abc");
    refused("segmint: --seed is given twice; give it once (see 'segmint demo --help')", "demo", "--seed", "1",
        "--seed=2");
    refused("segmint: missing required flags --transactions FILE, --customer COL, --timestamp COL, (--amount COL or "
        + "--quantity COL --price COL), --out FILE.csv (see 'segmint rfm --help')", "rfm");
    refused("segmint: missing required flags --segments FILE.csv, --responses FILE.csv, --customer COL, --group COL, "
        + "--treatment V, --control V, --outcome COL, --out FILE.csv (see 'segmint measure --help')", "measure");
    refused("segmint: missing required flag --out FILE.csv (see 'segmint segment --help')", "segment",
        "--transactions", "t.csv");
    refused("segmint: --amount and --quantity are mutually exclusive: give --amount COL, or --quantity COL --price "
        + "COL (see 'segmint clv --help')", "clv", "--transactions", "t", "--customer", "c", "--timestamp", "d",
        "--amount", "a", "--quantity", "q", "--price", "p", "--out", "o");
    refused("segmint: missing required flag --price COL (with --quantity) (see 'segmint rfm --help')", "rfm",
        "--transactions", "t", "--customer", "c", "--timestamp", "d", "--quantity", "q", "--out", "o");
    refused("segmint: unexpected argument 'extra'; every value follows its flag, as in --name VALUE (see 'segmint "
        + "cluster --help')", "cluster", "--input", "x", "extra", "--out", "y");
    refused("segmint: unexpected argument 'more' (see 'segmint help --help')", "help", "rfm", "more");
    refused("segmint: --clv takes no value, not 'yes'; give --clv alone (see 'segmint segment --help')", "segment",
        "--clv=yes");
  }

  @Test
  void verboseBeforeOrAfterTheCommandPrintsTheKernelsFirst() {
    for (String[] args : List.of(new String[] {"--verbose", "rfm", "--help"}, new String[] {"rfm", "--help",
        "--verbose"})) {
      Run r = Run.of(args);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().startsWith("Usage: segmint rfm "), r.out());
      assertTrue(r.err().startsWith("segmint: distance kernels: "), r.err());
    }
    assertEquals("", Run.of("rfm", "--help").err());
  }
}
