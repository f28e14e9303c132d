package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gower's dissimilarity between customers described by numeric and categorical features (J. C. Gower 1971, A general
 * coefficient of similarity and some of its properties; as R's {@code cluster::daisy} computes it), fitted on training
 * data so that new customers are measured on the training scale.
 *
 * <p>For customers x and y, {@code d(x, y) = Σ w_f · d_f(x, y) / Σ w_f}, both sums over the features present in both:
 * <ul>
 *   <li>numeric feature f: {@code d_f = |x_f − y_f| / range_f}, where {@code range_f = max − min} over the TRAINING
 *       data, kept in the fitted object. A feature that was constant in training ({@code range_f = 0}) contributes 0
 *       (it is still present, so its weight stays in the denominator). Values of new customers outside the training
 *       range give {@code d_f > 1}, so a distance may then exceed 1 (daisy does the same when given such a range).
 *       Numeric values of a {@link FeatureMatrix} are always finite, so numeric features are always present.
 *   <li>categorical feature f: {@code d_f = 0} for the same level, 1 otherwise. A missing level (code -1) leaves the
 *       feature out of both sums (its weight too): the distance is renormalised over what can be compared, as daisy
 *       does. Levels are matched by NAME: a new matrix may number them differently; a level never seen in training is
 *       a value unlike every training level (d_f = 1 against each of them).
 * </ul>
 * Weights {@code w_f ≥ 0} are 1 unless given by feature name; the total weight must be positive. When no feature with
 * a positive weight is present in both customers (only possible without numeric features, or with numeric weights
 * 0, when categorical values are missing), the distance is undefined and {@link #distance(FeatureMatrix, int,
 * FeatureMatrix, int)} returns NaN; {@link KMedoids} counts such a pair as 1, the largest distance two training
 * customers can have.
 *
 * <p>Cost: fitting reads the numeric columns once, O(n·d). One distance is O(d + c). For many distances a matrix is
 * copied once into a column-major evaluation layout ({@code 8·n·(d + c + 1)} bytes): numeric values pre-multiplied by
 * {@code w_f / range_f}, level codes as doubles (a mismatch is {@code min(1, |code − code'|)}) and each customer's
 * missing weight, so that one customer against a block of others is one vectorisable loop per feature. Immutable and
 * thread-safe.
 */
public final class Gower {

  private final String[] numericNames;
  private final double[] ranges;
  private final String[] categoricalNames;
  private final List<List<String>> levels;
  private final double[] weights;
  // derived
  private final double[] scale;
  private final double[] categoricalWeights;
  private final double numericWeight;
  private final double totalWeight;
  private final List<Map<String, Integer>> codeOf;

  private Gower(String[] numericNames, double[] ranges, String[] categoricalNames, List<List<String>> levels,
      double[] weights) {
    this.numericNames = numericNames;
    this.ranges = ranges;
    this.categoricalNames = categoricalNames;
    this.levels = levels;
    this.weights = weights;
    int d = numericNames.length;
    int c = categoricalNames.length;
    scale = new double[d];
    double wn = 0;
    for (int f = 0; f < d; f++) {
      scale[f] = ranges[f] > 0 ? weights[f] / ranges[f] : 0;
      wn += weights[f];
    }
    numericWeight = wn;
    categoricalWeights = Arrays.copyOfRange(weights, d, d + c);
    double total = wn;
    for (double w : categoricalWeights) {
      total += w;
    }
    totalWeight = total;
    List<Map<String, Integer>> maps = new ArrayList<>(c);
    for (List<String> l : levels) {
      Map<String, Integer> m = new HashMap<>(l.size() * 2);
      for (int i = 0; i < l.size(); i++) {
        m.put(l.get(i), i);
      }
      maps.add(m);
    }
    codeOf = maps;
  }

  /**
   * Fits the ranges of the numeric features of {@code m} (max − min of each column) and takes its categorical levels.
   * O(n·d).
   *
   * @param weights weight of each named feature (numeric or categorical; finite, ≥ 0); features not named weigh 1;
   *     empty for equal weights
   * @throws IllegalArgumentException for a weight naming no feature of {@code m} (the features are listed), a negative
   *     or non-finite weight, or all weights 0
   */
  public static Gower fit(FeatureMatrix m, Map<String, Double> weights) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(weights, "weights");
    int n = m.rows();
    int d = m.columns();
    int c = m.categoricalColumns();
    String[] num = m.names();
    String[] cat = m.categoricalNames();
    double[] x = MatrixValues.shared(m);
    double[] ranges = new double[d];
    for (int f = 0; f < d; f++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = x[i * d + f];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      ranges[f] = n == 0 ? 0 : hi - lo;
    }
    List<List<String>> levels = new ArrayList<>(c);
    for (int g = 0; g < c; g++) {
      levels.add(m.levels(g));
    }
    double[] w = new double[d + c];
    Arrays.fill(w, 1);
    List<String> all = new ArrayList<>(Arrays.asList(num));
    all.addAll(Arrays.asList(cat));
    for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
      int at = all.indexOf(e.getKey());
      if (at < 0) {
        throw new IllegalArgumentException("weight given for '" + e.getKey() + "', which is not a feature; the "
            + "features are " + all + " (names match exactly)");
      }
      w[at] = e.getValue();
    }
    return of(num, ranges, cat, levels, w);
  }

  /**
   * A fitted Gower distance from its parts (as a model file stores them).
   *
   * @param numericNames the numeric features, in order
   * @param ranges the training range (max − min, finite, ≥ 0) of each numeric feature
   * @param categoricalNames the categorical features, in order
   * @param levels the training level names of each categorical feature, distinct
   * @param weights one weight per feature, numeric then categorical: finite, ≥ 0, not all 0
   * @throws IllegalArgumentException for sizes that do not match or values out of range, naming the feature
   */
  public static Gower of(String[] numericNames, double[] ranges, String[] categoricalNames, List<List<String>> levels,
      double[] weights) {
    int d = numericNames.length;
    int c = categoricalNames.length;
    if (ranges.length != d || levels.size() != c || weights.length != d + c) {
      throw new IllegalArgumentException("Gower needs one range per numeric feature (" + d + "), one level list per "
          + "categorical feature (" + c + ") and one weight per feature (" + (d + c) + "), got " + ranges.length
          + ", " + levels.size() + " and " + weights.length);
    }
    if (d + c == 0) {
      throw new IllegalArgumentException("Gower distance needs at least one numeric or categorical feature");
    }
    double total = 0;
    for (int f = 0; f < d + c; f++) {
      String name = f < d ? numericNames[f] : categoricalNames[f - d];
      if (!(weights[f] >= 0) || Double.isInfinite(weights[f])) {
        throw new IllegalArgumentException("the weight of feature '" + name + "' is " + weights[f] + "; weights are "
            + "finite numbers ≥ 0 (0 leaves the feature out)");
      }
      if (f < d && (!(ranges[f] >= 0) || Double.isInfinite(ranges[f]))) {
        throw new IllegalArgumentException("the range of numeric feature '" + name + "' is " + ranges[f]
            + "; a range is a finite number ≥ 0");
      }
      total += weights[f];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("every feature has weight 0, so no feature is compared; give at least one "
          + "feature a positive weight");
    }
    List<List<String>> lv = new ArrayList<>(c);
    for (int g = 0; g < c; g++) {
      List<String> l = List.copyOf(levels.get(g));
      if (new java.util.HashSet<>(l).size() != l.size()) {
        throw new IllegalArgumentException("the levels of categorical feature '" + categoricalNames[g] + "' repeat a "
            + "name: " + l);
      }
      lv.add(l);
    }
    return new Gower(numericNames.clone(), ranges.clone(), categoricalNames.clone(), List.copyOf(lv), weights.clone());
  }

  /** The numeric feature names, in order. A copy. */
  public String[] numericNames() {
    return numericNames.clone();
  }

  /** The categorical feature names, in order. A copy. */
  public String[] categoricalNames() {
    return categoricalNames.clone();
  }

  /** The training range (max − min) of each numeric feature. A copy. */
  public double[] ranges() {
    return ranges.clone();
  }

  /** The training level names of categorical feature {@code g}, in code order (unmodifiable). */
  public List<String> levels(int g) {
    return levels.get(Objects.checkIndex(g, categoricalNames.length));
  }

  /** The weight of each feature, numeric then categorical. A copy. */
  public double[] weights() {
    return weights.clone();
  }

  int numeric() {
    return numericNames.length;
  }

  int categorical() {
    return categoricalNames.length;
  }

  /**
   * Customers in the evaluation layout, column-major so that one customer against many is a run of vector
   * operations: numeric feature f of customer i times {@code w_f / range_f} at {@code x[f·n + i]}; the level code of
   * categorical feature g at {@code codes[g·n + i]}, as a double, in the training numbering (-1 missing; codes from
   * the number of training levels up for levels not seen in training); and per customer the weight of its missing
   * categorical features.
   */
  static final class Rows {
    final int n;
    final double[] x;
    final double[] codes;
    final double[] missingWeight;

    Rows(int n, double[] x, double[] codes, double[] categoricalWeights) {
      this.n = n;
      this.x = x;
      this.codes = codes;
      this.missingWeight = new double[n];
      int c = categoricalWeights.length;
      for (int g = 0; g < c; g++) {
        for (int i = 0; i < n; i++) {
          if (codes[g * n + i] < 0) {
            missingWeight[i] += categoricalWeights[g];
          }
        }
      }
    }

    /** The rows at the given positions, in that order. */
    Rows select(int[] at, double[] categoricalWeights) {
      int m = at.length;
      int d = x.length / Math.max(1, n);
      int c = codes.length / Math.max(1, n);
      double[] sx = new double[m * d];
      double[] sc = new double[m * c];
      for (int f = 0; f < d; f++) {
        for (int r = 0; r < m; r++) {
          sx[f * m + r] = x[f * n + at[r]];
        }
      }
      for (int g = 0; g < c; g++) {
        for (int r = 0; r < m; r++) {
          sc[g * m + r] = codes[g * n + at[r]];
        }
      }
      return new Rows(m, sx, sc, categoricalWeights);
    }
  }

  /** The rows of {@code m} at the given positions (a sample), in the evaluation layout. */
  Rows select(Rows rows, int[] at) {
    return rows.select(at, categoricalWeights);
  }

  /**
   * The customers of {@code m} in the evaluation layout, its features matched to the fitted ones by name (order free)
   * and its levels by name. O(n·(d + c)) time and {@code 8·n·(d + c + 1)} bytes.
   *
   * @throws IllegalArgumentException when {@code m} lacks a fitted feature or has another one, naming them
   */
  Rows rows(FeatureMatrix m) {
    Objects.requireNonNull(m, "m");
    int d = numericNames.length;
    int c = categoricalNames.length;
    int[] numAt = match(numericNames, m.names(), "numeric");
    int[] catAt = match(categoricalNames, m.categoricalNames(), "categorical");
    int n = m.rows();
    int md = m.columns();
    int mc = m.categoricalColumns();
    double[] src = MatrixValues.shared(m);
    short[] srcCodes = MatrixValues.sharedCodes(m);
    double[] x = new double[n * d];
    for (int f = 0; f < d; f++) {
      for (int i = 0; i < n; i++) {
        x[f * n + i] = src[i * md + numAt[f]] * scale[f];
      }
    }
    double[] codes = new double[n * c];
    for (int g = 0; g < c; g++) {
      int[] remap = remap(g, m.levels(catAt[g]));
      for (int i = 0; i < n; i++) {
        int v = srcCodes[i * mc + catAt[g]];
        codes[g * n + i] = v < 0 ? -1 : remap[v];
      }
    }
    return new Rows(n, x, codes, categoricalWeights);
  }

  /** Training code of each level of a new matrix's column; unseen levels get codes from the training count up. */
  private int[] remap(int g, List<String> newLevels) {
    int[] out = new int[newLevels.size()];
    int next = levels.get(g).size();
    for (int l = 0; l < out.length; l++) {
      Integer code = codeOf.get(g).get(newLevels.get(l));
      out[l] = code != null ? code : next++;
    }
    return out;
  }

  /** Rows given by their original numeric values and training level codes (a model file's medoids). */
  Rows rows(double[][] values, int[][] codes) {
    int d = numericNames.length;
    int c = categoricalNames.length;
    int n = values.length;
    double[] x = new double[n * d];
    double[] cs = new double[n * c];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < d; f++) {
        x[f * n + i] = values[i][f] * scale[f];
      }
      for (int g = 0; g < c; g++) {
        cs[g * n + i] = codes[i][g];
      }
    }
    return new Rows(n, x, cs, categoricalWeights);
  }

  private static int[] match(String[] fitted, String[] given, String kind) {
    int[] at = new int[fitted.length];
    List<String> g = Arrays.asList(given);
    for (int f = 0; f < fitted.length; f++) {
      at[f] = g.indexOf(fitted[f]);
      if (at[f] < 0) {
        throw new IllegalArgumentException(kind + " features " + Arrays.toString(given) + " do not match the model's "
            + Arrays.toString(fitted) + ": '" + fitted[f] + "' is missing (names match exactly, in any order)");
      }
    }
    if (given.length != fitted.length) {
      List<String> extra = new ArrayList<>(g);
      extra.removeAll(Arrays.asList(fitted));
      throw new IllegalArgumentException(kind + " features " + Arrays.toString(given) + " do not match the model's "
          + Arrays.toString(fitted) + ": the model was not fitted on " + extra + " (leave them out)");
    }
    return at;
  }

  /**
   * The distance between row {@code i} of {@code a} and row {@code j} of {@code b}; NaN when no feature with a
   * positive weight is present in both. O(d + c).
   *
   * <p>Arithmetic (the same in {@link #row}, so that a distance does not depend on the path): the numeric sum
   * {@code S = Σ_f |x_f − y_f|·w_f/range_f} in feature order, the categorical mismatch weight {@code M} over the
   * features present in both, and {@code (S + M) / (Σ w − missing weight)}.
   */
  double distance(Rows a, int i, Rows b, int j) {
    int d = scale.length;
    double[] xa = a.x;
    double[] xb = b.x;
    int na = a.n;
    int nb = b.n;
    double sum = 0;
    for (int f = 0; f < d; f++) {
      sum += Math.abs(xb[f * nb + j] - xa[f * na + i]);
    }
    int c = categoricalWeights.length;
    double mismatch = 0;
    double missing = 0;
    for (int g = 0; g < c; g++) {
      double u = a.codes[g * na + i];
      double v = b.codes[g * nb + j];
      if (u < 0 || v < 0) {
        missing += categoricalWeights[g];
      } else {
        mismatch += categoricalWeights[g] * Math.min(1.0, Math.abs(v - u));
      }
    }
    double den = totalWeight - missing;
    return den > 0 ? (sum + mismatch) / den : Double.NaN;
  }

  /** Customers whose distances {@link #row} computes in one pass of each feature. */
  private static final int CHUNK = 256;

  /**
   * Distances of row {@code i} of {@code a} to rows {@code from..to-1} of {@code b}, into {@code out[offset..]}; a pair
   * with nothing to compare gets {@code undefined}. The blocked kernel of k-medoids (one candidate against all
   * customers): for a row without missing values, chunks of 256 customers, each feature one vectorisable loop over
   * the chunk (the mismatch of a level is {@code min(1, |code − code'|)}, and the missing levels of the others are
   * taken off afterwards by their missing weight); otherwise {@link #distance} per pair. O((to − from)·(d + c)).
   */
  void row(Rows a, int i, Rows b, int from, int to, double[] out, int offset, double undefined) {
    row(a, i, b, from, to, out, offset, undefined, scratch());
  }

  /** Scratch space for {@link #row(Rows, int, Rows, int, int, double[], int, double, double[])}. */
  double[] scratch() {
    return new double[CHUNK + scale.length + categoricalWeights.length];
  }

  /** {@link #row(Rows, int, Rows, int, int, double[], int, double)} with the caller's {@link #scratch()}. */
  void row(Rows a, int i, Rows b, int from, int to, double[] out, int offset, double undefined, double[] scratch) {
    if (a.missingWeight[i] > 0) {
      for (int j = from; j < to; j++) {
        double v = distance(a, i, b, j);
        out[offset + j - from] = v == v ? v : undefined;
      }
      return;
    }
    int d = scale.length;
    int c = categoricalWeights.length;
    double[] xb = b.x;
    double[] cb = b.codes;
    double[] miss = b.missingWeight;
    int nb = b.n;
    double[] mismatch = scratch;
    for (int f = 0; f < d; f++) {
      scratch[CHUNK + f] = a.x[f * a.n + i];
    }
    for (int g = 0; g < c; g++) {
      scratch[CHUNK + d + g] = a.codes[g * a.n + i];
    }
    for (int j0 = from; j0 < to; j0 += CHUNK) {
      int len = Math.min(CHUNK, to - j0);
      int o = offset + j0 - from;
      for (int t = 0; t < len; t++) {
        out[o + t] = 0;
      }
      for (int f = 0; f < d; f++) {
        double v = scratch[CHUNK + f];
        int base = f * nb + j0;
        for (int t = 0; t < len; t++) {
          out[o + t] += Math.abs(xb[base + t] - v);
        }
      }
      if (c > 0) {
        for (int t = 0; t < len; t++) {
          mismatch[t] = 0;
        }
        for (int g = 0; g < c; g++) {
          double v = scratch[CHUNK + d + g];
          double w = categoricalWeights[g];
          int base = g * nb + j0;
          for (int t = 0; t < len; t++) {
            mismatch[t] += w * Math.min(1.0, Math.abs(cb[base + t] - v));
          }
        }
      }
      for (int t = 0; t < len; t++) {
        double m = miss[j0 + t];
        double den = totalWeight - m;
        double dist = (out[o + t] + (mismatch[t] - m)) / den;
        out[o + t] = den > 0 ? dist : undefined;
      }
    }
  }

  /** Each feature of {@code a} as an array of its own (numeric, then level codes as doubles), for {@link #panel}. */
  static double[][] columns(Rows a) {
    int n = a.n;
    int d = a.x.length / Math.max(1, n);
    int c = a.codes.length / Math.max(1, n);
    double[][] cols = new double[d + c][];
    for (int f = 0; f < d; f++) {
      cols[f] = Arrays.copyOfRange(a.x, f * n, f * n + n);
    }
    for (int g = 0; g < c; g++) {
      cols[d + g] = Arrays.copyOfRange(a.codes, g * n, g * n + n);
    }
    return cols;
  }

  /**
   * One panel of the precomputed distances of k-medoids, as floats: the distances of customers {@code b0..b0+width-1}
   * (the panel's columns) to every customer o from {@code b0} on, at {@code out[(o − b0)·width + s]} for column
   * {@code b0 + s} ({@code undefined} for a pair with nothing to compare; 0 on the diagonal). {@code cols} is {@link
   * #columns}. For each customer, per feature one vectorisable loop over the panel's columns (which stay in the
   * cache) adds up its sums in an array indexed like the feature's (the JIT does not vectorise a loop whose two
   * arrays are indexed with different offsets, as in {@link #row}). A missing level counts as a mismatch in the sums
   * and is taken off afterwards by the two customers' missing weights; a pair where both customers miss some level is
   * computed again by {@link #distance}. The sums are in another order than {@link #row}'s, so a value may differ from
   * it in the last bits of the double before rounding to float. O((n − b0)·width·(d + c)) time.
   */
  void panel(Rows a, double[][] cols, int b0, int width, float[] out, double undefined) {
    int d = scale.length;
    int c = categoricalWeights.length;
    int n = a.n;
    int b1 = b0 + width;
    double[] miss = a.missingWeight;
    double[] sum = new double[b1];
    double[] v = new double[d + c];
    for (int o = b0; o < n; o++) {
      for (int f = 0; f < d + c; f++) {
        v[f] = cols[f][o];
      }
      tileRow(cols, v, d, sum, b0, b1);
      double mo = miss[o];
      double base = totalWeight - mo;
      int off = (o - b0) * width - b0;
      for (int j = b0; j < b1; j++) {
        out[off + j] = (float) ((sum[j] - mo - miss[j]) / (base - miss[j]));
      }
      if (numericWeight == 0 || mo > 0) {
        for (int j = b0; j < b1; j++) {
          if (!(base - miss[j] > 0)) {
            out[off + j] = (float) undefined;
          }
        }
      }
      if (mo > 0) {
        for (int j = b0; j < b1; j++) {
          if (miss[j] > 0) {
            double dist = distance(a, o, a, j);
            out[off + j] = (float) (dist == dist ? dist : undefined);
          }
        }
      }
      if (o < b1) {
        out[off + o] = 0;
      }
    }
  }

  /**
   * One customer's sums in a {@link #panel}: the numeric sum plus the categorical mismatch weight (a missing level
   * counting as a mismatch) of the customer with values {@code v} against customers {@code j0..j1-1}, into {@code
   * sum[j0..j1)}. A method of its own so that the JIT compiles it whole.
   */
  private void tileRow(double[][] cols, double[] v, int d, double[] sum, int j0, int j1) {
    for (int j = j0; j < j1; j++) {
      sum[j] = 0;
    }
    int f = 0;
    // four features per sweep: a quarter of the loads and stores of sum (the terms are added in pairs first)
    for (; f + 4 <= d; f += 4) {
      double[] c0 = cols[f];
      double[] c1 = cols[f + 1];
      double[] c2 = cols[f + 2];
      double[] c3 = cols[f + 3];
      double v0 = v[f];
      double v1 = v[f + 1];
      double v2 = v[f + 2];
      double v3 = v[f + 3];
      for (int j = j0; j < j1; j++) {
        sum[j] += (Math.abs(c0[j] - v0) + Math.abs(c1[j] - v1)) + (Math.abs(c2[j] - v2) + Math.abs(c3[j] - v3));
      }
    }
    for (; f < d; f++) {
      double[] col = cols[f];
      double vf = v[f];
      for (int j = j0; j < j1; j++) {
        sum[j] += Math.abs(col[j] - vf);
      }
    }
    for (int g = 0; g < categoricalWeights.length; g++) {
      double[] col = cols[d + g];
      double vg = v[d + g];
      double w = categoricalWeights[g];
      for (int j = j0; j < j1; j++) {
        sum[j] += w * Math.min(1.0, Math.abs(col[j] - vg));
      }
    }
  }

  /** Whether row i has some feature with a positive weight to compare (numeric features always are present). */
  boolean hasFeatures(Rows a, int i) {
    if (numericWeight > 0) {
      return true;
    }
    int c = categoricalWeights.length;
    for (int g = 0; g < c; g++) {
      if (a.codes[g * a.n + i] >= 0 && categoricalWeights[g] > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Gower distance between customer {@code i} of {@code a} and customer {@code j} of {@code b} (both matched to
   * the fitted features by name), or NaN when they have no feature in common. O(n·(d + c)) for laying out the
   * matrices; to compute many distances, use {@link #pairs(FeatureMatrix)}.
   */
  public double distance(FeatureMatrix a, int i, FeatureMatrix b, int j) {
    Objects.checkIndex(i, a.rows());
    Objects.checkIndex(j, b.rows());
    Rows ra = rows(a);
    return distance(ra, i, a == b ? ra : rows(b), j);
  }

  /**
   * The customers of {@code m} laid out once for many distances among them (silhouettes, a peer's distance
   * function): O(n·(d + c)) time and {@code 8·n·(d + c + 1)} bytes now, O(d + c) per distance after.
   *
   * @throws IllegalArgumentException when {@code m} lacks a fitted feature or has another one
   */
  public Pairs pairs(FeatureMatrix m) {
    return new Pairs(this, rows(m));
  }

  /** The customers of one matrix in Gower's layout: distances among them. Immutable and thread-safe. */
  public static final class Pairs {
    private final Gower g;
    private final Rows rows;

    private Pairs(Gower g, Rows rows) {
      this.g = g;
      this.rows = rows;
    }

    /** The number of customers. */
    public int size() {
      return rows.n;
    }

    /** The Gower distance between customers {@code i} and {@code j}, NaN when they have no feature in common. */
    public double distance(int i, int j) {
      Objects.checkIndex(i, rows.n);
      Objects.checkIndex(j, rows.n);
      return g.distance(rows, i, rows, j);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Gower distance over ");
    for (int f = 0; f < numericNames.length; f++) {
      sb.append(f == 0 ? "" : ", ").append(numericNames[f]).append(" (range ").append(Numbers.sig(ranges[f]))
          .append(')');
      if (weights[f] != 1) {
        sb.append(String.format(Locale.ROOT, " ×%.4g", weights[f]));
      }
    }
    for (int g = 0; g < categoricalNames.length; g++) {
      sb.append(numericNames.length + g == 0 ? "" : ", ").append(categoricalNames[g]).append(" (")
          .append(levels.get(g).size()).append(" levels)");
      if (weights[numericNames.length + g] != 1) {
        sb.append(String.format(Locale.ROOT, " ×%.4g", weights[numericNames.length + g]));
      }
    }
    return sb.toString();
  }
}
