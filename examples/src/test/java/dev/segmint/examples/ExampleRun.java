package dev.segmint.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/** Runs an example with its printed output captured, so that tests can check both its result and its tables. */
record ExampleRun<R>(R result, String output) {

  static Path data() {
    return Path.of(System.getProperty("segmint.data.dir"));
  }

  static <R> ExampleRun<R> of(Function<PrintStream, R> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    R result = example.apply(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new ExampleRun<>(result, bytes.toString(StandardCharsets.UTF_8));
  }

  /** Squared Euclidean distance, written out here so that the checks do not use the library's kernels. */
  static double squared(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }
}
