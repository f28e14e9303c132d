package dev.segmint.benchmarks.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every k-means benchmark body once on small data and checks its answer, so that a benchmark that measures
 * the wrong thing (a peer stuck at a bad optimum, a column order mix-up, a count that means nothing) fails here
 * rather than in a results table.
 */
class KMeansBenchmarksTest {

  /** Separated blobs: every correct k-means++ run finds the blobs. */
  static final String SEPARATED = "blobs-3000x4x4-separated";

  static Outcome runSegmint(String workload, int threads) {
    KMeansBenchmark b = new KMeansBenchmark();
    b.workload = workload;
    b.threads = threads;
    b.algorithm = Peers.DEFAULT_ALGORITHM;
    b.setUp();
    Object result = b.fit();
    KMeans.Result r = assertInstanceOf(KMeans.Result.class, result);
    b.report();
    Outcome o = b.lastOutcome();
    assertEquals(o.n(), r.labels().length, "Segmint labels every point");
    return o;
  }

  static Outcome runPeer(String workload, String peer) {
    KMeansPeersBenchmark b = new KMeansPeersBenchmark();
    b.workload = workload;
    b.peer = peer;
    b.setUp();
    Object result = b.fit();
    assertTrue(result != null, peer + " returned a result");
    b.report();
    return b.lastOutcome();
  }

