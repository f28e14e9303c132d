package dev.segmint.report;

import dev.segmint.cluster.KSelection;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.AtomicFiles;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import dev.segmint.quality.Indices;
import dev.segmint.quality.Stability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A report on a segmentation, in the formats people and programs read: {@link #toText() text} (JShell, the command
 * line), {@link #toMarkdown() Markdown}, {@link #toCsv() CSV} (long form, one row per segment × feature or level),
 * {@link #toJson() JSON} and one self-contained {@link #toHtml() HTML} page with SVG charts (see {@link HtmlReport}).
 *
 * <p>It always holds the {@link SegmentProfiles}; it can also hold a {@link Checklist}, a {@link Stability.Result},
 * the quality {@link Indices}, a 2-D {@link Projection} of the clustering space, the k-selection curves (elbow and
 * silhouette), a k-distance curve, a dendrogram and the customer value per segment ({@link SegmentValues}). The
 * k-distance curve and the dendrogram are plain data (a {@code double[]} and a SciPy
 * linkage matrix) so any algorithm can supply them. Each part appears in every format when it is given.
 *
 * <pre>{@code
 * Report r = Report.builder(profiles).title("Online Retail by RFM").checklist(checklist).stability(st)
 *     .indices(Indices.of(scaled, labels)).projection(scaled).kSelection(selection).build();
 * r.write(Path.of("report.html"));     // the format follows the extension: .html .md .csv .json .txt
 * }</pre>
 *
 * <p>Every value taken from data is escaped for its format: HTML entities, Markdown punctuation, RFC 4180 CSV
 * quoting, JSON string escapes. Immutable. Rendering is O(size of the output) except the projection (computed once
 * at {@link Builder#projection(FeatureMatrix)}).
 */
public final class Report {

  /** Output formats. */
  public enum Format {
    TEXT("txt"), MARKDOWN("md"), CSV("csv"), JSON("json"), HTML("html");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
      return extension;
    }

    /** The format for a file name's extension (.txt, .md, .csv, .json, .html or .htm). */
    public static Format ofFile(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      int dot = name.lastIndexOf('.');
      String ext = dot < 0 ? "" : name.substring(dot + 1);
      return switch (ext) {
        case "txt", "text" -> TEXT;
        case "md", "markdown" -> MARKDOWN;
        case "csv" -> CSV;
        case "json" -> JSON;
        case "html", "htm" -> HTML;
        default -> throw new IllegalArgumentException("cannot tell the report format of '" + file.getFileName()
            + "'; end the name with .html, .md, .csv, .json or .txt");
      };
    }
  }

  /** The k-selection curves: inertia and silhouette per k, and the chosen k. */
  public record KCurves(int[] ks, double[] inertia, double[] silhouette, int chosen) {
    public KCurves {
      Objects.requireNonNull(ks, "ks");
      if (inertia == null || silhouette == null || inertia.length != ks.length || silhouette.length != ks.length) {
        throw new IllegalArgumentException("inertia and silhouette need one value per k (" + ks.length + ")");
      }
      ks = ks.clone();
      inertia = inertia.clone();
      silhouette = silhouette.clone();
    }
  }

  /** A k-distance curve: each point's distance to its k-th nearest neighbour, ascending; eps marked when given. */
  public record KDistance(double[] distances, int k, double eps) {
    public KDistance {
      Objects.requireNonNull(distances, "distances");
      if (distances.length == 0) {
        throw new IllegalArgumentException("the k-distance curve needs at least one distance");
      }
      distances = distances.clone();
      java.util.Arrays.sort(distances);
    }
  }

  /** A dendrogram: a SciPy linkage matrix, optional leaf labels and an optional caption saying what was merged. */
  public record Dendrogram(double[][] linkage, String[] leafLabels, String caption) {
    public Dendrogram {
      linkage = Charts.checkLinkage(linkage);
      if (leafLabels != null) {
        if (leafLabels.length != linkage.length + 1) {
          throw new IllegalArgumentException("there are " + leafLabels.length + " leaf labels for "
              + (linkage.length + 1) + " leaves");
        }
        leafLabels = leafLabels.clone();
      }
    }
  }

  final String title;
  final Map<String, String> summary;
  final List<String> notes;
  final SegmentProfiles profiles;
  final Checklist checklist;
  final Stability.Result stability;
  final Indices indices;
  final Projection projection;
  final KCurves kCurves;
  final KDistance kDistance;
  final Dendrogram dendrogram;
  final Format format;
  final List<String> clustered;
  final Map<String, Direction> directions;
  final Map<Integer, String> rules;
  final SegmentValues value;

  private Report(Builder b) {
    this.title = b.title;
    this.summary = Collections.unmodifiableMap(new LinkedHashMap<>(b.summary));
    this.notes = List.copyOf(b.notes);
    this.profiles = b.profiles;
    this.checklist = b.checklist;
    this.stability = b.stability;
    this.indices = b.indices;
    this.projection = b.projection;
    this.kCurves = b.kCurves;
    this.kDistance = b.kDistance;
    this.dendrogram = b.dendrogram;
    this.format = b.format;
    this.clustered = List.copyOf(b.clustered);
    this.directions = Collections.unmodifiableMap(new LinkedHashMap<>(b.directions));
    this.rules = Collections.unmodifiableMap(new java.util.TreeMap<>(b.rules));
    this.value = b.value;
  }

  private Report(Report base, SegmentValues value) {
    this.title = base.title;
    this.summary = base.summary;
    this.notes = base.notes;
    this.profiles = base.profiles;
    this.checklist = base.checklist;
    this.stability = base.stability;
    this.indices = base.indices;
    this.projection = base.projection;
    this.kCurves = base.kCurves;
    this.kDistance = base.kDistance;
    this.dendrogram = base.dendrogram;
    this.format = base.format;
    this.clustered = base.clustered;
    this.directions = base.directions;
    this.rules = base.rules;
    this.value = value;
  }

  /** The direction of a feature: as given to the builder, else {@link Direction#defaultFor(String)}. */
  Direction direction(String feature) {
    Direction d = directions.get(feature);
    return d != null ? d : Direction.defaultFor(feature);
  }

  /** A report on the given profiles. */
  public static Builder builder(SegmentProfiles profiles) {
    return new Builder(Objects.requireNonNull(profiles, "profiles"));
  }

  /** Builds a report step by step; every part but the profiles is optional. */
  public static final class Builder {
    private final SegmentProfiles profiles;
    private String title = "Customer segments";
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Checklist checklist;
    private Stability.Result stability;
    private Indices indices;
    private Projection projection;
    private KCurves kCurves;
    private KDistance kDistance;
    private Dendrogram dendrogram;
    private Format format;
    private final List<String> clustered = new ArrayList<>();
    private final Map<String, Direction> directions = new LinkedHashMap<>();
    private final Map<Integer, String> rules = new LinkedHashMap<>();
    private SegmentValues value;

    private Builder(SegmentProfiles profiles) {
      this.profiles = profiles;
    }

    /** The title. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** A line of the summary, e.g. ("algorithm", "k-means, k = 5"). */
    public Builder summary(String key, Object value) {
      summary.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
      return this;
    }

    /** A paragraph of notes, shown as preformatted text (e.g. a data-quality report). */
    public Builder note(String text) {
      notes.add(Objects.requireNonNull(text, "text"));
      return this;
    }

    /**
     * Each segment as a rule a marketing tool can apply, one line per segment number, e.g. from
     * {@code dev.segmint.cycle.SegmentRules}: {@code rules.rules().forEach(x -> lines.put(x.segment(), x.toString()))}
     * ("recency_days &lt;= 30.5 and frequency &gt; 3.5: precision 0.93, recall 0.88"). Shown under each segment in the
     * text, Markdown, HTML and JSON forms (not in the long-form CSV).
     */
    public Builder rules(Map<Integer, String> lines) {
      rules.clear();
      lines.forEach((k, v) -> rules.put(Objects.requireNonNull(k, "segment"), Objects.requireNonNull(v, "rule")));
      return this;
    }

    /**
     * The customer value per segment ({@link SegmentValues}, e.g. {@code SegmentValues.of(profiles, ids,
     * predictions)}): a section "Where the value is" in every format (a bar chart of the shares in HTML).
     */
    public Builder value(SegmentValues value) {
      this.value = value;
      return this;
    }

    /** The segment checklist. */
    public Builder checklist(Checklist checklist) {
      this.checklist = checklist;
      return this;
    }

    /** The stability run. */
    public Builder stability(Stability.Result stability) {
      this.stability = stability;
      return this;
    }

    /** The quality indices. */
    public Builder indices(Indices indices) {
      this.indices = indices;
      return this;
    }

    /**
     * A PCA projection of the clustering space, coloured by the profiles' labels; at most 3,000 points are drawn
     * (a sample with seed 0 above that).
     */
    public Builder projection(FeatureMatrix space) {
      if (!profiles.hasLabels()) {
        throw new IllegalArgumentException("these profiles carry no labels; pass a Projection made with them instead");
      }
      if (space.rows() != profiles.customers()) {
        throw new IllegalArgumentException("the clustering space has " + space.rows() + " rows but "
            + profiles.customers() + " customers were profiled");
      }
      return projection(Projection.pca(space, profiles.labels(), 3000, 0));
    }

    /** A ready-made projection. */
    public Builder projection(Projection projection) {
      this.projection = projection;
      return this;
    }

    /** The elbow and silhouette curves of a k-selection run. */
    public Builder kSelection(KSelection.Result selection) {
      if (selection.k() == 1) {
        return this;   // k = 1 forced by identical customers: no curve
      }
      return kCurves(selection.ks(), selection.inertia(), selection.silhouette(), selection.k());
    }

    /** The elbow and silhouette curves as plain data: one inertia and one silhouette per k, and the chosen k. */
    public Builder kCurves(int[] ks, double[] inertia, double[] silhouette, int chosen) {
      this.kCurves = new KCurves(ks, inertia, silhouette, chosen);
      return this;
    }

    /**
     * A k-distance curve (for choosing DBSCAN's eps): every point's distance to its k-th nearest neighbour, in any
     * order (drawn sorted); {@code eps} is marked unless NaN.
     */
    public Builder kDistance(double[] distances, int k, double eps) {
      this.kDistance = new KDistance(distances, k, eps);
      return this;
    }

    /**
     * A dendrogram from a SciPy-style linkage matrix: row i merges clusters {@code a} and {@code b} (leaves are
     * 0..n−1, the cluster made by row i is n + i) at {@code height}, giving a cluster of {@code size} points.
     *
     * @param leafLabels one label per leaf, or {@code null} for the leaf numbers
     */
    public Builder dendrogram(double[][] linkage, String[] leafLabels) {
      return dendrogram(linkage, leafLabels, null);
    }

    /** A dendrogram with a caption saying what was merged, e.g. "Ward's linkage of the segment centres." */
    public Builder dendrogram(double[][] linkage, String[] leafLabels, String caption) {
      this.dendrogram = new Dendrogram(linkage, leafLabels, caption);
      return this;
    }

    /**
     * The features the segments were found on (the clustering space), shown apart from the profiled features in
     * the header; without it the header lists only the profiled features.
     */
    public Builder clusteredOn(String... features) {
      clustered.clear();
      clustered.addAll(List.of(features));
      return this;
    }

    /**
     * Which way a feature is good for the business (default {@link Direction#defaultFor(String)}): the heatmap and
     * the profile table colour better values green and worse ones red, neutral features grey.
     */
    public Builder direction(String feature, Direction direction) {
      directions.put(Objects.requireNonNull(feature, "feature"), Objects.requireNonNull(direction, "direction"));
      return this;
    }

    /** The format {@link Report#write(Path)} uses whatever the file name (default: from the extension). */
    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    public Report build() {
      return new Report(this);
    }
  }

  /** The profiles reported on. */
  public SegmentProfiles profiles() {
    return profiles;
  }

  /** The customer value per segment, or null when none was given. */
  public SegmentValues value() {
    return value;
  }

  /** This report with a section "Where the value is" on the given value per segment (replacing any before). */
  public Report withValue(SegmentValues value) {
    return new Report(this, Objects.requireNonNull(value, "value"));
  }

  /** The title. */
  public String title() {
    return title;
  }

  /** Plain text, as printed by the command line and in JShell. */
  public String toText() {
    return TextReport.render(this);
  }

  /** Markdown with pipe tables. */
  public String toMarkdown() {
    return MarkdownReport.render(this);
  }

  /**
   * CSV in long form: one row per segment and numeric feature (statistics, z, d, p-values) and per segment,
   * categorical feature and level (count, shares, lift), with the segment's name, size and checks.
   */
  public String toCsv() {
    return CsvReport.render(this);
  }

  /** JSON: everything in the report, numbers unrounded. */
  public String toJson() {
    return JsonReport.render(this);
  }

  /** One self-contained HTML page with SVG charts. */
  public String toHtml() {
    return HtmlReport.render(this);
  }

  /** The report in a format. */
  public String render(Format f) {
    return switch (f) {
      case TEXT -> toText();
      case MARKDOWN -> toMarkdown();
      case CSV -> toCsv();
      case JSON -> toJson();
      case HTML -> toHtml();
    };
  }

  /**
   * Writes the report atomically (a temporary file in the same folder, then a move), in the builder's format or
   * else the one the extension names; the folder must exist, and a symbolic link, folder, device or pipe at the path is refused with an
   * {@code IllegalArgumentException} (see {@code docs/reliability.md}).
   */
  public void write(Path file) throws IOException {
    write(file, format != null ? format : Format.ofFile(file));
  }

  /** Writes the report atomically in the given format. */
  public void write(Path file, Format f) throws IOException {
    AtomicFiles.writeString(file, render(f));
  }


  @Override
  public String toString() {
    return toText();
  }
}
