package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Issue 17: profiles print readably in JShell, whatever the number of features. */
class SegmentProfilesPrintingTest {

  /** 30 customers in 3 segments of 10 and {@code features} numeric features; feature j of customer i = base·(i+1). */
  static SegmentProfiles profiles(int features, String prefix) {
    Table t = Table.create("wide");
    for (int j = 0; j < features; j++) {
      double[] v = new double[30];
      for (int i = 0; i < 30; i++) {
        v[i] = (j + 1) * 1234.56789 * (i + 1);
      }
      t.addColumns(DoubleColumn.create(String.format(prefix + "%02d", j + 1), v));
    }
    int[] labels = new int[30];
    for (int i = 0; i < 30; i++) {
      labels[i] = i / 10;
    }
    return SegmentProfiles.of(t, labels);
  }

  static int width(String s) {
    return s.lines().mapToInt(String::length).max().orElse(0);
  }

  @Test
  void manyFeaturesPrintTransposed() {
    SegmentProfiles p = profiles(17, "feature_number_");
    String wide = p.toTable().printAll();
    assertTrue(width(wide) > 500, "the one-row-per-segment table is " + width(wide) + " wide");
    String text = p.toString();
    int means = text.indexOf("means by segment (features as rows)");
    assertTrue(means > 0, text);
    assertTrue(width(text.substring(means, text.indexOf("Top features"))) <= SegmentProfiles.MAX_WIDTH, text);
    // segment 0 holds customers 1..10: mean of feature 1 = 1234.56789 · 5.5 = 6790.123395 → 6 significant digits
    List<String> row = text.lines().filter(l -> l.strip().startsWith("feature_number_01 ") && l.contains("|")).toList();
    assertEquals(1, row.size(), text);
    assertTrue(row.get(0).matches(" *feature_number_01 +\\| +6790\\.12 +\\| +19135\\.8 +\\| +31481\\.5 +\\| +19135\\.8 +\\|"),
        row.get(0));
    // six significant digits, trailing zeros of whole numbers kept: feature 7 of segment 2 is 1234.56789 · 7 · 25.5
    assertTrue(text.contains("|   220370  |"), text);
    // the compact table keeps one row per segment: "segment | size |" as CI and the demo's readers expect
    assertEquals(3, text.lines().filter(l -> l.matches(" +[0-9]+ +\\| +10 +\\|.*")).count(), text);
  }

  @Test
  void fewFeaturesKeepOneRowPerSegment() {
    String text = profiles(2, "f").toString();
    assertFalse(text.contains("means by segment"), text);
    assertTrue(text.contains("mean f01") && text.contains("6790.12"), text);
    assertTrue(width(text.substring(0, text.indexOf("Top features"))) <= SegmentProfiles.MAX_WIDTH, text);
  }
}
