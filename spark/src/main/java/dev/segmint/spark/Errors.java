package dev.segmint.spark;

/** Brings an input error raised inside a Spark task back to the caller as the IllegalArgumentException it was. */
final class Errors {
  private Errors() {}

  /**
   * The first {@link IllegalArgumentException} in the cause chain of {@code e} (Spark wraps a task's exception in a
   * {@code SparkException}, which Scala throws undeclared), with its own message and {@code e} as the cause;
   * otherwise {@code e} itself when unchecked, else {@code e} wrapped in an IllegalStateException.
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof IllegalArgumentException iae) {
        return c == e ? iae : new IllegalArgumentException(iae.getMessage(), e);
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }
}
