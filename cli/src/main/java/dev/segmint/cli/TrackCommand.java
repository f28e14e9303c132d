package dev.segmint.cli;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.cycle.Tracker;
import dev.segmint.cycle.Tracking;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.report.TrackingReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/** {@code segmint track}: segments at several as-of dates from one transactions CSV, and how customers moved. */
final class TrackCommand extends Subcommand {

  TrackCommand() {
    super("track", "Track segments over time: migration between snapshots, drift, refit verdict.",
        "Track segments over time: RFM snapshots of one transactions CSV at as-of dates (each from the transactions "
            + "dated strictly before it), segmented by the named RFM groups (default), a saved model, or a refit per "
            + "snapshot with labels matched to the previous one. Writes the migration between consecutive snapshots "
            + "(from_date,to_date,from_segment,to_segment,customers,share_of_from), optionally the movers, every "
            + "customer's segment per snapshot and an HTML report; the drift and the refit verdict go to stderr.");
  }

  final Flag<Path> transactions = flags.path("--transactions", "FILE", "Transactions CSV (.gz allowed).").required();

  /** The RFM flags; --as-of holds the snapshot dates here. */
  final RfmFlags rfm = new RfmFlags(flags, "As-of dates, comma-separated and increasing: D1,D2,... (YYYY-MM-DD); "
      + "each snapshot holds the transactions dated strictly before its date. Or use --every.");

  final RfmScoringFlags scoring = new RfmScoringFlags(flags);

  final Flag<String> every = flags.text("--every", "month|quarter",
      "As-of dates every month or quarter from --from up to --to (instead of --as-of D1,D2,...).");

  final Flag<String> from = flags.text("--from", "YYYY-MM-DD", "With --every: the first as-of date.");

  final Flag<String> to = flags.text("--to", "YYYY-MM-DD", "With --every: the last possible as-of date.");

  final Flag<String> by = flags.text("--by", "rfm", "Segments: the named RFM groups of each snapshot (the default).");

  final Flag<Path> model = flags.path("--model", "FILE.json",
      "Segments: a model saved by 'segmint segment --model' (RFM features only) assigns each snapshot.");

  final Flag<Boolean> refit = flags.toggle("--refit", "Segments: fit each snapshot with the segmentation flags "
      + "(--algorithm, --k, ...; on log recency_days, frequency and monetary, standard-scaled, as segment does) and "
      + "match the labels to the previous snapshot's.");

  final AlgorithmFlags algorithm = new AlgorithmFlags(flags);

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace",
      "Field delimiter (default: detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma",
      "Numbers use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");

  final Flag<Path> outMigration = flags.path("--out-migration", "FILE.csv", "Output: from_date,to_date,from_segment,"
      + "to_segment,customers,share_of_from (every non-zero cell).").required();

  final Flag<Path> outMovers = flags.path("--out-movers", "FILE.csv",
      "Output: customer_id,from_date,to_date,from_segment,to_segment (changed segment, or new).");

  final Flag<Path> out = flags.path("--out", "FILE.csv",
      "Output: customer_id,as_of,segment,segment_name (every customer in every snapshot).");

  final Flag<Path> report = flags.path("--report", "FILE.html", "Write a self-contained HTML report.");

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", transactions.get())
        .input("--rfm-map", scoring.map.get()).input("--model", model.get())
        .output("--out-migration", outMigration.get()).output("--out-movers", outMovers.get())
        .output("--out", out.get()).output("--report", report.get()).check()) {
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

  private int run(Outputs outputs) throws Exception {
    String asOfList = rfm.asOf.get();   // the list of as-of dates (not an RFM setting here)
    Tracker.Builder tb = Tracker.builder();
    if (asOfList != null && (every.given() || from.given() || to.given())) {
      throw new BadInputException("give the as-of dates one way: --as-of D1,D2,... or --every month|quarter --from D "
          + "--to D, not both");
    }
    if (asOfList != null) {
      List<LocalDate> d = new ArrayList<>();
      for (String s : asOfList.split(",", -1)) {
        d.add(date("--as-of", s));
      }
      tb.asOf(d.toArray(LocalDate[]::new));
    } else if (every.given()) {
      if (!from.given() || !to.given()) {
        throw new BadInputException("--every needs --from YYYY-MM-DD and --to YYYY-MM-DD");
      }
      Tracker.Every e = switch (every.get().strip().toLowerCase(Locale.ROOT)) {
        case "month" -> Tracker.Every.MONTH;
        case "quarter" -> Tracker.Every.QUARTER;
        default -> throw new BadInputException("--every must be month or quarter, not '" + every.get() + "'");
      };
      LocalDate f = date("--from", from.get());
      LocalDate t = date("--to", to.get());
      if (f.isAfter(t)) {
        throw new BadInputException("--from " + f + " is after --to " + t + "; give the earlier date as --from");
      }
      tb.every(e, f, t);
    } else {
      throw new BadInputException(from.given() || to.given() ? "--from and --to go with --every month|quarter"
          : "give the as-of dates: --as-of D1,D2,... or --every month|quarter --from D --to D");
    }
    // how segments are made
    int ways = (by.given() ? 1 : 0) + (model.given() ? 1 : 0) + (refit.get() ? 1 : 0);
    if (ways > 1) {
      throw new BadInputException("choose one way to make segments: --by rfm, --model FILE.json or --refit");
    }
    if (by.given() && !by.get().strip().equalsIgnoreCase("rfm")) {
      throw new BadInputException("--by takes rfm (the named RFM groups), not '" + by.get() + "'; for a saved model "
          + "use --model FILE.json, to fit each snapshot use --refit");
    }
    if (!refit.get() && algorithm.anyGiven()) {
      throw new BadInputException("the segmentation flags (--algorithm, --k, ...) go with --refit");
    }
    RfmFeatures r;
    if (model.given()) {
      SegmentationModel m = SegmentationModel.load(model.get());
      FeatureSpec fs = m.pipeline().spec();
      if (fs.rfm() == null || fs.sources().size() != 1) {
        throw new BadInputException("the model in " + model.get() + " reads " + fs.sources() + "; track needs a "
            + "model fitted on RFM features only (segmint segment --transactions ... --model FILE.json)");
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
    CsvInput in = CsvInput.open(transactions.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    r = RfmFlags.resolve(r, in);
    tb.rfm(r);
    if (refit.get()) {
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
    outputs.write(outMigration.get(), CsvIo.csv(t.migrationTable()));
    if (outMovers.given()) {
      outputs.write(outMovers.get(), CsvIo.csv(t.moversTable()));
    }
    if (out.given()) {
      outputs.write(out.get(), CsvIo.csv(t.segmentsTable()));
    }
    if (report.given()) {
      outputs.save(report.get(), file -> TrackingReport.write(t, file));
    }
    outputs.commit();
    stderr.print(t.snapshots().get(t.snapshots().size() - 1).dataQuality());
    stderr.print(t);
    stderr.printf(Locale.ROOT, "migration of %d snapshots written to %s%n", t.snapshots().size(),
        outMigration.get());
    if (outMovers.given()) {
      stderr.printf(Locale.ROOT, "%,d movers written to %s%n", t.movers().stream().mapToInt(List::size).sum(),
          outMovers.get());
    }
    if (out.given()) {
      stderr.println("segments per snapshot written to " + out.get());
    }
    if (report.given()) {
      stderr.println("report written to " + report.get());
    }
    return 0;
  }
}
