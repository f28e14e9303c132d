package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Fit on one small table, transform another with unseen categories and missing values; exact values. */
class FeaturePipelineTest {

  static Table train() {
    return Table.create("train",
        StringColumn.create("id", "c1", "c2", "c3", "c4", "c5"),
        DoubleColumn.create("income", 10, 20, Double.NaN, 40, 1000),
        StringColumn.create("status", "Married", "Single", "Married", "YOLO", "Married"),
        StringColumn.create("edu", "Basic", "PhD", "Master", "Basic", null),
        IntColumn.create("visits", 1, 2, 3, 4, 5),
        IntColumn.create("constant", 7, 7, 7, 7, 7));
  }

  static Table fresh() {
    return Table.create("new",
        StringColumn.create("id", "n1", "n2"),
        DoubleColumn.create("income", Double.NaN, 50),
        StringColumn.create("status", "Widow", "Single"),
        StringColumn.create("edu", "PhD", "Graduation"),
        IntColumn.create("visits", 10, 0),
        IntColumn.create("constant", 7, 8));
  }

  static FeatureSpec.Builder spec() {
    return FeatureSpec.builder().columns("id")
        // median of 10, 20, 40, 1000 (linear interpolation) = 30
        .add(NumericFeature.of("income").withImputeMedian().withMissingIndicator().withScale(Scaler.Kind.NONE))
        // winsorized at q75 = 4, min-max with center 1 and scale 3, weight 2
        .add(NumericFeature.of("visits").withWinsorize(0, 0.75).withScale(Scaler.Kind.MINMAX).withWeight(2))
        // Married has 3 rows; Single and YOLO one each → folded into other
        .add(CategoricalFeature.oneHot("status").withMinCount(2))
        .add(CategoricalFeature.ordinal("edu", "Basic", "Graduation", "Master", "PhD").withImputeMode())
        .add(NumericFeature.of("constant"));
  }

  @Test
  void fitThenTransformTheSameTable() {
    FeaturePipeline p = spec().build().fit(train());
    assertEquals(List.of("income", "income_missing", "visits", "status=Married", "status=other", "edu_ordinal",
        "constant"), p.featureNames());
    FeatureMatrix m = p.transform(train());
    assertArrayEquals(new String[] {"c1", "c2", "c3", "c4", "c5"}, m.ids());
    assertArrayEquals(new double[] {10, 20, 30, 40, 1000}, m.column("income"), 1e-12);
    assertArrayEquals(new double[] {0, 0, 1, 0, 0}, m.column("income_missing"));
    assertArrayEquals(new double[] {0, 2 / 3.0, 4 / 3.0, 2, 2}, m.column("visits"), 1e-12);
    assertArrayEquals(new double[] {1, 0, 1, 0, 1}, m.column("status=Married"));
    assertArrayEquals(new double[] {0, 1, 0, 1, 0}, m.column("status=other"));
    assertArrayEquals(new double[] {0, 3, 2, 0, 0}, m.column("edu_ordinal"), "missing edu → mode Basic");
    assertArrayEquals(new double[] {0, 0, 0, 0, 0}, m.column("constant"), "constant: centered, never divided by 0");
    FeaturePipeline.Report r = p.fitReport();
    assertEquals(Map.of("income", 1, "edu", 1), r.imputed());
    assertEquals(List.of("constant"), r.zeroVariance());
    assertTrue(r.toString().contains("constant at fit (zero variance, not scaled): [constant]"), r.toString());
  }

  @Test
  void anOtherBucketWithNothingFoldedIsNotReportedAsAConstantColumn() {
    // every level of status has its own column (min count 1): status=other is empty at fit, kept for unseen values
    FeaturePipeline p = FeatureSpec.builder().columns("id").add(CategoricalFeature.oneHot("status"))
        .add(NumericFeature.of("constant")).build().fit(train());
    assertEquals(List.of("status=Married", "status=Single", "status=YOLO", "status=other", "constant"),
        p.featureNames());
    assertEquals(List.of("constant"), p.fitReport().zeroVariance());
    // it still takes the values first seen later
    FeatureMatrix m = p.transform(fresh());
    assertArrayEquals(new double[] {1, 0}, m.column("status=other"), "Widow is new, Single is known");
    // with levels folded into it (spec(): Single and YOLO) the bucket holds data, and it varies here
    FeaturePipeline q = spec().build().fit(train());
    assertEquals(List.of("constant"), q.fitReport().zeroVariance());
  }

