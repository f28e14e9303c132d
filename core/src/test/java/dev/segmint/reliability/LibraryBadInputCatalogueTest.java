package dev.segmint.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.quality.Quality;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.segmint.features.DataQualityReport;
import java.time.LocalDate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The library's bad-input catalogue: one row per malformed input, each with the exact fragment its
 * IllegalArgumentException message must contain. The CLI catalogue (BadInputCatalogueTest in cli) covers files.
 */
class LibraryBadInputCatalogueTest {

  record Case(String name, Executable call, String fragment) {}

  static final List<Case> CASES = new ArrayList<>();

  static void bad(String name, String fragment, Executable call) {
    CASES.add(new Case(name, call, fragment));
  }

  static Table features() {
    return Table.create("features", StringColumn.create("customer_id", "a", "b", "c", "d"),
        DoubleColumn.create("recency", 1, 2, 3, 4), DoubleColumn.create("monetary", 10, 20, 30, 40),
        StringColumn.create("city", "x", "y", "x", "y"));
  }

  static Table tx(String[] ids, String[] dates, double[] amounts) {
    return Table.create("tx", StringColumn.create("CustomerID", ids), StringColumn.create("InvoiceDate", dates),
        DoubleColumn.create("Amount", amounts));
  }

  static RfmFeatures rfm() {
    return RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").build();
  }

