package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    bad("amount column holds text", "column 'Amount' of {d}/tx.csv holds numbers but row 1 has 'ten'; fix that value or choose another column", d -> rfm(file(d, "tx.csv", TX.replace(",10\n", ",ten\n")), d));
    bad("amount is Infinity", "the amount at row 1 (customer c1) is Infinity; amounts must be finite numbers: fix or remove that row", d -> rfm(file(d, "tx.csv", TX.replace(",10\n", ",Infinity\n")), d));
    bad("no readable date", "no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '01/01/2011'); its values read as dd/MM/yyyy and as MM/dd/yyyy (no value tells which), so give the one the file uses: --timestamp-format 'dd/MM/yyyy' or --timestamp-format 'MM/dd/yyyy'", d -> rfm(file(d, "tx.csv", TX.replaceAll("2011-01-0(\\d)", "0$1/01/2011")), d));
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
    bad("no feature", "table 'c.csv' has no column to cluster besides the id column 'id' (columns: id id; left out: note (no value in any row)); name the features with --features or --categorical", d -> kmeans(file(d, "c.csv", "id,note\na,\nb,\n"), d, "--k", "2"));
    bad("empty feature cell, --missing fail", "column 'recency' has 1 missing value (first for customer c); impute them with --missing impute, leave those customers out with --missing drop, or fill the values", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,,300")), d, "--k", "2", "--missing", "fail"));
    bad("NaN feature cell, --missing fail", "column 'recency' has 1 missing value (first for customer c); impute them", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,NaN,300")), d, "--k", "2", "--missing", "fail"));
    bad("Infinity feature cell", "feature 'recency' is Infinity at row 3 (customer c); all features must be finite numbers", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,Infinity,300")), d, "--k", "2"));
    bad("-Infinity feature cell", "feature 'recency' is -Infinity at row 3 (customer c); all features must be finite numbers", d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,-Infinity,300")), d, "--k", "2"));
    bad("duplicate customer ids", "customer id 'a' appears twice (rows 1 and 6); aggregate to one row per customer first", d -> kmeans(file(d, "c.csv", CUSTOMERS + "a,3,30,x\n"), d, "--k", "2"));
    bad("ids differing only by whitespace (quoted)", "customer ids 'a' (row 1) and ' a' (row 6) differ only by leading or trailing spaces", d -> kmeans(file(d, "c.csv", CUSTOMERS + "\" a\",3,30,x\n"), d, "--k", "2"));
    bad("missing id cell", "column 'id' has a missing customer id at row 6; every row needs an id (drop or fill that row)", d -> kmeans(file(d, "c.csv", CUSTOMERS + ",3,30,x\n"), d, "--k", "2"));
    // cluster: parameters
    bad("--algorithm unknown", "--algorithm 'optics' is not available; use kmeans, kprototypes, kmedoids, dbscan, hdbscan or hierarchical", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "optics"));
    bad("--gamma with kmeans", "--gamma does not apply to --algorithm kmeans; drop --gamma, or use --algorithm kprototypes, which takes it", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--gamma", "1"));
    bad("--n-init with kmedoids", "--n-init does not apply to --algorithm kmedoids; drop --n-init, or use --algorithm kmeans or kprototypes, which take it", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmedoids", "--k", "2", "--n-init", "3"));
    bad("--eps with kprototypes", "--eps does not apply to --algorithm kprototypes; drop --eps, or use --algorithm dbscan, which takes it", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kprototypes", "--k", "2", "--eps", "0.5"));
    bad("--k with hdbscan", "--k does not apply to --algorithm hdbscan; drop --k, or use --algorithm kmeans, kprototypes, kmedoids or hierarchical, which take it", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hdbscan", "--k", "2"));
    bad("--gamma negative", "--gamma must be a finite number >= 0 (the cost of one mismatched category), not -1.0", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kprototypes", "--k", "2", "--gamma", "-1"));
    bad("kprototypes without a categorical column", "k-prototypes needs at least one categorical feature", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kprototypes", "--k", "2", "--features", "recency,monetary"));
    bad("--scale unknown", "--scale must be standard, robust, minmax or none, not 'zscore'", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--scale", "zscore"));
    bad("--k 0", "--k must be at least 1 (the number of segments), not 0", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "0"));
    bad("--k -2", "--k must be at least 1 (the number of segments), not -2", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "-2"));
    bad("--k not a number", "--k must be a whole number or auto, not 'three'", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "three"));
    bad("--k > n", "k = 9 segments cannot exceed the number of customers, 5; choose k ≤ 5", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "9"));
    bad("--k auto on two customers", "--k auto in 3..10 needs at least 6 customers (segments of at least 2), {d}/c.csv has 2; give --k N", d -> kmeans(file(d, "c.csv", "id,x\na,1\nb,2\n"), d, "--k", "auto"));
    bad("single customer, k = 2", "k = 2 segments cannot exceed the number of customers, 1; choose k ≤ 1", d -> kmeans(file(d, "c.csv", "id,x\na,1\n"), d, "--k", "2"));
    bad("all-identical points, k = 2", "the data has only 1 distinct points, fewer than k = 2 segments; choose a smaller k", d -> kmeans(file(d, "c.csv", "id,x,y\na,1,1\nb,1,1\nc,1,1\n"), d, "--k", "2"));
    bad("--n-init 0", "--n-init must be at least 1, not 0", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--n-init", "0"));
    bad("--threads -1", "--threads must be 0 (all available processors) or more, not -1", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--threads", "-1"));
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
    bad("labels file with a customer twice", "customer a appears twice in {d}/l.csv (rows 1 and 6); give each customer one segment", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
        "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\na,1\n").toString()});
    bad("labels not whole numbers", "segment '0.5' of customer b in {d}/l.csv (row 2) is not a whole number ≥ -1", d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(),
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
    // issue 15: outputs (items 5, 6, 7 and one rule for missing folders)
    bad("--out is a symbolic link", "cannot write {d}/out.csv: it is a symbolic link (to {d}/real.csv), which Segmint does not replace or follow; give the path of the real file or remove the link",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", Files.createSymbolicLink(d.resolve("out.csv"), file(d, "real.csv", "keep me\n")).toString()));
    bad("--out is a dangling symbolic link", "cannot write {d}/out.csv: it is a symbolic link (to {d}/elsewhere.csv)",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmeans", "--k", "2", "--out", Files.createSymbolicLink(d.resolve("out.csv"), d.resolve("elsewhere.csv")).toString()));
    bad("--out is a FIFO", "cannot write {d}/pipe.csv: it is a named pipe (FIFO), not a regular file, and Segmint replaces its outputs whole; give the path of a regular file",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", fifo(d.resolve("pipe.csv")).toString()));
    bad("--out /dev/null (a device)", "cannot write /dev/null: it is a character device, not a regular file",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", refused("/dev/null")));
    bad("--out /dev/stdout (a link to a device)", "cannot write /dev/stdout: it is a ",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", refused("/dev/stdout")));
    bad("segment --model names --out", "--out and --model both name {d}/out.csv; give each output its own file",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--model", d.resolve("out.csv").toString()));
    bad("segment --report names --out as ./out.csv", "--out and --report both name {d}/./out.csv; give each output its own file",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--report", d.resolve("./out.csv").toString()));
    bad("cluster --dendrogram names --out", "--out and --dendrogram both name {d}/out.csv; give each output its own file",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "2", "--dendrogram", d.resolve("out.csv").toString()));
    bad("demo --out names --report", "--report and --out both name {d}/sub/../demo.html; give each output its own file",
        d -> new String[] {"demo", "--report", d.resolve("demo.html").toString(), "--out", d.resolve("sub/../demo.html").toString()});
    bad("rfm --out is --transactions", "--out {d}/tx.csv is the --transactions file; write the output to another file so that the input is kept",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", d.resolve("tx.csv").toString()));
    bad("cluster --out is --input", "--out {d}/c.csv is the --input file; write the output to another file so that the input is kept",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmeans", "--k", "2", "--out", d.resolve("c.csv").toString()));
    bad("cluster --out is a hard link to --input", "--out {d}/out.csv is the --input file",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "kmeans", "--k", "2", "--out", Files.createLink(d.resolve("out.csv"), d.resolve("c.csv")).toString()));
    bad("segment: a customer column that RFM also computes", "column 'tenure_days' of {d}/c.csv is also a column that RFM computes from --transactions; leave the customer file's out with --exclude tenure_days (RFM's is kept), or rename it there",
        d -> segment(file(d, "c.csv", "id,tenure_days,spend\nc1,10,5\nc2,20,6\nc3,30,7\n"), d, "--transactions", file(d, "tx.csv", TX).toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate", "--order", "InvoiceNo", "--amount", "Amount"));
    bad("segment --out is --customers", "--out {d}/c.csv is the --customers file",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--out", d.resolve("c.csv").toString()));
    bad("segment --model is --customers", "--model {d}/c.csv is the --customers file",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--model", d.resolve("c.csv").toString()));
    bad("profile --out is --labels", "--out {d}/l.csv is the --labels file",
        d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels",
            file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString(), "--out", d.resolve("l.csv").toString()});
    bad("assign --out is --model", "--out {d}/m.json is the --model file",
        d -> new String[] {"assign", "--model", file(d, "m.json", "{}").toString(), "--input", file(d, "c.csv", CUSTOMERS).toString(),
            "--out", d.resolve("m.json").toString()});
    bad("assign --transactions says --input", "assign reads the new data from --input FILE.csv: the transactions "
        + "for a model fitted on them (as segment's --transactions), the customer CSV otherwise; give --input instead "
        + "of --transactions",
        d -> new String[] {"assign", "--model", file(d, "m.json", "{}").toString(), "--transactions",
            file(d, "t.csv", TX).toString(), "--out", d.resolve("a.csv").toString()});
    bad("assign --out is --input", "--out {d}/c.csv is the --input file",
        d -> new String[] {"assign", "--model", file(d, "m.json", "{}").toString(), "--input", file(d, "c.csv", CUSTOMERS).toString(),
            "--out", d.resolve("c.csv").toString()});
    bad("segment --model is a folder", "cannot write {d}/model: it is a folder; give a file name",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--model", Files.createDirectory(d.resolve("model")).toString()));
    bad("segment --model in a missing folder", "cannot write {d}/models/m.json: folder {d}/models does not exist; create it first",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--model", d.resolve("models/m.json").toString()));
    bad("segment --report in a missing folder", "cannot write {d}/reports/r.html: folder {d}/reports does not exist; create it first",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--report", d.resolve("reports/r.html").toString()));
    bad("cluster --dendrogram in a missing folder", "cannot write {d}/trees/t.csv: folder {d}/trees does not exist; create it first",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "2", "--dendrogram", d.resolve("trees/t.csv").toString()));
    bad("profile --out in a missing folder", "cannot write {d}/reports/p.md: folder {d}/reports does not exist; create it first",
        d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels",
            file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString(), "--out", d.resolve("reports/p.md").toString()});
    bad("demo --report in a missing folder", "cannot write {d}/reports/demo.html: folder {d}/reports does not exist; create it first",
        d -> new String[] {"demo", "--report", d.resolve("reports/demo.html").toString()});
    bad("--out under a regular file", "cannot write {d}/tx.csv/out.csv: {d}/tx.csv is not a folder; choose a file in an existing folder",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", d.resolve("tx.csv/out.csv").toString()));
    bad("--out name longer than 255 bytes", "the file name is too long (256 bytes; most file systems allow 255); choose a shorter name",
        d -> rfm(file(d, "tx.csv", TX), d, "--out", d.resolve("x".repeat(252) + ".csv").toString()));
    bad("segment --model where no file can be created", "cannot write /proc/segmint-model.json: files cannot be created in /proc; choose a writable folder",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--model", linuxOnly("/proc/segmint-model.json")));

    // issue 15: reading input (column flags, numbers, streams, encodings, header problems)
    bad("decimal commas in a semicolon file", "column 'x' of {d}/c.csv holds numbers written with a decimal comma or thousands separators ('12,50' at row 1), but numbers are read as 1234.5; give --decimal-comma",
        d -> kmeans(file(d, "c.csv", "id;x;y\na;12,50;1\nb;1.234,56;2\nc;3,10;30\nd;4,00;31\n"), d, "--k", "2"));
    bad("decimal commas in a tab file, profile", "column 'spend' of {d}/c.csv holds numbers written with a decimal comma or thousands separators ('12,5' at row 1)",
        d -> new String[] {"profile", "--input", file(d, "c.csv", "id\tspend\na\t12,5\nb\t3,25\nc\t7\n").toString(), "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\n").toString()});
    bad("thousands separators in an amount", "column 'Amount' of {d}/tx.csv holds numbers written with a decimal comma or thousands separators ('1,234.50' at row 1)",
        d -> rfm(file(d, "tx.csv", TX.replace(",10\n", ",\"1,234.50\"\n")), d));
    bad("--decimal-comma on a C-locale number", "column 'x' of {d}/c.csv has '2.5' at row 2, which is not a number with --decimal-comma",
        d -> kmeans(file(d, "c.csv", "id;x\na;1,5\nb;2.5\nc;3,5\n"), d, "--k", "2", "--decimal-comma"));
    bad("Java hexadecimal literal in a feature", "column 'x' of {d}/c.csv holds numbers but row 3 has '0x1p3'; fix that value, leave the column out with --exclude x, or name the features with --features",
        d -> kmeans(file(d, "c.csv", "id,x,y\na,1,1\nb,2,2\nc,0x1p3,3\nd,4,4\n"), d, "--k", "2"));
    bad("Java double suffix in an amount", "column 'Amount' of {d}/tx.csv holds numbers but row 2 has '5d'; fix that value",
        d -> rfm(file(d, "tx.csv", TX.replace(",5\n", ",5d\n")), d));
    bad("Java float suffix in a named feature", "column 'x' of {d}/c.csv holds numbers but row 2 has '7f'; fix that value or leave the column out of --features",
        d -> kmeans(file(d, "c.csv", "id,x,y\na,1,1\nb,7f,2\nc,3,3\n"), d, "--k", "2", "--features", "x,y"));
    bad("one text value among numbers, cluster", "column 'Fresh' of {d}/w.csv holds numbers but row 2 has 'abc'; fix that value, leave the column out with --exclude Fresh",
        d -> kmeans(file(d, "w.csv", "id,Fresh,Milk\na,12669,9656\nb,abc,9810\nc,6353,8808\nd,13265,1196\n"), d, "--k", "2"));
    bad("one text value among numbers, segment --customers", "column 'Fresh' of {d}/w.csv holds numbers but row 2 has 'abc'; fix that value, read the column as categories with --categorical Fresh, leave it out with --exclude Fresh",
        d -> new String[] {"segment", "--customers", file(d, "w.csv", "id,Fresh,Milk\na,12669,9656\nb,abc,9810\nc,6353,8808\nd,13265,1196\n").toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2", "--out", d.resolve("out.csv").toString()});
    bad("one text value among numbers, profile", "column 'Fresh' of {d}/w.csv holds numbers but row 2 has 'n/a'; fix that value or name the columns to profile with --features",
        d -> new String[] {"profile", "--input", file(d, "w.csv", "id,Fresh,Milk\na,12669,9656\nb,n/a,9810\nc,6353,8808\n").toString(), "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\n").toString()});
    bad("--exclude leaves no feature", "table 'c.csv' has no column to cluster besides the id column 'id' (columns: id id; left out: recency, monetary, city (--exclude)); name the features with --features or --categorical",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--exclude", "Recency,MONETARY,CITY"));
    bad("--exclude misspelled", "column 'monetry' not found in table 'c.csv' (did you mean 'monetary'?)", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--exclude", "monetry"));
    bad("--features and --exclude name one column", "column 'recency' is named by both --features and --exclude; keep it in one",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--features", "recency,monetary", "--exclude", "RECENCY"));
    bad("segment --categorical without --customers", "--features, --categorical and --exclude name columns of --customers; give --customers FILE --id COL",
        d -> new String[] {"segment", "--transactions", file(d, "tx.csv", TX).toString(), "--customer", "CustomerID", "--timestamp", "InvoiceDate", "--amount", "Amount", "--categorical", "city", "--algorithm", "kmeans", "--k", "2", "--out", d.resolve("out.csv").toString()});
    bad("whitespace-separated file", "column 'CustomerID' not found in table 'ws.csv'; its header is one column whose names are separated by spaces: give --delimiter whitespace",
        d -> rfm(file(d, "ws.csv", TX.replace(',', ' ').replace(" ", "   ")), d));
    bad("duplicate header name", "d.csv names column 'Amount' twice in its header (columns 4 and 5); rename one of them",
        d -> rfm(file(d, "d.csv", TX.replace("Amount\n", "Amount,Amount\n").replaceAll("(\\d)\n", "$1,0\n")), d));
    bad("header names differing only in case", "d.csv names column 'amount' twice in its header (columns 4 and 5, as 'amount' and 'AMOUNT': names are matched ignoring case)",
        d -> rfm(file(d, "d.csv", TX.replace("Amount\n", "amount,AMOUNT\n").replaceAll("(\\d)\n", "$1,0\n")), d, "--amount", "amount"));
    bad("a 70,000-character field", "long.csv as CSV with delimiter ',': record 5 (line 6), field 1 (column 'CustomerID'), is longer than 65,536 characters, the limit for one field; shorten that field",
        d -> rfm(file(d, "long.csv", TX + "c" + "x".repeat(70_000) + ",2011-01-02,i9,3\n"), d));
    bad("100,000 columns", "wide.csv has 100,000 columns in its header, more than the limit of 10,000; check the delimiter (',')",
        d -> rfm(file(d, "wide.csv", "CustomerID,InvoiceDate,InvoiceNo,Amount" + ",c".repeat(99_996) + "\n" + "c1,2011-01-01,i1,10" + ",1".repeat(99_996) + "\n"), d));
    bad("UTF-16 little-endian with BOM", "u16.csv is UTF-16 (little-endian) text; re-save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8",
        d -> rfm(bytes(d, "u16.csv", ("\uFEFF" + TX).getBytes(StandardCharsets.UTF_16LE)), d));
    bad("UTF-16 little-endian without BOM", "u16.csv is UTF-16 (little-endian) text; re-save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8",
        d -> rfm(bytes(d, "u16.csv", TX.getBytes(StandardCharsets.UTF_16LE)), d));
    bad("UTF-16 big-endian without BOM", "u16.csv is UTF-16 (big-endian) text; re-save it as UTF-8 (e.g. iconv -f UTF-16BE -t UTF-8",
        d -> rfm(bytes(d, "u16.csv", TX.getBytes(StandardCharsets.UTF_16BE)), d));
    bad("UTF-32 little-endian", "u32.csv is UTF-32 (little-endian) text; re-save it as UTF-8 (e.g. iconv -f UTF-32LE -t UTF-8",
        d -> rfm(bytes(d, "u32.csv", TX.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))), d));
    bad("gzip content cut short, name without .gz", "tx.bin starts like a gzip file but is not a complete one",
        d -> rfm(bytes(d, "tx.bin", java.util.Arrays.copyOf(CsvInputTest.gzip(TX), 40)), d));
    bad("--delimiter whitespace with a ragged row", "ws.csv as CSV with delimiter whitespace: record 5 (line 6) has 5 fields but the header has 4",
        d -> rfm(file(d, "ws.csv", TX.replace(',', ' ') + "c4 2011-01-02 i5 3 extra\n"), d, "--delimiter", "whitespace"));

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
    bad("no readable date names the flag", "give its pattern, e.g. --timestamp-format 'dd-MM-yyyy' or --timestamp-format 'M/d/yyyy H:mm'", d -> rfm(file(d, "tx.csv", TX.replaceAll("2011-01-0(\\d)", "0$1|01|2011")), d));
    bad("--timestamp-format without a year", "timestamp pattern 'dd/MM' has no year (y), so no date can be read with it; give the whole date, e.g. 'dd/MM/yyyy'", d -> rfm(file(d, "tx.csv", TX), d, "--timestamp-format", "dd/MM"));
    bad("--purchases-in-last 0", "--purchases-in-last: window 0 is not a positive number of days; give e.g. 30 or 90", d -> rfm(file(d, "tx.csv", TX), d, "--purchases-in-last", "0"));
    bad("date in the future names --as-of", "fix that date, or give the as-of date (--as-of) so that later rows are dropped and counted", d -> rfm(file(d, "tx.csv", TX.replace("2011-01-05", "2999-01-05")), d));
    bad("hierarchical --k above the distinct points", "the data has only 2 distinct points, fewer than k = 3 segments; choose a smaller k",
        d -> cluster(file(d, "c.csv", "id,x,y\na,1,1\nb,1,1\nc,1,1\nd,2,2\n"), d, "--algorithm", "hierarchical", "--k", "3"));
    bad("demo --replicates -1", "--replicates must be 0 (no stability check) or a number of bootstrap refits, not -1",
        d -> new String[] {"demo", "--replicates", "-1", "--report", d.resolve("report.html").toString()});
    // issue 16: cluster on the FeatureSpec path (--log must still name a feature; the path ignored it at first)
    bad("cluster --log names no feature", "no feature named 'city'; features are [recency, monetary]; name it in "
        + "--features or leave it out of --log", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--exclude",
        "city", "--log", "city"));
    bad("cluster --log names an excluded column", "no feature named 'monetary'; features are [recency]",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--features", "recency", "--log", "monetary"));
    // issue 17: k selection
    bad("--k-range MIN above MAX", "--k-range 5..3 is empty because MIN is above MAX; write it smallest first, e.g. "
        + "--k-range 3..5", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "auto", "--k-range", "5..3"));
    bad("--k-range starting at 1", "--k-range 1..4 starts below 2: --k auto compares at least two segments; start at "
        + "2 or more, e.g. --k-range 2..4", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "auto", "--k-range",
        "1..4"));
    bad("--k-range text", "--k-range must be MIN..MAX in whole numbers, such as 3..10, not 'three..ten'",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "auto", "--k-range", "three..ten"));
    bad("--k-range one number", "--k-range must be MIN..MAX in whole numbers, such as 3..10, not '5'",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "auto", "--k-range", "5"));
    bad("--k-range without --k auto", "--k-range 3..5 only applies with --k auto; drop --k-range or use --k auto",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "4", "--k-range", "3..5"));
    bad("--k auto range too large for the customers", "--k auto in 3..10 needs at least 6 customers (segments of at "
        + "least 2), {d}/c.csv has 5; give --k N or lower the range's start, e.g. --k-range 2..2",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "auto"));
    bad("hierarchical --k auto too few customers", "--k auto in 3..4 needs at least 6 customers (segments of at least "
        + "2), {d}/c.csv has 5", d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k",
        "auto", "--k-range", "3..4"));
    bad("hierarchical --k text", "--k must be a whole number or auto for hierarchical clustering, not 'many'",
        d -> cluster(file(d, "c.csv", CUSTOMERS), d, "--algorithm", "hierarchical", "--k", "many"));
    bad("segment --k-range MIN above MAX", "--k-range 9..4 is empty because MIN is above MAX",
        d -> segment(file(d, "c.csv", CUSTOMERS), d, "--k", "auto", "--k-range", "9..4"));
    // issue 17: roles
    bad("--missing unknown", "--missing must be impute, drop or fail, not 'zero'", d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--missing", "zero"));
    bad("--missing fail lists every column", "2 feature columns have missing values: recency 1 (first for customer c), monetary 1 (first for customer d); impute them with --missing impute, leave those customers out with --missing drop, or fill the values",
        d -> kmeans(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,,300").replace("d,31,310", "d,31,")), d, "--k", "2", "--missing", "fail"));
    bad("segment --missing fail lists every column", "2 feature columns have missing values: recency 1 (first for customer c), city 1 (first for customer e)",
        d -> segment(file(d, "c.csv", CUSTOMERS.replace("c,30,300", "c,,300").replace("e,32,320,x", "e,32,320,")), d, "--missing", "fail"));
    bad("--missing drop leaves no customer", "every one of the 3 customers has a missing value in [x, y], so leaving them out (--missing drop) leaves none; impute them (--missing impute)",
        d -> kmeans(file(d, "c.csv", "id,x,y\na,,1\nb,2,\nc,,\n"), d, "--k", "2", "--missing", "drop"));
    bad("a date named in --features", "column 'joined' holds dates, which cannot be clustered on; leave it out of --features (dates are left out by default)",
        d -> kmeans(file(d, "c.csv", "id,x,joined\na,1,2013-01-02\nb,2,2013-02-03\nc,3,2014-05-06\n"), d, "--k", "2", "--features", "x,joined"));
    bad("--categorical and --exclude name one column", "column 'city' is named by both --categorical and --exclude; keep it in one",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--categorical", "city", "--exclude", "CITY"));
    bad("--categorical misspelled", "column 'ctiy' not found in table 'c.csv' (did you mean 'city'?)",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--categorical", "ctiy"));
    bad("the id named in --categorical", "column 'id' is the id column; it cannot also be a feature, categorical or excluded",
        d -> kmeans(file(d, "c.csv", CUSTOMERS), d, "--k", "2", "--categorical", "ID"));
    bad("only text with one value per customer", "table 'c.csv' has no column to cluster besides the id column 'id' (columns: id id; left out: email (a different text in each of its 20 rows: an identifier or free text, not a feature)); name the features with --features or --categorical",
        d -> kmeans(file(d, "c.csv", "id,email\n" + java.util.stream.IntStream.range(0, 20).mapToObj(i -> "c" + i + ",u" + i + "@example.com\n").collect(Collectors.joining())), d, "--k", "2"));
    bad("profile with every column excluded", "{d}/c.csv has no column to profile (columns: id id; left out: recency, monetary, city (--exclude)); name the columns with --features or --categorical",
        d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString(), "--exclude", "recency,monetary,city"});
    bad("profile labels with every segment empty", "no customer of {d}/c.csv has a segment in {d}/l.csv (every segment cell is empty)",
        d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels", file(d, "l.csv", "customer_id,segment\na,\nb,\nc,\nd,\ne,\n").toString()});
    bad("profile without --id joins labels by row ids", "5 of the 5 customers of {d}/c.csv have no label in {d}/l.csv (e.g. row_1, row_2, row_3, row_4, row_5)",
        d -> new String[] {"profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--labels", file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString()});
    // issue 17: actions
    bad("--actions without the action column", "a.csv (--actions) needs the columns rfm_segment,action; its columns are [rfm_segment, what]",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,what\nChampions,Reward\n").toString()));
    bad("--actions unknown group", "a.csv (--actions) row 2 names RFM group 'Champion', which is not known (did you mean 'Champions'?); groups are Champions, Loyal Customers",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,action\nHibernating,Suppress\nChampion,Reward\n").toString()));
    bad("--actions group twice", "a.csv (--actions) names RFM group At Risk twice (rows 1 and 3); keep one row per group",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,action\nAt Risk,Call\nHibernating,Suppress\nat risk,Mail\n").toString()));
    bad("--actions empty action", "a.csv (--actions) row 1 gives no action for Promising; write the action or leave the row out",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,action\nPromising,\n").toString()));
    bad("--actions empty group", "a.csv (--actions) row 2 has no rfm_segment; name one RFM group per row, e.g. Champions",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,action\nPromising,Trial\n,Mail\n").toString()));
    bad("--actions header only", "a.csv has a header line but no data rows",
        d -> profileWith(d, "--actions", file(d, "a.csv", "rfm_segment,action\n").toString()));
    bad("--rfm-bins 7", "--rfm-bins must be 3, 4 or 5, not 7", d -> rfm(file(d, "tx.csv", TX), d, "--rfm-bins", "7"));
    bad("--rfm-map with a cell uncovered", "m.csv (--rfm-map): cell R=1, F=3 is not covered by any row; add a row whose ranges include it (scores are 1..3)",
        d -> rfm(file(d, "tx.csv", TX), d, "--rfm-bins", "3", "--rfm-map", file(d, "m.csv", "r_min,r_max,f_min,f_max,segment\n1,3,1,1,Low F\n1,3,2,2,Mid F\n").toString()));
    bad("--rfm-map with a cell twice", "m.csv (--rfm-map): cell R=2, F=2 is covered twice, by row 1 (All) and row 2 (Dup); make the ranges not overlap",
        d -> rfm(file(d, "tx.csv", TX), d, "--rfm-bins", "3", "--rfm-map", file(d, "m.csv", "r_min,r_max,f_min,f_max,segment\n1,3,1,3,All\n2,2,2,2,Dup\n").toString()));
    bad("--rfm-map beyond the bins", "m.csv (--rfm-map): row 1: r_min 1 and r_max 5 are not a range within 1..3",
        d -> rfm(file(d, "tx.csv", TX), d, "--rfm-bins", "3", "--rfm-map", file(d, "m.csv", "r_min,r_max,f_min,f_max,segment\n1,5,1,3,All\n").toString()));
    bad("--rfm-map without its columns", "m.csv (--rfm-map) needs the columns r_min,r_max,f_min,f_max,segment; its columns are [r_lo, r_hi, f_min, f_max, segment]",
        d -> rfm(file(d, "tx.csv", TX), d, "--rfm-map", file(d, "m.csv", "r_lo,r_hi,f_min,f_max,segment\n1,5,1,5,All\n").toString()));
    bad("--rfm-map with a text score", "m.csv (--rfm-map) row 2: f_max must be a whole score from 1 to 5, not 'high'",
        d -> rfm(file(d, "tx.csv", TX), d, "--rfm-map", file(d, "m.csv", "r_min,r_max,f_min,f_max,segment\n1,5,1,4,Most\n1,5,5,high,Top\n").toString()));
  }

  /** profile of the CUSTOMERS table with two segments and the given extra flags. */
  static String[] profileWith(Path d, String... more) throws IOException {
    return args(List.of("profile", "--input", file(d, "c.csv", CUSTOMERS).toString(), "--id", "id", "--labels",
        file(d, "l.csv", "customer_id,segment\na,0\nb,0\nc,1\nd,1\ne,1\n").toString()), more);
  }

  /** segment on the customer columns of {@code in} with k-means, k = 2, writing {d}/out.csv. */
  static String[] segment(Path in, Path dir, String... more) {
    return args(List.of("segment", "--customers", in.toString(), "--id", "id", "--algorithm", "kmeans", "--k", "2",
        "--seed", "1", "--out", dir.resolve("out.csv").toString()), more);
  }

  /** A named pipe made with mkfifo; the case is skipped where there is none. */
  static Path fifo(Path p) throws IOException {
    int code;
    try {
      code = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start().waitFor();
    } catch (IOException | InterruptedException e) {
      code = -1;
    }
    Assumptions.assumeTrue(code == 0 && Files.exists(p), "mkfifo is not available");
    return p;
  }

  /**
   * A system file as --out, only once the library has been seen to refuse it (so that a regression can never
   * replace /dev/null: the FIFO case and AtomicFilesTest prove the refusal on harmless files first).
   */
  static String refused(String system) {
    Path p = Path.of(system);
    Assumptions.assumeTrue(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), system + " does not exist here");
    try {
      dev.segmint.internal.AtomicFiles.checkTarget(p);
    } catch (IllegalArgumentException refusedAsExpected) {
      return system;
    }
    throw new AssertionError(system + " is not refused as an output; not running the command on it");
  }

  static String linuxOnly(String path) {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc only");
    return path;
  }


  static Run segmint(String... args) {
    return Run.of(args);
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
