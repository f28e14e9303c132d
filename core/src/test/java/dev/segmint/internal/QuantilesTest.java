package dev.segmint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.profile.NumericSummary;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  @Test
  void linearInterpolationAsNumpy() {
    double[] s = {1, 2, 4, 8};
    // numpy.quantile([1, 2, 4, 8], [0, 0.25, 0.5, 0.9, 1]) = 1, 1.75, 3, 6.8, 8
    assertEquals(1, Quantiles.ofSorted(s, 0));
    assertEquals(1.75, Quantiles.ofSorted(s, 0.25), 1e-15);
    assertEquals(3, Quantiles.ofSorted(s, 0.5), 1e-15);
    assertEquals(6.8, Quantiles.ofSorted(s, 0.9), 1e-15);
    assertEquals(8, Quantiles.ofSorted(s, 1));
  }

  @Test
  void neighboursWhoseDifferenceOverflowsStayFinite() {
    // −1.5e308 and 1.5e308 differ by 3e308 > Double.MAX_VALUE: halves give the median 0 and the quartiles ±7.5e307
    double[] s = {-1.5e308, 1.5e308};
    assertEquals(0, Quantiles.ofSorted(s, 0.5));
    assertEquals(-7.5e307, Quantiles.ofSorted(s, 0.25), 1e293);
    // the profile summary uses the same interpolation (it said Infinity before)
    assertEquals(0, NumericSummary.quantile(s, 0.5));
  }
}
