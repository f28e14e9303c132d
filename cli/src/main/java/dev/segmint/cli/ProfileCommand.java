package dev.segmint.cli;

import dev.segmint.cycle.SegmentRules;
import dev.segmint.features.ColumnRoles;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code segmint profile}: explains the segments of a labeling. Reads a customer CSV (one row per customer, in
 * original units) and a labels CSV ({@code customer_id,segment}, as {@code segmint cluster} writes it), matches them
 * by id (every customer must have exactly one label), prints the profiles, names, top features and checklist, and
 * optionally writes the report as CSV, Markdown, JSON, HTML or text.
 */
final class ProfileCommand extends Subcommand {

  ProfileCommand() {
    super("profile", "Profile the segments of a labeling: sizes, names, statistics, distinguishing features.",
        "Profile the segments of a labeling: per segment its size, name, statistics in original units, "
            + "distinguishing features with effect sizes and adjusted p-values, and a checklist.");
  }

  final Flag<Path> input = flags.path("--input", "FILE.csv",
      "Customer CSV, one row per customer, features in original units.").required();

  final Flag<String> id = flags.text("--id", "COL", "Customer id column of --input (kept as text); without it "
      + "customers are row_1 … row_n in file order, as segmint cluster without --id writes them.");

  final Flag<Path> labels = flags.path("--labels", "FILE.csv", "customer_id,segment for every customer of --input "
      + "(-1 = noise), e.g. the output of segmint cluster.").required();

  final Flag<Path> out = flags.path("--out", "FILE.csv|.md|.json|.html|.txt",
      "Also write the report; the format follows the extension.");

  final Flag<List<String>> features = flags.texts("--features", "a,b,c", "Columns to profile (default: every "
      + "numeric, text and boolean column but the id, the rfm label columns as categories; not dates or text with too "
      + "many values; the first line says which).");

  final Flag<List<String>> categorical = flags.texts("--categorical", "a,b",
      "Columns to profile as categories (level shares) whatever their type, e.g. integer codes.");

  final Flag<List<String>> exclude = flags.texts("--exclude", "a,b", "Columns not to profile.");

  final Flag<String> test = flags.text("--test", "mann-whitney|welch",
      "Segment-vs-rest test for numeric features (default: ${DEFAULT-VALUE}).").byDefault("mann-whitney");

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace", "Field delimiter of --input (default: "
      + "detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma",
      "Numbers in --input use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");

  final Flag<Path> actions = flags.path("--actions", "FILE.csv",
      "Actions per named RFM group (columns rfm_segment,action); each row replaces that group's default.");

  final Flag<List<String>> measures = flags.texts("--measures", "COL=MEASURE,…", Measures.HELP);

  final Flag<Boolean> checks = flags.toggle("--checks", "Also run the distinct (silhouette) and stable (30 bootstrap "
      + "k-means refits) checks on the standardised numeric features.");

  /** Unmatched ids shown in an error message. */
  static final int EXAMPLES = 5;

  @Override
  int call() throws Exception {
    try (Outputs outputs = new Outputs().input("--input", input.get()).input("--labels", labels.get())
        .input("--actions", actions.get()).output("--out", out.get()).check()) {
      return run(outputs);
    }
  }

