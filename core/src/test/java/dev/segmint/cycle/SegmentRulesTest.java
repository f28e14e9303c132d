package dev.segmint.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cycle.SegmentRules.Options;
import dev.segmint.cycle.SegmentRules.Rule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

class SegmentRulesTest {

  /** x = 1..8; segment 0 holds x = 1, 2, 4 (the Gini values of every split are in the comments). */
  private static Table eight() {
    return Table.create("c", DoubleColumn.create("x", 1, 2, 3, 4, 5, 6, 7, 8));
  }

  private static final int[] EIGHT_LABELS = {0, 0, 1, 0, 1, 1, 1, 1};

  /**
   * Hand computation (Gini of the children weighted by size, over 8 customers, 3 in segment 0): x <= 1.5 → 0.357,
   * <= 2.5 → 0.208, <= 3.5 → 0.367, <= 4.5 → 0.1875 (best), <= 5.5 → 0.3. Left {1..4} (3 of 4): <= 1.5 → 0.333,
   * <= 2.5 → 0.25 (best), <= 3.5 → 0.333. Then {3, 4} (1 of 2) splits at 3.5 into pure leaves. Right {5..8} is pure.
   */
  // the library's JSON writer escapes < and > as \\u003c and \\u003e (safe inside HTML); every JSON reader decodes them
  @Test
  void handComputedTreeAtDepthOneTwoAndThree() {
    List<String> names = List.of("A", "B");
    Rule depth1 = SegmentRules.fit(eight(), EIGHT_LABELS, names, List.of("x"), Options.defaults().withMaxDepth(1))
        .rule(0);
    assertEquals("x <= 4.5", depth1.condition());
    assertEquals(0.75, depth1.precision());
    assertEquals(1.0, depth1.recall());
    // depth 2: {3, 4} holds 1 of 2, not a majority, so only x <= 2.5 predicts the segment
    Rule depth2 = SegmentRules.fit(eight(), EIGHT_LABELS, names, List.of("x"), Options.defaults().withMaxDepth(2))
        .rule(0);
    assertEquals("x <= 2.5", depth2.condition());   // x <= 4.5 and x <= 2.5, merged
    assertEquals(1.0, depth2.precision());
    assertEquals(2.0 / 3, depth2.recall(), 1e-15);
    SegmentRules depth3 = SegmentRules.fit(eight(), EIGHT_LABELS, names, List.of("x"));
    assertEquals("x <= 2.5 or (x > 3.5 and x <= 4.5): precision 1.00, recall 1.00", depth3.rule(0).toString());
    assertEquals("\"x\" <= 2.5 OR (\"x\" > 3.5 AND \"x\" <= 4.5)", depth3.rule(0).toSql());
    // segment 1 is the complement: sibling leaves that agree are merged
    assertEquals("(x > 2.5 and x <= 3.5) or x > 4.5", depth3.rule(1).condition());
    assertEquals("""
        {
          "segments": [
            {
              "segment": 0,
              "name": "A",
              "precision": 1,
              "recall": 1,
              "sql": "\\"x\\" \\u003c= 2.5 OR (\\"x\\" \\u003e 3.5 AND \\"x\\" \\u003c= 4.5)",
              "rule": {
                "or": [
                  {
                    "and": [
                      {
                        "column": "x",
                        "op": "\\u003c=",
                        "value": 2.5
                      }
                    ]
                  },
                  {
                    "and": [
                      {
                        "column": "x",
                        "op": "\\u003e",
                        "value": 3.5
                      },
                      {
                        "column": "x",
                        "op": "\\u003c=",
                        "value": 4.5
                      }
                    ]
                  }
                ]
              }
            },
        """, depth3.toJson().substring(0, depth3.toJson().indexOf("\"segment\": 1") - 12));
  }

  /**
   * Levels by share of the segment: blue 0/3, green 1/2, red 3/3. Prefix {blue} and prefix {blue, green} both give
   * weighted Gini 0.2: the tie goes to the shorter prefix, written as the smaller list.
   */
  @Test
  void categoricalSplitIsTheBestLevelPrefixWithTiesToTheFirst() {
    Table t = Table.create("c", StringColumn.create("color", "red", "red", "red", "blue", "blue", "blue", "green",
        "green"));
    int[] labels = {0, 0, 0, 1, 1, 1, 0, 1};
    Rule r = SegmentRules.fit(t, labels, List.of("A", "B"), List.of("color"), Options.defaults().withMaxDepth(1))
        .rule(0);
    assertEquals("color not in (blue)", r.condition());
    assertEquals("\"color\" NOT IN ('blue')", r.toSql());
    assertEquals(0.8, r.precision(), 1e-15);
    assertEquals(1.0, r.recall());
  }

