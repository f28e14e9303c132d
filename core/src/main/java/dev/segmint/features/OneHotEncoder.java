package dev.segmint.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One-hot encoding of a text column: one 0/1 output per kept level, plus an {@code <column>=other} bucket for
 * the levels left out (rarer than {@code minCount}, or beyond the {@code maxLevels} most frequent) and, with
 * {@link UnknownCategory#OTHER}, for values never seen at fit.
 *
 * <p>Kept levels are ordered by frequency at fit (most frequent first, ties by name); output names are
 * {@code column=level}. The fitted state is the list of kept levels and two flags. Fit O(n + L log L) for L
 * levels, transform O(n·k) for k outputs. Values are compared after stripping surrounding spaces, case-sensitive.
 * Missing values are rejected: impute them first.
 */
public final class OneHotEncoder implements CategoryEncoder {

  /**
   * Fitting options.
   *
   * @param maxLevels at most this many levels get their own column (≥ 1)
   * @param minCount a level needs at least this many rows at fit to get its own column (≥ 1)
   * @param unknown what to do with a value not seen at fit
   */
  public record Options(int maxLevels, int minCount, UnknownCategory unknown) {
    public Options {
      if (maxLevels < 1) {
        throw new IllegalArgumentException("one-hot maxLevels must be at least 1, got " + maxLevels);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("one-hot minCount must be at least 1, got " + minCount);
      }
      Objects.requireNonNull(unknown, "unknown");
    }

    /** Up to 20 levels, each with at least one row; unknown values go to "other". */
    public static Options of() {
      return new Options(20, 1, UnknownCategory.OTHER);
    }

    public Options withMaxLevels(int n) {
      return new Options(n, minCount, unknown);
    }

    public Options withMinCount(int n) {
      return new Options(maxLevels, n, unknown);
    }

    public Options withUnknown(UnknownCategory u) {
      return new Options(maxLevels, minCount, u);
    }
  }

  private final String column;
  private final List<String> levels;
  private final Map<String, Integer> index;
  private final boolean otherBucket;
  private final List<String> folded;
  private final UnknownCategory unknown;

  private OneHotEncoder(String column, List<String> levels, List<String> folded, UnknownCategory unknown) {
    this.column = column;
    this.levels = List.copyOf(levels);
    List<String> sorted = new ArrayList<>(folded);
    Collections.sort(sorted);
    this.folded = List.copyOf(sorted);
    this.unknown = unknown;
    this.otherBucket = !folded.isEmpty() || unknown == UnknownCategory.OTHER;
    this.index = new HashMap<>();
    for (int j = 0; j < levels.size(); j++) {
      index.put(levels.get(j), j);
    }
  }

  /** Learns the levels of {@code values} (the values of column {@code column}). */
  public static OneHotEncoder fit(String column, String[] values, Options options) {
    Map<String, Integer> counts = Categories.count(column, values);
    List<String> kept = new ArrayList<>();
    List<String> folded = new ArrayList<>();
    for (String level : Categories.byFrequency(counts)) {
      if (kept.size() < options.maxLevels() && counts.get(level) >= options.minCount()) {
        kept.add(level);
      } else {
        folded.add(level);
      }
    }
    return new OneHotEncoder(column, kept, folded, options.unknown());
  }

  /** Rebuilds a fitted encoder from its plain state (as read back from a saved model). */
  public static OneHotEncoder of(String column, List<String> levels, List<String> folded, UnknownCategory unknown) {
    return new OneHotEncoder(column, levels, folded, unknown);
  }

  @Override
  public String column() {
    return column;
  }

  /** The levels with their own output, in output order. */
  public List<String> levels() {
    return levels;
  }

  /** The levels seen at fit that were folded into "other" (sorted). */
  public List<String> foldedLevels() {
    return folded;
  }

  /** True when there is an {@code column=other} output (after the level outputs). */
  public boolean hasOther() {
    return otherBucket;
  }

  @Override
  public UnknownCategory unknown() {
    return unknown;
  }

  /** Output names: {@code column=level} for each level, then {@code column=other} when present. */
  @Override
  public List<String> outputNames() {
    List<String> names = new ArrayList<>();
    for (String l : levels) {
      names.add(column + "=" + l);
    }
    if (otherBucket) {
      names.add(column + "=other");
    }
    return names;
  }

  /**
   * The output index of one value: its level's column, else the "other" column for a folded level or (under
   * {@link UnknownCategory#OTHER}) an unseen one; an unseen value under {@link UnknownCategory#ERROR} throws.
   * {@code row} is 0-based and only used in messages.
   */
  int indexOf(String value, int row) {
    String v = Categories.require(column, value, row);
    Integer j = index.get(v);
    if (j != null) {
      return j;
    }
    if (otherBucket && (unknown == UnknownCategory.OTHER || Collections.binarySearch(folded, v) >= 0)) {
      return levels.size();
    }
    throw Categories.unknown(column, v, row, levels);
  }

  /** True when {@code value} was not seen at fit (neither a kept nor a folded level). */
  @Override
  public boolean isUnknown(String value) {
    String v = value.strip();
    return !index.containsKey(v) && Collections.binarySearch(folded, v) < 0;
  }

  /**
   * Encodes values: row {@code i} of the result has a 1 in the column of {@code values[i]}'s level and 0 elsewhere.
   *
   * @throws IllegalArgumentException for a missing value, or an unseen one under {@link UnknownCategory#ERROR}
   */
  public double[][] transform(String[] values) {
    int k = outputNames().size();
    double[][] out = new double[values.length][k];
    for (int i = 0; i < values.length; i++) {
      out[i][indexOf(values[i], i)] = 1;
    }
    return out;
  }

  @Override
  public double[][] encode(String[] values) {
    double[][] out = new double[outputNames().size()][values.length];
    for (int i = 0; i < values.length; i++) {
      out[indexOf(values[i], i)][i] = 1;
    }
    return out;
  }

  /** {@code one-hot of <column>}, and for the "other" output what it holds. */
  @Override
  public String describe(int j) {
    String s = "one-hot of " + column;
    if (j == levels.size()) {
      s += ": other (" + (folded.isEmpty() ? "no rare level at fit" : String.join(", ", folded))
          + (unknown == UnknownCategory.OTHER ? "; unseen values" : "") + ")";
    }
    return s;
  }

  @Override
  public String toString() {
    return "OneHotEncoder[" + column + ": " + levels + (otherBucket ? " + other" + (folded.isEmpty() ? "" : " " + folded) : "")
        + ", unknown=" + unknown + "]";
  }
}
