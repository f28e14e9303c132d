package dev.segmint.report;

import java.util.Locale;

/**
 * Which way a feature is good for the business, so that report colours mean better or worse rather than above or
 * below average: fewer recency days is better; more orders, spend, tenure and order value are better; other
 * features have no direction and are coloured neutrally (by distance from the average only).
 */
public enum Direction {
  /** A higher value is better for the business (frequency, monetary, tenure_days, avg_order_value). */
  HIGHER_IS_BETTER,
  /** A lower value is better for the business (recency_days: fewer days since the last purchase). */
  LOWER_IS_BETTER,
  /** Neither: the colour shows only how far from the average. */
  NEUTRAL;

  /** The default direction of a feature, by its name (ignoring case): the RFM features have one, others none. */
  public static Direction defaultFor(String feature) {
    return switch (feature.toLowerCase(Locale.ROOT)) {
      case "recency_days" -> LOWER_IS_BETTER;
      case "frequency", "monetary", "tenure_days", "avg_order_value" -> HIGHER_IS_BETTER;
      default -> NEUTRAL;
    };
  }

  /**
   * How good a deviation is: {@code z} for higher-is-better, {@code −z} for lower-is-better, NaN for neutral
   * features (whose colour uses |z| only).
   */
  public double goodness(double z) {
    return switch (this) {
      case HIGHER_IS_BETTER -> z;
      case LOWER_IS_BETTER -> -z;
      case NEUTRAL -> Double.NaN;
    };
  }

  /** The CSS class of a cell with this deviation: "better", "worse" or "neutral" (|z| &lt; 0.2 counts as neutral). */
  public String cssClass(double z) {
    double g = goodness(z);
    if (Double.isNaN(g) || Math.abs(g) < 0.2) {
      return "neutral";
    }
    return g > 0 ? "better" : "worse";
  }
}