  @Test
  void aMissingValueSatisfiesNoCondition() {
    Table t = Table.create("c", DoubleColumn.create("x", 1, 2, Double.NaN, 4, 5, 6, 7, 8));
    int[] labels = {0, 0, 0, 1, 1, 1, 1, 1};
    Rule r = SegmentRules.fit(t, labels, List.of("A", "B"), List.of("x")).rule(0);
    assertEquals("x <= 3", r.condition());
    // the customer with x missing is in the segment but not selected, as SQL leaves out NULL <= 3
    assertEquals(2, r.hits());
    assertEquals(1.0, r.precision());
    assertEquals(2.0 / 3, r.recall(), 1e-15);
  }

  /** 600 customers; segment 0 = recency <= 30 and frequency >= 4; segment 1 = the rest in the UK; 2 = the others. */
  private static Table boxes(int[] labels, long seed) {
    Random rnd = new Random(seed);
    int n = labels.length;
    double[] recency = new double[n];
    double[] frequency = new double[n];
    String[] country = new String[n];
    String[] countries = {"UK", "O'Neill \"Isles\"", "France", "Deutschland"};
    for (int i = 0; i < n; i++) {
      recency[i] = rnd.nextInt(200);
      frequency[i] = 1 + rnd.nextInt(12);
      country[i] = countries[rnd.nextInt(countries.length)];
      boolean box = recency[i] <= 30 && frequency[i] >= 4;
      labels[i] = box ? 0 : country[i].equals("UK") ? 1 : 2;
    }
    return Table.create("customers", DoubleColumn.create("recency \"days\"", recency),
        DoubleColumn.create("it's frequency", frequency), StringColumn.create("country; DROP", country));
  }

  @Test
  void aKnownAxisAlignedSegmentIsRecoveredExactly() {
    int[] labels = new int[600];
    Table t = boxes(labels, 7);
    SegmentRules rules = SegmentRules.fit(t, labels, List.of("Recent buyers", "UK rest", "Others"), t.columnNames());
    Rule r0 = rules.rule(0);
    assertEquals(1.0, r0.precision(), r0.toString());
    assertEquals(1.0, r0.recall(), r0.toString());
    assertTrue(r0.condition().contains("recency \"days\" <= 30.5"), r0.condition());
    assertTrue(r0.condition().contains("it's frequency > 3.5"), r0.condition());
    Rule r1 = rules.rule(1);
    assertEquals(1.0, r1.precision(), r1.toString());
    assertEquals(1.0, r1.recall(), r1.toString());
  }

  /**
   * Precision and recall checked by real SQL engines running the rules' SQL: H2 in PostgreSQL mode and SQLite (both in
   * test scope only).
   */
  @Test
  void theSqlSelectsWhatTheRuleSaysOnARealSqlEngine() throws SQLException {
    int[] labels = new int[600];
    Table t = boxes(labels, 11);
    // some missing values: they must be treated alike by the rule and by SQL's NULL
    DoubleColumn rec = t.doubleColumn(0);
    StringColumn country = t.stringColumn(2);
    for (int i = 0; i < 600; i += 37) {
      rec.setMissing(i);
      country.set(i + 5, "");
    }
    List<String> names = List.of("Recent 'buyers'", "UK rest", "Others");
    // depths 1 and 2 give imperfect rules, so that precision and recall are not trivially 1
    for (int depth = 1; depth <= 3; depth++) {
      SegmentRules rules = SegmentRules.fit(t, labels, names, t.columnNames(), Options.defaults().withMaxDepth(depth));
      for (String url : List.of("jdbc:h2:mem:rules" + depth + ";MODE=PostgreSQL", "jdbc:sqlite::memory:")) {
        try (Connection c = DriverManager.getConnection(url)) {
          load(c, t, labels);
          check(c, rules, url + " depth " + depth);
        }
      }
    }
  }

  private static void check(Connection c, SegmentRules rules, String where) throws SQLException {
    for (Rule r : rules.rules()) {
      long selected = count(c, r.toSql());
      long hits = count(c, "(" + r.toSql() + ") AND segment_label = " + r.segment());
      long members = count(c, "segment_label = " + r.segment());
      assertEquals(r.selected(), selected, r + " " + where);
      assertEquals(r.hits(), hits, r + " " + where);
      assertEquals(r.customers(), members, where);
      assertEquals((double) hits / selected, r.precision(), 1e-12, r + " " + where);
      assertEquals((double) hits / members, r.recall(), 1e-12, r + " " + where);
    }
  }

