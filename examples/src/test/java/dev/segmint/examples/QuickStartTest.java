package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the README's quick start (DocSnippetsTest checks that the README shows exactly this code). */
class QuickStartTest {

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
}
