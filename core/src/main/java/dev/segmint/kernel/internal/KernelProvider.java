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
 * Otherwise the tuned {@link ScalarDistanceKernel} is used. The selection itself reads only the preferred vector
 * shape ({@code PanamaShape}, called directly: the jar's {@code META-INF/versions/25} has the real one, the base
 * classes a stand-in that says "not compiled for this runtime") and the FMA flag: the kernels, and with them the
 * Vector API's vector classes, are loaded by the {@link ColdStartKernel} when its scalar twin hands over.
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
          return new Selection(p.kernel, ("Panama Vector API kernels forced by -D" + PROPERTY + "=panama (")
              .concat(p.detail).concat(")" + COLD_START), false);
        }
        return new Selection(ScalarDistanceKernel.INSTANCE, "-D" + PROPERTY
            + "=panama was requested but the Panama kernels are unavailable, using scalar kernels: " + p.detail,
            true);
      }
      case "auto":
      case "": {
        Panama p = loadPanama();
        if (p.kernel != null) {
          // String.concat, not +: a + around a variable makes the JVM generate a class (inside the first fit)
          return new Selection(p.kernel, "Panama Vector API kernels selected automatically (".concat(p.detail)
              .concat(")" + COLD_START), false);
        }
        return new Selection(ScalarDistanceKernel.INSTANCE, "scalar kernels: " + p.detail, p.unexpected);
      }
      default: {
        Panama p = loadPanama();
        String prefix = "unknown -D" + PROPERTY + "=" + mode + " (expected auto, scalar or panama), treated as auto: ";
        if (p.kernel != null) {
          return new Selection(p.kernel, prefix + "Panama Vector API kernels (" + p.detail + ")"
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
    return loadPanamaKernel((ScalarTwinKernel) p.kernel.scalarTwin());
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

  /**
   * Result of an attempt to use the Panama kernels: for a selection, a {@link ColdStartKernel} that has not loaded
   * them yet (it loads them when its twin hands over), and details; or null and the reason.
   */
  private static final class Panama {
    final ColdStartKernel kernel;
    final String detail;
    final boolean unexpected;

    Panama(ColdStartKernel kernel, String detail, boolean unexpected) {
      this.kernel = kernel;
      this.detail = detail;
      this.unexpected = unexpected;
    }
  }

  /**
   * Checks that the Panama kernels can run here and reads their vector shape, without initialising the Vector
   * API's vector classes (that costs tens of milliseconds, inside the first fit of a fresh JVM, while the first
   * calls run on the scalar twin anyway): only {@code VectorShape} is read, and {@code PanamaDistanceKernel} is
   * loaded by the returned {@link ColdStartKernel} when its twin hands over.
   */
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
    int bits;
    try {
      // a plain call: the Java 25 version of PanamaShape, or its Java 17 stand-in when the class path has no
      // META-INF/versions/25 (a method handle lookup here would spin classes inside the first fit)
      bits = PanamaShape.preferredBits();
    } catch (RuntimeException | LinkageError e) {
      return new Panama(null, "the Panama kernels failed to load on Java " + Runtime.version() + ": " + e, true);
    }
    if (bits == PanamaShape.NOT_COMPILED) {
      return new Panama(null, "the Panama kernel class is missing (segmint-core is not on the class path as its "
          + "multi-release jar, e.g. it runs from a classes folder)", true);
    }
    int lanes = bits / Double.SIZE;
    if (bits < 128 || PackedLayout.TILE % lanes != 0) {
      return new Panama(null, "the preferred vector size of this CPU/JVM is " + bits + " bits; the Panama kernels "
          + "need at least 128-bit vectors", false);
    }
    boolean fma = fmaIsFast();
    return new Panama(new ColdStartKernel(lanes, fma), describe(lanes, fma), false);
  }

  /**
   * What {@code PanamaDistanceKernel} runs on, as its {@code toString()} says it. Built with a
   * {@link StringBuilder}, not {@code +}: a concatenation with numbers makes the JVM generate a class at its first
   * run, which here is inside the first fit.
   */
  static String describe(int lanes, boolean fma) {
    return new StringBuilder(96).append("Panama Vector API, ").append(lanes * Double.SIZE).append("-bit vectors, ")
        .append(lanes).append(" double lanes, ")
        .append(fma ? "fused multiply-add" : "separate multiply and add (no fast FMA)").toString();
  }

  /**
   * A new {@code PanamaDistanceKernel} (which initialises the Vector API), checked to have the lanes and FMA use of
   * the twin {@code expected} when that is not null.
   *
   * @throws UnsupportedOperationException with the reason when it cannot be loaded or does not match
   */
  static DistanceKernel loadPanamaKernel(ScalarTwinKernel expected) {
    DistanceKernel kernel;
    try {
      Class<?> type = Class.forName(PANAMA_CLASS, true, KernelProvider.class.getClassLoader());
      kernel = (DistanceKernel) MethodHandles.lookup().findConstructor(type, MethodType.methodType(void.class))
          .invoke();
    } catch (UnsupportedOperationException e) {
      throw e;
    } catch (Throwable e) {
      throw new UnsupportedOperationException("the Panama kernels failed to load on Java " + Runtime.version()
          + ": " + e, e);
    }
    if (expected != null && !(kernel.scalarTwin() instanceof ScalarTwinKernel t && t.sameArithmetic(expected))) {
      throw new UnsupportedOperationException("the Panama kernels (" + kernel + ") do not match their scalar twin ("
          + expected + ")");
    }
    return kernel;
  }

  /** Whether the JVM says the CPU has fast fused multiply-add ({@code -XX:+UseFMA}); the Panama kernels use it then. */
  static boolean fmaIsFast() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean bean =
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
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
