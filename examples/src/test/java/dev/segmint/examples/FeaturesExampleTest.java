package dev.segmint.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the example that produces docs/features.md and checks the numbers the page quotes. */
class FeaturesExampleTest {

  @Test
  void printsEveryFeatureFamilyOnTheRealData() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FeaturesExample.run(Path.of(System.getProperty("segmint.data.dir")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    // kept for docs/features.md, which pastes this output
    Files.writeString(Path.of("target", "features-example.txt"), out, StandardCharsets.UTF_8);
    for (String expected : new String[] {
        "== 1. RFM on UCI Online Retail (541,909 rows)",
        "as of 2011-12-10",
        "Data quality: 541,909 rows read",
        "4,338 customers out",
        "3 implausible ages set missing",
        "== 4. A pipeline fitted on the first 1,500 marketing customers, applied to the other 740",
        "Features for 740 customers",
        "constant at fit (zero variance, not scaled): [Z_CostContact]",
        "FeatureMatrix 740 customers",
        "FeatureMatrix 4338 customers"}) {
      assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
    }
  }
}
