package dev.segmint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The COLUMN=MEASURE items of --measures (command line and Spark job). */
class MeasureItemsTest {

  @Test
  void itemsSplitAtTheLastEqualsSignKeepingSpellings() {
    assertEquals(Map.of("Monatsbeitrag", "Spend", "a=b", "none"),
        MeasureItems.parse("--measures", List.of(" Monatsbeitrag = Spend", "a=b=none")));
    assertEquals(List.of("z", "a"), List.copyOf(MeasureItems.parse("--measures", List.of("z=spend", "a=tenure"))
        .keySet()));
    assertEquals(Map.of(), MeasureItems.parse("--measures", List.of()));
  }

  @Test
  void aMissingSideOrAColumnTwiceIsNamed() {
    for (String bad : List.of("Monatsbeitrag", "=spend", "Monatsbeitrag=")) {
      assertEquals("--measures item '" + bad + "' needs the form COLUMN=MEASURE, e.g. Monatsbeitrag=spend",
          assertThrows(IllegalArgumentException.class, () -> MeasureItems.parse("--measures", List.of(bad)))
              .getMessage());
    }
    assertEquals("--measures names 'Alter' twice; give each column one measure", assertThrows(
        IllegalArgumentException.class, () -> MeasureItems.parse("--measures", List.of("Alter=tenure", "ALTER=none")))
        .getMessage());
  }
}
