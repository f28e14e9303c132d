package dev.segmint.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ModelFileTest {

  @TempDir
  Path dir;

  Path file;
  String text;

  /** Two obvious groups on a line, plus a missing value (imputed) and a winsorized column (±∞ bounds unused). */
  static Table customers() {
    return Table.create("c", StringColumn.create("id", "a", "b", "c", "d", "e", "f"),
        DoubleColumn.create("x", 0.0, 1.0, 2.0, 10.0, 11.0, 12.0),
        DoubleColumn.create("y", 5.0, Double.NaN, 5.0, 7.0, 7.0, 7.0));
  }

  @BeforeEach
  void save() throws Exception {
    FeatureSpec spec = FeatureSpec.builder().columns("id").add(NumericFeature.of("x"))
        .add(NumericFeature.of("y").withImputeMedian().withMissingIndicator()).build();
    SegmentationModel model = Segmentation.builder().features(spec).kmeans(2).seed(1).build().fit(customers());
    file = dir.resolve("m.json");
    model.save(file);
    text = Files.readString(file);
  }

  private String readError(String content) throws Exception {
    Path p = dir.resolve("bad.json");
    Files.writeString(p, content);
    return assertThrows(IllegalArgumentException.class, () -> ModelFile.read(p)).getMessage();
  }

  @Test
  void theFileHoldsTheDocumentedFields() throws Exception {
    assertTrue(text.contains("\"format\": \"segmint-model\""), text);
    assertTrue(text.contains("\"formatVersion\": 1"));
    assertTrue(text.contains("\"lower\": \"-Infinity\""), "non-finite numbers are written as strings");
    ModelFile.Contents c = ModelFile.read(file);
    assertEquals(6, c.trainingRows());
    assertEquals(64, c.trainingSha256().length());
    double[][] centroids = c.clustering().centroids();
    assertEquals(2, centroids.length);
    // the two groups: the larger-first rule makes ties go to the smaller centroid; both have 3 customers
    assertArrayEquals(new long[] {3, 3}, c.segmentSizes());
    // writing what was read gives the same text: every number reads back exactly
    assertEquals(text, ModelFile.toJson(c));
    assertEquals(c.pipeline().featureNames(), java.util.List.of("x", "y", "y_missing"));
  }

  @Test
  void unknownVersionIsRefused() throws Exception {
    String m = readError(text.replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
    assertTrue(m.contains("model format version 99 is not supported"), m);
    assertTrue(m.contains("reads version 1"), m);
  }

  @Test
  void truncatedFileIsRefusedWithTheOffset() throws Exception {
    String m = readError(text.substring(0, text.length() / 2));
    assertTrue(m.contains("truncated JSON: the text ends at offset " + text.length() / 2), m);
  }

  @Test
  void malformedFileIsRefusedWithTheOffset() throws Exception {
    int at = text.indexOf("\"training\"");
    String m = readError(text.substring(0, at) + "," + text.substring(at));
    assertTrue(m.contains("malformed JSON at offset " + at), m);
  }

  @Test
  void missingOrMistypedFieldsAreNamed() throws Exception {
    String m = readError(text.replace("\"sha256\"", "\"sha257\""));
    assertTrue(m.contains("model field 'training.sha256' is missing"), m);
    m = readError(text.replace("\"centroids\"", "\"centres\""));
    assertTrue(m.contains("model field 'cluster.centroids' is missing"), m);
    m = readError(text.replaceFirst("\"rows\": 6", "\"rows\": \"six\""));
    assertTrue(m.contains("model field 'training.rows' must be a number but is the string \"six\""), m);
    m = readError(text.replaceFirst("\"scaleValue\": [0-9.e-]+", "\"scaleValue\": 0"));
    assertTrue(m.contains("model field 'features.fitted[0].scaleValue' must be a finite number > 0"), m);
  }

  @Test
  void notAModelOversizedAndNotUtf8AreRefused() throws Exception {
    assertTrue(readError("{}").contains("not a Segmint model"));
    assertTrue(readError("[1, 2]").contains("not a Segmint model"));
    String m = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file, 100)).getMessage();
    assertTrue(m.contains("over the limit of 100 bytes"), m);
    Path p = dir.resolve("binary.json");
    Files.write(p, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
    m = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(p)).getMessage();
    assertTrue(m.contains("is not UTF-8 text"), m);
  }

  @Test
  void hdbscanTreeIsCheckedOnLoad() throws Exception {
    SegmentationModel h = Segmentation.builder().columns("id", "x").hdbscan(dev.segmint.cluster.Hdbscan.Options.of(2))
        .build().fit(customers());
    Path p = dir.resolve("h.json");
    h.save(p);
    String json = Files.readString(p);
    assertTrue(json.contains("\"algorithm\": \"hdbscan\""), json);
    SegmentationModel loaded = SegmentationModel.load(p);
    Table probe = Table.create("n", StringColumn.create("id", "p", "q"), DoubleColumn.create("x", 0.5, 11.5));
    assertArrayEquals(h.assign(probe).segments(), loaded.assign(probe).segments());
    String m = readError(json.replaceFirst("\"clusters\": [0-9]+", "\"clusters\": 0"));
    assertTrue(m.contains("a condensed tree has at least one point and the root cluster"), m);
    m = readError(json.replaceFirst("\"coreDistances\": \\[", "\"coreDistances\": [-1, "));
    assertTrue(m.contains("core distances"), m);
  }

  @Test
  void loadedModelAssignsLikeTheSavedOne() throws Exception {
    SegmentationModel loaded = SegmentationModel.load(file);
    Table fresh = Table.create("n", StringColumn.create("id", "p", "q", "r"), DoubleColumn.create("x", -5.0, 5.9, 30.0),
        DoubleColumn.create("y", Double.NaN, 5.0, 7.0));
    int[] s = loaded.assign(fresh).segments();
    assertEquals(s[0] == 0 ? 1 : 0, s[2], "far left and far right land in different segments");
    assertEquals(3, loaded.assign(fresh).size());
    assertEquals(1, loaded.assign(fresh).dataQuality().imputed().get("y"));
    assertTrue(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).endsWith("}\n"));
  }
}
