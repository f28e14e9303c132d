package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.report.Csv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import tech.tablesaw.api.Table;

/**
 * Nothing lost, command by command (jqwik): for generated customer tables (duplicated rows, constant columns,
 * hostile ids, a few customers or a few hundred), {@code segmint cluster} with every algorithm writes exactly one
 * row per input customer with the ids as read, and {@code segmint profile} accounts for every customer. For
 * generated transaction tables, {@code segmint rfm}, {@code segmint segment} and {@code segmint assign} (with the
 * model segment saved) write customers out + customers reported dropped = customers in. Column flags in another case
 * than the header and decimal-comma files (with {@code --decimal-comma}) give the same outputs as exact flags on
 * C-locale files.
 */
class ConservationPropertyTest {

  final Path dir;

  ConservationPropertyTest() throws Exception {
    dir = Files.createTempDirectory("segmint-conservation");
  }

  @AfterProperty
  void cleanUp() throws Exception {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static int run(StringWriter err, String... args) {
    return SegmintCommand.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
  }

  record Customers(List<String> ids, double[][] x) {}

  @Provide
  Arbitrary<Customers> customers() {
    Arbitrary<Integer> n = Arbitraries.integers().between(3, 300);
    Arbitrary<Long> seed = Arbitraries.longs();
    return Combinators.combine(n, seed).as((size, s) -> {
      java.util.Random r = new java.util.Random(s);
      List<String> ids = new ArrayList<>();
      double[][] x = new double[size][3];
      String[] odd = {"=1+1", "-x", "<b>", "a,b", "q\"q", "0007", "@x", "'=y"};
      for (int i = 0; i < size; i++) {
        ids.add(i < odd.length && r.nextBoolean() ? odd[i] : "id" + i);
        int b = r.nextInt(3);
        boolean dup = i > 0 && r.nextInt(4) == 0;
        for (int j = 0; j < 3; j++) {
          x[i][j] = dup ? x[i - 1][j] : j == 2 ? 7 : b * 10 + r.nextGaussian();   // column 2 is constant
        }
      }
      return new Customers(ids, x);
    });
  }

  static String field(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  @Property(tries = 60, seed = "7")
  void clusterWritesEveryCustomerOnceWithEveryAlgorithm(@ForAll("customers") Customers c,
      @ForAll("algorithms") List<String> algorithm) throws Exception {
    StringBuilder sb = new StringBuilder("id,a,b,c\n");
    for (int i = 0; i < c.ids().size(); i++) {
      sb.append(field(c.ids().get(i))).append(',').append(c.x()[i][0]).append(',').append(c.x()[i][1]).append(',')
          .append(c.x()[i][2]).append('\n');
    }
    Path in = dir.resolve("customers.csv");
    Files.writeString(in, sb.toString(), StandardCharsets.UTF_8);
    Path out = dir.resolve("segments.csv");
    Files.deleteIfExists(out);
    List<String> args = new ArrayList<>(List.of("cluster", "--input", in.toString(), "--id", "id", "--out",
        out.toString(), "--threads", "2"));
    args.addAll(algorithm);
    StringWriter err = new StringWriter();
    int code = run(err, args.toArray(String[]::new));
    if (code == 2) {
      // a documented refusal (e.g. fewer distinct points than k): one sentence, and no output file
      assertTrue(err.toString().startsWith("segmint: ") && err.toString().strip().lines().count() == 1, err.toString());
      assertTrue(!Files.exists(out));
      return;
    }
    assertEquals(0, code, err.toString());
    Table t = CsvIo.read(out, null, java.util.Set.of("customer_id"));
    List<String> written = t.stringColumn("customer_id").asList();
    // "as read": a leading apostrophe before = + - @ is the spreadsheet text marker, removed on reading (CsvIo)
    assertEquals(c.ids().stream().map(Csv::undefuse).toList(), written,
        "one row per input customer, in input order, ids as read");
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int s : t.intColumn("segment")) {
      assertTrue(s >= -1, "segment " + s);
      sizes.merge(s, 1, Integer::sum);
    }
    assertEquals(c.ids().size(), sizes.values().stream().mapToInt(Integer::intValue).sum());

    Path report = dir.resolve("profile.json");
    StringWriter perr = new StringWriter();
    int p = run(perr, "profile", "--input", in.toString(), "--id", "id", "--labels", out.toString(), "--features",
        "a,b", "--out", report.toString());
    assertEquals(0, p, perr.toString());
    String json = Files.readString(report);
    long sum = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(json);
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
    }
    assertEquals(c.ids().size(), sum, "the profile's segment sizes (noise included) add up to every customer");
  }

