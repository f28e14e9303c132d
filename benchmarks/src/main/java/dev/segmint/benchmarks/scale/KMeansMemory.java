package dev.segmint.benchmarks.scale;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

/**
 * k-means working memory with a capped heap: generates Gaussian blobs (1,000,000 × 16 around 16 centres by
 * default), then fits k-means (k = 16, seed 1, one seeding, AUTO algorithm unless a fifth argument names one) and
 * prints the data size, the heap in use before the fit (after a collection: the data and its ids), the peak heap
 * during the fit (the heap pools' peak occupancy: garbage included, an upper bound) and the -Xmx. The proof is
 * that the fit succeeds under a small -Xmx; the target is working memory ≤ 3 × the data, e.g. 1,000,000 × 16
 * (128 MB of data) in 450 MB of heap, which also holds the data, its ids and the generator's array:
 *
 * <pre>
 * J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; CP=benchmarks/target/benchmarks.jar
 * $J -Xmx450m --add-modules jdk.incubator.vector -cp $CP dev.segmint.benchmarks.scale.KMeansMemory
 * $J -Xmx450m -cp $CP dev.segmint.benchmarks.scale.KMeansMemory 1000000 16 16 1 HAMERLY
 * </pre>
 *
 * Arguments: N D K [NINIT] [ALGORITHM]. Exit code 1 when the fit runs out of memory or is refused.
 */
public final class KMeansMemory {
  private KMeansMemory() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int nInit = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    KMeans.Algorithm algorithm = args.length > 4 ? KMeans.Algorithm.valueOf(args[4]) : KMeans.Algorithm.AUTO;
    FeatureMatrix m = ScaleRun.blobs(n, d, k);
    System.gc();
    long before = heapUsed();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    double data = 8.0 * n * d / 1048576;
    String outcome;
    int code = 0;
    long t0 = System.nanoTime();
    try {
      KMeans.Result r = KMeans.fit(m, KMeans.Options.of(k).withSeed(1).withNInit(nInit).withAlgorithm(algorithm));
      outcome = String.format(Locale.ROOT, "%s, %d iterations, inertia %.6g, sizes %s", r.algorithm(),
          r.iterations(), r.inertia(), Arrays.toString(r.sizes()));
    } catch (OutOfMemoryError e) {
      outcome = "OUT OF MEMORY";
      code = 1;
    } catch (IllegalArgumentException e) {
      outcome = "REFUSED: " + e.getMessage();
      code = 1;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "k-means %,d × %d, k = %d, nInit %d: data %.0f MiB; heap before the fit %.0f MiB; "
        + "sum of the heap pools' peaks during the fit %.0f MiB (garbage included, and the pools peak at different "
        + "times: an upper bound, not the working memory); -Xmx %.0f MiB; %.1f s; %s%n", n, d, k, nInit, data,
        before / 1048576.0, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, seconds, outcome);
    System.out.println("kernels: " + dev.segmint.kernel.Distances.implementationName() + "; at the end: "
        + dev.segmint.kernel.Distances.runtimeState());
    System.exit(code);
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        used += p.getUsage().getUsed();
      }
    }
    return used;
  }
}
