package dev.segmint.features;

import java.util.Objects;

/**
 * How one numeric column becomes one feature (plus an optional missing indicator) in a {@link FeatureSpec}. The
 * steps run in this order, each learned at fit and replayed at transform: impute missing values → signed log1p →
 * winsorize at the fitted quantiles → scale ({@link Scaler.Kind}, default standard; a zero-spread column gets scale
 * 1, never a division by zero) → multiply by the weight. Immutable; change it with the {@code withX} copies.
 *
 * @param column the input column (numeric)
 * @param imputation how missing values are filled ({@link Imputation#NONE}: a missing value is an error)
 * @param constant the fill value for {@link Imputation#CONSTANT}
 * @param missingIndicator also output {@code <column>_missing} (1 where the input was missing)
 * @param log1p apply {@code sign(x)·ln(1+|x|)}
 * @param winsorLow lower winsorizing quantile in [0, 1) (0: none)
 * @param winsorHigh upper winsorizing quantile in (0, 1] (1: none)
 * @param scale the scaling
 * @param weight a factor applied last (≥ 0), to make a feature count more or less in distances
 */
public record NumericFeature(String column, Imputation imputation, double constant, boolean missingIndicator,
    boolean log1p, double winsorLow, double winsorHigh, Scaler.Kind scale, double weight) implements Feature {

  public NumericFeature {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(imputation, "imputation");
    Objects.requireNonNull(scale, "scale");
    if (imputation == Imputation.CONSTANT && !Double.isFinite(constant)) {
      throw new IllegalArgumentException("the imputation constant of '" + column + "' must be finite, got " + constant);
    }
    if (!(winsorLow >= 0 && winsorLow < winsorHigh && winsorHigh <= 1)) {
      throw new IllegalArgumentException("winsorizing quantiles of '" + column + "' must satisfy 0 ≤ low < high ≤ 1, got "
          + winsorLow + " and " + winsorHigh + "; e.g. withWinsorize(0.01, 0.99)");
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("the weight of '" + column + "' must be a finite number ≥ 0, got " + weight);
    }
  }

  /** False: the column must hold numbers. */
  @Override
  public boolean readsText() {
    return false;
  }

  /** The column as it is, standard-scaled; missing values are an error until an imputation is chosen. */
  public static NumericFeature of(String column) {
    return new NumericFeature(column, Imputation.NONE, 0, false, false, 0, 1, Scaler.Kind.STANDARD, 1);
  }

  public NumericFeature withImputation(Imputation how) {
    if (how == Imputation.CONSTANT) {
      throw new IllegalArgumentException("give the constant: withImputeConstant(value)");
    }
    return new NumericFeature(column, how, constant, missingIndicator, log1p, winsorLow, winsorHigh, scale, weight);
  }

  public NumericFeature withImputeMedian() {
    return withImputation(Imputation.MEDIAN);
  }

  public NumericFeature withImputeConstant(double value) {
    return new NumericFeature(column, Imputation.CONSTANT, value, missingIndicator, log1p, winsorLow, winsorHigh, scale,
        weight);
  }

  public NumericFeature withMissingIndicator() {
    return new NumericFeature(column, imputation, constant, true, log1p, winsorLow, winsorHigh, scale, weight);
  }

  public NumericFeature withLog1p() {
    return new NumericFeature(column, imputation, constant, missingIndicator, true, winsorLow, winsorHigh, scale, weight);
  }

  public NumericFeature withWinsorize(double lowQuantile, double highQuantile) {
    return new NumericFeature(column, imputation, constant, missingIndicator, log1p, lowQuantile, highQuantile, scale,
        weight);
  }

  public NumericFeature withScale(Scaler.Kind kind) {
    return new NumericFeature(column, imputation, constant, missingIndicator, log1p, winsorLow, winsorHigh, kind, weight);
  }

  public NumericFeature withWeight(double w) {
    return new NumericFeature(column, imputation, constant, missingIndicator, log1p, winsorLow, winsorHigh, scale, w);
  }
}
