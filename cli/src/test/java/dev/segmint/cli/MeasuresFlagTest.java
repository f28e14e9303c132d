package dev.segmint.cli;

import static dev.segmint.cli.SegmentAssignCommandTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --measures}: what columns with non-English names measure, for the segments' actions. */
class MeasuresFlagTest {

  @TempDir
  Path dir;

  /**
   * Gym members in three planted groups, German headers, {@code ;} and decimal commas: regulars (high fee, many
   * visits, last visit days ago), occasional members, and members who stopped coming (no visits for months).
   */
  Path gym() throws Exception {
    Random rnd = new Random(26);
    List<String> lines = new ArrayList<>(List.of("Mitglied;Monatsbeitrag;Besuche_Monat;Tage_seit_Besuch"));
    for (int i = 0; i < 240; i++) {
      int g = i % 3;
      double fee = (g == 0 ? 79 : g == 1 ? 35 : 30) + rnd.nextGaussian() * 3;
      long visits = Math.max(0, Math.round((g == 0 ? 14 : g == 1 ? 6 : 1) + rnd.nextGaussian()));
      long days = Math.max(0, Math.round((g == 0 ? 3 : g == 1 ? 10 : 75) + rnd.nextGaussian() * 3));
      lines.add(String.format(Locale.ROOT, "M%04d;%s;%d;%d", i, String.format(Locale.ROOT, "%.2f", fee)
          .replace('.', ','), visits, days));
    }
    Path in = dir.resolve("mitglieder.csv");
    Files.write(in, lines);
    return in;
  }

  @Test
  void statedMeasuresGiveActionsAndWithoutThemTheRunSaysHow() throws Exception {
    Path in = gym();
    String[] common = {"segment", "--customers", in.toString(), "--id", "Mitglied", "--decimal-comma", "--k", "3",
        "--seed", "1", "--threads", "1"};
    Run plain = Run.of(args(common, "--out", dir.resolve("a.csv").toString()));
    assertEquals(0, plain.code(), plain.err());
    assertFalse(plain.err().contains("win-back"), plain.err());
    assertTrue(plain.err().contains("no segment has an action: the action rules read what a column measures from "
        + "its English name (recency, spend, visits, tenure, …) and none of these names says one; say it with "
        + "--measures, e.g. --measures Monatsbeitrag=spend"), plain.err());
    Run stated = Run.of(args(common, "--out", dir.resolve("b.csv").toString(), "--measures",
        "monatsbeitrag=spend,Besuche_Monat=frequency,Tage_seit_Besuch=Recency"));
    assertEquals(0, stated.code(), stated.err());
    assertTrue(stated.err().contains("Low-cost win-back offer, else suppress from paid campaigns"), stated.err());
    assertTrue(stated.err().contains("Retain and upsell: loyalty rewards, higher-value products"), stated.err());
    assertFalse(stated.err().contains("no segment has an action"), stated.err());
    // the same segments either way: measures change the actions only
    assertEquals(Files.readAllLines(dir.resolve("a.csv")), Files.readAllLines(dir.resolve("b.csv")));
  }

  @Test
  void badMeasuresAreNamed() throws Exception {
    Path in = gym();
    String[] common = {"segment", "--customers", in.toString(), "--id", "Mitglied", "--decimal-comma", "--k", "3",
        "--out", dir.resolve("c.csv").toString(), "--measures"};
    Run word = Run.of(args(common, "Monatsbeitrag=Geld"));
    assertEquals(2, word.code());
    assertEquals("segmint: --measures says 'Monatsbeitrag' measures 'Geld'; say one of recency, tenure, spend, "
        + "frequency, deals, response, satisfaction, complaints, or none\n", word.err());
    Run column = Run.of(args(common, "Beitrag=spend"));
    assertEquals(2, column.code());
    assertEquals("segmint: --measures names 'Beitrag', which is not a numeric feature; the numeric features are "
        + "[Monatsbeitrag, Besuche_Monat, Tage_seit_Besuch]\n", column.err());
    Run form = Run.of(args(common, "Monatsbeitrag"));
    assertEquals(2, form.code());
    assertEquals("segmint: --measures item 'Monatsbeitrag' needs the form COLUMN=MEASURE, e.g. Monatsbeitrag=spend\n",
        form.err());
    Run twice = Run.of(args(common, "Monatsbeitrag=spend,monatsbeitrag=none"));
    assertEquals(2, twice.code());
    assertEquals("segmint: --measures names 'Monatsbeitrag' twice; give each column one measure\n", twice.err());
    assertFalse(Files.exists(dir.resolve("c.csv")));
  }

  @Test
  void profileTakesMeasuresToo() throws Exception {
    Path in = gym();
    Path labels = dir.resolve("labels.csv");
    List<String> l = new ArrayList<>(List.of("customer_id,segment"));
    for (int i = 0; i < 240; i++) {
      l.add(String.format(Locale.ROOT, "M%04d,%d", i, i % 3));
    }
    Files.write(labels, l);
    Run r = Run.of("profile", "--input", in.toString(), "--id", "Mitglied", "--decimal-comma", "--labels",
        labels.toString(), "--measures", "Tage_seit_Besuch=recency,Monatsbeitrag=spend");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Low-cost win-back offer, else suppress from paid campaigns"), r.out());
  }
}
