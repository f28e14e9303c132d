package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * The RFM column flags of {@code segment}, {@code assign} and {@code track}: the transactions' customer, timestamp,
 * order and amount (or quantity and price) columns, the timestamp format, as-of date and returns mode. All optional
 * here: {@code segment} requires what RFM needs when it reads transactions; {@code assign} takes them as overrides of
 * the names stored in the model; {@code track} reads {@code --as-of} as its list of snapshot dates.
 */
final class RfmFlags {

  final Flag<String> customer;
  final Flag<String> timestamp;
  final Flag<String> timestampFormat;
  final Flag<String> order;
  final Flag<String> amount;
  final Flag<String> quantity;
  final Flag<String> price;
  /** The as-of date of RFM; for {@code track}, its as-of dates (see {@link #RfmFlags(FlagSet, String)}). */
  final Flag<String> asOf;
  final Flag<String> returns;
  /** Whether {@link #asOf} is the command's own (track's list of dates), not an RFM setting. */
  private final boolean asOfIsTheCommands;

  /** Declares the flags into the command's set, in this order. */
  RfmFlags(FlagSet flags) {
    this(flags, null);
  }

  /**
   * Declares the flags, with {@code --as-of} described by {@code asOfDescription} and left to the command (not an
   * RFM setting) when that is not null: {@code track}'s list of as-of dates.
   */
  RfmFlags(FlagSet flags, String asOfDescription) {
    customer = flags.text("--customer", "COL", "Transactions: customer id column.");
    timestamp = flags.text("--timestamp", "COL", "Transactions: timestamp column (date part counts).");
    timestampFormat = flags.text("--timestamp-format", "PATTERN",
        "java.time pattern of the timestamps, e.g. dd-MM-yyyy (default: ISO yyyy-MM-dd[ HH:mm:ss]).");
    order = flags.text("--order", "COL", "Transactions: order id column (default: each row is an order).");
    amount = flags.text("--amount", "COL", "Transactions: amount column (or --quantity and --price).");
    quantity = flags.text("--quantity", "COL", "Transactions: quantity column (with --price).");
    price = flags.text("--price", "COL", "Transactions: unit price column (with --quantity).");
    asOf = flags.text("--as-of", "YYYY-MM-DD", asOfDescription != null ? asOfDescription
        : "As-of date (default: the day after the last purchase).");
    returns = flags.text("--returns", "exclude|net",
        "exclude: drop rows with amount <= 0 (default); net: negative amounts reduce monetary.");
    asOfIsTheCommands = asOfDescription != null;
  }

  /** Whether any flag was given. */
  boolean any() {
    return customer.given() || timestamp.given() || timestampFormat.given() || order.given() || amount.given()
        || quantity.given() || price.given() || (asOf.given() && !asOfIsTheCommands) || returns.given();
  }

  /** The RFM definition from these flags alone. */
  RfmFeatures build() {
    if (!customer.given() || !timestamp.given()) {
      throw new BadInputException("RFM from --transactions needs --customer COL and --timestamp COL");
    }
    if (!amount.given() && (!quantity.given() || !price.given())) {
      throw new BadInputException("RFM from --transactions needs --amount COL, or both --quantity COL and --price COL");
    }
    return apply(RfmFeatures.builder().returns(RfmFeatures.Returns.EXCLUDE)).build();
  }

  /** The stored definition with every given flag overriding it (column names, format, as-of date, returns). */
  RfmFeatures override(RfmFeatures base) {
    RfmFeatures.Builder b = RfmFeatures.builder().customer(base.customer()).timestamp(base.timestamp())
        .timestampFormat(base.timestampFormat()).order(base.order()).asOf(base.asOf()).returns(base.returns());
    if (!amount.given() && !quantity.given() && !price.given()) {
      if (base.amount() != null) {
        b.amount(base.amount());
      } else {
        b.quantity(base.quantity()).price(base.price());
      }
    }
    if (base.meanDaysBetweenPurchases()) {
      b.meanDaysBetweenPurchases();
    }
    if (base.purchasesInLastDays().length > 0) {
      b.purchasesInLastDays(base.purchasesInLastDays());
    }
    b.bins(base.bins()).segmentMap(base.segmentMap());
    return apply(b).build();
  }

