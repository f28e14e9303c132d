package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.ColumnRoles.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One test per role rule of {@link ColumnRoles}, on small hand-made tables, with the exact one-line statement. */
class ColumnRolesTest {

  private static Table people() {
    return Table.create("people",
        StringColumn.create("id", "a", "b", "c", "d"),
        DoubleColumn.create("Age", 31, 45, 27, 60),
        StringColumn.create("Genre", "Male", "Female", "Female", "Male"));
  }

  @Test
  void textColumnsAreCategorical() {
    ColumnRoles r = ColumnRoles.builder().id("ID").decide(people());
    assertEquals("id", r.idColumn());
    assertEquals(List.of("Age"), r.numeric());
    assertEquals(List.of("Genre"), r.categorical());
    assertEquals(List.of("Age", "Genre"), r.features());
    assertEquals(Role.CATEGORICAL, r.role("genre"));
    assertEquals("columns: id id; numeric Age; categorical Genre (2 levels)", r.toString());
  }

  @Test
  void levelsCountDistinctPresentValuesOfEveryColumnType() {
    // text read from its dictionary (spaces around a value do not make another level), numbers by value (the texts
    // that Tablesaw writes for them are as many), missing values not counted
    Table t = Table.create("t",
        StringColumn.create("id", "a", "b", "c", "d", "e", "f"),
        StringColumn.create("Tier", "gold", " gold", "silver", "", "silver ", "bronze"),
        DoubleColumn.create("Spend", 1.5, 1.5, -0.0, 0.0, Double.NaN, 2.25),
        IntColumn.create("Visits", 3, 3, 4, Integer.MIN_VALUE, 5, 3),
        tech.tablesaw.api.LongColumn.create("Points", 1L << 40, (1L << 40) + 1, 7, 7, 7, 7),
        StringColumn.create("Joined", "18.05.2019", "18.05.2019", "", "01.02.2020", "5/18/2019 14:02", "2019/05/18"));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    java.util.Map<String, Integer> levels = new java.util.HashMap<>();
    for (ColumnRoles.Entry e : r.entries()) {
      levels.put(e.column(), e.levels());
    }
    assertEquals(3, levels.get("Tier"));
    assertEquals(4, levels.get("Spend"), "1.5, -0.0, 0.0 and 2.25: Tablesaw writes -0 and 0");
    java.util.Set<String> spendTexts = new java.util.HashSet<>();
    for (int i = 0; i < 6; i++) {
      if (!t.doubleColumn("Spend").isMissing(i)) {
        spendTexts.add(t.doubleColumn("Spend").getString(i));
      }
    }
    assertEquals(4, spendTexts.size(), spendTexts.toString());
    assertEquals(3, levels.get("Visits"));
    assertEquals(3, levels.get("Points"), "2^40 and 2^40 + 1 differ as longs");
    assertEquals(Role.DATE, r.role("Joined"));
    String note = r.entries().stream().filter(e -> e.column().equals("Joined")).findFirst().orElseThrow().note();
    assertEquals("dates as text, e.g. 18.05.2019", note, "the first row's value, as the rows were read before");
  }

  @Test
  void stronglyRightSkewedAmountsAreNamed() {
    // balances 1..39 and one of 1,000: 40 distinct values, a long right tail; ages 20..59: symmetric
    double[] balance = new double[40];
    double[] age = new double[40];
    double[] shifted = new double[40];
    double[] few = new double[40];
    String[] ids = new String[40];
    for (int i = 0; i < 40; i++) {
      balance[i] = i < 39 ? i + 1 : 1000;
      age[i] = 20 + i;
      shifted[i] = balance[i] - 5;       // the same shape, but negative values: not an amount
      few[i] = i < 39 ? i % 19 : 1000;   // 20 distinct values, so still counted
      ids[i] = "c" + i;
    }
    Table t = Table.create("t", StringColumn.create("id", ids), DoubleColumn.create("Balance", balance),
        DoubleColumn.create("Age", age), DoubleColumn.create("Shifted", shifted), DoubleColumn.create("Few", few));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Balance", "Few"), r.skewed());
    // by hand: from the power sums, g1 = (S3/n − 3μ·S2/n + 2μ³) / (S2/n − μ²)^1.5, then G1 = g1·√(n(n−1))/(n−2)
    double n = 40;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (double x : balance) {
      s1 += x;
      s2 += x * x;
      s3 += x * x * x;
    }
    double mu = s1 / n;
    double g1 = (s3 / n - 3 * mu * s2 / n + 2 * mu * mu * mu) / Math.pow(s2 / n - mu * mu, 1.5);
    assertEquals(g1 * Math.sqrt(n * (n - 1)) / (n - 2), r.skewness("Balance"), 1e-9);
    assertTrue(r.skewness("Balance") > 5, "one value 30 times the others: " + r.skewness("Balance"));
    assertTrue(Double.isNaN(r.skewness("Age")));
    // 19 distinct values are a count or a code, not an amount
    double[] nineteen = new double[40];
    for (int i = 0; i < 40; i++) {
      nineteen[i] = i < 39 ? i % 18 : 1000;
    }
    Table u = Table.create("u", StringColumn.create("id", ids), DoubleColumn.create("Few", nineteen));
    assertEquals(List.of(), ColumnRoles.builder().id("id").decide(u).skewed());
    // only features: an excluded column is not named
    assertEquals(List.of("Few"), ColumnRoles.builder().id("id").exclude(List.of("Balance")).decide(t).skewed());
  }

