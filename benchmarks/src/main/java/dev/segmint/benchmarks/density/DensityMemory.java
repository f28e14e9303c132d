package dev.segmint.benchmarks.density;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.features.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap needed by one Segmint density fit: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.segmint.benchmarks.density.DensityMemory dbscan|hdbscan N D [INDEX [EPS [search]]]}. It builds the data,
 * chooses eps at the knee unless EPS is given (NaN: the knee), collects garbage, records the live heap ("before"),
 * and then reports one of two numbers:
 *
 * <ul>
 *   <li>by default, after one fit, the sum of the heap pools' peak usage minus "before": an upper bound (pools peak at different moments, and
 *       garbage not yet collected counts);
 *   <li>with a sixth argument {@code search}: the smallest free heap in which the fit still completes. It fills
 *       the heap with 1 MB ballast arrays so that exactly F bytes stay free, fits, and bisects F (to 1/64 of the
 *       data size) between a failure ({@link OutOfMemoryError}) and a success. Run it with the serial collector
 *       and a small young generation ({@code -XX:+UseSerialGC -Xmn1m}), which compacts the whole heap before it
 *       gives up, so F is the live heap the fit needed at its peak, to within the step and the young generation:
 *       the honest number, reported as the ratio to the data.
 * </ul>
 */
public final class DensityMemory {
  private DensityMemory() {}

  public static void main(String[] args) {
    String alg = args.length > 0 ? args[0] : "dbscan";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Dbscan.Index index = args.length > 3 ? Dbscan.Index.valueOf(args[3]) : Dbscan.Index.AUTO;
    FeatureMatrix m = DensityBenchData.matrix(DensityBenchData.rows(n, d));
    double given = args.length > 4 ? Double.parseDouble(args[4]) : Double.NaN;
    double eps = !alg.equals("dbscan") ? 0 : Double.isNaN(given) ? DensityBenchData.eps(m) : given;
    System.gc();
    long before = heapUsed();
    if (args.length > 5 && args[5].equals("search")) {
      search(alg, m, eps, index);
      return;
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    long t0 = System.nanoTime();
    String what;
    if (alg.equals("dbscan")) {
      Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(eps, DensityBenchData.MIN_PTS).withIndex(index));
      what = String.format(Locale.ROOT, "DBSCAN eps=%s: %d segments, %d noise, %s index", eps, r.k(),
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
        + " fit peak above before %.1f MB = %.2f x data (upper bound); max heap %.0f MB%n", what, n, d, nanos / 1e9,
        data / 1e6, before / 1e6, peak / 1e6, (peak - before) / 1e6, (peak - before) / data,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static void fit(String alg, FeatureMatrix m, double eps, Dbscan.Index index) {
    if (alg.equals("dbscan")) {
      Dbscan.fit(m, Dbscan.Options.of(eps, DensityBenchData.MIN_PTS).withIndex(index));
    } else {
      Hdbscan.fit(m, Hdbscan.Options.of(10));
    }
  }

  /** Bisects the smallest free heap in which one fit completes; prints it against the data size. */
  private static void search(String alg, FeatureMatrix m, double eps, Dbscan.Index index) {
    double data = 8.0 * m.rows() * m.columns();
    long step = Math.max(64 << 10, (long) (data / 64));
    long lo = 0;
    long hi = (long) (4 * data);
    while (!fitsIn(hi, alg, m, eps, index)) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > step) {
      long mid = (lo + hi) >>> 1;
      if (fitsIn(mid, alg, m, eps, index)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    System.out.printf(Locale.ROOT, "%s on %,d x %d (eps %s, %s): completes with %.1f MB free, not with %.1f MB;"
        + " data %.1f MB; live peak above the input <= %.2f x data%n", alg, m.rows(), m.columns(), eps, index,
        hi / 1e6, lo / 1e6, data / 1e6, hi / data);
  }

  /** Whether the fit completes when only {@code free} bytes of heap are free (the rest is ballast). */
  private static boolean fitsIn(long free, String alg, FeatureMatrix m, double eps, Dbscan.Index index) {
    List<byte[]> ballast = new ArrayList<>();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long fill = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) - free;
    int chunk = 1 << 20;
    try {
      while (fill >= chunk) {
        ballast.add(new byte[chunk - 16]);
        fill -= chunk;
      }
      if (fill > 16) {
        ballast.add(new byte[(int) fill - 16]);
      }
    } catch (OutOfMemoryError e) {
      ballast = null;
      throw new IllegalStateException("the ballast alone does not fit: use -XX:+UseSerialGC -Xmn1m", e);
    }
    try {
      fit(alg, m, eps, index);
      return true;
    } catch (OutOfMemoryError e) {
      return false;
    } finally {
      ballast.clear();
    }
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
