package dev.segmint.features;

/**
 * The named RFM segments, from the recency score R and frequency score F (1–5 each), covering all 25 cells:
 *
 * <pre>
 *   R 5    F 4–5  Champions            R 1–2  F 5    Can't Lose Them
 *   R 3–4  F 4–5  Loyal Customers      R 1–2  F 3–4  At Risk
 *   R 4–5  F 2–3  Potential Loyalists  R 1–2  F 1–2  Hibernating
 *   R 5    F 1    New Customers        R 3    F 3    Need Attention
 *   R 4    F 1    Promising            R 3    F 1–2  About To Sleep
 * </pre>
 */
public enum RfmSegment {
  CHAMPIONS("Champions"),
  LOYAL_CUSTOMERS("Loyal Customers"),
  POTENTIAL_LOYALISTS("Potential Loyalists"),
  NEW_CUSTOMERS("New Customers"),
  PROMISING("Promising"),
  NEED_ATTENTION("Need Attention"),
  ABOUT_TO_SLEEP("About To Sleep"),
  CANT_LOSE_THEM("Can't Lose Them"),
  AT_RISK("At Risk"),
  HIBERNATING("Hibernating");

  private final String label;

  RfmSegment(String label) {
    this.label = label;
  }

  /** The segment's display name, e.g. "Can't Lose Them". */
  public String label() {
    return label;
  }

  /** The segment of a recency score and a frequency score, each 1–5. */
  public static RfmSegment of(int r, int f) {
    if (r < 1 || r > 5 || f < 1 || f > 5) {
      throw new IllegalArgumentException("RFM scores are 1..5, got R=" + r + " F=" + f);
    }
    if (r <= 2) {
      return f == 5 ? CANT_LOSE_THEM : f >= 3 ? AT_RISK : HIBERNATING;
    }
    if (f >= 4) {
      return r == 5 ? CHAMPIONS : LOYAL_CUSTOMERS;
    }
    if (r == 3) {
      return f == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
    }
    if (f >= 2) {
      return POTENTIAL_LOYALISTS;
    }
    return r == 5 ? NEW_CUSTOMERS : PROMISING;
  }

  /** The segment whose display name is {@code label}. */
  public static RfmSegment ofLabel(String label) {
    for (RfmSegment s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown RFM segment '" + label + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
