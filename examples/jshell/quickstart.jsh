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

// one segment in full: statistics in original units, z-scores, effect sizes, adjusted p-values
System.out.println(profiles.segment(0))

// stability: refit the same k-means on 20 bootstrap samples and match each segment (Hennig's clusterboot)
Stability.Result stability = Stability.run(scaled, km.options(), 20)
System.out.println(stability)

// the checklist: measurable, distinct, stable, actionable, each with the number behind it
Checklist checklist = Checklist.of(profiles, scaled, stability)
System.out.println(checklist)

// the whole story as one self-contained HTML page (or .md, .csv, .json, .txt)
Path html = Files.createTempFile("segmint-quickstart-", ".html")
Report.builder(profiles).title("Online Retail by RFM").checklist(checklist).stability(stability).indices(Indices.of(scaled, km.labels())).projection(scaled).build().write(html)
System.out.println("report: " + html)
/exit
