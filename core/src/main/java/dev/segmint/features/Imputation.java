package dev.segmint.features;

/**
 * How a {@link FeatureSpec} fills missing values, learned at fit and applied unchanged at transform.
 * For numeric columns: {@link #MEDIAN}, {@link #MEAN}, {@link #MODE} or {@link #CONSTANT}; for categorical columns:
 * {@link #MODE} (the most frequent level) or {@link #CONSTANT} (a level of its own, such as "unknown").
 */
public enum Imputation {
  /** No imputation: a missing value is an error that names the column, row and customer. */
  NONE,
  /** The median of the non-missing values at fit (numeric only). */
  MEDIAN,
  /** The mean of the non-missing values at fit (numeric only). */
  MEAN,
  /** The most frequent value at fit (ties: the smallest number or the first level by name). */
  MODE,
  /** A constant given in the spec. */
  CONSTANT
}
