package dev.segmint.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes output files so that readers see the old file or the whole new one, never a partial file. Internal to
 * Segmint (not API): reports, model files, dendrogram CSVs and the command line's outputs all write through it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer w) throws IOException;
  }

  /** {@link #write(Path, Content)} of a string. */
  public static void writeString(Path file, String text) throws IOException {
    write(file, w -> w.write(text));
  }

  /**
   * Writes UTF-8 to a new temporary file beside {@code file} (created with the default permissions, unlike
   * {@code Files.createTempFile}'s owner-only ones), then renames it over {@code file}, atomically where the file
   * system allows. On any failure the temporary file is removed and the target is left as it was.
   */
  public static void write(Path file, Content content) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toHexString(System.nanoTime()) + ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        content.writeTo(w);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
