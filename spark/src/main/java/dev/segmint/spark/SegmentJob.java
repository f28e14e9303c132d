package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.ColumnRoles;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.internal.MeasureItems;
import dev.segmint.model.ModelFile;
import dev.segmint.profile.SegmentProfiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import tech.tablesaw.api.Table;

/**
 * {@code spark-submit --class dev.segmint.spark.SegmentJob segmint-spark.jar --transactions PATH ...}: the
 * {@code segmint segment} pipeline on Spark, for transactions or a customer table. Transactions: RFM per customer
 * ({@link SparkRfm}), the features {@code recency_days, frequency, monetary} with a signed log1p and standard
 * scaling, missing values imputed (the command line's defaults for transactions), fitted by {@link SparkFeatures},
 * then k-means ({@link SparkKMeans}, k-means‖ seeding) and the segments.
 *
 * <p>Flags: {@code --transactions PATH} (CSV with a header, gzip allowed, or Parquet: a path ending in
 * {@code .parquet}), {@code --customer COL --timestamp COL [--timestamp-format PATTERN] [--order COL]
 * (--amount COL | --quantity COL --price COL) [--as-of YYYY-MM-DD] [--returns exclude|net]}, {@code --k N}
 * (default 5), {@code --seed S} (default 0), {@code --max-iter N} (default 300), {@code --out DIR} (CSV
 * {@code customer_id,segment}), {@code --rfm-out DIR} (the RFM table as CSV), {@code --model FILE} (the model JSON
 * of {@code segmint segment --model}, for {@code segmint assign}, core's {@code SegmentationModel.load} or
 * {@link SparkSegments#assign}; a file on the driver's file system). Spark writes directories of part files; an
 * existing output directory is refused; {@code --delimiter C} (or {@code \\t}) for another CSV separator. A customer
 * table instead: {@code --customers PATH --id COL [--features a,b] [--categorical a,b] [--log a,b] [--scale
 * standard|robust|minmax|none] [--missing impute|drop|fail]} (see {@code runCustomers}). With {@code --model},
 * {@code --measures COL=MEASURE,…} says what numeric columns measure for the segments' actions, as for
 * {@code segmint segment}. Messages go to stderr.
 * Cost: that of {@link SparkRfm}, {@link SparkFeatures} and {@link SparkKMeans}; with {@code --model}, the profiled
 * table (at most about {@link #PROFILE_CUSTOMERS} customers) and labels on the driver for the segment names
 * (see {@link #model}).
 */
public final class SegmentJob {
  private SegmentJob() {}

  private static final List<String> FLAGS = List.of("--transactions", "--customer", "--timestamp",
      "--timestamp-format", "--order", "--amount", "--quantity", "--price", "--as-of", "--returns", "--k", "--seed",
      "--max-iter", "--out", "--rfm-out", "--model", "--customers", "--id", "--features", "--categorical", "--scale",
      "--log", "--missing", "--delimiter", "--measures");

