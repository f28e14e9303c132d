package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.cluster.Hierarchical;
import dev.segmint.cluster.Linkage;
import dev.segmint.cluster.SegmentSizes;
import dev.segmint.features.SettingException.Words;
import dev.segmint.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Issue 15, messages: a message that names a setting is written once for both readers; Java callers read the Java
 * calls, the command line reads its flags (before, the CLI printed {@code timestampFormat("dd-MM-yyyy")},
 * {@code purchasesInLastDays} and {@code ModelFile.read(path, maxBytes)}). Also the capped size lists.
 */
class SettingExceptionTest {

  @TempDir
  Path dir;

  static SettingException thrown(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(SettingException.class, call);
  }

  static Table tx(String... dates) {
    String[] ids = new String[dates.length];
    double[] amounts = new double[dates.length];
    for (int i = 0; i < dates.length; i++) {
      ids[i] = "c" + i;
      amounts[i] = 10;
    }
    return Table.create("tx", StringColumn.create("CustomerID", ids), StringColumn.create("InvoiceDate", dates),
        DoubleColumn.create("Amount", amounts));
  }

  static RfmFeatures.Builder rfm() {
    return RfmFeatures.builder().customer("CustomerID").timestamp("InvoiceDate").amount("Amount");
  }

  @Test
  void unreadableTimestampsNameThePatternSettingInEachReadersWords() {
    SettingException e = thrown(() -> rfm().build().compute(tx("01/02/2011", "03/02/2011")));
    assertEquals("no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '01/02/2011'); its values "
        + "read as dd/MM/yyyy and as MM/dd/yyyy (no value tells which), so give the one the file uses: "
        + "timestampFormat(\"dd/MM/yyyy\") or timestampFormat(\"MM/dd/yyyy\")", e.getMessage());
    assertEquals(e.getMessage(), e.message(Words.JAVA));
    assertEquals("no value of timestamp column 'InvoiceDate' could be read as a date (e.g. '01/02/2011'); its values "
        + "read as dd/MM/yyyy and as MM/dd/yyyy (no value tells which), so give the one the file uses: "
        + "--timestamp-format 'dd/MM/yyyy' or --timestamp-format 'MM/dd/yyyy'", e.message(Words.COMMAND_LINE));
  }

  @Test
  void purchaseWindowsAndTheAsOfDate() {
    SettingException e = thrown(() -> RfmFeatures.builder().purchasesInLastDays(30, 0));
    assertEquals("purchasesInLastDays: window 0 is not a positive number of days; give e.g. 30 or 90", e.getMessage());
    assertEquals("--purchases-in-last: window 0 is not a positive number of days; give e.g. 30 or 90",
        e.message(Words.COMMAND_LINE));
    e = thrown(() -> RfmFeatures.builder().purchasesInLastDays(30, 30));
    assertEquals("--purchases-in-last: window 30 is given twice", e.message(Words.COMMAND_LINE));
    e = thrown(() -> rfm().build().compute(tx("2011-01-01", "2999-01-01")));
    assertTrue(e.getMessage().endsWith("give the as-of date (asOf) so that later rows are dropped and counted"),
        e.getMessage());
    assertTrue(e.message(Words.COMMAND_LINE).endsWith("give the as-of date (--as-of) so that later rows are dropped "
        + "and counted"), e.message(Words.COMMAND_LINE));
  }

  /** The command line has no flag for the size limit: only Java callers are told how to raise it. */
  @Test
  void theModelSizeLimitIsAJavaSettingOnly() throws IOException {
    Path p = Files.writeString(dir.resolve("m.json"), "{\"format\": \"segmint-model\"}".repeat(10));
    SettingException e = thrown(() -> ModelFile.read(p, 100));
    String head = "model file " + p + " is 270 bytes, over the limit of 100 bytes; is it really a Segmint model?";
    assertEquals(head + " (a larger limit: ModelFile.read(path, maxBytes))", e.getMessage());
    assertEquals(head, e.message(Words.COMMAND_LINE));
  }

  @Test
  void aPrefixKeepsBothReadersWords() {
    SettingException inner = new SettingException(w -> "set " + w.set(SettingException.Setting.AS_OF, "2011-12-10"));
    IllegalArgumentException outer = SettingException.prefixed("model file m.json: ", inner);
    assertEquals("model file m.json: set asOf(LocalDate.parse(\"2011-12-10\"))", outer.getMessage());
    assertEquals("model file m.json: set --as-of 2011-12-10", ((SettingException) outer).message(Words.COMMAND_LINE));
    IllegalArgumentException plain = SettingException.prefixed("p: ", new IllegalArgumentException("m"));
    assertEquals("p: m", plain.getMessage());
    assertTrue(!(plain instanceof SettingException));
  }

  @Test
  void sizeListsAreCappedAtTwenty() {
    assertEquals("[3, 1]", SegmentSizes.of(new long[] {3, 1}));
    long[] many = new long[100_000];
    java.util.Arrays.fill(many, 7);
    String s = SegmentSizes.of(many);
    assertEquals("[" + String.join(", ", java.util.Collections.nCopies(20, "7")) + ", … 99,980 more]", s);
    assertEquals("[" + String.join(", ", java.util.Collections.nCopies(20, "1")) + "]",
        SegmentSizes.of(java.util.stream.LongStream.generate(() -> 1).limit(20).toArray()));
    // Hierarchical's toString printed all of them (a 300 KB line for 100,000 segments)
    double[][] rows = new double[30][];
    String[] ids = new String[30];
    for (int i = 0; i < 30; i++) {
      rows[i] = new double[] {i * i};
      ids[i] = "c" + i;
    }
    Hierarchical.Result h = Hierarchical.fit(FeatureMatrix.of(ids, new String[] {"x"}, rows),
        Hierarchical.Options.of(Linkage.SINGLE, 25));
    String line = h.toString().lines().filter(l -> l.startsWith("segments (k=25): ")).findFirst().orElseThrow();
    assertTrue(line.endsWith(", … 5 more]"), line);
  }
}
