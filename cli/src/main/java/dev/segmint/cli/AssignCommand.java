package dev.segmint.cli;

import dev.segmint.Assignment;
import dev.segmint.SegmentationModel;
import dev.segmint.features.Feature;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.RfmFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code segmint assign}: places new customers into the segments of a saved model. */
@Command(name = "assign", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Place the customers of new data into the segments of a model saved by 'segmint segment --model'. "
        + "--input is the same kind of file the model was fitted on (transactions for an RFM model, the customer CSV "
        + "for a customer-column model); column names and formats come from the model and the flags below override "
        + "them. Writes customer_id,segment (-1 for noise); the data-quality summary goes to stderr.")
final class AssignCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE.json", description = "Model saved by segment --model.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE.csv",
      description = "Transactions (RFM models) or the customer CSV (customer-column models).")
  Path input;

  @Option(names = "--customers", paramLabel = "FILE",
      description = "The customer CSV, for models fitted on transactions and customer columns together.")
  Path customers;

  @Option(names = "--id", paramLabel = "COL", description = "Customer id column of the customer CSV (default: the model's).")
  String id;

  @Mixin
  RfmFlags rfm;

  @Mixin
  SegmentsOut io;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--model", model).input("--input", input).input("--customers", customers)
        .output("--out", io.out).check()) {
      return run(outputs);
    }
  }

  private Integer run(Outputs outputs) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SegmentationModel m = SegmentationModel.load(model);
    FeaturePipeline pipeline = m.pipeline();
    FeatureSpec fs = pipeline.spec();
    boolean hasRfm = fs.rfm() != null;
    boolean hasColumns = fs.columnsId() != null;
    if (!hasRfm && rfm.any()) {
      throw new BadInputException("the model in " + model + " has no RFM features; the RFM flags (--customer, "
          + "--timestamp, ...) do not apply");
    }
    if (hasRfm && hasColumns && customers == null) {
      throw new BadInputException("the model in " + model + " was fitted on transactions and a customer table; give "
          + "the transactions as --input and the customer CSV as --customers FILE");
    }
    if (!(hasRfm && hasColumns) && customers != null) {
      throw new BadInputException("the model in " + model + " reads one file; give it as --input and leave out "
          + "--customers");
    }
    if (!hasColumns && id != null) {
      throw new BadInputException("the model in " + model + " has no customer columns; --id does not apply (use "
          + "--customer for the transactions' customer column)");
    }
    RfmFeatures r = hasRfm ? (rfm.any() ? rfm.override(fs.rfm()) : fs.rfm()) : null;
    String idColumn = hasColumns ? (id != null ? id : fs.columnsId()) : null;
    CsvInput.Options format = io.options();
    // column names (stored in the model or given) are matched to each file's header before anything is read
    CsvInput txIn = hasRfm ? CsvInput.open(input, format) : null;
    CsvInput custIn = hasColumns ? CsvInput.open(hasRfm ? customers : input, format) : null;
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
        if (f.readsText()) {
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
    outputs.write(io.out, ColumnChoice.segments(order, a.ids(), a.segments(), a.dataQuality().dropped()));
    outputs.commit();
    err.print(a);
    String notSegmented = ColumnChoice.notSegmented(a.dataQuality(), io.out);
    if (notSegmented != null) {
      err.println(notSegmented);
    }
    err.printf(Locale.ROOT, "%,d customers assigned to the %d segments of %s; written to %s%n", a.size(), m.k(), model,
        io.out);
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
}
