package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.profile.SegmentValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Value tiers: the documented rule on customers whose CLV order and p_alive are known. */
class ValueTiersTest {
  // strong drop-out (a/(b + x − 1) large), so customers silent for long are likely lost
  private static final ValueModel MODEL = new ValueModel(BgNbd.of(1.0, 10.0, 2.0, 1.0, Period.DAY),
      GammaGamma.of(6.25, 3.74, 15.44));

  /**
   * 12 customers: c01..c10 bought recently (x = i, last purchase 1 day before the end, same spend), so their CLV
   * rises with x; l1 and l2 bought 5 times, last 300 days before the end: likely lost.
   */
  private static ValuePredictions predictions() {
    String[] ids = new String[12];
    int[] x = new int[12];
    double[] tx = new double[12];
    double[] t = new double[12];
    double[] m = new double[12];
    for (int i = 0; i < 10; i++) {
      ids[i] = String.format("c%02d", i + 1);
      x[i] = i + 1;
      tx[i] = 399;
      t[i] = 400;
      m[i] = 50;
    }
    for (int i = 10; i < 12; i++) {
      ids[i] = "l" + (i - 9);
      x[i] = 5;
      tx[i] = 100;
      t[i] = 400;
      m[i] = 500;
    }
    return MODEL.predict(CalibrationSummary.of(ids, x, tx, t, m, Period.DAY), 360, 0.01);
  }

  @Test
  void lostThenTopTwentyThenNextThirtyThenTheRest() {
    ValuePredictions p = predictions();
    double[] clv = p.clv();
    double[] alive = p.pAlive();
    for (int i = 0; i < 10; i++) {
      assertTrue(alive[i] >= ValueTiers.LOST_P_ALIVE, "c" + (i + 1) + " p_alive " + alive[i]);
      assertTrue(i == 0 || clv[i] > clv[i - 1], "CLV rises with x");
    }
    assertTrue(alive[10] < 0.3 && alive[11] < 0.3, "l1, l2 p_alive " + alive[10]);
    ValueTiers tiers = ValueTiers.of(p);
    // 10 ranked customers: top 20 % = the 2 highest (c10, c09), next 30 % = c08, c07, c06, rest c05..c01
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 3, 3}, tiers.labels());
    assertArrayEquals(new long[] {2, 3, 5, 2}, tiers.sizes());
    assertEquals(clv[8], tiers.topCut());
    assertEquals(clv[5], tiers.middleCut());
    assertEquals(List.of("customer_id", "segment"), tiers.toTable().columnNames());
    assertEquals("l2", tiers.toTable().stringColumn("customer_id").get(11));
    SegmentValues v = tiers.value();
    assertEquals("Top value", v.segment(0).name());
    assertEquals("Likely lost", v.segment(3).name());
    assertEquals((clv[8] + clv[9]) / p.totalClv(), v.segment(0).share(), 1e-12);
    assertEquals(p.totalClv(), v.totalClv(), 1e-9 * p.totalClv());
  }

  @Test
  void tiesAtABoundaryGoToTheHigherTier() {
    // five identical customers and five poorer ones: the top 20 % (2) boundary falls inside the identical group,
    // which therefore is top value as a whole; the 50 % boundary (5) ends exactly at the group
    String[] ids = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    int[] x = {6, 6, 6, 6, 6, 1, 1, 1, 1, 1};
    double[] tx = {399, 399, 399, 399, 399, 399, 399, 399, 399, 399};
    double[] t = new double[10];
    double[] m = new double[10];
    java.util.Arrays.fill(t, 400);
    java.util.Arrays.fill(m, 40);
    ValuePredictions p = MODEL.predict(CalibrationSummary.of(ids, x, tx, t, m, Period.DAY), 360, 0.01);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 2, 2, 2, 2, 2}, ValueTiers.of(p).labels());
  }
}
