package dev.segmint.spark;

import dev.segmint.cluster.CentroidClustering;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.CategoryEncoder;
import dev.segmint.features.Feature;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeaturePipeline.FittedCategorical;
import dev.segmint.features.FeaturePipeline.FittedFeature;
import dev.segmint.features.FeaturePipeline.FittedNumeric;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.FrequencyEncoder;
import dev.segmint.features.Imputation;
import dev.segmint.features.LevelEncoder;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.OneHotEncoder;
import dev.segmint.features.OrdinalEncoder;
import dev.segmint.features.Scaler;
import dev.segmint.features.UnknownCategory;
import dev.segmint.internal.Quantiles;
import dev.segmint.model.ModelFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Core's {@link FeaturePipeline}, fitted on a customer {@code Dataset<Row>} by aggregation, and the feature matrix of a
 * Dataset made partition by partition with core's own code.
 *
 * <p>{@link #fit} learns exactly what {@link FeatureSpec#fit} learns on the same rows: the missing-value policy
 * ({@link MissingValues#IMPUTE} resolved per column into a median or most-frequent-level imputation, with a
 * {@code <column>_missing} indicator above {@value MissingValues#INDICATOR_PERCENT} %; {@code DROP}; {@code FAIL}), the
 * fills (median, mean, mode, constant), log1p, winsorizing bounds, centers and scales (standard, robust, min–max), and
 * the categorical encoders (one-hot, ordinal, frequency, levels) from the level counts. The result is core's object,
 * built with {@link FeaturePipeline#restore}, so it saves, loads and transforms as a single-JVM fit does. Medians,
 * quartiles and winsorizing quantiles are exact order statistics (linear interpolation, as core's): the values of every
 * column that needs one are sorted together across the partitions, numbered, and only the needed positions reach the
 * driver. Means and deviations are sums in row order within a partition, added in partition order: equal to core's up
 * to rounding (about 1e-15 relative), deterministic for a given partitioning.
 *
 * <p>Input: one row per customer, the spec's id column ({@code customer_id} for a spec whose only source is RFM, e.g.
 * the table of {@link SparkRfm}; {@link FeatureSpec#columnsId()} for a spec of plain columns) and its feature
 * columns. Numeric features need a numeric column (null or NaN is missing); categorical values are the column's text
 * ({@code toString()}), stripped, blank or null missing. Rows without an id are left out, as core leaves them out.
 *
 * <p>Cost of {@link #fit}: the input is cached; about four passes (counts, level counts, values, deviations), one
 * shuffle of the ids (repeats), plus one distributed sort for the medians and one for the quantiles of winsorized or robust-scaled columns, each with a
 * numbering pass; driver memory O(features + distinct levels of the categorical columns). Limits: specs with
 * demographics or engagement sources, or with more than one source, are refused; an id on more than one row is
 * refused by {@link #fit} as core refuses it (one more shuffle, of the ids), and by {@link #transform} within a
 * partition; {@code -0.0} and {@code 0.0} count as one value in a numeric mode.
 */
public final class SparkFeatures {
  private SparkFeatures() {}

  /** One customer row: the id, the numeric features (NaN when missing) and the categorical ones (null). */
  private record Obs(String id, double[] x, String[] c) implements Serializable {}

  /**
   * Fits core's pipeline for {@code spec} on one row per customer.
   *
   * @throws IllegalArgumentException for a spec this class does not fit (see the class comment), a missing column, a
   *     text column for a numeric feature, an infinite value, missing values under {@link MissingValues#FAIL}, a
   *     column without any value, or an ordinal level outside the order, with core's words and the fix
   */
  public static FeaturePipeline fit(Dataset<Row> customers, FeatureSpec spec) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(spec, "spec");
    String idColumn = idColumn(spec);
    List<Feature> features = spec.features();
    List<NumericFeature> numeric = new ArrayList<>();
    List<CategoricalFeature> categorical = new ArrayList<>();
    for (Feature f : features) {
      if (f instanceof NumericFeature nf) {
        numeric.add(nf);
      } else {
        categorical.add((CategoricalFeature) f);
      }
    }
    JavaRDD<Obs> all = observations(customers, idColumn, numeric, categorical)
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Obs> kept = null;
    try {
      Counts counts = counts(all, numeric.size(), categorical.size());
      if (counts.rows == 0) {
        throw new IllegalArgumentException("the data has no customer with an id in column '" + idColumn + "'");
      }
      refuseDuplicateIds(all, idColumn);
      // IMPUTE: each feature without an imputation of its own gets the median or the most frequent level
      List<Feature> resolved = new ArrayList<>();
      for (Feature f : features) {
        if (spec.missing() != MissingValues.IMPUTE || f.imputation() != Imputation.NONE) {
          resolved.add(f);
          continue;
        }
        long missing = missingOf(f, numeric, categorical, counts);
        boolean indicator = !f.missingIndicator()
            && missing * 100 > (long) MissingValues.INDICATOR_PERCENT * counts.rows;
        if (f instanceof NumericFeature nf) {
          NumericFeature r = nf.withImputeMedian();
          resolved.add(indicator ? r.withMissingIndicator() : r);
        } else {
          CategoricalFeature r = ((CategoricalFeature) f).withImputeMode();
          resolved.add(indicator ? r.withMissingIndicator() : r);
        }
      }
      List<NumericFeature> rn = new ArrayList<>();
      List<CategoricalFeature> rc = new ArrayList<>();
      for (Feature f : resolved) {
        if (f instanceof NumericFeature nf) {
          rn.add(nf);
        } else {
          rc.add((CategoricalFeature) f);
        }
      }
      // features without an imputation and with missing values: refused (FAIL) or their customers left out (DROP)
      Map<String, String> refused = new LinkedHashMap<>();
      boolean[] dropN = new boolean[rn.size()];
      boolean[] dropC = new boolean[rc.size()];
      boolean anyDrop = false;
      for (int j = 0; j < rn.size(); j++) {
        if (rn.get(j).imputation() == Imputation.NONE && counts.numMissing[j] > 0) {
          refused.put(rn.get(j).column(), counts.numMissing[j] + " (first for customer " + counts.numFirst[j] + ")");
          dropN[j] = true;
          anyDrop = true;
        }
      }
      for (int j = 0; j < rc.size(); j++) {
        if (rc.get(j).imputation() == Imputation.NONE && counts.catMissing[j] > 0) {
          refused.put(rc.get(j).column(), counts.catMissing[j] + " (first for customer " + counts.catFirst[j] + ")");
          dropC[j] = true;
          anyDrop = true;
        }
      }
      if (!refused.isEmpty() && spec.missing() != MissingValues.DROP) {
        List<String> parts = new ArrayList<>();
        refused.forEach((c, m) -> parts.add(c + " " + m));
        throw new IllegalArgumentException(refused.size() + " feature column"
            + (refused.size() == 1 ? " has" : "s have") + " missing values: " + String.join(", ", parts) + "; impute them (missing(MissingValues.IMPUTE)), leave "
            + "those customers out (missing(MissingValues.DROP)) or give each feature an imputation");
      }
      Counts fitCounts = counts;
      JavaRDD<Obs> data = all;
      if (anyDrop) {
        kept = all.filter(o -> keeps(o, dropN, dropC)).persist(StorageLevel.MEMORY_AND_DISK());
        data = kept;
        fitCounts = counts(kept, rn.size(), rc.size());
        if (fitCounts.rows == 0) {
          throw new IllegalArgumentException("every one of the " + counts.rows + " customers has a missing value in "
              + refused.keySet() + ", so leaving them out leaves none; impute them (missing(MissingValues.IMPUTE)) "
              + "or leave the emptiest columns out");
        }
      }
      List<FittedFeature> numericFits = fitNumeric(data, rn, fitCounts);
      List<FittedFeature> categoricalFits = fitCategorical(data, rc, fitCounts);
      List<FittedFeature> fitted = new ArrayList<>();
      int a = 0;
      int b = 0;
      for (Feature f : resolved) {
        fitted.add(f instanceof NumericFeature ? numericFits.get(a++) : categoricalFits.get(b++));
      }
      return FeaturePipeline.restore(rebuild(spec, resolved), null, fitted);
    } catch (Exception e) {   // Spark throws a task's exception inside an undeclared SparkException
      throw Errors.unwrap(e);
    } finally {
      all.unpersist(false);
      if (kept != null) {
        kept.unpersist(false);
      }
    }
  }

  /**
   * The feature matrix of {@code customers} in the pipeline's feature space: {@code customer_id} (text) and one
   * double column per {@link FeaturePipeline#featureNames() feature}, one row per customer kept (a customer with a
   * missing value under {@link MissingValues#DROP} is left out). Each partition becomes a Tablesaw table (the types of
   * {@link SparkSegments}) transformed by core's {@link FeaturePipeline#apply}; the pipeline travels to the
   * executors as the model file's JSON. Lazy, one pass, no shuffle; O(rows of a partition · columns) memory per
   * task. Errors of core's pipeline (a missing value under {@code FAIL}, an unseen level an encoder refuses) surface
   * when the result is computed, inside Spark's exception.
   *
   * @throws IllegalArgumentException when a column is missing, or the pipeline keeps categorical levels (for the
   *     mixed-data algorithms), which this matrix of doubles cannot hold
   */
  public static Dataset<Row> transform(Dataset<Row> customers, FeaturePipeline pipeline) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(pipeline, "pipeline");
    String idColumn = idColumn(pipeline.spec());
    List<String> names = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    inputs.add(idColumn);
    for (FittedFeature f : pipeline.fitted()) {
      inputs.add(f.spec().column());
      if (f instanceof FittedCategorical c && c.encoder() instanceof LevelEncoder) {
        throw new IllegalArgumentException("feature '" + f.spec().column() + "' is kept as categorical levels (for "
            + "k-prototypes or k-medoids); SparkFeatures.transform makes numeric features only: encode it one-hot");
      }
    }
    names.addAll(pipeline.featureNames());
    List<String> have = Arrays.asList(customers.columns());
    for (String c : inputs) {
      if (!have.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' is not in the data (columns: " + String.join(", ", have)
            + "); the pipeline reads " + inputs);
      }
    }
    Dataset<Row> in = customers.select(inputs.stream().map(c -> customers.col("`" + c + "`"))
        .toArray(org.apache.spark.sql.Column[]::new));
    StructType schema = in.schema();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(customers.sparkSession().sparkContext());
    Broadcast<String> json = jsc.broadcast(toJson(onTable(pipeline, idColumn, inputs.subList(1, inputs.size()))));
    int d = names.size();
    JavaRDD<Row> out = in.javaRDD().mapPartitions((Iterator<Row> it) -> {
      List<Row> rows = new ArrayList<>();
      it.forEachRemaining(rows::add);
      List<Row> result = new ArrayList<>(rows.size());
      if (rows.isEmpty()) {
        return result.iterator();
      }
      FeaturePipeline p = ModelFile.fromJson(json.value()).pipeline();
      FeatureMatrix m = p.apply(FeatureInputs.ofCustomers(SparkSegments.toTable(rows, schema))).matrix();
      String[] ids = m.ids();
      double[] flat = m.toFlatArray();
      for (int i = 0; i < ids.length; i++) {
        Object[] values = new Object[d + 1];
        values[0] = ids[i];
        for (int j = 0; j < d; j++) {
          values[j + 1] = flat[i * d + j];
        }
        result.add(RowFactory.create(values));
      }
      return result.iterator();
    });
    StructType outSchema = new StructType().add("customer_id", DataTypes.StringType, false);
    for (String n : names) {
      outSchema = outSchema.add(n, DataTypes.DoubleType, false);
    }
    return customers.sparkSession().createDataFrame(out, outSchema);
  }

  /** The id column the spec's data has: {@code customer_id} for RFM, the plain columns' id otherwise. */
  static String idColumn(FeatureSpec spec) {
    List<String> sources = spec.sources();
    if (sources.equals(List.of("rfm"))) {
      return "customer_id";
    }
    if (sources.equals(List.of("columns"))) {
      return spec.columnsId();
    }
    throw new IllegalArgumentException("SparkFeatures fits specs with one source, RFM (on the table of SparkRfm) or "
        + "plain columns of a customer table; this spec has " + sources + ": join the sources into one customer "
        + "Dataset first and use FeatureSpec.builder().columns(id, ...)");
  }

  /** The pipeline reading a customer table with the given id and feature columns (the same fitted state). */
  static FeaturePipeline onTable(FeaturePipeline p, String idColumn, List<String> columns) {
    if (p.spec().sources().equals(List.of("columns"))) {
      return p;
    }
    FeatureSpec.Builder b = FeatureSpec.builder().columns(idColumn, columns.toArray(new String[0]))
        .join(p.spec().join()).dropZeroVariance(p.spec().dropZeroVariance()).missing(p.spec().missing());
    p.spec().features().forEach(b::add);
    return FeaturePipeline.restore(b.build(), null, p.fitted());
  }

  /**
   * The pipeline as the JSON of a model file (core's codec, {@link ModelFile#toJson}), with a placeholder one-centre
   * clustering: the one text form of a fitted pipeline that executors can read back ({@code
   * ModelFile.fromJson(json).pipeline()}).
   */
  static String toJson(FeaturePipeline p) {
    List<String> names = p.featureNames();
    int rows = 1;
    for (FittedFeature f : p.fitted()) {
      rows = Math.max(rows, f.missingAtFit());
    }
    CentroidClustering placeholder = new CentroidClustering("kmeans", null, names.toArray(new String[0]),
        new double[1][names.size()], new long[] {rows}, true);
    return ModelFile.toJson(new ModelFile.Contents(ModelFile.libraryVersion(), p, placeholder, List.of("features"),
        List.of(""), new long[] {rows}, rows, "0".repeat(64)));
  }

  private static FeatureSpec rebuild(FeatureSpec spec, List<Feature> resolved) {
    FeatureSpec.Builder b = FeatureSpec.builder();
    if (spec.rfm() != null) {
      b.rfm(spec.rfm());
    } else {
      b.columns(spec.columnsId(), spec.columns().toArray(new String[0]));
    }
    b.join(spec.join()).dropZeroVariance(spec.dropZeroVariance()).missing(spec.missing());
    resolved.forEach(b::add);
    return b.build();
  }

  private static long missingOf(Feature f, List<NumericFeature> numeric, List<CategoricalFeature> categorical,
      Counts counts) {
    int j = numeric.indexOf(f);
    return j >= 0 ? counts.numMissing[j] : counts.catMissing[categorical.indexOf(f)];
  }

  private static boolean keeps(Obs o, boolean[] dropN, boolean[] dropC) {
    for (int j = 0; j < dropN.length; j++) {
      if (dropN[j] && Double.isNaN(o.x()[j])) {
        return false;
      }
    }
    for (int j = 0; j < dropC.length; j++) {
      if (dropC[j] && o.c()[j] == null) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------------ reading rows

  private static JavaRDD<Obs> observations(Dataset<Row> data, String idColumn, List<NumericFeature> numeric,
      List<CategoricalFeature> categorical) {
    List<String> have = Arrays.asList(data.columns());
    List<String> need = new ArrayList<>();
    need.add(idColumn);
    numeric.forEach(f -> need.add(f.column()));
    categorical.forEach(f -> need.add(f.column()));
    for (String c : need) {
      if (!have.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' is not in the data (columns: " + String.join(", ", have)
            + "); the spec reads " + need);
      }
    }
    for (NumericFeature f : numeric) {
      DataType t = data.schema().apply(f.column()).dataType();
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("numeric feature '" + f.column() + "' is " + t.simpleString() + " in the "
            + "data; cast it to double (col(\"" + f.column() + "\").cast(\"double\")) or make it a CategoricalFeature");
      }
    }
    Dataset<Row> in = data.select(need.stream().map(c -> data.col("`" + c + "`"))
        .toArray(org.apache.spark.sql.Column[]::new));
    int p = numeric.size();
    int q = categorical.size();
    String[] numNames = numeric.stream().map(Feature::column).toArray(String[]::new);
    return in.javaRDD().flatMap(r -> {
      String id = r.isNullAt(0) ? null : r.get(0).toString();
      if (id == null || id.isBlank()) {
        return java.util.Collections.<Obs>emptyIterator();
      }
      double[] x = new double[p];
      for (int j = 0; j < p; j++) {
        x[j] = r.isNullAt(1 + j) ? Double.NaN : ((Number) r.get(1 + j)).doubleValue();
        if (Double.isInfinite(x[j])) {
          throw new IllegalArgumentException("feature '" + numNames[j] + "' is " + x[j] + " for customer " + id
              + "; all features must be finite numbers: fix, clip or drop that value");
        }
      }
      String[] c = new String[q];
      for (int j = 0; j < q; j++) {
        Object v = r.get(1 + p + j);
        String s = v == null ? null : v.toString();
        c[j] = s == null || s.isBlank() ? null : s.strip();
      }
      return List.of(new Obs(id, x, c)).iterator();
    });
  }

  // ------------------------------------------------------------------------------------------------ counts

  /** Rows and, per feature, missing values and the first customer with one; per numeric feature the present sum. */
  private static final class Counts implements Serializable {
    long rows;
    final long[] numMissing;
    final String[] numFirst;
    final double[] sum;
    final long[] catMissing;
    final String[] catFirst;

    Counts(int p, int q) {
      numMissing = new long[p];
      numFirst = new String[p];
      sum = new double[p];
      catMissing = new long[q];
      catFirst = new String[q];
    }

    void add(Counts o) {
      rows += o.rows;
      for (int j = 0; j < sum.length; j++) {
        numMissing[j] += o.numMissing[j];
        numFirst[j] = numFirst[j] != null ? numFirst[j] : o.numFirst[j];
        sum[j] += o.sum[j];
      }
      for (int j = 0; j < catMissing.length; j++) {
        catMissing[j] += o.catMissing[j];
        catFirst[j] = catFirst[j] != null ? catFirst[j] : o.catFirst[j];
      }
    }
  }

  private static Counts counts(JavaRDD<Obs> data, int p, int q) {
    List<Counts> parts = inPartitionOrder(data, it -> {
      Counts c = new Counts(p, q);
      while (it.hasNext()) {
        Obs o = it.next();
        c.rows++;
        for (int j = 0; j < p; j++) {
          if (Double.isNaN(o.x()[j])) {
            if (c.numMissing[j]++ == 0) {
              c.numFirst[j] = o.id();
            }
          } else {
            c.sum[j] += o.x()[j];
          }
        }
        for (int j = 0; j < q; j++) {
          if (o.c()[j] == null && c.catMissing[j]++ == 0) {
            c.catFirst[j] = o.id();
          }
        }
      }
      return c;
    });
    Counts total = new Counts(p, q);
    parts.forEach(total::add);
    return total;
  }

  /** One value per partition, in partition order (not in task-completion order: the result is deterministic). */
  /**
   * Refuses a table where an id (stripped of surrounding spaces, as core compares them) is on more than one row, as
   * core's single-JVM fit does: a repeated customer would be counted twice in every median, mean and level count. One
   * shuffle of the ids; the message names the first repeated ids in id order, with their counts.
   */
  private static void refuseDuplicateIds(JavaRDD<Obs> all, String idColumn) {
    JavaPairRDD<String, Long> repeated = all.mapToPair(o -> new Tuple2<>(o.id().strip(), 1L))
        .reduceByKey(Long::sum).filter(t -> t._2() > 1);
    long ids = repeated.count();
    if (ids == 0) {
      return;
    }
    List<Tuple2<String, Long>> first = repeated.sortByKey().take(3);
    List<String> shown = new ArrayList<>();
    first.forEach(t -> shown.add("'" + t._1() + "' (" + t._2() + " rows)"));
    throw new IllegalArgumentException(ids + " customer id" + (ids == 1 ? " is" : "s are") + " on more than one row in "
        + "column '" + idColumn + "' (ids compared without surrounding spaces): " + String.join(", ", shown)
        + (ids > first.size() ? " and " + (ids - first.size()) + " more" : "") + "; the features need one row per "
        + "customer: aggregate the rows per id first (groupBy(\"" + idColumn + "\").agg(...)) or drop the repeats "
        + "(dropDuplicates(\"" + idColumn + "\"))");
  }

  private static <T> List<T> inPartitionOrder(JavaRDD<Obs> data, Function<Iterator<Obs>, T> f) {
    List<Tuple2<Integer, T>> parts = data.mapPartitionsWithIndex((Integer i, Iterator<Obs> it) ->
        List.of(new Tuple2<>(i, f.call(it))).iterator(), false).collect();
    List<Tuple2<Integer, T>> sorted = new ArrayList<>(parts);
    sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
    List<T> out = new ArrayList<>();
    sorted.forEach(t -> out.add(t._2()));
    return out;
  }

  // ------------------------------------------------------------------------------------------------ numeric

  private static List<FittedFeature> fitNumeric(JavaRDD<Obs> data, List<NumericFeature> fs, Counts counts) {
    int p = fs.size();
    long n = counts.rows;
    List<FittedFeature> out = new ArrayList<>();
    if (p == 0) {
      return out;
    }
    boolean[] log = new boolean[p];
    boolean[] standard = new boolean[p];
    long[] present = new long[p];
    for (int j = 0; j < p; j++) {
      log[j] = fs.get(j).log1p();
      standard[j] = fs.get(j).scale() == Scaler.Kind.STANDARD;
      present[j] = n - counts.numMissing[j];
      if (present[j] == 0) {
        throw new IllegalArgumentException("column '" + fs.get(j).column() + "' has no value for any of the " + n
            + " customers; it cannot be a feature (drop it or check the join)");
      }
    }
    // fills: medians (order statistics of the present values), means, modes, constants
    double[] fill = new double[p];
    Arrays.fill(fill, Double.NaN);
    Map<Integer, double[]> medianAt = new TreeMap<>();
    for (int j = 0; j < p; j++) {
      if (fs.get(j).imputation() == Imputation.MEDIAN) {
        medianAt.put(j, new double[] {0.5});
      }
    }
    Map<Integer, double[]> medians = orderStatistics(data, medianAt, present, null, null);
    List<Integer> modeOf = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      NumericFeature f = fs.get(j);
      switch (f.imputation()) {
        case MEDIAN -> fill[j] = medians.get(j)[0];
        case MEAN -> fill[j] = Double.isFinite(counts.sum[j]) ? counts.sum[j] / present[j]
            : scaledMean(data, j, present[j]);
        case MODE -> modeOf.add(j);
        case CONSTANT -> fill[j] = f.constant();
        default -> { }
      }
    }
    if (!modeOf.isEmpty()) {
      Map<Integer, Double> modes = modes(data, modeOf);
      modeOf.forEach(j -> fill[j] = modes.get(j));
    }
    // winsorizing bounds and robust quartiles: order statistics of the transformed values (missing ones filled)
    Map<Integer, double[]> quantilesAt = new TreeMap<>();
    long[] all = new long[p];
    Arrays.fill(all, n);
    for (int j = 0; j < p; j++) {
      NumericFeature f = fs.get(j);
      List<Double> qs = new ArrayList<>();
      qs.add(f.winsorLow() > 0 ? f.winsorLow() : Double.NaN);
      qs.add(f.winsorHigh() < 1 ? f.winsorHigh() : Double.NaN);
      if (f.scale() == Scaler.Kind.ROBUST) {
        qs.addAll(List.of(0.5, 0.25, 0.75));
      }
      if (!(Double.isNaN(qs.get(0)) && Double.isNaN(qs.get(1)) && qs.size() == 2)) {
        quantilesAt.put(j, qs.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    Map<Integer, double[]> quantiles = orderStatistics(data, quantilesAt, all, log, fill);
    double[] lower = new double[p];
    double[] upper = new double[p];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    Arrays.fill(upper, Double.POSITIVE_INFINITY);
    for (Map.Entry<Integer, double[]> e : quantiles.entrySet()) {
      int j = e.getKey();
      if (!Double.isNaN(quantilesAt.get(j)[0])) {
        lower[j] = e.getValue()[0];
      }
      if (!Double.isNaN(quantilesAt.get(j)[1])) {
        upper[j] = e.getValue()[1];
      }
    }
    // min, max and sum of the clamped values; then, for standard scaling, the squared deviations
    double[][] mms = inPartitionOrder(data, it -> {
      double[][] s = new double[3][p];
      Arrays.fill(s[0], Double.POSITIVE_INFINITY);
      Arrays.fill(s[1], Double.NEGATIVE_INFINITY);
      while (it.hasNext()) {
        Obs o = it.next();
        for (int j = 0; j < p; j++) {
          double v = clamped(log[j], o.x()[j], fill[j], lower[j], upper[j]);
          s[0][j] = Math.min(s[0][j], v);
          s[1][j] = Math.max(s[1][j], v);
          s[2][j] += v;
        }
      }
      return s;
    }).stream().reduce((a, b) -> {
      for (int j = 0; j < p; j++) {
        a[0][j] = Math.min(a[0][j], b[0][j]);
        a[1][j] = Math.max(a[1][j], b[1][j]);
        a[2][j] += b[2][j];
      }
      return a;
    }).orElseThrow();
    double[] unit = new double[p];
    double[] mean = new double[p];
    boolean rescale = false;
    for (int j = 0; j < p; j++) {
      double m = Math.max(Math.abs(mms[0][j]), Math.abs(mms[1][j]));
      unit[j] = m > FeatureMatrix.MAX_DISTANCE_SAFE || (m > 0 && m < FeatureMatrix.MIN_DISTANCE_SAFE) ? m : 1;
      rescale |= unit[j] != 1 && fs.get(j).scale() == Scaler.Kind.STANDARD;
      mean[j] = mms[2][j] / n;
    }
    if (rescale) {   // extreme magnitudes: the sum in units of the largest one, as core's Scaler
      double[] sums = sum(data, p, (o, j) -> clamped(log[j], o.x()[j], fill[j], lower[j], upper[j]) / unit[j]);
      for (int j = 0; j < p; j++) {
        mean[j] = unit[j] == 1 ? mean[j] : sums[j] / n;
      }
    }
    double[] ss = sum(data, p, (o, j) -> {
      if (!standard[j]) {
        return 0;
      }
      double t = clamped(log[j], o.x()[j], fill[j], lower[j], upper[j]) / unit[j] - mean[j];
      return t * t;
    });
    for (int j = 0; j < p; j++) {
      NumericFeature f = fs.get(j);
      double lo = mms[0][j];
      double hi = mms[1][j];
      double center;
      double scale;
      switch (f.scale()) {
        case STANDARD -> {
          center = mean[j] * unit[j];
          scale = Math.sqrt(ss[j] / n) * unit[j];
        }
        case ROBUST -> {
          double[] q = quantiles.get(j);
          center = clamp(q[2], lower[j], upper[j]);
          double q1 = clamp(q[3], lower[j], upper[j]);
          double q3 = clamp(q[4], lower[j], upper[j]);
          scale = q3 - q1;
          if (Double.isInfinite(scale)) {
            throw tooWide(f, "interquartile range", q1, q3);
          }
        }
        case MINMAX -> {
          center = lo;
          scale = hi - lo;
          if (Double.isInfinite(scale)) {
            throw tooWide(f, "range", lo, hi);
          }
        }
        default -> {
          center = 0;
          scale = 1;
        }
      }
      boolean constant = !(hi > lo);
      if (!(scale > 0)) {
        scale = 1;
      }
      long missing = counts.numMissing[j];
      out.add(new FittedNumeric(f, fill[j], (int) missing, lower[j], upper[j], center, scale, constant,
          missing == 0 || missing == n));
    }
    return out;
  }

  private static IllegalArgumentException tooWide(NumericFeature f, String what, double from, double to) {
    return new IllegalArgumentException(f.scale().name().toLowerCase(Locale.ROOT) + " scaling cannot represent "
        + "feature '" + f.column() + "': its " + what + ", from " + from + " to " + to + ", is wider than the largest "
        + "double (about 1.8e308); divide the column by a constant first (e.g. 1e10), or use standard scaling");
  }

  /** A feature's value as core fits it: the fill for a missing value, log1p, then the winsorizing bounds. */
  private static double clamped(boolean log, double x, double fill, double lower, double upper) {
    return clamp(transformed(log, Double.isNaN(x) ? fill : x), lower, upper);
  }

  private static double transformed(boolean log, double v) {
    return log ? Math.copySign(Math.log1p(Math.abs(v)), v) : v;
  }

  private static double clamp(double v, double lower, double upper) {
    return Math.min(Math.max(v, lower), upper);
  }

  /** A per-row value of feature j. */
  private interface PerRow extends Serializable {
    double of(Obs o, int j);
  }

  private static double[] sum(JavaRDD<Obs> data, int p, PerRow f) {
    double[] total = new double[p];
    for (double[] s : inPartitionOrder(data, it -> {
      double[] part = new double[p];
      while (it.hasNext()) {
        Obs o = it.next();
        for (int j = 0; j < p; j++) {
          part[j] += f.of(o, j);
        }
      }
      return part;
    })) {
      for (int j = 0; j < p; j++) {
        total[j] += s[j];
      }
    }
    return total;
  }

  /** Core's mean of values near ±{@link Double#MAX_VALUE}: summed in units of the largest magnitude. */
  private static double scaledMean(JavaRDD<Obs> data, int at, long present) {
    double m = data.map(o -> Double.isNaN(o.x()[at]) ? 0 : Math.abs(o.x()[at])).reduce(Math::max);
    double unit = m > FeatureMatrix.MAX_DISTANCE_SAFE ? m : 1;
    double s = sum(data, at + 1, (o, j) -> j != at || Double.isNaN(o.x()[j]) ? 0 : o.x()[j] / unit)[at];
    return s / present * unit;
  }

  /** The most frequent present value of each listed feature; ties: the smallest. */
  private static Map<Integer, Double> modes(JavaRDD<Obs> data, List<Integer> features) {
    int[] js = features.stream().mapToInt(Integer::intValue).toArray();
    JavaPairRDD<Tuple2<Integer, Double>, Long> counts = data.flatMapToPair(o -> {
      List<Tuple2<Tuple2<Integer, Double>, Long>> l = new ArrayList<>();
      for (int j : js) {
        if (!Double.isNaN(o.x()[j])) {
          l.add(new Tuple2<>(new Tuple2<>(j, o.x()[j] == 0 ? 0.0 : o.x()[j]), 1L));
        }
      }
      return l.iterator();
    }).reduceByKey(Long::sum);
    Map<Integer, Double> out = new HashMap<>();
    for (Tuple2<Integer, Tuple2<Long, Double>> t : counts.mapToPair(e -> new Tuple2<>(e._1()._1(),
        new Tuple2<>(e._2(), e._1()._2()))).reduceByKey((a, b) -> a._1() > b._1() || (a._1().equals(b._1())
        && a._2() < b._2()) ? a : b).collect()) {
      out.put(t._1(), t._2()._2());
    }
    return out;
  }

  /**
   * For each listed feature j, its linear-interpolated quantiles (core's) at the given probabilities (NaN: skipped)
   * among {@code size[j]} values: the present raw values when {@code fs} is null, else every row's filled,
   * transformed value. The values of all listed features are sorted together by (feature, value) across the
   * partitions and numbered; only the two order statistics around each quantile reach the driver.
   */
  private static Map<Integer, double[]> orderStatistics(JavaRDD<Obs> data, Map<Integer, double[]> at, long[] size,
      boolean[] log, double[] fill) {
    Map<Integer, double[]> out = new TreeMap<>();
    if (at.isEmpty()) {
      return out;
    }
    int[] js = at.keySet().stream().mapToInt(Integer::intValue).toArray();
    Map<Integer, Long> offset = new HashMap<>();
    long o = 0;
    for (int j : js) {
      offset.put(j, o);
      o += size[j];
    }
    Set<Long> wanted = new TreeSet<>();
    for (int j : js) {
      for (double q : at.get(j)) {
        if (!Double.isNaN(q)) {
          long[] lh = around(q, size[j]);
          wanted.add(offset.get(j) + lh[0]);
          wanted.add(offset.get(j) + lh[1]);
        }
      }
    }
    JavaRDD<Tuple2<Integer, Double>> values = data.flatMap(ob -> {
      List<Tuple2<Integer, Double>> l = new ArrayList<>(js.length);
      for (int j : js) {
        double x = ob.x()[j];
        if (log == null) {
          if (!Double.isNaN(x)) {
            l.add(new Tuple2<>(j, x));
          }
        } else {
          l.add(new Tuple2<>(j, transformed(log[j], Double.isNaN(x) ? fill[j] : x)));
        }
      }
      return l.iterator();
    });
    Map<Long, Double> found = new HashMap<>();
    for (Tuple2<Tuple2<Integer, Double>, Long> t : values.mapToPair(t -> new Tuple2<>(t, Boolean.TRUE))
        .sortByKey(new ByFeatureAndValue(), true, values.getNumPartitions()).keys()
        .zipWithIndex().filter(t -> wanted.contains(t._2())).collect()) {
      found.put(t._2(), t._1()._2());
    }
    for (int j : js) {
      double[] qs = at.get(j);
      double[] r = new double[qs.length];
      for (int i = 0; i < qs.length; i++) {
        if (Double.isNaN(qs[i])) {
          r[i] = Double.NaN;
          continue;
        }
        long[] lh = around(qs[i], size[j]);
        double pos = qs[i] * (size[j] - 1);
        r[i] = Quantiles.interpolate(found.get(offset.get(j) + lh[0]), found.get(offset.get(j) + lh[1]),
            pos - lh[0]);
      }
      out.put(j, r);
    }
    return out;
  }

  /** (feature, value) pairs by feature, then value in {@link Double#compare} order (that of core's sort). */
  private static final class ByFeatureAndValue implements java.util.Comparator<Tuple2<Integer, Double>>, Serializable {
    @Override
    public int compare(Tuple2<Integer, Double> a, Tuple2<Integer, Double> b) {
      int c = Integer.compare(a._1(), b._1());
      return c != 0 ? c : Double.compare(a._2(), b._2());
    }
  }

  /** The positions of the order statistics around quantile q of n sorted values. */
  private static long[] around(double q, long n) {
    long lo = (long) Math.floor(q * (n - 1));
    return new long[] {lo, Math.min(lo + 1, n - 1)};
  }


  // ------------------------------------------------------------------------------------------------ categorical

  private static List<FittedFeature> fitCategorical(JavaRDD<Obs> data, List<CategoricalFeature> fs, Counts counts) {
    int q = fs.size();
    List<FittedFeature> out = new ArrayList<>();
    if (q == 0) {
      return out;
    }
    long n = counts.rows;
    List<Map<String, Long>> levels = new ArrayList<>();
    for (int j = 0; j < q; j++) {
      levels.add(new HashMap<>());
    }
    for (Tuple2<Tuple2<Integer, String>, Long> t : data.flatMapToPair(o -> {
      List<Tuple2<Tuple2<Integer, String>, Long>> l = new ArrayList<>();
      for (int j = 0; j < q; j++) {
        if (o.c()[j] != null) {
          l.add(new Tuple2<>(new Tuple2<>(j, o.c()[j]), 1L));
        }
      }
      return l.iterator();
    }).reduceByKey(Long::sum).collect()) {
      levels.get(t._1()._1()).put(t._1()._2(), t._2());
    }
    for (int j = 0; j < q; j++) {
      CategoricalFeature f = fs.get(j);
      Map<String, Long> present = levels.get(j);
      long missing = counts.catMissing[j];
      String fill = switch (f.imputation()) {
        case MODE -> {
          if (present.isEmpty()) {
            throw new IllegalArgumentException("column '" + f.column() + "' has no value for any customer; it cannot "
                + "be imputed");
          }
          yield byFrequency(present).get(0);
        }
        case CONSTANT -> f.constant().strip();
        default -> null;
      };
      Map<String, Long> filled = new HashMap<>(present);
      if (missing > 0) {
        filled.merge(fill, missing, Long::sum);
      }
      List<String> order = byFrequency(filled);
      CategoryEncoder encoder = switch (f.encoding()) {
        case ONE_HOT -> {
          List<String> kept = new ArrayList<>();
          List<String> folded = new ArrayList<>();
          for (String level : order) {
            if (kept.size() < f.maxLevels() && filled.get(level) >= f.minCount()) {
              kept.add(level);
            } else {
              folded.add(level);
            }
          }
          yield OneHotEncoder.of(f.column(), kept, folded, f.unknown());
        }
        case ORDINAL -> {
          OrdinalEncoder check = OrdinalEncoder.of(f.column(), f.order(), f.order().get(0), f.unknown());
          String mode = null;
          for (String level : order) {
            if (!check.isUnknown(level)) {
              mode = mode == null ? level : mode;
            } else if (f.unknown() == UnknownCategory.ERROR) {
              throw new IllegalArgumentException("column '" + f.column() + "' has the value '" + level + "', which is "
                  + "not in the given order " + f.order() + "; add it to the order or use UnknownCategory.OTHER");
            }
          }
          if (mode == null) {
            throw new IllegalArgumentException("no value of column '" + f.column() + "' is in the given order "
                + f.order() + " (e.g. '" + order.get(0) + "'); check the spelling of the levels");
          }
          yield OrdinalEncoder.of(f.column(), f.order(), mode, f.unknown());
        }
        case FREQUENCY -> {
          Map<String, Double> share = new LinkedHashMap<>();
          for (String level : order) {
            share.put(level, filled.get(level) / (double) n);
          }
          yield FrequencyEncoder.of(f.column(), share, f.unknown());
        }
        case LEVELS -> LevelEncoder.of(f.column(), order, f.unknown());
      };
      List<String> outputs = new ArrayList<>(encoder.outputNames());
      List<Double> centers = new ArrayList<>();
      List<Double> scales = new ArrayList<>();
      List<Boolean> zero = new ArrayList<>();
      if (encoder instanceof LevelEncoder) {
        centers.add(0.0);
        scales.add(1.0);
        zero.add(order.size() == 1);
      } else {
        // every output is a function of the level: its values are the encoded levels, each as often as the level
        double[][] enc = encoder.encode(order.toArray(new String[0]));
        long[] weight = order.stream().mapToLong(filled::get).toArray();
        for (int k = 0; k < enc.length; k++) {
          double[] cs = Scaler.centerScale(enc[k], weight, f.scale(), outputs.get(k));
          centers.add(cs[0]);
          scales.add(cs[1]);
          zero.add(cs[2] != 0);
        }
      }
      if (f.missingIndicator()) {
        outputs.add(f.column() + "_missing");
        centers.add(0.0);
        scales.add(1.0);
        zero.add(missing == 0 || missing == n);
      }
      out.add(new FittedCategorical(f, fill, (int) missing, encoder, outputs, centers, scales, zero));
    }
    return out;
  }

  /** Levels by count (most first), ties by name: core's order. */
  private static List<String> byFrequency(Map<String, Long> counts) {
    List<String> levels = new ArrayList<>(counts.keySet());
    levels.sort((a, b) -> {
      int c = Long.compare(counts.get(b), counts.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    return levels;
  }
}
