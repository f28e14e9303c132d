package dev.segmint.report;

import dev.segmint.profile.CategoricalProfile;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import dev.segmint.profile.SegmentValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV rendering of a {@link Report}: long form, one row per segment × numeric feature and per segment ×
 * categorical feature × level, with the segment's name, size, share and checklist outcome on every row (RFC 4180
 * quoting, UTF-8, '\n' line ends, empty cells for values that do not apply), written by {@link Csv} with its one
 * spreadsheet-safety rule for text taken from data (names, features, levels) and its one number rule. With a customer
 * value per segment, each segment has two rows of kind {@code value}: feature {@code clv} (count = customers with a
 * prediction, missing = those without, mean = mean CLV, share_in_segment = the segment's share of the total value)
 * and feature {@code p_alive} (the mean p_alive).
 */
final class CsvReport {
  private CsvReport() {}

  static final List<String> COLUMNS = List.of("segment", "name", "size", "share", "kind", "feature", "level", "count",
      "missing", "mean", "sd", "min", "q1", "median", "q3", "max", "z_score", "relative_difference", "effect_size",
      "p_value", "p_adjusted", "share_in_segment", "population_share", "lift", "measurable", "distinct", "stable",
      "actionable");

  static String render(Report r) {
    StringBuilder sb = new StringBuilder();
    Csv.line(sb, COLUMNS);
    for (SegmentProfile p : r.profiles.segments()) {
      List<String> checks = checks(r, p);
      for (NumericProfile np : p.numeric().values()) {
        NumericSummary s = np.stats();
        List<String> c = head(p, "numeric", np.feature(), "");
        c.addAll(List.of(Long.toString(s.count()), Long.toString(s.missing())));
        c.addAll(numbers(s.mean(), s.sd(), s.min(), s.q1(), s.median(), s.q3(), s.max(), np.zScore(),
            np.relativeDifference(), np.effectSize(), np.pValue(), np.adjustedPValue()));
        c.addAll(List.of("", "", ""));
        c.addAll(checks);
        Csv.line(sb, c);
      }
      if (r.value != null && hasValue(r, p.segment())) {
        SegmentValues.Segment v = r.value.segment(p.segment());
        Csv.line(sb, valueRow(p, "clv", v.predicted(), v.meanClv(), v.share(), checks));
        Csv.line(sb, valueRow(p, "p_alive", v.predicted(), v.meanPAlive(), Double.NaN, checks));
      }
      for (CategoricalProfile cp : p.categorical().values()) {
        for (LevelShare l : cp.levels()) {
          List<String> c = head(p, "categorical", cp.feature(), l.level());
          c.addAll(List.of(Long.toString(l.count()), "", "", "", "", "", "", "", "", "", ""));
          c.addAll(numbers(l.effectSize(), cp.pValue(), cp.adjustedPValue(), l.share(), l.populationShare(),
              l.lift()));
          c.addAll(checks);
          Csv.line(sb, c);
        }
      }
    }
    return sb.toString();
  }

  private static boolean hasValue(Report r, int segment) {
    return r.value.segments().stream().anyMatch(v -> v.segment() == segment);
  }

  /** A value row: count = customers with a prediction, mean, and (for clv) the share of the value. */
  private static List<String> valueRow(SegmentProfile p, String feature, long count, double mean, double share,
      List<String> checks) {
    List<String> c = head(p, "value", feature, "");
    c.addAll(List.of(Long.toString(count), Long.toString(p.size() - count), Csv.number(mean)));
    c.addAll(List.of("", "", "", "", "", "", "", "", "", "", ""));   // sd … p_adjusted
    c.addAll(List.of(Double.isNaN(share) ? "" : Csv.number(share), "", ""));
    c.addAll(checks);
    return c;
  }

  private static List<String> head(SegmentProfile p, String kind, String feature, String level) {
    return new ArrayList<>(List.of(Integer.toString(p.segment()), Csv.defuse(p.name()), Long.toString(p.size()),
        Csv.number(p.share()), kind, Csv.defuse(feature), Csv.defuse(level)));
  }

  private static List<String> numbers(double... values) {
    List<String> cells = new ArrayList<>(values.length);
    for (double v : values) {
      cells.add(Csv.number(v));
    }
    return cells;
  }

  private static List<String> checks(Report r, SegmentProfile p) {
    if (r.checklist == null || p.isNoise()) {
      return List.of("", "", "", "");
    }
    Checklist.Row row = r.checklist.row(p.segment());
    return List.of(status(row.measurable()), status(row.distinct()), status(row.stable()), status(row.actionable()));
  }

  private static String status(Checklist.Check c) {
    return switch (c.status()) {
      case PASS -> "pass";
      case FAIL -> "fail";
      case NOT_RUN -> "not run";
    };
  }
}
