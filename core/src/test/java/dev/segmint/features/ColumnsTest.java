package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;

/** {@link Columns#doubles}: the bulk copies give what the column says row by row, missing values as NaN. */
class ColumnsTest {

  /** The row-by-row reading that RFM used before the bulk copy: the reference. */
  private static double[] rowByRow(NumericColumn<?> c) {
    double[] out = new double[c.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
    }
    return out;
  }

  @Test
  void handWorkedColumnsWithMissingValues() {
    IntColumn ints = IntColumn.create("q", new int[] {3, -2, 0, Integer.MAX_VALUE, 7});
    ints.setMissing(1);
    assertArrayEquals(new double[] {3, Double.NaN, 0, Integer.MAX_VALUE, 7}, Columns.doubles(ints));
    DoubleColumn dbl = DoubleColumn.create("p", new double[] {2.55, -0.0, 1e300, 4});
    dbl.setMissing(3);
    double[] d = Columns.doubles(dbl);
    assertArrayEquals(new double[] {2.55, -0.0, 1e300, Double.NaN}, d);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[1]), "the sign of zero is kept");
    d[0] = 99;
    assertEquals(2.55, dbl.getDouble(0), "a copy, not the column's storage");
  }

  @Test
  void everyNumericColumnTypeAgreesWithRowByRowReading() {
    NumericColumn<?>[] columns = {
        IntColumn.create("i", new int[] {1, 2, Integer.MIN_VALUE + 1, 4}),
        DoubleColumn.create("d", new double[] {0.1, Double.NaN, -3.5, Double.POSITIVE_INFINITY}),
        LongColumn.create("l", new long[] {5L, 1L << 40, -7L, 0L}),
        FloatColumn.create("f", new float[] {0.5f, -1.25f, 3f, 1e-3f}),
        ShortColumn.create("s", new short[] {1, -1, 300, 0})};
    for (NumericColumn<?> c : columns) {
      c.setMissing(2);
      double[] want = rowByRow(c);
      double[] got = Columns.doubles(c);
      assertEquals(want.length, got.length, c.name());
      for (int i = 0; i < want.length; i++) {
        assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), c.name() + " row " + i);
      }
    }
  }
}
