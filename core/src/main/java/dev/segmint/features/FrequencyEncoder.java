package dev.segmint.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frequency encoding of a text column: each level becomes its share of the rows at fit ({@code count / n}), so
 * a high-cardinality column (countries, cities) becomes one number. Values not seen at fit get 0 under
 * {@link UnknownCategory#OTHER} and an error under {@link UnknownCategory#ERROR}. The fitted state is the level →
 * share map. O(n) fit and transform, O(L) memory for L levels. Missing values are rejected: impute them first.
 */
public final class FrequencyEncoder extends OneOutputEncoder {

  private final Map<String, Double> share;

  private FrequencyEncoder(String column, Map<String, Double> share, UnknownCategory unknown) {
    super(column, unknown, "_freq");
    this.share = Collections.unmodifiableMap(new LinkedHashMap<>(share));
  }

  /** Learns the share of each level in {@code values}. */
  public static FrequencyEncoder fit(String column, String[] values, UnknownCategory unknown) {
    Map<String, Integer> counts = Categories.count(column, values);
    Map<String, Double> share = new LinkedHashMap<>();
    for (String level : Categories.byFrequency(counts)) {
      share.put(level, counts.get(level) / (double) values.length);
    }
    return new FrequencyEncoder(column, share, unknown);
  }

  /** Rebuilds a fitted encoder from its plain state. */
  public static FrequencyEncoder of(String column, Map<String, Double> share, UnknownCategory unknown) {
    return new FrequencyEncoder(column, share, unknown);
  }

  /** Level → share of rows at fit, most frequent first. */
  public Map<String, Double> shares() {
    return share;
  }

  @Override
  public boolean isUnknown(String value) {
    return !share.containsKey(value.strip());
  }

  @Override
  double encode(String value, int row) {
    String v = Categories.require(column, value, row);
    Double s = share.get(v);
    if (s != null) {
      return s;
    }
    if (unknown == UnknownCategory.OTHER) {
      return 0;
    }
    throw Categories.unknown(column, v, row, share.keySet());
  }

  @Override
  public String describe(int j) {
    return "share of customers with the same " + column + " at fit";
  }

  @Override
  public String toString() {
    return "FrequencyEncoder[" + column + ": " + share.size() + " levels, unknown=" + unknown + "]";
  }
}
