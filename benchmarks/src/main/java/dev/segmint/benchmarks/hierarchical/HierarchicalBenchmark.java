package dev.segmint.benchmarks.hierarchical;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Segmint against Smile 6.3 and ELKI 0.8.0 on the same {@link HierarchicalWorkload} (n × 8 Gaussian blobs),
 * one complete hierarchical clustering per operation (single shot: each takes seconds). Peak heap per
 * iteration is printed as a {@code hierarchical-memory} line (see {@link PeakHeap}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HierarchicalBenchmark -f 1 -wi 1 -i 3 -rf json}
 * (filter with {@code -p peer=segmint-ward,smile-ward -p n=20000}).
 *
 * <p>The heap options are {@code jvmArgs}, not {@code jvmArgsAppend}: a {@code -jvmArgsAppend} on the command line
 * replaces the annotation's {@code jvmArgsAppend}, and runs until session 17 that added {@code -XX:+AlwaysPreTouch}
 * that way lost {@code -Xms2g}: each iteration's {@code System.gc()} ({@link PeakHeap}) shrank the heap to 40 MB,
 * and the next fit paid for growing it again (pauses of 50–390 ms inside measured fits, seen with
 * {@code -Xlog:gc}). With a 2 GB floor and the heap touched at start-up, a fit pays for its work, not for the
 * heap's growth.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class HierarchicalBenchmark {

  @Param({"10000", "20000"})
  public int n;

  @Param({"segmint-ward", "smile-ward", "elki-nnchain-ward", "elki-anderberg-ward",
      "segmint-single", "smile-single", "elki-slink-single", "elki-nnchain-single", "elki-anderberg-single",
      "segmint-complete", "smile-complete", "elki-nnchain-complete", "elki-anderberg-complete",
      "segmint-average", "smile-average", "elki-nnchain-average", "elki-anderberg-average"})
  public String peer;

  private Supplier<double[]> fit;

  @Setup(Level.Trial)
  public void prepare() {
    fit = HierarchicalPeers.prepare(peer, n, Runtime.getRuntime().availableProcessors());
  }

  @Setup(Level.Iteration)
  public void resetPeak() {
    PeakHeap.reset();
  }

  @Benchmark
  public double[] fit() {
    return fit.get();
  }

  @TearDown(Level.Iteration)
  public void printPeak() {
    System.out.println(PeakHeap.line(peer + " n=" + n));
  }
}
