package dev.segmint.internal;

/**
 * The one meaning of a thread count in every Segmint option, builder and command: 0 for all available processors
 * (the default), n ≥ 1 for at most n worker threads. Results never depend on it. Internal to Segmint (not API).
 */
public final class Threads {
  private Threads() {}

  /**
   * The count itself when it is valid.
   *
   * @throws IllegalArgumentException for a negative count, with the rule
   */
  public static int check(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (all available processors) or more, got " + threads);
    }
    return threads;
  }

  /** The threads a valid count means: all available processors for 0, else the count itself. */
  public static int resolve(int threads) {
    return check(threads) == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** How a count reads in {@code toString}: {@code all} for 0. */
  public static String text(int threads) {
    return threads == 0 ? "all" : Integer.toString(threads);
  }
}
