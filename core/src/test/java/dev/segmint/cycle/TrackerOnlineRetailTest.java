package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.Segmentation;
import dev.segmint.SegmentationModel;
import dev.segmint.cluster.KMeans;
import dev.segmint.features.FeatureSpec;
import dev.segmint.features.NumericFeature;
import dev.segmint.features.RfmFeatures;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Tracking on the bundled UCI Online Retail export, quarterly through 2011. */
class TrackerOnlineRetailTest {

  static Table raw;
  static final RfmFeatures RFM = RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate")
      .order("InvoiceNo").quantity("Quantity").price("UnitPrice").build();
  static final List<LocalDate> QUARTERS = List.of(LocalDate.of(2011, 4, 1), LocalDate.of(2011, 7, 1),
      LocalDate.of(2011, 10, 1), LocalDate.of(2011, 12, 1));

  @BeforeAll
  static void load() throws IOException {
    String dir = System.getProperty("segmint.data.dir");
    ColumnType s = ColumnType.STRING;
    try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(
        Path.of(dir, "online_retail.csv.gz")), 1 << 16), StandardCharsets.UTF_8)) {
      raw = Table.read().usingOptions(CsvReadOptions.builder(r).tableName("online_retail").header(true)
          .columnTypes(new ColumnType[] {s, s, s, ColumnType.INTEGER, s, ColumnType.DOUBLE, s, s}).build());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Test
  void everySnapshotEqualsRfmFeaturesAtItsDate() {
    Tracking t = Tracker.builder().rfm(RFM).asOf(QUARTERS.toArray(LocalDate[]::new)).build().run(raw);
    assertEquals(4, t.snapshots().size());
    for (Tracking.Snapshot s : t.snapshots()) {
      TrackerTest.assertSnapshotMatchesRfm(RFM, raw, s);
    }
    // the last snapshot holds every customer with a purchase before 2011-12-01, all earlier ones among them
    int[] sizes = t.snapshots().stream().mapToInt(Tracking.Snapshot::size).toArray();
    for (int i = 1; i < sizes.length; i++) {
      assertTrue(sizes[i] > sizes[i - 1], Arrays.toString(sizes));
    }
    Table mig = t.migrationTable();
    long total = 0;
    for (int i = 0; i < mig.rowCount(); i++) {
      if (mig.stringColumn("to_date").get(i).equals("2011-12-01")) {
        total += mig.intColumn("customers").get(i);
      }
    }
    assertEquals(sizes[3], total, "the last migration's cells add up to the last snapshot's customers");
    assertTrue(t.toString().startsWith("Tracking of 4 snapshots (rfm segments)"), t.toString());
    // tenure, not a feature of the RFM groups, is summed up on a line of its own, not listed step by step
    List<Tracking.Drift> tenure = t.drift().stream().filter(d -> d.feature().equals("tenure_days")).toList();
    long flagged = tenure.stream().filter(Tracking.Drift::flagged).count();
    assertTrue(flagged > 0, tenure.toString());
    String driftLine = t.toString().lines().filter(l -> l.startsWith("drift (PSI > 0.25): ")).findFirst().orElseThrow();
    assertFalse(driftLine.contains("tenure_days"), driftLine);
    assertTrue(t.toString().contains("  also tenure_days: PSI above 0.25 at " + flagged + " of 3 steps (up to "
        + Tracking.psi(tenure.stream().mapToDouble(Tracking.Drift::psi).max().orElseThrow()) + "); not a feature the "
        + "segments are made of, so not in the verdict\n"), t.toString());
  }

  private static FeatureSpec rfmSpec(String... columns) {
    return FeatureSpec.builder().rfm(RFM).numeric(NumericFeature.of("x").withLog1p(), columns).build();
  }

  @Test
  void aSavedModelAssignsEachSnapshotAsItAssignsTheRowsBeforeTheDate() {
    // frequency and monetary do not depend on the as-of date, so the model's own route (RFM of the rows dated
    // before D, default as-of) must give the same segments as the tracker's snapshot at D
    SegmentationModel model = Segmentation.builder().features(rfmSpec("frequency", "monetary"))
        .kmeans(KMeans.Options.of(4).withSeed(3)).build().fit(raw);
    Tracking t = Tracker.builder().model(model).asOf(QUARTERS.get(0), QUARTERS.get(3)).build().run(raw);
    assertEquals(List.of("0", "1", "2", "3"), t.segments());
    assertEquals(model.segmentNames(), t.segmentNames());
    for (Tracking.Snapshot s : t.snapshots()) {
      Table rows = raw.where(raw.stringColumn("InvoiceDate").eval(v -> v.compareTo(s.asOf().toString()) < 0));
      dev.segmint.Assignment a = model.assign(rows);
      Map<String, Integer> tracked = new HashMap<>();
      for (int i = 0; i < s.size(); i++) {
        tracked.put(s.customers()[i], s.segments()[i]);
      }
      assertEquals(s.size(), a.size());
      String[] ids = a.ids();
      int[] seg = a.segments();
      for (int i = 0; i < ids.length; i++) {
        assertEquals(seg[i], tracked.get(ids[i]), "customer " + ids[i] + " at " + s.asOf());
      }
    }
  }

  @Test
  void refitsKeepTheirNumbersAcrossSnapshots() {
    Segmentation seg = Segmentation.builder().features(rfmSpec("recency_days", "frequency", "monetary")).kmeans(KMeans.Options.of(4).withSeed(5)).build();
    Tracking t = Tracker.builder().refit(seg).asOf(QUARTERS.get(2), QUARTERS.get(3)).build().run(raw);
    // the matched numbering shares the most customers of any renumbering: the diagonal beats every permutation
    long[][] c = t.migrations().get(0).counts();
    long diagonal = 0;
    for (int a = 0; a < 4; a++) {
      diagonal += c[a][a];
    }
    int[] p = {0, 1, 2, 3};
    long best = 0;
    do {
      long sum = 0;
      for (int a = 0; a < 4; a++) {
        sum += c[a][p[a]];
      }
      best = Math.max(best, sum);
    } while (nextPermutation(p));
    assertEquals(best, diagonal, t.migrations().get(0).toString());
    // the names follow the numbers: each number keeps the name it had at the first date
    assertEquals(4, t.segmentNames().size());
    assertEquals(4, t.segments().size(), "k-means with k = 4 at both dates, every segment matched");
  }

  private static boolean nextPermutation(int[] p) {
    int i = p.length - 2;
    while (i >= 0 && p[i] >= p[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = p.length - 1;
    while (p[j] <= p[i]) {
      j--;
    }
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
    for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
      t = p[a];
      p[a] = p[b];
      p[b] = t;
    }
    return true;
  }
}
