package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FeatureMatrixTest {

  @Test
  void copiesInAndOut() {
    double[][] rows = {{1, 2}, {3, 4}};
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x", "y"}, rows);
    rows[0][0] = 99;
    assertEquals(1, m.get(0, 0));
    m.row(0)[0] = 99;
    assertEquals(1, m.get(0, 0));
    assertArrayEquals(new double[] {2, 4}, m.column("y"));
  }

  @Test
  void rejectsNaNRaggedAndDuplicates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x"}, new double[][] {{1}, {Double.NaN}}));
    assertTrue(e.getMessage().contains("'x' is NaN at row 2 (customer b)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x", "y"}, new double[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("row 2 (customer b) has 1 values but there are 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FeatureMatrix.of(new String[] {"a", "a"}, new String[] {"x"}, new double[][] {{1}, {2}}));
    assertTrue(e.getMessage().contains("'a' appears twice"), e.getMessage());
  }

  @Test
  void fromTableNamesMissingValues() {
    Table t = Table.create("t", StringColumn.create("id", "a", "b"), DoubleColumn.create("spend", 1.0, Double.NaN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.fromTable(t, "id"));
    assertTrue(e.getMessage().contains("'spend' has a missing value at row 2 (customer b)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.fromTable(t, "id", "spnd"));
    assertTrue(e.getMessage().contains("did you mean 'spend'"), e.getMessage());
  }

  @Test
  void signedLog1pAndStandardScaling() {
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b", "c"}, new String[] {"x"},
        new double[][] {{0}, {Math.E - 1}, {-(Math.E - 1)}});
    FeatureMatrix l = m.withLog1p("x");
    assertArrayEquals(new double[] {0, 1, -1}, l.column(0), 1e-15);
    assertEquals("signed log1p(given)", l.provenance()[0]);
    // mean 0, population sd sqrt(2/3)
    FeatureMatrix s = Scaler.fit(l, Scaler.Kind.STANDARD).transform(l);
    double sd = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {0, 1 / sd, -1 / sd}, s.column(0), 1e-15);
  }

  @Test
  void constantColumnsAreNotDividedByZero() {
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x", "k"}, new double[][] {{1, 5}, {3, 5}});
    Scaler sc = Scaler.fit(m, Scaler.Kind.STANDARD);
    assertEquals(java.util.List.of("k"), sc.constantColumns());
    assertArrayEquals(new double[] {0, 0}, sc.transform(m).column("k"));
  }

  @Test
  void rowsOfLinesUpATableWithTheMatrixOrder() {
    Table customers = Table.create("customers", tech.tablesaw.api.IntColumn.create("ID", 7, 3, 5),
        StringColumn.create("city", "Oslo", "Rome", "Lima"));
    FeatureMatrix m = FeatureMatrix.of(new String[] {"5", "7"}, new String[] {"x"}, new double[][] {{1}, {2}});
    Table rows = m.rowsOf(customers, "ID");
    assertEquals(java.util.List.of("Lima", "Oslo"), rows.stringColumn("city").asList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureMatrix.of(new String[] {"9"}, new String[] {"x"}, new double[][] {{1}}).rowsOf(customers, "ID"));
    assertEquals("customer '9' of the feature matrix is not in column 'ID' of table 'customers'; pass the table the "
        + "features were computed from", e.getMessage());
    Table twice = Table.create("t", StringColumn.create("id", "a", "a"));
    e = assertThrows(IllegalArgumentException.class, () -> m.rowsOf(twice, "id"));
    assertEquals("customer 'a' is in rows 1 and 2 of table 't'; give one row per customer", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.rowsOf(customers, "id"));
    assertTrue(e.getMessage().startsWith("table 'customers' has no column 'id'"), e.getMessage());
  }

  @Test
  void toStringPrintsSixSignificantDigits() {
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a"}, new String[] {"x", "y"},
        new double[][] {{0.12345678901234, 123456.789}});
    String text = m.toString();
    assertTrue(text.contains("0.123457"), text);
    assertTrue(text.contains("123457"), text);
    assertTrue(!text.contains("0.1234567"), text);
    assertTrue(text.contains("FeatureMatrix 1 customers × 2 features"), text);
  }
}
