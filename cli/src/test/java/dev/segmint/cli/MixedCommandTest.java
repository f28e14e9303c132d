package dev.segmint.cli;

import static dev.segmint.cli.ClusterCommandTest.segmint;
import static dev.segmint.cli.SegmentAssignCommandTest.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --algorithm kprototypes|kmedoids} on the command line: hand-checked results on a tiny customer file, the
 * round trip {@code segment --model} then {@code assign} on the bundled marketing_campaign customers, unseen levels
 * at assign time, the HTML report of a mixed result, and the flags that do not apply.
 */
class MixedCommandTest {

  @TempDir
  Path dir;

  static final Path MARKETING = Path.of(System.getProperty("segmint.data.dir"), "marketing_campaign.csv.gz");

  /** Two obvious groups: low spend on the basic plan, high spend on premium; i spends like basic but is premium. */
  static final String TINY = "id,spend,plan\na,10,basic\nb,11,basic\nc,12,basic\nd,13,basic\ne,14,basic\n"
      + "f,100,premium\ng,101,premium\nh,102,premium\ni,12,premium\n";

  static final double[] TINY_SPEND = {10, 11, 12, 13, 14, 100, 101, 102, 12};

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** The population variance of x: the standard scaler divides by its square root. */
  private static double populationVariance(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return ss / x.length;
  }

  @Test
  void kPrototypesOnATinyFileIsHandChecked() throws Exception {
    Path in = write("tiny.csv", TINY);
    Path out = dir.resolve("seg.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kprototypes", "--k", "2",
        "--gamma", "2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Map.of("a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "i", "0", "f", "1", "g", "1", "h", "1"),
        segments(out));
    // cost: squared standardised deviations from the segment means (10..14 and 12 around 12: 10; 100..102 around
    // 101: 2) plus γ = 2 for i, whose premium plan mismatches its segment's mode, basic
    double cost = 12 / populationVariance(TINY_SPEND) + 2;
    assertTrue(r.err().contains(String.format(Locale.ROOT, "cost %.6g (numeric 0 %%, categorical 100 %%), γ = 2, "
        + "converged", cost)), r.err());
    assertTrue(r.err().contains("k-prototypes, k = 2, γ = 2, seed 0, 4 restarts"), r.err());

