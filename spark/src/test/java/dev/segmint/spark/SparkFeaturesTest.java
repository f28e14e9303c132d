package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.Imputation;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The pipeline fitted on Spark is the one the single JVM fits on the same data (its model JSON equal, numbers within
 * 1e-12 relative), and transforms rows as the single JVM does.
 */
class SparkFeaturesTest {

  static final String[] NUMERIC = {"Year_Birth", "Income", "Kidhome", "Teenhome", "Recency", "MntWines", "MntFruits",
      "MntMeatProducts", "MntFishProducts", "MntSweetProducts", "MntGoldProds", "NumDealsPurchases", "NumWebPurchases",
      "NumCatalogPurchases", "NumStorePurchases", "NumWebVisitsMonth", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5",
      "AcceptedCmp1", "AcceptedCmp2", "Complain", "Z_CostContact", "Z_Revenue", "Response"};

  static Dataset<Row> marketingOnSpark() {
    return SharedSpark.session().read().option("header", "true").option("sep", "\t").option("inferSchema", "true")
        .csv(TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString())
        .withColumn("ID", functions.col("ID").cast("string")).repartition(3);
  }

  /** The command line's `segment --customers` spec: every column standard-scaled, categories one-hot, impute. */
  @Test
  void commandLineSpecOnMarketingCampaign() {
    FeatureSpec.Builder b = FeatureSpec.builder().columns("ID").missing(MissingValues.IMPUTE);
    for (String c : NUMERIC) {
      b.add(NumericFeature.of(c).withScale(Scaler.Kind.STANDARD));
    }
    b.add(CategoricalFeature.oneHot("Education")).add(CategoricalFeature.oneHot("Marital_Status"));
    FeatureSpec spec = b.build();
    Table table = SparkSegmentsTest.marketing();
    FeaturePipeline single = spec.fit(table);
    Dataset<Row> data = marketingOnSpark();
    FeaturePipeline spark = SparkFeatures.fit(data, spec);
    // Income has 24 missing values of 2,240 (1 %): imputed with the median 51,381.5, no indicator
    FeaturePipeline.FittedNumeric income = (FeaturePipeline.FittedNumeric) spark.fitted().get(1);
    assertEquals(24, income.missingAtFit());
    assertEquals(51381.5, income.fill());
    assertEquals(Imputation.MEDIAN, income.spec().imputation());
    assertTrue(spark.fitReport() == null || spark.fitReport().customers() == 2240);
    assertSameJson(SparkFeatures.toJson(single), SparkFeatures.toJson(spark));
    assertSameRows(single.transform(table), SparkFeatures.transform(data, spark), 1e-12);
    // the single JVM's own pipeline, applied on Spark: bit for bit (core's code in each partition)
    assertSameRows(single.transform(table), SparkFeatures.transform(data, single), 0);
  }

  /** Every fill, transform, scaling and encoder, with missing values imputed. */
  @Test
  void everyStatisticOnMarketingCampaign() {
    FeatureSpec spec = FeatureSpec.builder().columns("ID")
        .add(NumericFeature.of("Income").withImputation(Imputation.MEAN).withMissingIndicator().withLog1p()
            .withWinsorize(0.05, 0.95).withScale(Scaler.Kind.ROBUST))
        .add(NumericFeature.of("MntWines").withWinsorize(0.01, 0.99).withScale(Scaler.Kind.ROBUST).withWeight(2))
        .add(NumericFeature.of("MntGoldProds").withLog1p().withScale(Scaler.Kind.MINMAX))
        .add(NumericFeature.of("Year_Birth").withImputation(Imputation.MODE).withScale(Scaler.Kind.STANDARD))
        .add(NumericFeature.of("Recency"))
        .add(CategoricalFeature.ordinal("Education", "Basic", "2n Cycle", "Graduation", "Master", "PhD")
            .withScale(Scaler.Kind.STANDARD))
        .add(CategoricalFeature.frequency("Marital_Status").withScale(Scaler.Kind.ROBUST))
        .add(CategoricalFeature.oneHot("Kidhome").withScale(Scaler.Kind.STANDARD).withMinCount(100))
        .build();
    Table table = SparkSegmentsTest.marketing();
    FeaturePipeline single = spec.fit(table);
    Dataset<Row> data = marketingOnSpark();
    FeaturePipeline spark = SparkFeatures.fit(data, spec);
    assertSameJson(SparkFeatures.toJson(single), SparkFeatures.toJson(spark));
    assertSameRows(single.transform(table), SparkFeatures.transform(data, spark), 1e-12);
  }

