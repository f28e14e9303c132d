package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.MissingValues;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code Segmentation.builder().columns(..)} on the column roles and the missing-value policy. */
class SegmentationColumnsTest {

  @TempDir
  Path dir;

  /** 40 customers in two obvious groups; income missing for 4 (10 %), a text and a label column. */
  static Table customers() {
    int n = 40;
    double[] income = IntStream.range(0, n).mapToDouble(i -> i < 20 ? 20 + i % 5 : 80 + i % 5).toArray();
    for (int i : new int[] {3, 11, 25, 33}) {
      income[i] = Double.NaN;
    }
    return Table.create("customers",
        StringColumn.create("ID", IntStream.range(0, n).mapToObj(i -> "k" + i).toArray(String[]::new)),
        DoubleColumn.create("Income", income),
        DoubleColumn.create("Spend", IntStream.range(0, n).mapToDouble(i -> i < 20 ? 1 + i % 3 : 50 + i % 3).toArray()),
        StringColumn.create("Channel", IntStream.range(0, n).mapToObj(i -> i < 20 ? "store" : "web")
            .toArray(String[]::new)),
        IntColumn.create("r_score", IntStream.range(0, n).map(i -> 1 + i % 5).toArray()));
  }

  @Test
  void columnsFollowTheRolesAndImputeByDefault() throws Exception {
    SegmentationModel m = Segmentation.builder().columns("id").kmeans(2).seed(3).build().fit(customers());
    assertEquals("columns: id ID; numeric Income, Spend; categorical Channel (2 levels); label r_score (profiled as "
        + "categories, not clustered)", m.columnRoles().toString());
    assertEquals(List.of("Income", "Income_missing", "Spend", "Channel=store", "Channel=web", "Channel=other"),
        m.pipeline().featureNames());
    // 36 present incomes, 18 in 20..24 and 18 in 80..84: the median is (24 + 80) / 2
    assertEquals("missing values: Income 4 (imputed with the median 52, indicator Income_missing)",
        m.pipeline().fitReport().missingSummary());
    assertEquals(40, m.labels().length);
    int[] labels = m.labels();
    for (int i = 0; i < 40; i++) {
      assertEquals(labels[0] == labels[19] ? labels[i < 20 ? 0 : 39] : -2, labels[i], "the two groups");
    }
    // a saved and loaded model fills a missing income with the training median, as the fitted one does
    Path file = dir.resolve("m.json");
    m.save(file);
    SegmentationModel loaded = SegmentationModel.load(file);
    Table fresh = Table.create("new", StringColumn.create("ID", "n1", "n2"), DoubleColumn.create("Income", Double.NaN, 82),
        DoubleColumn.create("Spend", 2, 51), StringColumn.create("Channel", "store", "web"));
    Assignment a = m.assign(fresh);
    assertArrayEquals(a.segments(), loaded.assign(fresh).segments());
    assertEquals(labels[0], a.segments()[0]);
    assertEquals(labels[39], a.segments()[1]);
    assertNull(loaded.columnRoles(), "a loaded model has no training table");
  }

  @Test
  void failAndDropAndRowIds() {
    Table t = customers().removeColumns("ID");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segmentation.builder()
        .columns(null).missing(MissingValues.FAIL).kmeans(2).build().fit(t));
    assertTrue(e.getMessage().startsWith("column 'Income' has 4 missing values (first for customer row_4)"),
        e.getMessage());
    SegmentationModel d = Segmentation.builder().columns(null).missing(MissingValues.DROP).kmeans(2).seed(1).build()
        .fit(t);
    assertEquals(36, d.trainingRows());
    assertEquals(List.of("row_4", "row_12", "row_26", "row_34"), d.pipeline().fitReport().dropped());
    assertEquals("row_1", d.customerIds()[0]);
    // categorical(..) makes the score a category of its own
    SegmentationModel c = Segmentation.builder().columns(null).categorical("R_SCORE").kmeans(2).seed(1).build().fit(t);
    assertTrue(c.columnRoles().categorical().contains("r_score"), c.columnRoles().toString());
    assertEquals("missing(..), categorical(..) and exclude(..) go with columns(..); with features(FeatureSpec) set "
        + "them on the spec (FeatureSpec.builder().missing(..), CategoricalFeature)", assertThrows(
        IllegalArgumentException.class, () -> Segmentation.builder().features(d.pipeline().spec())
            .missing(MissingValues.DROP).kmeans(2).build()).getMessage());
  }
}
