package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Hdbscan;
import dev.segmint.features.FeatureMatrix;
import elki.data.NumberVector;
import elki.database.relation.Relation;
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
 * HDBSCAN, Segmint against Smile 6.3 and ELKI 0.8.0 (HDBSCANLinearMemory: the hierarchy only, without cluster
 * extraction, so it does less than the others) on {@link DensityBenchData}, minClusterSize 10, minSamples 10.
 * Smile builds all pairwise distances and runs out of memory beyond about 10,000 points; it is left out of the large
 * shapes with {@code -p peer=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class HdbscanBenchmark {

  @Param({"10000x3", "50000x3", "100000x4"})
  public String shape;

  @Param({"segmint", "segmint1", "smile", "elki"})
  public String peer;

  double[][] rows;
  FeatureMatrix matrix;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setup() {
    int[] s = DensityBenchData.shape(shape);
    rows = DensityBenchData.rows(s[0], s[1]);
    matrix = DensityBenchData.matrix(rows);
    if (peer.equals("elki")) {
      relation = DensityPeers.elkiRelation(rows);
    }
  }

  /** Number of segments (or merges, for ELKI). */
  @Benchmark
  public int hdbscan() {
    return switch (peer) {
      case "segmint" -> Hdbscan.fit(matrix, Hdbscan.Options.of(10)).k();
      case "segmint1" -> Hdbscan.fit(matrix, Hdbscan.Options.of(10).withThreads(1)).k();
      case "smile" -> DensityPeers.smileHdbscan(rows, 10, 10);
      case "elki" -> DensityPeers.elkiHdbscan(relation, 10);
      default -> throw new IllegalArgumentException("unknown peer " + peer);
    };
  }
}
