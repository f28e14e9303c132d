package dev.segmint.kernel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Objects;

/**
 * Chooses the distance kernel implementation, the way Apache Lucene's {@code VectorizationProvider} does. Not
 * API: {@link dev.segmint.kernel.Distances} asks it once, at class-load, and logs the answer.
 *
 * <p>The Panama implementation ({@code PanamaDistanceKernel}) is compiled for Java 25 into
 * {@code META-INF/versions/25} of the multi-release jar, so a Java 17 runtime never sees it. It is loaded
 * reflectively, and only when all of these hold: the runtime is Java {@value #PANAMA_MIN_JAVA} or newer; the
 * module {@code jdk.incubator.vector} is in the boot layer (start the JVM with
 * {@code --add-modules jdk.incubator.vector}); the C2 compiler is on (not {@code -XX:TieredStopAtLevel} below
 * 4), because the Vector API is very slow without it; and the CPU has SIMD registers of at least 128 bits.
 * Otherwise the tuned {@link ScalarDistanceKernel} is used.
 *
 * <p>The system property {@value #PROPERTY} forces the choice: {@code auto} (default), {@code scalar} or
 * {@code panama}. A forced {@code panama} that cannot be honoured does not throw (a library must not break its
 * host application over a tuning flag): it falls back to scalar and the reason says so, as a warning.
 *
 * <p>A Panama selection is a {@link ColdStartKernel}: its calls run on the Panama kernels' scalar twin (the same
 * results bit for bit) until the Panama kernels are compiled. {@link #panama()} returns the Panama kernels alone.
 */
public final class KernelProvider {

  /** System property that forces the implementation: {@code auto}, {@code scalar} or {@code panama}. */
  public static final String PROPERTY = "segmint.kernel";

  /** The first Java feature release the Panama kernels are compiled for. */
  public static final int PANAMA_MIN_JAVA = 25;

  private static final String PANAMA_CLASS = "dev.segmint.kernel.internal.PanamaDistanceKernel";
  private static final String MODULE = "jdk.incubator.vector";

  /** Said of every Panama selection: calls start on the bit-identical scalar twin ({@link ColdStartKernel}). */
  static final String COLD_START = "; until they are compiled, calls run on their scalar twin (same results bit for"
      + " bit)";

  private KernelProvider() {}

