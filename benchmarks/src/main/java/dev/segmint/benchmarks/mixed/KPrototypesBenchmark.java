package dev.segmint.benchmarks.mixed;

import dev.segmint.cluster.KPrototypes;
import dev.segmint.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * Segmint's k-prototypes on generated mixed customers (no JVM library has k-prototypes, so there is no peer): one
 * operation is one fit from fixed initial prototypes (no seeding timed) with {@value #K} segments and at most
 * {@value #MAX_ITER} iterations, tolerance 0, so that the time per iteration is the time per operation divided by
 * the iterations printed once per trial ({@code kprototypes-outcome} line, with the costs computed and saved).
 *
 * <p>Data ({@link #generate}, fixed seed {@value #SEED}): {@code n} customers in {@value #GROUPS} groups of equal
 * probability; {@value #D} numeric features, feature j of a customer of group g drawn from N(3·((g + j) mod 8), 1);
 * {@value #C} categorical features with 4, 6, 8 and 12 levels, feature j taking level (g + j) mod levels with
 * probability 0.7, else a uniform level, and missing (code -1) with probability 0.01. Initial prototypes: the numeric
 * values and levels of customers 0, n/8, 2n/8, … (customers with a missing level keep it as "no level").
 *
 * <p>Physical limit per iteration (see docs/benchmarks.md): the plain loop reads n·(8·d + 2·c) bytes (7.2 MB at
 * 100,000, 72 MB at 1,000,000) and evaluates n·k·d numeric terms (3 flops) and n·k·c level comparisons; with
 * bounds most customers only read and write their two bounds and label (20 bytes each).
 *
 * <p>Smoke run (no timing): {@code java -jar benchmarks/target/benchmarks.jar KPrototypesBenchmark -f 0 -wi 0 -i 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class KPrototypesBenchmark {

  static final long SEED = 42;
  static final int GROUPS = 8;
  static final int K = 8;
  static final int D = 8;
  static final int C = 4;
  static final int[] LEVELS = {4, 6, 8, 12};
  static final int MAX_ITER = 20;

  @Param({"100000", "1000000"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  /** {@code true}: Hamerly's bounds (the default); {@code false}: the plain loop, all n·k costs per iteration. */
  @Param({"true", "false"})
  public boolean bounds;

  private FeatureMatrix data;
  private KPrototypes.Options options;
  private KPrototypes.Result last;

  @Setup(Level.Trial)
  public void setUp() {
    data = generate(n);
    double[][] centers = new double[K][];
    String[][] modes = new String[K][C];
    for (int p = 0; p < K; p++) {
      int i = (int) ((long) p * n / K);
      centers[p] = data.row(i);
      for (int j = 0; j < C; j++) {
        modes[p][j] = data.level(i, j);
      }
    }
    options = KPrototypes.Options.of(K).withThreads(threads).withBounds(bounds).withMaxIter(MAX_ITER)
        .withTolerance(0).withInitialPrototypes(centers, modes);
  }

  @Benchmark
  public KPrototypes.Result fit() {
    last = options.fit(data);
    return last;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (last != null) {
      System.out.println(outcome(last));
    }
  }

  static String outcome(KPrototypes.Result r) {
    return String.format(Locale.ROOT, "kprototypes-outcome iterations=%d cost=%.6g numeric=%.6g categorical=%.6g "
        + "gamma=%.6g distances=%d saved=%d", r.diagnostics().iterations(), r.cost(), r.numericCost(),
        r.categoricalCost(), r.gamma(), r.diagnostics().distanceComputations(), r.distancesSaved());
  }

  /** The documented generator (class comment); the same n gives the same matrix. */
  static FeatureMatrix generate(int n) {
    SplittableRandom r = new SplittableRandom(SEED);
    String[] ids = new String[n];
    double[] x = new double[n * D];
    short[] codes = new short[n * C];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
      int g = r.nextInt(GROUPS);
      for (int j = 0; j < D; j++) {
        x[i * D + j] = 3 * ((g + j) % GROUPS) + gaussian(r);
      }
      for (int j = 0; j < C; j++) {
        int level = r.nextDouble() < 0.7 ? (g + j) % LEVELS[j] : r.nextInt(LEVELS[j]);
        codes[i * C + j] = (short) (r.nextDouble() < 0.01 ? -1 : level);
      }
    }
    String[] names = new String[D];
    for (int j = 0; j < D; j++) {
      names[j] = "x" + j;
    }
    String[] cat = new String[C];
    List<List<String>> levels = new ArrayList<>();
    for (int j = 0; j < C; j++) {
      cat[j] = "c" + j;
      List<String> l = new ArrayList<>();
      for (int q = 0; q < LEVELS[j]; q++) {
        l.add("l" + q);
      }
      levels.add(l);
    }
    return FeatureMatrix.mixed(ids, names, x, null, cat, levels, codes);
  }

  /** A standard normal draw (Box–Muller, one of the pair), from the seeded generator only. */
  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
