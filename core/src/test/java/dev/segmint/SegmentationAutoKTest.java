package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Issue 17: the contract's k choice in one call from the facade, the same as KSelection on the same features. */
class SegmentationAutoKTest {

  /** Four groups of 60, 90, 120 and 150 customers, 12 standard deviations apart. */
  static Table customers() {
    SplittableRandom r = new SplittableRandom(4);
    StringColumn id = StringColumn.create("id");
    DoubleColumn x = DoubleColumn.create("x");
    DoubleColumn y = DoubleColumn.create("y");
    int c = 0;
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < 60 + 30 * g; i++) {
        id.append("c" + c++);
        x.append(12.0 * (g % 2) + r.nextGaussian());
        y.append(12.0 * (g / 2) + r.nextGaussian());
      }
    }
    return Table.create("customers", id, x, y);
  }

  @Test
  void kmeansAutoIsTheContractsChoice() {
    Table t = customers();
    SegmentationModel m = Segmentation.builder().columns("id", "x", "y").kmeansAuto().build().fit(t);
    KSelection.Result sel = m.clustering().selection();
    assertEquals(4, sel.k(), sel.toString());
    assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 10}, sel.ks());
    assertEquals(4, m.clustering().k());
    // the same choice as KSelection.choose on the standard-scaled columns
    FeatureMatrix raw = FeatureMatrix.fromTable(t, "id", "x", "y");
    KSelection.Result direct = KSelection.choose(Scaler.fit(raw, Scaler.Kind.STANDARD).transform(raw));
    assertEquals(direct.k(), sel.k());
    assertArrayEquals(direct.silhouette(), sel.silhouette(), 1e-12);
    assertArrayEquals(direct.eligible(), sel.eligible());
    assertEquals(direct.reason(), sel.reason());
    // the model's quality indices: the silhouette the selection computed for the chosen k, equal bit for bit to
    // scoring the model's labels on its features afresh
    dev.segmint.quality.Silhouette fresh = dev.segmint.quality.Quality.silhouette(m.features(), m.labels(), 1);
    assertEquals(Double.doubleToLongBits(fresh.mean()), Double.doubleToLongBits(m.quality().silhouette()));
    assertArrayEquals(fresh.perPoint(), m.quality().details().perPoint(), 0.0);
    assertTrue(m.quality().details() == sel.silhouetteAt(4), "reused, not computed again");
    assertEquals(dev.segmint.quality.Indices.of(m.features(), m.labels()).toString(), m.quality().toString());
    // kmeansAuto(kMin, kMax) applies the same rule in its range
    KSelection.Result narrow = Segmentation.builder().columns("id", "x", "y").kmeansAuto(2, 5).build().fit(t)
        .clustering().selection();
    assertArrayEquals(new int[] {2, 3, 4, 5}, narrow.ks());
    assertEquals(4, narrow.k());
    assertTrue(narrow.reason().startsWith("k = 4 has the largest silhouette among the 4 eligible k"), narrow.reason());
  }

  @Test
  void hierarchicalAutoCutsAtTheLargestRelativeGap() {
    SegmentationModel m = Segmentation.builder().columns("id", "x", "y").hierarchicalAuto(Linkage.WARD).build()
        .fit(customers());
    assertEquals("hierarchical", m.clustering().name());
    assertEquals(4, m.clustering().k(), m.clustering().selection().toString());
    assertEquals("hierarchical", m.clustering().selection().method());
    assertArrayEquals(new long[] {150, 120, 90, 60}, m.clustering().sizes());
  }
}
