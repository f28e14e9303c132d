package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.features.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Peak heap of one Segmint density fit: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.segmint.benchmarks.density.DensityMemory dbscan|hdbscan N D [INDEX]}. It builds the data, collects garbage, resets the
 * heap pools' peak usage, fits once, and reports the sum of the pools' peaks minus the heap in use before the fit
 * (an upper bound on what the fit needed: pools peak at different moments) next to the data size n·d·8 bytes. Run it
 * with a small {@code -Xmx} as well to see the fit finish inside a bound.
 */
public final class DensityMemory {
  private DensityMemory() {}

  public static void main(String[] args) {
    String alg = args.length > 0 ? args[0] : "dbscan";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Dbscan.Index index = args.length > 3 ? Dbscan.Index.valueOf(args[3]) : Dbscan.Index.AUTO;
    FeatureMatrix m = DensityBenchData.matrix(DensityBenchData.rows(n, d));
    double eps = alg.equals("dbscan") ? DensityBenchData.eps(m) : 0;
    System.gc();
    long before = heapUsed();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    long t0 = System.nanoTime();
    String what;
    if (alg.equals("dbscan")) {
      Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, DensityBenchData.MIN_PTS).withIndex(index));
      what = String.format(Locale.ROOT, "DBSCAN eps=%.4g: %d segments, %d noise, %s index", eps, r.k(),
          r.noiseCount(), r.index());
    } else {
      Hdbscan.Result r = Hdbscan.fit(m, Hdbscan.Options.of(10));
      what = String.format(Locale.ROOT, "HDBSCAN: %d segments, %d noise, %s MST", r.k(), r.noiseCount(),
          r.mstAlgorithm());
    }
    long nanos = System.nanoTime() - t0;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    double data = 8.0 * n * d;
    System.out.printf(Locale.ROOT, "%s on %,d x %d in %.2f s; data %.1f MB; heap before %.1f MB; peak of pools %.1f MB;"
        + " fit peak above before %.1f MB = %.2f x data; max heap %.0f MB%n", what, n, d, nanos / 1e9, data / 1e6,
        before / 1e6, peak / 1e6, (peak - before) / 1e6, (peak - before) / data,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
