package dev.segmint.cli;

import dev.segmint.SegmentationModel;
import dev.segmint.cycle.Audiences;
import dev.segmint.cycle.SegmentRules;
import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
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
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;

/**
 * {@code segmint export}: audience files for marketing tools from a segments file ({@code customer_id,segment}), with
 * segment names and actions, the entered/stayed/left status against a previous export, and optionally each segment
 * as a rule (JSON or SQL) on the customers' columns. Library: {@link Audiences}, {@link SegmentRules}.
 */
final class ExportCommand extends Subcommand {

  ExportCommand() {
    super("export", "Export audiences for marketing tools: customer_id,segment,segment_name,action per customer.",
        "Export audiences for marketing tools: customer_id,segment,segment_name,action per customer, in one file "
            + "(--out) or one file per segment (--out-dir: segment-<n>-<slug of name>.csv). With --previous, also a "
            + "status entered|stayed|left against the previous export. With --rules, each segment as a readable rule "
            + "on the --input columns (one-vs-rest tree of depth <= 3) with its precision and recall, as JSON or as "
            + "SQL WHERE clauses.");
  }

  final Flag<Path> segments = flags.path("--segments", "FILE.csv",
      "customer_id,segment (-1 = noise, left out), as segmint cluster, segment or assign write it.").required();

  final Flag<Path> model = flags.path("--model", "FILE.json",
      "The model the segments came from: its segment names and actions.");

  final Flag<Path> input = flags.path("--input", "FILE.csv",
      "The customer CSV the segments were made from (one row per customer): the columns of --rules. Every "
      + "segmented customer needs its row; its customers without a segment row are left out of the rules and "
      + "counted.");

  final Flag<String> id = flags.text("--id", "COL", "Customer id column of --input (kept as text); without it "
      + "customers are row_1 … row_n in file order, as segmint cluster without --id writes them.");

  final Flag<Path> previous = flags.path("--previous", "FILE.csv",
      "A previous export (or any customer_id,segment file): adds status = entered|stayed|left.");

  final Flag<Path> out = flags.path("--out", "FILE.csv", "One file with every audience.");

  final Flag<Path> outDir = flags.path("--out-dir", "DIR",
      "An existing folder: one file per segment, segment-<n>-<slug of name>.csv.");

  final Flag<Path> rules = flags.path("--rules", "FILE.json|FILE.sql",
      "Also write each segment as a rule on the --input columns: JSON, or one WHERE clause per segment.");

  final Flag<String> delimiter = flags.text("--delimiter", "C|whitespace", "Field delimiter of --input (default: "
      + "detected; \\t for tab; whitespace for runs of spaces and tabs).");

  final Flag<Boolean> decimalComma = flags.toggle("--decimal-comma",
      "Numbers in --input use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");

  /** The file names of a per-segment export, so that stale ones from an earlier export are found. */
  private static final Pattern SEGMENT_FILE = Pattern.compile("segment--?\\d+-.*\\.csv");

  /** Unmatched ids shown in an error message. */
  static final int EXAMPLES = 5;

