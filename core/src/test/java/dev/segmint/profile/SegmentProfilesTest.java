package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Profiles of the Online Retail customers by R score (label = r_score − 1), checked against a direct computation
 * in the test and against scipy 1.10.1 on the same data.
 */
class SegmentProfilesTest {

  static final String[] NUMERIC = {"recency_days", "frequency", "monetary", "tenure_days"};

  static double[] values(Table t, String column, int[] labels, int segment, boolean rest) {
    NumericColumn<?> c = (NumericColumn<?>) t.column(column);
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] == segment) != rest) {
        v.add(c.getDouble(i));
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double var(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }

  /** Type-7 quantile, written out again. */
  static double quantile(double[] x, double p) {
    double[] s = x.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * p;
    int lo = (int) h;
    return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
  }

  static void close(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, Math.abs(expected) * rel + 1e-300, what);
  }

  @Test
  void statisticsMatchADirectComputationOnOnlineRetail() {
    Table t = OnlineRetail.rfm();
    int[] labels = OnlineRetail.rScoreLabels();
    SegmentProfiles p = SegmentProfiles.of(t, labels, SegmentProfiles.Options.defaults()
        .withTest(SegmentProfiles.Test.WELCH).withColumns("recency_days", "frequency", "monetary", "tenure_days",
            "rfm_segment"));
    assertEquals(4338, p.customers());
    assertEquals(5, p.size());
    long total = 0;
    for (SegmentProfile s : p.segments()) {
      total += s.size();
    }
    assertEquals(4338, total);
    for (String f : NUMERIC) {
      double[] all = values(t, f, labels, Integer.MIN_VALUE, true);
      double popMean = mean(all);
      double popSd = Math.sqrt(var(all));
      close(popMean, p.population().get(f).mean(), 1e-12, f + " population mean");
      close(quantile(all, 0.5), p.population().get(f).median(), 1e-12, f + " population median");
      for (int s = 0; s < 5; s++) {
        double[] x = values(t, f, labels, s, false);
        double[] rest = values(t, f, labels, s, true);
        NumericProfile np = p.segment(s).numeric(f);
        NumericSummary st = np.stats();
        String what = "segment " + s + " " + f;
        assertEquals(x.length, st.count(), what);
        close(mean(x), st.mean(), 1e-12, what + " mean");
        close(Math.sqrt(var(x)), st.sd(), 1e-9, what + " sd");
        assertEquals(Arrays.stream(x).min().getAsDouble(), st.min(), what + " min");
        assertEquals(Arrays.stream(x).max().getAsDouble(), st.max(), what + " max");
        close(quantile(x, 0.25), st.q1(), 1e-12, what + " q1");
        close(quantile(x, 0.5), st.median(), 1e-12, what + " median");
        close(quantile(x, 0.75), st.q3(), 1e-12, what + " q3");
        close((mean(x) - popMean) / popSd, np.zScore(), 1e-9, what + " z");
        close((mean(x) - popMean) / Math.abs(popMean), np.relativeDifference(), 1e-9, what + " relative difference");
        double pooled = ((x.length - 1) * var(x) + (rest.length - 1) * var(rest)) / (x.length + rest.length - 2);
        close((mean(x) - mean(rest)) / Math.sqrt(pooled), np.effectSize(), 1e-9, what + " d");
        close(new TTest().tTest(x, rest), np.pValue(), 1e-6, what + " Welch p");
        assertTrue(np.adjustedPValue() >= np.pValue(), what + " adjusted p ≥ p");
      }
    }
    // categorical: counts, shares, lift
    StringColumn rfm = t.stringColumn("rfm_segment");
    Map<String, Integer> pop = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      pop.merge(rfm.get(i), 1, Integer::sum);
    }
    for (int s = 0; s < 5; s++) {
      Map<String, Integer> counts = new HashMap<>();
      int n = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == s) {
          counts.merge(rfm.get(i), 1, Integer::sum);
          n++;
        }
      }
      CategoricalProfile cp = p.segment(s).categorical("rfm_segment");
      assertEquals(pop.size(), cp.levels().size(), "every population level is listed");
      for (LevelShare l : cp.levels()) {
        int c = counts.getOrDefault(l.level(), 0);
        assertEquals(c, l.count());
        close((double) c / n, l.share(), 1e-12, "share");
        close((double) pop.get(l.level()) / 4338, l.populationShare(), 1e-12, "population share");
        close(((double) c / n) / ((double) pop.get(l.level()) / 4338), l.lift(), 1e-12, "lift");
      }
      assertEquals(p.segment(s).rfmSegment().orElseThrow(), cp.top());
    }
  }

  @Test
  void pValuesMatchScipyOnOnlineRetail() {
    Table t = OnlineRetail.rfm();
    int[] labels = OnlineRetail.rScoreLabels();
    SegmentProfiles p = SegmentProfiles.of(t, labels, "recency_days", "frequency", "monetary", "rfm_segment");
    assertEquals(SegmentProfiles.Test.MANN_WHITNEY, p.options().test(), "the default");
    // scipy.stats.mannwhitneyu(monetary[label == s], monetary[label != s], use_continuity=False,
    //     alternative='two-sided', method='asymptotic').pvalue, on the RFM table Segmint computes (label = r_score − 1)
    double[] mwu = {3.393290732441341e-134, 3.416282913140335e-10, 0.9654433639310548, 5.0969466035782114e-20,
        2.4445801921101036e-109};
    for (int s = 0; s < 5; s++) {
      close(mwu[s], p.segment(s).numeric("monetary").pValue(), 1e-7, "Mann–Whitney p, segment " + s);
    }
    FeatureTest monetary = p.featureTests().get(2);
    assertEquals("monetary", monetary.feature());
    // scipy.stats.kruskal(*[monetary[label == s] for s in range(5)]) → 983.6810411906631, 1.2276719599965287e-211
    close(983.6810411906631, monetary.statistic(), 1e-10, "Kruskal–Wallis H");
    close(1.2276719599965287e-211, monetary.pValue(), 1e-7, "Kruskal–Wallis p");
    // scipy.stats.f_oneway(*[monetary[label == s] for s in range(5)]) → 43.35036193671848, 1.0149035308731093e-35
    close(43.35036193671848, monetary.anovaF(), 1e-10, "ANOVA F");
    close(1.0149035308731093e-35, monetary.anovaPValue(), 1e-7, "ANOVA p");
    // scipy.stats.chi2_contingency(counts of label × rfm_segment, correction=False) → 10621.763080544439, df 36
    FeatureTest chi = p.featureTests().get(3);
    close(10621.763080544439, chi.statistic(), 1e-10, "chi-square");
    assertEquals(36, chi.df());
    // the adjusted p-values are Benjamini–Hochberg over all segment × feature tests
    double[] raw = new double[5 * 4];
    double[] adj = new double[5 * 4];
    for (int s = 0; s < 5; s++) {
      SegmentProfile sp = p.segment(s);
      int j = 0;
      for (NumericProfile np : sp.numeric().values()) {
        raw[s * 4 + j] = np.pValue();
        adj[s * 4 + j++] = np.adjustedPValue();
      }
      raw[s * 4 + 3] = sp.categorical("rfm_segment").pValue();
      adj[s * 4 + 3] = sp.categorical("rfm_segment").adjustedPValue();
    }
    assertEquals(Arrays.toString(Significance.benjaminiHochberg(raw)), Arrays.toString(adj));
  }

  @Test
  void namesSayWhatTheSegmentsAre() {
    SegmentProfiles p = SegmentProfiles.of(OnlineRetail.rfm(), OnlineRetail.rScoreLabels(), "recency_days",
        "frequency", "monetary", "rfm_segment");
    // r_score 1 (label 0) is the least recent fifth, r_score 5 (label 4) the most recent
    assertTrue(p.segment(0).name().toLowerCase().contains("lapsed"), p.segment(0).name());
    assertTrue(p.segment(4).name().toLowerCase().contains("recent"), p.segment(4).name());
    assertTrue(p.segment(4).name().startsWith("Very recent"), "the strongest feature comes first: " + p.segment(4).name());
    assertEquals(5, new HashSet<>(p.names()).size(), "names are unique: " + p.names());
    assertEquals(p.names(), SegmentProfiles.of(OnlineRetail.rfm(), OnlineRetail.rScoreLabels(), "recency_days",
        "frequency", "monetary", "rfm_segment").names(), "deterministic");
    FeatureEffect top = p.segment(0).topFeatures().get(0);
    assertTrue(top.significant(0.05) && Math.abs(top.effectSize()) >= 0.2);
    assertEquals("Hibernating", p.segment(0).rfmSegment().orElseThrow().level());
    String text = p.toString();
    assertTrue(text.contains("Top features") && text.contains(p.segment(4).name()), text);
    assertTrue(text.lines().filter(l -> l.matches("^ +[0-9]+ +\\| +[0-9]+ +\\|.*")).count() == 5,
        "one table row per segment, in the shape CI reads:\n" + text);
  }

  @Test
  void namesAreMadeUniqueWhenTwoSegmentsSayTheSame() {
    // segments 0 and 1 are both far above the rest in x (and 1 even more); 1 differs from 0 in y
    Random rnd = new Random(1);
    int n = 600;
    double[][] x = new double[2][n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i < 100 ? 0 : i < 200 ? 1 : 2;
      x[0][i] = (labels[i] == 0 ? 10 : labels[i] == 1 ? 12 : 0) + rnd.nextGaussian();
      x[1][i] = (labels[i] == 1 ? 0.4 : 0) + rnd.nextGaussian();
    }
    Table t = Table.create("t", DoubleColumn.create("spend", x[0]), DoubleColumn.create("visits", x[1]));
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    assertEquals("Very high spend", p.segment(0).name());
    assertNotEquals(p.segment(0).name(), p.segment(1).name());
    assertTrue(p.segment(1).name().startsWith("Very high spend, "), p.segment(1).name());
    assertEquals("Very low spend", p.segment(2).name());
  }

  /** 30,000 customers (several blocks of the parallel pass), three segments and noise, one categorical feature. */
  static Table synthetic(int[] labels) {
    Random rnd = new Random(7);
    int n = labels.length;
    double[] a = new double[n];
    double[] b = new double[n];
    String[] c = new String[n];
    String[] levels = {"north", "south", "east", "west"};
    for (int i = 0; i < n; i++) {
      labels[i] = rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(3);
      a[i] = Math.exp(rnd.nextGaussian() + labels[i]);
      b[i] = rnd.nextInt(20) + 5 * labels[i];
      c[i] = levels[(rnd.nextInt(4) + Math.max(0, labels[i])) % 4];
    }
    DoubleColumn bc = DoubleColumn.create("visits", b);
    bc.setMissing(17);
    return Table.create("synthetic", DoubleColumn.create("spend", a), bc, StringColumn.create("region", c));
  }

  @Test
  void anIntLabelColumnIsProfiledByItsLevelsAndAMissingLevel() {
    // segment 0: score 5, 5, 4, missing; segment 1: score 1, 1, 1, 4 (hand-counted shares below)
    int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
    IntColumn score = IntColumn.create("r_score", new int[] {5, 5, 4, 0, 1, 1, 1, 4});
    score.setMissing(3);
    Table t = Table.create("t", score, DoubleColumn.create("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
    SegmentProfiles p = SegmentProfiles.of(t, labels, SegmentProfiles.Options.defaults().withThreads(1)
        .withLabelColumns("r_score"));
    CategoricalProfile s0 = p.segments().get(0).categorical("r_score");
    CategoricalProfile s1 = p.segments().get(1).categorical("r_score");
    assertEquals(2 / 4.0, s0.share("5"), 1e-12, s0.toString());
    assertEquals(1 / 4.0, s0.share("4"), 1e-12, s0.toString());
    assertEquals(1 / 4.0, s0.share("(missing)"), 1e-12, s0.toString());
    assertEquals(0.0, s0.share("1"), 1e-12, s0.toString());
    assertEquals(3 / 4.0, s1.share("1"), 1e-12, s1.toString());
    assertEquals(1 / 4.0, s1.share("4"), 1e-12, s1.toString());
  }

  @Test
  void sameResultWhateverTheThreadCount() {
    int[] labels = new int[30_000];
    Table t = synthetic(labels);
    SegmentProfiles one = SegmentProfiles.of(t, labels, SegmentProfiles.Options.defaults().withThreads(1));
    SegmentProfiles four = SegmentProfiles.of(t, labels, SegmentProfiles.Options.defaults().withThreads(4));
    assertEquals(one.size(), four.size());
    for (int s = 0; s < one.size(); s++) {
      SegmentProfile a = one.segments().get(s);
      SegmentProfile b = four.segments().get(s);
      assertEquals(a.numeric(), b.numeric(), "bit-identical numeric profiles");
      assertEquals(a.categorical(), b.categorical());
      assertEquals(a.distinguishing(), b.distinguishing());
      assertEquals(a.name(), b.name());
    }
    assertEquals(one.featureTests(), four.featureTests());
    assertEquals(1, one.segment(-1).numeric("visits").stats().missing() + one.segments().stream()
        .filter(p -> p.segment() >= 0).mapToLong(p -> p.numeric("visits").stats().missing()).sum(), "one missing value");
  }

  @Test
  void accumulatorsMergeLikeOnePass() {
    int[] labels = new int[5_000];
    Table t = synthetic(labels);
    List<String> num = List.of("spend", "visits");
    List<String> cat = List.of("region");
    ProfileAccumulator whole = new ProfileAccumulator(num, cat);
    ProfileAccumulator[] parts = {new ProfileAccumulator(num, cat), new ProfileAccumulator(num, cat),
        new ProfileAccumulator(num, cat)};
    for (int i = 0; i < labels.length; i++) {
      double[] x = {t.doubleColumn("spend").getDouble(i), t.doubleColumn("visits").isMissing(i) ? Double.NaN
          : t.doubleColumn("visits").getDouble(i)};
      String[] l = {t.stringColumn("region").get(i)};
      whole.add(labels[i], x, l);
      parts[i * 3 / labels.length].add(labels[i], x, l);
    }
    SegmentProfiles a = whole.finish(SegmentProfiles.Options.defaults());
    SegmentProfiles b = parts[0].merge(parts[1]).merge(parts[2]).finish(SegmentProfiles.Options.defaults());
    assertEquals(5_000, parts[0].count());
    for (int s = 0; s < a.size(); s++) {
      for (String f : num) {
        NumericSummary x = a.segments().get(s).numeric(f).stats();
        NumericSummary y = b.segments().get(s).numeric(f).stats();
        assertEquals(x.count(), y.count());
        assertEquals(x.median(), y.median());
        assertEquals(x.q1(), y.q1());
        close(x.mean(), y.mean(), 1e-12, "mean");
        close(x.sd(), y.sd(), 1e-10, "sd");
      }
      assertEquals(a.segments().get(s).categorical(), b.segments().get(s).categorical());
    }
    assertTrue(!a.hasLabels() && a.labels().length == 0, "an accumulator does not know the row order");
    assertThrows(IllegalArgumentException.class, () -> whole.merge(new ProfileAccumulator(List.of("x"), cat)));
  }

  @Test
  void noiseComesLastAndIsLeftOutOfTheAcrossSegmentTests() {
    int[] labels = new int[3_000];
    Table t = synthetic(labels);
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    SegmentProfile last = p.segments().get(p.size() - 1);
    assertTrue(last.isNoise());
    assertTrue(last.name().startsWith("Noise"));
    List<double[]> groups = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      groups.add(values(t, "spend", labels, s, false));
    }
    Significance.Result kw = Significance.kruskalWallis(groups.toArray(double[][]::new));
    assertEquals(kw.statistic(), p.featureTests().get(0).statistic(), 1e-9);
    assertEquals(kw.pValue(), p.featureTests().get(0).pValue(), 1e-12);
    // segment 2 has the highest spend: its name says so
    assertTrue(p.segment(2).name().contains("high spend"), p.segment(2).name());
  }

  @Test
  void badInputIsNamed() {
    Table t = Table.create("t", DoubleColumn.create("x", new double[] {1, 2, 3}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SegmentProfiles.of(t, new int[] {0, 1}));
    assertTrue(e.getMessage().contains("2 labels for 3 customers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(t, new int[] {0, 1, 0}, "y"));
    assertTrue(e.getMessage().contains("'y' not found"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(t, new int[] {0, -2, 0}));
    assertTrue(e.getMessage().contains("label -2 at row 2"), e.getMessage());
  }

  @Test
  void convertsToTables() {
    SegmentProfiles p = SegmentProfiles.of(OnlineRetail.rfm(), OnlineRetail.rScoreLabels(), "recency_days",
        "monetary", "rfm_segment");
    Table t = p.toTable();
    assertEquals(List.of("segment", "size", "share %", "name", "mean recency_days", "mean monetary", "top rfm_segment"),
        t.columnNames());
    assertEquals(5, t.rowCount());
    assertEquals(10, p.statisticsTable().rowCount());
    assertEquals(3, p.testsTable().rowCount());
    assertTrue(p.levelsTable().rowCount() >= 5);
    assertTrue(p.topFeaturesTable().rowCount() >= 5);
    assertEquals(3, p.segment(0).toTable().rowCount(), "two numeric features and one categorical");
    assertTrue(p.segment(0).toString().startsWith("Segment 0: "), p.segment(0).toString());
  }
}
