package dev.segmint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Dbscan;
import dev.segmint.cluster.Hdbscan;
import dev.segmint.cluster.KMeans;
import dev.segmint.cluster.Linkage;
import dev.segmint.features.CategoricalFeature;
import dev.segmint.features.DemographicFeatures;
import dev.segmint.features.EngagementFeatures;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.FeaturePipeline;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import dev.segmint.features.Scaler;
import dev.segmint.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SegmentationModelTest {

  @TempDir
  Path dir;

  static FeatureSpec rfmSpec() {
    RfmFeatures rfm = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").order("InvoiceNo")
        .quantity("Quantity").price("UnitPrice").build();
    return FeatureSpec.builder().rfm(rfm)
        .numeric(NumericFeature.of("x").withLog1p(), "recency_days", "frequency", "monetary").build();
  }

  /** The later part of the transactions: other customers, another as-of date. */
  static Table laterTransactions() {
    Table tx = TestData.onlineRetail();
    return tx.inRange(400_000, tx.rowCount());
  }

  static int mismatches(int[] a, int[] b) {
    assertEquals(a.length, b.length);
    int c = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        c++;
      }
    }
    return c;
  }

  @Test
  void kmeansIsTheBuildingBlocksComposed() {
    Table tx = TestData.onlineRetail();
    SegmentationModel model = Segmentation.builder().features(rfmSpec())
        .kmeans(KMeans.Options.of(4).withNInit(2)).seed(7).threads(2).build().fit(tx);
    // the same steps by hand
    FeaturePipeline pipeline = rfmSpec().fit(tx);
    FeatureMatrix m = pipeline.transform(tx);
    KMeans.Result km = KMeans.fit(m, KMeans.Options.of(4).withNInit(2).withSeed(7).withThreads(2));
    assertArrayEquals(m.ids(), model.customerIds());
    assertArrayEquals(m.toFlatArray(), model.features().toFlatArray());
    assertArrayEquals(km.labels(), model.labels());
    assertArrayEquals(km.sizes(), model.sizes());
    assertEquals(m.rows(), model.trainingRows());
    assertEquals(4, model.k());
    assertEquals(4, model.segmentNames().size());
    assertEquals(m.rows(), model.profiles().customers());
    assertEquals(dev.segmint.quality.Quality.silhouette(m, km.labels()), model.quality().silhouette(), 1e-9);
    // the same seed with one thread gives the same segments
    SegmentationModel one = Segmentation.builder().features(rfmSpec())
        .kmeans(KMeans.Options.of(4).withNInit(2)).seed(7).threads(1).build().fit(tx);
    assertArrayEquals(model.labels(), one.labels());
    // assigning the training transactions again: the nearest centroid is the training segment
    Assignment a = model.assign(tx);
    assertArrayEquals(m.ids(), a.ids());
    assertTrue(mismatches(model.labels(), a.segments()) <= m.rows() / 1000, "k-means labels are nearest centroids");
    assertEquals(a.size(), java.util.Arrays.stream(a.counts()).sum());
    assertTrue(model.toString().contains("k-means, k = 4, seed 7, 2 restarts"), model.toString());
    String html = model.report().toHtml();
    assertTrue(html.contains("<svg"));
  }

  @Test
  void progressReportsEveryPhase() {
    List<String> seen = new ArrayList<>();
    Segmentation.builder().columns("ID", "Income", "Recency").kmeans(2).seed(1)
        .progress((phase, done, total) -> seen.add(phase + " " + done + "/" + total)).build()
        .fit(TestData.marketingCampaign().dropRowsWithMissingValues());
    assertEquals(List.of("features 0/1", "features 1/1", "cluster 0/1", "cluster 1/1", "profiles 0/1", "profiles 1/1",
        "quality 0/1", "quality 1/1"), seen);
  }

  private void assertRoundTrip(SegmentationModel model, Table... inputs) throws Exception {
    Path file = dir.resolve(model.algorithm() + ".json");
    model.save(file);
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left");
    }
    SegmentationModel loaded = SegmentationModel.load(file);
    assertFalse(loaded.hasTrainingData());
    assertEquals(model.segmentNames(), loaded.segmentNames());
    assertEquals(model.segmentActions(), loaded.segmentActions());
    for (int c = 0; c < model.k(); c++) {
      assertEquals(model.profiles().segment(c).action().action(), model.segmentActions().get(c));
    }
    assertArrayEquals(model.sizes(), loaded.sizes());
    assertEquals(model.fingerprint(), loaded.fingerprint());
    assertEquals(model.trainingRows(), loaded.trainingRows());
    assertEquals(model.pipeline().featureNames(), loaded.pipeline().featureNames());
    for (Table t : inputs) {
      Assignment before = model.assign(t);
      Assignment after = loaded.assign(t);
      assertArrayEquals(before.ids(), after.ids());
      assertArrayEquals(before.segments(), after.segments());
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loaded::labels);
    assertTrue(e.getMessage().contains("a loaded model keeps the pipeline"), e.getMessage());
    assertTrue(loaded.toString().contains("loaded (library "), loaded.toString());
  }

  @Test
  void kmeansRoundTripGivesIdenticalAssignments() throws Exception {
    SegmentationModel model = Segmentation.builder().features(rfmSpec()).kmeans(5).seed(42).build()
        .fit(TestData.onlineRetail());
    assertRoundTrip(model, TestData.onlineRetail(), laterTransactions());
  }

  @Test
  void dbscanRoundTripGivesIdenticalAssignments() throws Exception {
    SegmentationModel model = Segmentation.builder().features(rfmSpec()).dbscan(Dbscan.Options.of(0.3, 10)).build()
        .fit(TestData.onlineRetail());
    assertTrue(model.k() >= 1);
    Assignment a = model.assign(TestData.onlineRetail());
    // a training core point's nearest core point is itself: same segment; noise stays noise unless near a core
    Dbscan.Result direct = Dbscan.fit(model.features(), Dbscan.Options.of(0.3, 10));
    boolean[] core = direct.core();
    // what a model file stores: the core points in training row order, each with its own segment
    double[][] rows = model.features().toArray();
    double[][] corePoints = direct.corePoints();
    int[] coreLabels = direct.coreLabels();
    for (int i = 0, t = 0; i < rows.length; i++) {
      if (core[i]) {
        assertArrayEquals(rows[i], corePoints[t], "core point " + t + " is row " + i);
        assertEquals(direct.labels()[i], coreLabels[t++], "segment of core point at row " + i);
      }
    }
    int[] labels = model.labels();
    int[] segs = a.segments();
    for (int i = 0; i < labels.length; i++) {
      if (core[i]) {
        assertEquals(labels[i], segs[i], "core point " + i);
      }
    }
    assertRoundTrip(model, TestData.onlineRetail(), laterTransactions());
  }

  @Test
  void hierarchicalRoundTripAndAgreementWithTrainingLabels() throws Exception {
    SegmentationModel ward = Segmentation.builder().features(rfmSpec()).hierarchical(Linkage.WARD, 4).build()
        .fit(TestData.onlineRetail());
    int[] again = ward.assign(TestData.onlineRetail()).segments();
    double agreement = 1 - (double) mismatches(ward.labels(), again) / again.length;
    // measured on Online Retail (4,338 customers, log1p RFM, standard scaled): ward k = 4 puts 86.3% (3,743) of the
    // customers back into their training segment; a tree's segments are not Voronoi cells, so some cross over
    assertEquals(0.863, agreement, 0.005, "ward agreement");
    assertRoundTrip(ward, TestData.onlineRetail(), laterTransactions());
  }

  @Test
  void hdbscanRoundTripGivesIdenticalAssignments() throws Exception {
    SegmentationModel model = Segmentation.builder().features(rfmSpec()).hdbscan(Hdbscan.Options.of(40)).build()
        .fit(TestData.onlineRetail());
    Hdbscan.Result direct = Hdbscan.fit(model.features(), Hdbscan.Options.of(40));
    assertArrayEquals(direct.labels(), model.labels());
    Assignment a = model.assign(laterTransactions());
    FeatureMatrix later = model.pipeline().transform(laterTransactions());
    assertArrayEquals(direct.approximatePredict(later).labels(), a.segments());
    // the saved state rebuilds the same tree: the same training labels and the same predictions
    Hdbscan.Result restored = Hdbscan.restore(direct.treeState());
    assertArrayEquals(direct.labels(), restored.labels());
    assertArrayEquals(direct.approximatePredict(later).probabilities(), restored.approximatePredict(later).probabilities());
    assertRoundTrip(model, TestData.onlineRetail(), laterTransactions());
  }

  @Test
  void mixedFeatureModelRoundTrip() throws Exception {
    Table customers = TestData.marketingCampaign();
    FeatureSpec spec = FeatureSpec.builder().columns("ID")
        .add(NumericFeature.of("Income").withImputeMedian().withMissingIndicator().withWinsorize(0.01, 0.99))
        .add(NumericFeature.of("Recency"))
        .add(NumericFeature.of("MntWines").withLog1p())
        .add(CategoricalFeature.ordinal("Education", "Basic", "2n Cycle", "Graduation", "Master", "PhD"))
        .add(CategoricalFeature.oneHot("Marital_Status").withMinCount(10))
        .add(CategoricalFeature.frequency("Kidhome"))
        .build();
    SegmentationModel model = Segmentation.builder().features(spec).kmeans(3).seed(3).build().fit(customers);
    assertEquals(customers.rowCount(), model.trainingRows());
    assertTrue(model.pipeline().featureNames().contains("Income_missing"));
    assertRoundTrip(model, customers, customers.inRange(0, 500));
  }

  /** Every demographic and engagement setting the marketing table can feed, as a reader of the guide would. */
  static FeatureSpec marketingSpec() {
    return FeatureSpec.builder()
        .demographics(DemographicFeatures.builder()
            .customer("ID").birthYear("Year_Birth").asOf(LocalDate.of(2014, 12, 31)).plausibleAge(18, 95)
            .ageBands(30, 45, 60).income("Income").education("Education").maritalStatus("Marital_Status")
            .householdSize("Marital_Status", Set.of("Married", "Together"), "Kidhome", "Teenhome")
            .build())
        .engagement(EngagementFeatures.builder()
            .customer("ID").webVisitsPerMonth("NumWebVisitsMonth").daysSinceLastActivity("Recency")
            .campaigns("AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "Response")
            .channel("web", "NumWebPurchases").channel("store", "NumStorePurchases")
            .channel("catalog", "NumCatalogPurchases").priorStrength(5)
            .build())
        .add(NumericFeature.of("age").withImputeMedian().withMissingIndicator())
        .add(NumericFeature.of("income").withImputeMedian().withWinsorize(0.01, 0.99).withScale(Scaler.Kind.ROBUST))
        .add(NumericFeature.of("household_size").withImputeMedian())
        .add(CategoricalFeature.oneHot("age_band").withImputeMode())
        .add(CategoricalFeature.ordinal("education", "Basic", "2n Cycle", "Graduation", "Master", "PhD")
            .withScale(Scaler.Kind.MINMAX))
        .add(CategoricalFeature.oneHot("marital_status").withMinCount(10).withWeight(0.5))
        .numeric(NumericFeature.of("x"), "web_visits_per_month", "days_since_last_activity",
            "share_web", "share_store", "share_catalog")
        .add(NumericFeature.of("campaigns_accepted").withLog1p())
        .build();
  }

  @Test
  void mixedModelsAssignTheirTrainingCustomersAndRoundTrip() throws Exception {
    Table customers = TestData.marketingCampaign();
    FeatureSpec spec = FeatureSpec.builder().columns("ID")
        .add(CategoricalFeature.levels("Education")).add(CategoricalFeature.levels("Marital_Status"))
        .numeric(NumericFeature.of("x").withImputeMedian(), "Income", "MntWines", "MntMeatProducts").build();
    for (var clusterer : List.of(dev.segmint.cluster.KPrototypes.Options.of(4).withSeed(2),
        dev.segmint.cluster.KMedoids.Options.of(4).withSeed(2))) {
      SegmentationModel model = Segmentation.builder().features(spec).clusterer(clusterer).build().fit(customers);
      // the features list the categorical ones too; assign matches both parts (it compared numeric names only)
      assertEquals(List.of("Education", "Marital_Status", "Income", "MntWines", "MntMeatProducts"),
          model.pipeline().featureNames());
      Assignment a = model.assign(customers);
      assertArrayEquals(model.labels(), a.segments(), clusterer.name());
      assertRoundTrip(model, customers, customers.inRange(0, 100));
    }
  }

  @Test
  void demographicsAndEngagementModelRoundTrip() throws Exception {
    Table customers = TestData.marketingCampaign();
    SegmentationModel model = Segmentation.builder().features(marketingSpec()).kmeans(4).seed(7).build()
        .fit(customers);
    assertEquals(2240, model.trainingRows());
    Map<String, Double> priors = model.pipeline().engagement().priors();
    assertEquals(List.of("share_web", "share_store", "share_catalog"), List.copyOf(priors.keySet()));
    // the prior of a share is the pooled share of all 2,240 customers' purchases: Σ web / Σ (web + store + catalog)
    double web = customers.numberColumn("NumWebPurchases").sum();
    double all = web + customers.numberColumn("NumStorePurchases").sum()
        + customers.numberColumn("NumCatalogPurchases").sum();
    assertEquals(web / all, priors.get("share_web"), 1e-12);
    // a subset pools other shares: identical assignments prove that the fitted priors, not the subset's, are used
    Table subset = customers.inRange(0, 300);
    assertRoundTrip(model, customers, subset);
    Path file = dir.resolve("kmeans.json");
    SegmentationModel loaded = SegmentationModel.load(file);
    assertEquals(priors, loaded.pipeline().engagement().priors());
    DemographicFeatures d = loaded.pipeline().spec().demographics();
    assertEquals(List.of("Married", "Together"), d.partneredValues());
    assertEquals(List.of("Kidhome", "Teenhome"), d.childColumns());
    assertArrayEquals(new int[] {30, 45, 60}, d.ageBands());
    assertEquals(5.0, loaded.pipeline().engagement().priorStrength());
    // every setting and fitted value is written: writing the loaded model again gives the same text
    String text = Files.readString(file);
    assertTrue(text.contains("\"demographics\": {"), text);
    assertEquals(text, ModelFile.toJson(ModelFile.read(file)));
  }

  @Test
  void concurrentAssignEqualsSequential() throws Exception {
    SegmentationModel model = Segmentation.builder().features(rfmSpec()).kmeans(4).seed(5).build()
        .fit(TestData.onlineRetail());
    Table tx = TestData.onlineRetail();
    List<Table> parts = List.of(tx.inRange(0, 60_000), tx.inRange(60_000, 120_000), tx.inRange(120_000, 180_000),
        tx.inRange(180_000, 240_000));
    List<int[]> sequential = new ArrayList<>();
    for (Table p : parts) {
      sequential.add(model.assign(p).segments());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> futures = new ArrayList<>();
      for (int rep = 0; rep < 3; rep++) {
        for (Table p : parts) {
          futures.add(pool.submit(() -> model.assign(p).segments()));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(sequential.get(i % parts.size()), futures.get(i).get(120, TimeUnit.SECONDS), "task " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badChoicesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Segmentation.builder().columns("ID", "Income").build());
    assertTrue(e.getMessage().startsWith("choose an algorithm"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Segmentation.builder().kmeans(3).dbscan(Dbscan.Options.of(1, 5)));
    assertTrue(e.getMessage().contains("already kmeans"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Segmentation.builder().columns("ID", "NoSuchColumn").kmeans(2).build().fit(TestData.marketingCampaign()));
    assertTrue(e.getMessage().contains("NoSuchColumn"), e.getMessage());
    assertNotNull(Segmentation.builder().columns("ID", "Income").kmeansAuto(2, 4).build().toString());
  }
}
