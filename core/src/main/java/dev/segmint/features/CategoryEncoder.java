package dev.segmint.features;

import java.util.List;

/**
 * A fitted encoding of one text column into numbers: {@link OneHotEncoder} (one 0/1 output per kept level and an
 * "other" bucket), {@link OrdinalEncoder} (one output: the level's rank in a given order) or {@link FrequencyEncoder}
 * (one output: the level's share of rows at fit). Immutable; values are compared after stripping surrounding
 * spaces, case-sensitive, and missing values are rejected (impute them first).
 */
public sealed interface CategoryEncoder permits OneHotEncoder, OneOutputEncoder {

  /** The column this encoder was fitted on. */
  String column();

  /** What a value not seen at fit becomes. */
  UnknownCategory unknown();

  /** The output column names, in order. */
  List<String> outputNames();

  /** True when {@code value} (not null) was not seen at fit. */
  boolean isUnknown(String value);

  /**
   * Encodes values column by column: element {@code j} of the result holds output {@code j} for every value.
   *
   * @throws IllegalArgumentException for a missing value, or an unseen one under {@link UnknownCategory#ERROR}
   */
  double[][] encode(String[] values);

  /** How output {@code j} is made, for a feature's provenance (e.g. {@code ordinal of education: Basic < PhD → 0..1}). */
  String describe(int j);
}
