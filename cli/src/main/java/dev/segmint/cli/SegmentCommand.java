package dev.segmint.cli;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.ColumnRoles;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.internal.AtomicFiles;
import dev.segmint.profile.SegmentAction;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import dev.segmint.report.Report;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.Period;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code segmint segment}: features, clustering, profiles, and optionally a saved model and an HTML report. */
final class SegmentCommand extends Subcommand {

  /** The RFM columns clustered on, and log-transformed unless --log says otherwise. */
  static final List<String> RFM_FEATURES = List.of("recency_days", "frequency", "monetary");

  SegmentCommand() {
    super("segment", "Segment customers in one go: features, clustering, names, actions, report.",
        "Segment customers in one go: RFM from a transactions CSV and/or columns of a customer CSV, scaled, "
            + "clustered; writes customer_id,segment (one row per customer, -1 for noise). The data-quality summary "
            + "(customers dropped and why) goes to stderr. --model saves the fitted model for 'segmint assign', "
            + "--report writes a self-contained HTML report.");
  }

  final Flag<Path> transactions = flags.path("--transactions", "FILE",
      "Transactions CSV (.gz allowed) for RFM features.");

  final RfmFlags rfm = new RfmFlags(flags);

  final RfmScoringFlags scoring = new RfmScoringFlags(flags);

  final Flag<Path> customers = flags.path("--customers", "FILE", "Customer CSV, one row per customer (.gz allowed).");

  final Flag<String> id = flags.text("--id", "COL", "Customer id column of --customers (kept as text).");

  final Flag<List<String>> features = flags.texts("--features", "a,b,c", "Feature columns of --customers (default: "
      + "every numeric, text and boolean column but the id, except the rfm label columns, dates and text with too many "
      + "values; digits with leading zeros, such as postal codes, are text; the roles line on stderr says which).");

  final Flag<List<String>> categorical = flags.texts("--categorical", "a,b", "Columns of --customers to read as "
      + "categories and one-hot encode (the 20 most frequent levels; the rest and unseen values share an 'other' "
      + "column), e.g. integer codes such as Region; kprototypes and kmedoids keep them as categories.");

  final Flag<List<String>> exclude = flags.texts("--exclude", "a,b",
      "Columns of --customers to leave out of the features.");

  final Flag<String> missing = flags.text("--missing", "impute|drop|fail", "Missing values in the features: impute "
      + "(median or most frequent level, plus a <col>_missing indicator above 5 % missing; the default), drop (those "
      + "customers get an empty segment cell) or fail.").byDefault("impute");

  final Flag<List<String>> log = flags.texts("--log", "a,b|none", "Columns to transform with sign(x)·log(1+|x|) "
      + "before scaling (default: recency_days,frequency,monetary when --transactions is given; none turns it off).");

  final Flag<String> scale = flags.text("--scale", "standard|robust|minmax|none",
      "Scaling after --log (default: ${DEFAULT-VALUE}).").byDefault("standard");

  final AlgorithmFlags algorithm = new AlgorithmFlags(flags);

  final Flag<List<String>> measures = flags.texts("--measures", "COL=MEASURE,…", Measures.HELP);

  final Flag<Path> model = flags.path("--model", "FILE.json", "Save the fitted model (for segmint assign).");

  final Flag<Path> report = flags.path("--report", "FILE.html", "Write a self-contained HTML report.");

  final Flag<Path> outFeatures = flags.path("--out-features", "FILE.csv", "Also write the per-customer table the "
      + "features came from, in their own units (customer_id, the RFM columns, the --customers columns), e.g. for "
      + "'segmint export --input FILE.csv --id customer_id --rules'.");

  final Flag<Boolean> clv = flags.toggle("--clv", "Also fit the customer-value models (BG/NBD, Gamma-Gamma) on the "
      + "--transactions and add the value per segment (total and mean CLV over 360 days at 1 % a month, share of the "
      + "value, mean p_alive) to the profile on stderr and a section 'Where the value is' to the --report.");

