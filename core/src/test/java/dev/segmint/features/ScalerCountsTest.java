package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Scaler#centerScale(double[], long[], Scaler.Kind, String)}: a column given as values with their counts. */
class ScalerCountsTest {

  @Test
  void countsScaleAsTheRepeatedColumn() {
    // {10, 1, 3} counted {1, 2, 1} is the column 1, 1, 3, 10 (given out of order on purpose)
    double[] v = {10, 1, 3};
    long[] c = {1, 2, 1};
    // mean 15 / 4 = 3.75; squares 2·2.75² + 0.75² + 6.25² = 54.75, / 4 = 13.6875
    assertArrayEquals(new double[] {3.75, Math.sqrt(13.6875), 0}, Scaler.centerScale(v, c, Scaler.Kind.STANDARD, "x"),
        1e-15);
    // sorted 1, 1, 3, 10: median at position 1.5 → 2; q1 at 0.75 → 1; q3 at 2.25 → 3 + 0.25·7 = 4.75
    assertArrayEquals(new double[] {2, 3.75, 0}, Scaler.centerScale(v, c, Scaler.Kind.ROBUST, "x"), 0);
    assertArrayEquals(new double[] {1, 9, 0}, Scaler.centerScale(v, c, Scaler.Kind.MINMAX, "x"), 0);
    // a value counted 0 is not in the column: 10 gone, the range is 1..3
    assertArrayEquals(new double[] {1, 2, 0}, Scaler.centerScale(v, new long[] {0, 2, 1}, Scaler.Kind.MINMAX, "x"), 0);
    // one distinct value: zero spread, scale 1
    assertArrayEquals(new double[] {7, 1, 1}, Scaler.centerScale(new double[] {7}, new long[] {5},
        Scaler.Kind.STANDARD, "x"), 0);
  }

  @Test
  void withoutCountsItIsTheFitItselfBitForBit() {
    Random r = new Random(7);
    double[] x = new double[1001];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * 1e3 + 17;
    }
    long[] ones = new long[x.length];
    java.util.Arrays.fill(ones, 1);
    for (Scaler.Kind kind : Scaler.Kind.values()) {
      double[] plain = Scaler.centerScale(x, kind, "x");
      assertArrayEquals(plain, Scaler.centerScale(x, null, kind, "x"), 0, kind.toString());
      // counts of one: the same sums (1.0 · v is v) and the same order statistics
      assertArrayEquals(plain, Scaler.centerScale(x, ones, kind, "x"), 0, kind.toString());
    }
  }

  @Test
  void badCountsAreRefusedWithTheFeature() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.centerScale(new double[] {1, 2}, new long[] {1}, Scaler.Kind.STANDARD, "spend"));
    assertEquals("1 counts for 2 values of feature 'spend'; give one count per value", e.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> Scaler.centerScale(new double[] {1, 2}, new long[] {1, -1}, Scaler.Kind.STANDARD, "spend"));
    assertTrue(neg.getMessage().startsWith("count -1 for value 2.0 of feature 'spend'"), neg.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Scaler.centerScale(new double[] {1}, new long[] {0}, Scaler.Kind.STANDARD, "spend"));
    assertEquals("feature 'spend' has no value to fit a scaling on", none.getMessage());
  }
}
