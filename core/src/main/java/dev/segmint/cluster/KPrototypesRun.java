package dev.segmint.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The state of one k-prototypes seeding and its iterations: the numeric values and level codes (read in place), the
 * prototypes (numeric centres and modes), the labels, Hamerly's bounds, the per-block numeric sums and the level
 * counts. {@link KPrototypes#fit} creates one per seeding and keeps the run with the lowest cost.
 *
 * <p>Cost of customer i to prototype p: {@code ‖x_i − μ_p‖² + γ · #{j : code_ij ≠ mode_pj}}, where a missing code
 * ({@code -1}) mismatches every mode and a mode {@code -1} ("no level": only when no member of the segment ever had
 * a level of that feature) mismatches every code. This is the squared Euclidean distance in an implicit space where
 * each categorical value is a one-hot vector scaled by √(γ/2) (a missing value and "no level" each a direction of
 * their own), so the triangle inequality holds for √cost and Hamerly's bounds apply. Codes are read as shorts and
 * never expanded.
 *
 * <p>Determinism: numeric sums are kept per block and reduced in block order (as k-means); level counts are integers
 * updated by per-thread deltas, exact in any order; sampling happens on the driving thread. The same seed gives the
 * same labels and prototypes for any thread count.
 */
final class KPrototypesRun {

  /** Bounds are widened by this relative margin so that rounding can never make a skip wrong. */
  static final double SLACK = 1e-12;

  final double[] x;
  final short[] codes;
  final int n;
  final int d;
  final int c;
  final int k;
  final double gamma;
  final Blocks blocks;
  final boolean bounds;
  /** Start of categorical feature j's levels in a row of {@link #levelCounts}; the row has {@link #levelRow} slots. */
  final int[] levelOffset;
  final int[] levelSize;
  final int levelRow;

  /** Numeric centres, {@code k × d} row-major. */
  double[] centers;
  /** Modes, {@code k × c} row-major, codes of the training levels ({@code -1}: no level). */
  int[] modes;
  final int[] labels;
  /** Members of each prototype per level: {@code k × levelRow}. */
  final int[] levelCounts;
  final double[][] blockSums;
  final int[][] blockSizes;
  final long[] blockDistances;
  final long[] blockSaved;
  private double[] upper;
  private double[] lower;
  private final double[] half;
  private final ConcurrentLinkedQueue<Scratch> freeScratch = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Scratch> usedScratch = new ConcurrentLinkedQueue<>();

  long distances;
  /** Costs the bounds saved: Lloyd's n·k per assignment step minus those computed. */
  long saved;
  int iterations;
  boolean converged;
  double numericCost;
  double categoricalCost;

  KPrototypesRun(double[] x, short[] codes, int n, int d, int c, int[] levelSize, int k, double gamma, Blocks blocks,
      boolean bounds) {
    this.x = x;
    this.codes = codes;
    this.n = n;
    this.d = d;
    this.c = c;
    this.k = k;
    this.gamma = gamma;
    this.blocks = blocks;
    this.bounds = bounds;
    this.levelSize = levelSize;
    this.levelOffset = new int[c];
    int row = 0;
    for (int j = 0; j < c; j++) {
      levelOffset[j] = row;
      row += levelSize[j];
    }
    this.levelRow = row;
    this.centers = new double[k * d];
    this.modes = new int[k * c];
    this.labels = new int[n];
    Arrays.fill(labels, -1);
    this.levelCounts = new int[k * row];
    this.blockSums = new double[blocks.count][];
    this.blockSizes = new int[blocks.count][];
    this.blockDistances = new long[blocks.count];
    this.blockSaved = new long[blocks.count];
    this.half = new double[k];
  }

  // ------------------------------------------------------------------------------------------------ costs

  /** Mismatches of customer i against the modes {@code md} of prototype p (missing and "no level" mismatch). */
  final int mismatches(int i, int[] md, int p) {
    return mismatches(codes, i * c, md, p * c, c);
  }

  /** Mismatches of the codes at {@code codes[co, co + c)} against the modes at {@code md[mo, mo + c)}. */
  static int mismatches(short[] codes, int co, int[] md, int mo, int c) {
    int m = 0;
    for (int j = 0; j < c; j++) {
      int code = codes[co + j];
      if (code < 0 || code != md[mo + j]) {
        m++;
      }
    }
    return m;
  }

  /** The cost of customer i to prototype p of ({@code ctr}, {@code md}). */
  final double cost(int i, double[] ctr, int[] md, int p) {
    return cost(x, codes, i, ctr, md, p, d, c, gamma);
  }

  /**
   * The cost of row i of ({@code x}, {@code codes}) to prototype p of ({@code ctr}, {@code md}): the one formula the
   * fit and {@code predict} use, so both give the same bits.
   */
  static double cost(double[] x, short[] codes, int i, double[] ctr, int[] md, int p, int d, int c, double gamma) {
    double s = d == 0 ? 0 : SquaredDistances.between(x, i * d, ctr, p * d, d);
    return s + gamma * mismatches(codes, i * c, md, p * c, c);
  }

  /** The cost between customers i and q (a prototype made of customer q). */
  final double pointCost(int i, int q) {
    double s = d == 0 ? 0 : SquaredDistances.between(x, i * d, x, q * d, d);
    int m = 0;
    for (int j = 0; j < c; j++) {
      int a = codes[i * c + j];
      if (a < 0 || a != codes[q * c + j]) {
        m++;
      }
    }
    return s + gamma * m;
  }

  /** Squared distance between two prototypes in the implicit space (equal modes, "no level" included, match). */
  static double prototypeCost(double[] ca, int[] ma, int a, double[] cb, int[] mb, int b, int d, int c, double gamma) {
    double s = d == 0 ? 0 : SquaredDistances.between(ca, a * d, cb, b * d, d);
    int m = 0;
    for (int j = 0; j < c; j++) {
      if (ma[a * c + j] != mb[b * c + j]) {
        m++;
      }
    }
    return s + gamma * m;
  }

  // ------------------------------------------------------------------------------------------------ seeding

  /** Makes prototype {@code p} a copy of customer {@code i} (its values and its codes; a missing code: no level). */
  final void setPrototype(int p, int i) {
    if (d > 0) {
      System.arraycopy(x, i * d, centers, p * d, d);
    }
    for (int j = 0; j < c; j++) {
      modes[p * c + j] = codes[i * c + j];
    }
  }

  /**
   * Greedy k-means++ with the mixed cost: a uniform first customer, then per step 2 + ⌊ln k⌋ candidates drawn ∝ the
   * cost to the closest prototype so far, keeping the one that lowers the total cost most (scikit-learn's rule).
   * Draws on the calling thread; potentials per block, summed in block order. O(n·k·(2 + ln k)·(d + c)).
   */
  void seed(SplittableRandom rnd) {
    int trials = 2 + (int) Math.log(k);
    double[] closest = new double[n];
    int first = rnd.nextInt(n);
    setPrototype(0, first);
    blocks.forEach(b -> {
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        closest[i] = pointCost(i, first);
      }
    });
    distances += n;
    int[] cand = new int[trials];
    double[][] blockPot = new double[blocks.count][];
    for (int p = 1; p < k; p++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += closest[i];
      }
      if (!(total > 0)) {
        throw tooFewDistinct(p);
      }
      for (int t = 0; t < trials; t++) {
        cand[t] = sample(closest, total, rnd);
      }
      blocks.forEach(b -> {
        double[] pot = new double[trials];
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          for (int t = 0; t < trials; t++) {
            pot[t] += Math.min(closest[i], pointCost(i, cand[t]));
          }
        }
        blockPot[b] = pot;
      });
      double[] pot = new double[trials];
      for (double[] bp : blockPot) {
        for (int t = 0; t < trials; t++) {
          pot[t] += bp[t];
        }
      }
      int best = 0;
      for (int t = 1; t < trials; t++) {
        if (pot[t] < pot[best]) {
          best = t;
        }
      }
      int chosen = cand[best];
      setPrototype(p, chosen);
      blocks.forEach(b -> {
        for (int i = blocks.from(b); i < blocks.to(b); i++) {
          closest[i] = Math.min(closest[i], pointCost(i, chosen));
        }
      });
      distances += (long) n * (trials + 1);
    }
  }

  /** A customer drawn with probability ∝ {@code weight[i]}; scans in index order (the same for any thread count). */
  private int sample(double[] weight, double total, SplittableRandom rnd) {
    double r = rnd.nextDouble() * total;
    double acc = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      double w = weight[i];
      if (w > 0) {
        acc += w;
        last = i;
        if (acc > r) {
          return i;
        }
      }
    }
    return last;
  }

  private IllegalArgumentException tooFewDistinct(int found) {
    return new IllegalArgumentException("the data has only " + found + " distinct customers (numeric values and "
        + "levels together), fewer than k = " + k + " segments; choose a smaller k or check for constant or "
        + "duplicated features");
  }

  // ------------------------------------------------------------------------------------------------ iterations

  /**
   * The iteration template (as k-means): a full assignment, then up to {@code maxIter} prototype updates each followed
   * by an assignment step, until the total squared prototype shift is at most {@code tolAbs} (the labels are then
   * brought up to date with one more step) or no label changes; then the final costs.
   */
  void iterate(int maxIter, double tolAbs) {
    if (bounds) {
      upper = new double[n];
      lower = new double[n];
    }
    assign(null);
    double[] move = new double[k];
    boolean stale = false;
    for (int it = 1; it <= maxIter; it++) {
      double[] nextCenters = new double[k * d];
      int[] nextModes = new int[k * c];
      update(nextCenters, nextModes);
      double shift = 0;
      for (int p = 0; p < k; p++) {
        double m2 = prototypeCost(nextCenters, nextModes, p, centers, modes, p, d, c, gamma);
        move[p] = Math.sqrt(m2);
        shift += m2;
      }
      distances += k;
      centers = nextCenters;
      modes = nextModes;
      iterations = it;
      if (shift <= tolAbs) {
        converged = true;
        stale = true;
        break;
      }
      if (assign(move) == 0) {
        converged = true;
        break;
      }
    }
    if (stale) {
      assign(move);
    }
    finish();
  }

  /** Drops the bounds of a finished run (a fit keeps the best run's labels and prototypes only). */
  void trim() {
    upper = null;
    lower = null;
  }

  /**
   * One assignment step: every customer's nearest prototype (ties: the lowest index). {@code move == null} is the
   * first step: every cost computed, bounds initialised. Otherwise, with bounds, a customer whose upper bound is below
   * both its lower bound and half the distance from its prototype to the nearest other keeps its label without a
   * cost; the others are tightened with one cost and, if still in doubt, compared with every prototype. Returns the
   * number of changed labels; block sums and level counts follow the labels.
   */
  int assign(double[] move) {
    boolean full = move == null || !bounds;
    int argMax = 0;
    double max1 = 0;
    double max2 = 0;
    if (!full) {
      separation();
      for (int p = 1; p < k; p++) {
        if (move[p] > move[argMax]) {
          argMax = p;
        }
      }
      max1 = move[argMax];
      for (int p = 0; p < k; p++) {
        if (p != argMax) {
          max2 = Math.max(max2, move[p]);
        }
      }
    }
    final int am = argMax;
    final double m1 = max1;
    final double m2 = max2;
    final boolean init = move == null;
    int[] changed = new int[blocks.count];
    double[] ctrT = transpose(centers, k, d);
    int[] mdT = transpose(modes, k, c);
    blocks.forEach(this::takeScratch, (scratch, b) -> {
      int[] delta = scratch.delta;
      int from = blocks.from(b);
      int to = blocks.to(b);
      int ch = 0;
      long dc = 0;
      for (int i = from; i < to; i++) {
        int a = labels[i];
        if (!full) {
          double u = (upper[i] + move[a]) * (1 + SLACK);
          double l = (lower[i] - (a == am ? m2 : m1)) * (1 - SLACK);
          double m = Math.max(half[a], l);
          upper[i] = u;
          lower[i] = l;
          if (u < m) {
            continue;
          }
          u = Math.sqrt(cost(i, centers, modes, a)) * (1 + SLACK);
          dc++;
          upper[i] = u;
          if (u < m) {
            continue;
          }
        }
        int best = 0;
        double b1 = Double.POSITIVE_INFINITY;
        double b2 = Double.POSITIVE_INFINITY;
        double[] all = costsToAll(i, ctrT, mdT, scratch);
        for (int p = 0; p < k; p++) {
          double cp = all[p];
          if (cp < b1) {
            b2 = b1;
            b1 = cp;
            best = p;
          } else if (cp < b2) {
            b2 = cp;
          }
        }
        dc += k;
        if (bounds) {
          upper[i] = Math.sqrt(b1) * (1 + SLACK);
          lower[i] = Math.sqrt(b2) * (1 - SLACK);
        }
        if (best != a) {
          ch++;
          moveCounts(delta, i, a, best);
          labels[i] = best;
        }
      }
      if (ch > 0 || init) {
        sumBlock(b);
      }
      changed[b] = ch;
      blockDistances[b] += dc;
      blockSaved[b] += (long) (to - from) * k - dc;
    });
    mergeDeltas();
    for (int b = 0; b < blocks.count; b++) {
      distances += blockDistances[b];
      saved += blockSaved[b];
      blockDistances[b] = 0;
      blockSaved[b] = 0;
    }
    int total = 0;
    for (int ch : changed) {
      total += ch;
    }
    return total;
  }

  /** Half the distance from each prototype to its nearest other prototype. */
  private void separation() {
    Arrays.fill(half, Double.POSITIVE_INFINITY);
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double dd = 0.5 * Math.sqrt(prototypeCost(centers, modes, a, centers, modes, b, d, c, gamma));
        half[a] = Math.min(half[a], dd);
        half[b] = Math.min(half[b], dd);
      }
    }
    distances += (long) k * (k - 1) / 2;
  }

  /**
   * One thread's buffers for a pass: its level-count delta ({@code k × levelRow} ints) and the costs of one customer
   * to every prototype; reused across passes.
   */
  static final class Scratch {
    final int[] delta;
    final double[] cost;
    final int[] mismatches;

    Scratch(int k, int levelRow) {
      delta = new int[k * levelRow];
      cost = new double[k];
      mismatches = new int[k];
    }
  }

  private Scratch takeScratch() {
    Scratch s = freeScratch.poll();
    if (s == null) {
      s = new Scratch(k, levelRow);
    }
    usedScratch.add(s);
    return s;
  }

  /** Adds the threads' level-count deltas to {@link #levelCounts} (integers: exact in any order) and clears them. */
  private void mergeDeltas() {
    for (Scratch s; (s = usedScratch.poll()) != null; ) {
      int[] delta = s.delta;
      for (int q = 0; q < delta.length; q++) {
        levelCounts[q] += delta[q];
      }
      Arrays.fill(delta, 0);
      freeScratch.add(s);
    }
  }

  /** {@code rows × cols} row-major → {@code cols × rows} row-major. */
  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < cols; q++) {
        t[q * rows + r] = a[r * cols + q];
      }
    }
    return t;
  }

  static int[] transpose(int[] a, int rows, int cols) {
    int[] t = new int[a.length];
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < cols; q++) {
        t[q * rows + r] = a[r * cols + q];
      }
    }
    return t;
  }

  /**
   * The costs of customer i to every prototype into {@code s.cost}, from the prototypes transposed ({@code ctrT}
   * {@code d × k}, {@code mdT} {@code c × k}): feature by feature for all k prototypes at once, so the k sums are
   * independent (and the JIT can vectorize them), while each prototype's sum takes exactly the steps of {@link
   * #cost(int, double[], int[], int)} in the same order: the same bits.
   */
  final double[] costsToAll(int i, double[] ctrT, int[] mdT, Scratch s) {
    double[] out = s.cost;
    int[] mis = s.mismatches;
    Arrays.fill(out, 0);
    Arrays.fill(mis, 0);
    int xo = i * d;
    for (int j = 0; j < d; j++) {
      double v = x[xo + j];
      int o = j * k;
      for (int p = 0; p < k; p++) {
        double t = v - ctrT[o + p];
        out[p] += t * t;
      }
    }
    int co = i * c;
    for (int j = 0; j < c; j++) {
      int code = codes[co + j];
      int o = j * k;
      if (code < 0) {
        for (int p = 0; p < k; p++) {
          mis[p]++;
        }
      } else {
        for (int p = 0; p < k; p++) {
          mis[p] += code != mdT[o + p] ? 1 : 0;
        }
      }
    }
    for (int p = 0; p < k; p++) {
      out[p] += gamma * mis[p];
    }
    return out;
  }

  private void moveCounts(int[] delta, int i, int from, int to) {
    for (int j = 0; j < c; j++) {
      int code = codes[i * c + j];
      if (code >= 0) {
        int slot = levelOffset[j] + code;
        if (from >= 0) {
          delta[from * levelRow + slot]--;
        }
        delta[to * levelRow + slot]++;
      }
    }
  }

  /** Recomputes block b's numeric sums and sizes per prototype from the labels. */
  private void sumBlock(int b) {
    double[] s = blockSums[b];
    int[] sz = blockSizes[b];
    if (s == null) {
      s = new double[k * d];
      sz = new int[k];
      blockSums[b] = s;
      blockSizes[b] = sz;
    } else {
      Arrays.fill(s, 0);
      Arrays.fill(sz, 0);
    }
    for (int i = blocks.from(b); i < blocks.to(b); i++) {
      int p = labels[i];
      sz[p]++;
      int off = p * d;
      int xo = i * d;
      for (int j = 0; j < d; j++) {
        s[off + j] += x[xo + j];
      }
    }
  }

  /**
   * The prototypes of the current labels: numeric means (block sums reduced in block order) and modes (most frequent
   * level, ties to the lowest code; a feature none of the members has keeps its mode). An empty prototype takes, in
   * prototype order, the customers farthest from their own prototype (ties: lowest index), as k-means re-seeds.
   */
  private void update(double[] nextCenters, int[] nextModes) {
    double[] sums = new double[k * d];
    long[] size = new long[k];
    for (int b = 0; b < blocks.count; b++) {
      double[] bs = blockSums[b];
      for (int q = 0; q < sums.length; q++) {
        sums[q] += bs[q];
      }
      int[] sz = blockSizes[b];
      for (int p = 0; p < k; p++) {
        size[p] += sz[p];
      }
    }
    int empty = 0;
    for (int p = 0; p < k; p++) {
      if (size[p] == 0) {
        empty++;
        continue;
      }
      for (int j = 0; j < d; j++) {
        nextCenters[p * d + j] = sums[p * d + j] / size[p];
      }
      for (int j = 0; j < c; j++) {
        int base = p * levelRow + levelOffset[j];
        int mode = modes[p * c + j];
        int most = 0;
        for (int l = 0; l < levelSize[j]; l++) {
          if (levelCounts[base + l] > most) {
            most = levelCounts[base + l];
            mode = l;
          }
        }
        nextModes[p * c + j] = mode;
      }
    }
    if (empty > 0) {
      reseedEmpty(nextCenters, nextModes, size, empty);
    }
  }

  private void reseedEmpty(double[] nextCenters, int[] nextModes, long[] size, int e) {
    int[] top = new int[e];
    double[] topFar = new double[e];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double f = cost(i, centers, modes, labels[i]);
      int at = kept;
      while (at > 0 && Double.compare(topFar[at - 1], f) < 0) {
        at--;
      }
      if (at == e) {
        continue;
      }
      int last = Math.min(kept, e - 1);
      System.arraycopy(top, at, top, at + 1, last - at);
      System.arraycopy(topFar, at, topFar, at + 1, last - at);
      top[at] = i;
      topFar[at] = f;
      kept = Math.min(kept + 1, e);
    }
    distances += n;
    int taken = 0;
    for (int p = 0; p < k; p++) {
      if (size[p] == 0) {
        int i = top[taken++];
        if (d > 0) {
          System.arraycopy(x, i * d, nextCenters, p * d, d);
        }
        for (int j = 0; j < c; j++) {
          nextModes[p * c + j] = codes[i * c + j];
        }
      }
    }
  }

  /** The final costs: numeric part summed per block in block order, categorical part as an exact mismatch count. */
  private void finish() {
    double[] num = new double[blocks.count];
    long[] mis = new long[blocks.count];
    blocks.forEach(b -> {
      double s = 0;
      long m = 0;
      for (int i = blocks.from(b); i < blocks.to(b); i++) {
        int p = labels[i];
        if (d > 0) {
          s += SquaredDistances.between(x, i * d, centers, p * d, d);
        }
        m += mismatches(i, modes, p);
      }
      num[b] = s;
      mis[b] = m;
    });
    double s = 0;
    long m = 0;
    for (int b = 0; b < blocks.count; b++) {
      s += num[b];
      m += mis[b];
    }
    distances += n;
    numericCost = s;
    categoricalCost = gamma * m;
  }

  double cost() {
    return numericCost + categoricalCost;
  }
}
