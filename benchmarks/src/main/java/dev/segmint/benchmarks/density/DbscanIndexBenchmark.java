package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Dbscan;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The crossovers behind {@link Dbscan#chooseIndex}: the same DBSCAN (minPts 10, eps at the k-distance knee) through
 * the grid, the KD-tree and brute force, over dimensions and sizes. The grid exists up to 4 features only (above, it
 * falls back to the KD-tree, so those rows are not run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DbscanIndexBenchmark {

  @Param({"1000", "20000"})
  public int n;

  @Param({"2", "3", "4", "8", "16", "32"})
  public int d;

  @Param({"GRID", "KD_TREE", "BRUTE_FORCE"})
  public String index;

  FeatureMatrix matrix;
  double eps;

  @Setup(Level.Trial)
  public void setup() {
    matrix = DensityBenchData.matrix(DensityBenchData.rows(n, d));
    eps = DensityBenchData.eps(matrix);
  }

  @Benchmark
  public int dbscan() {
    return Dbscan.fit(matrix, Dbscan.Options.of(eps, DensityBenchData.MIN_PTS).withThreads(1)
        .withIndex(Dbscan.Index.valueOf(index))).noiseCount();
  }
}
