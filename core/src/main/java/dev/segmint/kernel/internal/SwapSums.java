package dev.segmint.kernel.internal;

/**
 * The inner loop of k-medoids' float estimate of a swap (FasterPAM on the precomputed float distances): over
 * customers {@code t} of one nearest-medoid group, stored contiguously, the sums of {@code a = min(d − dn, 0)} and
 * {@code b = min(d, ds) − ds}, where d is the candidate's distance to the customer and dn, ds the customer's
 * distances to its nearest and second-nearest medoid. Not API.
 *
 * <p>Arithmetic, the same in every implementation, so that all give the same bits: {@value #LANES} lanes, lane u
 * takes the customers {@code from + u, from + u + 32, …}; a and b are computed and added up in float, each lane's
 * float sums are added into the lane's double sums (exactly converted) after every {@value #STEPS} terms (a chunk of
 * {@value #CHUNK} customers), and the results are the double sums of lanes 0, 1, …, 31 added in that order. So a
 * float sum has at most {@value #STEPS} terms, whose rounding is at most {@code 7·2⁻²⁴} of their magnitudes (see
 * {@code KMedoids} for the bound the caller derives from it). Ranges are whole multiples of {@value #LANES}
 * customers (the caller pads each group with customers whose dn = ds = 0 and d ≥ 0, which add exactly 0).
 *
 * <p>Implementations: {@link #scalar()} (plain Java, any runtime) and the Panama Vector API version compiled for
 * Java 25 into {@code META-INF/versions/25} ({@code PanamaSwapSums}: two 512-bit or four 256-bit float vectors per step, the same
 * bits), loaded reflectively by {@link #select()} when {@link KernelProvider#panamaAvailable()} and the CPU has at
 * least 256-bit vectors (AVX2), after a warm-up on
 * the scalar one ({@link #PANAMA_AFTER}). An instance keeps scratch arrays: one per thread ({@link #copy()}).
 */
public abstract class SwapSums {

  /** Lanes of the sums: customers per step; group ranges are whole multiples of it. */
  public static final int LANES = 32;
  /** Float terms per lane before they are added into the lane's double sum. */
  public static final int STEPS = 8;
  /** Customers per chunk: {@code LANES × STEPS}. */
  public static final int CHUNK = LANES * STEPS;

  private static final String PANAMA_CLASS = "dev.segmint.kernel.internal.PanamaSwapSums";

  SwapSums() {}

  /** {@code "scalar"} or {@code "panama"}. */
  public abstract String name();

  /** A new instance of the same implementation with its own scratch arrays (one per thread). */
  public abstract SwapSums copy();

  /**
   * {@code out[at] = Σ a} and {@code out[at + 1] = Σ b} over {@code t} in {@code [from, to)}, with {@code d =
   * row[off + t]}, {@code dn[t]}, {@code ds[t]}, in the arithmetic of the class comment. {@code to − from} must be a
   * multiple of {@link #LANES}; arguments are not checked.
   */
  public abstract void sums(float[] row, int off, float[] dn, float[] ds, int from, int to, double[] out, int at);

  /** The plain Java implementation. */
  public static SwapSums scalar() {
    return new Scalar(null);
  }

  /**
   * The Panama implementation alone, for tests.
   *
   * @throws UnsupportedOperationException with the reason when it cannot run here
   */
  public static SwapSums panama() {
    if (!KernelProvider.panamaAvailable()) {
      throw new UnsupportedOperationException("Panama swap sums unavailable: "
          + KernelProvider.panamaUnavailableReason());
    }
    try {
      Class<?> type = Class.forName(PANAMA_CLASS, true, SwapSums.class.getClassLoader());
      return (SwapSums) type.getDeclaredConstructor().newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new UnsupportedOperationException("Panama swap sums unavailable: " + e.getCause().getMessage(),
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new UnsupportedOperationException("Panama swap sums failed to load on Java " + Runtime.version() + ": "
          + e, e);
    }
  }

  /**
   * Customers the scalar implementation adds up in this process before {@link #select()} hands out the Panama one:
   * 2²⁴ (about 17 M, some 20–40 ms of scalar work: two thirds of one swap pass at 5,000 customers). Until C2 has
   * compiled it, Vector API code runs boxed and is far slower than scalar code (measured: the first fit of 5,000
   * customers took about 0.35 s longer on it), so small fits in a fresh process never pay for it; a larger first fit
   * pays once, early.
   */
  public static final long PANAMA_AFTER = 1L << 24;

  private static final java.util.concurrent.atomic.AtomicLong SCALAR_WORK = new java.util.concurrent.atomic.AtomicLong();

  /**
   * For one thread of a fit: the Panama implementation when it can run here and the scalar ones of this process
   * have done {@link #PANAMA_AFTER} customers, else the scalar one (which counts its work). Both give the same bits,
   * so which one runs changes only the time.
   */
  public static SwapSums select() {
    SwapSums p = Holder.PANAMA;
    if (p != null && SCALAR_WORK.get() >= PANAMA_AFTER) {
      return p.copy();
    }
    return new Scalar(p == null ? null : SCALAR_WORK);
  }

  private static final class Holder {
    /** The Panama implementation, or null when it cannot run here (or scalar is forced). */
    static final SwapSums PANAMA = choose();

    private static SwapSums choose() {
      if (!"scalar".equalsIgnoreCase(System.getProperty(KernelProvider.PROPERTY, "auto").trim())) {
        try {
          return panama();
        } catch (UnsupportedOperationException e) {
          // the scalar implementation: same results
        }
      }
      return null;
    }
  }

  /** Plain Java: lanes in scratch arrays, the same operations in the same order as the vector lanes. */
  static final class Scalar extends SwapSums {
    private final float[] fa = new float[LANES];
    private final float[] fb = new float[LANES];
    private final double[] da = new double[LANES];
    private final double[] db = new double[LANES];
    /** Where its work is counted for {@link #select()}, or null. */
    private final java.util.concurrent.atomic.AtomicLong work;

    Scalar(java.util.concurrent.atomic.AtomicLong work) {
      this.work = work;
    }

    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public SwapSums copy() {
      return new Scalar(work);
    }

    @Override
    public void sums(float[] row, int off, float[] dn, float[] ds, int from, int to, double[] out, int at) {
      if (work != null) {
        work.addAndGet(to - from);
      }
      float[] fa = this.fa;
      float[] fb = this.fb;
      double[] da = this.da;
      double[] db = this.db;
      java.util.Arrays.fill(da, 0);
      java.util.Arrays.fill(db, 0);
      for (int c = from; c < to; c += CHUNK) {
        int end = Math.min(to, c + CHUNK);
        java.util.Arrays.fill(fa, 0f);
        java.util.Arrays.fill(fb, 0f);
        for (int t = c; t < end; t += LANES) {
          int o = off + t;
          for (int u = 0; u < LANES; u++) {
            float d = row[o + u];
            float s = ds[t + u];
            fa[u] += Math.min(d - dn[t + u], 0f);
            fb[u] += Math.min(d, s) - s;
          }
        }
        for (int u = 0; u < LANES; u++) {
          da[u] += fa[u];
          db[u] += fb[u];
        }
      }
      double a = 0;
      double b = 0;
      for (int u = 0; u < LANES; u++) {
        a += da[u];
        b += db[u];
      }
      out[at] = a;
      out[at + 1] = b;
    }
  }
}
