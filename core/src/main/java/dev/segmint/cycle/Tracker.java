package dev.segmint.cycle;

import dev.segmint.Assignment;
import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.features.Feature;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.RfmSegment;
import dev.segmint.features.RfmSegmentMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Segments tracked over time from one transactions table: a snapshot at each as-of date D (the RFM of the
 * transactions dated strictly before D, per the RFM contract with as-of D), the segments of each snapshot, and
 * between consecutive snapshots the migration, the movers, the share changes and the drift ({@link Tracking}).
 *
 * <pre>{@code
 * Tracking t = Tracker.builder()
 *     .rfm(RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
 *         .quantity("Quantity").price("UnitPrice").build())
 *     .every(Tracker.Every.QUARTER, LocalDate.of(2011, 1, 1), LocalDate.of(2012, 1, 1))
 *     .build().run(transactions);
 * }</pre>
 *
 * <p>Segments per snapshot, one of:
 * <ul>
 *   <li>the named RFM segments (default; the RFM settings' segment map);
 *   <li>{@link Builder#model(SegmentationModel)}: a saved model, fitted on RFM features only, assigns each
 *       snapshot;
 *   <li>{@link Builder#refit(Segmentation)}: the segmentation is fitted on each snapshot's RFM table, and the
 *       segments of snapshot i+1 are renumbered to share the most customers with those of snapshot i (the
 *       Hungarian assignment on the contingency table of the customers present in both); segments left unmatched
 *       (or matched to a segment they share no customer with) get the next unused numbers, and a matched segment
 *       keeps the number and the name it had when it first appeared.
 * </ul>
 *
 * <p>Cost: the transactions are read and checked once ({@link RfmFeatures#prepare}); each snapshot then costs
 * O(rows + distinct orders) primitive work without parsing or hashing, plus O(c log c) for the scores of its c
 * customers, plus the model assignment or the fit. Migrations O(c) each; drift O(c log c) per feature. Memory
 * about 24 bytes per transaction row plus O(snapshots · c).
 *
 * <p>Limits: the RFM settings' own as-of date is not used (each snapshot has its own); at least two as-of dates,
 * strictly increasing, the first after the first purchase; a model or segmentation must read RFM features only.
 * Immutable and thread-safe.
 */
public final class Tracker {

  /** The spacing of {@link Builder#every}. */
  public enum Every {
    /** Every calendar month from the start date. */
    MONTH(1),
    /** Every three months from the start date. */
    QUARTER(3);

    private final int months;

    Every(int months) {
      this.months = months;
    }

    /** The months between two dates. */
    public int months() {
      return months;
    }
  }

  private final RfmFeatures rfm;
  private final List<LocalDate> dates;
  private final SegmentationModel model;
  private final Segmentation refit;

  private Tracker(RfmFeatures rfm, List<LocalDate> dates, SegmentationModel model, Segmentation refit) {
    this.rfm = rfm;
    this.dates = List.copyOf(dates);
    this.model = model;
    this.refit = refit;
  }

  /** A builder: RFM settings, as-of dates and (optionally) how segments are made. */
  public static Builder builder() {
    return new Builder();
  }

  /** The as-of dates, in order. */
  public List<LocalDate> dates() {
    return dates;
  }

  /** The RFM settings (their as-of date is not used). */
  public RfmFeatures rfm() {
    return rfm;
  }

  /** How segments are made. */
  public Tracking.Mode mode() {
    return model != null ? Tracking.Mode.MODEL : refit != null ? Tracking.Mode.REFIT : Tracking.Mode.RFM;
  }

  /**
   * Tracks the segments over the as-of dates.
   *
   * @throws IllegalArgumentException for bad transactions (as {@link RfmFeatures#run}), or when the first as-of
   *     date is on or before the first purchase
   */
  public Tracking run(Table transactions) {
    Objects.requireNonNull(transactions, "transactions");
    RfmFeatures.Prepared prepared = rfm.prepare(transactions);
    LocalDate first = prepared.firstPurchaseDate();
    if (first != null && !dates.get(0).isAfter(first)) {
      throw new IllegalArgumentException("the first as-of date, " + dates.get(0) + ", is on or before the first "
          + "purchase (" + first + "): a snapshot holds the transactions dated strictly before its as-of date, so it "
          + "would have no customer; start the dates after " + first);
    }
    Segments segments = switch (mode()) {
      case RFM -> new RfmGroups(rfm.segmentMap());
      case MODEL -> new ModelSegments(model);
      case REFIT -> new Refits(refit);
    };
    List<Tracking.Snapshot> snaps = new ArrayList<>();
    for (LocalDate d : dates) {
      RfmFeatures.Result r = prepared.before(d);
      snaps.add(segments.snapshot(d, r));
    }
    return new Tracking(mode(), segments.labels, segments.names, snaps, verdictFeatures());
  }

  /** The drift features that count for the refit verdict: those the segments are made of. */
  private List<String> verdictFeatures() {
    FeatureSpec spec = model != null ? model.pipeline().spec() : refit != null ? refit.features() : null;
    if (spec == null) {
      return List.of("recency_days", "frequency", "monetary");
    }
    List<String> f = new ArrayList<>();
    for (Feature x : spec.features()) {
      if (Tracking.DRIFT_FEATURES.contains(x.column())) {
        f.add(x.column());
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return "Tracker[" + dates.size() + " as-of dates " + dates.get(0) + " .. " + dates.get(dates.size() - 1) + ", "
        + mode().name().toLowerCase(java.util.Locale.ROOT) + " segments, " + rfm + "]";
  }

  // ---------------------------------------------------------------------------------------------- segment makers

  /** Makes the segments of each snapshot and keeps the tracking-wide list of segments. */
  private abstract static class Segments {
    final List<String> labels = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    abstract Tracking.Snapshot snapshot(LocalDate asOf, RfmFeatures.Result rfm);

    int add(String label, String name) {
      labels.add(label);
      names.add(name);
      return labels.size() - 1;
    }

    /** A snapshot from ids and tracking-wide segments in any order: sorted by id. */
    Tracking.Snapshot sorted(LocalDate asOf, RfmFeatures.Result rfm, String[] ids, int[] seg) {
      Integer[] order = new Integer[ids.length];
      for (int i = 0; i < ids.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
      String[] sid = new String[ids.length];
      int[] sseg = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        sid[i] = ids[order[i]];
        sseg[i] = seg[order[i]];
      }
      return new Tracking.Snapshot(asOf, rfm, sid, sseg, labels.size());
    }
  }

  /** The named RFM segments: the segment map's names, the contract's order first. */
  private static final class RfmGroups extends Segments {
    private final Map<String, Integer> index = new HashMap<>();

    RfmGroups(RfmSegmentMap map) {
      Set<String> inMap = new LinkedHashSet<>();
      for (RfmSegmentMap.Rule r : map.rules()) {
        inMap.add(r.segment());
      }
      for (RfmSegment s : RfmSegment.values()) {
        if (inMap.remove(s.label())) {
          index.put(s.label(), add(s.label(), s.label()));
        }
      }
      for (String s : inMap) {
        index.put(s, add(s, s));
      }
    }

    @Override
    Tracking.Snapshot snapshot(LocalDate asOf, RfmFeatures.Result rfm) {
      Table t = rfm.table();
      StringColumn ids = t.stringColumn("customer_id");
      StringColumn seg = t.stringColumn("rfm_segment");
      int n = t.rowCount();
      String[] id = new String[n];
      int[] s = new int[n];
      for (int i = 0; i < n; i++) {
        id[i] = ids.get(i);
        s[i] = index.get(seg.get(i));
      }
      return new Tracking.Snapshot(asOf, rfm, id, s, labels.size());   // the RFM table is sorted by id
    }
  }

  /** A saved model assigns each snapshot, reading the snapshot's RFM table. */
  private static final class ModelSegments extends Segments {
    private final SegmentationModel onRfmTable;
    private int noise = -1;

    ModelSegments(SegmentationModel model) {
      FeaturePipeline p = FeaturePipeline.restore(onRfmTable(model.pipeline().spec()), null, model.pipeline().fitted());
      onRfmTable = model.withPipeline(p);
      List<String> n = model.segmentNames();
      for (int s = 0; s < n.size(); s++) {
        add(Integer.toString(s), n.get(s));
      }
    }

    @Override
    Tracking.Snapshot snapshot(LocalDate asOf, RfmFeatures.Result rfm) {
      Assignment a = onRfmTable.assign(FeatureInputs.ofCustomers(rfm.table()));
      int[] s = a.segments();
      for (int i = 0; i < s.length; i++) {
        if (s[i] < 0) {
          if (noise < 0) {
            noise = add("-1", "noise");
          }
          s[i] = noise;
        }
      }
      return sorted(asOf, rfm, a.ids(), s);
    }
  }

  /** A segmentation fitted on each snapshot, its labels matched to the previous snapshot's. */
  private static final class Refits extends Segments {
    private final Segmentation segmentation;
    private Map<String, Integer> previous;
    private int numbered;
    private int noise = -1;

    Refits(Segmentation s) {
      FeatureSpec spec = s.features();
      this.segmentation = spec != null && spec.rfm() != null
          ? Segmentation.builder().features(onRfmTable(spec)).clusterer(s.clusterer()).build()
          : s;
    }

    @Override
    Tracking.Snapshot snapshot(LocalDate asOf, RfmFeatures.Result rfm) {
      SegmentationModel m = segmentation.fit(rfm.table());
      String[] ids = m.customerIds();
      int[] local = m.labels();
      List<String> fitted = m.segmentNames();
      int k = fitted.size();
      int[] global = new int[k];
      Arrays.fill(global, -1);
      if (previous != null) {
        int shared = 0;
        int[] before = new int[ids.length];
        int[] after = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
          Integer was = previous.get(ids[i]);
          if (was != null && was != noise && local[i] >= 0) {
            before[shared] = was;
            after[shared++] = local[i];
          }
        }
        global = matchLabels(Arrays.copyOf(before, shared), Arrays.copyOf(after, shared), k);
      }
      for (int j = 0; j < k; j++) {
        if (global[j] < 0) {
          global[j] = add(Integer.toString(numbered++), fitted.get(j));
        }
      }
      int[] s = new int[ids.length];
      Map<String, Integer> now = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        if (local[i] < 0) {
          if (noise < 0) {
            noise = add("-1", "noise");
          }
          s[i] = noise;
        } else {
          s[i] = global[local[i]];
        }
        now.put(ids[i], s[i]);
      }
      previous = now;
      return sorted(asOf, rfm, ids, s);
    }
  }

  /**
   * Label matching: for each new segment {@code j < k}, the earlier segment it shares the most customers with under
   * a one-to-one matching that maximises the customers shared in total (Hungarian assignment on the contingency
   * table), or {@code -1} when it is unmatched or shares no customer with its match. O(n + k·m + max(k, m)³) for
   * n shared customers and m earlier segments.
   *
   * @param before the earlier segment (≥ 0) of each customer present in both snapshots
   * @param after the new segment (0..k-1) of the same customers
   */
  static int[] matchLabels(int[] before, int[] after, int k) {
    int[] global = new int[k];
    Arrays.fill(global, -1);
    java.util.TreeMap<Integer, long[]> rows = new java.util.TreeMap<>();   // earlier segments in ascending order
    for (int i = 0; i < before.length; i++) {
      rows.computeIfAbsent(before[i], x -> new long[k])[after[i]]++;
    }
    long[][] c = rows.values().toArray(long[][]::new);
    Integer[] segment = rows.keySet().toArray(Integer[]::new);
    int[] match = Hungarian.maximise(c);
    for (int r = 0; r < match.length; r++) {
      int j = match[r];
      if (j >= 0 && c[r][j] > 0) {
        global[j] = segment[r];
      }
    }
    return global;
  }

  /** The same features read from the RFM table's columns instead of computed from transactions. */
  static FeatureSpec onRfmTable(FeatureSpec spec) {
    if (spec.rfm() == null || spec.sources().size() != 1) {
      throw new IllegalArgumentException("tracking reads the RFM features of each snapshot, but these features come "
          + "from " + spec.sources() + "; use a model or segmentation fitted on RFM features only");
    }
    List<String> columns = new ArrayList<>();
    for (Feature f : spec.features()) {
      columns.add(f.column());
    }
    FeatureSpec.Builder b = FeatureSpec.builder().columns("customer_id", columns.toArray(String[]::new))
        .missing(spec.missing()).dropZeroVariance(spec.dropZeroVariance());
    for (Feature f : spec.features()) {
      b.add(f);
    }
    return b.build();
  }

  /** Sets the RFM settings, the as-of dates and how segments are made. */
  public static final class Builder {
    private RfmFeatures rfm;
    private List<LocalDate> dates;
    private Every every;
    private LocalDate from;
    private LocalDate to;
    private SegmentationModel model;
    private Segmentation refit;

    private Builder() {}

    /**
     * The RFM settings: columns, returns, bins, segment map (their as-of date is not used). Optional with a model
     * or a segmentation whose features are RFM: theirs are used.
     */
    public Builder rfm(RfmFeatures settings) {
      this.rfm = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Explicit as-of dates, strictly increasing (at least two). */
    public Builder asOf(LocalDate... asOfDates) {
      this.dates = List.of(asOfDates);
      this.every = null;
      return this;
    }

    /** As-of dates every month or quarter from {@code from} up to and including {@code to} (at least two). */
    public Builder every(Every spacing, LocalDate from, LocalDate to) {
      this.every = Objects.requireNonNull(spacing, "spacing");
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
      this.dates = null;
      return this;
    }

    /** Segments by a saved model (fitted on RFM features only) applied to each snapshot. */
    public Builder model(SegmentationModel fitted) {
      this.model = Objects.requireNonNull(fitted, "fitted");
      return this;
    }

    /** Segments by fitting {@code segmentation} on each snapshot, with labels matched to the previous snapshot. */
    public Builder refit(Segmentation segmentation) {
      this.refit = Objects.requireNonNull(segmentation, "segmentation");
      return this;
    }

    /**
     * Checks the choices and builds.
     *
     * @throws IllegalArgumentException naming the bad date or the missing choice and how to fix it
     */
    public Tracker build() {
      if (model != null && refit != null) {
        throw new IllegalArgumentException("choose one way to make segments: model(..) or refit(..), not both");
      }
      List<LocalDate> d;
      if (every != null) {
        if (from.isAfter(to)) {
          throw new IllegalArgumentException("the start date " + from + " is after the end date " + to
              + "; give the earlier date first");
        }
        d = new ArrayList<>();
        for (int i = 0; !from.plusMonths((long) i * every.months).isAfter(to); i++) {
          d.add(from.plusMonths((long) i * every.months));
        }
      } else if (dates != null) {
        d = dates;
        for (int i = 1; i < d.size(); i++) {
          if (!d.get(i).isAfter(d.get(i - 1))) {
            throw new IllegalArgumentException("the as-of dates must increase, but " + d.get(i) + " follows "
                + d.get(i - 1) + "; list each date once, in date order");
          }
        }
      } else {
        throw new IllegalArgumentException("give the as-of dates: asOf(date1, date2, ...) or every(QUARTER, from, to)");
      }
      if (d.size() < 2) {
        throw new IllegalArgumentException("tracking needs at least two as-of dates, but " + (d.isEmpty() ? "none was"
            : "only " + d.get(0) + " was") + " given" + (every != null ? "; widen the range from " + from + " to "
            + to + " to at least one " + every.name().toLowerCase(java.util.Locale.ROOT) : ""));
      }
      RfmFeatures r = rfm;
      if (r == null && model != null) {
        r = model.pipeline().spec().rfm();
      }
      if (r == null && refit != null && refit.features() != null) {
        r = refit.features().rfm();
      }
      if (r == null) {
        throw new IllegalArgumentException("give the RFM settings: rfm(RfmFeatures.builder().customer(..)"
            + ".timestamp(..).amount(..).build())");
      }
      if (model != null) {
        onRfmTable(model.pipeline().spec());
      }
      return new Tracker(r, d, model, refit);
    }
  }
}
