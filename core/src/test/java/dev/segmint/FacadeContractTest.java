package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Clusterer;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every {@link Clusterer} through the facade the same way: {@code Segmentation.builder().clusterer(c)} fits, the
 * model saves, loads and assigns the training customers to the same segments as the fitted model, and those are the
 * training labels wherever the algorithm's rule gives them (k-means, k selection, DBSCAN); the loaded model names
 * the same algorithm and settings.
 */
class FacadeContractTest {

  @TempDir
  Path dir;

  /** Four blobs of unequal sizes in 3 dimensions plus a few outliers: 430 customers. */
  static Table customers() {
    Random r = new Random(16);
    int[] sizes = {180, 120, 70, 50};
    List<String> ids = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (int b = 0; b < sizes.length; b++) {
      for (int i = 0; i < sizes[b]; i++) {
        rows.add(new double[] {10 * b + r.nextGaussian(), -8 * b + r.nextGaussian(), 5 * (b % 2) + r.nextGaussian()});
      }
    }
    for (int i = 0; i < 10; i++) {
      rows.add(new double[] {r.nextDouble() * 40 - 5, r.nextDouble() * 40 - 30, r.nextDouble() * 10});
    }
    java.util.Collections.shuffle(rows, r);
    for (int i = 0; i < rows.size(); i++) {
      ids.add("c" + i);
    }
    Table t = Table.create("customers", StringColumn.create("id", ids));
    for (int j = 0; j < 3; j++) {
      int jj = j;
      t.addColumns(DoubleColumn.create("x" + j, rows.stream().mapToDouble(v -> v[jj]).toArray()));
    }
    return t;
  }

  static final Table CUSTOMERS = customers();

  record Case(String name, Clusterer clusterer, boolean assignGivesLabels) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    out.add(new Case("k-means", KMeans.Options.of(4).withNInit(2).withSeed(3), true));
    out.add(new Case("k selection", KSelection.Options.range(2, 6).withKMeans(KMeans.Options.of(2).withNInit(2))
        .withGapReferences(0), true));
    out.add(new Case("DBSCAN", Dbscan.Options.of(0.4, 6), true));
    out.add(new Case("DBSCAN auto eps", Dbscan.Options.autoEps(6), true));
    out.add(new Case("HDBSCAN", Hdbscan.Options.of(20), false));
    for (Linkage l : Linkage.values()) {
      out.add(new Case("hierarchical " + l.scipyName(), Hierarchical.Options.of(l, 4), false));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void saveLoadAssignGivesTheSameSegments(Case c) throws IOException {
    SegmentationModel fitted = Segmentation.builder().columns("id", "x0", "x1", "x2").clusterer(c.clusterer())
        .seed(7).threads(2).build().fit(CUSTOMERS);
    assertEquals(c.clusterer().name(), fitted.algorithm(), c + ": the model names its algorithm");
    int[] assigned = fitted.assign(CUSTOMERS).segments();
    if (c.assignGivesLabels()) {
      assertArrayEquals(fitted.labels(), assigned, c + ": assign places the training customers as the fit did");
    }
    Path file = dir.resolve(c.clusterer().name() + ".json");
    fitted.save(file);
    SegmentationModel loaded = SegmentationModel.load(file);
    assertFalse(loaded.hasTrainingData());
    assertEquals(fitted.algorithm(), loaded.algorithm());
    assertEquals(fitted.k(), loaded.k());
    assertArrayEquals(fitted.sizes(), loaded.sizes());
    assertArrayEquals(assigned, loaded.assign(CUSTOMERS).segments(), c + ": the loaded model assigns as the fitted");
    assertTrue(loaded.settings().startsWith(fitted.settings().substring(0, 6)), loaded.settings());
    // saving the loaded model again writes the same file
    Path again = dir.resolve(c.clusterer().name() + "-again.json");
    loaded.save(again);
    assertEquals(Files.readString(file), Files.readString(again), c + ": a loaded model saves the same file");
    // the JSON as text is the file's, and reads back to the same assignments
    assertEquals(Files.readString(file), fitted.toJson(), c + ": toJson is what save writes");
    SegmentationModel shipped = SegmentationModel.fromJson(fitted.toJson());
    assertArrayEquals(assigned, shipped.assign(CUSTOMERS).segments(), c + ": fromJson assigns as the fitted");
    assertThrows(IllegalArgumentException.class, () -> SegmentationModel.fromJson(fitted.toJson().substring(0, 40)));
  }
}