  /** DROP leaves out the 24 customers without an income, at fit and at transform; levels for k-prototypes. */
  @Test
  void dropPolicyAndLevels() {
    FeatureSpec spec = FeatureSpec.builder().columns("ID").missing(MissingValues.DROP)
        .numeric(NumericFeature.of("x").withScale(Scaler.Kind.STANDARD), "Income", "Recency", "MntWines")
        .add(CategoricalFeature.levels("Marital_Status"))
        .build();
    Table table = SparkSegmentsTest.marketing();
    FeaturePipeline single = spec.fit(table);
    Dataset<Row> data = marketingOnSpark();
    FeaturePipeline spark = SparkFeatures.fit(data, spec);
    assertSameJson(SparkFeatures.toJson(single), SparkFeatures.toJson(spark));
    IllegalArgumentException levels = assertThrows(IllegalArgumentException.class,
        () -> SparkFeatures.transform(data, spark));
    assertTrue(levels.getMessage().contains("'Marital_Status' is kept as categorical levels"), levels.getMessage());
    FeatureSpec numeric = FeatureSpec.builder().columns("ID").missing(MissingValues.DROP)
        .numeric(NumericFeature.of("x").withScale(Scaler.Kind.STANDARD), "Income", "Recency", "MntWines").build();
    FeaturePipeline dropped = SparkFeatures.fit(data, numeric);
    assertSameJson(SparkFeatures.toJson(numeric.fit(table)), SparkFeatures.toJson(dropped));
    Dataset<Row> out = SparkFeatures.transform(data, dropped);
    assertEquals(2240 - 24, out.count(), "customers kept: 2,240 less the 24 without an income");
    assertSameRows(numeric.fit(table).transform(table), out, 1e-12);
  }

