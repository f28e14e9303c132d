package dev.segmint.benchmarks;

import dev.segmint.kernel.internal.PackedLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nearest centroid on n = 1,000,000 points, d = 16, k = 16 (128 MB of points, far larger than the caches): one
 * operation = one full pass = n·k·d·3 flops (768 MFLOP) reading 8·n·d bytes (128 MB). Single thread, and all
 * threads (each thread makes its own full pass over the shared points; JMH sums the threads' throughput).
 * Peers: a naive Java loop on the flat array, and Smile's {@code MathEx.squaredDistance} on {@code double[][]}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LargeNearestCentroidBenchmark {

  /** Read-only data shared by all threads. */
  @State(Scope.Benchmark)
  public static class Points {
    @Param("1000000")
    public int n;

    @Param("16")
    public int d;

    @Param("16")
    public int k;

    double[] points;
    double[] packed;
    double[][] rows;
    double[] centroids;
    double[][] centroidRows;

    @Setup
    public void setup() {
      points = Data.random(5, n * d);
      packed = PackedLayout.pack(points, 0, n, d);
      rows = Data.rows(points, n, d);
      centroids = Data.random(6, k * d);
      centroidRows = Data.rows(centroids, k, d);
    }
  }

  /** Per-thread outputs. */
  @State(Scope.Thread)
  public static class Out {
    int[] idx;
    double[] dist;
    double[] second;

    @Setup
    public void setup(Points p) {
      idx = new int[p.n];
      dist = new double[p.n];
      second = new double[p.n];
    }
  }

  @Benchmark
  public long scalar(Points p, Out o) {
    Data.SCALAR.nearestCentroids(p.points, 0, p.n, p.d, p.centroids, p.k, o.idx, o.dist, o.second);
    return Data.checksum(o.idx, p.n);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panama(Points p, Out o) {
    Data.Panama.KERNEL.nearestCentroids(p.points, 0, p.n, p.d, p.centroids, p.k, o.idx, o.dist, o.second);
    return Data.checksum(o.idx, p.n);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panamaPacked(Points p, Out o) {
    Data.Panama.KERNEL.nearestCentroidsPacked(p.packed, 0, p.n, p.d, p.centroids, p.k, o.idx, o.dist, o.second);
    return Data.checksum(o.idx, p.n);
  }

  @Benchmark
  public long naive(Points p, Out o) {
    return Data.naiveNearest(p.points, 0, p.n, p.d, p.centroids, p.k, o.idx, o.dist, o.second);
  }

  @Benchmark
  public long smile(Points p, Out o) {
    return Data.smileNearest(p.rows, p.centroidRows, o.idx, o.dist, o.second);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public long scalarAllThreads(Points p, Out o) {
    return scalar(p, o);
  }

  @Benchmark
  @Threads(Threads.MAX)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panamaAllThreads(Points p, Out o) {
    return panama(p, o);
  }

  @Benchmark
  @Threads(Threads.MAX)
  @Fork(value = 1, jvmArgsAppend = Data.VECTOR)
  public long panamaPackedAllThreads(Points p, Out o) {
    return panamaPacked(p, o);
  }
}
