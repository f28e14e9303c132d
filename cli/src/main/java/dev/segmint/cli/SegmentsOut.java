package dev.segmint.cli;

import java.nio.file.Path;

/**
 * The input format (delimiter, decimal comma) and the {@code customer_id,segment} output of cluster, segment and
 * assign.
 */
final class SegmentsOut {

  final Flag<String> delimiter;
  final Flag<Boolean> decimalComma;
  final Flag<Path> out;

  /** Declares the flags into the command's set, in this order. */
  SegmentsOut(FlagSet flags) {
    delimiter = flags.text("--delimiter", "C|whitespace",
        "Field delimiter of the inputs (default: detected; \\t for tab; whitespace for runs of spaces and tabs).");
    decimalComma = flags.toggle("--decimal-comma",
        "Numbers in the inputs use a decimal comma (12,50 is 12.5; a point separates thousands: 1.234,56).");
    out = flags.path("--out", "FILE.csv", "Output: customer_id,segment.").required();
  }

  /** How to read the inputs: --delimiter and --decimal-comma. */
  CsvInput.Options options() {
    return CsvInput.Options.of(delimiter.get(), decimalComma.get());
  }
}
