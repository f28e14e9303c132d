package dev.segmint.features;

import dev.segmint.internal.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A fitted {@link FeatureSpec}: turns input tables into a {@link FeatureMatrix} in the feature space learned at fit
 * (the same imputation values, encoder levels, winsorizing bounds, centers, scales, weights and engagement priors),
 * so new customers land where the fitted ones did.
 *
 * <p>Three verbs: {@link FeatureSpec#fit fit} (learn the state), {@link #apply apply} (a {@link Result}: the matrix,
 * a report of what happened to the rows and the joined per-customer table) and {@link #transform transform} (just
 * the matrix); {@link FeatureSpec#fitAndApply} does the first two on the same inputs in one pass.
 *
 * <p>The fitted state is plain data: {@link #fitted()} lists one {@link FittedFeature} per input column (a
 * {@link FittedNumeric} or a {@link FittedCategorical}), made of numbers, strings, lists and maps (and the immutable
 * {@linkplain CategoryEncoder encoders}, whose state is the same kind of data); {@link #engagement()} carries the
 * fitted priors. Every output column's
 * {@linkplain FeatureMatrix#provenance() provenance} says how it was made.
 *
 * <p>Cost of {@link #transform}: the sources (RFM O(transaction rows)), the join O(customers), then O(customers ×
 * outputs). Robust scaling and winsorizing sort once per column at fit: O(n log n).
 */
public final class FeaturePipeline {

  /** The fitted state of one input column: what every {@link FittedNumeric} and {@link FittedCategorical} has. */
  public sealed interface FittedFeature permits FittedNumeric, FittedCategorical {

    /** The feature definition this state was fitted for. */
    Feature spec();

    /** How many values were missing at fit. */
    int missingAtFit();

    /** The output column names, in order (before {@link FeatureSpec#dropZeroVariance() dropping} constant ones). */
    List<String> outputs();

    /** Per output of {@link #outputs()}: whether it was constant at fit. */
    List<Boolean> constantAtFit();
  }

  /** The fitted state of one numeric column. */
  public record FittedNumeric(NumericFeature spec, double fill, int missingAtFit, double lower, double upper,
      double center, double scale, boolean zeroVariance, boolean indicatorZeroVariance) implements FittedFeature {

    /** The output column names: the column, then {@code <column>_missing} when asked for. */
    @Override
    public List<String> outputs() {
      return spec.missingIndicator() ? List.of(spec.column(), spec.column() + "_missing") : List.of(spec.column());
    }

    @Override
    public List<Boolean> constantAtFit() {
      return spec.missingIndicator() ? List.of(zeroVariance, indicatorZeroVariance) : List.of(zeroVariance);
    }
  }

  /**
   * True for output j of a one-hot encoder that is its {@code other} bucket with no level folded into it at fit:
   * zero in every row at fit by construction, not a constant column of the data.
   */
  static boolean emptyOtherBucket(CategoryEncoder encoder, int j) {
    return encoder instanceof OneHotEncoder oh && oh.hasOther() && oh.foldedLevels().isEmpty()
        && j == oh.levels().size();
  }

  /** The fitted state of one categorical column: the fill level, the encoder, per-output center, scale and flags. */
  public record FittedCategorical(CategoricalFeature spec, String fill, int missingAtFit, CategoryEncoder encoder,
      List<String> outputs, List<Double> centers, List<Double> scales, List<Boolean> zeroVariance)
      implements FittedFeature {
    public FittedCategorical {
      outputs = List.copyOf(outputs);
      centers = List.copyOf(centers);
      scales = List.copyOf(scales);
      zeroVariance = List.copyOf(zeroVariance);
    }

    @Override
    public List<Boolean> constantAtFit() {
      return zeroVariance;
    }
  }

  /**
   * What one fit or transform did: the join counts per source, the RFM data-quality report (when RFM is a source),
   * rows without ids in the customer tables, how many values were imputed and how many unseen categories were met
   * per column, and the output columns that were constant at fit. A one-hot {@code <column>=other} bucket into
   * which no level was folded at fit is not listed: it is empty at fit by design, kept for values first seen later.
   */
  public record Report(int customers, CustomerJoin.Result join, DataQualityReport rfm,
      DemographicFeatures.Result demographics, EngagementFeatures.Result engagement, long columnsRowsWithoutId,
      Map<String, Integer> imputed, Map<String, Integer> unknownCategories, List<String> zeroVariance,
      Map<String, Integer> missing, List<String> dropped, String missingSummary) {
    public Report {
      imputed = Collections.unmodifiableMap(new LinkedHashMap<>(imputed));
      unknownCategories = Collections.unmodifiableMap(new LinkedHashMap<>(unknownCategories));
      zeroVariance = List.copyOf(zeroVariance);
      missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
      dropped = List.copyOf(dropped);
      Objects.requireNonNull(missingSummary, "missingSummary");
    }

    /**
     * Every used column with missing values and its count among the customers (before any were left out), in
     * feature order; empty when no value was missing.
     */
    @Override
    public Map<String, Integer> missing() {
      return missing;
    }

    /**
     * The ids of the customers left out because of a missing value ({@link MissingValues#DROP}), in input order; they
     * are not in the matrix ({@link #customers()} counts the customers in it).
     */
    @Override
    public List<String> dropped() {
      return dropped;
    }

    /**
     * One line naming every column with missing values, its count and what was done (imputed with what, indicator,
     * customers left out), e.g. {@code missing values: income 3 (imputed with the median 41,500), region 1 (imputed
     * with the most frequent level 'north')}; empty when no value was missing.
     */
    @Override
    public String missingSummary() {
      return missingSummary;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("Features for %,d customers%n", customers));
      sb.append(join);
      if (rfm != null) {
        sb.append("RFM ").append(rfm);
      }
      if (demographics != null && (demographics.rowsWithoutId() > 0 || demographics.implausibleAges() > 0)) {
        sb.append(String.format("demographics: %,d rows without id, %,d implausible ages set missing%s%n",
            demographics.rowsWithoutId(), demographics.implausibleAges(), demographics.implausibleAgeExamples().isEmpty()
                ? "" : " (e.g. " + String.join(", ", demographics.implausibleAgeExamples()) + ")"));
      }
      if (engagement != null && !engagement.priors().isEmpty()) {
        sb.append("engagement priors: ").append(fmt(engagement.priors())).append(System.lineSeparator());
      }
      if (columnsRowsWithoutId > 0) {
        sb.append(String.format("customer table: %,d rows without id dropped%n", columnsRowsWithoutId));
      }
      if (!missingSummary.isEmpty()) {
        sb.append(missingSummary).append(System.lineSeparator());
      }
      if (!unknownCategories.isEmpty()) {
        sb.append("unseen categories: ").append(unknownCategories).append(System.lineSeparator());
      }
      if (!zeroVariance.isEmpty()) {
        sb.append("constant at fit (zero variance, not scaled): ").append(zeroVariance).append(System.lineSeparator());
      }
      return sb.toString();
    }

    private static String fmt(Map<String, Double> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, v) -> parts.add(k + "=" + String.format(Locale.ROOT, "%.4f", v)));
      return String.join(", ", parts);
    }
  }

  /**
   * What {@link #apply} made: the pipeline that made it, the feature matrix, the report of what happened to the input
   * rows and customers, and the joined per-customer table the matrix came from ({@code customer_id} and the sources'
   * raw outputs, one row per matrix row), e.g. for profiling segments in original units.
   */
  public record Result(FeaturePipeline pipeline, FeatureMatrix matrix, Report report, Table customers) {
    @Override
    public String toString() {
      return report + matrix.toString();
    }
  }

  private final FeatureSpec spec;
  private final EngagementFeatures engagement;
  private final List<FittedFeature> fitted;
  private final Report fitReport;

  private FeaturePipeline(FeatureSpec spec, EngagementFeatures engagement, List<? extends FittedFeature> fitted,
      Report fitReport) {
    this.spec = spec;
    this.engagement = engagement;
    this.fitted = List.copyOf(fitted);
    this.fitReport = fitReport;
  }

  static FeaturePipeline fit(FeatureSpec spec, FeatureInputs inputs) {
    return fitAndApply(spec, inputs).pipeline();
  }

  static Result fitAndApply(FeatureSpec spec, FeatureInputs inputs) {
    Objects.requireNonNull(inputs, "inputs");
    EngagementFeatures eng = null;
    if (spec.engagement != null) {
      eng = spec.engagement.isFitted() ? spec.engagement : spec.engagement.fit(engagementTable(inputs));
    }
    Combined all = combine(spec, eng, inputs);
    FeatureSpec resolved = resolve(spec, all.table());
    Combined data = all.keep(missingRows(resolved, all.table()).keep());
    List<FittedFeature> fittedFeatures = new ArrayList<>();
    for (Feature f : resolved.features) {
      if (f instanceof NumericFeature nf) {
        fittedFeatures.add(fitNumeric(nf, data));
      } else {
        fittedFeatures.add(fitCategorical((CategoricalFeature) f, data));
      }
    }
    FeaturePipeline unreported = new FeaturePipeline(resolved, eng, fittedFeatures, null);
    Result first = unreported.apply(all);
    FeaturePipeline fittedPipeline = new FeaturePipeline(resolved, eng, fittedFeatures, first.report());
    return new Result(fittedPipeline, first.matrix(), first.report(), first.customers());
  }

  /**
   * The spec with {@link MissingValues#IMPUTE} made concrete: each feature without an imputation of its own gets the
   * median (numeric) or the most frequent level (categorical), and a missing indicator when more than 5 % of its
   * values are missing in {@code table}. Other policies: the spec unchanged.
   */
  private static FeatureSpec resolve(FeatureSpec spec, Table table) {
    if (spec.missing != MissingValues.IMPUTE) {
      return spec;
    }
    List<Feature> out = new ArrayList<>();
    boolean changed = false;
    for (Feature f : spec.features) {
      if (f.imputation() != Imputation.NONE) {
        out.add(f);
        continue;
      }
      changed = true;
      boolean indicator = !f.missingIndicator()
          && MissingValues.needsIndicator(missingCount(table, f), table.rowCount());
      if (f instanceof NumericFeature nf) {
        NumericFeature r = nf.withImputeMedian();
        out.add(indicator ? r.withMissingIndicator() : r);
      } else {
        CategoricalFeature r = ((CategoricalFeature) f).withImputeMode();
        out.add(indicator ? r.withMissingIndicator() : r);
      }
    }
    return changed ? spec.withFeatures(out) : spec;
  }

  private static boolean isMissing(Column<?> c, int i) {
    return c instanceof NumericColumn<?> ? c.isMissing(i) : Columns.text(c, i) == null;
  }

  private static int missingCount(Table t, Feature f) {
    Column<?> c = Columns.require(t, f.column());
    int m = 0;
    for (int i = 0; i < c.size(); i++) {
      if (isMissing(c, i)) {
        m++;
      }
    }
    return m;
  }

  /** Which rows a missing-value policy keeps, and the missing counts of every feature column. */
  private record MissingRows(int[] keep, Map<String, Integer> counts, List<String> dropped) {}

  /**
   * Counts the missing values of every feature column; for the features without an imputation, refuses them
   * ({@link MissingValues#FAIL}, listing every such column with its count) or marks their rows to be left out
   * ({@link MissingValues#DROP}). {@code keep} is null when every row is kept.
   */
  private static MissingRows missingRows(FeatureSpec spec, Table t) {
    int n = t.rowCount();
    boolean[] drop = null;
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Integer> refused = new LinkedHashMap<>();
    Map<String, Integer> firstRow = new LinkedHashMap<>();
    for (Feature f : spec.features) {
      Column<?> c = Columns.require(t, f.column());
      int m = 0;
      int first = -1;
      for (int i = 0; i < n; i++) {
        if (isMissing(c, i)) {
          if (m++ == 0) {
            first = i;
          }
          if (f.imputation() == Imputation.NONE && spec.missing == MissingValues.DROP) {
            if (drop == null) {
              drop = new boolean[n];
            }
            drop[i] = true;
          }
        }
      }
      if (m > 0) {
        counts.merge(c.name(), m, Math::max);
        if (f.imputation() == Imputation.NONE && spec.missing != MissingValues.DROP) {
          refused.put(c.name(), m);
          firstRow.put(c.name(), first);
        }
      }
    }
    if (!refused.isEmpty()) {
      throw missingValues(spec, refused, firstRow, t);
    }
    if (drop == null) {
      return new MissingRows(null, counts, List.of());
    }
    StringColumn ids = t.stringColumn("customer_id");
    List<String> dropped = new ArrayList<>();
    int[] keep = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (drop[i]) {
        dropped.add(ids.get(i));
      } else {
        keep[k++] = i;
      }
    }
    if (k == 0) {
      throw new SettingException(w -> "every one of the " + n + " customers has a missing value in " + counts.keySet()
          + ", so leaving them out (" + w.set(SettingException.Setting.MISSING, "drop") + ") leaves none; impute them ("
          + w.set(SettingException.Setting.MISSING, "impute") + ") or leave the emptiest columns out");
    }
    return new MissingRows(Arrays.copyOf(keep, k), counts, dropped);
  }

  /** The one error for missing values without an imputation: every column with its count. */
  private static IllegalArgumentException missingValues(FeatureSpec spec, Map<String, Integer> refused,
      Map<String, Integer> firstRow, Table t) {
    StringColumn ids = t.stringColumn("customer_id");
    if (refused.size() == 1 && spec.missing == MissingValues.FAIL) {
      String column = refused.keySet().iterator().next();
      Feature f = spec.features.stream().filter(x -> Columns.require(t, x.column()).name().equals(column)).findFirst()
          .orElseThrow();
      int count = refused.get(column);
      String head = "column '" + column + "' has " + count + " missing value" + (count == 1 ? "" : "s")
          + " (first for customer " + ids.get(firstRow.get(column)) + ")";
      String java = f instanceof NumericFeature ? "NumericFeature.of(\"" + f.column() + "\").withImputeMedian()"
          : "withImputeMode() on the CategoricalFeature of '" + f.column() + "'";
      return new SettingException(w -> head + (w == SettingException.Words.JAVA
          ? "; choose an imputation, e.g. " + java + ", or missing(MissingValues.IMPUTE) on the FeatureSpec"
          : "; impute them with --missing impute, leave those customers out with --missing drop, or fill the values"));
    }
    List<String> parts = new ArrayList<>();
    refused.forEach((c, m) -> parts.add(c + " " + m + " (first for customer " + ids.get(firstRow.get(c)) + ")"));
    return new SettingException(w -> refused.size() + " feature columns have missing values: " + String.join(", ", parts)
        + "; " + (w == SettingException.Words.JAVA
        ? "impute them (missing(MissingValues.IMPUTE)), leave those customers out (missing(MissingValues.DROP)) or "
            + "give each feature an imputation"
        : "impute them with --missing impute, leave those customers out with --missing drop, or fill the values"));
  }

  /**
   * A pipeline from its fitted state, as {@link #spec()}, {@link #engagement()} and {@link #fitted()} return it (for
   * loading a saved model): one fitted record per feature of the spec, in order. The fit report is not restored
   * ({@link #fitReport()} is null).
   *
   * @throws IllegalArgumentException when the fitted records do not match the spec's features
   */
  public static FeaturePipeline restore(FeatureSpec spec, EngagementFeatures engagement,
      List<? extends FittedFeature> fitted) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(fitted, "fitted");
    if (fitted.size() != spec.features.size()) {
      throw new IllegalArgumentException("the spec has " + spec.features.size() + " features but " + fitted.size()
          + " fitted states were given");
    }
    for (int i = 0; i < fitted.size(); i++) {
      FittedFeature f = fitted.get(i);
      Feature want = spec.features.get(i);
      Feature got = f == null ? null : f.spec();
      if (!want.equals(got)) {
        throw new IllegalArgumentException("fitted state " + i + " is for " + got + " but the spec's feature " + i
            + " is " + want);
      }
    }
    if ((spec.engagement != null) != (engagement != null)) {
      throw new IllegalArgumentException("the spec " + (spec.engagement != null ? "has" : "has no")
          + " engagement source but the fitted engagement features are " + (engagement != null ? "given" : "missing"));
    }
    return new FeaturePipeline(spec, engagement, fitted, null);
  }

  /** The spec this pipeline was fitted from. */
  public FeatureSpec spec() {
    return spec;
  }

  /** The fitted engagement features (with their priors), or null when engagement is not a source. */
  public EngagementFeatures engagement() {
    return engagement;
  }

  /** The fitted state, one {@link FittedNumeric} or {@link FittedCategorical} per configured column. */
  public List<FittedFeature> fitted() {
    return fitted;
  }

  /** The report of the data the pipeline was fitted on. */
  public Report fitReport() {
    return fitReport;
  }

  /** The output feature names, in order. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (FittedFeature f : fitted) {
      List<String> outs = f.outputs();
      List<Boolean> zero = f.constantAtFit();
      for (int k = 0; k < outs.size(); k++) {
        if (!(spec.dropZeroVariance && zero.get(k))) {
          names.add(outs.get(k));
        }
      }
    }
    return names;
  }

  /** The feature matrix of new inputs, in the fitted feature space. */
  public FeatureMatrix transform(FeatureInputs inputs) {
    return apply(inputs).matrix();
  }

  /** The feature matrix of one table (transactions for an RFM-only spec, otherwise the customer table). */
  public FeatureMatrix transform(Table table) {
    return transform(spec.inputsOf(table));
  }

  /**
   * The feature matrix, the report of what happened to the input rows and customers, and the joined per-customer
   * table.
   */
  public Result apply(FeatureInputs inputs) {
    return apply(combine(spec, engagement, inputs));
  }

  /** {@link #apply(FeatureInputs)} for one table. */
  public Result apply(Table table) {
    return apply(spec.inputsOf(table));
  }

  // ---------------------------------------------------------------------------------------------- sources and join

  /** The joined per-customer table and the source results. */
  private record Combined(Table table, CustomerJoin.Result join, DataQualityReport rfm,
      DemographicFeatures.Result demographics, EngagementFeatures.Result engagement, long columnsRowsWithoutId) {

    /** The same sources with only the given rows of the joined table (all of them for null). */
    Combined keep(int[] rows) {
      return rows == null ? this : new Combined(table.rows(rows), join, rfm, demographics, engagement,
          columnsRowsWithoutId);
    }
  }

  private static Table engagementTable(FeatureInputs in) {
    Table t = in.engagement() != null ? in.engagement() : in.customers();
    if (t == null) {
      throw new IllegalArgumentException("the spec computes engagement features: give an engagement or customer table");
    }
    return t;
  }

  private static Table customers(FeatureInputs in, String source) {
    if (in.customers() == null) {
      throw new IllegalArgumentException("the spec computes " + source + " features: give the customer table "
          + "(FeatureInputs.ofCustomers(customers) or FeatureInputs.of(transactions, customers))");
    }
    return in.customers();
  }

  private static Combined combine(FeatureSpec spec, EngagementFeatures eng, FeatureInputs in) {
    List<CustomerJoin.Source> sources = new ArrayList<>();
    DataQualityReport rfmReport = null;
    DemographicFeatures.Result demo = null;
    EngagementFeatures.Result engResult = null;
    long columnsWithoutId = 0;
    for (String s : spec.sourceOrder) {
      switch (s) {
        case FeatureSpec.RFM -> {
          if (in.transactions() == null) {
            throw new IllegalArgumentException("the spec computes RFM: give the transactions table "
                + "(FeatureInputs.ofTransactions(transactions) or FeatureInputs.of(transactions, customers))");
          }
          RfmFeatures.Result r = spec.rfm.run(in.transactions());
          rfmReport = r.report();
          sources.add(new CustomerJoin.Source(s, r.table()));
        }
        case FeatureSpec.DEMOGRAPHICS -> {
          demo = spec.demographics.run(customers(in, s));
          sources.add(new CustomerJoin.Source(s, demo.table()));
        }
        case FeatureSpec.ENGAGEMENT -> {
          engResult = eng.run(engagementTable(in));
          sources.add(new CustomerJoin.Source(s, engResult.table()));
        }
        default -> {
          Table t = customers(in, s);
          Column<?> id = Columns.require(t, spec.columnsId);
          if (t.rowCount() == 0) {
            throw new IllegalArgumentException("table '" + t.name() + "' has no rows; it needs at least one customer");
          }
          List<String> names = spec.columns.isEmpty() ? new ArrayList<>(t.columnNames()) : new ArrayList<>(spec.columns);
          names.remove(id.name());
          List<Integer> keep = new ArrayList<>();
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < t.rowCount(); i++) {
            String v = Columns.text(id, i);
            if (v == null) {
              columnsWithoutId++;
            } else {
              keep.add(i);
              ids.add(v);
            }
          }
          int[] rows = keep.stream().mapToInt(Integer::intValue).toArray();
          Table plain = Table.create(t.name(), StringColumn.create("customer_id", ids));
          for (String c : names) {
            Column<?> col = Columns.require(t, c);
            if (col.name().equals("customer_id")) {
              throw new IllegalArgumentException("the plain column 'customer_id' is not the id column '" + id.name()
                  + "'; rename it or name it as the id column");
            }
            plain.addColumns(col.subset(rows).setName(col.name()));
          }
          sources.add(new CustomerJoin.Source(s, plain));
        }
      }
    }
    CustomerJoin.Result joined = CustomerJoin.join(spec.join, sources);
    if (joined.table().rowCount() == 0) {
      throw new IllegalArgumentException("no customer is left after the " + spec.join.name().toLowerCase(Locale.ROOT)
          + " join of " + spec.sourceOrder + "; check that the sources use the same customer ids:\n" + joined);
    }
    return new Combined(joined.table(), joined, rfmReport, demo, engResult, columnsWithoutId);
  }

  // ---------------------------------------------------------------------------------------------- fitting

  private static double[] numericValues(Table t, String column) {
    NumericColumn<?> col = Columns.requireNumeric(t, column);
    StringColumn ids = t.stringColumn("customer_id");
    double[] x = new double[t.rowCount()];
    for (int i = 0; i < x.length; i++) {
      if (col.isMissing(i)) {
        x[i] = Double.NaN;
        continue;
      }
      x[i] = col.getDouble(i);
      if (Double.isInfinite(x[i])) {
        throw new IllegalArgumentException("feature '" + col.name() + "' is " + x[i] + " at row " + (i + 1)
            + " (customer " + ids.get(i) + "); all features must be finite numbers: fix, clip or drop that value");
      }
    }
    return x;
  }

  private static String[] textValues(Table t, String column) {
    Column<?> col = Columns.require(t, column);
    String[] v = new String[t.rowCount()];
    for (int i = 0; i < v.length; i++) {
      String s = Columns.text(col, i);
      v[i] = s == null ? null : s.strip();
    }
    return v;
  }

  private static IllegalArgumentException missing(String column, int count, int firstRow, Table t, String how) {
    return new IllegalArgumentException("column '" + column + "' has " + count + " missing value" + (count == 1 ? "" : "s")
        + " (first for customer " + t.stringColumn("customer_id").get(firstRow) + "); choose an imputation, e.g. "
        + how);
  }

  private static FittedNumeric fitNumeric(NumericFeature f, Combined data) {
    double[] x = numericValues(data.table(), f.column());
    int missing = 0;
    int first = -1;
    List<Double> present = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        if (missing++ == 0) {
          first = i;
        }
      } else {
        present.add(x[i]);
      }
    }
    if (present.isEmpty()) {
      throw new IllegalArgumentException("column '" + f.column() + "' has no value for any of the " + x.length
          + " customers; it cannot be a feature (drop it or check the join)");
    }
    double[] p = present.stream().mapToDouble(Double::doubleValue).toArray();
    double fill = switch (f.imputation()) {
      case NONE -> {
        if (missing > 0) {
          throw missing(f.column(), missing, first, data.table(), "NumericFeature.of(\"" + f.column() + "\").withImputeMedian()");
        }
        yield Double.NaN;
      }
      case MEDIAN -> {
        double[] s = p.clone();
        Arrays.sort(s);
        yield Scaler.quantile(s, 0.5);
      }
      case MEAN -> {
        double sum = Arrays.stream(p).sum();
        yield Double.isFinite(sum) ? sum / p.length : Scaler.mean(p);   // values near ±1.8e308 overflow the sum
      }
      case MODE -> numericMode(p);
      case CONSTANT -> f.constant();
    };
    double[] v = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = transformValue(f, Double.isNaN(x[i]) ? fill : x[i]);
    }
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    if (f.winsorLow() > 0 || f.winsorHigh() < 1) {
      double[] s = v.clone();
      Arrays.sort(s);
      if (f.winsorLow() > 0) {
        lower = Scaler.quantile(s, f.winsorLow());
      }
      if (f.winsorHigh() < 1) {
        upper = Scaler.quantile(s, f.winsorHigh());
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.min(Math.max(v[i], lower), upper);
      }
    }
    double[] cs = Scaler.centerScale(v, f.scale(), f.column());
    boolean indicatorConstant = missing == 0 || missing == x.length;
    return new FittedNumeric(f, fill, missing, lower, upper, cs[0], cs[1], cs[2] != 0, indicatorConstant);
  }

  private static double transformValue(NumericFeature f, double v) {
    return f.log1p() ? Math.copySign(Math.log1p(Math.abs(v)), v) : v;
  }

  private static double numericMode(double[] p) {
    double[] s = p.clone();
    Arrays.sort(s);
    double best = s[0];
    int bestCount = 0;
    for (int i = 0; i < s.length;) {
      int j = i;
      while (j < s.length && s[j] == s[i]) {
        j++;
      }
      if (j - i > bestCount) {
        bestCount = j - i;
        best = s[i];
      }
      i = j;
    }
    return best;
  }

  private static FittedCategorical fitCategorical(CategoricalFeature f, Combined data) {
    String[] v = textValues(data.table(), f.column());
    int missing = 0;
    int first = -1;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] == null) {
        if (missing++ == 0) {
          first = i;
        }
      } else {
        counts.merge(v[i], 1, Integer::sum);
      }
    }
    String fill = switch (f.imputation()) {
      case MODE -> {
        if (counts.isEmpty()) {
          throw new IllegalArgumentException("column '" + f.column() + "' has no value for any customer; it cannot be imputed");
        }
        yield Categories.byFrequency(counts).get(0);
      }
      case CONSTANT -> f.constant().strip();
      default -> {
        if (missing > 0) {
          throw missing(f.column(), missing, first, data.table(), "CategoricalFeature." + f.encoding().name()
              .toLowerCase(Locale.ROOT).replace("_h", "H") + "(\"" + f.column() + "\").withImputeMode()");
        }
        yield null;
      }
    };
    String[] filled = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      filled[i] = v[i] == null ? fill : v[i];
    }
    CategoryEncoder encoder = switch (f.encoding()) {
      case ONE_HOT -> OneHotEncoder.fit(f.column(), filled,
          new OneHotEncoder.Options(f.maxLevels(), f.minCount(), f.unknown()));
      case ORDINAL -> OrdinalEncoder.fit(f.column(), filled, f.order(), f.unknown());
      case FREQUENCY -> FrequencyEncoder.fit(f.column(), filled, f.unknown());
      case LEVELS -> LevelEncoder.fit(f.column(), filled, f.unknown());
    };
    List<String> outputs = new ArrayList<>(encoder.outputNames());
    double[][] enc = encoder.encode(filled);
    List<Double> centers = new ArrayList<>();
    List<Double> scales = new ArrayList<>();
    List<Boolean> zero = new ArrayList<>();
    if (encoder instanceof LevelEncoder levels) {     // categories: no centre or scale; constant with one level
      centers.add(0.0);
      scales.add(1.0);
      zero.add(levels.levels().size() == 1);
      enc = new double[0][];
    }
    for (int j = 0; j < enc.length; j++) {
      double[] cs = Scaler.centerScale(enc[j], f.scale(), outputs.get(j));
      centers.add(cs[0]);
      scales.add(cs[1]);
      zero.add(cs[2] != 0);
    }
    if (f.missingIndicator()) {
      outputs.add(f.column() + "_missing");
      centers.add(0.0);
      scales.add(1.0);
      zero.add(missing == 0 || missing == v.length);
    }
    return new FittedCategorical(f, fill, missing, encoder, outputs, centers, scales, zero);
  }


  // ---------------------------------------------------------------------------------------------- applying

  private Result apply(Combined all) {
    MissingRows missingRows = missingRows(spec, all.table());
    Combined data = all.keep(missingRows.keep());
    Table t = data.table();
    int n = t.rowCount();
    List<String> names = new ArrayList<>();
    List<String> prov = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    Map<String, Integer> imputed = new LinkedHashMap<>();
    Map<String, Integer> unknown = new LinkedHashMap<>();
    List<String> zeroVariance = new ArrayList<>();
    List<String> catNames = new ArrayList<>();
    List<List<String>> catLevels = new ArrayList<>();
    List<double[]> catCodes = new ArrayList<>();
    for (FittedFeature o : fitted) {
      if (o instanceof FittedNumeric f) {
        NumericFeature s = f.spec();
        double[] x = numericValues(t, s.column());
        double[] out = new double[n];
        double[] ind = new double[n];
        int missing = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
          double v = x[i];
          if (Double.isNaN(v)) {
            if (missing++ == 0) {
              first = i;
            }
            ind[i] = s.weight();
            v = f.fill();
          }
          v = Math.min(Math.max(transformValue(s, v), f.lower()), f.upper());
          double scaled = Scaler.apply(v, f.center(), f.scale());
          if (Double.isInfinite(scaled)) {
            throw Scaler.overflow(s.scale(), s.column(), i + 1, t.stringColumn("customer_id").get(i), v, f.center(),
                f.scale());
          }
          out[i] = scaled * s.weight();
        }
        if (missing > 0) {
          if (s.imputation() == Imputation.NONE) {
            throw missing(s.column(), missing, first, t, "NumericFeature.of(\"" + s.column() + "\").withImputeMedian()");
          }
          imputed.put(s.column(), missing);
        }
        if (f.zeroVariance()) {
          zeroVariance.add(s.column());
        }
        if (!(spec.dropZeroVariance && f.zeroVariance())) {
          names.add(s.column());
          prov.add(provenance(f));
          cols.add(out);
        }
        if (s.missingIndicator()) {
          String name = s.column() + "_missing";
          if (f.indicatorZeroVariance()) {
            zeroVariance.add(name);
          }
          if (!(spec.dropZeroVariance && f.indicatorZeroVariance())) {
            names.add(name);
            prov.add("1 where " + s.column() + " was missing (" + f.missingAtFit() + " at fit)" + weightNote(s.weight()));
            cols.add(ind);
          }
        }
      } else {
        FittedCategorical f = (FittedCategorical) o;
        CategoricalFeature s = f.spec();
        String[] v = textValues(t, s.column());
        int missing = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
          if (v[i] == null) {
            if (missing++ == 0) {
              first = i;
            }
            v[i] = f.fill();
          }
        }
        if (missing > 0) {
          if (f.fill() == null) {
            throw missing(s.column(), missing, first, t, "withImputeMode() on the CategoricalFeature of '" + s.column() + "'");
          }
          imputed.put(s.column(), missing);
        }
        int unseen = 0;
        for (String value : v) {
          if (value != null && f.encoder().isUnknown(value)) {
            unseen++;
          }
        }
        double[][] enc = f.encoder().encode(v);
        if (unseen > 0) {
          unknown.put(s.column(), unseen);
        }
        int k = enc.length;
        for (int j = 0; j < f.outputs().size(); j++) {
          if (j == 0 && f.encoder() instanceof LevelEncoder levels) {   // kept as categories, not numbers
            boolean zero = f.zeroVariance().get(0);
            if (zero) {
              zeroVariance.add(f.outputs().get(0));
            }
            if (!(spec.dropZeroVariance && zero)) {
              catNames.add(f.outputs().get(0));
              catLevels.add(levels.levels());
              catCodes.add(enc[0]);
            }
            continue;
          }
          double[] out = new double[n];
          if (j < k) {
            for (int i = 0; i < n; i++) {
              out[i] = (enc[j][i] - f.centers().get(j)) / f.scales().get(j) * s.weight();
            }
          } else {
            String[] raw = textValues(t, s.column());
            for (int i = 0; i < n; i++) {
              out[i] = raw[i] == null ? s.weight() : 0;
            }
          }
          boolean zero = f.zeroVariance().get(j);
          if (zero && !emptyOtherBucket(f.encoder(), j)) {
            zeroVariance.add(f.outputs().get(j));
          }
          if (!(spec.dropZeroVariance && zero)) {
            names.add(f.outputs().get(j));
            prov.add(j < k ? provenance(f, j) : "1 where " + s.column() + " was missing (" + f.missingAtFit() + " at fit)"
                + weightNote(s.weight()));
            cols.add(out);
          }
        }
      }
    }
    if (cols.isEmpty() && catNames.isEmpty()) {
      throw new IllegalArgumentException("every feature was constant at fit and dropZeroVariance is on; nothing is left "
          + "to cluster (constant: " + zeroVariance + ")");
    }
    int d = cols.size();
    double[] flat = new double[n * d];
    for (int j = 0; j < d; j++) {
      double[] c = cols.get(j);
      for (int i = 0; i < n; i++) {
        flat[i * d + j] = c[i];
      }
    }
    String[] ids = t.stringColumn("customer_id").asObjectArray();
    FeatureMatrix m;
    if (catNames.isEmpty()) {
      m = FeatureMatrix.owning(ids, names.toArray(new String[0]), prov.toArray(new String[0]), flat);
    } else {
      int c = catNames.size();
      short[] codes = new short[n * c];
      for (int j = 0; j < c; j++) {
        double[] col = catCodes.get(j);
        for (int i = 0; i < n; i++) {
          codes[i * c + j] = (short) col[i];
        }
      }
      m = FeatureMatrix.mixed(ids, names.toArray(new String[0]), flat, prov.toArray(new String[0]),
          catNames.toArray(new String[0]), catLevels, codes);
    }
    Report report = new Report(n, data.join(), data.rfm(), data.demographics(), data.engagement(),
        data.columnsRowsWithoutId(), imputed, unknown, zeroVariance, missingRows.counts(), missingRows.dropped(),
        missingSummary(missingRows, all.table().rowCount()));
    return new Result(this, m, report, t);
  }

  /** The one line of {@link Report#missingSummary()}. */
  private String missingSummary(MissingRows rows, int customers) {
    if (rows.counts().isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (FittedFeature o : fitted) {
      String column = o.spec().column();
      Integer count = rows.counts().get(column);
      if (count == null) {
        continue;
      }
      String what;
      if (o.spec().imputation() == Imputation.NONE) {
        what = "customers left out";
      } else if (o instanceof FittedNumeric f) {
        what = "imputed with the " + (f.spec().imputation() == Imputation.CONSTANT ? "constant"
            : f.spec().imputation().name().toLowerCase(Locale.ROOT)) + " " + Numbers.sig(f.fill());
      } else {
        FittedCategorical f = (FittedCategorical) o;
        what = "imputed with " + (f.spec().imputation() == Imputation.MODE ? "the most frequent level" : "the level")
            + " '" + f.fill() + "'";
      }
      if (o.spec().missingIndicator()) {
        what += ", indicator " + column + "_missing";
      }
      parts.add(String.format(Locale.ROOT, "%s %,d (%s)", column, count, what));
    }
    String line = "missing values: " + String.join(", ", parts);
    if (!rows.dropped().isEmpty()) {
      line += String.format(Locale.ROOT, "; %,d of %,d customers left out (not segmented)", rows.dropped().size(),
          customers);
    }
    return line;
  }

  private static String weightNote(double w) {
    return w == 1 ? "" : ", ×" + Numbers.sig(w);
  }

  private static String provenance(FittedNumeric f) {
    NumericFeature s = f.spec();
    StringBuilder sb = new StringBuilder(s.column());
    if (f.missingAtFit() > 0 || s.imputation() != Imputation.NONE) {
      sb.append(", missing → ").append(s.imputation().name().toLowerCase(Locale.ROOT)).append(' ').append(Numbers.sig(f.fill()));
    }
    if (s.log1p()) {
      sb.insert(0, "log1p(").append(')');
    }
    if (s.winsorLow() > 0 || s.winsorHigh() < 1) {
      sb.append(", winsorized to [").append(Numbers.sig(f.lower())).append(", ").append(Numbers.sig(f.upper())).append("] (q")
          .append(Numbers.sig(s.winsorLow())).append("–q").append(Numbers.sig(s.winsorHigh())).append(')');
    }
    if (s.scale() != Scaler.Kind.NONE) {
      sb.append(", ").append(s.scale().name().toLowerCase(Locale.ROOT)).append(" (center ").append(Numbers.sig(f.center()))
          .append(", scale ").append(Numbers.sig(f.scale())).append(f.zeroVariance() ? ", constant at fit" : "").append(')');
    } else if (f.zeroVariance()) {
      sb.append(", constant at fit");
    }
    return sb.append(weightNote(s.weight())).toString();
  }

  private static String provenance(FittedCategorical f, int j) {
    CategoricalFeature s = f.spec();
    StringBuilder sb = new StringBuilder(f.encoder().describe(j));
    if (f.missingAtFit() > 0 || s.imputation() != Imputation.NONE) {
      sb.append(", missing → '").append(f.fill()).append('\'');
    }
    if (s.scale() != Scaler.Kind.NONE) {
      sb.append(", ").append(s.scale().name().toLowerCase(Locale.ROOT)).append(" (center ").append(Numbers.sig(f.centers().get(j)))
          .append(", scale ").append(Numbers.sig(f.scales().get(j))).append(')');
    }
    return sb.append(weightNote(s.weight())).toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FeaturePipeline: ").append(featureNames().size()).append(" features from ")
        .append(spec.sourceOrder).append('\n');
    for (FittedFeature o : fitted) {
      sb.append("  ").append(o instanceof FittedNumeric f ? provenance(f) : ((FittedCategorical) o).encoder())
          .append('\n');
    }
    if (engagement != null) {
      sb.append("  ").append(engagement).append('\n');
    }
    return sb.toString();
  }
}
