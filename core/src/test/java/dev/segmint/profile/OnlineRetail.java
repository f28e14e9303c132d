package dev.segmint.profile;

import dev.segmint.features.RfmFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The bundled UCI Online Retail data as RFM features (computed once per test JVM). */
final class OnlineRetail {
  private OnlineRetail() {}

  private static Table rfm;

  static synchronized Table rfm() {
    if (rfm == null) {
      Path file = Path.of(System.getProperty("segmint.data.dir"), "online_retail.csv.gz");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        Table tx = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesPartial(
            Map.of("CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING, "StockCode", ColumnType.STRING)));
        rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
            .quantity("Quantity").price("UnitPrice").build().compute(tx);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rfm;
  }

  /** Segments by R score: label = r_score − 1 (quintiles of recency, fixed by the RFM contract). */
  static int[] rScoreLabels() {
    Table t = rfm();
    int[] labels = new int[t.rowCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = t.intColumn("r_score").getInt(i) - 1;
    }
    return labels;
  }
}
