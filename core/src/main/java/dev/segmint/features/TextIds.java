package dev.segmint.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * The values of a column read as text ({@link Columns#text}: missing and blank cells are no value), numbered by
 * first appearance: {@code ids()[row]} is the number of the row's value, or -1 for no value, and {@code values()}
 * holds each value once, in that order. Equal numbers mean equal text. For a Tablesaw {@link StringColumn} with a
 * dictionary the pass reads the column's dictionary keys and looks at each distinct value's text once (no String
 * hashing per row); for any other column, and a string column with more distinct values than Tablesaw keeps in a
 * dictionary, it hashes the text of each row. One pass, O(rows) time, 4 bytes per row.
 */
final class TextIds {
  private final int[] ids;
  private final List<String> values;

  private TextIds(int[] ids, List<String> values) {
    this.ids = ids;
    this.values = values;
  }

  /** The numbers per row (-1: no value). Not copied: internal use. */
  int[] ids() {
    return ids;
  }

  /** The distinct values in order of first appearance. */
  List<String> values() {
    return values;
  }

  static TextIds of(Column<?> c) {
    int n = c.size();
    int[] ids = new int[n];
    List<String> values = new ArrayList<>();
    // a column promoted past its dictionary (Tablesaw's NullDictionaryMap) has no keys: the text path
    if (c instanceof StringColumn sc && !(sc.getDictionary() instanceof NullDictionaryMap)) {
      DictionaryMap dict = sc.getDictionary();
      // keys of byte and short dictionaries (up to 65,535 distinct values) index a table directly; other keys are
      // hashed
      int[] byShortKey = new int[1 << 16];
      java.util.Arrays.fill(byShortKey, KeyMap.ABSENT);
      KeyMap byKey = null;
      for (int i = 0; i < n; i++) {
        int key = dict.getKeyForIndex(i);
        boolean small = key >= Short.MIN_VALUE && key <= Short.MAX_VALUE;
        int id = small ? byShortKey[key - Short.MIN_VALUE] : byKey == null ? KeyMap.ABSENT : byKey.get(key);
        if (id == KeyMap.ABSENT) {
          String v = Columns.text(c, i);
          if (v == null) {
            id = -1;
          } else {
            id = values.size();
            values.add(v);
          }
          if (small) {
            byShortKey[key - Short.MIN_VALUE] = id;
          } else {
            if (byKey == null) {
              byKey = new KeyMap();
            }
            byKey.put(key, id);
          }
        }
        ids[i] = id;
      }
    } else {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String v = Columns.text(c, i);
        if (v == null) {
          ids[i] = -1;
          continue;
        }
        Integer id = index.get(v);
        if (id == null) {
          id = values.size();
          index.put(v, id);
          values.add(v);
        }
        ids[i] = id;
      }
    }
    return new TextIds(ids, values);
  }

  /** A long → int map by open addressing (linear probing, power-of-two table, at most half full). */
  static final class KeyMap {
    static final int ABSENT = Integer.MIN_VALUE;
    private long[] keys = new long[64];
    private int[] vals = new int[64];
    private boolean[] used = new boolean[64];
    private int size;

    int get(long key) {
      int mask = keys.length - 1;
      for (int s = mix(key) & mask; used[s]; s = (s + 1) & mask) {
        if (keys[s] == key) {
          return vals[s];
        }
      }
      return ABSENT;
    }

    void put(long key, int value) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int s = mix(key) & mask;
      while (used[s] && keys[s] != key) {
        s = (s + 1) & mask;
      }
      if (!used[s]) {
        used[s] = true;
        size++;
      }
      keys[s] = key;
      vals[s] = value;
    }

    private void grow() {
      long[] k = keys;
      int[] v = vals;
      boolean[] u = used;
      keys = new long[k.length * 2];
      vals = new int[k.length * 2];
      used = new boolean[k.length * 2];
      size = 0;
      for (int s = 0; s < k.length; s++) {
        if (u[s]) {
          put(k[s], v[s]);
        }
      }
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }

  @Override
  public String toString() {
    return "TextIds[" + ids.length + " rows, " + values.size() + " values]";
  }

}
