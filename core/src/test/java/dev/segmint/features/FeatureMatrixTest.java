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
}
