package dev.segmint.features;

/**
 * What a {@link FeatureSpec} does with missing values in the columns it uses, one policy for every entry point
 * ({@code segmint cluster}, {@code segment}, {@code profile} through {@code --missing impute|drop|fail}, and
 * {@code Segmentation.builder().missing(..)}). It applies to the features whose own {@link Imputation} is
 * {@link Imputation#NONE}; a feature configured with an imputation keeps it.
 *
 * <p>Every column with missing values is reported with its count ({@link FeaturePipeline.Report#missing()} and the
 * one line {@link FeaturePipeline.Report#missingSummary()}).
 */
public enum MissingValues {
  /**
   * Fill missing values with what was learned at fit: the median of a numeric column, the most frequent level of a
   * categorical one (ties: the first level by name). A column with more than {@value #INDICATOR_PERCENT} % of its
   * values missing at fit also gets a {@code <column>_missing} 0/1 feature. The fills are kept in the fitted
   * pipeline (and a saved model), so new customers are filled with the training values.
   */
  IMPUTE,
  /**
   * Leave out the customers with a missing value in a used column, at fit and at transform, and count them per
   * column ({@link FeaturePipeline.Report#dropped()}, {@link FeaturePipeline.Report#missing()}).
   */
  DROP,
  /**
   * Refuse missing values: the error lists every used column with missing values and its count. The default of a
   * {@link FeatureSpec}.
   */
  FAIL;

  /** A column needs more than this percentage of missing values at fit for an IMPUTE missing indicator. */
  public static final int INDICATOR_PERCENT = 5;

  /** Whether {@code missing} of {@code rows} is more than {@value #INDICATOR_PERCENT} % (exact integer arithmetic). */
  static boolean needsIndicator(long missing, long rows) {
    return missing * 100 > (long) INDICATOR_PERCENT * rows;
  }
}
