package dev.segmint.benchmarks.kmeans;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import java.util.Arrays;
import java.util.Locale;

/**
 * The spread of one-initialisation k-means inertia over seeds: the benchmarks fit once with seed 42, and one draw
 * of k-means++ can land in a worse local optimum than another implementation's one draw. This prints Segmint's
 * inertia (computed by the harness, as in the benchmark tables) for seeds 0..S−1 with the benchmark settings (greedy
 * k-means++, 1 initialisation, at most 100 iterations, tolerance 1e-4, one thread), then min / median / mean / max.
 * {@code sklearn_kmeans.py --inertia-seeds S} prints the same for scikit-learn on the exported bytes.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.segmint.benchmarks.kmeans.InertiaSpread rfm-online-retail 50</pre>
 */
public final class InertiaSpread {
  private InertiaSpread() {}

  /** Harness inertia of one-initialisation fits with seeds 0..seeds−1, in seed order. */
  static double[] inertias(Workload w, int seeds) {
    FeatureMatrix m = Peers.matrix(w);
    double[] out = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      KMeans.Result r = KMeans.fit(m, KMeans.Options.of(w.k()).withSeed(s).withNInit(1).withMaxIter(Peers.MAX_ITER)
          .withTolerance(Peers.TOLERANCE).withThreads(1));
      out[s] = Inertia.atCentroids(w.flat(), w.d(), r.centroids());
    }
    return out;
  }

  /** "min … median … mean … max …" of {@code v}. */
  static String summary(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return String.format(Locale.ROOT, "min %.6g median %.6g mean %.6g max %.6g", s[0], median,
        Arrays.stream(v).sum() / v.length, s[s.length - 1]);
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: InertiaSpread WORKLOAD SEEDS   (e.g. rfm-online-retail 50)");
      System.exit(2);
    }
    Workload w = Workload.named(args[0]);
    int seeds = Integer.parseInt(args[1]);
    double[] v = inertias(w, seeds);
    System.out.printf(Locale.ROOT, "segmint %s, %d seeds (0..%d), 1 initialisation each: %s%n", w.name(), seeds,
        seeds - 1, summary(v));
  }
}
