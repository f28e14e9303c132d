// Customer value on the bundled Online Retail data: the calibration summary, the BG/NBD and Gamma-Gamma fits, the
// predictions per customer, the value per RFM segment and per value tier, and the holdout check.
// Run from the repository root:  bin/segmint-jshell examples/jshell/value.jsh
import dev.segmint.value.*;

// 1. read the transactions once; calibrate on the purchases up to 8 September 2011, keep the rest as the holdout
Table tx = readCsv("data/online_retail.csv.gz", "CustomerID", "InvoiceNo", "StockCode", "InvoiceDate")
CustomerValue reading = CustomerValue.builder().customer("CustomerID").timestamp("InvoiceDate").quantity("Quantity").price("UnitPrice").calibrationEnd(LocalDate.of(2011, 9, 8)).build()
RfmFeatures.Prepared prepared = reading.reading().prepare(tx)
CalibrationSummary summary = reading.summarize(prepared)
System.out.println(summary.report())

// 2. fit both models by maximum likelihood and predict 12 months (of 30 days) at 1 % a month
ValueModel model = ValueModel.fit(summary)
System.out.println(model)
ValuePredictions predictions = model.predict(summary, 360, 0.01)
System.out.println(predictions.toTable().sortDescendingOn("clv").first(5).print())

// 3. value per RFM segment: the RFM groups as of the same day, joined to the predictions on the customer id
Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo").quantity("Quantity").price("UnitPrice").asOf(LocalDate.of(2011, 9, 8)).build().run(tx).table()
List<String> groups = rfm.stringColumn("rfm_segment").unique().asList().stream().sorted().toList()
int[] labels = rfm.stringColumn("rfm_segment").asList().stream().mapToInt(groups::indexOf).toArray()
Map<Integer, String> names = new HashMap<>()
for (int g = 0; g < groups.size(); g++) names.put(g, groups.get(g));
SegmentValues byRfm = SegmentValues.of(rfm.stringColumn("customer_id").asObjectArray(), labels, names, predictions)
System.out.println(byRfm)

// 4. value tiers, a segmentation of their own (segmint clv --by value): likely lost, then top 20 %, next 30 %, rest
ValueTiers tiers = ValueTiers.of(predictions)
System.out.println(tiers)
System.out.println(tiers.value())

// 5. the holdout check: predicted against actual repeat purchase days from 9 September to 9 December
HoldoutCheck check = HoldoutCheck.of(model, summary, prepared, LocalDate.of(2011, 12, 9))
System.out.println(check)
System.out.printf("value: %d customers, total CLV %.0f; holdout: actual %.0f, predicted %.0f%n", predictions.summary().size(), predictions.totalClv(), check.totalActual(), check.totalPredicted())
/exit
