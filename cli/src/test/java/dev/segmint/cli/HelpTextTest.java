package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrapping and the flag table of the help, against lines laid out by hand. */
class HelpTextTest {

  @Test
  void wrapsAtSpacesAndAfterCommasOfNameListsButNotInsideNumbers() {
    // "> Writes " and the list up to avg_order_value, would be 81 characters; the second line is exactly 80
    String text = "Writes customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,r_score,f_score "
        + "and reads 12,50 as 12.5 or 1.234,56 as 1234.56 with --decimal-comma.";
    assertEquals("""
        > Writes customer_id,recency_days,frequency,monetary,tenure_days,
          avg_order_value,r_score,f_score and reads 12,50 as 12.5 or 1.234,56 as 1234.56
          with --decimal-comma.
        """, HelpText.wrap(text, "> ", "  "));
    assertEquals("x\n", HelpText.wrap("  x  ", "", ""));
  }

  @Test
  void theDescriptionColumnFollowsTheLongestShortNameAndLongOnesGetTheirOwnLine() {
    FlagSet f = new FlagSet();
    Flag<String> a = f.text("--id", "COL", "Id column.");
    Flag<String> b = f.text("--timestamp-format", "PATTERN", "Pattern of the timestamps, which is a long text that "
        + "must wrap here.");
    Flag<Boolean> c = f.toggle("--checks", "Checks.");
    // the longest --name=LABEL up to 20 characters is --id=COL and --checks (8): descriptions at 6 + 8 + 3 = 17,
    // continuation lines at 19; 17 + 62 characters fill the first line to 79, " here." would pass 80
    assertEquals("""
              --id=COL   Id column.
              --timestamp-format=PATTERN
                         Pattern of the timestamps, which is a long text that must wrap
                           here.
              --checks   Checks.
        """, HelpText.flagLines(List.of(a, b, c)));
  }

  @Test
  void aNameLongerThanTheColumnIsNeverJoinedToItsDescriptionByOneSpace() {
    FlagSet f = new FlagSet();
    Flag<String> a = f.text("--transactions", "FILE", "Transactions.");
    Flag<String> b = f.text("--returns", "exclude|net", "Returns.");
    // --transactions=FILE (19) puts descriptions at 28; --returns=exclude|net (21) ends at 27: one space short of two
    assertEquals("""
              --transactions=FILE   Transactions.
              --returns=exclude|net
                                    Returns.
        """, HelpText.flagLines(List.of(a, b)));
  }
}