  final SegmentsOut io = new SegmentsOut(flags);

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--transactions", transactions.get())
        .input("--customers", customers.get()).input("--rfm-map", scoring.map.get())
        .output("--out", io.out.get()).output("--model", model.get()).output("--report", report.get())
        .output("--out-features", outFeatures.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    if (!transactions.given() && !customers.given()) {
      throw new BadInputException("give --transactions FILE (RFM features) and/or --customers FILE --id COL "
          + "(customer columns)");
    }
    if (customers.given() && !id.given()) {
      throw new BadInputException("--customers needs --id COL, the customer id column");
    }
    if (!transactions.given() && rfm.any()) {
      throw new BadInputException("the RFM flags (--customer, --timestamp, ...) need --transactions FILE");
    }
    if (!customers.given() && (categorical.given() || exclude.given() || features.given())) {
      throw new BadInputException("--features, --categorical and --exclude name columns of --customers; give "
          + "--customers FILE --id COL");
    }
    if (clv.get() && !transactions.given()) {
      throw new BadInputException("--clv predicts customer value from purchases; give --transactions FILE with the "
          + "RFM flags (--customer, --timestamp, --amount or --quantity and --price)");
    }
    algorithm.checkRequired();
    Scaler.Kind kind = scaleKind(scale.get());
    CsvInput.Options format = io.options();
    FeatureSpec.Builder fb = FeatureSpec.builder();
    Table tx = null;
    Table cust = null;
    Set<String> logged = new HashSet<>();
    List<String> logFlag = log.get();
    if (logFlag != null && !(logFlag.size() == 1 && logFlag.get(0).strip().equalsIgnoreCase("none"))) {
      logFlag.forEach(c -> logged.add(c.strip()));
    } else if (logFlag == null && transactions.given()) {
      logged.addAll(RFM_FEATURES);
    }
    List<String> numeric = new ArrayList<>();
    List<String> cats = new ArrayList<>();
    RfmFeatures rfmColumns = null;
    if (transactions.given()) {
      RfmFeatures r = rfm.build();
      if (scoring.any()) {
        r = RfmFlags.rescore(r, scoring);
      }
      CsvInput in = CsvInput.open(transactions.get(), format);
      r = RfmFlags.resolve(r, in);
      fb.rfm(r);
      rfmColumns = r;
      tx = in.read(RfmFlags.textColumns(r), RfmFlags.usedColumns(r));
      RfmFlags.requireNumbers(r, in);
      numeric.addAll(RFM_FEATURES);
      Set<String> rfmLogged = new HashSet<>();
      for (String c : logged) {
        rfmLogged.add(RFM_FEATURES.stream().filter(c::equalsIgnoreCase).findFirst().orElse(c));
      }
      logged.clear();
      logged.addAll(rfmLogged);
    }
    String idColumn = id.get();
    ColumnChoice.Read read = null;
    MissingValues policy = ColumnChoice.missing(missing.get());
    if (customers.given()) {
      CsvInput in = CsvInput.open(customers.get(), format);
      idColumn = in.column(id.get());
      Set<String> customerLogged = new HashSet<>();
      for (String c : logged) {
        String h = RFM_FEATURES.contains(c) && transactions.given() ? null : in.columnOrNull(c);
        customerLogged.add(h == null ? c : h);
      }
      logged.clear();
      logged.addAll(customerLogged);
      read = ColumnChoice.read(in, idColumn, features.get(), categorical.get(), exclude.get(),
          c -> "; fix that value, read the column as categories with --categorical " + c + ", leave it out with "
              + "--exclude " + c + ", or name the features with --features");
      cust = read.withIds();
      ColumnRoles roles = read.roles();
      if (transactions.given()) {
        for (String c : roles.features()) {
          if (RfmFeatures.COLUMNS.contains(c)) {
            throw new BadInputException("column '" + c + "' of " + customers.get() + " is also a column that RFM "
                + "computes from --transactions; leave the customer file's out with --exclude " + c
                + " (RFM's is kept), or rename it there");
          }
        }
      }
      if (roles.features().isEmpty()) {
        roles.spec(kind, List.of(), policy);   // refuses with the roles line
      }
      fb.columns(idColumn, roles.features().toArray(new String[0]));
      numeric.addAll(roles.numeric());
      cats.addAll(roles.categorical());
    }
    for (String c : logged) {
      if (!numeric.contains(c)) {
        throw new BadInputException("--log names '" + c + "', which is not a numeric feature; the features are "
            + numeric);
      }
    }
    for (String c : numeric) {
      NumericFeature f = NumericFeature.of(c).withScale(kind);
      fb.add(logged.contains(c) ? f.withLog1p() : f);
    }
    boolean levels = algorithm.takesCategories();
    for (String c : cats) {
      fb.add(levels ? CategoricalFeature.levels(c) : CategoricalFeature.oneHot(c));
    }
    fb.missing(policy);
    FeatureSpec featureSpec = fb.build();
    Segmentation.Builder sb = Segmentation.builder().features(featureSpec).progress(Progress.onTerminal(stderr))
        .measures(Measures.parse(measures.get(), numeric));
    algorithm.configure(sb, numeric.size() + cats.size());
    SegmentationModel m = sb.build().fit(new FeatureInputs(tx, cust, null));
    // all outputs are staged and then moved together: a failure leaves none of them and no message but its own
    List<String> dropped = m.pipeline().fitReport().dropped();
    outputs.write(io.out.get(), ColumnChoice.segments(!transactions.given() && read != null ? read.ids() : null,
        m.customerIds(), m.labels(), dropped));
    if (model.given()) {
      outputs.save(model.get(), m::save);
    }
    Table featureTable = outFeatures.given() ? m.customers() : null;
    if (featureTable != null) {
      outputs.write(outFeatures.get(), CsvIo.csv(featureTable));
    }
    SegmentValues value = clv.get() ? segmentValues(rfmColumns, tx, m) : null;
    if (report.given()) {
      Report r = value == null ? m.report() : m.report().withValue(value);
      outputs.save(report.get(), file -> r.write(file, Report.Format.HTML));
    }
    outputs.commit();
    if (read != null) {
      stderr.println(read.line());
      String skewed = ColumnChoice.skewNote(read.roles(), log.given(),
          transactions.given() ? RFM_FEATURES : List.of());
      if (skewed != null) {
        stderr.println(skewed);
      }
      String outcome = ColumnChoice.outcomeNote(read.roles(), features.given(), customers.get(), id.get(),
          io.out.get());
      if (outcome != null) {
        stderr.println(outcome);
      }
    }
    if (m.pipeline().fitReport() != null) {
      stderr.print(m.pipeline().fitReport());
      String notSegmented = ColumnChoice.notSegmented(m.pipeline().fitReport(), io.out.get());
      if (notSegmented != null) {
        stderr.println(notSegmented);
      }
    }
    if (m.clustering().selection() != null) {
      stderr.println(m.clustering().selection());
    }
    stderr.print(m);
    if (!measures.given() && !numeric.isEmpty()
        && numeric.stream().allMatch(c -> SegmentProfiles.Options.defaults().measure(c) == null)
        && m.profiles().segments().stream()
            .allMatch(p -> p.action().action().equals(SegmentAction.NO_RECOMMENDATION))) {
      stderr.println("no segment has an action: the action rules read what a column measures from its English name "
          + "(recency, spend, visits, tenure, …) and none of these names says one; say it with --measures, e.g. "
          + "--measures " + numeric.get(0) + "=spend");
    }
    if (value != null) {
      stderr.print(value);
    }
    String fragmented = AlgorithmFlags.fragmentation(m.clustering());
    if (fragmented != null) {
      stderr.println(fragmented);
    }
    String small = AlgorithmFlags.smallSegments(m.clustering());
    if (small != null) {
      stderr.println(small);
    }
    stderr.printf(Locale.ROOT, "segments of %,d customers written to %s%n", m.trainingRows(), io.out.get());
    if (model.given()) {
      stderr.println("model saved to " + model.get());
    }
    if (report.given()) {
      stderr.println("report written to " + report.get());
    }
    if (featureTable != null) {
      stderr.printf(Locale.ROOT, "features of %,d customers written to %s%n", featureTable.rowCount(),
          outFeatures.get());
    }
    return 0;
  }

