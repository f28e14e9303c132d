package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    // what the README says it prints (issue 17): a name without score columns, the RFM group and its action
    assertEquals("Very frequent, very high monetary, very recent, very long-standing", richest.name());
    assertEquals("Champions", richest.rfmSegment().orElseThrow().level());
    assertEquals(69, Math.round(100 * richest.rfmSegment().orElseThrow().share()));
    assertEquals("Reward: VIP perks, early access, ask for reviews and referrals", richest.action().action());
    for (SegmentProfile s : p.segments()) {
      assertTrue(!s.name().contains("score") && !s.name().contains("rfm_code"), s.name());
    }
    assertTrue(!p.numericFeatures().contains("r_score") && !p.numericFeatures().contains("rfm_code"),
        "label columns are not averaged: " + p.numericFeatures());
  }
}
