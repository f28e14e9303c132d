package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.RfmSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Issue 17: names never use label columns; every segment gets an action; names agree with actions. */
class SegmentActionTest {

  /**
   * A small RFM table as {@code segmint rfm} writes it: 3 segments of 20 customers, perfectly separated. Segment 0:
   * lapsed (recency 200..219), one order, spend 100..119, Hibernating. Segment 1: recent (5..24), 10..29 orders,
   * spend 5000..5019, Champions. Segment 2: in between (80..99 days, 3 orders, spend 500..519), Need Attention.
   */
  static Table smallRfm() {
    int n = 60;
    String[] id = new String[n];
    int[] rec = new int[n];
    int[] freq = new int[n];
    double[] mon = new double[n];
    int[] r = new int[n];
    int[] f = new int[n];
    int[] m = new int[n];
    String[] code = new String[n];
    String[] seg = new String[n];
    for (int i = 0; i < n; i++) {
      int s = i / 20;
      int j = i % 20;
      id[i] = "c" + i;
      rec[i] = s == 0 ? 200 + j : s == 1 ? 5 + j : 80 + j;
      freq[i] = s == 0 ? 1 : s == 1 ? 10 + j : 3;
      mon[i] = s == 0 ? 100 + j : s == 1 ? 5000 + j : 500 + j;
      r[i] = s == 0 ? 1 : s == 1 ? 5 : 3;
      f[i] = s == 0 ? 1 : s == 1 ? 5 : 3;
      m[i] = s == 0 ? 1 : s == 1 ? 5 : 3;
      code[i] = "" + r[i] + f[i] + m[i];
      seg[i] = s == 0 ? "Hibernating" : s == 1 ? "Champions" : "Need Attention";
    }
    return Table.create("rfm", StringColumn.create("customer_id", id), IntColumn.create("recency_days", rec),
        IntColumn.create("frequency", freq), DoubleColumn.create("monetary", mon), IntColumn.create("r_score", r),
        IntColumn.create("f_score", f), IntColumn.create("m_score", m), StringColumn.create("rfm_code", code),
        StringColumn.create("rfm_segment", seg));
  }

  static int[] smallLabels() {
    int[] l = new int[60];
    for (int i = 0; i < 60; i++) {
      l[i] = i / 20;
    }
    return l;
  }

  @Test
  void namesAndNumericProfilesLeaveTheLabelColumnsOut() {
    SegmentProfiles p = SegmentProfiles.of(smallRfm(), smallLabels());
    assertEquals(List.of("recency_days", "frequency", "monetary"), p.numericFeatures());
    assertEquals(List.of("r_score", "f_score", "m_score", "rfm_code", "rfm_segment"), p.categoricalFeatures());
    // d on ranks: segment 0 has the 20 largest recencies (ranks 41..60 against 1..40), the 20 smallest spends
    // (1..20 against 21..60: the same |d|) and the 20 smallest frequencies, tied at rank 10.5 with no spread inside
    // the segment, so frequency's |d| is the largest; equal |d| keep the feature order
    assertEquals("Very infrequent, very lapsed, very low monetary", p.segment(0).name());
    assertEquals("Very frequent, very recent, very high monetary", p.segment(1).name());
    assertEquals("Close to average", p.segment(2).name());
    for (SegmentProfile s : p.segments()) {
      for (String label : List.of("score", "rfm_code", "Champions", "Hibernating")) {
        assertFalse(s.name().contains(label), s.name());
      }
    }
    // r_score is profiled as a category: segment 1 is all "5"
    assertEquals("5", p.segment(1).categorical("r_score").top().level());
    assertEquals(1.0, p.segment(1).categorical("r_score").top().share());
    // top features list the named RFM group but not the scores or the code
    for (SegmentProfile s : p.segments()) {
      for (FeatureEffect e : s.topFeatures()) {
        assertTrue(!e.feature().endsWith("_score") && !e.feature().equals("rfm_code"), e.toString());
      }
    }
    assertTrue(p.segment(0).distinguishing().stream().anyMatch(e -> e.feature().equals("r_score")));
    // asked for explicitly as ordinary columns, the scores are averaged (and may name) again
    SegmentProfiles plain = SegmentProfiles.of(smallRfm(), smallLabels(), SegmentProfiles.Options.defaults()
        .withLabelColumns().withColumns("recency_days", "r_score"));
    assertEquals(List.of("recency_days", "r_score"), plain.numericFeatures());
    assertEquals(5.0, plain.segment(1).mean("r_score"));
  }

