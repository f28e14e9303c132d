package dev.segmint.benchmarks.kmedoids;

import dev.segmint.cluster.KMedoids;
import dev.segmint.features.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

/**
 * k-medoids working memory with a capped heap: generates {@link MixedWorkload} customers (100,000 × (8 + 4) by
 * default), fits k-medoids (k = 6, seed 1, the default sampled start on 10,000 customers, then {@code MAXITER} full
 * swap passes, 1 by default: memory does not grow with passes) and prints the heap in use before the fit (after a
 * collection: the data and its ids), the sum of the heap pools' peaks during the fit (garbage included: an upper
 * bound) and the -Xmx. The proof is that the fit succeeds under a small -Xmx: an n × n matrix of doubles at 100,000
 * customers would need 80 GB (40 GB as a condensed triangle), Segmint's estimate is about 25 MiB beyond the data:
 *
 * <pre>
 * J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; CP=benchmarks/target/benchmarks.jar
 * $J -Xmx96m -cp $CP dev.segmint.benchmarks.kmedoids.KMedoidsMemory 100000 1
 * </pre>
 *
 * Arguments: [N] [MAXITER]. Exit code 1 when the fit runs out of memory.
 */
public final class KMedoidsMemory {
  private KMedoidsMemory() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int maxIter = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    FeatureMatrix m = MixedWorkload.customers(n);
    System.gc();
    long before = heapUsed();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    String outcome;
    int code = 0;
    long t0 = System.nanoTime();
    try {
      KMedoids.Result r = KMedoids.fit(m, KMedoids.Options.of(MixedWorkload.K).withSeed(MixedWorkload.SEED)
          .withMaxIter(maxIter));
      outcome = String.format(Locale.ROOT, "cost %.6g, %d swaps, %d passes, start from %,d sampled, sizes %s",
          r.cost(), r.swaps(), r.passes(), r.sampled(), Arrays.toString(r.sizes()));
    } catch (OutOfMemoryError e) {
      outcome = "OUT OF MEMORY";
      code = 1;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "k-medoids %,d × (8 + 4), k = %d, maxIter %d: heap before the fit %.0f MiB; sum "
        + "of the heap pools' peaks during the fit %.0f MiB (garbage included: an upper bound); -Xmx %.0f MiB; "
        + "%.1f s; %s%n", n, MixedWorkload.K, maxIter, before / 1048576.0, peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0, seconds, outcome);
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
