package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Issue 15, item 9: finite data near ±Double.MAX_VALUE is scaled by all three scalers without overflow, against
 * hand-computed values; what a double cannot hold is refused naming the scaling, never blamed on the input
 * ("feature 'x' is -Infinity at row 3", which the old arithmetic produced itself).
 */
class ScalerExtremeValuesTest {

  /** Big enough that M − (−M) and the sum of two of them overflow (2M = 3e308 > 1.797e308). */
  static final double M = 1.5e308;

  static FeatureMatrix column(double... x) {
    String[] ids = new String[x.length];
    double[][] rows = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      ids[i] = "c" + (i + 1);
      rows[i] = new double[] {x[i]};
    }
    return FeatureMatrix.of(ids, new String[] {"x"}, rows);
  }

  static double[] scaled(Scaler.Kind kind, double... x) {
    FeatureMatrix m = column(x);
    return Scaler.fit(m, kind).transform(m).column(0);
  }

  /**
   * [M, M, −M, 1, 2]: in units of M the mean is 0.2 (the small values vanish), the deviations 0.8, 0.8, −1.2,
   * −0.2, −0.2, the variance 2.8 / 5 = 0.56. Before: −M − 0.2·M overflowed to −Infinity at row 3.
   */
  @Test
  void standardScalingOfHugeValuesMixedWithSmallOnes() {
    double sd = Math.sqrt(0.56);
    Scaler s = Scaler.fit(column(M, M, -M, 1, 2), Scaler.Kind.STANDARD);
    assertEquals(0.2 * M, s.centers()[0], 1e-15 * M);
    assertEquals(sd * M, s.scales()[0], 1e-15 * M);
    assertArrayEquals(new double[] {0.8 / sd, 0.8 / sd, -1.2 / sd, -0.2 / sd, -0.2 / sd},
        scaled(Scaler.Kind.STANDARD, M, M, -M, 1, 2), 1e-12);
  }

  /** The extremes themselves: [MAX, −MAX, 0] has mean 0 and standard deviation √(2/3)·MAX. */
  @Test
  void standardScalingAtTheLargestDouble() {
    double sd = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {1 / sd, -1 / sd, 0}, scaled(Scaler.Kind.STANDARD, Double.MAX_VALUE,
        -Double.MAX_VALUE, 0), 1e-12);
  }

  /**
   * [−M, M]: the quartiles interpolate between −M and M (−M/2 and M/2), the median is 0, the interquartile range M.
   * Before: −M + 0.25·(M − (−M)) was −M + ∞, the center infinite and every scaled value NaN.
   */
  @Test
  void robustScalingInterpolatesBetweenOppositeExtremes() {
    Scaler s = Scaler.fit(column(-M, M), Scaler.Kind.ROBUST);
    assertEquals(0.0, s.centers()[0]);
    assertEquals(M, s.scales()[0], 1e-15 * M);
    assertArrayEquals(new double[] {-1, 1}, scaled(Scaler.Kind.ROBUST, -M, M), 1e-12);
  }

  /** [−M, 1, 2, 3, M]: median 2, quartiles 1 and 3 (IQR 2); the extremes scale to (±M − 2) / 2 = ±M/2. */
  @Test
  void robustScalingOfHugeOutliersAroundSmallValues() {
    assertArrayEquals(new double[] {-M / 2, -0.5, 0, 0.5, M / 2}, scaled(Scaler.Kind.ROBUST, -M, 1, 2, 3, M),
        1e-12 * M);
    double[] mid = scaled(Scaler.Kind.ROBUST, -M, 1, 2, 3, M);
    assertEquals(-0.5, mid[1]);
    assertEquals(0.0, mid[2]);
    assertEquals(0.5, mid[3]);
  }

  /** Same sign: [0, 1, 2, M] → (x − 0) / M; the small values are tiny but exact to double precision. */
  @Test
  void minMaxScalingOfHugeAndSmallValues() {
    double[] v = scaled(Scaler.Kind.MINMAX, 0, 1, 2, M);
    assertEquals(0.0, v[0]);
    assertEquals(1 / M, v[1], 1e-15 / M);
    assertEquals(2 / M, v[2], 1e-15 / M);
    assertEquals(1.0, v[3]);
    assertArrayEquals(new double[] {0, 0.5, 1}, scaled(Scaler.Kind.MINMAX, -M / 2, 0, M / 2), 1e-15);
  }

  /** Before: a range of 3e308 became Infinity and (M − (−M)) / ∞ a NaN, blamed on the input as "feature 'x' is NaN". */
  @Test
  void aMinMaxRangeWiderThanADoubleIsRefusedNamingTheScaling() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.fit(column(M, 1, -M), Scaler.Kind.MINMAX));
    assertEquals("min–max scaling cannot represent feature 'x': its range, from -1.5E308 to 1.5E308, is wider than "
        + "the largest double (about 1.8e308); divide the column by a constant first (e.g. 1e10), or use standard "
        + "scaling", e.getMessage());
    // standard scaling is the way out, as the message says
    double sd = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {1 / sd, 0, -1 / sd}, scaled(Scaler.Kind.STANDARD, M, 1, -M), 1e-12);
  }

  @Test
  void anInterquartileRangeWiderThanADoubleIsRefusedNamingTheScaling() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scaler.fit(column(-M, -M, M, M), Scaler.Kind.ROBUST));
    assertTrue(e.getMessage().startsWith("robust scaling cannot represent feature 'x': its interquartile range, from "
        + "-1.5E308 to 1.5E308, is wider than the largest double"), e.getMessage());
  }

  /** An outlier of M over an interquartile range of 0.5 is 2M: beyond a double, named as robust scaling's. */
  @Test
  void aRobustScaledValueBeyondADoubleIsRefusedNamingTheScaling() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scaled(Scaler.Kind.ROBUST, -M, 0, 0, 0.5, 0.5, M));
    assertEquals("robust scaling of feature 'x' overflows at row 1 (customer c1): (-1.5E308 - median 0.25) / "
        + "interquartile range 0.5 is beyond the largest double; use standard scaling, or clip the column's outliers "
        + "first", e.getMessage());
  }

  /** The feature pipeline (segment, assign, Segmentation) scales with the same arithmetic. */
  @Test
  void theFeaturePipelineScalesExtremeValuesToo() {
    Table t = Table.create("customers", StringColumn.create("id", "a", "b", "c", "d", "e"),
        DoubleColumn.create("x", M, M, -M, 1, 2));
    FeatureSpec spec = FeatureSpec.builder().columns("id", "x").add(NumericFeature.of("x")).build();
    FeatureMatrix m = FeaturePipeline.fit(spec, FeatureInputs.ofCustomers(t)).transform(FeatureInputs.ofCustomers(t));
    double sd = Math.sqrt(0.56);
    assertArrayEquals(new double[] {0.8 / sd, 0.8 / sd, -1.2 / sd, -0.2 / sd, -0.2 / sd}, m.column(0), 1e-12);
    assertEquals(List.of("x"), List.of(m.names()));
  }

  /** Mean imputation of a column near ±MAX: the plain sum overflows, the mean does not. */
  @Test
  void meanImputationOfHugeValues() {
    DoubleColumn x = DoubleColumn.create("x", M, M, -M, Double.NaN);
    Table t = Table.create("customers", StringColumn.create("id", "a", "b", "c", "d"), x);
    FeatureSpec spec = FeatureSpec.builder().columns("id", "x")
        .add(NumericFeature.of("x").withImputation(Imputation.MEAN)).build();
    FeaturePipeline p = FeaturePipeline.fit(spec, FeatureInputs.ofCustomers(t));
    assertEquals(M / 3, ((FeaturePipeline.FittedNumeric) p.fitted().get(0)).fill(), 1e-15 * M);
  }
}
