package dev.segmint.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmint.features.FeatureMatrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gower distances computed by hand (the formula of R's cluster::daisy): ranges, missing values, weights, levels. */
class GowerTest {

  /**
   * Three customers: spend (range 10 in training), a constant feature, colour (r3 missing) and size.
   * <pre>
   *   id  spend  const  colour  size
   *   r1  0      1      red     S
   *   r2  10     1      blue    S
   *   r3  2      1      -       L
   * </pre>
   */
  static FeatureMatrix train() {
    return FeatureMatrix.mixed(new String[] {"r1", "r2", "r3"}, new String[] {"spend", "const"},
        new double[] {0, 1, 10, 1, 2, 1}, null, new String[] {"colour", "size"},
        List.of(List.of("red", "blue"), List.of("S", "L")), new short[] {0, 0, 1, 0, -1, 1});
  }

  @Test
  void equalWeightsByHand() {
    FeatureMatrix m = train();
    Gower g = Gower.fit(m, Map.of());
    assertArrayEquals(new double[] {10, 0}, g.ranges());
    // r1, r2: spend 10/10 = 1, const 0, colour 1, size 0 over 4 features
    assertEquals(2.0 / 4, g.distance(m, 0, m, 1), 1e-15);
    // r1, r3: colour missing in r3, so 3 features: spend 2/10, const 0, size 1
    assertEquals(1.2 / 3, g.distance(m, 0, m, 2), 1e-15);
    // r2, r3: spend 8/10, const 0, size 1
    assertEquals(1.8 / 3, g.distance(m, 1, m, 2), 1e-15);
    assertEquals(0, g.distance(m, 2, m, 2), 0);
    assertEquals(g.distance(m, 1, m, 2), g.distance(m, 2, m, 1), 0);
  }

  @Test
  void weightsByName() {
    FeatureMatrix m = train();
    Gower g = Gower.fit(m, Map.of("spend", 2.0, "colour", 3.0));
    assertArrayEquals(new double[] {2, 1, 3, 1}, g.weights());
    // r1, r2: (2·1 + 1·0 + 3·1 + 1·0) / (2 + 1 + 3 + 1)
    assertEquals(5.0 / 7, g.distance(m, 0, m, 1), 1e-15);
    // r1, r3: colour missing: (2·0.2 + 0 + 1·1) / (2 + 1 + 1)
    assertEquals(1.4 / 4, g.distance(m, 0, m, 2), 1e-15);
    // weight 0 leaves a feature out: size only differs for r3, spend only
    Gower spendOnly = Gower.fit(m, Map.of("const", 0.0, "colour", 0.0, "size", 0.0));
    assertEquals(0.8, spendOnly.distance(m, 1, m, 2), 1e-15);
  }

  @Test
  void newCustomersAreMatchedByNameOnTheTrainingScale() {
    FeatureMatrix m = train();
    Gower g = Gower.fit(m, Map.of());
    // another column order, levels numbered the other way round, an unseen level and a value outside the range
    FeatureMatrix fresh = FeatureMatrix.mixed(new String[] {"n1", "n2"}, new String[] {"const", "spend"},
        new double[] {1, 20, 5, 0}, null, new String[] {"size", "colour"},
        List.of(List.of("L", "S"), List.of("green", "red")), new short[] {1, 1, 0, 0});
    // n1 = (spend 20, const 1, red, S) against r1 = (0, 1, red, S): spend 20/10 = 2 > 1, the rest 0
    assertEquals(2.0 / 4, g.distance(fresh, 0, m, 0), 1e-15);
    // n2 = (spend 0, const 5, green, L) against r1: const was constant in training, so it adds 0; green ≠ red, L ≠ S
    assertEquals(2.0 / 4, g.distance(fresh, 1, m, 0), 1e-15);
    // n2 against r3 (colour missing): 0.2 + 0 + size 0 over 3
    assertEquals(0.2 / 3, g.distance(fresh, 1, m, 2), 1e-15);
    // two new customers with the same unseen level match each other
    FeatureMatrix twoGreen = FeatureMatrix.mixed(new String[] {"a", "b"}, new String[] {"spend", "const"},
        new double[] {0, 1, 0, 1}, null, new String[] {"colour", "size"},
        List.of(List.of("green"), List.of("S")), new short[] {0, 0, 0, 0});
    assertEquals(0, g.distance(twoGreen, 0, twoGreen, 1), 0);
  }

  @Test
  void nothingToCompareIsNaN() {
    FeatureMatrix m = FeatureMatrix.mixed(new String[] {"a", "b", "c"}, new String[0], new double[0], null,
        new String[] {"x", "y"}, List.of(List.of("p", "q"), List.of("u", "v")), new short[] {0, -1, -1, 1, 1, 1});
    Gower g = Gower.fit(m, Map.of());
    assertTrue(Double.isNaN(g.distance(m, 0, m, 1)), "a has only x, b only y");
    assertEquals(1.0, g.distance(m, 0, m, 2), 0);     // x: p against q, y missing in a
    assertEquals(0.0, g.distance(m, 1, m, 2), 0);     // y: v against v
  }

  @Test
  void badWeightsAreRefusedByName() {
    FeatureMatrix m = train();
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Gower.fit(m, Map.of("spnd", 2.0)));
    assertTrue(unknown.getMessage().contains("'spnd'") && unknown.getMessage().contains("[spend, const, colour, size]"),
        unknown.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Gower.fit(m, Map.of("spend", 0.0, "const", 0.0, "colour", 0.0, "size", 0.0)));
    assertTrue(zero.getMessage().contains("every feature has weight 0"), zero.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Gower.fit(m, Map.of("size", -1.0)));
    assertTrue(negative.getMessage().contains("'size' is -1.0"), negative.getMessage());
  }
}
