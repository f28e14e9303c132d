package dev.segmint.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The machine's physical limits, measured in the same run as the kernels.
 *
 * <ul>
 *   <li>{@code stream*}: one pass over a {@code length}-double array (default 2²⁷ doubles = 1 GiB), summed with
 *       four SIMD accumulators so that the loads, not the additions, bind. One operation = one pass;
 *       bytes/s = ops/s × 8·length. With all threads each thread streams the whole array.
 *   <li>{@code fma*}: {@value #CHAINS} independent chains of vector fused multiply-adds on registers only,
 *       {@value #ITERATIONS} steps each. One operation = {@code 2·lanes·CHAINS·ITERATIONS} flops (lanes = 8
 *       doubles for 512-bit vectors).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Data.VECTOR, "-Xmx3g"})
public class LimitsBenchmark {

  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int CHAINS = 12;
  static final int ITERATIONS = 1 << 20;

  /** The array to stream, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Stream {
    /** Doubles to stream: 2²⁷ = 1 GiB (pass a smaller {@code -p length=} when the heap is short). */
    @Param("134217728")
    public int length;

    double[] data;

    @Setup
    public void setup() {
      data = new double[length];
      for (int i = 0; i < length; i++) {
        data[i] = i & 1023;
      }
    }
  }

  /** Vector lanes of the preferred species (for converting operations to flops). */
  public static int lanes() {
    return S.length();
  }

  @Benchmark
  public double streamOneThread(Stream s) {
    return sum(s.data);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public double streamAllThreads(Stream s) {
    return sum(s.data);
  }

  @Benchmark
  public double fmaOneThread() {
    return fma(ITERATIONS);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public double fmaAllThreads() {
    return fma(ITERATIONS);
  }

  static double sum(double[] a) {
    int l = S.length();
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = 0;
    for (; i + 4 * l <= a.length; i += 4 * l) {
      s0 = s0.add(DoubleVector.fromArray(S, a, i));
      s1 = s1.add(DoubleVector.fromArray(S, a, i + l));
      s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * l));
      s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * l));
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  static double fma(int iterations) {
    DoubleVector m = DoubleVector.broadcast(S, 0.999999);
    DoubleVector c = DoubleVector.broadcast(S, 1e-7);
    DoubleVector a0 = DoubleVector.broadcast(S, 1.0);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    DoubleVector a4 = a0;
    DoubleVector a5 = a0;
    DoubleVector a6 = a0;
    DoubleVector a7 = a0;
    DoubleVector a8 = a0;
    DoubleVector a9 = a0;
    DoubleVector a10 = a0;
    DoubleVector a11 = a0;
    for (int i = 0; i < iterations; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
        .reduceLanes(VectorOperators.ADD);
  }
}
