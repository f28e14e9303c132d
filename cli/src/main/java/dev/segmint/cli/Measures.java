package dev.segmint.cli;

import dev.segmint.profile.SegmentProfiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --measures COL=MEASURE,…} of {@code segment} and {@code profile}: what numeric columns measure for the
 * segments' actions, where their names do not say it in English ({@link SegmentProfiles.Options#withMeasures}).
 */
final class Measures {
  private Measures() {}

  static final String HELP = "What numeric columns measure, for the segments' actions, where their names do not "
      + "say it in English, e.g. Monatsbeitrag=spend,Besuche=frequency. Measures: "
      + String.join(", ", SegmentProfiles.Options.MEASURES) + ", or none (the column decides no action).";

  /**
   * The map of {@code --measures}: each item {@code COLUMN=MEASURE}, the column one of {@code numeric} (case
   * ignored; the map holds its name as read), the measure one of {@link SegmentProfiles.Options#MEASURES} or none;
   * empty when the flag is not given ({@code items} null).
   */
  static Map<String, String> parse(List<String> items, List<String> numeric) {
    Map<String, String> m = new LinkedHashMap<>();
    if (items == null) {
      return m;
    }
    for (String item : items) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new BadInputException("--measures item '" + item + "' needs the form COLUMN=MEASURE, e.g. "
            + "Monatsbeitrag=spend");
      }
      String given = item.substring(0, eq).trim();
      String measure = item.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      String column = numeric.stream().filter(given::equalsIgnoreCase).findFirst().orElseThrow(() ->
          new BadInputException("--measures names '" + given + "', which is not a numeric feature; the numeric "
              + "features are " + numeric));
      if (!SegmentProfiles.Options.MEASURES.contains(measure) && !measure.equals("none")) {
        throw new BadInputException("--measures says '" + given + "' measures '" + item.substring(eq + 1).trim()
            + "'; say one of " + String.join(", ", SegmentProfiles.Options.MEASURES) + ", or none");
      }
      if (m.put(column, measure) != null) {
        throw new BadInputException("--measures names '" + column + "' twice; give each column one measure");
      }
    }
    return m;
  }
}
