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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
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
    assertSameAsCore(ids, names, x, start, partitions, KMeans.Algorithm.LLOYD);
  }

  static void assertSameAsCore(String[] ids, String[] names, double[][] x, double[][] start, int partitions,
      KMeans.Algorithm algorithm) {
    int k = start.length;
    KMeans.Options options = KMeans.Options.of(k).withInitialCentroids(start).withAlgorithm(algorithm)
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
  void hamerlyFromTheSameCentroidsEqualsCoreAndLloyd() {
    int n = 3000;
    double[][] x = blobs(n);
    double[][] start = {x[0], x[4], x[8], x[12]};
    String[] names = {"a", "b", "c"};
    // Hamerly on both sides: core's labels, centroids and iteration count
    assertSameAsCore(ids(n), names, x, start, 3, KMeans.Algorithm.HAMERLY);
    // and on Spark the bounds skip distances but change nothing: the same bits as plain Lloyd
    Dataset<Row> data = frame(ids(n), names, x, 3);
    KMeans.Options options = KMeans.Options.of(4).withInitialCentroids(start);
    SparkKMeans.Result hamerly = SparkKMeans.fit(data, names, options.withAlgorithm(KMeans.Algorithm.HAMERLY));
    SparkKMeans.Result lloyd = SparkKMeans.fit(data, names, options.withAlgorithm(KMeans.Algorithm.LLOYD));
    assertTrue(hamerly.iterations() > 3, "the poor start makes segments travel: " + hamerly.iterations());
    assertEquals(lloyd.iterations(), hamerly.iterations());
    assertArrayEquals(lloyd.sizes(), hamerly.sizes());
    assertEquals(lloyd.inertia(), hamerly.inertia(), 0.0);
    for (int c = 0; c < 4; c++) {
      assertArrayEquals(lloyd.centroids()[c], hamerly.centroids()[c], 0.0);
    }
    assertTrue(hamerly.settings().contains("algorithm=hamerly"), hamerly.settings());
    assertTrue(lloyd.settings().contains("algorithm=lloyd"), lloyd.settings());
  }

  @Test
  void theResultDoesNotDependOnHowBlocksAreGroupedIntoTasks() {
    // 40,000 rows in 6 partitions (2 blocks each), generated by Spark: four blobs 8 apart with σ = 2.5; the passes
    // on 1, 2 (coalesced) and 6 tasks
    int n = 40_000;
    String[] names = {"a", "b", "c"};
    Column blob = functions.col("id").mod(4);
    Dataset<Row> data = SharedSpark.session().range(0, n, 1, 6).select(
        blob.equalTo(1).cast("double").multiply(8).plus(functions.randn(1).multiply(2.5)).as("a"),
        blob.equalTo(2).cast("double").multiply(8).plus(functions.randn(2).multiply(2.5)).as("b"),
        blob.equalTo(3).cast("double").multiply(8).plus(functions.randn(3).multiply(2.5)).as("c")).cache();
    KMeans.Options options = KMeans.Options.of(4).withSeed(5);
    SparkKMeans.Result one = SparkKMeans.fit(data, names, options, 1);
    SparkKMeans.Result two = SparkKMeans.fit(data, names, options, 2);
    SparkKMeans.Result six = SparkKMeans.fit(data, names, options, 6);
    data.unpersist();
    assertEquals(n, java.util.Arrays.stream(one.sizes()).sum());
    for (SparkKMeans.Result r : List.of(two, six)) {
      assertEquals(one.iterations(), r.iterations());
      assertArrayEquals(one.sizes(), r.sizes());
      assertEquals(one.inertia(), r.inertia(), 0.0);
      for (int c = 0; c < 4; c++) {
        assertArrayEquals(one.centroids()[c], r.centroids()[c], 0.0);
      }
    }
  }

  @Test
  void cachedBlocksHoldEveryRowOnceInOrder() {
    // 20,000 rows in 3 partitions (6,666 or 6,667 each): two blocks per partition, the second partial
    int n = 20_000;
    double[][] x = blobs(n);
    String[] names = {"a", "b", "c"};
    Dataset<Row> data = frame(ids(n), names, x, 3);
    SparkKMeans.Points points = SparkKMeans.Points.read(data, names, true, 2);
    try {
      assertEquals(n, points.n);
      List<SparkKMeans.Block> blocks = new ArrayList<>(points.cached.collect());
      blocks.sort(java.util.Comparator.comparingInt((SparkKMeans.Block b) -> b.partition)
          .thenComparingInt(b -> b.index));
      assertEquals(6, blocks.size());
      long row = 0;
      int[] rowsOf = new int[3];
      for (SparkKMeans.Block b : blocks) {
        assertEquals(points.partitionStart[b.partition] + rowsOf[b.partition], row, "no gap, no overlap");
        assertEquals(rowsOf[b.partition], b.first);
        for (int i = 0; i < b.size; i++, row++) {
          assertArrayEquals(x[(int) row], java.util.Arrays.copyOfRange(b.x, i * 3, i * 3 + 3), 0.0, "row " + row);
        }
        rowsOf[b.partition] += b.size;
      }
      assertEquals(n, row);
      assertEquals(n, rowsOf[0] + rowsOf[1] + rowsOf[2]);
      assertTrue(rowsOf[0] > SparkKMeans.BLOCK && rowsOf[2] > SparkKMeans.BLOCK);
      // the mean feature variance, two-pass on the driver
      double total = 0;
      for (int j = 0; j < 3; j++) {
        double mean = 0;
        for (double[] r : x) {
          mean += r[j];
        }
        mean /= n;
        double ss = 0;
        for (double[] r : x) {
          ss += (r[j] - mean) * (r[j] - mean);
        }
        total += ss / n;
      }
      assertEquals(total / 3, points.meanVariance, 1e-12 * total);
    } finally {
      points.cached.unpersist(true);
    }
  }

  @Test
  void aBlockThatLostItsStateRebuildsTheSameLabelsAndSums() {
    // two copies of the same 1,000 points: one follows every pass, the other sees only the last one (as after a
    // recomputation or a read from disk), a third repeats a pass (as a retried task)
    int n = 1000;
    int d = 3;
    int k = 4;
    double[][] pts = blobs(n);
    double[] flat = SparkKMeans.flatten(pts, d);
    SparkKMeans.Block follows = new SparkKMeans.Block(0, 0, 0, n, d, flat.clone(), true);
    SparkKMeans.Block fresh = new SparkKMeans.Block(0, 0, 0, n, d, flat.clone(), true);
    double[][] centroids = {
        SparkKMeans.flatten(new double[][] {pts[0], pts[4], pts[8], pts[12]}, d),
        SparkKMeans.flatten(new double[][] {{1, 1, 1}, {6, 1, 0}, {0, 5, 1}, {1, 0, 5}}, d),
        SparkKMeans.flatten(new double[][] {{0.2, 0.1, 0}, {7.5, 0, 0.3}, {0, 7.9, 0}, {0.1, 0, 8.2}}, d)};
    int length = k * d + k + 2;
    double[] acc = null;
    for (int v = 0; v < centroids.length; v++) {
      acc = new double[length];
      follows.step(new SparkKMeans.Step(42, v, k, d, centroids[v], v == 0 ? null : centroids[v - 1], true,
          false), acc);
    }
    SparkKMeans.Step last = new SparkKMeans.Step(42, 2, k, d, centroids[2], centroids[1], true, true);
    double[] again = new double[length];
    follows.step(last, again);
    double[] rebuilt = new double[length];
    fresh.step(last, rebuilt);
    // the changed count of the last pass, and the sums and counts of its labels, by brute force
    double[] expected = new double[length];
    for (int i = 0; i < n; i++) {
      int before = nearest(pts[i], centroids[1], k, d);
      int now = nearest(pts[i], centroids[2], k, d);
      expected[k * d + now] += 1;
      expected[k * d + k] += before != now ? 1 : 0;
      for (int j = 0; j < d; j++) {
        expected[now * d + j] += pts[i][j];
        expected[k * d + k + 1] += (pts[i][j] - centroids[2][now * d + j]) * (pts[i][j] - centroids[2][now * d + j]);
      }
    }
    assertTrue(expected[k * d + k] > 0, "labels changed in the last pass");
    assertArrayEquals(java.util.Arrays.copyOf(expected, length - 1), java.util.Arrays.copyOf(acc, length - 1), 1e-9);
    assertArrayEquals(java.util.Arrays.copyOf(acc, length - 1), java.util.Arrays.copyOf(again, length - 1), 0.0);
    assertArrayEquals(again, rebuilt, 0.0);
    assertEquals(expected[length - 1], rebuilt[length - 1], 1e-9 * expected[length - 1]);
  }

  private static int nearest(double[] p, double[] c, int k, int d) {
    int best = 0;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int a = 0; a < k; a++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (p[j] - c[a * d + j]) * (p[j] - c[a * d + j]);
      }
      if (s < bestDist) {
        bestDist = s;
        best = a;
      }
    }
    return best;
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
    assertTrue(nulls.getMessage().contains("the first in row 3"), nulls.getMessage());
    IllegalArgumentException miniBatch = assertThrows(IllegalArgumentException.class,
        () -> SparkKMeans.fit(data, names, KMeans.Options.of(2).withAlgorithm(KMeans.Algorithm.MINI_BATCH)));
    assertTrue(miniBatch.getMessage().contains("mini-batch"), miniBatch.getMessage());
  }
}
