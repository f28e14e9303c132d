package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport;
import dev.segmint.features.DataQualityReport.Reason;
import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** SparkRfm equals core's RfmFeatures row for row, bit for bit, with the same data-quality report. */
class SparkRfmTest {

  static final RfmFeatures RETAIL = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate")
      .order("InvoiceNo").quantity("Quantity").price("UnitPrice").build();

  @Test
  void onlineRetailEqualsTheSingleJvmRowForRow() {
    // the reference: core on the table as the CLI reads it (ids, invoices and dates as text)
    RfmFeatures.Result expected = RETAIL.run(TestTables.onlineRetail());
    // Spark: its own CSV reader (every column text); one partition, as gzip does not split, so the row numbers of
    // the report's examples are the file's
    SparkRfm.Result ordered = SparkRfm.of(RETAIL).run(TestTables.onlineRetailOnSpark());

    assertEquals(4338, expected.table().rowCount());
    assertEquals(LocalDate.of(2011, 12, 10), ordered.asOf());
    assertEquals(RfmFeatures.COLUMNS, Arrays.asList(ordered.table().columns()));
    TestTables.assertSameRfm(expected.table(), ordered.table().collectAsList());
    assertSameReport(expected.report(), ordered.report(), true);
  }

  @Test
  void smallTableWithEveryDropReasonNetReturnsAndAsOf() {
    // customer, date, amount, order: ties everywhere, rows of every reason, spread over 3 partitions
    String[][] rows = {
        {"a", "2024-01-10", "10", "o1"}, {"a", "2024-01-10", "5", "o1"}, {"a", "2024-02-01", "-4", "o2"},
        {"b", "2024-01-20", "20", "o3"}, {"b", "2024-01-25", "20", null}, {"b", "2024-01-25", "1", null},
        {"c", "2024-02-01", "7.25", "o4"}, {"c", "bad date", "3", "o5"}, {null, "2024-01-01", "9", "o6"},
        {"d", "2024-01-05", "0", "o7"}, {"d", "2024-01-06", "-3", "o8"}, {"e", "not a date", "1", "o9"},
        {"f", "2024-03-01", "8", "o10"}, {"g", "2024-01-15", "", "o11"}, {"g", "2024-01-15", "2", "o11"},
        {"h", "2024-01-31", "-50", "o12"}, {"h", "2024-01-02", "30", "o13"}};
    for (RfmFeatures.Returns mode : RfmFeatures.Returns.values()) {
      RfmFeatures settings = RfmFeatures.builder().customer("cust").timestamp("ts").amount("amt").order("ord")
          .returns(mode).asOf(LocalDate.of(2024, 2, 15)).bins(4).build();
      Table t = Table.create("tx", StringColumn.create("cust"), StringColumn.create("ts"), DoubleColumn.create("amt"),
          StringColumn.create("ord"));
      List<Row> sparkRows = new ArrayList<>();
      for (String[] r : rows) {
        t.stringColumn(0).append(r[0] == null ? "" : r[0]);
        t.stringColumn(1).append(r[1]);
        if (r[2].isEmpty()) {
          t.doubleColumn(2).appendMissing();
        } else {
          t.doubleColumn(2).append(Double.parseDouble(r[2]));
        }
        t.stringColumn(3).append(r[3] == null ? "" : r[3]);
        sparkRows.add(RowFactory.create(r[0], r[1], r[2].isEmpty() ? null : Double.parseDouble(r[2]), r[3]));
      }
      StructType schema = new StructType().add("cust", DataTypes.StringType).add("ts", DataTypes.StringType)
          .add("amt", DataTypes.DoubleType).add("ord", DataTypes.StringType);
      Dataset<Row> tx = SharedSpark.session().createDataFrame(sparkRows, schema).repartition(3)
          .sortWithinPartitions("cust");
      // numbering follows the partitions: give the single JVM the rows in that same order
      List<Row> inSparkOrder = tx.collectAsList();
      Table same = t.emptyCopy();
      for (Row r : inSparkOrder) {
        same.stringColumn(0).append(r.isNullAt(0) ? "" : r.getString(0));
        same.stringColumn(1).append(r.getString(1));
        if (r.isNullAt(2)) {
          same.doubleColumn(2).appendMissing();
        } else {
          same.doubleColumn(2).append(r.getDouble(2));
        }
        same.stringColumn(3).append(r.isNullAt(3) ? "" : r.getString(3));
      }
      RfmFeatures.Result expected = settings.run(same);
      SparkRfm.Result actual = SparkRfm.of(settings).run(tx);
      List<Row> got = actual.table().collectAsList();
      TestTables.assertSameRfm(expected.table(), got);
      assertSameReport(expected.report(), actual.report(), true);
      // hand-checked values: b has orders o3 and two rows without an order id (3 orders), 41.0, last day 01-25
      Row b = got.stream().filter(r -> r.getString(0).equals("b")).findFirst().orElseThrow();
      assertEquals(21, b.getInt(1));
      assertEquals(3, b.getInt(2));
      assertEquals(41.0, b.getDouble(3));
      Row a = got.stream().filter(r -> r.getString(0).equals("a")).findFirst().orElseThrow();
      assertEquals(mode == RfmFeatures.Returns.NET ? 11.0 : 15.0, a.getDouble(3));
      assertEquals(1, a.getInt(2));
      assertEquals(1, actual.report().rowsDropped(Reason.AFTER_AS_OF));   // f on 2024-03-01
      assertEquals(1, actual.report().rowsDropped(Reason.MISSING_CUSTOMER_ID));
      assertEquals(2, actual.report().rowsDropped(Reason.UNPARSEABLE_TIMESTAMP));
      assertEquals(1, actual.report().customers(Reason.NO_READABLE_TIMESTAMP));   // e
      assertEquals(mode == RfmFeatures.Returns.NET ? 1 : 0, actual.report().customers(Reason.NON_POSITIVE_MONETARY));
    }
  }

