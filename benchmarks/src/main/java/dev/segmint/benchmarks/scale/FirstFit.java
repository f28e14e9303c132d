package dev.segmint.benchmarks.scale;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.kernel.Distances;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first k-means fit of a fresh JVM: generates Gaussian blobs (seeded; 100,000 × 8 around 8 centres by
 * default), fits k-means once (k = 8, seed 1, one seeding) and prints the fit's wall time and the bytes it
 * allocated — on the calling thread, and in the whole JVM (every thread, the worker pool included) — with the
 * kernels in use and their state at the end. Not JMH and not repeated in one
 * JVM on purpose: the point is the cold JVM. Run it once per JVM, for each kernel, on a quiet machine:
 *
 * <pre>
 * J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; CP=benchmarks/target/benchmarks.jar
 * $J -cp $CP dev.segmint.benchmarks.scale.FirstFit                                          # scalar (no module)
 * $J --add-modules jdk.incubator.vector -cp $CP dev.segmint.benchmarks.scale.FirstFit       # Panama
 * $J --add-modules jdk.incubator.vector -XX:UseAVX=2 -cp $CP dev.segmint.benchmarks.scale.FirstFit   # AVX2
 * $J ... FirstFit N D K [THREADS]                                                           # another shape
 * </pre>
 *
 * The label hash at the end must be the same in every run of one kernel configuration whatever the timing (the
 * Panama runs included: their cold start changes only the speed).
 */
public final class FirstFit {
  private FirstFit() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    FeatureMatrix m = ScaleRun.blobs(n, d, k);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long jvm0 = mx.getTotalThreadAllocatedBytes();
    long own0 = mx.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    KMeans.Result r = KMeans.fit(m, KMeans.Options.of(k).withSeed(1).withNInit(1).withThreads(threads));
    long nanos = System.nanoTime() - t0;
    long own = mx.getCurrentThreadAllocatedBytes() - own0;
    long jvm = mx.getTotalThreadAllocatedBytes() - jvm0;
    System.out.printf(Locale.ROOT, "first fit %,d × %d, k = %d: %.3f s, allocated %.1f MB on the calling thread, "
        + "%.1f MB in the JVM; %s, %d iterations, inertia %s, label hash %08x%n", n, d, k, nanos / 1e9, own / 1e6,
        jvm / 1e6, r.algorithm(), r.iterations(), Double.toString(r.inertia()), Arrays.hashCode(r.labels()));
    System.out.printf(Locale.ROOT, "kernels: %s (%s)%nat the end: %s%nJVM uptime %.2f s%n",
        Distances.implementationName(), Distances.selectionReason(), Distances.runtimeState(),
        ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
  }
}
