package dev.segmint.kernel.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SwapSums} on the Panama Vector API with 512-bit vectors: the 32 lanes are two float vectors of 16, each
 * chunk's float sums are widened into four double vectors of 8 lanes, and the lanes' double sums are added in lane
 * order at the end, exactly as {@link SwapSums#scalar()} does (same bits). Loaded reflectively by {@link SwapSums};
 * not API.
 */
final class PanamaSwapSums extends SwapSums {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
  private static final int L = F.length();
  /** 256-bit vectors (the AVX2 shape): four float vectors and eight double vectors per 32 lanes. */
  private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_256;
  private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
  /** Whether this CPU/JVM prefers 512-bit vectors (else the 256-bit loop runs); the same bits either way. */
  private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

  private final double[] lanes = new double[2 * LANES];

  PanamaSwapSums() {
    if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256 || L * 2 != LANES || F4.length() * 4 != LANES) {
      throw new UnsupportedOperationException("the preferred vector size of this CPU/JVM is "
          + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits; the Panama swap sums need 256- or 512-bit vectors");
    }
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public SwapSums copy() {
    return new PanamaSwapSums();
  }

  @Override
  public void sums(float[] row, int off, float[] dn, float[] ds, int from, int to, double[] out, int at) {
    if (WIDE) {
      sums512(row, off, dn, ds, from, to, out, at);
    } else {
      sums256(row, off, dn, ds, from, to, out, at);
    }
  }

  /** Lanes 0–7, 8–15, 16–23, 24–31 in four float vectors: each lane adds the same terms in the same order. */
  private void sums256(float[] row, int off, float[] dn, float[] ds, int from, int to, double[] out, int at) {
    FloatVector zero = FloatVector.zero(F4);
    int fl = F4.length();
    DoubleVector dz = DoubleVector.zero(D4);
    // locals, not arrays: vectors kept in arrays are boxed
    DoubleVector a0 = dz, a1 = dz, a2 = dz, a3 = dz, a4 = dz, a5 = dz, a6 = dz, a7 = dz;
    DoubleVector b0 = dz, b1 = dz, b2 = dz, b3 = dz, b4 = dz, b5 = dz, b6 = dz, b7 = dz;
    for (int c = from; c < to; c += CHUNK) {
      int end = Math.min(to, c + CHUNK);
      FloatVector fa0 = zero;
      FloatVector fa1 = zero;
      FloatVector fa2 = zero;
      FloatVector fa3 = zero;
      FloatVector fb0 = zero;
      FloatVector fb1 = zero;
      FloatVector fb2 = zero;
      FloatVector fb3 = zero;
      for (int t = c; t < end; t += LANES) {
        FloatVector d0 = FloatVector.fromArray(F4, row, off + t);
        FloatVector d1 = FloatVector.fromArray(F4, row, off + t + fl);
        FloatVector d2 = FloatVector.fromArray(F4, row, off + t + 2 * fl);
        FloatVector d3 = FloatVector.fromArray(F4, row, off + t + 3 * fl);
        FloatVector s0 = FloatVector.fromArray(F4, ds, t);
        FloatVector s1 = FloatVector.fromArray(F4, ds, t + fl);
        FloatVector s2 = FloatVector.fromArray(F4, ds, t + 2 * fl);
        FloatVector s3 = FloatVector.fromArray(F4, ds, t + 3 * fl);
        fa0 = fa0.add(d0.sub(FloatVector.fromArray(F4, dn, t)).min(zero));
        fa1 = fa1.add(d1.sub(FloatVector.fromArray(F4, dn, t + fl)).min(zero));
        fa2 = fa2.add(d2.sub(FloatVector.fromArray(F4, dn, t + 2 * fl)).min(zero));
        fa3 = fa3.add(d3.sub(FloatVector.fromArray(F4, dn, t + 3 * fl)).min(zero));
        fb0 = fb0.add(d0.min(s0).sub(s0));
        fb1 = fb1.add(d1.min(s1).sub(s1));
        fb2 = fb2.add(d2.min(s2).sub(s2));
        fb3 = fb3.add(d3.min(s3).sub(s3));
      }
      a0 = a0.add(fa0.convertShape(VectorOperators.F2D, D4, 0));
      a1 = a1.add(fa0.convertShape(VectorOperators.F2D, D4, 1));
      a2 = a2.add(fa1.convertShape(VectorOperators.F2D, D4, 0));
      a3 = a3.add(fa1.convertShape(VectorOperators.F2D, D4, 1));
      a4 = a4.add(fa2.convertShape(VectorOperators.F2D, D4, 0));
      a5 = a5.add(fa2.convertShape(VectorOperators.F2D, D4, 1));
      a6 = a6.add(fa3.convertShape(VectorOperators.F2D, D4, 0));
      a7 = a7.add(fa3.convertShape(VectorOperators.F2D, D4, 1));
      b0 = b0.add(fb0.convertShape(VectorOperators.F2D, D4, 0));
      b1 = b1.add(fb0.convertShape(VectorOperators.F2D, D4, 1));
      b2 = b2.add(fb1.convertShape(VectorOperators.F2D, D4, 0));
      b3 = b3.add(fb1.convertShape(VectorOperators.F2D, D4, 1));
      b4 = b4.add(fb2.convertShape(VectorOperators.F2D, D4, 0));
      b5 = b5.add(fb2.convertShape(VectorOperators.F2D, D4, 1));
      b6 = b6.add(fb3.convertShape(VectorOperators.F2D, D4, 0));
      b7 = b7.add(fb3.convertShape(VectorOperators.F2D, D4, 1));
    }
    double[] x = lanes;
    int h = D4.length();
    a0.intoArray(x, 0);
    a1.intoArray(x, h);
    a2.intoArray(x, 2 * h);
    a3.intoArray(x, 3 * h);
    a4.intoArray(x, 4 * h);
    a5.intoArray(x, 5 * h);
    a6.intoArray(x, 6 * h);
    a7.intoArray(x, 7 * h);
    b0.intoArray(x, LANES);
    b1.intoArray(x, LANES + h);
    b2.intoArray(x, LANES + 2 * h);
    b3.intoArray(x, LANES + 3 * h);
    b4.intoArray(x, LANES + 4 * h);
    b5.intoArray(x, LANES + 5 * h);
    b6.intoArray(x, LANES + 6 * h);
    b7.intoArray(x, LANES + 7 * h);
    double sa = 0;
    double sb = 0;
    for (int u = 0; u < LANES; u++) {
      sa += x[u];
      sb += x[LANES + u];
    }
    out[at] = sa;
    out[at + 1] = sb;
  }

  /** Lanes 0–15 and 16–31 in two float vectors. */
  private void sums512(float[] row, int off, float[] dn, float[] ds, int from, int to, double[] out, int at) {
    FloatVector zero = FloatVector.zero(F);
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    DoubleVector b0 = a0;
    DoubleVector b1 = a0;
    DoubleVector b2 = a0;
    DoubleVector b3 = a0;
    for (int c = from; c < to; c += CHUNK) {
      int end = Math.min(to, c + CHUNK);
      FloatVector fa0 = zero;
      FloatVector fa1 = zero;
      FloatVector fb0 = zero;
      FloatVector fb1 = zero;
      for (int t = c; t < end; t += LANES) {
        FloatVector d0 = FloatVector.fromArray(F, row, off + t);
        FloatVector d1 = FloatVector.fromArray(F, row, off + t + L);
        FloatVector s0 = FloatVector.fromArray(F, ds, t);
        FloatVector s1 = FloatVector.fromArray(F, ds, t + L);
        fa0 = fa0.add(d0.sub(FloatVector.fromArray(F, dn, t)).min(zero));
        fa1 = fa1.add(d1.sub(FloatVector.fromArray(F, dn, t + L)).min(zero));
        fb0 = fb0.add(d0.min(s0).sub(s0));
        fb1 = fb1.add(d1.min(s1).sub(s1));
      }
      a0 = a0.add(fa0.convertShape(VectorOperators.F2D, D, 0));
      a1 = a1.add(fa0.convertShape(VectorOperators.F2D, D, 1));
      a2 = a2.add(fa1.convertShape(VectorOperators.F2D, D, 0));
      a3 = a3.add(fa1.convertShape(VectorOperators.F2D, D, 1));
      b0 = b0.add(fb0.convertShape(VectorOperators.F2D, D, 0));
      b1 = b1.add(fb0.convertShape(VectorOperators.F2D, D, 1));
      b2 = b2.add(fb1.convertShape(VectorOperators.F2D, D, 0));
      b3 = b3.add(fb1.convertShape(VectorOperators.F2D, D, 1));
    }
    double[] x = lanes;
    int h = D.length();
    a0.intoArray(x, 0);
    a1.intoArray(x, h);
    a2.intoArray(x, 2 * h);
    a3.intoArray(x, 3 * h);
    b0.intoArray(x, LANES);
    b1.intoArray(x, LANES + h);
    b2.intoArray(x, LANES + 2 * h);
    b3.intoArray(x, LANES + 3 * h);
    double a = 0;
    double b = 0;
    for (int u = 0; u < LANES; u++) {
      a += x[u];
      b += x[LANES + u];
    }
    out[at] = a;
    out[at + 1] = b;
  }
}
