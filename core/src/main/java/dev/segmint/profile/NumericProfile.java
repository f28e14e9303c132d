package dev.segmint.profile;

/**
 * One numeric feature within one segment, in original units, compared with the whole population and with the rest
 * of the customers.
 *
 * @param feature the feature name
 * @param stats the segment's summary statistics
 * @param zScore (segment mean − population mean) / population standard deviation
 * @param relativeDifference (segment mean − population mean) / |population mean| (NaN when the population mean is 0)
 * @param effectSize Cohen's d of the segment against all other customers (pooled standard deviation), on the values
 *     with {@link SegmentProfiles.Test#WELCH} and on the mid-ranks with {@link SegmentProfiles.Test#MANN_WHITNEY}
 * @param pValue two-sided p-value of the segment-vs-rest test ({@link SegmentProfiles.Test})
 * @param adjustedPValue the p-value adjusted by Benjamini–Hochberg over all segment-vs-rest tests of the profiles
 */
public record NumericProfile(String feature, NumericSummary stats, double zScore, double relativeDifference,
    double effectSize, double pValue, double adjustedPValue) {

  /** The segment mean. */
  public double mean() {
    return stats.mean();
  }
}
