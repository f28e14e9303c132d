package dev.segmint.kernel.internal;

/**
 * The Java 17 stand-in of {@code PanamaShape}: the real one, compiled for Java 25 into {@code META-INF/versions/25}
 * of the multi-release jar, reads the Vector API's preferred shape; this one is what a runtime or class path without
 * that version sees (Java 17, or core as a classes folder, which has no versions). {@link KernelProvider} calls it
 * directly, so the selection needs no reflection (a method handle lookup spins classes inside the first fit of a
 * fresh JVM). Not API.
 */
final class PanamaShape {

  /** What {@link #preferredBits()} returns here: the Java 25 classes are not on the class path. */
  static final int NOT_COMPILED = 0;

  private PanamaShape() {}

  /** {@value #NOT_COMPILED}: this is not the Java 25 version (see the class comment). */
  static int preferredBits() {
    return NOT_COMPILED;
  }
}
