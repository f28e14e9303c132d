package dev.segmint.profile;

import dev.segmint.features.RfmFeatures;
import dev.segmint.internal.Numbers;
import dev.segmint.internal.Threads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Profiles of all segments of a labeling, computed on a table of customers in original units (one row per customer,
 * in the same order as the labels): for every segment its size, share and name, numeric summaries (mean, median,
 * sd, quartiles, min, max) compared with the population (z-score, relative difference) and with the rest (Cohen's
 * d, Welch's t or Mann–Whitney p-value), categorical level shares with lift, the features ranked by how much they
 * distinguish the segment, and across segments Kruskal–Wallis / ANOVA and χ² tests. All p-values are
 * Benjamini–Hochberg adjusted: one family for the segment-vs-rest tests, one for the across-segment tests.
 *
 * <p>Segments are listed by label; noise ({@code -1}) comes last, is profiled and named "Noise", counts in the
 * population, and is left out of the across-segment tests.
 *
 * <p>Cost: one parallel pass over the table into {@link ProfileAccumulator}s over fixed blocks of rows, merged in
 * block order (so the result does not depend on the thread count), then O(N log N) per numeric feature for the
 * ranks and quantiles, and O(k²·f) for the segment-vs-rest summaries. Memory: the numeric values once more
 * (8 bytes each).
 *
 * <p>References: Cohen, <i>Statistical Power Analysis for the Behavioral Sciences</i> (1988) for d and its
 * magnitudes; Benjamini and Hochberg, JRSS B 57 (1995); Kruskal and Wallis, JASA 47 (1952).
 */
public final class SegmentProfiles {

  /** The segment-vs-rest test for numeric features. */
  public enum Test {
    /** Welch's unequal-variance t-test on the means; effect size d on the values. */
    WELCH("Welch's t"),
    /**
     * The Mann–Whitney U rank test (tie-corrected normal approximation); effect size d on the mid-ranks (the
     * standardised mean difference of the rank-transformed values). Robust to skew and outliers such as a few very
     * large spenders, which inflate the standard deviation and shrink d on the values. The default: customer data
     * (spend, counts, days) is usually skewed.
     */
    MANN_WHITNEY("Mann–Whitney U");

    private final String label;

    Test(String label) {
      this.label = label;
    }

    /** A readable name such as "Welch's t". */
    public String label() {
      return label;
    }
  }

  /** The words for a low and a high value of a feature, e.g. ("recent", "lapsed") for recency_days. */
  public record Words(String low, String high) {
    public Words {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /** The default vocabulary: the RFM features' words. Other features read "high x" / "low x". */
  public static final Map<String, Words> RFM_WORDS = Map.of(
      "recency_days", new Words("recent", "lapsed"),
      "frequency", new Words("infrequent", "frequent"),
      "tenure_days", new Words("new", "long-standing"),
      "avg_order_value", new Words("small orders", "large orders"),
      "r_score", new Words("low R score", "high R score"),
      "f_score", new Words("low F score", "high F score"),
      "m_score", new Words("low M score", "high M score"));

  /**
   * Profiling settings.
   *
   * @param columns the columns to profile; empty = every numeric column and every text or boolean column with at
   *     most {@code maxLevels} distinct values
   * @param test the segment-vs-rest test for numeric features
   * @param alpha significance level for adjusted p-values (0.05)
   * @param minEffect smallest |d| that counts as a distinguishing feature (0.2, Cohen's "small")
   * @param nameEffect smallest |d| a feature needs to enter a segment's name (0.5, Cohen's "medium")
   * @param topFeatures how many top features are listed per segment (3)
   * @param maxLevels most distinct values for a text column to be profiled automatically (50)
   * @param threads worker threads for the pass over the table (0 = all processors; results never depend on it)
   * @param words feature → words for its low and high values
   * @param labelColumns columns that hold labels rather than measurements (default
   *     {@link RfmFeatures#LABEL_COLUMNS}): profiled as categories whatever their type, never averaged and never
   *     used in a segment's name; pass an empty list to profile them as ordinary columns
   * @param actions named RFM group → action (default {@link SegmentAction#RFM_ACTIONS}); a group without an entry
   *     falls back to the feature rules
   * @param measures numeric column → what it measures for the action rules, one of {@link #MEASURES} or
   *     {@code "none"} (default empty: every column counts by what its name says, in English)
   */
  public record Options(List<String> columns, Test test, double alpha, double minEffect, double nameEffect,
      int topFeatures, int maxLevels, int threads, Map<String, Words> words, List<String> labelColumns,
      Map<String, String> actions, Map<String, String> measures) {
    public Options {
      columns = List.copyOf(columns);
      Objects.requireNonNull(test, "test");
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
      }
      if (!(minEffect >= 0) || !(nameEffect >= 0)) {
        throw new IllegalArgumentException("effect thresholds must be ≥ 0, got " + minEffect + " and " + nameEffect);
      }
      if (topFeatures < 1) {
        throw new IllegalArgumentException("topFeatures must be at least 1, got " + topFeatures);
      }
      if (maxLevels < 1) {
        throw new IllegalArgumentException("maxLevels must be at least 1, got " + maxLevels);
      }
      Threads.check(threads);
      words = Collections.unmodifiableMap(new LinkedHashMap<>(words));
      labelColumns = List.copyOf(labelColumns);
      actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
      for (Map.Entry<String, String> e : actions.entrySet()) {
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw new IllegalArgumentException("the action of RFM group '" + e.getKey() + "' is empty; give it an "
              + "action or leave the group out");
        }
      }
      Map<String, String> checked = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : measures.entrySet()) {
        String word = e.getValue() == null ? null : e.getValue().strip().toLowerCase(Locale.ROOT);
        if (word == null || !(MEASURES.contains(word) || word.equals("none"))) {
          throw new IllegalArgumentException("column '" + e.getKey() + "' is said to measure '" + e.getValue()
              + "', which the action rules do not know; say one of " + String.join(", ", MEASURES)
              + ", or none (the column decides no action)");
        }
        for (String earlier : checked.keySet()) {
          if (earlier.equalsIgnoreCase(e.getKey())) {
            throw new IllegalArgumentException("column '" + earlier + "' is given two measures (as '" + earlier
                + "' and '" + e.getKey() + "'); give each column one");
          }
        }
        checked.put(e.getKey(), word);
      }
      measures = Collections.unmodifiableMap(checked);
    }

    /**
     * What a numeric column can measure for the action rules (see {@link SegmentAction}): days since the last
     * activity, time as a customer, money, how often, deal use, campaign response, satisfaction, complaints.
     */
    public static final List<String> MEASURES = List.of("recency", "tenure", "spend", "frequency", "deals",
        "response", "satisfaction", "complaints");

    /**
     * Every suitable column, Mann–Whitney (d on ranks), α = 0.05, d ≥ 0.2 to count, d ≥ 0.5 to name, top 3, RFM
     * words, the RFM label columns as labels, the contract's RFM actions.
     */
    public static Options defaults() {
      return new Options(List.of(), Test.MANN_WHITNEY, 0.05, 0.2, 0.5, 3, 50, 0, RFM_WORDS,
          RfmFeatures.LABEL_COLUMNS, SegmentAction.RFM_ACTIONS, Map.of());
    }

    public Options withColumns(String... columns) {
      return new Options(columns == null ? List.of() : List.of(columns), test, alpha, minEffect, nameEffect,
          topFeatures, maxLevels, threads, words, labelColumns, actions, measures);
    }

    public Options withTest(Test test) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withAlpha(double alpha) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withMinEffect(double minEffect) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withNameEffect(double nameEffect) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withTopFeatures(int topFeatures) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withMaxLevels(int maxLevels) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    public Options withThreads(int threads) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, measures);
    }

    /** Adds (or replaces) the words for a feature's low and high values. */
    public Options withWords(String feature, String low, String high) {
      Map<String, Words> w = new LinkedHashMap<>(words);
      w.put(feature, new Words(low, high));
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, w,
          labelColumns, actions, measures);
    }

    /**
     * The label columns (replacing the default {@link RfmFeatures#LABEL_COLUMNS}): profiled as categories, never
     * averaged, never named after. {@code withLabelColumns()} with no names profiles every column by its type.
     */
    public Options withLabelColumns(String... labelColumns) {
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          List.of(labelColumns), actions, measures);
    }

    /**
     * Actions by named RFM group: each entry replaces the default action of its group (the others keep theirs),
     * e.g. {@code Map.of("Hibernating", "Suppress from paid campaigns")}.
     */
    public Options withActions(Map<String, String> actions) {
      Map<String, String> a = new LinkedHashMap<>(this.actions);
      a.putAll(actions);
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, a, measures);
    }

    /**
     * What columns measure, for the action rules, where their names do not say it in English, e.g.
     * {@code Map.of("Monatsbeitrag", "spend", "Besuche_Monat", "frequency")}; {@code "none"} keeps a column out of
     * the rules. Each entry adds to (or replaces) the earlier ones; names are compared ignoring case, and each must
     * be a profiled numeric column. Measures are read ignoring case.
     *
     * @throws IllegalArgumentException for a measure not in {@link #MEASURES} or {@code "none"}, or two entries
     *     of this map for one column (case ignored)
     */
    public Options withMeasures(Map<String, String> measures) {
      Map<String, String> m = new LinkedHashMap<>(this.measures);
      for (String column : measures.keySet()) {
        m.keySet().removeIf(column::equalsIgnoreCase);   // a new entry replaces the earlier one of its column
      }
      m.putAll(measures);
      return new Options(columns, test, alpha, minEffect, nameEffect, topFeatures, maxLevels, threads, words,
          labelColumns, actions, m);
    }

    /**
     * What {@code column} measures for the action rules: the entry of {@link #measures} (names compared ignoring
     * case; null for "none"), else what its English name says, else null.
     */
    public String measure(String column) {
      for (Map.Entry<String, String> e : measures.entrySet()) {
        if (e.getKey().equalsIgnoreCase(column)) {
          return e.getValue().equals("none") ? null : e.getValue();
        }
      }
      return Profiler.behaviour(column);
    }

    /** Whether {@code column} is a label column (names compared ignoring case). */
    public boolean isLabel(String column) {
      for (String l : labelColumns) {
        if (l.equalsIgnoreCase(column)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Rows per block of the parallel pass: fixed, so the merge order never depends on the thread count. */
  static final int BLOCK = 8192;

  private final List<SegmentProfile> profiles;
  private final List<String> numeric;
  private final List<String> categorical;
  private final long customers;
  private final Map<String, NumericSummary> population;
  private final Map<String, List<LevelShare>> populationLevels;
  private final List<FeatureTest> tests;
  private final Options options;
  private final int[] labels;

  SegmentProfiles(List<SegmentProfile> profiles, List<String> numeric, List<String> categorical, long customers,
      Map<String, NumericSummary> population, Map<String, List<LevelShare>> populationLevels, List<FeatureTest> tests,
      Options options, int[] labels) {
    this.profiles = List.copyOf(profiles);
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.customers = customers;
    this.population = Collections.unmodifiableMap(new LinkedHashMap<>(population));
    this.populationLevels = Collections.unmodifiableMap(new LinkedHashMap<>(populationLevels));
    this.tests = List.copyOf(tests);
    this.options = options;
    this.labels = labels;
  }

  /**
   * Profiles the given columns of {@code customers} by segment with the default options. With no columns named,
   * every numeric column and every text column with at most 50 distinct values is used.
   *
   * @param labels one label per table row ({@code -1} = noise)
   * @throws IllegalArgumentException when the label count differs from the row count or a column is missing
   */
  public static SegmentProfiles of(Table customers, int[] labels, String... columns) {
    return of(customers, labels, Options.defaults().withColumns(columns));
  }

  /** Profiles {@code customers} by segment with the given options. */
  public static SegmentProfiles of(Table customers, int[] labels, Options options) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(options, "options");
    int n = customers.rowCount();
    if (labels.length != n) {
      throw new IllegalArgumentException("there are " + labels.length + " labels for " + n
          + " customers; give one label per table row, in the same order");
    }
    if (n == 0) {
      throw new IllegalArgumentException("table '" + customers.name() + "' has no rows; there is nothing to profile");
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < -1) {
        throw new IllegalArgumentException("label " + labels[i] + " at row " + (i + 1)
            + " is invalid: labels are ≥ 0, or -1 for noise");
      }
    }
    List<Column<?>> cols = new ArrayList<>();
    if (options.columns().isEmpty()) {
      for (Column<?> c : customers.columns()) {
        boolean label = options.isLabel(c.name());
        if ((c instanceof NumericColumn && !label) || ((c instanceof StringColumn || c instanceof BooleanColumn
            || (label && c instanceof NumericColumn)) && c.countUnique() <= options.maxLevels())) {
          cols.add(c);
        }
      }
      if (cols.isEmpty()) {
        throw new IllegalArgumentException("table '" + customers.name() + "' has no numeric column and no text column "
            + "with at most " + options.maxLevels() + " distinct values; name the columns to profile");
      }
    } else {
      for (String name : options.columns()) {
        if (!customers.containsColumn(name)) {
          throw new IllegalArgumentException("column '" + name + "' not found; columns are " + customers.columnNames());
        }
        Column<?> c = customers.column(name);
        if (!(c instanceof NumericColumn || c instanceof StringColumn || c instanceof BooleanColumn)) {
          throw new IllegalArgumentException("column '" + name + "' is of type " + c.type() + "; profiles take numeric"
              + " columns and text or boolean (categorical) columns: convert it first");
        }
        cols.add(c);
      }
    }
    List<NumericColumn<?>> num = new ArrayList<>();
    List<Column<?>> cat = new ArrayList<>();
    for (Column<?> c : cols) {
      if (c instanceof NumericColumn<?> nc && !options.isLabel(c.name())) {
        num.add(nc);
      } else {
        cat.add(c);
      }
    }
    List<String> numNames = num.stream().map(Column::name).toList();
    for (String measured : options.measures().keySet()) {
      if (numNames.stream().noneMatch(measured::equalsIgnoreCase)) {
        throw new IllegalArgumentException("column '" + measured + "' is given a measure but is not a profiled "
            + "numeric column; the numeric columns are " + numNames + (customers.containsColumn(measured)
            ? " ('" + measured + "' is read as a category or a label)" : ""));
      }
    }
    List<String> catNames = cat.stream().map(Column::name).toList();
    int blocks = (n + BLOCK - 1) / BLOCK;
    ProfileAccumulator[] parts = new ProfileAccumulator[blocks];
    int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
    int t = Math.max(1, Math.min(threads, blocks));
    // int columns read as levels (e.g. RFM scores): each distinct value formatted once, not once per row
    String[][] intLevels = new String[cat.size()][];
    for (int j = 0; j < intLevels.length; j++) {
      if (cat.get(j).getClass() == IntColumn.class) {
        intLevels[j] = intLevels((IntColumn) cat.get(j));
      }
    }
    Runnable[] work = new Runnable[t];
    for (int w = 0; w < t; w++) {
      final int worker = w;
      work[w] = () -> {
        double[] x = new double[num.size()];
        String[] lv = new String[cat.size()];
        for (int b = worker; b < blocks; b += t) {
          ProfileAccumulator acc = new ProfileAccumulator(numNames, catNames);
          for (int i = b * BLOCK; i < Math.min(n, (b + 1) * BLOCK); i++) {
            for (int j = 0; j < x.length; j++) {
              NumericColumn<?> c = num.get(j);
              x[j] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
            }
            for (int j = 0; j < lv.length; j++) {
              Column<?> c = cat.get(j);
              lv[j] = intLevels[j] != null ? intLevels[j][i] : c.isMissing(i) ? null : c.getString(i);
            }
            acc.add(labels[i], x, lv);
          }
          parts[b] = acc;
        }
      };
    }
    dev.segmint.internal.Workers.runAll("profiling", work);
    ProfileAccumulator all = parts[0];
    for (int b = 1; b < blocks; b++) {
      all.merge(parts[b]);
    }
    return Profiler.finish(all, options, labels.clone());
  }

  /**
   * {@code c.isMissing(i) ? null : c.getString(i)} for every row, calling {@link IntColumn#getString} (a
   * {@code NumberFormat}) once per distinct value. Time O(rows + distinct values).
   */
  private static String[] intLevels(IntColumn c) {
    int n = c.size();
    int[] v = c.asIntArray();
    String[] out = new String[n];
    Map<Integer, String> text = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      if (v[i] != Integer.MIN_VALUE) {
        final int row = i;
        out[i] = text.computeIfAbsent(v[i], x -> c.getString(row));
      }
    }
    return out;
  }

  /** The profiles, one per segment, by label (noise last). */
  public List<SegmentProfile> segments() {
    return profiles;
  }

  /** The profile of one segment. */
  public SegmentProfile segment(int label) {
    for (SegmentProfile p : profiles) {
      if (p.segment() == label) {
        return p;
      }
    }
    throw new IllegalArgumentException("no segment " + label + "; segments are "
        + profiles.stream().map(SegmentProfile::segment).toList());
  }

  /** Number of segments (noise counts as one when present). */
  public int size() {
    return profiles.size();
  }

  /** Total customers profiled. */
  public long customers() {
    return customers;
  }

  /** Names of the numeric features profiled. */
  public List<String> numericFeatures() {
    return numeric;
  }

  /** Names of the categorical features profiled. */
  public List<String> categoricalFeatures() {
    return categorical;
  }

  /** Numeric feature → its summary over all customers (noise included). */
  public Map<String, NumericSummary> population() {
    return population;
  }

  /** Categorical feature → its levels over all customers, most common first. */
  public Map<String, List<LevelShare>> populationLevels() {
    return populationLevels;
  }

  /** The across-segment test of every feature, in feature order (numeric, then categorical). */
  public List<FeatureTest> featureTests() {
    return tests;
  }

  /** The options used. */
  public Options options() {
    return options;
  }

  /** The labels profiled, one per customer (a copy); empty when the profiles were made from an accumulator. */
  public int[] labels() {
    return labels == null ? new int[0] : labels.clone();
  }

  /** Whether the labels are known (made from a table rather than an accumulator). */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The segment names, by label (noise last). */
  public List<String> names() {
    return profiles.stream().map(SegmentProfile::name).toList();
  }

  /**
   * One row per segment: {@code segment, size, share %, name}, {@code mean <feature>} per numeric feature and
   * {@code top <feature>} per categorical one (the most common level and its share).
   */
  public Table toTable() {
    IntColumn seg = IntColumn.create("segment");
    IntColumn size = IntColumn.create("size");
    DoubleColumn share = DoubleColumn.create("share %");
    StringColumn name = StringColumn.create("name");
    List<DoubleColumn> means = new ArrayList<>();
    for (String f : numeric) {
      means.add(DoubleColumn.create("mean " + f));
    }
    List<StringColumn> tops = new ArrayList<>();
    for (String f : categorical) {
      tops.add(StringColumn.create("top " + f));
    }
    for (SegmentProfile p : profiles) {
      seg.append(p.segment());
      size.append((int) p.size());
      share.append(Numbers.round(100 * p.share(), 1));
      name.append(p.name());
      for (int j = 0; j < numeric.size(); j++) {
        means.get(j).append(Numbers.round(p.mean(numeric.get(j))));
      }
      for (int j = 0; j < categorical.size(); j++) {
        tops.get(j).append(p.categorical(categorical.get(j)).top().toString());
      }
    }
    Table t = Table.create("segment profiles", seg, size, share, name);
    means.forEach(t::addColumns);
    tops.forEach(t::addColumns);
    return t;
  }

  /**
   * Long form, one row per segment and numeric feature: count, mean, sd, min, q1, median, q3, max, z-score,
   * relative difference (%), Cohen's d, p-value and adjusted p-value.
   */
  public Table statisticsTable() {
    StringColumn seg = StringColumn.create("segment");
    StringColumn feature = StringColumn.create("feature");
    IntColumn count = IntColumn.create("count");
    String[] names = {"mean", "sd", "min", "q1", "median", "q3", "max", "z", "vs all %", "d", "p", "p adj"};
    DoubleColumn[] c = new DoubleColumn[names.length];
    for (int i = 0; i < names.length; i++) {
      c[i] = DoubleColumn.create(names[i]);
    }
    for (SegmentProfile p : profiles) {
      for (NumericProfile np : p.numeric().values()) {
        NumericSummary s = np.stats();
        seg.append(p.label());
        feature.append(np.feature());
        count.append((int) s.count());
        double[] v = {s.mean(), s.sd(), s.min(), s.q1(), s.median(), s.q3(), s.max(), np.zScore(),
            100 * np.relativeDifference(), np.effectSize(), np.pValue(), np.adjustedPValue()};
        for (int i = 0; i < v.length; i++) {
          c[i].append(i < 10 ? Numbers.round(v[i], i >= 7 ? 2 : 4) : v[i]);
        }
      }
    }
    Table t = Table.create("segment statistics", seg, feature, count);
    t.addColumns(c);
    return t;
  }

  /** Long form, one row per segment, categorical feature and level: count, share, population share and lift. */
  public Table levelsTable() {
    StringColumn seg = StringColumn.create("segment");
    StringColumn feature = StringColumn.create("feature");
    StringColumn level = StringColumn.create("level");
    IntColumn count = IntColumn.create("count");
    DoubleColumn share = DoubleColumn.create("share %");
    DoubleColumn pop = DoubleColumn.create("population %");
    DoubleColumn lift = DoubleColumn.create("lift");
    DoubleColumn d = DoubleColumn.create("d");
    for (SegmentProfile p : profiles) {
      for (CategoricalProfile cp : p.categorical().values()) {
        for (LevelShare l : cp.levels()) {
          seg.append(p.label());
          feature.append(cp.feature());
          level.append(l.level());
          count.append((int) l.count());
          share.append(Numbers.round(100 * l.share(), 1));
          pop.append(Numbers.round(100 * l.populationShare(), 1));
          lift.append(Numbers.round(l.lift(), 2));
          d.append(Numbers.round(l.effectSize(), 2));
        }
      }
    }
    return Table.create("segment levels", seg, feature, level, count, share, pop, lift, d);
  }

  /** Long form, one row per segment and top feature: its phrase, d, magnitude and adjusted p-value. */
  public Table topFeaturesTable() {
    StringColumn seg = StringColumn.create("segment");
    StringColumn name = StringColumn.create("name");
    StringColumn feature = StringColumn.create("feature");
    StringColumn phrase = StringColumn.create("reads as");
    DoubleColumn d = DoubleColumn.create("d");
    StringColumn magnitude = StringColumn.create("effect");
    StringColumn p = StringColumn.create("p adj");
    for (SegmentProfile sp : profiles) {
      for (FeatureEffect e : sp.topFeatures()) {
        seg.append(sp.label());
        name.append(sp.name());
        feature.append(e.level() == null ? e.feature() : e.feature() + " = " + e.level());
        phrase.append(e.phrase());
        d.append(Numbers.round(e.effectSize(), 2));
        magnitude.append(FeatureEffect.magnitude(e.effectSize()));
        p.append(Numbers.pValue(e.adjustedPValue()));
      }
    }
    return Table.create("top features", seg, name, feature, phrase, d, magnitude, p);
  }

  /** One row per feature: the across-segment test, its statistic, df, p, adjusted p and effect size, and ANOVA. */
  public Table testsTable() {
    StringColumn feature = StringColumn.create("feature");
    StringColumn test = StringColumn.create("test");
    DoubleColumn stat = DoubleColumn.create("statistic");
    DoubleColumn df = DoubleColumn.create("df");
    StringColumn p = StringColumn.create("p adj");
    StringColumn effect = StringColumn.create("effect");
    DoubleColumn anovaF = DoubleColumn.create("ANOVA F");
    DoubleColumn eta = DoubleColumn.create("η²");
    for (FeatureTest ft : tests) {
      feature.append(ft.feature());
      test.append(ft.test());
      stat.append(Numbers.round(ft.statistic(), 2));
      df.append(ft.df());
      p.append(Numbers.pValue(ft.adjustedPValue()));
      effect.append(String.format(Locale.ROOT, "%s %.3f", ft.effectName(), ft.effectSize()));
      anovaF.append(Numbers.round(ft.anovaF(), 2));
      eta.append(Numbers.round(ft.etaSquared(), 3));
    }
    return Table.create("differences across segments", feature, test, stat, df, p, effect, anovaF, eta);
  }

  /**
   * The profile table, then per segment its name, dominant RFM segment and top distinguishing features: what a
   * person wants to read at a JShell prompt.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Segment profiles: %,d customers in %d segments (means in original units)%n",
        customers, profiles.stream().filter(p -> !p.isNoise()).count()));
    sb.append(printedTables());
    sb.append(String.format(Locale.ROOT, "Top features (segment vs rest: %s, Benjamini–Hochberg p < %s, |d| ≥ %s):%n",
        options.test().label(), fmt(options.alpha()), fmt(options.minEffect())));
    for (SegmentProfile p : profiles) {
      sb.append(String.format(Locale.ROOT, "  %-5s %s", p.label(), p.name()));
      p.rfmSegment().ifPresent(r -> sb.append(String.format(Locale.ROOT, "  [RFM: %s %.0f%%]", r.level(),
          100 * r.share())));
      sb.append('\n').append("        action: ").append(p.action()).append('\n');
      List<String> parts = new ArrayList<>();
      for (FeatureEffect e : p.topFeatures()) {
        parts.add(e.toString());
      }
      sb.append("        ").append(parts.isEmpty() ? "no significant difference of at least a small effect"
          : String.join("; ", parts)).append('\n');
    }
    return sb.toString();
  }

  /** Widest printed table before {@link #toString()} turns the means table (features as rows, segments as columns). */
  static final int MAX_WIDTH = 120;

  /**
   * The profile table as text, numbers with at most six significant digits: one row per segment when that fits in
   * {@value #MAX_WIDTH} characters; otherwise a compact table (segment, size, share, name) and the means transposed,
   * one row per feature and one column per segment, then each categorical feature's top level per segment.
   */
  String printedTables() {
    Table wide = toTable();
    Table t = Table.create(wide.name());
    for (tech.tablesaw.columns.Column<?> c : wide.columns()) {
      if (c instanceof DoubleColumn d && c.name().startsWith("mean ")) {
        StringColumn s = StringColumn.create(c.name());
        for (SegmentProfile p : profiles) {
          s.append(Numbers.sig(p.mean(c.name().substring(5))));
        }
        t.addColumns(s);
      } else {
        t.addColumns(c);
      }
    }
    String normal = t.printAll();
    if (width(normal) <= MAX_WIDTH) {
      return normal + '\n';
    }
    StringBuilder sb = new StringBuilder();
    sb.append(wide.selectColumns("segment", "size", "share %", "name").setName("segments").printAll()).append('\n');
    StringColumn feature = StringColumn.create("mean");
    List<StringColumn> cols = new ArrayList<>();
    for (SegmentProfile p : profiles) {
      cols.add(StringColumn.create(p.label()));
    }
    StringColumn all = StringColumn.create("all");
    for (String f : numeric) {
      feature.append(f);
      for (int s = 0; s < profiles.size(); s++) {
        cols.get(s).append(Numbers.sig(profiles.get(s).mean(f)));
      }
      all.append(Numbers.sig(population.get(f).mean()));
    }
    if (!numeric.isEmpty()) {
      Table means = Table.create("means by segment (features as rows)", feature);
      cols.forEach(means::addColumns);
      means.addColumns(all);
      sb.append(means.printAll()).append('\n');
    }
    for (String f : categorical) {
      sb.append("top ").append(f).append(':');
      for (SegmentProfile p : profiles) {
        sb.append("  ").append(p.label()).append(' ').append(p.categorical(f).top());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int width(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }

  private static String fmt(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
