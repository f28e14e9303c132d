package dev.segmint.profile;

/**
 * Does a feature differ across the segments at all? For a numeric feature, the Kruskal–Wallis H test (with one-way
 * ANOVA beside it); for a categorical one, Pearson's χ² test of segment × level. Noise ({@code -1}) is left out.
 *
 * @param feature the feature name
 * @param test "Kruskal–Wallis" or "chi-square"
 * @param statistic H or χ²
 * @param df degrees of freedom
 * @param pValue the test's p-value
 * @param adjustedPValue Benjamini–Hochberg adjusted over the features
 * @param effectSize ε² = H / (N − 1) for Kruskal–Wallis, Cramér's V for χ²
 * @param anovaF one-way ANOVA F (NaN for categorical features)
 * @param anovaPValue its p-value (not adjusted)
 * @param etaSquared ANOVA's η² = between / total sum of squares
 */
public record FeatureTest(String feature, String test, double statistic, double df, double pValue,
    double adjustedPValue, double effectSize, double anovaF, double anovaPValue, double etaSquared) {

  /** "ε²" or "Cramér's V". */
  public String effectName() {
    return test.equals("chi-square") ? "Cramér's V" : "ε²";
  }
}