  static FeatureMatrix m(double[][] rows) {
    String[] ids = new String[rows.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "c" + i;
    }
    String[] names = new String[rows.length == 0 ? 1 : rows[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, rows);
  }

  static final FeatureMatrix FOUR = m(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}});
  static final FeatureMatrix ONE = m(new double[][] {{1, 2}});

  static {
    bad("misspelled feature column", "column 'monetery' not found in table 'features' (did you mean 'monetary'?)",
        () -> FeatureMatrix.fromTable(features(), "customer_id", "monetery"));
    bad("misspelled id column", "column 'customerid_' not found in table 'features' (did you mean 'customer_id'?)",
        () -> FeatureMatrix.fromTable(features(), "customerid_", "monetary"));
    bad("feature column that is text", "column 'city' is string, not numeric (e.g. 'x')",
        () -> FeatureMatrix.fromTable(features(), "customer_id", "city"));
    bad("default features: a column of numbers with one text value (issue 15 item 4)",
        "column 'fresh' of table 'features' holds numbers but row 3 has 'abc', so it would be left out of the features; "
            + "fix that value, or name the feature columns explicitly",
        () -> FeatureMatrix.fromTable(features().addColumns(StringColumn.create("fresh", "12", "7.5", "abc", "3")),
            "customer_id"));
    bad("NaN feature", "feature 'f1' is NaN at row 2 (customer c1)",
        () -> m(new double[][] {{0, 0}, {0, Double.NaN}}));
    bad("+Infinity feature", "feature 'f0' is Infinity at row 1 (customer c0)",
        () -> m(new double[][] {{Double.POSITIVE_INFINITY, 0}}));
    bad("-Infinity feature", "feature 'f0' is -Infinity at row 2 (customer c1)",
        () -> m(new double[][] {{0, 0}, {Double.NEGATIVE_INFINITY, 0}}));
    bad("empty feature cell", "column 'monetary' has a missing value at row 3 (customer c); impute or drop it",
        () -> {
          Table t = features();
          t.doubleColumn("monetary").setMissing(2);
          FeatureMatrix.fromTable(t, "customer_id", "monetary");
        });
    bad("ragged rows", "row 2 (customer c1) has 1 values but there are 2 feature names", () -> m(new double[][] {{0, 0}, {1}}));
    bad("empty feature table", "table 'features' has no rows; it needs at least one customer",
        () -> FeatureMatrix.fromTable(features().emptyCopy(), "customer_id", "monetary"));
    bad("duplicate customer ids", "customer id 'a' appears twice (rows 1 and 3); aggregate to one row per customer",
        () -> FeatureMatrix.of(new String[] {"a", "b", "a"}, new String[] {"x"}, new double[][] {{1}, {2}, {3}}));
    bad("ids differing only by whitespace", "customer ids 'a' (row 1) and 'a ' (row 2) differ only by leading or trailing spaces; strip the ids",
        () -> FeatureMatrix.of(new String[] {"a", "a "}, new String[] {"x"}, new double[][] {{1}, {2}}));
    bad("k-means k > n", "k = 5 segments cannot exceed the number of customers, 4; choose k ≤ 4", () -> KMeans.fit(FOUR, KMeans.Options.of(5)));
    bad("k-means k = 0", "k must be at least 1, got 0", () -> KMeans.Options.of(0));
    bad("k-means k < 0", "k must be at least 1, got -3", () -> KMeans.Options.of(-3));
    bad("k-means k = 2 on a single customer", "k = 2 segments cannot exceed the number of customers, 1", () -> KMeans.fit(ONE, KMeans.Options.of(2)));
    bad("k-means k = 2 on identical points", "the data has only 1 distinct points, fewer than k = 2 segments; choose a smaller k",
        () -> KMeans.fit(m(new double[][] {{1, 1}, {1, 1}, {1, 1}}), KMeans.Options.of(2)));
    bad("dbscan eps = 0", "eps must be a finite distance > 0, got 0.0; pick it from the k-distance curve", () -> Dbscan.Options.of(0, 3));
    bad("dbscan eps < 0", "eps must be a finite distance > 0, got -1.0", () -> Dbscan.Options.of(-1, 3));
    bad("dbscan eps NaN", "eps must be a finite distance > 0, got NaN", () -> Dbscan.Options.of(Double.NaN, 3));
    bad("dbscan minPts = 0", "minPts must be at least 1 (it counts the point itself), got 0", () -> Dbscan.Options.of(0.5, 0));
    bad("hdbscan minClusterSize = 1", "minClusterSize must be at least 2, got 1", () -> Hdbscan.Options.of(1));
    bad("hdbscan minSamples < 0", "minSamples must be at least 1 (or 0 for minClusterSize), got -1", () -> Hdbscan.Options.of(5).withMinSamples(-1));
    bad("hdbscan min samples > n", "minSamples = 5 exceeds the number of customers, 4; choose minSamples (or minClusterSize) ≤ 4", () -> Hdbscan.fit(FOUR, Hdbscan.Options.of(5)));
    bad("hierarchical k > n", "k = 5 segments cannot exceed the number of customers, 4; choose k ≤ 4", () -> Hierarchical.fit(FOUR, Hierarchical.Options.of(Linkage.WARD, 5)));
    bad("hierarchical k < 0", "k must be at least 1 (or 0 for no cut), got -2", () -> Hierarchical.Options.of(Linkage.WARD, -2));
    bad("hierarchical single customer k = 2", "k = 2 segments cannot exceed the number of customers, 1; choose k ≤ 1", () -> Hierarchical.fit(ONE, Hierarchical.Options.of(Linkage.WARD, 2)));
    bad("silhouette with one customer", "the silhouette needs between 2 and n - 1 = 0 segments, got 1", () -> Quality.silhouette(ONE, new int[] {0}));
    bad("silhouette with one segment", "the silhouette needs between 2 and n - 1 = 3 segments, got 1; it is not defined for a single segment", () -> Quality.silhouette(FOUR, new int[] {0, 0, 0, 0}));
    bad("labels of the wrong length", "there are 2 labels for 4 points; give one label per row of the feature matrix", () -> Quality.silhouette(FOUR, new int[] {0, 1}));
    bad("rfm misspelled customer column", "column 'CustomerId ' not found in table 'tx' (did you mean 'CustomerID'?)",
        () -> RfmFeatures.builder().customer("CustomerId ").timestamp("InvoiceDate").amount("Amount").build()
            .compute(tx(new String[] {"a"}, new String[] {"2011-01-01"}, new double[] {1})));
    bad("rfm amount NaN", "(of 1 rows: 1 missing amount, quantity or price); check the column choices",
        () -> rfm().compute(tx(new String[] {"a"}, new String[] {"2011-01-01"}, new double[] {Double.NaN})));
    bad("rfm amount -Infinity", "the amount at row 1 (customer a) is -Infinity; amounts must be finite numbers: fix or remove that row",
        () -> rfm().compute(tx(new String[] {"a"}, new String[] {"2011-01-01"}, new double[] {Double.NEGATIVE_INFINITY})));
    bad("rfm empty table", "the transactions table 'tx' has no rows; RFM needs at least one purchase",
        () -> rfm().compute(tx(new String[] {}, new String[] {}, new double[] {})));
    bad("rfm date far in the future", "the latest purchase, of customer 'b', is dated 9999-12-31, after today",
        () -> System.out.println(rfm().run(tx(new String[] {"a", "b", "c"}, new String[] {"2011-01-01", "9999-12-31", "2011-01-03"},
            new double[] {1, 2, 3})).table()));
    bad("rfm only returns", "(of 2 rows: 1 return (amount < 0), 1 zero amount); check the column choices, the timestamp pattern and --returns",
        () -> rfm().compute(tx(new String[] {"a", "b"}, new String[] {"2011-01-01", "2011-01-02"}, new double[] {-1, 0})));
    bad("rfm ids differing by whitespace", "customer ids 'a ' (row 2) and ' a' (row 3) differ only by leading or trailing spaces",
        () -> System.out.println(rfm().run(tx(new String[] {"a", "a ", " a"}, new String[] {"2011-01-01", "2011-01-02", "2011-01-03"},
            new double[] {1, 2, 3})).table()));
    // issue 15: outputs (every file the library writes goes through AtomicFiles)
    bad("model file over a symbolic link", "model.json: it is a symbolic link (to ",
        () -> model().save(java.nio.file.Files.createSymbolicLink(out("model.json"), out("real.json"))));
    bad("dendrogram over a symbolic link", "tree.nwk: it is a symbolic link (to ",
        () -> tree().writeNewick(java.nio.file.Files.createSymbolicLink(out("tree.nwk"), out("real.nwk"))));
    bad("report into a missing folder", "report.html: folder ",
        () -> dev.segmint.report.Report.builder(model().profiles()).build().write(out("no/such/report.html")));
    bad("dendrogram into a missing folder is not created", "does not exist; create it first",
        () -> tree().writeCsv(out("missing/tree.csv")));
    bad("report as a folder", "report.md: it is a folder; give a file name, e.g. ",
        () -> model().report().write(java.nio.file.Files.createDirectory(out("report.md"))));
    bad("model file under a regular file", "is not a folder; choose a file in an existing folder",
        () -> model().save(java.nio.file.Files.writeString(out("plain.txt"), "x").resolve("model.json")));
    bad("one batch naming a file twice", "name the same file; give each output its own file", () -> {
      try (dev.segmint.internal.AtomicFiles.Batch b = new dev.segmint.internal.AtomicFiles.Batch()) {
        java.nio.file.Path dir = out("twice.csv").getParent();
        b.write(dir.resolve("twice.csv"), w -> w.write("a"));
        b.write(dir.resolve("./twice.csv"), w -> w.write("b"));
      }
    });

    // issue 15: numbers, model files, stderr and messages
    bad("min-max range wider than a double", "min–max scaling cannot represent feature 'f0': its range, from -1.5E308 to 1.5E308, is wider than the largest double",
        () -> Scaler.fit(m(new double[][] {{1.5e308}, {1}, {-1.5e308}}), Scaler.Kind.MINMAX));
    bad("interquartile range wider than a double", "robust scaling cannot represent feature 'f0': its interquartile range, from -1.5E308 to 1.5E308",
        () -> Scaler.fit(m(new double[][] {{-1.5e308}, {-1.5e308}, {1.5e308}, {1.5e308}}), Scaler.Kind.ROBUST));
    bad("robust-scaled outlier beyond a double", "robust scaling of feature 'f0' overflows at row 6 (customer c5): (1.5E308 - median 0.25) / interquartile range 0.5",
        () -> {
          FeatureMatrix x = m(new double[][] {{-1}, {0}, {0}, {0.5}, {0.5}, {1.5e308}});
          Scaler.fit(x, Scaler.Kind.ROBUST).transform(x);
        });
    bad("timestamp pattern without a year", "timestamp pattern 'dd/MM' has no year (y), so no date can be read with it",
        () -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").timestampFormat("dd/MM").build());
    bad("timestamp pattern with the week-based year", "timestamp pattern 'YYYY-MM-dd' has no year (Y is the week-based year; write y)",
        () -> RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount").timestampFormat("YYYY-MM-dd").build());
    bad("hierarchical k above the distinct points", "the data has only 1 distinct points, fewer than k = 2 segments; choose a smaller k",
        () -> Hierarchical.fit(m(new double[][] {{1, 1}, {1, 1}, {1, 1}}), Hierarchical.Options.of(Linkage.WARD, 2)));
  }

  @TempDir
  static java.nio.file.Path outputs;

  /** A fresh path in a folder of its own (each output case runs in its own folder). */
  static java.nio.file.Path out(String name) throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory(outputs, "case").resolve(name);
  }

  static dev.segmint.SegmentationModel model() {
    return dev.segmint.Segmentation.builder().columns("customer_id", "recency", "monetary").kmeans(2).seed(1).build()
        .fit(features());
  }

  static dev.segmint.cluster.Dendrogram tree() {
    return Hierarchical.fit(FOUR, Hierarchical.Options.of(Linkage.WARD, 2)).dendrogram();
  }

  @TestFactory
  Stream<DynamicTest> everyCaseFailsWithItsMessage() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.call(), c.name());
      assertTrue(e.getMessage().contains(c.fragment()), () -> c.name() + ": " + e.getMessage());
    }));
  }

  @Test
  void theCatalogueIsComplete() {
    assertTrue(CASES.size() >= 35, "library cases: " + CASES.size());
  }

  /** Tablesaw finds columns ignoring case; the matrix then takes the table's spelling, so outputs never drift. */
  @Test
  void aCaseOnlyMisspellingFindsTheColumnAndUsesItsRealName() {
    FeatureMatrix f = FeatureMatrix.fromTable(features(), "CUSTOMER_ID", "Monetary");
    assertArrayEquals(new String[] {"monetary"}, f.names());
    assertArrayEquals(new String[] {"a", "b", "c", "d"}, f.ids());
  }

  /** A constant column is reported and scaled to 0, never divided by a zero spread. */
  @Test
  void constantColumnsAreReportedAndScaledToZero() {
    FeatureMatrix x = m(new double[][] {{7, 2}, {7, 3}, {7, 5}});
    Scaler s = Scaler.fit(x, Scaler.Kind.STANDARD);
    assertEquals(List.of("f0"), s.constantColumns());
    FeatureMatrix t = s.transform(x);
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, t.get(i, 0));
    }
    assertEquals(0.0, t.get(0, 1) + t.get(1, 1) + t.get(2, 1), 1e-12);
  }

  /** Rows in another date format than the rest are dropped and counted with their row numbers, never guessed. */
  @Test
  void mixedDateFormatsAreDroppedAndCounted() {
    RfmFeatures.Result r = rfm().run(tx(new String[] {"a", "b", "c", "a"},
        new String[] {"2011-01-01", "01/02/2011", "2011-01-03", "2011-01-02T10:00:00"}, new double[] {1, 2, 3, 4}));
    DataQualityReport q = r.report();
    assertEquals(4, q.rowsRead());
    assertEquals(3, q.rowsKept());
    assertEquals(1, q.rowsDropped(DataQualityReport.Reason.UNPARSEABLE_TIMESTAMP));
    assertEquals(List.of("2"), q.examples(DataQualityReport.Reason.UNPARSEABLE_TIMESTAMP));
    assertEquals(List.of("a", "c"), r.table().stringColumn("customer_id").asList());
    // issue 15: b is dropped for its date, not as a customer of "only returns or zero amounts" (as before)
    assertEquals(0, q.customers(DataQualityReport.Reason.NO_PURCHASES));
    assertEquals(List.of("b"), q.examples(DataQualityReport.Reason.NO_READABLE_TIMESTAMP), "b had only the unreadable row");
    assertEquals(1, q.customersDropped());
    assertTrue(q.toString().contains("customer has no row with a readable timestamp"), q.toString());
  }

  /** With an explicit as-of date, later rows are dropped and counted instead of refused. */
  @Test
  void futureDatesAfterAnExplicitAsOfAreDroppedAndCounted() {
    RfmFeatures.Result r = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount")
        .asOf(LocalDate.of(2011, 2, 1)).build()
        .run(tx(new String[] {"a", "b", "c"}, new String[] {"2011-01-01", "9999-12-31", "2011-01-03"},
            new double[] {1, 2, 3}));
    assertEquals(1, r.report().rowsDropped(DataQualityReport.Reason.AFTER_AS_OF));
    assertEquals(List.of(31, 29), r.table().intColumn("recency_days").asList());
  }
}
