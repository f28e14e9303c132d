package dev.segmint.benchmarks;

import dev.segmint.kernel.internal.PackedLayout;
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
 * Block-to-block squared distances ({@value #BLOCK} × {@value #BLOCK} points into a buffer) and DBSCAN range
 * queries (one query against {@value #N} points, row-major and packed). One operation = one pair = 3·d flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockBenchmark {

  static final int BLOCK = 256;
  static final int N = 4096;

  @Param({"3", "8", "16", "64", "257"})
  public int d;

  double[] a;
  double[] b;
  double[] out = new double[BLOCK * BLOCK];
  double[] points;
  double[] packed;
  double[] query;
  double radiusSquared;
  int[] found = new int[N];

  @Setup
  public void setup() {
    a = Data.random(7, BLOCK * d);
    b = Data.random(8, BLOCK * d);
    points = Data.random(9, N * d);
    packed = PackedLayout.pack(points, 0, N, d);
    query = Data.random(10, d);
    // a tenth of the points inside (plus a hair, so no point sits exactly on the boundary)
    double[] dist = new double[N];
    for (int i = 0; i < N; i++) {
      dist[i] = Data.naiveSquared(points, i * d, query, 0, d);
    }
    java.util.Arrays.sort(dist);
    radiusSquared = (dist[N / 10] + dist[N / 10 + 1]) / 2;
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

  @Benchmark
  @OperationsPerInvocation(N)
  public int scalarRange() {
    return Data.SCALAR.withinRadius(points, 0, N, d, query, 0, radiusSquared, found);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public int panamaRange() {
    return Data.Panama.KERNEL.withinRadius(points, 0, N, d, query, 0, radiusSquared, found);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int scalarRangePacked() {
    return Data.SCALAR.withinRadiusPacked(packed, 0, N, d, query, 0, radiusSquared, found);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public int panamaRangePacked() {
    return Data.Panama.KERNEL.withinRadiusPacked(packed, 0, N, d, query, 0, radiusSquared, found);
  }
}
