package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;

import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.ProfileAccumulator;
import dev.segmint.profile.Significance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.IntegerType;
import scala.Tuple2;

/**
 * Per-segment statistics by aggregation: of categorical columns, core's level shares and lifts
 * ({@link #categorical}); of numeric columns, the rank tests of core's profiles from rank sums ({@link #rankTests}),
 * and for each segment and column core's
 * {@link NumericSummary} (count, missing, mean, sample standard deviation, min, 5th percentile, quartiles, 95th
 * percentile, max), the quantiles exact (type 7, linear interpolation, as core's) and computed without collecting
 * the values: the present values are sorted by (segment, value) across the partitions, numbered, and only the order
 * statistics each quantile needs (at most 10 per segment) are brought to the driver.
 *
 * <p>Cost per column: one aggregation (count, missing, mean, deviation, min, max) and one distributed sort of the
 * present values (a shuffle of 12 bytes per row) with one numbering pass; driver memory O(segments). Mean and
 * deviation are Spark's ({@code avg}, {@code stddev_samp}): equal to core's up to rounding. Limits: segments are
 * the int labels 0..k-1 (noise, -1, is left out); nulls and NaN count as missing.
 */
public final class SparkProfiles {
  private SparkProfiles() {}

  /**
   * The summaries, by column (in the order given), then by segment 0..k-1 (a segment with no row has count 0 and
   * NaN statistics).
   *
   * @throws IllegalArgumentException when the segment column is missing or not int, or a column is not numeric
   */
  public static Map<String, NumericSummary[]> numeric(Dataset<Row> data, String segment, int k, String... columns) {
    Objects.requireNonNull(data, "data");
    checkSegment(data, segment, k);
    Columns.requireNumeric(data, columns);
    Map<String, NumericSummary[]> out = new LinkedHashMap<>();
    Dataset<Row> placed = data.filter(col(segment).geq(0).and(col(segment).lt(k)));
    for (String c : columns) {
      out.put(c, summaries(placed, segment, k, c));
    }
    return out;
  }

  private static NumericSummary[] summaries(Dataset<Row> data, String segment, int k, String column) {
    Column v = col("`" + column + "`").cast("double");
    Column present = v.isNotNull().and(functions.not(functions.isnan(v)));
    long[] count = new long[k];
    long[] missing = new long[k];
    double[] mean = new double[k];
    double[] sd = new double[k];
    double[] min = new double[k];
    double[] max = new double[k];
    Arrays.fill(mean, Double.NaN);
    Arrays.fill(sd, Double.NaN);
    Arrays.fill(min, Double.NaN);
    Arrays.fill(max, Double.NaN);
    Column x = functions.when(present, v);
    for (Row r : data.groupBy(col(segment)).agg(functions.count(x), functions.sum(functions.when(present, 0L)
            .otherwise(1L)), functions.avg(x), functions.stddev_samp(x), functions.min(x), functions.max(x))
        .collectAsList()) {
      int s = r.getInt(0);
      count[s] = r.getLong(1);
      missing[s] = r.getLong(2);
      if (count[s] > 0) {
        mean[s] = r.getDouble(3);
        sd[s] = count[s] > 1 ? r.getDouble(4) : Double.NaN;
        min[s] = r.getDouble(5);
        max[s] = r.getDouble(6);
      }
    }
    // the order statistics each quantile needs, as global positions in the (segment, value) order
    double[] ps = {0.05, 0.25, 0.5, 0.75, 0.95};
    long[] offset = new long[k];
    for (int s = 1; s < k; s++) {
      offset[s] = offset[s - 1] + count[s - 1];
    }
    Set<Long> wanted = new TreeSet<>();
    for (int s = 0; s < k; s++) {
      if (count[s] == 0) {
        continue;
      }
      for (double p : ps) {
        double h = (count[s] - 1) * p;
        long lo = (long) Math.floor(h);
        wanted.add(offset[s] + lo);
        wanted.add(offset[s] + Math.min(lo + 1, count[s] - 1));
      }
    }
    JavaRDD<Tuple2<Row, Long>> numbered = data.filter(present).select(col(segment), v.as("v"))
        .orderBy(col(segment), col("v")).javaRDD().zipWithIndex().rdd().toJavaRDD();
    Map<Long, Double> at = new HashMap<>();
    for (Tuple2<Row, Long> t : numbered.filter(t -> wanted.contains(t._2())).collect()) {
      at.put(t._2(), t._1().getDouble(1));
    }
    NumericSummary[] out = new NumericSummary[k];
    for (int s = 0; s < k; s++) {
      if (count[s] == 0) {
        double nan = Double.NaN;
        out[s] = new NumericSummary(0, missing[s], nan, nan, nan, nan, nan, nan, nan, nan, nan);
        continue;
      }
      double[] q = new double[ps.length];
      for (int i = 0; i < ps.length; i++) {
        double h = (count[s] - 1) * ps[i];
        long lo = (long) Math.floor(h);
        double a = at.get(offset[s] + lo);
        double b = at.get(offset[s] + Math.min(lo + 1, count[s] - 1));
        q[i] = a + (h - lo) * (b - a);
      }
      out[s] = new NumericSummary(count[s], missing[s], mean[s], sd[s], min[s], q[0], q[1], q[2], q[3], q[4], max[s]);
    }
    return out;
  }

