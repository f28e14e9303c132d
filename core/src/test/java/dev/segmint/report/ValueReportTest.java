package dev.segmint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.RfmFeatures;
import dev.segmint.internal.Numbers;
import dev.segmint.profile.SegmentProfiles;
import dev.segmint.profile.SegmentValues;
import dev.segmint.value.BgNbd;
import dev.segmint.value.CalibrationSummary;
import dev.segmint.value.CustomerValue;
import dev.segmint.value.GammaGamma;
import dev.segmint.value.HoldoutCheck;
import dev.segmint.value.Period;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import dev.segmint.value.ValueTiers;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** "Where the value is" in every report format, and the customer-value page with its holdout chart. */
class ValueReportTest {
  static final String XSS = ReportTest.XSS;
  static final ValueModel MODEL = new ValueModel(BgNbd.of(0.5, 10, 0.8, 2.5, Period.DAY), GammaGamma.of(6, 4, 15));

  /** The 240 customers of ReportTest (first id hostile), each with a summary, and their value per segment. */
  static Object[] profilesAndValue() {
    int[] labels = new int[240];
    Table t = ReportTest.customers(labels);
    SegmentProfiles p = SegmentProfiles.of(t, labels);
    String[] ids = t.stringColumn("customer_id").asObjectArray();
    int n = ids.length;
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = labels[i] * 2 + i % 2;
      age[i] = 200;
      tx[i] = x[i] == 0 ? 0 : 150 + labels[i] * 20;
      m[i] = x[i] == 0 ? 0 : 20 + 10 * labels[i];
    }
    ValuePredictions pred = MODEL.predict(CalibrationSummary.of(ids, x, tx, age, m, Period.DAY), 360, 0.01);
    SegmentValues v = SegmentValues.of(ids, labels, Map.of(0, "Low " + XSS, 1, "Mid", 2, "High"), pred);
    return new Object[] {p, v, pred};
  }

  @Test
  void everyFormatShowsWhereTheValueIsAndHtmlKeepsDataInert() {
    Object[] pv = profilesAndValue();
    SegmentProfiles p = (SegmentProfiles) pv[0];
    SegmentValues v = (SegmentValues) pv[1];
    Report plain = Report.builder(p).title("t").build();
    Report r = plain.withValue(v);
    assertEquals(null, plain.value(), "withValue makes a copy");
    assertEquals(v, r.value());
    assertEquals(v, Report.builder(p).value(v).build().value());
    String html = r.toHtml();
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "a data value became markup");
    assertTrue(html.contains("<h2 id=\"value\">Where the value is</h2>"), "section");
    assertTrue(html.contains("<a href=\"#value\">Value</a>"), "nav link");
    assertTrue(html.contains("Low &lt;script&gt;alert(1)&lt;/script&gt;"), "names escaped");
    assertFalse(plain.toHtml().contains("id=\"value\""), "no section without a value");
    // the bars: one share-of-value bar per segment, as wide as 520 px × the share
    for (SegmentValues.Segment s : v.segments()) {
      assertTrue(html.contains(Html.escape(Numbers.pct(s.share()) + " · CLV " + Numbers.num(s.totalClv()))),
          "bar label of segment " + s.segment());
      assertTrue(html.contains("width=\"" + Charts.f(Math.max(1, 520 * s.share())) + "\""), "bar " + s.segment());
    }
    String text = r.toText();
    assertTrue(text.contains("Where the value is (CLV over 360 days"), text);
    String md = r.toMarkdown();
    assertTrue(md.contains("\n## Where the value is\n"), md);
    assertTrue(md.contains("Low &lt;script&gt;alert\\(1\\)&lt;/script&gt;"), "escaped for Markdown");
    // CSV: two value rows per segment; the clv row's share_in_segment is the share of the value
    String csv = r.toCsv();
    List<String> rows = csv.lines().filter(l -> l.contains(",value,clv,")).toList();
    assertEquals(3, rows.size(), csv);
    int shareColumn = CsvReport.COLUMNS.indexOf("share_in_segment");
    int meanColumn = CsvReport.COLUMNS.indexOf("mean");
    for (String row : rows) {
      String[] cells = row.replaceFirst("\"[^\"]*\"", "name").split(",", -1);   // the name is quoted
      assertEquals(CsvReport.COLUMNS.size(), cells.length, row);
      SegmentValues.Segment s = v.segment(Integer.parseInt(cells[0]));
      assertEquals(s.share(), Double.parseDouble(cells[shareColumn]), 1e-12, row);
      assertEquals(s.meanClv(), Double.parseDouble(cells[meanColumn]), 1e-9 * s.meanClv(), row);
    }
    assertEquals(3, csv.lines().filter(l -> l.contains(",value,p_alive,")).count());
    // JSON: the numbers unrounded
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonParser.parse(r.toJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) json.get("value");
    assertEquals(v.totalClv(), ((Number) value.get("total_clv")).doubleValue(), 1e-12 * v.totalClv());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> segs = (List<Map<String, Object>>) value.get("segments");
    assertEquals(v.segment(2).share(), ((Number) segs.get(2).get("share_of_value")).doubleValue(), 1e-15);
    assertEquals("Low " + XSS, segs.get(0).get("name"));
  }

  @Test
  void valuePageDrawsTheHoldoutCheckAndNamesTheCalibrationEnd() {
    // as HoldoutCheckTest: A has 3 holdout purchase days, B none; a customer with a hostile id has only a return
    Table t = Table.create("tx",
        StringColumn.create("c", "A", "A", "A", "A", "A", "A", "A", "A", "B", "C", XSS),
        StringColumn.create("d", "2024-01-01", "2024-01-03", "2024-01-10", "2024-01-20", "2024-01-20", "2024-01-25",
            "2024-01-31", "2024-02-02", "2024-01-05", "2024-01-18", "2024-01-02"),
        DoubleColumn.create("v", 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -3));
    CustomerValue cv = CustomerValue.builder().customer("c").timestamp("d").amount("v")
        .calibrationEnd(LocalDate.of(2024, 1, 15)).build();
    RfmFeatures.Prepared prepared = cv.reading().prepare(t);
    CalibrationSummary s = cv.summarize(prepared);
    assertTrue(s.report().toString().contains("dated after the calibration end"), s.report().toString());
    assertFalse(s.report().toString().contains("as-of"), s.report().toString());
    HoldoutCheck h = HoldoutCheck.of(MODEL, s, prepared, LocalDate.of(2024, 1, 31));
    ValuePredictions p = MODEL.predict(s, 360, 0.01);
    String html = ValueReport.of(MODEL, p).withHoldout(h).withValue(ValueTiers.of(p).value()).toHtml();
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "a data value became markup");
    assertTrue(html.contains("&lt;script&gt;"), "the hostile id is shown escaped in the data-quality note");
    assertTrue(html.contains("id=\"holdout\"") && html.contains("id=\"value\""), "both sections");
    // one dot per non-empty bucket and series: frequency 0 (B) and 2 (A)
    Matcher dots = Pattern.compile("<title>([0-9+]+): (actual|predicted) ([^<]+)</title>").matcher(html);
    List<String> seen = new java.util.ArrayList<>();
    while (dots.find()) {
      seen.add(dots.group(1) + " " + dots.group(2) + " " + dots.group(3));
    }
    double a = MODEL.purchases().expectedPurchases(16, 2, 9, 14);
    double b = MODEL.purchases().expectedPurchases(16, 0, 0, 10);
    assertEquals(List.of("0 actual 0", "2 actual 3", "0 predicted " + Numbers.num(b), "2 predicted " + Numbers.num(a)),
        seen);
    assertTrue(html.contains("<path class=\"actual\"") && html.contains("<path class=\"predicted\""), "two lines");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"), "nothing from the network");
  }
}
