package dev.segmint.cluster;

/**
 * A clusterer whose number of segments is one of its settings ({@link KMeans.Options}, {@code KPrototypes.Options},
 * {@code KMedoids.Options}), so that a k selection can fit it at every k of a range ({@link
 * KSelection.MixedOptions}).
 */
public interface KClusterer extends Clusterer {

  /** The number of segments. */
  int k();

  /** The same settings with {@code k} segments. */
  KClusterer withK(int k);
}
