package dev.segmint.examples;

import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.DemographicFeatures;
import dev.segmint.features.EngagementFeatures;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Demographics and engagement of the 2,240 customers of Kaggle's marketing_campaign table: mixed numeric and
 * categorical features through one {@link FeatureSpec}, k chosen by {@link KSelection}, k-means, and profiles in
 * original units, including the spending columns that were not clustered on.
 *
 * <pre>{@code java -cp cli/target/segmint.jar:examples/target/classes \
 *     dev.segmint.examples.MarketingSegments data}</pre>
 */
public final class MarketingSegments {
  private MarketingSegments() {}

  /** What the example found: the features, the k selection, the k-means fit and the profiles. */
  public record Result(FeatureMatrix features, KSelection.Result selection, KMeans.Result kmeans,
      SegmentProfiles profiles) {}

  public static void main(String[] args) {
    run(Datasets.dir(args), System.out);
  }

  /** Runs the example on the data folder {@code dir}, printing to {@code out}. */
  public static Result run(Path dir, PrintStream out) {
    Table customers = Datasets.marketingCampaign(dir);
    // tag::spec[]
    FeatureSpec spec = FeatureSpec.builder()
        .demographics(DemographicFeatures.builder()
            .customer("ID").birthYear("Year_Birth").asOf(LocalDate.of(2014, 12, 31))
            .income("Income").education("Education").maritalStatus("Marital_Status")
            .build())
        .engagement(EngagementFeatures.builder()
            .customer("ID").webVisitsPerMonth("NumWebVisitsMonth").daysSinceLastActivity("Recency")
            .campaigns("AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "Response")
            .channel("web", "NumWebPurchases").channel("store", "NumStorePurchases")
            .channel("catalog", "NumCatalogPurchases")
            .build())
        .add(NumericFeature.of("age").withImputeMedian())
        .add(NumericFeature.of("income").withImputeMedian().withWinsorize(0.01, 0.99).withScale(Scaler.Kind.ROBUST))
        .add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD")
            .withScale(Scaler.Kind.MINMAX))
        .add(CategoricalFeature.oneHot("marital_status").withMinCount(10).withWeight(0.5))
        .numeric(NumericFeature.of("x"), "web_visits_per_month", "days_since_last_activity",
            "share_web", "share_store", "share_catalog")
        .add(NumericFeature.of("campaigns_accepted").withLog1p())
        .build();
    FeaturePipeline.Result features = spec.fit(customers).apply(customers);
    FeatureMatrix m = features.matrix();
    // end::spec[]
    out.println("== Features: " + m.rows() + " customers x " + m.columns() + " features");
    out.print(features.report());
    out.println(m);

    // tag::choose-k[]
    KSelection.Result choice = KSelection.run(m, KSelection.Options.range(2, 8)
        .withKMeans(KMeans.Options.of(2).withSeed(7).withNInit(4)));
    out.println(choice);                       // k, inertia, silhouette, CH, DB and gap per k; the chosen k
    KMeans.Result km = choice.best();          // the k-means fit at the chosen k
    // end::choose-k[]
    out.println("== k-means at k = " + choice.k() + " (" + choice.reason() + ")");
    out.println(km);

    // tag::profile[]
    Table rows = m.rowsOf(customers, "ID");
    SegmentProfiles profiles = SegmentProfiles.of(rows, km.labels(), "Income", "Year_Birth", "Kidhome", "Teenhome",
        "Education", "Marital_Status", "NumWebVisitsMonth", "NumWebPurchases", "NumStorePurchases",
        "NumCatalogPurchases", "MntWines", "MntMeatProducts", "Response");
    out.println(profiles);
    // end::profile[]
    return new Result(m, choice, km, profiles);
  }
}
