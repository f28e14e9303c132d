package dev.segmint.features;

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
 * <p>The fitted state is plain data: {@link #fitted()} lists one {@link FittedNumeric} or {@link FittedCategorical}
 * record per input column, made of numbers, strings, lists and maps (and the immutable encoders, whose state is
 * the same kind of data); {@link #engagement()} carries the fitted priors. Every output column's
 * {@linkplain FeatureMatrix#provenance() provenance} says how it was made.
 *
 * <p>Cost of {@link #transform}: the sources (RFM O(transaction rows)), the join O(customers), then O(customers ×
 * outputs). Robust scaling and winsorizing sort once per column at fit: O(n log n).
 */
public final class FeaturePipeline {

  /** The fitted state of one numeric column. */
  public record FittedNumeric(NumericFeature spec, double fill, int missingAtFit, double lower, double upper,
      double center, double scale, boolean zeroVariance, boolean indicatorZeroVariance) {

    /** The output column names: the column, then {@code <column>_missing} when asked for. */
    public List<String> outputs() {
      return spec.missingIndicator() ? List.of(spec.column(), spec.column() + "_missing") : List.of(spec.column());
    }
  }

  /** The fitted state of one categorical column: the fill level, the encoder, per-output center, scale and flags. */
  public record FittedCategorical(CategoricalFeature spec, String fill, int missingAtFit, Object encoder,
      List<String> outputs, List<Double> centers, List<Double> scales, List<Boolean> zeroVariance) {
    public FittedCategorical {
      outputs = List.copyOf(outputs);
      centers = List.copyOf(centers);
      scales = List.copyOf(scales);
      zeroVariance = List.copyOf(zeroVariance);
    }
  }

  /**
   * What one fit or transform did: the join counts per source, the RFM data-quality report (when RFM is a source),
   * rows without ids in the customer tables, how many values were imputed and how many unseen categories were met
   * per column, and the output columns that were constant at fit.
   */
  public record Report(int customers, CustomerJoin.Result join, DataQualityReport rfm,
      DemographicFeatures.Result demographics, EngagementFeatures.Result engagement, long columnsRowsWithoutId,
      Map<String, Integer> imputed, Map<String, Integer> unknownCategories, List<String> zeroVariance) {
    public Report {
      imputed = Collections.unmodifiableMap(new LinkedHashMap<>(imputed));
      unknownCategories = Collections.unmodifiableMap(new LinkedHashMap<>(unknownCategories));
      zeroVariance = List.copyOf(zeroVariance);
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
      if (!imputed.isEmpty()) {
        sb.append("imputed values: ").append(imputed).append(System.lineSeparator());
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

  /** A transformed matrix with its report. */
  public record Result(FeatureMatrix matrix, Report report) {
    @Override
    public String toString() {
      return report + matrix.toString();
    }
  }

  private final FeatureSpec spec;
  private final EngagementFeatures engagement;
  private final List<Object> fitted;
  private final Report fitReport;

  private FeaturePipeline(FeatureSpec spec, EngagementFeatures engagement, List<Object> fitted, Report fitReport) {
    this.spec = spec;
    this.engagement = engagement;
    this.fitted = List.copyOf(fitted);
    this.fitReport = fitReport;
  }

  static FeaturePipeline fit(FeatureSpec spec, FeatureInputs inputs) {
    return fitAndRun(spec, inputs).pipeline();
  }

  /**
   * A pipeline fitted on some inputs and its {@link #run} output on those same inputs, from one pass over them.
   */
  public record Fitted(FeaturePipeline pipeline, Output output) {}

  static Fitted fitAndRun(FeatureSpec spec, FeatureInputs inputs) {
    Objects.requireNonNull(inputs, "inputs");
    EngagementFeatures eng = null;
    if (spec.engagement != null) {
      eng = spec.engagement.isFitted() ? spec.engagement : spec.engagement.fit(engagementTable(inputs));
    }
    Combined data = combine(spec, eng, inputs);
    List<Object> fittedFeatures = new ArrayList<>();
    for (Object f : spec.features) {
      if (f instanceof NumericFeature nf) {
        fittedFeatures.add(fitNumeric(nf, data));
      } else {
        fittedFeatures.add(fitCategorical((CategoricalFeature) f, data));
      }
    }
    FeaturePipeline unreported = new FeaturePipeline(spec, eng, fittedFeatures, null);
    Result first = unreported.apply(data);
    return new Fitted(new FeaturePipeline(spec, eng, fittedFeatures, first.report()),
        new Output(first.matrix(), first.report(), data.table()));
  }

  /**
   * A pipeline from its fitted state, as {@link #spec()}, {@link #engagement()} and {@link #fitted()} return it (for
   * loading a saved model): one fitted record per feature of the spec, in order. The fit report is not restored
   * ({@link #fitReport()} is null).
   *
   * @throws IllegalArgumentException when the fitted records do not match the spec's features
   */
  public static FeaturePipeline restore(FeatureSpec spec, EngagementFeatures engagement, List<Object> fitted) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(fitted, "fitted");
    if (fitted.size() != spec.features.size()) {
      throw new IllegalArgumentException("the spec has " + spec.features.size() + " features but " + fitted.size()
          + " fitted states were given");
    }
    for (int i = 0; i < fitted.size(); i++) {
      Object f = fitted.get(i);
      Object want = spec.features.get(i);
      Object got = f instanceof FittedNumeric n ? n.spec() : f instanceof FittedCategorical c ? c.spec() : null;
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

  /** {@link #apply(FeatureInputs)} that also returns the joined per-customer table (raw source values). */
  public Output run(FeatureInputs inputs) {
    Combined data = combine(spec, engagement, inputs);
    Result r = apply(data);
    return new Output(r.matrix(), r.report(), data.table());
  }

  /**
   * A transformed matrix, its report and the joined per-customer table it came from ({@code customer_id} and the
   * sources' raw outputs, one row per matrix row), e.g. for profiling segments in original units.
   */
  public record Output(FeatureMatrix matrix, Report report, Table customers) {}

  /** The spec this pipeline was fitted from. */
  public FeatureSpec spec() {
    return spec;
  }

  /** The fitted engagement features (with their priors), or null when engagement is not a source. */
  public EngagementFeatures engagement() {
    return engagement;
  }

  /** The fitted state, one {@link FittedNumeric} or {@link FittedCategorical} per configured column. */
  public List<Object> fitted() {
    return fitted;
  }

  /** The report of the data the pipeline was fitted on. */
  public Report fitReport() {
    return fitReport;
  }

  /** The output feature names, in order. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (Object f : fitted) {
      List<String> outs;
      List<Boolean> zero;
      if (f instanceof FittedNumeric n) {
        outs = n.outputs();
        zero = n.spec().missingIndicator() ? List.of(n.zeroVariance(), n.indicatorZeroVariance()) : List.of(n.zeroVariance());
      } else {
        FittedCategorical c = (FittedCategorical) f;
        outs = c.outputs();
        zero = c.zeroVariance();
      }
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

  /** The feature matrix and the report of what happened to the input rows and customers. */
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
      DemographicFeatures.Result demographics, EngagementFeatures.Result engagement, long columnsRowsWithoutId) {}

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
        throw new IllegalArgumentException("column '" + column + "' is " + x[i] + " for customer " + ids.get(i)
            + "; features must be finite numbers: fix, clip or drop that value");
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
    Object encoder;
    List<String> outputs = new ArrayList<>();
    switch (f.encoding()) {
      case ONE_HOT -> {
        OneHotEncoder e = OneHotEncoder.fit(f.column(), filled,
            new OneHotEncoder.Options(f.maxLevels(), f.minCount(), f.unknown()));
        encoder = e;
        outputs.addAll(e.outputNames());
      }
      case ORDINAL -> {
        OrdinalEncoder e = OrdinalEncoder.fit(f.column(), filled, f.order(), f.unknown());
        encoder = e;
        outputs.add(e.outputName());
      }
      default -> {
        FrequencyEncoder e = FrequencyEncoder.fit(f.column(), filled, f.unknown());
        encoder = e;
        outputs.add(e.outputName());
      }
    }
    double[][] enc = encode(encoder, filled, null);
    List<Double> centers = new ArrayList<>();
    List<Double> scales = new ArrayList<>();
    List<Boolean> zero = new ArrayList<>();
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

  /** Column-major encoded values; counts unseen values into {@code unknown} when given. */
  private static double[][] encode(Object encoder, String[] values, int[] unknown) {
    int n = values.length;
    if (encoder instanceof OneHotEncoder e) {
      double[][] out = new double[e.outputNames().size()][n];
      for (int i = 0; i < n; i++) {
        if (unknown != null && values[i] != null && e.isUnknown(values[i])) {
          unknown[0]++;
        }
        out[e.indexOf(values[i], i)][i] = 1;
      }
      return out;
    }
    double[][] out = new double[1][n];
    for (int i = 0; i < n; i++) {
      if (encoder instanceof OrdinalEncoder e) {
        if (unknown != null && values[i] != null && e.isUnknown(values[i])) {
          unknown[0]++;
        }
        out[0][i] = e.encode(values[i], i);
      } else {
        FrequencyEncoder e = (FrequencyEncoder) encoder;
        if (unknown != null && values[i] != null && e.isUnknown(values[i])) {
          unknown[0]++;
        }
        out[0][i] = e.encode(values[i], i);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- applying

  private Result apply(Combined data) {
    Table t = data.table();
    int n = t.rowCount();
    List<String> names = new ArrayList<>();
    List<String> prov = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    Map<String, Integer> imputed = new LinkedHashMap<>();
    Map<String, Integer> unknown = new LinkedHashMap<>();
    List<String> zeroVariance = new ArrayList<>();
    for (Object o : fitted) {
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
        int[] unseen = new int[1];
        double[][] enc = encode(f.encoder(), v, unseen);
        if (unseen[0] > 0) {
          unknown.put(s.column(), unseen[0]);
        }
        int k = enc.length;
        for (int j = 0; j < f.outputs().size(); j++) {
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
          if (zero) {
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
    if (cols.isEmpty()) {
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
    FeatureMatrix m = FeatureMatrix.ofFlat(ids, names.toArray(new String[0]), prov.toArray(new String[0]), flat);
    Report report = new Report(n, data.join(), data.rfm(), data.demographics(), data.engagement(),
        data.columnsRowsWithoutId(), imputed, unknown, zeroVariance);
    return new Result(m, report);
  }

  private static String weightNote(double w) {
    return w == 1 ? "" : ", ×" + num(w);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(?=$|e)", "");
  }

  private static String provenance(FittedNumeric f) {
    NumericFeature s = f.spec();
    StringBuilder sb = new StringBuilder(s.column());
    if (f.missingAtFit() > 0 || s.imputation() != Imputation.NONE) {
      sb.append(", missing → ").append(s.imputation().name().toLowerCase(Locale.ROOT)).append(' ').append(num(f.fill()));
    }
    if (s.log1p()) {
      sb.insert(0, "log1p(").append(')');
    }
    if (s.winsorLow() > 0 || s.winsorHigh() < 1) {
      sb.append(", winsorized to [").append(num(f.lower())).append(", ").append(num(f.upper())).append("] (q")
          .append(num(s.winsorLow())).append("–q").append(num(s.winsorHigh())).append(')');
    }
    if (s.scale() != Scaler.Kind.NONE) {
      sb.append(", ").append(s.scale().name().toLowerCase(Locale.ROOT)).append(" (center ").append(num(f.center()))
          .append(", scale ").append(num(f.scale())).append(f.zeroVariance() ? ", constant at fit" : "").append(')');
    } else if (f.zeroVariance()) {
      sb.append(", constant at fit");
    }
    return sb.append(weightNote(s.weight())).toString();
  }

  private static String provenance(FittedCategorical f, int j) {
    CategoricalFeature s = f.spec();
    StringBuilder sb = new StringBuilder();
    switch (s.encoding()) {
      case ONE_HOT -> {
        OneHotEncoder e = (OneHotEncoder) f.encoder();
        sb.append("one-hot of ").append(s.column());
        if (j == e.levels().size()) {
          sb.append(": other (").append(e.foldedLevels().isEmpty() ? "no rare level at fit" : String.join(", ", e.foldedLevels()))
              .append(e.unknown() == UnknownCategory.OTHER ? "; unseen values" : "").append(')');
        }
      }
      case ORDINAL -> sb.append("ordinal of ").append(s.column()).append(": ")
          .append(String.join(" < ", ((OrdinalEncoder) f.encoder()).order())).append(" → 0..")
          .append(s.order().size() - 1);
      default -> sb.append("share of customers with the same ").append(s.column()).append(" at fit");
    }
    if (f.missingAtFit() > 0 || s.imputation() != Imputation.NONE) {
      sb.append(", missing → '").append(f.fill()).append('\'');
    }
    if (s.scale() != Scaler.Kind.NONE) {
      sb.append(", ").append(s.scale().name().toLowerCase(Locale.ROOT)).append(" (center ").append(num(f.centers().get(j)))
          .append(", scale ").append(num(f.scales().get(j))).append(')');
    }
    return sb.append(weightNote(s.weight())).toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FeaturePipeline: ").append(featureNames().size()).append(" features from ")
        .append(spec.sourceOrder).append('\n');
    for (Object o : fitted) {
      if (o instanceof FittedNumeric f) {
        sb.append("  ").append(provenance(f)).append('\n');
      } else {
        FittedCategorical f = (FittedCategorical) o;
        sb.append("  ").append(f.encoder()).append('\n');
      }
    }
    if (engagement != null) {
      sb.append("  ").append(engagement).append('\n');
    }
    return sb.toString();
  }
}
