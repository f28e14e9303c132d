package dev.segmint.cli;

/** Bad input found by the command line (a file, a flag value): exit code 2 with the message. */
final class BadInputException extends RuntimeException {
  BadInputException(String message) {
    super(message);
  }

  BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
