package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import dev.segmint.features.RfmSegmentMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code --rfm-bins 3|4|5} and {@code --rfm-map FILE.csv} (flags of {@code rfm}, {@code segment}, {@code track} and
 * {@code demo}): how RFM scores are bucketed and which (R, F) cells form which named segment. The map file has the
 * columns {@code r_min,r_max,f_min,f_max,segment}, one rule per row, covering every cell of the bins × bins grid
 * exactly once.
 */
final class RfmScoringFlags {

  final Flag<Integer> bins;
  final Flag<Path> map;

  /** Declares the flags into the command's set, in this order. */
  RfmScoringFlags(FlagSet flags) {
    bins = flags.integer("--rfm-bins", "3|4|5", "RFM score buckets: 5 quintiles (default), 4 quartiles or 3 terciles.");
    map = flags.path("--rfm-map", "FILE.csv",
        "Named RFM segments: columns r_min,r_max,f_min,f_max,segment covering every (R, F) cell once.");
  }

  /** Whether the default scoring (5 bins, the contract's segments) is changed. */
  boolean any() {
    return bins.given() || map.given();
  }

  /** Applies the flags to a builder (reading and checking the map file). */
  RfmFeatures.Builder apply(RfmFeatures.Builder b) throws Exception {
    Integer n = bins.get();
    if (n != null) {
      if (n < 3 || n > 5) {
        throw new BadInputException("--rfm-bins must be 3, 4 or 5, not " + n);
      }
      b.bins(n);
    }
    if (map.given()) {
      b.segmentMap(readMap(map.get(), n == null ? 5 : n));
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
