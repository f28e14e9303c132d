package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Issue 17: RFM scores with 3, 4 or 5 bins and user segment maps. */
class RfmScoringTest {

  @Test
  void threeBinsByHand() {
    // recency 1, 2, 2, 5, 10, 30: strictly larger values 5, 3, 3, 2, 1, 0 → 1 + floor(3·w/6) = 3, 2, 2, 2, 1, 1
    assertArrayEquals(new int[] {3, 2, 2, 2, 1, 1},
        RfmFeatures.scores(new double[] {1, 2, 2, 5, 10, 30}, true, 3));
    // frequency 1, 1, 1, 2, 4, 9: strictly smaller values 0, 0, 0, 3, 4, 5 → 1, 1, 1, 2, 3, 3
    assertArrayEquals(new int[] {1, 1, 1, 2, 3, 3},
        RfmFeatures.scores(new double[] {1, 1, 1, 2, 4, 9}, false, 3));
    // 4 bins on the same recencies: 1 + floor(4·w/6) = 4, 3, 3, 2, 1, 1
    assertArrayEquals(new int[] {4, 3, 3, 2, 1, 1},
        RfmFeatures.scores(new double[] {1, 2, 2, 5, 10, 30}, true, 4));
    assertThrows(IllegalArgumentException.class, () -> RfmFeatures.scores(new double[] {1}, true, 6));
  }

  /** Six customers a..f with recency 1, 2, 2, 5, 10, 30 and 1, 1, 1, 2, 4, 9 orders of 10 each. */
  static Table transactions() {
    List<String> ids = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    String[] customer = {"a", "b", "c", "d", "e", "f"};
    int[] lastDay = {31, 30, 30, 27, 22, 2};     // January 2011; as-of is 2011-02-01
    int[] orders = {1, 1, 1, 2, 4, 9};
    for (int c = 0; c < 6; c++) {
      for (int o = 0; o < orders[c]; o++) {
        ids.add(customer[c]);
        dates.add(String.format("2011-01-%02d", Math.max(1, lastDay[c] - o)));
      }
    }
    double[] amount = new double[ids.size()];
    java.util.Arrays.fill(amount, 10);
    return Table.create("tx", StringColumn.create("id", ids), StringColumn.create("day", dates),
        DoubleColumn.create("amount", amount));
  }

  @Test
  void threeBinsEndToEndWithTheDefaultMap() {
    Table t = RfmFeatures.builder().customer("id").timestamp("day").amount("amount").bins(3).build()
        .compute(transactions());
    assertEquals(List.of(1, 2, 2, 5, 10, 30), t.intColumn("recency_days").asList());
    assertEquals(List.of(3, 2, 2, 2, 1, 1), t.intColumn("r_score").asList());
    assertEquals(List.of(1, 1, 1, 2, 3, 3), t.intColumn("f_score").asList());
    assertEquals(List.of(1, 1, 1, 2, 3, 3), t.intColumn("m_score").asList());
    assertEquals(List.of("311", "211", "211", "222", "133", "133"), t.stringColumn("rfm_code").asList());
    // 3 bins read as quintiles 1, 3, 5: (5, 1) New Customers, (3, 1) About To Sleep, (3, 3) Need Attention,
    // (1, 5) Can't Lose Them
    assertEquals(List.of("New Customers", "About To Sleep", "About To Sleep", "Need Attention", "Can't Lose Them",
        "Can't Lose Them"), t.stringColumn("rfm_segment").asList());
  }

  @Test
  void theDefaultMapsAreTheContractsTable() {
    RfmSegmentMap five = RfmSegmentMap.defaults(5);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        assertEquals(RfmSegment.of(r, f).label(), five.segment(r, f), "R" + r + " F" + f);
      }
    }
    // 4 bins read as quintiles 1, 2, 4, 5
    RfmSegmentMap four = RfmSegmentMap.defaults(4);
    assertEquals("Champions", four.segment(4, 4));
    assertEquals("Loyal Customers", four.segment(3, 3));
    assertEquals("Hibernating", four.segment(2, 2));
    assertEquals("Can't Lose Them", four.segment(1, 4));
    assertEquals("Promising", four.segment(3, 1));
  }

  @Test
  void aUserMapMustCoverEveryCellOnce() {
    RfmSegmentMap map = RfmSegmentMap.of(3, List.of(new RfmSegmentMap.Rule(3, 3, 1, 3, "Active"),
        new RfmSegmentMap.Rule(1, 2, 1, 3, "Lapsed")));
    assertEquals("Active", map.segment(3, 2));
    assertEquals("Lapsed", map.segment(1, 3));
    Table t = RfmFeatures.builder().customer("id").timestamp("day").amount("amount").segmentMap(map).build()
        .compute(transactions());
    assertEquals(List.of("Active", "Lapsed", "Lapsed", "Lapsed", "Lapsed", "Lapsed"),
        t.stringColumn("rfm_segment").asList());

    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> RfmSegmentMap.of(3, List.of(
        new RfmSegmentMap.Rule(1, 3, 1, 1, "Low F"), new RfmSegmentMap.Rule(1, 3, 2, 2, "Mid F"))));
    assertEquals("RFM segment map: cell R=1, F=3 is not covered by any rule; add a rule whose ranges include it "
        + "(scores are 1..3)", gap.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> RfmSegmentMap.of(3, List.of(
        new RfmSegmentMap.Rule(1, 3, 1, 3, "All"), new RfmSegmentMap.Rule(2, 2, 2, 2, "Dup"))));
    assertEquals("RFM segment map: cell R=2, F=2 is covered twice, by rule 1 (All) and rule 2 (Dup); make the "
        + "ranges not overlap", twice.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> RfmSegmentMap.of(3,
        List.of(new RfmSegmentMap.Rule(1, 5, 1, 3, "All"))));
    assertEquals("RFM segment map rule 1: r_min 1 and r_max 5 are not a range within 1..3 (the scores of 3 bins)",
        range.getMessage());
    IllegalArgumentException bins = assertThrows(IllegalArgumentException.class, () -> RfmFeatures.builder()
        .customer("id").timestamp("day").amount("amount").bins(4).segmentMap(map).build());
    assertEquals("the RFM segment map is for 3 bins but the scores use 4; give a map for 4 bins or drop the bins "
        + "setting", bins.getMessage());
  }
}
