package dev.segmint.cycle;

import dev.segmint.SegmentationModel;
import dev.segmint.features.ColumnRoles;
import dev.segmint.internal.Numbers;
import dev.segmint.model.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Each segment as a readable rule on the original-unit columns, that a marketing tool or a warehouse can apply
 * without Segmint: per segment a one-vs-rest CART tree (Breiman et al. 1984) — Gini impurity, depth ≤
 * {@link Options#maxDepth()} (3), leaves of at least {@link Options#minLeafShare()} (1 %) of the customers — whose
 * leaves that predict the segment (more than half of their customers are in it) are joined with OR. Numeric columns
 * split as {@code col <= t} / {@code col > t} at the midpoint between two consecutive distinct values (rounded to 15
 * significant digits when that still separates them: no binary noise such as 19869.24499999995); text and
 * boolean columns as {@code col IN (…)} / {@code col NOT IN (…)} (the smaller list is written; levels ordered by
 * their share of the segment, the best prefix split, Breiman's theorem for two classes). Each rule carries its
 * precision and recall on the customers it was fitted on.
 *
 * <p>Simplified where trivially possible: sibling leaves with the same prediction are merged into their parent, and
 * conditions on one column along one branch are merged ({@code a > 3 AND a > 5} → {@code a > 5}; {@code IN} and
 * {@code NOT IN} lists intersected).
 *
 * <p>Deterministic tie-breaks: among splits of equal impurity (within 1e-12) the first column in the given order
 * wins, then the smallest threshold, then the shortest level prefix.
 *
 * <p>Missing values (an empty numeric cell, an empty or missing text cell) are treated as SQL treats NULL: a missing
 * value satisfies no condition on its column — neither {@code <=} nor {@code >}, neither {@code IN} nor
 * {@code NOT IN}. While fitting, customers with a missing value in the split column go to neither child (they form a
 * third group in the impurity and are predicted "not in the segment" below that split); precision and recall are
 * computed with the same rule, so they equal what the SQL gives on the same rows with NULLs.
 *
 * <p>Noise customers (segment -1) are "rest" in every tree. Cost: O(n log n) per column to sort once, then
 * O(n · d) per tree node, at most 7 nodes per segment: O(k · d · n) for k segments, d columns and n customers;
 * memory O(n · d). Immutable.
 */
public final class SegmentRules {

  /**
   * Tree settings.
   *
   * @param maxDepth the deepest split level, 1..6 (contract: 3)
   * @param minLeafShare the smallest leaf as a share of all customers, in (0, 0.5] (contract: 0.01)
   */
  public record Options(int maxDepth, double minLeafShare) {
    public Options {
      if (maxDepth < 1 || maxDepth > 6) {
        throw new IllegalArgumentException("maxDepth must be 1..6 for a readable rule, not " + maxDepth);
      }
      if (!(minLeafShare > 0 && minLeafShare <= 0.5)) {
        throw new IllegalArgumentException("minLeafShare must be in (0, 0.5], not " + minLeafShare);
      }
    }

    /** Depth 3, leaves of at least 1 % of the customers (the contract). */
    public static Options defaults() {
      return new Options(3, 0.01);
    }

    public Options withMaxDepth(int d) {
      return new Options(d, minLeafShare);
    }

    public Options withMinLeafShare(double s) {
      return new Options(maxDepth, s);
    }
  }

  /** One condition on one column. */
  public sealed interface Condition permits AtMost, Above, In, NotIn {
    /** The input column it tests. */
    String column();

    /** The SQL form: {@code "col" <= 30.5}, {@code "country" IN ('UK', 'O''Neil')}. */
    String toSql();
  }

  /** {@code column <= threshold}. */
  public record AtMost(String column, double threshold) implements Condition {
    @Override
    public String toSql() {
      return identifier(column) + " <= " + number(threshold);
    }

    @Override
    public String toString() {
      return column + " <= " + number(threshold);
    }
  }

  /** {@code column > threshold}. */
  public record Above(String column, double threshold) implements Condition {
    @Override
    public String toSql() {
      return identifier(column) + " > " + number(threshold);
    }

    @Override
    public String toString() {
      return column + " > " + number(threshold);
    }
  }

  /** {@code column IN (levels)}; the levels sorted. */
  public record In(String column, List<String> levels) implements Condition {
    public In {
      levels = List.copyOf(levels);
    }

    @Override
    public String toSql() {
      return identifier(column) + " IN (" + String.join(", ", levels.stream().map(SegmentRules::literal).toList()) + ")";
    }

    @Override
    public String toString() {
      return column + " in (" + String.join(", ", levels) + ")";
    }
  }

  /** {@code column NOT IN (levels)}; the levels sorted. A missing value is in neither. */
  public record NotIn(String column, List<String> levels) implements Condition {
    public NotIn {
      levels = List.copyOf(levels);
    }

    @Override
    public String toSql() {
      return identifier(column) + " NOT IN (" + String.join(", ", levels.stream().map(SegmentRules::literal).toList())
          + ")";
    }

    @Override
    public String toString() {
      return column + " not in (" + String.join(", ", levels) + ")";
    }
  }

  /**
   * The rule of one segment: branches joined with OR, each a list of conditions joined with AND. No branch: no
   * customer ({@code 1 = 0}); one empty branch: every customer ({@code 1 = 1}).
   *
   * @param precision the share of the customers the rule selects that are in the segment (NaN when it selects none)
   * @param recall the share of the segment's customers the rule selects (NaN for an empty segment)
   * @param customers the segment's customers among the training customers
   * @param selected the customers the rule selects
   * @param hits the segment's customers the rule selects
   */
  public record Rule(int segment, String name, List<List<Condition>> branches, double precision, double recall,
      int customers, int selected, int hits) {
    public Rule {
      branches = branches.stream().map(List::copyOf).toList();
    }

    /**
     * The bare SQL condition (no {@code WHERE}), valid in SQLite and PostgreSQL over a table whose columns are the
     * input's: double-quoted identifiers, numbers in the C locale, text literals with quotes doubled.
     */
    public String toSql() {
      if (branches.isEmpty()) {
        return "1 = 0";
      }
      List<String> parts = new ArrayList<>();
      for (List<Condition> b : branches) {
        if (b.isEmpty()) {
          return "1 = 1";
        }
        String and = String.join(" AND ", b.stream().map(Condition::toSql).toList());
        parts.add(branches.size() > 1 && b.size() > 1 ? "(" + and + ")" : and);
      }
      return String.join(" OR ", parts);
    }

    /** The condition in words: {@code recency_days <= 30.5 and frequency > 3.5}. */
    public String condition() {
      if (branches.isEmpty()) {
        return "no customer";
      }
      List<String> parts = new ArrayList<>();
      for (List<Condition> b : branches) {
        if (b.isEmpty()) {
          return "every customer";
        }
        String and = String.join(" and ", b.stream().map(Condition::toString).toList());
        parts.add(branches.size() > 1 && b.size() > 1 ? "(" + and + ")" : and);
      }
      return String.join(" or ", parts);
    }

    /** {@code recency_days <= 30.5 and frequency > 3.5: precision 0.93, recall 0.88}. */
    @Override
    public String toString() {
      return condition() + ": precision " + two(precision) + ", recall " + two(recall);
    }

    private void json(Json j) {
      j.beginObject().field("segment", segment).field("name", name).field("precision", precision)
          .field("recall", recall).field("sql", toSql()).name("rule");
      j.beginObject().name("or").beginArray();
      for (List<Condition> b : branches) {
        j.beginObject().name("and").beginArray();
        for (Condition c : b) {
          j.beginObject().field("column", c.column());
          if (c instanceof AtMost a) {
            j.field("op", "<=").field("value", a.threshold());
          } else if (c instanceof Above a) {
            j.field("op", ">").field("value", a.threshold());
          } else if (c instanceof In in) {
            strings(j.field("op", "in").name("values"), in.levels());
          } else if (c instanceof NotIn in) {
            strings(j.field("op", "not in").name("values"), in.levels());
          }
          j.endObject();
        }
        j.endArray().endObject();
      }
      j.endArray().endObject();
      j.endObject();
    }
  }

  private final List<Rule> rules;
  private final List<String> columns;
  private final Options options;
  private final int n;

  private SegmentRules(List<Rule> rules, List<String> columns, Options options, int n) {
    this.rules = List.copyOf(rules);
    this.columns = List.copyOf(columns);
    this.options = options;
    this.n = n;
  }

  /**
   * Fits one rule per segment {@code 0..names.size()-1}.
   *
   * @param customers one row per customer, in the order of {@code labels}, with the columns in original units
   * @param labels each customer's segment ({@code 0..k-1}, {@code -1} for noise)
   * @param names the name of each segment
   * @param columns the columns the rules may test (numeric columns as numbers, every other column as text)
   * @throws IllegalArgumentException for a missing column, a non-finite number (naming the column and row), a label
   *     out of range, no customers or no columns
   */
  public static SegmentRules fit(Table customers, int[] labels, List<String> names, List<String> columns,
      Options options) {
    Objects.requireNonNull(options, "options");
    int rows = customers.rowCount();
    if (labels.length != rows) {
      throw new IllegalArgumentException(rows + " customer rows but " + labels.length + " labels; give one label per "
          + "customer row");
    }
    if (rows == 0) {
      throw new IllegalArgumentException("no customers to fit rules on");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to write rules on; name at least one numeric or text column");
    }
    for (int i = 0; i < rows; i++) {
      if (labels[i] < -1 || labels[i] >= names.size()) {
        throw new IllegalArgumentException("segment " + labels[i] + " of customer row " + (i + 1) + " is outside -1.."
            + (names.size() - 1) + "; give a name per segment");
      }
    }
    Data data = new Data(customers, columns);
    int minLeaf = Math.max(1, (int) Math.ceil(options.minLeafShare() * rows));
    List<Rule> out = new ArrayList<>();
    for (int s = 0; s < names.size(); s++) {
      boolean[] y = new boolean[rows];
      int pos = 0;
      for (int i = 0; i < rows; i++) {
        y[i] = labels[i] == s;
        pos += y[i] ? 1 : 0;
      }
      Node root = new Tree(data, y, minLeaf, options.maxDepth()).grow();
      prune(root);
      List<List<Condition>> branches = new ArrayList<>();
      collect(root, new ArrayList<>(), branches, data);
      List<List<Condition>> simple = new ArrayList<>();
      for (List<Condition> b : branches) {
        List<Condition> merged = merge(b);
        if (merged != null) {
          simple.add(merged);
        }
      }
      int sel = 0;
      int hits = 0;
      for (int i = 0; i < rows; i++) {
        if (data.matches(simple, i)) {
          sel++;
          hits += y[i] ? 1 : 0;
        }
      }
      out.add(new Rule(s, names.get(s), simple, sel == 0 ? Double.NaN : (double) hits / sel,
          pos == 0 ? Double.NaN : (double) hits / pos, pos, sel, hits));
    }
    return new SegmentRules(out, columns, options, rows);
  }

  /** {@link #fit(Table, int[], List, List, Options)} with the contract's settings. */
  public static SegmentRules fit(Table customers, int[] labels, List<String> names, List<String> columns) {
    return fit(customers, labels, names, columns, Options.defaults());
  }

  /**
   * The rules of a model fitted in this JVM, on its training customers ({@link SegmentationModel#customers()}) and
   * the columns it clustered on ({@link ColumnRoles#features()}), or, for a model fitted on a feature spec (e.g.
   * RFM), every numeric column of the customer table except the RFM label columns.
   *
   * @throws IllegalStateException for a model loaded from a file (no training customers)
   */
  public static SegmentRules of(SegmentationModel model) {
    if (!model.hasTrainingData()) {
      throw new IllegalStateException("a model loaded from a file has no training customers; fit the rules on the "
          + "customer table: SegmentRules.fit(customers, labels, names, columns)");
    }
    Table t = model.customers();
    List<String> cols = new ArrayList<>();
    if (model.columnRoles() != null) {
      cols.addAll(model.columnRoles().features());
    } else {
      for (Column<?> c : t.columns()) {
        if (c instanceof NumericColumn<?> && !ColumnRoles.RFM_LABELS.contains(c.name().toLowerCase(Locale.ROOT))) {
          cols.add(c.name());
        }
      }
    }
    return fit(t, model.labels(), model.segmentNames(), cols);
  }

  /** The rule of each segment, in segment order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The rule of one segment. */
  public Rule rule(int segment) {
    return rules.get(segment);
  }

  /**
   * One line per segment number, {@code recency_days <= 30.5 and frequency > 3.5: precision 0.93, recall 0.88}, for
   * {@code Report.builder(profiles).rules(rules.lines())}.
   */
  public Map<Integer, String> lines() {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      out.put(r.segment(), r.toString());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The columns the rules may test. */
  public List<String> columns() {
    return columns;
  }

  /** The settings. */
  public Options options() {
    return options;
  }

  /**
   * {@code {"segments":[{"segment":0,"name":…,"precision":…,"recall":…,"sql":…,"rule":{"or":[{"and":[{"column":…,
   * "op":"<=","value":30.5}, …]}, …]}}, …]}}: ops {@code <=}, {@code >} (with {@code value}), {@code in},
   * {@code not in} (with {@code values}); an empty {@code or} selects no customer, an empty {@code and} every
   * customer; precision or recall {@code null} where undefined.
   */
  public String toJson() {
    Json j = new Json().pretty().beginObject().name("segments").beginArray();
    for (Rule r : rules) {
      r.json(j);
    }
    return j.endArray().endObject().toString() + "\n";
  }

  /** Per segment a {@code -- segment N: name} comment line and a {@code WHERE …;} line. */
  public String toSql() {
    StringBuilder sb = new StringBuilder();
    for (Rule r : rules) {
      sb.append("-- segment ").append(r.segment()).append(": ").append(comment(r.name())).append('\n');
      sb.append("WHERE ").append(r.toSql()).append(";\n");
    }
    return sb.toString();
  }

  /**
   * One line per segment: {@code 0 Champions: recency_days <= 30.5 and frequency > 3.5: precision 0.93, recall 0.88}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "SegmentRules: %d segments, %,d customers, "
        + "depth <= %d, leaves >= %s of customers, columns %s%n", rules.size(), n, options.maxDepth(),
        Numbers.pct(options.minLeafShare()), columns));
    for (Rule r : rules) {
      sb.append("  ").append(r.segment()).append(' ').append(r.name()).append(": ").append(r).append('\n');
    }
    return sb.toString();
  }

  // --------------------------------------------------------------------------------------------- formatting

  /** A double-quoted SQL identifier, inner quotes doubled. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A single-quoted SQL text literal, inner quotes doubled (standard SQL; no backslash escapes). */
  static String literal(String text) {
    return '\'' + text.replace("'", "''") + '\'';
  }

  /** The shortest decimal that reads back as {@code v}, in plain notation, C locale: 30.5, 100000, 0.00001. */
  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String comment(String s) {
    return s.replaceAll("\\p{Cntrl}|\u2028|\u2029", " ");
  }

  private static String two(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static void strings(Json j, List<String> values) {
    j.beginArray();
    values.forEach(j::value);
    j.endArray();
  }

  // ------------------------------------------------------------------------------------------------ the data

  /** The columns as arrays: numbers (NaN = missing) sorted once, or level codes (-1 = missing) over sorted levels. */
  private static final class Data {
    final String[] names;
    final double[][] num;       // null for a text column
    final int[][] order;        // per numeric column: the non-missing rows by value, then row
    final int[][] code;         // null for a numeric column
    final String[][] levels;

    Data(Table t, List<String> columns) {
      int d = columns.size();
      int rows = t.rowCount();
      names = columns.toArray(String[]::new);
      num = new double[d][];
      order = new int[d][];
      code = new int[d][];
      levels = new String[d][];
      for (int j = 0; j < d; j++) {
        if (!t.containsColumn(names[j])) {
          throw new IllegalArgumentException("column '" + names[j] + "' is not in the customer table (columns "
              + t.columnNames() + "); name columns of the table");
        }
        Column<?> c = t.column(names[j]);
        if (c instanceof NumericColumn<?> nc) {
          double[] v = new double[rows];
          int present = 0;
          for (int i = 0; i < rows; i++) {
            v[i] = nc.isMissing(i) ? Double.NaN : nc.getDouble(i);
            if (Double.isInfinite(v[i])) {
              throw new IllegalArgumentException("column '" + names[j] + "' has " + v[i] + " at row " + (i + 1)
                  + "; a rule needs finite numbers: fix the value or leave the column out");
            }
            present += Double.isNaN(v[i]) ? 0 : 1;
          }
          Integer[] idx = new Integer[present];
          int p = 0;
          for (int i = 0; i < rows; i++) {
            if (!Double.isNaN(v[i])) {
              idx[p++] = i;
            }
          }
          Arrays.sort(idx, (a, b) -> {
            int cmp = Double.compare(v[a], v[b]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
          });
          num[j] = v;
          order[j] = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        } else {
          TreeSet<String> seen = new TreeSet<>();
          for (int i = 0; i < rows; i++) {
            String s = c.isMissing(i) ? "" : c.getString(i);
            if (!s.isEmpty()) {
              seen.add(s);
            }
          }
          levels[j] = seen.toArray(String[]::new);
          Map<String, Integer> codes = new LinkedHashMap<>();
          for (int l = 0; l < levels[j].length; l++) {
            codes.put(levels[j][l], l);
          }
          int[] k = new int[rows];
          for (int i = 0; i < rows; i++) {
            String s = c.isMissing(i) ? "" : c.getString(i);
            k[i] = s.isEmpty() ? -1 : codes.get(s);
          }
          code[j] = k;
        }
      }
    }

    int column(String name) {
      for (int j = 0; j < names.length; j++) {
        if (names[j].equals(name)) {
          return j;
        }
      }
      throw new IllegalStateException(name);
    }

    /** Whether row i satisfies the rule (a missing value satisfies no condition on its column). */
    boolean matches(List<List<Condition>> branches, int i) {
      for (List<Condition> b : branches) {
        boolean all = true;
        for (Condition c : b) {
          if (!holds(c, i)) {
            all = false;
            break;
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    }

    boolean holds(Condition c, int i) {
      int j = column(c.column());
      if (c instanceof AtMost a) {
        return !Double.isNaN(num[j][i]) && num[j][i] <= a.threshold();
      }
      if (c instanceof Above a) {
        return !Double.isNaN(num[j][i]) && num[j][i] > a.threshold();
      }
      if (c instanceof In in) {
        return code[j][i] >= 0 && in.levels().contains(levels[j][code[j][i]]);
      }
      return code[j][i] >= 0 && !((NotIn) c).levels().contains(levels[j][code[j][i]]);
    }
  }

  // ------------------------------------------------------------------------------------------------ the tree

  private static final class Node {
    final int size;
    final int positives;
    Node left;
    Node right;
    Condition goLeft;
    Condition goRight;
    Boolean verdict;   // set when merged from two leaves that agree

    Node(int size, int positives) {
      this.size = size;
      this.positives = positives;
    }

    boolean leaf() {
      return left == null;
    }

    boolean predicts() {
      return verdict != null ? verdict : 2 * positives > size;
    }
  }

  /** Grows one one-vs-rest tree; {@code at[i]} is the node id row i currently sits in (-1: left out as missing). */
  private static final class Tree {
    final Data data;
    final boolean[] y;
    final int minLeaf;
    final int maxDepth;
    final int[] at;
    int nextId = 1;

    Tree(Data data, boolean[] y, int minLeaf, int maxDepth) {
      this.data = data;
      this.y = y;
      this.minLeaf = minLeaf;
      this.maxDepth = maxDepth;
      this.at = new int[y.length];   // every row in node 0
    }

    Node grow() {
      int[] rows = new int[y.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = i;
      }
      return grow(0, rows, 0);
    }

    private Node grow(int id, int[] rows, int depth) {
      int pos = 0;
      for (int r : rows) {
        pos += y[r] ? 1 : 0;
      }
      Node node = new Node(rows.length, pos);
      if (depth >= maxDepth || pos == 0 || pos == rows.length || rows.length < 2 * minLeaf) {
        return node;
      }
      double parent = gini(rows.length, pos);
      double best = parent - 1e-12;
      int bestCol = -1;
      double bestThreshold = 0;
      boolean[] bestLeftLevels = null;
      for (int j = 0; j < data.names.length; j++) {
        if (data.num[j] != null) {
          // one pass over the column's sorted rows, keeping those of this node
          int m = 0;
          int mp = 0;
          for (int r : data.order[j]) {
            if (at[r] == id) {
              m++;
              mp += y[r] ? 1 : 0;
            }
          }
          int missing = rows.length - m;
          int missingPos = pos - mp;
          double missingPart = missing * gini(missing, missingPos);
          int nl = 0;
          int pl = 0;
          double prev = Double.NaN;
          for (int r : data.order[j]) {
            if (at[r] != id) {
              continue;
            }
            double v = data.num[j][r];
            if (nl > 0 && v > prev && nl >= minLeaf && m - nl >= minLeaf) {
              double score = (nl * gini(nl, pl) + (m - nl) * gini(m - nl, mp - pl) + missingPart) / rows.length;
              if (score < best) {
                best = score - 1e-12;
                bestCol = j;
                bestThreshold = midpoint(prev, v);
                bestLeftLevels = null;
              }
            }
            nl++;
            pl += y[r] ? 1 : 0;
            prev = v;
          }
        } else {
          int levels = data.levels[j].length;
          int[] cn = new int[levels];
          int[] cp = new int[levels];
          int missing = 0;
          int missingPos = 0;
          for (int r : rows) {
            int c = data.code[j][r];
            if (c < 0) {
              missing++;
              missingPos += y[r] ? 1 : 0;
            } else {
              cn[c]++;
              cp[c] += y[r] ? 1 : 0;
            }
          }
          Integer[] present = java.util.stream.IntStream.range(0, levels).filter(l -> cn[l] > 0).boxed()
              .toArray(Integer[]::new);
          // by share of the segment (exact: cross-multiplied counts), then level order
          Arrays.sort(present, (a, b) -> {
            int cmp = Long.compare((long) cp[a] * cn[b], (long) cp[b] * cn[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
          });
          int m = rows.length - missing;
          int mp = pos - missingPos;
          double missingPart = missing * gini(missing, missingPos);
          int nl = 0;
          int pl = 0;
          for (int k = 0; k < present.length - 1; k++) {
            nl += cn[present[k]];
            pl += cp[present[k]];
            if (nl < minLeaf || m - nl < minLeaf) {
              continue;
            }
            double score = (nl * gini(nl, pl) + (m - nl) * gini(m - nl, mp - pl) + missingPart) / rows.length;
            if (score < best) {
              best = score - 1e-12;
              bestCol = j;
              bestLeftLevels = new boolean[levels];
              for (int q = 0; q <= k; q++) {
                bestLeftLevels[present[q]] = true;
              }
            }
          }
        }
      }
      if (bestCol < 0) {
        return node;
      }
      int j = bestCol;
      List<Integer> l = new ArrayList<>();
      List<Integer> r = new ArrayList<>();
      for (int row : rows) {
        boolean missing = data.num[j] != null ? Double.isNaN(data.num[j][row]) : data.code[j][row] < 0;
        if (missing) {
          at[row] = -1;
        } else if (data.num[j] != null ? data.num[j][row] <= bestThreshold : bestLeftLevels[data.code[j][row]]) {
          l.add(row);
        } else {
          r.add(row);
        }
      }
      if (data.num[j] != null) {
        node.goLeft = new AtMost(data.names[j], bestThreshold);
        node.goRight = new Above(data.names[j], bestThreshold);
      } else {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int q = 0; q < bestLeftLevels.length; q++) {
          (bestLeftLevels[q] ? in : out).add(data.levels[j][q]);
        }
        // the smaller list is written; the other side is its NOT IN (levels never seen fall to that side)
        if (in.size() <= out.size()) {
          node.goLeft = new In(data.names[j], in);
          node.goRight = new NotIn(data.names[j], in);
        } else {
          node.goLeft = new NotIn(data.names[j], out);
          node.goRight = new In(data.names[j], out);
        }
      }
      int leftId = nextId++;
      int rightId = nextId++;
      for (int row : l) {
        at[row] = leftId;
      }
      for (int row : r) {
        at[row] = rightId;
      }
      node.left = grow(leftId, l.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
      node.right = grow(rightId, r.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
      return node;
    }
  }

  /**
   * The midpoint of two consecutive distinct values {@code a < b}, rounded to 15 significant digits so that binary
   * noise does not reach the rule (19869.24499999995 → 19869.245), as long as the rounded value still separates them
   * ({@code a <= t < b}); else the exact midpoint, or {@code a} for adjacent doubles.
   */
  static double midpoint(double a, double b) {
    double mid = a + (b - a) / 2;
    if (!(mid < b)) {
      return a;
    }
    double rounded = new BigDecimal(mid).round(new java.math.MathContext(15)).doubleValue();
    return rounded >= a && rounded < b ? rounded : mid;
  }

  /** Gini impurity of a group of n with p positives: 1 − (p/n)² − ((n−p)/n)² = 2p(n−p)/n²; 0 for an empty group. */
  static double gini(int n, int p) {
    if (n == 0) {
      return 0;
    }
    return 2.0 * p * (n - p) / ((double) n * n);
  }

  /** Merges sibling leaves with the same prediction into their parent, bottom up. */
  private static void prune(Node node) {
    if (node.leaf()) {
      return;
    }
    prune(node.left);
    prune(node.right);
    if (node.left.leaf() && node.right.leaf() && node.left.predicts() == node.right.predicts()) {
      node.verdict = node.left.predicts();   // may differ from the node's own majority when rows had missing values
      node.left = null;
      node.right = null;
      node.goLeft = null;
      node.goRight = null;
    }
  }

  private static void collect(Node node, List<Condition> path, List<List<Condition>> out, Data data) {
    if (node.leaf()) {
      if (node.predicts()) {
        out.add(new ArrayList<>(path));
      }
      return;
    }
    path.add(node.goLeft);
    collect(node.left, path, out, data);
    path.set(path.size() - 1, node.goRight);
    collect(node.right, path, out, data);
    path.remove(path.size() - 1);
  }

  /** Merges the conditions on one column along a branch; null when the branch can select no customer. */
  private static List<Condition> merge(List<Condition> branch) {
    Map<String, List<Condition>> byColumn = new LinkedHashMap<>();
    for (Condition c : branch) {
      byColumn.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c);
    }
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, List<Condition>> e : byColumn.entrySet()) {
      String col = e.getKey();
      double hi = Double.POSITIVE_INFINITY;
      double lo = Double.NEGATIVE_INFINITY;
      TreeSet<String> in = null;
      TreeSet<String> notIn = new TreeSet<>();
      boolean numeric = false;
      for (Condition c : e.getValue()) {
        if (c instanceof AtMost a) {
          hi = Math.min(hi, a.threshold());
          numeric = true;
        } else if (c instanceof Above a) {
          lo = Math.max(lo, a.threshold());
          numeric = true;
        } else if (c instanceof In i) {
          if (in == null) {
            in = new TreeSet<>(i.levels());
          } else {
            in.retainAll(i.levels());
          }
        } else {
          notIn.addAll(((NotIn) c).levels());
        }
      }
      if (numeric) {
        if (lo >= hi) {
          return null;
        }
        if (lo > Double.NEGATIVE_INFINITY) {
          out.add(new Above(col, lo));
        }
        if (hi < Double.POSITIVE_INFINITY) {
          out.add(new AtMost(col, hi));
        }
      } else if (in != null) {
        in.removeAll(notIn);
        if (in.isEmpty()) {
          return null;
        }
        out.add(new In(col, List.copyOf(in)));
      } else {
        out.add(new NotIn(col, List.copyOf(notIn)));
      }
    }
    return out;
  }
}
