package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Demographic features on small tables with hand-computed values. */
class DemographicFeaturesTest {

  static Table customers() {
    return Table.create("customers",
        StringColumn.create("ID", "1", "2", "3"),
        IntColumn.create("Year_Birth", 1957, 1893, 1990),
        StringColumn.create("Education", "Graduation", "PhD", "Master"),
        StringColumn.create("Marital_Status", "Single", "Married", "Together"),
        StringColumn.create("Income", "$58,138.00 ", "", "71,613"),
        IntColumn.create("Kidhome", 0, 1, 0),
        IntColumn.create("Teenhome", 0, 1, 1));
  }

  static DemographicFeatures.Builder builder() {
    return DemographicFeatures.builder().customer("ID").birthYear("Year_Birth").asOf(LocalDate.of(2014, 12, 31))
        .ageBands(25, 45, 65).income("Income")
        .householdSize("Marital_Status", Set.of("Married", "Together"), "Kidhome", "Teenhome")
        .education("Education").maritalStatus("Marital_Status");
  }

  @Test
  void byHand() {
    DemographicFeatures.Result r = builder().build().run(customers());
    Table t = r.table();
    assertEquals(List.of("customer_id", "age", "age_band", "income", "household_size", "education", "marital_status"),
        t.columnNames());
    // 2014 − 1957 = 57; 2014 − 1893 = 121 is implausible → missing; 2014 − 1990 = 24
    assertEquals(57, t.doubleColumn("age").getDouble(0));
    assertEquals(true, t.doubleColumn("age").isMissing(1));
    assertEquals(24, t.doubleColumn("age").getDouble(2));
    assertEquals(Arrays.asList("45-64", "", "<25"), t.stringColumn("age_band").asList());
    assertEquals(1, r.implausibleAges());
    assertEquals(List.of("2 (age 121)"), r.implausibleAgeExamples());
    assertEquals(58138, t.doubleColumn("income").getDouble(0));
    assertEquals(true, t.doubleColumn("income").isMissing(1));
    assertEquals(71613, t.doubleColumn("income").getDouble(2));
    // adults (2 when Married/Together) + kids + teens
    assertArrayEquals(new double[] {1, 4, 3}, t.doubleColumn("household_size").asDoubleArray());
    assertEquals(List.of("Graduation", "PhD", "Master"), t.stringColumn("education").asList());
  }

  @Test
  void severalRowsPerCustomerTakeTheMostFrequentValue() {
    Table tx = Table.create("tx",
        StringColumn.create("CustomerID", "1", "1", "", "1", "2"),
        StringColumn.create("Country", "UK", "France", "Spain", "UK", "France"));
    DemographicFeatures.Result r = DemographicFeatures.builder().customer("CustomerID").country("Country").build().run(tx);
    assertEquals(List.of("1", "2"), r.table().stringColumn("customer_id").asList());
    assertEquals(List.of("UK", "France"), r.table().stringColumn("country").asList());
    assertEquals(1, r.rowsWithoutId());
    assertEquals(List.of("3"), r.rowsWithoutIdExamples());
  }

  @Test
  void badInputs() {
    IllegalArgumentException asOf = assertThrows(IllegalArgumentException.class,
        () -> DemographicFeatures.builder().customer("ID").birthYear("Year_Birth").build());
    assertEquals("age from birth year 'Year_Birth' needs an as-of date: call asOf(LocalDate.of(2014, 12, 31)) with the "
        + "date the data describes", asOf.getMessage());
    Table bad = customers();
    bad.stringColumn("Income").set(2, "n/a");
    IllegalArgumentException income = assertThrows(IllegalArgumentException.class, () -> builder().build().run(bad));
    assertEquals("column 'Income' has 'n/a' for customer 3, which is not a number; write plain numbers such as 58138 or "
        + "$58,138.00", income.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> DemographicFeatures.builder().customer("ID").age("Education").build().run(customers()));
    assertEquals("column 'Education' is string, not numeric (e.g. 'Graduation'); convert it to numbers or choose "
        + "another column", type.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> builder().build().run(customers().emptyCopy()));
    assertEquals("table 'customers' has no rows; it needs at least one customer", empty.getMessage());
  }
}
