package dev.segmint.profile;

import java.util.Locale;

/**
 * How strongly one feature sets a segment apart from the rest: the standardised mean difference and its adjusted
 * p-value. For a categorical feature the difference is that of its most distinctive level's indicator.
 *
 * @param feature the feature name
 * @param level for a categorical feature, its most distinctive level; {@code null} for a numeric feature
 * @param effectSize signed standardised mean difference (Cohen's d), segment vs rest (see
 *     {@link NumericProfile#effectSize()} for values vs ranks)
 * @param pValue the segment-vs-rest p-value
 * @param adjustedPValue Benjamini–Hochberg adjusted p-value
 * @param phrase a few words for it, such as "very recent" or "mostly Champions"
 */
public record FeatureEffect(String feature, String level, double effectSize, double pValue, double adjustedPValue,
    String phrase) {

  /** Whether the adjusted p-value is below {@code alpha}. */
  public boolean significant(double alpha) {
    return adjustedPValue < alpha;
  }

  /** Whether this is a numeric feature. */
  public boolean numeric() {
    return level == null;
  }

  /** The magnitude words of Cohen (1988) and Sawilowsky (2009): negligible, small, medium, large, very large. */
  public static String magnitude(double d) {
    double a = Math.abs(d);
    if (Double.isNaN(a)) {
      return "undefined";
    }
    return a >= 1.2 ? "very large" : a >= 0.8 ? "large" : a >= 0.5 ? "medium" : a >= 0.2 ? "small" : "negligible";
  }

  /** For example {@code "recency_days d=-1.45 (very recent)"}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s%s d=%+.2f (%s)", feature, level == null ? "" : "=" + level, effectSize,
        phrase);
  }
}