    // the default γ: 2 × the mean variance of the standardised numeric features (1), so the same segments and cost
    r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kprototypes", "--k", "2",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("k-prototypes, k = 2, γ = 2 (default), seed 0"), r.err());
    assertTrue(r.err().contains(String.format(Locale.ROOT, "cost %.6g (numeric 0 %%, categorical 100 %%)", cost)),
        r.err());
  }

  @Test
  void kMedoidsOnATinyFileIsHandChecked() throws Exception {
    Path in = write("tiny.csv", TINY.replace("i,12,premium\n", ""));
    Path out = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmedoids", "--k", "2",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Map.of("a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "f", "1", "g", "1", "h", "1"),
        segments(out));
    // Gower: (|Δspend| / range 92 + 0 for the same plan) / 2; medoids c (12) and g (101): (2+1+0+1+2 + 1+0+1) / 184
    assertTrue(r.err().contains(String.format(Locale.ROOT, "cost %.6g", 8 / 184.0)), r.err());
    r = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "kmedoids", "--k", "2",
        "--model", model.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String json = Files.readString(model);
    Matcher medoid = Pattern.compile("\"segment\": (\\d),\\s*\"id\": \"(\\w)\"").matcher(json);
    assertTrue(medoid.find(), json);
    assertEquals("0c", medoid.group(1) + medoid.group(2));
    assertTrue(medoid.find(), json);
    assertEquals("1g", medoid.group(1) + medoid.group(2));
  }

  @Test
  void assignPlacesNewCustomersByLevelAndCountsUnseenLevels() throws Exception {
    Path in = write("tiny.csv", TINY);
    Path seg = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Path gammaZero = dir.resolve("m0.json");
    // n: an unseen plan (counts as missing: the spend decides); o: spends like premium on basic; p spends 55,
    // closer to the basic segment's mean 12 than to premium's 101 (43 against 46), but is on the premium plan
    Path fresh = write("new.csv", "id,spend,plan\nn,13,gold\no,101,basic\np,55,premium\n");
    Path out = dir.resolve("assigned.csv");
    for (String algorithm : List.of("kprototypes", "kmedoids")) {
      Run r = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", algorithm, "--k", "2",
          "--model", model.toString(), "--out", seg.toString());
      assertEquals(0, r.code(), r.err());
      Run a = segmint("assign", "--model", model.toString(), "--input", in.toString(), "--out", out.toString());
      assertEquals(0, a.code(), a.err());
      assertEquals(segments(seg), segments(out), algorithm + ": assign on the training file repeats the fit");
      a = segmint("assign", "--model", model.toString(), "--input", fresh.toString(), "--out", out.toString());
      assertEquals(0, a.code(), a.err());
      assertTrue(a.err().contains("unseen categories: {plan=1}"), a.err());
      assertEquals("0", segments(out).get("n"), algorithm);
      // o (101, basic): k-prototypes, γ = 0.5: ((101 − 12)/s)² ≈ 4.5 to the basic segment against γ = 0.5 to
      // premium; Gower to the medoids c (12, basic) and g (101, premium): (89/92 + 0)/2 ≈ 0.484 against (0 + 1)/2
      assertEquals(algorithm.equals("kprototypes") ? "1" : "0", segments(out).get("o"), algorithm);
    }
    // k-prototypes, γ = 2: p costs (43/s)² + 2 to the basic segment and (46/s)² to premium (s ≈ 42): premium
    Run r = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "kprototypes", "--k", "2",
        "--gamma", "2", "--model", model.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(0, segmint("assign", "--model", model.toString(), "--input", fresh.toString(), "--out",
        out.toString()).code());
    assertEquals("1", segments(out).get("p"));
    // γ = 0 is k-means on the spend: p joins the nearer mean, basic
    r = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "kprototypes", "--k", "2",
        "--gamma", "0", "--model", gammaZero.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(0, segmint("assign", "--model", gammaZero.toString(), "--input", fresh.toString(), "--out",
        out.toString()).code());
    assertEquals("0", segments(out).get("p"));
  }

  /** Education and marital status as categories, income and spending as numbers, as docs/cli.md shows. */
  private static final String[] MARKETING_COLUMNS = {"--customers", MARKETING.toString(), "--id", "ID", "--features",
      "Education,Marital_Status,Income,MntWines,MntMeatProducts,MntFruits", "--categorical", "Education,Marital_Status"};

  private Run segment(String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("segment"));
    a.addAll(List.of(MARKETING_COLUMNS));
    a.addAll(List.of(more));
    return segmint(a.toArray(String[]::new));
  }

  @Test
  void kPrototypesRoundTripOnTheMarketingCustomers() throws Exception {
    Path seg = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Path out = dir.resolve("assigned.csv");
    Run r = segment("--algorithm", "kprototypes", "--k", "4", "--seed", "3", "--threads", "2", "--model",
        model.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("categorical Education (5 levels), Marital_Status (8 levels)"), r.err());
    assertTrue(r.err().contains("quality: silhouette "), r.err());
    assertTrue(r.err().contains("under the algorithm's own distance"), r.err());
    assertFalse(r.err().contains("Calinski"), r.err());
    Map<String, String> fitted = segments(seg);
    assertEquals(2240, fitted.size());
    assertTrue(Files.readString(model).contains("\"algorithm\": \"kprototypes\""));
    Run a = segmint("assign", "--model", model.toString(), "--input", MARKETING.toString(), "--out", out.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(fitted, segments(out));
  }

  @Test
  void kMedoidsWithKAutoRoundTripAndReportOnTheMarketingCustomers() throws Exception {
    Path seg = dir.resolve("seg.csv");
    Path model = dir.resolve("m.json");
    Path report = dir.resolve("r.html");
    Path out = dir.resolve("assigned.csv");
    Run r = segment("--algorithm", "kmedoids", "--k", "auto", "--k-range", "3..4", "--threads", "2", "--model",
        model.toString(), "--report", report.toString(), "--out", seg.toString());
    assertEquals(0, r.code(), r.err());
    // the k selection table without the Euclidean indices, the chosen k and why
    assertTrue(r.err().contains("k selection (kmedoids, k = 3..4"), r.err());
    assertTrue(r.err().contains("silhouette under the algorithm's own distance"), r.err());
    assertTrue(r.err().contains("k  silhouette  smallest  largest  eligible"), r.err());
    Matcher chosen = Pattern.compile("Chosen k = (\\d): ").matcher(r.err());
    assertTrue(chosen.find(), r.err());
    String k = chosen.group(1);
    assertTrue(r.err().contains("k-medoids (FasterPAM, Gower distance), k = " + k + " (auto in 3..4), seed 0"),
        r.err());
    Map<String, String> fitted = segments(seg);
    assertEquals(2240, fitted.size());
    assertEquals(Integer.parseInt(k), fitted.values().stream().distinct().count());
    Run a = segmint("assign", "--model", model.toString(), "--input", MARKETING.toString(), "--out", out.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(fitted, segments(out));

    String html = Files.readString(report);
    // the categorical columns are profiled level by level with shares and lift; numbers in original units
    assertTrue(html.contains("Graduation") && html.contains("Married") && html.contains("Together"), "levels");
    assertTrue(html.contains(">lift<"), "lift column");
    // silhouette under the own distance; no Euclidean indices and no elbow of an inertia k-medoids has not
    assertTrue(html.contains("silhouette"));
    assertFalse(html.contains("Calinski–Harabasz · Davies–Bouldin"), "no Euclidean indices");
    assertFalse(html.contains("Elbow: inertia by k"), "no inertia curve");
    assertTrue(html.contains("Mean silhouette by k"), "the silhouette curve");
  }

  @Test
  void flagsOfOtherAlgorithmsAreRefused() throws Exception {
    Path in = write("tiny.csv", TINY);
    Path out = dir.resolve("seg.csv");
    String[][] bad = {
        {"--algorithm", "kmeans", "--gamma", "1"},
        {"--algorithm", "kmedoids", "--gamma", "1"},
        {"--algorithm", "kmedoids", "--n-init", "2"},
        {"--algorithm", "kprototypes", "--linkage", "ward"},
        {"--algorithm", "kprototypes", "--min-pts", "3"},
        {"--algorithm", "kprototypes", "--gamma", "Infinity"},
        {"--algorithm", "kprototypes", "--n-init", "0"}};
    String[] expect = {
        "--gamma does not apply to --algorithm kmeans; drop --gamma, or use --algorithm kprototypes, which takes it",
        "--gamma does not apply to --algorithm kmedoids",
        "--n-init does not apply to --algorithm kmedoids; drop --n-init, or use --algorithm kmeans or kprototypes, "
            + "which take it",
        "--linkage does not apply to --algorithm kprototypes; drop --linkage, or use --algorithm hierarchical",
        "--min-pts does not apply to --algorithm kprototypes; drop --min-pts, or use --algorithm dbscan or hdbscan",
        "--gamma must be a finite number >= 0",
        "--n-init must be at least 1, not 0"};
    for (int i = 0; i < bad.length; i++) {
      List<String> a = new java.util.ArrayList<>(List.of("cluster", "--input", in.toString(), "--id", "id", "--k",
          "2", "--out", out.toString()));
      a.addAll(List.of(bad[i]));
      Run r = segmint(a.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", bad[i]) + ": " + r.err());
      assertTrue(r.err().contains(expect[i]), String.join(" ", bad[i]) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out));
    }
  }
}
