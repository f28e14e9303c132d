package dev.segmint.cli;

import dev.segmint.ProgressListener;
import java.io.PrintWriter;

/** Progress of long runs on stderr, only when stderr is a terminal (a console is attached). */
final class Progress {
  private Progress() {}

  /** A listener that prints each phase's start and end on {@code err}, or the no-op when there is no terminal. */
  static ProgressListener onTerminal(PrintWriter err) {
    if (System.console() == null) {
      return ProgressListener.NONE;
    }
    long t0 = System.nanoTime();
    return (phase, done, total) -> {
      err.printf("segmint: %s %d/%d (%.1f s)%n", phase, done, total, (System.nanoTime() - t0) / 1e9);
      err.flush();
    };
  }
}
