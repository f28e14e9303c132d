package dev.segmint.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/** Checks of feature columns on a Dataset, with messages naming the column, the row and the fix. */
final class Columns {
  private Columns() {}

  /** Every column exists and is numeric. */
  static void requireNumeric(Dataset<Row> data, String[] names) {
    List<String> have = Arrays.asList(data.columns());
    if (names.length == 0) {
      throw new IllegalArgumentException("no feature columns given; name at least one numeric column");
    }
    for (String c : names) {
      if (!have.contains(c)) {
        throw new IllegalArgumentException("feature column '" + c + "' is not in the data (columns: "
            + String.join(", ", have) + "); name an existing column");
      }
      DataType t = data.schema().apply(c).dataType();
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("feature column '" + c + "' is " + t.simpleString()
            + ", not numeric; cast it to double (e.g. col(\"" + c + "\").cast(\"double\")) or leave it out");
      }
    }
  }

  /**
   * The error for a feature column with {@code count} missing (null or NaN) values, the first in row
   * {@code firstRow} (counting from 0 in the Dataset's order).
   */
  static IllegalArgumentException missingValues(String name, long count, long firstRow) {
    return new IllegalArgumentException("feature column '" + name + "' has " + count + " missing (null or NaN) "
        + "values, the first in row " + firstRow + " (counting from 0); k-means needs a number in every row: "
        + "impute or drop those rows first");
  }

  /** A numeric value of a row, refused when missing. */
  static double number(Row r, int at, String name) {
    if (r.isNullAt(at)) {
      throw new IllegalArgumentException("feature column '" + name + "' is null in row " + r
          + "; impute or drop rows with missing values before assigning");
    }
    double v = ((Number) r.get(at)).doubleValue();
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("feature column '" + name + "' is NaN in row " + r
          + "; impute or drop rows with missing values before assigning");
    }
    return v;
  }
}
