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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code segmint cluster}: segments the customers of a feature CSV (one row per customer). */
final class ClusterCommand extends Subcommand {

  ClusterCommand() {
    super("cluster", "Cluster the customers of a feature CSV (one row per customer) and write customer_id,segment.",
        "Cluster the customers of a feature CSV (one row per customer) and write customer_id,segment. Features are "
            + "optionally log-transformed, then scaled; segments are numbered by size, largest first.");
  }

  final Flag<Path> input = flags.path("--input", "FILE.csv", "Feature CSV, one row per customer.").required();

  final Flag<String> id = flags.text("--id", "COL",
      "Customer id column (kept as text); without it customers are numbered row_1 … row_n in file order.");

  final Flag<List<String>> features = flags.texts("--features", "a,b,c", "Feature columns (default: every numeric, "
      + "text and boolean column but the id, except the rfm label columns, dates and text with too many values; "
      + "digits with leading zeros, such as postal codes, are text; the roles line on stderr says which).");

  final Flag<List<String>> categorical = flags.texts("--categorical", "a,b", "Columns to read as categories (e.g. "
      + "integer codes such as Region): one-hot encoded, or kept as categories by kprototypes and kmedoids.");

  final Flag<List<String>> exclude = flags.texts("--exclude", "a,b", "Columns to leave out of the features.");

  final Flag<String> missing = flags.text("--missing", "impute|drop|fail", "Missing values: impute (median or most "
      + "frequent level, plus a <col>_missing indicator above 5 % missing; the default), drop (those customers get an "
      + "empty segment cell) or fail.").byDefault("impute");

  final Flag<String> scale = flags.text("--scale", "standard|robust|minmax|none",
      "Scaling after --log (default: ${DEFAULT-VALUE}).").byDefault("standard");

  final Flag<List<String>> log = flags.texts("--log", "a,b",
      "Columns to transform with sign(x)·log(1+|x|) before scaling (e.g. frequency,monetary).");

  final AlgorithmFlags algorithm = new AlgorithmFlags(flags);

  final Flag<Path> dendrogram = flags.path("--dendrogram", "FILE.csv",
      "Hierarchical: also write the merge tree as SciPy's linkage matrix (left,right,height,size).");

  final SegmentsOut io = new SegmentsOut(flags);

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--input", input.get()).output("--out", io.out.get())
        .output("--dendrogram", dendrogram.get()).check()) {
      this.outputs = outputs;
      return run();
    }
  }

  /** Set by {@link #call()} for the run. */
  private Outputs outputs;

  private int run() throws Exception {
    algorithm.checkRequired();
    Scaler.Kind kind = SegmentCommand.scaleKind(scale.get());
    MissingValues policy = ColumnChoice.missing(missing.get());
    CsvInput in = CsvInput.open(input.get(), io.options());
    List<String> logged = in.columns(log.get());
    ColumnChoice.Read read = ColumnChoice.read(in, id.get(), features.get(), categorical.get(), exclude.get(),
        c -> "; fix that value, leave the column out with --exclude " + c + ", or name the features with --features");
    ColumnRoles roles = read.roles();
    for (String c : logged == null ? List.<String>of() : logged) {
      if (!roles.numeric().contains(c)) {
        throw new BadInputException("no feature named '" + c + "'; features are " + roles.numeric() + "; name it in "
            + "--features or leave it out of --log");
      }
    }
    FeaturePipeline.Result features = roles.spec(kind, logged, policy, algorithm.takesCategories())
        .fitAndApply(FeatureInputs.ofCustomers(read.withIds()));
    FeatureMatrix scaled = features.matrix();
    // no gap statistic: the contract's k table has no gap column, segment prints none, and its reference fits were a
    // third of --k auto's time
    Clusterer clusterer = algorithm.clusterer(scaled.columns(), 0, scaled.rows(), input.get());
    Clustering c = clusterer.fit(scaled);
    if (c.selection() != null) {
      stderr.println(c.selection());
    }
    if (c.kDistance() != null) {
      stderr.println("eps auto: " + c.kDistance());
    }
    outputs.write(io.out.get(), ColumnChoice.segments(read.ids(), scaled.ids(), c.labels(),
        features.report().dropped()));
    Dendrogram tree = c.dendrogram();
    if (dendrogram.given() && tree != null) {
      outputs.save(dendrogram.get(), tree::writeCsv);
    }
    outputs.commit();
    String figures = c.figures().isEmpty() ? "" : "; " + c.figures();
    stderr.printf(Locale.ROOT, "segments: %s: %d segments of %,d customers %s%s%s%n", c.settings(), c.k(),
        scaled.rows(), SegmentSizes.of(c.sizes()), c.noiseCount() == 0 ? "" : String.format(Locale.ROOT,
            ", %,d noise (segment -1)", c.noiseCount()), figures);
    stderr.println("fit: " + c.diagnostics());
    String fragmented = AlgorithmFlags.fragmentation(c);
    if (fragmented != null) {
      stderr.println(fragmented);
    }
    String small = AlgorithmFlags.smallSegments(c);
    if (small != null) {
      stderr.println(small);
    }
    stderr.println("segments written to " + io.out.get());
    if (dendrogram.given() && tree != null) {
      stderr.println("linkage matrix written to " + dendrogram.get());
    }
    // after the work, so that a failure prints one sentence only
    stderr.println(read.line());
    String skewed = ColumnChoice.skewNote(read.roles(), log.given(), List.of());
    if (skewed != null) {
      stderr.println(skewed);
    }
    String outcome = ColumnChoice.outcomeNote(read.roles(), this.features.given(), input.get(), id.get(), io.out.get());
    if (outcome != null) {
      stderr.println(outcome);
    }
    if (!features.report().missingSummary().isEmpty()) {
      stderr.println(features.report().missingSummary());
    }
    String notSegmented = ColumnChoice.notSegmented(features.report(), io.out.get());
    if (notSegmented != null) {
      stderr.println(notSegmented);
    }
    List<String> constant = features.report().zeroVariance();
    if (!constant.isEmpty()) {
      stderr.println("note: constant columns carry no information and were left at 0: " + constant);
    }
    return 0;
  }
}
