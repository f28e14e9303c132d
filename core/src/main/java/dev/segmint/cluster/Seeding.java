package dev.segmint.cluster;

import dev.segmint.kernel.Distances;
import dev.segmint.kernel.PackedPoints;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Initial centroids for k-means: greedy k-means++, k-means|| and random seeding, all weighted, all deterministic
 * for a seed whatever the thread count (sampling happens on the calling thread or from per-point hashes; sums are
 * reduced in block order).
 */
final class Seeding {
  private Seeding() {}

  static void seed(KMeans.Init init, KMeansRun run, SplittableRandom rnd, long seed) {
    switch (init) {
      case K_MEANS_PLUS_PLUS -> plusPlus(run, rnd);
      case K_MEANS_PARALLEL -> parallel(run, rnd, seed);
      case RANDOM -> random(run, rnd);
    }
  }

  /**
   * Greedy k-means++: each step samples 2 + ⌊ln k⌋ candidates ∝ w·D² and keeps the one with the lowest potential.
   * One parallel pass per step reads each block once: in pieces of {@value #PIECE} points, one points × columns
   * block-distance call (columns: the centroid chosen at the previous step, then the candidates) into a small
   * per-thread buffer; the previous centroid is folded into the closest distances and every candidate's potential
   * is accumulated, and nothing per candidate and point is stored. Sampling walks the per-block masses of that
   * pass and scans one block, folding the previous centroid into that block first. The same draws, distances and
   * sums as computing every candidate's distances in full: the kernels give each pair the same bits whatever the
   * block shape, and each potential is summed in index order.
   */
  static void plusPlus(KMeansRun run, SplittableRandom rnd) {
    double[] x = run.x;
    int n = run.n;
    int d = run.d;
    int k = run.k;
    Blocks blocks = run.blocks;
    int trials = 2 + (int) Math.log(k);
    int cols = trials + 1;
    // closest squared distance to the centroids chosen so far, except the last one in blocks marked stale
    double[] closest = new double[n];
    boolean[] stale = new boolean[blocks.count];
    // rows [0, d): the centroid chosen last; then one row per candidate
    double[] rows = new double[cols * d];
    double[] mass = new double[blocks.count];
    double[][] blockPot = new double[blocks.count][trials];
    int first = sampleWeighted(run, null, null, 0, rnd);
    System.arraycopy(x, first * d, run.centroids, 0, d);
    PackedPoints[] packed = run.packed;
    blocks.forEach(b -> {
      double s = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        closest[i] = KMeansRun.dist2(x, i * d, x, first * d, d);
        s += run.weight(i) * closest[i];
      }
      mass[b] = s;
      if (packed != null && packed[b] == null) {
        packed[b] = PackedPoints.of(x, blocks.from(b), blocks.to(b), d);
      }
    });
    double potential = 0;
    for (double m : mass) {
      potential += m;
    }
    run.distances += n;
    int[] cand = new int[trials];
    double[] foldBuffer = new double[Math.min(n, Blocks.SIZE)];
    long[] folded = new long[1];
    IntConsumer freshen = b -> {
      if (stale[b]) {
        int from = blocks.from(b);
        int to = blocks.to(b);
        if (packed != null) {
          Distances.squaredDistances(packed[b], 0, to - from, rows, 0, 1, foldBuffer);
        } else {
          Distances.squaredDistances(x, from, to, rows, 0, 1, d, foldBuffer);
        }
        for (int i = from; i < to; i++) {
          closest[i] = Math.min(closest[i], foldBuffer[i - from]);
        }
        stale[b] = false;
        folded[0] += to - from;
      }
    };
    for (int c = 1; c < k; c++) {
      if (!(potential > 0)) {
        throw KMeans.tooFewDistinct(x, n, d, k);
      }
      for (int t = 0; t < trials; t++) {
        cand[t] = sampleWeighted(run, closest, mass, potential, rnd, freshen);
        System.arraycopy(x, cand[t] * d, rows, (t + 1) * d, d);
      }
      for (int b = 0; b < blocks.count; b++) {
        if (stale[b]) {
          folded[0] += blocks.to(b) - blocks.from(b);
        }
      }
      blocks.forEach(() -> new double[PIECE * cols], (buf, b) -> {
        boolean fold = stale[b];
        int c0 = fold ? 0 : 1;
        int width = cols - c0;
        double[] p = blockPot[b];
        Arrays.fill(p, 0);
        int bf = blocks.from(b);
        for (int from = bf, to = blocks.to(b); from < to; from += PIECE) {
          int end = Math.min(to, from + PIECE);
          // distance of point from + q to column c0 + j at buf[q·ps + j·cs]
          int ps;
          int cs;
          if (packed != null) {
            Distances.squaredDistances(packed[b], from - bf, end - bf, rows, c0, cols, buf);
            ps = 1;
            cs = end - from;
          } else {
            Distances.squaredDistances(x, from, end, rows, c0, cols, d, buf);
            ps = width;
            cs = 1;
          }
          if (fold) {
            for (int i = from, q = 0; i < end; i++, q += ps) {
              closest[i] = Math.min(closest[i], buf[q]);
            }
          }
          // each candidate's potential in index order (the same sums as one pass per candidate); four at a time
          for (int t0 = 0; t0 < trials; t0 += 4) {
            int o0 = (t0 + 1 - c0) * cs;
            int o1 = o0 + (t0 + 1 < trials ? cs : 0);
            int o2 = o0 + (t0 + 2 < trials ? 2 * cs : 0);
            int o3 = o0 + (t0 + 3 < trials ? 3 * cs : 0);
            // columns past the last candidate repeat the first one; their sums are dropped
            double s0 = p[t0];
            double s1 = t0 + 1 < trials ? p[t0 + 1] : 0;
            double s2 = t0 + 2 < trials ? p[t0 + 2] : 0;
            double s3 = t0 + 3 < trials ? p[t0 + 3] : 0;
            for (int i = from, q = 0; i < end; i++, q += ps) {
              double ci = closest[i];
              double wi = run.weight(i);
              s0 += wi * Math.min(ci, buf[q + o0]);
              s1 += wi * Math.min(ci, buf[q + o1]);
              s2 += wi * Math.min(ci, buf[q + o2]);
              s3 += wi * Math.min(ci, buf[q + o3]);
            }
            p[t0] = s0;
            if (t0 + 1 < trials) {
              p[t0 + 1] = s1;
            }
            if (t0 + 2 < trials) {
              p[t0 + 2] = s2;
            }
            if (t0 + 3 < trials) {
              p[t0 + 3] = s3;
            }
          }
        }
        stale[b] = false;
      });
      double[] pot = new double[trials];
      for (double[] p : blockPot) {
        for (int t = 0; t < trials; t++) {
          pot[t] += p[t];
        }
      }
      run.distances += (long) n * trials + folded[0];
      folded[0] = 0;
      int best = 0;
      for (int t = 1; t < trials; t++) {
        if (pot[t] < pot[best]) {
          best = t;
        }
      }
      System.arraycopy(x, cand[best] * d, run.centroids, c * d, d);
      System.arraycopy(x, cand[best] * d, rows, 0, d);
      Arrays.fill(stale, true);
      for (int b = 0; b < blocks.count; b++) {
        mass[b] = blockPot[b][best];
      }
      potential = pot[best];
    }
  }

  /** Points per piece of a block in a k-means++ pass: the piece's distances to the columns stay in L1. */
  static final int PIECE = 256;

  /** {@link #sampleWeighted(KMeansRun, double[], double[], double, SplittableRandom, IntConsumer)} without hook. */
  static int sampleWeighted(KMeansRun run, double[] dist, double[] blockMass, double total, SplittableRandom rnd) {
    return sampleWeighted(run, dist, blockMass, total, rnd, null);
  }

  /**
   * Samples an index with probability ∝ w_i · dist_i (or ∝ w_i when {@code dist} is null). With the per-block
   * masses {@code blockMass} (Σ w·dist over each block, summed in index order; {@code total} is their sum in
   * block order) it skips whole blocks and scans one; without, it scans all points. The draw depends only on the
   * data and {@code rnd}, never on threads. {@code prepare}, when not null, is called with each block's index
   * before the scan reads {@code dist} in it (k-means++ brings a block's distances up to date there).
   */
  static int sampleWeighted(KMeansRun run, double[] dist, double[] blockMass, double total, SplittableRandom rnd,
      IntConsumer prepare) {
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
      if (prepare != null && (i == start || i % Blocks.SIZE == 0)) {
        prepare.accept(i / Blocks.SIZE);
      }
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
        if (prepare != null && (i + 1) % Blocks.SIZE == 0) {
          prepare.accept(i / Blocks.SIZE);
        }
        if (run.weight(i) * (dist == null ? 1 : dist[i]) > 0) {
          last = i;
        }
      }
    }
    return last;
  }

  /** k distinct random rows (with positive weight). */
  static void random(KMeansRun run, SplittableRandom rnd) {
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
  static void parallel(KMeansRun run, SplittableRandom rnd, long seed) {
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
            m = Math.min(m, KMeansRun.dist2(x, i * d, x, cs[q] * d, d));
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
          double dd = KMeansRun.dist2(x, i * d, x, cs[q] * d, d);
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
      KMeansRun sub = new LloydRun(cx, cw, m, d, k, small, null);
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
