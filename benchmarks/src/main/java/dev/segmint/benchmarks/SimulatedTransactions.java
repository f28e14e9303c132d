package dev.segmint.benchmarks;

import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.Period;
import java.time.LocalDate;
import java.util.SplittableRandom;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Transactions whose calibration summary is a given whole-day summary (e.g. {@code Simulation.simulate(…, true,
 * …)}), so that a benchmark can time the summary from a table as well as the fits. For each customer (x, t_x, T,
 * m), with the calibration end E: a first purchase on day E − T (amount {@code m}, or 1 when x = 0), and x repeat
 * purchase days, each with amount m: day E − T + t_x and x − 1 distinct days drawn uniformly (fixed seed) from the
 * days strictly between the first and the last. Summarizing the table through E with daily periods gives back x,
 * t_x and T exactly and m to rounding. Rows are in customer order, one per purchase day. O(n + Σx) time.
 */
final class SimulatedTransactions {
  private SimulatedTransactions() {}

  /**
   * The transactions table (columns {@code customer}, {@code date}, {@code amount}).
   *
   * @throws IllegalArgumentException for a summary not in days, or one whose recency or T is not a whole number
   *     of days or cannot hold x distinct repeat days
   */
  static Table of(CalibrationSummary summary, LocalDate end, long seed) {
    if (summary.period() != Period.DAY) {
      throw new IllegalArgumentException("simulated transactions need a summary in days, not "
          + summary.period().label() + "s");
    }
    String[] ids = summary.ids();
    int[] x = summary.frequency();
    double[] tx = summary.recency();
    double[] t = summary.age();
    double[] m = summary.monetary();
    int n = ids.length;
    long rows = n;
    for (int v : x) {
      rows += v;
    }
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(rows + " purchase days do not fit in one table");
    }
    String[] customer = new String[(int) rows];
    LocalDate[] date = new LocalDate[(int) rows];
    double[] amount = new double[(int) rows];
    SplittableRandom random = new SplittableRandom(seed);
    long endDay = end.toEpochDay();
    int row = 0;
    for (int i = 0; i < n; i++) {
      int recency = whole(tx[i], ids[i], "recency");
      int age = whole(t[i], ids[i], "T");
      if (recency < x[i] || recency > age) {
        throw new IllegalArgumentException("customer '" + ids[i] + "' has " + x[i] + " repeat days within a recency"
            + " of " + recency + " days and T " + age + "; a summary of whole days has x <= recency <= T");
      }
      long first = endDay - age;
      customer[row] = ids[i];
      date[row] = LocalDate.ofEpochDay(first);
      amount[row++] = x[i] == 0 ? 1 : m[i];
      if (x[i] == 0) {
        continue;
      }
      // x - 1 distinct days from 1 .. recency - 1 (Floyd's sampling), then the last day
      java.util.BitSet chosen = new java.util.BitSet(recency);
      for (int j = recency - x[i]; j < recency - 1; j++) {
        int d = 1 + random.nextInt(j + 1);
        chosen.set(chosen.get(d) ? j + 1 : d);
      }
      chosen.set(recency);
      for (int d = chosen.nextSetBit(1); d >= 0; d = chosen.nextSetBit(d + 1)) {
        customer[row] = ids[i];
        date[row] = LocalDate.ofEpochDay(first + d);
        amount[row++] = m[i];
      }
    }
    return Table.create("simulated transactions", StringColumn.create("customer", customer),
        DateColumn.create("date", date), DoubleColumn.create("amount", amount));
  }

  private static int whole(double v, String id, String what) {
    if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("customer '" + id + "' has " + what + " " + v + "; simulated transactions "
          + "need whole days (simulate with wholeUnits)");
    }
    return (int) v;
  }
}
