package dev.segmint.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The required transactions flags of {@code rfm} and {@code clv} (a picocli mixin): the file and its customer and
 * timestamp columns, with the timestamps' format. ({@code segment} and {@code assign} take the same columns as
 * optional flags in {@link RfmFlags}.)
 */
final class TransactionsFlags {

  @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Transactions CSV (.gz allowed).")
  Path transactions;

  @Option(names = "--customer", required = true, paramLabel = "COL", description = "Customer id column.")
  String customer;

  @Option(names = "--timestamp", required = true, paramLabel = "COL", description = "Timestamp column (date part counts).")
  String timestamp;

  @Option(names = "--timestamp-format", paramLabel = "PATTERN",
      description = "java.time pattern of the timestamps, e.g. dd-MM-yyyy (default: ISO yyyy-MM-dd[ HH:mm:ss]).")
  String timestampFormat;
}
