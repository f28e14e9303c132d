package dev.segmint.benchmarks.kmedoids;

import dev.segmint.cluster.Gower;
import dev.segmint.cluster.KMedoids;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Sampling;
import elki.clustering.kmedoids.FasterPAM;
import elki.clustering.kmedoids.initialization.KMedoidsInitialization;
import elki.data.Cluster;
import elki.data.NumberVector;
import elki.data.model.MedoidModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.ArrayDBIDs;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDArrayIter;
import elki.database.ids.DBIDUtil;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.AbstractNumberVectorDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The k-medoids workload: generated customers with 8 numeric and 4 categorical features, and the two fits compared
 * on it from the same start with the same Gower distances.
 *
 * <p>Generator (seed 20): 6 groups of random sizes; numeric feature f of group g is centred at a uniform draw in
 * [0, 10) with sd 1.5 (gaussian); categorical feature f has 3, 5, 8 and 12 levels, a customer takes its group's level
 * with probability 0.6 and a uniform level otherwise, and 2 % of the categorical values are missing.
 *
 * <p>Both fits start from the same k = 6 customers, the ones Segmint draws from seed 1 when it does not sample
 * ({@code Sampling.sortedSample(n, k, new SplittableRandom(1))}), and use the Gower distance fitted on the data with
 * equal weights: Segmint decides every swap on the distances of its blocked kernel (precomputed as floats only to rule
 * candidates out), ELKI calls {@link Gower.Pairs#distance} (the same arithmetic, so the same values bit for bit)
 * through a distance function over one-value index vectors.
 */
public final class MixedWorkload {
  private MixedWorkload() {}

  /** Segments of every fit. */
  public static final int K = 6;
  /** Seed of the start. */
  public static final long SEED = 1;
  static final int[] LEVELS = {3, 5, 8, 12};
  static final int NUMERIC = 8;

  /** n generated customers (see the class comment). */
  public static FeatureMatrix customers(int n) {
    Random r = new Random(20);
    int groups = 6;
    double[][] centre = new double[groups][NUMERIC];
    int[][] level = new int[groups][LEVELS.length];
    for (int g = 0; g < groups; g++) {
      for (int f = 0; f < NUMERIC; f++) {
        centre[g][f] = 10 * r.nextDouble();
      }
      for (int f = 0; f < LEVELS.length; f++) {
        level[g][f] = r.nextInt(LEVELS[f]);
      }
    }
    double[] weight = new double[groups];
    double sum = 0;
    for (int g = 0; g < groups; g++) {
      weight[g] = 0.3 + r.nextDouble();
      sum += weight[g];
    }
    String[] ids = new String[n];
    double[] x = new double[n * NUMERIC];
    short[] codes = new short[n * LEVELS.length];
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      double u = r.nextDouble() * sum;
      int g = 0;
      while (g < groups - 1 && u >= weight[g]) {
        u -= weight[g];
        g++;
      }
      for (int f = 0; f < NUMERIC; f++) {
        x[i * NUMERIC + f] = centre[g][f] + 1.5 * r.nextGaussian();
      }
      for (int f = 0; f < LEVELS.length; f++) {
        int code = r.nextDouble() < 0.6 ? level[g][f] : r.nextInt(LEVELS[f]);
        codes[i * LEVELS.length + f] = (short) (r.nextDouble() < 0.02 ? -1 : code);
      }
    }
    String[] numNames = new String[NUMERIC];
    for (int f = 0; f < NUMERIC; f++) {
      numNames[f] = "x" + f;
    }
    String[] catNames = new String[LEVELS.length];
    List<List<String>> levels = new ArrayList<>();
    for (int f = 0; f < LEVELS.length; f++) {
      catNames[f] = "c" + f;
      List<String> l = new ArrayList<>();
      for (int v = 0; v < LEVELS[f]; v++) {
        l.add("c" + f + "_" + v);
      }
      levels.add(l);
    }
    return FeatureMatrix.mixed(ids, numNames, x, null, catNames, levels, codes);
  }

  /** Segmint's options: k = 6, seed 1, no sampled start (the start ELKI gets too). */
  public static KMedoids.Options options(int threads) {
    return KMedoids.Options.of(K).withSeed(SEED).withSampleSize(0).withThreads(threads);
  }

  /** The start both fits take. */
  public static int[] start(int n) {
    return Sampling.sortedSample(n, K, new SplittableRandom(SEED));
  }

  /** ELKI's distance: the Gower distance of the index vectors' customers. */
  static final class GowerDistance extends AbstractNumberVectorDistance {
    final Gower.Pairs pairs;

    GowerDistance(Gower.Pairs pairs) {
      this.pairs = pairs;
    }

    @Override
    public double distance(NumberVector a, NumberVector b) {
      return pairs.distance((int) a.doubleValue(0), (int) b.doubleValue(0));
    }
  }

  /** ELKI's input, built outside the timed call: a relation of one-value index vectors and the Gower distance. */
  public record Elki(Relation<NumberVector> relation, GowerDistance distance, int[] start) {}

  public static Elki elki(FeatureMatrix m) {
    int n = m.rows();
    double[][] index = new double[n][];
    for (int i = 0; i < n; i++) {
      index[i] = new double[] {i};
    }
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(index));
    db.initialize();
    Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    return new Elki(relation, new GowerDistance(Gower.fit(m, Map.of()).pairs(m)), start(n));
  }

  /** ELKI 0.8.0's FasterPAM from the shared start; returns the cost of its medoids. */
  public static double elkiCost(Elki e) {
    ArrayDBIDs ids = DBIDUtil.ensureArray(e.relation().getDBIDs());
    KMedoidsInitialization<NumberVector> init = (k, all, dq) -> {
      ArrayModifiableDBIDs chosen = DBIDUtil.newArray(k);
      DBIDArrayIter it = ids.iter();
      for (int row : e.start()) {
        chosen.add(it.seek(row));
      }
      return chosen;
    };
    elki.data.Clustering<MedoidModel> c = new FasterPAM<NumberVector>(e.distance(), K, 100, init)
        .run(e.relation());
    int[] medoids = new int[K];
    int j = 0;
    for (Cluster<MedoidModel> cl : c.getAllClusters()) {
      medoids[j++] = (int) e.relation().get(cl.getModel().getMedoid()).doubleValue(0);
    }
    return cost(e.distance().pairs, medoids);
  }

  /** Sum over customers of the Gower distance to the nearest of the medoids. */
  public static double cost(Gower.Pairs pairs, int[] medoids) {
    double total = 0;
    for (int i = 0; i < pairs.size(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int m : medoids) {
        best = Math.min(best, pairs.distance(i, m));
      }
      total += best;
    }
    return total;
  }
}
