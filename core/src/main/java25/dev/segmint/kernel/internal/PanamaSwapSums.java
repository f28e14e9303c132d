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

  private final double[] lanes = new double[2 * LANES];

  PanamaSwapSums() {
    if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 512 || L * 2 != LANES) {
      throw new UnsupportedOperationException("the preferred vector size of this CPU/JVM is "
          + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits; the Panama swap sums need 512-bit vectors");
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
