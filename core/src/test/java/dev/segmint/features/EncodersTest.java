package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoders and scalers: exact values on small hand-made columns. */
class EncodersTest {

  // 10 rows: Married 4, Single 3, Together 1, Divorced 1, YOLO 1
  static final String[] STATUS = {"Married", "Single", "Married", "Together", "Single", "Married", "Divorced",
      "Single", "YOLO", " Married "};

  @Test
  void everyEncoderAnswersTheSameQuestionsThroughOneInterface() {
    String[] values = {"Single", "YOLO", "Married"};
    List<CategoryEncoder> encoders = List.of(
        OneHotEncoder.fit("status", STATUS, OneHotEncoder.Options.of().withMinCount(2)),
        OrdinalEncoder.fit("status", STATUS, List.of("Single", "Married", "Together", "Divorced", "YOLO"),
            UnknownCategory.ERROR),
        FrequencyEncoder.fit("status", STATUS, UnknownCategory.OTHER));
    double[][][] want = {
        {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},   // one column per output: Married, Single, other
        {{0, 4, 1}},                          // ranks in the given order
        {{0.3, 0.1, 0.4}}};                   // shares at fit
    List<List<String>> names = List.of(List.of("status=Married", "status=Single", "status=other"),
        List.of("status_ordinal"), List.of("status_freq"));
    for (int e = 0; e < encoders.size(); e++) {
      CategoryEncoder enc = encoders.get(e);
      assertEquals("status", enc.column());
      assertEquals(names.get(e), enc.outputNames());
      double[][] got = enc.encode(values);
      assertEquals(want[e].length, got.length, enc.toString());
      for (int j = 0; j < got.length; j++) {
        assertArrayEquals(want[e][j], got[j], 1e-12, enc + " output " + j);
      }
      assertTrue(enc.isUnknown("Widow"), enc.toString());
      assertFalse(enc.isUnknown(" YOLO "), enc.toString());
    }
    assertEquals("one-hot of status: other (Divorced, Together, YOLO; unseen values)", encoders.get(0).describe(2));
    assertEquals("ordinal of status: Single < Married < Together < Divorced < YOLO → 0..4", encoders.get(1).describe(0));
    assertEquals("share of customers with the same status at fit", encoders.get(2).describe(0));
  }

  @Test
  void oneHotKeepsFrequentLevelsAndFoldsTheRestIntoOther() {
    OneHotEncoder e = OneHotEncoder.fit("status", STATUS, OneHotEncoder.Options.of().withMinCount(2));
    assertEquals(List.of("Married", "Single"), e.levels(), "by frequency; ' Married ' is stripped");
    assertEquals(List.of("Divorced", "Together", "YOLO"), e.foldedLevels());
    assertEquals(List.of("status=Married", "status=Single", "status=other"), e.outputNames());
    double[][] x = e.transform(new String[] {"Single", "YOLO", "Married", "Widow"});
    assertArrayEquals(new double[] {0, 1, 0}, x[0]);
    assertArrayEquals(new double[] {0, 0, 1}, x[1], "rare level → other");
    assertArrayEquals(new double[] {1, 0, 0}, x[2]);
    assertArrayEquals(new double[] {0, 0, 1}, x[3], "unseen level → other");
  }

  @Test
  void oneHotCapKeepsTheMostFrequentLevels() {
    OneHotEncoder e = OneHotEncoder.fit("status", STATUS, OneHotEncoder.Options.of().withMaxLevels(1));
    assertEquals(List.of("status=Married", "status=other"), e.outputNames());
    // ties in frequency are broken by name: Divorced, Together, YOLO all have 1 row
    OneHotEncoder e3 = OneHotEncoder.fit("status", STATUS, OneHotEncoder.Options.of().withMaxLevels(3));
    assertEquals(List.of("Married", "Single", "Divorced"), e3.levels());
  }

