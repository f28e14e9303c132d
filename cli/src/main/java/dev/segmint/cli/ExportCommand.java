package dev.segmint.cli;

import dev.segmint.SegmentationModel;
import dev.segmint.cycle.Audiences;
import dev.segmint.cycle.SegmentRules;
import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code segmint export}: audience files for marketing tools from a segments file ({@code customer_id,segment}), with
 * segment names and actions, the entered/stayed/left status against a previous export, and optionally each segment
 * as a rule (JSON or SQL) on the customers' columns. Library: {@link Audiences}, {@link SegmentRules}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Export audiences for marketing tools: customer_id,segment,segment_name,action "
        + "per customer, in one file (--out) or one file per segment (--out-dir: "
        + "segment-<n>-<slug of name>.csv). With --previous, also a status "
        + "entered|stayed|left against the previous export. With --rules, each segment "
        + "as a readable rule on the --input columns (one-vs-rest tree of depth <= 3) "
        + "with its precision and recall, as JSON or as SQL WHERE clauses.")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--segments", required = true, paramLabel = "FILE.csv",
      description = "customer_id,segment (-1 = noise, left out), as segmint cluster, segment or assign write it.")
  Path segments;

  @Option(names = "--model", paramLabel = "FILE.json",
      description = "The model the segments came from: its segment names and actions.")
  Path model;

  @Option(names = "--input", paramLabel = "FILE.csv",
      description = "The customer CSV the segments were made from (one row per customer): the columns of --rules.")
  Path input;

  @Option(names = "--id", paramLabel = "COL", description = "Customer id column of --input (kept as text); without it "
      + "customers are row_1 … row_n in file order, as segmint cluster without --id writes them.")
  String id;

  @Option(names = "--previous", paramLabel = "FILE.csv",
      description = "A previous export (or any customer_id,segment file): adds status = entered|stayed|left.")
  Path previous;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "One file with every audience.")
  Path out;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "An existing folder: one file per segment, segment-<n>-<slug of name>.csv.")
  Path outDir;

  @Option(names = "--rules", paramLabel = "FILE.json|FILE.sql",
      description = "Also write each segment as a rule on the --input columns: JSON, or one WHERE clause per segment.")
  Path rules;

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter of --input (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Numbers in --input use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Spec
  CommandSpec spec;

  /** The file names of a per-segment export, so that stale ones from an earlier export are found. */
  private static final Pattern SEGMENT_FILE = Pattern.compile("segment--?\\d+-.*\\.csv");

  /** Unmatched ids shown in an error message. */
  static final int EXAMPLES = 5;

  @Override
  public Integer call() throws Exception {
    if ((out == null) == (outDir == null)) {
      throw new BadInputException("give one of --out FILE.csv (one file) or --out-dir DIR (one file per segment)"
          + (out == null ? "" : ", not both"));
    }
    if (model != null && input != null) {
      throw new BadInputException("give --model FILE.json (segment names) or --input FILE.csv (the customers' "
          + "columns), not both");
    }
    if (id != null && input == null) {
      throw new BadInputException("--id names the id column of --input; give --input FILE.csv too, or leave out --id");
    }
    if (rules != null && input == null) {
      throw new BadInputException("--rules needs the customers' columns: give --input FILE.csv --id COL (the customer "
          + "file the segments were made from)" + (model != null ? "; a model file keeps no training data, so use "
          + "--input instead of --model" : ""));
    }
    String rulesFormat = null;
    if (rules != null) {
      String name = rules.getFileName() == null ? "" : rules.getFileName().toString().toLowerCase(Locale.ROOT);
      rulesFormat = name.endsWith(".json") ? "json" : name.endsWith(".sql") ? "sql" : null;
      if (rulesFormat == null) {
        throw new BadInputException("--rules " + rules + " must end in .json or .sql (the format follows the "
            + "extension)");
      }
    }
    if (outDir != null) {
      if (Files.isSymbolicLink(outDir) || !Files.isDirectory(outDir, LinkOption.NOFOLLOW_LINKS)) {
        throw new BadInputException("--out-dir " + outDir + (Files.exists(outDir, LinkOption.NOFOLLOW_LINKS)
            ? " is not a folder (or is a link); give a folder" : " does not exist; create it first (mkdir " + outDir
            + ")"));
      }
    }
    // the fixed outputs are checked before anything is read
    new Outputs().input("--segments", segments).input("--model", model).input("--input", input)
        .input("--previous", previous).output("--out", out).output("--rules", rules).check().close();
    PrintWriter err = spec.commandLine().getErr();
    Labels labels = readSegments();
    List<String> names;
    List<String> actions = new ArrayList<>();
    int k = labels.maxLabel() + 1;
    if (model != null) {
      SegmentationModel m = SegmentationModel.load(model);
      if (k > m.k()) {
        throw new BadInputException("segment " + labels.maxLabel() + " in " + segments + " is not a segment of the "
            + "model in " + model + " (segments 0.." + (m.k() - 1) + "); export the segments that model assigned");
      }
      names = m.segmentNames();
      actions.addAll(m.segmentActions());
    } else {
      names = Audiences.numberedNames(k);
      for (int s = 0; s < k; s++) {
        actions.add("");
      }
    }
    Audiences now = Audiences.of(labels.ids(), labels.segments(), names, actions);
    if (previous != null) {
      now = now.against(Audiences.fromTable(readPrevious()));
    }
    Map<String, Table> files = outDir != null ? now.perSegment() : Map.of();
    try (Outputs outputs = new Outputs().input("--segments", segments).input("--model", model).input("--input", input)
        .input("--previous", previous).output("--out", out).output("--rules", rules)) {
      for (String f : files.keySet()) {
        outputs.output("--out-dir", outDir.resolve(f));
      }
      outputs.check();
      if (outDir != null) {
        refuseStale(files.keySet());
      }
      SegmentRules fitted = null;
      if (rules != null) {
        fitted = fitRules(labels, names);
      }
      if (out != null) {
        outputs.write(out, CsvIo.csv(now.toTable()));
      }
      for (Map.Entry<String, Table> e : files.entrySet()) {
        outputs.write(outDir.resolve(e.getKey()), CsvIo.csv(e.getValue()));
      }
      if (fitted != null) {
        String text = rulesFormat.equals("json") ? fitted.toJson() : fitted.toSql();
        outputs.write(rules, text(text));
      }
      outputs.commit();
      err.print(now);
      if (labels.unsegmented() > 0) {
        err.printf(Locale.ROOT, "not segmented: %,d customers of %s have an empty segment cell and are in no "
            + "audience%n", labels.unsegmented(), segments);
      }
      if (model == null) {
        err.println("names: numbered (segment 0, segment 1, …) and no actions; give --model FILE.json for the model's "
            + "segment names");
      } else {
        boolean none = actions.stream().allMatch(String::isEmpty);
        err.println("names and actions: from " + model + (none ? "; it has no actions (written before Segmint saved "
            + "them in model files, or its segments have none), so the action column is empty" : ""));
      }
      if (fitted != null) {
        err.print(fitted);
      }
      err.println("written: " + (out != null ? out : outDir + " (" + files.size() + " files)")
          + (rules != null ? ", " + rules : ""));
    }
    return 0;
  }

  /** The ids in file order and their segments (-1 noise; {@link SegmentsFile#NOT_SEGMENTED}: an empty cell). */
  private record Labels(String[] all, int[] raw, int unsegmented) {
    int maxLabel() {
      int m = -1;
      for (int l : raw) {
        m = Math.max(m, l);
      }
      return m;
    }

    String[] ids() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < all.length; i++) {
        if (raw[i] != SegmentsFile.NOT_SEGMENTED) {
          out.add(all[i]);
        }
      }
      return out.toArray(String[]::new);
    }

    int[] segments() {
      return java.util.Arrays.stream(raw).filter(l -> l != SegmentsFile.NOT_SEGMENTED).toArray();
    }
  }

  private Labels readSegments() throws IOException {
    SegmentsFile.Labels read = SegmentsFile.read(segments);
    return new Labels(read.ids(), read.segments(), read.unsegmented());
  }

  private Table readPrevious() throws IOException {
    CsvInput in = CsvInput.open(previous, CsvInput.Options.DETECT);
    Set<String> text = new LinkedHashSet<>();
    for (String c : List.of("customer_id", "segment", "segment_name", "action", "status")) {
      String h = in.columnOrNull(c);
      if (h != null) {
        text.add(h);
      }
    }
    if (in.columnOrNull("customer_id") == null || in.columnOrNull("segment") == null) {
      throw new BadInputException("--previous " + previous + " needs the columns customer_id,segment (an export, or "
          + "a file segmint cluster wrote); its columns are " + in.header());
    }
    return in.read(text);   // the segment cells are checked by Audiences.fromTable, with their row
  }

  /** Refuses a per-segment file of an earlier export that this run would leave beside the new ones. */
  private void refuseStale(Set<String> writing) throws IOException {
    List<String> stale = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outDir)) {
      for (Path p : ds) {
        String f = p.getFileName().toString();
        if (SEGMENT_FILE.matcher(f).matches() && !writing.contains(f)) {
          stale.add(f);
        }
      }
    }
    if (!stale.isEmpty()) {
      stale.sort(null);
      throw new BadInputException("--out-dir " + outDir + " holds " + stale.size() + " audience file(s) this export "
          + "would not replace (" + String.join(", ", stale.subList(0, Math.min(EXAMPLES, stale.size())))
          + (stale.size() > EXAMPLES ? ", …" : "") + "); move or delete them, or export into an empty folder, so that "
          + "no stale audience is left beside the new ones");
    }
  }

  /** The rules on the --input columns, fitted on the customers that have a segment. */
  private SegmentRules fitRules(Labels labels, List<String> names) throws IOException {
    CsvInput in = CsvInput.open(input, CsvInput.Options.of(delimiter, decimalComma));
    ColumnChoice.Read read = ColumnChoice.read(in, id, null, null, null,
        c -> "; fix that value or leave the column out of --input");
    List<String> columns = read.roles().features();
    if (columns.isEmpty()) {
      throw new BadInputException(input + " has no column a rule can test (" + read.line() + "); give the customer "
          + "file with its numeric or text columns");
    }
    String[] inputIds = read.ids();
    Map<String, Integer> segmentOf = new HashMap<>(labels.all().length * 2);
    for (int i = 0; i < labels.all().length; i++) {
      segmentOf.put(labels.all()[i], labels.raw()[i]);
    }
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<Integer> rows = new ArrayList<>();
    List<Integer> segs = new ArrayList<>();
    for (int i = 0; i < inputIds.length; i++) {
      String cid = inputIds[i];
      if (!seen.add(cid)) {
        throw new BadInputException("customer " + cid + " appears twice in " + input + "; rules need one row per "
            + "customer");
      }
      Integer s = segmentOf.get(cid);
      if (s == null) {
        unknown.add(cid);
      } else if (s != SegmentsFile.NOT_SEGMENTED) {
        rows.add(i);
        segs.add(s);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String cid : labels.all()) {
      if (!seen.contains(cid)) {
        missing.add(cid);
      }
    }
    if (!unknown.isEmpty() || !missing.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!missing.isEmpty()) {
        parts.add(String.format(Locale.ROOT, "%,d customers of %s are not in %s (e.g. %s)", missing.size(), segments,
            input, examples(missing)));
      }
      if (!unknown.isEmpty()) {
        parts.add(String.format(Locale.ROOT, "%,d customers of %s have no row in %s (e.g. %s)", unknown.size(), input,
            segments, examples(unknown)));
      }
      throw new BadInputException(String.join("; ", parts) + "; --input must be the customer file the segments were "
          + "made from, with --id naming the same ids");
    }
    Table t = read.table().rows(rows.stream().mapToInt(Integer::intValue).toArray());
    int[] y = segs.stream().mapToInt(Integer::intValue).toArray();
    return SegmentRules.fit(t, y, names, columns);
  }

  private static String examples(List<String> ids) {
    return String.join(", ", ids.subList(0, Math.min(EXAMPLES, ids.size()))) + (ids.size() > EXAMPLES ? ", …" : "");
  }

  /** A text file's content, for {@link Outputs#write}. */
  static AtomicFiles.Content text(String s) {
    return w -> w.write(s);
  }
}
