package dev.segmint.benchmarks.kmeans;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the k-means workloads to files for scikit-learn ({@code benchmarks/scripts/sklearn_kmeans.py}): for each,
 * {@code <name>.f64} (little-endian float64, row-major) and {@code <name>.json} (n, d, k, SHA-256), and the shared
 * initial centroids of {@link SharedStart}, {@code <name>-init.f64} (k × d) and {@code <name>-init.json}. The bytes
 * are exactly the points the JMH benchmarks cluster and the start {@link KMeansSharedStartBenchmark} gives every
 * implementation.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.segmint.benchmarks.kmeans.ExportWorkloads OUT_DIR [WORKLOAD...]</pre>
 * Without workload names it writes blobs-100000x8x8, blobs-1000000x16x16 and rfm-online-retail (which reads
 * {@code data/}, or the folder of {@code -Dsegmint.data.dir}).
 */
public final class ExportWorkloads {

  /** The workloads of the k-means benchmarks. */
  public static final List<String> DEFAULT = List.of("blobs-100000x8x8", "blobs-1000000x16x16",
      Workload.RFM_ONLINE_RETAIL);

  private ExportWorkloads() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println("usage: ExportWorkloads OUT_DIR [WORKLOAD...]   (workloads: blobs-NxDxK, "
          + Workload.RFM_ONLINE_RETAIL + "; default " + DEFAULT + ")");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : DEFAULT;
    for (String name : names) {
      Workload w = Workload.named(name);
      Path file = w.write(dir);
      System.out.println(file + "  " + w + "  sha256=" + w.sha256());
      double[][] start = SharedStart.of(w);
      Path init = SharedStart.write(w, start, dir);
      System.out.println(init + "  shared k-means++ start (seed " + SharedStart.SEED + ")  sha256="
          + SharedStart.sha256(start));
    }
  }
}