  /**
   * The rank tests of one numeric column, as core's profiles compute them: each segment against the rest (Mann–Whitney
   * U, tie-corrected normal approximation, effect size the rank-biserial correlation; {@link
   * Significance#mannWhitney(double, long, long, double)}) and all segments at once (Kruskal–Wallis H, effect size
   * ε²; {@link Significance#kruskalWallis(double[], long[], double)}).
   *
   * @param segmentVsRest by segment 0..k-1 (NaN for a segment without values)
   * @param acrossSegments the Kruskal–Wallis test over the segments with values
   */
  public record RankTests(Significance.Result[] segmentVsRest, Significance.Result acrossSegments) {
    @Override
    public String toString() {
      return "across segments: " + acrossSegments + "; segment vs rest: " + Arrays.toString(segmentVsRest);
    }
  }

  /**
   * The rank tests of numeric columns (in the order given) across segments 0..k-1, from statistics computed by
   * aggregation: the values are ranked once per column without a global window (each distinct value's count of
   * smaller values, {@code Ranks}; ties share their average rank), the rank sums and sizes are summed per segment and
   * Σ(t³ − t) over the tie groups, and the tests run on the driver from those numbers, as core's profiles run them
   * after their own ranking; the same U, H and p-values as core's tests on the collected values (rank sums are sums
   * of halves, exact in double up to 2⁵² values). Missing values (null, NaN) are left out. Cost per column: one
   * aggregation by value, the ranking's sort of the distinct values, one join and one aggregation by segment;
   * driver memory O(k + partitions).
   *
   * @throws IllegalArgumentException when the segment column is missing or not int, or a column is not numeric
   */
  public static Map<String, RankTests> rankTests(Dataset<Row> data, String segment, int k, String... columns) {
    Objects.requireNonNull(data, "data");
    checkSegment(data, segment, k);
    Columns.requireNumeric(data, columns);
    Map<String, RankTests> out = new LinkedHashMap<>();
    Dataset<Row> placed = data.filter(col(segment).geq(0).and(col(segment).lt(k)));
    for (String c : columns) {
      Column v = col("`" + c + "`").cast("double");
      Dataset<Row> values = placed.filter(v.isNotNull().and(functions.not(functions.isnan(v))))
          .select(col(segment).as("segment"), v.as("v"));
      Dataset<Row> ties = values.groupBy(col("v")).agg(functions.count(functions.lit(1)).as("t"));
      double tieSum = 0;
      for (Row r : ties.filter(col("t").gt(1))
          .agg(functions.sum(col("t").cast("double").multiply(col("t")).multiply(col("t")).minus(col("t"))))
          .collectAsList()) {
        tieSum = r.isNullAt(0) ? 0 : r.getDouble(0);
      }
      Dataset<Row> ranked = Ranks.worse(values, "v", false, "below").join(ties, "v")
          .select(col("v"), col("below").plus(col("t").plus(1).divide(2.0)).as("rank"));
      double[] rankSums = new double[k];
      long[] sizes = new long[k];
      for (Row r : values.join(ranked, "v").groupBy(col("segment"))
          .agg(functions.sum(col("rank")), functions.count(functions.lit(1))).collectAsList()) {
        rankSums[r.getInt(0)] = r.getDouble(1);
        sizes[r.getInt(0)] = r.getLong(2);
      }
      long n = 0;
      for (long size : sizes) {
        n += size;
      }
      Significance.Result[] vsRest = new Significance.Result[k];
      for (int g = 0; g < k; g++) {
        vsRest[g] = Significance.mannWhitney(rankSums[g], sizes[g], n, tieSum);
      }
      out.put(c, new RankTests(vsRest, Significance.kruskalWallis(rankSums, sizes, tieSum)));
    }
    return out;
  }

