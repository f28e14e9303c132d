package dev.segmint.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Demographic features per customer from a customer table: numeric {@code age} (from an age column, or a birth
 * year turned into the age reached in the as-of year), {@code income}, {@code household_size}, an optional
 * {@code age_band}, and text columns {@code gender}, {@code education}, {@code marital_status}, {@code country}
 * (plus any other categorical columns, under their own names). The text columns are left as text: encode them with
 * {@link CategoricalFeature} in a {@link FeatureSpec} (one-hot, ordinal or frequency).
 *
 * <p>One output row per customer, in first-seen order. A table with several rows per customer (e.g. a
 * transactions table with a country column) is reduced to the most frequent non-missing value per customer and
 * column (ties: first seen). Rows without a customer id are counted in the {@link Result}. Ages outside the
 * plausible range (default 0–100, e.g. birth year 1893) become missing and are counted, so that an imputation in the
 * pipeline decides what they become.
 *
 * <p>Income may be numeric or text such as {@code "$58,138.00"} (currency signs, spaces and thousands separators are
 * removed). Cost O(rows) time, O(customers) memory.
 */
public final class DemographicFeatures {

  /** The demographic table and what was dropped or blanked while making it. */
  public record Result(Table table, long rowsWithoutId, List<String> rowsWithoutIdExamples, long implausibleAges,
      List<String> implausibleAgeExamples) {
    public Result {
      rowsWithoutIdExamples = List.copyOf(rowsWithoutIdExamples);
      implausibleAgeExamples = List.copyOf(implausibleAgeExamples);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format("Demographics: %,d customers", table.rowCount()));
      if (rowsWithoutId > 0) {
        sb.append(String.format("; %,d rows without customer id (e.g. rows %s)", rowsWithoutId,
            String.join(", ", rowsWithoutIdExamples)));
      }
      if (implausibleAges > 0) {
        sb.append(String.format("; %,d implausible ages set missing (e.g. customers %s)", implausibleAges,
            String.join(", ", implausibleAgeExamples)));
      }
      return sb.append(System.lineSeparator()).append(table.print(10)).toString();
    }
  }

  private final String customer;
  private final String age;
  private final String birthYear;
  private final LocalDate asOf;
  private final double minAge;
  private final double maxAge;
  private final int[] ageBands;
  private final String income;
  private final String householdSize;
  private final String partnerColumn;
  private final Set<String> partnered;
  private final List<String> children;
  private final Map<String, String> categorical;

  private DemographicFeatures(Builder b) {
    customer = b.customer;
    age = b.age;
    birthYear = b.birthYear;
    asOf = b.asOf;
    minAge = b.minAge;
    maxAge = b.maxAge;
    ageBands = b.ageBands;
    income = b.income;
    householdSize = b.householdSize;
    partnerColumn = b.partnerColumn;
    partnered = Set.copyOf(b.partnered);
    children = List.copyOf(b.children);
    categorical = new LinkedHashMap<>(b.categorical);
  }

  /** A builder naming the customer table's columns. */
  public static Builder builder() {
    return new Builder();
  }

  /** The customer id column. */
  public String customer() {
    return customer;
  }

  /** The age column, or null. */
  public String age() {
    return age;
  }

  /** The birth-year column, or null. */
  public String birthYear() {
    return birthYear;
  }

  /** The as-of date of ages from a birth year, or null. */
  public LocalDate asOf() {
    return asOf;
  }

  /** The plausible ages: {@code [min, max]} (a copy). */
  public double[] plausibleAge() {
    return new double[] {minAge, maxAge};
  }

  /** The age band edges (a copy; empty when there is no {@code age_band}). */
  public int[] ageBands() {
    return ageBands.clone();
  }

  /** The income column, or null. */
  public String income() {
    return income;
  }

  /** The household-size column, or null (when the size is derived, or not computed). */
  public String householdSize() {
    return householdSize;
  }

  /** The marital-status column the household size is derived from, or null. */
  public String partnerColumn() {
    return partnerColumn;
  }

  /** The marital-status values that count two adults (sorted). */
  public List<String> partneredValues() {
    return partnered.stream().sorted().toList();
  }

  /** The child-count columns added to the derived household size. */
  public List<String> childColumns() {
    return children;
  }

  /** The text columns kept: input column → output name, in output order. */
  public Map<String, String> categorical() {
    return java.util.Collections.unmodifiableMap(categorical);
  }

  /** The demographic table: {@code customer_id} then the configured features (see the class comment). */
  public Table compute(Table customers) {
    return run(customers).table();
  }

  /**
   * Computes the demographic table and the counts of rows without an id and of implausible ages.
   *
   * @throws IllegalArgumentException when a named column is missing or of the wrong type, the table is empty, or a
   *     value cannot be read (the row and customer are named)
   */
  public Result run(Table customers) {
    Objects.requireNonNull(customers, "customers");
    PerCustomer g = new PerCustomer(customers, customer);
    int n = g.customers();
    Table out = Table.create("demographics", StringColumn.create("customer_id", g.ids));
    long implausible = 0;
    List<String> implausibleExamples = new ArrayList<>();
    if (age != null || birthYear != null) {
      double[] a;
      if (age != null) {
        a = g.modeNumber(Columns.requireNumeric(customers, age));
      } else {
        double[] years = g.modeNumber(Columns.requireNumeric(customers, birthYear));
        a = new double[n];
        for (int c = 0; c < n; c++) {
          a[c] = asOf.getYear() - years[c];
        }
      }
      for (int c = 0; c < n; c++) {
        if (!Double.isNaN(a[c]) && (a[c] < minAge || a[c] > maxAge)) {
          if (implausible++ < 5) {
            implausibleExamples.add(g.ids.get(c) + " (age " + fmt(a[c]) + ")");
          }
          a[c] = Double.NaN;
        }
      }
      out.addColumns(DoubleColumn.create("age", a));
      if (ageBands.length > 0) {
        StringColumn band = StringColumn.create("age_band", n);
        for (int c = 0; c < n; c++) {
          band.set(c, Double.isNaN(a[c]) ? null : band(a[c]));
        }
        out.addColumns(band);
      }
    }
    if (income != null) {
      out.addColumns(DoubleColumn.create("income", numberOrText(customers, income, g)));
    }
    if (householdSize != null) {
      out.addColumns(DoubleColumn.create("household_size", g.modeNumber(Columns.requireNumeric(customers, householdSize))));
    } else if (partnerColumn != null || !children.isEmpty()) {
      double[] size = new double[n];
      if (partnerColumn != null) {
        String[] status = g.modeText(Columns.require(customers, partnerColumn));
        for (int c = 0; c < n; c++) {
          size[c] = status[c] == null ? Double.NaN : partnered.contains(status[c]) ? 2 : 1;
        }
      } else {
        Arrays.fill(size, 1);
      }
      for (String child : children) {
        double[] k = g.modeNumber(Columns.requireNumeric(customers, child));
        for (int c = 0; c < n; c++) {
          size[c] += k[c];
        }
      }
      out.addColumns(DoubleColumn.create("household_size", size));
    }
    for (Map.Entry<String, String> e : categorical.entrySet()) {
      Column<?> col = Columns.require(customers, e.getKey());
      String[] v = g.modeText(col);
      out.addColumns(StringColumn.create(e.getValue(), v));
    }
    return new Result(out, g.rowsWithoutId, g.rowsWithoutIdExamples, implausible, implausibleExamples);
  }

  private String band(double a) {
    if (a < ageBands[0]) {
      return "<" + ageBands[0];
    }
    for (int k = 1; k < ageBands.length; k++) {
      if (a < ageBands[k]) {
        return ageBands[k - 1] + "-" + (ageBands[k] - 1);
      }
    }
    return ageBands[ageBands.length - 1] + "+";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Reads a numeric column, or a text column of numbers written with currency signs and separators. */
  private static double[] numberOrText(Table t, String name, PerCustomer g) {
    Column<?> col = Columns.require(t, name);
    if (col instanceof NumericColumn<?> nc) {
      return g.modeNumber(nc);
    }
    String[] text = g.modeText(col);
    double[] out = new double[text.length];
    for (int c = 0; c < text.length; c++) {
      if (text[c] == null) {
        out[c] = Double.NaN;
        continue;
      }
      String s = text[c].replaceAll("[\\s$€£,]", "");
      try {
        out[c] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("column '" + name + "' has '" + text[c] + "' for customer " + g.ids.get(c)
            + ", which is not a number; write plain numbers such as 58138 or $58,138.00");
      }
      if (!Double.isFinite(out[c])) {
        throw new IllegalArgumentException("column '" + name + "' is " + out[c] + " for customer " + g.ids.get(c)
            + "; values must be finite numbers");
      }
    }
    return out;
  }

  /** Names the customer table's columns. */
  public static final class Builder {
    private String customer;
    private String age;
    private String birthYear;
    private LocalDate asOf;
    private double minAge = 0;
    private double maxAge = 100;
    private int[] ageBands = new int[0];
    private String income;
    private String householdSize;
    private String partnerColumn;
    private Set<String> partnered = Set.of();
    private final List<String> children = new ArrayList<>();
    private final Map<String, String> categorical = new LinkedHashMap<>();

    private Builder() {}

    /** The customer id column (required); ids are read as text. */
    public Builder customer(String column) {
      this.customer = column;
      return this;
    }

    /** A numeric age column (output {@code age}). */
    public Builder age(String column) {
      this.age = column;
      return this;
    }

    /**
     * A numeric birth-year column: {@code age} = as-of year − birth year, the age reached during the as-of year (the
     * birthday itself is unknown, so the age can be one year more than on the as-of date). Needs {@link #asOf}.
     */
    public Builder birthYear(String column) {
      this.birthYear = column;
      return this;
    }

    /** The date at which ages are taken (required with {@link #birthYear}). */
    public Builder asOf(LocalDate date) {
      this.asOf = date;
      return this;
    }

    /** Ages outside [min, max] become missing and are counted (default 0–100). */
    public Builder plausibleAge(double min, double max) {
      if (!(min <= max)) {
        throw new IllegalArgumentException("plausibleAge: min " + min + " is above max " + max);
      }
      this.minAge = min;
      this.maxAge = max;
      return this;
    }

    /**
     * Adds an {@code age_band} text column with bands cut at the given ascending ages: {@code ageBands(25, 35, 45)}
     * gives {@code <25, 25-34, 35-44, 45+}.
     */
    public Builder ageBands(int... edges) {
      if (edges.length == 0) {
        throw new IllegalArgumentException("ageBands needs at least one edge, e.g. ageBands(25, 35, 45, 55, 65)");
      }
      for (int i = 1; i < edges.length; i++) {
        if (edges[i] <= edges[i - 1]) {
          throw new IllegalArgumentException("ageBands edges must increase: " + Arrays.toString(edges));
        }
      }
      this.ageBands = edges.clone();
      return this;
    }

    /** An income column, numeric or text like {@code "$58,138.00"} (output {@code income}). */
    public Builder income(String column) {
      this.income = column;
      return this;
    }

    /** A numeric household-size column (output {@code household_size}). */
    public Builder householdSize(String column) {
      this.householdSize = column;
      return this;
    }

    /**
     * Derives {@code household_size} = adults + the sum of the child-count columns, where adults is 2 when the
     * marital-status column holds one of the partnered values and 1 otherwise (missing status: missing size).
     */
    public Builder householdSize(String maritalStatusColumn, Set<String> partneredValues, String... childCountColumns) {
      this.partnerColumn = Objects.requireNonNull(maritalStatusColumn, "maritalStatusColumn");
      this.partnered = new LinkedHashSet<>(partneredValues);
      this.children.clear();
      this.children.addAll(Arrays.asList(childCountColumns));
      return this;
    }

    /** A gender column (text, output {@code gender}). */
    public Builder gender(String column) {
      return categorical(column, "gender");
    }

    /** An education column (text, output {@code education}); encode it ordinally with your level order. */
    public Builder education(String column) {
      return categorical(column, "education");
    }

    /** A marital-status column (text, output {@code marital_status}). */
    public Builder maritalStatus(String column) {
      return categorical(column, "marital_status");
    }

    /** A country column (text, output {@code country}). */
    public Builder country(String column) {
      return categorical(column, "country");
    }

    /** Any other categorical column, kept as text under the name {@code outputName}. */
    public Builder categorical(String column, String outputName) {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(outputName, "outputName");
      if (categorical.containsValue(outputName)) {
        throw new IllegalArgumentException("the demographic output '" + outputName + "' is configured twice");
      }
      categorical.put(column, outputName);
      return this;
    }

    /** Checks the choices and builds. */
    public DemographicFeatures build() {
      if (customer == null) {
        throw new IllegalArgumentException("demographics need a customer id column: call customer(\"ID\")");
      }
      if (age != null && birthYear != null) {
        throw new IllegalArgumentException("give either age or birthYear, not both");
      }
      if (birthYear != null && asOf == null) {
        throw new IllegalArgumentException("age from birth year '" + birthYear + "' needs an as-of date: call asOf("
            + "LocalDate.of(2014, 12, 31)) with the date the data describes");
      }
      if (ageBands.length > 0 && age == null && birthYear == null) {
        throw new IllegalArgumentException("ageBands needs an age or birthYear column");
      }
      if (age == null && birthYear == null && income == null && householdSize == null && partnerColumn == null
          && children.isEmpty() && categorical.isEmpty()) {
        throw new IllegalArgumentException("no demographic column configured: call age, birthYear, income, "
            + "householdSize, gender, education, maritalStatus, country or categorical");
      }
      return new DemographicFeatures(this);
    }
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add("customer=" + customer);
    if (age != null) {
      parts.add("age=" + age);
    }
    if (birthYear != null) {
      parts.add("age from birth year " + birthYear + " at " + asOf);
    }
    if (ageBands.length > 0) {
      parts.add("age bands " + Arrays.toString(ageBands));
    }
    if (income != null) {
      parts.add("income=" + income);
    }
    if (householdSize != null) {
      parts.add("household_size=" + householdSize);
    } else if (partnerColumn != null || !children.isEmpty()) {
      parts.add("household_size=adults(" + partnerColumn + " in " + partnered + ") + " + String.join(" + ", children));
    }
    categorical.forEach((k, v) -> parts.add(v + "=" + k));
    return "DemographicFeatures[" + String.join(", ", parts) + "]";
  }
}
