package dev.segmint.examples;

import static tech.tablesaw.api.ColumnType.STRING;

import dev.segmint.Assignment;
import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Scoring new customers with a saved model: segments the UCI Online Retail customers on their purchases before
 * 1 September 2011, saves the model as JSON, loads it back and places the customers of the later transactions
 * (their RFM as of the day after the last one) into the same segments. Run from the repository root:
 * {@code java -cp cli/target/segmint.jar:examples/target/classes dev.segmint.examples.ScoreNewCustomers} (or pass
 * the data folder and the model file as arguments).
 */
public final class ScoreNewCustomers {
  private ScoreNewCustomers() {}

  /** What the example made: the fitted model, the loaded one, and the later customers' segments. */
  public record Result(SegmentationModel model, SegmentationModel loaded, Assignment later) {}

  public static Result run(Path data, Path modelFile) throws IOException {
    // tag::score[]
    Table tx = Table.read().usingOptions(CsvReadOptions
        .builder(new GZIPInputStream(Files.newInputStream(data.resolve("online_retail.csv.gz"))))
        .columnTypesPartial(Map.of("CustomerID", STRING, "InvoiceNo", STRING, "StockCode", STRING,
            "InvoiceDate", STRING)));
    Table before = tx.where(tx.stringColumn("InvoiceDate").eval(d -> d.compareTo("2011-09-01") < 0));
    Table after = tx.where(tx.stringColumn("InvoiceDate").eval(d -> d.compareTo("2011-09-01") >= 0));

    RfmFeatures rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build();
    FeatureSpec features = FeatureSpec.builder().rfm(rfm)
        .numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary").build();
    SegmentationModel model = Segmentation.builder().features(features).kmeans(4).seed(42).build().fit(before);
    model.save(modelFile);                                        // versioned JSON, written atomically

    SegmentationModel loaded = SegmentationModel.load(modelFile); // e.g. in another process, months later
    Assignment later = loaded.assign(after);                      // same pipeline: RFM, log1p, fitted scaling
    System.out.println(model);
    System.out.println(later);
    // end::score[]
    return new Result(model, loaded, later);
  }

  public static void main(String[] args) throws IOException {
    Path model = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("segmint-model", ".json");
    run(Path.of(args.length > 0 ? args[0] : "data"), model);
    System.out.println("model: " + model.toAbsolutePath());
  }
}
