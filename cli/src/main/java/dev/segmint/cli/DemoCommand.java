package dev.segmint.cli;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.report.HtmlReport;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Segments the bundled UCI Online Retail customers by RFM with k-means and writes a report: the quick way to
 * see what Segmint does.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Segment the bundled real sample (UCI Online Retail, 541,909 transactions, CC BY 4.0) by RFM",
        "with k-means; print the segment profiles and write a self-contained HTML report."})
final class DemoCommand implements Callable<Integer> {

  static final String DATA = "/dev/segmint/cli/data/online_retail.csv.gz";

  @Option(names = "--k", defaultValue = "5", description = "Number of segments (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--n-init", defaultValue = "4", description = "k-means restarts (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--threads", description = "Worker threads (default: all processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--report", defaultValue = "segmint-demo-report.html",
      description = "HTML report to write (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--out", description = "Also write customer_id,segment to this CSV file.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    Table transactions = CsvIo.read("online_retail.csv.gz", DemoCommand::openData, true, ',',
        Set.of("InvoiceNo", "StockCode", "Description", "CustomerID", "InvoiceDate", "Country"));
    RfmFeatures.Result rfm = RfmFeatures.builder()
        .customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice")
        .build().run(transactions);
    Table customers = rfm.table();
    FeatureMatrix raw = FeatureMatrix.fromTable(customers, "customer_id", "recency_days", "frequency", "monetary");
    FeatureMatrix logged = raw.withLog1p("recency_days", "frequency", "monetary");
    FeatureMatrix scaled = Scaler.fit(logged, Scaler.Kind.STANDARD).transform(logged);
    KMeans.Options options = KMeans.Options.of(k).withSeed(seed).withNInit(nInit);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    KMeans.Result km = KMeans.fit(scaled, options);
    int[] labels = km.labels();
    SegmentProfiles profiles = SegmentProfiles.of(customers, labels,
        "recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "rfm_segment");
    double seconds = (System.nanoTime() - t0) / 1e9;

    o.printf("Segmint demo: UCI Online Retail (%,d transactions), RFM as of %s, k-means k=%d%n",
        transactions.rowCount(), rfm.asOf(), k);
    o.print(rfm.report());
    o.printf("customers: %d%n", customers.rowCount());
    o.printf("k-means: inertia %.4f, %d iterations, %s, features log1p + standard scaled (recency_days, frequency, monetary)%n",
        km.inertia(), km.iterations(), km.converged() ? "converged" : "not converged");
    o.println();
    o.println(profiles);
    HtmlReport.builder(profiles)
        .title("Segmint demo: Online Retail customers by RFM")
        .summary("data", "UCI Online Retail (CC BY 4.0), " + String.format("%,d", transactions.rowCount()) + " transactions")
        .summary("features", "recency_days, frequency, monetary; signed log1p, then standard scaling")
        .summary("algorithm", "k-means, k = " + k + ", k-means++ seeding, " + nInit + " restarts, seed " + seed)
        .summary("inertia", String.format("%.4f (%d iterations)", km.inertia(), km.iterations()))
        .summary("RFM as of", rfm.asOf())
        .note(rfm.report().toString())
        .build().write(report);
    o.printf("report: %s%n", report.toAbsolutePath());
    if (out != null) {
      Table t = Table.create("segments", customers.stringColumn("customer_id").copy(), IntColumn.create("segment", labels));
      CsvIo.write(t, out);
      o.printf("segments: %s%n", out.toAbsolutePath());
    }
    err.printf("done in %.1f s%n", seconds);
    return 0;
  }

  static InputStream openData() {
    InputStream in = DemoCommand.class.getResourceAsStream(DATA);
    if (in == null) {
      throw new IllegalStateException("the bundled sample " + DATA + " is missing from the jar; rebuild with mvn package");
    }
    return in;
  }
}
