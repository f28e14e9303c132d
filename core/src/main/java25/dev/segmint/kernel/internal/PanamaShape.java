package dev.segmint.kernel.internal;

import jdk.incubator.vector.VectorShape;

/**
 * The vector size the Panama kernels will run on, read without initialising the Vector API's vector classes:
 * {@link KernelProvider} builds the scalar twin from it, and {@link ColdStartKernel} loads
 * {@code PanamaDistanceKernel} (whose {@code DoubleVector.SPECIES_PREFERRED} is this shape) only when the twin hands
 * over. Compiled for Java 25 into {@code META-INF/versions/25}, where it replaces the Java 17 stand-in of the same
 * name (which returns 0). Not API.
 */
final class PanamaShape {

  private PanamaShape() {}

  /** Bits of the preferred vector shape, the shape of {@code DoubleVector.SPECIES_PREFERRED}. */
  static int preferredBits() {
    return VectorShape.preferredShape().vectorBitSize();
  }
}
