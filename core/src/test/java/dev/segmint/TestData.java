package dev.segmint;

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

/** The bundled data sets for the facade's tests (read once per test JVM). */
final class TestData {
  private TestData() {}

  private static Table transactions;
  private static Table marketing;

  private static Path dir() {
    String d = System.getProperty("segmint.data.dir");
    if (d == null) {
      throw new IllegalStateException("system property segmint.data.dir is not set (surefire sets it to <root>/data)");
    }
    return Path.of(d);
  }

  /** UCI Online Retail transactions (541,909 rows); ids, invoices and stock codes as text. */
  static synchronized Table onlineRetail() {
    if (transactions == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve("online_retail.csv.gz")), 1 << 16)) {
        transactions = Table.read().usingOptions(CsvReadOptions.builder(in).columnTypesPartial(
            Map.of("CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING, "StockCode", ColumnType.STRING)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return transactions;
  }

  /** Kaggle marketing_campaign (tab-separated, 2,240 customers); ID and Dt_Customer as text. */
  static synchronized Table marketingCampaign() {
    if (marketing == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve("marketing_campaign.csv.gz")))) {
        marketing = Table.read().usingOptions(CsvReadOptions.builder(in).separator('\t').sample(false)
            .columnTypesPartial(Map.of("ID", ColumnType.STRING, "Dt_Customer", ColumnType.STRING)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return marketing;
  }
}
