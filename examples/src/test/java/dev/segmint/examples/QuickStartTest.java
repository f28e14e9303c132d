package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the README's quick start and checks that the README shows exactly this code. */
class QuickStartTest {

  static final Path ROOT = Path.of(System.getProperty("segmint.data.dir")).getParent();

  @Test
  void quickStartSegmentsAllCustomers() throws Exception {
    SegmentProfiles p = QuickStart.run(Path.of(System.getProperty("segmint.data.dir")));
    assertEquals(5, p.size());
    assertEquals(4338, p.customers());
    long sum = 0;
    for (SegmentProfile s : p.segments()) {
      sum += s.size();
    }
    assertEquals(4338, sum);
    // the most valuable segment by mean monetary is also the most frequent one
    SegmentProfile richest = p.segments().stream().max((a, b) -> Double.compare(a.mean("monetary"), b.mean("monetary")))
        .orElseThrow();
    SegmentProfile busiest = p.segments().stream().max((a, b) -> Double.compare(a.mean("frequency"), b.mean("frequency")))
        .orElseThrow();
    assertEquals(richest.segment(), busiest.segment());
  }

  @Test
  void readmeShowsTheCompiledExample() throws Exception {
    String source = Files.readString(ROOT.resolve("examples/src/main/java/dev/segmint/examples/QuickStart.java"));
    Matcher m = Pattern.compile("// README:start\\n(.*?)\\s*// README:end", Pattern.DOTALL).matcher(source);
    assertTrue(m.find());
    String readme = Files.readString(ROOT.resolve("README.md"));
    String snippet = m.group(1).stripIndent().strip();
    assertTrue(readme.contains(snippet), "README.md must contain the QuickStart snippet verbatim:\n" + snippet);
  }
}
