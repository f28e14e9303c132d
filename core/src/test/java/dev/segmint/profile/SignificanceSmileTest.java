package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Smile 6.3 (GPL, test scope only, needs Java 25) as a second, independent reference for Welch's t and χ². */
@Tag("jdk25")
class SignificanceSmileTest {

  @Test
  void welchAndChiSquareAgreeWithSmile() {
    Random rnd = new Random(11);
    double[] x = new double[30];
    double[] y = new double[47];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian() * 2;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian() + 0.7;
    }
    // Smile's t distribution and commons-math3's agree to about 1e-8
    assertEquals(smile.stat.hypothesis.TTest.test(x, y, false).pvalue(), Significance.welch(x, y), 1e-7);
    int[][] t = {{10, 20, 5}, {30, 40, 7}, {3, 9, 12}};
    long[][] l = {{10, 20, 5}, {30, 40, 7}, {3, 9, 12}};
    smile.stat.hypothesis.ChiSqTest s = smile.stat.hypothesis.ChiSqTest.test(t);
    Significance.Result r = Significance.chiSquare(l);
    assertEquals(s.chisq(), r.statistic(), 1e-10);
    assertEquals(s.pvalue(), r.pValue(), 1e-10);
    assertEquals(s.CramerV(), r.effectSize(), 1e-10);
  }
}
