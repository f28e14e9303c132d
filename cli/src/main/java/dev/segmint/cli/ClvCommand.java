package dev.segmint.cli;

import dev.segmint.features.RfmFeatures;
import dev.segmint.model.ValueModelFile;
import dev.segmint.profile.SegmentValues;
import dev.segmint.report.ValueReport;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.HoldoutCheck;
import dev.segmint.value.Period;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import dev.segmint.value.ValueTiers;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code segmint clv}: BG/NBD and Gamma-Gamma customer value per customer from a transactions CSV. */
final class ClvCommand extends Subcommand {

  ClvCommand() {
    super("clv", "Predict each customer's future purchases, order value and lifetime value (BG/NBD, Gamma-Gamma).",
        "Fit the BG/NBD (purchases) and Gamma-Gamma (order value) models to a transactions CSV and predict per "
            + "customer. Writes customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,"
            + "expected_order_value,clv; the parameters with standard errors and the data-quality summary go to "
            + "stderr. --by value also writes value tiers as segments; --report an HTML page with the holdout check "
            + "chart.");
  }

  final TransactionsFlags tx = new TransactionsFlags(flags);

  final RfmCommand.Value value = new RfmCommand.Value(flags);

  {
    flags.notHere("--order", "clv counts the days with a purchase, as BG/NBD does, not orders: leave out --order");
    flags.notHere("--as-of", "clv's cut-off is --calibration-end YYYY-MM-DD, the last day of the calibration "
        + "period, inclusive (the day before an RFM --as-of date), not --as-of");
  }

  final Flag<String> calibrationEnd = flags.text("--calibration-end", "YYYY-MM-DD",
      "Last day of the calibration period, inclusive (default: the last purchase day).");

  final Flag<String> holdoutEnd = flags.text("--holdout-end", "YYYY-MM-DD",
      "Also compare predicted and actual repeat purchases from the calibration end to this day.");

  final Flag<Integer> horizon = flags.integer("--horizon", "DAYS",
      "Horizon of expected_purchases and clv in days (default: ${DEFAULT-VALUE}, 12 months of 30 days).")
      .byDefault(360);

  final Flag<Double> discount = flags.decimal("--discount", "R",
      "Monthly discount rate of the CLV (default: ${DEFAULT-VALUE}).").byDefault(0.01);

  final Flag<String> period = flags.text("--period", "day|week",
      "Time unit of the model: recency, T and alpha in days or weeks (default: ${DEFAULT-VALUE}).").byDefault("day");

