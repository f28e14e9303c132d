package dev.segmint.benchmarks.hierarchical;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Heap used by a measured operation: {@link #reset()} before it, {@link #line(String)} after.
 *
 * <p>Two numbers, both bounds rather than exact peaks: {@code peak} is the sum over heap pools of the larger of
 * the pool's peak since the reset and its current use, minus the heap in use after the reset (pools need not
 * peak at the same moment, so it can overstate; young-generation pools only record a peak at collections, hence
 * the current use, which covers an operation that ran without a collection). {@code allocated} is every byte
 * allocated by all threads during the operation ({@code getTotalThreadAllocatedBytes}), an upper bound of what
 * it held at once; for these algorithms, which keep almost everything they allocate until the end, the two
 * are close.
 */
public final class PeakHeap {
  private static long baseline;
  private static long allocatedBefore;

  private PeakHeap() {}

  private static com.sun.management.ThreadMXBean threads() {
    return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  /** Collects garbage, then starts a new measurement. */
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
    allocatedBefore = threads().getTotalThreadAllocatedBytes();
  }

  /** Heap in use just after the last reset. */
  public static long baselineBytes() {
    return baseline;
  }

  /** Upper bound of the heap in use since the last reset (see the class comment). */
  public static long peakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += Math.max(pool.getPeakUsage().getUsed(), pool.getUsage().getUsed());
      }
    }
    return peak;
  }

  /** Bytes allocated by all threads since the last reset. */
  public static long allocatedBytes() {
    return threads().getTotalThreadAllocatedBytes() - allocatedBefore;
  }

  /** A log line: {@code hierarchical-memory <label> peakMiB=… allocatedMiB=… baselineMiB=…}. */
  public static String line(String label) {
    return String.format(Locale.ROOT, "hierarchical-memory %s peakMiB=%.0f allocatedMiB=%.0f baselineMiB=%.0f", label,
        Math.max(0, peakBytes() - baseline) / 1048576.0, allocatedBytes() / 1048576.0, baseline / 1048576.0);
  }
}
