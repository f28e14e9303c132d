package dev.segmint.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input format (delimiter, decimal comma) and the {@code customer_id,segment} output of cluster, segment and assign (a picocli mixin). */
final class SegmentsOut {

  @Option(names = "--delimiter", paramLabel = "C|whitespace",
      description = "Field delimiter of the inputs (default: detected; \\t for tab; whitespace for runs of spaces and tabs).")
  String delimiter;

  @Option(names = "--decimal-comma",
      description = "Numbers in the inputs use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).")
  boolean decimalComma;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output: customer_id,segment.")
  Path out;

  /** How to read the inputs: --delimiter and --decimal-comma. */
  CsvInput.Options options() {
    return CsvInput.Options.of(delimiter, decimalComma);
  }
}
