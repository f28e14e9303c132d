package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.features.FeatureMatrix;
import dev.segmint.internal.Sampling;
import elki.clustering.kmedoids.FasterPAM;
import elki.clustering.kmedoids.initialization.KMedoidsInitialization;
import elki.data.Cluster;
import elki.data.DoubleVector;
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
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ELKI 0.8.0's FasterPAM (Schubert's own implementation) as the reference: the same Gower distances (the
 * precomputed matrix of {@link KMedoidsTest#referenceDistances}, written from daisy's formula without Segmint's
 * Gower), the same start (the k customers Segmint draws from the seed), the same medoids and cost.
 */
class KMedoidsElkiTest {

  /** Row i is the one-value vector (i); the distance looks the pair up in the matrix. */
  static final class MatrixDistance extends AbstractNumberVectorDistance {
    final double[][] dist;

    MatrixDistance(double[][] dist) {
      this.dist = dist;
    }

    @Override
    public double distance(NumberVector a, NumberVector b) {
      return dist[(int) a.doubleValue(0)][(int) b.doubleValue(0)];
    }
  }

  /** The medoid rows ELKI's FasterPAM ends with from {@code start}, sorted. */
  static int[] elkiMedoids(double[][] dist, int[] start, int k) {
    int n = dist.length;
    double[][] index = new double[n][];
    for (int i = 0; i < n; i++) {
      index[i] = new double[] {i};
    }
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(index));
    db.initialize();
    Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    ArrayDBIDs ids = DBIDUtil.ensureArray(relation.getDBIDs());
    KMedoidsInitialization<NumberVector> init = (kk, all, dq) -> {
      ArrayModifiableDBIDs chosen = DBIDUtil.newArray(kk);
      DBIDArrayIter it = ids.iter();
      for (int row : start) {
        chosen.add(it.seek(row));
      }
      return chosen;
    };
    elki.data.Clustering<MedoidModel> c = new FasterPAM<NumberVector>(new MatrixDistance(dist), k, 100, init)
        .run(relation);
    int[] medoids = new int[k];
    int j = 0;
    for (Cluster<MedoidModel> cl : c.getAllClusters()) {
      medoids[j++] = (int) relation.get(cl.getModel().getMedoid()).doubleValue(0);
    }
    Arrays.sort(medoids);
    return medoids;
  }

  @ParameterizedTest(name = "n = {0}, k = {1}, seed {2}")
  @CsvSource({"60, 2, 1", "200, 3, 2", "500, 4, 3", "500, 6, 4", "900, 5, 5"})
  void sameMedoidsAndCostAsElkiFromTheSameStart(int n, int k, long seed) {
    FeatureMatrix m = KMedoidsTest.mixedData(n, 100 + seed);
    double[][] dist = KMedoidsTest.referenceDistances(m, new double[] {1, 1, 1, 1});
    // the start Segmint draws for n ≤ sampleSize: k customers by Sampling.sortedSample from the seed
    int[] start = Sampling.sortedSample(n, k, new SplittableRandom(seed));
    int[] elki = elkiMedoids(dist, start, k);
    KMedoids.Result r = KMedoids.Options.of(k).withSeed(seed).fit(m);
    int[] ours = r.medoidRows();
    Arrays.sort(ours);
    assertArrayEquals(elki, ours, "medoids");
    assertEquals(KMedoidsTest.cost(dist, elki), r.cost(), 1e-9 * r.cost(), "cost");
    // the default path above precomputes the float triangle at these sizes; on the fly gives the same medoids
    KMedoids.Result fly = KMedoids.Options.of(k).withSeed(seed).withMatrixBytes(0).fit(m);
    int[] flyMedoids = fly.medoidRows();
    Arrays.sort(flyMedoids);
    assertArrayEquals(elki, flyMedoids, "medoids on the fly");
    assertEquals(r.cost(), fly.cost(), 0, "cost on the fly");
  }
}
