package dev.segmint.cluster;

import java.util.Arrays;
import java.util.Random;

/**
 * A/B timing of complete and average linkage: {@link CondensedNnChainBaseline} (before) against
 * {@link CondensedNnChain} (now), alternately in one JVM on the same Gaussian blobs, checking that both give the
 * same merges and heights bit for bit. Not a test (no timing in unit tests); run by hand, e.g.
 * {@code java -cp core/target/classes:core/target/test-classes dev.segmint.cluster.LinkageAB 10000 8 3 2}
 * (n, d, rounds, threads[, complete|average]). Prints one line per run and the median ratio now/before per linkage.
 * With rounds 0, runs one fit of one implementation ({@code ... 0 2 average now|before}), for heap probes.
 */
final class LinkageAB {
  private LinkageAB() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    String only = args.length > 4 ? args[4] : "";
    Random rnd = new Random(42);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int blob = rnd.nextInt(5);
      for (int k = 0; k < d; k++) {
        x[i * d + k] = 2.5 * blob * (k % 2 == 0 ? 1 : -1) + rnd.nextGaussian();
      }
    }
    if (rounds == 0) {
      // one fit of one implementation (heap probes, e.g. -Xmx bisection): args n d 0 threads linkage before|now
      Linkage linkage = Linkage.valueOf(only.toUpperCase(java.util.Locale.ROOT));
      boolean before = args.length > 5 && args[5].equals("before");
      long t0 = System.nanoTime();
      try (Blocks blocks = new Blocks(n, threads)) {
        if (before) {
          CondensedNnChainBaseline.fill(x, n, d, linkage, blocks).run(blocks);
        } else {
          CondensedNnChain.fill(x, n, d, linkage, blocks).run(blocks);
        }
      }
      System.out.printf("%s %s n=%d: %.3f s, max heap %d MiB%n", before ? "before" : "now", linkage, n,
          (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
      return;
    }
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    for (Linkage linkage : new Linkage[] {Linkage.COMPLETE, Linkage.AVERAGE}) {
      if (!only.isEmpty() && !linkage.name().equalsIgnoreCase(only)) {
        continue;
      }
      double[] ratio = new double[rounds];
      double minBefore = Double.POSITIVE_INFINITY;
      double minNow = Double.POSITIVE_INFINITY;
      double minChainBefore = Double.POSITIVE_INFINITY;
      double minChainNow = Double.POSITIVE_INFINITY;
      for (int r = 0; r < rounds; r++) {
        System.gc();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        Merges before;
        long f0;
        try (Blocks blocks = new Blocks(n, threads)) {
          CondensedNnChainBaseline chain = CondensedNnChainBaseline.fill(x, n, d, linkage, blocks);
          f0 = System.nanoTime();
          before = chain.run(blocks);
        }
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        System.gc();
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        Merges now;
        long f1;
        try (Blocks blocks = new Blocks(n, threads)) {
          CondensedNnChain chain = CondensedNnChain.fill(x, n, d, linkage, blocks);
          f1 = System.nanoTime();
          now = chain.run(blocks);
        }
        long t3 = System.nanoTime();
        long c3 = cpu.getCurrentThreadCpuTime();
        boolean same = before.count == now.count && Arrays.equals(before.a, now.a) && Arrays.equals(before.b, now.b)
            && Arrays.equals(before.height, now.height);
        ratio[r] = (t3 - t2) / (double) (t1 - t0);
        System.out.printf("%s n=%d d=%d threads=%d round %d: before %.3f s (chain %.3f, main-thread CPU %.3f), "
            + "now %.3f s (chain %.3f, CPU %.3f), ratio %.3f, chain ratio %.3f, identical %b%n",
            linkage, n, d, threads, r, (t1 - t0) / 1e9, (t1 - f0) / 1e9, (c1 - c0) / 1e9, (t3 - t2) / 1e9,
            (t3 - f1) / 1e9, (c3 - c2) / 1e9, ratio[r], (t3 - f1) / (double) (t1 - f0), same);
        minBefore = Math.min(minBefore, (t1 - t0) / 1e9);
        minNow = Math.min(minNow, (t3 - t2) / 1e9);
        minChainBefore = Math.min(minChainBefore, (t1 - f0) / 1e9);
        minChainNow = Math.min(minChainNow, (t3 - f1) / 1e9);
        if (!same) {
          throw new AssertionError("merges differ");
        }
      }
      Arrays.sort(ratio);
      System.out.printf("%s median ratio now/before %.3f; fastest: before %.3f s (chain %.3f), now %.3f s (chain %.3f),"
          + " ratio %.3f (chain %.3f)%n", linkage, ratio[rounds / 2], minBefore, minChainBefore, minNow, minChainNow,
          minNow / minBefore, minChainNow / minChainBefore);
    }
  }
}
