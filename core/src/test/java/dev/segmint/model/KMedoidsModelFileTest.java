package dev.segmint.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Clustering;
import dev.segmint.cluster.KMedoids;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.Scaler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A k-medoids model written to a model file and read back places every customer as the fitted one does. */
class KMedoidsModelFileTest {

  /** 240 customers: spend, recency, a colour and a channel in three loose groups. */
  static Table customers(long seed, int n) {
    Random r = new Random(seed);
    String[] colours = {"red", "green", "blue", "black"};
    String[] channels = {"web", "store", "phone"};
    String[] ids = new String[n];
    double[] spend = new double[n];
    double[] recency = new double[n];
    String[] colour = new String[n];
    String[] channel = new String[n];
    for (int i = 0; i < n; i++) {
      int g = r.nextInt(3);
      ids[i] = "c" + i;
      spend[i] = 100 * g + 30 * r.nextGaussian();
      recency[i] = 200 - 60 * g + 20 * r.nextGaussian();
      colour[i] = r.nextDouble() < 0.7 ? colours[g] : colours[r.nextInt(4)];
      channel[i] = channels[r.nextInt(3)];
    }
    return Table.create("customers", StringColumn.create("id", ids), DoubleColumn.create("spend", spend),
        DoubleColumn.create("recency", recency), StringColumn.create("colour", colour),
        StringColumn.create("channel", channel));
  }

  static FeaturePipeline pipeline(Table t) {
    return FeatureSpec.builder().columns("id")
        .add(NumericFeature.of("spend").withScale(Scaler.Kind.NONE))
        .add(CategoricalFeature.levels("colour"))
        .add(NumericFeature.of("recency").withScale(Scaler.Kind.NONE))
        .add(CategoricalFeature.levels("channel"))
        .build().fit(t);
  }

  @Test
  void aLoadedModelPredictsAsTheFittedOne() {
    Table train = customers(1, 240);
    FeaturePipeline p = pipeline(train);
    FeatureMatrix m = p.transform(train);
    KMedoids.Result fitted = KMedoids.Options.of(3).withSeed(4).withWeights(Map.of("colour", 2.0)).fit(m);
    List<String> names = List.of("one", "two", "three");
    ModelFile.Contents c = new ModelFile.Contents(ModelFile.libraryVersion(), p, fitted, names,
        List.of("", "", ""), fitted.sizes(), m.rows(), "0".repeat(64));
    String json = ModelFile.toJson(c);
    assertTrue(json.contains("\"algorithm\": \"kmedoids\"") && json.contains("\"ranges\"")
        && json.contains("\"tieOrder\""), json);
    ModelFile.Contents read = ModelFile.fromJson(json);
    Clustering loaded = read.clustering();
    assertEquals("kmedoids", loaded.name());
    assertEquals(fitted.settings(), loaded.settings());
    assertArrayEquals(fitted.sizes(), loaded.sizes());
    assertArrayEquals(fitted.centroids(), loaded.centroids());
    KMedoids.Result restored = (KMedoids.Result) loaded;
    assertArrayEquals(fitted.medoidIds(), restored.medoidIds());
    assertArrayEquals(fitted.medoidLevels(), restored.medoidLevels());
    assertArrayEquals(fitted.gower().ranges(), restored.gower().ranges(), 0);
    assertEquals(fitted.cost(), restored.cost(), 0);
    // the training customers and new ones (other levels order, an unseen colour, values outside the range)
    assertArrayEquals(fitted.labels(), loaded.predict(m));
    assertArrayEquals(fitted.labels(), fitted.predict(m));
    Table fresh = customers(2, 300);
    fresh.doubleColumn("spend").set(0, 5000.0);
    fresh.stringColumn("colour").set(1, "violet");
    FeatureMatrix fm = p.transform(fresh);
    int[] expected = fitted.predict(fm);
    assertArrayEquals(expected, loaded.predict(fm));
    // writing what was read gives the same text
    assertEquals(json, ModelFile.toJson(read));
    assertThrows(UnsupportedOperationException.class, loaded::labels);
    assertTrue(loaded.toString().contains("restored from a model file"), loaded.toString());
  }

  @Test
  void predictMatchesColumnsAndLevelsByName() {
    Table train = customers(3, 150);
    FeaturePipeline p = pipeline(train);
    FeatureMatrix m = p.transform(train);
    KMedoids.Result fitted = KMedoids.Options.of(2).withSeed(1).fit(m);
    // the same customers as a matrix built by hand: categorical columns swapped, levels in another order
    String[] ids = m.ids();
    int n = m.rows();
    List<String> colourLevels = new ArrayList<>(m.levels(m.categoricalIndex("colour")));
    Collections.reverse(colourLevels);
    List<String> channelLevels = m.levels(m.categoricalIndex("channel"));
    short[] codes = new short[n * 2];
    double[] x = new double[n * 2];
    for (int i = 0; i < n; i++) {
      codes[i * 2] = (short) channelLevels.indexOf(m.level(i, m.categoricalIndex("channel")));
      codes[i * 2 + 1] = (short) colourLevels.indexOf(m.level(i, m.categoricalIndex("colour")));
      x[i * 2] = m.get(i, m.columnIndex("recency"));
      x[i * 2 + 1] = m.get(i, m.columnIndex("spend"));
    }
    FeatureMatrix other = FeatureMatrix.mixed(ids, new String[] {"recency", "spend"}, x, null,
        new String[] {"channel", "colour"}, List.of(channelLevels, colourLevels), codes);
    assertArrayEquals(fitted.labels(), fitted.predict(other));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fitted.predict(FeatureMatrix.ofFlat(ids, new String[] {"spend", "recency"}, null, new double[n * 2])));
    assertTrue(e.getMessage().contains("do not match") && e.getMessage().contains("colour"), e.getMessage());
    assertTrue(Arrays.asList(fitted.featureNames()).containsAll(List.of("spend", "recency", "colour", "channel")));
  }
}