  private static void load(Connection c, Table t, int[] labels) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE customers (");
    StringBuilder marks = new StringBuilder();
    for (Column<?> col : t.columns()) {
      ddl.append(SegmentRules.identifier(col.name()))
          .append(col instanceof DoubleColumn ? " DOUBLE PRECISION, " : " VARCHAR(100), ");
      marks.append("?, ");
    }
    ddl.append("segment_label INTEGER)");
    try (Statement s = c.createStatement()) {
      s.execute(ddl.toString());
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO customers VALUES (" + marks + "?)")) {
      for (int i = 0; i < t.rowCount(); i++) {
        for (int j = 0; j < t.columnCount(); j++) {
          Column<?> col = t.column(j);
          if (col.isMissing(i) || col.getString(i).isEmpty()) {   // an empty text cell is missing: NULL
            p.setNull(j + 1, col instanceof DoubleColumn ? Types.DOUBLE : Types.VARCHAR);
          } else if (col instanceof DoubleColumn d) {
            p.setDouble(j + 1, d.getDouble(i));
          } else {
            p.setString(j + 1, col.getString(i));
          }
        }
        p.setInt(t.columnCount() + 1, labels[i]);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static long count(Connection c, String where) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers WHERE "
        + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void sqlFileHasACommentAndAWhereLinePerSegmentAndEscapesHostileText() {
    Table t = Table.create("c", StringColumn.create("na\"me", "O'Brien", "O'Brien", "it's", "it's"));
    SegmentRules rules = SegmentRules.fit(t, new int[] {0, 0, 1, 1}, List.of("bad\nDROP TABLE x; --", "ok"),
        List.of("na\"me"));
    assertEquals("-- segment 0: bad DROP TABLE x; --\n"
        + "WHERE \"na\"\"me\" NOT IN ('it''s');\n"
        + "-- segment 1: ok\n"
        + "WHERE \"na\"\"me\" NOT IN ('O''Brien');\n", rules.toSql());
  }

  @Test
  void thresholdsAreMidpointsWithoutBinaryNoise() {
    assertEquals(19869.245, SegmentRules.midpoint(19869.24, 19869.25));
    assertEquals(30.5, SegmentRules.midpoint(30, 31));
    assertEquals(0.15, SegmentRules.midpoint(0.1, 0.2));
    double a = 1.0;
    double b = Math.nextUp(a);
    assertEquals(a, SegmentRules.midpoint(a, b));   // adjacent doubles: a itself separates them
    Table t = Table.create("c", DoubleColumn.create("monetary", 19869.24, 19869.24, 19869.25, 19869.25));
    Rule r = SegmentRules.fit(t, new int[] {0, 0, 1, 1}, List.of("A", "B"), List.of("monetary")).rule(1);
    assertEquals("\"monetary\" > 19869.245", r.toSql());
  }

  @Test
  void numbersAreWrittenInTheCLocaleWithoutExponent() {
    assertEquals("30.5", SegmentRules.number(30.5));
    assertEquals("100000000000000000000", SegmentRules.number(1e20));
    assertEquals("0.00001", SegmentRules.number(1e-5));
    assertEquals("-3.5", SegmentRules.number(-3.5));
    assertEquals("0", SegmentRules.number(-0.0));
  }

  @Test
  void anEmptySegmentSelectsNoCustomerAndBadInputIsRefused() {
    Rule none = SegmentRules.fit(eight(), EIGHT_LABELS, List.of("A", "B", "C"), List.of("x")).rule(2);
    assertEquals("1 = 0", none.toSql());
    assertTrue(Double.isNaN(none.recall()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SegmentRules.fit(eight(), EIGHT_LABELS, List.of("A", "B"), List.of("y")));
    assertTrue(e.getMessage().startsWith("column 'y' is not in the customer table"), e.getMessage());
    Table inf = Table.create("c", DoubleColumn.create("x", 1, Double.POSITIVE_INFINITY));
    IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
        () -> SegmentRules.fit(inf, new int[] {0, 1}, List.of("A", "B"), List.of("x")));
    assertEquals("column 'x' has Infinity at row 2; a rule needs finite numbers: fix the value or leave the column "
        + "out", i.getMessage());
  }
}
