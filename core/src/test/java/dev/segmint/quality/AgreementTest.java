package dev.segmint.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values computed independently with scikit-learn 1.2.1 (Debian python3-sklearn):
 * {@code adjusted_rand_score(a, b), adjusted_mutual_info_score(a, b), normalized_mutual_info_score(a, b)}.
 * The first two cases are also scikit-learn's documented examples (ARI 0.57…, −0.5).
 */
class AgreementTest {

  static void check(int[] a, int[] b, double ari, double ami, double nmi) {
    assertEquals(ari, Agreement.adjustedRandIndex(a, b), 1e-12, "ARI");
    assertEquals(ami, Agreement.adjustedMutualInfo(a, b), 1e-10, "AMI");
    assertEquals(nmi, Agreement.normalizedMutualInfo(a, b), 1e-12, "NMI");
    // symmetric and independent of label names
    assertEquals(ari, Agreement.adjustedRandIndex(b, a), 1e-12);
    int[] renamed = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      renamed[i] = 7 - a[i];
    }
    assertEquals(ami, Agreement.adjustedMutualInfo(renamed, b), 1e-10);
  }

  @Test
  void matchesScikitLearn() {
    check(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}, 0.5714285714285714, 0.5714285714285715, 0.7999999999999999);
    check(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}, -0.5, -0.49999999999999944, 0.0);
    check(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, new int[] {0, 0, 1, 1, 1, 2, 2, 2, 2}, 0.35714285714285715,
        0.40867050972172175, 0.5895098274473048);
    check(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}, 0.0, 0.0, 0.0);
    check(new int[] {1, 1, 0, 0, 2, 2, 2, 3}, new int[] {0, 0, 0, 1, 1, 1, 2, 2}, 0.15789473684210525,
        0.20118648299711003, 0.5577965290899927);
  }

  @Test
  void identicalPartitionsScoreOne() {
    int[] a = {3, 3, 1, 1, 2, -1};
    int[] b = {0, 0, 5, 5, 9, 4};
    assertEquals(1.0, Agreement.adjustedRandIndex(a, b), 1e-15);
    assertEquals(1.0, Agreement.adjustedMutualInfo(a, b), 1e-12);
    assertEquals(1.0, Agreement.normalizedMutualInfo(a, b), 1e-12);
  }
}
