package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Segmint's k-means against an independent implementation, Smile 6.3's {@code smile.clustering.KMeans}, on the
 * bundled real datasets: with the same number of restarts, Segmint's best inertia must be at most Smile's best
 * (up to a relative 1e-9 for rounding).
 *
 * <p>Both run every restart to a fixed point (tolerance 0, at most 300 iterations), so the comparison is about
 * the quality of the seeding and of the restarts, not about where a tolerance happened to stop. Smile's inertia
 * is computed here from its centroids (each point to its nearest centroid), which is never more than the value
 * Smile reports. Tagged {@code jdk25}: Smile 6 needs a newer Java than 17.
 */
@Tag("jdk25")
class KMeansReferenceTest {

  static final int RESTARTS = 10;
  static final int MAX_ITER = 300;

  static Path dataDir() {
    String dir = System.getProperty("segmint.data.dir");
    assertTrue(dir != null, "the build passes the data folder as system property segmint.data.dir");
    return Path.of(dir);
  }

  /** Standardised log1p(recency, frequency, monetary) of the Online Retail customers. */
  static FeatureMatrix onlineRetailRfm() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dataDir().resolve("online_retail.csv.gz")))) {
      Table tx = Table.read().usingOptions(CsvReadOptions.builder(in)
          .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING)));
      Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
          .quantity("Quantity").price("UnitPrice").build().compute(tx);
      FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
          .withLog1p("recency_days", "frequency", "monetary");
      return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    }
  }

  static final String[] MARKETING_FEATURES = {"Income", "MntWines", "MntFruits", "MntMeatProducts",
      "MntFishProducts", "MntSweetProducts", "MntGoldProds", "NumWebPurchases", "NumCatalogPurchases",
      "NumStorePurchases", "NumWebVisitsMonth", "Recency"};

  /** Standardised income, spending, purchase channels, web visits and recency of the marketing customers. */
  static FeatureMatrix marketingCampaign() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dataDir().resolve("marketing_campaign.csv.gz")))) {
      Table t = Table.read().usingOptions(CsvReadOptions.builder(in).separator('\t')
          .columnTypesPartial(Map.of("ID", STRING)));
      // 24 customers have no income: leave them out
      Table known = t.dropWhere(t.numberColumn("Income").isMissing());
      assertEquals(t.rowCount() - 24, known.rowCount(), "the data README counts 24 empty incomes");
      FeatureMatrix m = FeatureMatrix.fromTable(known, "ID", MARKETING_FEATURES);
      return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    }
  }

  /** Sum over points of the squared distance to the nearest centroid. */
  static double inertiaAt(double[][] x, double[][] centroids) {
    double total = 0;
    for (double[] p : x) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] c : centroids) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
          double t = p[j] - c[j];
          s += t * t;
        }
        best = Math.min(best, s);
      }
      total += best;
    }
    return total;
  }

  /** Smile's best inertia over {@code restarts} fits, each with its own seed. */
  static double smileBest(double[][] x, int k, int restarts) {
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      // Smile seeds k-means++ from a per-thread generator
      smile.math.MathEx.setSeed(1000 + r);
      var fit = smile.clustering.KMeans.fit(x, new smile.clustering.Clustering.Options(k, MAX_ITER, 0.0, null));
      double inertia = inertiaAt(x, fit.centers());
      assertTrue(inertia <= fit.distortion() * x.length * (1 + 1e-12),
          "the nearest-centroid inertia never exceeds Smile's own");
      best = Math.min(best, inertia);
    }
    return best;
  }

  static void assertAtLeastAsGoodAsSmile(String dataset, FeatureMatrix m, int k) {
    double[][] x = m.toArray();
    KMeans.Result segmint = KMeans.fit(m, KMeans.Options.of(k).withSeed(7).withNInit(RESTARTS).withMaxIter(MAX_ITER)
        .withTolerance(0).withThreads(2));
    double smile = smileBest(x, k, RESTARTS);
    // Segmint's reported inertia is the objective at its centroids, recomputed independently
    assertEquals(inertiaAt(x, segmint.centroids()), segmint.inertia(), 1e-9 * segmint.inertia(),
        dataset + ": Segmint's reported inertia");
    System.out.printf(Locale.ROOT, "%s: n=%d d=%d k=%d, best of %d: Segmint %.10g, Smile 6.3 %.10g (ratio %.6f)%n",
        dataset, m.rows(), m.columns(), k, RESTARTS, segmint.inertia(), smile, segmint.inertia() / smile);
    assertTrue(segmint.inertia() <= smile * (1 + 1e-9), String.format(Locale.ROOT,
        "%s, k=%d: Segmint's best inertia over %d restarts, %.12g, exceeds Smile 6.3's best, %.12g, by %.3g%%",
        dataset, k, RESTARTS, segmint.inertia(), smile, 100 * (segmint.inertia() / smile - 1)));
  }

  @Test
  void onlineRetailRfmWithFiveSegments() throws IOException {
    FeatureMatrix m = onlineRetailRfm();
    assertTrue(m.rows() > 4000, "Online Retail has over 4,000 customers with purchases");
    assertAtLeastAsGoodAsSmile("Online Retail RFM", m, 5);
  }

  @Test
  void marketingCampaignWithSixSegments() throws IOException {
    FeatureMatrix m = marketingCampaign();
    assertEquals(2216, m.rows(), "2,240 customers less the 24 without income");
    assertEquals(MARKETING_FEATURES.length, m.columns());
    assertAtLeastAsGoodAsSmile("marketing_campaign", m, 6);
  }
}
