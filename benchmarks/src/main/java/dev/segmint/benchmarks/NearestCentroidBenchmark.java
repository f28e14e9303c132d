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
 * The fused nearest-centroid kernel (index, distance and second distance) over {@value #N} points, scalar vs
 * Panama, row-major input vs the packed (tiled) layout. One operation = one point = k·d·3 flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NearestCentroidBenchmark {

  static final int N = 4096;

  @Param({"3", "8", "16", "64", "257"})
  public int d;

  @Param({"4", "8", "16", "64"})
  public int k;

  double[] points;
  double[] packed;
  double[] centroids;
  int[] idx = new int[N];
  double[] dist = new double[N];
  double[] second = new double[N];

  @Setup
  public void setup() {
    points = Data.random(3, N * d);
    packed = PackedLayout.pack(points, 0, N, d);
    centroids = Data.random(4, k * d);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long scalar() {
    Data.SCALAR.nearestCentroids(points, 0, N, d, centroids, k, idx, dist, second);
    return Data.checksum(idx, N);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panama() {
    Data.Panama.KERNEL.nearestCentroids(points, 0, N, d, centroids, k, idx, dist, second);
    return Data.checksum(idx, N);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panamaPacked() {
    Data.Panama.KERNEL.nearestCentroidsPacked(packed, 0, N, d, centroids, k, idx, dist, second);
    return Data.checksum(idx, N);
  }
}
