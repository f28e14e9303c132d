// The segmentation cycle on the bundled Online Retail data: segments tracked quarter by quarter, audiences and
// rules for a marketing tool, and a campaign measured per segment against its control group.
// Run from the repository root:  bin/segmint-jshell examples/jshell/cycle.jsh

// 1. load the transactions and state the RFM columns once
Table tx = readCsv("data/online_retail.csv.gz", "CustomerID", "InvoiceNo", "StockCode", "InvoiceDate")
RfmFeatures rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo").quantity("Quantity").price("UnitPrice").build()

// 2. track: the named RFM groups at the start of each quarter of 2011 (each from the transactions dated before it),
//    how customers moved between them, the drift of each feature, and whether the segments need a refit
Tracking tracking = Tracker.builder().rfm(rfm).every(Tracker.Every.QUARTER, LocalDate.of(2011, 3, 1), LocalDate.of(2011, 12, 1)).build().run(tx)
System.out.println(tracking)
System.out.println(tracking.migrationTable().first(6).print())

// 3. segment: k-means on log RFM over the whole year; the model keeps each segment's name and action
FeatureSpec features = FeatureSpec.builder().rfm(rfm).numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary").build()
SegmentationModel model = Segmentation.builder().features(features).kmeans(4).seed(42).build().fit(tx)
System.out.println(model)
System.out.println(model.profiles().segment(0).toTable().print())

// 4. audiences: the same model assigned the customers as of 1 November; today's audiences against those say who
//    entered, stayed in and left each segment, the lists a marketing tool needs to start and stop journeys
Table beforeNovember = tx.where(tx.stringColumn("InvoiceDate").eval(d -> d.compareTo("2011-11-01") < 0))
Assignment november = model.assign(beforeNovember)
Audiences audiences = Audiences.of(model).against(Audiences.of(model, november.ids(), november.segments()))
System.out.println(audiences)

// 5. rules: each segment as a filter on the RFM columns, for tools that build audiences from conditions
SegmentRules rules = SegmentRules.of(model)
System.out.println(rules)
System.out.println(rules.toSql())

// 6. measure: a simulated campaign on the RFM groups (seed 2011, half of the customers treated, a known true lift
//    per group: +15 points for Champions, +12 At Risk, +10 Loyal Customers, Potential Loyalists and Need Attention,
//    -2 Hibernating, none for Promising and About To Sleep), then the lift per group with its 95 % interval
Table customers = rfm.run(tx).table()
Map<String, double[]> truth = Map.of("Champions", new double[] {0.30, 0.15}, "Loyal Customers", new double[] {0.20, 0.10}, "Potential Loyalists", new double[] {0.10, 0.10}, "New Customers", new double[] {0.06, 0.10}, "Promising", new double[] {0.05, 0}, "Need Attention", new double[] {0.08, 0.10}, "About To Sleep", new double[] {0.04, 0}, "At Risk", new double[] {0.06, 0.12}, "Can't Lose Them", new double[] {0.08, 0.20}, "Hibernating", new double[] {0.03, -0.02})
SplittableRandom random = new SplittableRandom(2011)
StringColumn group = StringColumn.create("group")
IntColumn converted = IntColumn.create("converted")
for (String s : customers.stringColumn("rfm_segment")) { boolean treated = random.nextDouble() < 0.5; double[] e = truth.get(s); group.append(treated ? "treatment" : "control"); converted.append(random.nextDouble() < e[0] + (treated ? e[1] : 0) ? 1 : 0); }
Table responses = Table.create("responses", customers.stringColumn("customer_id").copy(), group, converted)
Table segments = Table.create("segments", customers.stringColumn("customer_id").copy(), customers.stringColumn("rfm_segment").copy().setName("segment"))
CampaignResults campaign = CampaignResults.of(segments, responses, CampaignResults.Options.of("customer_id", "group", "treatment", "control", "converted"))
System.out.println(campaign)
campaign.sentences().forEach(System.out::println)
long targeted = campaign.rows().stream().filter(r -> r.decision() == CampaignResults.Decision.TARGET).count()
System.out.println("cycle: " + tracking.snapshots().size() + " snapshots, " + tracking.moversTable().rowCount() + " movers; " + audiences.rows().size() + " audience rows; target " + targeted + " of " + campaign.rows().size() + " segments")
/exit
