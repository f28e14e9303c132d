package dev.segmint.profile;

import dev.segmint.features.RfmFeatures;
import dev.segmint.features.RfmSegment;
import dev.segmint.internal.Numbers;
import dev.segmint.profile.ProfileAccumulator.Moments;
import dev.segmint.profile.ProfileAccumulator.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns accumulated data into {@link SegmentProfiles}: statistics, tests, adjustment, ranking and names. */
final class Profiler {
  private Profiler() {}

  /** The name of the RFM segment column that gives each profile its dominant RFM segment. */
  static final String RFM_SEGMENT = "rfm_segment";

  static SegmentProfiles finish(ProfileAccumulator acc, SegmentProfiles.Options o, int[] labels) {
    List<String> num = acc.numericNames();
    List<String> cat = acc.categoricalNames();
    if (acc.segments().isEmpty()) {
      throw new IllegalArgumentException("no customers to profile: the accumulator is empty");
    }
    // segments by label, noise last
    List<Integer> order = new ArrayList<>();
    for (int l : acc.segments().keySet()) {
      if (l >= 0) {
        order.add(l);
      }
    }
    boolean hasNoise = acc.segments().containsKey(-1);
    if (hasNoise) {
      order.add(-1);
    }
    int k = order.size();
    Segment[] seg = new Segment[k];
    long total = 0;
    for (int s = 0; s < k; s++) {
      seg[s] = acc.segments().get(order.get(s));
      total += seg[s].size;
    }
    boolean[] real = new boolean[k];
    for (int s = 0; s < k; s++) {
      real[s] = order.get(s) >= 0;
    }

    // numeric features
    Map<String, NumericSummary> population = new LinkedHashMap<>();
    NumericSummary[][] stats = new NumericSummary[k][num.size()];
    double[][] z = new double[k][num.size()];
    double[][] rel = new double[k][num.size()];
    double[][] d = new double[k][num.size()];
    double[][] p = new double[k][num.size()];
    List<FeatureTest> tests = new ArrayList<>();
    double[] testP = new double[num.size() + cat.size()];
    for (int j = 0; j < num.size(); j++) {
      double[][] values = new double[k][];
      Moments pop = new Moments();
      int count = 0;
      for (int s = 0; s < k; s++) {
        values[s] = seg[s].values[j].toArray();
        pop.merge(seg[s].moments[j]);
        count += values[s].length;
      }
      double[] all = new double[count];
      int[] group = new int[count];
      int q = 0;
      for (int s = 0; s < k; s++) {
        System.arraycopy(values[s], 0, all, q, values[s].length);
        Arrays.fill(group, q, q + values[s].length, s);
        q += values[s].length;
      }
      double popSd = Math.sqrt(pop.variance());
      double[] sortedAll = all.clone();
      Arrays.sort(sortedAll);
      population.put(num.get(j), NumericSummary.ofSorted(sortedAll, pop.missing, pop.n == 0 ? Double.NaN : pop.mean,
          popSd));
      Significance.Ranks ranks = Significance.Ranks.of(all);
      double[] rankSums = new double[k];
      double[] rankSquares = new double[k];
      double totalRanks = 0;
      double totalSquares = 0;
      for (int i = 0; i < count; i++) {
        double r = ranks.rank[i];
        rankSums[group[i]] += r;
        rankSquares[group[i]] += r * r;
        totalRanks += r;
        totalSquares += r * r;
      }
      for (int s = 0; s < k; s++) {
        Moments m = seg[s].moments[j];
        double[] sorted = values[s].clone();
        Arrays.sort(sorted);
        stats[s][j] = NumericSummary.ofSorted(sorted, m.missing, m.n == 0 ? Double.NaN : m.mean,
            Math.sqrt(m.variance()));
        Moments rest = new Moments();
        for (int r = 0; r < k; r++) {
          if (r != s) {
            rest.merge(seg[r].moments[j]);
          }
        }
        double mean = stats[s][j].mean();
        z[s][j] = popSd > 0 ? (mean - pop.mean) / popSd : Double.NaN;
        rel[s][j] = pop.mean != 0 ? (mean - pop.mean) / Math.abs(pop.mean) : Double.NaN;
        if (o.test() == SegmentProfiles.Test.WELCH) {
          d[s][j] = Significance.cohensD(m.n, m.mean, m.variance(), rest.n, rest.mean, rest.variance());
          p[s][j] = Significance.welch(m.n, m.mean, m.variance(), rest.n, rest.mean, rest.variance());
        } else {
          // the standardised mean difference of the mid-ranks: robust to skew and outliers
          long nr = count - m.n;
          double rs = rankSums[s];
          double rr = totalRanks - rs;
          double vs = m.n > 1 ? (rankSquares[s] - rs * rs / m.n) / (m.n - 1) : 0;
          double vr = nr > 1 ? ((totalSquares - rankSquares[s]) - rr * rr / nr) / (nr - 1) : 0;
          d[s][j] = m.n == 0 || nr == 0 ? Double.NaN : Significance.cohensD(m.n, rs / m.n, vs, nr, rr / nr, vr);
          p[s][j] = Significance.mannWhitney(rs, m.n, count, ranks.tieSum).pValue();
        }
      }
      // across segments, noise left out: rank again without it when there is noise
      Significance.Result kw;
      if (hasNoise) {
        double[][] groups = Arrays.copyOf(values, k - 1);
        kw = Significance.kruskalWallis(groups);
      } else {
        long[] sizes = new long[k];
        for (int s = 0; s < k; s++) {
          sizes[s] = values[s].length;
        }
        kw = Significance.kruskalWallis(rankSums, sizes, ranks.tieSum);
      }
      int kr = hasNoise ? k - 1 : k;
      long[] n = new long[kr];
      double[] means = new double[kr];
      double[] vars = new double[kr];
      for (int s = 0; s < kr; s++) {
        Moments m = seg[s].moments[j];
        n[s] = m.n;
        means[s] = m.mean;
        vars[s] = m.n > 1 ? m.variance() : 0;
      }
      Significance.Result anova = Significance.anova(n, means, vars);
      tests.add(new FeatureTest(num.get(j), "Kruskal–Wallis", kw.statistic(), kw.df(), kw.pValue(), Double.NaN,
          kw.effectSize(), anova.statistic(), anova.pValue(), anova.effectSize()));
      testP[j] = kw.pValue();
    }

    // categorical features
    Map<String, List<LevelShare>> popLevels = new LinkedHashMap<>();
    List<List<List<LevelShare>>> levelShares = new ArrayList<>(); // [feature][segment] → levels
    double[][] pc = new double[k][cat.size()];
    for (int j = 0; j < cat.size(); j++) {
      Map<String, Long> popCounts = new HashMap<>();
      for (int s = 0; s < k; s++) {
        for (Map.Entry<String, long[]> e : seg[s].levels.get(j).entrySet()) {
          popCounts.merge(e.getKey(), e.getValue()[0], Long::sum);
        }
      }
      List<String> levels = new ArrayList<>(popCounts.keySet());
      levels.sort(Comparator.comparing((String l) -> -popCounts.get(l)).thenComparing(Comparator.naturalOrder()));
      int nl = levels.size();
      long[][] counts = new long[k][nl];
      for (int s = 0; s < k; s++) {
        for (int l = 0; l < nl; l++) {
          long[] c = seg[s].levels.get(j).get(levels.get(l));
          counts[s][l] = c == null ? 0 : c[0];
        }
      }
      List<LevelShare> popList = new ArrayList<>();
      for (String l : levels) {
        double sh = (double) popCounts.get(l) / total;
        popList.add(new LevelShare(l, popCounts.get(l), sh, sh, 1.0, 0.0));
      }
      popLevels.put(cat.get(j), popList);
      List<List<LevelShare>> perSeg = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        long ns = seg[s].size;
        long nr = total - ns;
        List<LevelShare> ls = new ArrayList<>();
        long[] rest = new long[nl];
        for (int l = 0; l < nl; l++) {
          long c = counts[s][l];
          long cr = popCounts.get(levels.get(l)) - c;
          rest[l] = cr;
          double share = ns == 0 ? Double.NaN : (double) c / ns;
          double popShare = (double) popCounts.get(levels.get(l)) / total;
          double ps = share;
          double pr = nr == 0 ? Double.NaN : (double) cr / nr;
          double vs = ns > 1 ? ps * (1 - ps) * ns / (ns - 1) : 0;
          double vr = nr > 1 ? pr * (1 - pr) * nr / (nr - 1) : 0;
          double effect = Significance.cohensD(ns, ps, vs, nr, pr, vr);
          ls.add(new LevelShare(levels.get(l), c, share, popShare, share / popShare, effect));
        }
        perSeg.add(ls);
        pc[s][j] = Significance.chiSquare(new long[][] {counts[s], rest}).pValue();
      }
      levelShares.add(perSeg);
      int kr = hasNoise ? k - 1 : k;
      Significance.Result chi = Significance.chiSquare(Arrays.copyOf(counts, kr));
      tests.add(new FeatureTest(cat.get(j), "chi-square", chi.statistic(), chi.df(), chi.pValue(), Double.NaN,
          chi.effectSize(), Double.NaN, Double.NaN, Double.NaN));
      testP[num.size() + j] = chi.pValue();
    }