  private int run(Outputs outputs) throws Exception {
    PrintWriter o = stdout;
    SegmentProfiles.Test t = switch (test.get().toLowerCase(Locale.ROOT)) {
      case "mann-whitney", "mannwhitney", "mann_whitney" -> SegmentProfiles.Test.MANN_WHITNEY;
      case "welch" -> SegmentProfiles.Test.WELCH;
      default -> throw new BadInputException("--test must be mann-whitney or welch, not '" + test.get() + "'");
    };
    if (out.given()) {
      Report.Format.ofFile(out.get());   // fail before the work on an unknown extension
    }
    CsvInput in = CsvInput.open(input.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    ColumnChoice.Read read = ColumnChoice.read(in, id.get(), features.get(), categorical.get(), exclude.get(),
        c -> "; fix that value or name the columns to profile with --features");
    ColumnRoles roles = read.roles();
    Table all = read.withIds();
    Integer[] label = match(all, roles.idName(), readLabels());
    List<String> columns = roles.profileColumns();
    if (columns.isEmpty()) {
      throw new BadInputException(input.get() + " has no column to profile (" + read.line() + "); name the columns "
          + "with --features or --categorical");
    }
    int[] rows = IntStream.range(0, label.length).filter(i -> label[i] != null).toArray();
    if (rows.length == 0) {
      throw new BadInputException("no customer of " + input.get() + " has a segment in " + labels.get() + " (every "
          + "segment cell is empty); profile the labels of a run that segmented them");
    }
    int[] segment = Arrays.stream(rows).map(i -> label[i]).toArray();
    Table customers = roles.forProfiles(rows.length == label.length ? all : all.rows(rows));
    SegmentProfiles.Options options = SegmentProfiles.Options.defaults().withColumns(columns.toArray(String[]::new))
        .withTest(t);
    if (actions.given()) {
      options = options.withActions(ActionsFile.read(actions.get(), ActionsFile.levels(customers,
          in.columnOrNull("rfm_segment"))));
    }
    options = options.withMeasures(Measures.parse(measures.get(), roles.numeric()));
    SegmentProfiles profiles = SegmentProfiles.of(customers, segment, options);
    List<String> notes = new ArrayList<>();
    Checklist checklist = checks.get() ? ProfileChecks.run(profiles, customers, roles.idName(), segment, 0, notes)
        : Checklist.of(profiles);
    Report.Builder builder = Report.builder(profiles)
        .title("Segment profiles: " + input.get().getFileName())
        .summary("input file", input.get().toString())
        .summary("labels file", labels.get().toString())
        .checklist(checklist);
    notes.forEach(builder::note);
    // each segment as a rule on the profiled columns in original units (docs/cycle.md#segments-as-rules)
    List<String> ruleColumns = roles.features().stream().filter(customers::containsColumn).toList();
    int maxSegment = Arrays.stream(segment).max().orElse(-1);
    if (!ruleColumns.isEmpty() && maxSegment >= 0) {
      List<String> names = new ArrayList<>();
      for (int c = 0; c <= maxSegment; c++) {
        names.add("segment " + c);
      }
      for (dev.segmint.profile.SegmentProfile p : profiles.segments()) {
        if (p.segment() >= 0) {
          names.set(p.segment(), p.name());
        }
      }
      Map<Integer, String> lines = new java.util.TreeMap<>(
          SegmentRules.fit(customers, segment, names, ruleColumns).lines());
      lines.keySet().retainAll(Arrays.stream(segment).boxed().collect(java.util.stream.Collectors.toSet()));
      builder.rules(lines);
    }
    Report report = builder.build();
    o.println(read.line());
    // profiles leave a missing cell out of its column's statistics (nothing is imputed); say which and how many
    List<String> missing = new ArrayList<>();
    for (String c : columns) {
      int gaps = customers.column(c).countMissing();
      if (gaps > 0) {
        missing.add(String.format(Locale.ROOT, "%s %,d", c, gaps));
      }
    }
    if (!missing.isEmpty()) {
      o.println("missing values: " + String.join(", ", missing) + " (left out of that column's statistics; nothing "
          + "is imputed in profiles)");
    }
    if (rows.length < label.length) {
      o.printf(Locale.ROOT, "not segmented: %,d of the %,d customers have an empty segment in %s and are left out of "
          + "the profiles%n", label.length - rows.length, label.length, labels.get());
    }
    o.print(report.toText());
    if (out.given()) {
      Path file = out.get();
      outputs.save(file, temporary -> report.write(temporary, Report.Format.ofFile(file)));
      outputs.commit();
      o.printf("report: %s%n", out.get().toAbsolutePath());
    }
    return 0;
  }

  /** customer id → label (null: an empty segment cell, not segmented), from the labels file. */
  private Map<String, Integer> readLabels() throws Exception {
    return SegmentsFile.read(labels.get()).byId();
  }

  /** One label per customer row, or a clear error naming the unmatched ids on both sides. */
  private Integer[] match(Table customers, String idColumn, Map<String, Integer> byId) {
    Column<?> idCol = customers.column(idColumn);
    int n = customers.rowCount();
    Integer[] out = new Integer[n];
    List<String> unlabelled = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      if (idCol.isMissing(i)) {
        throw new BadInputException(input.get() + " has a missing customer id at row " + (i + 1) + " (column '"
            + idColumn + "'); every row needs an id");
      }
      String cid = idCol.getString(i);
      if (!seen.add(cid)) {
        throw new BadInputException("customer " + cid + " appears twice in " + input.get() + " (column '" + idColumn
            + "'); profiles need one row per customer");
      }
      if (!byId.containsKey(cid)) {
        unlabelled.add(cid);
      } else {
        out[i] = byId.get(cid);
      }
    }
    List<String> unknown = new ArrayList<>();
    if (byId.size() != n - unlabelled.size()) {
      for (String cid : byId.keySet()) {
        if (!seen.contains(cid)) {
          unknown.add(cid);
        }
      }
      unknown.sort(null);
    }
    if (!unlabelled.isEmpty() || !unknown.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!unlabelled.isEmpty()) {
        parts.add(String.format(Locale.ROOT, "%,d of the %,d customers of %s have no label in %s (e.g. %s)",
            unlabelled.size(), n, input.get(), labels.get(), examples(unlabelled)));
      }
      if (!unknown.isEmpty()) {
        parts.add(String.format(Locale.ROOT, "%,d ids in %s are not customers of %s (e.g. %s)", unknown.size(),
            labels.get(), input.get(), examples(unknown)));
      }
      throw new BadInputException(String.join("; ", parts) + "; every customer needs exactly one label: make the "
          + "labels from the same customer file (segmint cluster writes one row per customer) and check that --id "
          + "names the same ids");
    }
    return out;
  }

  private static String examples(List<String> ids) {
    return String.join(", ", ids.subList(0, Math.min(EXAMPLES, ids.size())))
        + (ids.size() > EXAMPLES ? ", …" : "");
  }
}