  /**
   * Flags in another case than the header, and the decimal comma: the same customers written as a C-locale CSV and
   * as a semicolon-separated file with decimal commas and thousands separators (values as written), clustered with
   * {@code --id ID --features A,b,C --decimal-comma}, give the same output file, one row per customer.
   */
  @Property(tries = 40, seed = "17")
  void clusterWithFlagsInAnotherCaseAndDecimalCommas(@ForAll("customers") Customers c,
      @ForAll("algorithms") List<String> algorithm) throws Exception {
    StringBuilder plain = new StringBuilder("id,a,b,c\n");
    StringBuilder comma = new StringBuilder("id;a;b;c\n");
    for (int i = 0; i < c.ids().size(); i++) {
      String id = field(c.ids().get(i));
      plain.append(id);
      comma.append(id.contains(";") ? '"' + id.replace("\"", "\"\"") + '"' : id);
      for (int j = 0; j < 3; j++) {
        double v = c.x()[i][j] * (j == 0 ? 1000 : 1);   // column a has thousands
        plain.append(',').append(v);
        comma.append(';').append(decimalComma(Double.toString(v)));
      }
      plain.append('\n');
      comma.append('\n');
    }
    Path in1 = dir.resolve("plain.csv");
    Path in2 = dir.resolve("comma.csv");
    Files.writeString(in1, plain.toString(), StandardCharsets.UTF_8);
    Files.writeString(in2, comma.toString(), StandardCharsets.UTF_8);
    Path out1 = dir.resolve("plain-segments.csv");
    Path out2 = dir.resolve("comma-segments.csv");
    Files.deleteIfExists(out1);
    Files.deleteIfExists(out2);
    List<String> a1 = new ArrayList<>(List.of("cluster", "--input", in1.toString(), "--id", "id", "--out",
        out1.toString(), "--threads", "2"));
    List<String> a2 = new ArrayList<>(List.of("cluster", "--input", in2.toString(), "--id", "ID", "--features",
        "A,b,C", "--decimal-comma", "--out", out2.toString(), "--threads", "2"));
    a1.addAll(algorithm);
    a2.addAll(algorithm);
    StringWriter e1 = new StringWriter();
    StringWriter e2 = new StringWriter();
    int code1 = run(e1, a1.toArray(String[]::new));
    int code2 = run(e2, a2.toArray(String[]::new));
    assertEquals(code1, code2, e1 + " / " + e2);
    if (code2 == 2) {
      assertTrue(!Files.exists(out2), e2.toString());
      return;
    }
    assertEquals(0, code2, e2.toString());
    List<String> written = Files.readAllLines(out2);
    assertEquals(c.ids().size() + 1, written.size(), "one row per customer");
    assertEquals(Files.readAllLines(out1), written, "the decimal-comma file is read as the C-locale one");
  }

