package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BlocksTest {

  @Test
  void everyBlockRunsExactlyOnceWhateverTheThreadCount() {
    int n = 7 * Blocks.SIZE + 5;   // 8 blocks, the last one of 5 points
    for (int threads : new int[] {1, 2, 3, 8, 64}) {
      try (Blocks blocks = new Blocks(n, threads)) {
        assertEquals(8, blocks.count);
        assertEquals(Math.min(threads, 8), blocks.threads(), "threads are capped at the block count");
        AtomicIntegerArray runs = new AtomicIntegerArray(blocks.count);
        for (int pass = 0; pass < 50; pass++) {
          blocks.forEach(runs::incrementAndGet);
        }
        for (int b = 0; b < blocks.count; b++) {
          assertEquals(50, runs.get(b), "block " + b + " with " + threads + " threads");
        }
        assertEquals(7 * Blocks.SIZE, blocks.from(7));
        assertEquals(n, blocks.to(7));
      }
    }
  }

  @Test
  void sumsAddBlocksInBlockOrderForAnyThreadCount() {
    int n = 20 * Blocks.SIZE;
    // block partials of very different magnitudes: another order of additions gives other bits
    double[] expected = new double[1];
    for (int b = 0; b < 20; b++) {
      expected[0] += partial(b);
    }
    for (int threads : new int[] {1, 2, 7}) {
      try (Blocks blocks = new Blocks(n, threads)) {
        assertEquals(expected[0], blocks.sum(BlocksTest::partial), 0.0, threads + " threads");
      }
    }
  }

  static double partial(int b) {
    return (b % 3 == 0 ? 1e16 : 1.0) * (b + 1) / 3.0;
  }

  @Test
  void aFailingBlockIsRethrownAndAClosedBlocksRefusesWork() {
    Blocks blocks = new Blocks(10 * Blocks.SIZE, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> blocks.forEach(b -> {
      if (b == 6) {
        throw new IllegalArgumentException("block 6");
      }
    }));
    assertEquals("block 6", e.getMessage());
    blocks.close();
    assertThrows(IllegalStateException.class, () -> blocks.forEach(b -> { }));
  }

  @Test
  void smallFitsStayOnOneThread() {
    // the Online Retail RFM shape: 4,338 × 3 features, k = 5
    assertEquals(1, KMeans.threadsFor(4338, 3, 5, 8));
    assertEquals(1, KMeans.threadsFor(9000, 3, 6, 3));
    assertEquals(8, KMeans.threadsFor(100_000, 8, 8, 8));
    assertEquals(2, KMeans.threadsFor(30_000, 2, 8, 2));
    assertArrayEquals(new int[] {1, 2}, new int[] {KMeans.threadsFor((int) (KMeans.PARALLEL_MIN_WORK - 1), 1, 1, 2),
        KMeans.threadsFor((int) KMeans.PARALLEL_MIN_WORK, 1, 1, 2)});
  }
}
