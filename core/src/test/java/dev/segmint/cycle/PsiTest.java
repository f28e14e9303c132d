package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PsiTest {

  @Test
  void handComputedCase() {
    // earlier 1..10: the deciles are 1..9, one value per bin, p = 0.1 each.
    // later: five 1s (bin 1), then 2,3,4,5,6 (bins 2..6), bins 7..10 empty -> 0.5 each; total 12 counts.
    double[] earlier = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] later = {1, 1, 1, 1, 1, 2, 3, 4, 5, 6};
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Psi.cuts(earlier));
    assertArrayEquals(new long[] {5, 1, 1, 1, 1, 1, 0, 0, 0, 0}, Psi.counts(Psi.cuts(earlier), later));
    // (0.1-5/12)ln(0.1/(5/12)) + 5(0.1-1/12)ln(1.2) + 4(0.1-1/24)ln(2.4), evaluated separately
    assertEquals(0.6713896810681192, Psi.of(earlier, later), 1e-12);
  }

  @Test
  void identicalSamplesHaveNoDrift() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
    assertEquals(0.0, Psi.of(x, x.clone()), 0.0);
  }

  @Test
  void tiesMergeBins() {
    // 80 % ones: the deciles 1..8 are all 1, then 2 and 3
    double[] e = {1, 1, 1, 1, 1, 1, 1, 1, 2, 3};
    assertArrayEquals(new double[] {1, 2}, Psi.cuts(e));
    assertArrayEquals(new long[] {8, 1, 1}, Psi.counts(Psi.cuts(e), e));
  }

  @Test
  void emptySampleIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Psi.of(new double[0], new double[] {1}));
  }
}
