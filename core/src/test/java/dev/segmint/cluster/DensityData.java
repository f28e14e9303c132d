package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Data sets for the density tests: synthetic shapes and the bundled real customer data. */
final class DensityData {
  private DensityData() {}

  static FeatureMatrix matrix(double[][] rows) {
    String[] ids = new String[rows.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "c" + i;
    }
    String[] names = new String[rows.length == 0 ? 1 : rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  /** Gaussian blobs of the given spreads around random centres in [-10, 10]^d, plus uniform noise. */
  static double[][] blobs(int perBlob, double[] spreads, int noise, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = perBlob * spreads.length + noise;
    double[][] out = new double[n][d];
    int i = 0;
    for (double s : spreads) {
      double[] c = new double[d];
      for (int j = 0; j < d; j++) {
        c[j] = r.nextDouble(-10, 10);
      }
      for (int t = 0; t < perBlob; t++, i++) {
        for (int j = 0; j < d; j++) {
          out[i][j] = c[j] + s * gaussian(r);
        }
      }
    }
    for (; i < n; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = r.nextDouble(-12, 12);
      }
    }
    return out;
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** Two interleaving half circles with Gaussian noise (scikit-learn's make_moons); truth in {@code truth}. */
  static double[][] moons(int n, double noise, long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      boolean upper = i < n / 2;
      double t = Math.PI * r.nextDouble();
      double x = upper ? Math.cos(t) : 1 - Math.cos(t);
      double y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
      out[i][0] = x + noise * gaussian(r);
      out[i][1] = y + noise * gaussian(r);
      truth[i] = upper ? 0 : 1;
    }
    return out;
  }

  static Path dataDir() {
    return Path.of(System.getProperty("segmint.data.dir", "../data"));
  }

  /** Online Retail RFM: log1p of recency_days, frequency, monetary, then standard scaling (4,338 customers). */
  static FeatureMatrix onlineRetailRfm() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dataDir().resolve("online_retail.csv.gz")))) {
      Table tx = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesPartial(
          Map.of("CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING, "StockCode", ColumnType.STRING)));
      Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
          .quantity("Quantity").price("UnitPrice").build().compute(tx);
      FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
          .withLog1p("recency_days", "frequency", "monetary");
      return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    }
  }

  /** Marketing campaign: customers with an income, 8 spending/engagement features, log1p of spend, standard scaling. */
  static FeatureMatrix marketing() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dataDir().resolve("marketing_campaign.csv.gz")))) {
      Table t = Table.read().usingOptions(CsvReadOptions.builder(in).separator('\t')
          .columnTypesPartial(Map.of("ID", ColumnType.STRING)));
      t = t.dropWhere(t.numberColumn("Income").isMissing());
      String[] cols = {"Income", "Recency", "MntWines", "MntMeatProducts", "NumWebPurchases", "NumStorePurchases",
          "NumWebVisitsMonth", "Kidhome"};
      FeatureMatrix m = FeatureMatrix.fromTable(t, "ID", cols).withLog1p("Income", "MntWines", "MntMeatProducts");
      return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    }
  }
}
