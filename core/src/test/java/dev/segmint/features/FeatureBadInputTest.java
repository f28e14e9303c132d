package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The bad inputs of DESIGN.md "Reliability rules" that apply to features, each with its exact message. */
class FeatureBadInputTest {

  static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  static Table tx() {
    return Table.create("tx",
        StringColumn.create("CustomerID", "1", "2"),
        StringColumn.create("InvoiceDate", "2011-01-01", "2011-01-02"),
        DoubleColumn.create("Amount", 3, 4));
  }

  @Test
  void missingColumnSuggestsTheClosestName() {
    assertEquals("column 'CustomerId ' not found in table 'tx' (did you mean 'CustomerID'?); columns are [CustomerID, "
        + "InvoiceDate, Amount]", message(() -> RfmFeatures.builder().customer("CustomerId ").timestamp("InvoiceDate")
        .amount("Amount").build().compute(tx())));
    assertEquals("column 'monetery' not found in table 'features' (did you mean 'monetary'?); columns are [customer_id, "
        + "monetary]", message(() -> FeatureMatrix.fromTable(Table.create("features",
        StringColumn.create("customer_id", "a"), DoubleColumn.create("monetary", 1.0)), "customer_id", "monetery")));
  }

  @Test
  void wrongType() {
    assertEquals("column 'InvoiceDate' is string, not numeric (e.g. '2011-01-01'); convert it to numbers or choose "
        + "another column", message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate")
        .amount("InvoiceDate").build().compute(tx())));
    assertEquals("timestamp column 'Amount' is double; it must hold dates, date-times or date text (give the pattern "
        + "with timestampFormat)", message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("Amount")
        .amount("Amount").build().compute(tx())));
  }

  @Test
  void nanAndInfinity() {
    assertEquals("feature 'x' is NaN at row 2 (customer b); all features must be finite numbers: impute, clip or drop "
        + "that value", message(() -> FeatureMatrix.of(new String[] {"a", "b"}, new String[] {"x"},
        new double[][] {{1}, {Double.NaN}})));
    Table t = tx();
    t.doubleColumn("Amount").set(1, Double.POSITIVE_INFINITY);
    assertEquals("the amount at row 2 (customer 2) is Infinity; amounts must be finite numbers: fix or remove that row",
        message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build()
            .compute(t)));
    Table c = Table.create("c", StringColumn.create("id", "a", "b"), DoubleColumn.create("x", 1, Double.NEGATIVE_INFINITY));
    assertEquals("feature 'x' is -Infinity at row 2 (customer b); all features must be finite numbers: fix, clip or drop "
        + "that value",
        message(() -> FeatureSpec.builder().columns("id").add(NumericFeature.of("x")).build().fit(c)));
  }

  @Test
  void emptyTable() {
    assertEquals("the transactions table 'tx' has no rows; RFM needs at least one purchase",
        message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build()
            .compute(tx().emptyCopy())));
    assertEquals("table 'tx' has no rows; it needs at least one customer",
        message(() -> FeatureSpec.builder().columns("CustomerID").add(NumericFeature.of("Amount")).build()
            .fit(tx().emptyCopy())));
  }

  @Test
  void badDates() {
    Table t = Table.create("tx",
        StringColumn.create("CustomerID", "1", "2"),
        StringColumn.create("InvoiceDate", "12/1/2010 8:26", "12/1/2010 9:01"),
        DoubleColumn.create("Amount", 3, 4));
    assertEquals("no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '12/1/2010 8:26'); its "
        + "values read as d/M/yyyy H:mm and as M/d/yyyy H:mm (no value tells which), so give the one the file uses: "
        + "timestampFormat(\"d/M/yyyy H:mm\") or timestampFormat(\"M/d/yyyy H:mm\")",
        message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build()
            .compute(t)));
    // a day above 12 tells the order: only the month-first pattern reads every value
    Table us = Table.create("tx", StringColumn.create("CustomerID", "1", "2"),
        StringColumn.create("InvoiceDate", "01/13/2024", "02/01/2024"), DoubleColumn.create("Amount", 3, 4));
    assertEquals("no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '01/13/2024'); its values "
        + "read as MM/dd/yyyy: give timestampFormat(\"MM/dd/yyyy\")", message(() -> RfmFeatures.builder()
            .customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build().compute(us)));
    // no pattern reads them all: the general advice
    Table mixed = Table.create("tx", StringColumn.create("CustomerID", "1", "2"),
        StringColumn.create("InvoiceDate", "13/01/2024", "01/13/2024"), DoubleColumn.create("Amount", 3, 4));
    assertEquals("no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '13/01/2024'); give its "
        + "pattern, e.g. timestampFormat(\"dd-MM-yyyy\") or timestampFormat(\"M/d/yyyy H:mm\")",
        message(() -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build()
            .compute(mixed)));
    assertEquals(2, RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").timestampFormat("M/d/yyyy H:mm")
        .amount("Amount").build().compute(t).rowCount());
    assertEquals("timestamp pattern 'dd-MM-yyyyy-qqqqqq' is not a valid java.time pattern (Too many pattern letters: q); e.g. "
        + "'yyyy-MM-dd HH:mm:ss' or 'dd-MM-yyyy'", message(() -> RfmFeatures.builder().customer("CustomerID")
        .timestamp("InvoiceDate").timestampFormat("dd-MM-yyyyy-qqqqqq").amount("Amount").build()));
  }

  @Test
  void badOptions() {
    assertEquals("winsorizing quantiles of 'x' must satisfy 0 ≤ low < high ≤ 1, got 0.9 and 0.1; e.g. "
        + "withWinsorize(0.01, 0.99)", message(() -> NumericFeature.of("x").withWinsorize(0.9, 0.1)));
    assertEquals("the weight of 'x' must be a finite number ≥ 0, got -1.0",
        message(() -> NumericFeature.of("x").withWeight(-1)));
    assertEquals("one-hot maxLevels must be at least 1, got 0",
        message(() -> CategoricalFeature.oneHot("x").withMaxLevels(0)));
    assertEquals("column 'x' is configured twice; give each column one feature definition",
        message(() -> FeatureSpec.builder().columns("id").add(NumericFeature.of("x")).add(CategoricalFeature.oneHot("x"))
            .build()));
    assertEquals("RFM needs an amount column, or both quantity and price columns (price is missing)",
        message(() -> RfmFeatures.builder().customer("c").timestamp("t").quantity("q").build()));
    assertEquals("purchasesInLastDays: window 0 is not a positive number of days; give e.g. 30 or 90",
        message(() -> RfmFeatures.builder().purchasesInLastDays(0)));
  }
}
