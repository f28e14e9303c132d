package dev.segmint.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which named segment each (R, F) score cell belongs to: rules of an R range, an F range and a segment name that
 * together cover every cell of the {@code bins × bins} grid exactly once.
 *
 * <p>{@link #defaults(int)} is the contract's table for 5 bins. For 3 and 4 bins each score s is read as the
 * quintile score {@code 1 + floor(5 · (s − 0.5) / bins)} (the quintile that holds the middle of its bucket: 3 bins
 * read as 1, 3, 5; 4 bins as 1, 2, 4, 5) and named by the contract's table, so the ten names keep their meaning.
 * {@link #of(int, List)} takes a user map (e.g. {@code segmint rfm --rfm-map FILE.csv}).
 *
 * <p>Lookup is O(1) (a precomputed grid); checking a map is O(rules · bins²).
 */
public final class RfmSegmentMap {

  /** One rule: customers with r_score in [rMin, rMax] and f_score in [fMin, fMax] are {@code segment}. */
  public record Rule(int rMin, int rMax, int fMin, int fMax, String segment) {
    public Rule {
      Objects.requireNonNull(segment, "segment");
    }

    @Override
    public String toString() {
      return "R " + range(rMin, rMax) + ", F " + range(fMin, fMax) + " → " + segment;
    }

    private static String range(int lo, int hi) {
      return lo == hi ? Integer.toString(lo) : lo + "–" + hi;
    }
  }

  private final int bins;
  private final List<Rule> rules;
  private final String[][] grid;

  private RfmSegmentMap(int bins, List<Rule> rules, String[][] grid) {
    this.bins = bins;
    this.rules = List.copyOf(rules);
    this.grid = grid;
  }

  /**
   * The default map for 3, 4 or 5 bins: the contract's ten named segments (see the class comment for 3 and 4).
   */
  public static RfmSegmentMap defaults(int bins) {
    RfmFeatures.checkBins(bins);
    List<Rule> rules = new ArrayList<>();
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        rules.add(new Rule(r, r, f, f, RfmSegment.of(quintile(r, bins), quintile(f, bins)).label()));
      }
    }
    return of(bins, rules);
  }

  /** The quintile score a score of {@code bins} buckets reads as: {@code 1 + floor(5 · (s − 0.5) / bins)}. */
  static int quintile(int score, int bins) {
    return 1 + (int) Math.floor(5 * (score - 0.5) / bins);
  }

  /**
   * A user map, checked: every range within 1..bins and not empty, every segment name non-blank, and every (R, F)
   * cell covered by exactly one rule.
   *
   * @param rules in order; messages number them from 1
   * @throws IllegalArgumentException naming the rule and value out of range, the first uncovered cell, or the
   *     first cell two rules cover
   */
  public static RfmSegmentMap of(int bins, List<Rule> rules) {
    RfmFeatures.checkBins(bins);
    Objects.requireNonNull(rules, "rules");
    String[][] grid = new String[bins + 1][bins + 1];
    int[][] owner = new int[bins + 1][bins + 1];
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      int n = i + 1;
      if (rule.segment().isBlank()) {
        throw new IllegalArgumentException("RFM segment map rule " + n + " has no segment name; name the segment");
      }
      check(n, "r", rule.rMin(), rule.rMax(), bins);
      check(n, "f", rule.fMin(), rule.fMax(), bins);
      for (int r = rule.rMin(); r <= rule.rMax(); r++) {
        for (int f = rule.fMin(); f <= rule.fMax(); f++) {
          if (owner[r][f] != 0) {
            throw new IllegalArgumentException("RFM segment map: cell R=" + r + ", F=" + f + " is covered twice, by "
                + "rule " + owner[r][f] + " (" + grid[r][f] + ") and rule " + n + " (" + rule.segment()
                + "); make the ranges not overlap");
          }
          owner[r][f] = n;
          grid[r][f] = rule.segment().strip();
        }
      }
    }
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        if (owner[r][f] == 0) {
          throw new IllegalArgumentException("RFM segment map: cell R=" + r + ", F=" + f + " is not covered by any "
              + "rule; add a rule whose ranges include it (scores are 1.." + bins + ")");
        }
      }
    }
    return new RfmSegmentMap(bins, rules, grid);
  }

  private static void check(int n, String score, int lo, int hi, int bins) {
    if (lo < 1 || hi > bins || lo > hi) {
      throw new IllegalArgumentException("RFM segment map rule " + n + ": " + score + "_min " + lo + " and " + score
          + "_max " + hi + " are not a range within 1.." + bins + " (the scores of " + bins + " bins)");
    }
  }

  /** The number of score bins the map is for. */
  public int bins() {
    return bins;
  }

  /** The rules, in order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The segment of a cell, each score in 1..bins. */
  public String segment(int r, int f) {
    if (r < 1 || r > bins || f < 1 || f > bins) {
      throw new IllegalArgumentException("RFM scores are 1.." + bins + ", got R=" + r + " F=" + f);
    }
    return grid[r][f];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RfmSegmentMap m) || m.bins != bins) {
      return false;
    }
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        if (!grid[r][f].equals(m.grid[r][f])) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = bins;
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        h = 31 * h + grid[r][f].hashCode();
      }
    }
    return h;
  }

  /** The grid, R rows from 1 to bins, F columns. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RfmSegmentMap[" + bins + " bins; " + rules.size() + " rules]\n");
    for (int r = bins; r >= 1; r--) {
      sb.append("  R=").append(r).append(':');
      for (int f = 1; f <= bins; f++) {
        sb.append(f == 1 ? " " : " | ").append(grid[r][f]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
