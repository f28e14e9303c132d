package dev.segmint.benchmarks.kmeans;

import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KMeans.Algorithm;
import dev.segmint.features.FeatureMatrix;
import java.util.Locale;

/**
 * The crossover study behind {@link KMeans#chooseAlgorithm}: for each {@code blobs-NxDxK} workload, Lloyd, Hamerly
 * and Elkan start from the same centroids (one k-means++ step-1 fit, seed 42) and run at most {@code maxIter}
 * iterations at tolerance 1e-4 on one thread; the time per iteration is {@link KMeans.Result#iterationNanos()} /
 * iterations (first assignment and final inertia included), the minimum over 15 / 5 / 3 repetitions for n below
 * 100,000 / below 1,000,000 / above. Prints one line per workload: n d k iterations, ms per iteration for the three,
 * and what AUTO picks. Usage:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.segmint.benchmarks.kmeans.KMeansCrossover 30 blobs-10000x2x4 blobs-100000x16x64 ...
 * </pre>
 *
 * Wall time, not JMH: run it on a quiet machine; the ratios between the three columns are what AUTO is built on.
 */
public final class KMeansCrossover {
  private KMeansCrossover() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: KMeansCrossover MAX_ITER blobs-NxDxK [blobs-NxDxK ...]");
      System.exit(2);
    }
    int maxIter = Integer.parseInt(args[0]);
    Algorithm[] algorithms = {Algorithm.LLOYD, Algorithm.HAMERLY, Algorithm.ELKAN};
    System.out.println("n d k iterations lloyd_ms hamerly_ms elkan_ms auto");
    for (int q = 1; q < args.length; q++) {
      Workload w = Workload.named(args[q]);
      int n = w.n();
      int d = w.d();
      int k = w.k();
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = Integer.toString(i);
      }
      String[] names = new String[d];
      for (int j = 0; j < d; j++) {
        names[j] = "x" + j;
      }
      FeatureMatrix m = FeatureMatrix.ofFlat(ids, names, null, w.flat());
      double[][] start = KMeans.fit(m, KMeans.Options.of(k).withSeed(42).withNInit(1).withMaxIter(1)
          .withThreads(1)).centroids();
      int reps = n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 15;
      double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      int iterations = 0;
      for (int r = 0; r < reps; r++) {
        for (int a = 0; a < algorithms.length; a++) {
          KMeans.Result res = KMeans.fit(m, KMeans.Options.of(k).withInitialCentroids(start)
              .withAlgorithm(algorithms[a]).withMaxIter(maxIter).withTolerance(1e-4).withThreads(1));
          best[a] = Math.min(best[a], res.iterationNanos() / 1e6 / res.iterations());
          iterations = res.iterations();
        }
      }
      System.out.printf(Locale.ROOT, "%d %d %d %d %.3f %.3f %.3f %s%n", n, d, k, iterations, best[0], best[1], best[2],
          KMeans.chooseAlgorithm(n, d, k).name().toLowerCase(Locale.ROOT));
    }
  }
}