  @Test
  void oneHotUnknownAsErrorNamesTheValueAndRow() {
    OneHotEncoder e = OneHotEncoder.fit("status", STATUS,
        OneHotEncoder.Options.of().withUnknown(UnknownCategory.ERROR));
    assertFalse(e.hasOther(), "no rare level and unknown=ERROR: no other column");
    assertEquals(5, e.outputNames().size());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> e.transform(new String[] {"Single", "Widow"}));
    assertEquals("column 'status' has the value 'Widow' at row 2, which was not seen when the encoder was fitted "
        + "(known: [Married, Single, Divorced, Together, YOLO]); map it to a known level, refit, or fit with "
        + "UnknownCategory.OTHER", ex.getMessage());
    // a rare level folded at fit is known: it goes to other even under ERROR
    OneHotEncoder capped = OneHotEncoder.fit("status", STATUS,
        OneHotEncoder.Options.of().withMaxLevels(2).withUnknown(UnknownCategory.ERROR));
    assertArrayEquals(new double[] {0, 0, 1}, capped.transform(new String[] {"YOLO"})[0]);
    assertThrows(IllegalArgumentException.class, () -> capped.transform(new String[] {"Widow"}));
  }

  @Test
  void missingValueIsRejectedWithItsRow() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> OneHotEncoder.fit("status", new String[] {"a", null}, OneHotEncoder.Options.of()));
    assertTrue(ex.getMessage().startsWith("column 'status' has a missing value at row 2; impute it first"), ex.getMessage());
  }

  @Test
  void ordinalFollowsTheGivenOrder() {
    List<String> order = List.of("Basic", "2n Cycle", "Graduation", "Master", "PhD");
    String[] edu = {"PhD", "Graduation", "Basic", "Graduation", "Master", "2n Cycle"};
    OrdinalEncoder e = OrdinalEncoder.fit("education", edu, order, UnknownCategory.ERROR);
    assertArrayEquals(new double[] {4, 2, 0, 2, 3, 1}, e.transform(edu));
    assertEquals("Graduation", e.mode());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> e.transform(new String[] {"Doctorate"}));
    assertTrue(ex.getMessage().startsWith("column 'education' has the value 'Doctorate' at row 1"), ex.getMessage());
    IllegalArgumentException fitEx = assertThrows(IllegalArgumentException.class,
        () -> OrdinalEncoder.fit("education", new String[] {"PhD", "Bachelor"}, order, UnknownCategory.ERROR));
    assertEquals("column 'education' has the value 'Bachelor' at row 2, which is not in the given order "
        + "[Basic, 2n Cycle, Graduation, Master, PhD]; add it to the order or use UnknownCategory.OTHER", fitEx.getMessage());
    OrdinalEncoder lenient = OrdinalEncoder.fit("education", edu, order, UnknownCategory.OTHER);
    assertArrayEquals(new double[] {2}, lenient.transform(new String[] {"Doctorate"}), "unknown → code of the mode");
  }

  @Test
  void frequencyEncodingIsTheShareAtFit() {
    FrequencyEncoder e = FrequencyEncoder.fit("status", STATUS, UnknownCategory.OTHER);
    assertEquals(Map.of("Married", 0.4, "Single", 0.3, "Together", 0.1, "Divorced", 0.1, "YOLO", 0.1), e.shares());
    assertArrayEquals(new double[] {0.4, 0.3, 0.1, 0.0}, e.transform(new String[] {"Married", "Single", "YOLO", "Widow"}));
    FrequencyEncoder strict = FrequencyEncoder.fit("status", STATUS, UnknownCategory.ERROR);
    assertThrows(IllegalArgumentException.class, () -> strict.transform(new String[] {"Widow"}));
  }

  @Test
  void scalersExactValues() {
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b", "c", "d", "e"}, new String[] {"x", "k"},
        new double[][] {{1, 7}, {2, 7}, {3, 7}, {4, 7}, {10, 7}});
    // standard: mean 4, population sd sqrt((9+4+1+0+36)/5) = sqrt(10)
    Scaler std = Scaler.fit(m, Scaler.Kind.STANDARD);
    assertArrayEquals(new double[] {4, 7}, std.centers(), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(10), 1}, std.scales(), 1e-12);
    assertEquals(List.of("k"), std.constantColumns(), "constant column: scale 1, never a division by zero");
    FeatureMatrix s = std.transform(m);
    assertEquals(-3 / Math.sqrt(10), s.get(0, 0), 1e-12);
    assertEquals(0, s.get(0, 1));
    // robust: median 3, IQR = q75 − q25 = 4 − 2 = 2 (linear interpolation)
    Scaler rob = Scaler.fit(m, Scaler.Kind.ROBUST);
    assertArrayEquals(new double[] {3, 7}, rob.centers(), 1e-12);
    assertEquals(2, rob.scales()[0], 1e-12);
    assertEquals(3.5, rob.transform(m).get(4, 0), 1e-12);
    // min-max: (x − 1) / 9
    Scaler mm = Scaler.fit(m, Scaler.Kind.MINMAX);
    assertArrayEquals(new double[] {0, 1 / 9.0, 2 / 9.0, 3 / 9.0, 1}, mm.transform(m).column(0), 1e-12);
    assertArrayEquals(m.toFlatArray(), mm.inverse(mm.transform(m).toFlatArray()), 1e-12);
    assertTrue(mm.transform(m).provenance()[0].startsWith("minmax("));
  }
}
