package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;

/**
 * What to fit: a clustering algorithm with its settings. Every algorithm's {@code Options} record is one ({@link
 * KMeans.Options}, {@link KPrototypes.Options}, {@link KMedoids.Options}, {@link Dbscan.Options}, {@link
 * Hdbscan.Options}, {@link Hierarchical.Options}), and so are {@link KSelection.Options} (k-means with k chosen in a
 * range), {@link KSelection.HierarchicalOptions} and {@link KSelection.MixedOptions} (k-prototypes or k-medoids with k
 * chosen in a range); {@link #fit} gives a {@link Clustering}.
 *
 * <pre>{@code
 * Clusterer c = KMeans.Options.of(5).withSeed(42);       // or Dbscan.Options.autoEps(8), Hdbscan.Options.of(15), ...
 * Clustering segments = c.fit(matrix);
 * int[] labels = segments.labels();
 * }</pre>
 *
 * <p>Threads mean the same everywhere in this package (and in the quality and profile options): {@code 0} uses all
 * available processors ({@link Runtime#availableProcessors()}, read at fit time; the default of every {@code of}
 * factory), {@code n ≥ 1} at most n threads (fewer when the data is too small to split). Results never depend on the
 * thread count.
 *
 * <p>The seed is the one seed of every random step of the fit (k-means seeding and mini-batch draws, the
 * two-stage hierarchical sample, k selection's silhouette sample); the same seed gives the same labels whatever
 * the thread count. DBSCAN, HDBSCAN and exact hierarchical clustering draw no random numbers: their seed is 0 and
 * {@link #withSeed} leaves them as they are (hierarchical keeps the seed for its two-stage path).
 *
 * <p>Sample weights: k-means ({@link KMeans.Options}: finite, ≥ 0, not all zero) and ward hierarchical clustering
 * ({@link Hierarchical.Options} with {@link Linkage#WARD}: finite, &gt; 0) take them; see {@link #supportsWeights()}.
 */
public interface Clusterer {

  /**
   * The algorithm's short lower-case name, as the command line's {@code --algorithm} takes it: kmeans, kprototypes,
   * kmedoids, dbscan, hdbscan or hierarchical.
   */
  String name();

  /**
   * Clusters the rows of {@code m} (every row weight 1).
   *
   * @throws IllegalArgumentException for data the algorithm cannot cluster (empty, fewer rows than segments, …),
   *     naming what to change
   */
  Clustering fit(FeatureMatrix m);

  /**
   * Clusters the rows of {@code m}, each with a weight: a row of weight w counts as w copies of it.
   *
   * @param weights one weight per row, or {@code null} for weight 1 each
   * @throws IllegalArgumentException when the algorithm takes no weights ({@link #supportsWeights()} is false) or
   *     the weights do not fit the data
   */
  default Clustering fit(FeatureMatrix m, double[] weights) {
    if (weights == null) {
      return fit(m);
    }
    throw new IllegalArgumentException(name() + " does not take sample weights; drop the weights, or use k-means "
        + "or ward hierarchical clustering");
  }

  /**
   * Whether the algorithm reads categorical features as categories ({@link FeatureMatrix#categoricalColumns()}):
   * true for the mixed-data algorithms (k-prototypes, k-medoids), which the column-role paths ({@code
   * Segmentation.Builder.columns}, the command line) then give level codes instead of one-hot columns; false for
   * the algorithms on numbers only, which refuse a matrix with categorical features.
   */
  default boolean takesCategories() {
    return false;
  }

  /** Whether {@link #fit(FeatureMatrix, double[])} takes weights: k-means and ward hierarchical clustering. */
  default boolean supportsWeights() {
    return false;
  }

  /**
   * The seed of every random step of the fit. This default, 0, is for algorithms that draw no random numbers (DBSCAN,
   * HDBSCAN); an algorithm with random steps overrides it and {@link #withSeed}.
   */
  default long seed() {
    return 0;
  }

  /**
   * The same settings with this seed. This default returns them unchanged, for algorithms that draw no random
   * numbers; an algorithm with random steps overrides it and {@link #seed()}.
   */
  default Clusterer withSeed(long seed) {
    return this;
  }

  /** Worker threads: 0 for all available processors, n ≥ 1 for at most n. */
  int threads();

  /**
   * The same settings with this many worker threads.
   *
   * @param threads 0 for all available processors, n ≥ 1 for at most n
   * @throws IllegalArgumentException for a negative count
   */
  Clusterer withThreads(int threads);
}
