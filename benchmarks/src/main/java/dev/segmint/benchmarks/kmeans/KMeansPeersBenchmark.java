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
 * The JVM peers of Segmint's k-means (Smile, commons-math3, ELKI's Lloyd, Hamerly, Elkan and parallel Lloyd,
 * Tribuo), one complete fit per operation with the settings of {@link Peers}, on the workloads of
 * {@link KMeansBenchmark}. The input is converted to each peer's own format once per trial, outside the timing.
 * The iterations and inertia each peer reached are printed once per trial as a {@code kmeans-outcome} line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx8g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class KMeansPeersBenchmark {

  @Param({"blobs-100000x8x8", "blobs-1000000x16x16", Workload.RFM_ONLINE_RETAIL})
  public String workload;

  @Param({"smile", "commons-math3", "elki-lloyd", "elki-hamerly", "elki-elkan", "elki-lloyd-parallel", "tribuo"})
  public String peer;

  private Peers.Prepared<?> prepared;

  @Setup(Level.Trial)
  public void setUp() {
    Workload w = Workload.named(workload);
    System.out.println("workload " + w + " sha256=" + w.sha256());
    prepared = Peers.prepare(peer, w);
  }

  @Benchmark
  public Object fit() {
    return prepared.fit();
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.println(lastOutcome().toLogLine());
  }

  /** Iterations and inertia of the last fit (not timed). */
  Outcome lastOutcome() {
    return prepared.lastOutcome();
  }
}
