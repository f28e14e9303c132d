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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segmint clv}: BG/NBD and Gamma-Gamma customer value per customer from a transactions CSV. */
@Command(name = "clv", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Predict each customer's future purchases, order value and lifetime value (BG/NBD, Gamma-Gamma).",
    description = "Fit the BG/NBD (purchases) and Gamma-Gamma (order value) models to a transactions CSV and "
        + "predict per customer. Writes customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,"
        + "expected_order_value,clv; the parameters with standard errors and the data-quality summary go to stderr. "
        + "--by value also writes value tiers as segments; --report an HTML page with the holdout check chart.")
final class ClvCommand implements Callable<Integer> {

  @Mixin
  TransactionsFlags tx;

  @ArgGroup(exclusive = true, multiplicity = "1")
  RfmCommand.Value value;

  @Option(names = "--calibration-end", paramLabel = "YYYY-MM-DD",
      description = "Last day of the calibration period, inclusive (default: the last purchase day).")
  String calibrationEnd;

  @Option(names = "--holdout-end", paramLabel = "YYYY-MM-DD",
      description = "Also compare predicted and actual repeat purchases from the calibration end to this day.")
  String holdoutEnd;

  @Option(names = "--horizon", defaultValue = "360", paramLabel = "DAYS",
      description = "Horizon of expected_purchases and clv in days (default: ${DEFAULT-VALUE}, 12 months of 30 days).")
  int horizon;

  @Option(names = "--discount", defaultValue = "0.01", paramLabel = "R",
      description = "Monthly discount rate of the CLV (default: ${DEFAULT-VALUE}).")
  double discount;

  @Option(names = "--period", defaultValue = "day", paramLabel = "day|week",
      description = "Time unit of the model: recency, T and alpha in days or weeks (default: ${DEFAULT-VALUE}).")
  String period;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
      description = "Threads for the fits (0: all processors; the result does not depend on it).")
  int threads;

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV, one row per customer.")
  Path out;

  @Option(names = "--out-params", paramLabel = "FILE.json",
      description = "Also write the parameters, standard errors and log-likelihoods as JSON (full precision).")
  Path outParams;

  @Option(names = "--by", paramLabel = "value",
      description = "Also segment the customers by value into tiers, written by --out-segments as customer_id,segment "
          + "(for export, measure and track): 0 top value, 1 middle value, 2 low value, 3 likely lost; "
          + ValueTiers.RULE + ".")
  String by;

  @Option(names = "--out-segments", paramLabel = "FILE.csv",
      description = "With --by value: the value tiers as customer_id,segment, one row per customer.")
  Path outSegments;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Also write a self-contained HTML page with the models, the holdout check as a chart and a table "
          + "when --holdout-end is given, and where the value is with --by value.")
  Path report;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", tx.transactions).output("--out", out)
        .output("--out-params", outParams).output("--out-segments", outSegments).output("--report", report).check()) {
      return run(outputs);
    }
  }

  private Integer run(Outputs outputs) throws Exception {
    Period unit;
    try {
      unit = Period.parse(period);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--period must be day or week, not '" + period + "'");
    }
    if (horizon < 0) {
      throw new BadInputException("--horizon " + horizon + " is negative; give a number of days, e.g. 360");
    }
    if (!(discount >= 0) || Double.isInfinite(discount)) {
      throw new BadInputException("--discount " + discount + " must be a monthly rate of 0 or more, e.g. 0.01");
    }
    if (threads < 0) {
      throw new BadInputException("--threads " + threads + " is negative; give 0 (all processors) or a count");
    }
    if (by != null && !by.strip().equalsIgnoreCase("value")) {
      throw new BadInputException("--by must be value (value tiers), not '" + by + "'");
    }
    if (by != null && outSegments == null) {
      throw new BadInputException("--by value needs --out-segments FILE.csv, where the tiers are written as "
          + "customer_id,segment");
    }
    if (by == null && outSegments != null) {
      throw new BadInputException("--out-segments writes the value tiers; add --by value");
    }
    if (report != null && !report.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.html?")) {
      throw new BadInputException("--report writes HTML; end the file name with .html, not '" + report.getFileName()
          + "'");
    }
    LocalDate calEnd = date("--calibration-end", calibrationEnd);
    LocalDate holdEnd = date("--holdout-end", holdoutEnd);
    if (holdEnd != null && calEnd == null) {
      throw new BadInputException("--holdout-end needs --calibration-end: the holdout period starts the day after it");
    }
    if (holdEnd != null && !holdEnd.isAfter(calEnd)) {
      throw new BadInputException("--holdout-end " + holdEnd + " must be after --calibration-end " + calEnd);
    }
    RfmFeatures.Builder rb = RfmFeatures.builder().customer(tx.customer).timestamp(tx.timestamp)
        .timestampFormat(tx.timestampFormat);
    if (value.amount != null) {
      rb.amount(value.amount);
    } else {
      rb.quantity(value.qp.quantity).price(value.qp.price);
    }
    CsvInput in = CsvInput.open(tx.transactions, CsvInput.Options.of(delimiter, decimalComma));
    RfmFeatures columns = RfmFlags.resolve(rb.build(), in);
    var table = in.read(RfmFlags.textColumns(columns), RfmFlags.usedColumns(columns));
    RfmFlags.requireNumbers(columns, in);
    CustomerValue reading = reading(columns, calEnd, unit);
    RfmFeatures.Prepared prepared = reading.reading().prepare(table);
    CalibrationSummary summary = reading.summarize(prepared);
    ValueModel model = ValueModel.fit(summary, threads);
    ValuePredictions predictions = model.predict(summary, horizon, discount, threads);
    HoldoutCheck check = holdEnd == null ? null : HoldoutCheck.of(model, summary, prepared, holdEnd);
    ValueTiers tiers = by == null ? null : ValueTiers.of(predictions);
    SegmentValues tierValue = tiers == null ? null : tiers.value();
    outputs.write(out, CsvIo.csv(predictions.toTable()));
    if (outParams != null) {
      String json = ValueModelFile.toJson(model) + "\n";
      outputs.write(outParams, w -> w.write(json));
    }
    if (tiers != null) {
      outputs.write(outSegments, CsvIo.csv(tiers.toTable()));
    }
    if (report != null) {
      ValueReport page = ValueReport.of(model, predictions);
      page = check == null ? page : page.withHoldout(check);
      ValueReport html = tierValue == null ? page : page.withValue(tierValue);
      outputs.save(report, html::write);
    }
    outputs.commit();
    PrintWriter err = spec.commandLine().getErr();
    err.print(summary.report());
    err.println(model.purchases());
    err.println(model.orderValue());
    if (check != null) {
      err.println(check);
    }
    if (tierValue != null) {
      err.print(tierValue);
      err.printf("value tiers of %,d customers written to %s%n", summary.size(), outSegments);
    }
    if (report != null) {
      err.println("report written to " + report);
    }
    err.printf("Customer value through %s (period %s): %,d customers, horizon %d days, discount %s a month, "
        + "total CLV %s, written to %s%n", summary.calibrationEnd(), unit.label(), summary.size(), horizon,
        dev.segmint.internal.Numbers.pct(discount), dev.segmint.internal.Numbers.num(predictions.totalClv()), out);
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
