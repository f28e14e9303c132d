package dev.segmint.model;

import dev.segmint.cluster.Clustering;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.CategoryEncoder;
import dev.segmint.features.CustomerJoin;
import dev.segmint.features.DemographicFeatures;
import dev.segmint.features.EngagementFeatures;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeaturePipeline.FittedCategorical;
import dev.segmint.features.FeaturePipeline.FittedFeature;
import dev.segmint.features.FeaturePipeline.FittedNumeric;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.FrequencyEncoder;
import dev.segmint.features.Imputation;
import dev.segmint.features.LevelEncoder;
import dev.segmint.features.MissingValues;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.OneHotEncoder;
import dev.segmint.features.OrdinalEncoder;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.features.SettingException;
import dev.segmint.features.UnknownCategory;
import dev.segmint.internal.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The versioned JSON file of a fitted segmentation model (see {@code docs/model.md} for every field): format and
 * library version, the full feature pipeline state (sources with their column names and formats, the fitted
 * imputation values, encoders, winsorizing bounds, centers and scales), the cluster model, the segment names and
 * sizes, and a fingerprint of the training data. No Java serialization: the file is plain data.
 *
 * <p>{@link #write} writes to a temporary file beside the target and moves it into place, so a crash never leaves
 * a half-written model. {@link #read} rejects files over a size limit (default {@value #DEFAULT_MAX_BYTES} bytes),
 * text that is not UTF-8, malformed or truncated JSON (naming the offset), nesting deeper than 64, unknown format
 * versions, missing or mistyped fields (naming the field), members the format does not have, and any change made
 * after saving (the {@code checksum} member). Time and memory O(file size).
 *
 * <p>Every feature source (RFM, demographics, engagement with its fitted priors, plain columns) and every cluster
 * model (k-means, hierarchical, DBSCAN, HDBSCAN, which stores its training points: O(n·d) in the file) is written.
 */
public final class ModelFile {

  /** The format written by this version; {@link #read} accepts only this one. */
  public static final int FORMAT_VERSION = 1;
  /** The {@code format} member that marks a Segmint model. */
  public static final String FORMAT = "segmint-model";
  /** The default size limit of {@link #read(Path)}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;
  static final int MAX_DEPTH = 64;

  private ModelFile() {}

  /**
   * Everything a model file holds.
   *
   * @param libraryVersion the Segmint version that wrote it
   * @param pipeline the fitted feature pipeline
   * @param clustering the fitted clustering (written and read by its codec in {@link ClusteringCodecs})
   * @param segmentNames the name of each segment {@code 0..k-1}
   * @param segmentActions the recommended action of each segment {@code 0..k-1} ({@code ""} where there is none;
   *     written as the segment's {@code action} field only when not empty, so files without actions read as before)
   * @param segmentSizes the training customers of each segment {@code 0..k-1}
   * @param trainingRows the number of training customers (rows of the feature matrix)
   * @param trainingSha256 SHA-256 (hex) of the training feature matrix: its rows' doubles, big-endian, row-major
   */
  public record Contents(String libraryVersion, FeaturePipeline pipeline, Clustering clustering,
      List<String> segmentNames, List<String> segmentActions, long[] segmentSizes, int trainingRows,
      String trainingSha256) {
    public Contents {
      Objects.requireNonNull(pipeline, "pipeline");
      Objects.requireNonNull(clustering, "clustering");
      segmentNames = List.copyOf(segmentNames);
      segmentActions = List.copyOf(segmentActions);
      if (segmentActions.size() != segmentNames.size()) {
        throw new IllegalArgumentException(segmentNames.size() + " segment names but " + segmentActions.size()
            + " actions; give one action per segment (\"\" for none)");
      }
      segmentSizes = segmentSizes.clone();
    }

    @Override
    public long[] segmentSizes() {
      return segmentSizes.clone();
    }
  }

  /** The version of this library (from the build), or {@code "development"} when it is not known. */
  public static String libraryVersion() {
    try (InputStream in = ModelFile.class.getResourceAsStream("/dev/segmint/segmint-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) {
          return v.strip();
        }
      }
    } catch (IOException e) {
      // fall through: the version is informative only
    }
    return "development";
  }

  // ------------------------------------------------------------------------------------------------ writing

  /**
   * Writes the model as JSON: to a temporary file in the target's folder, then moved over the target (atomically
   * where the file system allows); the folder must exist, and a symbolic link, folder, device or pipe at the path is refused with an
   * {@code IllegalArgumentException} (see {@code docs/reliability.md}).
   */
  public static void write(Path file, Contents c) throws IOException {
    AtomicFiles.writeString(file, toJson(c));
  }

  /**
   * The JSON text {@link #write} writes: the model, then {@code checksum}, the SHA-256 of the same text without
   * that member, with which {@link #read} detects any change to the content after it was saved.
   */
  public static String toJson(Contents c) {
    return render(c, sha256(render(c, null)));
  }

  /** SHA-256 (hex) of the UTF-8 bytes of {@code text}. */
  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static String render(Contents c, String checksum) {
    Json j = new Json().pretty().beginObject();
    j.field("format", FORMAT).field("formatVersion", FORMAT_VERSION).field("libraryVersion", c.libraryVersion());
    j.name("training").beginObject().field("rows", c.trainingRows()).field("sha256", c.trainingSha256()).endObject();
    j.name("features");
    writeFeatures(j, c.pipeline());
    j.name("cluster");
    writeCluster(j, c.clustering());
    j.name("segments").beginArray();
    for (int s = 0; s < c.segmentNames().size(); s++) {
      j.beginObject().field("segment", s).field("name", c.segmentNames().get(s));
      if (!c.segmentActions().get(s).isEmpty()) {
        j.field("action", c.segmentActions().get(s));
      }
      j.field("size", c.segmentSizes()[s]).endObject();
    }
    j.endArray();
    if (checksum != null) {
      j.field("checksum", checksum);
    }
    return j.endObject().toString() + "\n";
  }

  static void num(Json j, String name, double v) {
    j.name(name);
    num(j, v);
  }

  private static void num(Json j, double v) {
    if (Double.isNaN(v)) {
      j.value("NaN");
    } else if (Double.isInfinite(v)) {
      j.value(v > 0 ? "Infinity" : "-Infinity");
    } else {
      j.value(v);
    }
  }

  private static void strings(Json j, String name, List<String> values) {
    j.name(name).beginArray();
    for (String v : values) {
      j.value(v);
    }
    j.endArray();
  }

  private static void writeFeatures(Json j, FeaturePipeline p) {
    FeatureSpec spec = p.spec();
    j.beginObject();
    strings(j, "sources", spec.sources());
    j.field("join", spec.join().name()).field("dropZeroVariance", spec.dropZeroVariance());
    if (spec.missing() == MissingValues.DROP) {
      // only then: IMPUTE is resolved into each feature's imputation at fit, and FAIL is the default (older files)
      j.field("missing", spec.missing().name());
    }
    if (spec.rfm() != null) {
      RfmFeatures r = spec.rfm();
      j.name("rfm").beginObject().field("customer", r.customer()).field("timestamp", r.timestamp())
          .field("timestampFormat", r.timestampFormat()).field("order", r.order()).field("amount", r.amount())
          .field("quantity", r.quantity()).field("price", r.price())
          .field("asOf", r.asOf() == null ? null : r.asOf().toString()).field("returns", r.returns().name())
          .field("meanDaysBetweenPurchases", r.meanDaysBetweenPurchases());
      j.name("purchasesInLastDays").array(r.purchasesInLastDays());
      j.endObject();
    }
    if (spec.demographics() != null) {
      writeDemographics(j, spec.demographics());
    }
    if (p.engagement() != null) {
      writeEngagement(j, p.engagement());
    }
    if (spec.columnsId() != null) {
      j.name("columns").beginObject().field("id", spec.columnsId());
      strings(j, "names", spec.columns());
      j.endObject();
    }
    j.name("fitted").beginArray();
    for (FittedFeature o : p.fitted()) {
      j.beginObject();
      if (o instanceof FittedNumeric f) {
        NumericFeature s = f.spec();
        j.field("kind", "numeric").field("column", s.column()).field("imputation", s.imputation().name());
        num(j, "constant", s.constant());
        j.field("missingIndicator", s.missingIndicator()).field("log1p", s.log1p());
        num(j, "winsorLow", s.winsorLow());
        num(j, "winsorHigh", s.winsorHigh());
        j.field("scale", s.scale().name());
        num(j, "weight", s.weight());
        num(j, "fill", f.fill());
        j.field("missingAtFit", f.missingAtFit());
        num(j, "lower", f.lower());
        num(j, "upper", f.upper());
        num(j, "center", f.center());
        num(j, "scaleValue", f.scale());
        j.field("zeroVariance", f.zeroVariance()).field("indicatorZeroVariance", f.indicatorZeroVariance());
      } else {
        FittedCategorical f = (FittedCategorical) o;
        CategoricalFeature s = f.spec();
        j.field("kind", "categorical").field("column", s.column()).field("encoding", s.encoding().name())
            .field("maxLevels", s.maxLevels()).field("minCount", s.minCount());
        strings(j, "order", s.order());
        j.field("unknown", s.unknown().name()).field("imputation", s.imputation().name())
            .field("constant", s.constant()).field("missingIndicator", s.missingIndicator())
            .field("scale", s.scale().name());
        num(j, "weight", s.weight());
        j.field("fill", f.fill()).field("missingAtFit", f.missingAtFit());
        j.name("encoder").beginObject();
        if (f.encoder() instanceof OneHotEncoder e) {
          j.field("type", "oneHot");
          strings(j, "levels", e.levels());
          strings(j, "folded", e.foldedLevels());
        } else if (f.encoder() instanceof LevelEncoder e) {
          j.field("type", "levels");
          strings(j, "levels", e.levels());
        } else if (f.encoder() instanceof OrdinalEncoder e) {
          j.field("type", "ordinal");
          strings(j, "order", e.order());
          j.field("mode", e.mode());
        } else {
          FrequencyEncoder e = (FrequencyEncoder) f.encoder();
          j.field("type", "frequency");
          j.name("shares").beginObject();
          e.shares().forEach((k, v) -> num(j, k, v));
          j.endObject();
        }
        j.endObject();
        strings(j, "outputs", f.outputs());
        j.name("centers").beginArray();
        f.centers().forEach(v -> num(j, v));
        j.endArray();
        j.name("scales").beginArray();
        f.scales().forEach(v -> num(j, v));
        j.endArray();
        j.name("zeroVariance").beginArray();
        f.zeroVariance().forEach(j::value);
        j.endArray();
      }
      j.endObject();
    }
    j.endArray();
    strings(j, "featureNames", p.featureNames());
    j.endObject();
  }

  private static void writeDemographics(Json j, DemographicFeatures d) {
    j.name("demographics").beginObject().field("customer", d.customer()).field("age", d.age())
        .field("birthYear", d.birthYear()).field("asOf", d.asOf() == null ? null : d.asOf().toString());
    j.name("plausibleAge");
    numbers(j, d.plausibleAge());
    j.name("ageBands").array(d.ageBands());
    j.field("income", d.income()).field("householdSize", d.householdSize()).field("partnerColumn", d.partnerColumn());
    strings(j, "partneredValues", d.partneredValues());
    strings(j, "childColumns", d.childColumns());
    j.name("categorical").beginObject();
    d.categorical().forEach(j::field);
    j.endObject().endObject();
  }

  private static void writeEngagement(Json j, EngagementFeatures e) {
    j.name("engagement").beginObject().field("customer", e.customer()).field("sends", e.emails().get(0))
        .field("opens", e.emails().get(1)).field("clicks", e.emails().get(2))
        .field("webVisitsPerMonth", e.webVisitsPerMonth()).field("daysSinceLastActivity", e.daysSinceLastActivity())
        .field("lastActivity", e.lastActivity().get(0)).field("lastActivityFormat", e.lastActivity().get(1));
    strings(j, "campaigns", e.campaigns());
    j.name("channels").beginObject();
    e.channels().forEach(j::field);
    j.endObject();
    j.field("eventType", e.events().get(0)).field("eventTime", e.events().get(1))
        .field("eventTimeFormat", e.events().get(2));
    strings(j, "eventNames", e.eventNames());
    j.field("asOf", e.asOf() == null ? null : e.asOf().toString());
    num(j, "priorStrength", e.priorStrength());
    j.name("priors").beginObject();
    e.priors().forEach((k, v) -> num(j, k, v));
    j.endObject().endObject();
  }

  static void numbers(Json j, double[] values) {
    j.beginArray();
    for (double v : values) {
      num(j, v);
    }
    j.endArray();
  }

  static void matrix(Json j, String name, double[][] rows) {
    j.name(name).beginArray();
    for (double[] r : rows) {
      numbers(j, r);
    }
    j.endArray();
  }

  /** The {@code cluster} member: the algorithm's name, then what its codec ({@link ClusteringCodecs}) writes. */
  @SuppressWarnings("unchecked")
  private static void writeCluster(Json j, Clustering clustering) {
    ClusteringCodecs.Codec<Object> codec = (ClusteringCodecs.Codec<Object>) ClusteringCodecs.of(clustering.name());
    if (codec == null) {
      throw new IllegalArgumentException("a model file cannot hold a " + clustering.name() + " clustering; this "
          + "version writes " + ClusteringCodecs.names() + " models");
    }
    j.beginObject().field("algorithm", clustering.name());
    codec.write(j, clustering);
    j.endObject();
  }

  // ------------------------------------------------------------------------------------------------ reading

  /** {@link #read(Path, long)} with the default size limit. */
  public static Contents read(Path file) throws IOException {
    return read(file, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads a model file.
   *
   * @param maxBytes files larger than this are refused before they are read
   * @throws IllegalArgumentException for a file that is too large, not UTF-8, malformed or truncated JSON, of an
   *     unknown format version, or with a missing or mistyped field (the message names the offset or field)
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  public static Contents read(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      // the command line has no flag for the limit: only Java callers are told how to raise it
      throw new SettingException(w -> "model file " + file + " is " + size + " bytes, over the limit of " + maxBytes
          + " bytes; is it really a Segmint model?" + (w == SettingException.Words.JAVA
          ? " (a larger limit: ModelFile.read(path, maxBytes))" : ""));
    }
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads a model from the bytes of a model file (e.g. a classpath resource), with the checks of
   * {@link #read(Path, long)} but the size limit; {@code source} names it in the messages.
   *
   * @throws IllegalArgumentException as {@link #read(Path, long)}, the message starting {@code model file <source>}
   */
  public static Contents read(byte[] bytes, String source) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("model file " + source + " is not UTF-8 text; is it really a Segmint model?");
    }
    try {
      return fromJson(text);
    } catch (IllegalArgumentException e) {
      throw SettingException.prefixed("model file " + source + ": ", e);
    }
  }

  /** Parses the JSON text of a model (see {@link #read(Path, long)} for the errors). */
  public static Contents fromJson(String text) {
    Object parsed = JsonReader.parse(text, MAX_DEPTH);
    Node root = new Node(parsed, "");
    if (!(parsed instanceof Map<?, ?>) || !root.has("format") || !FORMAT.equals(root.get("format").stringOrNull())) {
      throw new IllegalArgumentException("not a Segmint model: the top-level object needs \"format\": \"" + FORMAT + "\"");
    }
    long version = root.get("formatVersion").integer();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("model format version " + version + " is not supported (this library, "
          + libraryVersion() + ", reads version " + FORMAT_VERSION + "); refit the model or use the library version "
          + "that wrote it (" + (root.has("libraryVersion") ? root.get("libraryVersion").stringOrNull() : "unknown")
          + ")");
    }
    String libraryVersion = root.get("libraryVersion").string();
    Node training = root.get("training");
    int rows = training.get("rows").intValue();
    if (rows < 1) {
      throw new IllegalArgumentException("model field 'training.rows' must be at least 1 (a fit has customers), not "
          + rows);
    }
    String sha = training.get("sha256").string();
    if (!sha.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("model field 'training.sha256' must be 64 lower-case hexadecimal digits (a "
          + "SHA-256), not \"" + (sha.length() > 70 ? sha.substring(0, 70) + "…" : sha) + "\"");
    }
    FeaturePipeline pipeline = readFeatures(root.get("features"), rows);
    Node clusterNode = root.get("cluster");
    String algorithm = clusterNode.get("algorithm").string();
    @SuppressWarnings("unchecked")
    ClusteringCodecs.Codec<Object> codec = (ClusteringCodecs.Codec<Object>) ClusteringCodecs.of(algorithm);
    if (codec == null) {
      throw new IllegalArgumentException("model field 'cluster.algorithm' is \"" + algorithm
          + "\"; this version reads " + ClusteringCodecs.names() + " models");
    }
    Object parsedCluster = codec.parse(clusterNode, pipeline.featureNames(), rows);
    List<String> names = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    List<Node> segs = root.get("segments").list();
    long[] sizes = new long[segs.size()];
    long total = 0;
    for (int s = 0; s < segs.size(); s++) {
      Node n = segs.get(s);
      if (n.get("segment").intValue() != s) {
        throw new IllegalArgumentException("model field '" + n.path() + ".segment' must be " + s
            + " (segments are listed in order 0..k-1)");
      }
      names.add(n.get("name").string());
      actions.add(n.has("action") ? n.get("action").string() : "");
      sizes[s] = n.get("size").integer();
      if (sizes[s] < 1 || sizes[s] > rows) {
        throw new IllegalArgumentException("model field '" + n.path() + ".size' must be between 1 and the " + rows
            + " training customers, not " + sizes[s]);
      }
      total += sizes[s];
    }
    boolean everyCustomer = codec.placesEveryCustomer();   // k-means and hierarchical leave no noise
    if (everyCustomer ? total != rows : total > rows) {
      throw new IllegalArgumentException("model field 'segments' has sizes that add up to " + total + " customers, "
          + (everyCustomer ? "not" : "more than") + " the " + rows + " training customers"
          + (everyCustomer ? " (this algorithm places every one)" : ""));
    }
    Clustering clustering = codec.build(parsedCluster, pipeline.featureNames(), sizes);
    if (clustering.k() != names.size()) {
      throw ClusteringCodecs.segmentCount(names.size(), clustering.k());
    }
    Contents contents = new Contents(libraryVersion, pipeline, clustering, names, actions, sizes, rows, sha);
    String checksum = root.get("checksum").string();
    String canonical = render(contents, null);
    // what was read must be all there is: no member this version ignores, no value written another way
    String difference = difference(parsed, JsonReader.parse(canonical, MAX_DEPTH), "");
    if (difference != null) {
      throw new IllegalArgumentException(difference + "; the file was edited or damaged after it was saved (save the "
          + "model again)");
    }
    String expected = sha256(canonical);
    if (!checksum.equals(expected)) {
      throw new IllegalArgumentException("model field 'checksum' does not match the content (" + expected + "): the "
          + "file was edited or damaged after it was saved; save the model again (hand edits are refused)");
    }
    return contents;
  }

  /**
   * The first difference between the parsed file and the canonical tree of what was read from it, in words, or
   * null when they agree (the root's {@code checksum} aside).
   */
  private static String difference(Object file, Object canonical, String path) {
    if (file instanceof Map<?, ?> fm && canonical instanceof Map<?, ?> cm) {
      for (Object key : fm.keySet()) {
        String p = path.isEmpty() ? (String) key : path + "." + key;
        if (!cm.containsKey(key)) {
          if (path.isEmpty() && key.equals("checksum")) {
            continue;
          }
          return "model field '" + p + "' is not part of a format version " + FORMAT_VERSION + " model";
        }
        String d = difference(fm.get(key), cm.get(key), p);
        if (d != null) {
          return d;
        }
      }
      for (Object key : cm.keySet()) {
        if (!fm.containsKey(key)) {
          return "model field '" + (path.isEmpty() ? "" : path + ".") + key + "' is missing";
        }
      }
      return null;
    }
    if (file instanceof List<?> fl && canonical instanceof List<?> cl) {
      if (fl.size() != cl.size()) {
        return "model field '" + path + "' has " + fl.size() + " elements where the model has " + cl.size();
      }
      for (int i = 0; i < fl.size(); i++) {
        String d = difference(fl.get(i), cl.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (Objects.equals(file, canonical)) {
      return null;
    }
    String got = String.valueOf(file);
    return "model field '" + path + "' is " + (got.length() > 40 ? got.substring(0, 40) + "…" : got)
        + " where the model it describes has " + canonical;
  }

  private static FeaturePipeline readFeatures(Node f, int trainingRows) {
    FeatureSpec.Builder b = FeatureSpec.builder();
    EngagementFeatures engagement = null;
    for (Node source : f.get("sources").list()) {
      switch (source.string()) {
        case "rfm" -> b.rfm(readRfm(f.get("rfm")));
        case "demographics" -> b.demographics(readDemographics(f.get("demographics")));
        case "engagement" -> {
          engagement = readEngagement(f.get("engagement"));
          b.engagement(engagement);
        }
        case "columns" -> {
          Node c = f.get("columns");
          b.columns(c.get("id").string(), c.get("names").strings().toArray(new String[0]));
        }
        default -> throw new IllegalArgumentException("model field '" + source.path() + "' is \"" + source.string()
            + "\"; this version reads the sources rfm, demographics, engagement and columns");
      }
    }
    b.join(f.get("join").enumValue(CustomerJoin.Type.class)).dropZeroVariance(f.get("dropZeroVariance").bool());
    if (f.has("missing")) {
      b.missing(f.get("missing").enumValue(MissingValues.class));
    }
    List<FittedFeature> fitted = new ArrayList<>();
    for (Node n : f.get("fitted").list()) {
      String kind = n.get("kind").string();
      if (kind.equals("numeric")) {
        NumericFeature s = new NumericFeature(n.get("column").string(), n.get("imputation").enumValue(Imputation.class),
            n.get("constant").number(), n.get("missingIndicator").bool(), n.get("log1p").bool(),
            n.get("winsorLow").number(), n.get("winsorHigh").number(), n.get("scale").enumValue(Scaler.Kind.class),
            n.get("weight").number());
        b.add(s);
        FittedNumeric last = new FittedNumeric(s, fill(n, s.imputation(), s.constant()), missingAtFit(n,
            s.imputation(), trainingRows), bound(n.get("lower"), s.winsorLow() > 0, Double.NEGATIVE_INFINITY),
            bound(n.get("upper"), s.winsorHigh() < 1, Double.POSITIVE_INFINITY), center(n.get("center"), s.scale()),
            scale(n.get("scaleValue"), s.scale()), n.get("zeroVariance").bool(), n.get("indicatorZeroVariance").bool());
        fitted.add(last);
        if (!(last.lower() <= last.upper())) {
          throw new IllegalArgumentException("model field '" + n.path() + ".lower' is " + last.lower() + ", above "
              + "'upper' " + last.upper() + "; winsorizing bounds are the low quantile and the high one, in that order");
        }
      } else if (kind.equals("categorical")) {
        String column = n.get("column").string();
        UnknownCategory unknown = n.get("unknown").enumValue(UnknownCategory.class);
        CategoricalFeature s = new CategoricalFeature(column,
            n.get("encoding").enumValue(CategoricalFeature.Encoding.class), n.get("maxLevels").intValue(),
            n.get("minCount").intValue(), n.get("order").strings(), unknown,
            n.get("imputation").enumValue(Imputation.class), n.get("constant").stringOrNull(),
            n.get("missingIndicator").bool(), n.get("scale").enumValue(Scaler.Kind.class), n.get("weight").number());
        b.add(s);
        Node e = n.get("encoder");
        CategoryEncoder encoder = switch (e.get("type").string()) {
          case "oneHot" -> OneHotEncoder.of(column, e.get("levels").strings(), e.get("folded").strings(), unknown);
          case "ordinal" -> OrdinalEncoder.of(column, e.get("order").strings(), e.get("mode").stringOrNull(), unknown);
          case "levels" -> LevelEncoder.of(column, e.get("levels").strings(), unknown);
          case "frequency" -> {
            Map<String, Double> shares = new LinkedHashMap<>();
            Node sh = e.get("shares");
            if (!(sh.isNull())) {
              for (String level : sh.keys()) {
                double share = sh.get(level).number();
                if (!(share >= 0 && share <= 1)) {
                  throw new IllegalArgumentException("model field '" + sh.get(level).path() + "' must be a share "
                      + "between 0 and 1, not " + share);
                }
                shares.put(level, share);
              }
            }
            yield FrequencyEncoder.of(column, shares, unknown);
          }
          default -> throw new IllegalArgumentException("model field '" + e.path() + ".type' is \""
              + e.get("type").string() + "\" but must be oneHot, ordinal, frequency or levels");
        };
        List<Double> centers = new ArrayList<>();
        for (Node cv : n.get("centers").list()) {
          centers.add(center(cv, s.scale()));
        }
        List<Double> scales = new ArrayList<>();
        for (Node sv : n.get("scales").list()) {
          scales.add(scale(sv, s.scale()));
        }
        List<Boolean> zero = new ArrayList<>();
        for (Node z : n.get("zeroVariance").list()) {
          zero.add(z.bool());
        }
        List<String> outputs = n.get("outputs").strings();
        if (centers.size() != outputs.size() || scales.size() != outputs.size() || zero.size() != outputs.size()) {
          throw new IllegalArgumentException("model field '" + n.path() + "' lists " + outputs.size() + " outputs but "
              + centers.size() + " centers, " + scales.size() + " scales and " + zero.size() + " zeroVariance flags");
        }
        fitted.add(new FittedCategorical(s, n.get("fill").stringOrNull(), missingAtFit(n, s.imputation(),
            trainingRows), encoder, outputs, centers, scales, zero));
      } else {
        throw new IllegalArgumentException("model field '" + n.path() + ".kind' is \"" + kind
            + "\" but must be numeric or categorical");
      }
    }
    FeaturePipeline p = FeaturePipeline.restore(b.build(), engagement, fitted);
    List<String> names = f.get("featureNames").strings();
    if (!names.equals(p.featureNames())) {
      throw new IllegalArgumentException("model field 'features.featureNames' is " + names + " but the fitted "
          + "features give " + p.featureNames() + "; the file was edited or damaged");
    }
    return p;
  }

  // The values a fit produces, checked one field at a time: the checksum can be recomputed by anyone, so it proves
  // nothing about the content, and a value no fit makes would otherwise surface later as a wrong answer or a crash.

  /** A scale: finite and > 0 (exactly 1 for no scaling). */
  private static double scale(Node n, Scaler.Kind kind) {
    double v = n.number();
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("model field '" + n.path() + "' must be a finite number > 0 (a scale), not "
          + v);
    }
    if (kind == Scaler.Kind.NONE && v != 1) {
      throw new IllegalArgumentException("model field '" + n.path() + "' must be 1 for a feature that is not scaled, "
          + "not " + v);
    }
    return v;
  }

  /** A center: finite (exactly 0 for no scaling). */
  private static double center(Node n, Scaler.Kind kind) {
    double v = n.number();
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("model field '" + n.path() + "' must be a finite number (a center), not " + v);
    }
    if (kind == Scaler.Kind.NONE && v != 0) {
      throw new IllegalArgumentException("model field '" + n.path() + "' must be 0 for a feature that is not scaled, "
          + "not " + v);
    }
    return v;
  }

  /** A winsorizing bound: finite when that side is winsorized, else the infinity of that side. */
  private static double bound(Node n, boolean winsorized, double none) {
    double v = n.number();
    if (winsorized ? !Double.isFinite(v) : v != none) {
      throw new IllegalArgumentException("model field '" + n.path() + "' must be " + (winsorized
          ? "a finite number (a winsorizing bound)" : (none > 0 ? "Infinity" : "-Infinity") + " (that side is not "
          + "winsorized)") + ", not " + v);
    }
    return v;
  }

  /** A numeric imputation value: NaN without imputation, the constant for a constant, else finite. */
  private static double fill(Node n, Imputation imputation, double constant) {
    Node f = n.get("fill");
    double v = f.number();
    boolean ok = switch (imputation) {
      case NONE -> Double.isNaN(v);
      case CONSTANT -> v == constant;
      default -> Double.isFinite(v);
    };
    if (!ok) {
      throw new IllegalArgumentException("model field '" + f.path() + "' must be " + switch (imputation) {
        case NONE -> "NaN (the feature has no imputation)";
        case CONSTANT -> "the imputation constant " + constant;
        default -> "a finite number (the imputation value)";
      } + ", not " + v);
    }
    return v;
  }

  /** Missing values at fit: 0..rows, and 0 without imputation (a fit refuses missing values then). */
  private static int missingAtFit(Node n, Imputation imputation, int trainingRows) {
    Node m = n.get("missingAtFit");
    int v = m.intValue();
    int max = imputation == Imputation.NONE ? 0 : trainingRows;
    if (v < 0 || v > max) {
      throw new IllegalArgumentException("model field '" + m.path() + "' must be between 0 and " + max
          + (imputation == Imputation.NONE ? " (the feature has no imputation)" : " (the training customers)")
          + ", not " + v);
    }
    return v;
  }

  private static RfmFeatures readRfm(Node r) {
    RfmFeatures.Builder b = RfmFeatures.builder().customer(r.get("customer").string())
        .timestamp(r.get("timestamp").string()).timestampFormat(r.get("timestampFormat").stringOrNull())
        .order(r.get("order").stringOrNull()).returns(r.get("returns").enumValue(RfmFeatures.Returns.class));
    String amount = r.get("amount").stringOrNull();
    if (amount != null) {
      b.amount(amount);
    } else {
      b.quantity(r.get("quantity").string()).price(r.get("price").string());
    }
    LocalDate asOf = date(r.get("asOf"));
    if (asOf != null) {
      b.asOf(asOf);
    }
    if (r.get("meanDaysBetweenPurchases").bool()) {
      b.meanDaysBetweenPurchases();
    }
    int[] windows = r.get("purchasesInLastDays").ints();
    if (windows.length > 0) {
      b.purchasesInLastDays(windows);
    }
    return b.build();
  }

  /** A YYYY-MM-DD date or null. */
  private static LocalDate date(Node n) {
    String s = n.stringOrNull();
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("model field '" + n.path() + "' is \"" + s + "\", not a YYYY-MM-DD date");
    }
  }

  private static DemographicFeatures readDemographics(Node d) {
    DemographicFeatures.Builder b = DemographicFeatures.builder().customer(d.get("customer").string())
        .age(d.get("age").stringOrNull()).birthYear(d.get("birthYear").stringOrNull()).asOf(date(d.get("asOf")))
        .income(d.get("income").stringOrNull()).householdSize(d.get("householdSize").stringOrNull());
    double[] ages = d.get("plausibleAge").numbers();
    if (ages.length != 2) {
      throw new IllegalArgumentException("model field 'features.demographics.plausibleAge' must be [min, max], not "
          + ages.length + " numbers");
    }
    b.plausibleAge(ages[0], ages[1]);
    int[] bands = d.get("ageBands").ints();
    if (bands.length > 0) {
      b.ageBands(bands);
    }
    String partner = d.get("partnerColumn").stringOrNull();
    List<String> children = d.get("childColumns").strings();
    List<String> partnered = d.get("partneredValues").strings();
    if (partner != null) {
      b.householdSize(partner, new java.util.LinkedHashSet<>(partnered), children.toArray(new String[0]));
    } else if (!children.isEmpty() || !partnered.isEmpty()) {
      throw new IllegalArgumentException("model field 'features.demographics.childColumns' or 'partneredValues' is "
          + "set without a 'partnerColumn'; the file was edited or damaged");
    }
    Node cat = d.get("categorical");
    for (String column : cat.keys()) {
      b.categorical(column, cat.get(column).string());
    }
    return b.build();
  }

  private static EngagementFeatures readEngagement(Node e) {
    EngagementFeatures.Builder b = EngagementFeatures.builder().customer(e.get("customer").string());
    String sends = e.get("sends").stringOrNull();
    if (sends != null) {
      b.emails(sends, e.get("opens").string(), e.get("clicks").stringOrNull());
    }
    b.webVisitsPerMonth(e.get("webVisitsPerMonth").stringOrNull())
        .daysSinceLastActivity(e.get("daysSinceLastActivity").stringOrNull());
    String last = e.get("lastActivity").stringOrNull();
    if (last != null) {
      b.lastActivity(last, e.get("lastActivityFormat").stringOrNull());
    }
    b.campaigns(e.get("campaigns").strings().toArray(new String[0]));
    Node channels = e.get("channels");
    for (String name : channels.keys()) {
      b.channel(name, channels.get(name).string());
    }
    String type = e.get("eventType").stringOrNull();
    if (type != null) {
      b.events(type, e.get("eventTime").string(), e.get("eventTimeFormat").stringOrNull());
    }
    List<String> events = e.get("eventNames").strings();
    if (events.size() != 4) {
      throw new IllegalArgumentException("model field 'features.engagement.eventNames' must list 4 names (send, open, "
          + "click, visit), not " + events.size());
    }
    b.eventNames(events.get(0), events.get(1), events.get(2), events.get(3)).asOf(date(e.get("asOf")))
        .priorStrength(e.get("priorStrength").number());
    Map<String, Double> priors = new LinkedHashMap<>();
    Node p = e.get("priors");
    for (String name : p.keys()) {
      double v = p.get(name).number();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("model field '" + p.get(name).path() + "' must be a finite number (a "
            + "prior rate), not " + v);
      }
      priors.put(name, v);
    }
    return b.build().withPriors(priors);
  }

  static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
