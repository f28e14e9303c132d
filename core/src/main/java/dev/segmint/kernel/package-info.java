/**
 * Distance kernels: squared Euclidean distance, dot product, and the fused kernels the clustering algorithms
 * spend their time in (nearest of k centroids with second-closest distance, block-to-block distances, range
 * queries). {@link dev.segmint.kernel.Distances} is the entry point; it runs on Panama Vector API SIMD code on
 * Java 25+ with {@code --add-modules jdk.incubator.vector}, else on tuned scalar Java 17 code.
 */
package dev.segmint.kernel;
