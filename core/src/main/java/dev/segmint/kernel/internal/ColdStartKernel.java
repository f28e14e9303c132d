package dev.segmint.kernel.internal;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Panama kernels as the library runs them: every call goes to their {@linkplain DistanceKernel#scalarTwin()
 * scalar twin} (the same results bit for bit, in plain Java) until the Panama kernels are compiled, then to the
 * Panama kernels. Not API.
 *
 * <p>Why: until C2 has compiled a Vector API method, every vector operation runs as Java code on a boxed vector
 * object, several times slower than scalar code and allocating (measured before this class: the first k-means fit
 * of 100,000 × 8, k = 8, in a fresh JVM took 5.0 s and allocated 169 MB on the Panama kernels, 1.1 s and 42 MB on
 * the scalar ones). A short-lived process (a CLI run) paid that before the fast path existed.
 *
 * <p>How: the calls run on the twin and count their work (multiply-adds). Once that work passes
 * {@link #WARM_UP_AFTER} — a problem large enough for the Panama kernels to pay — a daemon thread starts calling
 * every Panama entry point on small inputs that take each branch the library's calls take, and measures what one
 * round of those calls allocates: the boxed fallback allocates for every vector operation, compiled code only
 * the kernels' own small buffers. When a round allocates at most {@link #HOT_ROUND_BYTES}, the Panama kernels
 * are compiled and every later call uses them. A process whose kernel work stays small never starts the thread.
 * If the JVM cannot measure a thread's allocation, the switch comes after {@link #BLIND_ROUNDS} rounds; if the
 * Panama kernels are still allocating after {@link #MAX_ROUNDS} rounds (a JVM whose C2 does not compile them),
 * the calls stay on the twin, which is then the faster of the two.
 *
 * <p>Results never depend on this timing: the twin and the Panama kernels give the same bits for every call
 * ({@code KernelParityTest} checks it), so a fit gives the same labels, centroids and inertia whichever of the
 * two ran each of its calls, and a switch in the middle of a fit changes nothing but its speed.
 */
final class ColdStartKernel implements DistanceKernel {

  /** Work (multiply-adds) the twin does before the warm-up thread starts: about 5–10 ms of scalar work. */
  static final long WARM_UP_AFTER = 1L << 22;
  /** A warm-up round that allocates at most this many bytes runs compiled Vector API code. */
  static final long HOT_ROUND_BYTES = 8 * 1024;
  /** Rounds after which the Panama kernels are used when allocation cannot be measured. */
  static final int BLIND_ROUNDS = 30_000;
  /** Rounds after which the warm-up gives up and the calls stay on the twin. */
  static final int MAX_ROUNDS = 400_000;

  private final DistanceKernel panama;
  private final DistanceKernel twin;
  private final AtomicBoolean started = new AtomicBoolean();
  /** Set once the Panama kernels run compiled; read on every call (a plain load on x86). */
  private volatile boolean hot;
  /** Work done on the twin; updated without synchronisation (an estimate: it only decides when to warm up). */
  private long coldWork;
  private volatile String state = "running on the scalar twin until the Panama kernels are compiled";

  ColdStartKernel(DistanceKernel panama) {
    this.panama = panama;
    this.twin = panama.scalarTwin();
  }

  @Override
  public String name() {
    return panama.name();
  }

  @Override
  public DistanceKernel scalarTwin() {
    return twin;
  }

  /** Whether calls now go to the Panama kernels. */
  boolean hot() {
    return hot;
  }

  /** Where the calls go and why, for {@code --verbose}. */
  String state() {
    return state;
  }

  @Override
  public String toString() {
    return panama + "; " + state;
  }

  /** The kernel for a call of {@code work} multiply-adds. */
  private DistanceKernel route(long work) {
    if (hot) {
      return panama;
    }
    long w = coldWork + work;
    coldWork = w;
    if (w >= WARM_UP_AFTER && !started.get() && started.compareAndSet(false, true)) {
      Thread t = new Thread(this::warmUp, "segmint-kernel-warm-up");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    }
    return twin;
  }

  @Override
  public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
    return route(d).squaredDistance(a, aOff, b, bOff, d);
  }

  @Override
  public void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k, int[] outIndex,
      double[] outDist, double[] outSecond) {
    route((long) (to - from) * k * d).nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist,
        outSecond);
  }

  @Override
  public void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    route((long) (to - from) * k * d).nearestCentroidsPacked(packed, from, to, d, centroids, k, outIndex, outDist,
        outSecond);
  }

  @Override
  public void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d,
      double[] out) {
    route((long) (aTo - aFrom) * (bTo - bFrom) * d).squaredDistances(a, aFrom, aTo, b, bFrom, bTo, d, out);
  }

  @Override
  public void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out) {
    route((long) (to - from) * (bTo - bFrom) * d).squaredDistancesPacked(packed, from, to, d, b, bFrom, bTo, out);
  }

  // ---------------------------------------------------------------- warm-up

  /** Calls the Panama kernels until they run compiled (see the class comment); then routes calls to them. */
  void warmUp() {
    com.sun.management.ThreadMXBean threads = allocationBean();
    Inputs in = new Inputs();
    long t0 = System.nanoTime();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      boolean measure = threads != null && round % 64 == 0;
      long before = measure ? threads.getCurrentThreadAllocatedBytes() : 0;
      in.round(panama, round);
      if (measure) {
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        if (bytes <= HOT_ROUND_BYTES) {
          hotAfter(round, t0, bytes + " bytes allocated by a round of calls");
          return;
        }
      } else if (threads == null && round == BLIND_ROUNDS) {
        hotAfter(round, t0, "allocation cannot be measured on this JVM");
        return;
      }
    }
    state = "the Panama kernels were still allocating after " + MAX_ROUNDS + " warm-up rounds (is C2 off?): "
        + "staying on their scalar twin";
  }

  private void hotAfter(int rounds, long t0, String why) {
    state = String.format(java.util.Locale.ROOT, "Panama kernels compiled after %d warm-up rounds in %.0f ms (%s);"
        + " earlier calls ran on their scalar twin", rounds, (System.nanoTime() - t0) / 1e6, why);
    hot = true;
  }

  private static com.sun.management.ThreadMXBean allocationBean() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
          && b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled()) {
        b.getCurrentThreadAllocatedBytes();
        return b;
      }
    } catch (RuntimeException | LinkageError e) {
      // java.management or jdk.management absent: fall back to a fixed number of rounds
    }
    return null;
  }

  /**
   * Small inputs that take the branches the library's calls take: a whole tile pair and a partial vector, a block
   * that starts off a tile, k a multiple of 4 and not, with and without second distances, single pairs below and
   * above the vector threshold, block distances of 4 rows and of 1.
   */
  private static final class Inputs {
    final int d = 5;
    final int n = 19;
    final double[] points;
    final double[] packed;
    final double[] centroids;
    final double[] pair;
    final int[] index = new int[n];
    final double[] dist = new double[n];
    final double[] second = new double[n];
    final double[] block = new double[n * 8];

    Inputs() {
      SplittableRandom r = new SplittableRandom(42);
      points = new double[n * d];
      for (int i = 0; i < points.length; i++) {
        points[i] = r.nextDouble(-1, 1);
      }
      packed = PackedLayout.pack(points, 0, n, d);
      centroids = new double[8 * d];
      for (int i = 0; i < centroids.length; i++) {
        centroids[i] = r.nextDouble(-1, 1);
      }
      pair = new double[40];
      for (int i = 0; i < pair.length; i++) {
        pair[i] = r.nextDouble(-1, 1);
      }
    }

    void round(DistanceKernel kernel, int round) {
      int k = (round & 1) == 0 ? 8 : 5;
      kernel.nearestCentroidsPacked(packed, 0, n, d, centroids, k, index, dist, second);
      kernel.nearestCentroidsPacked(packed, 3, n, d, centroids, 4, index, dist, null);
      kernel.nearestCentroids(points, 0, n, d, centroids, k, index, dist, (round & 2) == 0 ? second : null);
      kernel.squaredDistancesPacked(packed, 0, n, d, centroids, 0, (round & 1) == 0 ? 5 : 3, block);
      kernel.squaredDistances(points, 0, 6, centroids, 0, 7, d, block);
      kernel.squaredDistance(pair, 0, pair, 20, 20);
      kernel.squaredDistance(pair, 1, pair, 21, 3);
    }
  }
}