  @Test
  void aLevelHoldingMostOfASegmentEntersItsName() {
    // segment 0: spend 100..119, all "store"; segment 1: spend 200..219, 15 "web" and 5 "store"; region is the same
    // mix in both (north/south alternating), so it never names a segment
    int n = 40;
    double[] spend = new double[n];
    String[] channel = new String[n];
    String[] region = new String[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int s = i / 20;
      int j = i % 20;
      spend[i] = (s == 0 ? 100 : 200) + j;
      channel[i] = s == 0 || j < 5 ? "store" : "web";
      region[i] = j % 2 == 0 ? "north" : "south";
      labels[i] = s;
    }
    Table t = Table.create("c", DoubleColumn.create("spend", spend), StringColumn.create("channel", channel),
        StringColumn.create("region", region));
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    // spend separates completely (ranks 1..20 against 21..40: d on ranks = 20 / sd(1..20) = 3.38), channel's
    // distinctive level holds 100 % and 75 % of the segments against 25 % and 0 % of the rest
    assertEquals("Very low spend, channel mostly store", p.segment(0).name());
    assertEquals("Very high spend, channel mostly web", p.segment(1).name());
    // a level under half of the segment ("more store") does not name it, however large its effect
    assertFalse(p.segment(1).name().contains("region"), p.segment(1).name());
  }

  @Test
  void actionsComeFromTheLargestRfmGroup() {
    SegmentProfiles p = SegmentProfiles.of(smallRfm(), smallLabels());
    assertEquals("Low-cost reactivation, else suppress from paid campaigns", p.segment(0).action().action());
    assertEquals(SegmentAction.Source.RFM_GROUP, p.segment(0).action().source());
    assertEquals("largest RFM group: Hibernating (100%)", p.segment(0).action().basis());
    assertEquals("Reward: VIP perks, early access, ask for reviews and referrals", p.segment(1).action().action());
    assertEquals("Limited-time offer based on past purchases", p.segment(2).action().action());
    // facts in plain words: segment 1 buys 19.5 times on average, last 14.5 → 14 days ago (half even),
    // and its median spend 5009.5 against the median of all 60 (100..119, 500..519, 5000..5019: (509 + 510) / 2 =
    // 509.5) is 9.83 → 9.8× (the mean, 1876.17, would say 2.7×)
    assertEquals(List.of("bought 19.5 times on average", "last 14 days ago", "median spend 9.8× the overall median"),
        p.segment(1).facts());
    assertEquals("Very frequent, very recent, very high monetary — 20 customers (33.3%) — Reward: VIP perks, early "
        + "access, ask for reviews and referrals — bought 19.5 times on average, last 14 days ago, median spend 9.8× "
        + "the overall median", p.segment(1).decision());
    // a user table replaces one group's action; the others keep theirs
    SegmentProfiles user = SegmentProfiles.of(smallRfm(), smallLabels(), SegmentProfiles.Options.defaults()
        .withActions(Map.of("Hibernating", "Suppress")));
    assertEquals("Suppress", user.segment(0).action().action());
    assertEquals("Limited-time offer based on past purchases", user.segment(2).action().action());
  }

