package dev.segmint.benchmarks.kmedoids;

import dev.segmint.cluster.KMedoids;
import dev.segmint.features.FeatureMatrix;
import java.util.Locale;
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
 * k-medoids with Gower distance, Segmint's FasterPAM against ELKI 0.8.0's FasterPAM on the same customers
 * ({@link MixedWorkload}: 8 numeric + 4 categorical features, k = 6), from the same start, with the same distances.
 * Each call is one whole fit and returns its cost, the sum of the distances to the nearest medoid; the cost of the
 * trial's last fit is printed once per trial as a {@code kmedoids-outcome customers=… peer=… cost=…} line, so that the
 * peers can be compared at equal cost in the JMH log. Peers: {@code segmint} (all processors), {@code segmint1} (one thread, as
 * ELKI), {@code elki}; {@code segmint-sampled} is Segmint's default (FasterPAM on 10,000 customers starts the full
 * swaps when n is larger), for the time and cost of the default path.
 *
 * <p>ELKI's relation and the distance's layout are built in the setup; Segmint lays the matrix out inside its fit,
 * and with the default budget ({@code KMedoids.DEFAULT_MATRIX_BYTES}, at most half the heap) precomputes its float
 * distance triangle there at both sizes (50.6 MB at 5,000, 802.6 MB at 20,000 under the 2 GiB heap), as ELKI
 * precomputes its double matrix inside its fit. The fork adds {@code jdk.incubator.vector}, as Segmint's documentation
 * tells users on Java 25 to do, so that Segmint's estimate of a swap runs on its Panama sums (the same results).
 * The heap is touched at start ({@code -XX:+AlwaysPreTouch}) for every peer: each fit allocates its distances (Segmint
 * ~56 MB, ELKI ~100 MB at 5,000), and until the young generation has been used once the operating system zeroes
 * every new page inside the timed fit — measured on 2 cores, Segmint's fit at 5,000 took ~210 ms for the first ~15
 * fits of a fork and ~110 ms after, without any change in its code path; pre-touching measures the fits themselves
 * (ELKI's time does not move: 386 vs 377 ms). Five warm-up fits and ten measured ones.
 * Memory at 100,000 customers: {@link KMedoidsMemory}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
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

  double lastCost = Double.NaN;

  /** The cost of the fitted medoids. */
  @Benchmark
  public double fit() {
    lastCost = cost();
    return lastCost;
  }

  private double cost() {
    return switch (peer) {
      case "segmint" -> KMedoids.fit(matrix, MixedWorkload.options(0)).cost();
      case "segmint1" -> KMedoids.fit(matrix, MixedWorkload.options(1)).cost();
      case "segmint-sampled" -> KMedoids.fit(matrix, MixedWorkload.options(0).withSampleSize(10_000)).cost();
      case "elki" -> MixedWorkload.elkiCost(elki);
      default -> throw new IllegalArgumentException("unknown peer " + peer);
    };
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.println(outcome());
  }

  /** {@code kmedoids-outcome customers=5000 peer=elki cost=680.1328559}: the cost of the trial's last fit. */
  String outcome() {
    return String.format(Locale.ROOT, "kmedoids-outcome customers=%d peer=%s cost=%.10g", customers, peer, lastCost);
  }
}
