package dev.segmint.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ordinal encoding of a text column with a caller-given order: the i-th level (0-based) becomes the number i,
 * e.g. education {@code Basic < 2n Cycle < Graduation < Master < PhD} → 0..4.
 *
 * <p>Fitting checks that every value in the data is one of the given levels (an unlisted value is an error
 * under {@link UnknownCategory#ERROR}) and records the most frequent level, the code given to values not in the
 * order under {@link UnknownCategory#OTHER}. O(n) fit and transform. Values are compared after stripping spaces,
 * case-sensitive. Missing values are rejected: impute them first.
 */
public final class OrdinalEncoder extends OneOutputEncoder {

  private final List<String> order;
  private final Map<String, Integer> code;
  private final String mode;

  private OrdinalEncoder(String column, List<String> order, String mode, UnknownCategory unknown) {
    super(column, unknown, "_ordinal");
    this.order = List.copyOf(order);
    if (this.order.isEmpty()) {
      throw new IllegalArgumentException("ordinal encoding of '" + column + "' needs at least one level in its order");
    }
    this.code = new HashMap<>();
    for (int i = 0; i < this.order.size(); i++) {
      String level = this.order.get(i).strip();
      if (code.put(level, i) != null) {
        throw new IllegalArgumentException("ordinal order of '" + column + "' lists '" + level + "' twice; give each level once");
      }
    }
    this.mode = mode;
  }

  /**
   * Checks {@code values} against {@code order} and learns the most frequent level.
   *
   * @param order the levels from lowest to highest
   */
  public static OrdinalEncoder fit(String column, String[] values, List<String> order, UnknownCategory unknown) {
    OrdinalEncoder check = new OrdinalEncoder(column, order, order.get(0), unknown);
    Map<String, Integer> counts = Categories.count(column, values);
    for (int i = 0; i < values.length; i++) {
      String v = values[i].strip();
      if (!check.code.containsKey(v) && unknown == UnknownCategory.ERROR) {
        throw new IllegalArgumentException("column '" + column + "' has the value '" + v + "' at row " + (i + 1)
            + ", which is not in the given order " + order + "; add it to the order or use UnknownCategory.OTHER");
      }
    }
    String mode = null;
    for (String level : Categories.byFrequency(counts)) {
      if (check.code.containsKey(level)) {
        mode = level;
        break;
      }
    }
    if (mode == null) {
      throw new IllegalArgumentException("no value of column '" + column + "' is in the given order " + order
          + " (e.g. '" + values[0].strip() + "'); check the spelling of the levels");
    }
    return new OrdinalEncoder(column, order, mode, unknown);
  }

  /** Rebuilds a fitted encoder from its plain state. */
  public static OrdinalEncoder of(String column, List<String> order, String mode, UnknownCategory unknown) {
    return new OrdinalEncoder(column, order, mode, unknown);
  }

  /** The levels, lowest first. */
  public List<String> order() {
    return order;
  }

  /** The most frequent listed level at fit (used for unknown values under {@link UnknownCategory#OTHER}). */
  public String mode() {
    return mode;
  }

  @Override
  public boolean isUnknown(String value) {
    return !code.containsKey(value.strip());
  }

  @Override
  double encode(String value, int row) {
    String v = Categories.require(column, value, row);
    Integer c = code.get(v);
    if (c != null) {
      return c;
    }
    if (unknown == UnknownCategory.OTHER) {
      return code.get(mode.strip());
    }
    throw Categories.unknown(column, v, row, order);
  }

  @Override
  public String describe(int j) {
    return "ordinal of " + column + ": " + String.join(" < ", order) + " → 0.." + (order.size() - 1);
  }

  @Override
  public String toString() {
    return "OrdinalEncoder[" + column + ": " + String.join(" < ", order) + ", unknown=" + unknown + "]";
  }
}