  @Test
  void everyRfmGroupHasTheContractsAction() {
    Map<String, String> contract = new LinkedHashMap<>();
    contract.put("Champions", "Reward: VIP perks, early access, ask for reviews and referrals");
    contract.put("Loyal Customers", "Upsell higher-value products; loyalty programme");
    contract.put("Potential Loyalists", "Membership or loyalty offer; recommend related products");
    contract.put("New Customers", "Welcome series and onboarding");
    contract.put("Promising", "Build awareness: free trials, brand content");
    contract.put("Need Attention", "Limited-time offer based on past purchases");
    contract.put("About To Sleep", "Reactivate: popular products, renewed discounts");
    contract.put("At Risk", "Personalised win-back before they go");
    contract.put("Can't Lose Them", "Priority win-back: call or exclusive offer");
    contract.put("Hibernating", "Low-cost reactivation, else suppress from paid campaigns");
    assertEquals(10, RfmSegment.values().length);
    for (RfmSegment g : RfmSegment.values()) {
      LevelShare top = new LevelShare(g.label(), 40, 0.4, 0.1, 4, 1.0);
      SegmentAction a = Profiler.action(top, List.of(), SegmentProfiles.Options.defaults());
      assertEquals(contract.get(g.label()), a.action(), g.label());
      assertEquals(SegmentAction.Source.RFM_GROUP, a.source());
      assertEquals("largest RFM group: " + g.label() + " (40%)", a.basis());
    }
    assertEquals(contract, SegmentAction.RFM_ACTIONS);
  }

  @Test
  void withoutAnRfmSegmentColumnTheGroupIsScoredFromRecencyAndFrequency() {
    Table t = smallRfm().selectColumns("customer_id", "recency_days", "frequency", "monetary");
    SegmentProfiles p = SegmentProfiles.of(t, smallLabels());
    // 60 customers: segment 0's recencies are the 20 largest, so at most 40 − 19 = 21..40 are worse... its
    // r_score = 1 + floor(5·worse/60) with worse = 19..0 → 1 + floor(0..1.58) = 1 or 2; its frequency 1 has no
    // worse value → f_score 1: Hibernating for all 20
    assertEquals("Hibernating", p.segment(0).rfmSegment().orElseThrow().level());
    assertEquals(1.0, p.segment(0).rfmSegment().orElseThrow().share());
    // segment 1: recencies 5..24 have 40..59 worse → r = 1 + floor(5·40/60 ..) = 4 or 5; frequencies 10..29 have
    // 40..59 worse → f 4 or 5; R 5 needs 48 worse: recency 5..16 (12 customers) and with F ≥ 4 → Champions (12),
    // recency 17..24 → R 4, Loyal Customers (8)
    LevelShare top = p.segment(1).rfmSegment().orElseThrow();
    assertEquals("Champions", top.level());
    assertEquals(12, top.count());
    assertEquals(SegmentAction.RFM_ACTIONS.get("Champions"), p.segment(1).action().action());
  }

  @Test
  void withoutRfmFeaturesTheRulesDecideOrNothingIsRecommended() {
    Table t = smallRfm().selectColumns("customer_id", "recency_days", "monetary");
    SegmentProfiles p = SegmentProfiles.of(t, smallLabels());
    assertTrue(p.segment(0).rfmSegment().isEmpty());
    assertEquals(new SegmentAction("Low-cost win-back offer, else suppress from paid campaigns",
        SegmentAction.Source.FEATURE_RULE, "lapsed"), p.segment(0).action());
    assertEquals(new SegmentAction("Retain and upsell: loyalty rewards, higher-value products",
        SegmentAction.Source.FEATURE_RULE, "recent and high monetary"), p.segment(1).action());
    Table other = Table.create("x", DoubleColumn.create("satisfaction",
        smallRfm().doubleColumn("monetary").asDoubleArray()));
    SegmentProfiles q = SegmentProfiles.of(other, smallLabels());
    assertEquals(new SegmentAction("no recommendation", SegmentAction.Source.NONE, ""), q.segment(1).action());
    assertEquals(List.of(), q.segment(1).facts());
  }

