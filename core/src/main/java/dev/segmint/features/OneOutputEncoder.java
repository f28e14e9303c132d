package dev.segmint.features;

import java.util.List;
import java.util.Objects;

/** What {@link OrdinalEncoder} and {@link FrequencyEncoder} share: one output, {@code <column><suffix>}, one number a value. */
abstract sealed class OneOutputEncoder implements CategoryEncoder permits OrdinalEncoder, FrequencyEncoder,
    LevelEncoder {

  final String column;
  final UnknownCategory unknown;
  private final String suffix;

  OneOutputEncoder(String column, UnknownCategory unknown, String suffix) {
    this.column = Objects.requireNonNull(column, "column");
    this.unknown = Objects.requireNonNull(unknown, "unknown");
    this.suffix = suffix;
  }

  @Override
  public String column() {
    return column;
  }

  @Override
  public UnknownCategory unknown() {
    return unknown;
  }

  /** The output name: the column and the encoder's suffix ({@code _ordinal}, {@code _freq}). */
  public String outputName() {
    return column + suffix;
  }

  @Override
  public List<String> outputNames() {
    return List.of(outputName());
  }

  /** The number of one value; {@code row} is 0-based and only used in messages. */
  abstract double encode(String value, int row);

  /** The numbers of {@code values}. */
  public double[] transform(String[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = encode(values[i], i);
    }
    return out;
  }

  @Override
  public double[][] encode(String[] values) {
    return new double[][] {transform(values)};
  }
}
