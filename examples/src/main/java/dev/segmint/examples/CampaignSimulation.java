package dev.segmint.examples;

import dev.segmint.cycle.CampaignResults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A simulated campaign with a control group on the UCI Online Retail customers, with a known true effect per named
 * RFM segment, measured with {@link CampaignResults}: the worked example of {@code docs/cycle.md}, and the data of
 * the test that shows {@code measure} recovers which segments to target.
 *
 * <p>The generator, per customer of the RFM table in its row order, with one {@link SplittableRandom} of the given
 * seed drawing exactly three numbers per customer (so a change of one effect changes no other customer's draws):
 * <ol>
 *   <li>group: {@code treatment} with probability {@code treatedShare}, else {@code control};</li>
 *   <li>outcome: converted with probability {@code controlRate} of the customer's RFM segment, plus its true
 *       {@code lift} when treated (a probability outside [0, 1] is clipped);</li>
 *   <li>revenue: 0 without a conversion, else the customer's {@code avg_order_value} times a uniform factor in
 *       [0.5, 1.5), rounded to cents.</li>
 * </ol>
 * The true effects ({@link #TRUE_EFFECTS}) are made up for the example: large lifts where a campaign is plausible
 * (Champions, At Risk, Can't Lose Them), none for About To Sleep and Promising, a negative one for Hibernating (a
 * campaign that annoys). Segments not in the map get {@link #DEFAULT_EFFECT}.
 *
 * <p>Run from the repository root: {@code java -cp cli/target/segmint.jar:examples/target/classes
 * dev.segmint.examples.CampaignSimulation} (or pass the data folder as the first argument). O(customers) time.
 */
public final class CampaignSimulation {
  private CampaignSimulation() {}

  /** The seed of the worked example. */
  public static final long SEED = 2011;
  /** The share of customers in the treatment group of the worked example. */
  public static final double TREATED_SHARE = 0.5;

  /** A segment's true conversion rate without the campaign and the campaign's true absolute lift. */
  public record Effect(double controlRate, double lift) {}

  /** The effect of segments not in {@link #TRUE_EFFECTS}. */
  public static final Effect DEFAULT_EFFECT = new Effect(0.05, 0.0);

  /** The true effects per named RFM segment used by the worked example. */
  public static final Map<String, Effect> TRUE_EFFECTS;

  static {
    Map<String, Effect> m = new LinkedHashMap<>();
    m.put("Champions", new Effect(0.30, 0.15));
    m.put("Loyal Customers", new Effect(0.20, 0.10));
    m.put("Potential Loyalists", new Effect(0.10, 0.10));
    m.put("New Customers", new Effect(0.06, 0.10));
    m.put("Promising", new Effect(0.05, 0.0));
    m.put("Need Attention", new Effect(0.08, 0.10));
    m.put("About To Sleep", new Effect(0.04, 0.0));
    m.put("At Risk", new Effect(0.06, 0.12));
    m.put("Can't Lose Them", new Effect(0.08, 0.20));
    m.put("Hibernating", new Effect(0.03, -0.02));
    TRUE_EFFECTS = Collections.unmodifiableMap(m);
  }

  /** {@code customer_id,segment} of an RFM table, the segment being its named RFM group ({@code rfm_segment}). */
  public static Table segments(Table rfm) {
    return Table.create("segments", rfm.stringColumn("customer_id").copy(),
        rfm.stringColumn("rfm_segment").copy().setName("segment"));
  }

  /**
   * Simulated responses {@code customer_id,group,converted,revenue} for every customer of an RFM table (see the
   * class comment).
   */
  public static Table responses(Table rfm, Map<String, Effect> effects, double treatedShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = rfm.rowCount();
    StringColumn ids = rfm.stringColumn("customer_id");
    StringColumn segment = rfm.stringColumn("rfm_segment");
    DoubleColumn aov = rfm.doubleColumn("avg_order_value");
    String[] group = new String[n];
    int[] converted = new int[n];
    double[] revenue = new double[n];
    for (int i = 0; i < n; i++) {
      double g = random.nextDouble();
      double o = random.nextDouble();
      double r = random.nextDouble();
      Effect e = effects.getOrDefault(segment.get(i), DEFAULT_EFFECT);
      boolean treated = g < treatedShare;
      double p = Math.min(1, Math.max(0, e.controlRate() + (treated ? e.lift() : 0)));
      group[i] = treated ? "treatment" : "control";
      converted[i] = o < p ? 1 : 0;
      revenue[i] = converted[i] == 1 ? Math.round(aov.getDouble(i) * (0.5 + r) * 100) / 100.0 : 0;
    }
    return Table.create("responses", ids.copy(), StringColumn.create("group", group),
        IntColumn.create("converted", converted), DoubleColumn.create("revenue", revenue));
  }

  /** The worked example: RFM of the bundled Online Retail data, the simulated campaign, its results per segment. */
  public static CampaignResults run(Path data, PrintStream out) {
    return run(Datasets.onlineRetailRfm(data), out);
  }

  /** The worked example on an RFM table with the columns of {@code segmint rfm}. */
  public static CampaignResults run(Table rfm, PrintStream out) {
    Table responses = responses(rfm, TRUE_EFFECTS, TREATED_SHARE, SEED);
    CampaignResults results = CampaignResults.of(segments(rfm), responses,
        CampaignResults.Options.of("customer_id", "group", "treatment", "control", "converted").withRevenue("revenue"));
    out.print(results);
    results.sentences().forEach(out::println);
    return results;
  }

  /**
   * Prints the worked example; with a second argument (a folder) also writes its inputs there as
   * {@code segments.csv} and {@code responses.csv}, for {@code segmint measure}.
   */
  public static void main(String[] args) throws java.io.IOException {
    Table rfm = Datasets.onlineRetailRfm(Datasets.dir(args));
    run(rfm, System.out);
    if (args.length > 1) {
      Path dir = Path.of(args[1]);
      write(segments(rfm), dir.resolve("segments.csv"));
      write(responses(rfm, TRUE_EFFECTS, TREATED_SHARE, SEED), dir.resolve("responses.csv"));
    }
  }

  private static void write(Table t, Path file) throws java.io.IOException {
    try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
      dev.segmint.report.Csv.write(t, w);
    }
  }
}
