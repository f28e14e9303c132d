/**
 * Implementations behind {@link dev.segmint.kernel.Distances}: the scalar kernels, the Panama Vector API
 * kernels (only in {@code META-INF/versions/25} of the jar) and the provider that chooses between them. Not
 * API: it may change in any release.
 */
package dev.segmint.kernel.internal;
