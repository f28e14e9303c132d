package dev.segmint.cli;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.cycle.Tracker;
import dev.segmint.cycle.Tracking;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.report.TrackingReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code segmint track}: segments at several as-of dates from one transactions CSV, and how customers moved. */
@Command(name = "track", mixinStandardHelpOptions = true, sortOptions = false,
    resourceBundle = "dev.segmint.cli.TrackCommand",
    header = "Track segments over time: migration between snapshots, drift, refit verdict.",
    description = "Track segments over time: RFM snapshots of one transactions CSV at "
        + "as-of dates (each from the transactions dated strictly before it), segmented "
        + "by the named RFM groups (default), a saved model, or a refit per snapshot "
        + "with labels matched to the previous one. Writes the migration between "
        + "consecutive snapshots (from_date,to_date,from_segment,to_segment,customers,"
        + "share_of_from), optionally the movers, every customer's segment per snapshot "
        + "and an HTML report; the drift and the refit verdict go to stderr.")
final class TrackCommand implements Callable<Integer> {

  @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Transactions CSV (.gz allowed).")
  Path transactions;

  @Mixin
  RfmFlags rfm;

  @Mixin
  RfmScoringFlags scoring;

  @Option(names = "--every", paramLabel = "month|quarter",
      description = "As-of dates every month or quarter from --from up to --to (instead of --as-of D1,D2,...).")
  String every;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "With --every: the first as-of date.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "With --every: the last possible as-of date.")
  String to;

  @Option(names = "--by", paramLabel = "rfm", description = "Segments: the named RFM groups of each snapshot (the default).")
  String by;

  @Option(names = "--model", paramLabel = "FILE.json",
      description = "Segments: a model saved by 'segmint segment --model' (RFM features only) assigns each snapshot.")
  Path model;

  @Option(names = "--refit", description = "Segments: fit each snapshot with the segmentation flags (--algorithm, "
      + "--k, ...; on log recency_days, frequency and monetary, standard-scaled, as segment does) and match the "
      + "labels to the previous snapshot's.")
  boolean refit;

  @Mixin
  AlgorithmFlags algorithm;

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Option(names = "--out-migration", required = true, paramLabel = "FILE.csv",
      description = "Output: from_date,to_date,from_segment,to_segment,customers,share_of_from (every non-zero cell).")
  Path outMigration;

  @Option(names = "--out-movers", paramLabel = "FILE.csv",
      description = "Output: customer_id,from_date,to_date,from_segment,to_segment (changed segment, or new).")
  Path outMovers;

  @Option(names = "--out", paramLabel = "FILE.csv",
      description = "Output: customer_id,as_of,segment,segment_name (every customer in every snapshot).")
  Path out;

