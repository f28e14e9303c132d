package dev.segmint.profile;

import dev.segmint.internal.Numbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one segment is, in the original units of its features: its size and share, a descriptive name, and for
 * each feature the statistics and comparisons of {@link NumericProfile} and {@link CategoricalProfile}, with the
 * features ranked by how strongly they set the segment apart ({@link #distinguishing()}). Immutable; made by
 * {@link SegmentProfiles}.
 */
public final class SegmentProfile {

  private final int segment;
  private final String name;
  private final long size;
  private final double share;
  private final Map<String, NumericProfile> numeric;
  private final Map<String, CategoricalProfile> categorical;
  private final List<FeatureEffect> distinguishing;
  private final List<FeatureEffect> top;
  private final LevelShare rfmSegment;
  private final SegmentAction action;
  private final List<String> facts;

  SegmentProfile(int segment, String name, long size, double share, Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical, List<FeatureEffect> distinguishing, List<FeatureEffect> top,
      LevelShare rfmSegment, SegmentAction action, List<String> facts) {
    this.segment = segment;
    this.name = name;
    this.size = size;
    this.share = share;
    this.numeric = Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
    this.categorical = Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
    this.distinguishing = List.copyOf(distinguishing);
    this.top = List.copyOf(top);
    this.rfmSegment = rfmSegment;
    this.action = action;
    this.facts = List.copyOf(facts);
  }

  /** The segment label ({@code -1} for noise). */
  public int segment() {
    return segment;
  }

  /** Whether this is the noise group ({@code -1}) rather than a segment. */
  public boolean isNoise() {
    return segment < 0;
  }

  /** A short descriptive name from the strongest features, e.g. "High monetary, very recent, frequent". */
  public String name() {
    return name;
  }

  /** Number of customers in the segment. */
  public long size() {
    return size;
  }

  /** size / all customers, in [0, 1]. */
  public double share() {
    return share;
  }

  /** Numeric feature → its profile, in feature order. */
  public Map<String, NumericProfile> numeric() {
    return numeric;
  }

  /** The profile of one numeric feature. */
  public NumericProfile numeric(String feature) {
    NumericProfile p = numeric.get(feature);
    if (p == null) {
      throw new IllegalArgumentException("no numeric feature '" + feature + "' in this profile; numeric features are "
          + List.copyOf(numeric.keySet()));
    }
    return p;
  }

  /** Categorical feature → its profile, in feature order. */
  public Map<String, CategoricalProfile> categorical() {
    return categorical;
  }

  /** The profile of one categorical feature. */
  public CategoricalProfile categorical(String feature) {
    CategoricalProfile p = categorical.get(feature);
    if (p == null) {
      throw new IllegalArgumentException("no categorical feature '" + feature + "' in this profile; categorical "
          + "features are " + List.copyOf(categorical.keySet()));
    }
    return p;
  }

  /** Numeric feature name → mean over the segment's customers, in feature order. */
  public Map<String, Double> means() {
    Map<String, Double> m = new LinkedHashMap<>();
    numeric.forEach((f, p) -> m.put(f, p.mean()));
    return Collections.unmodifiableMap(m);
  }

  /** The mean of a numeric feature. */
  public double mean(String feature) {
    return numeric(feature).mean();
  }

  /** Categorical feature name → the segment's most common level with its share. */
  public Map<String, LevelShare> topLevels() {
    Map<String, LevelShare> m = new LinkedHashMap<>();
    categorical.forEach((f, p) -> m.put(f, p.top()));
    return Collections.unmodifiableMap(m);
  }

  /** Every feature, most distinguishing first: significant ones first, then by |effect size|, then feature order. */
  public List<FeatureEffect> distinguishing() {
    return distinguishing;
  }

  /**
   * The top distinguishing features: significant, at least a small effect, at most the configured number; label
   * columns other than {@code rfm_segment} (scores, codes) are left out, as they restate the features.
   */
  public List<FeatureEffect> topFeatures() {
    return top;
  }

  /**
   * What to do with the segment and why: from its largest RFM group when RFM features were profiled, else from
   * rules on its distinguishing features, else "no recommendation" (see {@link SegmentAction}).
   */
  public SegmentAction action() {
    return action;
  }

  /**
   * Two or three facts in plain words, from the RFM features when profiled: "bought 4.6 times on average", "last 12
   * days ago", "median spend 5.2× the overall median"; empty without them.
   */
  public List<String> facts() {
    return facts;
  }

  /**
   * One line a marketer reads first: "Very lapsed, very low monetary — 1,160 customers (26.7%) — Low-cost
   * reactivation, else suppress from paid campaigns — bought 1.2 times on average, last 214 days ago, median spend
   * 0.36× the overall median".
   */
  public String decision() {
    StringBuilder sb = new StringBuilder();
    sb.append(name).append(String.format(Locale.ROOT, " — %,d customers (%.1f%%) — ", size, 100 * share))
        .append(action.action());
    if (!facts.isEmpty()) {
      sb.append(" — ").append(String.join(", ", facts));
    }
    return sb.toString();
  }

  /**
   * The dominant named RFM segment and its share in this segment: from an {@code rfm_segment} feature, or scored
   * from {@code recency_days} and {@code frequency} when there is none (then its d is NaN).
   */
  public Optional<LevelShare> rfmSegment() {
    return Optional.ofNullable(rfmSegment);
  }

  /** The label as shown in reports: the number, or "noise". */
  public String label() {
    return segment < 0 ? "noise" : Integer.toString(segment);
  }

  /**
   * One row per feature: numeric features with mean, median, sd, quartiles, min, max, z, relative difference, d and
   * p-values; then categorical features with their top level and most distinctive level.
   */
  public Table toTable() {
    StringColumn feature = StringColumn.create("feature");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn median = DoubleColumn.create("median");
    DoubleColumn sd = DoubleColumn.create("sd");
    DoubleColumn q1 = DoubleColumn.create("q1");
    DoubleColumn q3 = DoubleColumn.create("q3");
    DoubleColumn min = DoubleColumn.create("min");
    DoubleColumn max = DoubleColumn.create("max");
    DoubleColumn z = DoubleColumn.create("z");
    DoubleColumn rel = DoubleColumn.create("vs all %");
    DoubleColumn d = DoubleColumn.create("d");
    StringColumn p = StringColumn.create("p adj");
    StringColumn words = StringColumn.create("reads as");
    Map<String, FeatureEffect> effects = new LinkedHashMap<>();
    for (FeatureEffect e : distinguishing) {
      effects.put(e.feature(), e);
    }
    for (NumericProfile np : numeric.values()) {
      NumericSummary s = np.stats();
      feature.append(np.feature());
      mean.append(Numbers.round(s.mean()));
      median.append(Numbers.round(s.median()));
      sd.append(Numbers.round(s.sd()));
      q1.append(Numbers.round(s.q1()));
      q3.append(Numbers.round(s.q3()));
      min.append(Numbers.round(s.min()));
      max.append(Numbers.round(s.max()));
      z.append(Numbers.round(np.zScore(), 2));
      rel.append(Numbers.round(100 * np.relativeDifference(), 1));
      d.append(Numbers.round(np.effectSize(), 2));
      p.append(Numbers.pValue(np.adjustedPValue()));
      words.append(effects.get(np.feature()).phrase());
    }
    for (CategoricalProfile cp : categorical.values()) {
      LevelShare dl = cp.distinctive();
      feature.append(cp.feature() + " = " + dl.level());
      mean.append(Numbers.round(dl.share(), 4));
      for (DoubleColumn c : List.of(median, sd, q1, q3, min, max, z)) {
        c.appendMissing();
      }
      rel.append(Numbers.round(100 * (dl.lift() - 1), 1));
      d.append(Numbers.round(dl.effectSize(), 2));
      p.append(Numbers.pValue(cp.adjustedPValue()));
      words.append(effects.get(cp.feature()).phrase());
    }
    Table t = Table.create("segment " + label() + ": " + name, feature, mean, median, sd, q1, q3, min, max, z, rel, d,
        p, words);
    return t;
  }

  /** A card: the name, size and share, the dominant RFM segment, the top features and the per-feature table. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Segment %s: %s (%,d customers, %.1f%%)", label(), name, size, 100 * share));
    if (rfmSegment != null) {
      sb.append(String.format(Locale.ROOT, "; RFM: %s (%.0f%%)", rfmSegment.level(), 100 * rfmSegment.share()));
    }
    sb.append('\n').append("action: ").append(action).append('\n');
    if (!facts.isEmpty()) {
      sb.append(String.join(", ", facts)).append('\n');
    }
    List<String> tops = new ArrayList<>();
    for (FeatureEffect e : top) {
      tops.add(e.toString());
    }
    sb.append("top features: ").append(tops.isEmpty() ? "none significant" : String.join("; ", tops)).append('\n');
    sb.append(toTable().printAll());
    return sb.toString();
  }
}
