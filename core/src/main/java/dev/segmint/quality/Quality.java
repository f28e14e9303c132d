package dev.segmint.quality;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Sampling;
import dev.segmint.internal.Threads;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Internal quality indices of a labeling, following scikit-learn's definitions so numbers can be compared
 * directly. Noise points (label {@code -1}) are left out of every index; the {@link Silhouette} result says how
 * many were left out.
 *
 * <ul>
 *   <li>Silhouette (Rousseeuw 1987): for each point, a = mean distance to the other points of its segment, b = the
 *       smallest mean distance to the points of another segment, s = (b − a) / max(a, b), 0 for a point alone in its
 *       segment; the score is the mean over points. Higher is better, in [−1, 1]. Exact: O(n²·d) time, O(n + k)
 *       memory beyond the data, parallel in fixed blocks (deterministic).
 *   <li>Calinski–Harabasz (1974): between-segment dispersion / (k − 1) over within-segment dispersion / (n − k).
 *       Higher is better. O(n·d).
 *   <li>Davies–Bouldin (1979): mean over segments of the worst (s_i + s_j) / ‖c_i − c_j‖, with s_i the mean distance
 *       of a segment's points to its centroid. Lower is better. O(n·d + k²·d).
 * </ul>
 */
public final class Quality {

  private Quality() {}

  /** Points per parallel block. */
  private static final int BLOCK = 256;

  /** The mean silhouette over all non-noise points (exact). */
  public static double silhouette(FeatureMatrix m, int[] labels) {
    return silhouette(m, labels, Runtime.getRuntime().availableProcessors()).mean();
  }

  /**
   * The exact silhouette: per point, per segment and overall, on {@code threads} workers (0 for all processors; the
   * result does not depend on it).
   *
   * @throws IllegalArgumentException with fewer than 2 or more than n − 1 segments (after leaving out noise)
   */
  public static Silhouette silhouette(FeatureMatrix m, int[] labels, int threads) {
    Labels l = Labels.of(m, labels);
    double[] x = m.toFlatArray();
    return silhouette(x, m.columns(), l, threads, 0, -1);
  }

  /**
   * The silhouette of a random sample of {@code sampleSize} non-noise points, computed among those points only
   * (scikit-learn's {@code silhouette_score(..., sample_size, random_state)}). O(s²·d).
   */
  public static Silhouette silhouetteSampled(FeatureMatrix m, int[] labels, int sampleSize, long seed, int threads) {
    Labels l = Labels.of(m, labels);
    if (sampleSize < 2) {
      throw new IllegalArgumentException("sampleSize must be at least 2, got " + sampleSize);
    }
    if (sampleSize >= l.kept.length) {
      return silhouette(m.toFlatArray(), m.columns(), l, threads, 0, -1);
    }
    int[] chosen = Sampling.sortedSample(l.kept, sampleSize, new SplittableRandom(seed));
    int d = m.columns();
    double[] all = m.toFlatArray();
    double[] x = new double[sampleSize * d];
    int[] sub = new int[sampleSize];
    for (int i = 0; i < sampleSize; i++) {
      System.arraycopy(all, chosen[i] * d, x, i * d, d);
      sub[i] = labels[chosen[i]];
    }
    Labels sl = Labels.of(sub, sampleSize, d);
    return silhouette(x, d, sl, threads, sampleSize, seed);
  }

