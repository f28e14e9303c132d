package dev.segmint.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Profiles of all segments of a labeling, computed on a table of customers in original units (one row per
 * customer, in the same order as the labels). Segments are listed by label; noise ({@code -1}) comes last.
 *
 * <p>Cost: one pass over the table per profiled column, O(n·columns); categorical levels are counted in hash maps.
 */
public final class SegmentProfiles {

  private final List<SegmentProfile> profiles;
  private final List<String> numeric;
  private final List<String> categorical;
  private final long customers;

  private SegmentProfiles(List<SegmentProfile> profiles, List<String> numeric, List<String> categorical, long customers) {
    this.profiles = List.copyOf(profiles);
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.customers = customers;
  }

  /**
   * Profiles the given columns of {@code customers} by segment. With no columns named, every numeric column and
   * every text column with at most 50 distinct values is used.
   *
   * @param labels one label per table row ({@code -1} = noise)
   * @throws IllegalArgumentException when the label count differs from the row count or a column is missing
   */
  public static SegmentProfiles of(Table customers, int[] labels, String... columns) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(labels, "labels");
    int n = customers.rowCount();
    if (labels.length != n) {
      throw new IllegalArgumentException("there are " + labels.length + " labels for " + n
          + " customers; give one label per table row, in the same order");
    }
    List<Column<?>> cols = new ArrayList<>();
    if (columns == null || columns.length == 0) {
      for (Column<?> c : customers.columns()) {
        if (c instanceof NumericColumn || (c instanceof StringColumn s && s.countUnique() <= 50)) {
          cols.add(c);
        }
      }
    } else {
      for (String name : columns) {
        if (!customers.containsColumn(name)) {
          throw new IllegalArgumentException("column '" + name + "' not found; columns are " + customers.columnNames());
        }
        cols.add(customers.column(name));
      }
    }
    TreeMap<Integer, List<Integer>> rowsBySegment = new TreeMap<>((a, b) -> a < 0 && b >= 0 ? 1 : b < 0 && a >= 0 ? -1
        : Integer.compare(a, b));
    for (int i = 0; i < n; i++) {
      rowsBySegment.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(i);
    }
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (Column<?> c : cols) {
      (c instanceof NumericColumn ? numeric : categorical).add(c.name());
    }
    List<SegmentProfile> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : rowsBySegment.entrySet()) {
      List<Integer> rows = e.getValue();
      Map<String, Double> means = new LinkedHashMap<>();
      Map<String, SegmentProfile.Level> top = new LinkedHashMap<>();
      for (Column<?> c : cols) {
        if (c instanceof NumericColumn<?> nc) {
          double sum = 0;
          long count = 0;
          for (int i : rows) {
            if (!nc.isMissing(i)) {
              sum += nc.getDouble(i);
              count++;
            }
          }
          means.put(c.name(), count == 0 ? Double.NaN : sum / count);
        } else {
          Map<String, Integer> counts = new HashMap<>();
          for (int i : rows) {
            counts.merge(c.isMissing(i) ? "(missing)" : c.getString(i), 1, Integer::sum);
          }
          String best = null;
          int bestCount = -1;
          for (Map.Entry<String, Integer> lc : counts.entrySet()) {
            if (lc.getValue() > bestCount || (lc.getValue() == bestCount && lc.getKey().compareTo(best) < 0)) {
              best = lc.getKey();
              bestCount = lc.getValue();
            }
          }
          top.put(c.name(), new SegmentProfile.Level(best, (double) bestCount / rows.size()));
        }
      }
      out.add(new SegmentProfile(e.getKey(), rows.size(), (double) rows.size() / n, means, top));
    }
    return new SegmentProfiles(out, numeric, categorical, n);
  }

  /** The profiles, one per segment, by label (noise last). */
  public List<SegmentProfile> segments() {
    return profiles;
  }

  /** The profile of one segment. */
  public SegmentProfile segment(int label) {
    for (SegmentProfile p : profiles) {
      if (p.segment() == label) {
        return p;
      }
    }
    throw new IllegalArgumentException("no segment " + label + "; segments are "
        + profiles.stream().map(SegmentProfile::segment).toList());
  }

  /** Number of segments (noise counts as one when present). */
  public int size() {
    return profiles.size();
  }

  /** Total customers profiled. */
  public long customers() {
    return customers;
  }

  /** Names of the numeric features profiled. */
  public List<String> numericFeatures() {
    return numeric;
  }

  /** Names of the categorical features profiled. */
  public List<String> categoricalFeatures() {
    return categorical;
  }

  /**
   * One row per segment: {@code segment, size, share} (percent), {@code mean <feature>} per numeric feature and
   * {@code top <feature>} per categorical one.
   */
  public Table toTable() {
    IntColumn seg = IntColumn.create("segment");
    IntColumn size = IntColumn.create("size");
    DoubleColumn share = DoubleColumn.create("share %");
    List<DoubleColumn> means = new ArrayList<>();
    for (String f : numeric) {
      means.add(DoubleColumn.create("mean " + f));
    }
    List<StringColumn> tops = new ArrayList<>();
    for (String f : categorical) {
      tops.add(StringColumn.create("top " + f));
    }
    for (SegmentProfile p : profiles) {
      seg.append(p.segment());
      size.append((int) p.size());
      share.append(round(100 * p.share(), 1));
      for (int j = 0; j < numeric.size(); j++) {
        means.get(j).append(round(p.means().get(numeric.get(j)), 2));
      }
      for (int j = 0; j < categorical.size(); j++) {
        tops.get(j).append(p.topLevels().get(categorical.get(j)).toString());
      }
    }
    Table t = Table.create("segment profiles", seg, size, share);
    means.forEach(t::addColumns);
    tops.forEach(t::addColumns);
    return t;
  }

  private static double round(double v, int places) {
    if (!Double.isFinite(v)) {
      return v;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  @Override
  public String toString() {
    return toTable().printAll();
  }
}
