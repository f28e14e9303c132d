package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Demographics, engagement, RFM-style date parsing and the whole pipeline on the real, tab-separated
 * marketing_campaign.csv (2,240 customers, dd-MM-yyyy dates, 24 empty incomes, birth years 1893/1899/1900, constant
 * Z_CostContact and Z_Revenue). Expected numbers are recomputed here from the raw columns.
 */
class MarketingCampaignFeaturesTest {

  static Table raw;
  static final LocalDate AS_OF = LocalDate.of(2014, 12, 31);
  static final String[] CAMPAIGNS = {"AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5",
      "Response"};

  @BeforeAll
  static void load() {
    raw = RealData.marketingCampaign();
  }

  static DemographicFeatures demographics() {
    return DemographicFeatures.builder().customer("ID").birthYear("Year_Birth").asOf(AS_OF).ageBands(30, 45, 60, 75)
        .income("Income").householdSize("Marital_Status", Set.of("Married", "Together"), "Kidhome", "Teenhome")
        .education("Education").maritalStatus("Marital_Status").build();
  }

  static EngagementFeatures engagement() {
    return EngagementFeatures.builder().customer("ID").webVisitsPerMonth("NumWebVisitsMonth")
        .daysSinceLastActivity("Recency").campaigns(CAMPAIGNS)
        .channel("web", "NumWebPurchases").channel("store", "NumStorePurchases").channel("catalog", "NumCatalogPurchases")
        .build();
  }

  @Test
  void readsTheTabSeparatedFile() {
    assertEquals(2240, raw.rowCount());
    assertEquals(29, raw.columnCount());
    assertEquals("5524", raw.column("ID").getString(0));
    assertEquals("04-09-2012", raw.column("Dt_Customer").getString(0));
  }

  @Test
  void ddMMyyyyDatesThroughRfm() {
    RfmFeatures.Result r = RfmFeatures.builder().customer("ID").timestamp("Dt_Customer").timestampFormat("dd-MM-yyyy")
        .amount("MntWines").build().run(raw);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    LocalDate latest = LocalDate.MIN;
    int zero = 0;
    for (int i = 0; i < raw.rowCount(); i++) {
      LocalDate d = LocalDate.parse(raw.column("Dt_Customer").getString(i), f);
      latest = d.isAfter(latest) ? d : latest;
      zero += ((NumericColumn<?>) raw.column("MntWines")).getDouble(i) == 0 ? 1 : 0;
    }
    assertEquals(latest.plusDays(1), r.asOf());
    assertEquals(LocalDate.of(2014, 6, 30), r.asOf());
    assertEquals(0, r.report().rowsDropped(Reason.UNPARSEABLE_TIMESTAMP));
    assertEquals(zero, r.report().rowsDropped(Reason.ZERO_AMOUNT));
    assertEquals(2240 - zero, r.table().rowCount());
  }

  @Test
  void demographicsOnTheRealFile() {
    DemographicFeatures.Result r = demographics().run(raw);
    Table t = r.table();
    assertEquals(2240, t.rowCount());
    int implausible = 0;
    int missingIncome = 0;
    for (int i = 0; i < raw.rowCount(); i++) {
      implausible += AS_OF.getYear() - ((NumericColumn<?>) raw.column("Year_Birth")).getDouble(i) > 100 ? 1 : 0;
      missingIncome += raw.column("Income").isMissing(i) ? 1 : 0;
    }
    assertEquals(3, implausible);
    assertEquals(implausible, r.implausibleAges(), "birth years 1893, 1899, 1900");
    assertEquals(24, missingIncome);
    assertEquals(missingIncome, t.doubleColumn("income").countMissing());
    // first customer: born 1957, Single, no children
    assertEquals(57, t.doubleColumn("age").getDouble(0));
    assertEquals("45-59", t.stringColumn("age_band").get(0));
    assertEquals(1, t.doubleColumn("household_size").getDouble(0));
    assertEquals(58138, t.doubleColumn("income").getDouble(0));
  }

