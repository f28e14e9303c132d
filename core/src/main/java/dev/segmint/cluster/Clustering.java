package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * What a {@link Clusterer} fitted: one segment per training customer, the segments' sizes and centres, and (where
 * the algorithm defines one) a rule that places new customers. Every algorithm's result is one: {@link
 * KMeans.Result}, {@link KPrototypes.Result}, {@link KMedoids.Result}, {@link Dbscan.Result}, {@link Hdbscan.Result}
 * and {@link Hierarchical.Result} ({@link KSelection} gives the chosen k's result of its algorithm, e.g. {@link
 * KSelection.Result#best()} for k-means).
 *
 * <p>Labels follow Segmint's contract: segments are numbered {@code 0..k-1} by size, largest first, and noise (the
 * density methods' outliers) is {@code -1}; so {@code sizes()} and {@code noiseCount()} add up to the number of
 * training rows. Implementations are immutable and return copies.
 *
 * <p>Which algorithms can {@link #predict}:
 * <ul>
 *   <li>k-means: the nearest centroid; gives every training row its label.
 *   <li>k-prototypes: the prototype of least mixed cost ({@link KPrototypes.Result#predict}); k-medoids: the nearest
 *       medoid by Gower distance on the training ranges ({@link KMedoids.Result#predict}). Levels are matched by
 *       name; a level not seen at fit counts as missing.
 *   <li>DBSCAN: the nearest core point within eps, else noise (the rule the fit uses for border points); gives every
 *       training row its label.
 *   <li>HDBSCAN: the {@code hdbscan} library's {@code approximate_predict} ({@link Hdbscan.Result#approximatePredict},
 *       which also gives membership probabilities). It is approximate: a new point joins the tree through its
 *       nearest neighbours, so a few training points near a segment's edge (typically 1–5 % on real data) come
 *       out in another segment or as noise.
 *   <li>hierarchical: none ({@link #canPredict()} is false). A merge tree only covers the customers it was built
 *       from, and where a new customer belongs depends on the linkage (ward, complete, average and single would
 *       each need their own rule); a caller who wants one can take the nearest of {@link #centroids()}.
 * </ul>
 */
public interface Clustering {

  /**
   * The algorithm that made it, as {@link Clusterer#name()} names it: kmeans, kprototypes, kmedoids, dbscan, hdbscan
   * or hierarchical.
   */
  String name();

  /** Segment of each training row, {@code 0..k-1} by size (largest first), {@code -1} for noise. A copy. */
  int[] labels();

  /**
   * A readable summary of the algorithm and the settings it was fitted with, as the facade, its report and model files
   * show it (e.g. {@code "k-means, k = 5, seed 42, 4 restarts"}). Built by each algorithm's result, in one place.
   */
  default String settings() {
    return name();
  }

  /**
   * The k selection behind a clustering whose k was chosen (k-means: {@link KSelection.Options#fit}; hierarchical:
   * {@link KSelection.HierarchicalOptions#fit}; k-prototypes, k-medoids: {@link KSelection.MixedOptions#fit}), else
   * null.
   */
  default KSelection.Result selection() {
    return null;
  }

  /** The k-distance curve behind DBSCAN's automatic eps ({@link Dbscan.Options#autoEps}), else null. */
  default Dbscan.KDistance kDistance() {
    return null;
  }

  /**
   * The merge tree, for an algorithm that builds one (hierarchical: over the customers, or over the micro-clusters
   * when the two-stage path ran), else null. Callers write it without asking which algorithm ran.
   */
  default Dendrogram dendrogram() {
    return null;
  }

  /**
   * The fit's key numbers in a few words, for a one-line summary (e.g. k-means: {@code "inertia 2760.83, converged"});
   * empty where the algorithm has none beyond {@link #sizes()} and {@link #noiseCount()}.
   */
  default String figures() {
    return "";
  }

  /** Number of segments, noise not counted. */
  int k();

  /** Number of training rows in each segment {@code 0..k-1}; with {@link #noiseCount()} they add up to n. */
  default long[] sizes() {
    return Labels.sizes(labels(), k());
  }

  /** Training rows labelled noise ({@code -1}); 0 for the methods without noise (k-means, hierarchical). */
  default int noiseCount() {
    return Labels.noiseCount(labels());
  }

  /** The feature names the clustering was fitted on, in column order. A copy. */
  String[] featureNames();

  /**
   * Whether {@link #predict} is defined for this algorithm (see the class comment). True by default; an algorithm
   * without a rule for new customers overrides it with false and its {@code predict} throws.
   */
  default boolean canPredict() {
    return true;
  }

  /**
   * The segment of each customer of {@code m} (same features by name, scaled as the training data), or -1 for noise.
   *
   * @throws IllegalArgumentException when the features do not match the model's
   * @throws UnsupportedOperationException when {@link #canPredict()} is false; the message names the algorithm and
   *     why
   */
  int[] predict(FeatureMatrix m);

  /**
   * One point per segment, {@code k × d}, row {@code c} for segment {@code c}, in the training feature space. k-means:
   * the centroids ({@link #predict} uses them). Hierarchical, DBSCAN and HDBSCAN: the mean of the segment's
   * training rows (noise left out; weighted when ward was fitted with weights). A density segment may be curved, so
   * its mean can lie outside it: the means describe the segments, they do not place new customers. A copy.
   */
  double[][] centroids();

  /**
   * The algorithm's own distance between the rows of {@code m}, for an algorithm that does not measure customers by
   * the Euclidean distance of their numeric features (k-prototypes, k-medoids: they read categorical features too),
   * else null. The silhouette, the quality indices and the k selection of such a clustering use it. Preparing it for
   * {@code m} (ranges, γ, matching level names to the training levels) is O(n·(d + c)); each distance O(d + c).
   *
   * @throws IllegalArgumentException when {@code m} does not have the model's features
   */
  default RowDistance distances(FeatureMatrix m) {
    return null;
  }

  /** One row per training customer: {@code customer_id, segment} ({@code -1} for noise). */
  Table toTable();

  /**
   * One row per segment {@code 0..k-1} with at least {@code segment}, {@code size} and {@code share %}, and for
   * the density methods a last row {@code -1} for noise; algorithms add their own columns (centroids or means,
   * core points, probabilities).
   */
  Table summaryTable();

  /** Iterations, distance computations and fit time, where the algorithm keeps them. */
  Diagnostics diagnostics();

  /**
   * How a fit went.
   *
   * @param iterations iterations of the winning run (k-means: centroid updates, mini-batch: passes), or
   *     {@link #NOT_KEPT} where the algorithm has no iterations (DBSCAN, HDBSCAN, hierarchical)
   * @param distanceComputations point-to-point or point-to-centroid distances computed (as ELKI counts them), or
   *     {@link #NOT_KEPT} where they are not counted
   * @param nanos fit time in nanoseconds (0 for a result restored from saved state)
   */
  record Diagnostics(int iterations, long distanceComputations, long nanos) {
    /** The value of a count the algorithm does not keep. */
    public static final int NOT_KEPT = -1;

    public Diagnostics {
      if (iterations < NOT_KEPT || distanceComputations < NOT_KEPT || nanos < 0) {
        throw new IllegalArgumentException("diagnostics are counts ≥ 0 (or -1 for not kept), got iterations = "
            + iterations + ", distances = " + distanceComputations + ", nanos = " + nanos);
      }
    }

    /** Only the fit time: no iterations, distances not counted. */
    static Diagnostics timeOnly(long nanos) {
      return new Diagnostics(NOT_KEPT, NOT_KEPT, nanos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (iterations != NOT_KEPT) {
        sb.append(String.format(Locale.ROOT, "%,d iterations, ", iterations));
      }
      if (distanceComputations != NOT_KEPT) {
        sb.append(String.format(Locale.ROOT, "%,d distance computations, ", distanceComputations));
      }
      return sb.append(String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)).toString();
    }
  }
}
