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
