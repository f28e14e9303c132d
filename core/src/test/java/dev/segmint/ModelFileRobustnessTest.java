package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Linkage;
import dev.segmint.model.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Damaged and edited model files (issue #10): every one is refused with an {@link IllegalArgumentException} whose
 * message starts with {@code model file <path>:}, or it loads as exactly the saved model; nothing else may happen.
 * The real files are models of the bundled marketing_campaign table (demographics + engagement, k-means) and of its
 * numeric columns (DBSCAN, HDBSCAN, hierarchical).
 */
class ModelFileRobustnessTest {

  @TempDir
  static Path dir;

  /** The saved files' bytes: k-means (demographics + engagement), DBSCAN, HDBSCAN, hierarchical. */
  static List<byte[]> files = new ArrayList<>();

  @BeforeAll
  static void saveModels() throws IOException {
    Table customers = TestData.marketingCampaign();
    List<SegmentationModel> models = List.of(
        Segmentation.builder().features(SegmentationModelTest.marketingSpec()).kmeans(4).seed(7).build().fit(customers),
        Segmentation.builder().columns("ID", "Income", "Recency").dbscan(Dbscan.Options.of(0.3, 10)).build()
            .fit(customers.dropRowsWithMissingValues().inRange(0, 400)),
        Segmentation.builder().columns("ID", "Income", "Recency").hdbscan(Hdbscan.Options.of(10)).build()
            .fit(customers.dropRowsWithMissingValues().inRange(0, 150)),
        Segmentation.builder().columns("ID", "Income", "Recency", "MntWines").hierarchical(Linkage.WARD, 3).build()
            .fit(customers.dropRowsWithMissingValues().inRange(0, 500)));
    for (SegmentationModel m : models) {
      Path p = dir.resolve(m.algorithm() + ".json");
      m.save(p);
      files.add(Files.readAllBytes(p));
    }
  }

  static byte[] real() {
    return files.get(0);
  }

  /**
   * Loads {@code bytes} as a model file: returns null when it loads as exactly the saved model {@code original},
   * the message when it is refused as documented, and fails the test on anything else.
   */
  static String load(byte[] bytes, byte[] original, String what) {
    return load(bytes, original, what, true);
  }

  /** As {@link #load(byte[], byte[], String)}, from a file or ({@code viaFile} false) from the bytes directly. */
  static String load(byte[] bytes, byte[] original, String what, boolean viaFile) {
    Path p = dir.resolve("mutated.json");
    try {
      ModelFile.Contents c;
      if (viaFile) {
        Files.write(p, bytes);
        SegmentationModel.load(p);
        c = ModelFile.read(p);
      } else {
        c = ModelFile.read(bytes, p.toString());
        SegmentationModel.of(c);
      }
      // it loaded: then it must be the saved model (e.g. a space turned into a tab), never another one
      String again = ModelFile.toJson(c);
      assertEquals(new String(original, StandardCharsets.UTF_8), again, what + " loaded as a different model");
      return null;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      if (m == null || !m.startsWith("model file " + p + ": ") && !m.startsWith("model file " + p + " is ")) {
        fail(what + ": the message does not name the file: " + m, e);
      }
      return m;
    } catch (IOException e) {
      if (e.getMessage() == null) {
        fail(what + ": an IOException without a message", e);
      }
      return e.getMessage();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      fail(what + ": undocumented " + e, e);
      return null;
    }
  }

  static String refused(String text, String what) {
    String m = load(text.getBytes(StandardCharsets.UTF_8), real(), what);
    assertTrue(m != null, what + " was loaded");
    return m;
  }

  static String text() {
    return new String(real(), StandardCharsets.UTF_8);
  }

  @Test
  void everyFiftiethTruncationIsRefusedAsTruncated() {
    byte[] f = real();
    for (int k = 0; k < 50; k++) {
      int cut = (int) ((long) f.length * k / 50);
      String m = load(Arrays.copyOf(f, cut), f, "cut at " + cut);
      assertTrue(m != null && (m.contains("truncated JSON: the text ends at offset") || m.contains("is not UTF-8")),
          "cut at " + cut + ": " + m);
    }
  }

  @Test
  void anEditedValueIsRefusedByTheChecksum() {
    String t = text();
    Matcher num = Pattern.compile("\"center\": (-?[0-9]+\\.[0-9])").matcher(t);
    assertTrue(num.find());
    String edited = t.substring(0, num.end() - 1) + (t.charAt(num.end() - 1) == '7' ? '8' : '7') + t.substring(num.end());
    String m = refused(edited, "a centre edited");
    assertTrue(m.contains("model field 'checksum' does not match the content"), m);
    m = refused(t.replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"Best customers\""), "a segment renamed");
    assertTrue(m.contains("the file was edited or damaged after it was saved"), m);
    m = refused(t.replaceFirst(",\\s*\"checksum\": \"[0-9a-f]+\"", ""), "no checksum");
    assertTrue(m.contains("model field 'checksum' is missing"), m);
  }

  @Test
  void flippedBytesAreRefused() {
    byte[] f = real();
    Random r = new Random(10);
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      byte[] b = f.clone();
      int at = r.nextInt(b.length);
      b[at] ^= (byte) (1 << r.nextInt(8));
      if (load(b, f, "bit flip at " + at) != null) {
        refused++;
      }
    }
    // only a flip in the indentation can keep the same model (a space 0x20 becomes 0x00..0x7f: mostly refused too)
    assertTrue(refused >= 190, refused + " of 200 bit flips refused");
  }

  @Test
  void aFieldOfAnotherTypeIsNamed() {
    String t = text();
    assertTrue(refused(t.replaceFirst("\"dropZeroVariance\": false", "\"dropZeroVariance\": \"false\""), "string bool")
        .contains("model field 'features.dropZeroVariance' must be true or false but is the string \"false\""));
    assertTrue(refused(t.replaceFirst("\"sources\": \\[[^\\]]*\\]", "\"sources\": \"demographics\""), "string list")
        .contains("model field 'features.sources' must be an array but is the string \"demographics\""));
    assertTrue(refused(t.replaceFirst("\"priorStrength\": 5", "\"priorStrength\": {}"), "object number")
        .contains("model field 'features.engagement.priorStrength' must be a number but is an object"));
    assertTrue(refused(t.replaceFirst("\"ageBands\": \\[", "\"ageBands\": [30.5, "), "fraction")
        .contains("model field 'features.demographics.ageBands[0]' must be a whole number but is 30.5"));
  }

  @Test
  void otherVersionsAreRefused() {
    String t = text();
    assertTrue(refused(t.replace("\"formatVersion\": 1", "\"formatVersion\": 2"), "v2")
        .contains("model format version 2 is not supported"));
    assertTrue(refused(t.replace("\"formatVersion\": 1", "\"formatVersion\": \"1\""), "string version")
        .contains("model field 'formatVersion' must be a number but is the string \"1\""));
    assertTrue(refused(t.replace("\"formatVersion\": 1", "\"formatVersion\": 1.5"), "1.5")
        .contains("model field 'formatVersion' must be a whole number but is 1.5"));
    assertTrue(refused(t.replace("\"format\": \"segmint-model\"", "\"format\": \"other\""), "other format")
        .contains("not a Segmint model"));
  }

  @Test
  void hugeNumbersAreRefused() {
    String t = text();
    String m = refused(t.replaceFirst("\"rows\": [0-9]+", "\"rows\": 1e999"), "1e999");
    assertTrue(m.contains("the number 1e999 is beyond the range of a double"), m);
    m = refused(t.replaceFirst("\"rows\": [0-9]+", "\"rows\": -" + "9".repeat(400)), "400 digits");
    assertTrue(m.contains("is beyond the range of a double"), m);
    m = refused(t.replaceFirst("\"rows\": [0-9]+", "\"rows\": 1e300"), "1e300 rows");
    assertTrue(m.contains("model field 'training.rows' must be a whole number"), m);
    m = refused(t.replaceFirst("\"rows\": [0-9]+", "\"rows\": 4294967296"), "2^32 rows");
    assertTrue(m.contains("model field 'training.rows' must be a whole number in the int range"), m);
    String h = new String(files.get(2), StandardCharsets.UTF_8);
    m = load(h.replaceFirst("\"clusters\": [0-9]+", "\"clusters\": 2000000000").getBytes(StandardCharsets.UTF_8),
        files.get(2), "2e9 clusters");
    assertTrue(m != null && m.contains("model field 'cluster.tree.clusters' is 2000000000"), m);
  }

  @Test
  void deepNestingIsRefusedWithoutExhaustingTheStack() {
    String m = refused("[".repeat(100_000), "100,000 brackets");
    assertTrue(m.contains("nesting deeper than 64 levels"), m);
    m = refused(text().replaceFirst("\"rows\": [0-9]+", "\"rows\": " + "[".repeat(70) + "]".repeat(70)), "inside");
    assertTrue(m.contains("nesting deeper than 64 levels"), m);
  }

  @Test
  void duplicateKeysAreRefused() {
    String t = text();
    String m = refused(t.replaceFirst("\"formatVersion\": 1,", "\"formatVersion\": 1, \"formatVersion\": 1,"), "dup");
    assertTrue(m.contains("duplicate member name \"formatVersion\""), m);
    m = refused(t.replaceFirst("\"channels\": \\{", "\"channels\": {\"web\": \"x\", "), "dup channel");
    assertTrue(m.contains("duplicate member name \"web\""), m);
  }

  @Test
  void nanLiteralsAndNonFiniteCoordinatesAreRefused() {
    String t = text();
    for (String lit : List.of("NaN", "Infinity", "-Infinity", "nan", "+1")) {
      String m = refused(t.replaceFirst("\"center\": [-0-9.eE]+", "\"center\": " + lit), lit);
      assertTrue(m.contains("malformed JSON at offset"), lit + ": " + m);
    }
    String m = refused(t.replaceFirst("\"centroids\": \\[\\s*\\[\\s*[-0-9.eE]+", "\"centroids\": [[\"NaN\""), "NaN");
    assertTrue(m.contains("model field 'cluster.centroids[0][0]' is NaN; a point in the feature space has finite "
        + "coordinates"), m);
  }

  /** One seeded mutation of a model file's text or bytes, described for the failure message. */
  record Mutant(byte[] bytes, String what) {}

  static final List<String> REPLACEMENTS = List.of("1e999", "-1e400", "NaN", "\"NaN\"", "\"Infinity\"", "1e308",
      "-0", "2147483648", "9007199254740993", "0.5", "-1", "0", "\"x\"", "null", "true", "[]", "{}", "[1, 2]",
      "{\"a\": 1}", "\"\"", "1E+2", "[[[[[[[[]]]]]]]]");
  static final Pattern TOKEN = Pattern.compile("-?[0-9][0-9.eE+-]*|\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null");

  /** The value tokens of each saved file (by identity), as character ranges. */
  static final Map<byte[], List<int[]>> TOKENS = new IdentityHashMap<>();

  static Mutant mutate(byte[] f, Random r) {
    String t = new String(f, StandardCharsets.UTF_8);
    int op = r.nextInt(9);
    int at = r.nextInt(f.length);
    switch (op) {
      case 0 -> {
        byte[] b = f.clone();
        b[at] = (byte) r.nextInt(256);
        return new Mutant(b, "byte " + at + " set to " + (b[at] & 0xff));
      }
      case 1 -> {
        return new Mutant(Arrays.copyOf(f, at), "cut at " + at);
      }
      case 2 -> {
        int len = 1 + r.nextInt(Math.min(200, f.length - at));
        byte[] b = new byte[f.length - len];
        System.arraycopy(f, 0, b, 0, at);
        System.arraycopy(f, at + len, b, at, f.length - at - len);
        return new Mutant(b, "deleted " + len + " bytes at " + at);
      }
      case 3 -> {
        int len = 1 + r.nextInt(Math.min(200, f.length - at));
        int to = r.nextInt(f.length);
        byte[] b = new byte[f.length + len];
        System.arraycopy(f, 0, b, 0, to);
        System.arraycopy(f, at, b, to, len);
        System.arraycopy(f, to, b, to + len, f.length - to);
        return new Mutant(b, "copied " + len + " bytes from " + at + " to " + to);
      }
      case 4, 5, 6 -> {
        // a value token replaced by a value of another kind or size
        List<int[]> tokens = TOKENS.computeIfAbsent(f, k -> {
          List<int[]> found = new ArrayList<>();
          Matcher m = TOKEN.matcher(t);
          while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
          }
          return found;
        });
        int[] tok = tokens.get(r.nextInt(tokens.size()));
        String rep = REPLACEMENTS.get(r.nextInt(REPLACEMENTS.size()));
        String s = t.substring(0, tok[0]) + rep + t.substring(tok[1]);
        return new Mutant(s.getBytes(StandardCharsets.UTF_8), "token '" + t.substring(tok[0], Math.min(tok[1],
            tok[0] + 40)) + "' at " + tok[0] + " replaced by " + rep);
      }
      case 7 -> {
        // two lines swapped: members or array elements out of order, commas misplaced
        String[] lines = t.split("\n", -1);
        int a = r.nextInt(lines.length);
        int b = r.nextInt(lines.length);
        String x = lines[a];
        lines[a] = lines[b];
        lines[b] = x;
        return new Mutant(String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "lines " + a + " and " + b
            + " swapped");
      }
      default -> {
        // a member inserted after an opening brace: duplicates, unknown members, deep values
        int brace = t.indexOf('{', at);
        if (brace < 0) {
          brace = 0;
        }
        String[] members = {"\"format\": \"segmint-model\", ", "\"x\": 1, ", "\"segment\": 0, ",
            "\"deep\": " + "[".repeat(60 + r.nextInt(10)) + "]".repeat(60 + r.nextInt(10)) + ", "};
        String ins = members[r.nextInt(members.length)];
        String s = t.substring(0, brace + 1) + ins + t.substring(brace + 1);
        return new Mutant(s.getBytes(StandardCharsets.UTF_8), "inserted " + ins.substring(0, Math.min(30,
            ins.length())) + " at " + (brace + 1));
      }
    }
  }

  /**
   * 10,000 seeded mutations of the four real files (byte changes, cuts, deleted and copied spans, values of other
   * types and sizes, swapped lines, inserted members): each is refused as documented or loads as the saved model.
   */
  @Test
  void tenThousandMutatedFilesAreRefusedOrLoadUnchanged() {
    Random r = new Random(20261123);
    int refused = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      byte[] f = files.get(i % files.size());
      Mutant m = mutate(f, r);
      // every 20th through a file on disk and SegmentationModel.load, the others from the bytes (the same checks)
      if (load(m.bytes(), f, "mutation " + i + " of file " + i % files.size() + " (" + m.what() + ")", i % 20 == 0)
          != null) {
        refused++;
      }
    }
    // nearly every mutation changes the content; the few that load are whitespace changes of the same model
    assertTrue(refused > n * 0.95, refused + " of " + n + " refused");
  }

  @Test
  void aLoadedFileLoadsUnchangedAndAMissingOneIsAnIoError() {
    for (byte[] f : files) {
      assertEquals(null, load(f, f, "the saved file"));
    }
    IOException e = assertThrows(IOException.class, () -> SegmentationModel.load(dir.resolve("none.json")));
    assertTrue(e.getMessage().contains("none.json"), e.getMessage());
  }
}
