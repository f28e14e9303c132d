package dev.segmint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmint.features.DataQualityReport.Entry;
import dev.segmint.features.DataQualityReport.Reason;
import java.time.LocalDate;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The two public hooks for engines that read rows themselves: RfmFeatures.dayParser and DataQualityReport.of. */
class EngineHooksTest {

  @Test
  void dayParserReadsIsoAndPatternsAsRunDoes() {
    ToLongFunction<String> iso = RfmFeatures.dayParser(null);
    assertEquals(LocalDate.of(2010, 12, 1).toEpochDay(), iso.applyAsLong("2010-12-01 08:26:00"));
    assertEquals(LocalDate.of(2011, 2, 28).toEpochDay(), iso.applyAsLong("  2011-02-28 "));
    // an instant with an offset counts in UTC: 01:30 at +02:00 is the previous day
    assertEquals(LocalDate.of(2011, 2, 28).toEpochDay(), iso.applyAsLong("2011-03-01 01:30:00+02:00"));
    assertEquals(Long.MIN_VALUE, iso.applyAsLong(null));
    assertEquals(Long.MIN_VALUE, iso.applyAsLong(""));
    assertEquals(Long.MIN_VALUE, iso.applyAsLong("12/01/2010"));
    assertEquals(Long.MIN_VALUE, iso.applyAsLong("2011-02-30"));
    ToLongFunction<String> us = RfmFeatures.dayParser("M/d/yyyy H:mm");
    assertEquals(LocalDate.of(2010, 12, 1).toEpochDay(), us.applyAsLong("12/1/2010 8:26"));
    assertEquals(Long.MIN_VALUE, us.applyAsLong("2010-12-01"));
    assertThrows(IllegalArgumentException.class, () -> RfmFeatures.dayParser("dd/MM"));
  }

  @Test
  void reportOfKeepsCountsDropsZerosAndTrimsExamples() {
    DataQualityReport r = DataQualityReport.of(100, 80, 7, 3, List.of(
        new Entry(Reason.RETURN, 12, List.of("1", "2", "3", "4", "5", "6", "7")),
        new Entry(Reason.ZERO_AMOUNT, 0, List.of()),
        new Entry(Reason.NO_PURCHASES, 2, List.of("a", "b"))));
    assertEquals(100, r.rowsRead());
    assertEquals(80, r.rowsKept());
    assertEquals(20, r.rowsDropped());
    assertEquals(7, r.customersOut());
    assertEquals(12, r.rowsDropped(Reason.RETURN));
    assertEquals(3, r.rowsDropped(Reason.NO_PURCHASES));
    assertEquals(2, r.customers(Reason.NO_PURCHASES));
    assertEquals(List.of("1", "2", "3", "4", "5"), r.examples(Reason.RETURN));
    assertEquals(List.of(Reason.RETURN, Reason.NO_PURCHASES), r.entries().stream().map(Entry::reason).toList());
    assertThrows(IllegalArgumentException.class, () -> DataQualityReport.of(-1, 0, 0, 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> DataQualityReport.of(1, 0, 0, 0,
        List.of(new Entry(Reason.RETURN, 1, List.of("1")), new Entry(Reason.RETURN, 1, List.of("1")))));
  }
}