  @Test
  void booleanColumnsAreCategorical() {
    Table t = people().addColumns(BooleanColumn.create("Married", new boolean[] {true, false, false, true}));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Genre", "Married"), r.categorical());
    assertEquals("columns: id id; numeric Age; categorical Genre (2 levels), Married (true/false)", r.toString());
  }

  @Test
  void smallIntegerColumnsGetTheCodeHintAndCategoricalMakesThemCategories() {
    int n = 30;
    Table t = Table.create("shops", StringColumn.create("id", IntStream.range(0, n).mapToObj(i -> "s" + i)
        .toArray(String[]::new)), IntColumn.create("Region", IntStream.range(0, n).map(i -> 1 + i % 4).toArray()),
        IntColumn.create("Visits", IntStream.range(0, n).toArray()),
        IntColumn.create("Churned", IntStream.range(0, n).map(i -> i % 2).toArray()));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Region", "Visits", "Churned"), r.numeric());
    assertEquals(List.of("Region"), r.codeHints(), "4 distinct whole numbers: a hint; 30: none; a 0/1 flag: none");
    assertEquals("columns: id id; numeric Region, Visits, Churned; Region may be a code (4 distinct whole numbers): "
        + "categorical(\"Region\") reads it as categories", r.toString());
    assertEquals("columns: id id; numeric Region, Visits, Churned; Region may be a code (4 distinct whole numbers): "
        + "--categorical Region reads it as categories", r.line(SettingException.Words.COMMAND_LINE));
    // 20 distinct values: still a hint; several hints in one part
    Table two = t.copy().addColumns(IntColumn.create("Store", IntStream.range(0, n).map(i -> i % 20).toArray()));
    ColumnRoles r2 = ColumnRoles.builder().id("id").decide(two);
    assertEquals(List.of("Region", "Store"), r2.codeHints());
    assertEquals("columns: id id; numeric Region, Visits, Churned, Store; Region, Store may be codes (3 to 20 distinct "
        + "whole numbers): --categorical Region,Store reads them as categories",
        r2.line(SettingException.Words.COMMAND_LINE));
    assertTrue(r2.toString().endsWith("categorical(\"Region\", \"Store\") reads them as categories"), r2.toString());
    ColumnRoles asCodes = ColumnRoles.builder().id("id").categorical("region").decide(t);
    assertEquals(List.of("Region"), asCodes.categorical());
    assertEquals(List.of("Visits", "Churned"), asCodes.numeric());
    assertEquals("columns: id id; numeric Visits, Churned; categorical Region (4 levels)", asCodes.toString());
    // profiled as categories: the code becomes text
    assertInstanceOf(StringColumn.class, asCodes.forProfiles(t).column("Region"));
    assertInstanceOf(IntColumn.class, asCodes.forProfiles(t).column("Visits"));
  }

  private static Table rfm() {
    return Table.create("rfm", StringColumn.create("customer_id", "c1", "c2", "c3"),
        DoubleColumn.create("recency_days", 3, 40, 200), IntColumn.create("frequency", 9, 2, 1),
        IntColumn.create("r_score", 5, 3, 1), IntColumn.create("rfm_code", 555, 322, 111),
        StringColumn.create("rfm_segment", "Champions", "Need Attention", "Hibernating"));
  }

  @Test
  void rfmLabelColumnsAreLabelsProfiledAsCategories() {
    ColumnRoles r = ColumnRoles.builder().id("customer_id").decide(rfm());
    assertEquals(List.of("recency_days", "frequency"), r.features());
    assertEquals(List.of("r_score", "rfm_code", "rfm_segment"), r.labels());
    assertEquals(List.of("recency_days", "frequency", "r_score", "rfm_code", "rfm_segment"), r.profileColumns());
    Table p = r.forProfiles(rfm());
    assertInstanceOf(StringColumn.class, p.column("r_score"));
    assertEquals("555", p.stringColumn("rfm_code").get(0));
    assertEquals("columns: id customer_id; numeric recency_days, frequency; label r_score, rfm_code, rfm_segment "
        + "(profiled as categories, not clustered); frequency may be a code (3 distinct whole numbers): "
        + "categorical(\"frequency\") reads it as categories", r.toString());
  }

