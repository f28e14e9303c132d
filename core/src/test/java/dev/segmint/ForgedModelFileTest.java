package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.model.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Issue 15, item 10: forged model files. The checksum is a SHA-256 of the content, which anyone can recompute, so it
 * is no signature: each case saves a real model, edits its JSON, recomputes the checksum the way the file format
 * does (the SHA-256 of the text without the {@code checksum} member) and loads it. What no fit could have produced
 * is refused with an {@link IllegalArgumentException} that names the field; before the fix these loaded (and failed
 * later, blaming the data, or with "Index -25 out of bounds").
 */
class ForgedModelFileTest {

  @TempDir
  static Path dir;

  static String kmeans;
  static String hdbscan;
  static String dbscan;
  static ModelFile.Contents hdbscanContents;

  static Table customers() {
    int n = 24;
    String[] ids = new String[n];
    double[] x = new double[n];
    double[] y = new double[n];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      x[i] = (i % 3) * 10 + r.nextDouble();
      y[i] = (i % 3 == 1 ? 10 : 0) + r.nextDouble();
    }
    return Table.create("customers", StringColumn.create("id", ids), DoubleColumn.create("x", x),
        DoubleColumn.create("y", y));
  }

  @BeforeAll
  static void saveModels() throws IOException {
    Table t = customers();
    FeatureSpec spec = FeatureSpec.builder().columns("id", "x", "y")
        .add(NumericFeature.of("x").withImputeMedian().withWinsorize(0.05, 0.95)).add(NumericFeature.of("y")).build();
    kmeans = save(Segmentation.builder().features(spec).kmeans(3).seed(1).build().fit(t), "kmeans.json");
    hdbscan = save(Segmentation.builder().columns("id", "x", "y").hdbscan(Hdbscan.Options.of(3)).build().fit(t),
        "hdbscan.json");
    hdbscanContents = ModelFile.read(dir.resolve("hdbscan.json"));
    dbscan = save(Segmentation.builder().columns("id", "x", "y").dbscan(Dbscan.Options.of(0.5, 3)).build().fit(t),
        "dbscan.json");
  }

  static String save(SegmentationModel m, String name) throws IOException {
    Path p = dir.resolve(name);
    m.save(p);
    return Files.readString(p);
  }

  /** The file with {@code edit} applied and its checksum recomputed as {@code ModelFile} computes it. */
  static String forge(String saved, UnaryOperator<String> edit) {
    String body = saved.replaceFirst(",\n  \"checksum\": \"[0-9a-f]{64}\"", "");
    String edited = edit.apply(body);
    assertTrue(edited.endsWith("\n}\n"));
    return edited.substring(0, edited.length() - 3) + ",\n  \"checksum\": \"" + sha256(edited) + "\"\n}\n";
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Replaces the first match of {@code regex} (its group 1) with {@code value}; fails when nothing matches. */
  static UnaryOperator<String> set(String regex, String value) {
    return text -> {
      Matcher m = Pattern.compile(regex).matcher(text);
      assertTrue(m.find(), "no match for " + regex);
      return text.substring(0, m.start(1)) + value + text.substring(m.end(1));
    };
  }

  /** Sets element {@code index} of the array {@code name} of the HDBSCAN tree. */
  static UnaryOperator<String> treeElement(String name, int index, String value) {
    return text -> {
      int at = text.indexOf("\"" + name + "\": [", text.indexOf("\"tree\": {"));
      assertTrue(at > 0, name);
      int line = text.indexOf('\n', at) + 1;
      for (int i = 0; i < index; i++) {
        line = text.indexOf('\n', line) + 1;
      }
      int end = text.indexOf('\n', line);
      String old = text.substring(line, end);
      String indent = old.substring(0, old.length() - old.stripLeading().length());
      return text.substring(0, line) + indent + value + (old.endsWith(",") ? "," : "") + text.substring(end);
    };
  }

  /** Loads the forged text as a model file: the message of the refusal, which must name the file. */
  static String refused(String forged) throws IOException {
    Path p = dir.resolve("forged.json");
    Files.writeString(p, forged);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentationModel.load(p));
    assertTrue(e.getMessage().startsWith("model file " + p + ": "), e.getMessage());
    return e.getMessage().substring(("model file " + p + ": ").length());
  }

  /** The forging itself is faithful: without an edit it gives back the saved file, which loads. */
  @Test
  void forgingWithoutAnEditGivesTheSavedFile() throws IOException {
    for (String saved : new String[] {kmeans, hdbscan, dbscan}) {
      assertEquals(saved, forge(saved, s -> s));
      Path p = dir.resolve("same.json");
      Files.writeString(p, forge(saved, s -> s));
      SegmentationModel.load(p);
    }
  }

  // ---------------------------------------------------------------- the HDBSCAN tree

  /** The row whose child is {@code child}. */
  static int rowOf(int child) {
    int[] c = hdbscanContents.clustering() instanceof Hdbscan.Result t ? t.treeState().treeChild() : null;
    for (int r = 0; r < c.length; r++) {
      if (c[r] == child) {
        return r;
      }
    }
    throw new AssertionError("no row for " + child);
  }

  /** A non-root cluster with child clusters, and one of its children: {a, b}. */
  static int[] clusterWithChild() {
    Hdbscan.TreeState s = ((Hdbscan.Result) hdbscanContents.clustering()).treeState();
    int n = s.points().length;
    int[] parent = s.treeParent();
    int[] child = s.treeChild();
    for (int r = 0; r < parent.length; r++) {
      if (child[r] >= n && parent[r] > n) {
        return new int[] {parent[r], child[r]};
      }
    }
    throw new AssertionError("the test tree has no second-level cluster");
  }

  /** Before: exit 1 in the CLI, "Index -25 out of bounds for length 7" (an ArrayIndexOutOfBoundsException). */
  @Test
  void aParentCycleInTheTreeIsRefused() throws IOException {
    int[] ab = clusterWithChild();
    // a's parent becomes its own child b: a -> b -> a
    String m = refused(forge(hdbscan, treeElement("parent", rowOf(ab[0]), Integer.toString(ab[1]))));
    assertEquals("model field 'cluster.tree' is not a condensed tree a fit makes: condensed tree row " + rowOf(ab[0])
        + " makes cluster " + ab[0] + " a child of cluster " + ab[1] + ", but a cluster is numbered after its parent "
        + "(breadth-first): the rows do not form a tree", m);
  }

  @Test
  void treeSizesThatDoNotAddUpAreRefused() throws IOException {
    int[] ab = clusterWithChild();
    int[] sizes = ((Hdbscan.Result) hdbscanContents.clustering()).treeState().treeSize();
    // b grows by 5 customers: the rows under its parent a no longer add up to a's size
    String m = refused(forge(hdbscan, treeElement("size", rowOf(ab[1]), Integer.toString(sizes[rowOf(ab[1])] + 5))));
    assertTrue(m.endsWith("the rows under cluster " + ab[0] + " hold " + (sizes[rowOf(ab[0])] + 5) + " points, but "
        + "the cluster has " + sizes[rowOf(ab[0])]), m);
  }

  @Test
  void aPointLeavingBeforeItsClusterIsBornIsRefused() throws IOException {
    Hdbscan.TreeState s = ((Hdbscan.Result) hdbscanContents.clustering()).treeState();
    int n = s.points().length;
    int r = -1;
    for (int i = 0; i < s.treeChild().length && r < 0; i++) {
      if (s.treeParent()[i] > n && s.treeChild()[i] < n) {
        r = i;   // a point leaving a cluster born at some λ > 0
      }
    }
    String m = refused(forge(hdbscan, treeElement("lambda", r, "0")));
    assertTrue(m.contains("condensed tree row " + r + " has λ 0.0, below the λ "), m);
    m = refused(forge(hdbscan, treeElement("lambda", r, "-1")));
    assertTrue(m.contains("condensed tree row " + r + " ("), m);
  }

  @Test
  void aPointPlacedTwiceIsRefused() throws IOException {
    Hdbscan.TreeState s = ((Hdbscan.Result) hdbscanContents.clustering()).treeState();
    int n = s.points().length;
    int[] child = s.treeChild();
    int first = -1;
    int second = -1;
    for (int r = 0; r < child.length; r++) {
      if (child[r] < n) {
        if (first < 0) {
          first = r;
        } else if (second < 0) {
          second = r;
        }
      }
    }
    String m = refused(forge(hdbscan, treeElement("child", second, Integer.toString(child[first]))));
    assertTrue(m.contains("condensed tree rows " + first + " and " + second + " both place point " + child[first]), m);
  }

  @Test
  void hdbscanPointsMustBeTheTrainingCustomers() throws IOException {
    String m = refused(forge(hdbscan, set("\"rows\": ([0-9]+)", "25")));
    assertTrue(m.startsWith("model field 'cluster.points' has 24 points, but an HDBSCAN model keeps every one of its "
        + "25 training customers"), m);
  }

  // ---------------------------------------------------------------- values of the feature pipeline

  /** Before: loaded, and assign then said "feature 'x' is NaN at row 1", blaming the data. */
  @Test
  void anInfiniteCenterIsRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"center\": ([-0-9.e]+)", "\"Infinity\"")));
    assertEquals("model field 'features.fitted[0].center' must be a finite number (a center), not Infinity", m);
  }

  /** Before: loaded; every value was then clipped to an empty interval. */
  @Test
  void winsorBoundsInTheWrongOrderAreRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"lower\": ([-0-9.e]+)", "1000000")));
    assertTrue(m.startsWith("model field 'features.fitted[0].lower' is 1000000.0, above 'upper' "), m);
    m = refused(forge(kmeans, set("\"lower\": ([-0-9.e]+)", "\"NaN\"")));
    assertEquals("model field 'features.fitted[0].lower' must be a finite number (a winsorizing bound), not NaN", m);
    m = refused(forge(kmeans, set("\"upper\": (\"Infinity\")", "5")));
    assertEquals("model field 'features.fitted[1].upper' must be Infinity (that side is not winsorized), not 5.0", m);
  }

  @Test
  void anImputationValueNoFitGivesIsRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"fill\": ([-0-9.e]+)", "\"-Infinity\"")));
    assertEquals("model field 'features.fitted[0].fill' must be a finite number (the imputation value), not -Infinity", m);
    m = refused(forge(kmeans, set("\"missingAtFit\": ([0-9]+)", "-3")));
    assertEquals("model field 'features.fitted[0].missingAtFit' must be between 0 and 24 (the training customers), "
        + "not -3", m);
  }

  // ---------------------------------------------------------------- sizes and counts

  /** Before: loaded, with a negative share in the printed model. */
  @Test
  void aNegativeSegmentSizeIsRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"size\": ([0-9]+)", "-8")));
    assertEquals("model field 'segments[0].size' must be between 1 and the 24 training customers, not -8", m);
  }

  /** Before: loaded, with shares of thousands of percent. */
  @Test
  void aHugeSegmentSizeIsRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"size\": ([0-9]+)", "1000000000")));
    assertEquals("model field 'segments[0].size' must be between 1 and the 24 training customers, not 1000000000", m);
  }

  @Test
  void sizesThatDoNotAddUpToTheTrainingCustomersAreRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"size\": ([0-9]+)", "1")));
    assertTrue(m.startsWith("model field 'segments' has sizes that add up to "), m);
    assertTrue(m.endsWith("customers, not the 24 training customers (this algorithm places every one)"), m);
    m = refused(forge(kmeans, set("\"rows\": ([0-9]+)", "0")));
    assertEquals("model field 'training.rows' must be at least 1 (a fit has customers), not 0", m);
  }

  /** Before: refused only later, without the file's name, by the DBSCAN model itself. */
  @Test
  void aCorePointOutsideTheSegmentsIsRefused() throws IOException {
    String m = refused(forge(dbscan, set("\"coreLabels\": \\[\\s*([0-9]+)", "-1")));
    assertTrue(m.startsWith("model field 'cluster.coreLabels[0]' must be a segment 0.."), m);
    m = refused(forge(dbscan, set("\"minPts\": ([0-9]+)", "0")));
    assertEquals("model field 'cluster.minPts' must be at least 1 (it counts the point itself), not 0", m);
  }

  @Test
  void anInvalidTrainingFingerprintIsRefused() throws IOException {
    String m = refused(forge(kmeans, set("\"sha256\": \"([0-9a-f]+)\"", "not-a-digest")));
    assertEquals("model field 'training.sha256' must be 64 lower-case hexadecimal digits (a SHA-256), not "
        + "\"not-a-digest\"", m);
    assertNotEquals(kmeans, forge(kmeans, set("\"sha256\": \"([0-9a-f]+)\"", "not-a-digest")));
  }
}
