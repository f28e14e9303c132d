package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.profile.SegmentProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Runs MarketingSegments on the real marketing_campaign table and checks its numbers independently. */
class MarketingSegmentsTest {
  static ExampleRun<MarketingSegments.Result> run;

  @BeforeAll
  static void runExample() {
    run = ExampleRun.of(out -> MarketingSegments.run(ExampleRun.data(), out));
  }

  @Test
  void everyCustomerIsFeaturedAndSegmented() {
    MarketingSegments.Result r = run.result();
    assertEquals(2240, r.features().rows());
    // age, income, education, 6 marital-status indicators (5 levels with ≥ 10 customers + other), 2 engagement
    // numbers, 3 channel shares, campaigns
    assertEquals(15, r.features().columns());
    assertEquals(2240, r.profiles().customers());
    assertTrue(run.output().contains("3 implausible ages set missing"), run.output());
    assertTrue(run.output().contains("missing values: age 3 (imputed with the median "), run.output());
    assertTrue(run.output().contains(", income 24 (imputed with the median "), run.output());
  }

  @Test
  void chosenKHasTheHighestSilhouetteAmongEligibleKRecomputedByBruteForce() {
    MarketingSegments.Result r = run.result();
    int k = r.selection().k();
    int[] labels = r.kmeans().labels();
    assertEquals(k, r.profiles().size());
    double[] s = r.selection().silhouette();
    boolean[] eligible = r.selection().eligible();
    assertTrue(eligible[k - 2], "the chosen k is eligible (every segment at least 2 % of the customers)");
    for (int i = 0; i < s.length; i++) {
      // eligibility recomputed from the sizes of a fit at that k: every segment at least 2 % and 2 customers
      long min = Long.MAX_VALUE;
      for (long size : dev.segmint.cluster.KMeans.fit(r.features(), dev.segmint.cluster.KMeans.Options.of(i + 2)
          .withSeed(7).withNInit(4)).sizes()) {
        min = Math.min(min, size);
      }
      assertEquals(min >= 0.02 * r.features().rows() && min >= 2, eligible[i], "k = " + (i + 2));
      assertTrue(!eligible[i] || s[i] <= s[k - 2], "eligible k = " + (i + 2) + " has a higher silhouette than the "
          + "chosen k = " + k);
    }
    assertEquals(bruteForceSilhouette(r.features().toArray(), labels, k), s[k - 2], 1e-9);
    assertTrue(run.output().contains("Chosen k = " + k + ": k = " + k + " has the largest silhouette among the "),
        run.output());
  }

  @Test
  void profileMeansAreTheMeansOfTheRawColumnsPerSegment() {
    MarketingSegments.Result r = run.result();
    Table raw = Datasets.marketingCampaign(ExampleRun.data());
    Map<String, Integer> segmentOf = new HashMap<>();
    String[] ids = r.features().ids();
    int[] labels = r.kmeans().labels();
    for (int i = 0; i < ids.length; i++) {
      segmentOf.put(ids[i], labels[i]);
    }
    int k = r.profiles().size();
    double[] incomeSum = new double[k];
    int[] incomeCount = new int[k];
    double[] wineSum = new double[k];
    int[] size = new int[k];
    for (int i = 0; i < raw.rowCount(); i++) {
      int s = segmentOf.get(raw.stringColumn("ID").get(i));
      size[s]++;
      wineSum[s] += raw.numberColumn("MntWines").getDouble(i);
      if (!raw.numberColumn("Income").isMissing(i)) {
        incomeSum[s] += raw.numberColumn("Income").getDouble(i);
        incomeCount[s]++;
      }
    }
    long[] profiled = new long[k];
    for (SegmentProfile p : r.profiles().segments()) {
      int s = p.segment();
      profiled[s] = p.size();
      assertEquals(incomeSum[s] / incomeCount[s], p.mean("Income"), 1e-6, "mean Income of segment " + s);
      assertEquals(wineSum[s] / size[s], p.mean("MntWines"), 1e-9, "mean MntWines of segment " + s);
    }
    for (int s = 0; s < k; s++) {
      assertEquals(size[s], profiled[s], "size of segment " + s);
      assertTrue(s == 0 || size[s - 1] >= size[s], "segments are numbered by size, largest first");
    }
  }

  /** scikit-learn's silhouette: (b − a) / max(a, b) per point, 0 for singletons, averaged. O(n²·d). */
  static double bruteForceSilhouette(double[][] x, int[] labels, int k) {
    int n = x.length;
    int[] size = new int[k];
    for (int l : labels) {
      size[l]++;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] sum = new double[k];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sum[labels[j]] += Math.sqrt(ExampleRun.squared(x[i], x[j]));
        }
      }
      int own = labels[i];
      if (size[own] == 1) {
        continue;
      }
      double a = sum[own] / (size[own] - 1);
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != own) {
          b = Math.min(b, sum[c] / size[c]);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / n;
  }
}
