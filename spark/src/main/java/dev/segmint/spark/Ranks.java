package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Exact ranks without a global window: for each distinct value of a column, the number of rows with a strictly worse
 * value. The distinct values with their counts are range-partitioned and sorted (worst first); one job sums each
 * partition (the driver receives one number per partition); a second pass adds the running count within the
 * partition to the sum of the partitions before it. O(d log d) work for d distinct values, spread over the
 * partitions; driver memory O(partitions).
 */
final class Ranks {
  private Ranks() {}

  /**
   * The distinct values of {@code column} with, in column {@code as} (long), the count of rows of {@code data} whose
   * value is strictly worse: larger when {@code smallerIsBetter}, else smaller. NaN values are not expected.
   */
  static Dataset<Row> worse(Dataset<Row> data, String column, boolean smallerIsBetter, String as) {
    Dataset<Row> counts = data.groupBy(col(column)).agg(count(lit(1)).as("n"));
    // worst first: the rows worse than a value are those of the values before it
    Dataset<Row> sorted = counts.orderBy(smallerIsBetter ? col(column).desc() : col(column).asc());
    JavaRDD<Row> rdd = sorted.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<long[]> sums = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
        long s = 0;
        while (it.hasNext()) {
          s += it.next().getLong(1);
        }
        List<long[]> one = new ArrayList<>(1);
        one.add(new long[] {p, s});
        return one.iterator();
      }, false).collect();
      long[] offsets = new long[rdd.getNumPartitions()];
      long[] totals = new long[offsets.length];
      for (long[] ps : sums) {
        totals[(int) ps[0]] = ps[1];
      }
      for (int p = 1; p < offsets.length; p++) {
        offsets[p] = offsets[p - 1] + totals[p - 1];
      }
      JavaRDD<Row> ranked = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
        long before = offsets[p];
        List<Row> rows = new ArrayList<>();
        while (it.hasNext()) {
          Row r = it.next();
          rows.add(RowFactory.create(r.get(0), before));
          before += r.getLong(1);
        }
        return rows.iterator();
      }, true);
      StructType schema = new StructType()
          .add(column, data.schema().apply(column).dataType(), false)
          .add(as, DataTypes.LongType, false);
      // materialized here, so that the persisted input can be released
      Dataset<Row> result = data.sparkSession().createDataFrame(ranked, schema).localCheckpoint(true);
      return result;
    } finally {
      rdd.unpersist(false);
    }
  }
}
