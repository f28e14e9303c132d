package dev.segmint.features;

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
      double[] cs = centerScale(m.column(j), kind);
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
   */
  static double[] centerScale(double[] col, Kind kind) {
    double center;
    double scale;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : col) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    switch (kind) {
      case STANDARD -> {
        // for extreme magnitudes, on values divided by the largest one, so that neither the sum (values near ±1e308)
        // nor the squares (beyond ±1e150, or below 1e-150 where they underflow) leave the range of a double; other
        // data keeps unit 1, i.e. exactly the plain two-pass arithmetic
        double m = Math.max(Math.abs(lo), Math.abs(hi));
        double unit = m > FeatureMatrix.MAX_DISTANCE_SAFE || (m > 0 && m < FeatureMatrix.MIN_DISTANCE_SAFE) ? m : 1;
        double mean = 0;
        for (double v : col) {
          mean += v / unit;
        }
        mean /= col.length;
        double ss = 0;
        for (double v : col) {
          double t = v / unit - mean;
          ss += t * t;
        }
        center = mean * unit;
        scale = Math.sqrt(ss / col.length) * unit;
      }
      case ROBUST -> {
        double[] s = col.clone();
        Arrays.sort(s);
        center = quantile(s, 0.5);
        scale = quantile(s, 0.75) - quantile(s, 0.25);
      }
      case MINMAX -> {
        center = lo;
        scale = hi - lo;
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

  /** Linear-interpolated quantile of sorted values (numpy's default "linear" method). */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
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
        x[i * d + j] = (x[i * d + j] - center[j]) / scale[j];
      }
    }
    String[] prov = m.provenance();
    if (kind != Kind.NONE) {
      for (int j = 0; j < d; j++) {
        prov[j] = kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + prov[j] + ")";
      }
    }
    return FeatureMatrix.ofFlat(m.ids(), names, prov, x);
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
