package dev.segmint.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Joins per-customer tables (each with a text {@code customer_id} column and one row per customer) into one,
 * and reports for every source how many of its customers were dropped and how many output customers it had no row
 * for (those get missing values, to be imputed).
 *
 * <p>{@link Type#LEFT}: every customer of the first table, in its order. {@link Type#INNER}: the customers present in
 * every table, in the first table's order. Column names other than {@code customer_id} must be unique across the
 * tables. O(total rows) time and memory.
 */
public final class CustomerJoin {
  private CustomerJoin() {}

  /** The join type. */
  public enum Type {
    /** Customers of every source. */
    INNER,
    /** All customers of the first source. */
    LEFT
  }

  /** One named per-customer table. */
  public record Source(String name, Table table) {
    public Source {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(table, "table");
    }
  }

  /**
   * What the join did to one source: its customers, how many were dropped (not in the output) and how many output
   * customers had no row in it, each with up to five example ids.
   */
  public record SourceCount(String source, int customers, int dropped, List<String> droppedExamples, int missing,
      List<String> missingExamples) {
    public SourceCount {
      droppedExamples = List.copyOf(droppedExamples);
      missingExamples = List.copyOf(missingExamples);
    }
  }

  /** The joined table and the per-source counts. */
  public record Result(Table table, Type type, List<SourceCount> counts) {
    public Result {
      counts = List.copyOf(counts);
    }

    /** A short text: one line per source, with why its dropped customers were dropped. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format("%s join: %,d customers%n", type.name().toLowerCase(java.util.Locale.ROOT),
          table.rowCount()));
      // why a source's customers were dropped: a left join keeps the first source's customers only; an inner join
      // those in every source
      String why = type == Type.LEFT ? "not in " + counts.get(0).source() : "not in every source";
      for (SourceCount c : counts) {
        sb.append(String.format("  %-12s %,7d customers, %,d dropped%s, %,d without a row%s%n", c.source(), c.customers(),
            c.dropped(), c.dropped() == 0 ? "" : " (" + why + (c.droppedExamples().isEmpty() ? "" : ", e.g. "
                + String.join(", ", c.droppedExamples())) + ")",
            c.missing(), c.missingExamples().isEmpty() ? "" : " (e.g. " + String.join(", ", c.missingExamples()) + ")"));
      }
      return sb.toString();
    }
  }

  /**
   * Joins the sources on {@code customer_id}.
   *
   * @throws IllegalArgumentException when a source lacks {@code customer_id}, has a missing or repeated id, or two
   *     sources share a column name
   */
  public static Result join(Type type, List<Source> sources) {
    Objects.requireNonNull(type, "type");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("nothing to join: give at least one per-customer table");
    }
    List<Map<String, Integer>> rowOf = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Map<String, String> owner = new HashMap<>();
    for (Source s : sources) {
      Column<?> id = Columns.require(s.table(), "customer_id");
      Map<String, Integer> m = new HashMap<>(s.table().rowCount() * 2);
      for (int i = 0; i < s.table().rowCount(); i++) {
        String v = Columns.text(id, i);
        if (v == null) {
          throw new IllegalArgumentException("source '" + s.name() + "' has a missing customer_id at row " + (i + 1)
              + "; every per-customer row needs an id");
        }
        Integer prev = m.put(v, i);
        if (prev != null) {
          throw new IllegalArgumentException("source '" + s.name() + "' has customer '" + v + "' twice (rows " + (prev + 1)
              + " and " + (i + 1) + "); aggregate to one row per customer first");
        }
      }
      rowOf.add(m);
      for (String c : s.table().columnNames()) {
        if (c.equals("customer_id")) {
          continue;
        }
        String prev = owner.putIfAbsent(c, s.name());
        if (prev != null) {
          throw new IllegalArgumentException("column '" + c + "' comes from both '" + prev + "' and '" + s.name()
              + "'; rename one of them before joining");
        }
        names.add(c);
      }
    }
    Table base = sources.get(0).table();
    Column<?> baseId = base.column("customer_id");
    List<String> outIds = new ArrayList<>();
    for (int i = 0; i < base.rowCount(); i++) {
      String id = Columns.text(baseId, i);
      boolean keep = true;
      if (type == Type.INNER) {
        for (int s = 1; s < sources.size() && keep; s++) {
          keep = rowOf.get(s).containsKey(id);
        }
      }
      if (keep) {
        outIds.add(id);
      }
    }
    Set<String> outSet = new LinkedHashSet<>(outIds);
    Table out = Table.create("customers", StringColumn.create("customer_id", outIds));
    List<SourceCount> counts = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      Table t = sources.get(s).table();
      Map<String, Integer> m = rowOf.get(s);
      int[] rows = new int[outIds.size()];
      int missing = 0;
      List<String> missingEx = new ArrayList<>();
      for (int r = 0; r < rows.length; r++) {
        Integer row = m.get(outIds.get(r));
        rows[r] = row == null ? -1 : row;
        if (row == null && missing++ < 5) {
          missingEx.add(outIds.get(r));
        }
      }
      int dropped = 0;
      List<String> droppedEx = new ArrayList<>();
      Column<?> id = t.column("customer_id");
      for (int i = 0; i < t.rowCount(); i++) {
        String v = Columns.text(id, i);
        if (!outSet.contains(v) && dropped++ < 5) {
          droppedEx.add(v);
        }
      }
      counts.add(new SourceCount(sources.get(s).name(), t.rowCount(), dropped, droppedEx, missing, missingEx));
      for (Column<?> c : t.columns()) {
        if (c.name().equals("customer_id")) {
          continue;
        }
        out.addColumns(pick(c, rows));
      }
    }
    return new Result(out, type, counts);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Column<?> pick(Column<?> c, int[] rows) {
    Column copy = c.emptyCopy();
    for (int row : rows) {
      if (row < 0) {
        copy.appendMissing();
      } else {
        copy.append(c, row);
      }
    }
    return copy;
  }
}
