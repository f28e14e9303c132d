package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's bad-input catalogue: one row per malformed input or flag. Each must exit with 2, print exactly
 * one line on stderr that contains the expected fragment (what, where, how to fix), print no stack trace, and leave
 * no output file behind (nor any temporary file).
 */
class BadInputCatalogueTest {

  @TempDir
  Path root;

  /** Builds the arguments of one case in its own folder. */
  interface Args {
    String[] in(Path dir) throws IOException;
  }

  record Case(String name, String fragment, Args args) {}

  static final List<Case> CASES = new ArrayList<>();

  static void bad(String name, String fragment, Args args) {
    CASES.add(new Case(name, fragment, args));
  }

  static final String TX = "CustomerID,InvoiceDate,InvoiceNo,Amount\n"
      + "c1,2011-01-01,i1,10\nc1,2011-01-05,i2,5\nc2,2011-01-03,i3,7\nc3,2011-01-04,i4,1\n";
  static final String CUSTOMERS = "id,recency,monetary,city\n"
      + "a,1,10,x\nb,2,20,y\nc,30,300,x\nd,31,310,y\ne,32,320,x\n";

  static Path file(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  static Path bytes(Path dir, String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  static String[] rfm(Path tx, Path dir, String... more) {
    return args(List.of("rfm", "--transactions", tx.toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--order", "InvoiceNo", "--amount", "Amount", "--out", dir.resolve("out.csv").toString()), more);
  }

  static String[] cluster(Path in, Path dir, String... more) {
    return args(List.of("cluster", "--input", in.toString(), "--id", "id", "--out", dir.resolve("out.csv").toString()),
        more);
  }

  /** The base arguments with {@code more} added; a flag in {@code more} replaces the base's value. */
  static String[] args(List<String> base, String... more) {
    List<String> a = new ArrayList<>(base);
    for (int i = 0; i < more.length; i++) {
      int at = more[i].startsWith("--") ? a.indexOf(more[i]) : -1;
      if (at >= 0 && i + 1 < more.length) {
        a.set(at + 1, more[++i]);
      } else {
        a.add(more[i]);
      }
    }
    return a.toArray(String[]::new);
  }

  static String[] kmeans(Path in, Path dir, String... more) {
    List<String> a = new ArrayList<>(List.of(cluster(in, dir, "--algorithm", "kmeans")));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  static {
    // files
    bad("missing file", "file not found: {d}/nope.csv; check the path", d -> rfm(d.resolve("nope.csv"), d));
    bad("directory instead of a file", "folder.csv is a directory, not a CSV file; give the path of the file", d -> rfm(Files.createDirectory(d.resolve("folder.csv")), d));
    bad("0-byte file", "empty.csv is empty (0 bytes); it needs a header line and at least one row", d -> rfm(file(d, "empty.csv", ""), d));
    bad("header only", "h.csv has a header line but no data rows; it needs at least one row", d -> rfm(file(d, "h.csv", "CustomerID,InvoiceDate,InvoiceNo,Amount\n"), d));
    bad("blank first line", "blank.csv has no header line; the first line must name the columns", d -> rfm(file(d, "blank.csv", "\n\nc1,2011-01-01,i1,10\n"), d));
    bad("non-UTF-8 bytes (Latin-1)", "latin1.csv is not valid UTF-8 text; re-save it as UTF-8",
        d -> rfm(bytes(d, "latin1.csv", (TX + "Jos\u00e9,2011-01-02,i9,3\n").getBytes(StandardCharsets.ISO_8859_1)), d));
    bad("non-UTF-8 byte after the header", "body.csv is not valid UTF-8 text; re-save it as UTF-8",
        d -> rfm(bytes(d, "body.csv", (TX + "c9,2011-01-02,i9,3\n").replace("c9", "c\u00e9").getBytes(StandardCharsets.ISO_8859_1)), d));
    bad("amount column empty in every row", "column 'Amount' has no value in any row; fill it or choose another column",
        d -> rfm(file(d, "tx.csv", TX.replaceAll(",(\\d+)\n", ",\n")), d));
    bad("gzip name but not gzip", "tx.csv.gz is not a complete gzip file although its name ends in .gz; decompress it again or drop the .gz", d -> rfm(file(d, "tx.csv.gz", TX), d));
    bad("ragged row: too many fields", "r1.csv as CSV with delimiter ',': record 5 (line 6) has 6 fields but the header has 4; check the delimiter", d -> rfm(file(d, "r1.csv", TX + "c4,2011-01-02,i5,3,extra,more\n"), d));
    bad("unbalanced quote", "q.csv as CSV with delimiter ',': record 5 (line 6) has 1 field but the header has 4 (a quote opened there is never closed)", d -> rfm(file(d, "q.csv", TX + "\"c4,2011-01-02,i5,3\n"), d));
    bad("wrong delimiter given", "semi.csv has a single column with delimiter ',' but its header is separated by ';'; give --delimiter ';' or leave --delimiter out", d -> rfm(file(d, "semi.csv", TX.replace(',', ';')), d, "--delimiter", ","));
    bad("two-character delimiter", "--delimiter must be one character (or \\t for tab), not ';;'", d -> rfm(file(d, "tx.csv", TX), d, "--delimiter", ";;"));
    // columns
    bad("misspelled customer column", "column 'CustomerID' not found in table 'tx.csv' (did you mean 'CustmerID'?)", d -> rfm(file(d, "tx.csv", TX.replace("CustomerID", "CustmerID")), d));
    bad("misspelled amount column", "column 'Amount' not found in table 'tx.csv' (did you mean 'Amonut'?)", d -> rfm(file(d, "tx.csv", TX.replace("Amount", "Amonut")), d));
    bad("amount column holds text", "column 'Amount' is string, not numeric (e.g. 'ten'); convert it to numbers or choose another column", d -> rfm(file(d, "tx.csv", TX.replace(",10\n", ",ten\n")), d));
    bad("amount is Infinity", "the amount at row 1 (customer c1) is Infinity; amounts must be finite numbers: fix or remove that row", d -> rfm(file(d, "tx.csv", TX.replace(",10\n", ",Infinity\n")), d));
    bad("no readable date", "no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '01/01/2011'); give its pattern", d -> rfm(file(d, "tx.csv", TX.replaceAll("2011-01-0(\\d)", "0$1/01/2011")), d));
    bad("date far in the future", "the latest purchase, of customer 'c1', is dated 2999-01-05, after today", d -> rfm(file(d, "tx.csv", TX.replace("2011-01-05", "2999-01-05")), d));
    bad("ids differing only by whitespace", "customer ids 'c1' (row 1) and 'c1 ' (row 5) differ only by leading or trailing spaces; strip the ids",
        d -> rfm(file(d, "tx.csv", TX + "\"c1 \",2011-01-02,i7,3\n"), d));
    bad("bad timestamp pattern", "timestamp pattern 'yyyy-qqqqqq' is not a valid java.time pattern", d -> rfm(file(d, "tx.csv", TX), d, "--timestamp-format", "yyyy-qqqqqq"));
    bad("bad --as-of", "--as-of '10/12/2011' is not a date; write it as YYYY-MM-DD", d -> rfm(file(d, "tx.csv", TX), d, "--as-of", "10/12/2011"));
    bad("bad --returns", "--returns must be exclude or net, not 'keep'", d -> rfm(file(d, "tx.csv", TX), d, "--returns", "keep"));
    bad("only returns", "no customer has a purchase (a row with customer id, date and amount > 0) in 'tx.csv' (of 4 rows: 4 return (amount < 0))", d -> rfm(file(d, "tx.csv", TX.replaceAll(",(\\d+)\n", ",-$1\n")), d));
    // output
    bad("output folder missing", "cannot write {d}/no/such/out.csv: folder {d}/no/such does not exist; create it first", d -> rfm(file(d, "tx.csv", TX), d, "--out", d.resolve("no/such/out.csv").toString()));
    bad("output is a folder", "cannot write {d}/outdir: it is a folder; give a file name", d -> rfm(file(d, "tx.csv", TX), d, "--out", Files.createDirectory(d.resolve("outdir")).toString()));
    bad("output folder not writable", "cannot write /sys/segmint-out.csv: no permission to create files in /sys; choose a writable folder", d -> rfm(file(d, "tx.csv", TX), d, "--out", "/sys/segmint-out.csv"));
    // cluster: features
    bad("misspelled --id", "column 'ID_' not found in table 'c.csv' (did you mean 'id'?)", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmeans", "--k", "2", "--id", "ID_"));
    bad("misspelled feature", "column 'monetery' not found in table 'c.csv' (did you mean 'monetary'?)", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--features", "recency,monetery"));
    bad("feature holds text", "column 'city' is string, not numeric (e.g. 'x')", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--features", "recency,city"));
    bad("no numeric feature", "table 'c.csv' has no numeric column besides the id column 'id'; name the feature columns", d -> kmeans(file(d, "c.csv", "id,city\na,x\nb,y\n"), d, "--k", "2"));
    bad("empty feature cell", "column 'recency' has a missing value at row 3 (customer c); impute or drop it", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,,300")), d, "--k", "2"));
    bad("NaN feature cell", "column 'recency' has a missing value at row 3 (customer c); impute or drop it", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,NaN,300")), d, "--k", "2"));
    bad("Infinity feature cell", "feature 'recency' is Infinity at row 3 (customer c); all features must be finite numbers", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,Infinity,300")), d, "--k", "2"));
    bad("-Infinity feature cell", "feature 'recency' is -Infinity at row 3 (customer c); all features must be finite numbers", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,-Infinity,300")), d, "--k", "2"));
    bad("duplicate customer ids", "customer id 'a' appears twice (rows 1 and 6); aggregate to one row per customer first", d -> kmeans(file(d, "c.csv", CUSTOMERS + "a,3,30,x\n"), d, "--k", "2"));
    bad("ids differing only by whitespace (quoted)", "customer ids 'a' (row 1) and ' a' (row 6) differ only by leading or trailing spaces", d -> kmeans(file(d, "c.csv", CUSTOMERS + "\" a\",3,30,x\n"), d, "--k", "2"));
    bad("missing id cell", "column 'id' has a missing customer id at row 6; every row needs an id (drop or fill that row)", d -> kmeans(file(d, "c.csv", CUSTOMERS + ",3,30,x\n"), d, "--k", "2"));
    // cluster: parameters
    bad("--algorithm unknown", "--algorithm 'kmedoids' is not available; use kmeans, dbscan, hdbscan or hierarchical", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmedoids"));
    bad("--scale unknown", "--scale must be standard, robust, minmax or none, not 'zscore'", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--scale", "zscore"));
    bad("k-means without --k", "k-means needs --k N (a number of segments) or --k auto", d -> kmeans(file(d, "c.csv", CUSTOMERS), d));
    bad("--k 0", "--k must be at least 1 (the number of segments), not 0", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "0"));
    bad("--k -2", "--k must be at least 1 (the number of segments), not -2", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "-2"));
    bad("--k not a number", "--k must be a whole number or auto, not 'three'", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "three"));
    bad("--k > n", "k = 9 segments cannot exceed the number of customers, 5; choose k ≤ 5", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "9"));
    bad("--k auto on two customers", "--k auto needs at least 3 customers", d -> kmeans(file(d, "c.csv", "id,x\na,1\nb,2\n"), d, "--k", "auto"));
    bad("single customer, k = 2", "k = 2 segments cannot exceed the number of customers, 1; choose k ≤ 1", d -> kmeans(file(d, "c.csv", "id,x\na,1\n"), d, "--k", "2"));
    bad("all-identical points, k = 2", "the data has only 1 distinct points, fewer than k = 2 segments; choose a smaller k", d -> kmeans(file(d, "c.csv", "id,x,y\na,1,1\nb,1,1\nc,1,1\n"), d, "--k", "2"));
    bad("--n-init 0", "--n-init must be at least 1, not 0", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--n-init", "0"));
    bad("--threads 0", "--threads must be at least 1, not 0", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--threads", "0"));
    bad("dbscan without --eps", "DBSCAN needs --eps X (a radius in the scaled feature space) or --eps auto", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan"));
    bad("--eps 0", "--eps must be a finite distance > 0, not '0'", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "0"));
    bad("--eps -1", "--eps must be a finite distance > 0, not '-1'", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "-1"));
    bad("--eps NaN", "--eps must be a finite distance > 0, not 'NaN'", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "NaN"));
    bad("--eps text", "--eps must be a positive number or auto, not 'wide'", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "wide"));
    bad("--min-pts 0", "--min-pts must be at least 1 (it counts the customer itself), not 0", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "1", "--min-pts", "0"));
    bad("--min-pts > n", "--min-pts 6 exceeds the number of customers in {d}/c.csv, 5; choose --min-pts <= 5", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "dbscan", "--eps", "1", "--min-pts", "6"));
    bad("hdbscan --min-cluster-size 1", "--min-cluster-size must be at least 2, not 1", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hdbscan", "--min-cluster-size", "1"));
    bad("hdbscan --min-pts 0", "--min-pts must be at least 1 (it counts the customer itself), not 0", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hdbscan", "--min-cluster-size", "2", "--min-pts", "0"));
    bad("hdbscan min samples > n", "HDBSCAN min samples 15 exceeds the number of customers in {d}/c.csv, 5; lower --min-cluster-size or --min-pts", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hdbscan"));
    bad("hierarchical --linkage unknown", "unknown linkage 'centroid'; use ward, complete, average or single", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "2", "--linkage", "centroid"));
    bad("hierarchical --k > n", "k = 6 segments cannot exceed the number of customers, 5; choose k ≤ 5", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "6"));
    bad("hierarchical --k 0", "--k must be at least 1, not 0", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "0"));
    // profile
    bad("labels file missing a customer", "1 of the 5 customers of {d}/c.csv have no label in {d}/l.csv (e.g. e); every customer needs exactly one label", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\n").toString()});
    bad("labels file with a customer twice", "customer a appears twice in {d}/l.csv (rows 2 and 7); give each customer one label", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\na,1\n").toString()});
    bad("labels not whole numbers", "segment 0.5 of customer b in {d}/l.csv (row 3) is not a whole number ≥ -1", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0.5\nc,1\nd,1\ne,1\n").toString()});
    bad("labels file without segment column", "l.csv needs the columns customer_id,segment (as segmint cluster writes them); its columns are [customer_id, cluster]", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,cluster\na,0\nb,0\nc,1\nd,1\ne,1\n").toString()});
    bad("report path is a folder", "cannot write {d}/report.html: it is a folder; give a file name", d -> new String[] {
        "profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels",
        file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString(), "--out",
        Files.createDirectory(d.resolve("report.html")).toString()});
    bad("report with unknown extension", "cannot tell the report format of 'out.docx'; end the name with .html, .md, .csv, .json or .txt", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString(),
        "--out", d.resolve("out.docx").toString()});
    // issue 15: numbers, model files, stderr and messages
    bad("control characters in an id are escaped", "customer id 'a\\u001b]0;pwned\\u0007b' appears twice (rows 1 and 3)",
        d -> kmeans(file(d, "c.csv", "id,x,y\na\u001b]0;pwned\u0007b,1,2\nb,2,3\na\u001b]0;pwned\u0007b,2,3\n"), d, "--k", "2"));
    bad("--scale minmax on a range wider than a double", "min–max scaling cannot represent feature 'x': its range, from -1.5E308 to 1.5E308, is wider than the largest double (about 1.8e308); divide the column by a constant first (e.g. 1e10), or use standard scaling",
        d -> kmeans(file(d, "c.csv", "id,x\na,1.5e308\nb,1\nc,-1.5e308\n"), d, "--k", "2", "--scale", "minmax"));
    bad("--scale robust overflowing on an outlier", "robust scaling of feature 'x' overflows at row 1 (customer a): (-1.5E308 - median 0.25) / interquartile range 0.5 is beyond the largest double",
        d -> kmeans(file(d, "c.csv", "id,x\na,-1.5e308\nb,0\nc,0\nd,0.5\ne,0.5\nf,1.5e308\n"), d, "--k", "2", "--scale", "robust"));
    bad("forged model: a parent cycle in the HDBSCAN tree", "model field 'cluster.tree' is not a condensed tree a fit makes: condensed tree row",
        d -> ForgedModels.assignWith(d, ForgedModels::parentCycle, "--algorithm", "hdbscan", "--min-cluster-size", "3"));
    bad("forged model: an infinite center", "model field 'features.fitted[0].center' must be a finite number (a center), not Infinity",
        d -> ForgedModels.assignWith(d, ForgedModels.set("\"center\": ([-0-9.e]+)", "\"Infinity\""), "--algorithm", "kmeans", "--k", "3", "--seed", "1"));
    bad("forged model: a negative segment size", "model field 'segments[0].size' must be between 1 and the 24 training customers, not -8",
        d -> ForgedModels.assignWith(d, ForgedModels.set("\"size\": ([0-9]+)", "-8"), "--algorithm", "kmeans", "--k", "3", "--seed", "1"));
    bad("model file over the size limit", "big.json is 300000000 bytes, over the limit of 268435456 bytes; is it really a Segmint model?",
        d -> {
          try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(d.resolve("big.json").toFile(), "rw")) {
            f.setLength(300_000_000L);   // sparse: the size is refused before anything is read
          }
          return new String[] {"assign", "--model", d.resolve("big.json").toString(), "--input", file(d, "c.csv", CUSTOMERS).toString(), "--out", d.resolve("out.csv").toString()};
        });
    bad("no readable date names the flag", "give its pattern, e.g. --timestamp-format 'dd-MM-yyyy' or --timestamp-format 'M/d/yyyy H:mm'", d -> rfm(file(d, "tx.csv", TX.replaceAll("2011-01-0(\\d)", "0$1/01/2011")), d));
    bad("--timestamp-format without a year", "timestamp pattern 'dd/MM' has no year (y), so no date can be read with it; give the whole date, e.g. 'dd/MM/yyyy'", d -> rfm(file(d, "tx.csv", TX), d, "--timestamp-format", "dd/MM"));
    bad("--purchases-in-last 0", "--purchases-in-last: window 0 is not a positive number of days; give e.g. 30 or 90", d -> rfm(file(d, "tx.csv", TX), d, "--purchases-in-last", "0"));
    bad("date in the future names --as-of", "fix that date, or give the as-of date (--as-of) so that later rows are dropped and counted", d -> rfm(file(d, "tx.csv", TX.replace("2011-01-05", "2999-01-05")), d));
    bad("hierarchical --k above the distinct points", "the data has only 2 distinct points, fewer than k = 3 segments; choose a smaller k",
        d -> cluster(file(d, "c.csv", "id,x,y\na,1,1\nb,1,1\nc,1,1\nd,2,2\n"), d, "--algorithm", "hierarchical", "--k", "3"));
    bad("demo --replicates -1", "--replicates must be 0 (no stability check) or a number of bootstrap refits, not -1",
        d -> new String[] {"demo", "--replicates", "-1", "--report", d.resolve("report.html").toString()});
  }

  record Run(int code, String out, String err) {}

  static Run segmint(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseExitsWithTwoAndOneSentence() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Path d = Files.createDirectory(root.resolve("case" + CASES.indexOf(c)));
      Assumptions.assumeTrue(!c.fragment().contains("/sys") || Files.isDirectory(Path.of("/sys")), "Linux only");
      String[] args = c.args().in(d);
      Set<Path> before = list(d);
      Run r = segmint(args);
      assertEquals(2, r.code(), () -> c.name() + ": " + r.err());
      String err = r.err().strip();
      assertFalse(err.contains("\n"), () -> c.name() + ": one line expected: " + err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), () -> c.name() + ": " + err);
      String fragment = c.fragment().replace("{d}", d.toString());
      assertTrue(err.startsWith("segmint: ") && err.contains(fragment), () -> c.name() + ": " + err);
      assertEquals(before, list(d), c.name() + ": no output or temporary file may be left behind");
    }));
  }

  static Set<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.collect(Collectors.toSet());
    }
  }
}
