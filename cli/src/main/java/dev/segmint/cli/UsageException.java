package dev.segmint.cli;

/**
 * A command line that does not fit the command's flags: an unknown flag or command, a missing value or required
 * flag, a value that is not a number, exclusive flags together. {@link SegmintCommand#run} prints it as one line,
 * {@code segmint: <message> (see 'segmint <command> --help')}, and exits with {@link SegmintCommand#BAD_INPUT}.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
