// Kaggle's marketing_campaign (2,240 customers): demographics and engagement, mixed numeric and categorical.
// Run from the repository root:  bin/segmint-jshell examples/jshell/marketing-campaign.jsh

// 1. load: tab-separated (readCsv sees the tab in the header); ids and the enrolment date as text
Table customers = readCsv("data/marketing_campaign.csv.gz", "ID", "Dt_Customer")
System.out.println(customers.shape())
System.out.println(customers.selectColumns("ID", "Year_Birth", "Education", "Marital_Status", "Income", "Kidhome", "NumWebVisitsMonth", "Recency").first(5).print())

// 2. features: one spec for demographics, engagement and their encoding (imputation, winsorizing, scaling)
var demographics = DemographicFeatures.builder().customer("ID").birthYear("Year_Birth").asOf(java.time.LocalDate.of(2014, 12, 31)).income("Income").education("Education").maritalStatus("Marital_Status").build()
var engagement = EngagementFeatures.builder().customer("ID").webVisitsPerMonth("NumWebVisitsMonth").daysSinceLastActivity("Recency").campaigns("AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "Response").channel("web", "NumWebPurchases").channel("store", "NumStorePurchases").channel("catalog", "NumCatalogPurchases").build()
FeatureSpec spec = FeatureSpec.builder().demographics(demographics).engagement(engagement).add(NumericFeature.of("age").withImputeMedian()).add(NumericFeature.of("income").withImputeMedian().withWinsorize(0.01, 0.99).withScale(Scaler.Kind.ROBUST)).add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD").withScale(Scaler.Kind.MINMAX)).add(CategoricalFeature.oneHot("marital_status").withMinCount(10).withWeight(0.5)).numeric(NumericFeature.of("x"), "web_visits_per_month", "days_since_last_activity", "share_web", "share_store", "share_catalog").add(NumericFeature.of("campaigns_accepted").withLog1p()).build()
FeaturePipeline pipeline = spec.fit(customers)
FeaturePipeline.Result features = pipeline.apply(customers)
System.out.println(features.report())
FeatureMatrix m = features.matrix()
System.out.println(m)

// 3. choose k: 3..10, the largest silhouette among k whose every segment holds at least 2 % of the customers
KSelection.Result choice = KSelection.run(m, KSelection.Options.defaults().withKMeans(KMeans.Options.of(3).withSeed(7).withNInit(4)))
System.out.println(choice)

// 4. cluster: the chosen k, then 4 segments for a finer split to compare
KMeans.Result km = choice.best()
KMeans.Result km4 = KMeans.fit(m, KMeans.Options.of(4).withSeed(7).withNInit(4))
System.out.println(km4)

// 5. profile in original units, including spending that was not clustered on (rows in the matrix's order)
Table rows = m.rowsOf(customers, "ID")
SegmentProfiles profiles = SegmentProfiles.of(rows, km4.labels(), "Income", "Year_Birth", "Kidhome", "Teenhome", "Education", "Marital_Status", "NumWebVisitsMonth", "NumWebPurchases", "NumStorePurchases", "NumCatalogPurchases", "MntWines", "Response")
System.out.println(profiles)

// 6. report
Path html = Files.createTempFile("segmint-marketing-", ".html")
Report.builder(profiles).title("Marketing campaign: 4 segments").kSelection(choice).indices(Indices.of(m, km4.labels())).projection(m).build().write(html)
System.out.println("report: " + html + " (" + Files.size(html) + " bytes)")
System.out.println("marketing-campaign: " + profiles.customers() + " customers in " + profiles.size() + " segments, k-selection chose k = " + choice.k())
/exit
