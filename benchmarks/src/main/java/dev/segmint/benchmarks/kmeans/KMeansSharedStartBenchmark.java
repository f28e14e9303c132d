package dev.segmint.benchmarks.kmeans;

import java.util.List;
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
 * The per-iteration comparison: every implementation starts from the same initial centroids
 * ({@link SharedStart}, computed by this harness and not timed), so no seeding is in the timed call and exact
 * Lloyd-type methods follow the same trajectory. One operation is one fit from those centroids, at most
 * {@link Peers#MAX_ITER} iterations; time per iteration = time per operation / the iterations the fit ran. The
 * iterations and inertia of each trial are printed as a {@code kmeans-outcome} line, as in {@link KMeansBenchmark}.
 *
 * <p>{@code impl} names Segmint's algorithms with their thread count ({@code segmint-lloyd@2}: {@code
 * KMeans.Options.withInitialCentroids}, tolerance 1e-4) and ELKI 0.8.0's variants (its {@code Predefined}
 * initialisation, stops when no point changes cluster). Smile, commons-math3 and Tribuo cannot be given initial
 * centroids and are not in this comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx8g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class KMeansSharedStartBenchmark {

  /** Every value {@code impl} can take. */
  public static final List<String> IMPLEMENTATIONS = List.of("segmint-lloyd@1", "segmint-lloyd@2",
      "segmint-hamerly@1", "segmint-hamerly@2", "segmint-elkan@1", "segmint-elkan@2", "segmint-auto@1",
      "segmint-auto@2", "elki-lloyd", "elki-hamerly", "elki-elkan", "elki-lloyd-parallel");

  @Param({"blobs-100000x8x8", "blobs-1000000x16x16", Workload.RFM_ONLINE_RETAIL})
  public String workload;

  @Param({"segmint-lloyd@1", "segmint-lloyd@2", "segmint-hamerly@1", "segmint-hamerly@2", "segmint-elkan@1",
      "segmint-elkan@2", "segmint-auto@1", "segmint-auto@2", "elki-lloyd", "elki-hamerly", "elki-elkan",
      "elki-lloyd-parallel"})
  public String impl;

  private Peers.Prepared<?> prepared;

  @Setup(Level.Trial)
  public void setUp() {
    Workload w = Workload.named(workload);
    double[][] start = SharedStart.of(w);
    System.out.println("workload " + w + " sha256=" + w.sha256() + " init_sha256=" + SharedStart.sha256(start));
    prepared = prepare(impl, w, start);
  }

  /** The implementation {@code impl} (one of {@link #IMPLEMENTATIONS}) on {@code w}, started from {@code start}. */
  static Peers.Prepared<?> prepare(String impl, Workload w, double[][] start) {
    if (impl.startsWith("segmint-")) {
      int at = impl.indexOf('@');
      if (at < 0) {
        throw new IllegalArgumentException("impl '" + impl + "' needs a thread count, e.g. " + impl + "@2; use one of "
            + IMPLEMENTATIONS);
      }
      String algorithm = impl.substring("segmint-".length(), at).toUpperCase(java.util.Locale.ROOT);
      int threads;
      try {
        threads = Integer.parseInt(impl.substring(at + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("impl '" + impl + "' has no thread count after '@'; use e.g. "
            + impl.substring(0, at) + "@2", e);
      }
      return Peers.segmint(w, threads, algorithm, start);
    }
    if (!Peers.ELKI_NAMES.contains(impl)) {
      throw new IllegalArgumentException("impl '" + impl + "' cannot start from given centroids here; use one of "
          + IMPLEMENTATIONS);
    }
    return Peers.elkiFrom(impl, w, start);
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
