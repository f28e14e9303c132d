/**
 * The segmentation cycle: segments tracked over time ({@link dev.segmint.cycle.Tracker} → {@link
 * dev.segmint.cycle.Tracking}: snapshots at as-of dates, migration between them, movers, share changes, drift by
 * the population stability index and a refit verdict), campaign results per segment and audiences for marketing
 * tools. See {@code docs/cycle.md}.
 */
package dev.segmint.cycle;
