package dev.segmint.examples;

import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.profile.SegmentProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The README's quick start: RFM features of the UCI Online Retail customers, k-means, segment profiles.
 * Run from the repository root: {@code java -cp cli/target/segmint.jar:examples/target/classes
 * dev.segmint.examples.QuickStart} (or pass the data folder as the first argument).
 */
public final class QuickStart {
  private QuickStart() {}

  public static SegmentProfiles run(Path data) throws IOException {
    // tag::readme[]
    Table tx = Table.read().usingOptions(CsvReadOptions
        .builder(new GZIPInputStream(Files.newInputStream(data.resolve("online_retail.csv.gz"))))
        .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING)));
    Table rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build().compute(tx);
    FeatureMatrix m = FeatureMatrix.fromTable(rfm, "customer_id", "recency_days", "frequency", "monetary")
        .withLog1p("recency_days", "frequency", "monetary");
    FeatureMatrix scaled = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    KMeans.Result km = KMeans.fit(scaled, KMeans.Options.of(5).withSeed(42).withNInit(4));
    SegmentProfiles profiles = SegmentProfiles.of(rfm, km.labels());
    System.out.println(profiles);
    // end::readme[]
    return profiles;
  }

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "data"));
  }
}
