package dev.segmint.benchmarks.scale;

import dev.segmint.benchmarks.density.DensityBenchData;
import dev.segmint.benchmarks.kmeans.GaussianBlobs;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

/**
 * One large workload in this JVM, for {@code benchmarks/scripts/scale.sh}: prints one line with the workload, its
 * wall time (data generation excluded, reported separately), the peak heap occupancy (sum of the heap pools' peak
 * usage: an upper bound, garbage included) and the -Xmx it ran under. Not a JMH benchmark: one run each, to show
 * that the sizes fit and how long they take; the JMH suites measure speed.
 *
 * <pre>
 * ScaleRun kmeans N D K        k-means (AUTO algorithm, n_init 1, max 30 iterations) on Gaussian blobs
 * ScaleRun dbscan N D          DBSCAN (AUTO index, minPts 2·d) on the density benchmark data, eps from its k-distance
 * ScaleRun ward N D            exact ward on Gaussian blobs
 * ScaleRun complete N D        complete linkage: expected to be refused early, naming the memory it would need
 * ScaleRun retail REPORT       the whole `segmint demo` pipeline (needs the CLI jar on the class path)
 * </pre>
 */
public final class ScaleRun {
  private ScaleRun() {}

  public static void main(String[] args) throws Exception {
    String what = args[0];
    long t0 = System.nanoTime();
    FeatureMatrix m = null;
    switch (what) {
      case "kmeans", "ward", "complete" -> m = blobs(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
          what.equals("kmeans") ? Integer.parseInt(args[3]) : 8);
      case "dbscan" -> m = DensityBenchData.matrix(DensityBenchData.rows(Integer.parseInt(args[1]),
          Integer.parseInt(args[2])));
      default -> { }
    }
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long start = System.nanoTime();
    String detail;
    try {
      detail = switch (what) {
        case "kmeans" -> {
          KMeans.Result r = KMeans.fit(m, KMeans.Options.of(Integer.parseInt(args[3])).withSeed(1).withNInit(1)
              .withMaxIter(30));
          yield r.algorithm() + ", " + r.iterations() + " iterations, sizes " + Arrays.toString(r.sizes());
        }
        case "dbscan" -> {
          int minPts = 2 * m.columns();
          Dbscan.Result r = Dbscan.fit(m, Dbscan.Options.of(DensityBenchData.eps(m), minPts));
          yield String.format(Locale.ROOT, "eps %.4g, minPts %d, %s index, %d segments, %,d noise", r.eps(), minPts,
              r.index(), r.k(), r.noiseCount());
        }
        case "ward", "complete" -> {
          Hierarchical.Result r = Hierarchical.fit(m, Hierarchical.Options.of(
              what.equals("ward") ? Linkage.WARD : Linkage.COMPLETE, 8).withThreads(2));
          yield r.dendrogram().merges() + " merges, top height "
              + r.dendrogram().height(r.dendrogram().merges() - 1);
        }
        case "retail" -> {
          Class<?> cli = Class.forName("dev.segmint.cli.SegmintCommand");
          PrintWriter out = new PrintWriter(System.out, true);
          int code = (int) cli.getMethod("run", String[].class, PrintWriter.class, PrintWriter.class)
              .invoke(null, new String[] {"demo", "--report", args[1]}, out, out);
          yield "segmint demo exit code " + code + ", report " + args[1];
        }
        default -> throw new IllegalArgumentException("unknown workload " + what);
      };
    } catch (OutOfMemoryError e) {
      m = null;
      detail = "OUT OF MEMORY after " + String.format(Locale.ROOT, "%.3f s", (System.nanoTime() - start) / 1e9);
    } catch (IllegalArgumentException e) {
      detail = "REFUSED after " + String.format(Locale.ROOT, "%.3f s", (System.nanoTime() - start) / 1e9) + ": "
          + e.getMessage();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "RESULT | %s %s | %.1f s | %.0f MiB | %.0f MiB | generation %.1f s | %s%n", what,
        String.join("x", Arrays.copyOfRange(args, 1, args.length)), seconds, peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0, genSeconds, detail);
  }

  /** n Gaussian blobs around k centres in d dimensions (the k-means benchmark generator), ids "c0".."c{n-1}". */
  static FeatureMatrix blobs(int n, int d, int k) {
    double[] x = GaussianBlobs.generate(n, d, k, 20260501L, 2.0, 1.0, null);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
    }
    String[] names = new String[d];
    String[] prov = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
      prov[j] = "generated";
    }
    return FeatureMatrix.ofFlat(ids, names, prov, x);
  }
}
