package dev.segmint.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input delimiter and the {@code customer_id,segment} output of cluster, segment and assign (a picocli mixin). */
final class SegmentsOut {

  @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter of the inputs (default: detected; \\t for tab).")
  String delimiter;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output: customer_id,segment.")
  Path out;

  /** The delimiter, or null to detect it. */
  Character delimiter() {
    return RfmCommand.delimiter(delimiter);
  }
}
