package dev.segmint.benchmarks.hierarchical;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use during a measured operation, from the JVM's memory pools: {@link #reset()} before it,
 * {@link #peakBytes()} after. The peak is the sum of each heap pool's peak since the reset, an upper bound of
 * the true peak (pools need not peak at the same moment); {@link #baselineBytes()} is the heap in use at the
 * reset, so {@code peak − baseline} bounds what the operation itself held at once.
 */
public final class PeakHeap {
  private static long baseline;

  private PeakHeap() {}

  /** Collects garbage, then starts a new peak. */
  public static void reset() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        used += pool.getUsage().getUsed();
      }
    }
    baseline = used;
  }

  /** Heap in use just after the last reset. */
  public static long baselineBytes() {
    return baseline;
  }

  /** Sum of the heap pools' peaks since the last reset. */
  public static long peakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** A log line: {@code hierarchical-memory <label> peakMiB=… baselineMiB=… aboveBaselineMiB=…}. */
  public static String line(String label) {
    long peak = peakBytes();
    return String.format(java.util.Locale.ROOT, "hierarchical-memory %s peakMiB=%.0f baselineMiB=%.0f aboveBaselineMiB=%.0f",
        label, peak / 1048576.0, baseline / 1048576.0, (peak - baseline) / 1048576.0);
  }
}
