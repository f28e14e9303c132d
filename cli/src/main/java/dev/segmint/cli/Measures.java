package dev.segmint.cli;

import dev.segmint.internal.MeasureItems;
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
   * The map of {@code --measures} ({@link MeasureItems#parse}: the form, a column twice), each column one of
   * {@code numeric} (case ignored; the map holds its name as read), the measure one of
   * {@link SegmentProfiles.Options#MEASURES} or none (case ignored); empty when the flag is not given ({@code items}
   * null).
   */
  static Map<String, String> parse(List<String> items, List<String> numeric) {
    Map<String, String> m = new LinkedHashMap<>();
    if (items == null) {
      return m;
    }
    for (Map.Entry<String, String> e : MeasureItems.parse("--measures", items).entrySet()) {
      String given = e.getKey();
      String column = numeric.stream().filter(given::equalsIgnoreCase).findFirst().orElseThrow(() ->
          new BadInputException("--measures names '" + given + "', which is not a numeric feature; the numeric "
              + "features are " + numeric));
      String measure = e.getValue().toLowerCase(Locale.ROOT);
      if (!SegmentProfiles.Options.MEASURES.contains(measure) && !measure.equals("none")) {
        throw new BadInputException("--measures says '" + given + "' measures '" + e.getValue() + "'; say one of "
            + String.join(", ", SegmentProfiles.Options.MEASURES) + ", or none");
      }
      m.put(column, measure);
    }
    return m;
  }
}
