package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.internal.ArrayColumns;
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

  @Test
  void wrappedColumnsReadTheSameAndAreCopiedOut() {
    double[] dv = {2.5, Double.NaN, -1, 8, 99};
    int[] iv = {3, Integer.MIN_VALUE, 0, -4, 77};
    // the first 4 entries are the columns' values; the fifth is spare capacity, not a row
    DoubleColumn d = ArrayColumns.doubles("p", dv, 4);
    IntColumn q = ArrayColumns.ints("q", iv, 4);
    assertEquals(4, d.size());
    assertEquals(4, q.size());
    assertArrayEquals(rowByRow(d), Columns.doubles(d));
    assertArrayEquals(new double[] {3, Double.NaN, 0, -4}, Columns.doubles(q));
    double[] copy = Columns.doubles(d);
    copy[0] = 42;
    assertEquals(2.5, d.getDouble(0), "doubles() is a copy even where the storage is shared");
    // the columns stay Tablesaw columns: set, append and copy as usual, and the storage follows
    d.set(3, 9.0);
    d.append(10.0);
    q.append(5);
    assertEquals(5, d.size());
    assertArrayEquals(new double[] {2.5, Double.NaN, -1, 9, 10}, Columns.doubles(d));
    assertArrayEquals(new double[] {3, Double.NaN, 0, -4, 5}, Columns.doubles(q));
    assertEquals(DoubleColumn.class, d.copy().getClass());
    assertArrayEquals(Columns.doubles(d), Columns.doubles(d.copy()));
    assertEquals(null, ArrayColumns.storage(DoubleColumn.create("x", 1.0)), "only wrapped columns share storage");
  }

  @Test
  void productsAreTheRowByRowProductsWhateverTheColumnTypes() {
    double[] price = {2.55, 0.85, Double.NaN, 1e308, -0.0, 3.0};
    int[] qty = {6, -2, 4, 10, 5, Integer.MIN_VALUE};
    NumericColumn<?>[] prices = {DoubleColumn.create("p", price), ArrayColumns.doubles("p", price.clone(), 6),
        FloatColumn.create("p", new float[] {2.55f, 0.85f, 1f, 1e30f, -0f, 3f})};
    NumericColumn<?>[] qtys = {IntColumn.create("q", qty), ArrayColumns.ints("q", qty.clone(), 6),
        DoubleColumn.create("q", new double[] {6, -2, 4, 10, 5, Double.NaN}),
        LongColumn.create("q", new long[] {6, -2, 4, 10, 5, 0})};
    for (NumericColumn<?> q : qtys) {
      for (NumericColumn<?> p : prices) {
        double[] a = rowByRow(q);
        double[] b = rowByRow(p);
        double[] got = Columns.products(q, p);
        for (int i = 0; i < a.length; i++) {
          assertEquals(Double.doubleToRawLongBits(a[i] * b[i]), Double.doubleToRawLongBits(got[i]),
              q.getClass().getSimpleName() + " x " + p.getClass().getSimpleName() + " row " + i);
        }
        assertArrayEquals(rowByRow(q), Columns.products(q, null));
      }
    }
    // by hand: 6 x 2.55, -2 x 0.85, 4 x missing, 10 x 1e308 (infinite), 5 x -0.0, missing x 3
    assertArrayEquals(new double[] {6 * 2.55, -1.7, Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.NaN},
        Columns.products(qtys[1], prices[1]));
  }

  /** The row-by-row rule that textAmongNumbers applied to every column before it read dictionaries: the reference. */
  private static int textAmongNumbersByRows(tech.tablesaw.columns.Column<?> c) {
    java.util.regex.Pattern number = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    int numbers = 0;
    int present = 0;
    int firstText = -1;
    for (int i = 0; i < c.size(); i++) {
      String v = Columns.text(c, i);
      if (v == null) {
        continue;
      }
      present++;
      if (number.matcher(v.strip()).matches()) {
        numbers++;
      } else if (firstText < 0) {
        firstText = i;
      }
    }
    return firstText >= 0 && 2 * numbers > present ? firstText : -1;
  }

  @Test
  void dictionaryCountsAgreeWithReadingEveryRow() {
    java.util.Random rnd = new java.util.Random(17);
    String[] pool = {"12", " 7.5", "-3", "1e3", "", " ", "abc", "n/a", "4 ", ".5", "x1", "12"};
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(40);
      String[] v = new String[n];
      for (int i = 0; i < n; i++) {
        // mostly numbers in some trials, mostly text in others
        v[i] = rnd.nextInt(10) < (trial % 10) ? pool[rnd.nextInt(4)] : pool[rnd.nextInt(pool.length)];
      }
      tech.tablesaw.api.StringColumn c = tech.tablesaw.api.StringColumn.create("c", v);
      if (rnd.nextBoolean()) {
        c.setMissing(rnd.nextInt(n));
      }
      assertEquals(textAmongNumbersByRows(c), Columns.textAmongNumbers(c), java.util.Arrays.toString(v));
      int present = 0;
      for (int i = 0; i < n; i++) {
        present += Columns.text(c, i) != null ? 1 : 0;
      }
      assertEquals(present, Columns.present(c), java.util.Arrays.toString(v));
      int first = -1;
      for (int i = 0; i < n && first < 0; i++) {
        first = Columns.text(c, i) != null ? i : -1;
      }
      assertEquals(first, Columns.firstPresent(c));
    }
    // by hand: three numbers and one text value, the text in row 3 (from 0: 2)
    tech.tablesaw.api.StringColumn c = tech.tablesaw.api.StringColumn.create("c", "1", "2", "two", "3", "2");
    assertEquals(2, Columns.textAmongNumbers(c));
    assertEquals(5, Columns.present(c));
    assertEquals(-1, Columns.textAmongNumbers(tech.tablesaw.api.StringColumn.create("c", "1", "a", "b")));
  }
}
