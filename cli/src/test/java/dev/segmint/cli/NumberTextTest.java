package dev.segmint.cli;

import static dev.segmint.cli.NumberText.Kind.DECIMAL;
import static dev.segmint.cli.NumberText.Kind.LOOK_ALIKE;
import static dev.segmint.cli.NumberText.Kind.TEXT;
import static dev.segmint.cli.NumberText.Kind.WHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict number reader: C locale, decimal comma, Java literal syntax as text, look-alikes. */
class NumberTextTest {

  @Test
  void cLocaleNumbers() {
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("0", 0.0);
    numbers.put("12", 12.0);
    numbers.put("-12", -12.0);
    numbers.put("+3.5", 3.5);
    numbers.put(".5", 0.5);
    numbers.put("5.", 5.0);
    numbers.put("1234.5", 1234.5);
    numbers.put("1.2e-3", 0.0012);
    numbers.put("-4E+2", -400.0);
    numbers.put(" 7 ", 7.0);
    numbers.put("Infinity", Double.POSITIVE_INFINITY);
    numbers.put("-Infinity", Double.NEGATIVE_INFINITY);
    numbers.put("0.1", 0.1);
    for (Map.Entry<String, Double> e : numbers.entrySet()) {
      assertEquals(e.getValue(), NumberText.parse(e.getKey(), false), e.getKey());
    }
    assertEquals(WHOLE, NumberText.classify("12", false));
    assertEquals(WHOLE, NumberText.classify("5.00", false), "a zero fraction counts as whole, as Tablesaw read it");
    assertEquals(DECIMAL, NumberText.classify("5.01", false));
    assertEquals(DECIMAL, NumberText.classify("1e3", false), "an exponent makes a decimal column");
    assertEquals(DECIMAL, NumberText.classify("Infinity", false));
    assertEquals(-2147483648L, NumberText.parseWhole("-2147483648", false));
    assertEquals(Long.MIN_VALUE, NumberText.parseWhole("99999999999999999999", false), "too large for a long");
  }

  @Test
  void javaLiteralsAndOtherSpellingsAreText() {
    for (String s : new String[] {"0x1p3", "0x10", "5d", "7f", "5D", "7F", "1L", "1_000", "inf", "-inf", "infinity",
        "NAN", "nan", "1e", "e5", "-", "+", ".", "", "1.2.3", "--1", "1 2", "١٢", "１２", "12abc", "$12", "12%"}) {
      assertEquals(TEXT, NumberText.classify(s, false), s);
      assertEquals(TEXT, NumberText.classify(s, true), s + " with --decimal-comma");
    }
  }

  @Test
  void separatorsAreLookAlikesInTheCLocale() {
    for (String s : new String[] {"12,50", "1,234", "1,234.50", "1.234,56", "1.234.567,8", "-0,5", ",5",
        "1,234,567"}) {
      assertEquals(LOOK_ALIKE, NumberText.classify(s, false), s);
    }
    // a comma that no number convention explains is text
    for (String s : new String[] {"1,2,3", "12,5.5", "1,23.4", "a,b"}) {
      assertEquals(TEXT, NumberText.classify(s, false), s);
    }
  }

  @Test
  void decimalComma() {
    assertEquals(12.5, NumberText.parse("12,50", true));
    assertEquals(1234.56, NumberText.parse("1.234,56", true));
    assertEquals(1234567.8, NumberText.parse("1.234.567,8", true));
    assertEquals(1234.0, NumberText.parse("1.234", true), "a point separates thousands");
    assertEquals(-0.5, NumberText.parse("-0,5", true));
    assertEquals(0.5, NumberText.parse(",5", true));
    assertEquals(1500.0, NumberText.parse("1,5e3", true));
    assertEquals(42.0, NumberText.parse("42", true));
    assertEquals(WHOLE, NumberText.classify("1.234", true));
    assertEquals(WHOLE, NumberText.classify("12,00", true));
    assertEquals(1234L, NumberText.parseWhole("1.234", true));
    assertEquals(DECIMAL, NumberText.classify("12,5", true));
    // C-locale decimals and comma-grouped numbers are look-alikes with the decimal comma
    for (String s : new String[] {"2.5", "0.75", "1,234.50", "12.3456"}) {
      assertEquals(LOOK_ALIKE, NumberText.classify(s, true), s);
    }
    // a point separates groups of exactly three digits: otherwise it is a C-locale decimal point (or text)
    assertEquals(LOOK_ALIKE, NumberText.classify("12.34", true));
    assertEquals(LOOK_ALIKE, NumberText.classify("1.2345", true));
    assertEquals(TEXT, NumberText.classify("1.23,4", true));
    assertEquals(TEXT, NumberText.classify("1..234", true));
  }
}
