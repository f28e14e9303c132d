/**
 * Segmint: customer segmentation for the JVM.
 */
package dev.segmint;
