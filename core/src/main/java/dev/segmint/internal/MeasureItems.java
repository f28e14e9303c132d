package dev.segmint.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of stated measures, {@code COLUMN=MEASURE} items, as the command line's and the Spark job's
 * {@code --measures} take them: one parser for both. The words are checked by
 * {@code SegmentProfiles.Options.withMeasures}, the columns by the caller. Internal to Segmint (not API).
 */
public final class MeasureItems {
  private MeasureItems() {}

  /**
   * Column → measure as given (spelling kept), in item order. O(items²) (a handful).
   *
   * @throws IllegalArgumentException naming {@code flag} for an item without a column or a measure around its
   *     last {@code =}, or a column named twice (case ignored)
   */
  public static Map<String, String> parse(String flag, List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException(flag + " item '" + item + "' needs the form COLUMN=MEASURE, e.g. "
            + "Monatsbeitrag=spend");
      }
      String column = item.substring(0, eq).strip();
      for (String earlier : m.keySet()) {
        if (earlier.equalsIgnoreCase(column)) {
          throw new IllegalArgumentException(flag + " names '" + earlier + "' twice; give each column one measure");
        }
      }
      m.put(column, item.substring(eq + 1).strip());
    }
    return m;
  }
}
