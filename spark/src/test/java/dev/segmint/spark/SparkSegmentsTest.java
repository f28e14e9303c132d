package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A model fitted in the single JVM places every customer on Spark as it does in the single JVM. */
class SparkSegmentsTest {

  static final String[] FEATURES = {"Income", "Recency", "MntWines", "MntMeatProducts", "NumWebPurchases"};

  static Table marketing() {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(TestTables.dataDir()
        .resolve("marketing_campaign.csv.gz")))) {
      return Table.read().usingOptions(CsvReadOptions.builder(in).separator('\t')
          .columnTypesPartial(Map.of("ID", ColumnType.STRING, "Dt_Customer", ColumnType.STRING)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void coreModelAssignsIdenticallyOnSpark() {
    Table customers = marketing();
    SegmentationModel model = Segmentation.builder().columns("ID", FEATURES).kmeans(4).seed(3).threads(1).build()
        .fit(customers);
    // Spark reads the file itself (numbers typed by inference, ID as text), over three partitions
    Dataset<Row> onSpark = SharedSpark.session().read().option("header", "true").option("sep", "\t")
        .option("inferSchema", "true").csv(TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString())
        .withColumn("ID", functions.col("ID").cast("string")).repartition(3);
    Map<String, Integer> spark = new HashMap<>();
    for (Row r : SparkSegments.assign(onSpark, model).collectAsList()) {
      assertTrue(spark.put(r.getString(0), r.getInt(1)) == null, "customer " + r.getString(0) + " twice");
    }
    String[] ids = model.customerIds();
    int[] labels = model.labels();
    assertEquals(customers.rowCount(), spark.size(), "customers conserved");
    assertEquals(ids.length, spark.size());
    for (int i = 0; i < ids.length; i++) {
      assertEquals(labels[i], spark.get(ids[i]), "customer " + ids[i]);
    }
  }
}
