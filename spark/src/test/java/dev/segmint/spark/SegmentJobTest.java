package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The spark-submit job on the first 30,000 rows of Online Retail: every customer once, the RFM as core's. */
class SegmentJobTest {

  @TempDir
  Path dir;

  @Test
  void segmentsEveryCustomerOnceAndWritesTheRfmTable() throws IOException {
    Path slice = TestTables.onlineRetailSlice(dir, 30_000);
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    SegmentJob.Summary s = SegmentJob.run(SharedSpark.session(), new String[] {"--transactions", slice.toString(),
        "--customer", "CustomerID", "--timestamp", "InvoiceDate", "--order", "InvoiceNo", "--quantity", "Quantity",
        "--price", "UnitPrice", "--k", "3", "--seed", "42", "--out", dir.resolve("segments").toString(),
        "--rfm-out", dir.resolve("rfm").toString()}, new PrintStream(messages, true, StandardCharsets.UTF_8));

    Table expected = SparkRfmTest.RETAIL.run(TestTables.onlineRetail().first(30_000)).table();
    assertEquals(expected.rowCount(), s.customers());
    List<Row> segments = SharedSpark.session().read().option("header", "true")
        .csv(dir.resolve("segments").toString()).collectAsList();
    assertEquals(expected.rowCount(), segments.size());
    Set<String> ids = new HashSet<>();
    long[] sizes = new long[3];
    for (Row r : segments) {
      assertTrue(ids.add(r.getString(0)), "customer " + r.getString(0) + " twice");
      sizes[Integer.parseInt(r.getString(1))]++;
    }
    assertEquals(new HashSet<>(expected.stringColumn("customer_id").asList()), ids);
    assertArrayEquals(s.sizes(), sizes);
    List<Row> rfm = SharedSpark.session().read().option("header", "true").csv(dir.resolve("rfm").toString())
        .orderBy("customer_id").collectAsList();
    assertEquals(expected.rowCount(), rfm.size());
    assertEquals(RfmFeatures.COLUMNS, List.of(rfm.get(0).schema().fieldNames()));
    for (int i = 0; i < rfm.size(); i++) {
      assertEquals(expected.stringColumn("customer_id").get(i), rfm.get(i).getString(0));
      assertEquals(expected.stringColumn("rfm_code").get(i), rfm.get(i).getString(9));
    }
    // the single JVM's segmentation of the same slice (the command line's features: log1p and standard scaling
    // of recency, frequency, monetary; k-means++ with the same seed): as good, same inertia within 0.01 %
    FeatureSpec.Builder spec = FeatureSpec.builder().rfm(SparkRfmTest.RETAIL);
    for (String c : List.of("recency_days", "frequency", "monetary")) {
      spec.add(NumericFeature.of(c).withScale(Scaler.Kind.STANDARD).withLog1p());
    }
    SegmentationModel single = Segmentation.builder().features(spec.build()).kmeans(3).seed(42).build()
        .fit(TestTables.onlineRetail().first(30_000));
    double inertia = ((KMeans.Result) single.clustering()).inertia();
    assertEquals(inertia, s.inertia(), 1e-4 * inertia, "inertia on Spark vs the single JVM");
    String printed = messages.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("customers: " + expected.rowCount()), printed);
  }

  @Test
  void badFlagsAreRefusedWithTheFix() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SegmentJob.run(SharedSpark.session(), new String[] {"--kk", "3"}, System.err));
    assertTrue(unknown.getMessage().contains("unknown flag '--kk'"), unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SegmentJob.run(SharedSpark.session(), new String[] {"--transactions", "x.csv"}, System.err));
    assertTrue(missing.getMessage().contains("missing --out"), missing.getMessage());
  }
}
