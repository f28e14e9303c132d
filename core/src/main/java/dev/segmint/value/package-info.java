/**
 * Customer value: the "buy till you die" models. {@link dev.segmint.value.CustomerValue} turns a transactions table
 * into the calibration summary per customer (frequency, recency, T, monetary, as lifetimes'
 * {@code summary_data_from_transaction_data}); {@link dev.segmint.value.BgNbd} (Fader, Hardie and Lee 2005) and
 * {@link dev.segmint.value.GammaGamma} (Fader, Hardie and Lee 2005, "RFM and CLV") are fitted to it by maximum
 * likelihood; {@link dev.segmint.value.ValueModel} holds both, predicts per customer (probability alive, expected
 * purchases, expected order value, lifetime value with monthly discounting) and is saved as JSON.
 *
 * <pre>{@code
 * CalibrationSummary s = CustomerValue.builder().customer("CustomerID").timestamp("InvoiceDate")
 *     .quantity("Quantity").price("UnitPrice").build().summarize(transactions);
 * ValueModel model = ValueModel.fit(s);
 * ValuePredictions p = model.predict(s, 360, 0.01);   // 12 months of 30 days, 1 % a month
 * }</pre>
 */
package dev.segmint.value;
