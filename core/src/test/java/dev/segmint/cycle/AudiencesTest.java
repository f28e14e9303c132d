package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cycle.Audiences.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class AudiencesTest {

  private static final List<String> NAMES = List.of("Champions", "At Risk", "Hibernating");
  private static final List<String> ACTIONS = List.of("Reward", "Win back", "Suppress");

  @Test
  void oneTableHasTheContractColumnsSortedBySegmentInInputOrder() {
    Audiences a = Audiences.of(new String[] {"c1", "c2", "c3", "c4", "c5"}, new int[] {1, 0, -1, 1, 2}, NAMES, ACTIONS);
    assertEquals("customer_id,segment,segment_name,action\n"
        + "c2,0,Champions,Reward\n"
        + "c1,1,At Risk,Win back\n"
        + "c4,1,At Risk,Win back\n"
        + "c5,2,Hibernating,Suppress\n", a.toCsv());
    assertEquals(1, a.noiseCount());
    assertFalse(a.hasStatus());
    assertTrue(a.toString().contains("noise (segment -1) left out: 1 customers"), a.toString());
  }

  @Test
  void oneTablePerSegmentNamedByNumberAndSlug() {
    Audiences a = Audiences.of(new String[] {"c1", "c2", "c3"}, new int[] {1, 0, 1}, NAMES, ACTIONS);
    Map<String, Table> files = a.perSegment();
    assertEquals(List.of("segment-0-champions.csv", "segment-1-at-risk.csv"), List.copyOf(files.keySet()));
    Table risk = files.get("segment-1-at-risk.csv");
    assertEquals(List.of("customer_id", "segment", "segment_name", "action"), risk.columnNames());
    assertEquals(List.of("c1", "c3"), risk.stringColumn("customer_id").asList());
  }

  /**
   * Hand-made: previous export A→0, B→1, C→1, D→2; now A→0 (stayed), B→0 (moved: entered 0, left 1), C→1 (stayed),
   * D gone (left 2), E new in 2 (entered), F noise now and was in 0 (left 0).
   */
  @Test
  void statusAgainstAPreviousExportFollowsTheContract() {
    Table previous = Table.create("prev", StringColumn.create("customer_id", "A", "B", "C", "D", "F"),
        IntColumn.create("segment", 0, 1, 1, 2, 0),
        StringColumn.create("segment_name", "Old Champions", "Old Risk", "Old Risk", "Old Hib", "Old Champions"),
        StringColumn.create("action", "r0", "r1", "r1", "r2", "r0"));
    Audiences now = Audiences.of(new String[] {"A", "B", "C", "E", "F"}, new int[] {0, 0, 1, 2, -1}, NAMES, ACTIONS);
    Audiences delta = now.against(Audiences.fromTable(previous));
    assertEquals("customer_id,segment,segment_name,action,status\n"
        + "A,0,Champions,Reward,stayed\n"
        + "B,0,Champions,Reward,entered\n"
        + "F,0,Old Champions,r0,left\n"
        + "C,1,At Risk,Win back,stayed\n"
        + "B,1,Old Risk,r1,left\n"
        + "E,2,Hibernating,Suppress,entered\n"
        + "D,2,Old Hib,r2,left\n", delta.toCsv());
    assertEquals(Map.of(Status.ENTERED, 2, Status.STAYED, 2, Status.LEFT, 3), delta.statusCounts());
    // a mover has exactly two rows
    assertEquals(2, delta.rows().stream().filter(r -> r.customerId().equals("B")).count());
  }

  @Test
  void leftRowsOfThePreviousExportAreNotMembers() {
    // X left segment 1 in the previous export, so it is not a member of 1: now in 1 it "entered", and it has no
    // second "left" row
    Table previous = Table.create("prev", StringColumn.create("customer_id", "X", "X", "Y"),
        IntColumn.create("segment", 0, 1, 1), StringColumn.create("status", "entered", "left", "stayed"));
    Audiences now = Audiences.of(new String[] {"X", "Y"}, new int[] {1, 1}, NAMES, ACTIONS);
    Audiences delta = now.against(Audiences.fromTable(previous));
    assertEquals("customer_id,segment,segment_name,action,status\n"
        + "X,0,segment 0,,left\n"
        + "X,1,At Risk,Win back,entered\n"
        + "Y,1,At Risk,Win back,stayed\n", delta.toCsv());
  }

  @Test
  void sameExportTwiceMeansEveryoneStayed() {
    Audiences now = Audiences.of(new String[] {"a", "b", "c"}, new int[] {0, 1, 2}, NAMES, ACTIONS);
    Audiences delta = now.against(Audiences.fromTable(now.toTable()));
    assertEquals(Map.of(Status.ENTERED, 0, Status.STAYED, 3, Status.LEFT, 0), delta.statusCounts());
  }

  @Test
  void slugsOfHostileNames() {
    assertEquals("at-risk", Audiences.slug("At Risk"));
    assertEquals("etc-passwd", Audiences.slug("../../etc/passwd"));
    assertEquals("a-b-c", Audiences.slug("a\\b/c"));
    assertEquals("champions-csv", Audiences.slug("Champions.csv"));
    assertEquals("unnamed", Audiences.slug(".."));
    assertEquals("unnamed", Audiences.slug(""));
    assertEquals("unnamed", Audiences.slug(null));
    assertEquals("unnamed", Audiences.slug("日本の顧客"));
    assertEquals("cafe-creme-nino", Audiences.slug("Café Crème — Niño"));
    assertEquals("can-t-lose-them", Audiences.slug("Can't Lose Them"));
    assertEquals("x-y", Audiences.slug("  x\u0000\n\ty  "));
    assertEquals("con", Audiences.slug("CON"));   // numbered file names are never a bare device name
    String longName = "a".repeat(39) + " b" + "c".repeat(30);
    assertEquals("a".repeat(39), Audiences.slug(longName));   // cut at 40, trailing '-' dropped
    assertEquals("segment-3-unnamed.csv", Audiences.fileName(3, "/"));
    for (String hostile : List.of("../x", "a/b", "a\\b", "..", ".", "a.b", "x y", "\u202Eevil")) {
      String f = Audiences.fileName(0, hostile);
      assertTrue(f.matches("segment-0-[a-z0-9-]+\\.csv"), f);
    }
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Audiences.of(new String[] {"a", "a"}, new int[] {0, 1}, NAMES, ACTIONS));
    assertEquals("customer a appears twice (positions 1 and 2); an audience lists each customer once",
        twice.getMessage());
    IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
        () -> Audiences.of(new String[] {"a"}, new int[] {3}, NAMES, ACTIONS));
    assertTrue(unnamed.getMessage().startsWith("segment 3 of customer a has no name"), unnamed.getMessage());
    Table noSegment = Table.create("p", StringColumn.create("customer_id", "a"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Audiences.fromTable(noSegment));
    assertTrue(missing.getMessage().startsWith("the previous export needs the column 'segment'"), missing.getMessage());
    Table text = Table.create("p", StringColumn.create("customer_id", "a", "b"), StringColumn.create("segment", "1", "x"));
    IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class, () -> Audiences.fromTable(text));
    assertTrue(notNumber.getMessage().startsWith("segment 'x' of customer b in the previous export (row 2)"),
        notNumber.getMessage());
  }
}
