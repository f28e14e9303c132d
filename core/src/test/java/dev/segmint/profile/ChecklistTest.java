package dev.segmint.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.quality.Quality;
import dev.segmint.quality.Stability;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ChecklistTest {

  @Test
  void eachCriterionPassesOrFailsWithItsNumber() {
    // two big separated blobs and a tiny third one (10 customers: not measurable with the default 30)
    Random rnd = new Random(4);
    int n = 410;
    double[][] rows = new double[n][];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      int b = i < 200 ? 0 : i < 400 ? 1 : 2;
      ids[i] = "c" + i;
      rows[i] = new double[] {b * 8 + rnd.nextGaussian(), (b == 2 ? 8 : 0) + rnd.nextGaussian()};
    }
    FeatureMatrix m = FeatureMatrix.of(ids, new String[] {"spend", "visits"}, rows);
    KMeans.Options o = KMeans.Options.of(3).withNInit(3).withThreads(1);
    int[] labels = KMeans.fit(m, o.withSeed(1)).labels();
    Table t = m.toTable();
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    Stability.Result st = Stability.run(m, labels, (s, seed) -> KMeans.fit(s, o.withSeed(seed)).labels(),
        Stability.Options.bootstrap(10).withSeed(2));
    Checklist c = Checklist.of(p, m, st);
    assertEquals(3, c.rows().size());
    Checklist.Row tiny = c.row(2);
    assertEquals(Checklist.Status.FAIL, tiny.measurable().status());
    assertEquals(10.0 / 410, tiny.measurable().value(), 1e-12);
    assertTrue(tiny.measurable().detail().contains("needs ≥ 30"), tiny.measurable().detail());
    double[] sil = Quality.silhouette(m, labels, 1).perSegment();
    for (Checklist.Row r : c.rows()) {
      assertEquals(sil[r.segment()], r.distinct().value(), 1e-12, "the number behind distinct is the silhouette");
      assertEquals(Checklist.Status.PASS, r.distinct().status());
      assertEquals(Checklist.Status.PASS, r.stable().status(), r.stable().detail());
      assertEquals(st.meanJaccard(r.segment()), r.stable().value(), 1e-12);
      assertEquals(Checklist.Status.PASS, r.actionable().status(), r.actionable().detail());
    }
    assertTrue(!tiny.passedAll() && c.row(0).passedAll());
    assertTrue(c.toString().contains("FAIL"), c.toString());
    assertEquals(3, c.toTable().rowCount());

    // a silhouette computed once (e.g. for the quality indices) gives the same checklist; one of other labels is refused
    Checklist reused = Checklist.of(p, m, st, Quality.silhouette(m, labels, 2));
    assertEquals(c.toString(), reused.toString());
    int[] other = KMeans.fit(m, o.withK(2).withSeed(1)).labels();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Checklist.of(p, m, st, Quality.silhouette(m, other, 1)));

    Checklist without = Checklist.of(p);
    assertEquals(Checklist.Status.NOT_RUN, without.row(0).distinct().status());
    assertEquals(Checklist.Status.NOT_RUN, without.row(0).stable().status());
    assertEquals(Checklist.Status.PASS, without.row(0).measurable().status());
  }

  @Test
  void noDifferenceIsNotActionable() {
    Random rnd = new Random(8);
    double[] x = new double[300];
    int[] labels = new int[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
      labels[i] = i % 3;   // labels unrelated to the data
    }
    SegmentProfiles p = SegmentProfiles.of(Table.create("t", DoubleColumn.create("x", x)), labels);
    Checklist c = Checklist.of(p);
    for (Checklist.Row r : c.rows()) {
      assertEquals(Checklist.Status.FAIL, r.actionable().status());
      assertEquals("Close to average", r.name());
    }
  }

  @Test
  void oneSegmentIsProfiledAndNotCalledDistinct() {
    double[][] rows = {{1}, {2}, {3}, {4}};
    FeatureMatrix m = FeatureMatrix.of(new String[] {"a", "b", "c", "d"}, new String[] {"x"}, rows);
    int[] labels = {0, 0, 0, 0};
    SegmentProfiles p = SegmentProfiles.of(m.toTable(), labels);
    assertEquals("Close to average", p.segment(0).name());
    assertTrue(Double.isNaN(p.segment(0).numeric("x").pValue()), "no rest to compare with");
    Checklist c = Checklist.of(p, m, null);
    assertEquals(Checklist.Status.NOT_RUN, c.row(0).distinct().status());
    assertEquals(Checklist.Status.FAIL, c.row(0).measurable().status(), "4 customers");
  }
}
