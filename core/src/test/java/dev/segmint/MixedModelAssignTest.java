package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmint.cluster.KMedoids;
import dev.segmint.cluster.KPrototypes;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A model of a mixed-data algorithm assigns customers (its features are numeric and categorical), also after loading. */
class MixedModelAssignTest {

  // two groups: low spend with level "a", high spend with level "b"; the categorical feature is listed first in the
  // spec, so the pipeline's feature order differs from the matrix's (numeric, then categorical)
  private static Table customers() {
    return Table.create("c").addColumns(StringColumn.create("id", "1", "2", "3", "4", "5", "6"),
        DoubleColumn.create("spend", 1, 2, 1.5, 10, 11, 10.5),
        StringColumn.create("kind", "a", "a", "a", "b", "b", "b"));
  }

  private static FeatureSpec spec() {
    return FeatureSpec.builder().columns("id", "kind", "spend").add(CategoricalFeature.levels("kind"))
        .add(NumericFeature.of("spend").withScale(Scaler.Kind.STANDARD)).build();
  }

  @Test
  void kPrototypesAndKMedoidsModelsAssignAfterLoading(@TempDir Path dir) throws Exception {
    for (var clusterer : new dev.segmint.cluster.Clusterer[] {KPrototypes.Options.of(2).withSeed(1),
        KMedoids.Options.of(2).withSeed(1)}) {
      SegmentationModel model = Segmentation.builder().features(spec()).clusterer(clusterer).build()
          .fit(customers());
      // both groups hold 3 customers: the segments are {1,2,3} and {4,5,6} in some order
      int[] labels = model.labels();
      assertEquals(labels[0], labels[2]);
      assertEquals(labels[3], labels[5]);
      assertEquals(1 - labels[0], labels[3]);
      assertArrayEquals(labels, model.assign(customers()).segments());
      Path file = dir.resolve(clusterer.name() + ".json");
      model.save(file);
      SegmentationModel loaded = SegmentationModel.load(file);
      Table fresh = Table.create("new").addColumns(StringColumn.create("id", "n1", "n2"),
          DoubleColumn.create("spend", 1.2, 10.8), StringColumn.create("kind", "a", "b"));
      assertArrayEquals(new int[] {labels[0], labels[3]}, loaded.assign(fresh).segments(), clusterer.name());
    }
  }
}
