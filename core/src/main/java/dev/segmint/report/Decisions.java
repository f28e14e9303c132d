package dev.segmint.report;

import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import java.util.ArrayList;
import java.util.List;

/** The lines every report starts with: per segment its name, size, share, action and facts in plain words. */
final class Decisions {
  private Decisions() {}

  static final String HEADING = "Segments and what to do";

  /** The short glossary of the statistics that follow the decisions, one entry per line. */
  static final List<String> GLOSSARY = List.of(
      "d: how far the segment sits from the other customers, in standard deviations (Cohen's d; 0.2 small, 0.5 "
          + "medium, 0.8 large, 1.2 very large; + above, − below)",
      "lift: a level's share in the segment divided by its share among all customers (2 = twice as common)",
      "p adj: the segment-vs-rest p-value after the Benjamini–Hochberg adjustment over all tests, which keeps the "
          + "expected share of false findings below the significance level");

  /** "0  Very lapsed, … — 1,160 customers (26.7%) — Low-cost reactivation … — bought 1.2 times on average, …". */
  static List<String> lines(SegmentProfiles p) {
    List<String> out = new ArrayList<>();
    for (SegmentProfile s : p.segments()) {
      out.add(String.format("%-5s %s", s.label(), s.decision()));
    }
    return out;
  }
}
