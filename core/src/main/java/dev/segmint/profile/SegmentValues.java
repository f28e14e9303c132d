package dev.segmint.profile;

import dev.segmint.internal.Numbers;
import dev.segmint.value.ValuePredictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Customer value per segment: the per-customer predictions of a {@link dev.segmint.value.ValueModel} joined on the
 * customer id to a segmentation, summed and averaged per segment. Per segment: customers, customers with a
 * prediction, total and mean predicted CLV, share of the total value (the segment's total CLV over the sum of all
 * predicted customers' CLV in the segmentation), mean {@code p_alive} and expected purchases.
 *
 * <p>Customers of the segmentation without a prediction (no purchase up to the calibration end) are counted per
 * segment and overall and left out of the sums and means; predicted customers absent from the segmentation are
 * counted too ({@link #unsegmented()}). Noise (label −1) is a segment of its own.
 *
 * <p>O(n + m) time and O(m) memory for n segmented and m predicted customers (a hash map of the predicted ids); sums
 * run in segmentation order, so the result is the same on every run. Immutable.
 */
public final class SegmentValues {

  /**
   * One segment's value.
   *
   * @param segment the segment number (−1 for noise)
   * @param name the segment's name ("" when none was given)
   * @param customers customers in the segment
   * @param predicted those of them with a prediction
   * @param totalClv the sum of their CLV
   * @param meanClv totalClv / predicted (NaN when none)
   * @param share totalClv / the total CLV of all segments (NaN when that is 0)
   * @param meanPAlive the mean p_alive of the predicted customers (NaN when none)
   * @param expectedPurchases the sum of their expected purchases over the horizon
   */
  public record Segment(int segment, String name, long customers, long predicted, double totalClv, double meanClv,
      double share, double meanPAlive, double expectedPurchases) {
    public Segment {
      Objects.requireNonNull(name, "name");
    }

    /** Customers in the segment without a prediction. */
    public long withoutPrediction() {
      return customers - predicted;
    }

    /** "noise" or the segment number. */
    public String label() {
      return segment < 0 ? "noise" : Integer.toString(segment);
    }
  }

  private final List<Segment> segments;
  private final long customers;
  private final long withoutPrediction;
  private final List<String> examplesWithout;
  private final long unsegmented;
  private final double totalClv;
  private final int horizonDays;
  private final double discount;

  private SegmentValues(List<Segment> segments, long customers, long withoutPrediction, List<String> examplesWithout,
      long unsegmented, double totalClv, int horizonDays, double discount) {
    this.segments = List.copyOf(segments);
    this.customers = customers;
    this.withoutPrediction = withoutPrediction;
    this.examplesWithout = List.copyOf(examplesWithout);
    this.unsegmented = unsegmented;
    this.totalClv = totalClv;
    this.horizonDays = horizonDays;
    this.discount = discount;
  }

  /** The value of the profiled segments: their labels and names, joined to the predictions on {@code ids}. */
  public static SegmentValues of(SegmentProfiles profiles, String[] ids, ValuePredictions predictions) {
    Objects.requireNonNull(profiles, "profiles");
    if (!profiles.hasLabels()) {
      throw new IllegalArgumentException("these profiles carry no labels; call SegmentValues.of(ids, labels, names, "
          + "predictions)");
    }
    Map<Integer, String> names = new HashMap<>();
    for (SegmentProfile p : profiles.segments()) {
      names.put(p.segment(), p.name());
    }
    return of(ids, profiles.labels(), names, predictions);
  }

  /**
   * The value of each segment of a segmentation.
   *
   * @param ids the customer ids of the segmentation, each once
   * @param labels the segment of each customer (−1 for noise), as long as {@code ids}
   * @param names segment names by label; may be empty or miss labels ("" then)
   * @throws IllegalArgumentException when the lengths differ or an id repeats (naming it and its rows)
   */
  public static SegmentValues of(String[] ids, int[] labels, Map<Integer, String> names, ValuePredictions predictions) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(predictions, "predictions");
    if (ids.length != labels.length) {
      throw new IllegalArgumentException("there are " + ids.length + " customer ids but " + labels.length
          + " labels; give one label per customer");
    }
    String[] predictedIds = predictions.summary().ids();
    double[] clv = predictions.clv();
    double[] pAlive = predictions.pAlive();
    double[] purchases = predictions.expectedPurchases();
    Map<String, Integer> row = new HashMap<>(predictedIds.length * 2);
    for (int i = 0; i < predictedIds.length; i++) {
      row.put(predictedIds[i], i);
    }
    Map<String, Integer> seen = new HashMap<>(ids.length * 2);
    TreeMap<Integer, double[]> acc = new TreeMap<>(Comparator.comparingInt(l -> l < 0 ? Integer.MAX_VALUE : l));
    // per label: customers, predicted, clv, p_alive, purchases
    long without = 0;
    long matched = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      String id = Objects.requireNonNull(ids[i], "customer id at row " + (i + 1));
      Integer before = seen.put(id, i);
      if (before != null) {
        throw new IllegalArgumentException("customer id '" + id + "' appears twice in the segmentation (rows "
            + (before + 1) + " and " + (i + 1) + "); give each customer one segment");
      }
      double[] a = acc.computeIfAbsent(labels[i], l -> new double[5]);
      a[0]++;
      Integer j = row.get(id);
      if (j == null) {
        without++;
        if (examples.size() < 5) {
          examples.add(id);
        }
        continue;
      }
      matched++;
      a[1]++;
      a[2] += clv[j];
      a[3] += pAlive[j];
      a[4] += purchases[j];
    }
    double total = 0;
    for (double[] a : acc.values()) {
      total += a[2];
    }
    List<Segment> out = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
      double[] a = e.getValue();
      String name = names.getOrDefault(e.getKey(), "");
      out.add(new Segment(e.getKey(), name == null ? "" : name, (long) a[0], (long) a[1], a[2],
          a[1] == 0 ? Double.NaN : a[2] / a[1], total == 0 ? Double.NaN : a[2] / total,
          a[1] == 0 ? Double.NaN : a[3] / a[1], a[4]));
    }
    return new SegmentValues(out, ids.length, without, examples, predictedIds.length - matched, total,
        predictions.horizonDays(), predictions.discount());
  }

  /** The segments in label order, noise last. */
  public List<Segment> segments() {
    return segments;
  }

  /**
   * One segment's value.
   *
   * @throws IllegalArgumentException when no customer has that label
   */
  public Segment segment(int label) {
    for (Segment s : segments) {
      if (s.segment() == label) {
        return s;
      }
    }
    throw new IllegalArgumentException("no segment " + label + "; the segments are "
        + segments.stream().map(Segment::label).toList());
  }

  /** The segments from the largest share of value to the smallest (ties: label order). */
  public List<Segment> byValue() {
    List<Segment> s = new ArrayList<>(segments);
    s.sort(Comparator.comparingDouble((Segment x) -> -x.totalClv()));
    return s;
  }

  /** Customers in the segmentation. */
  public long customers() {
    return customers;
  }

  /** Customers in the segmentation without a prediction (left out of the sums). */
  public long withoutPrediction() {
    return withoutPrediction;
  }

  /** Up to five ids of customers without a prediction. */
  public List<String> examplesWithoutPrediction() {
    return examplesWithout;
  }

  /** Predicted customers that are not in the segmentation (left out). */
  public long unsegmented() {
    return unsegmented;
  }

  /** The total CLV of the segmented customers with a prediction. */
  public double totalClv() {
    return totalClv;
  }

  /** The horizon of the CLV in days. */
  public int horizonDays() {
    return horizonDays;
  }

  /** The monthly discount rate of the CLV. */
  public double discount() {
    return discount;
  }

  /** What the CLV means, e.g. "CLV over 360 days (12 months), discounted 1.0% a month". */
  public String basis() {
    return String.format(Locale.ROOT, "CLV over %d days (%s months), discounted %s a month", horizonDays,
        Numbers.num(horizonDays / 30.0), Numbers.pct(discount));
  }

  /**
   * The value in plain words, one sentence per segment from the most valuable down, e.g. "Segment 2 (Champions):
   * 12.0% of the customers hold 54.3% of the value (4.5 times their share); mean CLV 1,234, 92% likely active.",
   * then a line on customers without a prediction when there are any.
   */
  public List<String> sentences() {
    List<String> lines = new ArrayList<>();
    for (Segment s : byValue()) {
      String who = (s.segment() < 0 ? "Noise" : "Segment " + s.segment())
          + (s.name().isEmpty() ? "" : " (" + s.name() + ")");
      double customerShare = customers == 0 ? Double.NaN : s.customers() / (double) customers;
      if (s.predicted() == 0) {
        lines.add(who + ": " + Numbers.pct(customerShare) + " of the customers, none with a prediction.");
        continue;
      }
      double lift = s.share() / customerShare;
      lines.add(who + ": " + Numbers.pct(customerShare) + " of the customers hold " + Numbers.pct(s.share())
          + " of the value" + (Double.isFinite(lift) ? String.format(Locale.ROOT, " (%.1f times their share)", lift) : "") + "; mean CLV " + Numbers.num(s.meanClv()) + ", "
          + Numbers.pct(s.meanPAlive()).replace(".0%", "%") + " likely still active.");
    }
    if (withoutPrediction > 0) {
      lines.add(String.format(Locale.ROOT, "%,d customers have no prediction (no purchase up to the calibration end; "
          + "e.g. %s) and count in no sum.", withoutPrediction, String.join(", ", examplesWithout)));
    }
    if (unsegmented > 0) {
      lines.add(String.format(Locale.ROOT, "%,d predicted customers are in no segment and are left out.",
          unsegmented));
    }
    return lines;
  }

  /**
   * One row per segment: {@code segment, name, customers, predicted, total_clv, mean_clv, share_of_value,
   * mean_p_alive, expected_purchases} (numbers unrounded).
   */
  public Table toTable() {
    IntColumn seg = IntColumn.create("segment");
    StringColumn name = StringColumn.create("name");
    LongColumn n = LongColumn.create("customers");
    LongColumn predicted = LongColumn.create("predicted");
    DoubleColumn total = DoubleColumn.create("total_clv");
    DoubleColumn mean = DoubleColumn.create("mean_clv");
    DoubleColumn share = DoubleColumn.create("share_of_value");
    DoubleColumn alive = DoubleColumn.create("mean_p_alive");
    DoubleColumn purchases = DoubleColumn.create("expected_purchases");
    for (Segment s : segments) {
      seg.append(s.segment());
      name.append(s.name());
      n.append(s.customers());
      predicted.append(s.predicted());
      total.append(s.totalClv());
      mean.append(s.meanClv());
      share.append(s.share());
      alive.append(s.meanPAlive());
      purchases.append(s.expectedPurchases());
    }
    return Table.create("value per segment", seg, name, n, predicted, total, mean, share, alive, purchases);
  }

  /**
   * The value per segment as a printed table (numbers to 4–6 significant digits, as the profile table), a line for
   * all customers, then {@link #sentences()}.
   */
  @Override
  public String toString() {
    IntColumn seg = IntColumn.create("segment");
    IntColumn n = IntColumn.create("customers");
    StringColumn total = StringColumn.create("total CLV");
    StringColumn share = StringColumn.create("share");
    StringColumn mean = StringColumn.create("mean CLV");
    StringColumn alive = StringColumn.create("p_alive");
    StringColumn name = StringColumn.create("name");
    for (Segment x : segments) {
      seg.append(x.segment());
      n.append((int) x.customers());
      total.append(Numbers.num(x.totalClv()));
      share.append(Numbers.pct(x.share()));
      mean.append(Numbers.num(x.meanClv()));
      alive.append(Double.isNaN(x.meanPAlive()) ? "–" : String.format(Locale.ROOT, "%.3f", x.meanPAlive()));
      name.append(x.name());
    }
    StringBuilder sb = new StringBuilder(Table.create("Where the value is (" + basis() + ")", seg, n, total, share,
        mean, alive, name).printAll()).append('\n');
    sb.append(String.format(Locale.ROOT, "all: %,d customers, total CLV %s%n", customers, Numbers.num(totalClv)));
    for (String line : sentences()) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }
}
