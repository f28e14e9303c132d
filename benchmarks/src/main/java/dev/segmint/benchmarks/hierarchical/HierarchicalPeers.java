package dev.segmint.benchmarks.hierarchical;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.FeatureMatrix;
import elki.clustering.hierarchical.Anderberg;
import elki.clustering.hierarchical.ClusterMergeHistory;
import elki.clustering.hierarchical.NNChain;
import elki.clustering.hierarchical.SLINK;
import elki.clustering.hierarchical.linkage.CompleteLinkage;
import elki.clustering.hierarchical.linkage.GroupAverageLinkage;
import elki.clustering.hierarchical.linkage.SingleLinkage;
import elki.clustering.hierarchical.linkage.WardLinkage;
import elki.data.DoubleVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.UPGMALinkage;

/**
 * The hierarchical clustering implementations compared in one JMH run, each behind a case name
 * {@code <implementation>-<linkage>}. Every case returns its merge heights, sorted, so that the sanity tests can
 * check that all of them compute the same dendrogram.
 *
 * <table>
 *   <caption>Cases</caption>
 *   <tr><th>case</th><th>implementation</th><th>memory</th><th>threads</th></tr>
 *   <tr><td>segmint-{ward,single}</td><td>Segmint NN-chain on centroids / Prim MST</td><td>O(n)</td><td>1</td></tr>
 *   <tr><td>segmint-{complete,average}</td><td>Segmint NN-chain on a float condensed matrix (exact decisions and
 *       heights from the points)</td><td>4·n²/2</td><td>all (matrix fill, the chain's passes, exact heights)</td></tr>
 *   <tr><td>smile-*</td><td>Smile 6.3 {@code HierarchicalClustering} (FastPair), float proximity matrix</td>
 *       <td>4·n²/2</td><td>all (proximity), merging 1</td></tr>
 *   <tr><td>elki-nnchain-*</td><td>ELKI 0.8.0 {@code NNChain}</td><td>8·n²/2</td><td>1</td></tr>
 *   <tr><td>elki-anderberg-*</td><td>ELKI 0.8.0 {@code Anderberg}</td><td>8·n²/2</td><td>1</td></tr>
 *   <tr><td>elki-slink-single</td><td>ELKI 0.8.0 {@code SLINK}</td><td>O(n)</td><td>1</td></tr>
 * </table>
 * ELKI 0.8.0's O(n)-memory {@code LinearMemoryNNChain} is left out: with {@code WardLinkage} it reports squared
 * heights for the first merges and then builds a different tree from SciPy's ward (its merge criterion for
 * clusters is not scaled like its initial distances), so it does not compute the same dendrogram.
 * Each operation includes each implementation's own distance computations (Smile's and ELKI's matrices are built
 * inside the timed fit); converting the input into its data structure (ELKI database, arrays) is not timed.
 */
public final class HierarchicalPeers {
  private HierarchicalPeers() {}

  /** Every case, in the order of the benchmark's parameter list. */
  public static final List<String> CASES = List.of(
      "segmint-ward", "smile-ward", "elki-nnchain-ward", "elki-anderberg-ward",
      "segmint-single", "smile-single", "elki-slink-single", "elki-nnchain-single", "elki-anderberg-single",
      "segmint-complete", "smile-complete", "elki-nnchain-complete", "elki-anderberg-complete",
      "segmint-average", "smile-average", "elki-nnchain-average", "elki-anderberg-average");

  /** The linkage of a case name. */
  public static Linkage linkage(String name) {
    return Linkage.parse(name.substring(name.lastIndexOf('-') + 1));
  }

  /** Converts the workload for {@code name} (not timed) and returns one fit per call, giving sorted heights. */
  public static Supplier<double[]> prepare(String name, int n, int threads) {
    Linkage linkage = linkage(name);
    if (name.startsWith("segmint-")) {
      FeatureMatrix m = HierarchicalWorkload.matrix(n);
      Hierarchical.Options options = Hierarchical.Options.of(linkage).withThreads(threads);
      return () -> Hierarchical.fit(m, options).dendrogram().heights();
    }
    if (name.startsWith("smile-")) {
      double[][] rows = HierarchicalWorkload.rows(n);
      return () -> {
        smile.clustering.linkage.Linkage l = switch (linkage) {
          case WARD -> smile.clustering.linkage.WardLinkage.of(rows);
          case COMPLETE -> smile.clustering.linkage.CompleteLinkage.of(rows);
          case AVERAGE -> UPGMALinkage.of(rows);
          case SINGLE -> smile.clustering.linkage.SingleLinkage.of(rows);
        };
        double[] h = HierarchicalClustering.fit(l).height().clone();
        Arrays.sort(h);
        return h;
      };
    }
    if (name.startsWith("elki-")) {
      Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(HierarchicalWorkload.rows(n)));
      db.initialize();
      Relation<DoubleVector> relation = db.getRelation(TypeUtil.DOUBLE_VECTOR_FIELD);
      elki.clustering.hierarchical.linkage.Linkage l = switch (linkage) {
        case WARD -> WardLinkage.STATIC;
        case COMPLETE -> CompleteLinkage.STATIC;
        case AVERAGE -> GroupAverageLinkage.STATIC;
        case SINGLE -> SingleLinkage.STATIC;
      };
      EuclideanDistance euclid = EuclideanDistance.STATIC;
      String algo = name.substring("elki-".length(), name.lastIndexOf('-'));
      return () -> {
        ClusterMergeHistory h = switch (algo) {
          case "nnchain" -> new NNChain<DoubleVector>(euclid, l).run(relation);
          case "anderberg" -> new Anderberg<DoubleVector>(euclid, l).run(relation);
          case "slink" -> new SLINK<DoubleVector>(euclid).run(relation);
          default -> throw new IllegalArgumentException("unknown ELKI algorithm in case " + name);
        };
        double[] heights = new double[h.numMerges()];
        for (int i = 0; i < heights.length; i++) {
          heights[i] = h.getMergeHeight(i);
        }
        Arrays.sort(heights);
        return heights;
      };
    }
    throw new IllegalArgumentException("unknown case " + name + "; cases are " + CASES);
  }
}
