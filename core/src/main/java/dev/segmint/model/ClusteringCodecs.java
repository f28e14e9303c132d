package dev.segmint.model;

import dev.segmint.cluster.CentroidClustering;
import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Gower;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.KMedoids;
import dev.segmint.cluster.KPrototypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The codecs of the model file's {@code cluster} member, one per {@link Clustering} kind, registered in ONE place
 * ({@link #CODECS}, keyed by {@link Clustering#name()}, which the file stores as {@code cluster.algorithm}). Each
 * codec writes and reads its kind's JSON and checks every value a fit could not have produced. The envelope
 * (format, versions, checksum, segments) and the feature codec are {@link ModelFile}'s.
 *
 * <p>To add an algorithm: a codec below and its line in {@link #CODECS}.
 */
final class ClusteringCodecs {

  private ClusteringCodecs() {}

  /**
   * The JSON of one clustering kind: {@link #write} the members after {@code algorithm}; {@link #read} in two steps
   * as the loader checks them: the structure of the {@code cluster} member ({@link #parse}), then, once the segment
   * sizes are read, the clustering itself ({@link #build}).
   *
   * @param <P> what {@link #parse} reads
   */
  interface Codec<P> {
    /** Writes the clustering's members of {@code cluster}, after {@code "algorithm"}. */
    void write(Json j, Clustering c);

    /** The {@code cluster} member's values, checked on their own. */
    P parse(Node c, List<String> featureNames, int trainingRows);

    /** The clustering, checked against the segment sizes ({@code 0..k-1}) of the file. */
    Clustering build(P parsed, List<String> featureNames, long[] sizes);

    /** Whether this algorithm places every training customer (no noise): the sizes then add up to the rows. */
    boolean placesEveryCustomer();
  }

  /** The registry: one codec per {@link Clustering#name()}. */
  static final Map<String, Codec<?>> CODECS = Map.of(
      "kmeans", new CentroidCodec("kmeans", true),
      "hierarchical", new CentroidCodec("hierarchical", false),
      "dbscan", new DbscanCodec(),
      "hdbscan", new HdbscanCodec(),
      "kprototypes", new KPrototypesCodec(),
      "kmedoids", new KMedoidsCodec());

  /** The codec of a clustering kind, or null. */
  static Codec<?> of(String name) {
    return CODECS.get(name);
  }

  /** The names the registry reads, for messages: {@code kmeans, hierarchical, dbscan, hdbscan, kprototypes and kmedoids}. */
  static String names() {
    return "kmeans, hierarchical, dbscan, hdbscan, kprototypes and kmedoids";
  }

  static IllegalArgumentException segmentCount(int listed, int k) {
    return new IllegalArgumentException("model field 'segments' lists " + listed + " segments but the cluster "
        + "model has " + k);
  }

  // ------------------------------------------------------------------------------------------------ the codecs

  /** k-means (centroids, the rule it assigns by) and hierarchical (segment means, the nearest one assigns). */
  private record CentroidCodec(String name, boolean predicts) implements Codec<CentroidCodec.Parsed> {
    record Parsed(String settings, double[][] centroids) {}

    @Override
    public void write(Json j, Clustering c) {
      String settings = c instanceof CentroidClustering restored ? restored.savedSettings() : c.settings();
      j.field("settings", settings).field("assign", "nearest centroid");
      ModelFile.matrix(j, "centroids", c.centroids());
    }

    @Override
    public Parsed parse(Node c, List<String> featureNames, int trainingRows) {
      double[][] centroids = c.get("centroids").matrix(featureNames.size());
      if (centroids.length == 0) {
        throw new IllegalArgumentException("model field 'cluster.centroids' is empty; a model has at least one segment");
      }
      return new Parsed(c.get("settings").stringOrNull(), centroids);
    }

    @Override
    public Clustering build(Parsed p, List<String> featureNames, long[] sizes) {
      if (p.centroids().length != sizes.length) {
        throw segmentCount(sizes.length, p.centroids().length);
      }
      return new CentroidClustering(name, p.settings(), featureNames.toArray(new String[0]), p.centroids(), sizes,
          predicts);
    }

    @Override
    public boolean placesEveryCustomer() {
      return true;
    }
  }

  /** DBSCAN: the core points with their segments; a new customer takes the nearest core point within eps. */
  private static final class DbscanCodec implements Codec<DbscanCodec.Parsed> {
    record Parsed(double eps, int minPts, double[][] points, int[] labels) {}

    @Override
    public void write(Json j, Clustering c) {
      Dbscan.Result db = (Dbscan.Result) c;
      j.field("assign", "nearest core point within eps, else -1");
      ModelFile.num(j, "eps", db.eps());
      j.field("minPts", db.minPts());
      ModelFile.matrix(j, "corePoints", db.corePoints());
      j.name("coreLabels").array(db.coreLabels());
    }

    @Override
    public Parsed parse(Node c, List<String> featureNames, int trainingRows) {
      double eps = c.get("eps").number();
      if (!(eps > 0) || Double.isInfinite(eps)) {
        throw new IllegalArgumentException("model field 'cluster.eps' must be a finite distance > 0, not " + eps);
      }
      double[][] points = c.get("corePoints").matrix(featureNames.size());
      int[] labels = c.get("coreLabels").ints();
      if (labels.length != points.length) {
        throw new IllegalArgumentException("model field 'cluster.coreLabels' has " + labels.length
            + " labels for " + points.length + " core points");
      }
      if (points.length > trainingRows) {
        throw new IllegalArgumentException("model field 'cluster.corePoints' has " + points.length + " points, more "
            + "than the " + trainingRows + " training customers");
      }
      int minPts = c.get("minPts").intValue();
      if (minPts < 1) {
        throw new IllegalArgumentException("model field 'cluster.minPts' must be at least 1 (it counts the point "
            + "itself), not " + minPts);
      }
      return new Parsed(eps, minPts, points, labels);
    }

    /** The segments of the core points: each in 0..k-1, none empty, none with more core points than customers. */
    @Override
    public Clustering build(Parsed p, List<String> featureNames, long[] sizes) {
      int k = sizes.length;
      long[] cores = new long[Math.max(k, 1)];
      for (int i = 0; i < p.labels().length; i++) {
        int l = p.labels()[i];
        if (l < 0 || l >= k) {
          throw new IllegalArgumentException("model field 'cluster.coreLabels[" + i + "]' must be a segment 0.."
              + (k - 1) + " (a core point belongs to a segment), not " + l);
        }
        cores[l]++;
      }
      for (int s = 0; s < k; s++) {
        if (cores[s] == 0 || cores[s] > sizes[s]) {
          throw new IllegalArgumentException("model field 'cluster.coreLabels' gives segment " + s + " " + cores[s]
              + " core points, but a segment of DBSCAN has at least one and at most its " + sizes[s] + " customers");
        }
      }
      return Dbscan.Result.ofCorePoints(featureNames.toArray(new String[0]), p.points(), p.labels(), p.eps(),
          p.minPts());
    }

    @Override
    public boolean placesEveryCustomer() {
      return false;
    }
  }

  /** HDBSCAN: the training points, core distances and condensed tree that approximate_predict places new points in. */
  private static final class HdbscanCodec implements Codec<Hdbscan.TreeState> {
    @Override
    public void write(Json j, Clustering c) {
      Hdbscan.TreeState st = ((Hdbscan.Result) c).treeState();
      j.field("assign", "approximate_predict in the condensed tree (hdbscan library)")
          .field("minClusterSize", st.minClusterSize()).field("minSamples", st.minSamples())
          .field("selection", st.selection().name());
      ModelFile.matrix(j, "points", st.points());
      j.name("coreDistances");
      ModelFile.numbers(j, st.coreDistances());
      j.name("tree").beginObject().field("clusters", st.clusters());
      j.name("parent").array(st.treeParent());
      j.name("child").array(st.treeChild());
      j.name("lambda");
      ModelFile.numbers(j, st.treeLambda());
      j.name("size").array(st.treeSize());
      j.endObject();
    }

    @Override
    public Hdbscan.TreeState parse(Node c, List<String> featureNames, int trainingRows) {
      Node t = c.get("tree");
      int clusters = t.get("clusters").intValue();
      int rows = t.get("parent").list().size();
      if (clusters > rows + 1) {
        throw new IllegalArgumentException("model field 'cluster.tree.clusters' is " + clusters + " but a condensed "
            + "tree of " + rows + " rows has at most " + (rows + 1L) + " clusters (every cluster but the root is a "
            + "child in a row)");
      }
      double[][] points = c.get("points").matrix(featureNames.size());
      if (points.length != trainingRows) {
        throw new IllegalArgumentException("model field 'cluster.points' has " + points.length + " points, but an "
            + "HDBSCAN model keeps every one of its " + trainingRows + " training customers");
      }
      Node cd = c.get("coreDistances");
      double[] core = cd.numbers();
      if (core.length != points.length) {
        throw new IllegalArgumentException("model field 'cluster.coreDistances' has " + core.length + " core distances "
            + "for " + points.length + " points");
      }
      for (int i = 0; i < core.length; i++) {
        if (!(core[i] >= 0) || Double.isInfinite(core[i])) {
          throw new IllegalArgumentException("model field '" + cd.path() + "[" + i + "]' must be a finite distance "
              + "≥ 0, not " + core[i]);
        }
      }
      int minClusterSize = c.get("minClusterSize").intValue();
      int minSamples = c.get("minSamples").intValue();
      if (minClusterSize < 2 || minSamples < 0 || (minSamples == 0 ? minClusterSize : minSamples) > trainingRows) {
        throw new IllegalArgumentException("model field 'cluster.minClusterSize' (" + minClusterSize + ") or "
            + "'cluster.minSamples' (" + minSamples + ") is out of range: minClusterSize at least 2, minSamples "
            + "0 (= minClusterSize) or more, and the neighbourhood at most the " + trainingRows
            + " training customers");
      }
      return new Hdbscan.TreeState(featureNames.toArray(new String[0]), points, core, minClusterSize, minSamples,
          c.get("selection").enumValue(Hdbscan.Selection.class), clusters, t.get("parent").ints(),
          t.get("child").ints(), t.get("lambda").numbers(), t.get("size").ints());
    }

    @Override
    public Clustering build(Hdbscan.TreeState state, List<String> featureNames, long[] sizes) {
      try {
        return Hdbscan.restore(state);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model field 'cluster.tree' is not a condensed tree a fit makes: "
            + e.getMessage(), e);
      }
    }

    @Override
    public boolean placesEveryCustomer() {
      return false;
    }
  }

  /**
   * k-prototypes: γ, the numeric centres and the modes as level NAMES (readable, and matched by name when new
   * customers are placed), with each categorical feature's training levels.
   */
  private static final class KPrototypesCodec implements Codec<KPrototypesCodec.Parsed> {
    record Parsed(String settings, double gamma, String[] numeric, String[] categorical, List<List<String>> levels,
        double[][] centroids, String[][] modes) {}

    @Override
    public void write(Json j, Clustering c) {
      KPrototypes.Result r = (KPrototypes.Result) c;
      j.field("settings", r.savedSettings()).field("assign", "least cost: squared Euclidean distance on the numeric "
          + "features + gamma × mismatched categorical features");
      ModelFile.num(j, "gamma", r.gamma());
      j.name("numericFeatures").beginArray();
      for (String s : r.numericNames()) {
        j.value(s);
      }
      j.endArray();
      j.name("categoricalFeatures").beginArray();
      String[] cat = r.categoricalNames();
      for (int q = 0; q < cat.length; q++) {
        j.beginObject().field("feature", cat[q]).name("levels").beginArray();
        for (String level : r.levels(q)) {
          j.value(level);
        }
        j.endArray().endObject();
      }
      j.endArray();
      ModelFile.matrix(j, "centroids", r.centroids());
      j.name("modes").beginArray();
      for (String[] row : r.modeLevels()) {
        j.beginArray();
        for (String level : row) {
          j.value(level);
        }
        j.endArray();
      }
      j.endArray();
    }

    @Override
    public Parsed parse(Node c, List<String> featureNames, int trainingRows) {
      double gamma = c.get("gamma").number();
      if (!(gamma >= 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("model field 'cluster.gamma' must be a finite number ≥ 0, not " + gamma);
      }
      String[] numeric = c.get("numericFeatures").strings().toArray(new String[0]);
      List<Node> catNodes = c.get("categoricalFeatures").list();
      String[] categorical = new String[catNodes.size()];
      List<List<String>> levels = new ArrayList<>();
      for (int q = 0; q < categorical.length; q++) {
        categorical[q] = catNodes.get(q).get("feature").string();
        List<String> l = catNodes.get(q).get("levels").strings();
        if (new HashSet<>(l).size() != l.size()) {
          throw new IllegalArgumentException("model field '" + catNodes.get(q).path() + ".levels' repeats a level");
        }
        levels.add(l);
      }
      List<String> all = new ArrayList<>(List.of(numeric));
      all.addAll(List.of(categorical));
      if (categorical.length == 0 || all.size() != featureNames.size() || !new HashSet<>(all).equals(
          new HashSet<>(featureNames))) {
        throw new IllegalArgumentException("model fields 'cluster.numericFeatures' and 'cluster.categoricalFeatures' "
            + "name " + all + " but the features are " + featureNames + " (k-prototypes needs at least one "
            + "categorical feature)");
      }
      double[][] centroids = c.get("centroids").matrix(numeric.length);
      List<Node> modeRows = c.get("modes").list();
      String[][] modes = new String[modeRows.size()][];
      for (int p = 0; p < modes.length; p++) {
        List<Node> row = modeRows.get(p).list();
        if (row.size() != categorical.length) {
          throw new IllegalArgumentException("model field '" + modeRows.get(p).path() + "' has " + row.size()
              + " modes for " + categorical.length + " categorical features");
        }
        modes[p] = new String[row.size()];
        for (int q = 0; q < row.size(); q++) {
          modes[p][q] = row.get(q).stringOrNull();
        }
      }
      if (centroids.length == 0 || centroids.length != modes.length) {
        throw new IllegalArgumentException("model field 'cluster.centroids' has " + centroids.length + " rows and "
            + "'cluster.modes' " + modes.length + "; a model has one of each per segment, at least one");
      }
      return new Parsed(c.get("settings").stringOrNull(), gamma, numeric, categorical, levels, centroids, modes);
    }

    @Override
    public Clustering build(Parsed p, List<String> featureNames, long[] sizes) {
      if (p.centroids().length != sizes.length) {
        throw segmentCount(sizes.length, p.centroids().length);
      }
      try {
        return KPrototypes.Result.restore(p.numeric(), p.categorical(), p.levels(), p.centroids(), p.modes(), sizes,
            p.gamma(), p.settings());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model field 'cluster' is not a k-prototypes model a fit makes: "
            + e.getMessage(), e);
      }
    }

    @Override
    public boolean placesEveryCustomer() {
      return true;
    }
  }

  /**
   * k-medoids: the fitted Gower distance (training ranges, levels by name, weights) and the medoids (numeric values
   * and level names, in segment order, with their rank in the fit's tie order); a new customer takes the nearest.
   */
  private static final class KMedoidsCodec implements Codec<KMedoidsCodec.Parsed> {
    record Parsed(String settings, Gower gower, String[] ids, double[][] values, String[][] levels, int[] tie,
        double cost) {}

    /** A member {@code name} (or, for null, an array element) holding the strings; null values as JSON null. */
    private static void strings(Json j, String name, String[] values) {
      if (name != null) {
        j.name(name);
      }
      j.beginArray();
      for (String v : values) {
        if (v == null) {
          j.nullValue();
        } else {
          j.value(v);
        }
      }
      j.endArray();
    }

    @Override
    public void write(Json j, Clustering c) {
      KMedoids.Result r = (KMedoids.Result) c;
      Gower g = r.gower();
      j.field("settings", r.settings()).field("assign", "nearest medoid by Gower distance on the training ranges");
      strings(j, "numeric", g.numericNames());
      j.name("ranges");
      ModelFile.numbers(j, g.ranges());
      String[] cat = g.categoricalNames();
      strings(j, "categorical", cat);
      j.name("levels").beginArray();
      for (int f = 0; f < cat.length; f++) {
        strings(j, null, g.levels(f).toArray(new String[0]));
      }
      j.endArray();
      j.name("weights");
      ModelFile.numbers(j, g.weights());
      ModelFile.num(j, "cost", r.cost());
      String[] ids = r.medoidIds();
      double[][] values = r.centroids();
      String[][] levels = r.medoidLevels();
      int[] tie = r.tieOrder();
      j.name("medoids").beginArray();
      for (int s = 0; s < ids.length; s++) {
        j.beginObject().field("segment", s).field("id", ids[s]).field("tieOrder", tie[s]);
        j.name("values");
        ModelFile.numbers(j, values[s]);
        strings(j, "levels", levels[s]);
        j.endObject();
      }
      j.endArray();
    }

    @Override
    public Parsed parse(Node c, List<String> featureNames, int trainingRows) {
      String[] numeric = c.get("numeric").strings().toArray(new String[0]);
      String[] categorical = c.get("categorical").strings().toArray(new String[0]);
      List<String> all = new ArrayList<>(List.of(numeric));
      all.addAll(List.of(categorical));
      if (!all.stream().sorted().toList().equals(featureNames.stream().sorted().toList())) {
        throw new IllegalArgumentException("model field 'cluster.numeric' and 'cluster.categorical' name " + all
            + " but the features are " + featureNames);
      }
      List<List<String>> levels = new ArrayList<>();
      for (Node l : c.get("levels").list()) {
        levels.add(l.strings());
      }
      Gower g;
      try {
        g = Gower.of(numeric, c.get("ranges").numbers(), categorical, levels, c.get("weights").numbers());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model fields 'cluster.ranges', 'cluster.levels' and 'cluster.weights' "
            + "are not a Gower distance a fit makes: " + e.getMessage(), e);
      }
      List<Node> medoids = c.get("medoids").list();
      int k = medoids.size();
      if (k == 0 || k > trainingRows) {
        throw new IllegalArgumentException("model field 'cluster.medoids' has " + k + " medoids; a model has between "
            + "1 and its " + trainingRows + " training customers");
      }
      String[] ids = new String[k];
      double[][] values = new double[k][];
      String[][] lv = new String[k][];
      int[] tie = new int[k];
      for (int s = 0; s < k; s++) {
        Node m = medoids.get(s);
        if (m.get("segment").intValue() != s) {
          throw new IllegalArgumentException("model field '" + m.path() + ".segment' must be " + s
              + " (medoids are listed in segment order)");
        }
        ids[s] = m.get("id").string();
        tie[s] = m.get("tieOrder").intValue();
        values[s] = m.get("values").numbers();
        List<Node> ls = m.get("levels").list();
        lv[s] = new String[ls.size()];
        for (int f = 0; f < ls.size(); f++) {
          lv[s][f] = ls.get(f).isNull() ? null : ls.get(f).string();
        }
      }
      double cost = c.get("cost").number();
      if (!(cost >= 0) || Double.isInfinite(cost)) {
        throw new IllegalArgumentException("model field 'cluster.cost' must be a finite sum of distances ≥ 0, not "
            + cost);
      }
      return new Parsed(c.get("settings").string(), g, ids, values, lv, tie, cost);
    }

    @Override
    public Clustering build(Parsed p, List<String> featureNames, long[] sizes) {
      if (p.ids().length != sizes.length) {
        throw segmentCount(sizes.length, p.ids().length);
      }
      try {
        return KMedoids.Result.restore(p.settings(), p.gower(), p.ids(), p.values(), p.levels(), p.tie(), sizes,
            p.cost());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model field 'cluster.medoids' is not what a k-medoids fit makes: "
            + e.getMessage(), e);
      }
    }

    @Override
    public boolean placesEveryCustomer() {
      return true;
    }
  }
}
