package dev.segmint.benchmarks;

import dev.segmint.features.RfmFeatures;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * RFM on the bundled UCI Online Retail export (541,909 rows), against the CSV load it follows: {@link #loadCsv}
 * reads and parses the gzip file with Tablesaw (ids, invoice numbers and dates as text, as the CLI does);
 * {@link #rfm} computes the full RFM table (scores, codes, segments) and the data-quality report from the loaded
 * table. The data folder comes from {@code -Dsegmint.data.dir}, else {@code data/} or {@code ../data/} under the
 * working directory.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar RfmBenchmark -rf json -rff rfm.json}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RfmBenchmark {

  Path file;
  Table transactions;
  RfmFeatures features;

  @Setup(Level.Trial)
  public void setup() {
    file = dataFile();
    transactions = load(file);
    features = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build();
  }

  /** Reads and parses the gzip-compressed CSV. */
  @Benchmark
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 5, time = 5)
  public Table loadCsv() {
    return load(file);
  }

  /** RFM of the loaded table: one pass over the rows, then scores and segments for 4,338 customers. */
  @Benchmark
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 5, time = 2)
  public RfmFeatures.Result rfm() {
    return features.run(transactions);
  }

  /** The bundled Online Retail file: {@code segmint.data.dir}, else {@code data/} or {@code ../data/}. */
  static Path dataFile() {
    String dir = System.getProperty("segmint.data.dir");
    Path[] candidates = dir != null ? new Path[] {Path.of(dir, "online_retail.csv.gz")}
        : new Path[] {Path.of("data", "online_retail.csv.gz"), Path.of("..", "data", "online_retail.csv.gz")};
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("online_retail.csv.gz not found at " + java.util.Arrays.toString(candidates)
        + "; run from the project root or pass -Dsegmint.data.dir=/path/to/segmint/data");
  }

  /** Loads Online Retail with the column types the CLI would use. */
  static Table load(Path file) {
    ColumnType s = ColumnType.STRING;
    try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
        StandardCharsets.UTF_8)) {
      return Table.read().usingOptions(CsvReadOptions.builder(r).tableName("online_retail").header(true)
          .columnTypes(new ColumnType[] {s, s, s, ColumnType.INTEGER, s, ColumnType.DOUBLE, s, s}).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
