package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.kernel.Distances;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A clustering known by its segment centres and sizes only, as a model file keeps a k-means or hierarchical
 * clustering: it places customers by the nearest centre (k-means: its centroids; hierarchical: the segment means)
 * but has no training rows, so {@link #labels()} and {@link #toTable()} throw. Made by the model file codecs;
 * immutable.
 */
public final class CentroidClustering implements Clustering {

  private final String name;
  private final String settings;
  private final String[] featureNames;
  private final double[] centroids;
  private final int k;
  private final long[] sizes;
  private final boolean canPredict;

  /**
   * @param name the algorithm's name ({@code kmeans}, {@code hierarchical})
   * @param settings the fit's settings text ({@link Clustering#settings()}), or null
   * @param featureNames the features, in column order
   * @param centroids one row per segment {@code 0..k-1}, as many columns as features
   * @param sizes training customers per segment
   * @param canPredict whether the nearest centre is the algorithm's own rule (k-means) or only a description of the
   *     segments (hierarchical: {@link #predict} throws, callers take the nearest of {@link #centroids()})
   */
  public CentroidClustering(String name, String settings, String[] featureNames, double[][] centroids, long[] sizes,
      boolean canPredict) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = settings;
    this.featureNames = featureNames.clone();
    int d = featureNames.length;
    this.k = centroids.length;
    if (k == 0 || sizes.length != k) {
      throw new IllegalArgumentException("a clustering needs at least one centre and one size per centre, got "
          + k + " centres and " + sizes.length + " sizes");
    }
    this.centroids = new double[k * d];
    for (int c = 0; c < k; c++) {
      if (centroids[c].length != d) {
        throw new IllegalArgumentException("centre " + c + " has " + centroids[c].length + " coordinates, not " + d);
      }
      System.arraycopy(centroids[c], 0, this.centroids, c * d, d);
    }
    this.sizes = sizes.clone();
    this.canPredict = canPredict;
  }

  /** The settings text as the model file held it (null when it held none). */
  public String savedSettings() {
    return settings;
  }

  @Override
  public String name() {
    return name;
  }

  /** The settings text saved with the model (the name when none was saved). */
  @Override
  public String settings() {
    return settings == null ? name : settings;
  }

  /** A restored clustering has no training rows. */
  @Override
  public int[] labels() {
    throw new UnsupportedOperationException(name + " clustering restored from a model file keeps no training labels");
  }

  @Override
  public int k() {
    return k;
  }

  @Override
  public long[] sizes() {
    return sizes.clone();
  }

  /** 0: k-means and hierarchical leave no noise. */
  @Override
  public int noiseCount() {
    return 0;
  }

  @Override
  public String[] featureNames() {
    return featureNames.clone();
  }

  @Override
  public boolean canPredict() {
    return canPredict;
  }

  /** The nearest centre, by the fused kernel (ties to the smaller segment number). */
  @Override
  public int[] predict(FeatureMatrix m) {
    if (!canPredict) {
      throw new UnsupportedOperationException(name + " clustering cannot place new customers; check canPredict() "
          + "first, or use the nearest of centroids()");
    }
    return nearest(m);
  }

  /** The nearest of the centres for each row of {@code m}, whether or not the algorithm predicts. */
  int[] nearest(FeatureMatrix m) {
    Inputs.sameFeatures(m, featureNames);
    int n = m.rows();
    int[] out = new int[n];
    Distances.nearestCentroids(MatrixValues.shared(m), 0, n, featureNames.length, centroids, k, out, new double[n], null);
    return out;
  }

  @Override
  public double[][] centroids() {
    int d = featureNames.length;
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = java.util.Arrays.copyOfRange(centroids, c * d, c * d + d);
    }
    return out;
  }

  /** A restored clustering has no training rows. */
  @Override
  public Table toTable() {
    throw new UnsupportedOperationException(name + " clustering restored from a model file keeps no training rows");
  }

  @Override
  public Table summaryTable() {
    long n = 0;
    for (long s : sizes) {
      n += s;
    }
    return Labels.addCoordinates(Labels.segmentTable("centroids", sizes, 0, (int) n, false), featureNames, centroids, k);
  }

  /** Nothing kept: the fit ran elsewhere. */
  @Override
  public Diagnostics diagnostics() {
    return Diagnostics.timeOnly(0);
  }

  @Override
  public String toString() {
    return settings() + ": " + k + " segments, sizes " + java.util.Arrays.toString(sizes) + " (restored from a model file)";
  }
}
