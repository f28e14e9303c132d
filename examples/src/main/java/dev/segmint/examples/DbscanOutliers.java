package dev.segmint.examples;

import dev.segmint.cluster.Dbscan;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Outliers among the Online Retail customers with DBSCAN: eps read off the knee of the k-distance curve, the
 * customers DBSCAN leaves as noise counted and profiled against the rest, and the most extreme of them listed.
 *
 * <pre>{@code java -cp cli/target/segmint.jar:examples/target/classes dev.segmint.examples.DbscanOutliers data}</pre>
 */
public final class DbscanOutliers {
  private DbscanOutliers() {}

  /** What the example found: the clustered space, the k-distance curve, the DBSCAN fit and the profiles. */
  public record Result(FeatureMatrix features, Dbscan.KDistance kDistance, Dbscan.Result dbscan,
      SegmentProfiles profiles) {}

  public static void main(String[] args) {
    run(Datasets.dir(args), System.out);
  }

  /** Runs the example on the data folder {@code dir}, printing to {@code out}. */
  public static Result run(Path dir, PrintStream out) {
    Table rfm = Datasets.onlineRetailRfm(dir);
    FeatureMatrix scaled = Datasets.logScaledRfm(rfm);
    // tag::dbscan[]
    int minPts = 10;                                    // counts the point itself, as scikit-learn's min_samples
    Dbscan.KDistance curve = Dbscan.kDistance(scaled, minPts, 5_000, 1);
    out.println(curve);                                 // knee of the sorted 9-nn distances = suggested eps
    Dbscan.Result db = Dbscan.fit(scaled, Dbscan.Options.of(curve.eps(), minPts));
    out.println(db);                                    // segments, core / border / noise counts
    // end::dbscan[]

    // tag::outliers[]
    SegmentProfiles profiles = SegmentProfiles.of(rfm, db.labels(),
        "recency_days", "frequency", "monetary", "avg_order_value", "rfm_segment");
    SegmentProfile noise = profiles.segment(-1);        // "Noise": profiled against everyone else
    out.println(noise);
    Table outliers = rfm.copy().addColumns(IntColumn.create("segment", db.labels()))
        .where(t -> t.intColumn("segment").isEqualTo(-1))
        .sortDescendingOn("monetary");
    Table top = outliers.selectColumns("customer_id", "recency_days", "frequency", "monetary", "avg_order_value",
        "rfm_segment").first(10).setName("the 10 largest spenders among the " + outliers.rowCount() + " outliers");
    top.replaceColumn("monetary", top.doubleColumn("monetary").roundInt().setName("monetary"));
    top.replaceColumn("avg_order_value", top.doubleColumn("avg_order_value").roundInt().setName("avg_order_value"));
    out.println(top.print());
    // end::outliers[]
    out.println("outliers: " + db.noiseCount() + " of " + scaled.rows() + " customers, eps "
        + String.format("%.4f", curve.eps()) + ", segments " + Arrays.toString(db.sizes()));
    return new Result(scaled, curve, db, profiles);
  }
}
