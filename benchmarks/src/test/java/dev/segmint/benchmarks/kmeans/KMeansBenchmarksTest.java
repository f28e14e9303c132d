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

  @Test
  void unknownNamesAreRejectedWithTheChoices() {
    var e = assertThrows(IllegalArgumentException.class, () -> Workload.named("blob-10x2x2"));
    assertTrue(e.getMessage().contains("blobs-NxDxK"), e.getMessage());
    var p = assertThrows(IllegalArgumentException.class, () -> Peers.prepare("weka", Workload.named("blobs-10x2x2")));
    assertTrue(p.getMessage().contains("elki-hamerly"), p.getMessage());
    var a = assertThrows(IllegalArgumentException.class,
        () -> Peers.segmint(Workload.named("blobs-10x2x2"), 1, "NO_SUCH_ALGORITHM"));
    assertTrue(a.getMessage().contains("NO_SUCH_ALGORITHM"), a.getMessage());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
