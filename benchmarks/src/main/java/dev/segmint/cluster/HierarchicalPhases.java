package dev.segmint.cluster;

import dev.segmint.benchmarks.hierarchical.HierarchicalWorkload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the phases of complete and average linkage (set-up, fill, chain, exact heights) in one JVM, and the chain of
 * average linkage under three layouts of the same points, to show where the time of
 * {@link dev.segmint.benchmarks.hierarchical.HierarchicalBenchmark}'s
 * runs goes. It sits in {@code dev.segmint.cluster} (on the class path, beside core's classes) because the phases
 * are package-private; it is a measuring tool, not API. Not JMH: one JVM, phases timed with {@code nanoTime}, the
 * median of the rounds after one warm-up round; read it beside the JMH run, on a quiet machine.
 *
 * <pre>
 * java -Xms2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar dev.segmint.cluster.HierarchicalPhases phases 10000 AVERAGE 8 2
 * java -Xms2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar dev.segmint.cluster.HierarchicalPhases layouts 10000 5
 * </pre>
 *
 * <p>Give the heap a floor ({@code -Xms2g}): each round starts with {@code System.gc()}, which otherwise shrinks the
 * heap to a few MB, and the next fill then pays for growing it again (up to 0.2 s in the set-up and fill, seen with
 * {@code -Xlog:gc}).
 *
 * <p>{@code phases N LINKAGE ROUNDS [THREADS]}: set-up (the matrix's memory), fill, chain and heights of
 * {@code N} points of {@link HierarchicalWorkload} (COMPLETE or AVERAGE, 2 threads by default). {@code layouts N ROUNDS}: average
 * linkage's fill and chain with the rows of the matrix in three orders: the spatial order the library uses, the input
 * order, and the order in which a first run merged the points (an oracle: known only after a run); the merges must
 * come out the same in all three, which it checks ({@code layouts N ROUNDS COMPLETE}: the same for complete
 * linkage, whose chain starts at the lowest live position, so the merges come in another order and the check says
 * false). {@code complete-orders N ROUNDS}: complete linkage's fill and chain in the spatial order and in the
 * rehearsal's order ({@link ChainOrder}), each with the chain starting at the lowest live position (the library's)
 * and in SciPy's order; the two SciPy-order runs must merge the same pairs. Measured on 10,000 points (session 20):
 * 0.52 s, 0.73 s, 0.60 s, 0.51 s: the rehearsal's order does not help complete linkage.
 */
public final class HierarchicalPhases {
  private HierarchicalPhases() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: HierarchicalPhases phases N COMPLETE|AVERAGE ROUNDS [THREADS]"
          + " | layouts N ROUNDS [COMPLETE|AVERAGE] | complete-orders N ROUNDS");
      System.exit(2);
    }
    int n = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "phases" -> {
        Linkage linkage = Linkage.valueOf(args[2].toUpperCase(Locale.ROOT));
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        double[][] t = phases(n, linkage, Integer.parseInt(args[3]), threads);
        System.out.printf(Locale.ROOT, "%s n=%d threads=%d median of %d: set-up %.3f s, fill %.3f s, chain %.3f s,"
            + " heights %.3f s, total %.3f s%n", linkage, n, threads, t.length, median(t, 0), median(t, 1),
            median(t, 2), median(t, 3), median(t, 4));
      }
      case "layouts" -> {
        Linkage linkage = args.length > 3 ? Linkage.valueOf(args[3].toUpperCase(Locale.ROOT)) : Linkage.AVERAGE;
        for (String line : layouts(n, Integer.parseInt(args[2]), linkage)) {
          System.out.println(line);
        }
      }
      case "complete-orders" -> {
        for (String line : completeOrders(n, Integer.parseInt(args[2]))) {
          System.out.println(line);
        }
      }
      default -> throw new IllegalArgumentException(
          "unknown mode '" + args[0] + "'; say phases, layouts or complete-orders");
    }
  }

  /** Per round after a warm-up: seconds of the blocks' set-up (the matrix's memory), fill, chain, heights, total. */
  static double[][] phases(int n, Linkage linkage, int rounds, int threads) {
    double[] x = HierarchicalWorkload.points(n);
    double[][] times = new double[rounds][];
    for (int r = -1; r < rounds; r++) {
      System.gc();
      long t0 = System.nanoTime();
      try (Blocks blocks = new Blocks(n, threads)) {
        long tb = System.nanoTime();
        CondensedNnChain chain = CondensedNnChain.fill(x, n, HierarchicalWorkload.D, linkage, blocks);
        long t1 = System.nanoTime();
        Merges out = chain.runChain(blocks);
        long t2 = System.nanoTime();
        chain.finish(out, blocks);
        long t3 = System.nanoTime();
        if (r >= 0) {
          times[r] = new double[] {(tb - t0) / 1e9, (t1 - tb) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
              (t3 - t0) / 1e9};
        }
      }
    }
    return times;
  }

  /** One line per layout (median fill and chain), then whether all layouts merged the same pairs. */
  static List<String> layouts(int n, int rounds) {
    return layouts(n, rounds, Linkage.AVERAGE);
  }

  static List<String> layouts(int n, int rounds, Linkage linkage) {
    double[] x = HierarchicalWorkload.points(n);
    int d = HierarchicalWorkload.D;
    int[] spatial = CondensedNnChain.spatialOrder(x, n, d);
    int[] input = new int[n];
    Arrays.setAll(input, i -> i);
    Merges first = chain(x, spatial, n, d, null, linkage);
    int[] step = new int[n];
    Arrays.fill(step, Integer.MAX_VALUE);
    for (int k = 0; k < first.count; k++) {
      step[first.a[k]] = Math.min(step[first.a[k]], 2 * k);
      step[first.b[k]] = Math.min(step[first.b[k]], 2 * k + 1);
    }
    int[] oracle = java.util.stream.IntStream.range(0, n).boxed()
        .sorted((p, q) -> Integer.compare(step[p], step[q])).mapToInt(Integer::intValue).toArray();
    String[] names = {"spatial (the library's)", "input", "first-merge (oracle)"};
    int[][] orders = {spatial, input, oracle};
    double[][][] times = new double[3][rounds][];
    boolean same = true;
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 3; v++) {
        double[] t = new double[2];
        Merges m = chain(x, orders[v], n, d, t, linkage);
        times[v][r] = t;
        same &= Arrays.equals(Arrays.copyOf(m.a, m.count), Arrays.copyOf(first.a, first.count))
            && Arrays.equals(Arrays.copyOf(m.b, m.count), Arrays.copyOf(first.b, first.count));
      }
    }
    List<String> lines = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      lines.add(String.format(Locale.ROOT, linkage + " n=%d layout %-24s median of %d: fill %.3f s, chain %.3f s", n,
          names[v], rounds, median(times[v], 0), median(times[v], 1)));
    }
    lines.add("same merges in every layout: " + same);
    return lines;
  }

  /** One line per layout and chain order of complete linkage (median fill and chain), then whether SciPy's agree. */
  static List<String> completeOrders(int n, int rounds) {
    double[] x = HierarchicalWorkload.points(n);
    int d = HierarchicalWorkload.D;
    int[] spatial = CondensedNnChain.spatialOrder(x, n, d);
    int[] rehearsed;
    try (Blocks blocks = new Blocks(n, 2)) {
      rehearsed = CondensedNnChain.fillInChainOrder(x, n, d, blocks).logical.clone();
    }
    String[] names = {"spatial, spatial start", "spatial, SciPy order", "rehearsal, SciPy order",
        "rehearsal, spatial start"};
    int[][] orders = {spatial, spatial, rehearsed, rehearsed};
    boolean[] starts = {true, false, false, true};
    double[][][] times = new double[4][rounds][];
    Merges[] m = new Merges[4];
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 4; v++) {
        double[] t = new double[2];
        m[v] = completeChain(x, orders[v], n, d, t, starts[v]);
        times[v][r] = t;
      }
    }
    List<String> lines = new ArrayList<>();
    for (int v = 0; v < 4; v++) {
      lines.add(String.format(Locale.ROOT, "COMPLETE n=%d layout %-26s median of %d: fill %.3f s, chain %.3f s", n,
          names[v], rounds, median(times[v], 0), median(times[v], 1)));
    }
    lines.add("SciPy-order runs merge the same: "
        + (Arrays.equals(Arrays.copyOf(m[1].a, m[1].count), Arrays.copyOf(m[2].a, m[2].count))
        && Arrays.equals(Arrays.copyOf(m[1].b, m[1].count), Arrays.copyOf(m[2].b, m[2].count))));
    return lines;
  }

  private static Merges completeChain(double[] x, int[] order, int n, int d, double[] t, boolean spatialStart) {
    System.gc();
    try (Blocks blocks = new Blocks(n, 2)) {
      long t0 = System.nanoTime();
      CondensedNnChain c = new CondensedNnChain.Complete(x, order, n, d, blocks);
      boolean tied = c.fillMatrix(x, order, d, blocks, true);
      c.spatialStart = spatialStart && !tied;
      long t1 = System.nanoTime();
      Merges out = c.runChain(blocks);
      long t2 = System.nanoTime();
      t[0] = (t1 - t0) / 1e9;
      t[1] = (t2 - t1) / 1e9;
      return out;
    }
  }

  /** Average linkage's fill and chain with row p being point {@code order[p]}; seconds into {@code t} if given. */
  private static Merges chain(double[] x, int[] order, int n, int d, double[] t, Linkage linkage) {
    System.gc();
    try (Blocks blocks = new Blocks(n, 2)) {
      long t0 = System.nanoTime();
      boolean complete = linkage == Linkage.COMPLETE;
      CondensedNnChain c = complete ? new CondensedNnChain.Complete(x, order, n, d, blocks)
          : new CondensedNnChain.Average(x, order, n, d, blocks);
      boolean tied = c.fillMatrix(x, order, d, blocks, complete);
      c.spatialStart = complete && !tied;
      long t1 = System.nanoTime();
      Merges out = c.runChain(blocks);
      long t2 = System.nanoTime();
      if (t != null) {
        t[0] = (t1 - t0) / 1e9;
        t[1] = (t2 - t1) / 1e9;
      }
      return out;
    }
  }

  private static double median(double[][] rows, int column) {
    double[] v = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = rows[i][column];
    }
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
