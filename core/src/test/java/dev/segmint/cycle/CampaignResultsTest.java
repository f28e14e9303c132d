package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CampaignResultsTest {

  private static final CampaignResults.Options OPTIONS = CampaignResults.Options.of("customer", "group", "mail",
      "holdout", "converted");

  /** Builds responses: customer, group, converted (0/1), revenue. */
  private static final class Responses {
    final List<String> ids = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<Integer> outcomes = new ArrayList<>();
    final List<Double> revenue = new ArrayList<>();

    /** {@code n} customers named prefix0.. of one group, the first {@code x} converted with revenue. */
    Responses add(String prefix, String group, int x, int n, double convertedRevenue) {
      for (int i = 0; i < n; i++) {
        ids.add(prefix + i);
        groups.add(group);
        outcomes.add(i < x ? 1 : 0);
        revenue.add(i < x ? convertedRevenue + i % 7 : 0.0);
      }
      return this;
    }

    Table table() {
      return Table.create("responses", StringColumn.create("customer", ids), StringColumn.create("group", groups),
          IntColumn.create("converted", outcomes.stream().mapToInt(Integer::intValue).toArray()),
          DoubleColumn.create("revenue", revenue.stream().mapToDouble(Double::doubleValue).toArray()));
    }
  }

  /** Segment 0: 56/70 treated vs 48/80 control; segment 1: 5/56 vs 0/29; segment 2: 4 customers, no responses. */
  private static Table segments() {
    List<String> ids = new ArrayList<>();
    List<Integer> seg = new ArrayList<>();
    for (String p : List.of("a", "b")) {
      for (int i = 0; i < 80; i++) {
        ids.add(p + "t" + i);
        seg.add(p.equals("a") ? 0 : 1);
        ids.add(p + "c" + i);
        seg.add(p.equals("a") ? 0 : 1);
      }
    }
    for (int i = 0; i < 4; i++) {
      ids.add("z" + i);
      seg.add(2);
    }
    return Table.create("segments", StringColumn.create("customer_id", ids),
        IntColumn.create("segment", seg.stream().mapToInt(Integer::intValue).toArray()));
  }

  private static Responses responses() {
    return new Responses().add("at", "mail", 56, 70, 30).add("ac", "holdout", 48, 80, 25).add("bt", "mail", 5, 56, 40)
        .add("bc", "holdout", 0, 29, 0).add("x", "mail", 1, 3, 10);   // x0..x2: no segment
  }

  @Test
  void handComputedSegmentsEmptySegmentAndOverall() {
    CampaignResults r = CampaignResults.of(segments(), responses().table(), OPTIONS);
    assertEquals(3, r.rows().size());
    CampaignResults.Row s0 = r.row("0");
    assertEquals(70, s0.nTreatment());
    assertEquals(80, s0.nControl());
    assertEquals(56, s0.conversionsTreatment());
    assertEquals(48, s0.conversionsControl());
    assertEquals(0.8, s0.rateTreatment(), 1e-15);
    assertEquals(0.6, s0.rateControl(), 1e-15);
    assertEquals(0.2, s0.lift(), 1e-12);
    assertEquals(0.0524, s0.liftLow(), 5e-5);    // Newcombe 1998, Table II
    assertEquals(0.3339, s0.liftHigh(), 5e-5);
    assertEquals(0.8 / 0.6 - 1, s0.relativeLift(), 1e-12);
    assertFalse(s0.fisher());
    assertEquals(CampaignStatistics.zTest(56, 70, 48, 80), s0.pValue(), 0);
    assertEquals(0.2 * 70, s0.incrementalConversions(), 1e-9);
    assertEquals(CampaignResults.Decision.TARGET, s0.decision());
    assertTrue(Double.isNaN(s0.customersPerGroupNeeded()));

    CampaignResults.Row s1 = r.row("1");
    assertEquals(56, s1.nTreatment());
    assertEquals(29, s1.nControl());
    assertEquals(0.0, s1.rateControl());
    assertTrue(Double.isNaN(s1.relativeLift()), "rate_control = 0: no relative lift");
    assertTrue(s1.fisher());
    assertEquals(CampaignStatistics.fisher(5, 56, 0, 29), s1.pValue(), 0);
    assertEquals(-0.0381, s1.liftLow(), 5e-5);
    assertEquals(0.1926, s1.liftHigh(), 5e-5);
    assertEquals(CampaignResults.Decision.INCONCLUSIVE, s1.decision());
    assertEquals(CampaignStatistics.customersPerGroup(5.0 / 56, 0), s1.customersPerGroupNeeded());
    assertTrue(s1.customersPerGroupNeeded() > 56);

    CampaignResults.Row s2 = r.row("2");
    assertEquals(0, s2.nTreatment() + s2.nControl() + s2.conversionsTreatment() + s2.conversionsControl());
    for (double v : new double[] {s2.rateTreatment(), s2.rateControl(), s2.lift(), s2.liftLow(), s2.liftHigh(),
        s2.relativeLift(), s2.pValue(), s2.qValue(), s2.incrementalConversions(), s2.customersPerGroupNeeded()}) {
      assertTrue(Double.isNaN(v));
    }
    assertEquals(CampaignResults.Decision.INCONCLUSIVE, s2.decision());

    // BH over the two segments with a p-value (segment 2 has none): m = 2
    double p0 = s0.pValue();
    double p1 = s1.pValue();
    double lo = Math.min(p0, p1);
    double hi = Math.max(p0, p1);
    double qHi = hi;
    double qLo = Math.min(qHi, lo * 2);
    assertEquals(p0 < p1 ? qLo : qHi, s0.qValue(), 1e-15);
    assertEquals(p0 < p1 ? qHi : qLo, s1.qValue(), 1e-15);

    CampaignResults.Row all = r.overall();
    assertEquals(126, all.nTreatment());
    assertEquals(109, all.nControl());
    assertEquals(61, all.conversionsTreatment());
    assertEquals(48, all.conversionsControl());
    double lift = 61.0 / 126 - 48.0 / 109;
    assertEquals(lift, all.lift(), 1e-15);
    assertEquals(lift * 126, all.incrementalConversions(), 1e-12);
    assertTrue(Double.isNaN(all.qValue()));
    assertEquals(CampaignStatistics.pValue(61, 126, 48, 109), all.pValue(), 0);

    assertEquals(3, r.responsesWithoutSegment());
    assertEquals(List.of("x0", "x1", "x2"), r.responsesWithoutSegmentExamples());
    // segment 0: 160 customers, 150 responded; segment 1: 160, 85 responded; segment 2: 4, none
    assertEquals(10 + 75 + 4, r.segmentedWithoutResponse());
    assertEquals(324, r.segmentedCustomers());
    assertEquals(238, r.responses());
  }

  @Test
  void tableHasTheContractColumnsInOrder() {
    Table t = CampaignResults.of(segments(), responses().table(), OPTIONS).toTable();
    assertEquals(List.of("segment", "n_treatment", "n_control", "conversions_treatment", "conversions_control",
        "rate_treatment", "rate_control", "lift", "lift_low", "lift_high", "relative_lift", "p_value", "q_value",
        "incremental_conversions", "decision", "customers_per_group_needed"), t.columnNames());
    assertEquals(List.of("0", "1", "2", "all"), t.stringColumn("segment").asList());
    assertEquals(List.of("target", "inconclusive", "inconclusive", "inconclusive"), t.stringColumn("decision").asList());
    assertTrue(t.doubleColumn("rate_treatment").isMissing(2), "empty segment: empty rates");
    assertTrue(t.doubleColumn("relative_lift").isMissing(1), "rate_control = 0: empty relative lift");
    assertTrue(t.doubleColumn("q_value").isMissing(3), "no q for all");

    Table withRevenue = CampaignResults.of(segments(), responses().table(), OPTIONS.withRevenue("revenue")).toTable();
    assertEquals(List.of("segment", "n_treatment", "n_control", "conversions_treatment", "conversions_control",
        "rate_treatment", "rate_control", "lift", "lift_low", "lift_high", "relative_lift", "p_value", "q_value",
        "incremental_conversions", "revenue_treatment", "revenue_control", "revenue_diff", "revenue_diff_low",
        "revenue_diff_high", "decision", "customers_per_group_needed"), withRevenue.columnNames());
  }

  @Test
  void revenueWelchIntervalByHand() {
    Responses in = responses();
    CampaignResults r = CampaignResults.of(segments(), in.table(), OPTIONS.withRevenue("revenue"));
    SummaryStatistics t = new SummaryStatistics();
    SummaryStatistics c = new SummaryStatistics();
    for (int i = 0; i < in.ids.size(); i++) {
      if (in.ids.get(i).startsWith("at")) {
        t.addValue(in.revenue.get(i));
      } else if (in.ids.get(i).startsWith("ac")) {
        c.addValue(in.revenue.get(i));
      }
    }
    double a = t.getVariance() / t.getN();
    double b = c.getVariance() / c.getN();
    double df = (a + b) * (a + b) / (a * a / (t.getN() - 1) + b * b / (c.getN() - 1));
    double half = new TDistribution(df).inverseCumulativeProbability(0.975) * Math.sqrt(a + b);
    CampaignResults.Row s0 = r.row("0");
    assertEquals(t.getMean(), s0.revenueTreatment(), 1e-12);
    assertEquals(c.getMean(), s0.revenueControl(), 1e-12);
    assertEquals(t.getMean() - c.getMean(), s0.revenueDiff(), 1e-12);
    assertEquals(t.getMean() - c.getMean() - half, s0.revenueDiffLow(), 1e-9);
    assertEquals(t.getMean() - c.getMean() + half, s0.revenueDiffHigh(), 1e-9);
    assertTrue(Double.isNaN(r.row("2").revenueDiff()));
  }

  @Test
  void outcomesAsTrueFalseInAnyCaseOrBooleans() {
    Table segments = Table.create("s", StringColumn.create("customer_id", "1", "2", "3", "4"),
        StringColumn.create("segment", "Champions", "Champions", "At Risk", "At Risk"));
    Table text = Table.create("r", StringColumn.create("customer", "1", "2", "3", "4"),
        StringColumn.create("group", "mail", "holdout", "mail", "holdout"),
        StringColumn.create("converted", "TRUE", "false", " True ", "0"));
    CampaignResults r = CampaignResults.of(segments, text, OPTIONS);
    assertEquals(List.of("At Risk", "Champions"), r.rows().stream().map(CampaignResults.Row::segment).toList());
    assertEquals(1, r.row("Champions").conversionsTreatment());
    assertEquals(1, r.row("At Risk").conversionsTreatment());
    Table bool = text.copy();
    bool.replaceColumn("converted", BooleanColumn.create("converted", true, false, true, false));
    assertEquals(r.toTable().toString(), CampaignResults.of(segments, bool, OPTIONS).toTable().toString());
    // yes/no, as marketing tools export it
    Table words = text.copy();
    words.replaceColumn("converted", StringColumn.create("converted", "Yes", "no", " YES ", "No"));
    assertEquals(r.toTable().toString(), CampaignResults.of(segments, words, OPTIONS).toTable().toString());
    assertTrue(r.row("Champions").sentence().startsWith("Inconclusive for Champions: +100.0 points"),
        r.row("Champions").sentence());
  }

  private static String badInput(Table segments, Table responses, CampaignResults.Options o) {
    return assertThrows(IllegalArgumentException.class, () -> CampaignResults.of(segments, responses, o)).getMessage();
  }

  @Test
  void badInputNamesRowColumnAndValue() {
    Table seg = segments();
    Table yes = responses().table();
    yes.replaceColumn("converted", yes.intColumn("converted").asStringColumn().setName("converted"));
    yes.stringColumn("converted").set(6, "maybe");
    assertEquals("outcome column 'converted' has 'maybe' at row 7 of the responses; write 1, true or yes for a "
        + "conversion and 0, false or no otherwise", badInput(seg, yes, OPTIONS));
    Table two = responses().table();
    two.intColumn("converted").set(3, 2);
    assertTrue(badInput(seg, two, OPTIONS).startsWith("outcome column 'converted' has '2' at row 4"));

    Table dup = responses().table();
    dup.stringColumn("customer").set(9, "at2");
    assertEquals("customer at2 appears twice in the responses (rows 3 and 10); give each customer one row with one "
        + "group and one outcome", badInput(seg, dup, OPTIONS));

    Table other = responses().table();
    other.stringColumn("group").set(4, "Mail");
    assertTrue(badInput(seg, other, OPTIONS).startsWith("group column 'group' has 'Mail' at row 5 of the responses, "
        + "which is neither the treatment value 'mail' nor the control value 'holdout'"));

    assertTrue(badInput(seg, responses().table(), CampaignResults.Options.of("customer", "group", "Mail", "holdout",
        "converted")).contains("group column 'group' has 'mail' at row 1"));
    Table noControl = new Responses().add("at", "mail", 3, 10, 1).table();
    assertTrue(badInput(seg, noControl, OPTIONS).startsWith("no row of the responses has the control value 'holdout' "
        + "in group column 'group' (it holds [mail])"));

    assertTrue(assertThrows(IllegalArgumentException.class, () -> CampaignResults.Options.of("customer", "group",
        "mail", "mail", "converted")).getMessage().startsWith("the treatment and control values are both 'mail'"));

    assertTrue(badInput(seg, responses().table(), CampaignResults.Options.of("customer", "group", "mail", "holdout",
        "convertd")).startsWith("column 'convertd' not found in the responses"), "missing column");

    Table rev = responses().table();
    rev.doubleColumn("revenue").setMissing(11);
    assertTrue(badInput(seg, rev, OPTIONS.withRevenue("revenue")).startsWith("revenue column 'revenue' has no value "
        + "at row 12 of the responses"));

    Table segDup = segments();
    segDup.stringColumn("customer_id").set(1, "at0");
    assertTrue(badInput(segDup, responses().table(), OPTIONS).startsWith("customer at0 appears twice in the segments"));
  }

  @Test
  void arraysOfLabelsGiveTheSameResultsAsATable() {
    Table seg = segments();
    String[] ids = seg.stringColumn("customer_id").asObjectArray();
    int[] labels = seg.intColumn("segment").asIntArray();
    CampaignResults a = CampaignResults.of(ids, labels, responses().table(), OPTIONS);
    CampaignResults b = CampaignResults.of(seg, responses().table(), OPTIONS);
    assertEquals(b.toString(), a.toString());
    assertEquals(b.rows(), a.rows());
    assertThrows(UnsupportedOperationException.class, () -> a.rows().clear());
    String text = a.toString();
    assertTrue(text.contains("unmatched: 3 responses without a segment (e.g. x0, x1, x2); 89 segmented customers "
        + "without a response"), text);
    assertTrue(a.toHtml("Campaign <test>").contains("Campaign &lt;test&gt;"));
    assertTrue(a.toHtml("t").contains("<svg"));
  }
}