  @Test
  void featureRulesReadWhatAColumnMeasuresFromItsName() {
    assertEquals("recency", Profiler.behaviour("Recency"));
    assertEquals("recency", Profiler.behaviour("days_since_last_activity"));
    assertEquals("spend", Profiler.behaviour("MntWines"));
    assertEquals("spend", Profiler.behaviour("avg_order_value"));
    assertEquals("frequency", Profiler.behaviour("NumWebPurchases"));
    assertEquals("frequency", Profiler.behaviour("web_visits_per_month"));
    assertEquals("tenure", Profiler.behaviour("tenure_days"));
    assertEquals("spend", Profiler.behaviour("Balance"));
    // "fee" as a word: a subscription's price, not feedback or coffee
    assertEquals("spend", Profiler.behaviour("monthly_fee"));
    assertEquals("spend", Profiler.behaviour("MonthlyFee"));
    assertEquals("spend", Profiler.behaviour("annual fees"));
    assertNull(Profiler.behaviour("feedback_score"));
    assertNull(Profiler.behaviour("coffee_cups"));
    // a currency as a word: money, though "purchases" alone would say frequency
    assertEquals("spend", Profiler.behaviour("in_app_purchases_eur"));
    assertEquals("spend", Profiler.behaviour("PriceUSD"));
    assertEquals("frequency", Profiler.behaviour("in_app_purchases"));
    assertNull(Profiler.behaviour("europe_share"));
    assertEquals("frequency", Profiler.behaviour("AppLoginsPerMonth"));
    assertEquals("frequency", Profiler.behaviour("sessions_last_30d"));
    assertEquals(null, Profiler.behaviour("Income"));
    // a customer table in the marketing_campaign style: segment 1 buys wine recently, segment 0 little and long ago
    Table t = smallRfm();
    Table mk = Table.create("mk", StringColumn.create("ID", t.stringColumn("customer_id").asObjectArray()),
        DoubleColumn.create("Recency", t.intColumn("recency_days").asDoubleArray()),
        DoubleColumn.create("MntWines", t.doubleColumn("monetary").asDoubleArray()));
    SegmentProfiles p = SegmentProfiles.of(mk, smallLabels(), "Recency", "MntWines");
    assertEquals(new SegmentAction("Low-cost win-back offer, else suppress from paid campaigns",
        SegmentAction.Source.FEATURE_RULE, "lapsed"), p.segment(0).action());
    assertEquals(new SegmentAction("Retain and upsell: loyalty rewards, higher-value products",
        SegmentAction.Source.FEATURE_RULE, "recent and high MntWines"), p.segment(1).action());
    // low spend, not lapsed: nurture at low cost
    Table spendOnly = Table.create("s", DoubleColumn.create("MntWines", t.doubleColumn("monetary").asDoubleArray()));
    SegmentProfiles q = SegmentProfiles.of(spendOnly, smallLabels());
    assertEquals(new SegmentAction("Nurture at low cost: content and entry offers, no paid campaigns",
        SegmentAction.Source.FEATURE_RULE, "low frequency or spend"), q.segment(0).action());
    assertEquals("Upsell higher-value products; loyalty programme", q.segment(1).action().action());
  }

  @Test
  void aSegmentWithAnRfmGroupIsNamedByItsRecencyOrFrequencyToo() {
    SegmentProfiles.Options o = SegmentProfiles.Options.defaults();
    List<FeatureEffect> ranked = new ArrayList<>(List.of(
        new FeatureEffect("avg_order_value", null, 1.5, 1e-9, 1e-9, "very large orders"),
        new FeatureEffect("monetary", null, 0.9, 1e-9, 1e-9, "high monetary"),
        new FeatureEffect("tenure_days", null, 0.6, 1e-9, 1e-9, "long-standing"),
        new FeatureEffect("recency_days", null, 0.3, 1e-3, 1e-3, "slightly lapsed"),
        new FeatureEffect("rfm_segment", "Hibernating", 2.0, 1e-9, 1e-9, "mostly Hibernating")));
    LevelShare hibernating = new LevelShare("Hibernating", 60, 0.6, 0.3, 2, 2.0);
    String[] named = Profiler.names(List.of(0), List.of(ranked), o, new LevelShare[] {hibernating});
    assertEquals("Very large orders, high monetary, slightly lapsed", named[0]);
    // without an RFM group the strongest three name it, as before
    String[] plain = Profiler.names(List.of(0), List.of(ranked), o, new LevelShare[] {null});
    assertEquals("Very large orders, high monetary, long-standing", plain[0]);
  }