  /**
   * The silhouette loop. It does not call {@code kernel.Distances}: each pair's distance is square-rooted and added
   * to the other point's segment sum in the same pass over the non-noise points (reached through {@code l.kept}),
   * in O(k) memory per worker, where the kernels need contiguous rows and would first write n squared distances per
   * point to a buffer; summed in coordinate order without fused multiply-add, the score is also the same number on
   * every runtime, Panama or not.
   */
  private static Silhouette silhouette(double[] x, int d, Labels l, int threads, int sampleSize, long seed) {
    int n = l.kept.length;
    int k = l.k;
    if (k < 2 || k > n - 1) {
      throw new IllegalArgumentException("the silhouette needs between 2 and n - 1 = " + (n - 1)
          + " segments, got " + k + "; it is not defined for a single segment or one point per segment");
    }
    double[] s = new double[n];
    int blocks = (n + BLOCK - 1) / BLOCK;
    int t = Math.max(1, Math.min(Threads.resolve(threads), blocks));
    Runnable[] work = new Runnable[t];
    for (int w = 0; w < t; w++) {
      final int worker = w;
      work[w] = () -> {
        double[] sums = new double[k];
        for (int b = worker; b < blocks; b += t) {
          for (int p = b * BLOCK; p < Math.min(n, (b + 1) * BLOCK); p++) {
            Arrays.fill(sums, 0);
            int pi = l.kept[p];
            int po = pi * d;
            for (int q = 0; q < n; q++) {
              int qi = l.kept[q];
              double acc = 0;
              int qo = qi * d;
              for (int j = 0; j < d; j++) {
                double diff = x[po + j] - x[qo + j];
                acc += diff * diff;
              }
              sums[l.dense[qi]] += Math.sqrt(acc);
            }
            int own = l.dense[pi];
            long ownSize = l.sizes[own];
            if (ownSize <= 1) {
              s[p] = 0;
              continue;
            }
            double a = sums[own] / (ownSize - 1);
            double bMin = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
              if (c != own) {
                bMin = Math.min(bMin, sums[c] / l.sizes[c]);
              }
            }
            double denom = Math.max(a, bMin);
            s[p] = denom > 0 ? (bMin - a) / denom : 0;
          }
        }
      };
    }
    dev.segmint.internal.Workers.runAll("computing the silhouette", work);
    double total = 0;
    double[] segSum = new double[k];
    for (int p = 0; p < n; p++) {
      total += s[p];
      segSum[l.dense[l.kept[p]]] += s[p];
    }
    double[] perSegment = new double[k];
    for (int c = 0; c < k; c++) {
      perSegment[c] = segSum[c] / l.sizes[c];
    }
    double[] perPoint = new double[l.n];
    Arrays.fill(perPoint, Double.NaN);
    for (int p = 0; p < n; p++) {
      perPoint[l.kept[p]] = s[p];
    }
    return new Silhouette(total / n, perSegment, l.segmentIds, perPoint, l.n - n, sampleSize, seed);
  }


  /** Calinski–Harabasz index (scikit-learn's definition; 1.0 when the within dispersion is 0). */
  public static double calinskiHarabasz(FeatureMatrix m, int[] labels) {
    Labels l = Labels.of(m, labels);
    int n = l.kept.length;
    int k = l.k;
    if (k < 2 || k > n - 1) {
      throw new IllegalArgumentException("Calinski–Harabasz needs between 2 and n - 1 segments, got " + k);
    }
    int d = m.columns();
    double[] x = m.toFlatArray();
    double[] mean = new double[d];
    double[] cent = l.centroids(x, d);
    for (int p : l.kept) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[p * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double between = 0;
    for (int c = 0; c < k; c++) {
      double dd = 0;
      for (int j = 0; j < d; j++) {
        double t = cent[c * d + j] - mean[j];
        dd += t * t;
      }
      between += l.sizes[c] * dd;
    }
    double within = 0;
    for (int p : l.kept) {
      int c = l.dense[p];
      for (int j = 0; j < d; j++) {
        double t = x[p * d + j] - cent[c * d + j];
        within += t * t;
      }
    }
    return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1));
  }

  /** Davies–Bouldin index (scikit-learn's definition; 0 when all centroids coincide). */
  public static double daviesBouldin(FeatureMatrix m, int[] labels) {
    Labels l = Labels.of(m, labels);
    int k = l.k;
    if (k < 2 || k > l.kept.length - 1) {
      throw new IllegalArgumentException("Davies–Bouldin needs between 2 and n - 1 segments, got " + k);
    }
    int d = m.columns();
    double[] x = m.toFlatArray();
    double[] cent = l.centroids(x, d);
    double[] intra = new double[k];
    for (int p : l.kept) {
      int c = l.dense[p];
      double dd = 0;
      for (int j = 0; j < d; j++) {
        double t = x[p * d + j] - cent[c * d + j];
        dd += t * t;
      }
      intra[c] += Math.sqrt(dd);
    }
    for (int c = 0; c < k; c++) {
      intra[c] /= l.sizes[c];
    }
    double total = 0;
    boolean allZero = true;
    for (int a = 0; a < k; a++) {
      double worst = 0;
      for (int b = 0; b < k; b++) {
        if (a == b) {
          continue;
        }
        double dd = 0;
        for (int j = 0; j < d; j++) {
          double t = cent[a * d + j] - cent[b * d + j];
          dd += t * t;
        }
        double dist = Math.sqrt(dd);
        if (dist > 0) {
          allZero = false;
          worst = Math.max(worst, (intra[a] + intra[b]) / dist);
        }
      }
      total += worst;
    }
    return allZero ? 0.0 : total / k;
  }

  /** Sum of squared distances of the non-noise points to their segment's mean. */
  public static double inertia(FeatureMatrix m, int[] labels) {
    Labels l = Labels.of(m, labels);
    int d = m.columns();
    double[] x = m.toFlatArray();
    double[] cent = l.centroids(x, d);
    double s = 0;
    for (int p : l.kept) {
      int c = l.dense[p];
      for (int j = 0; j < d; j++) {
        double t = x[p * d + j] - cent[c * d + j];
        s += t * t;
      }
    }
    return s;
  }

  /** Labels mapped to dense 0..k-1 (in increasing label order), noise left out. */
  static final class Labels {
    final int n;
    final int[] kept;
    final int[] dense;   // per original point; -1 for noise
    final long[] sizes;
    final int[] segmentIds;
    final int k;

    private Labels(int n, int[] kept, int[] dense, long[] sizes, int[] segmentIds) {
      this.n = n;
      this.kept = kept;
      this.dense = dense;
      this.sizes = sizes;
      this.segmentIds = segmentIds;
      this.k = sizes.length;
    }

    static Labels of(FeatureMatrix m, int[] labels) {
      Objects.requireNonNull(m, "m");
      Labels l = of(labels, m.rows(), m.columns());
      m.requireDistanceRange();
      return l;
    }

    static Labels of(int[] labels, int n, int d) {
      Objects.requireNonNull(labels, "labels");
      if (labels.length != n) {
        throw new IllegalArgumentException("there are " + labels.length + " labels for " + n + " points; give one label "
            + "per row of the feature matrix, in its order");
      }
      int max = -1;
      for (int i = 0; i < n; i++) {
        if (labels[i] < -1) {
          throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is invalid: labels are ≥ 0, or -1 for noise");
        }
        max = Math.max(max, labels[i]);
      }
      int[] map = new int[max + 1];
      Arrays.fill(map, -1);
      int kept = 0;
      for (int l : labels) {
        if (l >= 0) {
          map[l] = 0;
          kept++;
        }
      }
      int k = 0;
      int[] ids = new int[max + 1];
      for (int l = 0; l <= max; l++) {
        if (map[l] == 0) {
          ids[k] = l;
          map[l] = k++;
        }
      }
      int[] keptIdx = new int[kept];
      int[] dense = new int[n];
      long[] sizes = new long[k];
      int q = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] >= 0) {
          keptIdx[q++] = i;
          dense[i] = map[labels[i]];
          sizes[dense[i]]++;
        } else {
          dense[i] = -1;
        }
      }
      return new Labels(n, keptIdx, dense, sizes, Arrays.copyOf(ids, k));
    }

    double[] centroids(double[] x, int d) {
      double[] c = new double[k * d];
      for (int p : kept) {
        int s = dense[p];
        for (int j = 0; j < d; j++) {
          c[s * d + j] += x[p * d + j];
        }
      }
      for (int s = 0; s < k; s++) {
        for (int j = 0; j < d; j++) {
          c[s * d + j] /= sizes[s];
        }
      }
      return c;
    }
  }
}
