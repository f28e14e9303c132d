package dev.segmint.cluster;

import dev.segmint.kernel.Distances;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Initial centroids for k-means: greedy k-means++, k-means|| and random seeding, all weighted, all deterministic
 * for a seed whatever the thread count (sampling happens on the calling thread or from per-point hashes; sums are
 * reduced in block order).
 */
final class Seeding {
  private Seeding() {}

  static void seed(KMeans.Init init, KMeans.Run run, SplittableRandom rnd, long seed) {
    switch (init) {
      case K_MEANS_PLUS_PLUS -> plusPlus(run, rnd);
      case K_MEANS_PARALLEL -> parallel(run, rnd, seed);
      case RANDOM -> random(run, rnd);
    }
  }

  /**
   * Greedy k-means++: each step samples 2 + ⌊ln k⌋ candidates ∝ w·D² and keeps the one with the lowest potential.
   * One parallel pass per step computes every candidate's distances through the block kernel; sampling walks the
   * per-block masses of that pass first, so a draw scans one block, not all n points.
   */
  static void plusPlus(KMeans.Run run, SplittableRandom rnd) {
    double[] x = run.x;
    int n = run.n;
    int d = run.d;
    int k = run.k;
    Blocks blocks = run.blocks;
    int trials = 2 + (int) Math.log(k);
    // closest squared distance so far, and per trial the candidate's; the winner's array becomes `closest`
    double[][] closestHolder = {new double[n]};
    double[][] candidateClosest = new double[trials][n];
    double[] mass = new double[blocks.count];
    double[][] blockPot = new double[blocks.count][trials];
    double[][] blockDist = new double[blocks.count][];
    int first = sampleWeighted(run, null, null, 0, rnd);
    System.arraycopy(x, first * d, run.centroids, 0, d);
    double[] closest0 = closestHolder[0];
    blocks.forEach(b -> {
      double s = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        closest0[i] = KMeans.dist2(x, i * d, x, first * d, d);
        s += run.weight(i) * closest0[i];
      }
      mass[b] = s;
    });
    double potential = 0;
    for (double m : mass) {
      potential += m;
    }
    run.distances += n;
    int[] cand = new int[trials];
    double[] candRows = new double[trials * d];
    for (int c = 1; c < k; c++) {
      if (!(potential > 0)) {
        throw KMeans.tooFewDistinct(x, n, d, k);
      }
      double[] closest = closestHolder[0];
      for (int t = 0; t < trials; t++) {
        cand[t] = sampleWeighted(run, closest, mass, potential, rnd);
        System.arraycopy(x, cand[t] * d, candRows, t * d, d);
      }
      // all candidates at once: one block × candidates distance matrix per block through the kernel
      blocks.forEach(b -> {
        int from = blocks.from(b);
        int to = blocks.to(b);
        if (blockDist[b] == null) {
          blockDist[b] = new double[(to - from) * trials];
        }
        double[] dist = blockDist[b];
        Distances.squaredDistances(x, from, to, candRows, 0, trials, d, dist);
        double[] p = blockPot[b];
        Arrays.fill(p, 0);
        for (int t = 0; t < trials; t++) {
          double[] cc = candidateClosest[t];
          double s = 0;
          for (int i = from, q = t; i < to; i++, q += trials) {
            double dd = Math.min(closest[i], dist[q]);
            cc[i] = dd;
            s += run.weight(i) * dd;
          }
          p[t] = s;
        }
      });
      double[] pot = new double[trials];
      for (double[] p : blockPot) {
        for (int t = 0; t < trials; t++) {
          pot[t] += p[t];
        }
      }
      run.distances += (long) n * trials;
      int best = 0;
      for (int t = 1; t < trials; t++) {
        if (pot[t] < pot[best]) {
          best = t;
        }
      }
      System.arraycopy(x, cand[best] * d, run.centroids, c * d, d);
      closestHolder[0] = candidateClosest[best];
      candidateClosest[best] = closest;
      for (int b = 0; b < blocks.count; b++) {
        mass[b] = blockPot[b][best];
      }
      potential = pot[best];
    }
  }

  /**
   * Samples an index with probability ∝ w_i · dist_i (or ∝ w_i when {@code dist} is null). With the per-block
   * masses {@code blockMass} (Σ w·dist over each block, summed in index order; {@code total} is their sum in
   * block order) it skips whole blocks and scans one; without, it scans all points. The draw depends only on the
   * data and {@code rnd}, never on threads.
   */
  static int sampleWeighted(KMeans.Run run, double[] dist, double[] blockMass, double total, SplittableRandom rnd) {
    int n = run.n;
    if (dist == null) {
      if (run.w == null) {
        return rnd.nextInt(n);
      }
      total = 0;
      for (int i = 0; i < n; i++) {
        total += run.w[i];
      }
    }
    double r = rnd.nextDouble() * total;
    double acc = 0;
    int start = 0;
    if (blockMass != null) {
      Blocks blocks = run.blocks;
      for (int b = 0; b < blocks.count - 1 && acc + blockMass[b] <= r; b++) {
        acc += blockMass[b];
        start = blocks.to(b);
      }
    }
    int last = -1;
    for (int i = start; i < n; i++) {
      double p = run.weight(i) * (dist == null ? 1 : dist[i]);
      if (p > 0) {
        acc += p;
        last = i;
        if (acc > r) {
          return i;
        }
      }
    }
    if (last < 0) {
      // rounding left r beyond the blocks' sum: take the last point with positive mass
      for (int i = start - 1; i >= 0 && last < 0; i--) {
        if (run.weight(i) * (dist == null ? 1 : dist[i]) > 0) {
          last = i;
        }
      }
    }
    return last;
  }

  /** k distinct random rows (with positive weight). */
  static void random(KMeans.Run run, SplittableRandom rnd) {
    int n = run.n;
    int d = run.d;
    // Floyd's algorithm: k distinct indices, in a deterministic order
    java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
    for (int j = n - run.k; j < n; j++) {
      int t = rnd.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    int c = 0;
    for (int i : chosen) {
      System.arraycopy(run.x, i * d, run.centroids, c++ * d, d);
    }
  }

  /**
   * k-means|| (Bahmani et al. 2012): one uniform point, then 5 rounds in which every point joins the candidates
   * independently with probability min(1, ℓ·w·D²/ψ), ℓ = 2k; candidates are weighted by the points closest to them
   * and reduced to k centroids with weighted greedy k-means++ and a few Lloyd steps. Each point's coin comes from a
   * hash of (seed, round, index), so the candidate set is the same for any thread count.
   */
  static void parallel(KMeans.Run run, SplittableRandom rnd, long seed) {
    double[] x = run.x;
    int n = run.n;
    int d = run.d;
    int k = run.k;
    Blocks blocks = run.blocks;
    double ell = 2.0 * k;
    int rounds = 5;
    int[] cands = new int[Math.max(16, 2 * k)];
    int nc = 0;
    cands[nc++] = sampleWeighted(run, null, null, 0, rnd);
    double[] closest = new double[n];
    Arrays.fill(closest, Double.POSITIVE_INFINITY);
    int done = 0;
    for (int round = 0; round <= rounds; round++) {
      final int from = done;
      final int to = nc;
      final int[] cs = cands;
      double psi = blocks.sum(b -> {
        double s = 0;
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          double m = closest[i];
          for (int q = from; q < to; q++) {
            m = Math.min(m, KMeans.dist2(x, i * d, x, cs[q] * d, d));
          }
          closest[i] = m;
          s += run.weight(i) * m;
        }
        return s;
      });
      run.distances += (long) n * (to - from);
      done = nc;
      if (round == rounds || !(psi > 0)) {
        break;
      }
      boolean[] pick = new boolean[n];
      final int r = round;
      blocks.forEach(b -> {
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          double p = ell * run.weight(i) * closest[i] / psi;
          pick[i] = p > 0 && uniform(seed, r, i) < p;
        }
      });
      for (int i = 0; i < n; i++) {
        if (pick[i]) {
          if (nc == cands.length) {
            cands = Arrays.copyOf(cands, nc * 2);
          }
          cands[nc++] = i;
        }
      }
    }
    // weight candidates by the (weighted) points closest to them
    final int m = nc;
    final int[] cs = cands;
    double[][] partial = new double[blocks.count][];
    blocks.forEach(b -> {
      double[] wt = new double[m];
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int q = 0; q < m; q++) {
          double dd = KMeans.dist2(x, i * d, x, cs[q] * d, d);
          if (dd < bd) {
            bd = dd;
            best = q;
          }
        }
        wt[best] += run.weight(i);
      }
      partial[b] = wt;
    });
    run.distances += (long) n * m;
    double[] cw = new double[m];
    for (double[] p : partial) {
      for (int q = 0; q < m; q++) {
        cw[q] += p[q];
      }
    }
    double[] cx = new double[m * d];
    for (int q = 0; q < m; q++) {
      System.arraycopy(x, cs[q] * d, cx, q * d, d);
    }
    if (m < k) {
      throw KMeans.tooFewDistinct(x, n, d, k);
    }
    try (Blocks small = new Blocks(m, 1)) {
      KMeans.Run sub = new KMeans.Run(cx, cw, m, d, k, small, KMeans.Algorithm.LLOYD);
      plusPlus(sub, rnd);
      sub.iterate(10, 0);
      System.arraycopy(sub.centroids, 0, run.centroids, 0, k * d);
      run.distances += sub.distances;
    }
  }

  /** A uniform double in [0, 1) from (seed, round, index), via the SplitMix64 finaliser. */
  static double uniform(long seed, int round, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) round << 32) + index);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
