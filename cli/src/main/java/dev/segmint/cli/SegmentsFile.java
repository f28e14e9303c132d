package dev.segmint.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A segments file, {@code customer_id,segment} (one row per customer, -1 for noise, an empty cell for a customer
 * that is not segmented), as {@code segmint cluster}, {@code segment} and {@code assign} write it: found and checked
 * the same way by {@code profile}, {@code export} and {@code measure}. O(rows) time and memory.
 */
final class SegmentsFile {

  /** The segment of a customer whose segment cell is empty. */
  static final int NOT_SEGMENTED = Integer.MIN_VALUE;

  /** An opened segments file and the spellings of its two columns in its header. */
  record Columns(CsvInput input, String idColumn, String segmentColumn) {}

  /** The ids in file order (each once) and their segments ({@link #NOT_SEGMENTED} for an empty cell). */
  record Labels(String[] ids, int[] segments, int unsegmented) {
    /** customer id → segment, null for an empty cell. */
    Map<String, Integer> byId() {
      Map<String, Integer> out = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        out.put(ids[i], segments[i] == NOT_SEGMENTED ? null : segments[i]);
      }
      return out;
    }
  }

  private SegmentsFile() {}

  /** Opens {@code file} and finds its customer_id and segment columns, or says which columns it has instead. */
  static Columns open(Path file) throws IOException {
    CsvInput in = CsvInput.open(file, CsvInput.Options.DETECT);
    String id = in.columnOrNull("customer_id");
    String segment = in.columnOrNull("segment");
    if (id == null || segment == null) {
      throw new BadInputException(file + " needs the columns customer_id,segment (as segmint cluster writes them); "
          + "its columns are " + in.header());
    }
    return new Columns(in, id, segment);
  }

  /**
   * Reads the customers and their segments as whole numbers ≥ -1. Refuses a row without a customer id, a customer
   * twice, a segment that is not a whole number ≥ -1 and a file without customer rows, naming the row and value.
   */
  static Labels read(Path file) throws IOException {
    Columns c = open(file);
    Table t = c.input().read(Set.of(c.idColumn(), c.segmentColumn()));
    StringColumn idCells = t.stringColumn(c.idColumn());
    StringColumn segmentCells = t.stringColumn(c.segmentColumn());
    int n = t.rowCount();
    if (n == 0) {
      throw new BadInputException(file + " has a header but no customer rows");
    }
    String[] ids = new String[n];
    int[] segments = new int[n];
    int unsegmented = 0;
    Map<String, Integer> rowOf = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      if (idCells.isMissing(i) || idCells.get(i).isEmpty()) {
        throw new BadInputException(file + " has no customer_id at row " + (i + 1) + "; every row needs one");
      }
      ids[i] = idCells.get(i);
      Integer previous = rowOf.put(ids[i], i + 1);
      if (previous != null) {
        throw new BadInputException("customer " + ids[i] + " appears twice in " + file + " (rows " + previous + " and "
            + (i + 1) + "); give each customer one segment");
      }
      String cell = segmentCells.isMissing(i) ? "" : segmentCells.get(i).strip();
      if (cell.isEmpty()) {
        segments[i] = NOT_SEGMENTED;
        unsegmented++;
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v == Math.rint(v)) || v < -1 || v > Integer.MAX_VALUE - 1) {
        throw new BadInputException("segment '" + cell + "' of customer " + ids[i] + " in " + file + " (row "
            + (i + 1) + ") is not a whole number ≥ -1; segments are 0, 1, 2, … and -1 for noise");
      }
      segments[i] = (int) v;
    }
    return new Labels(ids, segments, unsegmented);
  }
}
