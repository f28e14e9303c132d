package dev.segmint.cli;

import dev.segmint.features.ColumnRoles;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.MissingValues;
import dev.segmint.features.SettingException;
import dev.segmint.internal.AtomicFiles;
import dev.segmint.internal.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The column flags of {@code cluster}, {@code segment --customers} and {@code profile} ({@code --id}, {@code
 * --features}, {@code --categorical}, {@code --exclude}) on one customer CSV, decided by the library's
 * {@link ColumnRoles}, and the {@code --missing} policy: one decision path for every command. Reads the file with the
 * id and the categorical columns as text (so {@code 007} stays {@code 007}), refuses a column of numbers with some
 * text before the roles are decided (with the command's ways out), and writes the segments of every input customer.
 */
final class ColumnChoice {

  /** The roles, the table read and the table with its id column (row ids when there is no --id). */
  record Read(ColumnRoles roles, Table table, Table withIds, Map<String, CsvInput.Suspect> codes) {

    /**
     * The roles line in the command line's words; then, for each column of digits read as text for its leading
     * zeros (in header order), the first such value.
     */
    String line() {
      StringBuilder b = new StringBuilder(roles.line(SettingException.Words.COMMAND_LINE));
      codes.forEach((column, first) -> b.append(System.lineSeparator()).append("note: ").append(column)
          .append(" is read as text, a code: its digits have leading zeros (e.g. '").append(first.value())
          .append("' in row ").append(first.row()).append("), which numbers would drop"));
      return b.toString();
    }

    /** The customer ids in file order. */
    String[] ids() {
      // the id column is text (read so); asStringColumn() would copy it first
      tech.tablesaw.columns.Column<?> c = withIds.column(roles.idName());
      return c instanceof StringColumn s ? s.asObjectArray() : c.asStringColumn().asObjectArray();
    }
  }

  private ColumnChoice() {}

  /**
   * Reads the customer file and decides the roles. {@code fixes} gives the command's ways out for a column of numbers
   * with some text in the default selection.
   */
  static Read read(CsvInput in, String id, List<String> features, List<String> categorical, List<String> exclude,
      Function<String, String> fixes) throws IOException {
    String idColumn = id == null ? null : in.column(id);
    List<String> named = features == null || features.isEmpty() ? null : in.columns(features);
    List<String> cats = categorical == null ? List.of() : in.columns(categorical);
    Set<String> excluded = new LinkedHashSet<>(exclude == null ? List.of() : in.columns(exclude));
    Set<String> text = new LinkedHashSet<>(cats);
    if (idColumn != null) {
      text.add(idColumn);
    }
    // numbers named in --features stay numbers; any other column of digits with leading zeros is a code
    Set<String> numbers = new LinkedHashSet<>(named == null ? List.of() : named);
    numbers.removeAll(cats);
    in.codesAsText(numbers);
    Table table = in.read(text);
    if (table.rowCount() == 0) {
      throw new BadInputException(in.tableName() + " has a header but no customer rows");
    }
    if (named == null) {
      Set<String> leaveOut = new LinkedHashSet<>(excluded);
      leaveOut.addAll(text);
      in.numericColumns(leaveOut, fixes);
    } else {
      for (String f : named) {
        if (excluded.contains(f)) {
          throw new BadInputException("column '" + f + "' is named by both --features and --exclude; keep it in one");
        }
        if (!cats.contains(f)) {
          in.requireNumbers(f, c -> "; fix that value or leave the column out of --features");
        }
      }
    }
    ColumnRoles roles = ColumnRoles.builder().id(idColumn).features(named).categorical(cats).exclude(excluded)
        .decide(table);
    return new Read(roles, table, roles.withIds(table), in.codeColumns());
  }

  /** {@code --missing impute|drop|fail}. */
  static MissingValues missing(String flag) {
    if (flag == null) {
      return MissingValues.IMPUTE;
    }
    return switch (flag.strip().toLowerCase(Locale.ROOT)) {
      case "impute" -> MissingValues.IMPUTE;
      case "drop" -> MissingValues.DROP;
      case "fail" -> MissingValues.FAIL;
      default -> throw new BadInputException("--missing must be impute, drop or fail, not '" + flag + "'");
    };
  }

  /**
   * {@code customer_id,segment} with one row per customer of {@code all} (in that order; null: the segmented ones,
   * then the left-out ones): the segment of each segmented customer, an empty cell for a customer left out for a
   * missing value (not -1, which is noise).
   */
  static AtomicFiles.Content segments(String[] all, String[] ids, int[] labels, List<String> dropped) {
    if (dropped.isEmpty() && all == null) {
      return SegmentCommand.segments(ids, labels);
    }
    String[] order = all;
    if (order == null) {
      List<String> o = new ArrayList<>(List.of(ids));
      o.addAll(dropped);
      order = o.toArray(String[]::new);
    }
    Map<String, Integer> byId = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      byId.put(ids[i], labels[i]);
    }
    IntColumn seg = IntColumn.create("segment");
    for (String c : order) {
      Integer l = byId.get(c);
      if (l == null) {
        seg.appendMissing();
      } else {
        seg.append(l);
      }
    }
    return CsvIo.csv(Table.create("segments", StringColumn.create("customer_id", order), seg));
  }

  /**
   * The note naming the strongly right-skewed features ({@link ColumnRoles#skewed}) when {@code --log} was not
   * given, with the {@code --log} to give ({@code defaultLogged}, the columns logged by default, first), or null.
   */
  static String skewNote(ColumnRoles roles, boolean logGiven, List<String> defaultLogged) {
    List<String> skewed = roles.skewed();
    if (logGiven || skewed.isEmpty()) {
      return null;
    }
    List<String> g1 = skewed.stream().map(c -> Numbers.sig(Numbers.round(roles.skewness(c), 1))).toList();
    List<String> all = new ArrayList<>(defaultLogged);
    all.addAll(skewed);
    return "note: " + String.join(", ", skewed) + (skewed.size() == 1 ? " is" : " are") + " strongly right-skewed "
        + "(skewness " + String.join(", ", g1) + "): a few large values set the scale; --log " + String.join(",", all)
        + " usually separates segments better";
  }

  /**
   * The note naming the clustered columns whose names say they record an outcome, whether the customer already left
   * ({@code Churn}, {@code Exited}, {@code Attrition_Flag}: the name, lower case without separators, holds churn,
   * attrition or attrited, or is exited, and no score, prob, risk or predict), when the features were chosen by
   * default ({@code featuresGiven} false); null otherwise. Clustering on such a column splits the customers by it;
   * the note gives the way to segment on the other columns and still see it per segment. Only a note: the roles are
   * the contract's.
   */
  static String outcomeNote(ColumnRoles roles, boolean featuresGiven, Object input, String id, Object out) {
    if (featuresGiven) {
      return null;
    }
    List<String> outcomes = new ArrayList<>();
    for (String c : roles.features()) {
      String k = c.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      boolean outcome = k.contains("churn") || k.contains("attrition") || k.contains("attrited") || k.equals("exited");
      boolean predicted = k.contains("score") || k.contains("prob") || k.contains("risk") || k.contains("predict");
      if (outcome && !predicted) {
        outcomes.add(c);
      }
    }
    if (outcomes.isEmpty()) {
      return null;
    }
    boolean one = outcomes.size() == 1;
    return "note: " + String.join(", ", outcomes) + (one ? " looks like an outcome (whether the customer already left) "
        + "and is" : " look like outcomes (whether the customer already left) and are") + " clustered on, so the "
        + "segments split by " + (one ? "it" : "them") + "; to segment on the other columns and see " + (one ? "it"
        : "them") + " per segment, give --exclude " + String.join(",", outcomes) + ", then segmint profile --input "
        + input + (id != null ? " --id " + id : "") + " --labels " + out;
  }

  /** The note after a run that left customers out, or null. */
  static String notSegmented(FeaturePipeline.Report report, Object out) {
    if (report.dropped().isEmpty()) {
      return null;
    }
    return String.format(Locale.ROOT, "note: %,d customers were not segmented because of missing values (%s); their "
        + "segment cell in %s is empty; --missing impute fills the values instead", report.dropped().size(),
        String.join(", ", report.missing().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()), out);
  }
}
