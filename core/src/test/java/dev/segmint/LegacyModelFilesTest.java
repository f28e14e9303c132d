package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.model.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Models saved by release 0.1.0 (before the Clusterer → Clustering seam reached the facade and the model files)
 * keep loading and assigning identically. Each model under {@code src/test/resources/models/} was made by
 * {@code segmint segment} of that release on the small data beside it ({@code transactions.csv}: RFM models;
 * {@code customers.csv} with the categorical column {@code region}: feature-table models), and the
 * {@code *.assigned.csv} beside it is what {@code segmint assign} of that release wrote for the same data.
 *
 * <p>Checks per model: it loads; assigning its data gives exactly the recorded customers in the recorded order with
 * the recorded segments; and saving the loaded model writes the file byte for byte (the format did not change).
 */
class LegacyModelFilesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rfm-kmeans, transactions.csv",
      "rfm-dbscan, transactions.csv",
      "rfm-hdbscan, transactions.csv",
      "rfm-hierarchical, transactions.csv",
      "table-kmeans, customers.csv",
      "table-hierarchical, customers.csv"})
  void loadsAndAssignsAsTheReleaseDid(String model, String data) throws IOException {
    byte[] file = resource(model + ".json");
    SegmentationModel m = SegmentationModel.of(ModelFile.read(file, model + ".json"));
    assertFalse(m.hasTrainingData());
    assertTrue(m.segmentActions().stream().allMatch(String::isEmpty), model + ": a file without actions has none");

    Table input = data.equals("transactions.csv") ? transactions() : customers();
    Assignment a = m.assign(input);
    List<String[]> expected = assigned(model + ".assigned.csv");
    String[] ids = new String[expected.size()];
    int[] segments = new int[expected.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = expected.get(i)[0];
      segments[i] = Integer.parseInt(expected.get(i)[1]);
    }
    assertArrayEquals(ids, a.ids(), model + ": customers");
    assertArrayEquals(segments, a.segments(), model + ": segments");

    assertEquals(new String(file, StandardCharsets.UTF_8), ModelFile.toJson(m.contents()),
        model + ": saving the loaded model writes the same file");
  }

  private static byte[] resource(String name) {
    try (InputStream in = LegacyModelFilesTest.class.getResourceAsStream("/models/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource /models/" + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table transactions() {
    return Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(resource("transactions.csv")))
        .columnTypesPartial(Map.of("CustomerID", ColumnType.STRING, "InvoiceNo", ColumnType.STRING, "InvoiceDate", ColumnType.STRING)));
  }

  private static Table customers() {
    return Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(resource("customers.csv")))
        .columnTypesPartial(Map.of("id", ColumnType.STRING, "region", ColumnType.STRING)));
  }

  /** The rows of a {@code customer_id,segment} file, header left out. */
  private static List<String[]> assigned(String name) {
    String[] lines = new String(resource(name), StandardCharsets.UTF_8).split("\r?\n");
    assertEquals("customer_id,segment", lines[0], name + " header");
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      rows.add(lines[i].split(","));
    }
    return rows;
  }
}
