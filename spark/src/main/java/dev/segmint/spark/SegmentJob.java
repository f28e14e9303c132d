package dev.segmint.spark;

import static org.apache.spark.sql.functions.col;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.RfmFeatures;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code spark-submit --class dev.segmint.spark.SegmentJob segmint-spark.jar --transactions PATH ...}: the
 * {@code segmint segment} pipeline for transactions on Spark. RFM per customer ({@link SparkRfm}), the features
 * {@code recency_days, frequency, monetary} with a signed log1p and standard scaling (population deviation, as
 * core's {@code NumericFeature.withLog1p().withScale(STANDARD)}, the command line's defaults for transactions),
 * then k-means ({@link SparkKMeans}, k-means‖ seeding) and the segments.
 *
 * <p>Flags: {@code --transactions PATH} (CSV with a header, gzip allowed, or Parquet: a path ending in
 * {@code .parquet}), {@code --customer COL --timestamp COL [--timestamp-format PATTERN] [--order COL]
 * (--amount COL | --quantity COL --price COL) [--as-of YYYY-MM-DD] [--returns exclude|net]}, {@code --k N}
 * (default 5), {@code --seed S} (default 0), {@code --max-iter N} (default 300), {@code --out DIR} (CSV
 * {@code customer_id,segment}), {@code --rfm-out DIR} (the RFM table as CSV). Spark writes directories of part files;
 * an existing output directory is refused. Messages go to stderr. Cost: that of {@link SparkRfm} plus
 * {@link SparkKMeans}.
 */
public final class SegmentJob {
  private SegmentJob() {}

  private static final List<String> FLAGS = List.of("--transactions", "--customer", "--timestamp",
      "--timestamp-format", "--order", "--amount", "--quantity", "--price", "--as-of", "--returns", "--k", "--seed",
      "--max-iter", "--out", "--rfm-out");

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
    SparkRfm.Result rfm = SparkRfm.of(rb.build()).run(tx);
    err.println("RFM as of " + rfm.asOf());
    err.print(rfm.report());
    Dataset<Row> table = rfm.table().cache();
    try {
      if (f.containsKey("--rfm-out")) {
        table.write().option("header", "true").csv(f.get("--rfm-out"));
      }
      String[] names = {"recency_days", "frequency", "monetary"};
      Dataset<Row> features = standardized(table, names);
      SparkKMeans.Result km = SparkKMeans.fit(features, names,
          KMeans.Options.of(k).withSeed(seed).withMaxIter(maxIter));
      km.assign(features, "segment").select("customer_id", "segment").write().option("header", "true").csv(out);
      err.println("customers: " + Arrays.stream(km.sizes()).sum());
      err.println("segment sizes: " + Arrays.toString(km.sizes()) + ", inertia " + km.inertia() + ", "
          + km.iterations() + " iterations" + (km.converged() ? "" : " (not converged: raise --max-iter)"));
      return new Summary(Arrays.stream(km.sizes()).sum(), km.sizes(), km.inertia(), km.iterations());
    } finally {
      table.unpersist();
    }
  }

  /**
   * The columns replaced by {@code (slog1p(x) − mean) / deviation} (population deviation, two passes; a constant
   * column keeps deviation 1), the other columns unchanged.
   */
  static Dataset<Row> standardized(Dataset<Row> table, String[] names) {
    Dataset<Row> logged = table;
    for (String c : names) {
      Column x = col(c).cast("double");
      logged = logged.withColumn(c, functions.signum(x).multiply(functions.log1p(functions.abs(x))));
    }
    List<Column> means = new ArrayList<>();
    for (String c : names) {
      means.add(functions.avg(col(c)));
    }
    Row m = logged.agg(means.get(0), means.subList(1, means.size()).toArray(Column[]::new)).first();
    List<Column> squares = new ArrayList<>();
    for (int j = 0; j < names.length; j++) {
      Column t = col(names[j]).minus(m.getDouble(j));
      squares.add(functions.avg(t.multiply(t)));
    }
    Row v = logged.agg(squares.get(0), squares.subList(1, squares.size()).toArray(Column[]::new)).first();
    Dataset<Row> out = logged;
    for (int j = 0; j < names.length; j++) {
      double sd = Math.sqrt(v.getDouble(j));
      out = out.withColumn(names[j], col(names[j]).minus(m.getDouble(j)).divide(sd > 0 ? sd : 1.0));
    }
    return out;
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
