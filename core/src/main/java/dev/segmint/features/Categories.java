package dev.segmint.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the categorical encoders: level counting and the messages they share. */
final class Categories {
  private Categories() {}

  /** Level counts in first-seen order; missing (null or blank) values are rejected with the row named. */
  static Map<String, Integer> count(String column, String[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("column '" + column + "' has no rows; an encoder needs at least one value to fit");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      counts.merge(require(column, values[i], i), 1, Integer::sum);
    }
    return counts;
  }

  /** The stripped value, or an error for a missing one. */
  static String require(String column, String value, int row) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("column '" + column + "' has a missing value at row " + (row + 1)
          + "; impute it first (e.g. CategoricalFeature.withImputeMode() or withImputeConstant(\"unknown\"))");
    }
    return value.strip();
  }

  /** Levels sorted by count (descending), ties by name. */
  static List<String> byFrequency(Map<String, Integer> counts) {
    List<String> levels = new ArrayList<>(counts.keySet());
    levels.sort((a, b) -> {
      int c = Integer.compare(counts.get(b), counts.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    return levels;
  }

  static IllegalArgumentException unknown(String column, String value, int row, Collection<String> known) {
    return new IllegalArgumentException("column '" + column + "' has the value '" + value + "' at row " + (row + 1)
        + ", which was not seen when the encoder was fitted (known: " + known + "); map it to a known level, refit, "
        + "or fit with UnknownCategory.OTHER");
  }
}
