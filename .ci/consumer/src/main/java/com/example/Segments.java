package com.example;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import dev.segmint.kernel.Distances;
import dev.segmint.profile.SegmentProfiles;
import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

public class Segments {
  public static void main(String[] args) {
    Table customers = Table.create("customers",
        StringColumn.create("customer_id", "c1", "c2", "c3", "c4", "c5", "c6", "c7"),
        DoubleColumn.create("orders", 1, 2, 1, 3, 18, 24, 21),
        DoubleColumn.create("spend", 30, 55, 20, 60, 900, 1250, 1010));
    FeatureMatrix m = FeatureMatrix.fromTable(customers, "customer_id", "orders", "spend");
    FeatureMatrix scaled = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    KMeans.Result km = KMeans.fit(scaled, KMeans.Options.of(2).withSeed(7));
    System.out.println("labels: " + Arrays.toString(km.labels()));
    System.out.println(SegmentProfiles.of(customers, km.labels(), "orders", "spend"));
    System.out.println("kernel: " + Distances.implementationName());
  }
}