  @Override
  int call() throws Exception {
    if (out.given() == outDir.given()) {
      throw new BadInputException("give one of --out FILE.csv (one file) or --out-dir DIR (one file per segment)"
          + (out.given() ? ", not both" : ""));
    }
    if (id.given() && !input.given()) {
      throw new BadInputException("--id names the id column of --input; give --input FILE.csv too, or leave out --id");
    }
    if (rules.given() && !input.given()) {
      throw new BadInputException("--rules needs the customers' columns: give --input FILE.csv --id COL (the customer "
          + "file the segments were made from)" + (model.given() ? "; a model file keeps no training data, so give "
          + "--input beside --model" : ""));
    }
    String rulesFormat = null;
    if (rules.given()) {
      Path file = rules.get().getFileName();
      String name = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
      rulesFormat = name.endsWith(".json") ? "json" : name.endsWith(".sql") ? "sql" : null;
      if (rulesFormat == null) {
        throw new BadInputException("--rules " + rules.get() + " must end in .json or .sql (the format follows the "
            + "extension)");
      }
    }
    if (outDir.given()) {
      Path dir = outDir.get();
      if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new BadInputException("--out-dir " + dir + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
            ? " is not a folder (or is a link); give a folder" : " does not exist; create it first (mkdir " + dir
            + ")"));
      }
    }
    // the fixed outputs are checked before anything is read
    new Outputs().input("--segments", segments.get()).input("--model", model.get()).input("--input", input.get())
        .input("--previous", previous.get()).output("--out", out.get()).output("--rules", rules.get()).check()
        .close();
    Labels labels = readSegments();
    List<String> names;
    List<String> actions = new ArrayList<>();
    int k = labels.maxLabel() + 1;
    if (model.given()) {
      SegmentationModel m = SegmentationModel.load(model.get());
      if (k > m.k()) {
        throw new BadInputException("segment " + labels.maxLabel() + " in " + segments.get() + " is not a segment of "
            + "the model in " + model.get() + " (segments 0.." + (m.k() - 1) + "); export the segments that model "
            + "assigned");
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
    if (previous.given()) {
      now = now.against(Audiences.fromTable(readPrevious()));
    }
    Map<String, Table> files = outDir.given() ? now.perSegment() : Map.of();
    try (Outputs outputs = new Outputs().input("--segments", segments.get()).input("--model", model.get())
        .input("--input", input.get()).input("--previous", previous.get()).output("--out", out.get())
        .output("--rules", rules.get())) {
      for (String f : files.keySet()) {
        outputs.output("--out-dir", outDir.get().resolve(f));
      }
      outputs.check();
      if (outDir.given()) {
        refuseStale(files.keySet());
      }
      Rules fitted = rules.given() ? fitRules(labels, names) : null;
      if (out.given()) {
        outputs.write(out.get(), CsvIo.csv(now.toTable()));
      }
      for (Map.Entry<String, Table> e : files.entrySet()) {
        outputs.write(outDir.get().resolve(e.getKey()), CsvIo.csv(e.getValue()));
      }
      if (fitted != null) {
        String text = rulesFormat.equals("json") ? fitted.rules().toJson() : fitted.rules().toSql();
        outputs.write(rules.get(), text(text));
      }
      outputs.commit();
      stderr.print(now);
      if (labels.unsegmented() > 0) {
        stderr.printf(Locale.ROOT, "not segmented: %,d customers of %s have an empty segment cell and are in no "
            + "audience%n", labels.unsegmented(), segments.get());
      }
      if (!model.given()) {
        stderr.println("names: numbered (segment 0, segment 1, …) and no actions; give --model FILE.json for the "
            + "model's segment names");
      } else {
        boolean none = actions.stream().allMatch(String::isEmpty);
        stderr.println("names and actions: from " + model.get() + (none ? "; it has no actions (written before "
            + "Segmint saved them in model files, or its segments have none), so the action column is empty" : ""));
      }
      if (fitted != null) {
        stderr.print(fitted.rules());
        stderr.print(fitted.leftOut());
      }
      stderr.println("written: " + (out.given() ? out.get() : outDir.get() + " (" + files.size() + " files)")
          + (rules.given() ? ", " + rules.get() : ""));
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
    SegmentsFile.Labels read = SegmentsFile.read(segments.get());
    return new Labels(read.ids(), read.segments(), read.unsegmented());
  }

  private Table readPrevious() throws IOException {
    CsvInput in = CsvInput.open(previous.get(), CsvInput.Options.DETECT);
    Set<String> text = new LinkedHashSet<>();
    for (String c : List.of("customer_id", "segment", "segment_name", "action", "status")) {
      String h = in.columnOrNull(c);
      if (h != null) {
        text.add(h);
      }
    }
    if (in.columnOrNull("customer_id") == null || in.columnOrNull("segment") == null) {
      throw new BadInputException("--previous " + previous.get() + " needs the columns customer_id,segment (an export, "
          + "or a file segmint cluster wrote); its columns are " + in.header());
    }
    return in.read(text);   // the segment cells are checked by Audiences.fromTable, with their row
  }

  /** Refuses a per-segment file of an earlier export that this run would leave beside the new ones. */
  private void refuseStale(Set<String> writing) throws IOException {
    List<String> stale = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outDir.get())) {
      for (Path p : ds) {
        String f = p.getFileName().toString();
        if (SEGMENT_FILE.matcher(f).matches() && !writing.contains(f)) {
          stale.add(f);
        }
      }
    }
    if (!stale.isEmpty()) {
      stale.sort(null);
      throw new BadInputException("--out-dir " + outDir.get() + " holds " + stale.size() + " audience file(s) this "
          + "export would not replace (" + String.join(", ", stale.subList(0, Math.min(EXAMPLES, stale.size())))
          + (stale.size() > EXAMPLES ? ", …" : "") + "); move or delete them, or export into an empty folder, so that "
          + "no stale audience is left beside the new ones");
    }
  }

  /**
   * The fitted rules, and the line saying which customers of --input had no segment row and are not in them (empty
   * if none).
   */
  private record Rules(SegmentRules rules, String leftOut) {}

  /** The rules on the --input columns, fitted on the customers that have a segment. */
  private Rules fitRules(Labels labels, List<String> names) throws IOException {
    CsvInput in = CsvInput.open(input.get(), CsvInput.Options.of(delimiter.get(), decimalComma.get()));
    // the rules test the values as the file writes them (Y, not true): they are run on the customers' own table
    in.booleansAsText();
    ColumnChoice.Read read = ColumnChoice.read(in, id.get(), null, null, null,
        c -> "; fix that value or leave the column out of --input");
    List<String> columns = read.roles().features();
    if (columns.isEmpty()) {
      throw new BadInputException(input.get() + " has no column a rule can test (" + read.line() + "); give the "
          + "customer file with its numeric or text columns");
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
        throw new BadInputException("customer " + cid + " appears twice in " + input.get() + "; rules need one row "
            + "per customer");
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
    // every segmented customer needs its row (else the rules would describe other data); customers of --input
    // without a segment row (segment leaves out, with a reason on its stderr, e.g. customers without transactions)
    // are left out of the rules and counted
    if (!missing.isEmpty()) {
      throw new BadInputException(String.format(Locale.ROOT, "%,d customers of %s are not in %s (e.g. %s); --input "
          + "must be the customer file the segments were made from, with --id naming the same ids", missing.size(),
          segments.get(), input.get(), examples(missing)));
    }
    String leftOut = unknown.isEmpty() ? "" : String.format(Locale.ROOT, "rules: %,d %s of %s %s no row in %s and %s "
        + "left out of the rules (e.g. %s)%n", unknown.size(), unknown.size() == 1 ? "customer" : "customers",
        input.get(), unknown.size() == 1 ? "has" : "have", segments.get(), unknown.size() == 1 ? "is" : "are",
        examples(unknown));
    Table t = read.table().rows(rows.stream().mapToInt(Integer::intValue).toArray());
    int[] y = segs.stream().mapToInt(Integer::intValue).toArray();
    return new Rules(SegmentRules.fit(t, y, names, columns), leftOut);
  }

  private static String examples(List<String> ids) {
    return String.join(", ", ids.subList(0, Math.min(EXAMPLES, ids.size()))) + (ids.size() > EXAMPLES ? ", …" : "");
  }

  /** A text file's content, for {@link Outputs#write}. */
  static AtomicFiles.Content text(String s) {
    return w -> w.write(s);
  }
}
