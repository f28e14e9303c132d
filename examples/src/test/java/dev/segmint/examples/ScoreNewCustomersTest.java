package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Assignment;
import dev.segmint.features.RfmFeatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs the model-scoring example and checks its numbers against RFM computed here ({@link DocSnippetsTest} checks
 * that docs/model.md shows it).
 */
class ScoreNewCustomersTest {

  static final Path DATA = Path.of(System.getProperty("segmint.data.dir"));

  @TempDir
  Path dir;

  /** Customers with a purchase in the transactions on one side of the cut-off, by plain RFM. */
  static int customers(boolean before) throws Exception {
    return RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build().compute(part(before)).rowCount();
  }

  @Test
  void scoresTheLaterCustomersWithTheSavedModel() throws Exception {
    Path model = dir.resolve("model.json");
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ScoreNewCustomers.Result r;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      r = ScoreNewCustomers.run(DATA, model);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    int trained = customers(true);
    int later = customers(false);
    assertEquals(trained, r.model().trainingRows());
    assertEquals(later, r.later().size());
    assertEquals(4, r.model().k());
    assertEquals(trained, Arrays.stream(r.model().sizes()).sum());
    Assignment a = r.later();
    assertEquals(later, Arrays.stream(a.counts()).sum());
    assertEquals(0, a.counts()[0], "k-means has no noise");
    // the loaded model scores exactly as the fitted one
    assertArrayEquals(r.model().assign(part(false)).segments(), a.segments());
    assertTrue(out.contains(String.format("Assignment of %,d customers", later)), out);
    assertTrue(out.contains("SegmentationModel: k-means, k = 4, seed 42"), out);
    assertTrue(Files.readString(model).contains("\"algorithm\": \"kmeans\""));
  }

  /** The transactions before (or from) the cut-off, read here independently of the example. */
  private static Table part(boolean before) throws Exception {
    Table tx = Table.read().usingOptions(CsvReadOptions
        .builder(new GZIPInputStream(Files.newInputStream(DATA.resolve("online_retail.csv.gz"))))
        .columnTypesPartial(Map.of("CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING,
            "StockCode", ColumnType.STRING, "InvoiceDate", ColumnType.STRING)));
    return tx.where(tx.stringColumn("InvoiceDate").eval(d -> (d.compareTo("2011-09-01") < 0) == before));
  }
}
