package dev.segmint.profile;

import java.util.List;

/**
 * One categorical feature within one segment: every level's count, share and lift, and the test of the segment's
 * level distribution against the rest's (Pearson χ², segment vs rest × levels).
 *
 * @param feature the feature name
 * @param levels all levels seen in the population, most common in the population first
 * @param pValue p-value of the χ² test segment vs rest
 * @param adjustedPValue Benjamini–Hochberg adjusted over all segment-vs-rest tests of the profiles
 */
public record CategoricalProfile(String feature, List<LevelShare> levels, double pValue, double adjustedPValue) {

  public CategoricalProfile {
    levels = List.copyOf(levels);
  }

  /** The most common level in the segment (ties: the one more common in the population). */
  public LevelShare top() {
    LevelShare best = levels.get(0);
    for (LevelShare l : levels) {
      if (l.count() > best.count()) {
        best = l;
      }
    }
    return best;
  }

  /**
   * The level whose share differs most from the rest (largest |effect size|); on a tie — always the case with two
   * levels, whose shares move together — the level the segment has more of ("more web" rather than "fewer store"),
   * then population order. Effects within 10⁻¹² (relative) count as tied, so rounding cannot break a tie.
   */
  public LevelShare distinctive() {
    LevelShare best = levels.get(0);
    for (LevelShare l : levels) {
      double a = abs(l.effectSize());
      double b = abs(best.effectSize());
      boolean tied = Math.abs(a - b) <= 1e-12 * Math.max(a, b);
      if (tied ? l.effectSize() > 0 && !(best.effectSize() > 0) : a > b) {
        best = l;
      }
    }
    return best;
  }

  /** The share of one level in the segment (0 when absent). */
  public double share(String level) {
    for (LevelShare l : levels) {
      if (l.level().equals(level)) {
        return l.share();
      }
    }
    return 0;
  }

  private static double abs(double v) {
    return Double.isNaN(v) ? -1 : Math.abs(v);
  }
}