    // Benjamini–Hochberg: one family for segment-vs-rest tests, one for across-segment tests
    int f = num.size() + cat.size();
    double[] family = new double[k * f];
    for (int s = 0; s < k; s++) {
      for (int j = 0; j < num.size(); j++) {
        family[s * f + j] = p[s][j];
      }
      for (int j = 0; j < cat.size(); j++) {
        family[s * f + num.size() + j] = pc[s][j];
      }
    }
    double[] adj = Significance.benjaminiHochberg(family);
    double[] testAdj = Significance.benjaminiHochberg(testP);
    for (int t = 0; t < tests.size(); t++) {
      FeatureTest ft = tests.get(t);
      tests.set(t, new FeatureTest(ft.feature(), ft.test(), ft.statistic(), ft.df(), ft.pValue(), testAdj[t],
          ft.effectSize(), ft.anovaF(), ft.anovaPValue(), ft.etaSquared()));
    }

    // per segment: profiles, ranked effects
    List<Map<String, NumericProfile>> nps = new ArrayList<>();
    List<Map<String, CategoricalProfile>> cps = new ArrayList<>();
    List<List<FeatureEffect>> ranked = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      Map<String, NumericProfile> np = new LinkedHashMap<>();
      List<FeatureEffect> effects = new ArrayList<>();
      for (int j = 0; j < num.size(); j++) {
        double pa = adj[s * f + j];
        np.put(num.get(j), new NumericProfile(num.get(j), stats[s][j], z[s][j], rel[s][j], d[s][j], p[s][j], pa));
        effects.add(new FeatureEffect(num.get(j), null, d[s][j], p[s][j], pa, phrase(num.get(j), d[s][j], o)));
      }
      Map<String, CategoricalProfile> cp = new LinkedHashMap<>();
      for (int j = 0; j < cat.size(); j++) {
        double pa = adj[s * f + num.size() + j];
        CategoricalProfile c = new CategoricalProfile(cat.get(j), levelShares.get(j).get(s), pc[s][j], pa);
        cp.put(cat.get(j), c);
        LevelShare dl = c.distinctive();
        effects.add(new FeatureEffect(cat.get(j), dl.level(), dl.effectSize(), pc[s][j], pa, levelPhrase(dl)));
      }
      List<FeatureEffect> sorted = new ArrayList<>(effects);
      sorted.sort(Comparator.comparing((FeatureEffect e) -> !e.significant(o.alpha()))
          .thenComparing(e -> -magnitude(e.effectSize())));
      nps.add(np);
      cps.add(cp);
      ranked.add(sorted);
    }
    // the largest named RFM group per segment: from the rfm_segment column, else scored from recency and frequency
    LevelShare[] groups = new LevelShare[k];
    for (int s = 0; s < k; s++) {
      CategoricalProfile rc = cps.get(s).get(RFM_SEGMENT);
      groups[s] = rc == null ? null : rc.top();
    }
    if (!cat.contains(RFM_SEGMENT)) {
      LevelShare[] scored = scoredGroups(num, seg, population);
      if (scored != null) {
        groups = scored;
      }
    }
    String[] names = names(order, ranked, o, groups);
    List<SegmentProfile> out = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      List<FeatureEffect> top = new ArrayList<>();
      for (FeatureEffect e : ranked.get(s)) {
        // scores and codes say again what the features say: the named RFM group is the one label column listed
        boolean scoreOrCode = o.isLabel(e.feature()) && !e.feature().equalsIgnoreCase(RFM_SEGMENT);
        if (top.size() < o.topFeatures() && e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.minEffect()
            && !scoreOrCode) {
          top.add(e);
        }
      }
      SegmentAction action = order.get(s) < 0
          ? new SegmentAction(SegmentAction.NO_RECOMMENDATION, SegmentAction.Source.NONE, "noise: in no segment")
          : action(groups[s], ranked.get(s), o);
      List<String> facts = facts(nps.get(s), population);
      out.add(new SegmentProfile(order.get(s), names[s], seg[s].size, (double) seg[s].size / total, nps.get(s),
          cps.get(s), ranked.get(s), top, groups[s], action, facts));
    }
    return new SegmentProfiles(out, num, cat, total, population, popLevels, tests, o, labels);
  }

  /**
   * Each segment's largest named RFM group scored from {@code recency_days} and {@code frequency} (quintile scores
   * over all customers, as {@code segmint rfm}), or null when either is not profiled or has missing values.
   */
  private static LevelShare[] scoredGroups(List<String> num, Segment[] seg, Map<String, NumericSummary> population) {
    int jr = num.indexOf("recency_days");
    int jf = num.indexOf("frequency");
    if (jr < 0 || jf < 0 || population.get("recency_days").missing() > 0
        || population.get("frequency").missing() > 0) {
      return null;
    }
    int k = seg.length;
    int n = 0;
    for (Segment sg : seg) {
      n += sg.values[jr].toArray().length;
    }
    double[] r = new double[n];
    double[] f = new double[n];
    int[] owner = new int[n];
    int q = 0;
    for (int s = 0; s < k; s++) {
      double[] rv = seg[s].values[jr].toArray();
      double[] fv = seg[s].values[jf].toArray();
      System.arraycopy(rv, 0, r, q, rv.length);
      System.arraycopy(fv, 0, f, q, fv.length);
      Arrays.fill(owner, q, q + rv.length, s);
      q += rv.length;
    }
    int[] rs = RfmFeatures.scores(r, true, 5);
    int[] fs = RfmFeatures.scores(f, false, 5);
    RfmSegment[] all = RfmSegment.values();
    long[][] counts = new long[k][all.length];
    long[] popCounts = new long[all.length];
    for (int i = 0; i < n; i++) {
      int g = RfmSegment.of(rs[i], fs[i]).ordinal();
      counts[owner[i]][g]++;
      popCounts[g]++;
    }
    LevelShare[] out = new LevelShare[k];
    for (int s = 0; s < k; s++) {
      int best = 0;
      for (int g = 1; g < all.length; g++) {
        if (counts[s][g] > counts[s][best]) {
          best = g;
        }
      }
      long size = 0;
      for (long c : counts[s]) {
        size += c;
      }
      double share = size == 0 ? Double.NaN : (double) counts[s][best] / size;
      double popShare = (double) popCounts[best] / n;
      out[s] = new LevelShare(all[best].label(), counts[s][best], share, popShare, share / popShare, Double.NaN);
    }
    return out;
  }

  /**
   * The segment's action: its largest RFM group's action when it has one in the table; else the feature rules
   * (documented in docs/profiles.md), applied to the significant features with |d| ≥ nameEffect, each feature read
   * by what its name says it measures ({@link #behaviour}: recency, frequency, spend, tenure, deals,
   * response, satisfaction or complaints):
   * <ol>
   *   <li>lapsed (a recency feature high) and valuable (a spend feature high, or a frequency feature high and no
   *       spend feature low) → priority win-back;
   *   <li>lapsed → low-cost win-back;
   *   <li>dissatisfied (a satisfaction feature low or a complaints feature high) and valuable → service recovery,
   *       then a retention offer;
   *   <li>dissatisfied → service recovery before any offer;
   *   <li>valuable and long-standing (a tenure feature high) → reward loyalty;
   *   <li>recent (a recency feature low) and valuable → retain and upsell;
   *   <li>valuable and new (a tenure feature low) → bring into the loyalty programme;
   *   <li>valuable and responsive (a campaign-response feature high) → first in campaigns;
   *   <li>valuable and deal-seeking (a deals feature high) → upsell through bundles and targeted deals;
   *   <li>valuable → upsell;
   *   <li>new → welcome series;
   *   <li>engaged (a frequency feature high) and a spend feature low, none high → turn engagement into spend;
   *   <li>frequency and spend features low, none high → nurture at low cost;
   *   <li>otherwise "no recommendation".
   * </ol>
   */
  static SegmentAction action(LevelShare group, List<FeatureEffect> ranked, SegmentProfiles.Options o) {
    if (group != null && o.actions().containsKey(group.level())) {
      return new SegmentAction(o.actions().get(group.level()), SegmentAction.Source.RFM_GROUP,
          String.format(Locale.ROOT, "largest RFM group: %s (%.0f%%)", group.level(), 100 * group.share()));
    }
    // per behaviour, the sign of its significant features' effects: +1 some high, -1 some low (both: +1 and -1)
    Map<String, Integer> high = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    String spendFeature = null;
    String lowSpendFeature = null;
    String unhappyFeature = null;
    for (FeatureEffect e : ranked) {
      String b = o.measure(e.feature());
      if (b != null && e.numeric() && e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.nameEffect()
          && !o.isLabel(e.feature())) {
        (e.effectSize() > 0 ? high : low).merge(b, 1, Integer::sum);
        if (b.equals("spend") && e.effectSize() > 0 && spendFeature == null) {
          spendFeature = e.feature();
        }
        if (b.equals("spend") && e.effectSize() < 0 && lowSpendFeature == null) {
          lowSpendFeature = e.feature().equalsIgnoreCase("monetary") ? "monetary" : e.feature();
        }
        if (unhappyFeature == null && (b.equals("satisfaction") && e.effectSize() < 0
            || b.equals("complaints") && e.effectSize() > 0)) {
          unhappyFeature = (b.equals("satisfaction") ? "low " : "many ") + e.feature();
        }
      }
    }
    boolean lapsed = high.containsKey("recency") && !low.containsKey("recency");
    boolean recent = low.containsKey("recency") && !high.containsKey("recency");
    // frequent but spending little (many visits, few sales) is not valuable
    boolean valuable = high.containsKey("spend") || (high.containsKey("frequency") && !low.containsKey("spend"));
    String value = spendFeature == null ? "frequent"
        : spendFeature.equalsIgnoreCase("monetary") ? "high monetary" : "high " + spendFeature;
    SegmentAction.Source rule = SegmentAction.Source.FEATURE_RULE;
    if (lapsed && valuable) {
      return new SegmentAction("Priority win-back: personalised offer before they go", rule, "lapsed and " + value);
    }
    if (lapsed) {
      return new SegmentAction("Low-cost win-back offer, else suppress from paid campaigns", rule, "lapsed");
    }
    // dissatisfied: a satisfaction feature low or a complaints feature high, and none saying the opposite
    boolean unhappy = (low.containsKey("satisfaction") || high.containsKey("complaints"))
        && !high.containsKey("satisfaction") && !low.containsKey("complaints");
    if (unhappy && valuable) {
      return new SegmentAction("Service recovery first: a personal call to fix their issues, then a retention offer",
          rule, unhappyFeature + " and " + value);
    }
    if (unhappy) {
      return new SegmentAction("Service recovery: resolve open issues and ask for feedback before any offer", rule,
          unhappyFeature);
    }
    boolean longStanding = high.containsKey("tenure") && !low.containsKey("tenure");
    boolean isNew = low.containsKey("tenure") && !high.containsKey("tenure");
    if (valuable && longStanding) {
      return new SegmentAction("Reward loyalty: VIP perks, early access, ask for referrals", rule,
          "long-standing and " + value);
    }
    if (recent && valuable) {
      return new SegmentAction("Retain and upsell: loyalty rewards, higher-value products", rule,
          "recent and " + value);
    }
    if (valuable && isNew) {
      return new SegmentAction("Bring into the loyalty programme: welcome offer, related products", rule,
          "new and " + value);
    }
    boolean responsive = high.containsKey("response") && !low.containsKey("response");
    boolean dealSeeking = high.containsKey("deals") && !low.containsKey("deals");
    if (valuable && responsive) {
      return new SegmentAction("Put them first in campaigns: premium offers, early access to new lines", rule,
          "campaign responders and " + value);
    }
    if (valuable && dealSeeking) {
      return new SegmentAction("Upsell through bundles and targeted deals; no blanket discounts", rule,
          "deal-seeking and " + value);
    }
    if (valuable) {
      return new SegmentAction("Upsell higher-value products; loyalty programme", rule, value);
    }
    if (isNew) {
      return new SegmentAction("Welcome series and onboarding", rule, "new customers");
    }
    if (high.containsKey("frequency") && low.containsKey("spend") && !high.containsKey("spend")) {
      return new SegmentAction("Turn engagement into spend: bundles, cross-sell, first-purchase offers", rule,
          "frequent and low " + lowSpendFeature);
    }
    if (low.containsKey("frequency") || low.containsKey("spend")) {
      return new SegmentAction("Nurture at low cost: content and entry offers, no paid campaigns", rule,
          "low frequency or spend");
    }
    return new SegmentAction(SegmentAction.NO_RECOMMENDATION, SegmentAction.Source.NONE,
        group != null ? "no action for RFM group " + group.level() : "");
  }

  /**
   * What a feature measures, read from its name (lower case, any separators): {@code "recency"} (recency, days
   * since the last purchase, order, visit, login or activity, last seen, days inactive), {@code "tenure"} (tenure, customer or member since, days, months or years
   * as customer or member, months or years member, membership months or years, account age), {@code "spend"}
   * (monetary, spend, amount, revenue, sales, order value, balance, MRR, ARPU, charges, bill, "fee" or "fees" or a
   * currency (EUR, euro, USD, dollars, GBP, CHF) as a word of the name, as in monthly_fee or in_app_purchases_eur but
   * not feedback, or a name starting with "mnt", as in MntWines; read before frequency, so purchases in euros are
   * spend),
   * {@code "frequency"} (frequency, orders, purchases, transactions, visits, logins, sessions), {@code "deals"}
   * (deal, discount, coupon, promo: read before frequency, so NumDealsPurchases is deals), {@code "response"}
   * (AcceptedCmp…, campaign response, response, responded), {@code "satisfaction"} (NPS, CSAT, satisfaction),
   * {@code "complaints"} (complain, complaints, support or service tickets, help desk, "tickets" at either end of
   * the name, service or support calls, escalations; not "avg_ticket", an order value), or null when the name says
   * none of them.
   */
  static String behaviour(String feature) {
    String f = feature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (f.contains("recency") || f.contains("dayssince") || f.contains("lastpurchase") || f.contains("lastvisit")
        || f.contains("lastorder") || f.contains("lastlogin") || f.contains("lastseen") || f.contains("lastactiv")
        || f.contains("inactive")) {
      return "recency";
    }
    if (f.contains("tenure") || f.contains("customersince") || f.contains("membersince")
        || f.matches(".*(days|months|years)as(customer|member).*") || f.matches(".*(days|months|years)member.*")
        || f.matches(".*membership(days|months|years).*") || f.contains("accountage")) {
      return "tenure";
    }
    if (f.contains("deal") || f.contains("discount") || f.contains("coupon") || f.contains("promo")) {
      return "deals";
    }
    if (f.equals("nps") || f.startsWith("nps") || f.endsWith("nps") || f.contains("csat")
        || f.contains("satisfaction")) {
      return "satisfaction";
    }
    if (f.contains("complain") || f.contains("supportticket") || f.contains("serviceticket")
        || f.contains("helpdesk") || f.startsWith("tickets") || f.endsWith("tickets") || f.contains("servicecall")
        || f.contains("supportcall") || f.contains("escalation")) {
      return "complaints";
    }
    if (f.startsWith("acceptedcmp") || f.contains("campaignresponse") || f.equals("response")
        || f.equals("responded")) {
      return "response";
    }
    if (f.contains("monetary") || f.contains("spend") || f.contains("amount") || f.contains("revenue")
        || f.contains("sales") || f.contains("ordervalue") || f.startsWith("mnt") || f.contains("balance")
        || f.equals("mrr") || f.startsWith("mrr") || f.endsWith("mrr") || f.contains("arpu") || f.contains("charge")
        || f.contains("bill") || isMoney(feature)) {
      return "spend";
    }
    if (f.contains("frequency") || f.contains("orders") || f.contains("purchases") || f.contains("transactions")
        || f.contains("visits") || f.contains("logins") || f.contains("sessions")) {
      return "frequency";
    }
    return null;
  }

  /** Words of a column name that say it holds money: a fee, or a currency. */
  private static final Set<String> MONEY_WORDS = Set.of("fee", "fees", "eur", "euro", "euros", "usd", "dollar",
      "dollars", "gbp", "chf");

  /**
   * True when a word of the name ({@link #words}) says money: monthly_fee, MonthlyFee, in_app_purchases_eur,
   * price_usd; not feedback or europe.
   */
  private static boolean isMoney(String feature) {
    for (String w : words(feature)) {
      if (MONEY_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The words of a column name, lower case: split at every character that is not a letter or digit and before an
   * upper-case letter that follows a lower-case one ("MonthlyFee" and "monthly_fee" give monthly, fee).
   */
  static List<String> words(String feature) {
    List<String> w = new ArrayList<>();
    for (String part : feature.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")) {
      if (!part.isEmpty()) {
        w.add(part.toLowerCase(Locale.ROOT));
      }
    }
    return w;
  }

  /**
   * Two or three facts in plain words from the RFM features when profiled: "bought 4.6 times on average", "last
   * 12 days ago", "median spend 5.2× the overall median".
   */
  static List<String> facts(Map<String, NumericProfile> np, Map<String, NumericSummary> population) {
    List<String> f = new ArrayList<>();
    NumericProfile freq = np.get("frequency");
    if (freq != null && !Double.isNaN(freq.mean())) {
      f.add("bought " + Numbers.sig(Numbers.round(freq.mean(), 1)) + " times on average");
    }
    NumericProfile rec = np.get("recency_days");
    if (rec != null && !Double.isNaN(rec.mean())) {
      f.add("last " + Numbers.num(Math.rint(rec.mean())) + " days ago");
    }
    NumericProfile mon = np.get("monetary");
    NumericSummary pm = population.get("monetary");
    if (mon != null && pm != null && pm.median() > 0 && !Double.isNaN(mon.stats().median())) {
      // medians, as the names' rank-based effects: a mean pulled up by a few big spenders elsewhere would call a
      // segment named "high monetary" below the average
      double ratio = mon.stats().median() / pm.median();
      f.add(ratio >= 0.95 && ratio < 1.05 ? "median spend about the overall median" : "median spend "
          + Numbers.sig(Numbers.round(ratio, ratio >= 10 ? 0 : ratio >= 0.95 ? 1 : 2)) + "× the overall median");
    }
    return f;
  }

  /** |d|, with NaN sorting last. */
  static double magnitude(double d) {
    return Double.isNaN(d) ? -1 : Math.abs(d);
  }

  /** "very recent", "high monetary", "slightly infrequent", "typical frequency". */
  static String phrase(String feature, double d, SegmentProfiles.Options o) {
    if (Double.isNaN(d)) {
      return "no contrast in " + feature;
    }
    double a = Math.abs(d);
    if (a < 0.2) {
      return "typical " + feature;
    }
    SegmentProfiles.Words w = o.words().get(feature);
    String word = w != null ? (d > 0 ? w.high() : w.low()) : (d > 0 ? "high " : "low ") + feature;
    String intensity = a >= 1.2 ? "very " : a >= 0.5 ? "" : "slightly ";
    return intensity + word;
  }

  /** "mostly Champions", "more Germany", "fewer Hibernating". */
  static String levelPhrase(LevelShare l) {
    if (Double.isNaN(l.effectSize()) || Math.abs(l.effectSize()) < 0.2) {
      return "typical mix";
    }
    if (l.effectSize() > 0) {
      return (l.share() >= 0.5 ? "mostly " : "more ") + l.level();
    }
    return "fewer " + l.level();
  }

  /**
   * Deterministic names: up to three significant features with |d| ≥ nameEffect, strongest first — numeric
   * features, and categorical levels that hold at least half of the segment and more of it than of the rest
   * ("channel mostly store"); failing that, the strongest significant numeric (then categorical) feature with |d| ≥
   * minEffect; failing that "Close to average". Label columns ({@link SegmentProfiles.Options#labelColumns()}) never enter a name. When the segment
   * has a largest RFM group (its action comes from it) and recency_days or frequency are profiled, the name says
   * the segment's recency and frequency as the group does: a distinguishing recency_days or frequency phrase (|d| ≥
   * minEffect) that the first three left out takes the third place, so a mostly Hibernating segment is never named
   * by its order size alone. A segment whose name says the same as an earlier segment's (the same phrases in any
   * order, at any intensity) gets its next distinguishing features appended, then its label. A low tenure_days is not
   * named in a segment whose recency_days is high ({@link #newButLapsed}).
   */
  static String[] names(List<Integer> order, List<List<FeatureEffect>> ranked, SegmentProfiles.Options o,
      LevelShare[] groups) {
    int k = order.size();
    String[] names = new String[k];
    List<List<String>> parts = new ArrayList<>();
    List<List<String>> spare = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      List<String> ps = new ArrayList<>();
      List<String> more = new ArrayList<>();
      List<FeatureEffect> usable = new ArrayList<>();
      for (FeatureEffect e : ranked.get(s)) {
        if (!o.isLabel(e.feature()) && !newButLapsed(e, ranked.get(s), o)) {
          usable.add(e);
        }
      }
      List<FeatureEffect> named = new ArrayList<>();
      for (FeatureEffect e : usable) {
        boolean nameable = e.numeric() || isMostly(e);
        if (nameable && e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.nameEffect() && ps.size() < 3) {
          ps.add(namePhrase(e));
          named.add(e);
        } else if (e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.minEffect()) {
          more.add(namePhrase(e));
        }
      }
      if (groups != null && groups[s] != null && order.get(s) >= 0) {
        boolean saysRfm = named.stream().anyMatch(e -> isRecencyOrFrequency(e.feature()));
        if (!saysRfm) {
          for (FeatureEffect e : usable) {
            if (e.numeric() && isRecencyOrFrequency(e.feature()) && e.significant(o.alpha())
                && magnitude(e.effectSize()) >= o.minEffect()) {
              if (ps.size() == 3) {
                more.add(0, ps.remove(2));
              }
              ps.add(e.phrase());
              more.remove(e.phrase());
              break;
            }
          }
        }
      }
      if (ps.isEmpty()) {
        for (FeatureEffect e : usable) {
          if (e.numeric() && e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.minEffect()) {
            ps.add(e.phrase());
            break;
          }
        }
      }
      if (ps.isEmpty()) {
        for (FeatureEffect e : usable) {
          if (!e.numeric() && e.significant(o.alpha()) && magnitude(e.effectSize()) >= o.minEffect()) {
            ps.add(namePhrase(e));
            break;
          }
        }
      }
      more.removeAll(ps);
      parts.add(ps);
      spare.add(more);
      names[s] = order.get(s) < 0 ? "Noise (in no segment)" : ps.isEmpty() ? "Close to average" : join(ps);
    }
    Set<String> seen = new HashSet<>();
    for (int s = 0; s < k; s++) {
      if (order.get(s) < 0 || parts.get(s).isEmpty()) {
        continue;   // noise, and "Close to average", which may honestly describe several segments
      }
      List<String> ps = new ArrayList<>(parts.get(s));
      int next = 0;
      while (seen.contains(key(ps)) && next < spare.get(s).size()) {
        ps.add(spare.get(s).get(next++));
        names[s] = join(ps);
      }
      if (seen.contains(key(ps))) {
        names[s] = names[s] + " (segment " + order.get(s) + ")";
        ps.add("segment " + order.get(s));
      }
      seen.add(key(ps));
    }
    return names;
  }

  /**
   * RFM's tenure_days counts from a customer's first purchase and recency_days from the last, so tenure is at least
   * recency for every customer (equal for one purchase). A segment whose tenure_days is low while its recency_days is
   * high (a distinguishing effect) holds customers whose few purchases, often one, lie long ago: calling them "new"
   * would tell a marketer they were just acquired. Their low tenure is left out of the name; their recency says it.
   */
  static boolean newButLapsed(FeatureEffect e, List<FeatureEffect> effects, SegmentProfiles.Options o) {
    if (!e.numeric() || !e.feature().equalsIgnoreCase("tenure_days") || !(e.effectSize() < 0)) {
      return false;
    }
    for (FeatureEffect r : effects) {
      if (r.numeric() && r.feature().equalsIgnoreCase("recency_days") && r.effectSize() > 0
          && r.significant(o.alpha()) && magnitude(r.effectSize()) >= o.minEffect()) {
        return true;
      }
    }
    return false;
  }

  /** A categorical effect whose level holds at least half of the segment and more than the rest ("mostly web"). */
  private static boolean isMostly(FeatureEffect e) {
    return !e.numeric() && e.effectSize() > 0 && e.phrase().startsWith("mostly ");
  }

  /** A phrase for a name: the numeric phrase as it is, a level with its column ("channel mostly web"). */
  private static String namePhrase(FeatureEffect e) {
    return e.numeric() ? e.phrase() : e.feature() + " " + e.phrase();
  }

  private static boolean isRecencyOrFrequency(String feature) {
    return feature.equalsIgnoreCase("recency_days") || feature.equalsIgnoreCase("frequency");
  }

  /**
   * What makes two names the same: the same phrases in any order and at any intensity ("very recent" and "recent"
   * are the same direction of the same feature).
   */
  private static String key(List<String> phrases) {
    List<String> k = new ArrayList<>();
    for (String p : phrases) {
      String q = p.toLowerCase(Locale.ROOT);
      for (String w : List.of("very ", "slightly ")) {
        if (q.startsWith(w)) {
          q = q.substring(w.length());
        }
      }
      k.add(q);
    }
    k.sort(null);
    return String.join("|", k);
  }

  private static String join(List<String> parts) {
    String s = String.join(", ", parts);
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
