package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** {@code segmint rfm}: RFM features per customer from a transactions CSV. */
final class RfmCommand extends Subcommand {

  RfmCommand() {
    super("rfm", "Compute recency, frequency, monetary value, scores and RFM segments per customer.",
        "Compute recency, frequency, monetary value, scores and RFM segments per customer from a transactions CSV. "
            + "Writes customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,r_score,f_score,m_score,"
            + "rfm_code,rfm_segment; the data-quality summary goes to stderr.");
  }

  final TransactionsFlags tx = new TransactionsFlags(flags);

  final Flag<String> order = flags.text("--order", "COL", "Order id column (default: each row is an order).");

  final Value value = new Value(flags);

  /**
   * The amount of a transaction, from exactly one of {@code --amount COL} or {@code --quantity COL --price COL}
   * (flags of {@code rfm} and {@code clv}).
   */
  static final class Value {
    final Flag<String> amount;
    final Flag<String> quantity;
    final Flag<String> price;

    /** Declares the three flags and the choice between them into the command's set. */
    Value(FlagSet flags) {
      amount = flags.text("--amount", "COL", "Amount column.");
      quantity = flags.text("--quantity", "COL", "Quantity column (with --price).");
      price = flags.text("--price", "COL", "Unit price column (with --quantity).");
      flags.exactlyOne(List.of(List.of(amount), List.of(quantity, price)));
    }

    /** Sets the amount column, or the quantity and price columns, on {@code b}. */
    RfmFeatures.Builder apply(RfmFeatures.Builder b) {
      return amount.given() ? b.amount(amount.get()) : b.quantity(quantity.get()).price(price.get());
    }
  }

  final Flag<String> asOf = flags.text("--as-of", "YYYY-MM-DD",
      "As-of date (default: the day after the last purchase).");

  final Flag<String> returns = flags.text("--returns", "exclude|net",
      "exclude: drop rows with amount <= 0; net: negative amounts reduce monetary (default: ${DEFAULT-VALUE}).")
      .byDefault("exclude");

  final Flag<Boolean> meanDaysBetween = flags.toggle("--mean-days-between",
      "Also write mean_days_between_purchases (missing for one order).");

  final Flag<List<Integer>> purchasesInLast = flags.integers("--purchases-in-last", "DAYS",
      "Also write purchases_last_<DAYS>d for each window, e.g. 30,90.");

  final RfmScoringFlags scoring = new RfmScoringFlags(flags);

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace",
      "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma",
      "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");

  final Flag<Path> out = flags.path("--out", "FILE.csv", "Output CSV.").required();

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", tx.transactions.get())
        .input("--rfm-map", scoring.map.get()).output("--out", out.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    RfmFeatures.Builder b = RfmFeatures.builder().customer(tx.customer.get()).timestamp(tx.timestamp.get())
        .timestampFormat(tx.timestampFormat.get()).order(order.get()).returns(parseReturns(returns.get()));
    value.apply(b);
    if (asOf.given()) {
      try {
        b.asOf(LocalDate.parse(asOf.get()));
      } catch (DateTimeParseException e) {
        throw new BadInputException("--as-of '" + asOf.get() + "' is not a date; write it as YYYY-MM-DD, e.g. "
            + "2011-12-10");
      }
    }
    if (meanDaysBetween.get()) {
      b.meanDaysBetweenPurchases();
    }
    if (purchasesInLast.given()) {
      b.purchasesInLastDays(purchasesInLast.get().stream().mapToInt(Integer::intValue).toArray());
    }
    RfmFeatures rfm = scoring.apply(b).build();
    CsvInput in = CsvInput.open(tx.transactions.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    rfm = RfmFlags.resolve(rfm, in);
    var table = in.read(RfmFlags.textColumns(rfm), RfmFlags.usedColumns(rfm));
    RfmFlags.requireNumbers(rfm, in);
    RfmFeatures.Result result = rfm.run(table);
    outputs.write(out.get(), CsvIo.csv(result.table()));
    outputs.commit();
    stderr.print(result.report());
    stderr.printf("RFM as of %s: %,d customers written to %s%n", result.asOf(), result.table().rowCount(), out.get());
    return 0;
  }

  static RfmFeatures.Returns parseReturns(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "exclude" -> RfmFeatures.Returns.EXCLUDE;
      case "net" -> RfmFeatures.Returns.NET;
      default -> throw new BadInputException("--returns must be exclude or net, not '" + s + "'");
    };
  }
}