  @Test
  void missingValuesAreRefusedUnderFailWithTheColumnAndTheFix() {
    FeatureSpec spec = FeatureSpec.builder().columns("ID").add(NumericFeature.of("Income")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkFeatures.fit(marketingOnSpark(), spec));
    assertTrue(e.getMessage().startsWith("1 feature column has missing values: Income 24 (first for customer "),
        e.getMessage());
    assertTrue(e.getMessage().contains("missing(MissingValues.IMPUTE)"), e.getMessage());
    FeatureSpec text = FeatureSpec.builder().columns("ID").add(NumericFeature.of("Education")).build();
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> SparkFeatures.fit(marketingOnSpark(), text));
    assertTrue(t.getMessage().contains("numeric feature 'Education' is string"), t.getMessage());
    Dataset<Row> infinite = SharedSpark.session().createDataFrame(List.of(RowFactory.create("a", 1.0),
        RowFactory.create("b", Double.POSITIVE_INFINITY)), new StructType().add("id", DataTypes.StringType)
        .add("x", DataTypes.DoubleType));
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> SparkFeatures.fit(infinite,
        FeatureSpec.builder().columns("id").add(NumericFeature.of("x")).build()));
    assertEquals("feature 'x' is Infinity for customer b; all features must be finite numbers: fix, clip or drop that "
        + "value", inf.getMessage());
  }

  @Test
  void anIdOnMoreThanOneRowIsRefusedAsCoreRefusesIt() {
    // "b" twice, " c" and "c" (the same id once stripped), "d" three times; "a" and "e" once
    Dataset<Row> rows = SharedSpark.session().createDataFrame(List.of(RowFactory.create("a", 1.0),
        RowFactory.create("d", 2.0), RowFactory.create("b", 3.0), RowFactory.create(" c", 4.0),
        RowFactory.create("d", 5.0), RowFactory.create("b", 6.0), RowFactory.create("c", 7.0),
        RowFactory.create("d", 8.0), RowFactory.create("e", 9.0)), new StructType().add("id", DataTypes.StringType)
        .add("x", DataTypes.DoubleType)).repartition(3);
    FeatureSpec spec = FeatureSpec.builder().columns("id").add(NumericFeature.of("x")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkFeatures.fit(rows, spec));
    assertEquals("3 customer ids are on more than one row in column 'id' (ids compared without surrounding spaces): "
        + "'b' (2 rows), 'c' (2 rows), 'd' (3 rows); the features need one row per customer: aggregate the rows per "
        + "id first (groupBy(\"id\").agg(...)) or drop the repeats (dropDuplicates(\"id\"))", e.getMessage());
    // core refuses the same table too
    Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("id", "a", "d", "b", " c", "d", "b", "c", "d",
        "e"), tech.tablesaw.api.DoubleColumn.create("x", 1, 2, 3, 4, 5, 6, 7, 8, 9));
    assertThrows(IllegalArgumentException.class, () -> spec.fit(t));
  }

  /** The command line's RFM features (log1p, standard, impute) on the first 30,000 rows of Online Retail. */
  @Test
  void rfmFeaturesOnOnlineRetail() {
    Table tx = TestTables.onlineRetail().first(30_000);
    FeatureSpec spec = FeatureSpec.builder().rfm(SparkRfmTest.RETAIL).missing(MissingValues.IMPUTE)
        .numeric(NumericFeature.of("x").withLog1p().withScale(Scaler.Kind.STANDARD), "recency_days", "frequency",
            "monetary").build();
    FeaturePipeline single = spec.fit(tx);
    Table rfm = SparkRfmTest.RETAIL.run(tx).table();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < rfm.rowCount(); i++) {
      rows.add(RowFactory.create(rfm.stringColumn("customer_id").get(i), rfm.intColumn("recency_days").get(i),
          rfm.intColumn("frequency").get(i), rfm.doubleColumn("monetary").get(i)));
    }
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("recency_days",
        DataTypes.IntegerType).add("frequency", DataTypes.IntegerType).add("monetary", DataTypes.DoubleType);
    Dataset<Row> data = SharedSpark.session().createDataFrame(rows, schema).repartition(4);
    FeaturePipeline spark = SparkFeatures.fit(data, spec);
    assertEquals(single.spec().sources(), spark.spec().sources());
    assertSameJson(SparkFeatures.toJson(single), SparkFeatures.toJson(spark));
    assertSameRows(single.transform(tx), SparkFeatures.transform(data, spark), 1e-12);
  }

  /**
   * The two JSON texts have the same lines; where a line differs, only in numbers, each within {@code 1e-12}
   * relative (the checksum line aside).
   */
  static void assertSameJson(String expected, String actual) {
    String[] e = expected.split("\n");
    String[] a = actual.split("\n");
    assertEquals(e.length, a.length, "lines of the JSON\n" + expected + "\n---\n" + actual);
    Pattern num = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    for (int i = 0; i < e.length; i++) {
      if (e[i].equals(a[i]) || e[i].contains("\"checksum\"")) {
        continue;
      }
      assertEquals(num.matcher(e[i]).replaceAll("#"), num.matcher(a[i]).replaceAll("#"), "line " + (i + 1));
      Matcher me = num.matcher(e[i]);
      Matcher ma = num.matcher(a[i]);
      while (me.find() && ma.find()) {
        double x = Double.parseDouble(me.group());
        double y = Double.parseDouble(ma.group());
        assertTrue(Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)),
            "line " + (i + 1) + ": " + e[i] + " vs " + a[i]);
      }
    }
  }

  /** The same customers and feature names, values within {@code tol} (relative, absolute below 1). */
  static void assertSameRows(FeatureMatrix expected, Dataset<Row> actual, double tol) {
    List<String> names = List.of(actual.columns()).subList(1, actual.columns().length);
    assertEquals(List.of(expected.names()), names);
    Map<String, Row> byId = new HashMap<>();
    for (Row r : actual.collectAsList()) {
      assertTrue(byId.put(r.getString(0), r) == null, "customer " + r.getString(0) + " twice");
    }
    assertEquals(expected.rows(), byId.size(), "customers");
    String[] ids = expected.ids();
    double[] x = expected.toFlatArray();
    int d = names.size();
    for (int i = 0; i < ids.length; i++) {
      Row r = byId.get(ids[i]);
      for (int j = 0; j < d; j++) {
        double want = x[i * d + j];
        double got = r.getDouble(j + 1);
        assertTrue(Math.abs(want - got) <= tol * Math.max(1, Math.abs(want)),
            "customer " + ids[i] + ", " + names.get(j) + ": " + want + " vs " + got);
      }
    }
  }
}