  /**
   * The outcome of a selection.
   *
   * @param kernel the implementation to use
   * @param reason one sentence: why this one, and how to get the other when that is possible
   * @param warning true when a request could not be honoured or something failed unexpectedly
   */
  public record Selection(DistanceKernel kernel, String reason, boolean warning) {
    public Selection {
      Objects.requireNonNull(kernel, "kernel");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Selects according to the system property {@value #PROPERTY}. */
  public static Selection select() {
    return select(System.getProperty(PROPERTY, "auto"));
  }

  /**
   * Selects according to {@code mode}: {@code auto}, {@code scalar} or {@code panama} (case-insensitive);
   * anything else counts as {@code auto}, with a warning.
   */
  public static Selection select(String mode) {
    String m = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    switch (m) {
      case "scalar":
        return new Selection(ScalarDistanceKernel.INSTANCE,
            "scalar kernels forced by -D" + PROPERTY + "=scalar", false);
      case "panama": {
        Panama p = loadPanama();
        if (p.kernel != null) {
          return new Selection(new ColdStartKernel(p.kernel), "Panama Vector API kernels forced by -D" + PROPERTY
              + "=panama (" + p.detail + ")" + COLD_START, false);
        }
        return new Selection(ScalarDistanceKernel.INSTANCE, "-D" + PROPERTY
            + "=panama was requested but the Panama kernels are unavailable, using scalar kernels: " + p.detail,
            true);
      }
      case "auto":
      case "": {
        Panama p = loadPanama();
        if (p.kernel != null) {
          return new Selection(new ColdStartKernel(p.kernel), "Panama Vector API kernels selected automatically ("
              + p.detail + ")" + COLD_START, false);
        }
        return new Selection(ScalarDistanceKernel.INSTANCE, "scalar kernels: " + p.detail, p.unexpected);
      }
      default: {
        Panama p = loadPanama();
        String prefix = "unknown -D" + PROPERTY + "=" + mode + " (expected auto, scalar or panama), treated as auto: ";
        if (p.kernel != null) {
          return new Selection(new ColdStartKernel(p.kernel), prefix + "Panama Vector API kernels (" + p.detail + ")"
              + COLD_START, true);
        }
        return new Selection(ScalarDistanceKernel.INSTANCE, prefix + "scalar kernels: " + p.detail, true);
      }
    }
  }

  /** Where {@code kernel}'s calls go now: see {@code Distances.runtimeState()}. */
  public static String state(DistanceKernel kernel) {
    return kernel instanceof ColdStartKernel c ? "Panama kernels: " + c.state() : kernel.name() + " kernels";
  }

  /** The scalar implementation. */
  public static DistanceKernel scalar() {
    return ScalarDistanceKernel.INSTANCE;
  }

  /**
   * A new Panama implementation, for tests and benchmarks that compare both in one JVM: the Vector API kernels
   * themselves, without the cold start on their scalar twin that {@link #select} adds.
   *
   * @throws UnsupportedOperationException with the reason when it is unavailable on this runtime
   */
  public static DistanceKernel panama() {
    Panama p = loadPanama();
    if (p.kernel == null) {
      throw new UnsupportedOperationException("Panama distance kernels unavailable: " + p.detail);
    }
    return p.kernel;
  }

  /** Whether the Panama implementation can be loaded here; {@link #panamaUnavailableReason()} says why not. */
  public static boolean panamaAvailable() {
    return loadPanama().kernel != null;
  }

  /** Why Panama cannot be loaded, or the empty string when it can. */
  public static String panamaUnavailableReason() {
    Panama p = loadPanama();
    return p.kernel == null ? p.detail : "";
  }

  /** Result of an attempt to load the Panama kernels: a kernel and details, or null and the reason. */
  private static final class Panama {
    final DistanceKernel kernel;
    final String detail;
    final boolean unexpected;

    Panama(DistanceKernel kernel, String detail, boolean unexpected) {
      this.kernel = kernel;
      this.detail = detail;
      this.unexpected = unexpected;
    }
  }

  private static Panama loadPanama() {
    int feature = Runtime.version().feature();
    if (feature < PANAMA_MIN_JAVA) {
      return new Panama(null, "the Panama Vector API kernels need Java " + PANAMA_MIN_JAVA
          + " or newer, this runtime is Java " + feature, false);
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return new Panama(null, "the module " + MODULE + " is not readable; start the JVM with --add-modules "
          + MODULE + " to enable the Panama Vector API kernels", false);
    }
    String c2 = c2Problem();
    if (c2 != null) {
      return new Panama(null, c2, false);
    }
    try {
      Class<?> type = Class.forName(PANAMA_CLASS, true, KernelProvider.class.getClassLoader());
      DistanceKernel kernel = (DistanceKernel) MethodHandles.lookup()
          .findConstructor(type, MethodType.methodType(void.class)).invoke();
      return new Panama(kernel, kernel.toString(), false);
    } catch (ClassNotFoundException e) {
      return new Panama(null, "the Panama kernel class is missing (segmint-core is not on the class path as its "
          + "multi-release jar, e.g. it runs from a classes folder)", true);
    } catch (UnsupportedOperationException e) {
      return new Panama(null, e.getMessage(), false);
    } catch (RuntimeException | LinkageError e) {
      return new Panama(null, "the Panama kernels failed to load on Java " + Runtime.version() + ": " + e, true);
    } catch (Throwable e) {
      return new Panama(null, "the Panama kernels failed to load: " + e, true);
    }
  }

  /** Non-null when the JIT configuration makes the Vector API slow (no C2). */
  private static String c2Problem() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean bean =
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if (bean == null) {
        return null;
      }
      if (!Boolean.parseBoolean(bean.getVMOption("UseCompiler").getValue())) {
        return "the JIT compiler is off (-Xint), without which the Vector API is slower than scalar code";
      }
      String level = bean.getVMOption("TieredStopAtLevel").getValue();
      if (Integer.parseInt(level) < 4) {
        return "the C2 compiler is disabled (-XX:TieredStopAtLevel=" + level + "), without which the Vector API "
            + "is slower than scalar code";
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      // not HotSpot, or java.management is absent: nothing to learn, assume C2 is on
      return null;
    }
  }
}
