package dev.segmint.features;

import java.util.List;
import java.util.Objects;

/**
 * How one text column becomes features in a {@link FeatureSpec}: impute missing values ({@link Imputation#MODE}
 * or {@link Imputation#CONSTANT}; default none, so a missing value is an error), then encode with
 * {@link OneHotEncoder} (0/1 columns, a cap and an "other" bucket), {@link OrdinalEncoder} (a caller-given order) or
 * {@link FrequencyEncoder} (share of rows), then scale (default none) and weight — or keep it as categories
 * ({@link #levels}: {@link LevelEncoder}) for k-prototypes and k-medoids, which read level codes, not numbers.
 * Immutable.
 *
 * @param column the input column
 * @param encoding the encoder
 * @param maxLevels one-hot: at most this many levels get a column
 * @param minCount one-hot: a level needs at least this many rows at fit
 * @param order ordinal: the levels, lowest first (empty otherwise)
 * @param unknown what an unseen value at transform becomes (see {@link UnknownCategory})
 * @param imputation {@link Imputation#NONE}, {@link Imputation#MODE} or {@link Imputation#CONSTANT}
 * @param constant the fill level for {@link Imputation#CONSTANT}
 * @param missingIndicator also output {@code <column>_missing}
 * @param scale scaling of the encoded outputs
 * @param weight factor applied last (≥ 0)
 */
public record CategoricalFeature(String column, Encoding encoding, int maxLevels, int minCount, List<String> order,
    UnknownCategory unknown, Imputation imputation, String constant, boolean missingIndicator, Scaler.Kind scale,
    double weight) implements Feature {

  /** The encoders; {@code LEVELS} keeps the column as categories (no numbers) for the mixed-data algorithms. */
  public enum Encoding {
    ONE_HOT, ORDINAL, FREQUENCY, LEVELS
  }

  public CategoricalFeature {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(unknown, "unknown");
    Objects.requireNonNull(imputation, "imputation");
    Objects.requireNonNull(scale, "scale");
    order = List.copyOf(order);
    if (imputation == Imputation.MEDIAN || imputation == Imputation.MEAN) {
      throw new IllegalArgumentException("categorical column '" + column + "' cannot be imputed with the "
          + imputation.name().toLowerCase(java.util.Locale.ROOT) + "; use withImputeMode() or withImputeConstant(\"unknown\")");
    }
    if (imputation == Imputation.CONSTANT && (constant == null || constant.isBlank())) {
      throw new IllegalArgumentException("the imputation constant of '" + column + "' must be a non-blank level");
    }
    new OneHotEncoder.Options(maxLevels, minCount, unknown);
    if (encoding == Encoding.ORDINAL && order.isEmpty()) {
      throw new IllegalArgumentException("ordinal encoding of '" + column + "' needs the levels in order, lowest first");
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("the weight of '" + column + "' must be a finite number ≥ 0, got " + weight);
    }
    if (encoding == Encoding.LEVELS && (scale != Scaler.Kind.NONE || weight != 1)) {
      throw new IllegalArgumentException("categorical column '" + column + "' is kept as categories (levels), which "
          + "are not scaled or weighted here; weight it in the algorithm's options (KPrototypes gamma, KMedoids "
          + "weights) instead");
    }
  }

  /** True: the column is read as text. */
  @Override
  public boolean readsText() {
    return true;
  }

  /** One-hot with up to 20 levels; unseen values go to "other". */
  public static CategoricalFeature oneHot(String column) {
    return new CategoricalFeature(column, Encoding.ONE_HOT, 20, 1, List.of(), UnknownCategory.OTHER, Imputation.NONE,
        null, false, Scaler.Kind.NONE, 1);
  }

  /** Ordinal with the given order (lowest first); unseen values are an error. */
  public static CategoricalFeature ordinal(String column, String... order) {
    return new CategoricalFeature(column, Encoding.ORDINAL, 20, 1, List.of(order), UnknownCategory.ERROR,
        Imputation.NONE, null, false, Scaler.Kind.NONE, 1);
  }

  /** Frequency encoding; unseen values get 0. */
  public static CategoricalFeature frequency(String column) {
    return new CategoricalFeature(column, Encoding.FREQUENCY, 20, 1, List.of(), UnknownCategory.OTHER,
        Imputation.NONE, null, false, Scaler.Kind.NONE, 1);
  }

  /**
   * Kept as categories (level codes, most frequent level first) for k-prototypes and k-medoids; unseen values
   * become missing (code -1), which matches no segment.
   */
  public static CategoricalFeature levels(String column) {
    return new CategoricalFeature(column, Encoding.LEVELS, FeatureMatrix.MAX_LEVELS, 1, List.of(),
        UnknownCategory.OTHER, Imputation.NONE, null, false, Scaler.Kind.NONE, 1);
  }

  public CategoricalFeature withMaxLevels(int n) {
    return new CategoricalFeature(column, encoding, n, minCount, order, unknown, imputation, constant, missingIndicator,
        scale, weight);
  }

  public CategoricalFeature withMinCount(int n) {
    return new CategoricalFeature(column, encoding, maxLevels, n, order, unknown, imputation, constant, missingIndicator,
        scale, weight);
  }

  public CategoricalFeature withUnknown(UnknownCategory u) {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, u, imputation, constant, missingIndicator,
        scale, weight);
  }

  public CategoricalFeature withImputeMode() {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, unknown, Imputation.MODE, null,
        missingIndicator, scale, weight);
  }

  public CategoricalFeature withImputeConstant(String level) {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, unknown, Imputation.CONSTANT, level,
        missingIndicator, scale, weight);
  }

  public CategoricalFeature withMissingIndicator() {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, unknown, imputation, constant, true,
        scale, weight);
  }

  public CategoricalFeature withScale(Scaler.Kind kind) {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, unknown, imputation, constant,
        missingIndicator, kind, weight);
  }

  public CategoricalFeature withWeight(double w) {
    return new CategoricalFeature(column, encoding, maxLevels, minCount, order, unknown, imputation, constant,
        missingIndicator, scale, w);
  }
}
