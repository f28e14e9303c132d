package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The driver's profile sample of {@code SegmentJob --model}: all customers up to the limit, else a uniform sample. */
class ProfileSampleTest {

  @Test
  void aboutTheLimitTheSameForAnyPartitioning() {
    SparkSession spark = SharedSpark.session();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(RowFactory.create("c" + i, i % 5));
    }
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("segment", DataTypes.IntegerType);
    Dataset<Row> one = spark.createDataFrame(rows, schema).coalesce(1);
    Dataset<Row> five = spark.createDataFrame(rows, schema).repartition(5);
    // at or below the limit: everyone
    assertEquals(20_000, SegmentJob.profileSample(one, 20_000, 20_000).count());
    // above: about the limit (a binomial count, 2,000 ± 4.5 sd ≈ ±190), the same customers however partitioned
    List<String> a = ids(SegmentJob.profileSample(one, 20_000, 2_000));
    List<String> b = ids(SegmentJob.profileSample(five, 20_000, 2_000));
    assertTrue(Math.abs(a.size() - 2_000) < 190, "sample of " + a.size());
    assertEquals(a, b);
    // every segment is in the sample in about its share (a fifth each)
    for (int s = 0; s < 5; s++) {
      long inSegment = SegmentJob.profileSample(one, 20_000, 2_000).where("segment = " + s).count();
      assertTrue(Math.abs(inSegment - a.size() / 5.0) < 100, "segment " + s + ": " + inSegment);
    }
  }

  private static List<String> ids(Dataset<Row> d) {
    return d.orderBy("customer_id").select("customer_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }
}
