package dev.segmint.cli;

import dev.segmint.cluster.Clusterer;
import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.Dendrogram;
import dev.segmint.cluster.SegmentSizes;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code segmint cluster}: segments the customers of a feature CSV (one row per customer). */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Cluster the customers of a feature CSV (one row per customer) and write customer_id,segment.",
        "Features are optionally log-transformed, then scaled; segments are numbered by size, largest first."})
final class ClusterCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Feature CSV, one row per customer.")
  Path input;

  @Option(names = "--id", required = true, paramLabel = "COL", description = "Customer id column (kept as text).")
  String id;

  @Option(names = "--features", split = ",", paramLabel = "a,b,c",
      description = "Feature columns (default: every numeric column except the id).")
  List<String> features;

  @Option(names = "--exclude", split = ",", paramLabel = "a,b",
      description = "Columns to leave out of the features (e.g. a numeric code column).")
  List<String> exclude;

  @Option(names = "--scale", defaultValue = "standard", paramLabel = "standard|robust|minmax|none",
      description = "Scaling after --log (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--log", split = ",", paramLabel = "a,b",
      description = "Columns to transform with sign(x)·log(1+|x|) before scaling (e.g. frequency,monetary).")
  List<String> log;

  @Mixin
  AlgorithmFlags flags;

  @Option(names = "--dendrogram", paramLabel = "FILE.csv",
      description = "Hierarchical: also write the merge tree as SciPy's linkage matrix (left,right,height,size).")
  Path dendrogram;

  @Mixin
  SegmentsOut io;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Outputs outputs = new Outputs().input("--input", input).output("--out", io.out).output("--dendrogram",
        dendrogram).check()) {
      this.outputs = outputs;
      return run();
    }
  }

  /** Set by {@link #call()} for the run. */
  private Outputs outputs;

  private Integer run() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    flags.checkRequired();
    Scaler.Kind kind = SegmentCommand.scaleKind(scale);
    CsvInput in = CsvInput.open(input, io.options());
    String idColumn = in.column(id);
    List<String> named = in.columns(features);
    List<String> logged = in.columns(log);
    Set<String> excluded = new LinkedHashSet<>(exclude == null ? List.of() : in.columns(exclude));
    Table table = in.read(Set.of(idColumn));
    if (table.rowCount() == 0) {
      throw new BadInputException(input + " has a header but no customer rows");
    }
    List<String> cols = in.featureColumns(named, excluded, Set.of(idColumn), c -> "; fix that value, leave the column "
        + "out with --exclude " + c + ", or name the features with --features");
    if (cols.isEmpty()) {
      throw new BadInputException("table '" + in.tableName() + "' has no numeric column besides the id column '"
          + idColumn + "'" + (excluded.isEmpty() ? "" : " and the columns left out with --exclude " + excluded)
          + "; name the feature columns with --features or convert them to numbers");
    }
    // the checks of a plain feature table (numbers, no missing value, one row per customer), as before the features
    FeatureMatrix.fromTable(table, idColumn, cols.toArray(String[]::new));
    Set<String> toLog = new LinkedHashSet<>(logged == null ? List.of() : logged);
    for (String c : toLog) {
      if (!cols.contains(c)) {
        throw new BadInputException("no feature named '" + c + "'; features are " + cols + "; name it in --features "
            + "or leave it out of --log");
      }
    }
    FeatureSpec.Builder fb = FeatureSpec.builder().columns(idColumn, cols.toArray(String[]::new));
    for (String c : cols) {
      NumericFeature f = NumericFeature.of(c).withScale(kind);
      fb.add(toLog.contains(c) ? f.withLog1p() : f);
    }
    FeaturePipeline.Result features = fb.build().fitAndApply(FeatureInputs.ofCustomers(table));
    FeatureMatrix scaled = features.matrix();
    Clusterer clusterer = flags.clusterer(scaled.columns(), 5, scaled.rows(), input);
    Clustering c = clusterer.fit(scaled);
    if (c.selection() != null) {
      err.println(c.selection());
    }
    if (c.kDistance() != null) {
      err.println("eps auto: " + c.kDistance());
    }
    outputs.write(io.out, CsvIo.csv(c.toTable()));
    Dendrogram tree = c.dendrogram();
    if (dendrogram != null && tree != null) {
      outputs.save(dendrogram, tree::writeCsv);
    }
    outputs.commit();
    String figures = c.figures().isEmpty() ? "" : "; " + c.figures();
    err.printf(Locale.ROOT, "segments: %s: %d segments of %,d customers %s%s%s%n", c.settings(), c.k(),
        scaled.rows(), SegmentSizes.of(c.sizes()), c.noiseCount() == 0 ? "" : String.format(Locale.ROOT,
            ", %,d noise (segment -1)", c.noiseCount()), figures);
    err.println("fit: " + c.diagnostics());
    String fragmented = AlgorithmFlags.fragmentation(c);
    if (fragmented != null) {
      err.println(fragmented);
    }
    err.println("segments written to " + io.out);
    if (dendrogram != null && tree != null) {
      err.println("linkage matrix written to " + dendrogram);
    }
    // after the work, so that a failure prints one sentence only
    List<String> constant = features.report().zeroVariance();
    if (!constant.isEmpty()) {
      err.println("note: constant columns carry no information and were left at 0: " + constant);
    }
    return 0;
  }
}
