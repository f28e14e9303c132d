package dev.segmint.report;

import dev.segmint.profile.CategoricalProfile;
import dev.segmint.profile.Checklist;
import dev.segmint.profile.LevelShare;
import dev.segmint.profile.NumericProfile;
import dev.segmint.profile.NumericSummary;
import dev.segmint.profile.SegmentProfile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV rendering of a {@link Report}: long form, one row per segment × numeric feature and per segment ×
 * categorical feature × level, with the segment's name, size, share and checklist outcome on every row (RFC 4180
 * quoting, UTF-8, '\n' line ends, empty cells for values that do not apply). Text taken from data (names, features,
 * levels) that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
 * opening the file shows it as text instead of running it as a formula (OWASP's advice on CSV injection).
 */
final class CsvReport {
  private CsvReport() {}

  static final List<String> COLUMNS = List.of("segment", "name", "size", "share", "kind", "feature", "level", "count",
      "missing", "mean", "sd", "min", "q1", "median", "q3", "max", "z_score", "relative_difference", "effect_size",
      "p_value", "p_adjusted", "share_in_segment", "population_share", "lift", "measurable", "distinct", "stable",
      "actionable");

  static String render(Report r) {
    StringBuilder sb = new StringBuilder();
    line(sb, COLUMNS);
    for (SegmentProfile p : r.profiles.segments()) {
      List<String> checks = checks(r, p);
      for (NumericProfile np : p.numeric().values()) {
        NumericSummary s = np.stats();
        List<String> c = head(p, "numeric", np.feature(), "");
        c.addAll(List.of(Long.toString(s.count()), Long.toString(s.missing()), num(s.mean()), num(s.sd()), num(s.min()),
            num(s.q1()), num(s.median()), num(s.q3()), num(s.max()), num(np.zScore()), num(np.relativeDifference()),
            num(np.effectSize()), num(np.pValue()), num(np.adjustedPValue()), "", "", ""));
        c.addAll(checks);
        line(sb, c);
      }
      for (CategoricalProfile cp : p.categorical().values()) {
        for (LevelShare l : cp.levels()) {
          List<String> c = head(p, "categorical", cp.feature(), l.level());
          c.addAll(List.of(Long.toString(l.count()), "", "", "", "", "", "", "", "", "", "", num(l.effectSize()),
              num(cp.pValue()), num(cp.adjustedPValue()), num(l.share()), num(l.populationShare()), num(l.lift())));
          c.addAll(checks);
          line(sb, c);
        }
      }
    }
    return sb.toString();
  }

  private static List<String> head(SegmentProfile p, String kind, String feature, String level) {
    return new ArrayList<>(List.of(Integer.toString(p.segment()), text(p.name()), Long.toString(p.size()),
        num(p.share()), kind, text(feature), text(level)));
  }

  /** Text from data, defused for spreadsheets: a leading apostrophe before = + - @ tab or CR. */
  static String text(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
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

  /** A plain decimal with at most 12 significant digits; empty for NaN. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros().toPlainString();
  }

  static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(cells.get(i)));
    }
    sb.append('\n');
  }

  /** RFC 4180: quote a field holding a comma, quote, CR or LF, or leading/trailing space; double inner quotes. */
  static String quote(String s) {
    boolean needs = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1)));
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
