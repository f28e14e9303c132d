package dev.segmint.quality;

import java.util.Locale;

/**
 * Silhouette values: the mean, one mean per segment and one value per point ({@code NaN} for noise and for points
 * outside a sample). Immutable; arrays are copied out.
 */
public final class Silhouette {
  private final double mean;
  private final double[] perSegment;
  private final int[] segments;
  private final double[] perPoint;
  private final int noiseLeftOut;
  private final int sampleSize;
  private final long seed;

  Silhouette(double mean, double[] perSegment, int[] segments, double[] perPoint, int noiseLeftOut, int sampleSize,
      long seed) {
    this.mean = mean;
    this.perSegment = perSegment;
    this.segments = segments;
    this.perPoint = perPoint;
    this.noiseLeftOut = noiseLeftOut;
    this.sampleSize = sampleSize;
    this.seed = seed;
  }

  /** The mean silhouette over the points it was computed on. */
  public double mean() {
    return mean;
  }

  /** The mean silhouette of each segment, in the order of {@link #segments()}. */
  public double[] perSegment() {
    return perSegment.clone();
  }

  /** The segment labels, increasing. */
  public int[] segments() {
    return segments.clone();
  }

  /** One value per input point; NaN for noise and for points not in the sample. */
  public double[] perPoint() {
    return perPoint.clone();
  }

  /** Noise points ({@code -1}) left out. */
  public int noiseLeftOut() {
    return noiseLeftOut;
  }

  /** The sample size, or 0 when every point was used. */
  public int sampleSize() {
    return sampleSize;
  }

  /** The sampling seed (meaningful when sampled). */
  public long seed() {
    return seed;
  }

  /**
   * This silhouette, after checking that it was computed on these labels (one per point of the matrix): the same
   * segment labels and noise points and, when exact, per-segment means that its per-point values reproduce bit for bit
   * when grouped by these labels, so a different or renamed partition is refused. A sampled silhouette (whose points
   * are the sample's) is checked for its segments only: each must be one of the labels' segments. O(n).
   *
   * @return this silhouette
   * @throws IllegalArgumentException naming what differs, when it was computed on other labels
   */
  public Silhouette requireOf(int[] labels) {
    java.util.Objects.requireNonNull(labels, "labels");
    int[] ids = java.util.Arrays.stream(labels).filter(l -> l >= 0).distinct().sorted().toArray();
    if (sampleSize > 0) {
      for (int c : segments) {
        if (java.util.Arrays.binarySearch(ids, c) < 0) {
          throw new IllegalArgumentException("this silhouette has segment " + c + ", which the labels do not have: it "
              + "was computed on other labels");
        }
      }
      return this;
    }
    if (perPoint.length != labels.length || !java.util.Arrays.equals(ids, segments)) {
      throw new IllegalArgumentException("this silhouette was computed on " + perPoint.length + " points in segments "
          + java.util.Arrays.toString(segments) + ", the labels give " + labels.length + " points in segments "
          + java.util.Arrays.toString(ids) + ": compute the silhouette of these labels");
    }
    double[] sum = new double[segments.length];
    long[] size = new long[segments.length];
    int noise = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        noise++;
        continue;
      }
      int c = java.util.Arrays.binarySearch(segments, labels[i]);
      sum[c] += perPoint[i];
      size[c]++;
    }
    for (int c = 0; c < segments.length; c++) {
      if (noise != noiseLeftOut || Double.doubleToLongBits(sum[c] / size[c]) != Double.doubleToLongBits(perSegment[c])) {
        throw new IllegalArgumentException("this silhouette was computed on another partition of the points than "
            + "these labels (segment " + segments[c] + " differs): compute the silhouette of these labels");
      }
    }
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Silhouette %.4f", mean));
    if (sampleSize > 0) {
      sb.append(String.format(Locale.ROOT, " (sample of %,d points, seed %d)", sampleSize, seed));
    }
    if (noiseLeftOut > 0) {
      sb.append(String.format(Locale.ROOT, " (%,d noise points left out)", noiseLeftOut));
    }
    for (int c = 0; c < segments.length; c++) {
      sb.append(String.format(Locale.ROOT, "%n  segment %d: %.4f", segments[c], perSegment[c]));
    }
    return sb.toString();
  }
}
