package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmint.cluster.KMeans.Algorithm;
import dev.segmint.cluster.KMeans.Init;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.kernel.Distances;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bit-for-bit regression test of every k-means variant: for fixed data, seeds and options, the labels, the raw bits
 * of the centroids and the inertia, the iteration count and the distance count of each fit are folded into one hash
 * and compared with values recorded on the code before {@code KMeans.Run} was split into {@code KMeansRun} and one
 * class per variant (commit "KMeansVariantsGoldenTest: ..."). Any change to a hot loop's arithmetic, the order of a
 * reduction, the seeding draws or the bound bookkeeping changes a hash.
 *
 * <p>The kernels' last bits depend on the implementation (scalar, or Panama at the machine's vector width), so the
 * values are recorded per implementation, in {@code kmeans-variants-golden-<kernels>.txt} beside this class; a
 * configuration without recorded values (another vector width) writes its values to {@code target/} and is
 * skipped with a message saying so. The scalar values hold on every Java 17+ JVM (strict IEEE
 * arithmetic, no FMA in the scalar kernels' results).
 */
class KMeansVariantsGoldenTest {

  /** One recorded outcome: the hash of everything, and two of its parts in clear for readable failures. */
  record Outcome(long hash, int iterations, long distances) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "hash %016x, %d iterations, %d distances", hash, iterations, distances);
    }
  }

  /** Shapes: d, k, number of true centres, data seed. n = 5,000 (three blocks of {@link Blocks#SIZE}). */
  private static final int[][] SHAPES = {
      {2, 3, 4, 101}, {3, 5, 6, 102}, {4, 8, 8, 103}, {5, 12, 10, 104}, {9, 7, 9, 105}, {9, 12, 14, 106},
      {3, 33, 40, 107}};

  private static final int N = 5000;

  @Test
  void everyVariantGivesTheRecordedOutcomeBitForBit() throws IOException {
    String config = configuration();
    Map<String, Outcome> actual = run();
    assertEquals(680, actual.size(), "cases");
    String resource = "kmeans-variants-golden-" + config + ".txt";
    Map<String, Outcome> expected = read(resource);
    if (expected == null) {
      Path out = Path.of("target", resource);
      Files.createDirectories(out.getParent());
      StringBuilder sb = new StringBuilder();
      actual.forEach((name, o) -> sb.append(name).append('\t').append(Long.toHexString(o.hash())).append('\t')
          .append(o.iterations()).append('\t').append(o.distances()).append('\n'));
      Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
      assumeTrue(false, "no golden values recorded for kernels " + config + "; this run's values are in "
          + out.toAbsolutePath() + ": check them on the reference code and copy them to src/test/resources/"
          + "dev/segmint/cluster/");
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Outcome> e : actual.entrySet()) {
      Outcome want = expected.get(e.getKey());
      if (!e.getValue().equals(want)) {
        wrong.add(e.getKey() + ": expected " + want + ", got " + e.getValue());
      }
    }
    assertEquals(expected.keySet(), actual.keySet(), "cases");
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + actual.size() + " fits differ from the recorded outcome ("
        + config + "):\n" + String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))));
  }

  /** The recorded outcomes in {@code resource} (lines: name, hash in hex, iterations, distances; tab-separated). */
  private static Map<String, Outcome> read(String resource) throws IOException {
    try (InputStream in = KMeansVariantsGoldenTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Map<String, Outcome> map = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        map.put(f[0], new Outcome(Long.parseUnsignedLong(f[1], 16), Integer.parseInt(f[2]), Long.parseLong(f[3])));
      }
      return map;
    }
  }

  /** Every case, in a fixed order, by name. */
  static Map<String, Outcome> run() {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (int s = 0; s < SHAPES.length; s++) {
      int[] shape = SHAPES[s];
      int d = shape[0];
      int k = shape[1];
      FeatureMatrix m = KMeansAlgorithmsTest.gaussian(N, d, shape[2], shape[3]);
      double[] weights = weights(N, shape[3]);
      int nInit = 1 + s % 2;
      for (boolean weighted : new boolean[] {false, true}) {
        for (Algorithm a : Algorithm.values()) {
          for (Init init : Init.values()) {
            for (int threads : new int[] {1, 2}) {
              if (threads == 2 && KMeans.threadsFor(N, d, k, 2) == 1) {
                continue;   // below the parallel threshold a second thread is never used: the same fit again
              }
              KMeans.Options o = KMeans.Options.of(k).withSeed(7 + s).withNInit(nInit).withAlgorithm(a)
                  .withInit(init).withThreads(threads);
              String name = String.format(Locale.ROOT, "d%d k%d %s %s %s t%d", d, k, weighted ? "w" : "u", a, init,
                  threads);
              out.put(name, outcome(KMeans.fit(m, weighted ? weights : null, o)));
            }
          }
          // the other exits: strict convergence (tolerance 0), the iteration cap, a small mini-batch batch
          KMeans.Options o = KMeans.Options.of(k).withSeed(31 + s).withAlgorithm(a).withThreads(2);
          String name = String.format(Locale.ROOT, "d%d k%d %s %s ", d, k, weighted ? "w" : "u", a);
          out.put(name + "tol0", outcome(KMeans.fit(m, weighted ? weights : null, o.withTolerance(0))));
          out.put(name + "maxIter3", outcome(KMeans.fit(m, weighted ? weights : null, o.withMaxIter(3))));
          out.put(name + "batch300", outcome(KMeans.fit(m, weighted ? weights : null, o.withBatchSize(300))));
          // given centroids, one far from every point: its cluster is empty after the first assignment and reseeded
          double[][] start = new double[k][];
          for (int c = 0; c < k; c++) {
            start[c] = m.row(c * 37);
          }
          start[k - 1] = new double[d];
          Arrays.fill(start[k - 1], 1e3);
          for (int threads : new int[] {1, 2}) {
            out.put(name + "reseed t" + threads, outcome(KMeans.fit(m, weighted ? weights : null,
                o.withThreads(threads).withInitialCentroids(start).withTolerance(0))));
          }
        }
      }
    }
    return out;
  }

  /** Weights in [0, 3) with one in ten exactly 0. */
  private static double[] weights(int n, long seed) {
    Random rnd = new Random(seed * 31 + 5);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = rnd.nextInt(10) == 0 ? 0 : 3 * rnd.nextDouble();
    }
    return w;
  }

  static Outcome outcome(KMeans.Result r) {
    long h = 0x243F6A8885A308D3L;
    for (int label : r.labels()) {
      h = mix(h, label);
    }
    for (double[] row : r.centroids()) {
      for (double v : row) {
        h = mix(h, Double.doubleToRawLongBits(v));
      }
    }
    h = mix(h, Double.doubleToRawLongBits(r.inertia()));
    h = mix(h, r.iterations());
    h = mix(h, r.distanceComputations());
    h = mix(h, r.converged() ? 1 : 0);
    h = mix(h, r.algorithm().ordinal());
    return new Outcome(h, r.iterations(), r.distanceComputations());
  }

  private static long mix(long h, long v) {
    long z = (h ^ v) * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 31);
  }

  /** "scalar", or "panama-" + the preferred vector width in bits (the kernels' lane count sets their last bits). */
  static String configuration() {
    String name = Distances.implementationName();
    if (!name.equals("panama")) {
      return name;
    }
    try {
      Object species = Class.forName("jdk.incubator.vector.DoubleVector").getField("SPECIES_PREFERRED").get(null);
      return name + "-" + Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize").invoke(species);
    } catch (ReflectiveOperationException e) {
      return name + "-unknown";
    }
  }
}
