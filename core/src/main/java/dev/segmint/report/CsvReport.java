package dev.segmint.report;

import dev.segmint.profile.CategoricalProfile;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV rendering of a {@link Report}: long form, one row per segment × numeric feature and per segment ×
 * categorical feature × level, with the segment's name, size, share and checklist outcome on every row (RFC 4180
 * quoting, UTF-8, '\n' line ends, empty cells for values that do not apply), written by {@link Csv} with its one
 * spreadsheet-safety rule for text taken from data (names, features, levels) and its one number rule.
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
