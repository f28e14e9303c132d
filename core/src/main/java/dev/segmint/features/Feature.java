package dev.segmint.features;

/**
 * How one input column becomes features in a {@link FeatureSpec}: a {@link NumericFeature} (impute, log1p,
 * winsorize, scale, weight) or a {@link CategoricalFeature} (impute, encode, scale, weight). What they share is
 * here; {@link FeatureSpec#features()} lists them in output order.
 */
public sealed interface Feature permits NumericFeature, CategoricalFeature {

  /** The input column. */
  String column();

  /** How missing values are filled ({@link Imputation#NONE}: a missing value is an error). */
  Imputation imputation();

  /** Whether a {@code <column>_missing} output (1 where the input was missing) follows the column's outputs. */
  boolean missingIndicator();

  /** The scaling of the outputs. */
  Scaler.Kind scale();

  /** True when the input column is read as text (a categorical feature); false when it must hold numbers. */
  boolean readsText();

  /** The factor applied last (≥ 0), to make the feature count more or less in distances. */
  double weight();
}
