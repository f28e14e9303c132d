package dev.segmint.benchmarks.hierarchical;

import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Measures how well the two-stage ward path agrees with exact ward where both run: the adjusted Rand index
 * (Hubert and Arabie 1985, as scikit-learn's {@code adjusted_rand_score}) between the two cuts at several k, and
 * the ratio of their within-cluster sums of squares (ward's objective; above 1 means the two-stage cut is worse),
 * for several numbers of micro-clusters m, on Online Retail RFM and on the benchmark blobs. Prints a Markdown
 * table (the one in docs/hierarchical.md) with the time of each fit.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.segmint.benchmarks.hierarchical.TwoStageAgreement [DATA_DIR] [n …]} (defaults: {@code data}, 20000 50000).
 */
public final class TwoStageAgreement {
  private TwoStageAgreement() {}

  static final int[] KS = {2, 4, 8, 12};
  static final int[] MS = {100, 250, 500, 1000, 2000};

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "data");
    System.out.println("| data | n | m | two-stage s | exact s | ARI k=2 | ARI k=4 | ARI k=8 | ARI k=12 "
        + "| SSE ratio k=4 | SSE ratio k=8 |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    if (Files.exists(data.resolve("online_retail.csv.gz"))) {
      report("Online Retail RFM", rfm(data));
    }
    int[] sizes = {20_000, 50_000};
    if (args.length > 1) {
      sizes = new int[args.length - 1];
      for (int a = 1; a < args.length; a++) {
        sizes[a - 1] = Integer.parseInt(args[a]);
      }
    }
    for (int n : sizes) {
      report("blobs 12×8", HierarchicalWorkload.matrix(n));
    }
  }

  static void report(String name, FeatureMatrix m) {
    int n = m.rows();
    long t = System.nanoTime();
    Hierarchical.Result exact = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD));
    double exactS = (System.nanoTime() - t) / 1e9;
    for (int micro : MS) {
      if (micro * 2 > n) {
        continue;
      }
      t = System.nanoTime();
      Hierarchical.Result two = Hierarchical.fit(m, Hierarchical.Options.of(Linkage.WARD).withMicroClusters(micro));
      double twoS = (System.nanoTime() - t) / 1e9;
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %d | %.2f | %.2f |", name, n, micro,
          twoS, exactS));
      for (int k : KS) {
        sb.append(String.format(Locale.ROOT, " %.3f |", adjustedRand(exact.cut(k), two.cut(k))));
      }
      for (int k : new int[] {4, 8}) {
        sb.append(String.format(Locale.ROOT, " %.4f |", sse(m, two.cut(k), k) / sse(m, exact.cut(k), k)));
      }
      System.out.println(sb);
    }
  }

  static FeatureMatrix rfm(Path data) throws IOException {
    Table tx = Table.read().usingOptions(CsvReadOptions
        .builder(new GZIPInputStream(Files.newInputStream(data.resolve("online_retail.csv.gz"))))
        .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING)));
    Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build().compute(tx);
    FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
        .withLog1p("recency_days", "frequency", "monetary");
    return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
  }

  /** Within-cluster sum of squares of a labeling (ward's objective). */
  static double sse(FeatureMatrix m, int[] labels, int k) {
    int d = m.columns();
    double[] x = m.toFlatArray();
    double[] sum = new double[k * d];
    long[] count = new long[k];
    for (int i = 0; i < labels.length; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        sum[labels[i] * d + j] += x[i * d + j];
      }
    }
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      for (int j = 0; j < d; j++) {
        double t = x[i * d + j] - sum[c * d + j] / count[c];
        total += t * t;
      }
    }
    return total;
  }

  /** Adjusted Rand index of two labelings. */
  static double adjustedRand(int[] a, int[] b) {
    Map<Long, Long> joint = new HashMap<>();
    Map<Integer, Long> ca = new HashMap<>();
    Map<Integer, Long> cb = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      joint.merge((long) a[i] << 32 | (b[i] & 0xffffffffL), 1L, Long::sum);
      ca.merge(a[i], 1L, Long::sum);
      cb.merge(b[i], 1L, Long::sum);
    }
    double index = joint.values().stream().mapToDouble(c -> c * (c - 1) / 2.0).sum();
    double sa = ca.values().stream().mapToDouble(c -> c * (c - 1) / 2.0).sum();
    double sb = cb.values().stream().mapToDouble(c -> c * (c - 1) / 2.0).sum();
    double total = a.length * (a.length - 1L) / 2.0;
    double expected = sa * sb / total;
    double max = (sa + sb) / 2;
    return max == expected ? 1.0 : (index - expected) / (max - expected);
  }
}