  @Test
  void badInputIsRefusedWithTheColumnOrRow() {
    Dataset<Row> tx = TestTables.onlineRetailOnSpark().limit(50);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(
        RfmFeatures.builder().customer("Customer").timestamp("InvoiceDate").amount("UnitPrice").build()).run(tx));
    assertTrue(missing.getMessage().contains("'Customer'"), missing.getMessage());
    IllegalArgumentException dates = assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(
        RfmFeatures.builder().customer("CustomerID").timestamp("Description").amount("UnitPrice").build()).run(tx));
    assertTrue(dates.getMessage().contains("timestamp column 'Description'"), dates.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(RfmFeatures.builder().customer("CustomerID")
        .timestamp("InvoiceDate").amount("UnitPrice").meanDaysBetweenPurchases().build()));
    StructType schema = new StructType().add("c", DataTypes.StringType).add("t", DataTypes.StringType)
        .add("a", DataTypes.DoubleType);
    Dataset<Row> padded = SharedSpark.session().createDataFrame(List.of(RowFactory.create("x1", "2024-01-01", 1.0),
        RowFactory.create("x2", "2024-01-01", 1.0), RowFactory.create("x1 ", "2024-01-02", 2.0)), schema);
    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(
        RfmFeatures.builder().customer("c").timestamp("t").amount("a").build()).run(padded));
    assertTrue(clash.getMessage().contains("'x1' (row 1) and 'x1 ' (row 3)"), clash.getMessage());
    // US dates without a pattern: the same advice as core's error, the pattern that reads them all
    Dataset<Row> us = SharedSpark.session().createDataFrame(List.of(RowFactory.create("x1", "01/13/2024", 1.0),
        RowFactory.create("x2", "02/01/2024", 1.0)), schema);
    IllegalArgumentException usDates = assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(
        RfmFeatures.builder().customer("c").timestamp("t").amount("a").build()).run(us));
    assertEquals("no value of timestamp column 't' could be read as a date (e.g. row 1); its values read as "
        + "MM/dd/yyyy: give timestampFormat(\"MM/dd/yyyy\")", usDates.getMessage());
    // an error inside a Spark task comes back as the IllegalArgumentException it was, with the row and value
    StructType text = new StructType().add("c", DataTypes.StringType).add("t", DataTypes.StringType)
        .add("a", DataTypes.StringType);
    Dataset<Row> notANumber = SharedSpark.session().createDataFrame(List.of(RowFactory.create("x1", "2024-01-01", "1"),
        RowFactory.create("x2", "2024-01-01", "abc")), text);
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> SparkRfm.of(
        RfmFeatures.builder().customer("c").timestamp("t").amount("a").build()).run(notANumber));
    assertTrue(nan.getMessage().contains("the amount at row 2 is 'abc', not a number"), nan.getMessage());
  }

  static void assertSameReport(DataQualityReport expected, DataQualityReport actual, boolean examples) {
    assertEquals(expected.rowsRead(), actual.rowsRead());
    assertEquals(expected.rowsKept(), actual.rowsKept());
    assertEquals(expected.customersOut(), actual.customersOut());
    assertEquals(expected.rowsDropped(Reason.NO_PURCHASES), actual.rowsDropped(Reason.NO_PURCHASES));
    if (examples) {
      assertEquals(expected.entries(), actual.entries());
    } else {
      assertEquals(expected.entries().stream().map(e -> e.reason() + "=" + e.count()).toList(),
          actual.entries().stream().map(e -> e.reason() + "=" + e.count()).toList());
    }
  }
}
