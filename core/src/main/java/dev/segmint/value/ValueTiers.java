package dev.segmint.value;

import dev.segmint.internal.Numbers;
import dev.segmint.profile.SegmentValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Value tiers: a segmentation of the customers by their predictions ({@code segmint clv --by value}).
 * <ul>
 *   <li>segment 3, "Likely lost": {@code p_alive < 0.3};
 *   <li>the other customers ranked by CLV, highest first: segment 0, "Top value", the top 20 % (CLV at least the
 *       CLV of the customer at rank ⌈0.2·m⌉ of the m ranked customers); segment 1, "Middle value", the next 30 % (CLV
 *       at least that of rank ⌈0.5·m⌉); segment 2, "Low value", the rest.
 * </ul>
 * Customers with the same CLV at a boundary all go to the higher tier, so a tier can hold a little more than its
 * share (daily data give many customers the same summary and so the same CLV). O(n log n) time, O(n) memory.
 * Immutable; the labels follow the order of the summary.
 */
public final class ValueTiers {
  /** Customers with a p_alive below this are "Likely lost". */
  public static final double LOST_P_ALIVE = 0.3;
  /** The share of the ranked customers in the top tier. */
  public static final double TOP_SHARE = 0.2;
  /** The share of the ranked customers in the top and middle tiers together. */
  public static final double MIDDLE_SHARE = 0.5;
  /** The tier names, by segment number. */
  public static final List<String> NAMES = List.of("Top value", "Middle value", "Low value", "Likely lost");
  /** The rule in one sentence, as {@code --help} and the docs state it. */
  public static final String RULE = "likely lost: p_alive < 0.3; the others ranked by CLV: top value the top 20 percent, "
      + "middle value the next 30 percent, low value the rest (ties at a boundary go to the higher tier)";

  private final ValuePredictions predictions;
  private final String[] ids;
  private final int[] labels;
  private final double topCut;
  private final double middleCut;

  private ValueTiers(ValuePredictions predictions, String[] ids, int[] labels, double topCut, double middleCut) {
    this.predictions = predictions;
    this.ids = ids;
    this.labels = labels;
    this.topCut = topCut;
    this.middleCut = middleCut;
  }

  /** The tiers of the predicted customers (see the class comment). */
  public static ValueTiers of(ValuePredictions predictions) {
    double[] clv = predictions.clv();
    double[] alive = predictions.pAlive();
    int n = clv.length;
    int[] labels = new int[n];
    double[] ranked = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (alive[i] < LOST_P_ALIVE) {
        labels[i] = 3;
      } else {
        ranked[m++] = clv[i];
      }
    }
    double topCut = Double.NaN;
    double middleCut = Double.NaN;
    if (m > 0) {
      double[] sorted = Arrays.copyOf(ranked, m);
      Arrays.sort(sorted);                       // ascending: rank r (1-based, highest first) is sorted[m − r]
      topCut = sorted[m - (int) Math.ceil(TOP_SHARE * m - 1e-9)];
      middleCut = sorted[m - (int) Math.ceil(MIDDLE_SHARE * m - 1e-9)];
      for (int i = 0; i < n; i++) {
        if (labels[i] != 3) {
          labels[i] = clv[i] >= topCut ? 0 : clv[i] >= middleCut ? 1 : 2;
        }
      }
    }
    return new ValueTiers(predictions, predictions.summary().ids(), labels, topCut, middleCut);
  }

  /** The customer ids, in the order of the summary (a copy). */
  public String[] ids() {
    return ids.clone();
  }

  /** The tier of each customer: 0 top, 1 middle, 2 low value, 3 likely lost (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** The lowest CLV in the top tier (NaN when every customer is likely lost). */
  public double topCut() {
    return topCut;
  }

  /** The lowest CLV in the middle tier (NaN when every customer is likely lost). */
  public double middleCut() {
    return middleCut;
  }

  /** Customers per tier, by segment number. */
  public long[] sizes() {
    long[] s = new long[NAMES.size()];
    for (int l : labels) {
      s[l]++;
    }
    return s;
  }

  /** The value per tier: total and mean CLV, share of the value and mean p_alive ({@link SegmentValues}). */
  public SegmentValues value() {
    Map<Integer, String> names = new HashMap<>();
    for (int t = 0; t < NAMES.size(); t++) {
      names.put(t, NAMES.get(t));
    }
    return SegmentValues.of(ids, labels, names, predictions);
  }

  /** {@code customer_id,segment}, one row per customer, as the other segment outputs. */
  public Table toTable() {
    return Table.create("value tiers", StringColumn.create("customer_id", ids), IntColumn.create("segment", labels));
  }

  @Override
  public String toString() {
    long[] s = sizes();
    StringBuilder sb = new StringBuilder("ValueTiers[" + String.format(Locale.ROOT, "%,d", labels.length)
        + " customers; top value from CLV " + Numbers.num(topCut) + ", middle value from " + Numbers.num(middleCut)
        + "]\n");
    for (int t = 0; t < s.length; t++) {
      sb.append(String.format(Locale.ROOT, "  %d  %-13s %,9d%n", t, NAMES.get(t), s[t]));
    }
    return sb.toString();
  }
}
