package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmint.features.FeatureMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The k-selection tables of docs/kmeans.md ("Choosing k") are this test's output: each block between
 * {@code <!-- k-table: NAME -->} and {@code <!-- end k-table -->} must equal the table computed here. Run with
 * {@code -Dsegmint.updateDocs=true} to rewrite the blocks after a deliberate change.
 */
class KSelectionDocTest {

  private static FeatureMatrix retail;
  private static KSelection.Result retailChoice;

  @BeforeAll
  static void load() throws IOException {
    retail = DensityData.onlineRetailRfm();
    retailChoice = KSelection.choose(retail);
  }

  /** On the bundled Online Retail RFM the contract's rule does not pick 2; the old rule (2..10, silhouette) did. */
  @Test
  void onlineRetailRfmIsNotSplitInTwo() {
    assertEquals(4338, retail.rows());
    assertTrue(retailChoice.k() >= 3, retailChoice.toString());
    assertEquals(3, retailChoice.k(), retailChoice.toString());
    boolean[] eligible = retailChoice.eligible();
    assertTrue(eligible[retailChoice.k() - 3], retailChoice.toString());
    KSelection.Result old = KSelection.run(retail, KSelection.Options.range(2, 10).withGapReferences(0)
        .withCriterion(KSelection.Criterion.SILHOUETTE));
    assertEquals(2, old.k(), old.toString());
  }

  static Map<String, String> tables() {
    Map<String, String> t = new LinkedHashMap<>();
    for (int g : new int[] {3, 5, 8}) {
      t.put("blobs-" + g, KSelection.choose(KSelectionData.separated(g, 17, null)).toString());
    }
    t.put("online-retail", retailChoice.toString());
    t.put("online-retail-hierarchical", KSelection.runHierarchical(retail,
        KSelection.HierarchicalOptions.of(Linkage.WARD)).toString());
    return t;
  }

  @Test
  void docsShowTheTablesThisCodeComputes() throws IOException {
    Path doc = DensityData.dataDir().resolveSibling("docs").resolve("kmeans.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    String updated = text;
    for (Map.Entry<String, String> e : tables().entrySet()) {
      String open = "<!-- k-table: " + e.getKey() + " -->\n";
      String close = "<!-- end k-table -->";
      int a = updated.indexOf(open);
      if (a < 0) {
        fail("docs/kmeans.md has no block " + open.strip() + " … " + close);
      }
      int b = updated.indexOf(close, a);
      String block = "```text\n" + e.getValue().replace(System.lineSeparator(), "\n") + "\n```\n";
      updated = updated.substring(0, a + open.length()) + block + updated.substring(b);
    }
    if (Boolean.getBoolean("segmint.updateDocs")) {
      Files.writeString(doc, updated, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(updated, text, "docs/kmeans.md's k-selection tables differ from what the code computes; check the "
        + "change, then rerun this test with -Dsegmint.updateDocs=true to rewrite them");
  }
}
