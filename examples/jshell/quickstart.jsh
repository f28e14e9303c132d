// A notebook-style walk through the bundled Online Retail data. Run from the repository root:
//   bin/segmint-jshell examples/jshell/quickstart.jsh
Table tx = readCsv("data/online_retail.csv.gz", "CustomerID", "InvoiceNo", "StockCode")
System.out.println(tx.shape())

var rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo").quantity("Quantity").price("UnitPrice").build().run(tx)
System.out.println(rfm.report())

FeatureMatrix m = FeatureMatrix.fromTable(rfm.table(), "customer_id", "recency_days", "frequency", "monetary").withLog1p("recency_days", "frequency", "monetary")
FeatureMatrix scaled = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m)
System.out.println(scaled)

KMeans.Result km = KMeans.fit(scaled, KMeans.Options.of(5).withSeed(42).withNInit(4))
System.out.println(km)

SegmentProfiles profiles = SegmentProfiles.of(rfm.table(), km.labels())
System.out.println(profiles)
System.out.println("customers: " + profiles.customers() + " in " + profiles.size() + " segments")
/exit
