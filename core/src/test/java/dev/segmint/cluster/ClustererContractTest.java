package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/**
 * The one contract every {@link Clusterer} keeps, run over all of them with the same checks (scikit-learn's
 * {@code check_estimator} idea): k-means with each algorithm, DBSCAN with a given and an automatic eps, HDBSCAN,
 * hierarchical clustering with each linkage (and the two-stage ward), k selection and k-medoids, on well-separated blobs of
 * unequal sizes with outliers (large enough for the parallel paths to split the work) and on a sample of the
 * bundled Online Retail RFM features.
 *
 * <p>Checks: labels renumbered by size (largest first, ties as Segmint's contract says) with noise -1; sizes and
 * noise add up to n; the same labels for 1, 2 and 8 threads; {@code predict} on the training data gives the training
 * labels where the algorithm defines predict (HDBSCAN's approximate rule: nearly all); centroids are the segment
 * means where they are not k-means centroids; {@code toTable}, {@code summaryTable} and {@code toString} agree with
 * the labels and sizes; weights, seed and threads settings behave as {@link Clusterer} says.
 */
class ClustererContractTest {

  /** What predict on the training data must give. */
  enum Predict {
    /** Every training row its training label. */
    EXACT,
    /** At least {@link #APPROXIMATE_AGREEMENT} of the training rows their training label. */
    APPROXIMATE,
    /** No predict: canPredict is false and predict throws. */
    NONE
  }

  /** What the contract lets differ between algorithms, as DESIGN.md and {@link Clustering} state it. */
  enum Kind {
    /** k-means (and k selection): no noise, ties by the smaller centroid, centroids are what predict uses. */
    CENTROIDS(false, true, Predict.EXACT),
    /** DBSCAN: noise, ties by first row, predict is the fit's border rule. */
    DENSITY(true, false, Predict.EXACT),
    /** HDBSCAN: noise, ties by first row, approximate predict. */
    DENSITY_APPROXIMATE(true, false, Predict.APPROXIMATE),
    /** Hierarchical: no noise, ties by first row, no predict. */
    TREE(false, false, Predict.NONE),
    /** k-medoids: no noise, ties by first row, predict is the nearest medoid; centroids are the medoids' values. */
    MEDOIDS(false, false, Predict.EXACT);

    final boolean noise;
    final boolean centroidTies;
    final Predict predict;

    Kind(boolean noise, boolean centroidTies, Predict predict) {
      this.noise = noise;
      this.centroidTies = centroidTies;
      this.predict = predict;
    }
  }

  /** HDBSCAN's approximate_predict keeps most training points in their segment (99 % on the full RFM data). */
  static final double APPROXIMATE_AGREEMENT = 0.95;

  record Case(String name, String data, Clusterer clusterer, Kind kind) {
    @Override
    public String toString() {
      return data + ": " + name;
    }
  }

  // ------------------------------------------------------------------------------------------------ data

  /** Blob sizes in the order they are drawn: not the size order, so renumbering has work to do. */
  static final int[] BLOB_SIZES = {460, 2200, 900, 1700, 1300};
  static final int OUTLIERS = 40;
  static final int D = 8;