  /** Inertia of the true blob partition: each point to its blob's mean. */
  static double truthInertia(int n, int d, int k, double halfWidth) {
    int[] truth = new int[n];
    double[] x = GaussianBlobs.generate(n, d, k, GaussianBlobs.SEED, halfWidth, 1.0, truth);
    double[] mean = new double[k * d];
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      size[truth[i]]++;
      for (int j = 0; j < d; j++) {
        mean[truth[i] * d + j] += x[i * d + j];
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double t = x[i * d + j] - mean[truth[i] * d + j] / size[truth[i]];
        total += t * t;
      }
    }
    return total;
  }

  @Test
  void everyPeerFindsTheSeparatedBlobs() {
    double truth = truthInertia(3000, 4, 4, GaussianBlobs.SEPARATED_HALF_WIDTH);
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(runSegmint(SEPARATED, 1));
    outcomes.add(runSegmint(SEPARATED, 2));
    for (String peer : Peers.NAMES) {
      outcomes.add(runPeer(SEPARATED, peer));
    }
    for (Outcome o : outcomes) {
      String who = o.peer() + " (threads " + o.threads() + ")";
      assertEquals(3000, o.labelled(), who + " labels every point");
      assertTrue(o.iterations() >= 1 && o.iterations() <= Peers.MAX_ITER + 1,
          who + " ran a plausible number of iterations: " + o.iterations());
      // the optimum of separated blobs is the blobs themselves: within 1% for every peer
      assertEquals(truth, o.inertia(), 0.01 * truth, who + " inertia " + o.inertia() + " vs blobs " + truth);
      if (!Double.isNaN(o.reportedInertia())) {
        assertEquals(o.inertia(), o.reportedInertia(), 1e-9 * o.inertia(),
            who + " reports the inertia computed here from its centroids");
      }
    }
  }

  @Test
  void segmintGivesTheSameAnswerWithOneAndTwoThreads() {
    String overlapping = "blobs-20000x8x8";
    Outcome one = runSegmint(overlapping, 1);
    Outcome two = runSegmint(overlapping, 2);
    assertEquals(one.inertia(), two.inertia(), 0.0);
    assertEquals(one.iterations(), two.iterations());
  }

  @Test
  void repeatedFitsRepeatTheSameWork() {
    // AverageTime repeats the seeded fit: each repetition must be the same run, or the mean mixes different work
    Workload w = Workload.named("blobs-5000x4x6");
    List<Peers.Prepared<?>> all = new ArrayList<>();
    all.add(Peers.segmint(w, 2, Peers.DEFAULT_ALGORITHM));
    for (String peer : Peers.NAMES) {
      all.add(Peers.prepare(peer, w));
    }
    for (Peers.Prepared<?> p : all) {
      p.fit();
      Outcome first = p.lastOutcome();
      p.fit();
      Outcome second = p.lastOutcome();
      assertEquals(first.iterations(), second.iterations(), p.peer() + " iterations");
      // parallel peers may sum in another order: equal up to rounding
      assertEquals(first.inertia(), second.inertia(), 1e-9 * first.inertia(), p.peer() + " inertia");
    }
  }

  @Test
  void theRfmWorkloadRunsForSegmintAndSmile() {
    Outcome segmint = runSegmint(Workload.RFM_ONLINE_RETAIL, 2);
    Outcome smile = runPeer(Workload.RFM_ONLINE_RETAIL, "smile");
    assertTrue(segmint.n() > 4000, "Online Retail has over 4,000 customers with purchases: " + segmint.n());
    assertEquals(segmint.n(), segmint.labelled());
    assertEquals(segmint.n(), smile.labelled());
    // different seedings may stop in different local optima, but not far apart on 3 standardised features
    assertEquals(smile.inertia(), segmint.inertia(), 0.10 * smile.inertia());
  }

  @Test
  void theWorkloadFileHoldsExactlyTheBenchmarkedBytes(@TempDir Path dir) throws IOException {
    Workload w = Workload.named("blobs-1000x3x2");
    Path bin = w.write(dir);
    byte[] bytes = Files.readAllBytes(bin);
    assertEquals(8L * w.n() * w.d(), bytes.length);
    double[] back = new double[w.n() * w.d()];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(back);
    assertArrayEquals(w.flat(), back, 0.0);
    String json = Files.readString(dir.resolve("blobs-1000x3x2.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"n\": 1000") && json.contains("\"d\": 3") && json.contains("\"k\": 2"), json);
    assertTrue(json.contains("\"sha256\": \"" + w.sha256() + "\""), json);
    assertEquals(w.sha256(), java.util.HexFormat.of().formatHex(sha256(bytes)));
  }

  @Test
  void theBlobsNeverChange() {
    // recorded results name the data by this digest: a generator change must be deliberate
    assertEquals(GOLDEN_SHA256_BLOBS_1000x3x2, Workload.named("blobs-1000x3x2").sha256());
  }

  static final String GOLDEN_SHA256_BLOBS_1000x3x2 =
      "853b8952b08297793df10909ed7c9aa9d1fa12808ddb70763ae14887e9c196ff";

  /** Nearest-centroid label of every point (the definition the harness's inertia uses). */
  static int[] nearestLabels(Workload w, double[][] centroids) {
    double[] x = w.flat();
    int d = w.d();
    int[] labels = new int[w.n()];
    for (int i = 0; i < labels.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centroids.length; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - centroids[c][j];
          s += t * t;
        }
        if (s < best) {
          best = s;
          labels[i] = c;
        }
      }
    }
    return labels;
  }

  /** Points on which two labellings disagree, after matching label a to the label b gives its first point. */
  static int disagreements(int[] a, int[] b, int k) {
    int[] map = new int[k];
    java.util.Arrays.fill(map, -1);
    boolean[] used = new boolean[k];
    int differ = 0;
    for (int i = 0; i < a.length; i++) {
      if (map[a[i]] < 0 && !used[b[i]]) {
        map[a[i]] = b[i];
        used[b[i]] = true;
      }
      if (map[a[i]] != b[i]) {
        differ++;
      }
    }
    return differ;
  }

  /**
   * A deliberately poor start on separated blobs: the first k points of the blob of point 0, so that every
   * implementation must move centroids across blobs, over several iterations, to reach a fixed point.
   */
  static double[][] oneBlobStart(int n, int d, int k) {
    int[] truth = new int[n];
    double[] x = GaussianBlobs.generate(n, d, k, GaussianBlobs.SEED, GaussianBlobs.SEPARATED_HALF_WIDTH, 1.0, truth);
    double[][] start = new double[k][];
    for (int i = 0, c = 0; c < k; i++) {
      if (truth[i] == truth[0]) {
        start[c++] = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
      }
    }
    return start;
  }

  /** Segmint Lloyd from {@code start} until no point changes cluster (tolerance 0): ELKI's stopping rule. */
  static KMeans.Result segmintLloydToFixedPoint(Workload w, double[][] start) {
    return KMeans.fit(Peers.matrix(w), KMeans.Options.of(w.k()).withNInit(1)
        .withMaxIter(Peers.MAX_ITER).withTolerance(0).withAlgorithm(KMeans.Algorithm.LLOYD)
        .withInitialCentroids(start));
  }

  @Test
  void everySharedStartBodyReachesSegmintLloydsLabelsFromTheSameStart() {
    Workload w = Workload.named(SEPARATED);
    double[][] shared = SharedStart.of(w);
    for (double[][] start : List.of(shared, oneBlobStart(w.n(), w.d(), w.k()))) {
      String from = start == shared ? " from the shared k-means++ start" : " from the one-blob start";
      // Segmint's bodies stop at tol 1e-4, as Segmint Lloyd; ELKI's stop when no label changes, as Lloyd at tol 0
      Peers.Prepared<?> lloyd = KMeansSharedStartBenchmark.prepare("segmint-lloyd@1", w, start);
      lloyd.fit();
      Outcome atTolerance = lloyd.lastOutcome();
      int[] expectedAtTolerance = nearestLabels(w, lloyd.lastCentroids());
      KMeans.Result fixedPoint = segmintLloydToFixedPoint(w, start);
      int[] expectedAtFixedPoint = nearestLabels(w, fixedPoint.centroids());
      assertEquals(0, disagreements(fixedPoint.labels(), expectedAtFixedPoint, w.k()), "a fixed point" + from);
      for (String impl : KMeansSharedStartBenchmark.IMPLEMENTATIONS) {
        Peers.Prepared<?> p = KMeansSharedStartBenchmark.prepare(impl, w, start);
        p.fit();
        Outcome o = p.lastOutcome();
        String who = impl + from;
        boolean segmint = impl.startsWith("segmint-");
        int[] expected = segmint ? expectedAtTolerance : expectedAtFixedPoint;
        double inertia = segmint ? atTolerance.inertia() : fixedPoint.inertia();
        assertEquals(w.n(), o.labelled(), who + " labels every point");
        assertEquals(0, disagreements(nearestLabels(w, p.lastCentroids()), expected, w.k()),
            who + " reaches Segmint Lloyd's labels");
        assertEquals(inertia, o.inertia(), 1e-9 * inertia, who + " inertia");
        if (!segmint) {
          assertEquals(fixedPoint.iterations() + 1, o.iterations(),
              who + ": ELKI counts assignment passes, one more than Lloyd's update steps to the same fixed point");
        }
      }
      if (start != shared) {
        // not vacuous: the start's own labels are far from the answer, and Lloyd needed many iterations
        int moved = disagreements(nearestLabels(w, start), expectedAtFixedPoint, w.k());
        assertTrue(moved > w.n() / 10, "the one-blob start is far from the fixed point: " + moved + " points move");
        assertTrue(fixedPoint.iterations() >= 10, "Lloyd iterated: " + fixedPoint.iterations());
        assertTrue(disagreements(expectedAtTolerance, expectedAtFixedPoint, w.k()) > 0,
            "tolerance 1e-4 stops Segmint before the fixed point here, so the two references differ");
      }
    }
  }

  @Test
  void theSharedStartBenchmarkBodyRunsAndReports() {
    KMeansSharedStartBenchmark b = new KMeansSharedStartBenchmark();
    b.workload = SEPARATED;
    b.impl = "elki-hamerly";
    b.setUp();
    assertTrue(b.fit() != null);
    b.report();
    Outcome o = b.lastOutcome();
    assertEquals("elki-hamerly", o.peer());
    assertEquals(truthInertia(3000, 4, 4, GaussianBlobs.SEPARATED_HALF_WIDTH), o.inertia(), 0.01 * o.inertia(),
        "the shared k-means++ start finds the separated blobs");
  }

  @Test
  void theSharedStartIsDistinctDataPointsAndNeverChanges() {
    Workload w = Workload.named("blobs-1000x3x2");
    double[][] start = SharedStart.of(w);
    assertEquals(2, start.length);
    java.util.Set<String> rows = new java.util.HashSet<>();
    for (int i = 0; i < w.n(); i++) {
      rows.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(w.flat(), i * w.d(), i * w.d() + w.d())));
    }
    for (double[] c : start) {
      assertTrue(rows.contains(java.util.Arrays.toString(c)), "each centroid is a data point");
    }
    assertTrue(!java.util.Arrays.equals(start[0], start[1]), "distinct points");
    // with k = n, D² sampling must take every point exactly once (a point already taken has D² = 0)
    double[] x = {0, 0, 1, 0, 0, 5, 7, 7};
    double[][] all = SharedStart.kMeansPlusPlus(x, 4, 2, 4, 42L);
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (double[] c : all) {
      taken.add(java.util.Arrays.toString(c));
    }
    assertEquals(4, taken.size(), "every point once: " + taken);
    var dup = assertThrows(IllegalArgumentException.class,
        () -> SharedStart.kMeansPlusPlus(new double[] {1, 1, 1}, 3, 1, 2, 42L));
    assertTrue(dup.getMessage().contains("distinct"), dup.getMessage());
    // recorded results name the start by this digest: a change of the sampling must be deliberate
    assertEquals(GOLDEN_SHA256_START_BLOBS_1000x3x2, SharedStart.sha256(start));
  }

  static final String GOLDEN_SHA256_START_BLOBS_1000x3x2 = 
      "65fe4db7e53d0b637ebc532cbadf579339123511ea5049b282a2904f4681f7f8";

  @Test
  void theSharedStartFileHoldsExactlyTheStartBytes(@TempDir Path dir) throws IOException {
    Workload w = Workload.named("blobs-1000x3x2");
    double[][] start = SharedStart.of(w);
    Path bin = SharedStart.write(w, start, dir);
    byte[] bytes = Files.readAllBytes(bin);
    assertEquals(8L * w.k() * w.d(), bytes.length);
    double[] back = new double[w.k() * w.d()];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(back);
    for (int c = 0; c < w.k(); c++) {
      assertArrayEquals(start[c], java.util.Arrays.copyOfRange(back, c * w.d(), c * w.d() + w.d()), 0.0);
    }
    String json = Files.readString(dir.resolve("blobs-1000x3x2-init.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"sha256\": \"" + java.util.HexFormat.of().formatHex(sha256(bytes)) + "\""), json);
    assertTrue(json.contains("\"data_sha256\": \"" + w.sha256() + "\""), json);
    assertTrue(json.contains("\"k\": 2") && json.contains("\"d\": 3"), json);
  }

  @Test
  void unknownNamesAreRejectedWithTheChoices() {
    var e = assertThrows(IllegalArgumentException.class, () -> Workload.named("blob-10x2x2"));
    assertTrue(e.getMessage().contains("blobs-NxDxK"), e.getMessage());
    var p = assertThrows(IllegalArgumentException.class, () -> Peers.prepare("weka", Workload.named("blobs-10x2x2")));
    assertTrue(p.getMessage().contains("elki-hamerly"), p.getMessage());
    var a = assertThrows(IllegalArgumentException.class,
        () -> Peers.segmint(Workload.named("blobs-10x2x2"), 1, "NO_SUCH_ALGORITHM"));
    assertTrue(a.getMessage().contains("NO_SUCH_ALGORITHM"), a.getMessage());
    Workload tiny = Workload.named("blobs-10x2x2");
    double[][] start = SharedStart.of(tiny);
    var s = assertThrows(IllegalArgumentException.class, () -> KMeansSharedStartBenchmark.prepare("smile", tiny, start));
    assertTrue(s.getMessage().contains("cannot start from given centroids"), s.getMessage());
    var t = assertThrows(IllegalArgumentException.class,
        () -> KMeansSharedStartBenchmark.prepare("segmint-lloyd", tiny, start));
    assertTrue(t.getMessage().contains("segmint-lloyd@2"), t.getMessage());
    var u = assertThrows(IllegalArgumentException.class,
        () -> KMeansSharedStartBenchmark.prepare("segmint-elkan@two", tiny, start));
    assertTrue(u.getMessage().contains("segmint-elkan@2"), u.getMessage());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Each seed's inertia is that seed's own fit (not one fit repeated), measured as the tables measure it. */
  @Test
  void inertiaSpreadFitsEverySeed() {
    Workload w = Workload.named("blobs-2000x4x8");
    double[] v = InertiaSpread.inertias(w, 6);
    assertEquals(6, v.length);
    for (int s = 0; s < v.length; s++) {
      KMeans.Result r = KMeans.fit(Peers.matrix(w),
          KMeans.Options.of(w.k()).withSeed(s).withNInit(1).withMaxIter(Peers.MAX_ITER)
              .withTolerance(Peers.TOLERANCE).withThreads(1));
      assertEquals(Inertia.atCentroids(w.flat(), w.d(), r.centroids()), v[s], 1e-9 * v[s], "seed " + s);
    }
    assertTrue(Arrays.stream(v).distinct().count() > 1, "overlapping blobs: different seeds, different optima");
    assertEquals("min 1.00000 median 2.50000 mean 2.50000 max 4.00000", InertiaSpread.summary(new double[] {4, 1, 3, 2}));
  }
}