  @Test
  void engagementOnTheRealFile() {
    EngagementFeatures.Result r = engagement().run(raw);
    Table t = r.table();
    double accepted = 0;
    double web = 0;
    double total = 0;
    for (int i = 0; i < raw.rowCount(); i++) {
      for (String c : CAMPAIGNS) {
        accepted += ((NumericColumn<?>) raw.column(c)).getDouble(i);
      }
      double w = ((NumericColumn<?>) raw.column("NumWebPurchases")).getDouble(i);
      web += w;
      total += w + ((NumericColumn<?>) raw.column("NumStorePurchases")).getDouble(i)
          + ((NumericColumn<?>) raw.column("NumCatalogPurchases")).getDouble(i);
    }
    assertEquals(accepted, t.doubleColumn("campaigns_accepted").sum());
    double prior = web / total;
    assertEquals(prior, r.priors().get("share_web"), 1e-12);
    // first customer: 8 web, 4 store, 10 catalog purchases
    assertEquals((8 + 10 * prior) / (22 + 10), t.doubleColumn("share_web").getDouble(0), 1e-12);
    assertEquals(7, t.doubleColumn("web_visits_per_month").getDouble(0));
    assertEquals(58, t.doubleColumn("days_since_last_activity").getDouble(0));
    // customers with no purchase at all get the pooled shares instead of 0/0
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.doubleColumn("channel_purchases").getDouble(i) == 0) {
        assertEquals(prior, t.doubleColumn("share_web").getDouble(i), 1e-12);
      }
    }
  }

  @Test
  void pipelineFittedOnOnePartAppliedToTheRest() {
    FeatureSpec spec = FeatureSpec.builder()
        .demographics(demographics())
        .engagement(engagement())
        .columns("ID", "Z_CostContact", "Z_Revenue")
        .add(NumericFeature.of("age").withImputeMedian().withMissingIndicator())
        .add(NumericFeature.of("income").withImputeMedian().withMissingIndicator().withWinsorize(0.01, 0.99)
            .withScale(Scaler.Kind.ROBUST))
        .add(NumericFeature.of("household_size"))
        .add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD")
            .withScale(Scaler.Kind.MINMAX))
        .add(CategoricalFeature.oneHot("marital_status").withMinCount(10))
        .numeric(NumericFeature.of("x"), "web_visits_per_month", "days_since_last_activity", "share_web",
            "share_store", "share_catalog")
        .add(NumericFeature.of("campaigns_accepted").withLog1p().withWeight(0.5))
        .add(NumericFeature.of("Z_CostContact"))
        .add(NumericFeature.of("Z_Revenue"))
        .build();
    Table fitPart = raw.inRange(0, 1500);
    Table later = raw.inRange(1500, 2240);
    FeaturePipeline p = spec.fit(fitPart);
    int missingIncome = fitPart.column("Income").countMissing();
    assertEquals(missingIncome, p.fitReport().imputed().get("income"));
    assertEquals(List.of("Z_CostContact", "Z_Revenue"), p.fitReport().zeroVariance());
    FeaturePipeline.FittedCategorical marital = (FeaturePipeline.FittedCategorical) p.fitted().get(4);
    OneHotEncoder enc = (OneHotEncoder) marital.encoder();
    assertEquals(List.of("Married", "Together", "Single", "Divorced", "Widow"), enc.levels());
    assertTrue(Set.of("Absurd", "Alone", "YOLO").containsAll(enc.foldedLevels()), enc.foldedLevels().toString());

    FeaturePipeline.Result r = p.apply(later);
    FeatureMatrix m = r.matrix();
    assertEquals(740, m.rows());
    assertEquals(p.featureNames(), List.of(m.names()));
    assertEquals(later.column("ID").getString(0), m.id(0));
    assertEquals(0, m.get(0, m.columnIndex("Z_CostContact")), "constant: centered, never divided by zero");
    // the income median learned on the first 1,500 customers fills the later ones
    FeaturePipeline.FittedNumeric income = (FeaturePipeline.FittedNumeric) p.fitted().get(1);
    double[] present = fitPart.column("Income").removeMissing().asList().stream()
        .mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
    assertEquals(Scaler.quantile(present, 0.5), income.fill(), 1e-9);
    assertTrue(r.report().toString().startsWith("Features for 740 customers"), r.report().toString());
  }
}
