package dev.segmint.cluster;

/**
 * The distance between two customers (rows {@code i} and {@code j}) of one feature matrix, as an algorithm with its
 * own distance measures it ({@link Clustering#distances}): k-prototypes' Euclidean distance in its implicit one-hot
 * space, k-medoids' Gower distance. Symmetric and ≥ 0; 0 for a row and itself, except in k-prototypes, where a
 * missing level mismatches everything, itself included (the silhouette never pairs a row with itself); safe to call
 * from several threads.
 */
@FunctionalInterface
public interface RowDistance {

  /** The distance between rows {@code i} and {@code j}. */
  double between(int i, int j);
}
