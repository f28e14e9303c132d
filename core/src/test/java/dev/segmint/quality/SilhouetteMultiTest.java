package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The one-pass silhouettes of several labelings ({@link Quality#silhouettes}, {@link Quality#silhouettesSampled}) are
 * bit for bit the silhouette of each labeling on its own, and both are bit for bit the plain per-point loop below
 * (the algorithm before the one-pass version: per point, one distance per other point in ascending order, summed per
 * segment).
 */
class SilhouetteMultiTest {

  @Test
  void byHandOnFourPoints() {
    FeatureMatrix m = QualityTest.points(0, 1, 5, 6);
    int[][] labelings = {{0, 0, 1, 1}, {0, 1, 2, 2}, {0, 0, 0, 1}};
    Silhouette[] s = Quality.silhouettes(m, labelings, 2);
    // 0, 1 | 5, 6: s(0) = (5.5 − 1) / 5.5, s(1) = (4.5 − 1) / 4.5, symmetric
    double s0 = 4.5 / 5.5;
    double s1 = 3.5 / 4.5;
    assertArrayEquals(new double[] {s0, s1, s1, s0}, s[0].perPoint(), 1e-15);
    // 0 | 1 | 5, 6: the singletons score 0; for 5: a = 1, b = min(5, 4) = 4, s = 3/4; for 6: a = 1, b = 5, s = 4/5
    assertArrayEquals(new double[] {0, 0, 0.75, 0.8}, s[1].perPoint(), 1e-15);
    // 0, 1, 5 | 6: for 0: a = (1 + 5) / 2 = 3, b = 6, s = 1/2; for 1: a = (1 + 4) / 2, b = 5, s = 1/2;
    // for 5: a = (5 + 4) / 2 = 4.5, b = 1, s = (1 − 4.5) / 4.5; 6 alone scores 0
    assertArrayEquals(new double[] {0.5, 0.5, -3.5 / 4.5, 0}, s[2].perPoint(), 1e-15);
    for (int i = 0; i < labelings.length; i++) {
      assertSame(Quality.silhouette(m, labelings[i], 1), s[i]);
    }
  }

  @Test
  void marketingCampaignKMeansForEveryKIsBitForBitTheSingleSilhouette() {
    FeatureMatrix m = marketing();
    int[][] labelings = new int[6][];
    for (int k = 3; k <= 8; k++) {
      labelings[k - 3] = KMeans.fit(m, KMeans.Options.of(k).withSeed(11).withNInit(1)).labels();
    }
    Silhouette[] multi = Quality.silhouettes(m, labelings, 2);
    Silhouette[] oneThread = Quality.silhouettes(m, labelings, 1);
    for (int i = 0; i < labelings.length; i++) {
      Silhouette single = Quality.silhouette(m, labelings[i], 3);
      assertSame(single, multi[i]);
      assertSame(single, oneThread[i]);
      double[] ref = reference(m, labelings[i]);
      assertArrayEquals(ref, single.perPoint(), 0.0, "k = " + (i + 3));
      double total = 0;
      for (double v : ref) {
        total += v;
      }
      assertEquals(Double.doubleToLongBits(total / ref.length), Double.doubleToLongBits(single.mean()));
      // real structure: positive, far from the bounds (guards against a trivially equal wrong answer)
      assertTrue(single.mean() > 0.05 && single.mean() < 0.9, "k = " + (i + 3) + ": " + single.mean());
    }
    // the means differ by k: the labelings really were scored separately
    assertTrue(multi[0].mean() != multi[5].mean());
  }

  @Test
  void sampledAndNoisyLabelingsMatchTheirOwnRuns() {
    FeatureMatrix m = marketing();
    int[] a = KMeans.fit(m, KMeans.Options.of(4).withSeed(3).withNInit(1)).labels();
    int[] b = KMeans.fit(m, KMeans.Options.of(6).withSeed(3).withNInit(1)).labels();
    int[] noisy = a.clone();
    for (int i = 0; i < noisy.length; i += 7) {
      noisy[i] = -1;
    }
    int[][] labelings = {a, noisy, b};
    Silhouette[] sampled = Quality.silhouettesSampled(m, labelings, 900, 5, 2);
    Silhouette[] exact = Quality.silhouettes(m, labelings, 2);
    for (int i = 0; i < labelings.length; i++) {
      assertSame(Quality.silhouetteSampled(m, labelings[i], 900, 5, 1), sampled[i]);
      assertSame(Quality.silhouette(m, labelings[i], 1), exact[i]);
      assertEquals(900, sampled[i].sampleSize());
    }
    assertEquals(Arrays.stream(noisy).filter(l -> l < 0).count(), exact[1].noiseLeftOut());
    assertArrayEquals(reference(m, noisy), exact[1].perPoint(), 0.0);
    // a sample as large as the data is the exact silhouette
    Silhouette[] whole = Quality.silhouettesSampled(m, labelings, m.rows(), 5, 2);
    assertSame(exact[2], whole[2]);
  }

  @Test
  void theFirstUndefinedLabelingIsNamedByItsSegments() {
    FeatureMatrix m = QualityTest.points(0, 1, 5, 6);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quality.silhouettes(m, new int[][] {{0, 0, 1, 1}, {0, 0, 0, 0}}, 1));
    assertTrue(e.getMessage().contains("between 2 and n - 1 = 3 segments, got 1"), e.getMessage());
    assertEquals(0, Quality.silhouettes(m, new int[0][], 1).length);
  }

  private static void assertSame(Silhouette expected, Silhouette actual) {
    assertEquals(Double.doubleToLongBits(expected.mean()), Double.doubleToLongBits(actual.mean()));
    assertArrayEquals(expected.perSegment(), actual.perSegment(), 0.0);
    assertArrayEquals(expected.perPoint(), actual.perPoint(), 0.0);
    assertArrayEquals(expected.segments(), actual.segments());
    assertEquals(expected.noiseLeftOut(), actual.noiseLeftOut());
    assertEquals(expected.sampleSize(), actual.sampleSize());
    assertEquals(expected.seed(), actual.seed());
  }

  /** The plain loop: per non-noise point, ‖p − q‖ over every non-noise q ascending, summed per segment. */
  static double[] reference(FeatureMatrix m, int[] labels) {
    int n = m.rows();
    int d = m.columns();
    int k = Arrays.stream(labels).max().getAsInt() + 1;
    long[] size = new long[k];
    for (int l : labels) {
      if (l >= 0) {
        size[l]++;
      }
    }
    double[] out = new double[n];
    for (int p = 0; p < n; p++) {
      if (labels[p] < 0) {
        out[p] = Double.NaN;
        continue;
      }
      double[] sums = new double[k];
      for (int q = 0; q < n; q++) {
        if (labels[q] < 0) {
          continue;
        }
        double acc = 0;
        for (int j = 0; j < d; j++) {
          double diff = m.get(p, j) - m.get(q, j);
          acc += diff * diff;
        }
        sums[labels[q]] += Math.sqrt(acc);
      }
      int own = labels[p];
      if (size[own] <= 1) {
        out[p] = 0;
        continue;
      }
      double a = sums[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sums[c] / size[c]);
        }
      }
      double den = Math.max(a, b);
      out[p] = den > 0 ? (b - a) / den : 0;
    }
    return out;
  }

  private static FeatureMatrix marketingMatrix;

  /**
   * The bundled marketing_campaign customers (2,240) on 12 numeric columns without missing values, standardised:
   * birth year, recency, the six spend columns and the four purchase and visit counts.
   */
  static synchronized FeatureMatrix marketing() {
    if (marketingMatrix != null) {
      return marketingMatrix;
    }
    String[] cols = {"Year_Birth", "Recency", "MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts",
        "MntSweetProducts", "MntGoldProds", "NumWebPurchases", "NumCatalogPurchases", "NumStorePurchases",
        "NumWebVisitsMonth"};
    Path file = Path.of(System.getProperty("segmint.data.dir"), "marketing_campaign.csv.gz");
    List<String> ids = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      List<String> header = Arrays.asList(r.readLine().split("\t"));
      int[] at = Arrays.stream(cols).mapToInt(header::indexOf).toArray();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", -1);
        double[] row = new double[cols.length];
        for (int j = 0; j < cols.length; j++) {
          row[j] = Double.parseDouble(f[at[j]]);
        }
        ids.add(f[0]);
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = rows.size();
    assertEquals(2240, n);
    for (int j = 0; j < cols.length; j++) {
      double mean = 0;
      for (double[] row : rows) {
        mean += row[j];
      }
      mean /= n;
      double ss = 0;
      for (double[] row : rows) {
        ss += (row[j] - mean) * (row[j] - mean);
      }
      double sd = Math.sqrt(ss / n);
      for (double[] row : rows) {
        row[j] = (row[j] - mean) / sd;
      }
    }
    marketingMatrix = FeatureMatrix.of(ids.toArray(String[]::new), cols, rows.toArray(double[][]::new));
    return marketingMatrix;
  }
}
