package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segmint rfm}: RFM features per customer from a transactions CSV. */
@Command(name = "rfm", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Compute recency, frequency, monetary value, scores and RFM segments per customer.",
    description = "Compute recency, frequency, monetary value, scores and RFM segments per customer from a "
        + "transactions CSV. Writes customer_id,recency_days,frequency,monetary,tenure_days,avg_order_value,"
        + "r_score,f_score,m_score,rfm_code,rfm_segment; the data-quality summary goes to stderr.")
final class RfmCommand implements Callable<Integer> {

  @Mixin
  TransactionsFlags tx;

  @Option(names = "--order", paramLabel = "COL", description = "Order id column (default: each row is an order).")
  String order;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Value value;

  static final class Value {
    @Option(names = "--amount", required = true, paramLabel = "COL", description = "Amount column.")
    String amount;

    @ArgGroup(exclusive = false)
    QuantityPrice qp;
  }

  static final class QuantityPrice {
    @Option(names = "--quantity", required = true, paramLabel = "COL", description = "Quantity column (with --price).")
    String quantity;

    @Option(names = "--price", required = true, paramLabel = "COL", description = "Unit price column (with --quantity).")
    String price;
  }

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "As-of date (default: the day after the last purchase).")
  String asOf;

  @Option(names = "--returns", defaultValue = "exclude", paramLabel = "exclude|net",
      description = "exclude: drop rows with amount <= 0; net: negative amounts reduce monetary (default: ${DEFAULT-VALUE}).")
  String returns;

  @Option(names = "--mean-days-between", description = "Also write mean_days_between_purchases (missing for one order).")
  boolean meanDaysBetween;

  @Option(names = "--purchases-in-last", split = ",", paramLabel = "DAYS",
      description = "Also write purchases_last_<DAYS>d for each window, e.g. 30,90.")
  int[] purchasesInLast;

  @Mixin
  RfmScoringFlags scoring;

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", tx.transactions).input("--rfm-map", scoring.map)
        .output("--out", out).check()) {
      return run(outputs);
    }
  }

  private Integer run(Outputs outputs) throws Exception {
    RfmFeatures.Builder b = RfmFeatures.builder().customer(tx.customer).timestamp(tx.timestamp).timestampFormat(tx.timestampFormat)
        .order(order).returns(parseReturns(returns));
    if (value.amount != null) {
      b.amount(value.amount);
    } else {
      b.quantity(value.qp.quantity).price(value.qp.price);
    }
    if (asOf != null) {
      try {
        b.asOf(LocalDate.parse(asOf));
      } catch (DateTimeParseException e) {
        throw new BadInputException("--as-of '" + asOf + "' is not a date; write it as YYYY-MM-DD, e.g. 2011-12-10");
      }
    }
    if (meanDaysBetween) {
      b.meanDaysBetweenPurchases();
    }
    if (purchasesInLast != null) {
      b.purchasesInLastDays(purchasesInLast);
    }
    RfmFeatures rfm = scoring.apply(b).build();
    CsvInput in = CsvInput.open(tx.transactions, CsvInput.Options.of(delimiter, decimalComma));
    rfm = RfmFlags.resolve(rfm, in);
    var table = in.read(RfmFlags.textColumns(rfm), RfmFlags.usedColumns(rfm));
    RfmFlags.requireNumbers(rfm, in);
    RfmFeatures.Result result = rfm.run(table);
    outputs.write(out, CsvIo.csv(result.table()));
    outputs.commit();
    PrintWriter err = spec.commandLine().getErr();
    err.print(result.report());
    err.printf("RFM as of %s: %,d customers written to %s%n", result.asOf(), result.table().rowCount(), out);
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