  @Test
  void fitAndApplyIsFitThenApplyInOnePass() {
    FeatureSpec spec = spec().build();
    FeaturePipeline.Result once = spec.fitAndApply(FeatureInputs.ofCustomers(train()));
    FeaturePipeline p = spec.fit(train());
    FeaturePipeline.Result twice = p.apply(train());
    assertEquals(p.featureNames(), once.pipeline().featureNames());
    assertArrayEquals(twice.matrix().toFlatArray(), once.matrix().toFlatArray());
    assertEquals(twice.report().toString(), once.report().toString());
    assertEquals(once.report().toString(), once.pipeline().fitReport().toString(), "the fit report is the result's");
    assertTrue(twice.pipeline() == p, "a result names the pipeline that made it");
    assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), once.customers().stringColumn("customer_id").asList());
    assertEquals(List.of("Married", "Single", "Married", "YOLO", "Married"),
        once.customers().stringColumn("status").asList(), "the joined table keeps the raw values");
  }

  @Test
  void fittedStateIsTypedPerFeature() {
    FeaturePipeline p = spec().build().fit(train());
    List<String> outputs = new java.util.ArrayList<>();
    for (FeaturePipeline.FittedFeature f : p.fitted()) {
      outputs.addAll(f.outputs());
      assertEquals(f.outputs().size(), f.constantAtFit().size(), f.spec().column());
    }
    assertEquals(p.featureNames(), outputs, "nothing dropped: dropZeroVariance is off");
    assertEquals(List.of(false, false, false, false, true),
        p.fitted().stream().map(f -> f.constantAtFit().contains(true)).toList());
    assertEquals(List.of(false, false, true, true, false), spec().build().features().stream()
        .map(Feature::readsText).toList());
    assertEquals(List.of(1, 0, 0, 1, 0), p.fitted().stream().map(FeaturePipeline.FittedFeature::missingAtFit).toList());
  }

  @Test
  void transformNewCustomersInTheFittedSpace() {
    FeaturePipeline p = spec().build().fit(train());
    FeaturePipeline.Result res = p.apply(fresh());
    FeatureMatrix m = res.matrix();
    assertArrayEquals(new double[] {30, 50}, m.column("income"), 1e-12, "fit-time median, not the new data's");
    assertArrayEquals(new double[] {1, 0}, m.column("income_missing"));
    // 10 is clipped to the fitted q75 = 4 → (4 − 1) / 3 · 2 = 2; 0 has no lower bound → (0 − 1) / 3 · 2
    assertArrayEquals(new double[] {2, -2 / 3.0}, m.column("visits"), 1e-12);
    assertArrayEquals(new double[] {0, 0}, m.column("status=Married"));
    assertArrayEquals(new double[] {1, 1}, m.column("status=other"), "unseen Widow and rare Single → other");
    assertArrayEquals(new double[] {3, 1}, m.column("edu_ordinal"));
    assertArrayEquals(new double[] {0, 1}, m.column("constant"), "fitted center 7, scale 1");
    assertEquals(Map.of("income", 1), res.report().imputed());
    assertEquals(Map.of("status", 1), res.report().unknownCategories());
  }

  @Test
  void provenanceSaysHowEachColumnWasMade() {
    FeatureMatrix m = spec().build().fit(train()).transform(train());
    List<String> prov = List.of(m.provenance());
    assertEquals("income, missing → median 30", prov.get(0));
    assertEquals("1 where income was missing (1 at fit)", prov.get(1));
    assertEquals("visits, winsorized to [-Infinity, 4] (q0–q0.75), minmax (center 1, scale 3), ×2", prov.get(2));
    assertEquals("one-hot of status", prov.get(3));
    assertEquals("one-hot of status: other (Single, YOLO; unseen values)", prov.get(4));
    assertEquals("ordinal of edu: Basic < Graduation < Master < PhD → 0..3, missing → 'Basic'", prov.get(5));
    assertEquals("constant, standard (center 7, scale 1, constant at fit)", prov.get(6));
    String head = m.toString();
    assertTrue(head.startsWith("                                      FeatureMatrix 5 customers × 7 features")
        || head.contains("FeatureMatrix 5 customers × 7 features"), head);
    assertEquals(8, m.toTable().columnCount());
  }

  @Test
  void zeroVarianceColumnsCanBeDropped() {
    FeaturePipeline p = spec().dropZeroVariance(true).build().fit(train());
    assertEquals(List.of("income", "income_missing", "visits", "status=Married", "status=other", "edu_ordinal"),
        p.featureNames());
    assertEquals(6, p.transform(fresh()).columns());
    assertEquals(List.of("constant"), p.fitReport().zeroVariance());
  }

  @Test
  void unknownCategoryUnderErrorIsAClearMessage() {
    FeaturePipeline p = FeatureSpec.builder().columns("id")
        .add(CategoricalFeature.ordinal("edu", "Basic", "Master", "PhD").withImputeMode()).build().fit(train());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> p.transform(fresh()));
    assertEquals("column 'edu' has the value 'Graduation' at row 2, which was not seen when the encoder was fitted "
        + "(known: [Basic, Master, PhD]); map it to a known level, refit, or fit with UnknownCategory.OTHER",
        ex.getMessage());
  }

  @Test
  void missingValueWithoutImputationIsAClearMessage() {
    FeatureSpec s = FeatureSpec.builder().columns("id").add(NumericFeature.of("income")).build();
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> s.fit(train()));
    assertEquals("column 'income' has 1 missing value (first for customer c3); choose an imputation, e.g. "
        + "NumericFeature.of(\"income\").withImputeMedian(), or missing(MissingValues.IMPUTE) on the FeatureSpec",
        ex.getMessage());
    // fitted without missing values, then given one
    FeaturePipeline p = FeatureSpec.builder().columns("id").add(NumericFeature.of("visits")).add(NumericFeature.of("income"))
        .build().fit(train().dropWhere(train().doubleColumn("income").isMissing()));
    IllegalArgumentException ex2 = assertThrows(IllegalArgumentException.class, () -> p.transform(fresh()));
    assertTrue(ex2.getMessage().startsWith("column 'income' has 1 missing value (first for customer n1)"), ex2.getMessage());
  }

  @Test
  void rfmAndCustomerColumnsJoinedLeftAndInnerWithCounts() {
    Table customers = Table.create("customers",
        StringColumn.create("cid", "A", "B", "X"),
        StringColumn.create("country", "UK", "France", "UK"));
    FeatureSpec.Builder b = FeatureSpec.builder()
        .rfm(RfmContractTest.rfm().build())
        .columns("cid", "country")
        .add(NumericFeature.of("monetary").withLog1p())
        .add(CategoricalFeature.frequency("country").withImputeConstant("unknown"));
    FeatureInputs in = FeatureInputs.of(RfmContractTest.transactions(), customers);
    FeaturePipeline left = b.build().fit(in);
    FeaturePipeline.Report r = left.fitReport();
    assertEquals(5, r.customers());
    CustomerJoin.SourceCount rfm = r.join().counts().get(0);
    CustomerJoin.SourceCount cols = r.join().counts().get(1);
    assertEquals(new CustomerJoin.SourceCount("rfm", 5, 0, List.of(), 0, List.of()), rfm);
    assertEquals(new CustomerJoin.SourceCount("columns", 3, 1, List.of("X"), 3, List.of("C", "E", "F")), cols);
    assertEquals(List.of("D"), r.rfm().examples(DataQualityReport.Reason.NO_PURCHASES), "RFM's own report is kept");
    // country shares at fit: unknown 3/5, UK 1/5, France 1/5
    assertArrayEquals(new double[] {0.2, 0.2, 0.6, 0.6, 0.6}, left.transform(in).column("country_freq"), 1e-12);
    assertTrue(r.toString().contains("columns            3 customers, 1 dropped (not in rfm, e.g. X), 3 without a row (e.g. C, E, F)"),
        r.toString());

    FeaturePipeline inner = b.join(CustomerJoin.Type.INNER).build().fit(in);
    assertArrayEquals(new String[] {"A", "B"}, inner.transform(in).ids());
    assertEquals(3, inner.fitReport().join().counts().get(0).dropped());
    assertEquals(1, inner.fitReport().join().counts().get(1).dropped());
    assertTrue(inner.fitReport().join().toString().contains("1 dropped (not in every source, e.g. X)"),
        inner.fitReport().join().toString());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> b.build().fit(customers));
    assertTrue(ex.getMessage().contains("pass both: FeatureInputs.of(transactions, customers)"), ex.getMessage());
  }

  @Test
  void rfmOnlySpecOnTransactions() {
    FeaturePipeline p = FeatureSpec.builder().rfm(RfmContractTest.rfm().build())
        .numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary").build()
        .fit(RfmContractTest.transactions());
    FeatureMatrix m = p.transform(RfmContractTest.transactions());
    assertEquals(List.of("recency_days", "frequency", "monetary"), List.of(m.names()));
    double[] logMon = {Math.log1p(35), Math.log1p(30), Math.log1p(12), Math.log1p(4), Math.log1p(4)};
    double mean = 0;
    for (double v : logMon) {
      mean += v / 5;
    }
    double ss = 0;
    for (double v : logMon) {
      ss += (v - mean) * (v - mean);
    }
    assertEquals((logMon[0] - mean) / Math.sqrt(ss / 5), m.get(0, 2), 1e-12);
    assertNull(p.engagement());
  }
}
