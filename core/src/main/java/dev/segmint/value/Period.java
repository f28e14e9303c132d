package dev.segmint.value;

import java.util.Locale;

/**
 * The time unit of the customer-value model: recency, T and the BG/NBD rate parameter α are in this unit.
 * Purchases are always counted on distinct days; {@link #WEEK} divides the day counts by 7, as in the CDNOW
 * analyses of Fader, Hardie and Lee (2005), where t_x and T are fractional weeks.
 */
public enum Period {
  /** Days (the default). */
  DAY(1),
  /** Weeks of 7 days; recency and T may be fractional. */
  WEEK(7);

  private final int days;

  Period(int days) {
    this.days = days;
  }

  /** The days in one unit: 1 or 7. */
  public int days() {
    return days;
  }

  /** {@code day} or {@code week}, as the command line writes it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The period for {@code day} or {@code week} (any case).
   *
   * @throws IllegalArgumentException for anything else, naming the value and the choices
   */
  public static Period parse(String text) {
    for (Period p : values()) {
      if (p.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException("period '" + text + "' is not known; use day or week");
  }
}
