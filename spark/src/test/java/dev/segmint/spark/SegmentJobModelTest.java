package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Assignment;
import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.features.DataQualityReport;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code SegmentJob --model} writes the model the command line writes: it assigns in the single JVM as the job
 * segmented; a model written in the single JVM assigns on Spark as in the single JVM; customers are conserved.
 */
class SegmentJobModelTest {

  static final int ROWS = 20_000;

  @TempDir
  Path dir;

  /** The command line's spec for `segment --transactions` with the Online Retail flags. */
  static FeatureSpec commandLineSpec() {
    FeatureSpec.Builder b = FeatureSpec.builder().rfm(SparkRfmTest.RETAIL).missing(MissingValues.IMPUTE);
    for (String c : List.of("recency_days", "frequency", "monetary")) {
      b.add(NumericFeature.of(c).withScale(Scaler.Kind.STANDARD).withLog1p());
    }
    return b.build();
  }

  @Test
  void jobModelAssignsInTheSingleJvmAsTheJobSegmented() throws IOException {
    Path slice = TestTables.onlineRetailSlice(dir, ROWS);
    Path modelFile = dir.resolve("model.json");
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    SegmentJob.Summary s = SegmentJob.run(SharedSpark.session(), new String[] {"--transactions", slice.toString(),
        "--customer", "CustomerID", "--timestamp", "InvoiceDate", "--order", "InvoiceNo", "--quantity", "Quantity",
        "--price", "UnitPrice", "--k", "4", "--seed", "7", "--out", dir.resolve("segments").toString(),
        "--model", modelFile.toString()}, new PrintStream(messages, true, StandardCharsets.UTF_8));
    Map<String, Integer> job = new HashMap<>();
    for (Row r : SharedSpark.session().read().option("header", "true").csv(dir.resolve("segments").toString())
        .collectAsList()) {
      assertTrue(job.put(r.getString(0), Integer.parseInt(r.getString(1))) == null, "customer " + r.get(0) + " twice");
    }

    // conservation: transaction rows read = kept + dropped (by reason); customers of the RFM table = segmented =
    // the model's training rows = the sum of its segment sizes = the customers the single JVM assigns
    Table tx = TestTables.onlineRetail().first(ROWS);
    RfmFeatures.Result coreRfm = SparkRfmTest.RETAIL.run(tx);
    DataQualityReport report = coreRfm.report();
    assertEquals(ROWS, report.rowsRead());
    long byReason = report.entries().stream().filter(e -> e.reason().rowLevel()).mapToLong(e -> e.count()).sum();
    assertEquals(report.rowsRead(), report.rowsKept() + byReason, "rows read = kept + dropped by reason\n" + report);
    SegmentationModel model = SegmentationModel.load(modelFile);
    assertEquals(report.customersOut(), s.customers());
    assertEquals(report.customersOut(), job.size());
    assertEquals(report.customersOut(), model.trainingRows());
    assertArrayEquals(s.sizes(), model.sizes());

    // the single JVM places every customer where the job did
    Assignment single = model.assign(tx);
    assertEquals(job.size(), single.ids().length);
    for (int i = 0; i < single.ids().length; i++) {
      assertEquals(job.get(single.ids()[i]), single.segments()[i], "customer " + single.ids()[i]);
    }
    // the features are the command line's (fitted in the single JVM on the same slice: within 1e-12)
    SegmentationModel cli = Segmentation.builder().features(commandLineSpec()).kmeans(4).seed(7).build().fit(tx);
    SparkFeaturesTest.assertSameJson(SparkFeatures.toJson(cli.pipeline()), SparkFeatures.toJson(model.pipeline()));
    // the segment names and actions: core's profiles of the RFM table with the job's labels
    Table rfm = coreRfm.table();
    int[] labels = new int[rfm.rowCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = job.get(rfm.stringColumn("customer_id").get(i));
    }
    SegmentProfiles profiles = SegmentProfiles.of(rfm, labels, SegmentProfiles.Options.defaults());
    for (int c = 0; c < model.k(); c++) {
      assertEquals(profiles.segment(c).name(), model.segmentNames().get(c), "segment " + c);
      assertEquals(profiles.segment(c).action().action(), model.segmentActions().get(c), "segment " + c);
    }
    assertTrue(messages.toString(StandardCharsets.UTF_8).contains("model saved to " + modelFile));
  }

  @Test
  void singleJvmModelAssignsOnSparkAsInTheSingleJvm() throws IOException {
    Path slice = TestTables.onlineRetailSlice(dir, ROWS);
    Table tx = TestTables.onlineRetail().first(ROWS);
    // what `segmint segment --transactions ... --k 3 --seed 1 --model FILE` fits and saves
    Path file = dir.resolve("cli.json");
    Segmentation.builder().features(commandLineSpec()).kmeans(3).seed(1).build().fit(tx).save(file);
    SegmentationModel model = SegmentationModel.load(file);
    Assignment single = model.assign(tx);
    Dataset<Row> onSpark = SparkSegments.assign(TestTables.csvOnSpark(slice).repartition(3), model);
    Map<String, Row> spark = new HashMap<>();
    for (Row r : onSpark.collectAsList()) {
      assertTrue(spark.put(r.getString(0), r) == null, "customer " + r.getString(0) + " twice");
    }
    assertEquals(single.ids().length, spark.size(), "customers conserved");
    for (int i = 0; i < single.ids().length; i++) {
      Row r = spark.get(single.ids()[i]);
      assertEquals(single.segments()[i], r.getInt(1), "customer " + single.ids()[i]);
      assertEquals(model.segmentNames().get(single.segments()[i]), r.getString(2));
    }
  }
}
