package dev.segmint.benchmarks.kmeans;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import java.util.Locale;

/**
 * Where a k-means fit's time goes: the mean over many fits of the whole fit, its seeding
 * ({@code KMeans.Result.initNanos()}), its Lloyd passes ({@code iterationNanos()}) and the rest (input checks, the
 * tolerance's mean variance, the result), after warm-up fits, with the options of {@link Peers#segmint}. Not JMH:
 * a probe for A/Bs of one phase, old and new jar in turn.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector [-XX:UseAVX=2] -cp benchmarks/target/benchmarks.jar \
 *     dev.segmint.benchmarks.kmeans.FitPhases blobs-100000x8x8 2 [warm-up fits, default 400] [fits, default 300]
 * </pre>
 */
public final class FitPhases {
  private FitPhases() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: FitPhases WORKLOAD THREADS [WARMUP] [FITS]");
      System.exit(2);
    }
    Workload w = Workload.named(args[0]);
    int threads = Integer.parseInt(args[1]);
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    int fits = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    FeatureMatrix m = Peers.matrix(w);
    KMeans.Options o = KMeans.Options.of(w.k()).withSeed(Peers.SEED).withNInit(1).withMaxIter(Peers.MAX_ITER)
        .withTolerance(Peers.TOLERANCE).withThreads(threads);
    for (int r = 0; r < warmup; r++) {
      KMeans.fit(m, o);
    }
    long total = 0;
    long init = 0;
    long iterations = 0;
    int passes = 0;
    for (int r = 0; r < fits; r++) {
      long t = System.nanoTime();
      KMeans.Result res = KMeans.fit(m, o);
      total += System.nanoTime() - t;
      init += res.initNanos();
      iterations += res.iterationNanos();
      passes = res.iterations();
    }
    System.out.printf(Locale.ROOT, "%s, %d threads, %d fits of %d iterations: fit %.2f ms, seeding %.2f ms, "
        + "iterations %.2f ms, the rest %.2f ms%n", w, threads, fits, passes, total / 1e6 / fits, init / 1e6 / fits,
        iterations / 1e6 / fits, (total - init - iterations) / 1e6 / fits);
  }
}
