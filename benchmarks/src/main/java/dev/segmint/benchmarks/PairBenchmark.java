package dev.segmint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The single-pair squared distance kernel called once per pair (as k-means does for centroid moves and
 * centroid-to-centroid distances): one query against {@value #ROWS} rows. One operation = one pair (3·d flops).
 * Peers in the same run: Smile's {@code MathEx.squaredDistance} and a naive Java loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PairBenchmark {

  static final int ROWS = 1024;

  @Param({"3", "8", "16", "64", "257"})
  public int d;

  double[] rows;
  double[][] rowArrays;
  double[] query;

  @Setup
  public void setup() {
    rows = Data.random(1, ROWS * d);
    rowArrays = Data.rows(rows, ROWS, d);
    query = Data.random(2, d);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double scalarSquaredDistance() {
    double s = 0;
    for (int i = 0; i < ROWS; i++) {
      s += Data.SCALAR.squaredDistance(rows, i * d, query, 0, d);
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public double panamaSquaredDistance() {
    double s = 0;
    for (int i = 0; i < ROWS; i++) {
      s += Data.Panama.KERNEL.squaredDistance(rows, i * d, query, 0, d);
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double naiveSquaredDistance() {
    double s = 0;
    for (int i = 0; i < ROWS; i++) {
      s += Data.naiveSquared(rows, i * d, query, 0, d);
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double smileSquaredDistance() {
    double s = 0;
    for (int i = 0; i < ROWS; i++) {
      s += smile.math.MathEx.squaredDistance(rowArrays[i], query);
    }
    return s;
  }
}