  /**
   * Five gaussian blobs (sd 1) of unequal sizes around centres 42 apart in 8 dimensions, rows shuffled, plus uniform
   * outliers over the blobs' bounding box: 6,600 rows, so k-means (n·k·d above 2¹⁸) and the blocked passes run in
   * parallel.
   */
  static FeatureMatrix blobs() {
    Random r = new Random(16);
    List<Integer> blobOf = new ArrayList<>();
    for (int b = 0; b < BLOB_SIZES.length; b++) {
      for (int i = 0; i < BLOB_SIZES[b]; i++) {
        blobOf.add(b);
      }
    }
    for (int i = 0; i < OUTLIERS; i++) {
      blobOf.add(-1);
    }
    java.util.Collections.shuffle(blobOf, r);
    int n = blobOf.size();
    double[][] x = new double[n][D];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "b" + i;
      int b = blobOf.get(i);
      for (int j = 0; j < D; j++) {
        double sign = j % 2 == 0 ? 1 : -1;
        x[i][j] = b >= 0 ? sign * 15 * b + r.nextGaussian() : sign * (r.nextDouble() * 80 - 10);
      }
    }
    String[] names = new String[D];
    for (int j = 0; j < D; j++) {
      names[j] = "f" + j;
    }
    return FeatureMatrix.of(ids, names, x);
  }

  static final FeatureMatrix BLOBS = blobs();
  private static volatile FeatureMatrix rfm;

  /** Every 4th customer of the Online Retail RFM features (log1p, standard scaled): 1,085 customers, 3 features. */
  static FeatureMatrix rfm() {
    if (rfm == null) {
      synchronized (ClustererContractTest.class) {
        if (rfm == null) {
          try {
            FeatureMatrix all = DensityData.onlineRetailRfm();
            rfm = all.selectRows(IntStream.range(0, all.rows()).filter(i -> i % 4 == 0).toArray());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return rfm;
  }

  static FeatureMatrix data(Case c) {
    return c.data.equals("blobs") ? BLOBS : rfm();
  }

  // ------------------------------------------------------------------------------------------------ cases

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (String data : new String[] {"blobs", "rfm"}) {
      int k = 5;
      for (KMeans.Algorithm a : KMeans.Algorithm.values()) {
        out.add(new Case("k-means " + a, data, KMeans.Options.of(k).withNInit(2).withSeed(3).withAlgorithm(a),
            Kind.CENTROIDS));
      }
      boolean blobs = data.equals("blobs");
      out.add(new Case("DBSCAN eps given", data, blobs ? Dbscan.Options.of(2.5, 10) : Dbscan.Options.of(0.3, 5),
          Kind.DENSITY));
      out.add(new Case("DBSCAN eps auto", data, Dbscan.Options.autoEps(blobs ? 16 : 6), Kind.DENSITY));
      out.add(new Case("HDBSCAN", data, Hdbscan.Options.of(blobs ? 25 : 10), Kind.DENSITY_APPROXIMATE));
      for (Linkage l : Linkage.values()) {
        out.add(new Case("hierarchical " + l.scipyName(), data, Hierarchical.Options.of(l, k), Kind.TREE));
      }
      out.add(new Case("hierarchical two-stage ward", data, Hierarchical.Options.of(Linkage.WARD, k)
          .withMicroClusters(60).withSeed(4), Kind.TREE));
      out.add(new Case("k selection", data, KSelection.Options.range(2, 7)
          .withKMeans(KMeans.Options.of(2).withNInit(2).withSeed(5)).withSilhouetteSample(1500).withGapReferences(1),
          Kind.CENTROIDS));
      // issue 17: hierarchical k = auto and HDBSCAN's defaults that scale with n
      out.add(new Case("hierarchical k selection", data, KSelection.HierarchicalOptions.of(Linkage.WARD)
          .withRange(2, 7).withSilhouetteSample(1500), Kind.TREE));
      out.add(new Case("HDBSCAN defaults", data, Hdbscan.Options.defaults(), Kind.DENSITY_APPROXIMATE));
      out.add(new Case("k-medoids", data, KMedoids.Options.of(k).withSeed(6), Kind.MEDOIDS));
    }
    return out.stream();
  }

  /** One fit per case with the default threads (0: all processors), shared by the checks. */
  private static final Map<String, Clustering> FITS = new ConcurrentHashMap<>();

  static Clustering fit(Case c) {
    return FITS.computeIfAbsent(c.toString(), key -> c.clusterer.fit(data(c)));
  }

  // ------------------------------------------------------------------------------------------------ checks

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void labelsAreRenumberedBySizeWithNoiseMinusOne(Case c) {
    FeatureMatrix m = data(c);
    Clustering r = fit(c);
    int n = m.rows();
    int k = r.k();
    int[] labels = r.labels();
    assertEquals(n, labels.length);
    assertTrue(k >= 2, c + ": k = " + k + ", the data has clear segments");
    long[] count = new long[k];
    int noise = 0;
    int[] first = new int[k];
    Arrays.fill(first, -1);
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      assertTrue(l >= -1 && l < k, c + ": label " + l + " at row " + i + " outside -1.." + (k - 1));
      if (l < 0) {
        noise++;
        continue;
      }
      count[l]++;
      if (first[l] < 0) {
        first[l] = i;
      }
    }
    assertArrayEquals(count, r.sizes(), c + ": sizes() counts the labels");
    assertEquals(noise, r.noiseCount(), c + ": noiseCount() counts the -1 labels");
    assertEquals(n, Arrays.stream(r.sizes()).sum() + r.noiseCount(), c + ": sizes and noise add up to n");
    if (!c.kind.noise) {
      assertEquals(0, r.noiseCount(), c + ": no noise without a density method");
    }
    double[][] centroids = r.centroids();
    for (int s = 0; s < k; s++) {
      assertTrue(count[s] > 0, c + ": segment " + s + " is empty");
      if (s + 1 < k) {
        assertTrue(count[s] >= count[s + 1], c + ": segment " + s + " (" + count[s] + ") is smaller than segment "
            + (s + 1) + " (" + count[s + 1] + ")");
        if (count[s] == count[s + 1]) {
          // ties: the smaller centroid for k-means, else the earlier first row
          if (c.kind.centroidTies) {
            assertTrue(Arrays.compare(centroids[s], centroids[s + 1]) < 0, c + ": tied segments " + s + ", " + (s + 1));
          } else {
            assertTrue(first[s] < first[s + 1], c + ": tied segments " + s + " and " + (s + 1) + " first appear at "
                + first[s] + " and " + first[s + 1]);
          }
        }
      }
    }
    labels[0] = 99;
    assertFalse(r.labels()[0] == 99, c + ": labels() is a copy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameLabelsForOneTwoAndEightThreads(Case c) {
    FeatureMatrix m = data(c);
    int[] expected = fit(c).labels();
    for (int t : new int[] {1, 2, 8}) {
      Clusterer ct = c.clusterer.withThreads(t);
      assertEquals(t, ct.threads());
      assertArrayEquals(expected, ct.fit(m).labels(), c + " with " + t + " threads (against all processors)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void predictOnTheTrainingDataGivesTheTrainingLabels(Case c) {
    FeatureMatrix m = data(c);
    Clustering r = fit(c);
    Predict predict = c.kind.predict;
    assertEquals(predict != Predict.NONE, r.canPredict(), c + ": canPredict");
    if (predict == Predict.NONE) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> r.predict(m));
      assertTrue(e.getMessage().startsWith(r.name()) && e.getMessage().contains("cannot place new customers"),
          e.getMessage());
      return;
    }
    int[] labels = r.labels();
    int[] predicted = r.predict(m);
    if (predict == Predict.EXACT) {
      assertArrayEquals(labels, predicted, c + ": predict on the training rows");
    } else {
      int agree = 0;
      for (int i = 0; i < labels.length; i++) {
        agree += labels[i] == predicted[i] ? 1 : 0;
      }
      double share = agree / (double) labels.length;
      assertTrue(share >= APPROXIMATE_AGREEMENT, c + ": approximate predict agrees on " + agree + " of "
          + labels.length);
    }
    // a matrix with other feature names is refused, naming both
    String[] names = m.names();
    names[0] = names[0] + "_other";
    FeatureMatrix renamed = FeatureMatrix.ofFlat(m.ids(), names, null, m.toFlatArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.predict(renamed));
    assertTrue(e.getMessage().contains(names[0]) && e.getMessage().contains("do not match"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void centroidsAreTheSegmentMeansWhereTheyAreNotKMeansCentroids(Case c) {
    FeatureMatrix m = data(c);
    Clustering r = fit(c);
    double[][] centroids = r.centroids();
    assertEquals(r.k(), centroids.length);
    assertArrayEquals(m.names(), r.featureNames(), c + ": feature names");
    if (c.kind == Kind.CENTROIDS) {
      return; // k-means' centroids are what predict uses: checked by predict on the training rows
    }
    if (c.kind == Kind.MEDOIDS) {
      int[] medoids = ((KMedoids.Result) r).medoidRows();
      for (int s = 0; s < r.k(); s++) {
        assertArrayEquals(m.row(medoids[s]), centroids[s], 0, c + ": medoid of segment " + s);
      }
      return;
    }
    int[] labels = r.labels();
    double[][] sum = new double[r.k()][m.columns()];
    long[] size = r.sizes();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        for (int j = 0; j < m.columns(); j++) {
          sum[labels[i]][j] += m.get(i, j);
        }
      }
    }
    for (int s = 0; s < r.k(); s++) {
      for (int j = 0; j < m.columns(); j++) {
        sum[s][j] /= size[s];
      }
      assertArrayEquals(sum[s], centroids[s], 0, c + ": mean of segment " + s);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tablesAndTextAgreeWithTheLabels(Case c) {
    FeatureMatrix m = data(c);
    Clustering r = fit(c);
    int n = m.rows();
    int[] labels = r.labels();
    long[] sizes = r.sizes();
    Table t = r.toTable();
    assertEquals(n, t.rowCount());
    assertArrayEquals(m.ids(), t.stringColumn("customer_id").asObjectArray(), c + ": toTable ids");
    assertArrayEquals(labels, t.intColumn("segment").asIntArray(), c + ": toTable segments");

    Table s = r.summaryTable();
    assertTrue(s.rowCount() == r.k() || s.rowCount() == r.k() + 1, c + ": summary rows " + s.rowCount());
    double share = 0;
    for (int row = 0; row < s.rowCount(); row++) {
      boolean noiseRow = row == r.k();
      assertEquals(noiseRow ? -1 : row, s.intColumn("segment").getInt(row), c + ": summary segment");
      assertEquals(noiseRow ? r.noiseCount() : sizes[row], s.intColumn("size").getInt(row), c + ": summary size");
      share += s.doubleColumn("share %").getDouble(row);
    }
    assertEquals(100, share, 0.1 * s.rowCount(), c + ": shares add up to 100 %");

    String text = r.toString();
    assertTrue(text.lines().count() >= 2, c + ": toString is more than a line:\n" + text);
    assertTrue(text.contains(String.format(Locale.ROOT, "n=%,d", n)), c + ": toString names n:\n" + text);
    assertTrue(text.contains("k=" + r.k()) || text.contains(r.k() + " segments"), c + ": toString names k:\n" + text);
    for (long size : sizes) {
      assertTrue(Pattern.compile("\\b" + size + "\\b").matcher(text).find(), c + ": toString shows size " + size
          + ":\n" + text);
    }
    Clustering.Diagnostics diag = r.diagnostics();
    assertTrue(diag.nanos() > 0, c + ": fit time " + diag);
    assertTrue(diag.toString().endsWith(" ms"), diag.toString());
    if (c.kind == Kind.CENTROIDS || c.kind == Kind.MEDOIDS) {
      assertTrue(diag.iterations() >= 1 && diag.distanceComputations() > 0, c + ": keeps its counts " + diag);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void settingsBehaveAsTheClustererSays(Case c) {
    FeatureMatrix m = data(c);
    Clusterer cl = c.clusterer;
    Clustering r = fit(c);
    assertEquals(cl.name(), r.name(), c + ": the clustering is named after its algorithm");
    assertTrue(cl.name().matches("[a-z]+"), cl.name());
    assertEquals(0, cl.threads(), c + ": the default threads mean all processors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cl.withThreads(-1));
    assertTrue(e.getMessage().contains("threads must be 0 (all available processors) or more, got -1"),
        e.getMessage());
    Clusterer seeded = cl.withSeed(99);
    if (seeded.seed() == 99) {
      assertEquals(cl.seed(), cl.withSeed(cl.seed()).seed());
    } else {
      assertEquals(0, seeded.seed(), c + ": an algorithm without random steps has seed 0");
      assertSame(cl, seeded, c + ": withSeed leaves an algorithm without random steps as it is");
    }
    assertArrayEquals(r.labels(), cl.fit(m, null).labels(), c + ": null weights are no weights");
    double[] ones = new double[m.rows()];
    Arrays.fill(ones, 1);
    if (cl.supportsWeights()) {
      // (weights of 1 need not give the labels of no weights: k-means++ draws its first centre by weight mass)
      Clustering w = cl.fit(m, ones);
      assertEquals(r.k(), w.k(), c + ": weighted k");
      assertEquals(m.rows(), Arrays.stream(w.sizes()).sum(), c + ": weighted sizes");
      IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
          () -> cl.fit(m, Arrays.copyOf(ones, 3)));
      assertTrue(few.getMessage().contains("there are 3 weights for " + m.rows() + " customers"), few.getMessage());
    } else {
      IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> cl.fit(m, ones));
      assertTrue(w.getMessage().contains("weights") && w.getMessage().contains("drop the weights"), w.getMessage());
    }
  }

  @Test
  void aHierarchyWithoutKIsNoClustering() {
    Hierarchical.Options o = Hierarchical.Options.of(Linkage.WARD);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.fit(rfm()));
    assertTrue(e.getMessage().contains("withK(k)"), e.getMessage());
    Hierarchical.Result tree = Hierarchical.fit(rfm(), o);
    assertEquals(0, tree.k());
    IllegalStateException s = assertThrows(IllegalStateException.class, tree::sizes);
    assertTrue(s.getMessage().contains("cut(k)"), s.getMessage());
    assertNotNull(tree.toString());
  }

  @Test
  void weightsGoWhereTheyAreSupported() {
    assertTrue(KMeans.Options.of(3).supportsWeights());
    assertTrue(Hierarchical.Options.of(Linkage.WARD, 3).supportsWeights());
    assertFalse(Hierarchical.Options.of(Linkage.AVERAGE, 3).supportsWeights());
    assertFalse(Dbscan.Options.of(1, 3).supportsWeights());
    assertFalse(Hdbscan.Options.of(5).supportsWeights());
    assertFalse(KSelection.Options.range(2, 4).supportsWeights());
    // a weight of 0 is allowed for k-means (the row does not count), never for ward
    double[] w = new double[rfm().rows()];
    Arrays.fill(w, 1);
    w[3] = 0;
    assertEquals(rfm().rows(), KMeans.Options.of(4).withSeed(1).fit(rfm(), w).labels().length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Hierarchical.Options.of(Linkage.WARD, 4).fit(rfm(), w));
    assertTrue(e.getMessage().contains("weight 0.0 at row 3"), e.getMessage());
  }
}
