package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

  @TempDir
  Path dir;


  static Run segmint(String... args) {
    return Run.of(args);
  }

  /** Three blobs of 60, 40 and 20 customers in (spend, visits), ids with leading zeros, semicolon-separated. */
  Path blobs() throws Exception {
    Random rnd = new Random(5);
    double[][] centers = {{100, 2}, {500, 10}, {900, 30}};
    int[] sizes = {60, 40, 20};
    List<String> lines = new ArrayList<>();
    lines.add("id;spend;visits;city");
    int id = 0;
    for (int b = 0; b < 3; b++) {
      for (int i = 0; i < sizes[b]; i++) {
        lines.add(String.format(java.util.Locale.ROOT, "%04d;%.2f;%.2f;c%d", id++, centers[b][0] + rnd.nextGaussian() * 10,
            centers[b][1] + rnd.nextGaussian(), b));
      }
    }
    Path f = dir.resolve("customers.csv");
    Files.write(f, lines);
    return f;
  }

  @Test
  void writesOneRowPerCustomerWithSegmentsBySize() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("segments.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "auto",
        "--threads", "2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Chosen k = 3"), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("customer_id,segment", lines.get(0));
    assertEquals(121, lines.size());
    Map<String, Integer> seg = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] p = l.split(",");
      seg.put(p[0], Integer.parseInt(p[1]));
    }
    assertEquals(0, seg.get("0000"), "ids keep their leading zeros; the 60-customer blob is segment 0");
    assertEquals(1, seg.get("0060"));
    assertEquals(2, seg.get("0100"));
    for (int i = 0; i < 120; i++) {
      assertEquals(i < 60 ? 0 : i < 100 ? 1 : 2, seg.get(String.format("%04d", i)));
    }
  }

  /** Issue 17: the defaults are the product: --input, --id and --out are enough (k-means, --k auto). */
  @Test
  void inputAndIdAreEnough() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("segments.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("columns: id id; numeric spend, visits; categorical city (3 levels)"), r.err());
    assertTrue(r.err().contains("k selection (k-means, k = 3..10"), r.err());
    assertTrue(r.err().contains("Chosen k = 3:"), r.err());
    assertEquals(121, Files.readAllLines(out).size());
  }

  /** A long-tailed amount clustered as it is crowds most customers together: the run says so and names --log. */
  @Test
  void aStronglySkewedAmountGetsTheLogHint() throws Exception {
    Random rnd = new Random(11);
    List<String> lines = new ArrayList<>(List.of("id,spend,visits"));
    for (int i = 0; i < 200; i++) {
      lines.add(String.format(java.util.Locale.ROOT, "c%d,%.2f,%d", i, Math.exp(3 + 1.2 * rnd.nextGaussian()),
          1 + rnd.nextInt(12)));
    }
    Path in = dir.resolve("skewed.csv");
    Files.write(in, lines);
    Path out = dir.resolve("segments.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--k", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String note = r.err().lines().filter(l -> l.startsWith("note: spend is strongly right-skewed (skewness "))
        .findFirst().orElseThrow(() -> new AssertionError(r.err()));
    assertTrue(note.endsWith("): a few large values set the scale; --log spend usually separates segments better"),
        note);
    Run logged = segmint("cluster", "--input", in.toString(), "--id", "id", "--k", "3", "--log", "spend", "--out",
        out.toString());
    assertEquals(0, logged.code(), logged.err());
    assertFalse(logged.err().contains("right-skewed"), logged.err());
  }

  /**
   * A column that records whether the customer already left, clustered by default, gets a note with the way to
   * segment without it and still see it per segment; a predicted score of the same word does not, nor a column the
   * user named in --features.
   */
  @Test
  void anOutcomeColumnClusteredByDefaultGetsANote() throws Exception {
    Random rnd = new Random(13);
    List<String> lines = new ArrayList<>(List.of("id,spend,visits,Churn,churn_score"));
    for (int i = 0; i < 120; i++) {
      lines.add(String.format(java.util.Locale.ROOT, "c%d,%.2f,%d,%s,%.3f", i, 100 + 50 * rnd.nextGaussian(),
          1 + rnd.nextInt(12), rnd.nextBoolean() ? "Yes" : "No", rnd.nextDouble()));
    }
    Path in = Files.write(dir.resolve("churn.csv"), lines);
    Path out = dir.resolve("segments.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--k", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("note: Churn looks like an outcome (whether the customer already left) and is "
        + "clustered on, so the segments split by it; to segment on the other columns and see it per segment, give "
        + "--exclude Churn, then segmint profile --input " + in + " --id id --labels " + out + "\n"), r.err());
    Run named = segmint("cluster", "--input", in.toString(), "--id", "id", "--k", "3", "--features",
        "spend,visits,Churn", "--out", out.toString());
    assertEquals(0, named.code(), named.err());
    assertFalse(named.err().contains("outcome"), named.err());
    Run excluded = segmint("cluster", "--input", in.toString(), "--id", "id", "--k", "3", "--exclude", "Churn",
        "--out", out.toString());
    assertEquals(0, excluded.code(), excluded.err());
    assertFalse(excluded.err().contains("outcome"), excluded.err());
  }

  /** Issue 17: --k auto prints the table (4 significant digits, aligned), the chosen k and the reason. */
  @Test
  void kAutoPrintsTheTableAndTheReason() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("segments.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "auto",
        "--k-range", "2..5", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> err = r.err().lines().toList();
    assertEquals("k selection (k-means, k = 2..5, eligible: every segment ≥ 2 % of customers and ≥ 2 customers):",
        err.get(0));
    assertEquals("k  silhouette  Calinski-H.  Davies-B.  smallest  largest  eligible", err.get(1).strip()
        .replaceAll(" {2,}", "  "));
    // one aligned row per k; k = 3 splits 60/40/20 of 120: smallest 16.67 %, largest 50 %
    assertTrue(err.get(3).matches("3  +0\\.\\d{4}  +\\d+  +0\\.\\d{1,5}  +16\\.67 %  +50 %  yes  <- chosen"),
        err.get(3));
    int eligibleColumn = err.get(1).indexOf("eligible");
    for (int line = 2; line <= 5; line++) {
      String row = err.get(line);
      assertTrue(row.startsWith("yes", eligibleColumn) || row.startsWith("no", eligibleColumn), "aligned: " + row);
    }
    assertTrue(err.get(6).startsWith("Chosen k = 3: k = 3 has the largest silhouette among the 4 eligible k "),
        err.get(6));
    // a small file: the range is capped at half the customers, and the note says so
    StringBuilder small = new StringBuilder("id,x\n");
    for (int i = 0; i < 10; i++) {
      small.append("c").append(i).append(',').append(10 * (i % 3) + 0.01 * i).append('\n');
    }
    Path tiny = dir.resolve("tiny.csv");
    Files.writeString(tiny, small);
    r = segmint("cluster", "--input", tiny.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "auto", "--out",
        dir.resolve("tiny-out.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("\nnote: the k range 3..10 was capped at 5: at most n/2 = 5 for 10 customers (every "
        + "segment needs at least 2 customers)\n"), r.err());
    assertTrue(r.err().contains("Chosen k = 3: "), r.err());
  }

  /**
   * Issue 17: a fragmented density result prints one note naming the flag and a value. 25 tight groups of 10
   * customers with --min-cluster-size 5 give 25 segments; DBSCAN with a tiny eps on spread-out customers leaves most
   * of them as noise.
   */
  @Test
  void fragmentedDensityResultsSuggestTheFlagToChange() throws Exception {
    StringBuilder csv = new StringBuilder("id,x,y\n");
    Random rnd = new Random(9);
    for (int g = 0; g < 25; g++) {
      for (int i = 0; i < 10; i++) {
        csv.append(String.format(java.util.Locale.ROOT, "c%d_%d,%.4f,%.4f%n", g, i, 10.0 * (g % 5)
            + 0.05 * rnd.nextGaussian(), 10.0 * (g / 5) + 0.05 * rnd.nextGaussian()));
      }
    }
    Path in = dir.resolve("groups.csv");
    Files.writeString(in, csv);
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hdbscan",
        "--min-cluster-size", "5", "--out", dir.resolve("h.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(": 25 segments of 250 customers"), r.err());
    assertTrue(r.err().contains("\nnote: fragmented result: 25 segments (more than 20 segments or 20 % noise is hard "
        + "to act on); raise --min-cluster-size (now 5), e.g. --min-cluster-size 10\n"), r.err());
    r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "dbscan", "--eps", "0.001",
        "--min-pts", "3", "--out", dir.resolve("d.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("% of the customers as noise (more than 20 segments or 20 % noise is hard to act "
        + "on); raise --eps (now 0.001), e.g. --eps 0.0015\n"), r.err());
    // the three blobs with the default HDBSCAN settings: not fragmented, no note
    r = segmint("cluster", "--input", blobs().toString(), "--id", "id", "--algorithm", "hdbscan", "--out",
        dir.resolve("b.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("fragmented"), r.err());
  }

  /**
   * A k the user chose that leaves segments under 2 % of the customers (what --k auto refuses) gets one note with
   * their sizes; hierarchical average linkage's adds Ward's linkage. 300 customers: two groups of 147 and three
   * far-off pairs, which average linkage at k = 5 splits off as segments of 2 (and k-means at k = 2 one of them);
   * the 60/40/20 blobs at k = 3 have no such segment and no note.
   */
  @Test
  void segmentsUnderTwoPercentOfAChosenKGetANote() throws Exception {
    StringBuilder csv = new StringBuilder("id,x,y\n");
    Random rnd = new Random(4);
    for (int i = 0; i < 294; i++) {
      double c = i < 147 ? 0 : 10;
      csv.append(String.format(java.util.Locale.ROOT, "c%d,%.4f,%.4f%n", i, c + rnd.nextGaussian(),
          c + rnd.nextGaussian()));
    }
    double[][] far = {{60, -60}, {-60, 60}, {90, 90}};
    for (int i = 0; i < 6; i++) {
      csv.append(String.format(java.util.Locale.ROOT, "o%d,%.4f,%.4f%n", i, far[i / 2][0] + 0.1 * i,
          far[i / 2][1]));
    }
    Path in = dir.resolve("outliers.csv");
    Files.writeString(in, csv);
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hierarchical", "--linkage",
        "average", "--k", "5", "--out", dir.resolve("h.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(": 5 segments of 300 customers [147, 147, 2, 2, 2]"), r.err());
    assertTrue(r.err().contains("\nnote: 3 of 5 segments hold under 2 % of the customers (2, 2 and 2 customers): too "
        + "few to act on; try a smaller --k, or --k auto, which only picks a k whose every segment holds at least "
        + "2 %; average linkage splits off outliers as segments of their own, --linkage ward gives segments of more "
        + "even sizes\n"), r.err());
    // segment prints the same note
    r = segmint("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "hierarchical", "--linkage",
        "average", "--k", "5", "--out", dir.resolve("s.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("\nnote: 3 of 5 segments hold under 2 % of the customers (2, 2 and 2 customers): too "
        + "few to act on;"), r.err());
    // k-means (standardised columns) puts one far-off pair in a segment of its own
    r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2", "--out",
        dir.resolve("k.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(": 2 segments of 300 customers [298, 2]"), r.err());
    assertTrue(r.err().contains("\nnote: 1 of 2 segments holds under 2 % of the customers (2 customers): too few to "
        + "act on; try a smaller --k, or --k auto, which only picks a k whose every segment holds at least 2 %\n"),
        r.err());
    r = segmint("cluster", "--input", blobs().toString(), "--id", "id", "--algorithm", "kmeans", "--k", "3", "--out",
        dir.resolve("b.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("under 2 %"), r.err());
  }

  @Test
  void badInputExitsWithTwoAndNamesTheProblem() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("o.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "3",
        "--features", "spend,visit", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("'visit' not found") && r.err().contains("did you mean 'visits'"), r.err());
    assertFalse(Files.exists(out), "no partial output");

    r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "500",
        "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("k = 500 segments cannot exceed the number of customers, 120"), r.err());

    Files.writeString(dir.resolve("gap.csv"), "id,spend\na,1\nb,\nc,3\n");
    r = segmint("cluster", "--input", dir.resolve("gap.csv").toString(), "--id", "id", "--algorithm", "kmeans",
        "--k", "2", "--missing", "fail", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("column 'spend' has 1 missing value (first for customer b)"), r.err());
    assertFalse(r.err().contains("\tat "));
  }

  private Map<String, Integer> readSegments(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out);
    assertEquals("customer_id,segment", lines.get(0));
    Map<String, Integer> seg = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] p = l.split(",");
      seg.put(p[0], Integer.parseInt(p[1]));
    }
    return seg;
  }

  /** The blobs plus one far-away customer, who must come out as noise. */
  Path blobsWithOutlier() throws Exception {
    Path f = blobs();
    Files.writeString(f, "9999;5000.00;90.00;far\n", java.nio.file.StandardOpenOption.APPEND);
    return f;
  }

  @Test
  void dbscanWritesEveryCustomerWithMinusOneForNoise() throws Exception {
    Path in = blobsWithOutlier();
    Path out = dir.resolve("db.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "dbscan", "--eps", "0.5",
        "--min-pts", "5", "--threads", "2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Integer> seg = readSegments(out);
    assertEquals(121, seg.size(), "no customer is missing");
    assertEquals(-1, seg.get("9999"));
    assertEquals(0, seg.get("0000"));
    assertTrue(r.err().contains("segments: DBSCAN, eps = 0.500000, minPts = 5: 3 segments of 121 customers "
        + "[60, 40, 20], 1 noise (segment -1); 120 core, 0 border"), r.err());
    assertTrue(r.err().contains("1 noise"), r.err());
  }

  @Test
  void dbscanEpsAutoReportsTheKDistanceKnee() throws Exception {
    Path in = blobsWithOutlier();
    Path out = dir.resolve("auto.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "dbscan", "--eps", "auto",
        "--min-pts", "5", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("eps auto: k-distance curve, k = 4"), r.err());
    assertEquals(121, readSegments(out).size());
  }

  @Test
  void hdbscanFindsTheThreeBlobsAndTheOutlier() throws Exception {
    Path in = blobsWithOutlier();
    Path out = dir.resolve("h.csv");
    Run r = segmint("cluster", "--input", in.toString(), "--id", "id", "--algorithm", "hdbscan",
        "--min-cluster-size", "10", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Integer> seg = readSegments(out);
    assertEquals(121, seg.size());
    assertEquals(-1, seg.get("9999"));
    assertTrue(r.err().contains("segments: HDBSCAN, minClusterSize = 10, minSamples = 10: 3 segments of 121 "
        + "customers [60, 40, 20], 1 noise (segment -1)"), r.err());
  }

  @Test
  void densityOptionsAreChecked() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("x.csv");
    String[][] bad = {
        {"--algorithm", "dbscan"},
        {"--algorithm", "dbscan", "--eps", "0"},
        {"--algorithm", "dbscan", "--eps", "-1"},
        {"--algorithm", "dbscan", "--eps", "NaN"},
        {"--algorithm", "dbscan", "--eps", "wide"},
        {"--algorithm", "dbscan", "--eps", "0.5", "--min-pts", "0"},
        {"--algorithm", "dbscan", "--eps", "0.5", "--min-pts", "500"},
        {"--algorithm", "hdbscan", "--min-cluster-size", "1"},
        {"--algorithm", "hdbscan", "--min-cluster-size", "400"},
        {"--algorithm", "optics"}};
    String[] expect = {"needs --eps", "--eps must be a finite distance > 0", "--eps must be a finite distance > 0",
        "--eps must be a finite distance > 0", "--eps must be a positive number or auto", "--min-pts must be at least 1",
        "exceeds the number of customers", "--min-cluster-size must be at least 2", "exceeds the number of customers",
        "use kmeans, kprototypes, kmedoids, dbscan, hdbscan or hierarchical"};
    for (int i = 0; i < bad.length; i++) {
      List<String> args = new ArrayList<>(List.of("cluster", "--input", in.toString(), "--id", "id", "--out",
          out.toString()));
      args.addAll(List.of(bad[i]));
      Run r = segmint(args.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", bad[i]) + ": " + r.err());
      assertTrue(r.err().contains(expect[i]), String.join(" ", bad[i]) + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }
}
