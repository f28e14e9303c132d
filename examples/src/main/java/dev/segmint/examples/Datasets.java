package dev.segmint.examples;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The bundled real datasets of {@code data/} as Tablesaw tables, read the way every example reads them: ids, order
 * numbers and dates as text (so "536365" and "C536379" keep their exact form), other column types inferred from all
 * rows.
 */
public final class Datasets {
  private Datasets() {}

  /** The folder with the bundled data: the first program argument, else {@code -Dsegmint.data.dir}, else "data". */
  public static Path dir(String[] args) {
    return Path.of(args.length > 0 ? args[0] : System.getProperty("segmint.data.dir", "data"));
  }

  /** UCI Online Retail: 541,909 transactions of a UK online shop, 2010-12-01 to 2011-12-09. */
  public static Table onlineRetail(Path dir) {
    return read(dir.resolve("online_retail.csv.gz"), ',', Map.of("InvoiceNo", ColumnType.STRING,
        "StockCode", ColumnType.STRING, "CustomerID", ColumnType.STRING, "InvoiceDate", ColumnType.STRING));
  }

  /** Kaggle's Customer Personality Analysis (marketing_campaign): 2,240 customers, tab-separated. */
  public static Table marketingCampaign(Path dir) {
    return read(dir.resolve("marketing_campaign.csv.gz"), '\t', Map.of("ID", ColumnType.STRING,
        "Dt_Customer", ColumnType.STRING));
  }

  /** The RFM table of the Online Retail customers (one row per customer with a purchase: 4,338). */
  public static Table onlineRetailRfm(Path dir) {
    return RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build().compute(onlineRetail(dir));
  }

  /**
   * Recency, frequency and monetary of an RFM table, log1p-transformed (all three are strongly right-skewed) and
   * standardised: the space the README's quick start clusters in.
   */
  public static FeatureMatrix logScaledRfm(Table rfm) {
    FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
        .withLog1p("recency_days", "frequency", "monetary");
    return Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
  }

  /** Reads a gzip-compressed CSV with the given column types; other types inferred from all rows. */
  static Table read(Path file, char separator, Map<String, ColumnType> types) {
    try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
        StandardCharsets.UTF_8)) {
      return Table.read().usingOptions(CsvReadOptions.builder(r).tableName(file.getFileName().toString())
          .separator(separator).header(true).sample(false).columnTypesPartial(types).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
