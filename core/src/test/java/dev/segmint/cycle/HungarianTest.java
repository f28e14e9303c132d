package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

  @Test
  void recoversAPermutationExactly() {
    int[] perm = {3, 0, 4, 1, 2};
    long[][] c = new long[5][5];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        c[i][j] = j == perm[i] ? 100 + i : (i + j) % 3;   // the permutation's cells dominate, noise elsewhere
      }
    }
    assertArrayEquals(perm, Hungarian.maximise(c));
  }

  @Test
  void beatsTheGreedyChoiceWhenItMatters() {
    // greedy takes (0,0)=10 and then (1,1)=1: total 11; the optimum is (0,1)+(1,0) = 9+9 = 18
    assertArrayEquals(new int[] {1, 0}, Hungarian.maximise(new long[][] {{10, 9}, {9, 1}}));
  }

  @Test
  void rectangularMatricesLeaveTheExtraRowsOrColumnsUnmatched() {
    assertArrayEquals(new int[] {2, 0}, Hungarian.maximise(new long[][] {{1, 0, 7}, {5, 1, 0}}));
    assertArrayEquals(new int[] {-1, 0, 1}, Hungarian.maximise(new long[][] {{1, 0}, {5, 1}, {0, 4}}));
    assertArrayEquals(new int[0], Hungarian.maximise(new long[0][]));
  }

  @Test
  void optimalAgainstBruteForceOnRandomMatrices() {
    Random rnd = new Random(19);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + rnd.nextInt(5);
      int cols = 1 + rnd.nextInt(5);
      long[][] c = new long[rows][cols];
      for (long[] r : c) {
        for (int j = 0; j < cols; j++) {
          r[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(50);
        }
      }
      int[] m = Hungarian.maximise(c);
      long got = 0;
      boolean[] used = new boolean[cols];
      int matched = 0;
      for (int i = 0; i < rows; i++) {
        if (m[i] >= 0) {
          assertEquals(false, used[m[i]], "column matched twice");
          used[m[i]] = true;
          got += c[i][m[i]];
          matched++;
        }
      }
      assertEquals(Math.min(rows, cols), matched, "every row or every column is matched");
      assertEquals(best(c, 0, new boolean[cols]), got, "trial " + trial);
    }
  }

  /** The best total over every one-to-one matching, by enumeration. */
  private static long best(long[][] c, int row, boolean[] used) {
    if (row == c.length) {
      return 0;
    }
    long b = best(c, row + 1, used);   // row unmatched
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        b = Math.max(b, c[row][j] + best(c, row + 1, used));
        used[j] = false;
      }
    }
    return b;
  }

  @Test
  void labelMatchingRecoversARelabelling() {
    // earlier segments 0,1,2 of 9 customers; the refit numbers the same groups 2,0,1
    int[] before = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    int[] after = {2, 2, 2, 0, 0, 0, 1, 1, 1};
    assertArrayEquals(new int[] {1, 2, 0}, Tracker.matchLabels(before, after, 3));
  }

  @Test
  void aSegmentThatSplitsInTwoKeepsItsNumberOnTheLargerPart() {
    // earlier segment 5 (60 customers) splits into new 1 (35) and new 2 (25); earlier 7 (40) becomes new 0
    int n = 100;
    int[] before = new int[n];
    int[] after = new int[n];
    for (int i = 0; i < n; i++) {
      before[i] = i < 60 ? 5 : 7;
      after[i] = i < 35 ? 1 : i < 60 ? 2 : 0;
    }
    // new 0 -> 7, new 1 -> 5, new 2 unmatched (numbered after the matched ones by the tracker)
    assertArrayEquals(new int[] {7, 5, -1}, Tracker.matchLabels(before, after, 3));
  }

  @Test
  void aMatchWithoutSharedCustomersIsNoMatch() {
    // earlier 0 -> new 0 (2 customers); the matching pairs earlier 1 with new 1, which share nobody: no match
    assertArrayEquals(new int[] {0, -1}, Tracker.matchLabels(new int[] {0, 0, 1}, new int[] {0, 0, 0}, 2));
  }
}
