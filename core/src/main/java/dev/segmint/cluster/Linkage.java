package dev.segmint.cluster;

import java.util.Locale;

/**
 * How {@link Hierarchical} measures the distance between two clusters, and therefore which pair it merges next.
 * Merge heights follow SciPy's {@code scipy.cluster.hierarchy.linkage} for the same method name, so a Segmint
 * dendrogram and a SciPy linkage matrix of the same data can be compared row by row.
 *
 * <p>All four are reducible (merging two clusters never brings the result closer to a third cluster than the
 * closer of the two was), which is what lets the nearest-neighbour chain and the minimum spanning tree produce
 * the same dendrogram as the textbook O(n³) greedy algorithm. Euclidean distances throughout.
 *
 * <table>
 *   <caption>Methods, heights, algorithms and memory</caption>
 *   <tr><th>linkage</th><th>height of merging A and B</th><th>algorithm</th><th>time</th><th>extra memory</th></tr>
 *   <tr><td>{@link #WARD}</td><td>√(2·|A||B|/(|A|+|B|))·‖c<sub>A</sub> − c<sub>B</sub>‖</td>
 *       <td>nearest-neighbour chain on centroids and sizes</td><td>O(n²·d)</td><td>O(n·d)</td></tr>
 *   <tr><td>{@link #COMPLETE}</td><td>max over a∈A, b∈B of ‖a − b‖</td>
 *       <td>nearest-neighbour chain on a condensed distance matrix of floats (exact)</td><td>O(n²·d)</td>
 *       <td>4·n(n−1)/2 bytes</td></tr>
 *   <tr><td>{@link #AVERAGE}</td><td>mean over a∈A, b∈B of ‖a − b‖ (UPGMA)</td>
 *       <td>nearest-neighbour chain on a condensed distance matrix</td><td>O(n²·d)</td><td>8·n(n−1)/2 bytes</td></tr>
 *   <tr><td>{@link #SINGLE}</td><td>min over a∈A, b∈B of ‖a − b‖</td>
 *       <td>Prim's minimum spanning tree</td><td>O(n²·d)</td><td>O(n·d)</td></tr>
 * </table>
 */
public enum Linkage {
  /**
   * Ward's minimum-variance method: merges the pair whose union increases the total within-cluster sum of
   * squares the least. The height is SciPy's ward distance, √(2·ΔSSE): for two single points it is their
   * Euclidean distance.
   */
  WARD,
  /** Complete linkage (farthest neighbour): the largest distance between a member of each cluster. */
  COMPLETE,
  /** Average linkage (UPGMA): the mean of all distances between a member of each cluster. */
  AVERAGE,
  /** Single linkage (nearest neighbour): the smallest distance between a member of each cluster. */
  SINGLE;

  /** True when the method needs the condensed n(n−1)/2 distance matrix (complete and average). */
  public boolean needsDistanceMatrix() {
    return this == COMPLETE || this == AVERAGE;
  }

  /** The SciPy method name: {@code ward}, {@code complete}, {@code average} or {@code single}. */
  public String scipyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a method name, case-insensitively ({@code ward}, {@code complete}, {@code average}, {@code single};
   * {@code upgma} is accepted for average).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Linkage parse(String name) {
    String s = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "ward" -> WARD;
      case "complete" -> COMPLETE;
      case "average", "upgma" -> AVERAGE;
      case "single" -> SINGLE;
      default -> throw new IllegalArgumentException("unknown linkage '" + name
          + "'; use ward, complete, average or single");
    };
  }
}
