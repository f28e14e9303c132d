package dev.segmint;

import dev.segmint.features.FeaturePipeline;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * New customers placed into the segments of a {@link SegmentationModel}: one segment per customer that the feature
 * pipeline produced ({@code -1} = noise for the density methods), and the pipeline's report, which counts every
 * input row or customer that was dropped and why (e.g. customers with no purchase for RFM). Immutable.
 */
public final class Assignment {

  private final String[] ids;
  private final int[] segments;
  private final List<String> segmentNames;
  private final FeaturePipeline.Report dataQuality;

  Assignment(String[] ids, int[] segments, List<String> segmentNames, FeaturePipeline.Report dataQuality) {
    this.ids = ids.clone();
    this.segments = segments.clone();
    this.segmentNames = List.copyOf(segmentNames);
    this.dataQuality = dataQuality;
  }

  /** The customer ids, in the feature matrix's order. A copy. */
  public String[] ids() {
    return ids.clone();
  }

  /** The segment of each customer ({@code -1} = noise). A copy. */
  public int[] segments() {
    return segments.clone();
  }

  /** Number of customers assigned. */
  public int size() {
    return ids.length;
  }

  /** What happened to the input rows and customers: joins, dropped rows and customers with reasons, imputations. */
  public FeaturePipeline.Report dataQuality() {
    return dataQuality;
  }

  /** The segment's name, or {@code "noise"} for -1. */
  public String segmentName(int segment) {
    return segment < 0 ? "noise" : segmentNames.get(segment);
  }

  /** Customers per segment {@code -1..k-1}: index 0 counts noise. */
  public long[] counts() {
    long[] c = new long[segmentNames.size() + 1];
    for (int s : segments) {
      c[s + 1]++;
    }
    return c;
  }

  /** One row per customer: {@code customer_id, segment, segment_name}. */
  public Table toTable() {
    String[] names = new String[segments.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = segmentName(segments[i]);
    }
    return Table.create("assignment", StringColumn.create("customer_id", ids), IntColumn.create("segment", segments),
        StringColumn.create("segment_name", names));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Assignment of %,d customers%n", ids.length));
    long[] c = counts();
    int w = Math.max(5, segmentNames.stream().mapToInt(String::length).max().orElse(0));
    sb.append(String.format(Locale.ROOT, "  %7s  %-" + w + "s  %9s  %6s%n", "segment", "name", "customers", "share"));
    for (int s = -1; s < segmentNames.size(); s++) {
      if (s < 0 && c[0] == 0) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "  %7d  %-" + w + "s  %,9d  %5.1f%%%n", s, segmentName(s), c[s + 1],
          ids.length == 0 ? 0.0 : 100.0 * c[s + 1] / ids.length));
    }
    return sb.append(dataQuality).toString();
  }
}
