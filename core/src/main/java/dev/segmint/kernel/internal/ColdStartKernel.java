package dev.segmint.kernel.internal;

import java.lang.management.ManagementFactory;

/**
 * The Panama kernels as the library runs them: calls run on their {@linkplain DistanceKernel#scalarTwin() scalar
 * twin} (the same results bit for bit, in plain Java) until the Panama kernels are compiled and faster, then on
 * the Panama kernels. Not API.
 *
 * <p>Why: until C2 has compiled a Vector API method, every vector operation runs as Java code on a boxed vector
 * object, several times slower than scalar code and allocating (measured before this class: the first k-means fit
 * of 100,000 × 8, k = 8, in a fresh JVM took 5.0 s and allocated 169 MB on the Panama kernels, 1.1 s and 42 MB on
 * the scalar ones). A short-lived process (a CLI run) paid that before the fast path existed.
 *
 * <p>How: every call runs on the twin until the twin has done {@link #PROBE_AFTER} multiply-adds in this process
 * (a short CLI run or a first mid-size fit never gets there, and never calls the Panama kernels). After that, per
 * fused entry point (nearest centroid, row-major and packed; block distances, row-major and packed): while it is
 * cold, a call of more than {@code 2 × }{@value #PROBE} points (rows of the first block) runs its
 * first {@value #PROBE} points on the Panama kernels and the rest on the twin, and times both. The small Panama
 * share is what gets the Panama code compiled by C2 (from the library's own shapes, so the compiled code fits
 * them), at a bounded cost; once the Panama share is faster per point than the twin in {@value #WINS} timed calls
 * in a row, every later call of that entry point runs on the Panama kernels. Smaller calls run on the twin and
 * are not timed. The single-pair kernel, too short to time, sends one call in {@value #PAIR_SAMPLE} of at least
 * {@code 2 × lanes} coordinates (below that it is the same scalar loop in both) to the Panama kernels while cold and measures what it allocates (compiled, it allocates nothing; boxed, it allocates
 * for every vector operation): after {@value #WINS} such calls in a row without allocation it moves to Panama;
 * where a thread's allocation cannot be measured it stays on the twin. No extra thread, no work beyond the
 * probes: a fit starts at the twin's speed (that of the scalar kernels) and moves to Panama speed when C2 has
 * compiled the kernels.
 *
 * <p>The Panama kernels are loaded at the first probe, not before: initialising the Vector API (its species and
 * vector classes, some 70 classes) takes tens of milliseconds, which a selection made inside a short first fit
 * would otherwise pay for kernels it never calls. The twin needs only their lane count and FMA use, which
 * {@link KernelProvider} reads without the vector classes.
 *
 * <p>Results never depend on this timing: the twin and the Panama kernels give the same bits for every call
 * ({@code ScalarTwinParityTest} checks it), so a fit gives the same labels, centroids and inertia whichever of
 * the two ran each of its calls (or each part of a call), and a switch in the middle of a fit changes nothing but
 * its speed.
 */
final class ColdStartKernel implements DistanceKernel {

  /**
   * Work (multiply-adds) the twin does before any call probes the Panama kernels: 2²⁹ ≈ 537 M, about 0.5 s of
   * scalar work, more than a first k-means fit of 100,000 × 8, k = 8 (≈ 430 M). Below it the Panama kernels are
   * never called, so nothing is paid for them; a process with more work ahead pays the probes (boxed Vector API
   * code, tens of times slower per point than the twin, on 16 points of each call) until C2 has compiled them.
   */
  static final long PROBE_AFTER = 1L << 29;
  /** Points of a cold call that run on the Panama kernels: two tiles of 8, one pass of the widest fused loop. */
  static final int PROBE = 16;
  /** Timed wins (or allocation-free pair calls) in a row that mark an entry point as compiled. */
  static final int WINS = 3;
  /** While cold, one single-pair call in this many goes to the Panama kernels. */
  static final int PAIR_SAMPLE = 16;

  static final int NEAREST = 0;
  static final int NEAREST_PACKED = 1;
  private static final int BLOCK = 2;
  private static final int BLOCK_PACKED = 3;
  private static final String[] NAMES = {"nearest centroid", "nearest centroid (packed)", "block distances",
      "block distances (packed)", "single pair"};
  static final int PAIR = 4;

