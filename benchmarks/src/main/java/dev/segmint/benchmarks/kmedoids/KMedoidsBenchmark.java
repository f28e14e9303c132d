package dev.segmint.benchmarks.kmedoids;

import dev.segmint.cluster.KMedoids;
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
 * k-medoids with Gower distance, Segmint's FasterPAM against ELKI 0.8.0's FasterPAM on the same customers
 * ({@link MixedWorkload}: 8 numeric + 4 categorical features, k = 6), from the same start, with the same distances.
 * Each call is one whole fit and returns its cost, the sum of the distances to the nearest medoid, so that the
 * results can be compared at equal cost. Peers: {@code segmint} (all processors), {@code segmint1} (one thread, as
 * ELKI), {@code elki}; {@code segmint-sampled} is Segmint's default (FasterPAM on 10,000 customers starts the full
 * swaps when n is larger), for the time and cost of the default path.
 *
 * <p>ELKI's relation and the distance's layout are built in the setup; Segmint lays the matrix out inside its fit.
 * Memory at 100,000 customers: {@link KMedoidsMemory}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class KMedoidsBenchmark {

  @Param({"5000", "20000"})
  public int customers;

  @Param({"segmint", "segmint1", "segmint-sampled", "elki"})
  public String peer;

  FeatureMatrix matrix;
  MixedWorkload.Elki elki;

  @Setup(Level.Trial)
  public void setup() {
    matrix = MixedWorkload.customers(customers);
    if (peer.equals("elki")) {
      elki = MixedWorkload.elki(matrix);
    }
  }

  /** The cost of the fitted medoids. */
  @Benchmark
  public double fit() {
    return switch (peer) {
      case "segmint" -> KMedoids.fit(matrix, MixedWorkload.options(0)).cost();
      case "segmint1" -> KMedoids.fit(matrix, MixedWorkload.options(1)).cost();
      case "segmint-sampled" -> KMedoids.fit(matrix, MixedWorkload.options(0).withSampleSize(10_000)).cost();
      case "elki" -> MixedWorkload.elkiCost(elki);
      default -> throw new IllegalArgumentException("unknown peer " + peer);
    };
  }
}
