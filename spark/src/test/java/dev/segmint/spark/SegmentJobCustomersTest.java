package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Assignment;
import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.cluster.KMeans;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code SegmentJob --customers}: a customer table (tab-separated marketing_campaign, Income with 24 missing values,
 * Education as text) segmented on Spark as the single JVM segments it, the model file placing every customer in the
 * single JVM where the job did, and the flags of the other path refused.
 */
class SegmentJobCustomersTest {

  @TempDir
  Path dir;

  @Test
  void aCustomerTableIsSegmentedAsInTheSingleJvm() throws Exception {
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    Path model = dir.resolve("model.json");
    String data = TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString();
    SegmentJob.Summary s = SegmentJob.run(SharedSpark.session(), new String[] {"--customers", data,
        "--delimiter", "\\t", "--id", "ID", "--features", "Income,MntWines,MntMeatProducts,Education",
        "--log", "MntWines,MntMeatProducts", "--k", "3", "--seed", "7", "--out", dir.resolve("segments").toString(),
        "--model", model.toString(), "--measures", "Income=recency"},
        new PrintStream(messages, true, StandardCharsets.UTF_8));
    String printed = messages.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("columns: id ID; numeric [Income, MntWines, MntMeatProducts]; categorical (one-hot) "
        + "[Education]"), printed);
    assertEquals(2_240, s.customers(), "every customer, the 24 without Income imputed");

    // the single JVM with the same features: the same inertia within 0.01 %
    Table customers = SparkSegmentsTest.marketing();
    FeatureSpec spec = FeatureSpec.builder().columns("ID", "Income", "MntWines", "MntMeatProducts", "Education")
        .add(NumericFeature.of("Income").withScale(Scaler.Kind.STANDARD))
        .add(NumericFeature.of("MntWines").withScale(Scaler.Kind.STANDARD).withLog1p())
        .add(NumericFeature.of("MntMeatProducts").withScale(Scaler.Kind.STANDARD).withLog1p())
        .add(CategoricalFeature.oneHot("Education")).missing(MissingValues.IMPUTE).build();
    SegmentationModel single = Segmentation.builder().features(spec).kmeans(3).seed(7).build().fit(customers);
    double inertia = ((KMeans.Result) single.clustering()).inertia();
    assertEquals(inertia, s.inertia(), 1e-4 * inertia, "inertia on Spark vs the single JVM");

    // the job's model places every customer in the single JVM where the job did
    Map<String, Integer> job = new HashMap<>();
    for (Row r : SharedSpark.session().read().option("header", "true").csv(dir.resolve("segments").toString())
        .collectAsList()) {
      assertTrue(job.put(r.getString(0), Integer.parseInt(r.getString(1))) == null, "customer twice");
    }
    assertEquals(2_240, job.size());
    Assignment placed = SegmentationModel.load(model).assign(customers);
    Table t = placed.toTable();
    assertEquals(2_240, t.rowCount());
    for (int i = 0; i < t.rowCount(); i++) {
      String id = t.stringColumn("customer_id").get(i);
      assertEquals(job.get(id), t.intColumn("segment").get(i), "customer " + id);
    }
    // --measures (Income read as days since the last purchase, to change the actions): the model's actions are the
    // profiles' with that measure, not those by the names
    int[] labels = new int[customers.rowCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = job.get(customers.column("ID").getString(i));
    }
    Table features = customers.selectColumns("Income", "MntWines", "MntMeatProducts", "Education");
    List<String> stated = SegmentProfiles.of(features, labels, SegmentProfiles.Options.defaults()
        .withMeasures(Map.of("Income", "recency"))).segments().stream()
        .map(p -> p.action().action()).toList();
    List<String> byName = SegmentProfiles.of(features, labels).segments().stream()
        .map(p -> p.action().action()).toList();
    assertEquals("Priority win-back: personalised offer before they go", stated.get(0));
    assertEquals("Upsell higher-value products; loyalty programme", byName.get(0));
    assertEquals(stated, SegmentationModel.load(model).segmentActions());
  }

  @Test
  void theOtherPathsFlagsAndWideTextColumnsAreRefused() {
    String data = TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString();
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--transactions", data, "--out", "x"},
        System.err));
    assertTrue(both.getMessage().contains("one of the two"), both.getMessage());
    IllegalArgumentException rfmFlag = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--id", "ID", "--customer", "ID", "--out", "x"},
        System.err));
    assertTrue(rfmFlag.getMessage().startsWith("--customer is for --transactions"), rfmFlag.getMessage());
    // Dt_Customer: 663 distinct dates as text
    IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--delimiter", "tab", "--id", "ID", "--features",
            "Income,Dt_Customer", "--out", dir.resolve("w").toString()}, System.err));
    assertTrue(wide.getMessage().contains("column 'Dt_Customer' has 663 levels, more than the 50"),
        wide.getMessage());
    IllegalArgumentException logText = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--delimiter", "tab", "--id", "ID", "--features",
            "Income,Education", "--log", "Education", "--out", dir.resolve("l").toString()}, System.err));
    assertTrue(logText.getMessage().contains("--log names 'Education', which is not a numeric feature"),
        logText.getMessage());
    IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--id", "ID", "--measures", "Income=spend",
            "--out", dir.resolve("m").toString()}, System.err));
    assertEquals("--measures changes the segments' actions, which only the --model file holds; give --model FILE "
        + "too", noModel.getMessage());
    IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--id", "ID", "--measures", "Income=money",
            "--model", dir.resolve("m.json").toString(), "--out", dir.resolve("m").toString()}, System.err));
    assertTrue(word.getMessage().startsWith("column 'Income' is said to measure 'money', which the action rules do "
        + "not know"), word.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> SegmentJob.run(
        SharedSpark.session(), new String[] {"--customers", data, "--id", "ID", "--measures",
            "Income=spend,income=recency", "--model", dir.resolve("m.json").toString(), "--out",
            dir.resolve("m").toString()}, System.err));
    assertEquals("--measures names 'Income' twice; give each column one measure", twice.getMessage());
  }
}
