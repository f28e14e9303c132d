package dev.segmint.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingTest {

  /** The draw the silhouette, stability, projection and cluster samples made before they shared one helper. */
  static int[] referenceDraw(int[] pool, int size, long seed) {
    int[] a = pool.clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      int j = i + r.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    int[] out = Arrays.copyOf(a, size);
    Arrays.sort(out);
    return out;
  }

  @Test
  void drawsTheSameRowsAsThePartialFisherYatesItReplaced() {
    int[] pool = {3, 8, 13, 21, 34, 55, 89, 144, 233};
    for (long seed = 0; seed < 50; seed++) {
      for (int size = 0; size <= pool.length; size++) {
        assertArrayEquals(referenceDraw(pool, size, seed), Sampling.sortedSample(pool, size, new SplittableRandom(seed)));
      }
    }
  }

  @Test
  void rowsAreDistinctSortedAndFromThePool() {
    int[] s = Sampling.sortedSample(1000, 100, new SplittableRandom(7));
    assertEquals(100, s.length);
    for (int i = 1; i < s.length; i++) {
      assertTrue(s[i - 1] < s[i], "sorted and distinct");
    }
    assertTrue(s[0] >= 0 && s[s.length - 1] < 1000);
    // each row is drawn with probability size/n: over 2,000 draws of 1 of 4 rows each appears ~500 times
    int[] counts = new int[4];
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < 2000; t++) {
      counts[Sampling.sortedSample(4, 1, r)[0]]++;
    }
    for (int c : counts) {
      assertTrue(c > 420 && c < 580, Arrays.toString(counts));
    }
  }

  @Test
  void refusesMoreRowsThanThePoolHolds() {
    assertThrows(IllegalArgumentException.class, () -> Sampling.sortedSample(3, 4, new SplittableRandom(1)));
  }
}