  @Test
  void tenureSeparatesLoyalFromNewAmongValuableSegments() {
    SegmentProfiles.Options o = SegmentProfiles.Options.defaults();
    SegmentAction.Source rule = SegmentAction.Source.FEATURE_RULE;
    // a gym's members: many visits and a long membership, many visits and a short one, many visits alone
    List<FeatureEffect> loyal = List.of(
        new FeatureEffect("months_member", null, 2.1, 1e-9, 1e-9, "very high months_member"),
        new FeatureEffect("visits_per_month", null, 1.4, 1e-9, 1e-9, "very high visits_per_month"));
    List<FeatureEffect> fresh = List.of(
        new FeatureEffect("visits_per_month", null, 1.2, 1e-9, 1e-9, "very high visits_per_month"),
        new FeatureEffect("months_member", null, -0.9, 1e-9, 1e-9, "low months_member"));
    List<FeatureEffect> busy = List.of(
        new FeatureEffect("visits_per_month", null, 1.2, 1e-9, 1e-9, "very high visits_per_month"),
        new FeatureEffect("months_member", null, 0.2, 0.04, 0.04, "typical months_member"));
    assertEquals(new SegmentAction("Reward loyalty: VIP perks, early access, ask for referrals", rule,
        "long-standing and frequent"), Profiler.action(null, loyal, o));
    assertEquals(new SegmentAction("Bring into the loyalty programme: welcome offer, related products", rule,
        "new and frequent"), Profiler.action(null, fresh, o));
    // |d| = 0.2 is below the rules' 0.5: tenure does not count
    assertEquals(new SegmentAction("Upsell higher-value products; loyalty programme", rule, "frequent"),
        Profiler.action(null, busy, o));
    // recent, valuable and long-standing: the loyalty reward comes first
    List<FeatureEffect> champions = List.of(
        new FeatureEffect("recency_days", null, -1.1, 1e-9, 1e-9, "very recent"),
        new FeatureEffect("monetary", null, 1.0, 1e-9, 1e-9, "high monetary"),
        new FeatureEffect("tenure_days", null, 0.8, 1e-9, 1e-9, "long-standing"));
    assertEquals(new SegmentAction("Reward loyalty: VIP perks, early access, ask for referrals", rule,
        "long-standing and high monetary"), Profiler.action(null, champions, o));
    // many logins and a low balance: engaged, not valuable
    List<FeatureEffect> engaged = List.of(
        new FeatureEffect("AppLoginsPerMonth", null, 1.6, 1e-9, 1e-9, "very high AppLoginsPerMonth"),
        new FeatureEffect("Balance", null, -1.2, 1e-9, 1e-9, "very low Balance"));
    assertEquals(new SegmentAction("Turn engagement into spend: bundles, cross-sell, first-purchase offers", rule,
        "frequent and low Balance"), Profiler.action(null, engaged, o));
    // few logins and a low balance: nurture at low cost, as before
    List<FeatureEffect> quiet = List.of(
        new FeatureEffect("AppLoginsPerMonth", null, -1.1, 1e-9, 1e-9, "very low AppLoginsPerMonth"),
        new FeatureEffect("Balance", null, -0.7, 1e-9, 1e-9, "low Balance"));
    assertEquals(new SegmentAction("Nurture at low cost: content and entry offers, no paid campaigns", rule,
        "low frequency or spend"), Profiler.action(null, quiet, o));
    // marketing_campaign's columns: campaign responders and deal seekers among the valuable
    assertEquals("deals", Profiler.behaviour("NumDealsPurchases"));
    assertEquals("response", Profiler.behaviour("AcceptedCmp5"));
    assertEquals("response", Profiler.behaviour("Response"));
    List<FeatureEffect> responders = List.of(
        new FeatureEffect("AcceptedCmp5", null, 1.9, 1e-9, 1e-9, "very high AcceptedCmp5"),
        new FeatureEffect("MntWines", null, 1.2, 1e-9, 1e-9, "very high MntWines"));
    assertEquals(new SegmentAction("Put them first in campaigns: premium offers, early access to new lines", rule,
        "campaign responders and high MntWines"), Profiler.action(null, responders, o));
    List<FeatureEffect> dealers = List.of(
        new FeatureEffect("NumWebPurchases", null, 1.3, 1e-9, 1e-9, "very high NumWebPurchases"),
        new FeatureEffect("NumDealsPurchases", null, 1.1, 1e-9, 1e-9, "very high NumDealsPurchases"));
    assertEquals(new SegmentAction("Upsell through bundles and targeted deals; no blanket discounts", rule,
        "deal-seeking and frequent"), Profiler.action(null, dealers, o));
    // new and not valuable: the welcome series, as before
    List<FeatureEffect> newcomers = List.of(
        new FeatureEffect("tenure_days", null, -1.3, 1e-9, 1e-9, "very new"));
    assertEquals(new SegmentAction("Welcome series and onboarding", rule, "new customers"),
        Profiler.action(null, newcomers, o));
  }