  /** The entry point of {@code spark-submit}: exits with 2 on a bad flag or input, after printing why. */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("segmint segment").getOrCreate();
    int status;
    try {
      run(spark, args, System.err);
      status = 0;
    } catch (IllegalArgumentException e) {
      System.err.println("segmint: " + e.getMessage());
      status = 2;
    } finally {
      spark.stop();
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /** What the job did: the counts it printed. */
  public record Summary(long customers, long[] sizes, double inertia, int iterations) {}

  /**
   * Runs the job on a session the caller owns (not stopped here).
   *
   * @throws IllegalArgumentException for a missing or unknown flag, a bad value, or bad input (the message says
   *     which and how to fix it)
   */
  public static Summary run(SparkSession spark, String[] args, PrintStream err) {
    Map<String, String> f = parse(args);
    if (f.containsKey("--measures") && !f.containsKey("--model")) {
      throw new IllegalArgumentException("--measures changes the segments' actions, which only the --model file holds; "
          + "give --model FILE too");
    }
    measures(f);   // refuses a bad --measures before the work
    if (f.containsKey("--transactions") == f.containsKey("--customers")) {
      throw new IllegalArgumentException("give --transactions PATH (RFM from purchases) or --customers PATH (one row "
          + "per customer), one of the two; to combine both tables, segment on one machine with segmint segment");
    }
    if (f.containsKey("--customers")) {
      return runCustomers(spark, f, err);
    }
    for (String flag : List.of("--id", "--features", "--categorical", "--scale", "--log", "--missing")) {
      if (f.containsKey(flag)) {
        throw new IllegalArgumentException(flag + " is for --customers; with --transactions the features are "
            + "recency_days, frequency and monetary (log1p, standard scaling)");
      }
    }
    String transactions = required(f, "--transactions");
    required(f, "--out");
    RfmFeatures.Builder rb = RfmFeatures.builder().customer(required(f, "--customer"))
        .timestamp(required(f, "--timestamp"));
    if (f.containsKey("--timestamp-format")) {
      rb.timestampFormat(f.get("--timestamp-format"));
    }
    if (f.containsKey("--order")) {
      rb.order(f.get("--order"));
    }
    if (f.containsKey("--amount")) {
      rb.amount(f.get("--amount"));
    }
    if (f.containsKey("--quantity")) {
      rb.quantity(f.get("--quantity"));
    }
    if (f.containsKey("--price")) {
      rb.price(f.get("--price"));
    }
    if (f.containsKey("--as-of")) {
      try {
        rb.asOf(LocalDate.parse(f.get("--as-of")));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--as-of '" + f.get("--as-of") + "' is not a date; write YYYY-MM-DD");
      }
    }
    if (f.containsKey("--returns")) {
      String mode = f.get("--returns").toLowerCase(Locale.ROOT);
      if (!mode.equals("exclude") && !mode.equals("net")) {
        throw new IllegalArgumentException("--returns is exclude or net, not '" + f.get("--returns") + "'");
      }
      rb.returns(mode.equals("net") ? RfmFeatures.Returns.NET : RfmFeatures.Returns.EXCLUDE);
    }
    KMeans.Options options = kmeansOptions(f);
    Dataset<Row> tx = transactions.toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? spark.read().parquet(transactions)
        : spark.read().option("header", "true").option("escape", "\"").option("sep", delimiter(f)).csv(transactions);
    RfmFeatures rfmSpec = rb.build();
    SparkRfm.Result rfm = SparkRfm.of(rfmSpec).run(tx);
    err.println("RFM as of " + rfm.asOf());
    err.print(rfm.report());
    Dataset<Row> table = rfm.table().cache();
    try {
      if (f.containsKey("--rfm-out")) {
        table.write().option("header", "true").csv(f.get("--rfm-out"));
      }
      String[] names = {"recency_days", "frequency", "monetary"};
      // the command line's features for transactions: log1p and standard scaling, missing values imputed
      FeatureSpec.Builder fb = FeatureSpec.builder().rfm(rfmSpec).missing(MissingValues.IMPUTE);
      for (String c : names) {
        fb.add(NumericFeature.of(c).withScale(Scaler.Kind.STANDARD).withLog1p());
      }
      Dataset<Row> profiled = table.select(RfmFeatures.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
      return cluster(table, fb.build(), profiled, f, options, err);
    } finally {
      table.unpersist();
    }
  }

  /** Fits the features on {@code table}, clusters them and writes the outputs the flags ask for. */
  private static Summary cluster(Dataset<Row> table, FeatureSpec spec, Dataset<Row> profiled, Map<String, String> f,
      KMeans.Options options, PrintStream err) {
    String out = required(f, "--out");
    FeaturePipeline pipeline = SparkFeatures.fit(table, spec);
    String[] names = pipeline.featureNames().toArray(new String[0]);
    Dataset<Row> features = SparkFeatures.transform(table, pipeline).cache();
    try {
      SparkKMeans.Result km = SparkKMeans.fit(features, names, options);
      Dataset<Row> segments = km.assign(features, "segment").select("customer_id", "segment").cache();
      try {
        segments.write().option("header", "true").csv(out);
        long customers = Arrays.stream(km.sizes()).sum();
        err.println("customers: " + customers);
        err.println("segment sizes: " + Arrays.toString(km.sizes()) + ", inertia " + km.inertia() + ", "
            + km.iterations() + " iterations" + (km.converged() ? "" : " (not converged: raise --max-iter)"));
        if (f.containsKey("--model")) {
          Path file = Path.of(f.get("--model"));
          try {
            ModelFile.write(file, model(profiled, segments, features, pipeline, km, measures(f)));
          } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the model to " + file + ": " + e.getMessage(), e);
          }
          err.println("model saved to " + file);
        }
        return new Summary(customers, km.sizes(), km.inertia(), km.iterations());
      } finally {
        segments.unpersist();
      }
    } finally {
      features.unpersist();
    }
  }

  /**
   * The customer-table path: {@code --customers PATH --id COL}, the features {@code --features a,b,…} (default:
   * every column but the id), numeric columns scaled ({@code --scale standard|robust|minmax|none}, default
   * standard) and optionally {@code --log}'d, text columns and those named by {@code --categorical} one-hot encoded
   * (at most {@link ColumnRoles#MAX_LEVELS} levels each), missing values by {@code --missing impute|drop|fail}
   * (default impute), as {@code segmint segment --customers} does for k-means.
   */
  private static Summary runCustomers(SparkSession spark, Map<String, String> f, PrintStream err) {
    for (String flag : List.of("--customer", "--timestamp", "--timestamp-format", "--order", "--amount",
        "--quantity", "--price", "--as-of", "--returns", "--rfm-out")) {
      if (f.containsKey(flag)) {
        throw new IllegalArgumentException(flag + " is for --transactions; with --customers give --id COL and the "
            + "feature columns");
      }
    }
    String path = required(f, "--customers");
    String id = required(f, "--id");
    required(f, "--out");
    KMeans.Options options = kmeansOptions(f);
    Dataset<Row> raw = path.toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? spark.read().parquet(path)
        : spark.read().option("header", "true").option("escape", "\"").option("sep", delimiter(f))
            .option("inferSchema", "true").csv(path);
    List<String> columns = Arrays.asList(raw.columns());
    if (!columns.contains(id)) {
      throw new IllegalArgumentException("--id " + id + " is not a column of " + path + "; its columns are "
          + columns);
    }
    List<String> features = new ArrayList<>();
    if (f.containsKey("--features")) {
      features.addAll(list(f.get("--features")));
    } else {
      columns.stream().filter(c -> !c.equals(id)).forEach(features::add);
    }
    Set<String> categorical = new LinkedHashSet<>(f.containsKey("--categorical") ? list(f.get("--categorical"))
        : List.of());
    Set<String> logged = new LinkedHashSet<>(f.containsKey("--log") ? list(f.get("--log")) : List.of());
    for (String c : concat(features, categorical, logged)) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException("'" + c + "' is not a column of " + path + "; its columns are " + columns);
      }
    }
    features.addAll(categorical.stream().filter(c -> !features.contains(c)).toList());
    if (features.isEmpty() || features.equals(List.of(id))) {
      throw new IllegalArgumentException(path + " has no feature column besides --id " + id);
    }
    Scaler.Kind kind = switch (f.getOrDefault("--scale", "standard").toLowerCase(Locale.ROOT)) {
      case "standard" -> Scaler.Kind.STANDARD;
      case "robust" -> Scaler.Kind.ROBUST;
      case "minmax" -> Scaler.Kind.MINMAX;
      case "none" -> Scaler.Kind.NONE;
      default -> throw new IllegalArgumentException("--scale is standard, robust, minmax or none, not '"
          + f.get("--scale") + "'");
    };
    MissingValues policy = switch (f.getOrDefault("--missing", "impute").toLowerCase(Locale.ROOT)) {
      case "impute" -> MissingValues.IMPUTE;
      case "drop" -> MissingValues.DROP;
      case "fail" -> MissingValues.FAIL;
      default -> throw new IllegalArgumentException("--missing is impute, drop or fail, not '" + f.get("--missing")
          + "'");
    };
    List<Column> selected = new ArrayList<>();
    selected.add(col("`" + id + "`").cast("string").as(id));
    List<String> numeric = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (String c : features) {
      boolean isNumber = raw.schema().apply(c).dataType() instanceof NumericType;
      if (isNumber && !categorical.contains(c)) {
        numeric.add(c);
        selected.add(col("`" + c + "`").cast("double").as(c));
      } else {
        text.add(c);
        selected.add(col("`" + c + "`").cast("string").as(c));
      }
    }
    for (String c : logged) {
      if (!numeric.contains(c)) {
        throw new IllegalArgumentException("--log names '" + c + "', which is not a numeric feature; the numeric "
            + "features are " + numeric);
      }
    }
    Dataset<Row> table = raw.select(selected.toArray(new Column[0])).cache();
    try {
      if (!text.isEmpty()) {
        Row levels = table.agg(functions.countDistinct(col("`" + text.get(0) + "`")), text.stream().skip(1)
            .map(c -> functions.countDistinct(col("`" + c + "`"))).toArray(Column[]::new)).first();
        for (int j = 0; j < text.size(); j++) {
          if (levels.getLong(j) > ColumnRoles.MAX_LEVELS) {
            throw new IllegalArgumentException("column '" + text.get(j) + "' has " + levels.getLong(j) + " levels, "
                + "more than the " + ColumnRoles.MAX_LEVELS + " a one-hot feature may have; leave it out by "
                + "listing the other columns in --features, or group its levels first");
          }
        }
      }
      err.println("columns: id " + id + "; numeric " + numeric + "; categorical (one-hot) " + text);
      FeatureSpec.Builder fb = FeatureSpec.builder().columns(id, features.toArray(new String[0])).missing(policy);
      for (String c : numeric) {
        NumericFeature nf = NumericFeature.of(c).withScale(kind);
        fb.add(logged.contains(c) ? nf.withLog1p() : nf);
      }
      for (String c : text) {
        fb.add(CategoricalFeature.oneHot(c));
      }
      Dataset<Row> profiled = table.withColumnRenamed(id, "customer_id");
      return cluster(table, fb.build(), profiled, f, options, err);
    } finally {
      table.unpersist();
    }
  }

  /** --delimiter: one character, or \\t / tab for a tab (default a comma). */
  private static String delimiter(Map<String, String> f) {
    String d = f.getOrDefault("--delimiter", ",");
    if (d.equals("\\t") || d.equalsIgnoreCase("tab")) {
      return "\t";
    }
    if (d.length() != 1) {
      throw new IllegalArgumentException("--delimiter is one character (or \\t for a tab), not '" + d + "'");
    }
    return d;
  }

  /** --k (default 5), --seed (default 0) and --max-iter (default 300), checked before any data is read. */
  private static KMeans.Options kmeansOptions(Map<String, String> f) {
    int k = integer(f, "--k", 5);
    long seed;
    try {
      seed = f.containsKey("--seed") ? Long.parseLong(f.get("--seed").strip()) : 0;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed '" + f.get("--seed") + "' is not a whole number");
    }
    return KMeans.Options.of(k).withSeed(seed).withMaxIter(integer(f, "--max-iter", 300));
  }

  /**
   * {@code --measures COL=MEASURE,…} as {@code segmint segment} takes it: what numeric columns measure for the
   * actions ({@link SegmentProfiles.Options#withMeasures}, which checks the words; the columns are checked when the
   * profiles are made); empty without the flag.
   */
  private static Map<String, String> measures(Map<String, String> f) {
    if (!f.containsKey("--measures")) {
      return Map.of();
    }
    Map<String, String> m = MeasureItems.parse("--measures", list(f.get("--measures")));
    SegmentProfiles.Options.defaults().withMeasures(m);
    return m;
  }

  private static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.strip().isEmpty()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static List<String> concat(List<String> a, Set<String> b, Set<String> c) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }


  /**
   * All rows when {@code customers ≤ limit}, else about {@code limit} of them: those whose hashed customer id falls
   * below {@code limit} modulo {@code customers}, a uniform sample that is the same for any partitioning.
   */
  static Dataset<Row> profileSample(Dataset<Row> rows, long customers, long limit) {
    return customers <= limit ? rows : rows.where(pmod(xxhash64(col("customer_id")), lit(customers)).lt(lit(limit)));
  }

  /** The most customers whose RFM rows the driver profiles for the segment names and actions. */
  static final long PROFILE_CUSTOMERS = 1_000_000;

  /**
   * The model file's contents, as {@code segmint segment --model} writes them: the pipeline fitted on Spark, the
   * k-means centroids, and the segment names and actions of core's {@link SegmentProfiles} on the RFM table with the
   * labels. The RFM table and the labels are brought to the driver for the profiles, at most about {@value
   * #PROFILE_CUSTOMERS} customers (beyond that a uniform sample by hashed customer id, the same for any partitioning:
   * names and actions describe a segment's distribution, which such a sample gives to well under a percent; a few
   * hundred bytes per customer on the driver); the training fingerprint (SHA-256 of the feature matrix's doubles,
   * big-endian, row-major, customers in id order) is streamed partition by partition.
   */
  static ModelFile.Contents model(Dataset<Row> rfm, Dataset<Row> segments, Dataset<Row> features,
      FeaturePipeline pipeline, SparkKMeans.Result km, Map<String, String> measures) {
    long[] sizes = km.sizes();
    long customers = 0;
    for (long size : sizes) {
      customers += size;
    }
    Dataset<Row> joined = rfm.join(segments, "customer_id");
    joined = profileSample(joined, customers, PROFILE_CUSTOMERS).orderBy("customer_id");
    List<Row> rows = joined.collectAsList();
    int[] labels = new int[rows.size()];
    int at = joined.schema().fieldIndex("segment");
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rows.get(i).getInt(at);
    }
    Table profiled = SparkSegments.toTable(rows, joined.schema()).removeColumns("segment");
    SegmentProfiles profiles = SegmentProfiles.of(profiled, labels,
        SegmentProfiles.Options.defaults().withThreads(Runtime.getRuntime().availableProcessors())
            .withMeasures(measures));
    List<String> names = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    for (int c = 0; c < sizes.length; c++) {
      names.add(profiles.segment(c).name());
      actions.add(profiles.segment(c).action().action());
    }
    return new ModelFile.Contents(ModelFile.libraryVersion(), pipeline, km.clustering(), names, actions, sizes,
        Math.toIntExact(customers), fingerprint(features));
  }

  /** SHA-256 (hex) of the feature columns' doubles, big-endian, row-major, rows by customer id. */
  static String fingerprint(Dataset<Row> features) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
      int d = features.columns().length - 1;
      Iterator<Row> it = features.orderBy("customer_id").toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        for (int j = 1; j <= d; j++) {
          if (!buf.hasRemaining()) {
            md.update(buf.array(), 0, buf.position());
            buf.clear();
          }
          buf.putDouble(r.getDouble(j));
        }
      }
      md.update(buf.array(), 0, buf.position());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> f = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!FLAGS.contains(a)) {
        throw new IllegalArgumentException("unknown flag '" + a + "'; the flags are " + String.join(" ", FLAGS));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      f.put(a, args[++i]);
    }
    return f;
  }

  private static String required(Map<String, String> f, String flag) {
    String v = f.get(flag);
    if (v == null) {
      throw new IllegalArgumentException("missing " + flag + "; the job needs --transactions, --customer, "
          + "--timestamp, --amount (or --quantity and --price) and --out");
    }
    return v;
  }

  private static int integer(Map<String, String> f, String flag, int dflt) {
    String v = f.get(flag);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " '" + v + "' is not a whole number");
    }
  }
}
