package dev.segmint.cli;

import dev.segmint.internal.Names;
import dev.segmint.profile.SegmentAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * {@code --actions FILE.csv}: the user's action per named RFM group, columns {@code rfm_segment,action}, one row per
 * group. Each row replaces the default action of its group; groups not listed keep theirs. Checked before any
 * work: both columns present, every row with a known group (the ten named RFM groups, and the groups of the
 * input's {@code rfm_segment} column, such as those of an {@code --rfm-map}) and an action, no group twice.
 */
final class ActionsFile {
  private ActionsFile() {}

  /**
   * Reads and checks the file.
   *
   * @param extraGroups further known group names (e.g. the levels of the input's rfm_segment column)
   * @return group (as spelled in the known groups) → action, in file order
   */
  static Map<String, String> read(Path file, Collection<String> extraGroups) throws Exception {
    CsvInput in = CsvInput.open(file, CsvInput.Options.DETECT);
    String groupColumn = in.columnOrNull("rfm_segment");
    String actionColumn = in.columnOrNull("action");
    if (groupColumn == null || actionColumn == null) {
      throw new BadInputException(file + " (--actions) needs the columns rfm_segment,action; its columns are "
          + in.header());
    }
    Table t = in.read(in.header());
    Set<String> known = new LinkedHashSet<>(SegmentAction.RFM_ACTIONS.keySet());
    known.addAll(extraGroups);
    Map<String, String> byLower = new HashMap<>();
    for (String g : known) {
      byLower.putIfAbsent(g.toLowerCase(Locale.ROOT), g);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < t.rowCount(); i++) {
      int row = i + 1;
      String g = t.column(groupColumn).isMissing(i) ? "" : t.column(groupColumn).getString(i).strip();
      String a = t.column(actionColumn).isMissing(i) ? "" : t.column(actionColumn).getString(i).strip();
      if (g.isEmpty()) {
        throw new BadInputException(file + " (--actions) row " + row + " has no rfm_segment; name one RFM group per "
            + "row, e.g. Champions");
      }
      String group = byLower.get(g.toLowerCase(Locale.ROOT));
      if (group == null) {
        throw new BadInputException(file + " (--actions) row " + row + " names RFM group '" + g + "', which is not "
            + "known" + Names.suggestion(g, new ArrayList<>(known)) + "; groups are " + String.join(", ", known));
      }
      if (a.isEmpty()) {
        throw new BadInputException(file + " (--actions) row " + row + " gives no action for " + group
            + "; write the action or leave the row out");
      }
      Integer prev = rowOf.put(group, row);
      if (prev != null) {
        throw new BadInputException(file + " (--actions) names RFM group " + group + " twice (rows " + prev + " and "
            + row + "); keep one row per group");
      }
      out.put(group, a);
    }
    if (out.isEmpty()) {
      throw new BadInputException(file + " (--actions) has no rows; give one row rfm_segment,action per group to "
          + "change");
    }
    return out;
  }

  /** The distinct non-empty values of a text column, or none when the table lacks it. */
  static List<String> levels(Table t, String column) {
    Set<String> s = new LinkedHashSet<>();
    if (column != null && t.containsColumn(column)) {
      for (int i = 0; i < t.rowCount(); i++) {
        if (!t.column(column).isMissing(i)) {
          s.add(t.column(column).getString(i));
        }
      }
    }
    return new ArrayList<>(s);
  }
}
