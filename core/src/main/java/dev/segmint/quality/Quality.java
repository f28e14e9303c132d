package dev.segmint.quality;

import dev.segmint.cluster.RowDistance;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.MatrixValues;
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
 *       segment; the score is the mean over points. Higher is better, in [−1, 1]. Exact: n(n − 1)/2 distances
 *       (each pair once), O(n²·d) time, O(n·(d + k)) memory, parallel in fixed tiles (deterministic). Several
 *       labelings of the same points (one per k) share one pass ({@link #silhouettes}).
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
    return silhouettes(m, new int[][] {labels}, threads)[0];
  }

  /**
   * The silhouette of a random sample of {@code sampleSize} non-noise points, computed among those points only
   * (scikit-learn's {@code silhouette_score(..., sample_size, random_state)}). O(s²·d).
   */
  public static Silhouette silhouetteSampled(FeatureMatrix m, int[] labels, int sampleSize, long seed, int threads) {
    return silhouettesSampled(m, new int[][] {labels}, sampleSize, seed, threads)[0];
  }

  /**
   * The exact silhouettes of several labelings of the same points (for example one per k of a k selection) in one
   * pass over the pairs: each distance ‖p − q‖ is computed once, n(n − 1)/2 in all, and added to both points'
   * segment sums of every labeling.
   * Result {@code i} is bit for bit {@link #silhouette(FeatureMatrix, int[], int) silhouette(m, labelings[i],
   * threads)}, whatever the thread count. Labelings that leave out different noise points ({@code -1}) are computed
   * in one pass per set of noise points.
   *
   * <p>Cost: n(n − 1)/2 distances, O(n²·d), once plus O(n²·L) additions for L labelings, instead of L·n² distances;
   * memory n·Σk doubles (the sums, Σk the segments of all labelings), n·L ints and a copy of the non-noise rows.
   *
   * @throws IllegalArgumentException for a labeling that does not fit the matrix, or with fewer than 2 or more than
   *     n − 1 segments (after leaving out noise); the first such labeling in order is named by its message
   */
  public static Silhouette[] silhouettes(FeatureMatrix m, int[][] labelings, int threads) {
    Labels[] ls = labelsOf(m, labelings);
    double[] x = MatrixValues.shared(m);
    Silhouette[] out = new Silhouette[ls.length];
    for (int[] group : groupsByKept(ls)) {
      Labels[] g = new Labels[group.length];
      for (int i = 0; i < group.length; i++) {
        g[i] = ls[group[i]];
      }
      Silhouette[] r = silhouettes(x, m.columns(), null, null, g, threads, 0, -1);
      for (int i = 0; i < group.length; i++) {
        out[group[i]] = r[i];
      }
    }
    return out;
  }

  /**
   * The sampled silhouettes of several labelings of the same points in one pass over the sample's pairs (see {@link
   * #silhouettes}). Labelings with the same noise points share the sample, drawn as {@link #silhouetteSampled} draws
   * it, so result {@code i} is bit for bit {@code silhouetteSampled(m, labelings[i], sampleSize, seed, threads)}.
   * Cost s(s − 1)/2 distances and O(s²·L) additions per set of noise points, s the sample size.
   */
  public static Silhouette[] silhouettesSampled(FeatureMatrix m, int[][] labelings, int sampleSize, long seed,
      int threads) {
    Labels[] ls = labelsOf(m, labelings);
    if (sampleSize < 2) {
      throw new IllegalArgumentException("sampleSize must be at least 2, got " + sampleSize);
    }
    int d = m.columns();
    double[] all = MatrixValues.shared(m);
    Silhouette[] out = new Silhouette[ls.length];
    for (int[] group : groupsByKept(ls)) {
      int[] kept = ls[group[0]].kept;
      Labels[] g = new Labels[group.length];
      Silhouette[] r;
      if (sampleSize >= kept.length) {
        for (int i = 0; i < group.length; i++) {
          g[i] = ls[group[i]];
        }
        r = silhouettes(all, d, null, null, g, threads, 0, -1);
      } else {
        int[] chosen = Sampling.sortedSample(kept, sampleSize, new SplittableRandom(seed));
        double[] x = new double[sampleSize * d];
        for (int i = 0; i < sampleSize; i++) {
          System.arraycopy(all, chosen[i] * d, x, i * d, d);
        }
        for (int i = 0; i < group.length; i++) {
          int[] labels = labelings[group[i]];
          int[] sub = new int[sampleSize];
          for (int p = 0; p < sampleSize; p++) {
            sub[p] = labels[chosen[p]];
          }
          g[i] = Labels.of(sub, sampleSize, d);
        }
        r = silhouettes(x, d, null, null, g, threads, sampleSize, seed);
      }
      for (int i = 0; i < group.length; i++) {
        out[group[i]] = r[i];
      }
    }
    return out;
  }

  /**
   * The silhouettes of several labelings of the same n customers under an algorithm's own distance ({@link
   * dev.segmint.cluster.Clustering#distances}: k-prototypes, k-medoids), in one pass over the pairs as {@link
   * #silhouettes(FeatureMatrix, int[][], int)}: each pair's
   * distance once, added to both customers' segment sums of every labeling, in the same order whatever the thread
   * count. Above {@code sampleSize} non-noise customers, on a seeded sample of that size drawn as {@link
   * #silhouetteSampled} draws it (so {@code 10_000} is the contract's sample).
   *
   * <p>Cost: s(s − 1)/2 calls of {@code distance}, s = min(non-noise customers, sampleSize), plus O(s²·L) additions;
   * memory s·Σk doubles.
   *
   * @param n the number of customers (rows the distance takes)
   * @param sampleSize customers above which the silhouette is sampled (≥ 2)
   * @throws IllegalArgumentException for a labeling that does not have n labels, or with fewer than 2 or more than
   *     n − 1 segments (after leaving out noise)
   */
  public static Silhouette[] silhouettes(int n, int[][] labelings, RowDistance distance, int sampleSize, long seed,
      int threads) {
    Objects.requireNonNull(labelings, "labelings");
    Objects.requireNonNull(distance, "distance");
    if (sampleSize < 2) {
      throw new IllegalArgumentException("sampleSize must be at least 2, got " + sampleSize);
    }
    Labels[] ls = new Labels[labelings.length];
    for (int i = 0; i < ls.length; i++) {
      ls[i] = Labels.of(labelings[i], n, 0);
    }
    Silhouette[] out = new Silhouette[ls.length];
    for (int[] group : groupsByKept(ls)) {
      int[] kept = ls[group[0]].kept;
      Labels[] g = new Labels[group.length];
      Silhouette[] r;
      if (sampleSize >= kept.length) {
        for (int i = 0; i < group.length; i++) {
          g[i] = ls[group[i]];
        }
        r = silhouettes(null, 0, kept, distance, g, threads, 0, -1);
      } else {
        int[] chosen = Sampling.sortedSample(kept, sampleSize, new SplittableRandom(seed));
        for (int i = 0; i < group.length; i++) {
          int[] labels = labelings[group[i]];
          int[] sub = new int[sampleSize];
          for (int p = 0; p < sampleSize; p++) {
            sub[p] = labels[chosen[p]];
          }
          g[i] = Labels.of(sub, sampleSize, 0);
        }
        r = silhouettes(null, 0, chosen, distance, g, threads, sampleSize, seed);
      }
      for (int i = 0; i < group.length; i++) {
        out[group[i]] = r[i];
      }
    }
    return out;
  }

  /** Every labeling checked against the matrix (in order), then the matrix's range once. */
  private static Labels[] labelsOf(FeatureMatrix m, int[][] labelings) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(labelings, "labelings");
    Labels[] ls = new Labels[labelings.length];
    for (int i = 0; i < ls.length; i++) {
      ls[i] = Labels.of(labelings[i], m.rows(), m.columns());
    }
    m.requireNumericOnly("the Euclidean quality indices");
    m.requireDistanceRange();
    return ls;
  }

  /** Indices of the labelings grouped by equal non-noise points, groups in order of their first labeling. */
  private static int[][] groupsByKept(Labels[] ls) {
    int[] group = new int[ls.length];
    int groups = 0;
    int[] first = new int[ls.length];
    for (int i = 0; i < ls.length; i++) {
      group[i] = -1;
      for (int g = 0; g < groups && group[i] < 0; g++) {
        if (Arrays.equals(ls[first[g]].kept, ls[i].kept)) {
          group[i] = g;
        }
      }
      if (group[i] < 0) {
        first[groups] = i;
        group[i] = groups++;
      }
    }
    int[][] out = new int[groups][];
    int[] count = new int[groups];
    for (int g : group) {
      count[g]++;
    }
    for (int g = 0; g < groups; g++) {
      out[g] = new int[count[g]];
      count[g] = 0;
    }
    for (int i = 0; i < ls.length; i++) {
      out[group[i]][count[group[i]]++] = i;
    }
    return out;
  }

  /**
   * The silhouette loop for labelings that leave out the same noise points ({@code ls[i].kept} all equal). It does
   * not call {@code kernel.Distances}: each pair's distance is square-rooted and added to both points' segment sums
   * of every labeling, where the kernels need contiguous rows and would first write n squared distances per point to
   * a buffer; summed in coordinate order without fused multiply-add, the score is also the same number on every
   * runtime, Panama or not.
   *
   * <p>Each unordered pair once: the points are cut into blocks of {@link #BLOCK}, and tile (I, J), I ≤ J, adds the
   * distances between blocks I and J to the sums of both. Point x of block J must receive its distances in ascending
   * order of the other point, as one pass per point would add them (so every score is that pass's number, bit for bit):
   * from tiles (0, J), (1, J), …, (J − 1, J), then (J, J), then (J, J + 1), …; within a tile, rows ascending and
   * columns ascending. Tile (I, J) therefore waits for (I − 1, J) and (I, J − 1): the tiles run in waves of equal
   * I + J, whose tiles touch disjoint blocks and run in parallel. ‖p − q‖ and ‖q − p‖ are the same double (the
   * coordinate differences only change sign), and a point's distance to itself adds 0, which is left out.
   *
   * <p>With an own {@code distance} (and {@code x} null), point p of the labelings is customer {@code rows[p]} of it.
   */
  private static Silhouette[] silhouettes(double[] x, int d, int[] rows, RowDistance distance, Labels[] ls,
      int threads, int sampleSize, long seed) {
    int labelings = ls.length;
    if (labelings == 0) {
      return new Silhouette[0];
    }
    int[] kept = ls[0].kept;
    int n = kept.length;
    int[] off = new int[labelings + 1];
    for (int j = 0; j < labelings; j++) {
      Labels l = ls[j];
      if (l.k < 2 || l.k > n - 1) {
        throw new IllegalArgumentException("the silhouette needs between 2 and n - 1 = " + (n - 1)
            + " segments, got " + l.k + "; it is not defined for a single segment or one point per segment");
      }
      off[j + 1] = off[j] + l.k;
    }
    int slots = off[labelings];
    // the non-noise rows, contiguous; per point, its segment's slot in every labeling
    double[] xs = distance != null ? null : new double[Math.multiplyExact(n, d)];
    int[] slot = new int[Math.multiplyExact(n, labelings)];
    double[] size = new double[slots];
    for (int p = 0; p < n; p++) {
      if (xs != null) {
        System.arraycopy(x, kept[p] * d, xs, p * d, d);
      }
      for (int j = 0; j < labelings; j++) {
        slot[p * labelings + j] = off[j] + ls[j].dense[kept[p]];
      }
    }
    for (int j = 0; j < labelings; j++) {
      for (int c = 0; c < ls[j].k; c++) {
        size[off[j] + c] = ls[j].sizes[c];
      }
    }
    // per point, its distance sums per segment of every labeling
    double[] sums = new double[Math.multiplyExact(n, slots)];
    int blocks = (n + BLOCK - 1) / BLOCK;
    int t = Math.max(1, Threads.resolve(threads));
    for (int wave = 0; wave <= 2 * (blocks - 1); wave++) {
      int iLo = Math.max(0, wave - (blocks - 1));
      int tiles = wave / 2 - iLo + 1;
      int tw = Math.min(t, tiles);
      final int w0 = wave;
      Runnable[] work = new Runnable[tw];
      for (int w = 0; w < tw; w++) {
        final int worker = w;
        work[w] = () -> {
          for (int i = iLo + worker; i <= w0 / 2; i += tw) {
            if (distance != null) {
              tile(rows, distance, n, i, w0 - i, slot, labelings, slots, sums);
            } else {
              tile(xs, d, n, i, w0 - i, slot, labelings, slots, sums);
            }
          }
        };
      }
      dev.segmint.internal.Workers.runAll("computing the silhouette", work);
    }
    double[][] s = new double[labelings][n];
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < labelings; j++) {
        s[j][p] = score(sums, p * slots, slot[p * labelings + j], off[j], off[j + 1], size);
      }
    }
    Silhouette[] out = new Silhouette[labelings];
    for (int j = 0; j < labelings; j++) {
      out[j] = summary(ls[j], s[j], sampleSize, seed);
    }
    return out;
  }

  /**
   * Tile (bi, bj), bi ≤ bj: for every p of block bi ascending, the distances to the q of block bj ascending (on the
   * diagonal, the q after p) are added to p's sums (of q's segment) and to q's sums (of p's segment), every labeling.
   * Four q at a time: four independent sums, each in coordinate order without fused multiply-add, as one q at a time.
   */
  private static void tile(double[] xs, int d, int n, int bi, int bj, int[] slot, int labelings, int slots,
      double[] sums) {
    int p0 = bi * BLOCK;
    int p1 = Math.min(n, p0 + BLOCK);
    int q1 = Math.min(n, bj * BLOCK + BLOCK);
    for (int p = p0; p < p1; p++) {
      int po = p * d;
      int pb = p * slots;
      int ps = p * labelings;
      int q = bi == bj ? p + 1 : bj * BLOCK;
      for (; q + 4 <= q1; q += 4) {
        int o0 = q * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        for (int j = 0; j < d; j++) {
          double v = xs[po + j];
          double t0 = v - xs[o0 + j];
          double t1 = v - xs[o1 + j];
          double t2 = v - xs[o2 + j];
          double t3 = v - xs[o3 + j];
          a0 += t0 * t0;
          a1 += t1 * t1;
          a2 += t2 * t2;
          a3 += t3 * t3;
        }
        add(Math.sqrt(a0), pb, ps, q, slot, labelings, slots, sums);
        add(Math.sqrt(a1), pb, ps, q + 1, slot, labelings, slots, sums);
        add(Math.sqrt(a2), pb, ps, q + 2, slot, labelings, slots, sums);
        add(Math.sqrt(a3), pb, ps, q + 3, slot, labelings, slots, sums);
      }
      for (; q < q1; q++) {
        int qo = q * d;
        double acc = 0;
        for (int j = 0; j < d; j++) {
          double diff = xs[po + j] - xs[qo + j];
          acc += diff * diff;
        }
        add(Math.sqrt(acc), pb, ps, q, slot, labelings, slots, sums);
      }
    }
  }

  /** {@link #tile(double[], int, int, int, int, int[], int, int, double[])} with an own distance between customers. */
  private static void tile(int[] rows, RowDistance distance, int n, int bi, int bj, int[] slot, int labelings,
      int slots, double[] sums) {
    int p0 = bi * BLOCK;
    int p1 = Math.min(n, p0 + BLOCK);
    int q1 = Math.min(n, bj * BLOCK + BLOCK);
    for (int p = p0; p < p1; p++) {
      int pb = p * slots;
      int ps = p * labelings;
      int rp = rows[p];
      for (int q = bi == bj ? p + 1 : bj * BLOCK; q < q1; q++) {
        add(distance.between(rp, rows[q]), pb, ps, q, slot, labelings, slots, sums);
      }
    }
  }

  /** Adds the distance r of p and q to p's sum of q's segment and to q's sum of p's segment, every labeling. */
  private static void add(double r, int pb, int ps, int q, int[] slot, int labelings, int slots, double[] sums) {
    int qs = q * labelings;
    int qb = q * slots;
    for (int j = 0; j < labelings; j++) {
      sums[pb + slot[qs + j]] += r;
      sums[qb + slot[ps + j]] += r;
    }
  }

  /**
   * One point's silhouette from its distance sums per segment of one labeling (slots {@code from..to} of
   * {@code sums} after {@code base}; {@code own} is its segment's slot): (b − a) / max(a, b), 0 alone in a segment.
   */
  private static double score(double[] sums, int base, int own, int from, int to, double[] size) {
    double ownSize = size[own];
    if (ownSize <= 1) {
      return 0;
    }
    double a = sums[base + own] / (ownSize - 1);
    double bMin = Double.POSITIVE_INFINITY;
    for (int c = from; c < to; c++) {
      if (c != own) {
        bMin = Math.min(bMin, sums[base + c] / size[c]);
      }
    }
    double denom = Math.max(a, bMin);
    return denom > 0 ? (bMin - a) / denom : 0;
  }

  /** The mean, per-segment and per-point silhouette of one labeling from its per-point scores (in kept order). */
  private static Silhouette summary(Labels l, double[] s, int sampleSize, long seed) {
    int n = l.kept.length;
    int k = l.k;
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
    double[] x = MatrixValues.shared(m);
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
    double[] x = MatrixValues.shared(m);
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
    double[] x = MatrixValues.shared(m);
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
      m.requireNumericOnly("the Euclidean quality indices");
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
