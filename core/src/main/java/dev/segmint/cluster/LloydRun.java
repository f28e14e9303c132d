package dev.segmint.cluster;

import dev.segmint.kernel.PackedPoints;

/**
 * Lloyd's k-means (Lloyd 1982): every assignment step computes all n·k distances with the fused nearest-centroid
 * kernel, on each block's packed copy of the points (built once per fit and shared by its runs). No bounds; the
 * last pass leaves every point's exact distance, so the inertia needs no further distances.
 */
final class LloydRun extends KMeansRun {

  /**
   * @param packed the fit's per-block packed copies, filled on first use and shared by its runs; null to scan the
   *     row-major points (k-means||'s small reduction run)
   */
  LloydRun(double[] x, double[] w, int n, int d, int k, Blocks blocks, PackedPoints[] packed) {
    super(x, w, n, d, k, blocks, packed);
  }

  /** A full pass: all n·k distances. */
  @Override
  int assign(double[] move) {
    return assignAll();
  }

  /** The last step was a full pass with these centroids: {@link #dist2} already holds every point's distance. */
  @Override
  void finish() {
    inertia = inertiaOfDist2();
  }
}
