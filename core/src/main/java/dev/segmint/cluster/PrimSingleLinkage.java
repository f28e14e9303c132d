package dev.segmint.cluster;

/**
 * Single linkage through Prim's minimum spanning tree, as SciPy's {@code mst_single_linkage}: O(n²·d) time,
 * O(n·d) memory, no distance matrix.
 *
 * <p>Starting from point 0, each step relaxes every point not yet in the tree against the point added last and
 * takes the closest one (ties: lowest point index, as SciPy scans in index order). The step records the pair
 * (point added last, point added now) at that distance; after a stable sort by height, SciPy's union-find
 * labelling turns these records into the single-linkage dendrogram (Müllner 2011, section 3.3). Points leave
 * the working arrays by swapping with the last one, so each step reads only the remaining points, contiguously.
 */
final class PrimSingleLinkage {
  private PrimSingleLinkage() {}

  /** Runs on row-major points; returns the unsorted merge records. */
  static Merges run(double[] x, int n, int d) {
    Merges out = new Merges(n);
    if (n == 1) {
      return out;
    }
    double[][] cols = LinkageKernels.toColumns(x, n, d, n);
    int[] point = new int[n];
    double[] best = new double[n];
    for (int i = 0; i < n; i++) {
      point[i] = i;
      best[i] = Double.POSITIVE_INFINITY;
    }
    double[] tmp = new double[n];
    double[] chunkMin = new double[(n + LinkageKernels.CHUNK - 1) / LinkageKernels.CHUNK];
    double[] q = new double[d];
    int m = n;
    int current = 0;
    int pos = 0;
    for (int step = 0; step < n - 1; step++) {
      for (int k = 0; k < d; k++) {
        q[k] = cols[k][pos];
      }
      m--;
      moveLast(cols, point, best, pos, m);
      double min = LinkageKernels.relax(cols, q, m, tmp, best, chunkMin);
      int next = -1;
      int nextPoint = Integer.MAX_VALUE;
      for (int c = 0; c * LinkageKernels.CHUNK < m; c++) {
        if (chunkMin[c] != min) {
          continue;
        }
        for (int j = c * LinkageKernels.CHUNK, e = Math.min(m, j + LinkageKernels.CHUNK); j < e; j++) {
          if (best[j] == min && point[j] < nextPoint) {
            next = j;
            nextPoint = point[j];
          }
        }
      }
      out.add(current, nextPoint, Math.sqrt(min));
      current = nextPoint;
      pos = next;
    }
    return out;
  }

  /** Moves slot {@code m} (the last live one) into slot {@code pos}. */
  private static void moveLast(double[][] cols, int[] point, double[] best, int pos, int m) {
    if (pos == m) {
      return;
    }
    for (double[] c : cols) {
      c[pos] = c[m];
    }
    point[pos] = point[m];
    best[pos] = best[m];
  }
}
