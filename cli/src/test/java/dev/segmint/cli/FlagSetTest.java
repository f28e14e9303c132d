package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command-line parser on its own: values in both spellings, lists, defaults, switches, exclusive groups, and the
 * exact message of every kind of mistake. The flags here are a small command of their own (the real commands' flags
 * are checked through {@link SegmintCommand} in {@link CommandLineTest}).
 */
class FlagSetTest {

  /** A command with one flag of each kind, a required one, and an amount-or-quantity-and-price choice. */
  static final class Sample {
    final FlagSet flags = new FlagSet();
    final Flag<Path> input = flags.path("--input", "FILE.csv", "Input.").required();
    final Flag<String> k = flags.text("--k", "N|auto", "Segments.");
    final Flag<String> kRange = flags.text("--k-range", "MIN..MAX", "Range.");
    final Flag<Integer> nInit = flags.integer("--n-init", "N", "Seedings (default: ${DEFAULT-VALUE}).").byDefault(4);
    final Flag<Long> seed = flags.longInteger("--seed", "S", "Seed.").byDefault(0L);
    final Flag<Double> gamma = flags.decimal("--gamma", "X", "Gamma.");
    final Flag<Boolean> clv = flags.toggle("--clv", "Value.");
    final Flag<List<String>> features = flags.texts("--features", "a,b,c", "Features.");
    final Flag<List<Integer>> windows = flags.integers("--windows", "DAYS", "Windows.");
    final RfmCommand.Value value = new RfmCommand.Value(flags);
    final Flag<Path> out = flags.path("--out", "FILE.csv", "Output.").required();

    /** Parses and checks {@code args}; returns the index parsing stopped at. */
    int run(String... args) {
      int at = flags.parse(args, 0);
      flags.check();
      return at;
    }
  }

  static final String[] BASE = {"--input", "in.csv", "--amount", "Amount", "--out", "out.csv"};

  static String[] base(String... more) {
    String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
    System.arraycopy(more, 0, all, BASE.length, more.length);
    return all;
  }

  static String mistake(String... args) {
    return assertThrows(UsageException.class, () -> new Sample().run(args)).getMessage();
  }

  @Test
  void valuesAfterASpaceOrAnEqualsSignAreTheSame() {
    Sample spaced = new Sample();
    Sample joined = new Sample();
    assertEquals(6 + 8, spaced.run(base("--k", "7", "--gamma", "0.5", "--seed", "-3", "--n-init", "2")));
    assertEquals(6 + 4, joined.run(base("--k=7", "--gamma=0.5", "--seed=-3", "--n-init=2")));
    for (Sample s : List.of(spaced, joined)) {
      assertEquals(Path.of("in.csv"), s.input.get());
      assertEquals("7", s.k.get());
      assertEquals(0.5, s.gamma.get());
      assertEquals(-3L, s.seed.get());
      assertEquals(2, s.nInit.get());
      assertEquals("Amount", s.value.amount.get());
    }
  }

  @Test
  void aValueMayStartWithADashOrBeEmptyOrHoldAnEqualsSign() {
    Sample s = new Sample();
    s.run(base("--k", "-2", "--features=", "--k-range", "a=b"));
    assertEquals("-2", s.k.get());
    assertEquals(List.of(""), s.features.get());
    assertEquals("a=b", s.kRange.get());
  }

  @Test
  void defaultsHoldUntilAFlagIsGivenAndGivenTellsThemApart() {
    Sample s = new Sample();
    s.run(BASE);
    assertEquals(4, s.nInit.get());
    assertFalse(s.nInit.given());
    assertEquals(0L, s.seed.get());
    assertEquals(Boolean.FALSE, s.clv.get());
    assertNull(s.k.get());
    assertNull(s.features.get());
    assertFalse(s.k.given());
    Sample t = new Sample();
    t.run(base("--n-init", "4", "--clv"));
    assertTrue(t.nInit.given(), "given even when equal to the default");
    assertEquals(Boolean.TRUE, t.clv.get());
  }

