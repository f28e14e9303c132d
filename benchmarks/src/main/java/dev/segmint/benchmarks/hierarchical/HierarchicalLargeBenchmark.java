package dev.segmint.benchmarks.hierarchical;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
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
 * Segmint alone where no JVM peer runs: exact ward and single linkage at n = 100,000 (O(n) memory) and the
 * two-stage ward path at n = 1,000,000 ({@link Hierarchical#DEFAULT_MICRO_CLUSTERS} micro-clusters), d = 8.
 * The fork's heap is capped at 1 GiB (the data is 6 MiB at 100,000 and 61 MiB at 1,000,000), which is the
 * issue's memory target; peak heap is printed as a {@code hierarchical-memory} line.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HierarchicalLargeBenchmark -f 1 -wi 0 -i 1 -rf json}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class HierarchicalLargeBenchmark {

  @Param({"ward-100000", "single-100000", "ward-two-stage-1000000"})
  public String workload;

  private FeatureMatrix data;
  private Hierarchical.Options options;

  @Setup(Level.Trial)
  public void prepare() {
    int n = Integer.parseInt(workload.substring(workload.lastIndexOf('-') + 1));
    data = HierarchicalWorkload.matrix(n);
    Linkage linkage = Linkage.parse(workload.substring(0, workload.indexOf('-')));
    options = Hierarchical.Options.of(linkage, 12).withThreads(Runtime.getRuntime().availableProcessors());
    if (workload.contains("two-stage")) {
      options = options.withTwoStage();
    }
  }

  @Setup(Level.Iteration)
  public void resetPeak() {
    PeakHeap.reset();
  }

  @Benchmark
  public int[] fit() {
    return Hierarchical.fit(data, options).labels();
  }

  @TearDown(Level.Iteration)
  public void printPeak() {
    System.out.println(PeakHeap.line(workload));
  }
}
