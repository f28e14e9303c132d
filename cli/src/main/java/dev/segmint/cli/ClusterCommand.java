package dev.segmint.cli;

import dev.segmint.cluster.Clusterer;
import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.Dendrogram;
import dev.segmint.cluster.SegmentSizes;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.ColumnRoles;
import dev.segmint.features.MissingValues;
import dev.segmint.features.Scaler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segmint cluster}: segments the customers of a feature CSV (one row per customer). */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cluster the customers of a feature CSV (one row per customer) and write customer_id,segment. "
        + "Features are optionally log-transformed, then scaled; segments are numbered by size, largest first.")
final class ClusterCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Feature CSV, one row per customer.")
  Path input;

  @Option(names = "--id", paramLabel = "COL",
      description = "Customer id column (kept as text); without it customers are numbered row_1 … row_n in file order.")
  String id;

  @Option(names = "--features", split = ",", paramLabel = "a,b,c",
      description = "Feature columns (default: every numeric, text and boolean column but the id, except the rfm label "
          + "columns, dates and text with too many values; the roles line on stderr says which).")
  List<String> features;

  @Option(names = "--categorical", split = ",", paramLabel = "a,b",
      description = "Columns to read as categories (e.g. integer codes such as Region): one-hot encoded, or kept as "
          + "categories by kprototypes and kmedoids.")
  List<String> categorical;

  @Option(names = "--exclude", split = ",", paramLabel = "a,b",
      description = "Columns to leave out of the features.")
  List<String> exclude;

  @Option(names = "--missing", defaultValue = "impute", paramLabel = "impute|drop|fail",
      description = "Missing values: impute (median or most frequent level, plus a <col>_missing indicator above 5 %% "
          + "missing; the default), drop (those customers get an empty segment cell) or fail.")
  String missing;

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
    MissingValues policy = ColumnChoice.missing(missing);
    CsvInput in = CsvInput.open(input, io.options());
    List<String> logged = in.columns(log);
    ColumnChoice.Read read = ColumnChoice.read(in, id, features, categorical, exclude, c -> "; fix that value, leave "
        + "the column out with --exclude " + c + ", or name the features with --features");
    ColumnRoles roles = read.roles();
    for (String c : logged == null ? List.<String>of() : logged) {
      if (!roles.numeric().contains(c)) {
        throw new BadInputException("no feature named '" + c + "'; features are " + roles.numeric() + "; name it in "
            + "--features or leave it out of --log");
      }
    }
    FeaturePipeline.Result features = roles.spec(kind, logged, policy, flags.takesCategories())
        .fitAndApply(FeatureInputs.ofCustomers(read.withIds()));
    FeatureMatrix scaled = features.matrix();
    // no gap statistic: the contract's k table has no gap column, segment prints none, and its reference fits were a
    // third of --k auto's time
    Clusterer clusterer = flags.clusterer(scaled.columns(), 0, scaled.rows(), input);
    Clustering c = clusterer.fit(scaled);
    if (c.selection() != null) {
      err.println(c.selection());
    }
    if (c.kDistance() != null) {
      err.println("eps auto: " + c.kDistance());
    }
    outputs.write(io.out, ColumnChoice.segments(read.ids(), scaled.ids(), c.labels(), features.report().dropped()));
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
    err.println(read.line());
    if (!features.report().missingSummary().isEmpty()) {
      err.println(features.report().missingSummary());
    }
    String notSegmented = ColumnChoice.notSegmented(features.report(), io.out);
    if (notSegmented != null) {
      err.println(notSegmented);
    }
    List<String> constant = features.report().zeroVariance();
    if (!constant.isEmpty()) {
      err.println("note: constant columns carry no information and were left at 0: " + constant);
    }
    return 0;
  }
}