  final Flag<Integer> threads = flags.integer("--threads", "T",
      "Threads for the fits (0: all processors; the result does not depend on it).").byDefault(0);

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace",
      "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma",
      "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");

  final Flag<Path> out = flags.path("--out", "FILE.csv", "Output CSV, one row per customer.").required();

  final Flag<Path> outParams = flags.path("--out-params", "FILE.json",
      "Also write the parameters, standard errors and log-likelihoods as JSON (full precision).");

  final Flag<String> by = flags.text("--by", "value",
      "Also segment the customers by value into tiers, written by --out-segments as customer_id,segment (for export, "
          + "measure and track): 0 top value, 1 middle value, 2 low value, 3 likely lost; " + ValueTiers.RULE + ".");

  final Flag<Path> outSegments = flags.path("--out-segments", "FILE.csv",
      "With --by value: the value tiers as customer_id,segment, one row per customer.");

  final Flag<Path> report = flags.path("--report", "FILE.html",
      "Also write a self-contained HTML page with the models, the holdout check as a chart and a table when "
          + "--holdout-end is given, and where the value is with --by value.");

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", tx.transactions.get()).output("--out", out.get())
        .output("--out-params", outParams.get()).output("--out-segments", outSegments.get())
        .output("--report", report.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    Period unit;
    try {
      unit = Period.parse(period.get());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--period must be day or week, not '" + period.get() + "'");
    }
    if (horizon.get() < 0) {
      throw new BadInputException("--horizon " + horizon.get() + " is negative; give a number of days, e.g. 360");
    }
    if (!(discount.get() >= 0) || Double.isInfinite(discount.get())) {
      throw new BadInputException("--discount " + discount.get() + " must be a monthly rate of 0 or more, e.g. 0.01");
    }
    if (threads.get() < 0) {
      throw new BadInputException("--threads " + threads.get() + " is negative; give 0 (all processors) or a count");
    }
    if (by.given() && !by.get().strip().equalsIgnoreCase("value")) {
      throw new BadInputException("--by must be value (value tiers), not '" + by.get() + "'");
    }
    if (by.given() && !outSegments.given()) {
      throw new BadInputException("--by value needs --out-segments FILE.csv, where the tiers are written as "
          + "customer_id,segment");
    }
    if (!by.given() && outSegments.given()) {
      throw new BadInputException("--out-segments writes the value tiers; add --by value");
    }
    Path page = report.get();
    if (page != null && !page.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.html?")) {
      throw new BadInputException("--report writes HTML; end the file name with .html, not '" + page.getFileName()
          + "'");
    }
    LocalDate calEnd = date("--calibration-end", calibrationEnd.get());
    LocalDate holdEnd = date("--holdout-end", holdoutEnd.get());
    if (holdEnd != null && calEnd == null) {
      throw new BadInputException("--holdout-end needs --calibration-end: the holdout period starts the day after it");
    }
    if (holdEnd != null && !holdEnd.isAfter(calEnd)) {
      throw new BadInputException("--holdout-end " + holdEnd + " must be after --calibration-end " + calEnd);
    }
    RfmFeatures.Builder rb = RfmFeatures.builder().customer(tx.customer.get()).timestamp(tx.timestamp.get())
        .timestampFormat(tx.timestampFormat.get());
    value.apply(rb);
    CsvInput in = CsvInput.open(tx.transactions.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    RfmFeatures columns = RfmFlags.resolve(rb.build(), in);
    var table = in.read(RfmFlags.textColumns(columns), RfmFlags.usedColumns(columns));
    RfmFlags.requireNumbers(columns, in);
    CustomerValue reading = reading(columns, calEnd, unit);
    RfmFeatures.Prepared prepared = reading.reading().prepare(table);
    CalibrationSummary summary = reading.summarize(prepared);
    ValueModel model = ValueModel.fit(summary, threads.get());
    ValuePredictions predictions = model.predict(summary, horizon.get(), discount.get(), threads.get());
    HoldoutCheck check = holdEnd == null ? null : HoldoutCheck.of(model, summary, prepared, holdEnd);
    ValueTiers tiers = by.given() ? ValueTiers.of(predictions) : null;
    SegmentValues tierValue = tiers == null ? null : tiers.value();
    outputs.write(out.get(), CsvIo.csv(predictions.toTable()));
    if (outParams.given()) {
      String json = ValueModelFile.toJson(model) + "\n";
      outputs.write(outParams.get(), w -> w.write(json));
    }
    if (tiers != null) {
      outputs.write(outSegments.get(), CsvIo.csv(tiers.toTable()));
    }
    if (report.given()) {
      ValueReport models = ValueReport.of(model, predictions);
      models = check == null ? models : models.withHoldout(check);
      ValueReport html = tierValue == null ? models : models.withValue(tierValue);
      outputs.save(report.get(), html::write);
    }
    outputs.commit();
    stderr.print(summary.report());
    stderr.println(model.purchases());
    stderr.println(model.orderValue());
    if (check != null) {
      stderr.println(check);
    }
    if (tierValue != null) {
      stderr.print(tierValue);
      stderr.printf("value tiers of %,d customers written to %s%n", summary.size(), outSegments.get());
    }
    if (report.given()) {
      stderr.println("report written to " + report.get());
    }
    stderr.printf("Customer value through %s (period %s): %,d customers, horizon %d days, discount %s a month, "
        + "total CLV %s, written to %s%n", summary.calibrationEnd(), unit.label(), summary.size(), horizon.get(),
        dev.segmint.internal.Numbers.pct(discount.get()), dev.segmint.internal.Numbers.num(predictions.totalClv()),
        out.get());
    return 0;
  }

  /** The customer-value reading of transactions read with these RFM columns (shared with segment --clv). */
  static CustomerValue reading(RfmFeatures columns, LocalDate calibrationEnd, Period unit) {
    CustomerValue.Builder cb = CustomerValue.builder().customer(columns.customer()).timestamp(columns.timestamp())
        .timestampFormat(columns.timestampFormat()).calibrationEnd(calibrationEnd).period(unit);
    if (columns.amount() != null) {
      cb.amount(columns.amount());
    } else {
      cb.quantity(columns.quantity()).price(columns.price());
    }
    return cb.build();
  }

  private static LocalDate date(String flag, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException(flag + " '" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2011-09-08");
    }
  }
}
