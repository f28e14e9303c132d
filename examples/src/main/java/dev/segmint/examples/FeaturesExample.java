package dev.segmint.examples;

import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.DemographicFeatures;
import dev.segmint.features.EngagementFeatures;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Every feature family on the bundled real data: RFM on UCI Online Retail, demographics and engagement on the
 * Kaggle marketing_campaign table, and a fitted {@link FeaturePipeline} applied to customers it has not seen. The
 * output of this class is what docs/features.md shows.
 *
 * <pre>{@code java -cp ... dev.segmint.examples.FeaturesExample data}</pre>
 */
public final class FeaturesExample {
  private FeaturesExample() {}

  public static void main(String[] args) {
    run(Datasets.dir(args), System.out);
  }

  /** Prints the examples for the data folder {@code dir}. */
  public static void run(Path dir, PrintStream out) {
    Table retail = Datasets.onlineRetail(dir);
    Table marketing = Datasets.marketingCampaign(dir);

    out.println("== 1. RFM on UCI Online Retail (" + String.format("%,d", retail.rowCount()) + " rows)");
    // tag::rfm[]
    RfmFeatures rfm = RfmFeatures.builder()
        .customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice")
        .meanDaysBetweenPurchases().purchasesInLastDays(90)     // optional extras, after the contract columns
        .build();
    RfmFeatures.Result r = rfm.run(retail);                      // r.table(), r.report(), r.asOf()
    // end::rfm[]
    out.println("as of " + r.asOf());
    out.print(r.report());
    out.println(r.table().first(5).print());
    out.println(r.table().countBy("rfm_segment").sortDescendingOn("Count").print());
    out.println(r.report().toTable().print());

    out.println();
    out.println("== 2. Demographics on marketing_campaign (" + String.format("%,d", marketing.rowCount())
        + " customers, tab-separated)");
    // tag::demographics[]
    DemographicFeatures demographics = DemographicFeatures.builder()
        .customer("ID").birthYear("Year_Birth").asOf(LocalDate.of(2014, 12, 31)).ageBands(30, 45, 60, 75)
        .income("Income")
        .householdSize("Marital_Status", Set.of("Married", "Together"), "Kidhome", "Teenhome")
        .education("Education").maritalStatus("Marital_Status")
        .build();
    // end::demographics[]
    DemographicFeatures.Result d = demographics.run(marketing);
    out.println(d.implausibleAges() + " implausible ages set missing: " + d.implausibleAgeExamples());
    out.println(d.table().first(5).print());
    out.println(d.table().countBy("age_band").print());

    out.println();
    out.println("== 3. Engagement on marketing_campaign");
    // tag::engagement[]
    EngagementFeatures engagement = EngagementFeatures.builder()
        .customer("ID").webVisitsPerMonth("NumWebVisitsMonth").daysSinceLastActivity("Recency")
        .campaigns("AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "Response")
        .channel("web", "NumWebPurchases").channel("store", "NumStorePurchases")
        .channel("catalog", "NumCatalogPurchases")
        .build();
    // or from email counters: .emails("sends", "opens", "clicks"); or an event log: .events("type", "time", null)
    // end::engagement[]
    EngagementFeatures.Result e = engagement.run(marketing);
    out.println("priors (pooled shares): " + e.priors());
    out.println(e.table().first(5).print());

    out.println();
    out.println("== 4. A pipeline fitted on the first 1,500 marketing customers, applied to the other 740");
    // tag::pipeline[]
    FeatureSpec spec = FeatureSpec.builder()
        .demographics(demographics).engagement(engagement).columns("ID", "Z_CostContact")   // joined on customer id
        .add(NumericFeature.of("age").withImputeMedian())
        .add(NumericFeature.of("income").withImputeMedian().withMissingIndicator().withWinsorize(0.01, 0.99)
            .withScale(Scaler.Kind.ROBUST))
        .add(NumericFeature.of("household_size"))
        .add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD")
            .withScale(Scaler.Kind.MINMAX))
        .add(CategoricalFeature.oneHot("marital_status").withMinCount(10).withWeight(0.5))
        .numeric(NumericFeature.of("x"), "web_visits_per_month", "days_since_last_activity", "share_web",
            "share_store", "share_catalog")
        .add(NumericFeature.of("campaigns_accepted").withLog1p())
        .add(NumericFeature.of("Z_CostContact"))
        .build();
    FeaturePipeline pipeline = spec.fit(marketing.inRange(0, 1500));
    FeaturePipeline.Result applied = pipeline.apply(marketing.inRange(1500, marketing.rowCount()));
    // end::pipeline[]
    out.print(pipeline.fitReport());
    out.print(applied.report());
    FeatureMatrix m = applied.matrix();
    String[] names = m.names();
    String[] prov = m.provenance();
    out.println("provenance:");
    for (int j = 0; j < names.length; j++) {
      out.printf("  %-26s %s%n", names[j], prov[j]);
    }
    out.println(m);

    out.println();
    out.println("== 5. RFM and country (frequency-encoded) for Online Retail customers");
    FeatureSpec retailSpec = FeatureSpec.builder()
        .rfm(RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
            .quantity("Quantity").price("UnitPrice").build())
        .demographics(DemographicFeatures.builder().customer("CustomerID").country("Country").build())
        .numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary")
        .add(CategoricalFeature.frequency("country"))
        .build();
    // the same table is both the transactions and the (per-row) customer table: country is each customer's most
    // frequent country
    FeatureInputs inputs = FeatureInputs.of(retail, retail);
    FeaturePipeline.Result retailFeatures = retailSpec.fit(inputs).apply(inputs);
    out.print(retailFeatures.report().join());
    out.println(retailFeatures.matrix());
  }
}
