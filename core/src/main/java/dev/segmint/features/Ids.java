package dev.segmint.features;

import java.util.HashMap;
import java.util.Map;

/** Checks on customer ids shared by the per-customer tables and the transactions path. */
final class Ids {
  private Ids() {}

  /**
   * Refuses ids that differ only by leading or trailing whitespace ("17850" and "17850 "): they are almost always
   * one customer exported twice, and keeping both would split that customer silently. O(n) time; memory only for
   * the ids that carry such whitespace.
   *
   * @param ids distinct ids
   * @param rows the row where each id first appears, named in the message, or null for the index in {@code ids} + 1
   */
  static void requireDistinctWhenStripped(String[] ids, int[] rows) {
    Map<String, Integer> padded = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      String s = ids[i].strip();
      if (s.length() != ids[i].length()) {
        Integer prev = padded.putIfAbsent(s, i);
        if (prev != null) {
          throw clash(ids, rows, prev, i);
        }
      }
    }
    if (padded.isEmpty()) {
      return;
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i].strip().length() == ids[i].length()) {
        Integer other = padded.get(ids[i]);
        if (other != null) {
          throw clash(ids, rows, Math.min(i, other), Math.max(i, other));
        }
      }
    }
  }

  private static IllegalArgumentException clash(String[] ids, int[] rows, int a, int b) {
    return new IllegalArgumentException("customer ids '" + ids[a] + "' (row " + (rows == null ? a + 1 : rows[a]) + ") and '"
        + ids[b] + "' (row " + (rows == null ? b + 1 : rows[b]) + ") differ only by leading or trailing spaces; strip the ids so that each customer "
        + "has one id");
  }
}
