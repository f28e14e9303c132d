package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** SparkKMeans against core's KMeans on the same data: from the same centroids the same labels and centroids. */
class SparkKMeansTest {

  /** Four Gaussian blobs in 3 dimensions (σ = 1, centres 8 apart) and some spread points, from a fixed seed. */
  static double[][] blobs(int n) {
    return blobs(n, 1);
  }

  static double[][] blobs(int n, double sigma) {
    SplittableRandom rnd = new SplittableRandom(20261203L);
    double[][] centres = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}};
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 4];
      for (int j = 0; j < 3; j++) {
        x[i][j] = c[j] + gaussian(rnd) * sigma * (1 + (i % 7) / 6.0);
      }
    }
    return x;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static Dataset<Row> frame(String[] ids, String[] names, double[][] x, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      Object[] v = new Object[names.length + 1];
      v[0] = ids[i];
      for (int j = 0; j < names.length; j++) {
        v[j + 1] = x[i][j];
      }
      rows.add(RowFactory.create(v));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType, false);
    for (String n : names) {
      schema = schema.add(n, DataTypes.DoubleType, false);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    return SharedSpark.session().createDataFrame(jsc.parallelize(rows, partitions), schema);
  }

  static String[] ids(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
    }
    return ids;
  }

  /** Fits both from the same centroids and compares labels (every row), centroids, inertia and iterations. */
  static void assertSameAsCore(String[] ids, String[] names, double[][] x, double[][] start, int partitions) {
    int k = start.length;
    KMeans.Options options = KMeans.Options.of(k).withInitialCentroids(start).withAlgorithm(KMeans.Algorithm.LLOYD)
        .withThreads(1).withMaxIter(300);
    KMeans.Result core = KMeans.fit(FeatureMatrix.of(ids, names, x), options);
    Dataset<Row> data = frame(ids, names, x, partitions);
    SparkKMeans.Result spark = SparkKMeans.fit(data, names, options);
    assertEquals(core.iterations(), spark.iterations(), "iterations");
    assertEquals(core.converged(), spark.converged());
    assertArrayEquals(core.sizes(), spark.sizes());
    double[][] a = core.centroids();
    double[][] b = spark.centroids();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < names.length; j++) {
        assertEquals(a[c][j], b[c][j], 1e-9 * Math.max(1e-300, Math.abs(a[c][j])), "centroid " + c + "[" + j + "]");
      }
    }
    assertEquals(core.inertia(), spark.inertia(), 1e-9 * core.inertia());
    int[] labels = core.labels();
    Map<String, Integer> byId = new HashMap<>();
    for (Row r : spark.assign(data, "segment").select("id", "segment").collectAsList()) {
      byId.put(r.getString(0), r.getInt(1));
    }
    assertEquals(ids.length, byId.size(), "customers conserved");
    for (int i = 0; i < ids.length; i++) {
      assertEquals(labels[i], byId.get(ids[i]), "label of " + ids[i]);
    }
  }

  @Test
  void blobsFromTheSameCentroidsEqualCore() {
    int n = 3000;
    double[][] x = blobs(n);
    // poor starts on purpose: four points of the same blob (rows 0, 4, 8, 12), so segments must travel
    double[][] start = {x[0], x[4], x[8], x[12]};
    assertSameAsCore(ids(n), new String[] {"a", "b", "c"}, x, start, 3);
  }

  @Test
  void rfmFeaturesFromTheSameCentroidsEqualCore() {
    Table rfm = SparkRfmTest.RETAIL.run(TestTables.onlineRetail()).table();
    int n = rfm.rowCount();
    String[] names = {"recency_days", "frequency", "monetary"};
    double[][] x = new double[n][3];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = rfm.stringColumn("customer_id").get(i);
      x[i][0] = Math.log1p(rfm.intColumn("recency_days").get(i));
      x[i][1] = Math.log1p(rfm.intColumn("frequency").get(i));
      x[i][2] = Math.log1p(Math.max(0, rfm.doubleColumn("monetary").get(i)));
    }
    double[][] start = {x[0], x[1], x[2], x[3], x[4]};
    assertSameAsCore(ids, names, x, start, 4);
  }

  @Test
  void kMeansParallelSeedingFindsTheBlobsWhateverThePartitions() {
    int n = 2000;
    // well apart (σ ≤ 1): k-means has one good local optimum, the four blobs
    double[][] x = blobs(n, 0.5);
    String[] names = {"a", "b", "c"};
    KMeans.Options options = KMeans.Options.of(4).withSeed(11);
    SparkKMeans.Result two = SparkKMeans.fit(frame(ids(n), names, x, 2), names, options);
    SparkKMeans.Result five = SparkKMeans.fit(frame(ids(n), names, x, 5), names, options);
    KMeans.Result core = KMeans.fit(FeatureMatrix.of(ids(n), names, x), options);
    // the four blobs: 500 points each, as core's k-means++ finds them
    assertArrayEquals(new long[] {500, 500, 500, 500}, core.sizes());
    assertArrayEquals(core.sizes(), two.sizes());
    assertArrayEquals(two.sizes(), five.sizes());
    assertEquals(core.inertia(), two.inertia(), 1e-9 * core.inertia());
    double[][] a = two.centroids();
    double[][] b = five.centroids();
    for (int c = 0; c < 4; c++) {
      assertArrayEquals(a[c], b[c], 1e-12);
    }
  }

  @Test
  void badInputIsRefusedWithTheColumn() {
    String[] names = {"a", "b", "c"};
    Dataset<Row> data = frame(ids(10), names, blobs(10), 2);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SparkKMeans.fit(data, new String[] {"a", "z"}, KMeans.Options.of(2)));
    assertTrue(missing.getMessage().contains("'z'"), missing.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> SparkKMeans.fit(data, new String[] {"id"}, KMeans.Options.of(2)));
    assertTrue(text.getMessage().contains("'id' is string, not numeric"), text.getMessage());
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> SparkKMeans.fit(data, names, KMeans.Options.of(11)));
    assertTrue(tooMany.getMessage().contains("k = 11"), tooMany.getMessage());
    Dataset<Row> withNull = data.withColumn("b", org.apache.spark.sql.functions.when(
        org.apache.spark.sql.functions.col("id").equalTo("c3"), null).otherwise(org.apache.spark.sql.functions.col("b")));
    IllegalArgumentException nulls = assertThrows(IllegalArgumentException.class,
        () -> SparkKMeans.fit(withNull, names, KMeans.Options.of(2)));
    assertTrue(nulls.getMessage().contains("'b' has 1 missing"), nulls.getMessage());
  }
}
