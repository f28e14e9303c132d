package dev.segmint;

import dev.segmint.cluster.Clusterer;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.ColumnRoles;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.MissingValues;
import dev.segmint.features.Scaler;
import dev.segmint.internal.Threads;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Indices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The whole job in one call: features (a {@link FeatureSpec}, or plain numeric columns), a clustering algorithm,
 * seed and threads, then {@link #fit} → a {@link SegmentationModel} with labels, profiles, quality, a report, and
 * {@code assign} for new customers. Reuses {@link FeatureSpec#fit}, {@link KMeans}, {@link KSelection},
 * {@link Dbscan}, {@link Hdbscan}, {@link Hierarchical}, {@link SegmentProfiles} and {@link Indices}. Immutable.
 *
 * <pre>{@code
 * SegmentationModel model = Segmentation.builder()
 *     .features(FeatureSpec.builder().rfm(rfm)
 *         .numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary").build())
 *     .kmeans(5).seed(42)
 *     .build()
 *     .fit(transactions);
 * }</pre>
 *
 * <p>With {@link Builder#columns}, the columns of a customer table are chosen by {@link ColumnRoles} (the rules of
 * {@code segmint cluster}: numeric columns scaled, text and boolean columns one-hot encoded (kept as categories for
 * the mixed-data algorithms, {@link Clusterer#takesCategories()}), labels and dates left out, every choice stated in
 * {@link SegmentationModel#columnRoles()}) and missing values follow one
 * {@link MissingValues} policy (default {@link MissingValues#IMPUTE}).
 *
 * <p>Cost: that of the feature pipeline (one pass over the inputs: it fits and keeps the per-customer table),
 * the algorithm, the profiles (O(n·features) plus the tests) and the quality indices (silhouette on up to 10,000
 * customers: O(min(n, 10⁴)²·d)).
 */
public final class Segmentation {

  final FeatureSpec spec;
  final Clusterer clusterer;
  final ProgressListener progress;
  /** What columns measure for the profiles' action rules ({@link Builder#measures}); empty by default. */
  final Map<String, String> measures;
  /** The column choice of {@link Builder#columns} (decided on the table at fit), or null with a spec. */
  private final String rolesId;
  private final List<String> rolesFeatures;
  private final List<String> rolesCategorical;
  private final List<String> rolesExclude;
  private final MissingValues missing;

  private Segmentation(Builder b) {
    spec = b.spec;
    clusterer = b.clusterer;
    progress = b.progress;
    rolesId = b.rolesId;
    rolesFeatures = b.rolesFeatures == null ? null : List.copyOf(b.rolesFeatures);
    rolesCategorical = List.copyOf(b.rolesCategorical);
    rolesExclude = List.copyOf(b.rolesExclude);
    missing = b.missing == null ? MissingValues.IMPUTE : b.missing;
    measures = Collections.unmodifiableMap(new LinkedHashMap<>(b.measures));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fits on one table: the transactions when the features are RFM only, otherwise the customer table.
   *
   * @throws IllegalArgumentException for bad input (missing columns, too few customers, …), naming what to fix
   */
  public SegmentationModel fit(Table table) {
    Objects.requireNonNull(table, "table");
    if (spec == null) {
      return fit(FeatureInputs.ofCustomers(table));
    }
    if (spec.rfm() != null && spec.sources().size() > 1) {
      throw new IllegalArgumentException("the features read transactions and a customer table; call "
          + "fit(FeatureInputs.of(transactions, customers))");
    }
    return fit(spec.rfm() != null ? FeatureInputs.ofTransactions(table) : FeatureInputs.ofCustomers(table));
  }

  /** Fits on the given input tables. */
  public SegmentationModel fit(FeatureInputs inputs) {
    Objects.requireNonNull(inputs, "inputs");
    progress.progress("features", 0, 1);
    ColumnRoles roles = null;
    FeatureSpec s = spec;
    FeatureInputs in = inputs;
    if (s == null) {
      if (inputs.customers() == null) {
        throw new IllegalArgumentException("columns(..) reads a customer table; call fit(customers) or "
            + "fit(FeatureInputs.ofCustomers(customers))");
      }
      roles = ColumnRoles.builder().id(rolesId).features(rolesFeatures).categorical(rolesCategorical)
          .exclude(rolesExclude).decide(inputs.customers());
      s = roles.spec(Scaler.Kind.STANDARD, List.of(), missing, clusterer.takesCategories());
      in = FeatureInputs.ofCustomers(roles.withIds(inputs.customers()));
    }
    FeaturePipeline.Result fitted = s.fitAndApply(in);
    progress.progress("features", 1, 1);
    return SegmentationModel.fit(this, fitted.pipeline(), fitted, roles);
  }

  /**
   * The features given with {@link Builder#features}, or null when they are chosen from the table's columns at fit
   * ({@link Builder#columns}; the fitted model's {@link SegmentationModel#pipeline()} then holds them).
   */
  public FeatureSpec features() {
    return spec;
  }

  /** The clustering algorithm with its settings (seed and threads included). */
  public Clusterer clusterer() {
    return clusterer;
  }

  @Override
  public String toString() {
    return "Segmentation: " + clusterer.name() + " (" + clusterer + "), seed " + clusterer.seed() + "\n" + (spec != null
        ? spec : "columns of the customer table by their roles (id " + (rolesId == null ? "none: row numbers" : rolesId)
        + (rolesFeatures == null ? "" : ", features " + rolesFeatures) + (rolesCategorical.isEmpty() ? ""
        : ", categorical " + rolesCategorical) + (rolesExclude.isEmpty() ? "" : ", excluded " + rolesExclude)
        + ", missing values: " + missing.name().toLowerCase(java.util.Locale.ROOT) + ")\n")
        + (measures.isEmpty() ? "" : "measures for the actions: " + measures + "\n");
  }

  /** Collects the features, the clustering algorithm (with its seed and threads) and a progress listener. */
  public static final class Builder {
    private FeatureSpec spec;
    private Clusterer clusterer;
    private Long seed;
    private Integer threads;
    private ProgressListener progress = ProgressListener.NONE;
    private boolean byRoles;
    private String rolesId;
    private List<String> rolesFeatures;
    private final List<String> rolesCategorical = new ArrayList<>();
    private final List<String> rolesExclude = new ArrayList<>();
    private MissingValues missing;
    private final Map<String, String> measures = new LinkedHashMap<>();

    private Builder() {}

    /** The features to cluster on (missing values as the spec says: {@link FeatureSpec.Builder#missing}). */
    public Builder features(FeatureSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      this.byRoles = false;
      return this;
    }

    /**
     * Columns of a customer table, chosen by their {@link ColumnRoles roles} when the table is fitted: numeric
     * columns standard-scaled, text and boolean columns (and those named in {@link #categorical}) one-hot encoded
     * (kept as categories for k-prototypes and k-medoids);
     * the {@code segmint rfm} label columns and dates left out; missing values by {@link #missing} (default impute).
     * With no column names, every column that the roles make a feature; with names, exactly those.
     *
     * @param idColumn the customer id column, or null to number the customers {@code row_1 … row_n}
     */
    public Builder columns(String idColumn, String... columns) {
      this.byRoles = true;
      this.spec = null;
      this.rolesId = idColumn;
      this.rolesFeatures = columns == null || columns.length == 0 ? null : List.of(columns);
      return this;
    }

    /** With {@link #columns}: columns read as categories whatever their type (e.g. a numeric region code). */
    public Builder categorical(String... columns) {
      rolesCategorical.addAll(List.of(columns));
      return this;
    }

    /** With {@link #columns}: columns left out of the default selection. */
    public Builder exclude(String... columns) {
      rolesExclude.addAll(List.of(columns));
      return this;
    }

    /**
     * With {@link #columns}: what to do with missing values (default {@link MissingValues#IMPUTE}: median or most
     * frequent level, with a {@code <column>_missing} indicator for a column with more than 5 % missing).
     */
    public Builder missing(MissingValues policy) {
      this.missing = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The clustering algorithm with its settings: any {@link Clusterer} ({@code KMeans.Options.of(5)},
     * {@code Dbscan.Options.autoEps(8)}, {@code KSelection.Options.range(2, 10)}, …); hierarchical options with a k.
     */
    public Builder clusterer(Clusterer clusterer) {
      Objects.requireNonNull(clusterer, "clusterer");
      if (this.clusterer != null) {
        throw new IllegalArgumentException("the algorithm is already " + this.clusterer.name() + "; choose one");
      }
      this.clusterer = clusterer;
      return this;
    }

    /** k-means with k segments (k-means++ seeding, 4 restarts). */
    public Builder kmeans(int k) {
      return kmeans(KMeans.Options.of(k).withNInit(4));
    }

    /** k-means with the given options. */
    public Builder kmeans(KMeans.Options options) {
      return clusterer(options);
    }

    /**
     * k-means with k chosen by the contract's rule ({@link KSelection.Options#defaults()}): k in 3..10, eligible when
     * every segment holds at least 2 % of the customers and 2 customers, the largest silhouette among the eligible k;
     * 4 restarts per k. The fit's {@link dev.segmint.cluster.Clustering#selection()} holds the table and the reason.
     */
    public Builder kmeansAuto() {
      return kmeansAuto(3, 10);
    }

    /** {@link #kmeansAuto()} with k chosen in {@code kMin..kMax} (kMin ≥ 2), 4 restarts per k. */
    public Builder kmeansAuto(int kMin, int kMax) {
      return kmeansAuto(kMin, kMax, KMeans.Options.of(kMin).withNInit(4));
    }

    /**
     * k-means with k chosen in {@code kMin..kMax} by the contract's rule ({@link KSelection}), each k fitted with
     * {@code options} (its restarts, iterations, tolerance and seed; its k is ignored). Cost: the fits of every k
     * plus a silhouette each. At fit, kMax is lowered to n/2 and to the number of distinct customers (the selection's
     * notes say so).
     */
    public Builder kmeansAuto(int kMin, int kMax, KMeans.Options options) {
      return clusterer(KSelection.Options.range(kMin, kMax).withKMeans(Objects.requireNonNull(options, "options"))
          .withGapReferences(0));
    }

    /**
     * Hierarchical clustering cut at the k chosen in 3..10 by {@link KSelection.HierarchicalOptions}: the same
     * eligibility as {@link #kmeansAuto()}, then the largest relative gap between consecutive merge heights.
     */
    public Builder hierarchicalAuto(Linkage linkage) {
      return clusterer(KSelection.HierarchicalOptions.of(linkage));
    }

    /** DBSCAN with the given options (noise is segment -1). */
    public Builder dbscan(Dbscan.Options options) {
      return clusterer(options);
    }

    /** HDBSCAN with the given options (noise is segment -1). A saved model holds the training points. */
    public Builder hdbscan(Hdbscan.Options options) {
      return clusterer(options);
    }

    /** Hierarchical clustering with the given linkage, cut into k segments. */
    public Builder hierarchical(Linkage linkage, int k) {
      if (k < 1) {
        throw new IllegalArgumentException("hierarchical clustering needs k ≥ 1 segments to cut the tree into, got " + k);
      }
      return hierarchical(Hierarchical.Options.of(linkage, k));
    }

    /** Hierarchical clustering with the given options, whose k must be set. */
    public Builder hierarchical(Hierarchical.Options options) {
      Objects.requireNonNull(options, "options");
      if (options.k() < 1) {
        throw new IllegalArgumentException("hierarchical options need k ≥ 1 (withK(k)) for a segmentation");
      }
      return clusterer(options);
    }

    /**
     * The seed for every random step: applied once to the clusterer at {@link #build()} ({@link Clusterer#withSeed}),
     * replacing its own. Same seed → same result for any thread count.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Worker threads, applied once to the clusterer at {@link #build()} ({@link Clusterer#withThreads}) and used by
     * the profiles and quality indices: 0 for all processors (the default), n ≥ 1 for at most n. Results do not
     * depend on it.
     */
    public Builder threads(int threads) {
      this.threads = Threads.check(threads);
      return this;
    }

    /**
     * What feature columns measure, for the segments' actions, where their names do not say it in English (e.g.
     * {@code Map.of("Monatsbeitrag", "spend", "Besuche_Monat", "frequency")}; {@code "none"} keeps a column out of the
     * rules): see {@link SegmentProfiles.Options#withMeasures}. Each named column must be a numeric feature;
     * checked at fit.
     *
     * @throws IllegalArgumentException for a measure not in {@link SegmentProfiles.Options#MEASURES} or "none"
     */
    public Builder measures(Map<String, String> measures) {
      SegmentProfiles.Options.defaults().withMeasures(measures);   // checks the words now
      this.measures.putAll(measures);
      return this;
    }

    /** Hears the phases of {@link Segmentation#fit}. Default {@link ProgressListener#NONE}. */
    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Checks that features and an algorithm were chosen, and applies seed and threads to the clusterer. */
    public Segmentation build() {
      if (spec == null && !byRoles) {
        throw new IllegalArgumentException("choose the features: features(FeatureSpec) or columns(id, names...)");
      }
      if (!byRoles && (missing != null || !rolesCategorical.isEmpty() || !rolesExclude.isEmpty())) {
        throw new IllegalArgumentException("missing(..), categorical(..) and exclude(..) go with columns(..); with "
            + "features(FeatureSpec) set them on the spec (FeatureSpec.builder().missing(..), CategoricalFeature)");
      }
      if (clusterer == null) {
        throw new IllegalArgumentException("choose an algorithm: clusterer(..), kmeans(k), kmeansAuto(), "
            + "dbscan(..), hdbscan(..), hierarchical(linkage, k) or hierarchicalAuto(linkage)");
      }
      clusterer = seed == null ? clusterer : clusterer.withSeed(seed);
      clusterer = threads == null ? clusterer : clusterer.withThreads(threads);
      return new Segmentation(this);
    }
  }
}
