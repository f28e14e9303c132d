package dev.segmint.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A mergeable accumulator of everything a segment profile needs: per segment and numeric feature the count,
 * missing count, mean and sum of squared deviations (Welford's update, Chan et al.'s pairwise merge), min and max,
 * and the values themselves (for exact quantiles and rank tests); per segment and categorical feature the count of
 * each level.
 *
 * <p>Use one accumulator per thread or per block of rows, then {@link #merge} them in a fixed order: the result
 * depends only on that order, never on timing, so a parallel pass is deterministic and free of data races. An
 * accumulator is not thread-safe itself. {@link SegmentProfiles#of} does exactly this over fixed blocks of rows.
 *
 * <p>Cost: O(1) amortised per value added; memory 8 bytes per numeric value (the values are kept) plus one hash
 * entry per distinct (segment, feature, level).
 */
public final class ProfileAccumulator {

  private final String[] numeric;
  private final String[] categorical;
  private final TreeMap<Integer, Segment> segments = new TreeMap<>();

  /**
   * An empty accumulator for the given features.
   *
   * @param numeric names of the numeric features, in the order values are passed to {@link #add}
   * @param categorical names of the categorical features, likewise
   */
  public ProfileAccumulator(List<String> numeric, List<String> categorical) {
    this.numeric = numeric.toArray(String[]::new);
    this.categorical = categorical.toArray(String[]::new);
    if (this.numeric.length + this.categorical.length == 0) {
      throw new IllegalArgumentException("nothing to profile: give at least one numeric or categorical feature");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String f : this.numeric) {
      if (!seen.add(Objects.requireNonNull(f, "feature name"))) {
        throw new IllegalArgumentException("feature '" + f + "' is named twice; name each feature once");
      }
    }
    for (String f : this.categorical) {
      if (!seen.add(Objects.requireNonNull(f, "feature name"))) {
        throw new IllegalArgumentException("feature '" + f + "' is named twice; name each feature once");
      }
    }
  }

  /**
   * Adds one customer.
   *
   * @param label its segment ({@code -1} for noise)
   * @param numericValues one value per numeric feature; NaN means missing
   * @param levels one level per categorical feature; {@code null} means missing (counted as level "(missing)")
   */
  public void add(int label, double[] numericValues, String[] levels) {
    if (label < -1) {
      throw new IllegalArgumentException("label " + label + " is invalid: labels are ≥ 0, or -1 for noise");
    }
    if (numericValues.length != numeric.length || levels.length != categorical.length) {
      throw new IllegalArgumentException("expected " + numeric.length + " numeric values and " + categorical.length
          + " levels, got " + numericValues.length + " and " + levels.length);
    }
    Segment s = segments.computeIfAbsent(label, l -> new Segment(numeric.length, categorical.length));
    s.size++;
    for (int j = 0; j < numericValues.length; j++) {
      s.moments[j].add(numericValues[j]);
      if (!Double.isNaN(numericValues[j])) {
        s.values[j].add(numericValues[j]);
      }
    }
    for (int j = 0; j < levels.length; j++) {
      String level = levels[j] == null ? MISSING : levels[j];
      s.levels.get(j).computeIfAbsent(level, x -> new long[1])[0]++;
    }
  }

  /** The level name for missing categorical values. */
  public static final String MISSING = "(missing)";

  /**
   * Adds everything accumulated by {@code other} after what this one holds (its values come later in the value
   * order). {@code other} is left unchanged.
   *
   * @return this accumulator
   * @throws IllegalArgumentException when the two accumulate different features
   */
  public ProfileAccumulator merge(ProfileAccumulator other) {
    if (!Arrays.equals(numeric, other.numeric) || !Arrays.equals(categorical, other.categorical)) {
      throw new IllegalArgumentException("cannot merge accumulators of different features: " + Arrays.toString(numeric)
          + Arrays.toString(categorical) + " vs " + Arrays.toString(other.numeric) + Arrays.toString(other.categorical));
    }
    for (Map.Entry<Integer, Segment> e : other.segments.entrySet()) {
      Segment mine = segments.computeIfAbsent(e.getKey(), l -> new Segment(numeric.length, categorical.length));
      mine.merge(e.getValue());
    }
    return this;
  }

  /** Customers added so far. */
  public long count() {
    long c = 0;
    for (Segment s : segments.values()) {
      c += s.size;
    }
    return c;
  }

  /** Turns the accumulated data into profiles, tests and names. O(N log N) per numeric feature for the ranks. */
  public SegmentProfiles finish(SegmentProfiles.Options options) {
    return Profiler.finish(this, Objects.requireNonNull(options, "options"), null);
  }

  List<String> numericNames() {
    return List.of(numeric);
  }

  List<String> categoricalNames() {
    return List.of(categorical);
  }

  /** Segments by label, increasing (noise, -1, first). */
  TreeMap<Integer, Segment> segments() {
    return segments;
  }

  @Override
  public String toString() {
    return "ProfileAccumulator[" + count() + " customers, " + segments.size() + " segments, numeric "
        + Arrays.toString(numeric) + ", categorical " + Arrays.toString(categorical) + "]";
  }

  /** What one segment accumulates. */
  static final class Segment {
    long size;
    final Moments[] moments;
    final DoubleList[] values;
    final List<HashMap<String, long[]>> levels;

    Segment(int numeric, int categorical) {
      moments = new Moments[numeric];
      values = new DoubleList[numeric];
      for (int j = 0; j < numeric; j++) {
        moments[j] = new Moments();
        values[j] = new DoubleList();
      }
      levels = new ArrayList<>(categorical);
      for (int j = 0; j < categorical; j++) {
        levels.add(new HashMap<>());
      }
    }

    void merge(Segment o) {
      size += o.size;
      for (int j = 0; j < moments.length; j++) {
        moments[j].merge(o.moments[j]);
        values[j].addAll(o.values[j]);
      }
      for (int j = 0; j < levels.size(); j++) {
        for (Map.Entry<String, long[]> e : o.levels.get(j).entrySet()) {
          levels.get(j).computeIfAbsent(e.getKey(), x -> new long[1])[0] += e.getValue()[0];
        }
      }
    }
  }

  /** Count, mean and sum of squared deviations (Welford), mergeable (Chan, Golub, LeVeque 1979), min and max. */
  static final class Moments {
    long n;
    long missing;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
      if (Double.isNaN(v)) {
        missing++;
        return;
      }
      n++;
      double delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }

    void merge(Moments o) {
      missing += o.missing;
      if (o.n == 0) {
        return;
      }
      if (n == 0) {
        n = o.n;
        mean = o.mean;
        m2 = o.m2;
        min = o.min;
        max = o.max;
        return;
      }
      long total = n + o.n;
      double delta = o.mean - mean;
      mean += delta * o.n / total;
      m2 += o.m2 + delta * delta * ((double) n * o.n / total);
      n = total;
      min = Math.min(min, o.min);
      max = Math.max(max, o.max);
    }

    Moments copy() {
      Moments c = new Moments();
      c.merge(this);
      return c;
    }

    double variance() {
      return n < 2 ? Double.NaN : m2 / (n - 1);
    }
  }

  /** A growable array of doubles. */
  static final class DoubleList {
    double[] a = new double[16];
    int size;

    void add(double v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    void addAll(DoubleList o) {
      if (size + o.size > a.length) {
        a = Arrays.copyOf(a, Math.max(size + o.size, a.length * 2));
      }
      System.arraycopy(o.a, 0, a, size, o.size);
      size += o.size;
    }

    double[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
