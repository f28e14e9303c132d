package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans.Algorithm;
import org.junit.jupiter.api.Test;

/** The early refusal of a k-means fit that cannot fit the heap, and the estimate behind it, by hand. */
class KMeansMemoryTest {
  @Test
  void estimateCountsThePackedCopyAndThePerPointArrays() {
    // Lloyd, 1 init: the data is read in place; one packed copy of 1,000 × 4 doubles (32,000 B)
    // + 1,000 × (label 4 + distance 8 + k-means++ closest distance 8) = 52,000 B
    assertEquals(52_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.LLOYD, 1));
    // Hamerly packs nothing and adds two bounds per point: 1,000 × (20 + 16) = 36,000 B
    assertEquals(36_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.HAMERLY, 1));
    // Elkan adds 1 + k bounds: 1,000 × (20 + 8 · 4) = 52,000 B
    assertEquals(52_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.ELKAN, 1));
    // several inits keep the best run's labels beside the running one: + 4,000 B
    assertEquals(56_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.LLOYD, 4));
    // mini-batch packs no copy either
    assertEquals(20_000, KMeans.memoryEstimate(1_000, 4, 3, Algorithm.MINI_BATCH, 1));
    // the workload, 1,000,000 × 16, k = 16 (128,000,000 B of data): Lloyd within 3 × the data
    long lloyd = KMeans.memoryEstimate(1_000_000, 16, 16, Algorithm.LLOYD, 4);
    assertEquals(128_000_000L + 20_000_000L + 4_000_000L, lloyd);
    assertTrue(lloyd <= 3 * 128_000_000L);
  }

  @Test
  void tenMillionCustomersInAThreeGigabyteHeapAreRefusedWithTheMemoryTheyNeed() {
    long gib = 1L << 30;
    // 10,000,000 × 8, Elkan with k = 64: no copy of the data + 10^7 · (20 + 520) B = 5.03 GiB
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KMeans.checkMemory(10_000_000, 8, 64, Algorithm.ELKAN, 1, 2 * gib, 3 * gib));
    assertTrue(e.getMessage().startsWith("k-means (elkan) on 10,000,000 customers × 8 features needs about 5.0 GiB"
        + " of working memory beyond the data, but the JVM heap has 2.0 GiB free (maximum 3.0 GiB); raise the heap"
        + " (-Xmx7g or more), choose Hamerly or Lloyd"), e.getMessage());
    // the same request with Lloyd fits
    KMeans.checkMemory(10_000_000, 8, 64, Algorithm.LLOYD, 1, 2 * gib, 3 * gib);
  }
}
