package dev.segmint.report;

import dev.segmint.internal.AtomicFiles;
import dev.segmint.internal.Numbers;
import dev.segmint.profile.SegmentValues;
import dev.segmint.value.HoldoutCheck;
import dev.segmint.value.ValueModel;
import dev.segmint.value.ValuePredictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The HTML page of a customer-value fit ({@code segmint clv --report FILE.html}): the facts (customers, calibration
 * end, horizon, total CLV), the fitted models, the calibration/holdout check of the BG/NBD papers as a chart (mean
 * actual and predicted holdout purchases by calibration frequency) and a table when a {@link HoldoutCheck} is given,
 * and "Where the value is" when a value per segment is given (e.g. the value tiers). Self-contained like
 * {@link HtmlReport}: inline CSS and SVG, no scripts, nothing from the network; every value taken from data is
 * escaped. Immutable; O(customers) to build, O(size of the page) to render.
 */
public final class ValueReport {
  private final ValueModel model;
  private final ValuePredictions predictions;
  private final HoldoutCheck holdout;
  private final SegmentValues value;

  private ValueReport(ValueModel model, ValuePredictions predictions, HoldoutCheck holdout, SegmentValues value) {
    this.model = model;
    this.predictions = predictions;
    this.holdout = holdout;
    this.value = value;
  }

  /** A report on a fitted model and its predictions. */
  public static ValueReport of(ValueModel model, ValuePredictions predictions) {
    return new ValueReport(Objects.requireNonNull(model, "model"), Objects.requireNonNull(predictions, "predictions"),
        null, null);
  }

  /** This report with the calibration/holdout check. */
  public ValueReport withHoldout(HoldoutCheck check) {
    return new ValueReport(model, predictions, Objects.requireNonNull(check, "check"), value);
  }

  /** This report with the value per segment (e.g. {@code ValueTiers.of(predictions).value()}). */
  public ValueReport withValue(SegmentValues segments) {
    return new ValueReport(model, predictions, holdout, Objects.requireNonNull(segments, "segments"));
  }

  /** The page as one HTML document. */
  public String toHtml() {
    String title = "Customer value";
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(title).append("</title>\n<style>\n").append(HtmlReport.CSS)
        .append("\n</style></head><body>\n");
    var summary = predictions.summary();
    h.append("<header><div class=\"in\"><h1>").append(title).append("</h1><p>")
        .append(String.format(Locale.ROOT, "%,d customers", summary.size()));
    if (summary.calibrationEnd() != null) {
      h.append(" · calibration through ").append(Html.escape(summary.calibrationEnd()));
    }
    h.append(" · BG/NBD and Gamma-Gamma (period ").append(Html.escape(model.period().label())).append(")</p><nav>");
    if (holdout != null) {
      h.append("<a href=\"#holdout\">Holdout check</a>");
    }
    if (value != null) {
      h.append("<a href=\"#value\">Where the value is</a>");
    }
    h.append("<a href=\"#models\">Models</a></nav></div></header>\n<main>\n<section class=\"facts\">");
    fact(h, "customers", String.format(Locale.ROOT, "%,d", summary.size()));
    fact(h, "repeat customers", String.format(Locale.ROOT, "%,d", summary.repeatCustomers()));
    fact(h, "horizon", predictions.horizonDays() + " days, discount " + Numbers.pct(predictions.discount())
        + " a month");
    fact(h, "total predicted CLV", Numbers.num(predictions.totalClv()));
    fact(h, "expected purchases in the horizon", Numbers.num(predictions.totalExpectedPurchases()));
    h.append("</section>\n");
    if (holdout != null) {
      holdout(h, holdout);
    }
    if (value != null) {
      HtmlReport.value(h, value);
    }
    h.append("<h2 id=\"models\">Models</h2>\n<p class=\"lead\">Maximum-likelihood parameters with standard errors "
        + "(from the Hessian) and the log-likelihoods.</p>\n<pre>").append(Html.escape(model.purchases())).append('\n')
        .append(Html.escape(model.orderValue())).append("</pre>\n");
    if (summary.report() != null) {
      h.append("<pre>").append(Html.escape(summary.report())).append("</pre>\n");
    }
    h.append("<footer>Made with Segmint. This page is self-contained: it runs no scripts and loads nothing from the "
        + "network.</footer>\n</main>\n</body></html>\n");
    return h.toString();
  }

  private static void holdout(StringBuilder h, HoldoutCheck check) {
    Table t = check.toTable();
    int buckets = t.rowCount() - 1;   // the last row is "all"
    String[] label = new String[buckets];
    double[] actual = new double[buckets];
    double[] predicted = new double[buckets];
    for (int i = 0; i < buckets; i++) {
      label[i] = t.stringColumn("frequency").get(i);
      actual[i] = t.doubleColumn("actual_mean").getDouble(i);
      predicted[i] = t.doubleColumn("predicted_mean").getDouble(i);
    }
    double act = check.totalActual();
    double pred = check.totalPredicted();
    h.append("<h2 id=\"holdout\">Holdout check: predicted against actual purchases</h2>\n<p class=\"lead\">")
        .append(Html.escape(String.format(Locale.ROOT, "The model fitted on the calibration period predicts the repeat "
            + "purchase days of its customers in the holdout period up to %s; the chart compares the mean per customer "
            + "by the number of repeat purchases in the calibration period (the standard check of the BG/NBD papers). "
            + "In all: %s purchase days happened, %s were predicted (%s).", check.holdoutEnd(), Numbers.num(act),
            Numbers.num(pred), act > 0 ? String.format(Locale.ROOT, "%+.1f%% against the actual", 100 * (pred / act - 1))
            : "no purchases in the holdout")))
        .append("</p>\n").append(Charts.holdout(label, actual, predicted,
            "Mean repeat purchases in the holdout, by calibration frequency")).append('\n');
    h.append("<div class=\"scroll\"><table class=\"holdout\"><tr><th class=\"l\">frequency</th><th>customers</th>"
        + "<th>actual (mean)</th><th>predicted (mean)</th><th>actual (total)</th><th>predicted (total)</th></tr>");
    for (int i = 0; i < t.rowCount(); i++) {
      boolean empty = t.intColumn("customers").getInt(i) == 0;
      h.append(i == buckets ? "<tr class=\"pop\">" : "<tr>").append("<td class=\"l\">")
          .append(Html.escape(t.stringColumn("frequency").get(i))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", t.intColumn("customers").getInt(i))).append("</td><td>")
          .append(empty ? "–" : Html.escape(Numbers.num(t.doubleColumn("actual_mean").getDouble(i))))
          .append("</td><td>")
          .append(empty ? "–" : Html.escape(Numbers.num(t.doubleColumn("predicted_mean").getDouble(i))))
          .append("</td><td>").append(Html.escape(Numbers.num(t.doubleColumn("actual_total").getDouble(i))))
          .append("</td><td>").append(Html.escape(Numbers.num(t.doubleColumn("predicted_total").getDouble(i))))
          .append("</td></tr>");
    }
    h.append("</table></div>\n");
  }

  private static void fact(StringBuilder h, String key, String text) {
    h.append("<div><b>").append(Html.escape(key)).append("</b>").append(Html.escape(text)).append("</div>");
  }

  /** Writes {@link #toHtml()} atomically (a temporary file in the same folder, then a move). */
  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toHtml());
  }

  @Override
  public String toString() {
    return "ValueReport[" + predictions.summary().size() + " customers" + (holdout != null ? ", holdout check" : "")
        + (value != null ? ", value per segment" : "") + "]";
  }
}