  private RfmFeatures.Builder apply(RfmFeatures.Builder b) {
    if (customer.given()) {
      b.customer(customer.get());
    }
    if (timestamp.given()) {
      b.timestamp(timestamp.get());
    }
    if (timestampFormat.given()) {
      b.timestampFormat(timestampFormat.get());
    }
    if (order.given()) {
      b.order(order.get());
    }
    if (amount.given()) {
      b.amount(amount.get());
    } else if (quantity.given() || price.given()) {
      if (!quantity.given() || !price.given()) {
        throw new BadInputException("give --quantity and --price together (amount = quantity x price), or --amount");
      }
      b.quantity(quantity.get()).price(price.get());
    }
    if (asOf.given() && !asOfIsTheCommands) {
      try {
        b.asOf(LocalDate.parse(asOf.get()));
      } catch (DateTimeParseException e) {
        throw new BadInputException("--as-of '" + asOf.get() + "' is not a date; write it as YYYY-MM-DD, e.g. "
            + "2011-12-10");
      }
    }
    if (returns.given()) {
      b.returns(RfmCommand.parseReturns(returns.get()));
    }
    return b;
  }

  /**
   * The definition with every column name replaced by the header's spelling (flags match ignoring case), so that
   * the text columns are read as text whatever the case used; the same object when nothing changes.
   */
  static RfmFeatures resolve(RfmFeatures r, CsvInput in) {
    String customer = in.column(r.customer());
    String timestamp = in.column(r.timestamp());
    String order = r.order() == null ? null : in.column(r.order());
    String amount = r.amount() == null ? null : in.column(r.amount());
    String quantity = r.quantity() == null ? null : in.column(r.quantity());
    String price = r.price() == null ? null : in.column(r.price());
    if (customer.equals(r.customer()) && timestamp.equals(r.timestamp()) && java.util.Objects.equals(order, r.order())
        && java.util.Objects.equals(amount, r.amount()) && java.util.Objects.equals(quantity, r.quantity())
        && java.util.Objects.equals(price, r.price())) {
      return r;
    }
    RfmFeatures.Builder b = RfmFeatures.builder().customer(customer).timestamp(timestamp)
        .timestampFormat(r.timestampFormat()).order(order).asOf(r.asOf()).returns(r.returns());
    if (amount != null) {
      b.amount(amount);
    } else {
      b.quantity(quantity).price(price);
    }
    if (r.meanDaysBetweenPurchases()) {
      b.meanDaysBetweenPurchases();
    }
    if (r.purchasesInLastDays().length > 0) {
      b.purchasesInLastDays(r.purchasesInLastDays());
    }
    b.bins(r.bins()).segmentMap(r.segmentMap());
    return b.build();
  }

  /** The definition with --rfm-bins and --rfm-map applied. */
  static RfmFeatures rescore(RfmFeatures r, RfmScoringFlags scoring) throws Exception {
    RfmFeatures.Builder b = RfmFeatures.builder().customer(r.customer()).timestamp(r.timestamp())
        .timestampFormat(r.timestampFormat()).order(r.order()).asOf(r.asOf()).returns(r.returns());
    if (r.amount() != null) {
      b.amount(r.amount());
    } else {
      b.quantity(r.quantity()).price(r.price());
    }
    return scoring.apply(b).build();
  }

  /** Refuses amount, quantity or price columns that hold some text or numbers in the other decimal convention. */
  static void requireNumbers(RfmFeatures r, CsvInput in) {
    for (String c : new String[] {r.amount(), r.quantity(), r.price()}) {
      if (c != null) {
        in.requireNumbers(c, col -> "; fix that value or choose another column");
      }
    }
  }

  /** The columns RFM uses: customer, timestamp, order (when given), amount or quantity and price. */
  static Set<String> usedColumns(RfmFeatures rfm) {
    Set<String> used = textColumns(rfm);
    for (String c : new String[] {rfm.amount(), rfm.quantity(), rfm.price()}) {
      if (c != null) {
        used.add(c);
      }
    }
    return used;
  }

  /** The columns to read as text: ids, timestamps and order ids. */
  static Set<String> textColumns(RfmFeatures rfm) {
    Set<String> text = new HashSet<>(Set.of(rfm.customer(), rfm.timestamp()));
    if (rfm.order() != null) {
      text.add(rfm.order());
    }
    return text;
  }
}
