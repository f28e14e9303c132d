package dev.segmint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.Significance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** SparkProfiles against statistics computed on the driver from the collected values with core's quantile. */
class SparkProfilesTest {

  @Test
  void perSegmentSummariesEqualTheDriversOnMarketingCampaign() {
    // segments 0..2 from the id (and an empty segment 3); Income has 24 missing values
    Dataset<Row> data = SharedSpark.session().read().option("header", "true").option("sep", "\t")
        .option("inferSchema", "true").csv(TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString())
        .withColumn("segment", functions.pmod(functions.col("ID"), functions.lit(3)).cast("int")).repartition(3);
    String[] columns = {"Income", "Recency", "MntWines"};
    Map<String, NumericSummary[]> got = SparkProfiles.numeric(data, "segment", 4, columns);
    List<Row> rows = data.select("segment", columns).collectAsList();
    long missingIncome = 0;
    for (int j = 0; j < columns.length; j++) {
      NumericSummary[] s = got.get(columns[j]);
      assertEquals(4, s.length);
      assertEquals(0, s[3].count());
      for (int seg = 0; seg < 3; seg++) {
        List<Double> values = new ArrayList<>();
        long missing = 0;
        for (Row r : rows) {
          if (r.getInt(0) == seg) {
            if (r.isNullAt(j + 1)) {
              missing++;
            } else {
              values.add(((Number) r.get(j + 1)).doubleValue());
            }
          }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = 0;
        for (double x : v) {
          mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
          ss += (x - mean) * (x - mean);
        }
        NumericSummary e = s[seg];
        String where = columns[j] + " segment " + seg;
        assertEquals(v.length, e.count(), where);
        assertEquals(missing, e.missing(), where);
        assertEquals(mean, e.mean(), 1e-12 * Math.abs(mean), where);
        assertEquals(Math.sqrt(ss / (v.length - 1)), e.sd(), 1e-9 * e.sd(), where);
        assertEquals(v[0], e.min(), where);
        assertEquals(v[v.length - 1], e.max(), where);
        assertEquals(NumericSummary.quantile(v, 0.05), e.p05(), where);
        assertEquals(NumericSummary.quantile(v, 0.25), e.q1(), where);
        assertEquals(NumericSummary.quantile(v, 0.5), e.median(), where);
        assertEquals(NumericSummary.quantile(v, 0.75), e.q3(), where);
        assertEquals(NumericSummary.quantile(v, 0.95), e.p95(), where);
        if (j == 0) {
          missingIncome += missing;
        }
      }
    }
    assertEquals(24, missingIncome);
    assertThrows(IllegalArgumentException.class, () -> SparkProfiles.numeric(data, "Education", 3, "Income"));
  }

  /** Level counts, shares, lifts and effects equal core's profiles of the same segments (Education, Marital_Status). */
  @Test
  void levelSharesEqualCoresProfilesOnMarketingCampaign() {
    Table table = SparkSegmentsTest.marketing();
    int[] labels = new int[table.rowCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Math.floorMod(Integer.parseInt(table.stringColumn("ID").get(i)), 3);
    }
    SegmentProfiles core = SegmentProfiles.of(table, labels, "Education", "Marital_Status");
    Dataset<Row> data = SharedSpark.session().read().option("header", "true").option("sep", "\t")
        .option("inferSchema", "true").csv(TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString())
        .withColumn("segment", functions.pmod(functions.col("ID"), functions.lit(3)).cast("int")).repartition(3);
    Map<String, List<List<LevelShare>>> got = SparkProfiles.categorical(data, "segment", 3, "Education",
        "Marital_Status");
    for (String c : List.of("Education", "Marital_Status")) {
      for (int s = 0; s < 3; s++) {
        assertEquals(core.segment(s).categorical(c).levels(), got.get(c).get(s), c + " segment " + s);
      }
    }
    // a hand check: 1,127 of the 2,240 customers are graduates
    LevelShare graduation = got.get("Education").get(0).get(0);
    assertEquals("Graduation", graduation.level());
    assertEquals(1127.0 / 2240, graduation.populationShare());
    assertEquals(graduation.share() / graduation.populationShare(), graduation.lift());
    assertEquals(8, got.get("Marital_Status").get(1).size(), "every level in every segment, with count 0 if absent");
  }

  @Test
  void rankTestsEqualCoresTestsOnTheCollectedValues() {
    // segments 0..2 from the id, plus an empty segment 3; Income has missing values, Recency and Kidhome many ties
    Dataset<Row> data = SharedSpark.session().read().option("header", "true").option("sep", "\t")
        .option("inferSchema", "true").csv(TestTables.dataDir().resolve("marketing_campaign.csv.gz").toString())
        .withColumn("segment", functions.pmod(functions.col("ID"), functions.lit(3)).cast("int")).repartition(3);
    String[] columns = {"Income", "Recency", "Kidhome"};
    Map<String, SparkProfiles.RankTests> got = SparkProfiles.rankTests(data, "segment", 4, columns);
    List<Row> rows = data.select("segment", columns).collectAsList();
    for (int j = 0; j < columns.length; j++) {
      double[][] bySegment = new double[3][];
      for (int seg = 0; seg < 3; seg++) {
        List<Double> values = new ArrayList<>();
        for (Row r : rows) {
          if (r.getInt(0) == seg && !r.isNullAt(j + 1)) {
            values.add(((Number) r.get(j + 1)).doubleValue());
          }
        }
        bySegment[seg] = values.stream().mapToDouble(Double::doubleValue).toArray();
      }
      SparkProfiles.RankTests t = got.get(columns[j]);
      for (int seg = 0; seg < 3; seg++) {
        List<Double> rest = new ArrayList<>();
        for (int other = 0; other < 3; other++) {
          if (other != seg) {
            for (double v : bySegment[other]) {
              rest.add(v);
            }
          }
        }
        Significance.Result want = Significance.mannWhitney(bySegment[seg],
            rest.stream().mapToDouble(Double::doubleValue).toArray());
        Significance.Result have = t.segmentVsRest()[seg];
        assertEquals(want.statistic(), have.statistic(), 0, columns[j] + " U of segment " + seg);
        assertEquals(want.pValue(), have.pValue(), 1e-12 * want.pValue(), columns[j] + " p of segment " + seg);
        assertEquals(want.effectSize(), have.effectSize(), 1e-15, columns[j]);
      }
      assertTrue(Double.isNaN(t.segmentVsRest()[3].pValue()), "the empty segment has no test");
      Significance.Result h = Significance.kruskalWallis(bySegment);
      assertEquals(h.statistic(), t.acrossSegments().statistic(), 1e-12 * h.statistic(), columns[j] + " H");
      assertEquals(h.pValue(), t.acrossSegments().pValue(), 1e-10 * h.pValue(), columns[j] + " p of H");
      assertEquals(2, t.acrossSegments().df(), 0);
    }
  }
}
