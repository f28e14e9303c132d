package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans.Algorithm;
import org.junit.jupiter.api.Test;

/** The early refusal of a k-means fit that cannot fit the heap, and the estimate behind it, by hand. */
class KMeansMemoryTest {
  @Test
  void estimateCountsTheCopiesAndThePerPointArrays() {
    // Lloyd, 1 init: 2 copies of 1,000 × 4 doubles (64,000 B) + 1,000 × (label 4 + distance 8 + far 8) = 84,000 B
    assertEquals(84_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.LLOYD, 1));
    // Hamerly adds two bounds per point: + 16,000 B
    assertEquals(100_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.HAMERLY, 1));
    // Elkan adds 1 + k bounds: + 8 · 4 · 1,000 = 32,000 B
    assertEquals(116_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.ELKAN, 1));
    // several inits keep the best run's per-point arrays beside the running one's
    assertEquals(104_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.LLOYD, 4));
    // mini-batch packs no second copy
    assertEquals(52_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.MINI_BATCH, 1));
  }

  @Test
  void tenMillionCustomersInAThreeGigabyteHeapAreRefusedWithTheMemoryTheyNeed() {
    long gib = 1L << 30;
    // 10,000,000 × 8, Elkan with k = 64: 1.19 GiB of copies + 10^7 · (20 + 520) B (5.03 GiB) = 6.2 GiB
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KMeans.checkMemory(10_000_000, 8, 64, Algorithm.ELKAN, 1, 2 * gib, 3 * gib));
    assertTrue(e.getMessage().startsWith("k-means (elkan) on 10,000,000 customers × 8 features needs about 6.2 GiB"
        + " of working memory beyond the data, but the JVM heap has 2.0 GiB free (maximum 3.0 GiB); raise the heap"
        + " (-Xmx8g or more), choose Hamerly or Lloyd"), e.getMessage());
    // the same request with Lloyd fits
    KMeans.checkMemory(10_000_000, 8, 64, Algorithm.LLOYD, 1, 2 * gib, 3 * gib);
  }
}
