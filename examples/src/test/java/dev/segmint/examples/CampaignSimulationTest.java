package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cycle.CampaignResults;
import dev.segmint.cycle.CampaignResults.Decision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The simulated campaign of docs/cycle.md: measure recovers which segments to target from a known truth. */
class CampaignSimulationTest {

  private static Table rfm;

  @org.junit.jupiter.api.BeforeAll
  static void readOnce() {
    rfm = Datasets.onlineRetailRfm(ExampleRun.data());
  }

  @Test
  void measureRecoversWhichSegmentsToTarget() {
    ExampleRun<CampaignResults> run = ExampleRun.of(out -> CampaignSimulation.run(rfm, out));
    CampaignResults r = run.result();
    assertEquals(10, r.rows().size(), "the ten named RFM groups");
    assertEquals(4338, r.overall().nTreatment() + r.overall().nControl());
    assertEquals(0, r.responsesWithoutSegment() + r.segmentedWithoutResponse());
    Map<String, Decision> decisions = new TreeMap<>();
    for (CampaignResults.Row row : r.rows()) {
      CampaignSimulation.Effect truth = CampaignSimulation.TRUE_EFFECTS.get(row.segment());
      decisions.put(row.segment(), row.decision());
      // the true lift lies in every segment's 95 % interval (for this seed; 95 % coverage expects 9.5 of 10)
      assertTrue(row.liftLow() <= truth.lift() && truth.lift() <= row.liftHigh(), row.segment() + ": " + row);
      if (truth.lift() <= 0) {
        assertNotEquals(Decision.TARGET, row.decision(), row.segment() + " has no true lift");
      } else {
        assertNotEquals(Decision.DO_NOT_TARGET, row.decision(), row.segment() + " has a true lift");
        if (Math.min(row.nTreatment(), row.nControl()) >= 40) {
          assertEquals(Decision.TARGET, row.decision(), row.segment() + " has a true lift and customers enough");
        } else {
          // too small to tell: inconclusive, and the customers needed per group exceed what the segment had
          assertEquals(Decision.INCONCLUSIVE, row.decision(), row.segment());
          assertTrue(row.customersPerGroupNeeded() > Math.min(row.nTreatment(), row.nControl()), row.segment());
        }
      }
    }
    // the worked example's decisions, as docs/cycle.md shows them
    assertEquals(List.of("At Risk", "Champions", "Loyal Customers", "Need Attention", "Potential Loyalists"),
        decisions.entrySet().stream().filter(e -> e.getValue() == Decision.TARGET).map(Map.Entry::getKey).toList());
    assertEquals(Decision.DO_NOT_TARGET, decisions.get("Hibernating"));
    assertTrue(run.output().contains("Target Potential Loyalists: +15.5 points (95 % CI +9.4 to +21.5)"),
        run.output());
  }

  @Test
  void sameSeedSameResponsesAndOneEffectChangesOnlyItsSegment() {
    Table a = CampaignSimulation.responses(rfm, CampaignSimulation.TRUE_EFFECTS, 0.5, 7);
    Table b = CampaignSimulation.responses(rfm, CampaignSimulation.TRUE_EFFECTS, 0.5, 7);
    assertEquals(a.stringColumn("group").asList(), b.stringColumn("group").asList());
    assertEquals(a.intColumn("converted").asList(), b.intColumn("converted").asList());
    Map<String, CampaignSimulation.Effect> changed = new TreeMap<>(CampaignSimulation.TRUE_EFFECTS);
    changed.put("Champions", new CampaignSimulation.Effect(0.3, 0.5));
    Table c = CampaignSimulation.responses(rfm, changed, 0.5, 7);
    assertEquals(a.stringColumn("group").asList(), c.stringColumn("group").asList(), "group draws unchanged");
    for (int i = 0; i < rfm.rowCount(); i++) {
      if (!rfm.stringColumn("rfm_segment").get(i).equals("Champions")) {
        assertEquals(a.intColumn("converted").get(i), c.intColumn("converted").get(i));
      }
    }
  }
}
