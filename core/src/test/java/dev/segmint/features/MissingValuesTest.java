package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The three missing-value policies on the one feature path, with exact values (medians, levels, counts). */
class MissingValuesTest {

  /**
   * 20 customers: x = 1..20 with row 3 missing (1 of 20 = 5 %: no indicator), y = 10·i with rows 2 and 5 missing
   * (2 of 20 = 10 %: indicator), tier with row 4 missing (most frequent level 'b').
   */
  static Table table() {
    int n = 20;
    double[] x = IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    double[] y = IntStream.rangeClosed(1, n).mapToDouble(i -> 10.0 * i).toArray();
    x[2] = Double.NaN;
    y[1] = Double.NaN;
    y[4] = Double.NaN;
    String[] tier = IntStream.range(0, n).mapToObj(i -> i % 3 == 0 ? "a" : "b").toArray(String[]::new);
    tier[3] = null;
    return Table.create("t", StringColumn.create("id", IntStream.range(0, n).mapToObj(i -> "c" + (i + 1))
        .toArray(String[]::new)), DoubleColumn.create("x", x), DoubleColumn.create("y", y),
        StringColumn.create("tier", tier));
  }

  static FeatureSpec spec(MissingValues policy) {
    return FeatureSpec.builder().columns("id", "x", "y", "tier").missing(policy)
        .add(NumericFeature.of("x").withScale(Scaler.Kind.NONE)).add(NumericFeature.of("y").withScale(Scaler.Kind.NONE))
        .add(CategoricalFeature.oneHot("tier")).build();
  }

  @Test
  void imputeFillsWithMediansAndLevelsAndAddsAnIndicatorAboveFivePercent() {
    FeaturePipeline.Result r = spec(MissingValues.IMPUTE).fitAndApply(FeatureInputs.ofCustomers(table()));
    FeatureMatrix m = r.matrix();
    // x: 1 of 20 missing = 5 %, not more: no indicator; y: 10 %: indicator; tier: 5 %: none
    assertArrayEquals(new String[] {"x", "y", "y_missing", "tier=b", "tier=a", "tier=other"}, m.names());
    // median of x without row 3: the 19 values 1, 2, 4..20 → 11; of y without rows 2 and 5: the 18 values 10, 30, 40, 60..200 → (110 + 120) / 2
    assertEquals(11.0, m.get(2, 0));
    assertEquals(115.0, m.get(1, 1));
    assertEquals(115.0, m.get(4, 1));
    assertEquals(1.0, m.get(1, 2));
    assertEquals(0.0, m.get(0, 2));
    assertEquals(1.0, m.get(3, 3), "tier filled with the most frequent level b (13 of 19)");
    assertEquals(Map.of("x", 1, "y", 2, "tier", 1), r.report().missing());
    assertEquals(List.of(), r.report().dropped());
    assertEquals("missing values: x 1 (imputed with the median 11), y 2 (imputed with the median 115, indicator "
        + "y_missing), tier 1 (imputed with the most frequent level 'b')", r.report().missingSummary());
    // new customers are filled with the training values
    Table fresh = Table.create("n", StringColumn.create("id", "n1"), DoubleColumn.create("x", Double.NaN),
        DoubleColumn.create("y", Double.NaN), StringColumn.create("tier", new String[] {null}));
    FeatureMatrix f = r.pipeline().transform(FeatureInputs.ofCustomers(fresh));
    assertArrayEquals(new double[] {11, 115, 1, 1, 0, 0}, f.row(0));
  }

  @Test
  void theIndicatorBoundaryIsStrictlyMoreThanFivePercent() {
    // 40 customers: 2 missing = 5 % → none; 3 missing = 7.5 % → indicator
    double[] a = IntStream.range(0, 40).asDoubleStream().toArray();
    double[] b = a.clone();
    a[0] = a[1] = Double.NaN;
    b[0] = b[1] = b[2] = Double.NaN;
    Table t = Table.create("t", StringColumn.create("id", IntStream.range(0, 40).mapToObj(i -> "c" + i)
        .toArray(String[]::new)), DoubleColumn.create("a", a), DoubleColumn.create("b", b));
    FeatureSpec s = FeatureSpec.builder().columns("id").missing(MissingValues.IMPUTE).add(NumericFeature.of("a"))
        .add(NumericFeature.of("b")).build();
    assertEquals(List.of("a", "b", "b_missing"), s.fit(t).featureNames());
  }

  @Test
  void dropLeavesOutAndCountsTheCustomersWithAMissingValue() {
    FeaturePipeline.Result r = spec(MissingValues.DROP).fitAndApply(FeatureInputs.ofCustomers(table()));
    assertEquals(16, r.matrix().rows());
    assertEquals(16, r.report().customers());
    assertEquals(List.of("c2", "c3", "c4", "c5"), r.report().dropped());
    assertEquals(Map.of("x", 1, "y", 2, "tier", 1), r.report().missing());
    assertEquals("missing values: x 1 (customers left out), y 2 (customers left out), tier 1 (customers left out); 4 "
        + "of 20 customers left out (not segmented)", r.report().missingSummary());
    assertArrayEquals(new String[] {"x", "y", "tier=b", "tier=a", "tier=other"}, r.matrix().names(), "no imputation, no indicator");
    // fitted on the 16 complete customers: the median is not needed, x of c1 stays 1
    assertEquals(1.0, r.matrix().get(0, 0));
  }

  @Test
  void failListsEveryColumnWithItsCount() {
    SettingException e = assertThrows(SettingException.class,
        () -> spec(MissingValues.FAIL).fit(FeatureInputs.ofCustomers(table())));
    assertEquals("3 feature columns have missing values: x 1 (first for customer c3), y 2 (first for customer c2), "
        + "tier 1 (first for customer c4); impute them (missing(MissingValues.IMPUTE)), leave those customers out "
        + "(missing(MissingValues.DROP)) or give each feature an imputation", e.getMessage());
    assertEquals("3 feature columns have missing values: x 1 (first for customer c3), y 2 (first for customer c2), "
        + "tier 1 (first for customer c4); impute them with --missing impute, leave those customers out with --missing "
        + "drop, or fill the values", e.message(SettingException.Words.COMMAND_LINE));
    // a feature with its own imputation is not refused
    FeaturePipeline p = FeatureSpec.builder().columns("id").add(NumericFeature.of("x").withImputeMedian()).build()
        .fit(table());
    assertEquals(List.of("x"), p.featureNames());
  }

  @Test
  void dropEveryCustomerIsRefused() {
    Table t = Table.create("t", StringColumn.create("id", "a", "b"), DoubleColumn.create("x", Double.NaN, 1),
        DoubleColumn.create("y", 2, Double.NaN));
    SettingException e = assertThrows(SettingException.class, () -> FeatureSpec.builder().columns("id")
        .missing(MissingValues.DROP).add(NumericFeature.of("x")).add(NumericFeature.of("y")).build().fit(t));
    assertEquals("every one of the 2 customers has a missing value in [x, y], so leaving them out (--missing drop) "
        + "leaves none; impute them (--missing impute) or leave the emptiest columns out",
        e.message(SettingException.Words.COMMAND_LINE));
  }
}
