package dev.segmint.cluster;

/**
 * Merge records as an algorithm produces them, before SciPy's finishing step: each record names one point (or
 * SciPy "slot") of each of the two clusters merged and the height, in the order the algorithm found them. {@link
 * Dendrogram#fromMerges} sorts them stably by height and labels them with a union-find, as SciPy does after its
 * nearest-neighbour chain and minimum spanning tree.
 */
final class Merges {
  final int[] a;
  final int[] b;
  final double[] height;
  int count;

  Merges(int n) {
    int m = Math.max(0, n - 1);
    a = new int[m];
    b = new int[m];
    height = new double[m];
  }

  void add(int x, int y, double h) {
    a[count] = x;
    b[count] = y;
    height[count] = h;
    count++;
  }
}
