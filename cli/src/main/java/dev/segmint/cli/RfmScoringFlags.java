package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import dev.segmint.features.RfmSegmentMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code --rfm-bins 3|4|5} and {@code --rfm-map FILE.csv} (a picocli mixin of {@code rfm}, {@code segment} and
 * {@code demo}): how RFM scores are bucketed and which (R, F) cells form which named segment. The map file has the
 * columns {@code r_min,r_max,f_min,f_max,segment}, one rule per row, covering every cell of the bins × bins grid
 * exactly once.
 */
final class RfmScoringFlags {

  @Option(names = "--rfm-bins", paramLabel = "3|4|5",
      description = "RFM score buckets: 5 quintiles (default), 4 quartiles or 3 terciles.")
  Integer bins;

  @Option(names = "--rfm-map", paramLabel = "FILE.csv",
      description = "Named RFM segments: columns r_min,r_max,f_min,f_max,segment covering every (R, F) cell once.")
  Path map;

  /** Whether the default scoring (5 bins, the contract's segments) is changed. */
  boolean any() {
    return bins != null || map != null;
  }

  /** Applies the flags to a builder (reading and checking the map file). */
  RfmFeatures.Builder apply(RfmFeatures.Builder b) throws Exception {
    if (bins != null) {
      if (bins < 3 || bins > 5) {
        throw new BadInputException("--rfm-bins must be 3, 4 or 5, not " + bins);
      }
      b.bins(bins);
    }
    if (map != null) {
      b.segmentMap(readMap(map, bins == null ? 5 : bins));
    }
    return b;
  }

  /** The map file, checked: its columns, whole-number ranges, and every cell covered once (errors name the cell). */
  static RfmSegmentMap readMap(Path file, int bins) throws Exception {
    CsvInput in = CsvInput.open(file, CsvInput.Options.DETECT);
    String[] names = {"r_min", "r_max", "f_min", "f_max", "segment"};
    String[] cols = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = in.columnOrNull(names[i]);
      if (cols[i] == null) {
        throw new BadInputException(file + " (--rfm-map) needs the columns r_min,r_max,f_min,f_max,segment; its "
            + "columns are " + in.header());
      }
    }
    Table t = in.read(in.header());
    List<RfmSegmentMap.Rule> rules = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      int[] v = new int[4];
      for (int j = 0; j < 4; j++) {
        String cell = t.column(cols[j]).isMissing(i) ? "" : t.column(cols[j]).getString(i).strip();
        if (!cell.matches("[0-9]{1,2}")) {
          throw new BadInputException(file + " (--rfm-map) row " + (i + 1) + ": " + names[j] + " must be a whole "
              + "score from 1 to " + bins + ", not '" + cell + "'");
        }
        v[j] = Integer.parseInt(cell);
      }
      String seg = t.column(cols[4]).isMissing(i) ? "" : t.column(cols[4]).getString(i);
      rules.add(new RfmSegmentMap.Rule(v[0], v[1], v[2], v[3], seg));
    }
    try {
      return RfmSegmentMap.of(bins, rules);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + " (--rfm-map): " + e.getMessage().replace("RFM segment map: ", "")
          .replace("RFM segment map rule", "row").replace("by rule", "by row").replace("and rule", "and row")
          .replace("add a rule", "add a row").replace("any rule", "any row"));
    }
  }
}
