package dev.segmint.cycle;

import dev.segmint.features.RfmFeatures;
import dev.segmint.internal.Numbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Segments tracked over time, the result of {@link Tracker#run}: the snapshots at the as-of dates (customers, the
 * segment of each, shares, the RFM table), and for each pair of consecutive snapshots the migration matrix, the
 * movers, the change of each segment's share and the drift of each RFM feature (population stability index,
 * {@link Psi}); then a verdict on whether to refit the segments.
 *
 * <p>Segments are numbered {@code 0..segments().size()-1} across the whole tracking: {@link #segments()} holds
 * what the files write for each (the RFM group name with {@code --by rfm}, the segment number otherwise, {@code -1}
 * for noise) and {@link #segmentNames()} the readable names.
 *
 * <p>Refit verdict ({@link #refitRecommended()}), on the latest pair of snapshots: a refit is recommended when the
 * PSI of a feature the segments are made of ({@link #verdictFeatures()}: recency, frequency and monetary for RFM
 * groups, the model's or segmentation's RFM features otherwise; not tenure, which grows with every snapshot by
 * construction) is above {@value Psi#FLAG} ({@link Psi#FLAG}) or any segment's share moved by more than
 * {@value #SHARE_SHIFT_POINTS} percentage points ({@link #SHARE_SHIFT_POINTS}). Both thresholds are the usual
 * rules of thumb, not tests: a refit is a judgement the verdict only prompts.
 *
 * <p>Immutable: accessors return copies. Memory O(snapshots · customers).
 */
public final class Tracking {

  /** The share change, in percentage points, above which a refit is recommended. */
  public static final double SHARE_SHIFT_POINTS = 10;

  /** The RFM features whose drift is measured, in order. */
  public static final List<String> DRIFT_FEATURES = List.of("recency_days", "frequency", "monetary", "tenure_days",
      "avg_order_value");

  /** The segment label of customers who had no purchase before the earlier date (the migration matrix's extra row). */
  public static final String NEW = "new";

  /** The segment label of customers present at the earlier date and absent at the later one (never with RFM). */
  public static final String GONE = "gone";

  /** How the segments of each snapshot were made. */
  public enum Mode {
    /** The named RFM segments of each snapshot. */
    RFM,
    /** A saved model assigns each snapshot. */
    MODEL,
    /** A segmentation is fitted on each snapshot and its labels matched to the previous snapshot's. */
    REFIT
  }

  /** One snapshot: the customers with a purchase before {@code asOf} and their segments. */
  public static final class Snapshot {
    private final LocalDate asOf;
    private final RfmFeatures.Result rfm;
    private final String[] customers;
    private final int[] segments;
    private final int segmentCount;

    Snapshot(LocalDate asOf, RfmFeatures.Result rfm, String[] customers, int[] segments, int segmentCount) {
      this.asOf = asOf;
      this.rfm = rfm;
      this.customers = customers;
      this.segments = segments;
      this.segmentCount = segmentCount;
    }

    /** The as-of date: the snapshot holds the transactions dated strictly before it. */
    public LocalDate asOf() {
      return asOf;
    }

    /** The customer ids, sorted. A copy. */
    public String[] customers() {
      return customers.clone();
    }

    /** The segment of each customer (an index into {@link Tracking#segments()}). A copy. */
    public int[] segments() {
      return segments.clone();
    }

    /** The number of customers. */
    public int size() {
      return customers.length;
    }

    /** Customers per segment, indexed like {@link Tracking#segments()}. */
    public long[] counts() {
      long[] c = new long[segmentCount];
      for (int s : segments) {
        c[s]++;
      }
      return c;
    }

    /** The share of customers per segment, indexed like {@link Tracking#segments()}. */
    public double[] shares() {
      long[] c = counts();
      double[] s = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        s[i] = c[i] / (double) customers.length;
      }
      return s;
    }

    /** The RFM table of this snapshot (a copy), per the RFM contract with the as-of date {@link #asOf()}. */
    public Table features() {
      return rfm.table().copy();
    }

    /** The RFM computation: its data-quality report counts the rows dated on or after the as-of date. */
    public dev.segmint.features.DataQualityReport dataQuality() {
      return rfm.report();
    }

    /** The same snapshot counting {@code k} segments (the tracking-wide number, known at the end). */
    Snapshot withSegmentCount(int k) {
      return new Snapshot(asOf, rfm, customers, segments, k);
    }

    Table rfmTable() {
      return rfm.table();
    }

    int[] segmentsView() {
      return segments;
    }

    String[] customersView() {
      return customers;
    }

    @Override
    public String toString() {
      return "Snapshot as of " + asOf + ": " + String.format(Locale.ROOT, "%,d", customers.length) + " customers";
    }
  }

  /**
   * Customers moving from the segments at {@code from} to those at {@code to}: {@code counts[a][b]} for a = a
   * segment (index into {@link Tracking#segments()}) or the last row, {@code new}; b = a segment, or, only when
   * {@link #hasGone()}, the last column {@code gone}. Row a sums to the customers of segment a at {@code from}; the
   * {@code new} row to the customers at {@code to} with no purchase before {@code from}.
   */
  public static final class Migration {
    private final LocalDate from;
    private final LocalDate to;
    private final long[][] counts;
    private final boolean gone;
    private final Tracking owner;

    Migration(Tracking owner, LocalDate from, LocalDate to, long[][] counts, boolean gone) {
      this.owner = owner;
      this.from = from;
      this.to = to;
      this.counts = counts;
      this.gone = gone;
    }

    /** The earlier as-of date. */
    public LocalDate from() {
      return from;
    }

    /** The later as-of date. */
    public LocalDate to() {
      return to;
    }

    /** The matrix (a copy): rows = segments then {@code new}; columns = segments (then {@code gone}). */
    public long[][] counts() {
      long[][] c = new long[counts.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].clone();
      }
      return c;
    }

    /** Whether some customers of {@code from} are absent at {@code to} (the {@code gone} column). */
    public boolean hasGone() {
      return gone;
    }

    /** The customers moving from segment {@code a} ({@code -1}: new) to segment {@code b} ({@code -1}: gone). */
    public long count(int a, int b) {
      int k = owner.labels.size();
      return counts[a < 0 ? k : a][b < 0 ? k : b];
    }

    /**
     * The flows between different segments (and from {@code new}), largest first (ties: matrix order), each in
     * words, e.g. "312 Champions became At Risk".
     */
    public List<Flow> flows() {
      int k = owner.labels.size();
      List<Flow> f = new ArrayList<>();
      for (int a = 0; a <= k; a++) {
        for (int b = 0; b < counts[a].length; b++) {
          if (counts[a][b] > 0 && a != b) {
            f.add(new Flow(a == k ? -1 : a, b == k ? -1 : b, counts[a][b], owner.sentence(a == k ? -1 : a,
                b == k ? -1 : b, counts[a][b])));
          }
        }
      }
      f.sort(Comparator.comparingLong(Flow::customers).reversed());
      return List.copyOf(f);
    }

    @Override
    public String toString() {
      int k = owner.labels.size();
      List<String> rows = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        rows.add("[" + a + "] " + owner.names.get(a));
      }
      rows.add(NEW);
      int w = Math.max(9, rows.stream().mapToInt(String::length).max().orElse(4));
      StringBuilder sb = new StringBuilder("Migration " + from + " → " + to + "\n");
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s", "from \\ to"));
      for (int b = 0; b < counts[0].length; b++) {
        sb.append(String.format(Locale.ROOT, " %7s", b == k ? GONE : "[" + b + "]"));
      }
      sb.append('\n');
      for (int a = 0; a <= k; a++) {
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s", rows.get(a)));
        for (long v : counts[a]) {
          sb.append(String.format(Locale.ROOT, " %7d", v));
        }
        sb.append('\n');
      }
      return sb.toString();
    }
  }

  /** A flow between two segments: {@code from} = -1 for new customers, {@code to} = -1 for gone ones. */
  public record Flow(int from, int to, long customers, String sentence) {
    @Override
    public String toString() {
      return sentence;
    }
  }

  /** A customer whose segment changed between two dates, or a new customer ({@code from} = -1). */
  public record Mover(String customer, LocalDate fromDate, LocalDate toDate, int from, int to) {
    public Mover {
      Objects.requireNonNull(customer, "customer");
    }
  }

  /** The drift of one feature between two dates: its population stability index and whether it is above 0.25. */
  public record Drift(LocalDate from, LocalDate to, String feature, double psi) {
    /** True when the PSI is above {@link Psi#FLAG}. */
    public boolean flagged() {
      return psi > Psi.FLAG;
    }

    @Override
    public String toString() {
      return feature + " " + from + " → " + to + ": PSI " + Tracking.psi(psi) + (flagged() ? " (drift)" : "");
    }
  }

  /** The change of one segment's share between two dates (shares in 0..1). */
  public record ShareChange(LocalDate from, LocalDate to, int segment, double before, double after) {
    /** {@code after − before}, in percentage points. */
    public double points() {
      return 100 * (after - before);
    }
  }

  private final Mode mode;
  private final List<String> labels;
  private final List<String> names;
  private final List<Snapshot> snapshots;
  private final List<Migration> migrations;
  private final List<List<Mover>> movers;
  private final List<Drift> drift;
  private final List<ShareChange> shareChanges;
  private final boolean refit;
  private final String refitReason;
  private final List<String> verdictFeatures;

  Tracking(Mode mode, List<String> labels, List<String> names, List<Snapshot> snapshots) {
    this(mode, labels, names, snapshots, List.of("recency_days", "frequency", "monetary"));
  }

  /**
   * @param verdictFeatures the features whose drift counts for the refit verdict: those the segments are made of
   *     (tenure grows with every snapshot by construction, so its drift alone says nothing about the segments)
   */
  Tracking(Mode mode, List<String> labels, List<String> names, List<Snapshot> snapshots,
      List<String> verdictFeatures) {
    this.verdictFeatures = List.copyOf(verdictFeatures);
    this.mode = mode;
    this.labels = List.copyOf(labels);
    this.names = List.copyOf(names);
    int k = labels.size();
    this.snapshots = snapshots.stream().map(s -> s.withSegmentCount(k)).toList();
    snapshots = this.snapshots;
    List<Migration> mig = new ArrayList<>();
    List<List<Mover>> mov = new ArrayList<>();
    List<Drift> dr = new ArrayList<>();
    List<ShareChange> sc = new ArrayList<>();
    for (int i = 0; i + 1 < snapshots.size(); i++) {
      Snapshot a = snapshots.get(i);
      Snapshot b = snapshots.get(i + 1);
      long[][] counts = new long[k + 1][k + 1];
      List<Mover> m = new ArrayList<>();
      boolean[] seen = new boolean[a.customers.length];
      java.util.Map<String, Integer> rowOf = new java.util.HashMap<>(a.customers.length * 2);
      for (int c = 0; c < a.customers.length; c++) {
        rowOf.put(a.customers[c], c);
      }
      for (int c = 0; c < b.customers.length; c++) {
        Integer r = rowOf.get(b.customers[c]);
        int to = b.segments[c];
        if (r == null) {
          counts[k][to]++;
          m.add(new Mover(b.customers[c], a.asOf, b.asOf, -1, to));
        } else {
          seen[r] = true;
          int from = a.segments[r];
          counts[from][to]++;
          if (from != to) {
            m.add(new Mover(b.customers[c], a.asOf, b.asOf, from, to));
          }
        }
      }
      boolean gone = false;
      for (int c = 0; c < a.customers.length; c++) {
        if (!seen[c]) {
          gone = true;
          counts[a.segments[c]][k]++;
        }
      }
      if (!gone) {
        for (int r = 0; r <= k; r++) {
          counts[r] = Arrays.copyOf(counts[r], k);
        }
      }
      mig.add(new Migration(this, a.asOf, b.asOf, counts, gone));
      m.sort(Comparator.comparing(Mover::customer));
      mov.add(List.copyOf(m));
      double[] sa = a.shares();
      double[] sb = b.shares();
      for (int s = 0; s < k; s++) {
        if (sa[s] > 0 || sb[s] > 0) {
          sc.add(new ShareChange(a.asOf, b.asOf, s, sa[s], sb[s]));
        }
      }
      for (String f : DRIFT_FEATURES) {
        dr.add(new Drift(a.asOf, b.asOf, f, Psi.of(column(a.rfmTable(), f), column(b.rfmTable(), f))));
      }
    }
    this.migrations = List.copyOf(mig);
    this.movers = List.copyOf(mov);
    this.drift = List.copyOf(dr);
    this.shareChanges = List.copyOf(sc);
    // the verdict, on the latest pair of snapshots
    if (snapshots.size() < 2) {
      refit = false;
      refitReason = "one snapshot only: nothing to compare";
      return;
    }
    LocalDate last = snapshots.get(snapshots.size() - 1).asOf;
    LocalDate prev = snapshots.get(snapshots.size() - 2).asOf;
    Drift worstDrift = null;
    List<String> drifting = new ArrayList<>();
    for (Drift d : dr) {
      if (d.to().equals(last) && verdictFeatures.contains(d.feature())) {
        if (worstDrift == null || d.psi() > worstDrift.psi()) {
          worstDrift = d;
        }
        if (d.flagged()) {
          drifting.add(d.feature() + " (" + psi(d.psi()) + ")");
        }
      }
    }
    ShareChange worstShare = null;
    List<String> shifting = new ArrayList<>();
    for (ShareChange s : sc) {
      if (s.to().equals(last)) {
        if (worstShare == null || Math.abs(s.points()) > Math.abs(worstShare.points())) {
          worstShare = s;
        }
        if (Math.abs(s.points()) > SHARE_SHIFT_POINTS) {
          shifting.add(names.get(s.segment()) + " (" + points(s.points()) + ")");
        }
      }
    }
    refit = !drifting.isEmpty() || !shifting.isEmpty();
    String between = "between " + prev + " and " + last + ", ";
    if (refit) {
      List<String> why = new ArrayList<>();
      if (!drifting.isEmpty()) {
        why.add("the PSI of " + String.join(", ", drifting) + " is above " + Numbers.sig(Psi.FLAG));
      }
      if (!shifting.isEmpty()) {
        why.add("the share of " + String.join(", ", shifting) + " moved by more than "
            + Numbers.num(SHARE_SHIFT_POINTS) + " points");
      }
      refitReason = "refit recommended: " + between + String.join(", and ", why);
    } else {
      refitReason = "no refit needed: " + between + "the PSI of " + String.join(", ", this.verdictFeatures)
          + " is at most " + Numbers.sig(Psi.FLAG) + (worstDrift == null ? "" : " (largest: " + worstDrift.feature()
          + ", " + psi(worstDrift.psi()) + ")") + " and every segment's "
          + "share moved by at most " + Numbers.num(SHARE_SHIFT_POINTS) + " points"
          + (worstShare == null ? "" : " (largest: " + names.get(worstShare.segment()) + ", "
          + points(worstShare.points()) + ")");
    }
  }

  /** A PSI as the report and messages print it: three decimals. */
  public static String psi(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String points(double p) {
    return (p >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f", Math.abs(p)) + " points";
  }

  private static double[] column(Table t, String name) {
    return t.numberColumn(name).asDoubleArray();
  }

  String sentence(int from, int to, long customers) {
    String who = from < 0 ? "new customers" : nameOf(from);
    String what = to < 0 ? "were absent at the later date" : "became " + nameOf(to);
    return String.format(Locale.ROOT, "%,d", customers) + " " + who + " " + what;
  }

  private String nameOf(int s) {
    String name = names.get(s);
    return mode == Mode.RFM ? name : "segment " + labels.get(s) + " (" + name + ")";
  }

  /** How the segments were made. */
  public Mode mode() {
    return mode;
  }

  /** What the files write for each segment: the RFM group names with {@link Mode#RFM}, else the numbers. */
  public List<String> segments() {
    return labels;
  }

  /** The features whose drift counts for {@link #refitRecommended()}. */
  public List<String> verdictFeatures() {
    return verdictFeatures;
  }

  /** The readable name of each segment (the RFM group, or the fitted or model segment name). */
  public List<String> segmentNames() {
    return names;
  }

  /** The snapshots, in date order. */
  public List<Snapshot> snapshots() {
    return snapshots;
  }

  /** The as-of dates, in order. */
  public List<LocalDate> dates() {
    return snapshots.stream().map(Snapshot::asOf).toList();
  }

  /** The migration between each pair of consecutive snapshots (one fewer than the snapshots). */
  public List<Migration> migrations() {
    return migrations;
  }

  /** The movers of each pair of consecutive snapshots, sorted by customer id. */
  public List<List<Mover>> movers() {
    return movers;
  }

  /** The drift of each feature of {@link #DRIFT_FEATURES} for each pair of consecutive snapshots. */
  public List<Drift> drift() {
    return drift;
  }

  /** The change of share of each segment present at either date, for each pair of consecutive snapshots. */
  public List<ShareChange> shareChanges() {
    return shareChanges;
  }

  /** Whether a refit is recommended (see the class comment for the thresholds); the reason is {@link #refitReason()}. */
  public boolean refitRecommended() {
    return refit;
  }

  /** The verdict in words, naming the features and segments that crossed a threshold (or the largest values). */
  public String refitReason() {
    return refitReason;
  }

  private static StringColumn dates(String name, List<LocalDate> d) {
    return StringColumn.create(name, d.stream().map(LocalDate::toString).toArray(String[]::new));
  }

  private String label(int s) {
    return s < 0 ? NEW : labels.get(s);
  }

  /**
   * The migration file of the contract: {@code from_date,to_date,from_segment,to_segment,customers,share_of_from},
   * one row per non-zero cell, in matrix order ({@code new} last; {@code gone} as a to_segment when present).
   */
  public Table migrationTable() {
    List<LocalDate> fd = new ArrayList<>();
    List<LocalDate> td = new ArrayList<>();
    List<String> fs = new ArrayList<>();
    List<String> ts = new ArrayList<>();
    List<Integer> n = new ArrayList<>();
    List<Double> share = new ArrayList<>();
    int k = labels.size();
    for (Migration m : migrations) {
      for (int a = 0; a <= k; a++) {
        long row = Arrays.stream(m.counts[a]).sum();
        for (int b = 0; b < m.counts[a].length; b++) {
          long v = m.counts[a][b];
          if (v > 0) {
            fd.add(m.from);
            td.add(m.to);
            fs.add(a == k ? NEW : labels.get(a));
            ts.add(b == k ? GONE : labels.get(b));
            n.add((int) v);
            share.add(v / (double) row);
          }
        }
      }
    }
    return Table.create("migration", dates("from_date", fd), dates("to_date", td),
        StringColumn.create("from_segment", fs), StringColumn.create("to_segment", ts),
        IntColumn.create("customers", n.stream().mapToInt(Integer::intValue).toArray()),
        DoubleColumn.create("share_of_from", share.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /**
   * The movers file of the contract: {@code customer_id,from_date,to_date,from_segment,to_segment}: every customer
   * whose segment changed and every new customer ({@code from_segment} = {@code new}), by date pair then id.
   */
  public Table moversTable() {
    List<String> id = new ArrayList<>();
    List<LocalDate> fd = new ArrayList<>();
    List<LocalDate> td = new ArrayList<>();
    List<String> fs = new ArrayList<>();
    List<String> ts = new ArrayList<>();
    for (List<Mover> list : movers) {
      for (Mover m : list) {
        id.add(m.customer());
        fd.add(m.fromDate());
        td.add(m.toDate());
        fs.add(label(m.from()));
        ts.add(label(m.to()));
      }
    }
    return Table.create("movers", StringColumn.create("customer_id", id), dates("from_date", fd),
        dates("to_date", td), StringColumn.create("from_segment", fs), StringColumn.create("to_segment", ts));
  }

  /**
   * The segment of every customer in every snapshot: {@code customer_id,as_of,segment,segment_name}, by date then
   * customer id ({@code segment} as in the migration file).
   */
  public Table segmentsTable() {
    int rows = snapshots.stream().mapToInt(Snapshot::size).sum();
    String[] id = new String[rows];
    String[] d = new String[rows];
    String[] seg = new String[rows];
    String[] name = new String[rows];
    int r = 0;
    for (Snapshot s : snapshots) {
      String date = s.asOf.toString();
      for (int c = 0; c < s.customers.length; c++) {
        id[r] = s.customers[c];
        d[r] = date;
        seg[r] = labels.get(s.segments[c]);
        name[r] = names.get(s.segments[c]);
        r++;
      }
    }
    return Table.create("segments", StringColumn.create("customer_id", id), StringColumn.create("as_of", d),
        StringColumn.create("segment", seg), StringColumn.create("segment_name", name));
  }

  /** The result as one table, as every Segmint result converts: {@link #segmentsTable()}. */
  public Table toTable() {
    return segmentsTable();
  }

  /** Customers and share of each segment in each snapshot: {@code as_of,segment,segment_name,customers,share}. */
  public Table sharesTable() {
    List<String> d = new ArrayList<>();
    List<String> seg = new ArrayList<>();
    List<String> name = new ArrayList<>();
    List<Integer> n = new ArrayList<>();
    List<Double> share = new ArrayList<>();
    for (Snapshot s : snapshots) {
      long[] c = s.counts();
      for (int i = 0; i < c.length; i++) {
        d.add(s.asOf.toString());
        seg.add(labels.get(i));
        name.add(names.get(i));
        n.add((int) c[i]);
        share.add(c[i] / (double) s.size());
      }
    }
    return Table.create("shares", StringColumn.create("as_of", d), StringColumn.create("segment", seg),
        StringColumn.create("segment_name", name), IntColumn.create("customers", n.stream().mapToInt(i -> i).toArray()),
        DoubleColumn.create("share", share.stream().mapToDouble(x -> x).toArray()));
  }

  /** The drift per feature and pair of dates: {@code from_date,to_date,feature,psi,drift} (drift: PSI above 0.25). */
  public Table driftTable() {
    return Table.create("drift", dates("from_date", drift.stream().map(Drift::from).toList()),
        dates("to_date", drift.stream().map(Drift::to).toList()),
        StringColumn.create("feature", drift.stream().map(Drift::feature).toArray(String[]::new)),
        DoubleColumn.create("psi", drift.stream().mapToDouble(Drift::psi).toArray()),
        StringColumn.create("drift", drift.stream().map(x -> x.flagged() ? "yes" : "no").toArray(String[]::new)));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("Tracking of ").append(snapshots.size()).append(" snapshots (")
        .append(mode.name().toLowerCase(Locale.ROOT)).append(" segments)\n");
    int w = Math.max(7, names.stream().mapToInt(String::length).max().orElse(0));
    sb.append(String.format(Locale.ROOT, "  %-" + w + "s", "segment"));
    for (Snapshot s : snapshots) {
      sb.append(String.format(Locale.ROOT, " %10s", s.asOf));
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "  %-" + w + "s", "customers"));
    for (Snapshot s : snapshots) {
      sb.append(String.format(Locale.ROOT, " %10s", String.format(Locale.ROOT, "%,d", s.size())));
    }
    sb.append('\n');
    for (int i = 0; i < labels.size(); i++) {
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s", names.get(i)));
      for (Snapshot s : snapshots) {
        sb.append(String.format(Locale.ROOT, " %10s", Numbers.pct(s.shares()[i])));
      }
      sb.append('\n');
    }
    for (Migration m : migrations) {
      List<Flow> f = m.flows();
      sb.append(m.from).append(" → ").append(m.to).append(": ");
      sb.append(String.join("; ", f.subList(0, Math.min(3, f.size())).stream().map(Flow::sentence).toList()));
      sb.append('\n');
    }
    // the features the verdict reads, each flagged step; the others (tenure grows at every step) one line each
    List<String> flagged = drift.stream().filter(d -> d.flagged() && verdictFeatures.contains(d.feature()))
        .map(Drift::toString).toList();
    sb.append("drift (PSI > ").append(Numbers.sig(Psi.FLAG)).append("): ")
        .append(flagged.isEmpty() ? "none" : String.join("; ", flagged)).append('\n');
    Map<String, List<Drift>> others = new LinkedHashMap<>();
    for (Drift d : drift) {
      if (!verdictFeatures.contains(d.feature())) {
        others.computeIfAbsent(d.feature(), k -> new ArrayList<>()).add(d);
      }
    }
    for (Map.Entry<String, List<Drift>> e : others.entrySet()) {
      long steps = e.getValue().stream().filter(Drift::flagged).count();
      if (steps > 0) {
        double max = e.getValue().stream().mapToDouble(Drift::psi).max().orElse(0);
        sb.append(String.format(Locale.ROOT, "  also %s: PSI above %s at %d of %d steps (up to %s); not a feature "
            + "the segments are made of, so not in the verdict%n", e.getKey(), Numbers.sig(Psi.FLAG), steps,
            e.getValue().size(), psi(max)));
      }
    }
    sb.append(refitReason).append('\n');
    return sb.toString();
  }
}
