package dev.segmint.cli;

import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureMatrix;
import dev.segmint.features.Scaler;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.quality.Stability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * {@code segmint profile --checks}: the distinct and stable criteria of the checklist, which need a clustering
 * space. Profile does not know the space the labels were found in, so it uses the standardised profiled numeric
 * features: "distinct" is each segment's mean silhouette there; "stable" refits k-means with the same number of
 * segments on {@value #REPLICATES} bootstrap samples of that space (seed {@value #SEED}) and matches every given
 * segment to its best refitted cluster (Hennig's Jaccard). For labels that came from k-means on those features this
 * is the usual clusterboot check; for other algorithms or features it says how well k-means on the profiled
 * features recovers the segments.
 */
final class ProfileChecks {
  private ProfileChecks() {}

  static final int REPLICATES = 30;
  static final long SEED = 1;

  /** The checklist with all four criteria, or with distinct and stable not run and the reason in {@code notes}. */
  static Checklist run(SegmentProfiles profiles, Table customers, String idColumn, int[] labels, int threads,
      List<String> notes) {
    List<String> features = new ArrayList<>();
    for (String f : profiles.numericFeatures()) {
      NumericSummary s = profiles.population().get(f);
      if (s.missing() > 0) {
        notes.add(String.format(Locale.ROOT, "--checks: %s has %,d missing values and is left out of the "
            + "clustering space", f, s.missing()));
      } else if (s.sd() > 0) {
        features.add(f);
      }
    }
    long segments = Arrays.stream(labels).filter(l -> l >= 0).distinct().count();
    if (features.isEmpty() || segments < 2) {
      notes.add("--checks: distinct and stable not run: " + (features.isEmpty()
          ? "no complete, non-constant numeric feature to measure distances on" : "fewer than 2 segments"));
      return Checklist.of(profiles);
    }
    FeatureMatrix m = FeatureMatrix.fromTable(customers, idColumn, features.toArray(String[]::new));
    FeatureMatrix space = Scaler.fit(m, Scaler.Kind.STANDARD).transform(m);
    int k = (int) segments;
    KMeans.Options refit = KMeans.Options.of(k).withSeed(SEED).withNInit(1).withThreads(1);
    Stability.Result stability = Stability.run(space, labels, (sample, seed) -> KMeans.fit(sample,
        refit.withSeed(seed)).labels(), Stability.Options.bootstrap(REPLICATES).withSeed(SEED).withThreads(threads));
    notes.add("--checks: distinct and stable measured on the standardised features " + String.join(", ", features)
        + "; stable refits k-means with k = " + k + " on " + REPLICATES + " bootstrap samples (seed " + SEED + ")");
    return Checklist.of(profiles, space, labels, stability, Checklist.Options.defaults());
  }
}