  /** --clv: the value models fitted on the same transactions (calibration end = the RFM as-of date, if given). */
  private static SegmentValues segmentValues(RfmFeatures columns, Table transactions, SegmentationModel m) {
    CustomerValue reading = ClvCommand.reading(columns, columns.asOf(), Period.DAY);
    CalibrationSummary summary = reading.summarize(reading.reading().prepare(transactions));
    ValuePredictions predictions = ValueModel.fit(summary)
        .predict(summary, ValueModel.DEFAULT_HORIZON_DAYS, ValueModel.DEFAULT_DISCOUNT);
    return SegmentValues.of(m.profiles(), m.customerIds(), predictions);
  }

  static Scaler.Kind scaleKind(String scale) {
    return switch (scale.toLowerCase(Locale.ROOT)) {
      case "standard" -> Scaler.Kind.STANDARD;
      case "robust" -> Scaler.Kind.ROBUST;
      case "minmax" -> Scaler.Kind.MINMAX;
      case "none" -> Scaler.Kind.NONE;
      default -> throw new BadInputException("--scale must be standard, robust, minmax or none, not '" + scale + "'");
    };
  }

  /** {@code customer_id,segment}, one row per customer. */
  static AtomicFiles.Content segments(String[] ids, int[] segments) {
    return CsvIo.csv(Table.create("segments", StringColumn.create("customer_id", ids),
        IntColumn.create("segment", segments)));
  }
}
