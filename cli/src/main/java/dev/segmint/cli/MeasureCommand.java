package dev.segmint.cli;

import dev.segmint.cycle.CampaignResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * {@code segmint measure}: campaign results per segment from a segments file ({@code customer_id,segment}) and a
 * responses CSV with a control group ({@link CampaignResults}).
 */
final class MeasureCommand extends Subcommand {

  MeasureCommand() {
    super("measure", "Measure a campaign against its control group, per segment and overall.",
        "Measure a campaign with a control group, per segment and overall: conversion rates, lift with its 95% "
            + "interval (Newcombe), p (Fisher or z-test), Benjamini-Hochberg q, incremental conversions, optional "
            + "revenue per customer (Welch interval), and a decision: target, do not target, or inconclusive with the "
            + "customers per group needed. Unmatched customers on either side are counted on stderr.");
  }

  final Flag<Path> segments = flags.path("--segments", "FILE.csv",
      "customer_id,segment (as segmint cluster, segment or assign write it; names allowed as segments).").required();

  final Flag<Path> responses = flags.path("--responses", "FILE.csv",
      "One row per customer of the campaign: customer, group, outcome and optionally revenue.").required();

  final Flag<String> customer = flags.text("--customer", "COL", "Customer id column of --responses.").required();

  final Flag<String> group = flags.text("--group", "COL", "Group column of --responses.").required();

  final Flag<String> treatment = flags.text("--treatment", "V", "Group value of treated customers.").required();

  final Flag<String> control = flags.text("--control", "V", "Group value of control customers.").required();

  final Flag<String> outcome = flags.text("--outcome", "COL",
      "Outcome column: 1, true or yes for a conversion, 0, false or no otherwise (any case).").required();

  final Flag<String> revenue = flags.text("--revenue", "COL",
      "Revenue column (numbers, 0 for no purchase): adds revenue per customer and a Welch interval.");

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace", "Field delimiter of --responses (default: "
      + "detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma", "Revenue in --responses uses a decimal comma "
      + "(12,50 is 12.5; a point separates thousands: 1.234,56).");

  final Flag<Path> out = flags.path("--out", "FILE.csv", "Output CSV: one row per segment, then all.").required();

  final Flag<Path> report = flags.path("--report", "FILE.html",
      "Also write an HTML page: lift per segment with its interval as a chart, the decisions in words.");

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--segments", segments.get()).input("--responses", responses.get())
        .output("--out", out.get()).output("--report", report.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    if (treatment.get().equals(control.get())) {
      throw new BadInputException("--treatment and --control are both '" + treatment.get() + "'; give the two "
          + "different values of the --group column that mark the treated and the control customers");
    }
    if (report.given() && !report.get().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      throw new BadInputException("--report " + report.get() + " must end in .html; the report is an HTML page");
    }
    Table seg = readSegments();
    CsvInput in = CsvInput.open(responses.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    String customerCol = in.column(customer.get());
    String groupCol = in.column(group.get());
    String outcomeCol = in.column(outcome.get());
    String revenueCol = revenue.given() ? in.column(revenue.get()) : null;
    List<String> needed = new ArrayList<>(List.of(customerCol, groupCol, outcomeCol));
    if (revenueCol != null) {
      needed.add(revenueCol);
    }
    Table resp = in.read(List.of(customerCol, groupCol, outcomeCol), needed);
    if (revenueCol != null) {
      in.requireNumbers(revenueCol, c -> "; fix that value (write 0 for customers who spent nothing)");
    }
    CampaignResults.Options options = CampaignResults.Options.of(customerCol, groupCol, treatment.get(),
            control.get(), outcomeCol).withSegmentColumns(segIdColumn, segColumn);
    if (revenueCol != null) {
      options = options.withRevenue(revenueCol);
    }
    CampaignResults results = CampaignResults.of(seg, resp, options);
    if (results.responsesWithoutSegment() == results.responses()) {
      throw new BadInputException("none of the " + String.format(Locale.ROOT, "%,d", results.responses())
          + " customers of " + responses.get() + " has a segment in " + segments.get() + " (e.g. "
          + String.join(", ", results.responsesWithoutSegmentExamples()) + "); check that --customer names the "
          + "column with the same ids as customer_id of " + segments.get());
    }
    outputs.write(out.get(), CsvIo.csv(results.toTable()));
    if (report.given()) {
      String html = results.toHtml("Campaign results: " + responses.get().getFileName());
      outputs.write(report.get(), w -> w.write(html));
    }
    outputs.commit();
    stderr.print(results);
    for (String s : results.sentences()) {
      stderr.println(s);
    }
    stderr.printf(Locale.ROOT, "campaign results of %d segments written to %s%n", results.rows().size(), out.get());
    if (report.given()) {
      stderr.println("report written to " + report.get());
    }
    return 0;
  }

  /** The header spellings of customer_id and segment in the segments file. */
  private String segIdColumn;
  private String segColumn;

  /** The segments file: customer_id and segment read as text (numbers and names alike). */
  private Table readSegments() throws Exception {
    SegmentsFile.Columns c = SegmentsFile.open(segments.get());
    segIdColumn = c.idColumn();
    segColumn = c.segmentColumn();
    return c.input().read(List.of(segIdColumn, segColumn), List.of(segIdColumn, segColumn));
  }
}
