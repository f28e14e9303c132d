package dev.segmint;

import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.KSelection;
import dev.segmint.cluster.RowDistance;
import dev.segmint.cycle.SegmentRules;
import dev.segmint.features.ColumnRoles;
import dev.segmint.features.FeatureInputs;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.internal.MatrixValues;
import dev.segmint.kernel.Distances;
import dev.segmint.model.ModelFile;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Indices;
import dev.segmint.quality.Silhouette;
import dev.segmint.report.Report;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A fitted segmentation: the fitted feature pipeline and the cluster model, with (when fitted in this JVM) the
 * training labels, features, profiles, quality indices and a report. {@link #assign} places new customers into the
 * segments through the same pipeline:
 * <ul>
 *   <li>k-means: the nearest centroid;
 *   <li>k-prototypes: the prototype of least cost, k-medoids: the nearest medoid by Gower distance; categorical
 *       features are matched by level name, and a level not seen at fit counts as missing (counted in the
 *       assignment's data-quality report as an unseen category);
 *   <li>DBSCAN: the nearest core point within eps, else noise ({@link Dbscan.Result#predict});
 *   <li>HDBSCAN: {@link Hdbscan.Result#approximatePredict} (the {@code hdbscan} library's approximate_predict);
 *   <li>hierarchical: the nearest segment centroid (the mean of the segment's training customers in the scaled
 *       feature space). A tree has no natural rule for new points; this one agrees with the training labels for
 *       most customers of compact segments, less for single linkage's chained ones (see {@code docs/model.md}).
 * </ul>
 *
 * <p>Immutable and thread-safe: {@code assign} may be called from many threads at once. {@link #save} writes
 * versioned JSON ({@link ModelFile}); {@link #load} reads it back with the same assignments. A loaded model has
 * no training data: {@link #labels()}, {@link #features()}, {@link #profiles()}, {@link #quality()} and
 * {@link #report()} need a model fitted in this JVM.
 *
 * <p>Cost of {@code assign}: the pipeline (RFM O(transaction rows)), then O(m·k·d) for centroids, O(m·log c) for
 * DBSCAN's c core points and O(m·log n) for HDBSCAN (low d).
 */
public final class SegmentationModel {

  private final FeaturePipeline pipeline;
  private final Clustering clustering;
  private final List<String> segmentNames;
  private final List<String> segmentActions;
  private final long[] sizes;
  private final int trainingRows;
  /**
   * Given for a loaded model; for a fitted one computed from the training matrix on first use ({@link #fingerprint},
   * {@link #save}): a run that saves no model never loads the JDK's security providers for SHA-256 (tens of
   * milliseconds in a fresh JVM).
   */
  private volatile String fingerprint;
  private final String libraryVersion;
  private final Training training;
  private volatile Report report;

  /** What only a model fitted in this JVM has. */
  private record Training(FeatureMatrix matrix, int[] labels, Table customers, SegmentProfiles profiles,
      Indices quality, long seed, ColumnRoles roles) {}

  private SegmentationModel(FeaturePipeline pipeline, Clustering clustering, List<String> segmentNames,
      List<String> segmentActions, long[] sizes, int trainingRows, String fingerprint, String libraryVersion,
      Training training) {
    this.pipeline = pipeline;
    this.clustering = clustering;
    this.segmentNames = List.copyOf(segmentNames);
    this.segmentActions = List.copyOf(segmentActions);
    this.sizes = sizes.clone();
    this.trainingRows = trainingRows;
    this.fingerprint = fingerprint;
    this.libraryVersion = libraryVersion;
    this.training = training;
  }

  static SegmentationModel fit(Segmentation s, FeaturePipeline pipeline, FeaturePipeline.Result out,
      ColumnRoles roles) {
    FeatureMatrix m = out.matrix();
    ProgressListener progress = s.progress;
    progress.progress("cluster", 0, 1);
    Clustering clustering = s.clusterer.fit(m);
    int[] labels = clustering.labels();
    progress.progress("cluster", 1, 1);
    progress.progress("profiles", 0, 1);
    int threads = s.clusterer.threads() > 0 ? s.clusterer.threads() : Runtime.getRuntime().availableProcessors();
    SegmentProfiles.Options options = SegmentProfiles.Options.defaults().withThreads(threads)
        .withMeasures(s.measures);
    SegmentProfiles profiles = roles == null ? SegmentProfiles.of(out.customers(), labels, options)
        : SegmentProfiles.of(roles.forProfiles(out.customers()), labels,
            options.withColumns(roles.features().toArray(new String[0])));
    progress.progress("profiles", 1, 1);
    progress.progress("quality", 0, 1);
    int kk = clustering.k();
    long seed = s.clusterer.seed();
    int clustered = labels.length - clustering.noiseCount();
    // the silhouette (and so the indices) is defined for 2 ≤ segments ≤ clustered customers − 1
    Indices quality = kk >= 2 && kk < clustered ? indices(clustering, m, labels, seed, threads) : null;
    progress.progress("quality", 1, 1);
    List<String> names = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    long[] sizes = new long[kk];
    for (int c = 0; c < kk; c++) {
      SegmentProfile p = profiles.segment(c);
      names.add(p.name());
      actions.add(p.action().action());
      sizes[c] = p.size();
    }
    Training t = new Training(m, labels, out.customers(), profiles, quality, seed, roles);
    return new SegmentationModel(pipeline, clustering, names, actions, sizes, m.rows(), null,
        ModelFile.libraryVersion(), t);
  }

  /**
   * The quality indices of the fitted labels: silhouette exact up to 10,000 customers, else on a sample of 10,000
   * drawn with the seed. A k-means k selection ({@code --k auto}) already computed that silhouette for the chosen k
   * when its own sampling is the same (exact here too, or the same sample size and seed): it is reused (checked
   * against the labels) instead of a second O(n²·d) pass.
   */
  private static Indices indices(Clustering clustering, FeatureMatrix m, int[] labels, long seed, int threads) {
    RowDistance own = clustering.distances(m);
    if (own != null) {
      return Indices.of(labels, own, 10_000, seed, threads);
    }
    KSelection.Result selection = clustering.selection();
    if (clustering instanceof KMeans.Result && selection != null && selection.k() == clustering.k()) {
      int sample = selection.silhouetteSample();
      if (sample == 0 ? m.rows() <= 10_000 : sample == 10_000) {
        try {
          Silhouette s = selection.silhouetteAt(selection.k());
          if (s.sampleSize() == 0 || s.seed() == seed) {
            return Indices.of(m, labels, s);
          }
        } catch (IllegalStateException | IllegalArgumentException e) {
          // not kept, or not these labels' (a clusterer that hands back a clustering fitted elsewhere): compute it
        }
      }
    }
    return Indices.of(m, labels, 10_000, seed, threads);
  }

  /**
   * SHA-256 (hex) of the matrix's doubles, big-endian, row-major, then (mixed data only) its level codes as
   * big-endian shorts, row-major. O(n·(d + c)).
   */
  static String fingerprint(FeatureMatrix m) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      double[] flat = MatrixValues.shared(m);
      ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
      for (double v : flat) {
        if (!buf.hasRemaining()) {
          md.update(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putDouble(v);
      }
      for (short code : m.toCodeArray()) {
        if (buf.remaining() < 2) {
          md.update(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putShort(code);
      }
      md.update(buf.array(), 0, buf.position());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  // ------------------------------------------------------------------------------------------------ assigning

  /**
   * Places the customers of new inputs into the segments (see the class comment for each algorithm's rule). The
   * inputs are the same kind the model was fitted on (transactions for RFM, a customer table for columns).
   *
   * @throws IllegalArgumentException for missing columns, bad values or unknown categories the encoders refuse
   */
  public Assignment assign(FeatureInputs inputs) {
    FeaturePipeline.Result r = pipeline.apply(inputs);
    FeatureMatrix m = r.matrix();
    return new Assignment(m.ids(), segmentsOf(m), segmentNames, r.report());
  }

  /** {@link #assign(FeatureInputs)} for one table (transactions for an RFM-only model, else the customer table). */
  public Assignment assign(Table table) {
    Objects.requireNonNull(table, "table");
    FeatureSpec spec = pipeline.spec();
    if (spec.rfm() != null && spec.sources().size() > 1) {
      throw new IllegalArgumentException("the model reads transactions and a customer table; call "
          + "assign(FeatureInputs.of(transactions, customers))");
    }
    return assign(spec.rfm() != null ? FeatureInputs.ofTransactions(table) : FeatureInputs.ofCustomers(table));
  }

  /**
   * The same model reading its inputs through another pipeline that makes the same features, e.g. one whose input
   * column names were changed ({@link FeaturePipeline#restore} with a renamed spec and this model's fitted state).
   *
   * @throws IllegalArgumentException when the pipeline's features differ from the model's
   */
  public SegmentationModel withPipeline(FeaturePipeline other) {
    Objects.requireNonNull(other, "other");
    if (!other.featureNames().equals(pipeline.featureNames()) || !other.fitted().equals(pipeline.fitted())) {
      throw new IllegalArgumentException("the pipeline makes " + other.featureNames() + " but the model was fitted on "
          + pipeline.featureNames() + " with other fitted values; only the input column names may change");
    }
    return new SegmentationModel(other, clustering, segmentNames, segmentActions, sizes, trainingRows, fingerprint(),
        libraryVersion, training);
  }

  /**
   * The segment of each row of a matrix in this model's feature space: the clustering's {@link Clustering#predict}
   * where the algorithm defines one, else the nearest of its {@link Clustering#centroids()} (the segment means).
   */
  private int[] segmentsOf(FeatureMatrix m) {
    // the pipeline lists every feature in spec order; the matrix keeps the categorical ones (LEVELS) apart
    List<String> categorical = Arrays.asList(m.categoricalNames());
    List<String> numeric = pipeline.featureNames().stream().filter(f -> !categorical.contains(f)).toList();
    if (!Arrays.asList(m.names()).equals(numeric)
        || categorical.size() + numeric.size() != pipeline.featureNames().size()) {
      throw new IllegalArgumentException("features " + Arrays.toString(m.names()) + (categorical.isEmpty() ? ""
          : " (numeric) and " + categorical + " (categorical)") + " do not match the model's "
          + pipeline.featureNames());
    }
    if (clustering.canPredict()) {
      return clustering.predict(m);
    }
    double[][] rows = clustering.centroids();
    int k = rows.length;
    int d = m.columns();
    double[] centroids = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(rows[c], 0, centroids, c * d, d);
    }
    int n = m.rows();
    int[] idx = new int[n];
    Distances.nearestCentroids(MatrixValues.shared(m), 0, n, d, centroids, k, idx, new double[n], null);
    return idx;
  }

  // ------------------------------------------------------------------------------------------------ saving

  /**
   * Writes the model as versioned JSON (atomically: a temporary file moved into place). See {@code docs/model.md}.
   */
  public void save(Path file) throws IOException {
    ModelFile.write(file, contents());
  }

  /**
   * The JSON that {@link #save} writes, as text: for shipping the model to other machines (e.g. a Spark broadcast,
   * read back there with {@link #fromJson}). O(size of the model).
   */
  public String toJson() {
    return ModelFile.toJson(contents());
  }

  /**
   * A model from the JSON of {@link #toJson} or of a saved file, with the checks of {@link #load}.
   *
   * @throws IllegalArgumentException for an unknown format version, malformed or truncated JSON, or a missing field
   */
  public static SegmentationModel fromJson(String json) {
    return of(ModelFile.fromJson(json));
  }

  /** What {@link #save} writes. */
  ModelFile.Contents contents() {
    return new ModelFile.Contents(libraryVersion, pipeline, clustering, segmentNames, segmentActions, sizes,
        trainingRows, fingerprint());
  }

  /**
   * Reads a model written by {@link #save} (default size limit {@link ModelFile#DEFAULT_MAX_BYTES}).
   *
   * @throws IllegalArgumentException for an unknown format version, an oversized, malformed or truncated file, or
   *     a missing field, naming the field or offset
   */
  public static SegmentationModel load(Path file) throws IOException {
    return of(ModelFile.read(file));
  }

  /** A model from the contents of a model file. */
  static SegmentationModel of(ModelFile.Contents c) {
    return new SegmentationModel(c.pipeline(), c.clustering(), c.segmentNames(), c.segmentActions(),
        c.segmentSizes(), c.trainingRows(), c.trainingSha256(), c.libraryVersion(), null);
  }

  // ------------------------------------------------------------------------------------------------ accessors

  private Training training(String what) {
    if (training == null) {
      throw new IllegalStateException(what + " is only known for a model fitted in this JVM; a loaded model keeps "
          + "the pipeline, the cluster model and the segment names, not the training data (refit to see it)");
    }
    return training;
  }

  /**
   * The algorithm's name, as {@link Clustering#name()} gives it: kmeans, kprototypes, kmedoids, dbscan, hdbscan or
   * hierarchical.
   */
  public String algorithm() {
    return clustering.name();
  }

  /**
   * The fitted clustering. Fitted in this JVM: the algorithm's full result; loaded: what the model file keeps (e.g.
   * k-means centroids, DBSCAN core points), without training labels.
   */
  public Clustering clustering() {
    return clustering;
  }

  /** A readable summary of the algorithm and its settings ({@link Clustering#settings()}). */
  public String settings() {
    return clustering.settings();
  }

  /** The fitted feature pipeline. */
  public FeaturePipeline pipeline() {
    return pipeline;
  }

  /** Number of segments (noise excluded). */
  public int k() {
    return segmentNames.size();
  }

  /** The name of each segment {@code 0..k-1} (from the profiles at fit). */
  public List<String> segmentNames() {
    return segmentNames;
  }

  /**
   * The recommended action of each segment {@code 0..k-1}, as the profiles gave it at fit time (from the segment's
   * largest named RFM group, or its distinguishing features; see {@code docs/profiles.md}); {@code ""} for a
   * segment without one, and for every segment of a model file written before actions were saved.
   */
  public List<String> segmentActions() {
    return segmentActions;
  }

  /** Training customers per segment {@code 0..k-1}. A copy. */
  public long[] sizes() {
    return sizes.clone();
  }

  /** Number of training customers. */
  public int trainingRows() {
    return trainingRows;
  }

  /** SHA-256 (hex) of the training feature matrix (doubles, big-endian, row-major). */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = fingerprint(training.matrix());
      fingerprint = f;
    }
    return f;
  }

  /** The Segmint version that fitted (or saved) the model. */
  public String libraryVersion() {
    return libraryVersion;
  }

  /** Whether the training data is here (fitted in this JVM) or not (loaded). */
  public boolean hasTrainingData() {
    return training != null;
  }

  /** The training customers' segments ({@code -1} = noise), in {@link #customerIds()} order. A copy. */
  public int[] labels() {
    return training("labels()").labels().clone();
  }

  /** The training customer ids. A copy. */
  public String[] customerIds() {
    return training("customerIds()").matrix().ids();
  }

  /** The training feature matrix (scaled). */
  public FeatureMatrix features() {
    return training("features()").matrix();
  }

  /**
   * The role of every column of the customer table, as {@code Segmentation.builder().columns(..)} decided them at fit
   * (its {@code toString()} is the one line that states them), or null for a model fitted on a {@code FeatureSpec}
   * or loaded from a file.
   */
  public ColumnRoles columnRoles() {
    return training == null ? null : training.roles();
  }

  /** The joined per-customer table the features came from (raw values, one row per customer). */
  public Table customers() {
    return training("customers()").customers().copy();
  }

  /** The segment profiles of the training customers (in the raw units of {@link #customers()}). */
  public SegmentProfiles profiles() {
    return training("profiles()").profiles();
  }

  /**
   * Silhouette, Calinski–Harabasz, Davies–Bouldin and inertia; null where the silhouette is not defined: fewer than
   * 2 segments, or as many segments as clustered customers (e.g. 2 customers in 2 segments).
   */
  public Indices quality() {
    return training("quality()").quality();
  }

  /**
   * A report of the segmentation (profiles, each segment as a rule on the columns it was clustered on ({@code
   * SegmentRules}), quality, projection, k curves or k-distance where they apply).
   */
  public Report report() {
    Report r = report;
    if (r == null) {
      synchronized (this) {
        r = report;
        if (r == null) {
          r = buildReport();
          report = r;
        }
      }
    }
    return r;
  }

  private Report buildReport() {
    Training t = training("report()");
    Report.Builder b = Report.builder(t.profiles()).title("Segmint segmentation: " + settings())
        .clusteredOn(pipeline.featureNames().toArray(String[]::new))
        .summary("algorithm", settings())
        .indices(t.quality())
        .projection(t.matrix());
    if (clustering.selection() != null) {
      b.kSelection(clustering.selection());
    }
    Dbscan.KDistance kd = clustering.kDistance();
    if (kd != null) {
      b.kDistance(kd.distances(), kd.k(), kd.eps());
    }
    if (pipeline.fitReport() != null) {
      b.note(pipeline.fitReport().toString());
    }
    b.rules(SegmentRules.of(this).lines());
    return b.build();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "SegmentationModel: %s; %,d customers, %d features %s%n",
        settings(), trainingRows, pipeline.featureNames().size(), pipeline.featureNames()));
    int w = Math.max(4, segmentNames.stream().mapToInt(String::length).max().orElse(0));
    boolean actions = segmentActions.stream().anyMatch(a -> !a.isEmpty());
    sb.append(String.format(Locale.ROOT, "  %7s  %-" + w + "s  %9s  %6s%s%n", "segment", "name", "customers", "share",
        actions ? "  action" : ""));
    for (int c = 0; c < segmentNames.size(); c++) {
      sb.append(String.format(Locale.ROOT, "  %7d  %-" + w + "s  %,9d  %5.1f%%%s%n", c, segmentNames.get(c), sizes[c],
          trainingRows == 0 ? 0.0 : 100.0 * sizes[c] / trainingRows,
          actions ? "  " + segmentActions.get(c) : ""));
    }
    if (training != null && training.quality() != null) {
      sb.append("  quality: ").append(training.quality()).append('\n');
    }
    if (training == null) {
      sb.append("  loaded (library ").append(libraryVersion).append("; training data sha256 ")
          .append(fingerprint(), 0, Math.min(12, fingerprint().length())).append("…)\n");
    }
    return sb.toString();
  }
}
