package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmint.cluster.KMeans;
import dev.segmint.quality.Quality;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Categorical features kept as level codes next to the numeric ones: construction, access, pipeline, refusals. */
class MixedFeatureMatrixTest {

  static FeatureMatrix small() {
    return FeatureMatrix.mixed(new String[] {"a", "b", "c"}, new String[] {"income"}, new double[] {1, 2, 3}, null,
        new String[] {"city", "channel"}, List.of(List.of("Paris", "Lyon"), List.of("web", "store", "phone")),
        new short[] {0, 2, 1, -1, 0, 1});
  }

  @Test
  void accessorsAndCopies() {
    FeatureMatrix m = small();
    assertEquals(3, m.rows());
    assertEquals(1, m.columns());
    assertEquals(2, m.categoricalColumns());
    assertArrayEquals(new String[] {"city", "channel"}, m.categoricalNames());
    assertEquals(List.of("web", "store", "phone"), m.levels(1));
    assertEquals(2, m.code(0, 1));
    assertEquals("phone", m.level(0, 1));
    assertEquals(-1, m.code(1, 1));
    assertNull(m.level(1, 1));
    assertEquals(1, m.categoricalIndex("channel"));
    short[] codes = m.toCodeArray();
    codes[0] = 1;
    assertEquals(0, m.code(0, 0));   // a copy

    FeatureMatrix sel = m.selectRows(new int[] {2, 0});
    assertArrayEquals(new String[] {"c", "a"}, sel.ids());
    assertArrayEquals(new short[] {0, 1, 0, 2}, sel.toCodeArray());
    assertArrayEquals(new double[] {3, 1}, sel.toFlatArray());

    Table t = m.toTable();
    assertEquals(List.of("customer_id", "income", "city", "channel"), t.columnNames());
    assertEquals("Lyon", t.stringColumn("city").get(1));
    assertEquals("", t.stringColumn("channel").get(1));   // missing
    FeatureMatrix logged = m.withLog1p("income");
    assertArrayEquals(m.toCodeArray(), logged.toCodeArray());
    assertEquals(Math.log1p(2), logged.get(1, 0), 0);
  }

  @Test
  void onlyCategoricalFeatures() {
    FeatureMatrix m = FeatureMatrix.mixed(new String[] {"a", "b"}, new String[0], new double[0], null,
        new String[] {"city"}, List.of(List.of("Paris", "Lyon")), new short[] {1, 0});
    assertEquals(0, m.columns());
    assertEquals("Lyon", m.level(0, 0));
  }

  @Test
  void badInputIsNamed() {
    assertEquals("categorical feature 'channel' has code 3 at row 2 (customer b) but its 3 levels take codes 0..2 "
        + "(or -1 for missing)", assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.mixed(
            new String[] {"a", "b"}, new String[0], new double[0], null, new String[] {"channel"},
            List.of(List.of("web", "store", "phone")), new short[] {0, 3})).getMessage());
    assertEquals("feature name 'x' appears twice (columns 0 and 1); feature names must be unique",
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.mixed(new String[] {"a"}, new String[] {"x"},
            new double[] {1}, null, new String[] {"x"}, List.of(List.of("u")), new short[] {0})).getMessage());
    assertEquals("the levels of categorical feature 'c' repeat a name: [u, u]; give each level once",
        assertThrows(IllegalArgumentException.class, () -> FeatureMatrix.mixed(new String[] {"a"}, new String[0],
            new double[0], null, new String[] {"c"}, List.of(List.of("u", "u")), new short[] {0})).getMessage());
  }

  @Test
  void numericAlgorithmsRefuseCategories() {
    FeatureMatrix m = small();
    assertEquals("kmeans works on numeric features only, but the matrix has the categorical features city, channel: "
        + "cluster it with k-prototypes or k-medoids (KPrototypes, KMedoids; --algorithm kprototypes|kmedoids), or "
        + "one-hot encode the categories",
        assertThrows(IllegalArgumentException.class, () -> KMeans.Options.of(2).fit(m)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quality.silhouette(m, new int[] {0, 1, 1}));
  }

  @Test
  void fromTableNumbersLevelsByFrequency() {
    Table t = Table.create("t", StringColumn.create("id", "a", "b", "c", "d"),
        DoubleColumn.create("x", 1, 2, 3, 4), StringColumn.create("city", "Lyon", " Paris", "Paris", null));
    FeatureMatrix m = FeatureMatrix.fromTable(t, "id", List.of("x"), List.of("city"));
    assertEquals(List.of("Paris", "Lyon"), m.levels(0));     // 2 × Paris (stripped), 1 × Lyon
    assertArrayEquals(new short[] {1, 0, 0, -1}, m.toCodeArray());
    assertArrayEquals(new double[] {1, 2, 3, 4}, m.toFlatArray());
  }

  @Test
  void pipelineKeepsLevelsAsCategories() {
    FeatureSpec spec = FeatureSpec.builder().columns("id")
        .add(NumericFeature.of("visits").withScale(Scaler.Kind.NONE))
        .add(CategoricalFeature.levels("status"))
        .add(CategoricalFeature.levels("edu").withImputeMode())
        .build();
    FeaturePipeline p = spec.fit(FeaturePipelineTest.train());
    FeatureMatrix m = p.transform(FeaturePipelineTest.train());
    assertArrayEquals(new String[] {"visits"}, m.names());
    assertArrayEquals(new String[] {"status", "edu"}, m.categoricalNames());
    assertEquals(List.of("Married", "Single", "YOLO"), m.levels(0));     // 3, 1, 1: ties by name
    assertEquals(List.of("Basic", "Master", "PhD"), m.levels(1));        // c5 imputed with the mode Basic: 3, 1, 1
    assertArrayEquals(new short[] {0, 0, 1, 2, 0, 1, 2, 0, 0, 0}, m.toCodeArray());
    // unseen 'Widow' and 'Graduation' become missing (-1), counted in the report
    FeaturePipeline.Result fresh = p.apply(FeaturePipelineTest.fresh());
    assertArrayEquals(new short[] {-1, 2, 1, -1}, fresh.matrix().toCodeArray());
    assertEquals(java.util.Map.of("status", 1, "edu", 1), fresh.report().unknownCategories());
    assertThrows(IllegalArgumentException.class,
        () -> CategoricalFeature.levels("status").withScale(Scaler.Kind.STANDARD));
  }
}