  /**
   * The Panama kernels: null until the first call that probes them (so a process whose calls all run on the twin
   * never initialises the Vector API); written once, under this object's lock, before any entry point is hot.
   */
  private volatile DistanceKernel panama;
  /** Why the Panama kernels could not be loaded when the twin handed over, or null. */
  private volatile String loadFailure;
  private final DistanceKernel twin;
  /** Allocation of the calling thread, for the single-pair probes; looked up with the Panama kernels. */
  private com.sun.management.ThreadMXBean allocation;
  /** Per entry point: calls now go to the Panama kernels. Only ever set, never cleared. */
  private final boolean[] hot = new boolean[5];
  /** Per entry point: wins in a row (updated without synchronisation: only decides when to switch). */
  private final int[] wins = new int[5];
  private long pairCalls;
  /** Work done on the twin (updated without synchronisation: an estimate that only decides when to probe). */
  private long coldWork;

  /** Coordinates from which the Panama pair kernel runs vector code; below, it runs the twin's own loop. */
  private final int pairVectorFrom;

  /** Around Panama kernels already loaded (tests that compare the two in one JVM). */
  ColdStartKernel(DistanceKernel panama) {
    this.panama = panama;
    this.twin = panama.scalarTwin();
    this.pairVectorFrom = twin instanceof ScalarTwinKernel t ? t.pairVectorFrom() : 0;
    this.allocation = allocationBean();
  }

  /**
   * Around the Panama kernels of {@code lanes} double lanes and that FMA use, not loaded yet: the twin runs every
   * call until the process has done {@link #PROBE_AFTER} of work, and the first probe loads the Panama kernels
   * ({@link KernelProvider#loadPanamaKernel}); if they cannot be loaded, or do not match the twin, every call stays
   * on the twin (the same results) and {@link #state()} says why.
   */
  ColdStartKernel(int lanes, boolean fma) {
    ScalarTwinKernel t = new ScalarTwinKernel(lanes, fma);
    this.twin = t;
    this.pairVectorFrom = t.pairVectorFrom();
  }

  /** The Panama kernels, loaded at the first probe; null when they cannot be loaded (calls stay on the twin). */
  private DistanceKernel panamaKernels() {
    DistanceKernel p = panama;
    if (p != null || loadFailure != null) {
      return p;
    }
    synchronized (this) {
      if (panama == null && loadFailure == null) {
        try {
          DistanceKernel loaded = KernelProvider.loadPanamaKernel((ScalarTwinKernel) twin);
          allocation = allocationBean();
          panama = loaded;
        } catch (RuntimeException | LinkageError e) {
          loadFailure = String.valueOf(e.getMessage());
        }
      }
      return panama;
    }
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public DistanceKernel scalarTwin() {
    return twin;
  }

  /** Whether the Panama kernels have been loaded (at the first probe, or given at construction). */
  boolean loaded() {
    return panama != null;
  }

  /** Whether every fused entry point now runs on the Panama kernels. */
  boolean hot() {
    return hot[NEAREST] && hot[NEAREST_PACKED] && hot[BLOCK] && hot[BLOCK_PACKED];
  }

  /** Whether the calls of entry point {@code e} (0–4, see {@link #state}) now run on the Panama kernels. */
  boolean hot(int e) {
    return hot[e];
  }

  /** Which entry points run on the Panama kernels and which still on the twin, for {@code --verbose}. */
  String state() {
    if (loadFailure != null) {
      return "every call runs on the scalar twin, the Panama kernels could not be loaded: " + loadFailure;
    }
    StringBuilder on = new StringBuilder();
    StringBuilder off = new StringBuilder();
    for (int e = 0; e < NAMES.length; e++) {
      StringBuilder b = hot[e] ? on : off;
      b.append(b.length() == 0 ? "" : ", ").append(NAMES[e]);
    }
    if (off.length() == 0) {
      return "compiled, every call runs on them";
    }
    return (on.length() == 0 ? "none compiled yet" : "compiled: " + on) + "; on the scalar twin: " + off;
  }

  @Override
  public String toString() {
    String kernels = twin instanceof ScalarTwinKernel t ? KernelProvider.describe(t.lanes(), t.fma())
        : String.valueOf(panama);
    return kernels + "; " + state();
  }

  /** Counts {@code work} multiply-adds on the twin; true once the twin has done {@link #PROBE_AFTER}. */
  private boolean probing(long work) {
    long w = coldWork + work;
    coldWork = w;
    return w >= PROBE_AFTER;
  }

  /** For tests: as if the twin had done {@code work} multiply-adds. */
  void addColdWork(long work) {
    coldWork += work;
  }

  /** Records one timed comparison of entry point {@code e}: the Panama share took less time per point. */
  void record(int e, boolean panamaFaster) {
    if (!panamaFaster) {
      wins[e] = 0;
    } else if (++wins[e] >= WINS) {
      hot[e] = true;
    }
  }

  @Override
  public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
    if (hot[PAIR]) {
      return this.panama.squaredDistance(a, aOff, b, bOff, d);
    }
    // below pairVectorFrom both run the same scalar loop: nothing to compile, nothing to learn from a sample
    DistanceKernel panama;
    if (d < pairVectorFrom || (++pairCalls & (PAIR_SAMPLE - 1)) != 0 || !probing(d)
        || (panama = panamaKernels()) == null || allocation == null) {
      return twin.squaredDistance(a, aOff, b, bOff, d);
    }
    long before = allocation.getCurrentThreadAllocatedBytes();
    double s = panama.squaredDistance(a, aOff, b, bOff, d);
    record(PAIR, allocation.getCurrentThreadAllocatedBytes() == before);
    return s;
  }

