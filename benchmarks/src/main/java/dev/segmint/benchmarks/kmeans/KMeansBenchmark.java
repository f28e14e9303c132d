package dev.segmint.benchmarks.kmeans;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segmint's k-means, one complete fit per operation: k-means++ seeding, one initialisation, at most 100
 * iterations, tolerance 1e-4, seed 42, on the same workloads as {@link KMeansPeersBenchmark} (same run, same
 * data, same JVM flags). Every operation repeats the same seeded fit, so the time per operation is the time of
 * one fit; the iterations and inertia it reached are printed once per trial as a {@code kmeans-outcome} line.
 *
 * <p>Run from the repository root (the RFM workload reads {@code data/}); see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx8g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class KMeansBenchmark {

  @Param({"blobs-100000x8x8", "blobs-1000000x16x16", Workload.RFM_ONLINE_RETAIL})
  public String workload;

  @Param({"1", "2"})
  public int threads;

  /** Segmint's algorithm; to compare them, list e.g. "LLOYD", "HAMERLY", "ELKAN", "AUTO" here. */
  @Param({Peers.DEFAULT_ALGORITHM})
  public String algorithm;

  private Peers.Prepared<?> segmint;

  @Setup(Level.Trial)
  public void setUp() {
    Workload w = Workload.named(workload);
    System.out.println("workload " + w + " sha256=" + w.sha256());
    segmint = Peers.segmint(w, threads, algorithm);
  }

  @Benchmark
  public Object fit() {
    return segmint.fit();
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.println(lastOutcome().toLogLine());
  }

  /** Iterations and inertia of the last fit (not timed). */
  Outcome lastOutcome() {
    return segmint.lastOutcome();
  }
}
