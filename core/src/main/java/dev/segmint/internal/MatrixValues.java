package dev.segmint.internal;

import dev.segmint.features.FeatureMatrix;
import java.util.Objects;
import java.util.function.Function;

/**
 * The library's own read-only access to a {@link FeatureMatrix}'s values without copying them (the pattern of the
 * JDK's {@code SharedSecrets}): {@code FeatureMatrix} registers the accessor when its class initialises, and
 * algorithms that only read the values (k-means) use the matrix's own row-major array instead of a copy of
 * {@code 8·n·d} bytes. Not API: a caller must never write to the array nor let it escape.
 */
public final class MatrixValues {

  private static volatile Function<FeatureMatrix, double[]> access;
  private static volatile Function<FeatureMatrix, short[]> codeAccess;

  private MatrixValues() {}

  /** Called once, by {@code FeatureMatrix}'s static initialiser. */
  public static void register(Function<FeatureMatrix, double[]> accessor, Function<FeatureMatrix, short[]> codes) {
    if (access != null) {
      throw new IllegalStateException("the FeatureMatrix accessor is registered already");
    }
    codeAccess = Objects.requireNonNull(codes, "codes");
    access = Objects.requireNonNull(accessor, "accessor");
  }

  /**
   * The row-major values of {@code m} (row {@code i}, column {@code j} at {@code i·d + j}), not a copy: read
   * only.
   */
  public static double[] shared(FeatureMatrix m) {
    Objects.requireNonNull(m, "m");
    // m exists, so FeatureMatrix is initialised and has registered
    return access.apply(m);
  }

  /**
   * The row-major level codes of {@code m}'s categorical features (row {@code i}, column {@code j} at {@code i·c + j},
   * -1 for missing), not a copy: read only. Empty for a numeric matrix.
   */
  public static short[] sharedCodes(FeatureMatrix m) {
    Objects.requireNonNull(m, "m");
    return codeAccess.apply(m);
  }
}
