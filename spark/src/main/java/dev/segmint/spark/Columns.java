package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
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

  /** No null or NaN in the columns: one pass; the first offending column and a row are named. */
  static void requireNoMissing(Dataset<Row> data, String[] names) {
    List<Column> checks = new ArrayList<>();
    for (String c : names) {
      Column v = col("`" + c + "`").cast("double");
      checks.add(functions.sum(functions.when(v.isNull().or(functions.isnan(v)), 1L).otherwise(0L)).as(c));
    }
    Row counts = data.agg(checks.get(0), checks.subList(1, checks.size()).toArray(Column[]::new)).first();
    for (int j = 0; j < names.length; j++) {
      long bad = counts.isNullAt(j) ? 0 : counts.getLong(j);
      if (bad > 0) {
        throw new IllegalArgumentException("feature column '" + names[j] + "' has " + bad + " missing (null or NaN) "
            + "values; k-means needs a number in every row: impute or drop those rows first");
      }
    }
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
