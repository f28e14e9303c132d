package dev.segmint.cli;

import dev.segmint.Assignment;
import dev.segmint.SegmentationModel;
import dev.segmint.features.Feature;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.LevelEncoder;
import dev.segmint.features.OneHotEncoder;
import dev.segmint.features.RfmFeatures;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.Table;

/** {@code segmint assign}: places new customers into the segments of a saved model. */
final class AssignCommand extends Subcommand {

  AssignCommand() {
    super("assign", "Place new customers into the segments of a model saved by 'segmint segment --model'.",
        "Place the customers of new data into the segments of a model saved by 'segmint segment --model'. --input is "
            + "the same kind of file the model was fitted on (transactions for an RFM model, the customer CSV for a "
            + "customer-column model); column names and formats come from the model and the flags below override "
            + "them. Writes customer_id,segment (-1 for noise); the data-quality summary goes to stderr.");
  }

  final Flag<Path> model = flags.path("--model", "FILE.json", "Model saved by segment --model.").required();

  final Flag<Path> input = flags.path("--input", "FILE.csv",
      "Transactions (RFM models) or the customer CSV (customer-column models).").required();

  {
    flags.notHere("--transactions", "assign reads the new data from --input FILE.csv: the transactions for a model "
        + "fitted on them (as segment's --transactions), the customer CSV otherwise; give --input instead of "
        + "--transactions");
  }

  final Flag<Path> customers = flags.path("--customers", "FILE",
      "The customer CSV, for models fitted on transactions and customer columns together.");

  final Flag<String> id = flags.text("--id", "COL", "Customer id column of the customer CSV (default: the model's).");

  final RfmFlags rfm = new RfmFlags(flags);

  final SegmentsOut io = new SegmentsOut(flags);

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--model", model.get()).input("--input", input.get())
        .input("--customers", customers.get()).output("--out", io.out.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    SegmentationModel m = SegmentationModel.load(model.get());
    FeaturePipeline pipeline = m.pipeline();
    FeatureSpec fs = pipeline.spec();
    boolean hasRfm = fs.rfm() != null;
    boolean hasColumns = fs.columnsId() != null;
    if (!hasRfm && rfm.any()) {
      throw new BadInputException("the model in " + model.get() + " has no RFM features; the RFM flags (--customer, "
          + "--timestamp, ...) do not apply");
    }
    if (hasRfm && hasColumns && !customers.given()) {
      throw new BadInputException("the model in " + model.get() + " was fitted on transactions and a customer table; "
          + "give the transactions as --input and the customer CSV as --customers FILE");
    }
    if (!(hasRfm && hasColumns) && customers.given()) {
      throw new BadInputException("the model in " + model.get() + " reads one file; give it as --input and leave out "
          + "--customers");
    }
    if (!hasColumns && id.given()) {
      throw new BadInputException("the model in " + model.get() + " has no customer columns; --id does not apply (use "
          + "--customer for the transactions' customer column)");
    }
    RfmFeatures r = hasRfm ? (rfm.any() ? rfm.override(fs.rfm()) : fs.rfm()) : null;
    String idColumn = hasColumns ? (id.given() ? id.get() : fs.columnsId()) : null;
    CsvInput.Options format = io.options();
    // column names (stored in the model or given) are matched to each file's header before anything is read
    CsvInput txIn = hasRfm ? CsvInput.open(input.get(), format) : null;
    CsvInput custIn = hasColumns ? CsvInput.open(hasRfm ? customers.get() : input.get(), format) : null;
    if (hasRfm) {
      r = RfmFlags.resolve(r, txIn);
    }
    if (hasColumns) {
      idColumn = custIn.column(idColumn);
    }
    if (r != fs.rfm() || (idColumn != null && !idColumn.equals(fs.columnsId()))) {
      pipeline = FeaturePipeline.restore(respec(fs, r, idColumn), pipeline.engagement(), pipeline.fitted());
    }
    Table tx = null;
    Table cust = null;
    if (hasRfm) {
      tx = txIn.read(RfmFlags.textColumns(r));
      RfmFlags.requireNumbers(r, txIn);
    }
    if (hasColumns) {
      Set<String> text = new HashSet<>();
      text.add(idColumn);
      for (Feature f : fs.features()) {
        // a column the fit read as booleans (Y/N, true/false) stays one, so that its values are the model's
        // true/false levels again; any other categorical column is read as text, as the fit read it
        if (f.readsText() && !fittedAsBoolean(pipeline, f.column())) {
          text.add(f.column());
        }
      }
      cust = custIn.read(text);
      for (Feature f : fs.features()) {
        String c = f.readsText() ? null : custIn.columnOrNull(f.column());
        if (c != null) {
          custIn.requireNumbers(c, col -> "; fix that value (the model reads this column as numbers)");
        }
      }
    }
    Assignment a = m.withPipeline(pipeline).assign(new FeatureInputs(tx, cust, null));
    String[] order = null;
    if (hasColumns && !hasRfm && !a.dataQuality().dropped().isEmpty()) {
      // a customer-column model: every customer of the file, in file order (rows without an id are counted apart)
      tech.tablesaw.columns.Column<?> ids = cust.column(idColumn);
      order = java.util.stream.IntStream.range(0, ids.size())
          .filter(i -> !ids.isMissing(i) && !ids.getString(i).isBlank()).mapToObj(ids::getString)
          .toArray(String[]::new);
    }
    outputs.write(io.out.get(), ColumnChoice.segments(order, a.ids(), a.segments(), a.dataQuality().dropped()));
    outputs.commit();
    stderr.print(a);
    String notSegmented = ColumnChoice.notSegmented(a.dataQuality(), io.out.get());
    if (notSegmented != null) {
      stderr.println(notSegmented);
    }
    stderr.printf(Locale.ROOT, "%,d customers assigned to the %d segments of %s; written to %s%n", a.size(), m.k(),
        model.get(), io.out.get());
    return 0;
  }

  /** The model's spec with the RFM definition and the id column replaced. */
  private static FeatureSpec respec(FeatureSpec fs, RfmFeatures r, String idColumn) {
    FeatureSpec.Builder b = FeatureSpec.builder();
    for (String s : fs.sources()) {
      if (s.equals("rfm")) {
        b.rfm(r);
      } else {
        b.columns(idColumn, fs.columns().toArray(new String[0]));
      }
    }
    b.join(fs.join()).dropZeroVariance(fs.dropZeroVariance()).missing(fs.missing());
    fs.features().forEach(b::add);
    return b.build();
  }

  /** True when the model's levels of categorical {@code column} are booleans' ("true", "false"): read as one at fit. */
  private static boolean fittedAsBoolean(FeaturePipeline pipeline, String column) {
    for (FeaturePipeline.FittedFeature f : pipeline.fitted()) {
      if (f instanceof FeaturePipeline.FittedCategorical c && c.spec().column().equals(column)) {
        List<String> levels = c.encoder() instanceof OneHotEncoder oh ? oh.levels()
            : c.encoder() instanceof LevelEncoder le ? le.levels() : List.of();
        return !levels.isEmpty() && Set.of("true", "false").containsAll(levels);
      }
    }
    return false;
  }
}
