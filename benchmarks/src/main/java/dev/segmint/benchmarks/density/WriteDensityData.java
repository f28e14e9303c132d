package dev.segmint.benchmarks.density;

import dev.segmint.features.FeatureMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the benchmark data for the scikit-learn script: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.segmint.benchmarks.density.WriteDensityData 50000x3[:q50] FILE.csv} writes the rows (no header, full precision)
 * and prints {@code eps minPts} on standard output.
 */
public final class WriteDensityData {
  private WriteDensityData() {}

  public static void main(String[] args) throws IOException {
    String shape = args.length > 0 ? args[0] : "50000x3";
    int[] s = DensityBenchData.shape(shape);
    Path out = Path.of(args.length > 1 ? args[1] : "density.csv");
    double[][] rows = DensityBenchData.rows(s[0], s[1]);
    FeatureMatrix m = DensityBenchData.matrix(rows);
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      for (double[] r : rows) {
        for (int j = 0; j < r.length; j++) {
          if (j > 0) {
            w.write(',');
          }
          w.write(Double.toString(r[j]));
        }
        w.newLine();
      }
    }
    System.out.printf(Locale.ROOT, "%s %d%n", Double.toString(DensityBenchData.eps(m, shape)), DensityBenchData.MIN_PTS);
  }
}
