// Online Retail, start to finish, as a notebook would: load, features, choose k, cluster, profile, report.
// Run from the repository root:  bin/segmint-jshell examples/jshell/online-retail.jsh

// 1. load: 541,909 transactions; ids and invoice numbers as text ("C536379" is a cancellation)
Table tx = readCsv("data/online_retail.csv.gz", "CustomerID", "InvoiceNo", "StockCode")
System.out.println(tx.shape())
System.out.println(tx.first(3).print())

// 2. features: RFM per customer, and what the data-quality report counted as dropped
var rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo").quantity("Quantity").price("UnitPrice").build().run(tx)
System.out.println(rfm.report())
System.out.println(rfm.table().summarize("recency_days", "frequency", "monetary", AggregateFunctions.median, AggregateFunctions.max).apply().print())
FeatureMatrix m = FeatureMatrix.fromTable(rfm.table(), "customer_id", "recency_days", "frequency", "monetary").withLog1p("recency_days", "frequency", "monetary")
FeatureMatrix scaled = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m)

// tag::choose-k[]
// 3. choose k: k-means for k = 3..10; a k is eligible when every segment holds at least 2 % of the customers,
//    and the largest silhouette among eligible k wins (the table also gives Calinski-Harabasz and Davies-Bouldin)
KSelection.Result choice = KSelection.run(scaled, KSelection.Options.defaults().withKMeans(KMeans.Options.of(3).withSeed(42).withNInit(4)))
System.out.println(choice)

// 4. cluster: a finer split than the chosen k, for more targeted campaigns: k = 5
KMeans.Result km = KMeans.fit(scaled, KMeans.Options.of(5).withSeed(42).withNInit(4))
System.out.println(km)
System.out.println(Indices.of(scaled, km.labels()))
// end::choose-k[]

// 5. profile: means in original units, names, dominant named RFM segment
SegmentProfiles profiles = SegmentProfiles.of(rfm.table(), km.labels(), "recency_days", "frequency", "monetary", "avg_order_value", "rfm_segment")
System.out.println(profiles)
System.out.println(profiles.segment(0).toTable().print())

// 6. report: one self-contained HTML page with the k-selection curves and the profiles
Path html = Files.createTempFile("segmint-online-retail-", ".html")
Report.builder(profiles).title("Online Retail: RFM segments").kSelection(choice).indices(Indices.of(scaled, km.labels())).projection(scaled).build().write(html)
System.out.println("report: " + html + " (" + Files.size(html) + " bytes)")
System.out.println("online-retail: " + profiles.customers() + " customers in " + profiles.size() + " segments, k-selection chose k = " + choice.k())
/exit