  @Test
  void membershipLengthsAreTenure() {
    for (String c : new String[] {"months_member", "MonthsAsMember", "member_since_days", "years_as_customer",
        "membership_months", "account_age_days", "tenure"}) {
      assertEquals("tenure", Profiler.behaviour(c), c);
    }
    // "has customer …" is not "as customer" (service calls are complaints); a member id or count is not a length
    assertEquals("complaints", Profiler.behaviour("has_customer_service_calls"));
    assertEquals(null, Profiler.behaviour("member_id"));
    assertEquals(null, Profiler.behaviour("family_members"));
  }

  /**
   * Three segments of 20 customers with RFM's tenure_days (days since the first purchase, so never below
   * recency_days); {@code lapsedOneTimers}: segment 0 bought once, 300..319 days ago (tenure = recency), else once,
   * 1..20 days ago. Segment 1: 10..29 orders, last 30..49 days ago, first 700..719 days ago; segment 2: 4 orders, last
   * 100..119 days ago, first 600..619 days ago. Columns in the order recency, frequency, tenure, monetary, so that
   * among equal |d| tenure comes before monetary.
   */
  static Table withTenure(boolean lapsedOneTimers) {
    int n = 60;
    int[] rec = new int[n];
    int[] freq = new int[n];
    int[] tenure = new int[n];
    double[] mon = new double[n];
    for (int i = 0; i < n; i++) {
      int s = i / 20;
      int j = i % 20;
      rec[i] = s == 0 ? (lapsedOneTimers ? 300 : 1) + j : s == 1 ? 30 + j : 100 + j;
      freq[i] = s == 0 ? 1 : s == 1 ? 10 + j : 4;
      tenure[i] = s == 0 ? rec[i] : s == 1 ? 700 + j : 600 + j;
      mon[i] = s == 0 ? 100 + j : s == 1 ? 5000 + j : 800 + j;
    }
    return Table.create("rfm", IntColumn.create("recency_days", rec), IntColumn.create("frequency", freq),
        IntColumn.create("tenure_days", tenure), DoubleColumn.create("monetary", mon));
  }

  @Test
  void oneTimeBuyersOfLongAgoAreNotNamedNew() {
    // segment 0 against the rest, d on ranks: recency ranks 41..60 of 60, tenure and monetary ranks 1..20 (the same
    // |d|, kept in column order), frequency tied lowest (the largest |d|). Without the rule the first three would
    // name it "Very infrequent, very lapsed, very new"
    SegmentProfiles lapsed = SegmentProfiles.of(withTenure(true), smallLabels());
    FeatureEffect tenure = lapsed.segment(0).distinguishing().stream()
        .filter(e -> e.feature().equals("tenure_days")).findFirst().orElseThrow();
    assertEquals("very new", tenure.phrase());
    assertEquals("Very infrequent, very lapsed, very low monetary", lapsed.segment(0).name());
    // the same one-time buyers, but 1..20 days ago: they are new, and recent
    SegmentProfiles recent = SegmentProfiles.of(withTenure(false), smallLabels());
    assertEquals("Very infrequent, very recent, very new", recent.segment(0).name());
  }

