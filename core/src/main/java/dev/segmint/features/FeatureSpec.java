package dev.segmint.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * What features to make and how: the sources (RFM from transactions, demographics and plain columns from a
 * customer table, engagement from an engagement or customer table), how to join them on the customer id, and
 * for each column its imputation, transforms, scaling, encoding and weight. Immutable.
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.builder()
 *     .demographics(demographics).engagement(engagement)
 *     .add(NumericFeature.of("income").withImputeMedian().withMissingIndicator().withWinsorize(0.01, 0.99))
 *     .add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD"))
 *     .add(CategoricalFeature.oneHot("marital_status").withMinCount(10))
 *     .build();
 * FeaturePipeline pipeline = spec.fit(customers);      // learns imputations, encoders, scalers, priors
 * FeatureMatrix m = pipeline.transform(newCustomers);  // the same feature space for new data
 * }</pre>
 *
 * <p>The per-column steps run on the joined per-customer table, whose id column is {@code customer_id} and whose
 * other columns are the sources' outputs ({@link RfmFeatures#COLUMNS}, the demographic and engagement outputs, and
 * the plain columns under their own names). Sources join in the order they were added: with
 * {@link CustomerJoin.Type#LEFT} (the default) every customer of the first source is kept.
 */
public final class FeatureSpec {

  /** A source's name, as reported in the join counts. */
  static final String RFM = "rfm";
  static final String DEMOGRAPHICS = "demographics";
  static final String ENGAGEMENT = "engagement";
  static final String COLUMNS = "columns";

  final RfmFeatures rfm;
  final DemographicFeatures demographics;
  final EngagementFeatures engagement;
  final String columnsId;
  final List<String> columns;
  final List<String> sourceOrder;
  final CustomerJoin.Type join;
  final List<Feature> features;
  final boolean dropZeroVariance;
  final MissingValues missing;

  private FeatureSpec(Builder b) {
    rfm = b.rfm;
    demographics = b.demographics;
    engagement = b.engagement;
    columnsId = b.columnsId;
    columns = List.copyOf(b.columns);
    sourceOrder = List.copyOf(b.sourceOrder);
    join = b.join;
    features = List.copyOf(b.features);
    dropZeroVariance = b.dropZeroVariance;
    missing = b.missing;
  }

  /** A copy with other feature definitions (one per column, as {@link FeaturePipeline} resolves them at fit). */
  private FeatureSpec(FeatureSpec s, List<Feature> features) {
    rfm = s.rfm;
    demographics = s.demographics;
    engagement = s.engagement;
    columnsId = s.columnsId;
    columns = s.columns;
    sourceOrder = s.sourceOrder;
    join = s.join;
    this.features = List.copyOf(features);
    dropZeroVariance = s.dropZeroVariance;
    missing = s.missing;
  }

  FeatureSpec withFeatures(List<Feature> resolved) {
    return new FeatureSpec(this, resolved);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The per-column feature definitions ({@link NumericFeature} or {@link CategoricalFeature}), in output order. */
  public List<Feature> features() {
    return features;
  }

  /** The join type. */
  public CustomerJoin.Type join() {
    return join;
  }

  /** The sources in join order: {@code rfm}, {@code demographics}, {@code engagement} and {@code columns}. */
  public List<String> sources() {
    return sourceOrder;
  }

  /** The RFM source, or null. */
  public RfmFeatures rfm() {
    return rfm;
  }

  /** The demographics source, or null. */
  public DemographicFeatures demographics() {
    return demographics;
  }

  /** The engagement source (unfitted), or null. */
  public EngagementFeatures engagement() {
    return engagement;
  }

  /** The id column of the plain-columns source, or null. */
  public String columnsId() {
    return columnsId;
  }

  /** The plain columns (empty: every column but the id). */
  public List<String> columns() {
    return columns;
  }

  /** Whether constant outputs are left out. */
  public boolean dropZeroVariance() {
    return dropZeroVariance;
  }

  /**
   * The missing-value policy for the features without an imputation of their own (default
   * {@link MissingValues#FAIL}).
   */
  public MissingValues missing() {
    return missing;
  }

  /** Fits on the given inputs: sources, imputations, encoders, scalers and priors. */
  public FeaturePipeline fit(FeatureInputs inputs) {
    return FeaturePipeline.fit(this, inputs);
  }

  /**
   * {@link #fit(FeatureInputs)} and the fitted pipeline's {@link FeaturePipeline#apply apply} on the same inputs,
   * with the sources (RFM aggregation, joins) computed once instead of twice; the result's
   * {@link FeaturePipeline.Result#pipeline() pipeline()} is the fitted pipeline.
   */
  public FeaturePipeline.Result fitAndApply(FeatureInputs inputs) {
    return FeaturePipeline.fitAndApply(this, inputs);
  }

  /**
   * Fits on one table: the transactions when the spec only computes RFM, otherwise the customer table.
   *
   * @throws IllegalArgumentException when the spec needs both transactions and a customer table
   */
  public FeaturePipeline fit(Table table) {
    return fit(inputsOf(table));
  }

  FeatureInputs inputsOf(Table table) {
    if (rfm != null && sourceOrder.size() > 1) {
      throw new IllegalArgumentException("this spec reads transactions (RFM) and a customer table ("
          + sourceOrder.subList(1, sourceOrder.size()) + "); pass both: FeatureInputs.of(transactions, customers)");
    }
    return rfm != null ? FeatureInputs.ofTransactions(table) : FeatureInputs.ofCustomers(table);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FeatureSpec (" + join.name().toLowerCase(java.util.Locale.ROOT) + " join of "
        + sourceOrder + (missing == MissingValues.FAIL ? "" : ", missing values: "
        + missing.name().toLowerCase(java.util.Locale.ROOT)) + ")\n");
    for (Feature f : features) {
      sb.append("  ").append(f).append('\n');
    }
    return sb.toString();
  }

  /** Collects the sources and feature definitions. */
  public static final class Builder {
    private RfmFeatures rfm;
    private DemographicFeatures demographics;
    private EngagementFeatures engagement;
    private String columnsId;
    private List<String> columns = List.of();
    private final List<String> sourceOrder = new ArrayList<>();
    private CustomerJoin.Type join = CustomerJoin.Type.LEFT;
    private final List<Feature> features = new ArrayList<>();
    private boolean dropZeroVariance;
    private MissingValues missing = MissingValues.FAIL;

    private Builder() {}

    private void source(String name) {
      if (sourceOrder.contains(name)) {
        throw new IllegalArgumentException("the " + name + " source is given twice");
      }
      sourceOrder.add(name);
    }

    /** RFM columns computed from the transactions table. */
    public Builder rfm(RfmFeatures features) {
      source(RFM);
      this.rfm = Objects.requireNonNull(features, "features");
      return this;
    }

    /** Demographic columns computed from the customer table. */
    public Builder demographics(DemographicFeatures features) {
      source(DEMOGRAPHICS);
      this.demographics = Objects.requireNonNull(features, "features");
      return this;
    }

    /** Engagement columns from the engagement table (or the customer table); its priors are fitted with the spec. */
    public Builder engagement(EngagementFeatures features) {
      source(ENGAGEMENT);
      this.engagement = Objects.requireNonNull(features, "features");
      return this;
    }

    /**
     * Plain columns of the customer table, used as they are (one row per customer; rows without an id are dropped
     * and counted). With no column names, every column but the id.
     */
    public Builder columns(String idColumn, String... columnNames) {
      source(COLUMNS);
      this.columnsId = Objects.requireNonNull(idColumn, "idColumn");
      this.columns = List.of(columnNames);
      return this;
    }

    /** The join of the sources (default {@link CustomerJoin.Type#LEFT}: every customer of the first source). */
    public Builder join(CustomerJoin.Type type) {
      this.join = Objects.requireNonNull(type, "type");
      return this;
    }

    /** A feature: a {@link NumericFeature} or a {@link CategoricalFeature}. */
    public Builder add(Feature feature) {
      features.add(Objects.requireNonNull(feature, "feature"));
      return this;
    }

    /** Several numeric columns with the same settings as {@code template} (its column name is ignored). */
    public Builder numeric(NumericFeature template, String... columnNames) {
      for (String c : columnNames) {
        add(new NumericFeature(c, template.imputation(), template.constant(), template.missingIndicator(),
            template.log1p(), template.winsorLow(), template.winsorHigh(), template.scale(), template.weight()));
      }
      return this;
    }

    /** Leave out output columns that were constant at fit (they are always reported). Default: keep them. */
    public Builder dropZeroVariance(boolean drop) {
      this.dropZeroVariance = drop;
      return this;
    }

    /**
     * What to do with missing values in the features that have no imputation of their own ({@link Imputation#NONE}):
     * impute them (median or most frequent level, with a missing indicator above 5 %), leave those customers out,
     * or refuse them (the default). See {@link MissingValues}.
     */
    public Builder missing(MissingValues policy) {
      this.missing = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Checks the choices and builds. */
    public FeatureSpec build() {
      if (sourceOrder.isEmpty()) {
        throw new IllegalArgumentException("a feature spec needs at least one source: rfm, demographics, engagement or columns");
      }
      if (features.isEmpty()) {
        throw new IllegalArgumentException("a feature spec needs at least one feature: add(NumericFeature.of(\"monetary\")) "
            + "or add(CategoricalFeature.oneHot(\"country\"))");
      }
      Set<String> seen = new HashSet<>();
      for (Feature f : features) {
        String c = f.column();
        if (!seen.add(c)) {
          throw new IllegalArgumentException("column '" + c + "' is configured twice; give each column one feature definition");
        }
      }
      return new FeatureSpec(this);
    }
  }

}
