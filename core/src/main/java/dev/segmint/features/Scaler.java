package dev.segmint.features;

import dev.segmint.internal.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A per-column affine scaling {@code (x - center) / scale}, fitted on one matrix and applied to others with
 * the same feature names. Immutable; the fitted state (centers and scales) is plain data.
 *
 * <p>Columns with zero spread (constant columns) get scale 1, so they become constant 0 rather than NaN; they are
 * listed by {@link #constantColumns()}. Fitting is O(n·d) ({@link Kind#ROBUST}: O(n log n) per column).
 *
 * <p>Any finite data can be scaled, up to ±{@link Double#MAX_VALUE}: means and standard deviations are summed in
 * units of the column's largest magnitude, quantiles are interpolated without forming a difference that overflows,
 * and {@code (x - center) / scale} is computed in halves when {@code x - center} alone would overflow. Two things
 * a double cannot hold are refused with an {@link IllegalArgumentException} that names the scaling and the
 * feature: a min–max range or an interquartile range wider than {@link Double#MAX_VALUE} (a column from −1e308 to
 * 1e308), and a robust-scaled value beyond it (an outlier of 1e308 over an interquartile range of 1e-10).
 */
public final class Scaler {

  /** How centers and scales are chosen. */
  public enum Kind {
    /** Mean and population standard deviation (scikit-learn's StandardScaler). */
    STANDARD,
    /** Median and interquartile range (linear-interpolated quartiles, scikit-learn's RobustScaler). */
    ROBUST,
    /** Minimum and range, mapping to [0, 1] (scikit-learn's MinMaxScaler). */
    MINMAX,
    /** Identity. */
    NONE
  }

  private final Kind kind;
  private final String[] names;
  private final double[] center;
  private final double[] scale;
  private final List<String> constant;

  private Scaler(Kind kind, String[] names, double[] center, double[] scale, List<String> constant) {
    this.kind = kind;
    this.names = names;
    this.center = center;
    this.scale = scale;
    this.constant = List.copyOf(constant);
  }

  /** Learns centers and scales from {@code m}. */
  public static Scaler fit(FeatureMatrix m, Kind kind) {
    Objects.requireNonNull(kind, "kind");
    int d = m.columns();
    double[] center = new double[d];
    double[] scale = new double[d];
    List<String> constant = new ArrayList<>();
    String[] names = m.names();
    for (int j = 0; j < d; j++) {
      double[] cs = centerScale(m.column(j), kind, names[j]);
      center[j] = cs[0];
      scale[j] = cs[1];
      if (cs[2] != 0) {
        constant.add(names[j]);
      }
    }
    return new Scaler(kind, names, center, scale, constant);
  }

  /**
   * The center and scale of one column for {@code kind}: {center, scale, 1 if the column has zero spread else 0}.
   * A zero-spread column gets scale 1, so scaling never divides by zero.
   *
   * @param name the feature, for the message when its spread is wider than a double can hold
   */
  static double[] centerScale(double[] col, Kind kind, String name) {
    return centerScale(col, null, kind, name);
  }

  /**
   * The center and scale this class fits for a column given as distinct values with how often each occurs — what a
   * distributed fit has after aggregating (the Spark module's feature pipeline) — as {center, scale, 1 if the column
   * has zero spread else 0}. Equal to fitting the column with each value repeated {@code counts[i]} times, up to the
   * order of the sums (about 1e-15 relative); with {@code counts} null each value occurs once and the result is
   * this class's own fit, bit for bit. O(m) for m values ({@link Kind#ROBUST}: O(m log m)).
   *
   * @param values the values (finite; any order; repeats allowed)
   * @param counts how often each value occurs (≥ 0, at least one positive), or null for once each
   * @param name the feature, for the message when its spread is wider than a double can hold
   * @throws IllegalArgumentException when the counts do not match the values, or a range is wider than a double
   */
  public static double[] centerScale(double[] values, long[] counts, Kind kind, String name) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(kind, "kind");
    if (counts != null && counts.length != values.length) {
      throw new IllegalArgumentException(counts.length + " counts for " + values.length + " values of feature '" + name
          + "'; give one count per value");
    }
    long n = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      long c = counts == null ? 1 : counts[i];
      if (c < 0) {
        throw new IllegalArgumentException("count " + c + " for value " + values[i] + " of feature '" + name
            + "'; counts are ≥ 0");
      }
      if (c > 0) {
        n += c;
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("feature '" + name + "' has no value to fit a scaling on");
    }
    double center;
    double scale;
    switch (kind) {
      case STANDARD -> {
        // for extreme magnitudes, on values divided by the largest one, so that neither the sum (values near ±1e308)
        // nor the squares (beyond ±1e150, or below 1e-150 where they underflow) leave the range of a double; other
        // data keeps unit 1, i.e. exactly the plain two-pass arithmetic (a count of 1 multiplies by 1.0: same bits)
        double m = Math.max(Math.abs(lo), Math.abs(hi));
        double unit = m > FeatureMatrix.MAX_DISTANCE_SAFE || (m > 0 && m < FeatureMatrix.MIN_DISTANCE_SAFE) ? m : 1;
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
          mean += (counts == null ? 1 : counts[i]) * (values[i] / unit);
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
          double t = values[i] / unit - mean;
          ss += (counts == null ? 1 : counts[i]) * (t * t);
        }
        center = mean * unit;
        scale = Math.sqrt(ss / n) * unit;
      }
      case ROBUST -> {
        double q1;
        double q3;
        if (counts == null) {
          double[] s = values.clone();
          Arrays.sort(s);
          center = quantile(s, 0.5);
          q1 = quantile(s, 0.25);
          q3 = quantile(s, 0.75);
        } else {
          center = quantile(values, counts, n, 0.5);
          q1 = quantile(values, counts, n, 0.25);
          q3 = quantile(values, counts, n, 0.75);
        }
        scale = q3 - q1;
        if (Double.isInfinite(scale)) {
          throw tooWide(kind, name, "interquartile range", q1, q3);
        }
      }
      case MINMAX -> {
        center = lo;
        scale = hi - lo;
        if (Double.isInfinite(scale)) {
          throw tooWide(kind, name, "range", lo, hi);
        }
      }
      default -> {
        center = 0;
        scale = 1;
      }
    }
    boolean constant = !(hi > lo);
    if (!(scale > 0)) {
      scale = 1;
    }
    return new double[] {center, scale, constant ? 1 : 0};
  }

  /** {@link #quantile(double[], double)} of the values repeated by their counts (n in all), without repeating them. */
  private static double quantile(double[] values, long[] counts, long n, double q) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
    double pos = q * (n - 1);
    long lo = (long) Math.floor(pos);
    long hi = Math.min(lo + 1, n - 1);
    double a = Double.NaN;
    double b = Double.NaN;
    long before = 0;
    for (int i : idx) {
      long end = before + counts[i];
      if (lo >= before && lo < end) {
        a = values[i];
      }
      if (hi >= before && hi < end) {
        b = values[i];
      }
      before = end;
    }
    return Quantiles.interpolate(a, b, pos - lo);
  }

  private static IllegalArgumentException tooWide(Kind kind, String name, String what, double from, double to) {
    return new IllegalArgumentException(label(kind) + " scaling cannot represent feature '" + name + "': its " + what
        + ", from " + from + " to " + to + ", is wider than the largest double (about 1.8e308); divide the column by "
        + "a constant first (e.g. 1e10), or use standard scaling");
  }

  /** The scaling's name in messages: {@code standard}, {@code robust}, {@code min–max}. */
  static String label(Kind kind) {
    return kind == Kind.MINMAX ? "min–max" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Linear-interpolated quantile of sorted values (numpy's default "linear" method). Finite for any finite values:
   * between neighbours of opposite sign near ±{@link Double#MAX_VALUE}, whose difference overflows, it interpolates
   * between their halves.
   */
  static double quantile(double[] sorted, double q) {
    return Quantiles.ofSorted(sorted, q);
  }

  /**
   * The mean of finite values, without overflow: summed as is (the plain sum, bit for bit) unless the largest
   * magnitude exceeds {@link FeatureMatrix#MAX_DISTANCE_SAFE}, then in units of it.
   */
  static double mean(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, Math.abs(v));
    }
    double unit = m > FeatureMatrix.MAX_DISTANCE_SAFE ? m : 1;
    double sum = 0;
    for (double v : values) {
      sum += v / unit;
    }
    return sum / values.length * unit;
  }

  /**
   * {@code (x - center) / scale}, without the overflow of {@code x - center} when x and the center are of opposite
   * sign near ±{@link Double#MAX_VALUE} (then computed in halves). Infinite only when the result itself is beyond
   * the range of a double.
   */
  static double apply(double x, double center, double scale) {
    double d = x - center;
    if (Double.isInfinite(d) && Double.isFinite(x)) {
      return (x / 2 - center / 2) / scale * 2;
    }
    return d / scale;
  }

  /** The message for a scaled value beyond the range of a double (robust scaling of an extreme outlier). */
  static IllegalArgumentException overflow(Kind kind, String name, int row, String customer, double x, double center,
      double scale) {
    String[] words = switch (kind) {
      case STANDARD -> new String[] {"mean", "standard deviation"};
      case ROBUST -> new String[] {"median", "interquartile range"};
      case MINMAX -> new String[] {"minimum", "range"};
      default -> new String[] {"center", "scale"};
    };
    return new IllegalArgumentException(label(kind) + " scaling of feature '" + name + "' overflows at row " + row
        + " (customer " + customer + "): (" + x + " - " + words[0] + " " + center + ") / " + words[1] + " " + scale
        + " is beyond the largest double; use standard scaling, or clip the column's outliers first");
  }

  /** Applies the fitted scaling to a matrix with the same feature names. */
  public FeatureMatrix transform(FeatureMatrix m) {
    if (!Arrays.equals(m.names(), names)) {
      throw new IllegalArgumentException("features " + Arrays.toString(m.names()) + " do not match the fitted scaler's "
          + Arrays.toString(names) + "; transform a matrix built the same way as the fitted one");
    }
    int n = m.rows();
    int d = names.length;
    double[] x = m.toFlatArray();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = apply(x[i * d + j], center[j], scale[j]);
        if (Double.isInfinite(v)) {
          throw overflow(kind, names[j], i + 1, m.ids()[i], x[i * d + j], center[j], scale[j]);
        }
        x[i * d + j] = v;
      }
    }
    String[] prov = m.provenance();
    if (kind != Kind.NONE) {
      for (int j = 0; j < d; j++) {
        prov[j] = kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + prov[j] + ")";
      }
    }
    return FeatureMatrix.withValues(m, names, prov, x);
  }

  /** Maps scaled values back to the original units (row-major {@code k × d}), e.g. centroids. */
  public double[] inverse(double[] scaled) {
    int d = names.length;
    double[] out = scaled.clone();
    for (int i = 0; i < out.length; i++) {
      int j = i % d;
      out[i] = out[i] * scale[j] + center[j];
    }
    return out;
  }

  /** The scaling kind. */
  public Kind kind() {
    return kind;
  }

  /** Fitted centers, one per feature. */
  public double[] centers() {
    return center.clone();
  }

  /** Fitted scales, one per feature (1 for constant columns). */
  public double[] scales() {
    return scale.clone();
  }

  /** Names of columns that had zero spread when fitted. */
  public List<String> constantColumns() {
    return constant;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Scaler ").append(kind).append('\n');
    for (int j = 0; j < names.length; j++) {
      sb.append(String.format("  %-20s center %12.6g  scale %12.6g%s%n", names[j], center[j], scale[j],
          constant.contains(names[j]) ? "  (constant)" : ""));
    }
    return sb.toString();
  }
}