  @Test
  void listsSplitAtCommasAndCollectRepeats() {
    Sample s = new Sample();
    s.run(base("--features", "a,b", "--windows=30,90", "--features", "c", "--windows", "7"));
    assertEquals(List.of("a", "b", "c"), s.features.get());
    assertEquals(List.of(30, 90, 7), s.windows.get());
    assertThrows(UnsupportedOperationException.class, () -> s.features.get().add("d"));
  }

  @Test
  void switchesTakeNoValueOrTrueOrFalse() {
    Sample on = new Sample();
    on.run(base("--clv=TRUE"));
    assertEquals(Boolean.TRUE, on.clv.get());
    Sample off = new Sample();
    off.run(base("--clv=false"));
    assertEquals(Boolean.FALSE, off.clv.get());
    assertTrue(off.clv.given());
    assertEquals("--clv takes no value, not 'yes'; give --clv alone", mistake(base("--clv=yes")));
    Sample next = new Sample();
    assertEquals(BASE.length + 1, next.run(base("--clv", "yes")), "a switch does not take the next argument");
  }

  @Test
  void unknownFlagsAreRefusedWithTheClosestName() {
    assertEquals("unknown option '--k-rnage' (did you mean '--k-range'?)", mistake(base("--k-rnage", "3..5")));
    assertEquals("unknown option '--sed' (did you mean '--seed'?)", mistake(base("--sed=3")));
    assertEquals("unknown option '--verbos' (did you mean '--verbose'?)", mistake(base("--verbos")));
    assertEquals("unknown option '--completely-different'", mistake(base("--completely-different")));
    assertEquals("unknown option '-xyz'", mistake(base("-xyz")));
  }

  @Test
  void aFlagOfOtherCommandsIsRefusedWithItsReason() {
    Sample s = new Sample();
    s.flags.notHere("--order", "this command counts purchase days: leave out --order");
    assertEquals("this command counts purchase days: leave out --order",
        assertThrows(UsageException.class, () -> s.run(base("--order", "InvoiceNo"))).getMessage());
    Sample t = new Sample();
    t.flags.notHere("--order", "this command counts purchase days: leave out --order");
    assertEquals("this command counts purchase days: leave out --order",
        assertThrows(UsageException.class, () -> t.run(base("--order=InvoiceNo"))).getMessage());
    // other unknown flags as before
    Sample u = new Sample();
    u.flags.notHere("--order", "no");
    assertEquals("unknown option '--ordre'", assertThrows(UsageException.class, () -> u.run(base("--ordre")))
        .getMessage().replaceAll(" \\(did you mean.*", ""));
  }

  @Test
  void aMissingValueIsNamedWithItsLabel() {
    assertEquals("--k needs a value, as in --k N|auto", mistake(base("--k")));
    assertEquals("--k needs a value before --seed, as in --k N|auto", mistake(base("--k", "--seed", "1")));
    assertEquals("--k needs a value before --seed=1, as in --k N|auto", mistake(base("--k", "--seed=1")));
    assertEquals("--k needs a value before -h, as in --k N|auto", mistake(base("--k", "-h")));
  }

  @Test
  void numbersAreCheckedWhenParsed() {
    assertEquals("--n-init: 'abc' is not a whole number", mistake(base("--n-init", "abc")));
    assertEquals("--n-init: '2.5' is not a whole number", mistake(base("--n-init=2.5")));
    assertEquals("--n-init: '2147483648' is out of range; give a whole number from -2147483648 to 2147483647",
        mistake(base("--n-init", "2147483648")));
    assertEquals("--seed: '9223372036854775808' is out of range; give a whole number from -9223372036854775808 to "
        + "9223372036854775807", mistake(base("--seed", "9223372036854775808")));
    assertEquals("--windows: 'x' is not a whole number", mistake(base("--windows", "30,x")));
    assertEquals("--gamma: '1,5' is not a number", mistake(base("--gamma", "1,5")));
    assertEquals("--gamma: '5d' is not a number", mistake(base("--gamma", "5d")), "no Java literal suffixes");
    assertEquals("--gamma: '0x1p3' is not a number", mistake(base("--gamma", "0x1p3")));
    Sample s = new Sample();
    s.run(base("--gamma", "-1.5e-3", "--seed", "9223372036854775807", "--n-init", "+7"));
    assertEquals(-1.5e-3, s.gamma.get());
    assertEquals(Long.MAX_VALUE, s.seed.get());
    assertEquals(7, s.nInit.get());
    Sample dot = new Sample();
    dot.run(base("--gamma", ".5"));
    assertEquals(0.5, dot.gamma.get(), "the CSV cells' number syntax");
    Sample nan = new Sample();
    nan.run(base("--gamma", "NaN"));
    assertTrue(nan.gamma.get().isNaN(), "NaN reaches the command, whose check names the flag");
  }

