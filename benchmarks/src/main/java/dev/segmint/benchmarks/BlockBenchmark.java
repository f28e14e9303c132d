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
 * Block-to-block squared distances ({@value #BLOCK} × {@value #BLOCK} points into a buffer, as Elkan's k-means
 * computes its lower bounds). One operation = one pair = 3·d flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockBenchmark {

  static final int BLOCK = 256;

  @Param({"3", "8", "16", "64", "257"})
  public int d;

  double[] a;
  double[] b;
  double[] out = new double[BLOCK * BLOCK];

  @Setup
  public void setup() {
    a = Data.random(7, BLOCK * d);
    b = Data.random(8, BLOCK * d);
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK * BLOCK)
  public double scalarBlockDistances() {
    Data.SCALAR.squaredDistances(a, 0, BLOCK, b, 0, BLOCK, d, out);
    return out[BLOCK * BLOCK - 1];
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK * BLOCK)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public double panamaBlockDistances() {
    Data.Panama.KERNEL.squaredDistances(a, 0, BLOCK, b, 0, BLOCK, d, out);
    return out[BLOCK * BLOCK - 1];
  }
}