  @Test
  void explicitFeaturesOverrideLabelsAndLeaveTheRestOut() {
    ColumnRoles r = ColumnRoles.builder().id("customer_id").features("R_SCORE", "recency_days").decide(rfm());
    assertEquals(List.of("r_score", "recency_days"), r.features(), "in the order named");
    assertEquals(List.of("r_score", "recency_days"), r.numeric());
    assertEquals(List.of(), r.labels());
    assertEquals("columns: id customer_id; numeric recency_days, r_score; left out: frequency, rfm_code, rfm_segment "
        + "(not in features); r_score may be a code (3 distinct whole numbers): categorical(\"r_score\") reads it as "
        + "categories", r.toString());
    assertTrue(r.line(SettingException.Words.COMMAND_LINE).contains("left out: frequency, rfm_code, rfm_segment (not in "
        + "--features); "));
  }

  @Test
  void dateColumnsAreLeftOutOfClusteringAndSaySo() {
    Table t = people().addColumns(DateColumn.create("Dt_Customer", LocalDate.of(2013, 1, 2), LocalDate.of(2013, 5, 6),
        LocalDate.of(2014, 1, 1), LocalDate.of(2012, 9, 9)));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Dt_Customer"), r.dates());
    assertEquals(List.of("Age", "Genre"), r.features());
    assertEquals("columns: id id; numeric Age; categorical Genre (2 levels); left out: Dt_Customer (date)", r.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ColumnRoles.builder().id("id").features("Age", "Dt_Customer").decide(t));
    assertEquals("column 'Dt_Customer' holds dates, which cannot be clustered on; leave it out of features (dates are "
        + "left out by default)", e.getMessage());
  }

  @Test
  void highCardinalityTextIsLeftOutWithTheReason() {
    int n = 60;
    Table t = Table.create("web",
        StringColumn.create("id", IntStream.range(0, n).mapToObj(i -> "v" + i).toArray(String[]::new)),
        DoubleColumn.create("spend", IntStream.range(0, n).mapToDouble(i -> i * 1.5).toArray()),
        StringColumn.create("Email", IntStream.range(0, n).mapToObj(i -> "u" + i + "@example.com").toArray(String[]::new)),
        StringColumn.create("Browser", IntStream.range(0, n).mapToObj(i -> "b" + i % 3).toArray(String[]::new)));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Email"), r.excluded());
    // a different value in every row: an identifier or free text, which no category count would make a feature
    assertEquals("columns: id id; numeric spend; categorical Browser (3 levels); left out: Email (a different text in "
        + "each of its 60 rows: an identifier or free text, not a feature)", r.line(SettingException.Words.COMMAND_LINE));
    // more than 50 levels, some repeated: the cap, with the way to use it
    Table cities = Table.create("web", t.column("id").copy(), t.column("spend").copy(), StringColumn.create("City",
        IntStream.range(0, n).mapToObj(i -> "city " + i % 55).toArray(String[]::new)));
    assertEquals("columns: id id; numeric spend; left out: City (text with 55 distinct values: name it in --categorical "
        + "City to use it)", ColumnRoles.builder().id("id").decide(cities).line(SettingException.Words.COMMAND_LINE));
    // nearly one value per row, below the 50-level cap: names
    Table names = Table.create("names", StringColumn.create("id", IntStream.range(0, 25).mapToObj(i -> "c" + i)
        .toArray(String[]::new)), DoubleColumn.create("x", IntStream.range(0, 25).mapToDouble(i -> i).toArray()),
        StringColumn.create("Name", IntStream.range(0, 25).mapToObj(i -> "person " + (i % 24)).toArray(String[]::new)));
    assertEquals("columns: id id; numeric x; left out: Name (text with 24 distinct values in 25 rows, nearly one per "
        + "customer: name it in categorical(\"Name\") to use it)", ColumnRoles.builder().id("id").decide(names)
        .toString());
    // named: used (in table order)
    assertEquals(List.of("spend", "Email", "Browser"), ColumnRoles.builder().id("id").categorical("Email").decide(t)
        .features());
  }

  @Test
  void withoutAnIdTheCustomersAreNumberedInRowOrder() {
    Table t = people().removeColumns("id");
    ColumnRoles r = ColumnRoles.builder().decide(t);
    assertEquals(null, r.idColumn());
    assertEquals("row_id", r.idName());
    Table withIds = r.withIds(t);
    assertEquals(List.of("row_1", "row_2", "row_3", "row_4"), withIds.stringColumn("row_id").asList());
    assertEquals(List.of("row_id", "Age", "Genre"), withIds.columnNames());
    assertEquals("columns: id none (customers numbered row_1 … row_4); numeric Age; categorical Genre (2 levels)",
        r.toString());
    // a column already called row_id does not clash
    Table clash = t.copy().addColumns(StringColumn.create("row_id", "x", "y", "z", "w"));
    assertEquals("row_id_2", ColumnRoles.builder().decide(clash).idName());
  }

