package dev.segmint.benchmarks;

import dev.segmint.cycle.Tracker;
import dev.segmint.cycle.Tracking;
import dev.segmint.features.RfmFeatures;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
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
import tech.tablesaw.api.Table;

/**
 * Issue 19's speed target: {@link Tracker} with 8 quarterly snapshots of the bundled Online Retail export (541,909
 * rows; named RFM segments, migrations, movers, drift) against one {@link RfmFeatures#run} of the same loaded table
 * (target: at most 2×). The dates are every quarter from 2011-01-01 to 2012-10-01; the data end on 2011-12-09, so
 * the last four snapshots hold every customer (the largest snapshots, the worst case). The CSV load is outside both
 * (it is {@link RfmBenchmark#loadCsv}).
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar TrackerBenchmark -rf json -rff tracker.json}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrackerBenchmark {

  Table transactions;
  RfmFeatures features;
  Tracker tracker;

  @Setup(Level.Trial)
  public void setup() {
    transactions = RfmBenchmark.load(RfmBenchmark.dataFile());
    features = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build();
    tracker = Tracker.builder().rfm(features)
        .every(Tracker.Every.QUARTER, LocalDate.of(2011, 1, 1), LocalDate.of(2012, 10, 1)).build();
  }

  /** One RFM of the loaded table: the reference. */
  @Benchmark
  public RfmFeatures.Result rfmOnce() {
    return features.run(transactions);
  }

  /** 8 quarterly snapshots with their segments, migrations, movers and drift. */
  @Benchmark
  public Tracking track8Quarters() {
    return tracker.run(transactions);
  }
}
