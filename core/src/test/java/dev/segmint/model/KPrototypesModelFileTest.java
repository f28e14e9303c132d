package dev.segmint.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.KPrototypes;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A k-prototypes model saved and read back predicts exactly as the fit; the file names the modes' levels. */
class KPrototypesModelFileTest {

  /** 400 customers: income and visits (numeric), channel and region (categories), two groups. */
  static Table customers(int n, long seed) {
    Random r = new Random(seed);
    String[] ids = new String[n];
    double[] income = new double[n];
    double[] visits = new double[n];
    String[] channel = new String[n];
    String[] region = new String[n];
    String[] channels = {"web", "store", "phone"};
    String[] regions = {"north", "south", "east", "west"};
    for (int i = 0; i < n; i++) {
      int g = r.nextInt(2);
      ids[i] = "c" + i;
      income[i] = 30 + 40 * g + 8 * r.nextGaussian();
      visits[i] = 5 + 10 * g + 3 * r.nextGaussian();
      channel[i] = r.nextDouble() < 0.8 ? channels[g] : channels[r.nextInt(3)];
      region[i] = r.nextDouble() < 0.05 ? null : regions[r.nextDouble() < 0.7 ? 2 * g : r.nextInt(4)];
    }
    return Table.create("customers", StringColumn.create("id", ids), DoubleColumn.create("income", income),
        DoubleColumn.create("visits", visits), StringColumn.create("channel", channel),
        StringColumn.create("region", region));
  }

  @Test
  void saveLoadPredictsTheSame() {
    FeatureSpec spec = FeatureSpec.builder().columns("id").add(CategoricalFeature.levels("channel"))
        .add(NumericFeature.of("income")).add(NumericFeature.of("visits"))
        .add(CategoricalFeature.levels("region").withImputeMode())
        .build();
    Table train = customers(400, 1);
    FeaturePipeline p = spec.fit(train);
    FeatureMatrix m = p.transform(train);
    KPrototypes.Result fit = KPrototypes.Options.of(3).withSeed(5).fit(m);
    ModelFile.Contents contents = new ModelFile.Contents("test", p, fit, List.of("s0", "s1", "s2"),
        List.of("", "", ""), fit.sizes(), m.rows(), "0".repeat(64));
    String json = ModelFile.toJson(contents);
    assertTrue(json.contains("\"algorithm\": \"kprototypes\""), json);
    String[][] modes = fit.modeLevels();
    assertTrue(json.contains("\"" + modes[0][0] + "\""), "modes are written as level names:\n" + json);
    ModelFile.Contents read = ModelFile.fromJson(json);
    Clustering restored = read.clustering();
    assertEquals("kprototypes", restored.name());
    KPrototypes.Result r = (KPrototypes.Result) restored;
    assertEquals(fit.gamma(), r.gamma(), 0);
    assertArrayEquals(fit.centroids(), r.centroids());
    assertArrayEquals(modes, r.modeLevels());
    assertArrayEquals(fit.sizes(), r.sizes());
    assertEquals(fit.settings(), r.settings());
    // the same predictions on the training customers and on new ones (unseen levels included)
    assertArrayEquals(fit.labels(), r.predict(m));
    Table fresh = customers(300, 2);
    fresh.stringColumn("channel").set(0, "fax");
    FeatureMatrix f = p.transform(fresh);
    assertArrayEquals(fit.predict(f), r.predict(f));
    // writing what was read gives the same text
    assertEquals(json, ModelFile.toJson(read));
    assertThrows(UnsupportedOperationException.class, r::labels);
    assertTrue(r.toString().contains("restored from a model file"), r.toString());
  }

  @Test
  void anEditedModeIsRefused() {
    FeatureSpec spec = FeatureSpec.builder().columns("id").add(NumericFeature.of("income"))
        .add(CategoricalFeature.levels("channel")).build();
    Table train = customers(200, 3);
    FeaturePipeline p = spec.fit(train);
    FeatureMatrix m = p.transform(train);
    KPrototypes.Result fit = KPrototypes.Options.of(2).withSeed(1).fit(m);
    String json = ModelFile.toJson(new ModelFile.Contents("test", p, fit, List.of("s0", "s1"), List.of("", ""),
        fit.sizes(), m.rows(), "0".repeat(64)));
    String mode = fit.modeLevels()[0][0];
    String edited = json.replaceFirst("\"modes\": \\[\\s*\\[\\s*\"" + mode + "\"", "\"modes\": [[\"fax\"");
    assertTrue(!edited.equals(json), json);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromJson(edited));
    assertTrue(e.getMessage().contains("mode 'fax' of segment 0 is not a level of 'channel'"), e.getMessage());
  }
}