  @Option(names = "--report", paramLabel = "FILE.html", description = "Write a self-contained HTML report.")
  Path report;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", transactions).input("--rfm-map", scoring.map)
        .input("--model", model).output("--out-migration", outMigration).output("--out-movers", outMovers)
        .output("--out", out).output("--report", report).check()) {
      return run(outputs);
    }
  }

  private static LocalDate date(String flag, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException(flag + " '" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2011-12-01");
    }
  }

  private boolean algorithmFlagGiven() {
    for (OptionSpec o : spec.mixins().get("algorithm").options()) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        return true;
      }
    }
    return false;
  }

  private Integer run(Outputs outputs) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    // the as-of dates: --as-of (the RFM flag) holds the list here
    String asOfList = rfm.asOf;
    rfm.asOf = null;
    Tracker.Builder tb = Tracker.builder();
    if (asOfList != null && (every != null || from != null || to != null)) {
      throw new BadInputException("give the as-of dates one way: --as-of D1,D2,... or --every month|quarter --from D "
          + "--to D, not both");
    }
    if (asOfList != null) {
      List<LocalDate> d = new ArrayList<>();
      for (String s : asOfList.split(",", -1)) {
        d.add(date("--as-of", s));
      }
      tb.asOf(d.toArray(LocalDate[]::new));
    } else if (every != null) {
      if (from == null || to == null) {
        throw new BadInputException("--every needs --from YYYY-MM-DD and --to YYYY-MM-DD");
      }
      Tracker.Every e = switch (every.strip().toLowerCase(Locale.ROOT)) {
        case "month" -> Tracker.Every.MONTH;
        case "quarter" -> Tracker.Every.QUARTER;
        default -> throw new BadInputException("--every must be month or quarter, not '" + every + "'");
      };
      LocalDate f = date("--from", from);
      LocalDate t = date("--to", to);
      if (f.isAfter(t)) {
        throw new BadInputException("--from " + f + " is after --to " + t + "; give the earlier date as --from");
      }
      tb.every(e, f, t);
    } else {
      throw new BadInputException(from != null || to != null ? "--from and --to go with --every month|quarter"
          : "give the as-of dates: --as-of D1,D2,... or --every month|quarter --from D --to D");
    }
    // how segments are made
    int ways = (by != null ? 1 : 0) + (model != null ? 1 : 0) + (refit ? 1 : 0);
    if (ways > 1) {
      throw new BadInputException("choose one way to make segments: --by rfm, --model FILE.json or --refit");
    }
    if (by != null && !by.strip().equalsIgnoreCase("rfm")) {
      throw new BadInputException("--by takes rfm (the named RFM groups), not '" + by + "'; for a saved model use "
          + "--model FILE.json, to fit each snapshot use --refit");
    }
    if (!refit && algorithmFlagGiven()) {
      throw new BadInputException("the segmentation flags (--algorithm, --k, ...) go with --refit");
    }
    RfmFeatures r;
    if (model != null) {
      SegmentationModel m = SegmentationModel.load(model);
      FeatureSpec fs = m.pipeline().spec();
      if (fs.rfm() == null || fs.sources().size() != 1) {
        throw new BadInputException("the model in " + model + " reads " + fs.sources() + "; track needs a model "
            + "fitted on RFM features only (segmint segment --transactions ... --model FILE.json)");
      }
      r = rfm.any() ? rfm.override(fs.rfm()) : fs.rfm();
      if (scoring.any()) {
        r = RfmFlags.rescore(r, scoring);
      }
      tb.model(m);
    } else {
      r = rfm.build();
      if (scoring.any()) {
        r = RfmFlags.rescore(r, scoring);
      }
    }
    CsvInput in = CsvInput.open(transactions, CsvInput.Options.of(delimiter, decimalComma));
    r = RfmFlags.resolve(r, in);
    tb.rfm(r);
    if (refit) {
      algorithm.checkRequired();
      FeatureSpec.Builder fb = FeatureSpec.builder().rfm(r);
      for (String c : SegmentCommand.RFM_FEATURES) {
        fb.add(NumericFeature.of(c).withLog1p());
      }
      Segmentation.Builder sb = Segmentation.builder().features(fb.build());
      algorithm.configure(sb, SegmentCommand.RFM_FEATURES.size());
      tb.refit(sb.build());
    }
    Tracker tracker = tb.build();
    Table table = in.read(RfmFlags.textColumns(r), RfmFlags.usedColumns(r));
    RfmFlags.requireNumbers(r, in);
    Tracking t = tracker.run(table);
    outputs.write(outMigration, CsvIo.csv(t.migrationTable()));
    if (outMovers != null) {
      outputs.write(outMovers, CsvIo.csv(t.moversTable()));
    }
    if (out != null) {
      outputs.write(out, CsvIo.csv(t.segmentsTable()));
    }
    if (report != null) {
      outputs.save(report, file -> TrackingReport.write(t, file));
    }
    outputs.commit();
    err.print(t.snapshots().get(t.snapshots().size() - 1).dataQuality());
    err.print(t);
    err.printf(Locale.ROOT, "migration of %d snapshots written to %s%n", t.snapshots().size(), outMigration);
    if (outMovers != null) {
      err.printf(Locale.ROOT, "%,d movers written to %s%n", t.movers().stream().mapToInt(List::size).sum(), outMovers);
    }
    if (out != null) {
      err.println("segments per snapshot written to " + out);
    }
    if (report != null) {
      err.println("report written to " + report);
    }
    return 0;
  }
}
