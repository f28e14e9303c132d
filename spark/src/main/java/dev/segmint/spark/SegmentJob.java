package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import tech.tablesaw.api.Table;

/**
 * {@code spark-submit --class dev.segmint.spark.SegmentJob segmint-spark.jar --transactions PATH ...}: the
 * {@code segmint segment} pipeline for transactions on Spark. RFM per customer ({@link SparkRfm}), the features
 * {@code recency_days, frequency, monetary} with a signed log1p and standard scaling, missing values imputed (the
 * command line's defaults for transactions), fitted by {@link SparkFeatures}, then k-means ({@link SparkKMeans},
 * k-means‖ seeding) and the segments.
 *
 * <p>Flags: {@code --transactions PATH} (CSV with a header, gzip allowed, or Parquet: a path ending in
 * {@code .parquet}), {@code --customer COL --timestamp COL [--timestamp-format PATTERN] [--order COL]
 * (--amount COL | --quantity COL --price COL) [--as-of YYYY-MM-DD] [--returns exclude|net]}, {@code --k N}
 * (default 5), {@code --seed S} (default 0), {@code --max-iter N} (default 300), {@code --out DIR} (CSV
 * {@code customer_id,segment}), {@code --rfm-out DIR} (the RFM table as CSV), {@code --model FILE} (the model JSON
 * of {@code segmint segment --model}, for {@code segmint assign}, core's {@code SegmentationModel.load} or
 * {@link SparkSegments#assign}; a file on the driver's file system). Spark writes directories of part files; an
 * existing output directory is refused. Messages go to stderr. Cost: that of {@link SparkRfm}, {@link SparkFeatures}
 * and {@link SparkKMeans}; with {@code --model}, the RFM table and labels on the driver for the segment names
 * (see {@link #model}).
 */
public final class SegmentJob {
  private SegmentJob() {}

  private static final List<String> FLAGS = List.of("--transactions", "--customer", "--timestamp",
      "--timestamp-format", "--order", "--amount", "--quantity", "--price", "--as-of", "--returns", "--k", "--seed",
      "--max-iter", "--out", "--rfm-out", "--model");

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
    String transactions = required(f, "--transactions");
    String out = required(f, "--out");
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
    int k = integer(f, "--k", 5);
    long seed;
    try {
      seed = f.containsKey("--seed") ? Long.parseLong(f.get("--seed").strip()) : 0;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed '" + f.get("--seed") + "' is not a whole number");
    }
    int maxIter = integer(f, "--max-iter", 300);

    Dataset<Row> tx = transactions.toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? spark.read().parquet(transactions)
        : spark.read().option("header", "true").option("escape", "\"").csv(transactions);
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
      FeaturePipeline pipeline = SparkFeatures.fit(table, fb.build());
      Dataset<Row> features = SparkFeatures.transform(table, pipeline).cache();
      try {
        SparkKMeans.Result km = SparkKMeans.fit(features, names,
            KMeans.Options.of(k).withSeed(seed).withMaxIter(maxIter));
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
              ModelFile.write(file, model(table, segments, features, pipeline, km));
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
    } finally {
      table.unpersist();
    }
  }

  /**
   * The model file's contents, as {@code segmint segment --model} writes them: the pipeline fitted on Spark, the
   * k-means centroids, and the segment names and actions of core's {@link SegmentProfiles} on the RFM table with the
   * labels. The RFM table and the labels are brought to the driver for the profiles, at most about {@value
   * #PROFILE_CUSTOMERS} customers (beyond that a uniform sample by hashed customer id, the same for any partitioning:
   * names and actions describe a segment's distribution, which such a sample gives to well under a percent; a few
   * hundred bytes per customer on the driver); the training fingerprint (SHA-256 of the feature matrix's doubles, big-endian,
   * row-major, customers in id order as core's RFM table lists them) is streamed partition by partition.
   */
  /**
   * All rows when {@code customers ≤ limit}, else about {@code limit} of them: those whose hashed customer id falls
   * below {@code limit} modulo {@code customers}, a uniform sample that is the same for any partitioning.
   */
  static Dataset<Row> profileSample(Dataset<Row> rows, long customers, long limit) {
    return customers <= limit ? rows : rows.where(pmod(xxhash64(col("customer_id")), lit(customers)).lt(lit(limit)));
  }

  /** The most customers whose RFM rows the driver profiles for the segment names and actions. */
  static final long PROFILE_CUSTOMERS = 1_000_000;

  static ModelFile.Contents model(Dataset<Row> rfm, Dataset<Row> segments, Dataset<Row> features,
      FeaturePipeline pipeline, SparkKMeans.Result km) {
    long[] sizes = km.sizes();
    long customers = 0;
    for (long size : sizes) {
      customers += size;
    }
    Dataset<Row> joined = rfm.select(RfmFeatures.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
        .join(segments, "customer_id");
    joined = profileSample(joined, customers, PROFILE_CUSTOMERS).orderBy("customer_id");
    List<Row> rows = joined.collectAsList();
    int[] labels = new int[rows.size()];
    int at = joined.schema().fieldIndex("segment");
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rows.get(i).getInt(at);
    }
    Table profiled = SparkSegments.toTable(rows, joined.schema()).removeColumns("segment");
    SegmentProfiles profiles = SegmentProfiles.of(profiled, labels,
        SegmentProfiles.Options.defaults().withThreads(Runtime.getRuntime().availableProcessors()));
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