  @Test
  void dissatisfiedSegmentsGetServiceRecoveryBeforeAnyOffer() {
    for (String c : new String[] {"last_login_days", "days_inactive", "LastActiveDays", "last_order_days"}) {
      assertEquals("recency", Profiler.behaviour(c), c);
    }
    for (String c : new String[] {"nps", "NPS_score", "last_nps", "csat", "satisfaction_score"}) {
      assertEquals("satisfaction", Profiler.behaviour(c), c);
    }
    for (String c : new String[] {"support_tickets", "num_tickets", "tickets_30d", "complaints_90d",
        "customer_service_calls", "escalations", "Complain"}) {
      assertEquals("complaints", Profiler.behaviour(c), c);
    }
    assertEquals("spend", Profiler.behaviour("mrr"));
    assertEquals("spend", Profiler.behaviour("ARPU"));
    // a telco's customer table: charges are what a customer spends
    assertEquals("spend", Profiler.behaviour("MonthlyCharges"));
    assertEquals("spend", Profiler.behaviour("TotalCharges"));
    assertEquals("spend", Profiler.behaviour("monthly_bill"));
    // retail's "average ticket" is an order value, not a support ticket
    assertEquals(null, Profiler.behaviour("avg_ticket"));
    assertEquals(null, Profiler.behaviour("seats"));

    SegmentProfiles.Options o = SegmentProfiles.Options.defaults();
    SegmentAction.Source rule = SegmentAction.Source.FEATURE_RULE;
    // a SaaS file's paying accounts that complain: high revenue, low NPS, many tickets — fix first, then retain
    List<FeatureEffect> atRisk = List.of(
        new FeatureEffect("nps", null, -1.6, 1e-9, 1e-9, "very low nps"),
        new FeatureEffect("support_tickets", null, 1.5, 1e-9, 1e-9, "very high support_tickets"),
        new FeatureEffect("mrr", null, 0.7, 1e-9, 1e-9, "high mrr"));
    assertEquals(new SegmentAction("Service recovery first: a personal call to fix their issues, then a retention "
        + "offer", rule, "low nps and high mrr"), Profiler.action(null, atRisk, o));
    // complaints alone
    List<FeatureEffect> complaining = List.of(
        new FeatureEffect("support_tickets", null, 1.1, 1e-9, 1e-9, "high support_tickets"),
        new FeatureEffect("mrr", null, -0.8, 1e-9, 1e-9, "low mrr"));
    assertEquals(new SegmentAction("Service recovery: resolve open issues and ask for feedback before any offer",
        rule, "many support_tickets"), Profiler.action(null, complaining, o));
    // lapsed comes first: a lost customer is won back (the win-back rules), whatever their last NPS
    List<FeatureEffect> lost = List.of(
        new FeatureEffect("last_login_days", null, 1.8, 1e-9, 1e-9, "very high last_login_days"),
        new FeatureEffect("nps", null, -0.9, 1e-9, 1e-9, "low nps"));
    assertEquals(new SegmentAction("Low-cost win-back offer, else suppress from paid campaigns", rule, "lapsed"),
        Profiler.action(null, lost, o));
    // satisfied and complaining at once: no verdict on satisfaction, the value rules decide
    List<FeatureEffect> mixed = List.of(
        new FeatureEffect("nps", null, 1.0, 1e-9, 1e-9, "high nps"),
        new FeatureEffect("support_tickets", null, 0.9, 1e-9, 1e-9, "high support_tickets"),
        new FeatureEffect("mrr", null, 1.2, 1e-9, 1e-9, "very high mrr"));
    assertEquals(new SegmentAction("Upsell higher-value products; loyalty programme", rule, "high mrr"),
        Profiler.action(null, mixed, o));
  }

