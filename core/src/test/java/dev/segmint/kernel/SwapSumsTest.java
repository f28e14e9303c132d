package dev.segmint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmint.kernel.internal.KernelProvider;
import dev.segmint.kernel.internal.SwapSums;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k-medoids' float swap sums ({@link SwapSums}): each implementation against the arithmetic its class comment
 * specifies, written out here lane by lane (bit for bit, so the scalar and Panama versions agree), and against the
 * exact sums of the same float inputs (in double), within the error bound the k-medoids estimate relies on: at most
 * 7.0001·2⁻²⁴ of the terms' magnitudes from the float sums of 8 terms, plus double rounding.
 */
class SwapSumsTest {

  /** Group lengths: one step, one chunk, chunks plus a partial one, and a long group. */
  static final int[] LENGTHS = {32, 256, 288, 1024 + 96, 5120};

  static SwapSums kernel(String name) {
    if (name.equals("scalar")) {
      return SwapSums.scalar();
    }
    if (Kernels.EXPECTED.equals("panama")) {
      // the Panama runs (512-bit vectors, and 256-bit ones with -XX:MaxVectorSize=32): the swap sums run on both
      assertTrue(KernelProvider.panamaAvailable(), KernelProvider.panamaUnavailableReason());
      return SwapSums.panama();
    }
    SwapSums s;
    try {
      s = SwapSums.panama();
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "Panama swap sums skipped: " + e.getMessage());
      return null;
    }
    return s;
  }

  /** The specified arithmetic, independently: lane u, 8 float terms per chunk, doubles, lanes added in order. */
  static double[] reference(float[] row, int off, float[] dn, float[] ds, int from, int to) {
    double a = 0;
    double b = 0;
    double[] la = new double[32];
    double[] lb = new double[32];
    for (int u = 0; u < 32; u++) {
      for (int c = from; c < to; c += 256) {
        float fa = 0f;
        float fb = 0f;
        for (int t = c + u; t < Math.min(to, c + 256); t += 32) {
          float d = row[off + t];
          fa += Math.min(d - dn[t], 0f);
          fb += Math.min(d, ds[t]) - ds[t];
        }
        la[u] += fa;
        lb[u] += fb;
      }
    }
    for (int u = 0; u < 32; u++) {
      a += la[u];
      b += lb[u];
    }
    return new double[] {a, b};
  }

  /**
   * Distances in [0, 1] with dn ≤ ds per customer, some candidates nearer than dn, some between, some beyond ds;
   * {@code spread} mixes magnitudes (1 and 2⁻¹⁴) so that float sums really round.
   */
  static float[][] data(SplittableRandom r, int len, int off, boolean spread) {
    float[] row = new float[off + len];
    float[] dn = new float[len];
    float[] ds = new float[len];
    for (int t = 0; t < len; t++) {
      float scale = spread && r.nextInt(4) == 0 ? 0x1p-14f : 1f;
      float x = (float) r.nextDouble() * scale;
      float y = (float) r.nextDouble() * scale;
      dn[t] = Math.min(x, y);
      ds[t] = Math.max(x, y);
      row[off + t] = (float) r.nextDouble() * scale * 1.2f;
    }
    return new float[][] {row, dn, ds};
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void sumsFollowTheSpecifiedArithmeticBitForBit(String name) {
    SwapSums kernel = kernel(name);
    SplittableRandom r = new SplittableRandom(7);
    for (int len : LENGTHS) {
      for (boolean spread : new boolean[] {false, true}) {
        int off = 5 + len % 7;
        float[][] v = data(r, len + 64, off, spread);
        // a range that starts inside the arrays, as a group after others does
        int from = 32;
        int to = 32 + len;
        double[] out = {-7, -7, -7, -7};
        kernel.sums(v[0], off, v[1], v[2], from, to, out, 1);
        double[] ref = reference(v[0], off, v[1], v[2], from, to);
        assertEquals(-7, out[0], 0);
        assertEquals(ref[0], out[1], 0, name + " Σa, length " + len);
        assertEquals(ref[1], out[2], 0, name + " Σb, length " + len);
        assertEquals(-7, out[3], 0);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "panama"})
  void sumsAreWithinTheirBoundOfTheExactSums(String name) {
    SwapSums kernel = kernel(name);
    SplittableRandom r = new SplittableRandom(11);
    boolean rounded = false;
    for (int len : LENGTHS) {
      float[][] v = data(r, len, 0, true);
      double exactA = 0;
      double exactB = 0;
      double magnitude = 0;
      for (int t = 0; t < len; t++) {
        // each term in double: the float differences are exact there
        double d = v[0][t];
        double a = Math.min(d - v[1][t], 0);
        double b = Math.min(d, v[2][t]) - v[2][t];
        exactA += a;
        exactB += b;
        magnitude += Math.abs(a) + Math.abs(b);
      }
      double[] out = new double[2];
      kernel.sums(v[0], 0, v[1], v[2], 0, len, out, 0);
      // float terms: one rounding each (u), float sums of 8 terms (7.0001u), double sums (len·2⁻⁵³, generous)
      double bound = (8.0002 * 0x1p-24 + len * 0x1p-52) * magnitude;
      double err = Math.abs(out[0] - exactA) + Math.abs(out[1] - exactB);
      assertTrue(err <= bound, name + " length " + len + ": error " + err + " > bound " + bound);
      rounded |= err > 0;
    }
    assertTrue(rounded, "the data must make the float sums round (else the bound is not tested)");
  }
}
