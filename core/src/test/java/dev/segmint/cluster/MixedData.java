package dev.segmint.cluster;

import dev.segmint.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A documented generator of mixed customers with known groups, for the quality comparison of the mixed-data
 * algorithms (docs/mixed.md) and their tests.
 *
 * <p>{@code groups} groups of equal expected size; each customer draws its group uniformly. Numeric features
 * {@code x0..x(numeric-1)}: group g's mean on feature f is {@code separation · ((g + f) mod groups − (groups − 1) /
 * 2)}, plus standard normal noise (so groups overlap on any single feature). Categorical features {@code c0..c(categorical-1)} with
 * {@code levels} levels each: a customer of group g takes level {@code (g + f) mod levels} with probability {@code
 * purity}, else a level drawn uniformly. One more categorical feature, {@code city}, has {@code noiseLevels} levels
 * drawn uniformly, independent of the group: a many-level column that carries no information, which one-hot
 * encoding turns into {@code noiseLevels} columns.
 *
 * <p>With {@code rareShare > 0} one more categorical feature, {@code channel}, is {@code rare} with probability
 * {@code rareShare} and {@code common} otherwise, independent of the group: an uninformative column with a rare level,
 * which standardised one-hot columns blow up ({@link #oneHotStandardized()}: the rare column's values become about
 * {@code 1 / √rareShare}).
 *
 * <p>The numeric features are returned as drawn (unit noise, so already on a common scale).
 */
final class MixedData {

  final FeatureMatrix matrix;
  final int[] truth;

  private MixedData(FeatureMatrix matrix, int[] truth) {
    this.matrix = matrix;
    this.truth = truth;
  }

  static MixedData generate(int n, int groups, int numeric, double separation, int categorical, int levels,
      double purity, int noiseLevels, long seed) {
    return generate(n, groups, numeric, separation, categorical, levels, purity, noiseLevels, 0, seed);
  }

  static MixedData generate(int n, int groups, int numeric, double separation, int categorical, int levels,
      double purity, int noiseLevels, double rareShare, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int city = noiseLevels > 0 ? 1 : 0;
    int c = categorical + city + (rareShare > 0 ? 1 : 0);
    String[] ids = new String[n];
    double[] x = new double[n * numeric];
    short[] codes = new short[n * c];
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "m" + (i + 1);
      int g = r.nextInt(groups);
      truth[i] = g;
      for (int f = 0; f < numeric; f++) {
        x[i * numeric + f] = separation * ((g + f) % groups - (groups - 1) / 2.0) + r.nextGaussian();
      }
      for (int f = 0; f < categorical; f++) {
        codes[i * c + f] = (short) (r.nextDouble() < purity ? (g + f) % levels : r.nextInt(levels));
      }
      if (noiseLevels > 0) {
        codes[i * c + categorical] = (short) r.nextInt(noiseLevels);
      }
      if (rareShare > 0) {
        codes[i * c + categorical + city] = (short) (r.nextDouble() < rareShare ? 1 : 0);
      }
    }
    String[] numNames = new String[numeric];
    for (int f = 0; f < numeric; f++) {
      numNames[f] = "x" + f;
    }
    String[] catNames = new String[c];
    List<List<String>> lv = new ArrayList<>();
    for (int f = 0; f < categorical; f++) {
      catNames[f] = "c" + f;
      List<String> l = new ArrayList<>();
      for (int v = 0; v < levels; v++) {
        l.add("c" + f + "_" + v);
      }
      lv.add(l);
    }
    if (noiseLevels > 0) {
      catNames[categorical] = "city";
      List<String> l = new ArrayList<>();
      for (int v = 0; v < noiseLevels; v++) {
        l.add("city_" + v);
      }
      lv.add(l);
    }
    if (rareShare > 0) {
      catNames[categorical + city] = "channel";
      lv.add(List.of("common", "rare"));
    }
    return new MixedData(FeatureMatrix.mixed(ids, numNames, x, null, catNames, lv, codes), truth);
  }

  /**
   * The same customers with every numeric feature standard-scaled (mean 0, population standard deviation 1), as
   * {@code --scale standard} gives the algorithms; the categorical codes and the truth are unchanged.
   */
  MixedData standardized() {
    FeatureMatrix m = matrix;
    int n = m.rows();
    int d = m.columns();
    double[] x = m.toFlatArray();
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + j];
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (x[i * d + j] - mean) * (x[i * d + j] - mean);
      }
      double sd = Math.sqrt(ss / n);
      for (int i = 0; i < n; i++) {
        x[i * d + j] = (x[i * d + j] - mean) / sd;
      }
    }
    List<List<String>> lv = new ArrayList<>();
    for (int j = 0; j < m.categoricalColumns(); j++) {
      lv.add(m.levels(j));
    }
    return new MixedData(FeatureMatrix.mixed(m.ids(), m.names(), x, null, m.categoricalNames(), lv,
        m.toCodeArray()), truth);
  }

  /**
   * The same customers with every categorical feature one-hot encoded (0/1 columns, one per level), next to the
   * numeric ones: what k-means sees without the mixed-data algorithms.
   */
  FeatureMatrix oneHot() {
    FeatureMatrix m = matrix;
    int n = m.rows();
    int d = m.columns();
    List<String> names = new ArrayList<>(List.of(m.names()));
    int width = d;
    for (int f = 0; f < m.categoricalColumns(); f++) {
      for (String level : m.levels(f)) {
        names.add(m.categoricalNames()[f] + "=" + level);
      }
      width += m.levels(f).size();
    }
    double[] out = new double[n * width];
    double[] x = m.toFlatArray();
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * d, out, i * width, d);
      int off = d;
      for (int f = 0; f < m.categoricalColumns(); f++) {
        int code = m.code(i, f);
        if (code >= 0) {
          out[i * width + off + code] = 1;
        }
        off += m.levels(f).size();
      }
    }
    return FeatureMatrix.ofFlat(m.ids(), names.toArray(new String[0]), null, out);
  }

  /**
   * {@link #oneHot()} with every column standard-scaled, 0/1 columns included (what a pipeline that scales all its
   * columns gives): a level of share p becomes {@code (1 − p) / √(p(1 − p))} for its customers. A constant column
   * stays 0.
   */
  FeatureMatrix oneHotStandardized() {
    FeatureMatrix m = oneHot();
    int n = m.rows();
    int w = m.columns();
    double[] x = m.toFlatArray();
    for (int j = 0; j < w; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * w + j];
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (x[i * w + j] - mean) * (x[i * w + j] - mean);
      }
      double sd = Math.sqrt(ss / n);
      for (int i = 0; i < n; i++) {
        x[i * w + j] = sd > 0 ? (x[i * w + j] - mean) / sd : 0;
      }
    }
    return FeatureMatrix.ofFlat(m.ids(), m.names(), null, x);
  }
}