  /**
   * A German gym's members (the new-user trial nu23): names the rules cannot read. Stated measures give the actions
   * that the English names give; "none" keeps a column out; a wrong word or column is named.
   */
  @Test
  void statedMeasuresActLikeEnglishNames() {
    Table t = smallRfm();
    double[] days = t.intColumn("recency_days").asDoubleArray();
    double[] money = t.doubleColumn("monetary").asDoubleArray();
    Table de = Table.create("de", DoubleColumn.create("Tage_seit_Besuch", days),
        DoubleColumn.create("Monatsbeitrag", money));
    Table en = Table.create("en", DoubleColumn.create("days_since_last_visit", days),
        DoubleColumn.create("monthly_spend", money));
    SegmentProfiles plain = SegmentProfiles.of(de, smallLabels());
    for (SegmentProfile s : plain.segments()) {
      assertEquals(SegmentAction.NO_RECOMMENDATION, s.action().action());
    }
    SegmentProfiles.Options stated = SegmentProfiles.Options.defaults()
        .withMeasures(Map.of("tage_seit_besuch", "recency", "Monatsbeitrag", "spend"));
    SegmentProfiles german = SegmentProfiles.of(de, smallLabels(), stated);
    SegmentProfiles english = SegmentProfiles.of(en, smallLabels());
    assertEquals("Low-cost win-back offer, else suppress from paid campaigns", german.segment(0).action().action());
    assertEquals(new SegmentAction("Retain and upsell: loyalty rewards, higher-value products",
        SegmentAction.Source.FEATURE_RULE, "recent and high Monatsbeitrag"), german.segment(1).action());
    for (int c = 0; c < 3; c++) {
      assertEquals(english.segment(c).action().action(), german.segment(c).action().action());
    }
    assertEquals("recency", stated.measure("TAGE_SEIT_BESUCH"));
    // words ignore case; a later entry replaces the earlier one of its column whatever its case; one map cannot
    // give a column two measures
    assertEquals("frequency", stated.withMeasures(Map.of("MONATSBEITRAG", "Frequency")).measure("Monatsbeitrag"));
    assertEquals(Map.of("tage_seit_besuch", "recency", "MONATSBEITRAG", "frequency"),
        stated.withMeasures(Map.of("MONATSBEITRAG", "Frequency")).measures());
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("Alter", "tenure");
    twice.put("alter", "none");
    IllegalArgumentException two = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.Options.defaults().withMeasures(twice));
    assertEquals("column 'Alter' is given two measures (as 'Alter' and 'alter'); give each column one",
        two.getMessage());
    assertEquals(null, stated.measure("Alter"));
    // none: an English name that would count does not
    SegmentProfiles noSpend = SegmentProfiles.of(en, smallLabels(),
        SegmentProfiles.Options.defaults().withMeasures(Map.of("monthly_spend", "none")));
    assertEquals(new SegmentAction("Retain and upsell: loyalty rewards, higher-value products",
        SegmentAction.Source.FEATURE_RULE, "recent and high monthly_spend"), english.segment(1).action());
    assertEquals(SegmentAction.NO_RECOMMENDATION, noSpend.segment(1).action().action());
    assertEquals("Low-cost win-back offer, else suppress from paid campaigns", noSpend.segment(0).action().action());
    IllegalArgumentException word = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.Options.defaults().withMeasures(Map.of("Monatsbeitrag", "Geld")));
    assertEquals("column 'Monatsbeitrag' is said to measure 'Geld', which the action rules do not know; say one of "
        + "recency, tenure, spend, frequency, deals, response, satisfaction, complaints, or none (the column decides "
        + "no action)", word.getMessage());
    IllegalArgumentException column = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.of(de, smallLabels(),
            SegmentProfiles.Options.defaults().withMeasures(Map.of("Beitrag", "spend"))));
    assertEquals("column 'Beitrag' is given a measure but is not a profiled numeric column; the numeric columns are "
        + "[Tage_seit_Besuch, Monatsbeitrag]", column.getMessage());
  }
}
