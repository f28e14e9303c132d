package dev.segmint.profile;

import java.util.List;
import java.util.Map;

/**
 * What one segment is, in the original units of its features: size, share of all customers, the mean of each
 * numeric feature and, for each categorical feature, its most common level with that level's share inside the
 * segment. Immutable.
 *
 * @param segment the segment label ({@code -1} for noise)
 * @param size number of customers in the segment
 * @param share size / all customers, in [0, 1]
 * @param means numeric feature name → mean over the segment's customers, in column order
 * @param topLevels categorical feature name → the segment's most common level and its share
 */
public record SegmentProfile(int segment, long size, double share, Map<String, Double> means,
    Map<String, Level> topLevels) {

  /** A categorical level and its share within the segment. */
  public record Level(String value, double share) {
    @Override
    public String toString() {
      return String.format("%s (%.0f%%)", value, 100 * share);
    }
  }

  public SegmentProfile {
    means = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(means));
    topLevels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topLevels));
  }

  /** The mean of a numeric feature. */
  public double mean(String feature) {
    Double v = means.get(feature);
    if (v == null) {
      throw new IllegalArgumentException("no numeric feature '" + feature + "' in this profile; features are "
          + List.copyOf(means.keySet()));
    }
    return v;
  }
}
