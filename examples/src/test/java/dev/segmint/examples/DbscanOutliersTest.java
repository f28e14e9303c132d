package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs DbscanOutliers on the real Online Retail customers and checks eps, core points and noise by brute force. */
class DbscanOutliersTest {
  static ExampleRun<DbscanOutliers.Result> run;

  @BeforeAll
  static void runExample() {
    run = ExampleRun.of(out -> DbscanOutliers.run(ExampleRun.data(), out));
  }

  @Test
  void kDistanceCurveIsTheNinthNeighbourDistanceOfEveryCustomer() {
    double[][] x = run.result().features().toArray();
    int n = x.length;
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double[] d = new double[n - 1];
      int c = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          d[c++] = ExampleRun.squared(x[i], x[j]);
        }
      }
      Arrays.sort(d);
      expected[i] = Math.sqrt(d[8]);         // minPts 10 counts the point itself: 9 other neighbours
    }
    Arrays.sort(expected);
    double[] curve = run.result().kDistance().distances();
    assertEquals(n, curve.length, "all 4,338 customers are below the sample size of 5,000");
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], curve[i], 1e-9 * (1 + expected[i]), "k-distance at rank " + i);
    }
    assertEquals(run.result().dbscan().eps(), run.result().kDistance().eps());
  }

  @Test
  void coreBorderAndNoiseFollowTheDefinition() {
    double[][] x = run.result().features().toArray();
    double eps = run.result().dbscan().eps();
    int n = x.length;
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      int within = 0;
      for (int j = 0; j < n; j++) {
        if (ExampleRun.squared(x[i], x[j]) <= eps * eps) {
          within++;                           // the point itself counts
        }
      }
      core[i] = within >= 10;
    }
    assertArrayEquals(core, run.result().dbscan().core());
    int[] labels = run.result().dbscan().labels();
    int noise = 0;
    for (int i = 0; i < n; i++) {
      boolean nearCore = false;
      for (int j = 0; j < n && !nearCore; j++) {
        nearCore = core[j] && ExampleRun.squared(x[i], x[j]) <= eps * eps;
      }
      assertEquals(!nearCore, labels[i] == -1, "customer " + run.result().features().id(i));
      noise += nearCore ? 0 : 1;
    }
    assertEquals(noise, run.result().dbscan().noiseCount());
    assertEquals(noise, run.result().profiles().segment(-1).size());
    // measured on the bundled data: the knee leaves 99 of 4,338 customers (2.3 %) as outliers
    assertEquals(99, noise);
    assertTrue(run.output().contains("outliers: 99 of 4338 customers"), run.output());
  }

  @Test
  void outliersAreTheBigSpenders() {
    // the noise segment's mean monetary is far above everyone's: the outliers are the shop's largest customers
    double noiseMonetary = run.result().profiles().segment(-1).mean("monetary");
    double allMonetary = run.result().profiles().population().get("monetary").mean();
    assertTrue(noiseMonetary > 10 * allMonetary, noiseMonetary + " vs " + allMonetary);
    assertTrue(run.output().contains("the 10 largest spenders among the 99 outliers"), run.output());
    assertTrue(run.output().contains("14646"), "the largest customer by monetary is an outlier:\n" + run.output());
  }
}
