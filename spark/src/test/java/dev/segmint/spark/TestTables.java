package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The bundled data (folder from the system property segmint.data.dir), read by Tablesaw and by Spark. */
final class TestTables {
  private TestTables() {}

  private static Table retail;

  static Path dataDir() {
    String d = System.getProperty("segmint.data.dir");
    if (d == null) {
      throw new IllegalStateException("system property segmint.data.dir is not set (surefire sets it to <root>/data)");
    }
    return Path.of(d);
  }

  /** UCI Online Retail (541,909 rows) as the CLI reads it: ids, invoice numbers and dates as text. */
  static synchronized Table onlineRetail() {
    if (retail == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dataDir().resolve("online_retail.csv.gz")),
          1 << 16)) {
        retail = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesPartial(Map.of(
            "CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING, "StockCode", ColumnType.STRING,
            "InvoiceDate", ColumnType.STRING)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return retail.copy();
  }

  /** The same file through Spark's CSV reader, every column text (one partition: gzip does not split). */
  static Dataset<Row> onlineRetailOnSpark() {
    return SharedSpark.session().read().option("header", "true").option("escape", "\"")
        .csv(dataDir().resolve("online_retail.csv.gz").toString());
  }

  /** The header and the first {@code rows} rows of Online Retail, as a CSV file in {@code dir}. */
  static Path onlineRetailSlice(Path dir, int rows) {
    Path slice = dir.resolve("tx-" + rows + ".csv");
    List<String> lines = new java.util.ArrayList<>();
    try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(
        Files.newInputStream(dataDir().resolve("online_retail.csv.gz"))), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && lines.size() <= rows; line = r.readLine()) {
        lines.add(line);
      }
      Files.write(slice, lines, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return slice;
  }

  /** A CSV file through Spark's CSV reader as {@link SegmentJob} reads it, every column text. */
  static Dataset<Row> csvOnSpark(Path file) {
    return SharedSpark.session().read().option("header", "true").option("escape", "\"").csv(file.toString());
  }

  /** Every column of a Spark RFM table equals the single JVM's, row for row and bit for bit. */
  static void assertSameRfm(Table expected, List<Row> actual) {
    assertEquals(expected.rowCount(), actual.size(), "customers");
    for (int i = 0; i < actual.size(); i++) {
      Row r = actual.get(i);
      String where = "row " + i + " (" + expected.stringColumn("customer_id").get(i) + ")";
      assertEquals(expected.stringColumn("customer_id").get(i), r.getString(0), where);
      assertEquals(expected.intColumn("recency_days").get(i), r.getInt(1), where);
      assertEquals(expected.intColumn("frequency").get(i), r.getInt(2), where);
      assertEquals(expected.doubleColumn("monetary").get(i), r.getDouble(3), where);
      assertEquals(expected.intColumn("tenure_days").get(i), r.getInt(4), where);
      assertEquals(expected.doubleColumn("avg_order_value").get(i), r.getDouble(5), where);
      assertEquals(expected.intColumn("r_score").get(i), r.getInt(6), where);
      assertEquals(expected.intColumn("f_score").get(i), r.getInt(7), where);
      assertEquals(expected.intColumn("m_score").get(i), r.getInt(8), where);
      assertEquals(expected.stringColumn("rfm_code").get(i), r.getString(9), where);
      assertEquals(expected.stringColumn("rfm_segment").get(i), r.getString(10), where);
    }
  }
}
