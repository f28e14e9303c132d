package dev.segmint.features;

import tech.tablesaw.api.Table;

/**
 * The tables a {@link FeatureSpec} reads: transactions (for RFM), a customer table (for demographics and plain
 * columns) and an optional engagement table (for engagement; when null, engagement is read from the customer table).
 * Any of them may be null when the spec does not need it.
 */
public record FeatureInputs(Table transactions, Table customers, Table engagement) {

  /** Only a transactions table. */
  public static FeatureInputs ofTransactions(Table transactions) {
    return new FeatureInputs(transactions, null, null);
  }

  /** Only a customer table (engagement read from it too). */
  public static FeatureInputs ofCustomers(Table customers) {
    return new FeatureInputs(null, customers, null);
  }

  /** Transactions and a customer table. */
  public static FeatureInputs of(Table transactions, Table customers) {
    return new FeatureInputs(transactions, customers, null);
  }

  /** A copy with a separate engagement table. */
  public FeatureInputs withEngagement(Table engagementTable) {
    return new FeatureInputs(transactions, customers, engagementTable);
  }
}