  /**
   * Per categorical column (in the order given) and segment 0..k-1, core's {@link LevelShare}s: each level's count in
   * the segment, its share of the segment, its share of all customers (of segments 0..k-1), the lift (share /
   * population share) and the effect size (Cohen's d of the indicator "has this level", segment vs rest, core's
   * {@link Significance#cohensD}), the levels in core's order (most customers first, ties by name). The values are
   * each row's text ({@code cast("string")}); null and the empty string are the level {@code "(missing)"}, as core's
   * profiles count them. A segment without rows has NaN shares. Cost: one aggregation by (segment, level) per column;
   * driver memory O(k · levels).
   *
   * @throws IllegalArgumentException when the segment column is missing or not int, or a column is missing
   */
  public static Map<String, List<List<LevelShare>>> categorical(Dataset<Row> data, String segment, int k,
      String... columns) {
    Objects.requireNonNull(data, "data");
    checkSegment(data, segment, k);
    List<String> have = Arrays.asList(data.columns());
    for (String c : columns) {
      if (!have.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' is not in the data (columns: " + String.join(", ", have)
            + "); name an existing column");
      }
    }
    Dataset<Row> placed = data.filter(col(segment).geq(0).and(col(segment).lt(k)));
    Map<String, List<List<LevelShare>>> out = new LinkedHashMap<>();
    for (String c : columns) {
      Column text = col("`" + c + "`").cast("string");
      Column level = functions.when(text.isNull().or(text.equalTo("")), functions.lit(ProfileAccumulator.MISSING))
          .otherwise(text);
      List<Map<String, Long>> bySegment = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        bySegment.add(new HashMap<>());
      }
      Map<String, Long> population = new HashMap<>();
      long[] size = new long[k];
      long total = 0;
      for (Row r : placed.groupBy(col(segment), level.as("level")).count().collectAsList()) {
        int s = r.getInt(0);
        long n = r.getLong(2);
        bySegment.get(s).put(r.getString(1), n);
        population.merge(r.getString(1), n, Long::sum);
        size[s] += n;
        total += n;
      }
      List<String> levels = new ArrayList<>(population.keySet());
      levels.sort(Comparator.comparing((String l) -> -population.get(l)).thenComparing(Comparator.naturalOrder()));
      List<List<LevelShare>> perSegment = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        long ns = size[s];
        long nr = total - ns;
        List<LevelShare> shares = new ArrayList<>();
        for (String l : levels) {
          long count = bySegment.get(s).getOrDefault(l, 0L);
          long rest = population.get(l) - count;
          double share = ns == 0 ? Double.NaN : (double) count / ns;
          double popShare = (double) population.get(l) / total;
          double pr = nr == 0 ? Double.NaN : (double) rest / nr;
          double vs = ns > 1 ? share * (1 - share) * ns / (ns - 1) : 0;
          double vr = nr > 1 ? pr * (1 - pr) * nr / (nr - 1) : 0;
          shares.add(new LevelShare(l, count, share, popShare, share / popShare,
              Significance.cohensD(ns, share, vs, nr, pr, vr)));
        }
        perSegment.add(shares);
      }
      out.put(c, perSegment);
    }
    return out;
  }

  private static void checkSegment(Dataset<Row> data, String segment, int k) {
    if (!Arrays.asList(data.columns()).contains(segment)
        || !(data.schema().apply(segment).dataType() instanceof IntegerType)) {
      throw new IllegalArgumentException("segment column '" + segment + "' must be an int column of the data "
          + "(columns: " + String.join(", ", data.columns()) + ")");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }
}
