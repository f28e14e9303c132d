package dev.segmint.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a text column as a categorical feature for the mixed-data algorithms (k-prototypes, k-medoids): each level
 * becomes its code, {@code 0..L-1}, levels numbered by frequency at fit (most frequent first, ties by name), and the
 * feature goes to the categorical part of the {@link FeatureMatrix} instead of being turned into numbers. A value
 * not seen at fit becomes code {@code -1} under {@link UnknownCategory#OTHER} — the code of a missing value, which
 * matches no segment's level, so it cannot pull a customer towards any segment — and an error under {@link
 * UnknownCategory#ERROR}. O(n) fit and transform, O(L) memory; at most {@value FeatureMatrix#MAX_LEVELS} levels.
 * Missing values are rejected: impute them first (the pipeline's default).
 */
public final class LevelEncoder extends OneOutputEncoder {

  private final List<String> levels;
  private final Map<String, Integer> code;

  private LevelEncoder(String column, List<String> levels, UnknownCategory unknown) {
    super(column, unknown, "");
    this.levels = List.copyOf(levels);
    if (this.levels.isEmpty()) {
      throw new IllegalArgumentException("categorical column '" + column + "' needs at least one level");
    }
    if (this.levels.size() > FeatureMatrix.MAX_LEVELS) {
      throw new IllegalArgumentException("column '" + column + "' has " + this.levels.size() + " distinct values, more "
          + "than " + FeatureMatrix.MAX_LEVELS + "; it is not a categorical feature (an id?): leave it out or group "
          + "its levels");
    }
    this.code = new HashMap<>(this.levels.size() * 2);
    for (int i = 0; i < this.levels.size(); i++) {
      if (code.put(this.levels.get(i).strip(), i) != null) {
        throw new IllegalArgumentException("the levels of '" + column + "' list '" + this.levels.get(i)
            + "' twice; give each level once");
      }
    }
  }

  /** Learns the levels of {@code values}, most frequent first. */
  public static LevelEncoder fit(String column, String[] values, UnknownCategory unknown) {
    return new LevelEncoder(column, Categories.byFrequency(Categories.count(column, values)), unknown);
  }

  /** Rebuilds a fitted encoder from its levels, in code order. */
  public static LevelEncoder of(String column, List<String> levels, UnknownCategory unknown) {
    return new LevelEncoder(column, levels, unknown);
  }

  /** The levels in code order (most frequent at fit first). */
  public List<String> levels() {
    return levels;
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
      return -1;
    }
    throw Categories.unknown(column, v, row, levels);
  }

  @Override
  public String describe(int j) {
    return levels.size() + " levels of " + column + ", kept as categories";
  }

  @Override
  public String toString() {
    return "LevelEncoder[" + column + ": " + levels.size() + " levels, unknown=" + unknown + "]";
  }
}
