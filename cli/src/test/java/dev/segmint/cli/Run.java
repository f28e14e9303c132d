package dev.segmint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code segmint} run, as the command-line tests see it: exit code, stdout and stderr. */
record Run(int code, String out, String err) {

  /** Runs {@link SegmintCommand#run} with these arguments and captures both streams. */
  static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SegmintCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }
}
