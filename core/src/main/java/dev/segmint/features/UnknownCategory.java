package dev.segmint.features;

/**
 * What an encoder does at transform time with a category value it did not see when it was fitted.
 *
 * <ul>
 *   <li>{@link OneHotEncoder}: {@link #OTHER} puts it in the {@code <column>=other} bucket.
 *   <li>{@link OrdinalEncoder}: {@link #OTHER} gives it the code of the most frequent level seen at fit.
 *   <li>{@link FrequencyEncoder}: {@link #OTHER} gives it frequency 0 (it was seen 0 times).
 * </ul>
 * {@link #ERROR} throws an {@link IllegalArgumentException} naming the column, the value, the row and the known
 * levels.
 */
public enum UnknownCategory {
  /** Map unknown values to the "other" bucket (or the encoder's documented equivalent). */
  OTHER,
  /** Reject unknown values with a clear error. */
  ERROR
}
