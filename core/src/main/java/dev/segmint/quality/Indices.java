package dev.segmint.quality;

import dev.segmint.cluster.RowDistance;
import dev.segmint.features.FeatureMatrix;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The internal quality indices of one labeling in one record, for reports: the mean silhouette (exact up to
 * {@code sampleLimit} points, else on a seeded sample of that size), Calinski–Harabasz, Davies–Bouldin and inertia,
 * all from {@link Quality} (scikit-learn's definitions), with the number of noise points left out.
 *
 * <p>Cost: the silhouette dominates, O(min(n, sampleLimit)²·d); the others are O(n·d).
 *
 * @param silhouette the mean silhouette (higher is better, in [−1, 1])
 * @param calinskiHarabasz the Calinski–Harabasz index (higher is better)
 * @param daviesBouldin the Davies–Bouldin index (lower is better)
 * @param inertia the sum of squared distances to the segment means
 * @param noise points labelled {@code -1}, left out of every index
 * @param sampleSize the silhouette's sample size, 0 when exact
 * @param details the silhouette per segment and per point
 */
public record Indices(double silhouette, double calinskiHarabasz, double daviesBouldin, double inertia, int noise,
    int sampleSize, Silhouette details) {

  /** The indices with an exact silhouette up to 10,000 points (seeded sample of 10,000 above), all processors. */
  public static Indices of(FeatureMatrix m, int[] labels) {
    return of(m, labels, 10_000, 0L, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The indices.
   *
   * @param sampleLimit points above which the silhouette is sampled
   * @param seed the silhouette sample's seed
   * @param threads worker threads for the silhouette (the result does not depend on it)
   */
  public static Indices of(FeatureMatrix m, int[] labels, int sampleLimit, long seed, int threads) {
    Objects.requireNonNull(m, "m");
    Silhouette s = m.rows() > sampleLimit ? Quality.silhouetteSampled(m, labels, sampleLimit, seed, threads)
        : Quality.silhouette(m, labels, threads);
    return new Indices(s.mean(), Quality.calinskiHarabasz(m, labels), Quality.daviesBouldin(m, labels),
        Quality.inertia(m, labels), s.noiseLeftOut(), s.sampleSize(), s);
  }

  /**
   * The indices with a silhouette already computed on these labels (for example {@code KSelection.Result.silhouetteAt(k)}
   * for the fit at k), so the O(n²·d) pass is not repeated: the silhouette is checked against the labels ({@link
   * Silhouette#requireOf}), the other indices are computed, O(n·d).
   *
   * @throws IllegalArgumentException when the silhouette was computed on other labels
   */
  public static Indices of(FeatureMatrix m, int[] labels, Silhouette silhouette) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(silhouette, "silhouette");
    Silhouette s = silhouette.requireOf(labels);
    return new Indices(s.mean(), Quality.calinskiHarabasz(m, labels), Quality.daviesBouldin(m, labels),
        Quality.inertia(m, labels), s.noiseLeftOut(), s.sampleSize(), s);
  }

  /**
   * The indices of a clustering with its own distance ({@code Clustering.distances}: k-prototypes, k-medoids): the
   * silhouette under that distance (exact up to {@code sampleLimit} customers, else on a seeded sample), and NaN for
   * Calinski–Harabasz, Davies–Bouldin and inertia, which are defined on Euclidean segment means only.
   * Cost O(min(n, sampleLimit)²) distances.
   */
  public static Indices of(int[] labels, RowDistance distance, int sampleLimit, long seed, int threads) {
    Objects.requireNonNull(labels, "labels");
    Silhouette s = Quality.silhouettes(labels.length, new int[][] {labels}, distance, sampleLimit, seed, threads)[0];
    return new Indices(s.mean(), Double.NaN, Double.NaN, Double.NaN, s.noiseLeftOut(), s.sampleSize(), s);
  }

  /** One row per index: name, value, and which direction is better. */
  public Table toTable() {
    StringColumn name = StringColumn.create("index");
    DoubleColumn value = DoubleColumn.create("value");
    StringColumn better = StringColumn.create("better");
    name.append("silhouette" + (sampleSize > 0 ? " (sample " + sampleSize + ")" : ""));
    value.append(silhouette);
    better.append("higher, in [-1, 1]");
    name.append("Calinski–Harabasz");
    value.append(calinskiHarabasz);
    better.append("higher");
    name.append("Davies–Bouldin");
    value.append(daviesBouldin);
    better.append("lower");
    name.append("inertia");
    value.append(inertia);
    better.append("lower (same data and k)");
    return Table.create("quality indices", name, value, better);
  }

  @Override
  public String toString() {
    String sample = sampleSize > 0 ? " (sample of " + sampleSize + ")" : "";
    String noisy = noise > 0 ? " (" + noise + " noise points left out)" : "";
    if (Double.isNaN(calinskiHarabasz) && Double.isNaN(daviesBouldin)) {   // an algorithm with its own distance
      return String.format(Locale.ROOT, "silhouette %.4f%s under the algorithm's own distance%s", silhouette, sample,
          noisy);
    }
    return String.format(Locale.ROOT, "silhouette %.4f%s, Calinski–Harabasz %.2f, Davies–Bouldin %.4f, inertia %.4g%s",
        silhouette, sample, calinskiHarabasz, daviesBouldin, inertia, noisy);
  }
}
