package dev.segmint.cli;

import dev.segmint.cycle.CampaignResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code segmint measure}: campaign results per segment from a segments file ({@code customer_id,segment}) and a
 * responses CSV with a control group ({@link CampaignResults}).
 */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Measure a campaign against its control group, per segment and overall.",
    description = "Measure a campaign with a control group, per segment and overall: "
        + "conversion rates, lift with its 95%% interval (Newcombe), p (Fisher or "
        + "z-test), Benjamini-Hochberg q, incremental conversions, optional revenue "
        + "per customer (Welch interval), and a decision: target, do not target, or "
        + "inconclusive with the customers per group needed. Unmatched customers on "
        + "either side are counted on stderr.")
final class MeasureCommand implements Callable<Integer> {

  @Option(names = "--segments", required = true, paramLabel = "FILE.csv",
      description = "customer_id,segment (as segmint cluster, segment or assign write it; names allowed as segments).")
  Path segments;

  @Option(names = "--responses", required = true, paramLabel = "FILE.csv",
      description = "One row per customer of the campaign: customer, group, outcome and optionally revenue.")
  Path responses;

  @Option(names = "--customer", required = true, paramLabel = "COL", description = "Customer id column of --responses.")
  String customer;

  @Option(names = "--group", required = true, paramLabel = "COL", description = "Group column of --responses.")
  String group;

  @Option(names = "--treatment", required = true, paramLabel = "V", description = "Group value of treated customers.")
  String treatment;

  @Option(names = "--control", required = true, paramLabel = "V", description = "Group value of control customers.")
  String control;

  @Option(names = "--outcome", required = true, paramLabel = "COL",
      description = "Outcome column: 1 or true for a conversion, 0 or false otherwise (any case).")
  String outcome;

  @Option(names = "--revenue", paramLabel = "COL",
      description = "Revenue column (numbers, 0 for no purchase): adds revenue per customer and a Welch interval.")
  String revenue;

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter of --responses (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Revenue in --responses uses a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV: one row per segment, then all.")
  Path out;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Also write an HTML page: lift per segment with its interval as a chart, the decisions in words.")
  Path report;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--segments", segments).input("--responses", responses)
        .output("--out", out).output("--report", report).check()) {
      return run(outputs);
    }
  }

  private Integer run(Outputs outputs) throws Exception {
    if (treatment.equals(control)) {
      throw new BadInputException("--treatment and --control are both '" + treatment + "'; give the two different "
          + "values of the --group column that mark the treated and the control customers");
    }
    if (report != null && !report.toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      throw new BadInputException("--report " + report + " must end in .html; the report is an HTML page");
    }
    Table seg = readSegments();
    CsvInput in = CsvInput.open(responses, CsvInput.Options.of(delimiter, decimalComma));
    String customerCol = in.column(customer);
    String groupCol = in.column(group);
    String outcomeCol = in.column(outcome);
    String revenueCol = revenue == null ? null : in.column(revenue);
    List<String> needed = new ArrayList<>(List.of(customerCol, groupCol, outcomeCol));
    if (revenueCol != null) {
      needed.add(revenueCol);
    }
    Table resp = in.read(List.of(customerCol, groupCol, outcomeCol), needed);
    if (revenueCol != null) {
      in.requireNumbers(revenueCol, c -> "; fix that value (write 0 for customers who spent nothing)");
    }
    CampaignResults.Options options = CampaignResults.Options.of(customerCol, groupCol, treatment, control, outcomeCol)
        .withSegmentColumns(segIdColumn, segColumn);
    if (revenueCol != null) {
      options = options.withRevenue(revenueCol);
    }
    CampaignResults results = CampaignResults.of(seg, resp, options);
    if (results.responsesWithoutSegment() == results.responses()) {
      throw new BadInputException("none of the " + String.format(Locale.ROOT, "%,d", results.responses())
          + " customers of " + responses + " has a segment in " + segments + " (e.g. "
          + String.join(", ", results.responsesWithoutSegmentExamples()) + "); check that --customer names the "
          + "column with the same ids as customer_id of " + segments);
    }
    outputs.write(out, CsvIo.csv(results.toTable()));
    if (report != null) {
      String html = results.toHtml("Campaign results: " + responses.getFileName());
      outputs.write(report, w -> w.write(html));
    }
    outputs.commit();
    PrintWriter err = spec.commandLine().getErr();
    err.print(results);
    for (String s : results.sentences()) {
      err.println(s);
    }
    err.printf(Locale.ROOT, "campaign results of %d segments written to %s%n", results.rows().size(), out);
    if (report != null) {
      err.println("report written to " + report);
    }
    return 0;
  }

  /** The header spellings of customer_id and segment in the segments file. */
  private String segIdColumn;
  private String segColumn;

  /** The segments file: customer_id and segment read as text (numbers and names alike). */
  private Table readSegments() throws Exception {
    SegmentsFile.Columns c = SegmentsFile.open(segments);
    segIdColumn = c.idColumn();
    segColumn = c.segmentColumn();
    return c.input().read(List.of(segIdColumn, segColumn), List.of(segIdColumn, segColumn));
  }
}
