package dev.segmint.cluster;

import java.util.Locale;

/**
 * Segment sizes as one line of text for summaries and {@code toString()}s: {@code [1,160, 1,004, 968]}, at most
 * {@value #SHOWN} of them, then how many more ({@code [5, 4, …, 1, … 99,980 more]}), so a clustering into 100,000
 * segments prints a short line, not 300 KB.
 */
public final class SegmentSizes {

  /** Sizes printed before the rest are counted. */
  public static final int SHOWN = 20;

  private SegmentSizes() {}

  /** The sizes in segment order, the first {@value #SHOWN} of them, as {@code [a, b, c]} or {@code [a, …, t, … N more]}. */
  public static String of(long[] sizes) {
    StringBuilder sb = new StringBuilder("[");
    int shown = Math.min(sizes.length, SHOWN);
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : ", ").append(sizes[i]);
    }
    if (sizes.length > shown) {
      sb.append(String.format(Locale.ROOT, ", … %,d more", sizes.length - shown));
    }
    return sb.append(']').toString();
  }
}
