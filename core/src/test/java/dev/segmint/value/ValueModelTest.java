package dev.segmint.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueModelTest {
  private static final BgNbd DAILY = BgNbd.of(0.243, 30.9, 0.793, 2.426, Period.DAY);
  private static final GammaGamma SPEND = GammaGamma.of(6.25, 3.74, 15.44);

  private static CalibrationSummary small() {
    return CalibrationSummary.of(new String[] {"a", "b", "c", "d"}, new int[] {0, 1, 4, 12},
        new double[] {0, 30, 200, 250}, new double[] {10, 90, 260, 365}, new double[] {0, 20, 35.5, 12},
        Period.DAY);
  }

  @Test
  void clvIsTheDiscountedSumOfMonthlyExpectedPurchasesTimesOrderValue() {
    // horizon 75 days: months end at 30, 60 and 75 days, discounted by 1.02^1, 1.02^2, 1.02^3; each month's
    // purchases from numerical integration (Integrals), the order value p(γ + x m)/(p x + q − 1) by hand
    CalibrationSummary s = small();
    ValuePredictions p = new ValueModel(DAILY, SPEND).predict(s, 75, 0.02);
    int[] x = s.frequency();
    double[] tx = s.recency();
    double[] t = s.age();
    double[] m = s.monetary();
    for (int i = 0; i < s.size(); i++) {
      double alive = Integrals.bgNbdPAlive(0.243, 30.9, 0.793, 2.426, x[i], tx[i], t[i]);
      double[] ends = {30, 60, 75};
      double prev = 0;
      double clv = 0;
      double eov = x[i] == 0 ? 6.25 * 15.44 / 2.74 : 6.25 * (15.44 + x[i] * m[i]) / (6.25 * x[i] + 2.74);
      for (int k = 0; k < 3; k++) {
        double q = alive * Integrals.aliveExpectation(0.243 + x[i], 2.426 + x[i], 0.793, ends[k] / (30.9 + t[i]));
        clv += eov * (q - prev) / Math.pow(1.02, k + 1);
        prev = q;
      }
      assertEquals(alive, p.pAlive()[i], 1e-9 * alive);
      assertEquals(prev, p.expectedPurchases()[i], 1e-9 * prev);
      assertEquals(eov, p.expectedOrderValue()[i], 1e-12 * eov);
      assertEquals(clv, p.clv()[i], 1e-9 * clv);
    }
    assertEquals(ValuePredictions.COLUMNS, p.toTable().columnNames());
  }

  @Test
  void zeroHorizonIsWorthNothingAndBadSettingsAreRefused() {
    ValueModel model = new ValueModel(DAILY, SPEND);
    ValuePredictions p = model.predict(small(), 0, 0.01);
    assertEquals(0.0, p.totalClv());
    assertEquals(0.0, p.totalExpectedPurchases());
    assertThrows(IllegalArgumentException.class, () -> model.predict(small(), -1, 0.01));
    assertThrows(IllegalArgumentException.class, () -> model.predict(small(), 30, -0.5));
    CalibrationSummary weeks = CalibrationSummary.of(null, new int[] {1}, new double[] {1}, new double[] {2},
        new double[] {5}, Period.WEEK);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(weeks, 30, 0));
    assertTrue(e.getMessage().contains("week"), e.getMessage());
  }

  @Test
  void fittedModelSurvivesJsonExactlyAndPredictsTheSameWhateverTheThreads(@TempDir Path dir) throws Exception {
    CalibrationSummary s = Simulation.simulate(5_000, DAILY, SPEND, 365, true, 3);
    ValueModel model = ValueModel.fit(s, 1);
    Path file = dir.resolve("value.json");
    model.save(file);
    ValueModel back = ValueModel.load(file);
    assertArrayEquals(model.purchases().parameters(), back.purchases().parameters());
    assertArrayEquals(model.purchases().standardErrors(), back.purchases().standardErrors());
    assertEquals(model.purchases().logLikelihood(), back.purchases().logLikelihood());
    assertArrayEquals(model.orderValue().parameters(), back.orderValue().parameters());
    assertEquals(model.orderValue().logLikelihood(), back.orderValue().logLikelihood());
    String json = Files.readString(file);
    assertTrue(json.contains("\"bgnbd\"") && json.contains("\"gammagamma\"") && json.contains("\"loglik\""), json);
    ValuePredictions one = model.predict(s, 360, 0.01, 1);
    ValuePredictions two = back.predict(s, 360, 0.01, 2);
    assertArrayEquals(one.clv(), two.clv());
    assertArrayEquals(one.pAlive(), two.pAlive());
  }

  @Test
  void givenParametersWriteNullsAndBadFilesAreRefusedByField() {
    String json = new ValueModel(DAILY, SPEND).toJson();
    assertTrue(json.contains("\"loglik\": null") || json.contains("\"loglik\":null"), json);
    ValueModel back = ValueModel.fromJson(json);
    assertTrue(Double.isNaN(back.purchases().logLikelihood()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ValueModel.fromJson(json.replaceFirst("\"alpha\": ?30\\.9", "\"alpha\": -30.9")));
    assertTrue(e.getMessage().contains("bgnbd.alpha"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ValueModel.fromJson(json.replace("\"period\"",
        "\"extra\": 1, \"period\"")));
    assertTrue(e.getMessage().contains("extra"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ValueModel.fromJson("{\"format\": \"segmint-model\"}"));
  }
}
