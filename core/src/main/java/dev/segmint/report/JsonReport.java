package dev.segmint.report;

import dev.segmint.model.Json;
import dev.segmint.profile.CategoricalProfile;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.FeatureEffect;
import dev.segmint.profile.FeatureTest;
import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import java.util.List;
import java.util.Map;

/** The JSON rendering of a {@link Report}: everything in it, numbers unrounded, NaN as null. */
final class JsonReport {
  private JsonReport() {}

  static String render(Report r) {
    Json j = new Json().pretty();
    SegmentProfiles p = r.profiles;
    j.beginObject();
    j.field("format", "segmint-report/1");
    j.field("title", r.title);
    j.field("customers", p.customers());
    j.field("segment_count", p.segments().stream().filter(s -> !s.isNoise()).count());
    j.name("summary").beginObject();
    for (Map.Entry<String, String> e : r.summary.entrySet()) {
      j.field(e.getKey(), e.getValue());
    }
    j.endObject();
    j.name("options").beginObject().field("test", p.options().test().label()).field("alpha", p.options().alpha())
        .field("min_effect", p.options().minEffect()).field("name_effect", p.options().nameEffect())
        .field("effect_size", p.options().test() == SegmentProfiles.Test.WELCH ? "Cohen's d on the values"
            : "Cohen's d on the mid-ranks")
        .field("p_adjustment", "Benjamini-Hochberg").endObject();
    if (r.indices != null) {
      j.name("quality").beginObject().field("silhouette", r.indices.silhouette())
          .field("silhouette_sample", r.indices.sampleSize())
          .field("calinski_harabasz", r.indices.calinskiHarabasz()).field("davies_bouldin", r.indices.daviesBouldin())
          .field("inertia", r.indices.inertia()).field("noise_left_out", r.indices.noise()).endObject();
    }
    j.name("population").beginObject().name("numeric").beginObject();
    for (Map.Entry<String, NumericSummary> e : p.population().entrySet()) {
      j.name(e.getKey());
      summary(j, e.getValue());
    }
    j.endObject().name("categorical").beginObject();
    for (Map.Entry<String, List<LevelShare>> e : p.populationLevels().entrySet()) {
      j.name(e.getKey()).beginArray();
      for (LevelShare l : e.getValue()) {
        j.beginObject().field("level", l.level()).field("count", l.count()).field("share", l.share()).endObject();
      }
      j.endArray();
    }
    j.endObject().endObject();
    j.name("segments").beginArray();
    for (SegmentProfile s : p.segments()) {
      j.beginObject().field("segment", s.segment()).field("noise", s.isNoise()).field("name", s.name())
          .field("size", s.size()).field("share", s.share());
      j.name("rfm_segment");
      if (s.rfmSegment().isPresent()) {
        j.beginObject().field("level", s.rfmSegment().get().level()).field("share", s.rfmSegment().get().share())
            .endObject();
      } else {
        j.nullValue();
      }
      j.name("action").beginObject().field("action", s.action().action())
          .field("source", s.action().source().name().toLowerCase(java.util.Locale.ROOT))
          .field("basis", s.action().basis()).endObject();
      j.name("facts").beginArray();
      for (String f : s.facts()) {
        j.value(f);
      }
      j.endArray();
      j.name("top_features").beginArray();
      for (FeatureEffect e : s.topFeatures()) {
        effect(j, e);
      }
      j.endArray();
      j.name("numeric").beginArray();
      for (NumericProfile np : s.numeric().values()) {
        j.beginObject().field("feature", np.feature());
        j.name("stats");
        summary(j, np.stats());
        j.field("z_score", np.zScore()).field("relative_difference", np.relativeDifference())
            .field("effect_size", np.effectSize()).field("p_value", np.pValue())
            .field("p_adjusted", np.adjustedPValue()).endObject();
      }
      j.endArray();
      j.name("categorical").beginArray();
      for (CategoricalProfile cp : s.categorical().values()) {
        j.beginObject().field("feature", cp.feature()).field("p_value", cp.pValue())
            .field("p_adjusted", cp.adjustedPValue()).name("levels").beginArray();
        for (LevelShare l : cp.levels()) {
          j.beginObject().field("level", l.level()).field("count", l.count()).field("share", l.share())
              .field("population_share", l.populationShare()).field("lift", l.lift())
              .field("effect_size", l.effectSize()).endObject();
        }
        j.endArray().endObject();
      }
      j.endArray();
      if (r.rules.containsKey(s.segment())) {
        j.field("rule", r.rules.get(s.segment()));
      }
      if (r.checklist != null && !s.isNoise()) {
        Checklist.Row row = r.checklist.row(s.segment());
        j.name("checklist").beginObject();
        check(j, "measurable", row.measurable());
        check(j, "distinct", row.distinct());
        check(j, "stable", row.stable());
        check(j, "actionable", row.actionable());
        j.endObject();
      }
      j.endObject();
    }
    j.endArray();
    if (r.value != null) {
      SegmentValues v = r.value;
      j.name("value").beginObject().field("horizon_days", v.horizonDays()).field("discount", v.discount())
          .field("total_clv", v.totalClv()).field("customers", v.customers())
          .field("without_prediction", v.withoutPrediction()).field("unsegmented", v.unsegmented())
          .name("segments").beginArray();
      for (SegmentValues.Segment s : v.segments()) {
        j.beginObject().field("segment", s.segment()).field("name", s.name()).field("customers", s.customers())
            .field("predicted", s.predicted()).field("total_clv", s.totalClv()).field("mean_clv", s.meanClv())
            .field("share_of_value", s.share()).field("mean_p_alive", s.meanPAlive())
            .field("expected_purchases", s.expectedPurchases()).endObject();
      }
      j.endArray().name("sentences").beginArray();
      for (String line : v.sentences()) {
        j.value(line);
      }
      j.endArray().endObject();
    }
    j.name("tests").beginArray();
    for (FeatureTest t : p.featureTests()) {
      j.beginObject().field("feature", t.feature()).field("test", t.test()).field("statistic", t.statistic())
          .field("df", t.df()).field("p_value", t.pValue()).field("p_adjusted", t.adjustedPValue())
          .field("effect_name", t.effectName()).field("effect_size", t.effectSize()).field("anova_f", t.anovaF())
          .field("anova_p_value", t.anovaPValue()).field("eta_squared", t.etaSquared()).endObject();
    }
    j.endArray();
    if (r.stability != null) {
      var st = r.stability;
      j.name("stability").beginObject().field("method", "clusterboot (Hennig 2007)")
          .field("scheme", st.options().scheme().name().toLowerCase(java.util.Locale.ROOT))
          .field("replicates", st.replicates()).field("seed", st.options().seed())
          .field("seconds", st.nanos() / 1e9).field("mean_distinct_points", st.meanDistinct());
      j.name("ari").array(st.ari());
      j.name("ari_quartiles").array(st.ariQuartiles());
      j.name("segments").beginArray();
      int[] segs = st.segments();
      double[] mj = st.meanJaccard();
      int[] dis = st.dissolved();
      int[] rec = st.recovered();
      for (int c = 0; c < segs.length; c++) {
        j.beginObject().field("segment", segs[c]).field("jaccard", mj[c]).field("dissolved", dis[c])
            .field("recovered", rec[c]).field("verdict", dev.segmint.quality.Stability.Result.verdict(mj[c]))
            .endObject();
      }
      j.endArray().endObject();
    }
    if (r.projection != null) {
      j.name("projection").beginObject().field("method", "PCA").field("points_plotted", r.projection.plotted())
          .field("points", r.projection.total());
      j.name("explained_variance").array(r.projection.explained());
      j.endObject();
    }
    if (r.kCurves != null) {
      j.name("k_selection").beginObject().field("chosen", r.kCurves.chosen());
      j.name("k").array(r.kCurves.ks());
      j.name("inertia").array(r.kCurves.inertia());
      j.name("silhouette").array(r.kCurves.silhouette());
      j.endObject();
    }
    if (r.kDistance != null) {
      j.name("k_distance").beginObject().field("k", r.kDistance.k()).field("eps", r.kDistance.eps());
      j.name("distances").array(r.kDistance.distances());
      j.endObject();
    }
    if (r.dendrogram != null) {
      j.name("dendrogram").beginObject().field("caption", r.dendrogram.caption()).name("linkage").beginArray();
      for (double[] row : r.dendrogram.linkage()) {
        j.array(row);
      }
      j.endArray();
      j.name("leaf_labels");
      if (r.dendrogram.leafLabels() == null) {
        j.nullValue();
      } else {
        j.beginArray();
        for (String l : r.dendrogram.leafLabels()) {
          j.value(l);
        }
        j.endArray();
      }
      j.endObject();
    }
    j.name("notes").beginArray();
    for (String n : r.notes) {
      j.value(n);
    }
    j.endArray();
    j.endObject();
    return j.toString() + "\n";
  }

  private static void summary(Json j, NumericSummary s) {
    j.beginObject().field("count", s.count()).field("missing", s.missing()).field("mean", s.mean())
        .field("sd", s.sd()).field("min", s.min()).field("p05", s.p05()).field("q1", s.q1())
        .field("median", s.median()).field("q3", s.q3()).field("p95", s.p95()).field("max", s.max()).endObject();
  }

  private static void effect(Json j, FeatureEffect e) {
    j.beginObject().field("feature", e.feature()).field("level", e.level()).field("effect_size", e.effectSize())
        .field("magnitude", FeatureEffect.magnitude(e.effectSize())).field("p_value", e.pValue())
        .field("p_adjusted", e.adjustedPValue()).field("phrase", e.phrase()).endObject();
  }

  private static void check(Json j, String name, Checklist.Check c) {
    j.name(name).beginObject().field("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
        .field("value", c.value()).field("detail", c.detail()).endObject();
  }
}
