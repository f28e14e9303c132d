package dev.segmint.report;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
import dev.segmint.internal.Sampling;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A 2-D principal component projection of labelled points, for the report's scatter plot. The components are the
 * two leading eigenvectors of the covariance matrix of all points (commons-math3 {@link EigenDecomposition}), each
 * signed so that its largest-magnitude loading is positive (deterministic); every point is projected, then at most
 * {@code maxPoints} of them are kept by a seeded random sample (the segment centres use all points).
 *
 * <p>Cost: O(n·d²) for the covariance plus O(d³) for the eigendecomposition; memory O(n) for the projected points.
 * Immutable; arrays are copied out.
 */
public final class Projection {

  private final double[] x;
  private final double[] y;
  private final int[] labels;
  private final double[] explained;
  private final double[][] components;
  private final String[] features;
  private final int[] centreLabels;
  private final double[][] centres;
  private final int total;

  private Projection(double[] x, double[] y, int[] labels, double[] explained, double[][] components,
      String[] features, int[] centreLabels, double[][] centres, int total) {
    this.x = x;
    this.y = y;
    this.labels = labels;
    this.explained = explained;
    this.components = components;
    this.features = features;
    this.centreLabels = centreLabels;
    this.centres = centres;
    this.total = total;
  }

  /**
   * Projects {@code m} on its first two principal components.
   *
   * @param labels one label per row ({@code -1} for noise)
   * @param maxPoints points kept for plotting (a seeded sample when n is larger)
   * @param seed the sample's seed
   */
  public static Projection pca(FeatureMatrix m, int[] labels, int maxPoints, long seed) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(labels, "labels");
    int n = m.rows();
    int d = m.columns();
    if (labels.length != n) {
      throw new IllegalArgumentException("there are " + labels.length + " labels for " + n + " points");
    }
    if (n < 2) {
      throw new IllegalArgumentException("a projection needs at least 2 points, got " + n);
    }
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
    }
    double[] data = MatrixValues.shared(m);
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += data[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double va = data[i * d + a] - mean[a];
        for (int b = a; b < d; b++) {
          cov[a][b] += va * (data[i * d + b] - mean[b]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= (n - 1);
        cov[b][a] = cov[a][b];
      }
    }
    RealMatrix c = MatrixUtils.createRealMatrix(cov);
    EigenDecomposition eig = new EigenDecomposition(c);
    double[] values = eig.getRealEigenvalues();
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (p, q) -> {
      int r = Double.compare(values[q], values[p]);
      return r != 0 ? r : Integer.compare(p, q);
    });
    double totalVar = 0;
    for (double v : values) {
      totalVar += Math.max(v, 0);
    }
    double[][] comp = new double[2][d];
    double[] explained = new double[2];
    for (int c2 = 0; c2 < 2 && c2 < d; c2++) {
      double[] v = eig.getEigenvector(order[c2]).toArray();
      int big = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(v[j]) > Math.abs(v[big]) + 1e-12) {
          big = j;
        }
      }
      double sign = v[big] < 0 ? -1 : 1;
      for (int j = 0; j < d; j++) {
        comp[c2][j] = sign * v[j];
      }
      explained[c2] = totalVar > 0 ? Math.max(values[order[c2]], 0) / totalVar : 0;
    }
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0; i < n; i++) {
      double sx = 0;
      double sy = 0;
      for (int j = 0; j < d; j++) {
        double v = data[i * d + j] - mean[j];
        sx += v * comp[0][j];
        sy += v * comp[1][j];
      }
      px[i] = sx;
      py[i] = sy;
    }
    // segment centres from all points
    int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
    double[][] centres = new double[distinct.length][2];
    long[] counts = new long[distinct.length];
    for (int i = 0; i < n; i++) {
      int ci = Arrays.binarySearch(distinct, labels[i]);
      centres[ci][0] += px[i];
      centres[ci][1] += py[i];
      counts[ci]++;
    }
    for (int ci = 0; ci < distinct.length; ci++) {
      centres[ci][0] /= counts[ci];
      centres[ci][1] /= counts[ci];
    }
    int[] keep;
    if (n <= maxPoints) {
      keep = new int[n];
      for (int i = 0; i < n; i++) {
        keep[i] = i;
      }
    } else {
      keep = Sampling.sortedSample(n, maxPoints, new SplittableRandom(seed));
    }
    double[] kx = new double[keep.length];
    double[] ky = new double[keep.length];
    int[] kl = new int[keep.length];
    for (int r = 0; r < keep.length; r++) {
      kx[r] = px[keep[r]];
      ky[r] = py[keep[r]];
      kl[r] = labels[keep[r]];
    }
    return new Projection(kx, ky, kl, explained, comp, m.names(), distinct, centres, n);
  }

  /** First coordinate of each plotted point. */
  public double[] x() {
    return x.clone();
  }

  /** Second coordinate of each plotted point (0 when there is one feature). */
  public double[] y() {
    return y.clone();
  }

  /** Label of each plotted point. */
  public int[] labels() {
    return labels.clone();
  }

  /** Share of the total variance explained by each of the two components. */
  public double[] explained() {
    return explained.clone();
  }

  /** The two components' loadings, {@code [component][feature]}. */
  public double[][] components() {
    return new double[][] {components[0].clone(), components[1].clone()};
  }

  /** The feature names, in loading order. */
  public String[] features() {
    return features.clone();
  }

  /** The labels of the segment centres, increasing. */
  public int[] centreLabels() {
    return centreLabels.clone();
  }

  /** Each segment's mean position, {@code [segment index][2]}, from all points. */
  public double[][] centres() {
    double[][] c = new double[centres.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = centres[i].clone();
    }
    return c;
  }

  /** Points plotted. */
  public int plotted() {
    return x.length;
  }

  /** Points projected (all of them). */
  public int total() {
    return total;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "Projection[PCA, %d of %d points, explained %.1f%% + %.1f%%]",
        plotted(), total, 100 * explained[0], 100 * explained[1]);
  }
}
