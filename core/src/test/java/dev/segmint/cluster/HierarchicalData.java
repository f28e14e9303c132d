package dev.segmint.cluster;

import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Real test data for the hierarchical tests: scaled marketing_campaign features and Online Retail RFM. */
final class HierarchicalData {
  private HierarchicalData() {}

  static Path dataDir() {
    String dir = System.getProperty("segmint.data.dir");
    if (dir == null) {
      throw new IllegalStateException("system property segmint.data.dir is not set (Surefire sets it to data/)");
    }
    return Path.of(dir);
  }

  /** marketing_campaign.csv columns used as features (Income, spend and purchase counts, recency, visits). */
  static final String[] MARKETING = {"Income", "Recency", "MntWines", "MntFruits", "MntMeatProducts",
      "MntFishProducts", "MntSweetProducts", "MntGoldProds", "NumWebPurchases", "NumCatalogPurchases",
      "NumStorePurchases", "NumWebVisitsMonth"};

  private static FeatureMatrix marketing;
  private static FeatureMatrix rfm;

  /**
   * Customers of marketing_campaign.csv with an income, log1p of income and spend, standard-scaled; exact
   * duplicate rows after scaling are dropped (first kept).
   */
  static synchronized FeatureMatrix marketing() {
    if (marketing == null) {
      List<String> ids = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(dataDir().resolve("marketing_campaign.csv.gz"))),
          StandardCharsets.UTF_8))) {
        List<String> header = Arrays.asList(r.readLine().split("\t"));
        int[] col = new int[MARKETING.length];
        for (int j = 0; j < col.length; j++) {
          col[j] = header.indexOf(MARKETING[j]);
        }
        int idCol = header.indexOf("ID");
        String line;
        while ((line = r.readLine()) != null) {
          String[] f = line.split("\t", -1);
          if (f[col[0]].isBlank()) {
            continue; // 24 customers without income
          }
          double[] row = new double[col.length];
          for (int j = 0; j < col.length; j++) {
            row[j] = Double.parseDouble(f[col[j]].strip());
          }
          ids.add(f[idCol].strip());
          rows.add(row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FeatureMatrix m = FeatureMatrix.of(ids.toArray(String[]::new), MARKETING, rows.toArray(double[][]::new))
          .withLog1p("Income", "MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts", "MntSweetProducts",
              "MntGoldProds");
      marketing = dedupe(Scaler.fit(m, Scaler.Kind.STANDARD).transform(m));
    }
    return marketing;
  }

  /** RFM of the Online Retail customers (recency_days, frequency, monetary), log1p and standard-scaled, deduplicated. */
  static synchronized FeatureMatrix rfm() {
    if (rfm == null) {
      try {
        Table tx = Table.read().usingOptions(CsvReadOptions
            .builder(new GZIPInputStream(Files.newInputStream(dataDir().resolve("online_retail.csv.gz"))))
            .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING)));
        Table t = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
            .quantity("Quantity").price("UnitPrice").build().compute(tx);
        FeatureMatrix m = FeatureMatrix.fromTable(t, "customer_id", "recency_days", "frequency", "monetary")
            .withLog1p("recency_days", "frequency", "monetary");
        rfm = dedupe(Scaler.fit(m, Scaler.Kind.STANDARD).transform(m));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rfm;
  }

  static FeatureMatrix dedupe(FeatureMatrix m) {
    Set<List<Double>> seen = new HashSet<>();
    int[] keep = new int[m.rows()];
    int count = 0;
    for (int i = 0; i < m.rows(); i++) {
      List<Double> key = new ArrayList<>();
      for (double v : m.row(i)) {
        key.add(v);
      }
      if (seen.add(key)) {
        keep[count++] = i;
      }
    }
    return m.selectRows(Arrays.copyOf(keep, count));
  }

  /** A deterministic random sample of {@code size} rows (in their original order). */
  static FeatureMatrix sample(FeatureMatrix m, int size, long seed) {
    Random rnd = new Random(seed);
    int[] idx = new int[m.rows()];
    Arrays.setAll(idx, i -> i);
    for (int i = idx.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] pick = Arrays.copyOf(idx, Math.min(size, idx.length));
    Arrays.sort(pick);
    return m.selectRows(pick);
  }

  /**
   * Drops, greedily, rows involved in exactly tied pairwise distances until no two pairs are at the same
   * distance (which makes single and complete linkage tie-free; average and ward heights are then tie-free
   * with probability one). O(n² log n).
   */
  static FeatureMatrix tieFree(FeatureMatrix m) {
    while (true) {
      int n = m.rows();
      double[] x = m.toFlatArray();
      int d = m.columns();
      int pairs = n * (n - 1) / 2;
      double[] dist = new double[pairs];
      long[] pairOf = new long[pairs];
      int p = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          dist[p] = NaiveLinkage.euclidean(x, i, j, d);
          pairOf[p++] = (long) i << 32 | j;
        }
      }
      Integer[] order = new Integer[pairs];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
      int drop = -1;
      for (int q = 1; q < pairs; q++) {
        if (dist[order[q]] == dist[order[q - 1]]) {
          drop = (int) (pairOf[order[q]] & 0xffffffffL);
          break;
        }
      }
      if (drop < 0) {
        return m;
      }
      int[] keep = new int[n - 1];
      for (int i = 0, c = 0; i < n; i++) {
        if (i != drop) {
          keep[c++] = i;
        }
      }
      m = m.selectRows(keep);
    }
  }
}
