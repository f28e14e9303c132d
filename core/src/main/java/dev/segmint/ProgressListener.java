package dev.segmint;

/**
 * Hears how far a long run is: {@link Segmentation#fit} reports each phase ({@code features}, {@code cluster},
 * {@code profiles}, {@code quality}) as it starts ({@code done = 0}) and ends ({@code done = total}). Called on the
 * thread that runs the fit; an implementation must be quick and must not throw.
 *
 * <pre>{@code
 * Segmentation.builder().kmeans(5).progress((phase, done, total) -> System.err.println(phase + " " + done + "/" + total))
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores every report (the default). */
  ProgressListener NONE = (phase, done, total) -> { };

  /**
   * One step of a phase.
   *
   * @param phase the phase's name
   * @param done steps of the phase done so far
   * @param total steps of the phase
   */
  void progress(String phase, long done, long total);
}
