package dev.segmint.benchmarks.density;

import elki.clustering.dbscan.DBSCAN;
import elki.clustering.hierarchical.HDBSCANLinearMemory;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;

/**
 * The peers of the density benchmarks, each called the way its documentation shows, with its minPts convention
 * translated to Segmint's (minPts counts the point itself): Smile and commons-math3 leave the point out (minPts − 1),
 * ELKI counts it (minPts). Each method returns the number of noise points, so the sanity tests can compare answers.
 */
public final class DensityPeers {
  private DensityPeers() {}

  /** Smile 6.3 DBSCAN (its KD-tree): noise count. */
  public static int smileDbscan(double[][] rows, double eps, int minPts) {
    int[] g = smile.clustering.DBSCAN.fit(rows, minPts - 1, eps).group();
    int noise = 0;
    for (int l : g) {
      if (l == smile.clustering.Clustering.OUTLIER) {
        noise++;
      }
    }
    return noise;
  }

  /** Smile 6.3 HDBSCAN: number of clusters. */
  public static int smileHdbscan(double[][] rows, int minPts, int minClusterSize) {
    return smile.clustering.HDBSCAN.fit(rows, minPts, minClusterSize).k();
  }

  /** commons-math3 DBSCANClusterer (brute-force neighbourhoods): noise count. */
  public static int commonsMathDbscan(List<DoublePoint> points, double eps, int minPts) {
    List<org.apache.commons.math3.ml.clustering.Cluster<DoublePoint>> clusters =
        new DBSCANClusterer<DoublePoint>(eps, minPts - 1).cluster(points);
    int clustered = 0;
    for (org.apache.commons.math3.ml.clustering.Cluster<DoublePoint> c : clusters) {
      clustered += c.getPoints().size();
    }
    return points.size() - clustered;
  }

  public static List<DoublePoint> doublePoints(double[][] rows) {
    List<DoublePoint> out = new ArrayList<>(rows.length);
    for (double[] r : rows) {
      out.add(new DoublePoint(r));
    }
    return out;
  }

  /** An ELKI in-memory database of the rows; ELKI's query optimizer adds its k-d tree when a query needs one. */
  public static Relation<NumberVector> elkiRelation(double[][] rows) {
    Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows));
    db.initialize();
    return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
  }

  /** ELKI 0.8.0 DBSCAN: noise count. */
  public static int elkiDbscan(Relation<NumberVector> rel, double eps, int minPts) {
    Clustering<Model> c = new DBSCAN<NumberVector>(EuclideanDistance.STATIC, eps, minPts).run(rel);
    int noise = 0;
    for (Cluster<Model> k : c.getAllClusters()) {
      if (k.isNoise()) {
        noise += k.size();
      }
    }
    return noise;
  }

  /** ELKI 0.8.0 HDBSCAN (linear memory variant): size of the merge history (hierarchy only, no extraction). */
  public static int elkiHdbscan(Relation<NumberVector> rel, int minPts) {
    return new HDBSCANLinearMemory<NumberVector>(EuclideanDistance.STATIC, minPts).run(rel).size();
  }

}
