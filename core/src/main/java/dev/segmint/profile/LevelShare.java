package dev.segmint.profile;

/**
 * One level of a categorical feature within a segment.
 *
 * @param level the level (as written in the data; "(missing)" for missing values)
 * @param count customers of the segment with this level
 * @param share count / segment size
 * @param populationShare the level's share among all customers
 * @param lift share / populationShare: above 1 the level is over-represented in the segment
 * @param effectSize standardised mean difference of the indicator "has this level", segment vs rest (Cohen's d
 *     with the pooled standard deviation)
 */
public record LevelShare(String level, long count, double share, double populationShare, double lift,
    double effectSize) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%s (%.0f%%)", level, 100 * share);
  }
}
