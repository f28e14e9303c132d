package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs HierarchicalSegments on the real Online Retail customers and checks the tree against Ward's identity: a
 * ward merge of height h raises the within-segment sum of squares by h²/2.
 */
class HierarchicalSegmentsTest {
  static ExampleRun<HierarchicalSegments.Result> run;

  @BeforeAll
  static void runExample() {
    Path out = Path.of("target", "hierarchical-example");
    run = ExampleRun.of(o -> HierarchicalSegments.run(ExampleRun.data(), out, o));
  }

  @Test
  void mergeHeightsAddUpToTheTotalSumOfSquares() {
    double[][] x = run.result().features().toArray();
    int[] one = new int[x.length];
    double total = withinSumOfSquares(x, one, 1);
    double sum = 0;
    for (double h : run.result().tree().dendrogram().heights()) {
      sum += h * h / 2;
    }
    assertEquals(total, sum, 1e-8 * total);
    assertEquals(3 * x.length, total, 1e-6, "standardised: each of the 3 columns has variance 1");
  }

  @Test
  void theCutHasTheSumOfSquaresOfTheMergesBelowIt() {
    HierarchicalSegments.Result r = run.result();
    double[][] x = r.features().toArray();
    int k = r.k();
    double[] h = r.tree().dendrogram().heights();
    double below = 0;
    for (int i = 0; i < h.length - (k - 1); i++) {
      below += h[i] * h[i] / 2;
    }
    assertEquals(below, withinSumOfSquares(x, r.labels(), k), 1e-8 * below);
    // measured: the largest jump in the top merge heights from k = 3 on is at k = 4
    assertEquals(4, k);
    assertTrue(run.output().contains("largest jump for k ≥ 3: k = 4"), run.output());
    long sum = 0;
    for (var p : r.profiles().segments()) {
      sum += p.size();
    }
    assertEquals(4338, sum);
  }

  @Test
  void writesTheLinkageCsvAndAnHtmlReportWithTheDendrogram() throws IOException {
    List<String> csv = Files.readAllLines(run.result().dendrogramCsv());
    assertEquals("left,right,height,size", csv.get(0));
    assertEquals(4338, csv.size(), "a header and n − 1 = 4,337 merges");
    String last = csv.get(csv.size() - 1);
    assertTrue(last.endsWith(",4338"), "the last merge holds every customer: " + last);
    String html = Files.readString(run.result().report());
    assertTrue(html.contains("<h3>Dendrogram</h3>") && html.contains("<svg"), "the report draws the dendrogram");
    assertFalse(html.contains("src=\"http"), "the report loads nothing from the network");
  }

  static double withinSumOfSquares(double[][] x, int[] labels, int k) {
    int d = x[0].length;
    double[][] mean = new double[k][d];
    int[] size = new int[k];
    for (int i = 0; i < x.length; i++) {
      size[labels[i]]++;
      for (int j = 0; j < d; j++) {
        mean[labels[i]][j] += x[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mean[c][j] /= size[c];
      }
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += ExampleRun.squared(x[i], mean[labels[i]]);
    }
    return s;
  }
}
