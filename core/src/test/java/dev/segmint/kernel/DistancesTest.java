package dev.segmint.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.kernel.internal.KernelProvider;
import org.junit.jupiter.api.Test;

/** The public facade: selection, argument checks, and results through whichever implementation runs. */
class DistancesTest {

  @Test
  void implementationIsTheOneThisRunExpects() {
    String name = Distances.implementationName();
    assertTrue(name.equals("scalar") || name.equals("panama"), name);
    assertFalse(Distances.selectionReason().isBlank());
    if (!Kernels.EXPECTED.isEmpty()) {
      assertEquals(Kernels.EXPECTED, name, "selected for: " + Distances.selectionReason());
    }
    String bits = System.getProperty("segmint.expect.vectorBits");
    if (bits != null) {
      assertTrue(Distances.selectionReason().contains(bits + "-bit vectors"), Distances.selectionReason());
    }
    if (name.equals("scalar") && System.getProperty(KernelProvider.PROPERTY) == null) {
      // the reason says how to get the fast path
      assertEquals(KernelProvider.panamaUnavailableReason().isEmpty(), false);
      assertTrue(Distances.selectionReason().contains(KernelProvider.panamaUnavailableReason()),
          Distances.selectionReason());
    }
  }

  @Test
  void pairKernel() {
    assertEquals(25.0, Distances.squaredDistance(new double[] {0, 0}, 0, new double[] {3, 4}, 0, 2));
    assertEquals(1.0, Distances.squaredDistance(new double[] {9, 1, 2}, 1, new double[] {1, 3}, 0, 2));
    // rows 1 and 3 of a row-major array, d = 20 (the Panama vector path from 2 × lanes coordinates on)
    double[] rows = new double[4 * 20];
    for (int j = 0; j < 20; j++) {
      rows[20 + j] = j;
      rows[60 + j] = j + (j % 2 == 0 ? 1 : -2);
    }
    assertEquals(10 * 1 + 10 * 4, Distances.squaredDistance(rows, 20, rows, 60, 20));
  }

  @Test
  void pairKernelRangesAreExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistance(new double[4], 2, new double[4], 0, 3));
    assertTrue(e.getMessage().contains("a[2, 5) is outside a of length 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistance(new double[4], 0, new double[4], -1, 2));
    assertTrue(e.getMessage().contains("b[-1, 1) is outside b of length 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistance(new double[4], 0, new double[4], 0, 0));
    assertTrue(e.getMessage().contains("dimension d must be at least 1, got 0"), e.getMessage());
  }

  @Test
  void nearestCentroidsThroughTheFacade() {
    double[] points = {0, 0, 10, 10, 1, 1, 9, 8, 5, 5};
    double[] centroids = {10, 10, 0, 0};
    int[] idx = new int[3];
    double[] dist = new double[3];
    double[] second = new double[3];
    Distances.nearestCentroids(points, 1, 4, 2, centroids, 2, idx, dist, second);
    assertArrayEquals(new int[] {0, 1, 0}, idx);
    assertArrayEquals(new double[] {0, 2, 5}, dist);
    assertArrayEquals(new double[] {200, 162, 145}, second);
    PackedPoints packed = PackedPoints.of(points, 2);
    assertEquals(5, packed.size());
    assertEquals(8.0, packed.get(3, 1));
    int[] idx2 = new int[3];
    double[] dist2 = new double[3];
    Distances.nearestCentroids(packed, 1, 4, centroids, 2, idx2, dist2, null);
    assertArrayEquals(idx, idx2);
    assertArrayEquals(dist, dist2);
  }

  @Test
  void nearestCentroidsChecksArguments() {
    double[] points = new double[10];
    int[] idx = new int[5];
    double[] dist = new double[5];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 6, 2, new double[4], 2, new int[6], new double[6], null));
    assertTrue(e.getMessage().contains("points block [0, 6) with d = 2 needs 12 values but points has 10"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 5, 2, new double[3], 2, idx, dist, null));
    assertTrue(e.getMessage().contains("centroids needs k·d = 2 × 2 = 4 values but has 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 5, 2, new double[4], 0, idx, dist, null));
    assertTrue(e.getMessage().contains("k must be at least 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 5, 2, new double[4], 2, idx, new double[4], null));
    assertTrue(e.getMessage().contains("outDist has room for 4 points, the block has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 5, 2, new double[4], 2, new int[4], dist, null));
    assertTrue(e.getMessage().contains("outIndex has room for 4 points, the block has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 5, 2, new double[4], 2, idx, dist, new double[4]));
    assertTrue(e.getMessage().contains("outSecond has room for 4 points, the block has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 3, 2, 2, new double[4], 2, idx, dist, null));
    assertTrue(e.getMessage().contains("not a valid range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.nearestCentroids(points, 0, 1, 0, new double[4], 2, idx, dist, null));
    assertTrue(e.getMessage().contains("dimension d must be at least 1, got 0"), e.getMessage());
    // an empty block is fine and writes nothing
    Distances.nearestCentroids(points, 2, 2, 2, new double[4], 2, new int[0], new double[0], null);
  }

  @Test
  void blockDistances() {
    double[] pts = {0, 0, 3, 4, 6, 8, 1, 0};
    double[] out = new double[8];
    Distances.squaredDistances(pts, 0, 2, pts, 1, 4, 2, out);
    assertArrayEquals(new double[] {25, 100, 1, 0, 25, 20, 0, 0}, out);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistances(pts, 0, 4, pts, 0, 4, 2, new double[15]));
    assertTrue(e.getMessage().contains("4 × 4 = 16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistances(pts, 0, 2, pts, 3, 5, 2, new double[4]));
    assertTrue(e.getMessage().contains("b block [3, 5) with d = 2 needs 10 values but b has 8 (4 points)"),
        e.getMessage());

    PackedPoints packed = PackedPoints.of(pts, 0, 4, 2);
    assertEquals("PackedPoints[4 points × 2 dimensions]", packed.toString());
    e = assertThrows(IllegalArgumentException.class, () -> PackedPoints.of(new double[5], 2));
    assertTrue(e.getMessage().contains("not a multiple of d = 2"), e.getMessage());

    // packed points × rows of b, one row of b after the other: points 0..1 against points 1..3 (hand-computed)
    double[] byColumn = new double[7];
    Distances.squaredDistances(packed, 0, 2, pts, 1, 4, byColumn);
    assertArrayEquals(new double[] {25, 0, 100, 25, 1, 20, 0}, byColumn);
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistances(packed, 0, 4, pts, 0, 4, new double[15]));
    assertTrue(e.getMessage().contains("4 × 4 = 16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Distances.squaredDistances(packed, 2, 5, pts, 0, 1, new double[15]));
    assertTrue(e.getMessage().contains("outside the 4 packed points"), e.getMessage());
  }
}
