package dev.segmint.examples;

import dev.segmint.features.RfmFeatures;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.HoldoutCheck;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import tech.tablesaw.api.Table;

/**
 * Customer value on the UCI Online Retail data: the calibration summary through 8 September 2011, the BG/NBD and
 * Gamma-Gamma fits, per-customer predictions with a 360-day CLV, the holdout check to 9 December, and the model saved
 * as JSON and loaded back. Run from the repository root: {@code java -cp cli/target/segmint.jar:examples/target/classes
 * dev.segmint.examples.CustomerValueExample} (or pass the data folder and the model file as arguments).
 */
public final class CustomerValueExample {
  private CustomerValueExample() {}

  /** What the example made. */
  public record Result(CalibrationSummary summary, ValueModel model, ValuePredictions predictions,
      HoldoutCheck check, ValueModel loaded) {}

  public static Result run(Path data, Path modelFile) throws IOException {
    Table transactions = Datasets.onlineRetail(data);
    // tag::value[]
    CustomerValue reading = CustomerValue.builder().customer("CustomerID").timestamp("InvoiceDate")
        .quantity("Quantity").price("UnitPrice").calibrationEnd(LocalDate.of(2011, 9, 8)).build();
    RfmFeatures.Prepared prepared = reading.reading().prepare(transactions);   // read once
    CalibrationSummary summary = reading.summarize(prepared);
    ValueModel model = ValueModel.fit(summary);                     // BgNbd.fit + GammaGamma.fit
    ValuePredictions p = model.predict(summary, 360, 0.01);         // 12 months of 30 days, 1 % a month
    HoldoutCheck check = HoldoutCheck.of(model, summary, prepared, LocalDate.of(2011, 12, 9));
    model.save(modelFile);                                          // JSON, full precision
    ValueModel loaded = ValueModel.load(modelFile);                 // predicts on any later summary
    System.out.println(model);
    System.out.println(check);
    System.out.println(p);
    // end::value[]
    return new Result(summary, model, p, check, loaded);
  }

  public static void main(String[] args) throws IOException {
    Path model = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("segmint-value", ".json");
    run(Datasets.dir(args), model);
    System.out.println("model: " + model.toAbsolutePath());
  }
}
