package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Dbscan;
import dev.segmint.features.FeatureMatrix;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.ml.clustering.DoublePoint;
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
 * DBSCAN, Segmint against its peers on the same data and settings ({@link DensityBenchData}: minPts 10, eps at the
 * k-distance knee, or at its median for the ":q50" shape). {@code segmint} uses all processors, {@code segmint1} one thread (the peers are
 * single-threaded). Peers that cannot finish a shape in 60 s are left out of its run with {@code -p peer=...}
 * (see docs/benchmarks.md). ELKI's database is built in the setup; its automatic k-d tree is built inside the
 * timed call, as ours is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DbscanBenchmark {

  /** n x d; ":q50" takes eps at the median k-distance instead of the knee (smaller neighbourhoods). */
  @Param({"50000x3", "50000x3:q50", "1000000x2", "1000000x4"})
  public String shape;

  @Param({"segmint", "segmint1", "smile", "commonsMath", "elki"})
  public String peer;

  double[][] rows;
  FeatureMatrix matrix;
  double eps;
  List<DoublePoint> points;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setup() {
    int[] s = DensityBenchData.shape(shape);
    rows = DensityBenchData.rows(s[0], s[1]);
    matrix = DensityBenchData.matrix(rows);
    eps = DensityBenchData.eps(matrix, shape);
    if (peer.equals("commonsMath")) {
      points = DensityPeers.doublePoints(rows);
    }
    if (peer.equals("elki")) {
      relation = DensityPeers.elkiRelation(rows);
    }
  }

  /** Number of noise points (returned so that JMH keeps the work). */
  @Benchmark
  public int dbscan() {
    int minPts = DensityBenchData.MIN_PTS;
    return switch (peer) {
      case "segmint" -> Dbscan.fit(matrix, Dbscan.Options.of(eps, minPts)).noiseCount();
      case "segmint1" -> Dbscan.fit(matrix, Dbscan.Options.of(eps, minPts).withThreads(1)).noiseCount();
      case "smile" -> DensityPeers.smileDbscan(rows, eps, minPts);
      case "commonsMath" -> DensityPeers.commonsMathDbscan(points, eps, minPts);
      case "elki" -> DensityPeers.elkiDbscan(relation, eps, minPts);
      default -> throw new IllegalArgumentException("unknown peer " + peer);
    };
  }
}
