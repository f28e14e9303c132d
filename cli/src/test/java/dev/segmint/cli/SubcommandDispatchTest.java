package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of one subcommand builds only that subcommand's picocli model; everything else (help, typos, options
 * before the subcommand) sees all of them, as before.
 */
class SubcommandDispatchTest {

  @Test
  void topLevelHelpListsEverySubcommandInOrder() {
    Run r = Run.of("--help");
    assertEquals(0, r.code(), r.err());
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    List<String> names = commands.lines().skip(1).filter(l -> l.matches("  [a-z]+ .*"))
        .map(l -> l.strip().split(" ")[0]).toList();
    assertEquals(List.of("demo", "rfm", "cluster", "profile", "segment", "assign", "track", "measure", "export",
        "clv", "help"), names);
  }

  @Test
  void helpOfASubcommandAndASubcommandsOwnHelpAgree() {
    Run viaHelp = Run.of("help", "rfm");
    Run own = Run.of("rfm", "--help");
    assertEquals(0, viaHelp.code(), viaHelp.err());
    assertEquals(0, own.code(), own.err());
    assertTrue(own.out().startsWith("Usage: segmint rfm "), own.out());
    assertEquals(own.out(), viaHelp.out());
  }

  @Test
  void verboseWorksBeforeAndAfterTheSubcommand() {
    for (String[] args : List.of(new String[] {"--verbose", "rfm", "--help"}, new String[] {"rfm", "--verbose", "--help"})) {
      Run r = Run.of(args);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().startsWith("Usage: segmint rfm "), r.out());
    }
  }

  @Test
  void anUnknownSubcommandIsRefusedNamingTheTopLevelHelp() {
    Run r = Run.of("rfmm");
    assertEquals(SegmintCommand.BAD_INPUT, r.code());
    assertEquals("segmint: Unmatched argument at index 0: 'rfmm' (see 'segmint --help')", r.err().strip());
  }

  @Test
  void anUnknownOptionOfASubcommandNamesThatSubcommandsHelp() {
    Run r = Run.of("rfm", "--no-such-flag");
    assertEquals(SegmintCommand.BAD_INPUT, r.code());
    assertTrue(r.err().strip().endsWith("(see 'segmint rfm --help')"), r.err());
  }
}
