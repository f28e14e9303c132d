package dev.segmint.features;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Loads the bundled real datasets (folder from the system property {@code segmint.data.dir}) for tests. */
final class RealData {
  private RealData() {}

  static Path dir() {
    String d = System.getProperty("segmint.data.dir");
    if (d == null) {
      throw new IllegalStateException("system property segmint.data.dir is not set (surefire sets it to <root>/data)");
    }
    return Path.of(d);
  }

  /** UCI Online Retail: ids, invoice numbers and dates as text, Quantity int, UnitPrice double. */
  static Table onlineRetail() {
    ColumnType s = ColumnType.STRING;
    return read("online_retail.csv.gz", ',',
        new ColumnType[] {s, s, s, ColumnType.INTEGER, s, ColumnType.DOUBLE, s, s});
  }

  /** Kaggle marketing_campaign (tab-separated): ID and Dt_Customer as text, the rest inferred. */
  static Table marketingCampaign() {
    return read("marketing_campaign.csv.gz", '\t', null);
  }

  private static Table read(String file, char sep, ColumnType[] types) {
    Path p = dir().resolve(file);
    try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(p), 1 << 16),
        StandardCharsets.UTF_8)) {
      CsvReadOptions.Builder b = CsvReadOptions.builder(r).tableName(file).separator(sep).header(true);
      if (types != null) {
        b.columnTypes(types);
      } else {
        b.sample(false).columnTypesPartial(java.util.Map.of("ID", ColumnType.STRING, "Dt_Customer", ColumnType.STRING));
      }
      return Table.read().usingOptions(b.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
