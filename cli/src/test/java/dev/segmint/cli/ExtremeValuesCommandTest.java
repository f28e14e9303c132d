package dev.segmint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 9 on the command line: finite values near ±1.8e308 are clustered with the default standard scaling
 * (before: "feature 'x' is -Infinity at row 3", an overflow of the scaler blamed on the input).
 */
class ExtremeValuesCommandTest {

  @TempDir
  Path dir;

  @Test
  void clusterScalesHugeValuesMixedWithSmallOnes() throws Exception {
    Path in = Files.writeString(dir.resolve("c.csv"), "id,x\na,1.5e308\nb,1.5e308\nc,-1.5e308\nd,1\ne,2\n");
    Path out = dir.resolve("out.csv");
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(new String[] {"cluster", "--input", in.toString(), "--id", "id", "--algorithm",
        "kmeans", "--k", "2", "--seed", "1", "--out", out.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertEquals(0, code, err.toString());
    // scaled: a, b 1.069; c -1.604; d, e -0.267 — two segments: {a, b} and {c, d, e} (the larger is segment 0)
    assertEquals(List.of("customer_id,segment", "a,1", "b,1", "c,0", "d,0", "e,0"), Files.readAllLines(out));
  }
}
