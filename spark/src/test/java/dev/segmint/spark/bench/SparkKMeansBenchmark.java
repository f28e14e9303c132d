package dev.segmint.spark.bench;

import dev.segmint.cluster.KMeans;
import dev.segmint.spark.SparkKMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Segmint's {@link SparkKMeans} against Spark MLlib's k-means on the same cached data, from the same initial
 * centroids (MLlib's {@code setInitialModel}), a fixed number of Lloyd iterations each (tolerance 0 / epsilon 0, so
 * both run {@code iterations} updates unless the labels stop changing first): total time and time per iteration,
 * for several sizes and partition counts. Not a unit test (the lead runs it on a quiet machine):
 *
 * <pre>
 * mvn -o -pl spark -am test-compile
 * java -Xmx12g [Spark's --add-opens list, see spark/pom.xml] -cp "spark/target/test-classes:spark/target/classes:$(cat cp.txt)" \
 *   dev.segmint.spark.bench.SparkKMeansBenchmark 'local[2]' 1000000x16 10000000x8
 * </pre>
 *
 * where {@code cp.txt} is {@code mvn -o -pl spark dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}. Prints one line per (size, partitions, library): rows, features, k, partitions,
 * seconds in total and per iteration, and the inertia (equal between the two up to rounding).
 */
public final class SparkKMeansBenchmark {
  private SparkKMeansBenchmark() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    SparkSession spark = SparkSession.builder().appName("segmint-kmeans-benchmark").master(master)
        .config("spark.ui.enabled", "false").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int k = 8;
    int iterations = 20;
    try {
      for (int a = 1; a < Math.max(2, args.length); a++) {
        String shape = args.length > a ? args[a] : "1000000x16";
        int n = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
        int d = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
        for (int partitions : new int[] {2, 8, 32}) {
          run(spark, jsc, n, d, k, iterations, partitions);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, JavaSparkContext jsc, int n, int d, int k, int iterations,
      int partitions) {
    List<Integer> seeds = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      seeds.add(p);
    }
    int per = (n + partitions - 1) / partitions;
    JavaRDD<double[]> points = jsc.parallelize(seeds, partitions).flatMap(p -> {
      SplittableRandom r = new SplittableRandom(1234 + p);
      List<double[]> out = new ArrayList<>();
      for (int i = p * per; i < Math.min(n, (p + 1) * per); i++) {
        double[] x = new double[d];
        int blob = r.nextInt(k);
        for (int j = 0; j < d; j++) {
          x[j] = blob * (j % 3 == 0 ? 3.0 : -1.5) + r.nextDouble() * 2;
        }
        out.add(x);
      }
      return out.iterator();
    }).persist(StorageLevel.MEMORY_ONLY());
    List<double[]> first = points.take(k);
    double[][] start = first.toArray(double[][]::new);

    StructType schema = new StructType();
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
      schema = schema.add(names[j], DataTypes.DoubleType, false);
    }
    Dataset<Row> frame = spark.createDataFrame(points.map(x -> {
      Object[] v = new Object[x.length];
      for (int j = 0; j < x.length; j++) {
        v[j] = x[j];
      }
      return RowFactory.create(v);
    }), schema).persist(StorageLevel.MEMORY_ONLY());
    frame.count();
    long t0 = System.nanoTime();
    SparkKMeans.Result segmint = SparkKMeans.fit(frame, names, KMeans.Options.of(k).withInitialCentroids(start)
        .withMaxIter(iterations).withTolerance(0));
    double segmintSeconds = (System.nanoTime() - t0) / 1e9;
    print("segmint", n, d, k, partitions, segmintSeconds, segmint.iterations(), segmint.inertia());

    JavaRDD<Vector> vectors = points.map(Vectors::dense).persist(StorageLevel.MEMORY_ONLY());
    vectors.count();
    Vector[] initial = new Vector[k];
    for (int c = 0; c < k; c++) {
      initial[c] = Vectors.dense(start[c]);
    }
    long t1 = System.nanoTime();
    KMeansModel mllib = new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(iterations)
        .setEpsilon(0).setInitialModel(new KMeansModel(initial)).run(vectors.rdd());
    double mllibSeconds = (System.nanoTime() - t1) / 1e9;
    print("mllib", n, d, k, partitions, mllibSeconds, iterations, mllib.computeCost(vectors.rdd()));
    vectors.unpersist(false);
    frame.unpersist(false);
    points.unpersist(false);
  }

  private static void print(String lib, int n, int d, int k, int partitions, double seconds, int iterations,
      double inertia) {
    System.out.printf(Locale.ROOT, "%-8s n=%,d d=%d k=%d partitions=%d: %.2f s total, %.3f s per iteration "
        + "(%d iterations), inertia %.6e%n", lib, n, d, k, partitions, seconds, seconds / Math.max(1, iterations),
        iterations, inertia);
  }
}
