package dev.segmint.benchmarks.kmeans;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The initial centroids every implementation starts from in the same-start comparison
 * ({@link KMeansSharedStartBenchmark}, {@code sklearn_kmeans.py --shared-init}): plain k-means++ (Arthur and
 * Vassilvitskii 2007) written here, independently of Segmint, so that no implementation's own seeding decides the
 * start.
 *
 * <p>Algorithm, with {@code SplittableRandom(}{@link #SEED}{@code )}: the first centroid is the point
 * {@code nextInt(n)}; each further one is drawn with probability proportional to D², the squared Euclidean
 * distance of a point to its nearest centroid so far: {@code r = nextDouble() × ΣD²}, and the chosen point is the
 * first whose running sum of D² (in point order) exceeds {@code r}. Only additions, multiplications and
 * comparisons of doubles, in a fixed order (Java evaluates them in IEEE strict semantics since 17), so the
 * centroids are the same bytes on every JVM and machine. One candidate per step (not scikit-learn's greedy
 * variant): this is a start, not a competitor. O(n·k·d) time, O(n) extra memory.
 *
 * <p>{@link #write} exports the centroids next to the workload files as {@code <name>-init.f64} (little-endian
 * float64, k × d, row-major) with a JSON sidecar {@code <name>-init.json} holding the shape, the SHA-256 of the
 * bytes and the SHA-256 of the data they were drawn from.
 */
public final class SharedStart {

  /** Seed of the D² sampling. */
  public static final long SEED = 42L;

  private SharedStart() {}

  /** The k-means++ start of {@code w} with {@link #SEED}: {@code k × d} centroids, each a copy of a data point. */
  public static double[][] of(Workload w) {
    return kMeansPlusPlus(w.flat(), w.n(), w.d(), w.k(), SEED);
  }

  /**
   * Plain k-means++ on row-major {@code x}: see the class comment.
   *
   * @throws IllegalArgumentException if k is not in 1..n
   */
  static double[][] kMeansPlusPlus(double[] x, int n, int d, int k, long seed) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " must be between 1 and n = " + n);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] centroids = new double[k][];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    int chosen = random.nextInt(n);
    for (int c = 0; ; c++) {
      centroids[c] = Arrays.copyOfRange(x, chosen * d, chosen * d + d);
      if (c == k - 1) {
        return centroids;
      }
      double[] centre = centroids[c];
      double total = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - centre[j];
          s += t * t;
        }
        if (s < nearest[i]) {
          nearest[i] = s;
        }
        total += nearest[i];
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("fewer than k = " + k + " distinct points: every point coincides with "
            + "one of the first " + (c + 1) + " centroids");
      }
      double r = random.nextDouble() * total;
      double running = 0;
      chosen = -1;
      int lastPositive = -1;
      for (int i = 0; i < n; i++) {
        if (nearest[i] > 0) {
          lastPositive = i;
          running += nearest[i];
          if (running > r) {
            chosen = i;
            break;
          }
        }
      }
      // rounding can leave the running sum a hair below r at the end: take the last point with D² > 0
      if (chosen < 0) {
        chosen = lastPositive;
      }
    }
  }

  /** Little-endian float64 bytes of the centroids, row-major. */
  static byte[] bytes(double[][] centroids) {
    int d = centroids[0].length;
    ByteBuffer buf = ByteBuffer.allocate(8 * centroids.length * d).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] c : centroids) {
      for (double v : c) {
        buf.putDouble(v);
      }
    }
    return buf.array();
  }

  /** SHA-256 (hex) of {@link #bytes}. */
  static String sha256(double[][] centroids) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(centroids)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Writes {@code <name>-init.f64} and {@code <name>-init.json} for {@code w} into {@code dir}.
   *
   * @return the path of the {@code .f64} file
   */
  public static Path write(Workload w, double[][] centroids, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path bin = dir.resolve(w.name() + "-init.f64");
    try (OutputStream out = Files.newOutputStream(bin)) {
      out.write(bytes(centroids));
    }
    String json = String.format(Locale.ROOT,
        "{\"workload\": \"%s\", \"k\": %d, \"d\": %d, \"dtype\": \"<f8\", \"order\": \"C\", \"file\": \"%s\", "
            + "\"sha256\": \"%s\", \"data_sha256\": \"%s\", \"method\": \"k-means++ (D² sampling, one candidate "
            + "per step, SplittableRandom)\", \"seed\": %d}%n",
        w.name(), centroids.length, centroids[0].length, bin.getFileName(), sha256(centroids), w.sha256(), SEED);
    Files.writeString(dir.resolve(w.name() + "-init.json"), json, StandardCharsets.UTF_8);
    return bin;
  }
}