  @Test
  void aFileNameTheFileSystemCannotHoldIsAUsageMistake() {
    assertEquals("--out: 'a\u0000b' is not a file name (Nul character not allowed)", mistake("--input", "x", "--amount",
        "a", "--out", "a\u0000b"));
  }

  @Test
  void aSingleValueFlagIsGivenOnce() {
    assertEquals("--k is given twice; give it once", mistake(base("--k", "3", "--k", "4")));
    assertEquals("--clv is given twice; give it once", mistake(base("--clv", "--clv")));
  }

  @Test
  void requiredFlagsAreNamedAllAtOnceInHelpOrder() {
    assertEquals("missing required flag --out FILE.csv", mistake("--input", "x", "--amount", "a"));
    assertEquals("missing required flags --input FILE.csv, --out FILE.csv", mistake("--amount", "a"));
    assertEquals("missing required flags --input FILE.csv, (--amount COL or --quantity COL --price COL), "
        + "--out FILE.csv", mistake());
    assertEquals("missing required flag --amount COL or --quantity COL --price COL", mistake("--input", "x", "--out",
        "y"));
  }

  @Test
  void exactlyOneAlternativeOfAGroup() {
    assertEquals("--amount and --quantity are mutually exclusive: give --amount COL, or --quantity COL --price COL",
        mistake(base("--quantity", "q", "--price", "p")));
    assertEquals("--amount and --price are mutually exclusive: give --amount COL, or --quantity COL --price COL",
        mistake(base("--price", "p")));
    assertEquals("missing required flag --price COL (with --quantity)", mistake("--input", "x", "--quantity", "q",
        "--out", "y"));
    assertEquals("missing required flag --quantity COL (with --price)", mistake("--input", "x", "--price", "p",
        "--out", "y"));
    Sample s = new Sample();
    s.run("--input", "x", "--price", "p", "--quantity", "q", "--out", "y");
    assertEquals("q", s.value.quantity.get());
    assertNull(s.value.amount.get());
  }

  @Test
  void doubleDashEndsTheFlags() {
    Sample s = new Sample();
    String[] args = base("--", "--k", "3");
    assertEquals(BASE.length + 1, s.flags.parse(args, 0));
    assertFalse(s.k.given());
    assertEquals(2, new Sample().flags.parse(new String[] {"--k", "3", "rest"}, 0), "stops at an argument");
  }

  @Test
  void helpAndVersionSkipTheRequiredChecks() {
    Sample s = new Sample();
    s.run("-h");
    assertTrue(s.flags.help.get());
    Sample v = new Sample();
    v.run("--version");
    assertTrue(v.flags.version.get());
  }

  @Test
  void theDefaultReplacesItsPlaceholder() {
    assertEquals("Seedings (default: 4).", new Sample().nInit.helpText());
    assertEquals("--n-init N", new Sample().nInit.usage());
    assertEquals("--clv", new Sample().clv.usage());
  }

  @Test
  void aFlagNameIsDeclaredOnce() {
    FlagSet f = new FlagSet();
    f.text("--k", "N", "k");
    assertThrows(IllegalStateException.class, () -> f.integer("--k", "N", "k again"));
  }
}
