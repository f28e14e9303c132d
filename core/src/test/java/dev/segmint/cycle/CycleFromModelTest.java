package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Audiences and rules straight from a fitted {@link SegmentationModel}. */
class CycleFromModelTest {

  @TempDir
  Path dir;

  /** Two groups far apart in spend (100 ± 5 and 900 ± 5), 60 customers each; channel is noise. */
  private static Table customers() {
    Random rnd = new Random(5);
    List<String> ids = new ArrayList<>();
    double[] spend = new double[120];
    double[] visits = new double[120];
    String[] channel = new String[120];
    for (int i = 0; i < 120; i++) {
      ids.add(String.format(Locale.ROOT, "c%03d", i));
      spend[i] = (i < 60 ? 100 : 900) + rnd.nextGaussian() * 5;
      visits[i] = 3 + rnd.nextInt(3);
      channel[i] = rnd.nextBoolean() ? "web" : "store";
    }
    return Table.create("customers", StringColumn.create("id", ids), DoubleColumn.create("spend", spend),
        DoubleColumn.create("visits", visits), StringColumn.create("channel", channel));
  }

  @Test
  void audiencesAndRulesOfAFittedModel() throws Exception {
    SegmentationModel m = Segmentation.builder().columns("id").kmeans(2).seed(1).build().fit(customers());
    Audiences a = Audiences.of(m);
    assertEquals(120, a.rows().size());
    int[] labels = m.labels();
    String[] ids = m.customerIds();
    for (int i = 0; i < 120; i++) {
      String id = ids[i];
      Audiences.Row r = a.rows().stream().filter(x -> x.customerId().equals(id)).findFirst().orElseThrow();
      assertEquals(labels[i], r.segment());
      assertEquals(m.segmentNames().get(labels[i]), r.segmentName());
      assertEquals(m.profiles().segment(labels[i]).action().action(), r.action());
    }
    SegmentRules rules = SegmentRules.of(m);
    assertEquals(List.of("spend", "visits", "channel"), rules.columns());
    for (SegmentRules.Rule r : rules.rules()) {
      assertEquals(1.0, r.precision(), r.toString());
      assertEquals(1.0, r.recall(), r.toString());
      assertEquals(1, r.branches().size(), r.toString());
      assertEquals("spend", r.branches().get(0).get(0).column(), r.toString());
    }
    // the rules in the report: one line per segment in every format but the long-form CSV, escaped in each
    Report report = Report.builder(m.profiles()).title("t").rules(rules.lines()).build();
    String line0 = rules.rule(0).toString();
    assertTrue(line0.startsWith("spend "), line0);
    assertTrue(report.toText().contains("Segments as rules (precision and recall on these customers)\n  0: " + line0),
        report.toText());
    assertTrue(report.toMarkdown().contains("## Segments as rules"), report.toMarkdown());
    assertTrue(report.toHtml().contains("Rule: <code style=\"overflow-wrap:anywhere\">" + line0.replace("<", "&lt;").replace(">", "&gt;")
        + "</code>"), "escaped rule in the HTML card");
    assertTrue(report.toJson().contains("\"rule\": \"spend \\u003"), report.toJson());
    Report without = Report.builder(m.profiles()).title("t").build();
    assertFalse(without.toHtml().contains("Rule: "));
    assertFalse(without.toMarkdown().contains("Segments as rules"));
    // a model read back from its file has names but no training customers
    Path file = dir.resolve("m.json");
    m.save(file);
    SegmentationModel loaded = SegmentationModel.load(file);
    assertThrows(IllegalStateException.class, () -> Audiences.of(loaded));
    assertThrows(IllegalStateException.class, () -> SegmentRules.of(loaded));
    Audiences named = Audiences.of(loaded, new String[] {"x", "y"}, new int[] {1, 0});
    assertEquals(loaded.segmentNames().get(0), named.rows().get(0).segmentName());
    assertEquals(m.segmentActions(), loaded.segmentActions(), "the model file keeps the actions");
    assertEquals(m.profiles().segment(0).action().action(), named.rows().get(0).action());
  }
}