  @Override
  public void nearestCentroids(double[] points, int from, int to, int d, double[] centroids, int k, int[] outIndex,
      double[] outDist, double[] outSecond) {
    if (hot[NEAREST]) {
      this.panama.nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    DistanceKernel panama;
    if (to - from <= 2 * PROBE || !probing((long) (to - from) * k * d) || (panama = panamaKernels()) == null) {
      twin.nearestCentroids(points, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    // outputs are block-relative: the rest of the block writes from PROBE on
    int mid = from + PROBE;
    Scratch s = Scratch.LOCAL.get().ensure(to - mid);
    long t0 = System.nanoTime();
    panama.nearestCentroids(points, from, mid, d, centroids, k, outIndex, outDist, outSecond);
    long t1 = System.nanoTime();
    twin.nearestCentroids(points, mid, to, d, centroids, k, s.index, s.dist, outSecond == null ? null : s.second);
    long t2 = System.nanoTime();
    s.copyBack(outIndex, outDist, outSecond, to - mid);
    record(NEAREST, faster(t1 - t0, PROBE, t2 - t1, to - mid));
  }

  @Override
  public void nearestCentroidsPacked(double[] packed, int from, int to, int d, double[] centroids, int k,
      int[] outIndex, double[] outDist, double[] outSecond) {
    if (hot[NEAREST_PACKED]) {
      this.panama.nearestCentroidsPacked(packed, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    DistanceKernel panama;
    if (to - from <= 2 * PROBE || !probing((long) (to - from) * k * d) || (panama = panamaKernels()) == null) {
      twin.nearestCentroidsPacked(packed, from, to, d, centroids, k, outIndex, outDist, outSecond);
      return;
    }
    int mid = from + PROBE;
    Scratch s = Scratch.LOCAL.get().ensure(to - mid);
    long t0 = System.nanoTime();
    panama.nearestCentroidsPacked(packed, from, mid, d, centroids, k, outIndex, outDist, outSecond);
    long t1 = System.nanoTime();
    twin.nearestCentroidsPacked(packed, mid, to, d, centroids, k, s.index, s.dist,
        outSecond == null ? null : s.second);
    long t2 = System.nanoTime();
    s.copyBack(outIndex, outDist, outSecond, to - mid);
    record(NEAREST_PACKED, faster(t1 - t0, PROBE, t2 - t1, to - mid));
  }

  /**
   * One thread's buffers for the twin's share of a probed call: the kernels write block-relative results from
   * index 0, so the twin's part is written here and copied to index {@link #PROBE} on.
   */
  private static final class Scratch {
    /** One per thread; created when the first probe runs (a process whose calls stay on the twin never does). */
    static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    int[] index = new int[0];
    double[] dist = new double[0];
    double[] second = new double[0];
    double[] rest = new double[0];

    Scratch ensure(int m) {
      if (index.length < m) {
        index = new int[m];
        dist = new double[m];
        second = new double[m];
      }
      return this;
    }

    double[] rest(int len) {
      if (rest.length < len) {
        rest = new double[len];
      }
      return rest;
    }

    void copyBack(int[] outIndex, double[] outDist, double[] outSecond, int m) {
      System.arraycopy(index, 0, outIndex, PROBE, m);
      System.arraycopy(dist, 0, outDist, PROBE, m);
      if (outSecond != null) {
        System.arraycopy(second, 0, outSecond, PROBE, m);
      }
    }
  }

  /** Whether {@code pa} ns for {@code na} points beats {@code ta} ns for {@code nt} points. */
  private static boolean faster(long pa, int na, long ta, long nt) {
    return (double) pa / na < (double) ta / nt;
  }

  @Override
  public void squaredDistances(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, int d,
      double[] out) {
    DistanceKernel panama;
    if (hot[BLOCK] || aTo - aFrom <= 2 * PROBE || !probing((long) (aTo - aFrom) * (bTo - bFrom) * d)
        || (panama = panamaKernels()) == null) {
      (hot[BLOCK] ? this.panama : twin).squaredDistances(a, aFrom, aTo, b, bFrom, bTo, d, out);
      return;
    }
    // rows of a are independent and written row after row: the first PROBE rows, then the rest in place
    int nb = bTo - bFrom;
    int mid = aFrom + PROBE;
    long t0 = System.nanoTime();
    panama.squaredDistances(a, aFrom, mid, b, bFrom, bTo, d, out);
    long t1 = System.nanoTime();
    double[] rest = Scratch.LOCAL.get().rest((aTo - mid) * nb);
    twin.squaredDistances(a, mid, aTo, b, bFrom, bTo, d, rest);
    long t2 = System.nanoTime();
    System.arraycopy(rest, 0, out, PROBE * nb, (aTo - mid) * nb);
    record(BLOCK, faster(t1 - t0, PROBE, t2 - t1, aTo - mid));
  }

  @Override
  public void squaredDistancesPacked(double[] packed, int from, int to, int d, double[] b, int bFrom, int bTo,
      double[] out) {
    DistanceKernel panama;
    if (hot[BLOCK_PACKED] || to - from <= 2 * PROBE || !probing((long) (to - from) * (bTo - bFrom) * d)
        || (panama = panamaKernels()) == null) {
      (hot[BLOCK_PACKED] ? this.panama : twin).squaredDistancesPacked(packed, from, to, d, b, bFrom, bTo, out);
      return;
    }
    // out is row of b after row of b, points in lanes: the two parts are interleaved, so both go to buffers
    int m = to - from;
    int nb = bTo - bFrom;
    int mid = from + PROBE;
    double[] head = new double[PROBE * nb];
    double[] rest = Scratch.LOCAL.get().rest((to - mid) * nb);
    long t0 = System.nanoTime();
    panama.squaredDistancesPacked(packed, from, mid, d, b, bFrom, bTo, head);
    long t1 = System.nanoTime();
    twin.squaredDistancesPacked(packed, mid, to, d, b, bFrom, bTo, rest);
    long t2 = System.nanoTime();
    for (int j = 0; j < nb; j++) {
      System.arraycopy(head, j * PROBE, out, j * m, PROBE);
      System.arraycopy(rest, j * (to - mid), out, j * m + PROBE, to - mid);
    }
    record(BLOCK_PACKED, faster(t1 - t0, PROBE, t2 - t1, to - mid));
  }

  private static com.sun.management.ThreadMXBean allocationBean() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
          && b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled()) {
        b.getCurrentThreadAllocatedBytes();
        return b;
      }
    } catch (RuntimeException | LinkageError e) {
      // java.management or jdk.management absent: the single-pair kernel stays on the twin
    }
    return null;
  }
}