  @Test
  void idChecksNameTheRows() {
    Table t = people();
    t.stringColumn("id").set(2, "a");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ColumnRoles.builder().id("id").decide(t).withIds(t));
    assertEquals("customer id 'a' appears twice (rows 1 and 3); aggregate to one row per customer first", e.getMessage());
    Table gap = people();
    gap.stringColumn("id").setMissing(1);
    e = assertThrows(IllegalArgumentException.class, () -> ColumnRoles.builder().id("id").decide(gap).withIds(gap));
    assertEquals("column 'id' has a missing customer id at row 2; every row needs an id (drop or fill that row)",
        e.getMessage());
  }

  @Test
  void numbersWithSomeTextAreRefusedNotTakenAsCategories() {
    Table t = people().addColumns(StringColumn.create("Fresh", "12", "7.5", "abc", "3"));
    SettingException e = assertThrows(SettingException.class, () -> ColumnRoles.builder().id("id").decide(t));
    assertEquals("column 'Fresh' of table 'people' holds numbers but row 3 has 'abc'; fix that value, read the column "
        + "as categories with categorical(\"Fresh\"), or leave it out with exclude(\"Fresh\")", e.getMessage());
    assertTrue(e.message(SettingException.Words.COMMAND_LINE).endsWith("read the column as categories with "
        + "--categorical Fresh, or leave it out with --exclude Fresh"));
    assertEquals(List.of("Age", "Genre", "Fresh"), ColumnRoles.builder().id("id").categorical("Fresh").decide(t)
        .features());
    ColumnRoles excluded = ColumnRoles.builder().id("id").exclude("fresh").decide(t);
    assertEquals("columns: id id; numeric Age; categorical Genre (2 levels); left out: Fresh (exclude)",
        excluded.toString());
    assertEquals("columns: id id; numeric Age; categorical Genre (2 levels); left out: Fresh (--exclude)",
        excluded.line(SettingException.Words.COMMAND_LINE));
  }

  @Test
  void conflictsAndEmptySelectionsAreNamed() {
    assertEquals("column 'Age' is named by both features and exclude; keep it in one", assertThrows(
        IllegalArgumentException.class, () -> ColumnRoles.builder().id("id").features("Age").exclude("age")
            .decide(people())).getMessage());
    ColumnRoles none = ColumnRoles.builder().id("id").exclude("Age", "Genre").decide(people());
    SettingException e = assertThrows(SettingException.class,
        () -> none.spec(Scaler.Kind.STANDARD, List.of(), MissingValues.IMPUTE));
    assertEquals("table 'people' has no column to cluster besides the id column 'id' (columns: id id; left out: Age, "
        + "Genre (--exclude)); name the features with --features or --categorical",
        e.message(SettingException.Words.COMMAND_LINE));
    assertFalse(ColumnRoles.builder().id("id").decide(people()).spec(Scaler.Kind.STANDARD, List.of("age"),
        MissingValues.FAIL).features().isEmpty());
  }

  @Test
  void datesWrittenAsTextAreDates() {
    // 18.05.2019 and 5/18/2019 14:02 are dates whatever the reader made of them: left out like a date column
    Table t = Table.create("c", StringColumn.create("id", "a", "b", "c"), DoubleColumn.create("x", 1, 2, 3),
        StringColumn.create("Joined", "18.05.2019", "02.12.2019", ""),
        StringColumn.create("LastSeen", "5/18/2019 14:02", "12/2/2019 09:30", "1/1/2020 00:00"),
        StringColumn.create("Ref", "18.05.2019", "see notes", "02.12.2019"));
    ColumnRoles r = ColumnRoles.builder().id("id").decide(t);
    assertEquals(List.of("Joined", "LastSeen"), r.entries().stream().filter(e -> e.role() == ColumnRoles.Role.DATE)
        .map(ColumnRoles.Entry::column).toList());
    assertEquals("dates as text, e.g. 18.05.2019", r.entries().stream().filter(e -> e.column().equals("Joined"))
        .findFirst().orElseThrow().note());
    // one value that is not a date: text, a category
    assertEquals(List.of("x", "Ref"), r.features());
    // named as categorical: used, as asked
    assertEquals(List.of("x", "Joined", "Ref"), ColumnRoles.builder().id("id").categorical("Joined").decide(t)
        .features());
  }
}
