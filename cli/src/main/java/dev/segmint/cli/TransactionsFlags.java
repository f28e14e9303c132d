package dev.segmint.cli;

import java.nio.file.Path;

/**
 * The required transactions flags of {@code rfm} and {@code clv}: the file and its customer and timestamp columns,
 * with the timestamps' format. ({@code segment} and {@code assign} take the same columns as optional flags in
 * {@link RfmFlags}.)
 */
final class TransactionsFlags {

  final Flag<Path> transactions;
  final Flag<String> customer;
  final Flag<String> timestamp;
  final Flag<String> timestampFormat;

  /** Declares the flags into the command's set, in this order. */
  TransactionsFlags(FlagSet flags) {
    transactions = flags.path("--transactions", "FILE", "Transactions CSV (.gz allowed).").required();
    customer = flags.text("--customer", "COL", "Customer id column.").required();
    timestamp = flags.text("--timestamp", "COL", "Timestamp column (date part counts).").required();
    timestampFormat = flags.text("--timestamp-format", "PATTERN",
        "java.time pattern of the timestamps, e.g. dd-MM-yyyy (default: ISO yyyy-MM-dd[ HH:mm:ss]).");
  }
}
