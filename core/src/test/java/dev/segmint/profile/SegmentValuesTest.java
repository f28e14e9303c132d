package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.value.BgNbd;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.GammaGamma;
import dev.segmint.value.Period;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Value per segment: the join on ids, sums, means and shares against sums written out by hand. */
class SegmentValuesTest {
  private static final ValueModel MODEL = new ValueModel(BgNbd.of(0.243, 30.9, 0.793, 2.426, Period.DAY),
      GammaGamma.of(6.25, 3.74, 15.44));

  /** a, b, c, d: four customers with different histories (so four different CLVs). */
  static ValuePredictions predictions(int horizon) {
    CalibrationSummary s = CalibrationSummary.of(new String[] {"a", "b", "c", "d"}, new int[] {0, 1, 4, 12},
        new double[] {0, 30, 200, 250}, new double[] {10, 90, 260, 365}, new double[] {0, 20, 35.5, 12},
        Period.DAY);
    return MODEL.predict(s, horizon, 0.01);
  }

  @Test
  void sumsMeansAndSharesAreThoseOfTheSegmentsCustomers() {
    ValuePredictions p = predictions(360);
    double[] clv = p.clv();        // a, b, c, d
    double[] alive = p.pAlive();
    double[] purchases = p.expectedPurchases();
    // segmentation: d → 1, a → 0, e (no prediction) → 1, b → 0, c → noise
    SegmentValues v = SegmentValues.of(new String[] {"d", "a", "e", "b", "c"}, new int[] {1, 0, 1, 0, -1},
        Map.of(0, "Loyal", 1, "Big spenders"), p);
    double s0 = clv[0] + clv[1];
    double s1 = clv[3];
    double noise = clv[2];
    double total = s0 + s1 + noise;
    assertEquals(List.of(0, 1, -1), v.segments().stream().map(SegmentValues.Segment::segment).toList(),
        "label order, noise last");
    SegmentValues.Segment loyal = v.segment(0);
    assertEquals("Loyal", loyal.name());
    assertEquals(2, loyal.customers());
    assertEquals(2, loyal.predicted());
    assertEquals(s0, loyal.totalClv(), 1e-12 * s0);
    assertEquals(s0 / 2, loyal.meanClv(), 1e-12 * s0);
    assertEquals(s0 / total, loyal.share(), 1e-12);
    assertEquals((alive[0] + alive[1]) / 2, loyal.meanPAlive(), 1e-12);
    assertEquals(purchases[0] + purchases[1], loyal.expectedPurchases(), 1e-12);
    SegmentValues.Segment big = v.segment(1);
    assertEquals(2, big.customers());
    assertEquals(1, big.predicted(), "e has no prediction");
    assertEquals(1, big.withoutPrediction());
    assertEquals(s1, big.totalClv(), 1e-12 * s1);
    assertEquals(s1, big.meanClv(), 1e-12 * s1, "the mean is over the predicted customers only");
    assertEquals(s1 / total, big.share(), 1e-12);
    assertEquals(noise / total, v.segment(-1).share(), 1e-12);
    assertEquals("", v.segment(-1).name());
    assertEquals(total, v.totalClv(), 1e-12 * total);
    assertEquals(p.totalClv(), v.totalClv(), 1e-9 * total, "every predicted customer is segmented: the total is theirs");
    assertEquals(1.0, v.segments().stream().mapToDouble(SegmentValues.Segment::share).sum(), 1e-12);
    assertEquals(5, v.customers());
    assertEquals(1, v.withoutPrediction());
    assertEquals(List.of("e"), v.examplesWithoutPrediction());
    assertEquals(0, v.unsegmented());
    assertTrue(v.toString().contains("1 customers have no prediction") || v.toString().contains("no prediction"),
        v.toString());
    assertEquals(v.segments().size(), v.toTable().rowCount());
    assertEquals(List.of("segment", "name", "customers", "predicted", "total_clv", "mean_clv", "share_of_value",
        "mean_p_alive", "expected_purchases"), v.toTable().columnNames());
  }

  @Test
  void handComputedSharesAndSentences() {
    // CLVs of a, b, c, d (BG/NBD and Gamma-Gamma, checked against numerical integration in ValueModelTest):
    // 39.790, 32.993, 96.697, 21.304; segment 0 = {a, d}: 61.094 of 190.784 = 32.02 %, segment 1 = {b, c}:
    // 129.690 = 67.98 %, with 50 % of the customers each: 1.36 times their share
    ValuePredictions p = predictions(360);
    assertArrayEquals(new double[] {39.790, 32.993, 96.697, 21.304}, p.clv(), 5e-4);
    SegmentValues v = SegmentValues.of(new String[] {"a", "b", "c", "d"}, new int[] {0, 1, 1, 0}, Map.of(), p);
    assertEquals(0.32023, v.segment(0).share(), 5e-6);
    assertEquals(0.67977, v.segment(1).share(), 5e-6);
    assertEquals(190.784, v.totalClv(), 5e-4);
    assertEquals(64.845, v.segment(1).meanClv(), 5e-4);
    assertEquals(List.of(1, 0), v.byValue().stream().map(SegmentValues.Segment::segment).toList());
    assertTrue(v.sentences().get(0).startsWith("Segment 1: 50.0% of the customers hold 68.0% of the value (1.4 times "
        + "their share); mean CLV 64.8, "), v.sentences().get(0));
    String text = v.toString();
    assertTrue(text.contains("Where the value is (CLV over 360 days (12 months), discounted 1.0% a month)"), text);
    assertTrue(text.contains("\n       1  |          2  |      129.7  |  68.0%  |      64.8  |"), text);
    assertTrue(text.contains("\nall: 4 customers, total CLV 190.8\n"), text);
  }

  @Test
  void predictedCustomersOutsideTheSegmentationAreCountedAndAZeroTotalHasNoShares() {
    SegmentValues v = SegmentValues.of(new String[] {"a", "b"}, new int[] {0, 0}, Map.of(), predictions(0));
    assertEquals(2, v.unsegmented(), "c and d are predicted but not segmented");
    assertEquals(0.0, v.totalClv());
    assertTrue(Double.isNaN(v.segment(0).share()));
    assertTrue(v.sentences().stream().anyMatch(s -> s.startsWith("2 predicted customers are in no segment")),
        v.sentences().toString());
  }

  @Test
  void badSegmentationsAreRefusedWithTheirPlace() {
    ValuePredictions p = predictions(360);
    var twice = assertThrows(IllegalArgumentException.class,
        () -> SegmentValues.of(new String[] {"a", "b", "a"}, new int[] {0, 1, 0}, Map.of(), p));
    assertEquals("customer id 'a' appears twice in the segmentation (rows 1 and 3); give each customer one segment",
        twice.getMessage());
    var lengths = assertThrows(IllegalArgumentException.class,
        () -> SegmentValues.of(new String[] {"a", "b"}, new int[] {0}, Map.of(), p));
    assertTrue(lengths.getMessage().contains("2 customer ids but 1 labels"), lengths.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SegmentValues.of(new String[] {"a"}, new int[] {0}, Map.of(),
        p).segment(3));
  }
}
