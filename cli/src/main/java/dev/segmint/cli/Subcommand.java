package dev.segmint.cli;

import java.io.PrintWriter;

/**
 * One command of {@code segmint} ({@code rfm}, {@code segment}, ...): its name, its one-line header (the command list
 * of {@code segmint --help}), its description (its own help), its flags, and the work. A command declares its flags
 * as fields made by {@link #flags}, in the order its help lists them; {@link SegmintCommand#run} parses the command
 * line into them, sets {@link #stdout} and {@link #stderr}, and calls {@link #call()}.
 */
abstract class Subcommand {

  /** The name typed after {@code segmint}. */
  final String name;
  /** One line for the command list of {@code segmint --help}. */
  final String header;
  /** The paragraph of the command's own help. */
  final String description;
  /** The command's flags; field initialisers of the subclass declare into it, in help order. */
  final FlagSet flags = new FlagSet();

  /** Standard output (results meant for the terminal: profiles, the demo's summary). */
  PrintWriter stdout;
  /** Standard error (the command's messages: data quality, what was written). */
  PrintWriter stderr;

  Subcommand(String name, String header, String description) {
    this.name = name;
    this.header = header;
    this.description = description;
  }

  /**
   * Runs the command with its parsed flags.
   *
   * @return the exit code (0)
   * @throws Exception bad input ({@link BadInputException}, IllegalArgumentException, a missing file: exit 2) or an
   *     internal failure (exit 1), reported by {@link SegmintCommand#run}
   */
  abstract int call() throws Exception;
}