  /** 1234.5 as 1.234,5 and 1.5E-5 as 1,5E-5 (Double.toString's spelling with the decimal comma). */
  static String decimalComma(String c) {
    int dot = c.indexOf('.');
    int start = c.startsWith("-") ? 1 : 0;
    String whole = c.substring(start, dot);
    StringBuilder g = new StringBuilder(c.substring(0, start));
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        g.append('.');
      }
      g.append(whole.charAt(i));
    }
    return g + "," + c.substring(dot + 1);
  }

  /**
   * rfm with the column flags in another case than the header (ids 007, 7 and 0007 stay three customers) on a
   * semicolon file with decimal-comma amounts gives the same output as the C-locale file with exact flags, and
   * accounts for every customer.
   */
  @Property(tries = 150, seed = "19")
  void rfmWithFlagsInAnotherCaseAndDecimalCommas(@ForAll("zeroPaddedTransactions") List<String[]> rows)
      throws Exception {
    StringBuilder plain = new StringBuilder("CustomerID,InvoiceDate,Amount\n");
    StringBuilder comma = new StringBuilder("CustomerID;InvoiceDate;Amount\n");
    java.util.Set<String> customers = new java.util.HashSet<>();
    for (String[] r : rows) {
      plain.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
      comma.append(r[0]).append(';').append(r[1]).append(';').append(r[2].contains(".")
          ? decimalComma(r[2]) : r[2]).append('\n');
      if (!r[0].isBlank()) {
        customers.add(r[0]);
      }
    }
    Path in1 = dir.resolve("tx.csv");
    Path in2 = dir.resolve("tx-comma.csv");
    Files.writeString(in1, plain.toString(), StandardCharsets.UTF_8);
    Files.writeString(in2, comma.toString(), StandardCharsets.UTF_8);
    Path out1 = dir.resolve("rfm.csv");
    Path out2 = dir.resolve("rfm-comma.csv");
    Files.deleteIfExists(out1);
    Files.deleteIfExists(out2);
    StringWriter e1 = new StringWriter();
    StringWriter e2 = new StringWriter();
    int code1 = run(e1, "rfm", "--transactions", in1.toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--amount", "Amount", "--out", out1.toString());
    int code2 = run(e2, "rfm", "--transactions", in2.toString(), "--customer", "CUSTOMERID", "--timestamp",
        "invoicedate", "--amount", "aMoUnT", "--decimal-comma", "--out", out2.toString());
    assertEquals(code1, code2, e1 + " / " + e2);
    if (code2 == 2) {
      assertTrue(!Files.exists(out2), e2.toString());
      return;
    }
    assertEquals(0, code2, e2.toString());
    List<String> written = Files.readAllLines(out2);
    assertEquals(customers.size(), written.size() - 1 + dropped(e2.toString()), e2.toString());
    assertEquals(Files.readAllLines(out1), written);
    for (String line : written.subList(1, written.size())) {
      assertTrue(customers.contains(line.substring(0, line.indexOf(','))), "an id as written: " + line);
    }
  }

  @Provide
  Arbitrary<List<String[]>> zeroPaddedTransactions() {
    Arbitrary<String> id = Arbitraries.of("007", "7", "0007", "c1", "c2", "");
    Arbitrary<String> date = Arbitraries.of("2011-01-01", "2011-02-10", "2011-03-05 10:00:00", "bad", "");
    Arbitrary<String> amount = Arbitraries.of("10", "-3", "0", "", "2.5", "1234.75", "-1234567.5", "12345");
    return Combinators.combine(id, date, amount).as((a, b, c) -> new String[] {a, b, c}).list().ofMinSize(1)
        .ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<String>> algorithms() {
    return Arbitraries.of(List.of("--algorithm", "kmeans", "--k", "3"), List.of("--algorithm", "kmeans", "--k", "auto"),
        List.of("--algorithm", "dbscan", "--eps", "0.5", "--min-pts", "3"),
        List.of("--algorithm", "dbscan", "--eps", "auto", "--min-pts", "3"),
        List.of("--algorithm", "hdbscan", "--min-cluster-size", "3"),
        List.of("--algorithm", "hierarchical", "--k", "3", "--linkage", "ward"),
        List.of("--algorithm", "hierarchical", "--k", "2", "--linkage", "average"),
        List.of("--algorithm", "hierarchical", "--k", "3", "--linkage", "single"));
  }

  @Property(tries = 200, seed = "11")
  void rfmCustomersOutPlusDroppedEqualsCustomersIn(@ForAll("transactions") List<String[]> rows) throws Exception {
    StringBuilder sb = new StringBuilder("CustomerID,InvoiceDate,Amount\n");
    java.util.Set<String> customers = new java.util.HashSet<>();
    for (String[] r : rows) {
      sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
      if (!r[0].isBlank()) {
        customers.add(r[0]);
      }
    }
    Path in = dir.resolve("tx.csv");
    Files.writeString(in, sb.toString(), StandardCharsets.UTF_8);
    Path out = dir.resolve("rfm.csv");
    Files.deleteIfExists(out);
    StringWriter err = new StringWriter();
    int code = run(err, "rfm", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--amount", "Amount", "--out", out.toString());
    if (code == 2) {
      assertTrue(!Files.exists(out), err.toString());
      return;
    }
    assertEquals(0, code, err.toString());
    long written = Files.readAllLines(out).size() - 1;
    assertEquals(customers.size(), written + dropped(err.toString()), err.toString());
  }

  @Property(tries = 100, seed = "13")
  void segmentAndAssignAccountForEveryCustomer(@ForAll("transactions") List<String[]> rows) throws Exception {
    StringBuilder sb = new StringBuilder("CustomerID,InvoiceDate,Amount\n");
    java.util.Set<String> customers = new java.util.HashSet<>();
    for (String[] r : rows) {
      sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
      if (!r[0].isBlank()) {
        customers.add(r[0]);
      }
    }
    Path in = dir.resolve("tx.csv");
    Files.writeString(in, sb.toString(), StandardCharsets.UTF_8);
    Path out = dir.resolve("segments.csv");
    Path model = dir.resolve("model.json");
    Path assigned = dir.resolve("assigned.csv");
    for (Path p : List.of(out, model, assigned)) {
      Files.deleteIfExists(p);
    }
    StringWriter err = new StringWriter();
    int code = run(err, "segment", "--transactions", in.toString(), "--customer", "CustomerID", "--timestamp",
        "InvoiceDate", "--amount", "Amount", "--algorithm", "kmeans", "--k", "2", "--seed", "1",
        "--model", model.toString(), "--out", out.toString());
    if (code == 2) {
      assertTrue(!Files.exists(out) && !Files.exists(model), err.toString());
      return;
    }
    assertEquals(0, code, err.toString());
    assertEquals(customers.size(), Files.readAllLines(out).size() - 1 + dropped(err.toString()), err.toString());

    StringWriter err2 = new StringWriter();
    code = run(err2, "assign", "--model", model.toString(), "--input", in.toString(), "--out", assigned.toString());
    assertEquals(0, code, err2.toString());
    List<String> a = Files.readAllLines(assigned);
    assertEquals(customers.size(), a.size() - 1 + dropped(err2.toString()), err2.toString());
    assertEquals(new java.util.TreeSet<>(ids(Files.readAllLines(out))), new java.util.TreeSet<>(ids(a)),
        "assign scores the customers segment wrote");
  }

  /** Customers dropped per the data-quality summary: no purchases, or (issue 15) no readable timestamp. */
  static long dropped(String err) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "customer has no (?:purchases|row with a readable timestamp)[^\\n]*?\\s(\\d+) customers").matcher(err);
    long n = 0;
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }

  static List<String> ids(List<String> csvLines) {
    List<String> ids = new ArrayList<>();
    for (String line : csvLines.subList(1, csvLines.size())) {
      ids.add(line.substring(0, line.lastIndexOf(',')));
    }
    return ids;
  }

  @Provide
  Arbitrary<List<String[]>> transactions() {
    Arbitrary<String> id = Arbitraries.of("c1", "c2", "c3", "c4", "c5", "c6", "");
    Arbitrary<String> date = Arbitraries.of("2011-01-01", "2011-02-10", "2011-03-05 10:00:00", "bad", "");
    Arbitrary<String> amount = Arbitraries.of("10", "-3", "0", "", "2.5");
    return Combinators.combine(id, date, amount).as((a, b, c) -> new String[] {a, b, c}).list().ofMinSize(1)
        .ofMaxSize(40);
  }
}
