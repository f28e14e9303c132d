package dev.segmint.internal;

import java.nio.file.Path;

/**
 * A child JVM for {@link AtomicFilesTest}: stages two outputs (the second one's writer blocks after a partial write),
 * prints "writing" when both temporary files exist, and waits to be killed.
 */
public final class BlockingWriter {
  private BlockingWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (AtomicFiles.Batch b = new AtomicFiles.Batch()) {
      b.write(dir.resolve("first.csv"), w -> w.write("new first\n"));
      b.write(dir.resolve("second.csv"), w -> {
        w.write("partial");
        w.flush();
        System.out.println("writing");
        System.out.flush();
        try {
          Thread.sleep(120_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      b.commit();
    }
    System.exit(3);   // never reached in the test: the parent sends SIGTERM while the writer blocks
  }
}
