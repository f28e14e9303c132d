package dev.segmint.internal;

import java.util.Collection;
import java.util.Locale;

/**
 * The "did you mean" of every column lookup, in the library and the command line: one rule for suggesting the
 * closest existing name. Internal to Segmint (not API).
 */
public final class Names {
  private Names() {}

  /**
   * " (did you mean 'X'?)" for the name closest to {@code wanted} by edit distance, ignoring case, or "" when no
   * name is within max(2, length / 3) edits. O(|names| · |wanted| · |name|) time.
   */
  public static String suggestion(String wanted, Collection<String> names) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String s : names) {
      int dist = editDistance(wanted.toLowerCase(Locale.ROOT), s.toLowerCase(Locale.ROOT));
      if (dist < bestDist) {
        bestDist = dist;
        best = s;
      }
    }
    if (best != null && bestDist <= Math.max(2, wanted.length() / 3)) {
      return " (did you mean '" + best + "'?)";
    }
    return "";
  }

  /** Levenshtein distance (insert, delete, substitute, each 1), two rows of memory. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
