/**
 * The squared Euclidean distance kernels k-means runs on: nearest of k centroids with the second-closest
 * distance (assignment and Hamerly/Elkan bounds, and assigning new customers to centroids), block-to-block
 * distances (Elkan's lower bounds, k-means++ seeding) and single pairs (centroid moves, centroid-to-centroid
 * distances), on row-major arrays or on {@link dev.segmint.kernel.PackedPoints}.
 * {@link dev.segmint.kernel.Distances} is the entry point; it runs on Panama Vector API SIMD code on Java 25+
 * with {@code --add-modules jdk.incubator.vector}, else on tuned scalar Java 17 code. DBSCAN, HDBSCAN, the
 * hierarchical linkages and the silhouette keep exact-order loops of their own (see {@code Distances}).
 */
package dev.segmint.kernel;
